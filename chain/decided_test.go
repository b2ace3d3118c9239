package chain

import (
	"bytes"
	"errors"
	"sync/atomic"
	"testing"
	"time"

	"chain33node/crypto"
	"chain33node/executor"
	"chain33node/store"
	"chain33node/types"

	"google.golang.org/protobuf/proto"
)

// holdWrites makes db's next block writes wait until the returned function
// is called; entered receives the height of each write that waits.
func holdWrites(db *store.DB) (entered chan int64, release func()) {
	entered = make(chan int64, 16)
	gate := make(chan struct{})
	db.SetWriteFault(func(h int64) error {
		entered <- h
		<-gate
		return nil
	})
	return entered, func() { close(gate) }
}

// ApplyDecided returns before the block is written; meanwhile the tip is the
// block (for the consensus) and the store's head its parent (for queries),
// the next height executes over it (Build and Validate give what they give
// on the written block), what would bind this node at the next height waits
// for the write (WrittenBelow), and once written the listeners were told
// once and the next block's execution is kept for its commit.
func TestApplyDecidedWritesBehind(t *testing.T) {
	at := newApplyTest(t)
	b, cert := at.next(t)
	if _, err := at.follower.Validate(b, nil); err != nil {
		t.Fatal(err)
	}
	entered, release := holdWrites(at.followerDB)
	if err := at.follower.ApplyDecided(b, cert, nil); err != nil {
		t.Fatal(err)
	}
	<-entered
	if h, _ := at.follower.Tip(); h != 1 {
		t.Fatalf("tip %d while block 1 is written, want 1", h)
	}
	if h := at.follower.HeadInfo().Height; h != 0 {
		t.Fatalf("store head %d before the write, want 0", h)
	}
	want, _ := at.proposer.Validators()
	if got, err := at.follower.TipValidators(); err != nil || !proto.Equal(got.Proto(), want.Proto()) {
		t.Fatalf("tip validators: %v, want the set after block 1", err)
	}
	if err := at.follower.WrittenBelow(1); err != nil { // of height 1 itself: no wait
		t.Fatal(err)
	}

	// Height 2 over block 1 being written: the proposer, whose store holds
	// block 1, builds the same block; block 1's transaction is left out.
	to, _ := crypto.GeneratePrivKey()
	inBlock1 := types.NewTx(b.Txs[0])
	txs := []*types.Tx{inBlock1, transfer(superKey, addr(to), coin)}
	var released atomic.Bool
	// A Build or Validate that waits for the write fails below instead of hanging.
	safety := time.AfterFunc(10*time.Second, func() { released.Store(true); release() })
	writing := at.follower.Writing()
	if writing == nil || !writing(inBlock1) || writing(txs[1]) {
		t.Fatal("Writing does not tell block 1's transaction from another")
	}
	built, err := at.follower.Build(txs, 1514533401)
	if err != nil {
		t.Fatal(err)
	}
	ref, err := at.proposer.Build(txs, 1514533401)
	if err != nil {
		t.Fatal(err)
	}
	if built.Block.Height != 2 || !bytes.Equal(built.Hash, ref.Hash) || len(built.Txs) != 1 {
		t.Fatalf("built over the write: height %d, %d txs, same as on the written block: %v", built.Block.Height, len(built.Txs), bytes.Equal(built.Hash, ref.Hash))
	}
	if _, err := at.follower.Validate(ref.Block, nil); err != nil {
		t.Fatalf("validate over the write: %v", err)
	}
	if !safety.Stop() || at.follower.HeadInfo().Height != 0 {
		t.Fatal("height 2 executed only once block 1 was written")
	}
	time.AfterFunc(100*time.Millisecond, func() { released.Store(true); release() })
	if err := at.follower.WrittenBelow(2); err != nil || !released.Load() {
		t.Fatalf("WrittenBelow(2) returned (%v) before block 1 was written", err)
	}
	if at.follower.HeadInfo().Height != 1 || len(at.told) != 1 || !bytes.Equal(at.toldCerts[0], cert) {
		t.Fatalf("after the write: head %d, %d listener calls", at.follower.HeadInfo().Height, len(at.told))
	}
	if at.follower.Writing() != nil {
		t.Fatal("Writing after the write")
	}
	if at.follower.takeExecuted(ref.Hash, types.BlockHash(b)) == nil {
		t.Fatal("block 2's execution over the write was not kept for its commit")
	}
	if err := at.follower.ApplyCertified(ref.Block, at.cm.certify(t, at.vals, 2, ref.Hash), nil); err != nil {
		t.Fatal(err)
	}
	if h := at.follower.HeadInfo(); h.Height != 2 || !bytes.Equal(h.StateHash, ref.Block.StateHash) {
		t.Fatalf("head %d after block 2", h.Height)
	}
}

