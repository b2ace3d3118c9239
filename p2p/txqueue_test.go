package p2p

import (
	"context"
	"testing"
	"time"

	"chain33node/types"
)

// batchesOf runs q and returns the batches it publishes, with when.
func batchesOf(t *testing.T, q *txQueue) (<-chan []*types.Tx, <-chan int) {
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	batches, drops := make(chan []*types.Tx, 16), make(chan int, 16)
	go q.run(ctx, func(b []*types.Tx, dropped int) {
		batches <- b
		drops <- dropped
	})
	return batches, drops
}

func sized(n, size int) []*types.Tx {
	txs := make([]*types.Tx, n)
	for i := range txs {
		txs[i] = &types.Tx{Size: size}
	}
	return txs
}

func next(t *testing.T, batches <-chan []*types.Tx) []*types.Tx {
	t.Helper()
	select {
	case b := <-batches:
		return b
	case <-time.After(10 * time.Second):
		t.Fatal("no batch published")
		return nil
	}
}

// A batch goes out as soon as the bytes of a message wait, long before the
// delay (an hour here), and never holds more than a message's bytes.
func TestTxQueueFlushesAtSize(t *testing.T) {
	q := newTxQueue(1000, 100, 1000, time.Hour)
	batches, _ := batchesOf(t, q)
	q.add(sized(3, 400))
	if b := next(t, batches); len(b) != 2 {
		t.Fatalf("first batch of %d txs, want 2 (800 of at most 1000 bytes)", len(b))
	}
	q.add(sized(2, 400)) // 1200 bytes wait again
	if b := next(t, batches); len(b) != 2 {
		t.Fatalf("second batch of %d txs, want 2", len(b))
	}
	q.add(sized(200, 1)) // or a message's count
	if b := next(t, batches); len(b) != 100 {
		t.Fatalf("third batch of %d txs, want 100", len(b))
	}
}

// Fewer transactions than a message go out after the delay, all together.
func TestTxQueueFlushesAfterDelay(t *testing.T) {
	const delay = 30 * time.Millisecond
	q := newTxQueue(1<<20, 1000, 1000, delay)
	batches, _ := batchesOf(t, q)
	start := time.Now()
	q.add(sized(1, 200))
	q.add(sized(2, 200))
	b := next(t, batches)
	if len(b) != 3 || time.Since(start) < delay {
		t.Fatalf("batch of %d txs after %v, want 3 after at least %v", len(b), time.Since(start), delay)
	}
}

// Beyond the limit, transactions are dropped and counted, and the queue
// goes on.
func TestTxQueueDropsBeyondLimit(t *testing.T) {
	q := newTxQueue(1<<20, 1000, 5, time.Millisecond)
	batches, drops := batchesOf(t, q)
	q.add(sized(8, 10))
	if b := next(t, batches); len(b) != 5 || <-drops != 3 {
		t.Fatalf("batch of %d, want the 5 within the limit and 3 counted as dropped", len(b))
	}
	q.add(sized(1, 10))
	if b := next(t, batches); len(b) != 1 || <-drops != 0 {
		t.Fatalf("after dropping: batch of %d", len(b))
	}
}
