package mempool

import (
	"time"

	"chain33node/types"
)

// The admission horizon. Under overload a pool that admits up to
// poolCacheSize grows blocks to maxTxNumber and every height then takes
// seconds; so a client's transaction (Add, AddBatch) is admitted only while
// the pool holds less than what the chain commits in AdmitHorizon, at the
// commit rate measured from recent blocks, and never less than AdmitMinTxs
// (at start, after idle, and when the chain is slower than that). The
// rest is refused at once with ErrMemFull, so what is accepted commits
// within about the horizon and the blocks stay the size the chain handles
// well. The pool's size counts what peers gossiped too: every pool of the
// network holds about the same transactions, so each entry node admits
// what the network has room for, first come first served, whether the load
// arrives at one node or at all of them.
//
// The default horizon is 1 s ([mempool] admitHorizon). Measured with four
// validators on two cores at saturation: at 2 s the blocks grew and p99
// confirmation rose to 2.3-3.6 s at the same throughput; at 1 s p99 was
// 1.3-1.6 s; at 0.5 s the blocks were too small to carry the per-height
// cost and throughput fell by about a third.
//
// A transaction a peer gossiped (AddRelayed) was admitted by that peer
// under the same rule; it is admitted here up to poolCacheSize, beyond the
// horizon, because refusing it would leave it only in the pools of the
// nodes that took it, to be committed only when one of them proposes.
//
// Fairness among senders: once the pool holds three quarters of the
// horizon, a sender that holds twice the average of the senders in the pool
// (this one included) is refused with ErrManyTx, so one busy sender cannot
// take the room of the others; senders at even rates are never refused for
// it before the pool is full.

// DefaultAdmitMinTxs is Config.AdmitMinTxs when zero.
const DefaultAdmitMinTxs = 2000

// rateAlpha is the weight of the newest block in the commit-rate averages:
// the rate follows a change of load within a few blocks.
const rateAlpha = 0.3

// rateMeter measures the commit rate as an exponentially weighted average of
// block sizes over one of block intervals. An interval runs from the later
// of the previous commit and the moment the pool stopped being empty, so
// idle time (nothing to commit) does not count as slowness; an empty block
// over an empty pool is not a sample.
//
// The rate is the chain's capacity only while the pool is near its horizon:
// below it, a block holds what clients sent, and a slower block says the load
// fell, not that the chain slowed. Such a block may raise the rate, never
// lower it; otherwise a load well under the chain's capacity made the
// capacity its own rate, and one slow height then refused the load's excess
// over it (8 % of a paced 3,000 tx/s refused by a chain that had committed
// 4,897). A chain that does slow lets its pool fill, and those blocks count.
//
// Under saturation the rate is a weak measure of capacity. The pool counts
// a block's transactions until its write's listener removes them, so while
// a large block is voted on little is admitted: blocks alternate large and
// small, two carry about the cap, and a height lasts about as long whatever
// its block (536-757 ms + -22 to +88 µs a transaction, fitted over blocks of
// 400-5,500 with four validators on two cores). The rate is then about
// cap / (2 × interval), and the cap settles where the transactions peers
// relay beyond it hold it: at 2x the peak, a median of 3,377 in one run and
// the floor in another.
//
// Two rules that let the pool hold more were measured and not taken (four
// validators on two cores, fresh clusters each run): counting only the
// transactions that wait, not those of a proposed block, against a horizon
// of 0.7 s (0.5 s was worse throughout); and the horizon's worth plus an
// average block. The first raised the committed rate as fast as 256 senders
// could send and at twice that (medians of four runs 4,064 and 3,512 tx/s,
// against 3,822 and 3,108 of six), and p99 at twice the peak with it (3.3 s
// against 3.0); the second p99 to 4.7-5.0 s. Neither refused less of a
// paced 3,000 tx/s on a fresh cluster (0.6-7 % refused by the first, 0.3-16
// % by this rule): a rule that leaves a paced load room to spare leaves it
// to an overload too, as both commit at about the same rate. Nor did a cap
// that shrank when a block's oldest transaction had waited over 1.5 s and
// grew otherwise while the pool was near it (one run: 2.7 % refused, p99
// 3.8 s at twice the peak).
type rateMeter struct {
	lastCommit time.Time
	busySince  time.Time // when the pool last went from empty to not empty
	txs, secs  float64   // averages of block sizes and intervals
}

// committed records a block of n transactions committed at now; waiting
// says whether the pool held transactions before the block, and near
// whether it held three quarters of its capacity or more.
func (m *rateMeter) committed(n int, now time.Time, waiting, near bool) {
	start := m.lastCommit
	if m.busySince.After(start) {
		start = m.busySince
	}
	m.lastCommit = now
	if start.IsZero() || n == 0 && !waiting {
		return
	}
	dt := now.Sub(start).Seconds()
	if dt <= 0 {
		return
	}
	if m.secs == 0 {
		m.txs, m.secs = float64(n), dt
		return
	}
	if !near && float64(n)/dt < m.rate() {
		return // the load's rate, not the chain's
	}
	m.txs += rateAlpha * (float64(n) - m.txs)
	m.secs += rateAlpha * (dt - m.secs)
}

// rate is the measured commit rate in transactions per second (0 before
// the first sample).
func (m *rateMeter) rate() float64 {
	if m.secs == 0 {
		return 0
	}
	return m.txs / m.secs
}

// capacityLocked is how many transactions the pool admits from clients:
// the horizon's worth at the measured rate, at least AdmitMinTxs, at most
// poolCacheSize. Without a horizon it is poolCacheSize.
func (p *Pool) capacityLocked() int {
	if p.cfg.AdmitHorizon <= 0 {
		return p.cfg.PoolCacheSize
	}
	c := max(int(p.meter.rate()*p.cfg.AdmitHorizon.Seconds()), p.cfg.AdmitMinTxs)
	return min(c, p.cfg.PoolCacheSize)
}

// nearCapacityLocked reports whether the pool holds three quarters of its
// capacity or more: where the fairness rule starts, and where a block's pace
// is the chain's (rateMeter).
func (p *Pool) nearCapacityLocked() bool { return 4*p.queued >= 3*p.capacityLocked() }

// overShareLocked reports whether the sender of a client's tx holds twice
// the average of the senders in the pool (this one included) while the
// pool is three-quarters full.
func (p *Pool) overShareLocked(from string) bool {
	if p.cfg.AdmitHorizon <= 0 || !p.nearCapacityLocked() {
		return false
	}
	held := p.perAcct[from]
	senders := len(p.perAcct)
	if held == 0 {
		senders++
	}
	return held >= max(2*p.queued/senders, 1)
}

// weight is the number of transactions tx stands for in the pool: a group
// carrier counts its members.
func weight(tx *types.Tx) int { return max(len(tx.Group), 1) }

// Admission describes the horizon now (metrics, logs).
type Admission struct {
	Rate     float64 // measured commit rate, tx/s
	Capacity int     // transactions the pool admits from clients
	Queued   int     // transactions in the pool (a group counts its members)
}

// Admission returns the horizon's figures.
func (p *Pool) Admission() Admission {
	p.mu.RLock()
	defer p.mu.RUnlock()
	return Admission{Rate: p.meter.rate(), Capacity: p.capacityLocked(), Queued: p.queued}
}
