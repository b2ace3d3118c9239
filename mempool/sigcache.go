package mempool

import (
	"sync"

	"chain33node/types"
)

// sigCacheGen is the size of one generation of remembered verdicts.
const sigCacheGen = 1 << 16

// sigCache remembers signature verdicts by full hash, in two generations
// (the older is dropped when the newer fills): a transaction refused after
// its verification (ErrDupTx, ErrNoBalance) and retried, gossiped again, or
// met again in a block costs no second verification.
type sigCache struct {
	mu        sync.Mutex
	cur, prev map[string]bool
}

func (c *sigCache) get(full []byte) (ok, found bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if ok, found = c.cur[string(full)]; found {
		return ok, true
	}
	ok, found = c.prev[string(full)]
	return ok, found
}

func (c *sigCache) put(full []byte, ok bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.putLocked(full, ok)
}

func (c *sigCache) putLocked(full []byte, ok bool) {
	if c.cur == nil || len(c.cur) >= sigCacheGen {
		c.prev, c.cur = c.cur, make(map[string]bool, 1024)
	}
	c.cur[string(full)] = ok
}

// verify checks tx's signature once per distinct encoding; a group
// carrier's are its members' signatures, every one of them.
func (p *Pool) verify(tx *types.Tx) bool {
	if ok, found := p.sigs.get(tx.FullHash); found {
		return ok
	}
	ok := true
	if tx.Group != nil {
		for _, m := range tx.Group {
			if ok = p.verify(m); !ok {
				break
			}
		}
	} else {
		ok = verifySignature(tx.Transaction)
	}
	p.sigs.put(tx.FullHash, ok)
	return ok
}

// MarkVerified records that the signatures of txs (a block's, as executed:
// group members one by one) were verified good elsewhere, by block
// validation, so that their gossip arriving later is not verified again.
func (p *Pool) MarkVerified(txs []*types.Tx) {
	p.sigs.mu.Lock()
	defer p.sigs.mu.Unlock()
	for _, tx := range txs {
		p.sigs.putLocked(tx.FullHash, true)
	}
}
