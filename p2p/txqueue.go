package p2p

import (
	"context"
	"sync"
	"time"

	"chain33node/types"
)

// txQueue batches the transactions this node admitted for gossip: a batch
// goes out as soon as maxBytes of transactions wait (or maxTxs of them), or
// delay after the first of them arrived, whichever comes first, so that a
// burst fills messages and a trickle waits at most delay. Beyond limit
// waiting transactions new ones are dropped (and counted).
type txQueue struct {
	maxBytes, maxTxs, limit int
	delay                   time.Duration

	mu      sync.Mutex
	pending []*types.Tx
	bytes   int // of pending
	dropped int
	sig     chan struct{} // cap 1: pending changed
}

func newTxQueue(maxBytes, maxTxs, limit int, delay time.Duration) *txQueue {
	return &txQueue{maxBytes: maxBytes, maxTxs: maxTxs, limit: limit, delay: delay, sig: make(chan struct{}, 1)}
}

// add queues txs; it never blocks.
func (q *txQueue) add(txs []*types.Tx) {
	q.mu.Lock()
	if room := max(q.limit-len(q.pending), 0); room < len(txs) {
		q.dropped += len(txs) - room
		txs = txs[:room]
	}
	for _, tx := range txs {
		q.bytes += tx.Size
	}
	q.pending = append(q.pending, txs...)
	q.mu.Unlock()
	q.signal()
}

func (q *txQueue) signal() {
	select {
	case q.sig <- struct{}{}:
	default:
	}
}

// full reports whether a batch's worth waits.
func (q *txQueue) full() bool {
	q.mu.Lock()
	defer q.mu.Unlock()
	return q.bytes >= q.maxBytes || len(q.pending) >= q.maxTxs
}

// take removes the next batch: up to maxTxs transactions and maxBytes (at
// least one transaction); and the count of those dropped since the last.
func (q *txQueue) take() (batch []*types.Tx, dropped int) {
	q.mu.Lock()
	defer q.mu.Unlock()
	n, size := 0, 0
	for n < len(q.pending) && n < q.maxTxs && (n == 0 || size+q.pending[n].Size <= q.maxBytes) {
		size += q.pending[n].Size
		n++
	}
	batch = append([]*types.Tx(nil), q.pending[:n]...)
	clear(q.pending[:n])
	q.pending, q.bytes = q.pending[n:], q.bytes-size
	if len(q.pending) == 0 {
		q.pending = nil
	}
	dropped, q.dropped = q.dropped, 0
	return batch, dropped
}

// run hands batches to publish until ctx ends.
func (q *txQueue) run(ctx context.Context, publish func(batch []*types.Tx, dropped int)) {
	for {
		select {
		case <-ctx.Done():
			return
		case <-q.sig:
		}
		if !q.full() { // the first transactions: wait for more, up to delay
			timer := time.NewTimer(q.delay)
		collect:
			for !q.full() {
				select {
				case <-ctx.Done():
					timer.Stop()
					return
				case <-timer.C:
					break collect
				case <-q.sig:
				}
			}
			timer.Stop()
		}
		for {
			batch, dropped := q.take()
			if len(batch) == 0 && dropped == 0 {
				break
			}
			publish(batch, dropped)
			if !q.full() {
				break
			}
		}
		q.mu.Lock()
		left := len(q.pending) > 0
		q.mu.Unlock()
		if left { // less than a batch: its delay starts now
			q.signal()
		}
	}
}