// A write that fails (a full disk) is tried again until it succeeds; the
// block's next height waits for it, and the listeners are told once.
func TestApplyDecidedRetriesWrite(t *testing.T) {
	at := newApplyTest(t)
	b, cert := at.next(t)
	var attempts atomic.Int32
	at.followerDB.SetWriteFault(func(int64) error {
		if attempts.Add(1) <= 3 {
			return errors.New("write chain/000042.log: no space left on device")
		}
		return nil
	})
	if err := at.follower.ApplyDecided(b, cert, nil); err != nil {
		t.Fatal(err)
	}
	if h, _ := at.follower.Tip(); h != 1 {
		t.Fatalf("tip %d while the write is retried", h)
	}
	if err := at.follower.Written(); err != nil {
		t.Fatal(err)
	}
	if n := attempts.Load(); n != 4 || at.follower.HeadInfo().Height != 1 || len(at.told) != 1 {
		t.Fatalf("%d attempts, head %d, %d listener calls; want 4, 1, 1", n, at.follower.HeadInfo().Height, len(at.told))
	}
}

// A node that stops (or crashes) before a decided block is written restarts
// at its parent, with nothing of the block in the store, and takes the block
// again (what the consensus WAL's replay or a peer brings).
func TestApplyDecidedStopBeforeWritten(t *testing.T) {
	p, cm := testCommittee(t, 4)
	proposer, pdb := openChain(t, t.TempDir(), p)
	defer pdb.Close()
	vals, _ := proposer.Validators()
	to, _ := crypto.GeneratePrivKey()
	x, err := proposer.Build([]*types.Tx{transfer(superKey, addr(to), coin)}, 1514533400)
	if err != nil {
		t.Fatal(err)
	}
	cert := cm.certify(t, vals, 1, x.Hash)

	dir := t.TempDir()
	c, db := openChain(t, dir, p)
	diskFull := errors.New("write chain/000042.log: no space left on device")
	db.SetWriteFault(func(int64) error { return diskFull })
	if err := c.ApplyDecided(x.Block, cert, nil); err != nil {
		t.Fatal(err)
	}
	c.Close() // the node stops: the write is given up
	if err := c.Written(); !errors.Is(err, diskFull) || !errors.Is(err, types.ErrLocal) {
		t.Fatalf("Written after Close on a full disk: %v, want the local failure", err)
	}
	if h, _ := c.Tip(); h != 0 {
		t.Fatalf("tip %d after the write was given up, want 0", h)
	}
	if err := c.WrittenBelow(2); err == nil {
		t.Fatal("height 2 may proceed without block 1")
	}
	db.Close()

	c, db = openChain(t, dir, p)
	defer db.Close()
	if h := c.HeadInfo(); h.Height != 0 || hasTx(t, c, x.Txs[0].Hash) {
		t.Fatalf("restarted at %d, want 0 with nothing of block 1", h.Height)
	}
	if err := c.ApplyDecided(x.Block, cert, nil); err != nil {
		t.Fatal(err)
	}
	if err := c.Written(); err != nil {
		t.Fatal(err)
	}
	if h := c.HeadInfo(); h.Height != 1 || !bytes.Equal(h.Hash, x.Hash) || !hasTx(t, c, x.Txs[0].Hash) {
		t.Fatal("block 1 not committed after the restart")
	}
}

// The blocks decided one after another are written in order, each once,
// whatever order the writes and the next decisions come in; block sync
// (ApplyCertified) of a block being written is no error.
func TestApplyDecidedInOrderWithSync(t *testing.T) {
	at := newApplyTest(t)
	var blocks []*types.Block
	var certs [][]byte
	for range 5 {
		b, cert := at.next(t)
		blocks, certs = append(blocks, b), append(certs, cert)
	}
	for i, b := range blocks {
		if err := at.follower.ApplyDecided(b, certs[i], nil); err != nil {
			t.Fatal(err)
		}
		if err := at.follower.ApplyCertified(b, certs[i], nil); err != nil { // sync got it too
			t.Fatal(err)
		}
	}
	if err := at.follower.Written(); err != nil {
		t.Fatal(err)
	}
	if h := at.follower.HeadInfo(); h.Height != 5 || len(at.told) != 5 {
		t.Fatalf("head %d, %d listener calls; want 5, 5", h.Height, len(at.told))
	}
	for i, x := range at.told {
		if x.Block.Height != int64(i+1) {
			t.Fatalf("listener %d told of block %d", i, x.Block.Height)
		}
	}
}

// The validator set a block being written installs is the tip's: a change
// executed in block N applies to N+1 before N is in the store.
func TestTipValidatorsSeeTheBlockBeingWritten(t *testing.T) {
	x := &Executed{res: &executor.Result{State: []*types.KeyValue{{Key: []byte("d")}, {Key: []byte("k"), Value: []byte("new")}}}} // sorted, as executed
	st := pendingState{x, mapState{"a": []byte("first"), "k": []byte("old"), "d": []byte("x"), "o": []byte("other")}}
	for key, want := range map[string]string{"a": "first", "k": "new", "d": "", "o": "other"} {
		if v, err := st.State([]byte(key)); err != nil || string(v) != want {
			t.Errorf("%s: %q, %v; want %q", key, v, err, want)
		}
	}
}

type mapState map[string][]byte

func (m mapState) State(key []byte) ([]byte, error) { return m[string(key)], nil }

