package store

import (
	"bytes"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"testing"
	"time"

	"chain33node/types"

	"github.com/syndtr/goleveldb/leveldb"
	"google.golang.org/protobuf/proto"
)

func openTest(t testing.TB) (*DB, string) {
	t.Helper()
	dir := t.TempDir()
	db, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db, dir
}

func TestCommitAndRead(t *testing.T) {
	db, _ := openTest(t)
	if _, ok := db.Head(); ok {
		t.Fatal("empty DB has a head")
	}
	var batches []*BlockBatch
	for h := range int64(6) {
		var b *BlockBatch
		if h == 0 {
			b = testBatch(nil, 0, 0) // genesis without txs
		} else {
			head, _ := db.Head()
			b = testBatch(&head, h, int(h)*3)
		}
		if err := db.CommitBlock(b); err != nil {
			t.Fatalf("commit %d: %v", h, err)
		}
		batches = append(batches, b)
		head, ok := db.Head()
		if !ok || head.Height != h || !bytes.Equal(head.Hash, b.Hash) ||
			!bytes.Equal(head.StateHash, b.Block.StateHash) || head.BlockTime != b.Block.BlockTime {
			t.Fatalf("head after %d: %+v", h, head)
		}
	}
	checkConsistent(t, db)

	for _, b := range batches {
		h := b.Block.Height
		blk, err := db.Block(h)
		if err != nil || !proto.Equal(blk, b.Block) {
			t.Fatalf("block %d: %v", h, err)
		}
		hdr, err := db.Header(h)
		if err != nil || !bytes.Equal(hdr.Hash, b.Hash) || hdr.TxCount != int64(len(b.Block.Txs)) ||
			!bytes.Equal(hdr.ParentHash, b.Block.ParentHash) || hdr.BlockTime != b.Block.BlockTime {
			t.Fatalf("header %d: %v %v", h, hdr, err)
		}
		if got, err := db.HeightOf(b.Hash); err != nil || got != h {
			t.Fatalf("HeightOf block %d: %d %v", h, got, err)
		}
		rs, err := db.Receipts(h)
		if err != nil || len(rs) != len(b.Receipts) {
			t.Fatalf("receipts %d: %d %v", h, len(rs), err)
		}
		for i := range rs {
			if !proto.Equal(rs[i], b.Receipts[i]) {
				t.Fatalf("receipt %d/%d: %v", h, i, rs[i])
			}
		}
		cert, err := db.Cert(h)
		if err != nil || !bytes.Equal(cert, b.Cert) || (h == 0 && cert != nil) {
			t.Fatalf("cert %d: %q %v", h, cert, err)
		}
		for i, th := range b.TxHashes {
			gh, gi, err := db.TxLoc(th)
			if err != nil || gh != h || gi != int32(i) || !hasTx(t, db, th) {
				t.Fatalf("tx %d/%d at %d/%d %v", h, i, gh, gi, err)
			}
		}
		if v, err := db.State(ownStateKey(h)); err != nil || !bytes.Equal(v, heightValue(h)) {
			t.Fatalf("state of %d: %x %v", h, v, err)
		}
		if v, err := db.Local(localKey(h)); err != nil || !bytes.Equal(v, heightValue(h)) {
			t.Fatalf("local of %d: %x %v", h, v, err)
		}
	}
	if v, _ := db.State(counterKey); !bytes.Equal(v, heightValue(5)) {
		t.Fatalf("counter %x", v)
	}

	// Absent records.
	if _, err := db.Block(99); !errors.Is(err, types.ErrNotFound) {
		t.Fatalf("Block(99): %v", err)
	}
	if _, err := db.Block(-1); !errors.Is(err, types.ErrNotFound) {
		t.Fatalf("Block(-1): %v", err)
	}
	if _, err := db.HeightOf(make([]byte, 32)); !errors.Is(err, types.ErrNotFound) {
		t.Fatalf("HeightOf(zero): %v", err)
	}
	if _, _, err := db.TxLoc(make([]byte, 32)); !errors.Is(err, types.ErrNotFound) || hasTx(t, db, make([]byte, 32)) {
		t.Fatalf("TxLoc(zero): %v", err)
	}
	if v, err := db.State([]byte("nope")); v != nil || err != nil {
		t.Fatalf("State(absent) = %x, %v", v, err)
	}
	if v, err := db.Local([]byte("nope")); v != nil || err != nil {
		t.Fatalf("Local(absent) = %x, %v", v, err)
	}

	// LocalPrefix is ordered and sees only local keys with the prefix.
	kvs, err := db.LocalPrefix([]byte("LODB-test-"))
	if err != nil || len(kvs) != 6 {
		t.Fatalf("LocalPrefix: %d %v", len(kvs), err)
	}
	for i, kv := range kvs {
		if !bytes.Equal(kv.Key, localKey(int64(i))) || !bytes.Equal(kv.Value, heightValue(int64(i))) {
			t.Fatalf("LocalPrefix[%d] = %q %x", i, kv.Key, kv.Value)
		}
	}
	if kvs, _ := db.LocalPrefix([]byte("mavl-")); len(kvs) != 0 {
		t.Fatalf("LocalPrefix sees state keys: %v", kvs)
	}
}

