package rpc

import (
	"strings"
	"testing"

	"chain33node/types"
)

// CommitWaiters wakes exactly the waits for committed transactions, forgets
// abandoned ones and refuses waits past maxSyncWaiters.
func TestCommitWaiters(t *testing.T) {
	w := NewCommitWaiters()
	a1, _ := w.add([]byte("a"))
	a2, _ := w.add([]byte("a"))
	b, _ := w.add([]byte("b"))
	c, _ := w.add([]byte("c"))
	w.remove([]byte("c"), c)
	w.Committed([]*types.Tx{{Hash: []byte("a")}, {Hash: []byte("x")}})
	for i, ch := range []chan struct{}{a1, a2} {
		select {
		case <-ch:
		default:
			t.Errorf("wait %d for a not woken", i)
		}
	}
	select {
	case <-b:
		t.Error("wait for b woken by a's commit")
	default:
	}
	if n := w.n.Load(); n != 1 || len(w.m) != 1 {
		t.Errorf("%d waits in %d entries, want b's only", n, len(w.m))
	}
	w.remove([]byte("b"), b)

	next := w.nextBlock() // closed by the next commit, with no waits too
	w.Committed(nil)
	select {
	case <-next:
	default:
		t.Error("the wait for the next block not woken by a commit")
	}
	select {
	case <-w.nextBlock():
		t.Error("the wait for the next block woken by the commit before it")
	default:
	}
	for i := range maxSyncWaiters {
		if _, err := w.add([]byte{byte(i), byte(i >> 8)}); err != nil {
			t.Fatalf("wait %d: %v", i, err)
		}
	}
	if _, err := w.add([]byte("one more")); err == nil || !strings.HasPrefix(err.Error(), "ErrServerBusy") {
		t.Errorf("wait past the cap: %v", err)
	}
}
