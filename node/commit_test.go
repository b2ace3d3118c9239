package node

import (
	"errors"
	"fmt"
	"sync/atomic"
	"testing"
	"time"

	"chain33node/poll"
)

// A decided block whose commit fails for a local reason (a full disk) is
// written again until the disk works: consensus then moves on to the next
// heights without a restart.
func TestConsensusRetriesLocalCommitFailure(t *testing.T) {
	tn := newTestnet(t, 1)
	tn.start(0)
	defer tn.stopAll()
	n := tn.nodes[0]
	tn.waitHeight(2, 20*time.Second)

	const failures = 4
	diskFull := errors.New("no space left on device")
	var failed atomic.Int64
	var failedAt atomic.Int64
	n.db.SetWriteFault(func(h int64) error {
		if failed.Load() >= failures {
			return nil
		}
		if at := failedAt.Swap(h); at != 0 && at != h {
			t.Errorf("commit of %d attempted while %d failed", h, at)
		}
		failed.Add(1)
		return diskFull
	})
	poll.Until(t, 20*time.Second, fmt.Sprintf("%d failed commit attempts", failures), func() bool {
		if h := height(n); failed.Load() > 0 && h >= failedAt.Load() {
			t.Fatalf("height %d reached with the disk still full", h)
		}
		return failed.Load() >= failures
	})
	stuck := failedAt.Load()
	tn.waitHeight(stuck+2, 20*time.Second)
	if got := failed.Load(); got != failures {
		t.Fatalf("%d failed attempts, want %d", got, failures)
	}
	if h, _, step := n.Consensus().Status(); h < stuck+2 || step == "" {
		t.Fatalf("consensus at %d (%s), want past %d", h, step, stuck+1)
	}
}
