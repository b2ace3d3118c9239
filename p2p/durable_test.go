package p2p

import (
	"errors"
	"path/filepath"
	"sync/atomic"
	"testing"
	"time"

	"chain33node/disktest"
	"chain33node/poll"
	"chain33node/store"
	"chain33node/types"
)

// Block sync writes downloaded blocks without an fsync each and makes every range durable once it is
// applied: once the follower has caught up, a power failure loses none of the blocks it synced.
func TestSyncRangesDurable(t *testing.T) {
	net := newTestNet(t)
	a := newTestNode(t, net)
	const blocks = 2*syncRangeBlocks + 10
	for i := 1; i <= blocks; i++ {
		var txs []*types.Tx
		if i%10 == 0 {
			txs = transfers(2)
		}
		a.produce(txs)
	}
	a.start(a.hostConfig("127.0.0.1:0"))
	ext := disktest.MountExt4(t, 64<<20)
	f := newTestNodeAt(t, net, filepath.Join(ext.Dir, "chain"))
	f.start(f.hostConfig("127.0.0.1:0", a.addr()))
	poll.Until(t, 60*time.Second, "f synced", func() bool { h, _ := f.Head(); return h == blocks })
	poll.Until(t, 10*time.Second, "the last range durable", func() bool { return f.db.DurableHeight() == blocks })
	if n := f.unsynced.Load(); n != blocks {
		t.Fatalf("%d of %d blocks written without sync", n, blocks)
	}

	db, err := store.Open(filepath.Join(ext.PowerLoss(t), "chain"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if h, _ := db.Head(); h.Height != blocks {
		t.Fatalf("after a power loss: head %d, want %d", h.Height, blocks)
	}
}

// A node that cannot make the blocks it synced durable (a failing disk) blames no peer: it logs it once,
// tries again, and the blocks are durable once the disk works.
func TestSyncFlushFailureBlamesNoPeer(t *testing.T) {
	net := newTestNet(t)
	a := newTestNode(t, net)
	for range 5 {
		a.produce(nil)
	}
	a.start(a.hostConfig("127.0.0.1:0"))
	b := newTestNode(t, net)
	// Fail the store's syncs: a block's height is asked twice, for its write and then for the sync.
	var failing atomic.Bool
	var attempts atomic.Int64
	failing.Store(true)
	seen := map[int64]bool{} // the store calls the fault under its lock
	b.db.SetWriteFault(func(h int64) error {
		if seen[h] && failing.Load() {
			attempts.Add(1)
			return errors.New("fsync: input/output error")
		}
		seen[h] = true
		return nil
	})
	b.start(b.hostConfig("127.0.0.1:0", a.addr()))
	poll.Until(t, 20*time.Second, "sync tried again", func() bool { return attempts.Load() >= 2 })
	if h, _ := b.Head(); h != 5 || b.db.DurableHeight() != 0 {
		t.Fatalf("head %d, durable %d; want 5 written, 0 durable", h, b.db.DurableHeight())
	}
	if b.host.isBlocked(a.host.self) {
		t.Fatal("the peer that served the blocks was blocked")
	}
	if _, ok := peerIDs(b)[a.host.ID()]; !ok {
		t.Fatal("the peer that served the blocks was disconnected")
	}
	if n := b.logs.Count("cannot make applied blocks durable, not the peer's fault"); n != 1 {
		t.Fatalf("failure logged %d times, want once:\n%s", n, b.logs)
	}
	failing.Store(false)
	poll.Until(t, 10*time.Second, "durable", func() bool { return b.db.DurableHeight() == 5 })
	poll.Until(t, time.Second, "recovery logged", func() bool { return b.logs.Count("applied blocks durable again") == 1 })
}