func TestCommitRejects(t *testing.T) {
	db, _ := openTest(t)
	if err := db.CommitBlock(testBatch(&Head{Hash: make([]byte, 32)}, 1, 1)); !errors.Is(err, ErrNotNext) {
		t.Fatalf("height 1 on empty DB: %v", err)
	}
	head := commitChain(t, db, 3, 2)

	wrongParent := testBatch(&Head{Hash: bytes.Repeat([]byte{7}, 32)}, head.Height+1, 2)
	mismatch := testBatch(&head, head.Height+1, 2)
	mismatch.Receipts = mismatch.Receipts[:1]
	badHash := testBatch(&head, head.Height+1, 2)
	badHash.Hash = bytes.Repeat([]byte{1}, 32)
	noTxHash := testBatch(&head, head.Height+1, 2)
	noTxHash.TxHashes[1] = nil
	for name, tc := range map[string]struct {
		b       *BlockBatch
		notNext bool
	}{
		"skip height":       {testBatch(&head, head.Height+2, 2), true},
		"repeat height":     {testBatch(&head, head.Height, 2), true},
		"genesis again":     {testBatch(nil, 0, 2), true},
		"wrong parent":      {wrongParent, true},
		"receipts mismatch": {mismatch, false},
		"wrong hash":        {badHash, false},
		"tx without hash":   {noTxHash, false},
	} {
		if err := db.CommitBlock(tc.b); err == nil || errors.Is(err, ErrNotNext) != tc.notNext {
			t.Errorf("%s: %v", name, err)
		}
		if got, _ := db.Head(); got.Height != head.Height || !bytes.Equal(got.Hash, head.Hash) {
			t.Fatalf("%s: head moved to %d", name, got.Height)
		}
		checkConsistent(t, db)
	}
	if err := db.CommitBlock(&BlockBatch{}); err == nil {
		t.Fatal("nil block accepted")
	}
	// The store still accepts the right block after refusals.
	commitChain(t, db, 1, 2)
	checkConsistent(t, db)
}

func TestStateDelete(t *testing.T) {
	db, _ := openTest(t)
	head := commitChain(t, db, 2, 1)
	b := testBatch(&head, head.Height+1, 1)
	b.State = append(b.State, &types.KeyValue{Key: ownStateKey(0)}) // nil value: delete
	b.Local = append(b.Local, &types.KeyValue{Key: localKey(1)})
	b.State = append(b.State, &types.KeyValue{Key: []byte("empty"), Value: []byte{}})
	if err := db.CommitBlock(b); err != nil {
		t.Fatal(err)
	}
	if v, err := db.State(ownStateKey(0)); v != nil || err != nil {
		t.Fatalf("deleted state = %x, %v", v, err)
	}
	if v, err := db.Local(localKey(1)); v != nil || err != nil {
		t.Fatalf("deleted local = %x, %v", v, err)
	}
	if v, _ := db.State(ownStateKey(1)); v == nil {
		t.Fatal("untouched key deleted")
	}
	if v, err := db.State([]byte("empty")); v == nil || len(v) != 0 || err != nil {
		t.Fatalf("empty value = %v, %v", v, err)
	}
}

