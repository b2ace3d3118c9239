package mempool

import (
	"container/heap"
	"runtime"
	"sync"
	"sync/atomic"
	"time"

	"chain33node/types"
)

// Config holds the [mempool] keys the pool uses. Zero values of
// PoolCacheSize, MaxTxNumPerAccount and MaxTxFee take the reference defaults
// (10240, 100, 1e9), as chain33 does.
type Config struct {
	PoolCacheSize      int   // max txs in pool (ErrMemFull)
	MaxTxNumPerAccount int   // max txs per sender in pool (ErrManyTx beyond)
	MinTxFeeRate       int64 // 0 ⇒ no fee/chainID checks (as the reference)
	MaxTxFee           int64 // ErrTxFeeTooHigh above
	ChainID            int32
	ForceAccept        bool // accept before the node is synced

	// AdmitHorizon admits clients' transactions only while the pool holds
	// less than the chain commits in this time (horizon.go); 0: no horizon,
	// only PoolCacheSize (the reference).
	AdmitHorizon time.Duration
	// AdmitMinTxs is the least the horizon admits (0: DefaultAdmitMinTxs).
	AdmitMinTxs int
}

// Reference defaults for zero Config values.
const (
	DefaultPoolCacheSize      = 10240
	DefaultMaxTxNumPerAccount = 100
	DefaultMaxTxFee           = 1e9
)

// Chain is what the pool needs from the rest of the node (implemented by
// package chain). Its methods are called concurrently and never under the
// pool lock, so an implementation may call back into the pool.
type Chain interface {
	// Head returns the height and block time of the latest committed block.
	Head() (height, blockTime int64)
	// HasTx reports whether a tx with this hash is already on chain; an
	// error (the store could not be read) refuses the tx with that error.
	HasTx(hash []byte) (bool, error)
	// CheckTx runs the executor checks against the latest state, including
	// the fee balance (ErrNoBalance).
	CheckTx(tx *types.Tx) error
}

// Pool is a FIFO transaction pool. It is safe for concurrent use.
type Pool struct {
	// Now is the wall clock for time-based expiry at admission; New sets it
	// to time.Now. Replace it (tests) before the pool is used.
	Now func() time.Time
	// OnAdmit, when set before the pool is used, receives the transactions
	// admitted by each Add or AddBatch call, in admission order, so that p2p
	// can gossip them. It runs on the caller's goroutine without the pool
	// lock held and must not modify the slice's transactions.
	OnAdmit func([]*types.Tx)

	cfg    Config
	rules  types.Rules
	sigs   sigCache
	checks chan struct{} // slots for signature checks running (verify)
	chain  Chain
	synced atomic.Bool

	mu       sync.RWMutex
	byHash   map[string]*entry // tx hash → entry
	byFull   map[string]*entry // full hash → entry (Verified)
	members  map[string]*entry // full hash of a group member → its group's entry (Verified)
	perAcct  map[string]int    // sender → txs in pool
	root     entry             // sentinel of the FIFO ring: root.next is the oldest
	n        int
	queued   int        // transactions in the pool, a group's members each (horizon.go)
	meter    rateMeter  // commit rate (horizon.go)
	byHeight expiryHeap // txs with 0 < expire ≤ ExpireBound, by expire
	byTime   expiryHeap // txs with expire > ExpireBound, by expire

	delayed       []delayed // held for later, by due time (delay.go)
	delayedHashes map[string]bool
}

// entry is one pooled transaction: a node of the FIFO ring and of at most one
// expiry heap.
type entry struct {
	tx         *types.Tx
	prev, next *entry
	heapIdx    int // index in byHeight or byTime, -1 if in neither
}

