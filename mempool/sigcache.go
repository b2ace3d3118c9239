package mempool

import (
	"runtime"
	"sync"

	"chain33node/crypto"
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
//
// At most GOMAXPROCS checks run at once (check); the other callers wait
// parked. A check is a cgo call into libsecp256k1 of 30-50 µs, and a cgo
// call over 20 µs lets the runtime hand its processor to another thread: a
// node answering a thousand SendTransaction requests at once ran dozens of
// checks on as many threads, time-sliced on its cores with its consensus.
// Four validators and the client on two cores, paced at 6,600 tx/s (twice
// their peak, up to 4,096 in flight), in turns: 2,993 and 3,289 tx/s
// committed against 2,538 and 3,018 without the bound, p99 from the post
// 3.0 and 2.4 s against 4.0 and 2.5 s (with the bound on every libsecp256k1
// call, an earlier form: 3,281 and 3,368 against 2,984 and 3,226; no change
// at 256 senders as fast as they can; one validator 10,930-11,900 against
// 10,799-11,211). BenchmarkAddContended: 22.3-23.5 µs a tx against
// 23.7-26.1. Block validation checks outside the pool, on workers of its
// own: it never waits behind the clients' checks.
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
		ok = p.check(tx.Transaction)
	}
	p.sigs.put(tx.FullHash, ok)
	return ok
}

// check verifies one signature in one of the p.checks slots.
func (p *Pool) check(tx *types.Transaction) bool {
	ok := []bool{false}
	p.checkAll([]*types.Transaction{tx}, ok)
	return ok[0]
}

// checkAll verifies a batch of signatures together (types.VerifySignatures)
// in one of the p.checks slots.
func (p *Pool) checkAll(ts []*types.Transaction, ok []bool) {
	p.checks <- struct{}{}
	defer func() { <-p.checks }() // a panicking check must not keep its slot
	verifySignatures(ts, ok)
}

// verifyAll verifies the signatures batch candidates work need (neither
// group carriers, whose members verify goes through, nor known on chain,
// nor cached) ahead of their admission, in batches on up to GOMAXPROCS
// workers: a batch's secp256k1 checks cost about three quarters of one at
// a time (crypto/internal/keytab). The verdicts go to the cache, where
// verify finds them.
func (p *Pool) verifyAll(cs []cand, work []int) {
	var ts []*types.Tx
	for _, k := range work {
		c := &cs[k]
		if c.tx.Group != nil || c.onChain == yes {
			continue
		}
		if _, found := p.sigs.get(c.tx.FullHash); !found {
			ts = append(ts, c.tx)
		}
	}
	if len(ts) == 0 {
		return
	}
	size := min(crypto.MaxBatch, (len(ts)+runtime.GOMAXPROCS(0)-1)/runtime.GOMAXPROCS(0))
	parallel((len(ts)+size-1)/size, func(b int) {
		batch := ts[b*size : min((b+1)*size, len(ts))]
		txs := make([]*types.Transaction, len(batch))
		for i, tx := range batch {
			txs[i] = tx.Transaction
		}
		ok := make([]bool, len(batch))
		p.checkAll(txs, ok)
		p.sigs.mu.Lock()
		defer p.sigs.mu.Unlock()
		for i, tx := range batch {
			p.sigs.putLocked(tx.FullHash, ok[i])
		}
	})
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
