package mempool

import (
	"runtime"
	"sync"
	"sync/atomic"
	"time"

	"chain33node/types"
)

// verifySignatures is the signature check (of one transaction or a batch);
// tests count calls through it.
var verifySignatures = types.VerifySignatures

// expireMargin is how far in the future a time-based expire must be at
// admission (seconds), as the reference.
const expireMargin = 60

// tri is a lazily computed yes/no.
type tri uint8

const (
	unknown tri = iota
	yes
	no
)

// origin is where a tx comes from: a client of this node, or a peer that
// admitted it first (horizon.go).
type origin uint8

const (
	fromClient origin = iota
	fromPeer
)

// cand is what is known about one tx on its way into the pool. Results that
// depend only on the tx bytes (signature) or on the chain are computed outside
// the pool lock, each at most once; checks on pool state are redone under the
// lock at the final decision.
type cand struct {
	tx       *types.Tx
	from     origin
	err      error // result of the checks that need no pool or chain state
	expired  bool
	sig      tri
	onChain  tri
	chainErr error // HasTx failed: onChain is yes, and the tx is refused with it
	execOK   tri
	execErr  error

	// AddBatch planning
	chainNow bool // verified in the parallel phase: also ask the chain there
	sigOf    int  // 1 + index of the batch tx with the same full hash, 0 if none
}

// need names the result admit must compute outside the lock before it can
// decide.
type need uint8

const (
	needNone need = iota
	needSig
	needHasTx
	needCheckTx
)

// Add checks a client's tx in the reference order, except that a full pool
// (beyond the admission horizon, horizon.go) refuses it with ErrMemFull
// before its signature is verified, and admits it, returning the first
// failed check's error. Its signature is verified at most once, and not at
// all if a cheaper check fails first or the same bytes are already pooled.
func (p *Pool) Add(tx *types.Tx) error {
	c := cand{tx: tx, err: p.checkStatic(tx, p.accepting())}
	if c.err == nil {
		var height int64
		if tx.Expire > 0 && tx.Expire <= types.ExpireBound || tx.Group != nil {
			height, _ = p.chain.Head()
		}
		c.expired = expired(tx, height, p.Now())
		c.err = p.admit(&c)
	}
	if c.err == nil && p.OnAdmit != nil {
		p.OnAdmit([]*types.Tx{tx})
	}
	return c.err
}

// AddBatch admits clients' txs as len(txs) sequential Add calls would, and
// returns tx i's error as result[i]. First the checks that need no state run,
// then the signatures of the txs that may still be admitted are verified in
// parallel on GOMAXPROCS workers (together with the chain's HasTx and
// CheckTx), and finally the txs are admitted in order. Txs that the pool
// state at the start predicts to fail before the signature check (ErrManyTx)
// or at the duplicate check are not verified up front; if the prediction
// turns out wrong, the missing result is computed when that tx's turn comes,
// so results always equal sequential Add.
func (p *Pool) AddBatch(txs []*types.Tx) []error { return p.addBatch(txs, fromClient) }

// AddRelayed admits txs that a peer admitted and gossiped, and delayed txs
// that came due: up to poolCacheSize, not limited by the admission horizon
// (horizon.go). Nobody waits for its errors, so the checks run cheapest
// first, whatever the reference's order: a tx that is pooled or committed
// already, or that finds the pool full, costs no signature verification.
func (p *Pool) AddRelayed(txs []*types.Tx) []error { return p.addBatch(txs, fromPeer) }

func (p *Pool) addBatch(txs []*types.Tx, from origin) []error {
	errs := make([]error, len(txs))
	if len(txs) == 0 {
		return errs
	}
	cs := make([]cand, len(txs))
	synced := p.accepting()
	height, _ := p.chain.Head()
	now := p.Now()
	parallel(len(txs), func(i int) {
		c := &cs[i]
		c.tx, c.from = txs[i], from
		if c.err = p.checkStatic(c.tx, synced); c.err == nil {
			c.expired = expired(c.tx, height, now)
		}
	})

	work := p.plan(cs)
	if from == fromPeer {
		parallel(len(work), func(k int) {
			if c := &cs[work[k]]; c.chainNow {
				p.resolve(c, needHasTx) // committed before its gossip arrived: no verification
			}
		})
	}
	p.verifyAll(cs, work)
	parallel(len(work), func(k int) {
		c := &cs[work[k]]
		if c.onChain == yes {
			return
		}
		c.sig = boolTri(p.verify(c.tx))
		if c.sig == yes && c.chainNow {
			if c.onChain == unknown {
				p.resolve(c, needHasTx)
			}
			if c.onChain == no {
				p.resolve(c, needCheckTx)
			}
		}
	})
	for i := range cs {
		if j := cs[i].sigOf; j > 0 {
			cs[i].sig = cs[j-1].sig
		}
	}

	admitted := make([]*types.Tx, 0, len(txs))
	for i := range cs {
		c := &cs[i]
		if c.err == nil {
			c.err = p.admit(c)
		}
		if errs[i] = c.err; c.err == nil {
			admitted = append(admitted, c.tx)
		}
	}
	if len(admitted) > 0 && p.OnAdmit != nil {
		p.OnAdmit(admitted)
	}
	return errs
}

