package load

import (
	"sync"
	"sync/atomic"
	"time"
)

// Open is the open-loop client: senders post the transactions in order, each
// once, to the nodes in turn, as fast as they can or at a fixed rate overall,
// whatever the nodes answer, as independent users do. A transaction is
// acknowledged when the node answers with its hash and refused otherwise: the
// error is counted and the transaction is not retried. The client does not
// slow down when the nodes do, so backlogs and refusals show.
type Open struct {
	mu         sync.Mutex
	cond       *sync.Cond
	items      []Item
	index      map[string]int
	rec        []Record
	next       int
	sealed     bool // no more items will be added
	stopped    bool
	refused    map[string]int // every refused attempt, by error
	acked      int
	pending    int // acknowledged, not seen committed
	committed  int
	resent     int
	lastCommit time.Time
}

// NewOpen returns an open-loop client with nothing to send yet.
func NewOpen() *Open {
	o := &Open{index: map[string]int{}, refused: map[string]int{}}
	o.cond = sync.NewCond(&o.mu)
	return o
}

// Add queues more transactions, after those already queued.
func (o *Open) Add(items []Item) {
	o.mu.Lock()
	defer o.mu.Unlock()
	for _, it := range items {
		o.index[it.Hash] = len(o.items)
		o.items = append(o.items, it)
		o.rec = append(o.rec, Record{Node: -1})
	}
	o.cond.Broadcast()
}

// Seal says no more transactions will be added: Run returns once the queued
// ones are sent.
func (o *Open) Seal() {
	o.mu.Lock()
	o.sealed = true
	o.cond.Broadcast()
	o.mu.Unlock()
}

// Stop ends sending now (posts in flight complete).
func (o *Open) Stop() {
	o.mu.Lock()
	o.stopped = true
	o.cond.Broadcast()
	o.mu.Unlock()
}

// Queued is how many added transactions are not sent yet.
func (o *Open) Queued() int {
	o.mu.Lock()
	defer o.mu.Unlock()
	return len(o.items) - o.next
}

// take hands out the next transaction, waiting for one to be added.
func (o *Open) take() (int, Item, bool) {
	o.mu.Lock()
	defer o.mu.Unlock()
	for !o.stopped && o.next == len(o.items) && !o.sealed {
		o.cond.Wait()
	}
	if o.stopped || o.next == len(o.items) {
		return 0, Item{}, false
	}
	i := o.next
	o.next++
	o.rec[i].State = stSubmitting
	return i, o.items[i], true
}

// done records the answer of node, asked at t and answering at ack.
func (o *Open) done(i, node int, t, ack time.Duration, err error) {
	o.mu.Lock()
	defer o.mu.Unlock()
	r := &o.rec[i]
	r.Attempts++
	r.Node, r.Last = int32(node), t
	if r.First == 0 {
		r.First = t
	}
	if err != nil {
		class := ErrorClass(err)
		o.refused[class]++
		if r.State == stSubmitting {
			r.State, r.Err = stRejected, class
		}
		return
	}
	if r.Ack == 0 {
		r.Accepted, r.Ack = t, ack
		o.acked++
		if r.State != stCommitted {
			o.pending++
		}
	}
	if r.State != stCommitted {
		r.State = stAccepted
	}
}

// Commit implements Tracker.
func (o *Open) Commit(hash string, height int64, at time.Duration, now time.Time) bool {
	o.mu.Lock()
	defer o.mu.Unlock()
	i, ok := o.index[hash]
	if !ok || o.rec[i].State == stCommitted {
		return false
	}
	r := &o.rec[i]
	if r.Ack > 0 {
		o.pending--
	}
	r.State, r.Commit, r.Height = stCommitted, at, height
	o.committed++
	o.lastCommit = now
	return true
}

