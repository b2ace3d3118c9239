package chain

import (
	"errors"
	"testing"
	"time"

	"chain33node/crypto"
	"chain33node/poll"
	"chain33node/types"
)

// applyUnsynced applies the proposer's next n blocks to the follower with
// ApplyCertifiedUnsynced and checks that they are not durable yet.
func (at *applyTest) applyUnsynced(t *testing.T, n int) {
	t.Helper()
	for range n {
		b, cert := at.next(t)
		if err := at.follower.ApplyCertifiedUnsynced(b, cert, nil); err != nil {
			t.Fatal(err)
		}
	}
	if h, d := at.follower.HeadInfo().Height, at.followerDB.DurableHeight(); d >= h {
		t.Fatalf("unsynced blocks up to %d: durable height %d", h, d)
	}
}

// Nothing of the next height happens on blocks that are not durable: a
// signature or WAL entry at the next height (WrittenBelow), Build, Validate,
// a commit by consensus (ApplyDecided) or a gossiped block (ApplyCertified)
// first make the blocks block sync wrote unsynced durable.
func TestUnsyncedDurableBeforeNextHeight(t *testing.T) {
	at := newApplyTest(t)
	to, _ := crypto.GeneratePrivKey()
	txs := func() []*types.Tx { return []*types.Tx{transfer(superKey, addr(to), coin)} }
	ways := []struct {
		name string
		next func() error
	}{
		{"WrittenBelow(head+1)", func() error { return at.follower.WrittenBelow(at.follower.HeadInfo().Height + 1) }},
		{"Written", at.follower.Written},
		{"Build", func() error { _, err := at.follower.Build(txs(), 1514533400); return err }},
		{"Validate", func() error {
			x, err := at.proposer.Build(txs(), 1514533400)
			if err == nil {
				_, err = at.follower.Validate(x.Block, nil)
			}
			return err
		}},
		{"ApplyCertified", func() error {
			b, cert := at.next(t)
			return at.follower.ApplyCertified(b, cert, nil)
		}},
		{"ApplyDecided", func() error {
			b, cert := at.next(t)
			if err := at.follower.ApplyDecided(b, cert, nil); err != nil {
				return err
			}
			// Not Written, which syncs by itself: wait for the write.
			poll.Until(t, 10*time.Second, "decided block written", func() bool { return at.follower.HeadInfo().Height == b.Height })
			return nil
		}},
	}
	for _, w := range ways {
		at.applyUnsynced(t, 2)
		if err := w.next(); err != nil {
			t.Fatalf("%s: %v", w.name, err)
		}
		if h, d := at.follower.HeadInfo().Height, at.followerDB.DurableHeight(); d != h {
			t.Fatalf("after %s: durable height %d, head %d", w.name, d, h)
		}
	}
}

// An unsynced write or a sync that fails is a local failure, never the
// block's: nothing changes, and the same calls succeed once the disk works.
func TestUnsyncedLocalFailure(t *testing.T) {
	at := newApplyTest(t)
	at.applyUnsynced(t, 2)
	b, cert := at.next(t)
	diskFull := errors.New("write chain/000042.log: no space left on device")
	at.followerDB.SetWriteFault(func(int64) error { return diskFull })
	local := func(what string, err error) {
		t.Helper()
		if !errors.Is(err, types.ErrLocal) || !errors.Is(err, diskFull) || errors.Is(err, types.ErrInvalidBlock) {
			t.Fatalf("%s on a full disk: %v, want a local failure", what, err)
		}
	}
	local("unsynced apply", at.follower.ApplyCertifiedUnsynced(b, cert, nil))
	local("Written", at.follower.Written())
	local("WrittenBelow", at.follower.WrittenBelow(3))
	if h, d := at.follower.HeadInfo().Height, at.followerDB.DurableHeight(); h != 2 || d != 0 || len(at.told) != 2 {
		t.Fatalf("after failures: head %d, durable %d, %d listener calls; want 2, 0, 2", h, d, len(at.told))
	}
	at.followerDB.SetWriteFault(nil)
	if err := at.follower.ApplyCertifiedUnsynced(b, cert, nil); err != nil {
		t.Fatal(err)
	}
	if err := at.follower.Written(); err != nil {
		t.Fatal(err)
	}
	if h, d := at.follower.HeadInfo().Height, at.followerDB.DurableHeight(); h != 3 || d != 3 {
		t.Fatalf("head %d, durable %d, want 3", h, d)
	}
}