// plan decides, from the pool state now, which batch txs to verify and check
// against the chain in the parallel phase, and returns their indexes. Each
// distinct full hash is verified once; bytes already pooled are known good.
func (p *Pool) plan(cs []cand) []int {
	work := make([]int, 0, len(cs))
	slots := make(map[string]int)     // sender → batch txs expected to take a slot
	firstFull := make(map[string]int) // full hash → batch index that verifies it
	hashes := make(map[string]struct{}, len(cs))
	p.mu.RLock()
	defer p.mu.RUnlock()
	for i := range cs {
		c := &cs[i]
		if c.err != nil || c.expired {
			continue
		}
		from := c.tx.From()
		if p.perAcct[from]+slots[from] >= p.cfg.MaxTxNumPerAccount || p.tooMany(c.tx) {
			continue // predicted ErrManyTx
		}
		h := string(c.tx.Hash)
		if c.from == fromClient && p.fullLocked(c.tx) && p.byHash[h] == nil {
			continue // predicted ErrMemFull, checked before the signature
		}
		if c.from == fromPeer {
			if _, dup := hashes[h]; dup || p.byHash[h] != nil || p.n+len(hashes) >= p.cfg.PoolCacheSize {
				continue // predicted ErrDupTx or ErrMemFull, checked before the signature for peers
			}
		}
		full := string(c.tx.FullHash)
		if p.byFull[full] != nil {
			c.sig = yes
		} else if j, ok := firstFull[full]; ok {
			c.sigOf = j + 1
		} else {
			firstFull[full] = i
			work = append(work, i)
		}
		if _, dup := hashes[h]; dup || p.byHash[h] != nil {
			continue // predicted ErrDupTx
		}
		hashes[h] = struct{}{}
		c.chainNow = true
		slots[from]++
	}
	return work
}

// admit decides on c under the pool lock, leaving the lock to compute each
// missing result (signature, HasTx, CheckTx) when the decision needs it.
func (p *Pool) admit(c *cand) error {
	for {
		p.mu.Lock()
		n, err := p.decideLocked(c)
		p.mu.Unlock()
		if n == needNone {
			return err
		}
		p.resolve(c, n)
	}
}

// decideLocked runs the checks from ErrManyTx on in the reference order with
// a full pool before the signature (a client's tx) or cheapest first (a
// peer's) and inserts c.tx if all pass.
// It returns needX instead when the next check needs a result not computed
// yet.
func (p *Pool) decideLocked(c *cand) (need, error) {
	tx := c.tx
	if p.perAcct[tx.From()] >= p.cfg.MaxTxNumPerAccount || p.tooMany(tx) {
		return needNone, types.ErrManyTx
	}
	if c.from == fromPeer {
		return p.decideRelayedLocked(c)
	}
	if p.overShareLocked(tx.From()) {
		return needNone, types.ErrManyTx
	}
	if c.expired {
		return needNone, types.ErrTxExpire
	}
	if p.fullLocked(tx) && p.byHash[string(tx.Hash)] == nil {
		// Before the signature, unlike the reference (which checks it last): under overload most
		// transactions are refused, and a refusal must not cost a verification, or the node spends on
		// what it refuses the CPU that would commit what it admitted.
		return needNone, types.ErrMemFull
	}
	if c.sig == unknown {
		if p.byFull[string(tx.FullHash)] == nil {
			return needSig, nil
		}
		c.sig = yes // these exact bytes were verified at their admission
	}
	if c.sig == no {
		return needNone, types.ErrSign
	}
	switch {
	case c.onChain == unknown:
		return needHasTx, nil
	case c.chainErr != nil:
		return needNone, c.chainErr
	case c.onChain == yes:
		return needNone, types.ErrDupTx
	}
	if p.byHash[string(tx.Hash)] != nil {
		return needNone, types.ErrDupTx
	}
	switch c.execOK {
	case unknown:
		return needCheckTx, nil
	case no:
		return needNone, c.execErr
	}
	if p.fullLocked(tx) {
		return needNone, types.ErrMemFull
	}
	p.insertLocked(tx)
	return needNone, nil
}