func TestSnapshotIsolation(t *testing.T) {
	db, _ := openTest(t)
	head := commitChain(t, db, 3, 2)
	snap, err := db.Snapshot()
	if err != nil {
		t.Fatal(err)
	}
	defer snap.Release()

	next := testBatch(&head, head.Height+1, 2)
	next.State = append(next.State, &types.KeyValue{Key: ownStateKey(1)})
	if err := db.CommitBlock(next); err != nil {
		t.Fatal(err)
	}

	if h, ok := snap.Head(); !ok || h.Height != head.Height || !bytes.Equal(h.Hash, head.Hash) {
		t.Fatalf("snapshot head %+v", h)
	}
	if h, _ := db.Head(); h.Height != head.Height+1 {
		t.Fatalf("db head %d", h.Height)
	}
	n := next.Block.Height
	if _, err := snap.Block(n); !errors.Is(err, types.ErrNotFound) {
		t.Fatalf("snapshot sees the new block: %v", err)
	}
	if _, err := snap.Header(n); !errors.Is(err, types.ErrNotFound) {
		t.Fatalf("snapshot sees the new header: %v", err)
	}
	if hasTx(t, snap, next.TxHashes[0]) {
		t.Fatal("snapshot sees the new tx")
	}
	if _, err := snap.HeightOf(next.Hash); !errors.Is(err, types.ErrNotFound) {
		t.Fatalf("snapshot sees the new hash: %v", err)
	}
	if v, _ := snap.State(counterKey); !bytes.Equal(v, heightValue(head.Height)) {
		t.Fatalf("snapshot counter %x", v)
	}
	if v, _ := snap.State(ownStateKey(1)); v == nil {
		t.Fatal("snapshot sees the delete")
	}
	if kvs, _ := snap.LocalPrefix([]byte("LODB-test-")); len(kvs) != int(head.Height)+1 {
		t.Fatalf("snapshot local scan: %d entries", len(kvs))
	}
	// The committed data is visible through the DB and a new snapshot.
	if _, err := db.Block(n); err != nil {
		t.Fatal(err)
	}
	snap2, err := db.Snapshot()
	if err != nil {
		t.Fatal(err)
	}
	defer snap2.Release()
	if h, _ := snap2.Head(); h.Height != n {
		t.Fatalf("new snapshot head %d", h.Height)
	}
	if _, _, err := snap2.TxLoc(next.TxHashes[1]); err != nil {
		t.Fatal(err)
	}
}

func TestReopen(t *testing.T) {
	dir := t.TempDir()
	db, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	head := commitChain(t, db, 4, 3)
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	db, err = Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	got, ok := db.Head()
	if !ok || got.Height != head.Height || !bytes.Equal(got.Hash, head.Hash) ||
		!bytes.Equal(got.StateHash, head.StateHash) || got.BlockTime != head.BlockTime {
		t.Fatalf("head after reopen %+v, want %+v", got, head)
	}
	checkConsistent(t, db)
	commitChain(t, db, 2, 3)
	checkConsistent(t, db)
}