// Run posts the queued transactions to urls in turn until the queue is
// sealed and sent or Stop is called; start is the run's time origin. Without
// a rate (lim unlimited), senders goroutines post one after another as fast
// as they can. With a rate, one transaction leaves every interval whatever
// the answers, each from a goroutine of its own, and senders bounds how many
// are in flight (beyond it the client falls behind its rate, which the
// submission figures show).
func (o *Open) Run(p Poster, urls []string, senders int, lim *Limiter, start time.Time) {
	var turn atomic.Uint64
	send := func(i int, it Item) {
		node := int(turn.Add(1) % uint64(len(urls)))
		t := time.Since(start)
		err := p.Send(urls[node], it)
		o.done(i, node, t, time.Since(start), err)
	}
	var wg sync.WaitGroup
	if lim.interval == 0 {
		for range senders {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for {
					i, it, ok := o.take()
					if !ok {
						return
					}
					send(i, it)
				}
			}()
		}
		wg.Wait()
		return
	}
	inflight := make(chan struct{}, senders)
	for {
		lim.Wait()
		i, it, ok := o.take()
		if !ok {
			break
		}
		inflight <- struct{}{}
		wg.Add(1)
		go func() {
			defer wg.Done()
			send(i, it)
			<-inflight
		}()
	}
	wg.Wait()
}

// Resend posts again, each to the node after the one that last answered,
// the acknowledged transactions not seen committed whose last post is older
// than age (what a careful client does: the same signed transaction, so it
// can never commit twice). It returns how many it posted.
func (o *Open) Resend(p Poster, urls []string, age time.Duration, start time.Time) int {
	now := time.Since(start)
	o.mu.Lock()
	var due []int
	for i := range o.rec {
		if r := &o.rec[i]; r.State == stAccepted && now-r.Last > age {
			due = append(due, i)
			r.Last = now
		}
	}
	o.resent += len(due)
	o.mu.Unlock()
	var wg sync.WaitGroup
	work := make(chan int)
	for range min(8, len(due)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range work {
				o.mu.Lock()
				it, node := o.items[i], (int(o.rec[i].Node)+1)%len(urls)
				o.mu.Unlock()
				t := time.Since(start)
				err := p.Send(urls[node], it)
				o.mu.Lock()
				o.rec[i].Attempts++
				o.rec[i].Node, o.rec[i].Last = int32(node), t
				if err != nil {
					o.refused["resend: "+ErrorClass(err)]++
				}
				o.mu.Unlock()
			}
		}()
	}
	for _, i := range due {
		work <- i
	}
	close(work)
	wg.Wait()
	return len(due)
}

// OpenProgress is the client's counts so far.
type OpenProgress struct {
	Queued, Sent, Acked, Committed, Resent int
	Pending                                int // acknowledged, not seen committed
	LastCommit                             time.Time
}

// Progress returns the counts so far.
func (o *Open) Progress() OpenProgress {
	o.mu.Lock()
	defer o.mu.Unlock()
	return OpenProgress{Queued: len(o.items), Sent: o.next, Acked: o.acked, Committed: o.committed,
		Resent: o.resent, Pending: o.pending, LastCommit: o.lastCommit}
}

// Records returns the transactions and a copy of their records.
func (o *Open) Records() ([]Item, []Record) {
	o.mu.Lock()
	defer o.mu.Unlock()
	return o.items[:len(o.items):len(o.items)], append([]Record(nil), o.rec...)
}

// Unconfirmed returns the hashes of the transactions acknowledged before
// `before` (an offset from the run's start) and not seen committed.
func (o *Open) Unconfirmed(before time.Duration) []string {
	o.mu.Lock()
	defer o.mu.Unlock()
	var out []string
	for i, r := range o.rec {
		if r.State == stAccepted && r.Ack < before {
			out = append(out, o.items[i].Hash)
		}
	}
	return out
}

// Refused returns a copy of the refused attempts by error.
func (o *Open) Refused() map[string]int {
	o.mu.Lock()
	defer o.mu.Unlock()
	m := make(map[string]int, len(o.refused))
	for k, v := range o.refused {
		m[k] = v
	}
	return m
}
