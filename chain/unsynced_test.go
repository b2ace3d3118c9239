package chain

import (
	"errors"
	"os"
	"slices"
	"strconv"
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
	// The index entries whose write failed were kept and written since.
	if got, want := indexEntries(t, at.followerDB), indexEntries(t, at.proposerDB); !slices.Equal(got, want) {
		t.Fatalf("follower's index entries differ from the proposer's: %s", firstDiff(got, want))
	}
}

// BenchmarkApplyUnsyncedSparse is block sync's applier on sparse blocks:
// CHAIN_SYNC_BLOCKS (default 3,000) blocks of 10 transfers among 256
// accounts, the node's default indexes, applied without sync with their
// signatures and certificates checked ahead (as p2p does) and made durable
// every 128 blocks (Written); ns/block is the applier's time a block.
// With the index entries of a range written together (indexer.forUnsynced)
// against each block's in its own batch, 10,000 blocks: 323 and 398 µs a
// block against 484 and 541.
//
//	CHAIN_SYNC_BLOCKS=10000 go test -run '^$' -bench ApplyUnsyncedSparse -benchtime 1x ./chain
func BenchmarkApplyUnsyncedSparse(b *testing.B) {
	n := 3000
	if v, err := strconv.Atoi(os.Getenv("CHAIN_SYNC_BLOCKS")); err == nil && v > 0 {
		n = v
	}
	p, cm := testCommittee(b, 1)
	p.Index = IndexConfig{AddrIndex: true, FeeIndex: true, CoinSymbol: "bty"}
	src := newHistChain(b, p, cm, b.TempDir())
	keys := make([]*crypto.PrivKey, 256)
	var blocks []*types.Block
	for i := range keys {
		keys[i], _ = crypto.GeneratePrivKey()
	}
	for i := 0; i < len(keys); i += 64 {
		var txs []*types.Tx
		for _, k := range keys[i : i+64] {
			txs = append(txs, transfer(superKey, addr(k), 1000*coin))
		}
		blocks = append(blocks, src.commit(b, txs...).Block)
	}
	for k := 0; len(blocks) < n; {
		txs := make([]*types.Tx, 10)
		for i := range txs {
			txs[i] = transfer(keys[k%256], addr(keys[(k+1)%256]), 1)
			k++
		}
		blocks = append(blocks, src.commit(b, txs...).Block)
	}
	certs := make([][]byte, len(blocks))
	for i, blk := range blocks {
		certs[i] = cm.certify(b, src.vals, blk.Height, types.BlockHash(blk))
	}
	src.db.Close() // its compactions would run beside the follower's
	signed := func(*types.Tx) bool { return true }
	b.ResetTimer()
	for range b.N {
		b.StopTimer()
		f := newHistChain(b, p, cm, b.TempDir())
		b.StartTimer()
		for i, blk := range blocks {
			if i%128 == 0 { // as sync does a range ahead, on other cores: not timed
				b.StopTimer()
				if j := min(i+128, len(blocks)); !f.c.PreverifyCertificates(blocks[i:j], certs[i:j]) {
					b.Fatal("certificates")
				}
				b.StartTimer()
			}
			if err := f.c.ApplyCertifiedUnsynced(blk, certs[i], signed); err != nil {
				b.Fatal(err)
			}
			if i%128 == 127 || i == len(blocks)-1 {
				if err := f.c.Written(); err != nil {
					b.Fatal(err)
				}
			}
		}
		b.StopTimer()
		f.db.Close()
		b.StartTimer()
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(blocks)), "ns/block")
}