// New returns an empty pool that asks c about chain state.
func New(cfg Config, c Chain) *Pool {
	if cfg.PoolCacheSize <= 0 {
		cfg.PoolCacheSize = DefaultPoolCacheSize
	}
	if cfg.MaxTxNumPerAccount <= 0 {
		cfg.MaxTxNumPerAccount = DefaultMaxTxNumPerAccount
	}
	if cfg.MaxTxFee <= 0 {
		cfg.MaxTxFee = DefaultMaxTxFee
	}
	if cfg.AdmitMinTxs <= 0 {
		cfg.AdmitMinTxs = DefaultAdmitMinTxs
	}
	p := &Pool{
		Now:     time.Now,
		cfg:     cfg,
		rules:   types.Rules{MinTxFeeRate: cfg.MinTxFeeRate, MaxTxFee: cfg.MaxTxFee, ChainID: cfg.ChainID},
		chain:   c,
		checks:  make(chan struct{}, runtime.GOMAXPROCS(0)),
		byHash:  make(map[string]*entry),
		byFull:  make(map[string]*entry),
		members: make(map[string]*entry),

		delayedHashes: make(map[string]bool),
		perAcct:       make(map[string]int),
	}
	p.root.next, p.root.prev = &p.root, &p.root
	return p
}

// SetSynced reports whether the node has caught up with its peers. Like the
// reference the flag latches: once true, later false reports are ignored.
func (p *Pool) SetSynced(synced bool) {
	if synced {
		p.synced.Store(true)
	}
}

func (p *Pool) accepting() bool { return p.cfg.ForceAccept || p.synced.Load() }

// Has reports whether a tx with this hash is in the pool.
func (p *Pool) Has(hash []byte) bool {
	p.mu.RLock()
	defer p.mu.RUnlock()
	return p.byHash[string(hash)] != nil
}

// Get returns the pooled tx with this hash, or nil.
func (p *Pool) Get(hash []byte) *types.Tx {
	p.mu.RLock()
	defer p.mu.RUnlock()
	if e := p.byHash[string(hash)]; e != nil {
		return e.tx
	}
	return nil
}

// ByFullHash returns, for each full hash, the transaction of a block that
// the pool holds under it (a plain transaction or a group's member), nil
// where it holds none: a compact proposal is filled from these.
func (p *Pool) ByFullHash(hashes [][]byte) []*types.Transaction {
	out := make([]*types.Transaction, len(hashes))
	p.mu.RLock()
	defer p.mu.RUnlock()
	for i, h := range hashes {
		if e := p.members[string(h)]; e != nil {
			for _, m := range e.tx.Group {
				if string(m.FullHash) == string(h) {
					out[i] = m.Transaction
				}
			}
		} else if e := p.byFull[string(h)]; e != nil && e.tx.Group == nil {
			out[i] = e.tx.Transaction
		}
	}
	return out
}

// Verified reports whether these exact bytes had their signature checked
// and found good here: pooled, or verified recently though refused (a full
// pool) or removed, so block validation can skip re-verifying it. It is keyed
// by the full hash because the tx hash covers neither the signature nor the
// header.
func (p *Pool) Verified(tx *types.Tx) bool {
	p.mu.RLock()
	pooled := p.byFull[string(tx.FullHash)] != nil || p.members[string(tx.FullHash)] != nil
	p.mu.RUnlock()
	if pooled {
		return true
	}
	ok, found := p.sigs.get(tx.FullHash)
	return ok && found
}

// Size returns the number of pooled txs.
func (p *Pool) Size() int {
	p.mu.RLock()
	defer p.mu.RUnlock()
	return p.n
}

// Pending returns the oldest txs, at most maxTxs of them and at most maxBytes
// of total Size, stopping at the first tx that does not fit (no skipping, so
// the proposer keeps FIFO order). A limit ≤ 0 means no limit. Txs for which
// leave (if not nil) is true are passed over: those of a block being
// written, which Update will remove. The txs stay in the pool until Update
// removes them.
func (p *Pool) Pending(maxTxs, maxBytes int, leave func(*types.Tx) bool) []*types.Tx {
	p.mu.RLock()
	defer p.mu.RUnlock()
	var out []*types.Tx
	bytes := 0
	for e := p.root.next; e != &p.root; e = e.next {
		if leave != nil && leave(e.tx) {
			continue
		}
		if maxTxs > 0 && len(out) >= maxTxs {
			break
		}
		if maxBytes > 0 && bytes+e.tx.Size > maxBytes {
			break
		}
		bytes += e.tx.Size
		out = append(out, e.tx)
	}
	return out
}