// fullLocked reports whether the pool has no room for tx.
func (p *Pool) fullLocked(tx *types.Tx) bool {
	return p.n >= p.cfg.PoolCacheSize || p.queued+weight(tx) > p.capacityLocked()
}

// decideRelayedLocked is decideLocked for a peer's tx: the checks on pool
// state and the chain's duplicate check come before the signature.
func (p *Pool) decideRelayedLocked(c *cand) (need, error) {
	tx := c.tx
	switch {
	case c.expired:
		return needNone, types.ErrTxExpire
	case p.byHash[string(tx.Hash)] != nil:
		return needNone, types.ErrDupTx
	case p.n >= p.cfg.PoolCacheSize:
		return needNone, types.ErrMemFull
	case c.onChain == unknown:
		return needHasTx, nil
	case c.chainErr != nil:
		return needNone, c.chainErr
	case c.onChain == yes:
		return needNone, types.ErrDupTx
	}
	switch {
	case c.sig == unknown:
		return needSig, nil // not pooled (no dup by hash), so never verified here
	case c.sig == no:
		return needNone, types.ErrSign
	case c.execOK == unknown:
		return needCheckTx, nil
	case c.execOK == no:
		return needNone, c.execErr
	}
	p.insertLocked(tx)
	return needNone, nil
}

// resolve computes one missing result of c; never called under the lock.
func (p *Pool) resolve(c *cand, n need) {
	switch n {
	case needSig:
		c.sig = boolTri(p.verify(c.tx))
	case needHasTx:
		on, err := p.onChain(c.tx)
		c.onChain, c.chainErr = boolTri(on || err != nil), err
	case needCheckTx:
		c.execErr = p.chain.CheckTx(c.tx)
		c.execOK = boolTri(c.execErr == nil)
	}
}

// tooMany reports a group member whose sender already has its share of the
// pool (the reference checks each member's sender; the group occupies a
// slot of its first member's only). Called under the lock.
func (p *Pool) tooMany(tx *types.Tx) bool {
	for _, m := range tx.Group {
		if p.perAcct[m.From()] >= p.cfg.MaxTxNumPerAccount {
			return true
		}
	}
	return false
}

// onChain reports whether tx, or any member of a group, is committed.
func (p *Pool) onChain(tx *types.Tx) (bool, error) {
	if tx.Group == nil {
		return p.chain.HasTx(tx.Hash)
	}
	for _, m := range tx.Group {
		if on, err := p.chain.HasTx(m.Hash); on || err != nil {
			return on, err
		}
	}
	return false, nil
}

// checkStatic runs the checks that need neither pool nor chain state, in the
// reference order: sync, then the stateless transaction rules (which decode
// a group carrier's members into tx.Group and check the group).
func (p *Pool) checkStatic(tx *types.Tx, synced bool) error {
	if !synced {
		return types.ErrNotSync
	}
	return types.CheckTx(tx, p.rules)
}

// expired reports whether tx can no longer be admitted: expired for the next
// block (height+1 at now), or a time-based expire less than a minute ahead;
// a group when any member is.
func expired(tx *types.Tx, height int64, now time.Time) bool {
	for _, m := range tx.Group {
		if expired(m, height, now) {
			return true
		}
	}
	sec := now.Unix()
	if types.IsExpired(tx.Transaction, height+1, sec) {
		return true
	}
	return tx.Expire > types.ExpireBound && tx.Expire < sec+expireMargin
}

func boolTri(b bool) tri {
	if b {
		return yes
	}
	return no
}

// parallel runs f(0..n-1) on at most GOMAXPROCS goroutines.
func parallel(n int, f func(i int)) {
	workers := min(runtime.GOMAXPROCS(0), n)
	if workers <= 1 {
		for i := range n {
			f(i)
		}
		return
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for {
				i := int(next.Add(1)) - 1
				if i >= n {
					return
				}
				f(i)
			}
		})
	}
	wg.Wait()
}
