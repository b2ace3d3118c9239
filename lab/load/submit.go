package load

import (
	"sync"
	"sync/atomic"
	"time"
)

// Item states.
const (
	stQueued = iota
	stSubmitting
	stRetryWait
	stAccepted
	stRejected
	stCommitted
)

// Record is what happened to one transaction; times are offsets from the
// run's start (0 = never).
type Record struct {
	State    uint8
	Attempts int32
	Node     int32         // the node (index into the URLs) that answered the last attempt
	First    time.Duration // first submission attempt
	Accepted time.Duration // start of the accepted attempt
	Ack      time.Duration // answer to the accepted attempt
	Last     time.Duration // start of the last attempt
	Commit   time.Duration // its block first seen
	Height   int64
	Err      string // final error of a rejected tx
}

// Acked reports whether a node acknowledged the transaction (answered with
// its hash).
func (r Record) Acked() bool { return r.Ack > 0 }

// Committed reports whether the transaction was seen in a block.
func (r Record) Committed() bool { return r.State == stCommitted }

// Sched hands out transactions to the workers: senders in round-robin order,
// never more than Limit accepted-but-uncommitted per sender (the mempool's
// maxTxNumPerAccount), overload rejections re-queued after Backoff.
type Sched struct {
	mu          sync.Mutex
	cond        *sync.Cond
	items       []Item
	index       map[string]int // hash → item
	rec         []Record
	queues      [][]int
	outstanding []int
	limit       int
	cursor      int
	queued      int
	busy        int // submitting or waiting to be re-queued
	closed      bool
	retry       bool
	backoff     time.Duration

	Rejections map[string]int // every rejected attempt, by error
	accepted   int
	committed  int
	lastCommit time.Time
}

// NewSched queues items in order.
func NewSched(items []Item, senders, limit int, retry bool, backoff time.Duration) *Sched {
	s := &Sched{items: items, rec: make([]Record, len(items)), queues: make([][]int, senders),
		outstanding: make([]int, senders), limit: limit, retry: retry, backoff: backoff,
		Rejections: map[string]int{}, index: make(map[string]int, len(items))}
	s.cond = sync.NewCond(&s.mu)
	for i, it := range items {
		s.queues[it.Sender] = append(s.queues[it.Sender], i)
		s.index[it.Hash] = i
	}
	s.queued = len(items)
	return s
}

// Next blocks until a transaction may be submitted and returns its index;
// ok is false when there is nothing more to submit (or Close was called).
func (s *Sched) Next() (int, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for {
		if s.closed || (s.queued == 0 && s.busy == 0) {
			return 0, false
		}
		if i, ok := s.pop(); ok {
			return i, true
		}
		s.cond.Wait()
	}
}

// pop takes the next eligible item, round-robin over the senders.
func (s *Sched) pop() (int, bool) {
	n := len(s.queues)
	for k := 0; k < n && s.queued > 0; k++ {
		q := (s.cursor + k) % n
		if len(s.queues[q]) == 0 || s.outstanding[q] >= s.limit {
			continue
		}
		i := s.queues[q][0]
		s.queues[q] = s.queues[q][1:]
		s.queued--
		if s.rec[i].State == stCommitted { // an earlier attempt got in after all
			k--
			continue
		}
		s.cursor = (q + 1) % n
		s.outstanding[q]++
		s.busy++
		s.rec[i].State = stSubmitting
		return i, true
	}
	return 0, false
}

