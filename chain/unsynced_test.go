package chain

import (
	"errors"
	"os"
	"slices"
	"strconv"
	"syscall"
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

// Block sync's index entries, written behind the commits, stay pending when
// that write fails (a full disk): the failure is logged, Written reports it
// and, once the disk works, writes them.
func TestUnsyncedIndexWriteFailure(t *testing.T) {
	at := newApplyTest(t)
	at.applyUnsynced(t, 3)
	if err := at.followerDB.Sync(); err != nil { // the blocks durable, their entries pending
		t.Fatal(err)
	}
	diskFull := errors.New("write chain/000042.log: no space left on device")
	at.followerDB.SetWriteFault(func(int64) error { return diskFull })
	ix := at.follower.idx
	ix.flushLater() // as Flush does
	ix.drain()
	if ix.pending == nil || !ix.bg.failing {
		t.Fatalf("after a failed write: pending %v, failing %v; want the entries kept and the failure seen", ix.pending != nil, ix.bg.failing)
	}
	if err := at.follower.Written(); !errors.Is(err, types.ErrLocal) || !errors.Is(err, diskFull) {
		t.Fatalf("Written on a full disk: %v, want a local failure", err)
	}
	at.followerDB.SetWriteFault(nil)
	if err := at.follower.Written(); err != nil {
		t.Fatal(err)
	}
	if got, want := indexEntries(t, at.followerDB), indexEntries(t, at.proposerDB); !slices.Equal(got, want) || len(got) == 0 {
		t.Fatalf("follower's index entries differ from the proposer's: %s", firstDiff(got, want))
	}
}

// BenchmarkApplyUnsyncedSparse is block sync's applier on sparse blocks:
// CHAIN_SYNC_BLOCKS (default 3,000) blocks of 10 transfers among 256
// accounts, the node's default indexes, applied without sync with their
// signatures and certificates checked ahead (as p2p does), made durable
// every 128 blocks (Flush) and at the end (Written, as a stopping node
// does); ns/block is the applier's time a block, cpu-ns/block the process's
// CPU time a block (the indexing behind the commits included). With the
// index entries of a range written together (eddec42) against each
// block's in its own batch, 10,000 blocks: 323 and 398 µs a block against
// 484 and 541. With them computed and written behind the commits
// (queueUnsynced) against in the applier, 5,000 blocks, three runs in
// turns: 320 / 326 / 288 µs a block against 423 / 324 / 355, for 382 / 425
// / 360 µs of CPU against 453 / 348 / 374.
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
	var cpu time.Duration // the process's CPU time while timed (the indexing behind the commits included)
	timed := func(on bool) {
		if on {
			cpu -= processCPU()
			b.StartTimer()
		} else {
			b.StopTimer()
			cpu += processCPU()
		}
	}
	b.ResetTimer()
	for range b.N {
		b.StopTimer()
		f := newHistChain(b, p, cm, b.TempDir())
		timed(true)
		for i, blk := range blocks {
			if i%128 == 0 { // as sync does a range ahead, on other cores: not timed
				timed(false)
				if j := min(i+128, len(blocks)); !f.c.PreverifyCertificates(blocks[i:j], certs[i:j]) {
					b.Fatal("certificates")
				}
				timed(true)
			}
			if err := f.c.ApplyCertifiedUnsynced(blk, certs[i], signed); err != nil {
				b.Fatal(err)
			}
			if i%128 == 127 { // as sync does after each range
				if err := f.c.Flush(); err != nil {
					b.Fatal(err)
				}
			}
		}
		if err := f.c.Written(); err != nil { // as the node does when it stops
			b.Fatal(err)
		}
		timed(false)
		f.db.Close()
	}
	b.ReportMetric(float64(cpu.Nanoseconds())/float64(b.N*len(blocks)), "cpu-ns/block")
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(blocks)), "ns/block")
}

// processCPU is the CPU time this process has used.
func processCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