var _ executor.StateReader = pendingState{}

// BenchmarkCommitDecided is the time the consensus spends committing a
// validated block of 1,000 transfers before it can start the next height:
// ApplyCertified (the whole commit: certificate, index entries, store batch
// with fsync, listeners), with the index entries computed at commit (as
// before prepare) or prepared while the block was voted on, against
// ApplyDecided (the certificate; the rest is written behind, waited for by
// the next height's Build or vote).
func BenchmarkCommitDecided(b *testing.B) {
	for _, mode := range []string{"ApplyCertified/index-at-commit", "ApplyCertified/index-prepared", "ApplyDecided/index-prepared"} {
		b.Run(mode, func(b *testing.B) {
			p, cm := testCommittee(b, 4)
			p.Index = allIndexes
			proposer, db1 := openChain(b, b.TempDir(), p)
			defer db1.Close()
			follower, db2 := openChain(b, b.TempDir(), p)
			defer db2.Close()
			vals, _ := follower.Validators()
			b.ResetTimer()
			for range b.N {
				b.StopTimer()
				blk, cert := commitTransfers(b, proposer, cm, vals, 1000)
				y, err := follower.Validate(blk, func(*types.Tx) bool { return true })
				if err != nil {
					b.Fatal(err)
				}
				<-y.index.done // the votes take longer than this
				if mode == "ApplyCertified/index-at-commit" {
					y.index = nil
				}
				b.StartTimer()
				if mode == "ApplyDecided/index-prepared" {
					err = follower.ApplyDecided(blk, cert, nil)
				} else {
					err = follower.ApplyCertified(blk, cert, nil)
				}
				if err != nil {
					b.Fatal(err)
				}
				b.StopTimer()
				if err := follower.Written(); err != nil {
					b.Fatal(err)
				}
				b.StartTimer()
			}
		})
	}
}

// From ApplyDecided's return on, Tip is never behind the decided block,
// also at the moment the write moves the store's head.
func TestTipNeverBehindDecided(t *testing.T) {
	at := newApplyTest(t)
	for range 20 {
		b, cert := at.next(t)
		if err := at.follower.ApplyDecided(b, cert, nil); err != nil {
			t.Fatal(err)
		}
		for at.follower.HeadInfo().Height < b.Height {
			if h, _ := at.follower.Tip(); h != b.Height {
				t.Fatalf("tip %d while block %d is written", h, b.Height)
			}
		}
		if h, _ := at.follower.Tip(); h != b.Height {
			t.Fatalf("tip %d after block %d was written", h, b.Height)
		}
	}
}

// BenchmarkValidateOverWrite validates a block of 1,000 transfers on the
// store's head, and over its parent while that parent's write is held
// (base: the parent's state changes and transactions over a snapshot).
func BenchmarkValidateOverWrite(b *testing.B) {
	p, cm := testCommittee(b, 4)
	proposer, db1 := openChain(b, b.TempDir(), p)
	defer db1.Close()
	vals, _ := proposer.Validators()
	var blocks []*types.Block
	var certs [][]byte
	for range 2 {
		blk, cert := commitTransfers(b, proposer, cm, vals, 1000)
		blocks, certs = append(blocks, blk), append(certs, cert)
	}
	verified := func(*types.Tx) bool { return true }
	for _, mode := range []string{"on-the-head", "over-the-write"} {
		b.Run(mode, func(b *testing.B) {
			follower, db2 := openChain(b, b.TempDir(), p)
			defer db2.Close()
			if mode == "on-the-head" {
				if err := follower.ApplyCertified(blocks[0], certs[0], nil); err != nil {
					b.Fatal(err)
				}
			} else {
				entered, release := holdWrites(db2)
				if err := follower.ApplyDecided(blocks[0], certs[0], nil); err != nil {
					b.Fatal(err)
				}
				<-entered
				defer func() {
					release()
					if err := follower.Written(); err != nil {
						b.Fatal(err)
					}
				}()
			}
			for b.Loop() {
				if _, err := follower.Validate(blocks[1], verified); err != nil {
					b.Fatal(err)
				}
			}
			if h := follower.HeadInfo().Height; mode == "over-the-write" && h != 0 {
				b.Fatalf("head %d: block 1 was written", h)
			}
		})
	}
}

// commitTransfers builds a block of n transfers to new accounts on
// proposer, certifies it and commits it there.
func commitTransfers(tb testing.TB, proposer *Chain, cm *committee, vals *types.ValidatorSet, n int) (*types.Block, []byte) {
	tb.Helper()
	txs := make([]*types.Tx, n)
	for i := range txs {
		k, _ := crypto.GeneratePrivKey()
		txs[i] = transfer(superKey, addr(k), coin)
	}
	x, err := proposer.Build(txs, 1514533400)
	if err != nil {
		tb.Fatal(err)
	}
	cert := cm.certify(tb, vals, x.Block.Height, x.Hash)
	if err := proposer.ApplyCertified(x.Block, cert, nil); err != nil {
		tb.Fatal(err)
	}
	return x.Block, cert
}