// TestCorruptRecord overwrites records with damaged values: reads report
// ErrCorrupt naming the kind and height (or hash) instead of panicking.
func TestCorruptRecord(t *testing.T) {
	db, _ := openTest(t)
	commitChain(t, db, 3, 2)
	blk1, _ := db.Block(1)
	hdr1, _ := db.Header(1)
	hdrBytes, _ := proto.Marshal(hdr1)
	tx := txHashAt(2, 0)
	blkHash, _ := db.Header(2)
	blk2, _ := db.Block(2)
	blk2.Txs[0].ProtoReflect().SetUnknown([]byte{0xf8, 0x06, 0x01}) // varint field 111 = 1

	for _, tc := range []struct {
		name      string
		key, val  []byte
		read      func() error
		wantWords []string
	}{
		{"block garbage", heightKey(pBlock, 2), []byte{0xff, 0xff, 0xff},
			func() error { _, err := db.Block(2); return err }, []string{"block", "height 2"}},
		{"block of other height", heightKey(pBlock, 2), must(proto.Marshal(blk1)),
			func() error { _, err := db.Block(2); return err }, []string{"block", "height 2"}},
		{"block with an unknown tx field", heightKey(pBlock, 2), must(proto.Marshal(blk2)),
			func() error { _, err := db.Block(2); return err }, []string{"block", "height 2", "unknown fields in tx 0"}},
		{"header garbage", heightKey(pHeader, 2), []byte{0x0a, 0x50, 1},
			func() error { _, err := db.Header(2); return err }, []string{"header", "height 2"}},
		{"header of other height", heightKey(pHeader, 2), hdrBytes,
			func() error { _, err := db.Header(2); return err }, []string{"header", "height 2"}},
		{"receipts bad tag", heightKey(pReceipts, 2), []byte{0x10, 1},
			func() error { _, err := db.Receipts(2); return err }, []string{"receipts", "height 2"}},
		{"receipts truncated", heightKey(pReceipts, 2), []byte{0x0a, 0x09, 1},
			func() error { _, err := db.Receipts(2); return err }, []string{"receipts", "height 2"}},
		{"receipt garbage", heightKey(pReceipts, 2), []byte{0x0a, 0x02, 0xff, 0xff},
			func() error { _, err := db.Receipts(2); return err }, []string{"receipts", "height 2"}},
		{"tx index short", prefixed(pTxIndex, tx), []byte{0, 1},
			func() error { _, _, err := db.TxLoc(tx); return err }, []string{"tx index"}},
		{"hash index short", prefixed(pHashIndex, blkHash.Hash), []byte{0, 1},
			func() error { _, err := db.HeightOf(blkHash.Hash); return err }, []string{"block hash index"}},
	} {
		if err := db.ldb.Put(tc.key, tc.val, nil); err != nil {
			t.Fatal(err)
		}
		err := tc.read()
		if !errors.Is(err, ErrCorrupt) {
			t.Errorf("%s: %v, want ErrCorrupt", tc.name, err)
			continue
		}
		for _, w := range tc.wantWords {
			if !strings.Contains(err.Error(), w) {
				t.Errorf("%s: %q does not name %q", tc.name, err, w)
			}
		}
	}
}

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

func TestOpenCorruptHead(t *testing.T) {
	for name, mutate := range map[string]func(*DB) error{
		"garbage head": func(db *DB) error { return db.ldb.Put(headKey, []byte{1, 2, 3}, nil) },
		"trailing bytes": func(db *DB) error {
			h, _ := db.Head()
			return db.ldb.Put(headKey, append(encodeHead(nil, &h), 0), nil)
		},
		"head without header": func(db *DB) error {
			h, _ := db.Head()
			h.Height = 9
			return db.ldb.Put(headKey, encodeHead(nil, &h), nil)
		},
		"head hash differs": func(db *DB) error {
			h, _ := db.Head()
			h.Hash = bytes.Repeat([]byte{9}, 32)
			return db.ldb.Put(headKey, encodeHead(nil, &h), nil)
		},
	} {
		dir := t.TempDir()
		db, err := Open(dir)
		if err != nil {
			t.Fatal(err)
		}
		commitChain(t, db, 2, 1)
		if err := mutate(db); err != nil {
			t.Fatal(err)
		}
		db.Close()
		if db, err := Open(dir); !errors.Is(err, ErrCorrupt) || !strings.Contains(err.Error(), "head") {
			if db != nil {
				db.Close()
			}
			t.Errorf("%s: Open = %v, want ErrCorrupt naming the head", name, err)
		}
	}
}

// A write fault (the stand-in for a full disk) fails CommitBlock before
// anything is written; once cleared, the same block commits.
func TestWriteFault(t *testing.T) {
	db, _ := openTest(t)
	head := commitChain(t, db, 2, 1)
	diskFull := errors.New("no space left on device")
	var calls []int64
	db.SetWriteFault(func(h int64) error { calls = append(calls, h); return diskFull })
	b := testBatch(&head, head.Height+1, 2)
	if err := db.CommitBlock(b); !errors.Is(err, diskFull) {
		t.Fatalf("commit with a full disk: %v", err)
	}
	if h, _ := db.Head(); h.Height != head.Height || len(calls) != 1 || calls[0] != head.Height+1 {
		t.Fatalf("head %d after a failed write, fault called for %v", h.Height, calls)
	}
	if _, err := db.Block(head.Height + 1); !errors.Is(err, types.ErrNotFound) {
		t.Fatalf("block of a failed write: %v", err)
	}
	if _, _, err := db.TxLoc(b.TxHashes[0]); !errors.Is(err, types.ErrNotFound) {
		t.Fatalf("tx of a failed write: %v", err)
	}
	db.SetWriteFault(nil)
	if err := db.CommitBlock(b); err != nil {
		t.Fatal(err)
	}
	checkConsistent(t, db)
}

