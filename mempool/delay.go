package mempool

import (
	"sort"

	"chain33node/types"
)

// Delayed transactions (the reference's mempool delay cache): a none
// CommitDelayTx committed in a block, or SendDelayTransaction, hands a
// signed transaction to the pool to be admitted only once a block with a
// time of at least its due time has been committed. Like the reference's,
// the queue lives in memory: a node that restarts forgets what it held (the
// other nodes still admit and gossip it).

type delayed struct {
	tx  *types.Tx
	due int64
}

// Delay holds tx until a block with time ≥ due is committed (see Update).
// A transaction already held is not held twice (ErrDupTx); the queue holds
// at most half the pool's capacity (ErrMemFull), as the reference's.
func (p *Pool) Delay(tx *types.Tx, due int64) error {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.delayedHashes[string(tx.Hash)] {
		return types.ErrDupTx
	}
	if len(p.delayed) >= p.cfg.PoolCacheSize/2 {
		return types.ErrMemFull
	}
	p.delayedHashes[string(tx.Hash)] = true
	i := sort.Search(len(p.delayed), func(i int) bool { return p.delayed[i].due > due })
	p.delayed = append(p.delayed, delayed{})
	copy(p.delayed[i+1:], p.delayed[i:])
	p.delayed[i] = delayed{tx: tx, due: due}
	return nil
}

// DelayedLen is the number of transactions held for later.
func (p *Pool) DelayedLen() int {
	p.mu.RLock()
	defer p.mu.RUnlock()
	return len(p.delayed)
}

// takeDueLocked removes and returns the held transactions due at blockTime.
func (p *Pool) takeDueLocked(blockTime int64) []*types.Tx {
	n := sort.Search(len(p.delayed), func(i int) bool { return p.delayed[i].due > blockTime })
	if n == 0 {
		return nil
	}
	out := make([]*types.Tx, n)
	for i, d := range p.delayed[:n] {
		out[i] = d.tx
		delete(p.delayedHashes, string(d.tx.Hash))
	}
	p.delayed = append(p.delayed[:0:0], p.delayed[n:]...)
	return out
}