// Done records the outcome of submitting item i to node, started at t and
// answered at ack.
func (s *Sched) Done(i, node int, t, ack time.Duration, err error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	r := &s.rec[i]
	r.Attempts++
	r.Node, r.Last = int32(node), t
	if r.First == 0 {
		r.First = t
	}
	s.busy--
	defer s.cond.Broadcast()
	class := ""
	if err != nil {
		class = ErrorClass(err)
		s.Rejections[class]++
		if (class == "ErrDupTx" || class == "ErrTxExist") && r.Attempts > 1 { // an earlier attempt was admitted
			err = nil
		}
	}
	if r.State == stCommitted { // its block was seen before this answer
		s.outstanding[s.items[i].Sender]--
		if err == nil && r.Accepted == 0 {
			r.Accepted, r.Ack = t, ack
		}
		return
	}
	if err == nil {
		r.State = stAccepted
		r.Accepted, r.Ack = t, ack
		s.accepted++
		return
	}
	s.outstanding[s.items[i].Sender]--
	if s.retry && Retryable(class) && !s.closed {
		r.State = stRetryWait
		s.busy++
		time.AfterFunc(s.backoff, func() {
			s.mu.Lock()
			defer s.mu.Unlock()
			s.busy--
			if r.State == stRetryWait {
				r.State = stQueued
				q := s.items[i].Sender
				s.queues[q] = append(s.queues[q], i)
				s.queued++
			}
			s.cond.Broadcast()
		})
		return
	}
	r.State = stRejected
	r.Err = class
}

// Commit implements Tracker.
func (s *Sched) Commit(hash string, height int64, t time.Duration, now time.Time) bool {
	i, ok := s.index[hash]
	return ok && s.Committed(i, height, t, now)
}

// Committed records that item i was seen in block height at time t; it
// returns false if it already was.
func (s *Sched) Committed(i int, height int64, t time.Duration, now time.Time) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	r := &s.rec[i]
	switch r.State {
	case stCommitted:
		return false
	case stAccepted:
		s.outstanding[s.items[i].Sender]--
	default:
		// Still submitting (the answer is on its way), or an earlier attempt
		// that looked failed (timeout) got in.
		s.accepted++
		r.Err = ""
	}
	r.State = stCommitted
	r.Commit, r.Height = t, height
	s.committed++
	s.lastCommit = now
	s.cond.Broadcast()
	return true
}

// Close stops handing out transactions.
func (s *Sched) Close() {
	s.mu.Lock()
	s.closed = true
	s.cond.Broadcast()
	s.mu.Unlock()
}

// Progress is accepted and committed so far, whether submission is over and
// when the last commit was seen.
func (s *Sched) Progress() (accepted, committed int, done bool, last time.Time) {
	s.mu.Lock()
	defer s.mu.Unlock()
	done = s.closed || (s.queued == 0 && s.busy == 0)
	return s.accepted, s.committed, done, s.lastCommit
}

// Records returns a copy of the per-transaction records.
func (s *Sched) Records() []Record {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Record(nil), s.rec...)
}

// Limiter paces calls at rate per second (0 = unlimited), catching up at
// most 100 ms of lag in a burst.
type Limiter struct {
	mu       sync.Mutex
	interval time.Duration
	next     time.Time
}

// NewLimiter returns a limiter for rate per second.
func NewLimiter(rate float64) *Limiter {
	if rate <= 0 {
		return &Limiter{}
	}
	return &Limiter{interval: time.Duration(float64(time.Second) / rate)}
}

// Wait blocks until the next slot.
func (l *Limiter) Wait() {
	if l.interval == 0 {
		return
	}
	l.mu.Lock()
	now := time.Now()
	if l.next.Before(now.Add(-100 * time.Millisecond)) {
		l.next = now.Add(-100 * time.Millisecond)
	}
	slot := l.next
	l.next = l.next.Add(l.interval)
	l.mu.Unlock()
	if d := time.Until(slot); d > 0 {
		time.Sleep(d)
	}
}

// Submit runs workers that post the scheduler's transactions to urls in
// turn until the scheduler is exhausted or closed. start is the run's time
// origin.
func Submit(s *Sched, p Poster, urls []string, workers int, lim *Limiter, start time.Time) {
	var turn atomic.Uint64
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				lim.Wait()
				i, ok := s.Next()
				if !ok {
					return
				}
				node := int(turn.Add(1) % uint64(len(urls)))
				t := time.Since(start)
				err := p.Send(urls[node], s.items[i])
				s.Done(i, node, t, time.Since(start), err)
			}
		}()
	}
	wg.Wait()
}
