package node

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sync"
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

// The consensus starts height N+1 while block N is still being written
// (the write is held here, as a slow disk would), but puts nothing of N+1
// on disk (consensus WAL, signer state) before block N is; then it goes on.
func TestConsensusMovesOnWhileBlockIsWritten(t *testing.T) {
	tn := newTestnet(t, 1)
	tn.start(0)
	defer tn.stopAll()
	n := tn.nodes[0]
	tn.waitHeight(2, 20*time.Second)

	entered := make(chan int64, 1)
	gate := make(chan struct{})
	var release sync.Once
	defer release.Do(func() { close(gate) }) // also when the test fails: the node must stop
	var held atomic.Bool
	n.db.SetWriteFault(func(h int64) error {
		if held.CompareAndSwap(false, true) {
			entered <- h
			<-gate
		}
		return nil
	})
	h := <-entered
	poll.Until(t, 20*time.Second, fmt.Sprintf("consensus at %d while block %d is written", h+1, h), func() bool {
		ch, _, _ := n.Consensus().Status()
		return ch == h+1
	})
	// The driver's first record of h+1 (its commit timeout) waits for the
	// write: seen in its stack, so that the checks below come after it tried.
	poll.Until(t, 20*time.Second, "the consensus WAL waiting for the write", func() bool {
		buf := make([]byte, 1<<22)
		return bytes.Contains(buf[:runtime.Stack(buf, true)], []byte("node.writtenWAL.Append"))
	})
	walNext := filepath.Join(tn.cfgs[0].Dir, "datadir", "qbft", "wal", fmt.Sprintf("%020d.wal", h+1))
	if _, err := os.Stat(walNext); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the WAL of %d exists before block %d is written: %v", h+1, h, err)
	}
	if got := height(n); got != h-1 {
		t.Errorf("store head %d while block %d is held", got, h)
	}
	release.Do(func() { close(gate) })
	tn.waitHeight(h+2, 20*time.Second)
}