// Txs returns up to limit pooled txs (all if limit ≤ 0), oldest first.
func (p *Pool) Txs(limit int) []*types.Tx {
	p.mu.RLock()
	defer p.mu.RUnlock()
	if limit <= 0 || limit > p.n {
		limit = p.n
	}
	out := make([]*types.Tx, 0, limit)
	for e := p.root.next; e != &p.root && len(out) < limit; e = e.next {
		out = append(out, e.tx)
	}
	return out
}

// Update is called after the block at height with blockTime is committed: it
// removes the committed txs (by hash) and evicts the txs that are expired for
// the next block (height+1, not later than blockTime), freeing their senders'
// slots; then it admits the delayed transactions now due (see Delay), with
// every admission check. Its cost is proportional to the txs removed and
// admitted.
func (p *Pool) Update(height, blockTime int64, committed []*types.Tx) {
	due := p.update(height, blockTime, committed)
	if len(due) > 0 {
		p.AddRelayed(due) // a due tx that fails a check (expired, spent...) is dropped
	}
}

func (p *Pool) update(height, blockTime int64, committed []*types.Tx) []*types.Tx {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.meter.committed(len(committed), p.Now(), p.n > 0, p.nearCapacityLocked())
	for _, t := range committed {
		if e := p.byHash[string(t.Hash)]; e != nil {
			p.removeLocked(e)
		}
	}
	for len(p.byHeight) > 0 && p.byHeight[0].tx.Expire <= height+1 {
		p.removeLocked(p.byHeight[0])
	}
	for len(p.byTime) > 0 && p.byTime[0].tx.Expire <= blockTime {
		p.removeLocked(p.byTime[0])
	}
	return p.takeDueLocked(blockTime)
}

func (p *Pool) insertLocked(tx *types.Tx) {
	e := &entry{tx: tx, heapIdx: -1}
	p.byHash[string(tx.Hash)] = e
	p.byFull[string(tx.FullHash)] = e
	for _, m := range tx.Group {
		p.members[string(m.FullHash)] = e
	}
	p.perAcct[tx.From()]++
	e.prev, e.next = p.root.prev, &p.root
	e.prev.next, p.root.prev = e, e
	if p.n == 0 {
		p.meter.busySince = p.Now()
	}
	p.n++
	p.queued += weight(tx)
	if h := p.heapOf(tx); h != nil {
		heap.Push(h, e)
	}
}

func (p *Pool) removeLocked(e *entry) {
	tx := e.tx
	delete(p.byHash, string(tx.Hash))
	delete(p.byFull, string(tx.FullHash))
	for _, m := range tx.Group {
		delete(p.members, string(m.FullHash))
	}
	if c := p.perAcct[tx.From()]; c <= 1 {
		delete(p.perAcct, tx.From())
	} else {
		p.perAcct[tx.From()] = c - 1
	}
	e.prev.next, e.next.prev = e.next, e.prev
	e.prev, e.next = nil, nil
	p.n--
	p.queued -= weight(tx)
	if h := p.heapOf(tx); h != nil && e.heapIdx >= 0 {
		heap.Remove(h, e.heapIdx)
	}
}

// heapOf returns the expiry heap that tracks tx, or nil if it never expires.
func (p *Pool) heapOf(tx *types.Tx) *expiryHeap {
	switch {
	case tx.Expire <= 0:
		return nil
	case tx.Expire <= types.ExpireBound:
		return &p.byHeight
	default:
		return &p.byTime
	}
}

// expiryHeap is a min-heap of entries by expire (container/heap), keeping
// each entry's index so any entry can be removed in O(log n).
type expiryHeap []*entry

func (h expiryHeap) Len() int           { return len(h) }
func (h expiryHeap) Less(i, j int) bool { return h[i].tx.Expire < h[j].tx.Expire }
func (h expiryHeap) Swap(i, j int) {
	h[i], h[j] = h[j], h[i]
	h[i].heapIdx, h[j].heapIdx = i, j
}

func (h *expiryHeap) Push(x any) {
	e := x.(*entry)
	e.heapIdx = len(*h)
	*h = append(*h, e)
}

func (h *expiryHeap) Pop() any {
	old := *h
	e := old[len(old)-1]
	old[len(old)-1] = nil
	*h = old[:len(old)-1]
	e.heapIdx = -1
	return e
}