// A read that LevelDB fails wraps ErrRead, so callers can tell a failing
// store from a bad record or a missing one.
func TestReadError(t *testing.T) {
	db, err := Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	commitChain(t, db, 1, 1)
	db.Close()
	if _, err := db.Block(0); !errors.Is(err, ErrRead) || errors.Is(err, ErrCorrupt) {
		t.Fatalf("read of a closed store: %v", err)
	}
}

// TestCommitKeyOrder: CommitBlock writes state and local entries in key
// order, and of two entries with one key the later still wins, a deletion
// included.
func TestCommitKeyOrder(t *testing.T) {
	db, _ := openTest(t)
	head := commitChain(t, db, 1, 0)
	bb := testBatch(&head, 1, 0)
	kv := func(k, v string) *types.KeyValue {
		if v == "" {
			return &types.KeyValue{Key: []byte(k)}
		}
		return &types.KeyValue{Key: []byte(k), Value: []byte(v)}
	}
	bb.State = []*types.KeyValue{kv("z", "1"), kv("a", "1"), kv("z", "2"), kv("m", "1")}
	bb.Local = []*types.KeyValue{kv("b", "1"), kv("c", "1"), kv("b", "2"), kv("c", ""), kv("a", "1")}
	for i := range 200 { // enough for a sort that is not stable to reorder equal keys
		bb.Local = append(bb.Local, kv(fmt.Sprintf("k%d", i%7), strconv.Itoa(i)))
	}
	if err := db.CommitBlock(bb); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		get       func([]byte) ([]byte, error)
		key, want string
	}{{db.State, "z", "2"}, {db.State, "a", "1"}, {db.State, "m", "1"}, {db.Local, "b", "2"}, {db.Local, "a", "1"}} {
		if v, err := c.get([]byte(c.key)); err != nil || string(v) != c.want {
			t.Errorf("%s: %q, %v; want %q", c.key, v, err, c.want)
		}
	}
	if v, err := db.Local([]byte("c")); v != nil || err != nil {
		t.Errorf("deleted local c: %q, %v", v, err)
	}
	for k := range 7 {
		last := 199 - (199-k)%7
		if v, err := db.Local(fmt.Appendf(nil, "k%d", k)); err != nil || string(v) != strconv.Itoa(last) {
			t.Errorf("k%d: %q, %v; want %d", k, v, err, last)
		}
	}
	if !bytes.Equal(bb.State[0].Key, []byte("z")) {
		t.Error("CommitBlock reordered the caller's slice")
	}
}

// TestWriteBufferDrawn: an open draws its memtable size from within a
// quarter of the options' either side (writeBuffer), so that validators'
// compactions drift apart, and LevelDB takes it: 28 MiB written fill the
// smallest memtable (the options' would hold them), which is flushed.
func TestWriteBufferDrawn(t *testing.T) {
	defer func(saved func(int) int) { memtableDraw = saved }(memtableDraw)
	seen := map[int]bool{}
	for range 20 {
		seen[writeBuffer()] = true
	}
	if len(seen) < 10 {
		t.Errorf("20 opens drew %d sizes", len(seen))
	}
	w := options.WriteBuffer
	memtableDraw = func(n int) int { return n - 1 }
	hi := writeBuffer()
	memtableDraw = func(int) int { return 0 }
	if lo := writeBuffer(); lo != w*3/4 || hi != w*5/4 {
		t.Errorf("range %d-%d, want %d-%d", lo, hi, w*3/4, w*5/4)
	}

	db, _ := openTest(t)
	value := make([]byte, 1<<10)
	for i := range 28 << 10 {
		if err := db.ldb.Put(fmt.Appendf(nil, "k%08d", i), value, nil); err != nil {
			t.Fatal(err)
		}
	}
	var st leveldb.DBStats
	for deadline := time.Now().Add(10 * time.Second); st.MemComp == 0; time.Sleep(10 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("a memtable of %d MiB was not flushed after 28 MiB", w*3/4>>20)
		}
		if err := db.ldb.Stats(&st); err != nil {
			t.Fatal(err)
		}
	}
}
