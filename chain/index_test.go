package chain

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math"
	"os"
	"slices"
	"strconv"
	"testing"
	"time"

	"chain33node/crypto"
	"chain33node/logtest"
	"chain33node/store"
	"chain33node/types"

	"google.golang.org/protobuf/proto"
)

var allIndexes = IndexConfig{AddrIndex: true, AddrFeeIndex: true, FeeIndex: true, CoinSymbol: "bty"}

// histChain is a one-validator chain that commits blocks as consensus does.
type histChain struct {
	c    *Chain
	db   *store.DB
	cm   *committee
	vals *types.ValidatorSet
	p    Params
	dir  string
}

func newHistChain(t testing.TB, p Params, cm *committee, dir string) *histChain {
	t.Helper()
	c, db := openChain(t, dir, p)
	vals, err := c.Validators()
	if err != nil {
		t.Fatal(err)
	}
	return &histChain{c: c, db: db, cm: cm, vals: vals, p: p, dir: dir}
}

// newIndexedPair opens two chains of one committee that keep every index:
// one to commit blocks, one to apply them another way and compare. Both
// close when the test ends (the DB a reopen made, if any).
func newIndexedPair(t testing.TB) (a, b *histChain) {
	p, cm := testCommittee(t, 1)
	p.Index = allIndexes
	a, b = newHistChain(t, p, cm, t.TempDir()), newHistChain(t, p, cm, t.TempDir())
	t.Cleanup(func() {
		a.db.Close()
		b.db.Close()
	})
	return a, b
}

// commit builds and commits a block of txs; all of them must make it in.
func (h *histChain) commit(t testing.TB, txs ...*types.Tx) *Executed {
	t.Helper()
	x, err := h.c.Build(txs, 1514533400+h.c.HeadInfo().Height)
	if err != nil {
		t.Fatal(err)
	}
	if len(x.Block.Txs) != len(txs) {
		t.Fatalf("block %d holds %d of %d txs", x.Block.Height, len(x.Block.Txs), len(txs))
	}
	if err := h.c.ApplyCertified(x.Block, h.cm.certify(t, h.vals, x.Block.Height, x.Hash), nil); err != nil {
		t.Fatal(err)
	}
	return x
}

// apply commits a block another chain built.
func (h *histChain) apply(t testing.TB, b *types.Block) {
	t.Helper()
	if err := h.c.ApplyCertified(b, h.cm.certify(t, h.vals, b.Height, types.BlockHash(b)), nil); err != nil {
		t.Fatal(err)
	}
}

func (h *histChain) reopen(t testing.TB, idx IndexConfig) {
	t.Helper()
	h.db.Close()
	h.p.Index = idx
	*h = *newHistChain(t, h.p, h.cm, h.dir)
}

// indexEntries are every index entry of the chain's store, as key=value.
func indexEntries(t testing.TB, db *store.DB) []string {
	t.Helper()
	var out []string
	for _, f := range idxFamilies {
		for _, p := range f.prefixes {
			err := db.LocalScan([]byte(p), nil, false, func(k, v []byte) bool {
				out = append(out, fmt.Sprintf("%q=%x", k, v))
				return true
			})
			if err != nil {
				t.Fatal(err)
			}
		}
	}
	return out
}

type historyFixture struct {
	h       *histChain
	a, b, c *crypto.PrivKey
	blocks  []*Executed // 1..4
}

// newHistoryFixture: block 1 A→B 5, A→C 3; block 2 B→C 1; block 3 A→B 2,
// C→A 1; block 4 B→C 100 (more than B holds: ExecPack, fee taken).
func newHistoryFixture(t *testing.T, idx IndexConfig) *historyFixture {
	p, cm := testCommittee(t, 1)
	p.Index = idx
	f := &historyFixture{h: newHistChain(t, p, cm, t.TempDir()), a: superKey}
	t.Cleanup(func() { f.h.db.Close() })
	f.b, _ = crypto.GeneratePrivKey()
	f.c, _ = crypto.GeneratePrivKey()
	f.blocks = []*Executed{
		f.h.commit(t, transfer(f.a, addr(f.b), 5*coin), transfer(f.a, addr(f.c), 3*coin)),
		f.h.commit(t, transfer(f.b, addr(f.c), coin)),
		f.h.commit(t, transfer(f.a, addr(f.b), 2*coin), transfer(f.c, addr(f.a), coin)),
		f.h.commit(t, transfer(f.b, addr(f.c), 100*coin)),
	}
	if r := f.blocks[3].Receipts()[0]; r.Ty != types.ExecPack {
		t.Fatalf("over-balance transfer: receipt %d, want ExecPack", r.Ty)
	}
	return f
}

// at names the tx at block:index of the fixture.
func (f *historyFixture) at(height int64, index int) string {
	return fmt.Sprintf("%d:%d", height, index)
}

func positions(infos []*types.ReplyTxInfo) []string {
	var out []string
	for _, i := range infos {
		out = append(out, fmt.Sprintf("%d:%d", i.Height, i.Index))
	}
	return out
}

func TestIndexEntries(t *testing.T) {
	f := newHistoryFixture(t, allIndexes)
	db, b := f.h.db, addr(f.b)
	tx := f.blocks[0].Txs[0] // A→B 5

	// The reference's key and value for A→B in B's lists.
	hi := fmt.Sprintf("%018d", int64(1)*100000+0)
	want := &types.ReplyTxInfo{Hash: tx.Hash, Height: 1, Index: 0,
		Assets: []*types.Asset{{Exec: "coins", Symbol: "BTY", Amount: 5 * coin}}}
	for _, key := range []string{"TxAddrHash:" + b + ":" + hi, "TxAddrDirHash:" + b + ":2:" + hi,
		"TxAddrHash:" + addr(f.a) + ":" + hi, "TxAddrDirHash:" + addr(f.a) + ":1:" + hi} {
		v, err := db.Local([]byte(key))
		if err != nil || v == nil {
			t.Fatalf("%s: %v %x", key, err, v)
		}
		got := &types.ReplyTxInfo{}
		if err := proto.Unmarshal(v, got); err != nil || !proto.Equal(got, want) {
			t.Fatalf("%s = %v, want %v (%v)", key, got, want, err)
		}
	}
	// Counters and totals, as the reference's types.Int64 and TotalFee.
	int64At := func(key string) int64 {
		n, err := f.h.c.LocalInt64([]byte(key))
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	if n := int64At("AddrTxsCount:" + b); n != 4 {
		t.Fatalf("AddrTxsCount of B = %d, want 4", n)
	}
	if n := int64At("AddrTxsCount:" + addr(f.a)); n != 5 { // genesis, 3 sent, 1 received
		t.Fatalf("AddrTxsCount of A = %d, want 5", n)
	}
	if n := int64At("LODB-coins-Addr:" + b); n != 7*coin {
		t.Fatalf("B received %d, want 7 coins (the failed transfer does not count)", n)
	}
	if n, err := f.h.c.LocalCount([]byte("TxAddrDirHash:" + b + ":1:")); err != nil || n != 2 {
		t.Fatalf("B sent %d txs (%v), want 2", n, err)
	}
	fee, err := f.h.c.TotalFee(f.blocks[3].Hash)
	if err != nil {
		t.Fatal(err)
	}
	if fee.Fee != 6*feeRate || fee.TxCount != 7 { // genesis (fee 0) and 6 transfers
		t.Fatalf("total fee %v", fee)
	}
	if fee2, err := f.h.c.TotalFee(append([]byte("TotalFeeKey:"), f.blocks[1].Hash...)); err != nil || fee2.Fee != 3*feeRate || fee2.TxCount != 4 {
		t.Fatalf("total fee at block 2 (with prefix): %v %v", fee2, err)
	}
	if fee0, err := f.h.c.TotalFee(make([]byte, 32)); err != nil || fee0.Fee != 0 || fee0.TxCount != 0 {
		t.Fatalf("total fee of an unknown block: %v %v", fee0, err)
	}
	fees, err := f.h.c.TxFeesByAddr(&types.ReqAddr{Addr: b, Height: -1}, 100)
	if err != nil {
		t.Fatal(err)
	}
	if len(fees.TxInfos) != 2 || fees.TxInfos[0].Height != 4 || fees.TxInfos[0].TxStatus != types.ExecPack ||
		fees.TxInfos[0].Fee != feeRate || fees.TxInfos[0].ToAddr != addr(f.c) || fees.TxInfos[1].Height != 2 {
		t.Fatalf("fees of B: %v", fees.TxInfos)
	}
	// A fee listing upwards to an end height.
	fees, err = f.h.c.TxFeesByAddr(&types.ReqAddr{Addr: b, Height: 0, HeightEnd: 3}, 100)
	if err != nil || len(fees.TxInfos) != 1 || fees.TxInfos[0].Height != 2 {
		t.Fatalf("fees of B up to 3: %v %v", fees, err)
	}
	if _, err := f.h.c.TxFeesByAddr(&types.ReqAddr{Addr: b, Height: 3, HeightEnd: 2}, 100); !errors.Is(err, types.ErrInvalidParam) {
		t.Fatalf("end below start: %v", err)
	}
}

func TestTxsByAddrPaging(t *testing.T) {
	f := newHistoryFixture(t, allIndexes)
	b := addr(f.b)
	cases := []struct {
		name string
		req  *types.ReqAddr
		want []string
		err  error
	}{
		{"all, newest first", &types.ReqAddr{Addr: b, Height: -1}, []string{"4:0", "3:0", "2:0", "1:0"}, nil},
		{"all, oldest first", &types.ReqAddr{Addr: b, Height: -1, Direction: 1}, []string{"1:0", "2:0", "3:0", "4:0"}, nil},
		{"count", &types.ReqAddr{Addr: b, Height: -1, Count: 2}, []string{"4:0", "3:0"}, nil},
		{"sent", &types.ReqAddr{Addr: b, Flag: 1, Height: -1}, []string{"4:0", "2:0"}, nil},
		{"received", &types.ReqAddr{Addr: b, Flag: 2, Height: -1, Direction: 1}, []string{"1:0", "3:0"}, nil},
		{"older than 3:0", &types.ReqAddr{Addr: b, Height: 3, Index: 0}, []string{"2:0", "1:0"}, nil},
		{"newer than 3:0", &types.ReqAddr{Addr: b, Height: 3, Index: 0, Direction: 1}, []string{"4:0"}, nil},
		{"after a position it has no tx at", &types.ReqAddr{Addr: b, Height: 2, Index: 5, Direction: 1, Count: 1}, []string{"3:0"}, nil},
		{"next page of A", &types.ReqAddr{Addr: addr(f.a), Height: 1, Index: 1, Count: 2}, []string{"1:0", "0:0"}, nil},
		{"nothing older", &types.ReqAddr{Addr: b, Height: 1, Index: 0}, nil, ErrNoAddrTx},
		{"unknown address", &types.ReqAddr{Addr: "1CbEVT9RnM5oZhWMj4fxUrJX94VtRotzvs", Height: -1}, nil, ErrNoAddrTx},
		{"other flag", &types.ReqAddr{Addr: b, Flag: 3, Height: -1}, nil, ErrNoAddrTx},
		{"no address", &types.ReqAddr{Height: -1}, nil, types.ErrInvalidParam},
		{"height above head", &types.ReqAddr{Addr: b, Height: 5}, nil, types.ErrInvalidParam},
		{"height below -1", &types.ReqAddr{Addr: b, Height: -2}, nil, types.ErrInvalidParam},
		{"direction 2", &types.ReqAddr{Addr: b, Height: -1, Direction: 2}, nil, types.ErrInvalidParam},
		{"direction -1", &types.ReqAddr{Addr: b, Height: -1, Direction: -1}, nil, types.ErrInvalidParam},
		{"index above block size", &types.ReqAddr{Addr: b, Height: 1, Index: 100001}, nil, types.ErrInvalidParam},
		{"negative flag", &types.ReqAddr{Addr: b, Flag: -1, Height: -1}, nil, ErrFlagUnknown},
	}
	for _, c := range cases {
		got, err := f.h.c.TxsByAddr(c.req, 100)
		if !errors.Is(err, c.err) {
			t.Errorf("%s: error %v, want %v", c.name, err, c.err)
			continue
		}
		if p := positions(got); !slices.Equal(p, c.want) {
			t.Errorf("%s: %q, want %q", c.name, p, c.want)
		}
	}
	// max bounds a request for everything.
	if got, err := f.h.c.TxsByAddr(&types.ReqAddr{Addr: b, Height: -1, Count: 0}, 3); err != nil || len(got) != 3 {
		t.Fatalf("max 3: %d %v", len(got), err)
	}
	// An entry's hash is the tx's.
	got, _ := f.h.c.TxsByAddr(&types.ReqAddr{Addr: b, Height: -1, Count: 1}, 100)
	if !bytes.Equal(got[0].Hash, f.blocks[3].Txs[0].Hash) {
		t.Fatal("hash of the newest entry is not the tx's")
	}
	recv, txs, err := f.h.c.AddrOverview(b)
	if err != nil || recv != 7*coin || txs != 4 {
		t.Fatalf("overview of B: %d %d %v", recv, txs, err)
	}
	d, _ := crypto.GeneratePrivKey()
	if _, err := f.h.c.AddrReceived(addr(d)); !errors.Is(err, types.ErrEmpty) {
		t.Fatalf("received of a stranger: %v", err)
	}
	if recv, txs, err := f.h.c.AddrOverview(addr(d)); err != nil || recv != 0 || txs != 0 {
		t.Fatalf("overview of a stranger: %d %d %v", recv, txs, err)
	}
}

func TestIndexesOff(t *testing.T) {
	f := newHistoryFixture(t, IndexConfig{})
	if _, err := f.h.c.TxsByAddr(&types.ReqAddr{Addr: addr(f.b), Height: -1}, 100); !errors.Is(err, ErrNoAddrTx) {
		t.Fatalf("addr index off: %v", err)
	}
	for _, e := range indexEntries(t, f.h.db) {
		if !bytes.HasPrefix([]byte(e), []byte(`"LODB-coins-Addr:`)) {
			t.Fatalf("index entry %s with the indexes off", e)
		}
	}
}

// TestRebuildIndexes: a chain committed without indexes, reopened with
// them, rebuilds entries equal to those of a chain indexed from its start,
// resuming after an interruption and while new blocks commit.
func TestRebuildIndexes(t *testing.T) {
	defer func(b int64, x int) { rebuildMaxBlocks, rebuildMaxTxs = b, x }(rebuildMaxBlocks, rebuildMaxTxs)
	rebuildMaxBlocks, rebuildMaxTxs = 3, 1000

	p, cm := testCommittee(t, 1)
	p.Index = allIndexes
	live := newHistChain(t, p, cm, t.TempDir())
	defer func() { live.db.Close() }()
	p.Index = IndexConfig{}
	old := newHistChain(t, p, cm, t.TempDir())
	defer func() { old.db.Close() }()

	keys := make([]*crypto.PrivKey, 5)
	for i := range keys {
		keys[i], _ = crypto.GeneratePrivKey()
	}
	var later []*types.Block
	for h := range 20 {
		txs := []*types.Tx{transfer(superKey, addr(keys[h%5]), coin)}
		if h > 5 {
			txs = append(txs, transfer(keys[h%5], addr(keys[(h+1)%5]), coin/10))
		}
		x := live.commit(t, txs...)
		if h < 14 {
			old.apply(t, x.Block)
		} else {
			later = append(later, x.Block)
		}
	}
	want := indexEntries(t, live.db)

	// A data directory from before the indexes: no state, no entries.
	var drop []*types.KeyValue
	drop = append(drop, &types.KeyValue{Key: indexStateKey})
	if _, err := old.db.DeleteLocalPrefix([]byte("LODB-coins-Addr:"), 0); err != nil {
		t.Fatal(err)
	}
	if err := old.db.PutLocal(drop); err != nil {
		t.Fatal(err)
	}
	logged, logs := logtest.New(slog.LevelInfo)
	withLog := allIndexes
	withLog.Log, withLog.ProgressEvery = logged, time.Nanosecond
	old.reopen(t, withLog)
	if !old.c.idx.behind() {
		t.Fatal("an unindexed chain is not behind")
	}
	// Interrupted after two batches, by a stop.
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := old.c.RebuildIndexes(ctx); !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled rebuild: %v", err)
	}
	for range 2 {
		if _, err := old.c.idx.rebuildBatch(); err != nil {
			t.Fatal(err)
		}
	}
	old.reopen(t, withLog)
	if h := old.c.idx.height; h != 5 { // blocks 0..5
		t.Fatalf("resumed at %d, want after block 5", h)
	}
	// The rest, while the later blocks commit.
	done := make(chan error)
	go func() { done <- old.c.RebuildIndexes(context.Background()) }()
	for _, b := range later {
		old.apply(t, b)
	}
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if logs.Count(" from=6 to=") != 1 || logs.Count("height=8 head=") != 1 || logs.Count("history indexes rebuilt") != 1 {
		t.Fatalf("progress log:\n%s", logs)
	}
	// Blocks commit indexed from now on (if the rebuild ended before the
	// last of them, that one was indexed as it committed).
	if old.c.idx.behind() || old.c.idx.rebuilding {
		t.Fatal("still behind after the rebuild")
	}
	x := live.commit(t, transfer(superKey, addr(keys[0]), coin))
	old.apply(t, x.Block)
	want = indexEntries(t, live.db)
	if got := indexEntries(t, old.db); !slices.Equal(got, want) {
		t.Fatalf("rebuilt %d entries, live chain has %d; first difference: %s", len(got), len(want), firstDiff(got, want))
	}

	// Turning an index off deletes its entries; back on rebuilds them.
	old.reopen(t, IndexConfig{AddrIndex: true, CoinSymbol: "bty"})
	if err := old.c.RebuildIndexes(context.Background()); err != nil {
		t.Fatal(err)
	}
	for _, e := range indexEntries(t, old.db) {
		if bytes.HasPrefix([]byte(e), []byte(`"TotalFeeKey:`)) || bytes.HasPrefix([]byte(e), []byte(`"TxFeeAddrDirHash:`)) {
			t.Fatalf("entry of a disabled index left: %s", e)
		}
	}
	old.reopen(t, allIndexes)
	if err := old.c.RebuildIndexes(context.Background()); err != nil {
		t.Fatal(err)
	}
	if got := indexEntries(t, old.db); !slices.Equal(got, want) {
		t.Fatalf("second rebuild differs: %s", firstDiff(got, want))
	}
}

func firstDiff(a, b []string) string {
	for i := range min(len(a), len(b)) {
		if a[i] != b[i] {
			return a[i] + " vs " + b[i]
		}
	}
	return fmt.Sprintf("lengths %d, %d", len(a), len(b))
}

// TestRebuildSpeed measures the rebuild of the indexes of a chain of
// CHAIN_INDEX_BLOCKS blocks of 100 transfers (from 1,000 senders' view: one
// sender, 1,000 recipients) committed without them:
//
//	CHAIN_INDEX_BLOCKS=10000 go test -run TestRebuildSpeed -v ./chain
func TestRebuildSpeed(t *testing.T) {
	n, _ := strconv.Atoi(os.Getenv("CHAIN_INDEX_BLOCKS"))
	if n <= 0 {
		t.Skip("set CHAIN_INDEX_BLOCKS")
	}
	p, cm := testCommittee(t, 1)
	h := newHistChain(t, p, cm, t.TempDir())
	defer func() { h.db.Close() }()
	to := make([]string, 1000)
	for i := range to {
		k, _ := crypto.GeneratePrivKey()
		to[i] = addr(k)
	}
	from := superKey.PubKey()
	sig := bytes.Repeat([]byte{1}, 71) // never verified: Build's transactions count as checked
	began := time.Now()
	for b := range n {
		txs := make([]*types.Tx, 100)
		for i := range txs {
			nonce++
			dst := to[(b*100+i)%len(to)]
			txs[i] = types.NewTx(&types.Transaction{Execer: []byte("coins"), To: dst, Fee: feeRate, Nonce: nonce,
				Payload:   mustMarshal(&types.CoinsAction{Ty: 1, Value: &types.CoinsAction_Transfer{Transfer: &types.AssetsTransfer{Amount: 1, To: dst}}}),
				Signature: &types.Signature{Ty: 1, Pubkey: from, Signature: sig}})
		}
		h.commit(t, txs...)
	}
	t.Logf("built %d blocks of 100 transfers without indexes in %v", n, time.Since(began).Round(time.Second))
	h.reopen(t, IndexConfig{AddrIndex: true, FeeIndex: true, CoinSymbol: "bty", Log: slog.New(slog.DiscardHandler)})
	began = time.Now()
	if err := h.c.RebuildIndexes(context.Background()); err != nil {
		t.Fatal(err)
	}
	d := time.Since(began)
	t.Logf("rebuilt the indexes of %d blocks (%d txs) in %v: %.0f blocks/s, %.0f tx/s",
		n, n*100, d.Round(time.Millisecond), float64(n)/d.Seconds(), float64(n*100)/d.Seconds())
	// to[0] receives in every tenth block, the first of them at height 1.
	if got, err := h.c.TxsByAddr(&types.ReqAddr{Addr: to[0], Height: -1, Count: 1}, 1); err != nil || got[0].Height != int64((n-1)/10*10+1) {
		t.Fatalf("newest tx of a recipient: %v %v", got, err)
	}
}

// BenchmarkIndexBlock100Tx is the commit path's extra work per block: the
// index entries of a block of 100 transfers to distinct recipients.
func BenchmarkIndexBlock100Tx(b *testing.B) {
	p, cm := testCommittee(b, 1)
	p.Index = allIndexes
	h := newHistChain(b, p, cm, b.TempDir())
	defer h.db.Close()
	var txs []*types.Tx
	for range 100 {
		k, _ := crypto.GeneratePrivKey()
		txs = append(txs, transfer(superKey, addr(k), coin))
	}
	x := h.commit(b, txs...)
	b.ResetTimer()
	for range b.N {
		ov := &localOverlay{r: h.db, w: make(map[string][]byte, 6*len(x.Txs)+1)}
		if err := h.c.idx.index(ov, x.Block, x.Hash, x.Txs, x.Receipts()); err != nil {
			b.Fatal(err)
		}
	}
}

// heightIndex is the reference's fmt.Sprintf("%018d", height*100000+index),
// written without fmt on the commit path.
func TestHeightIndex(t *testing.T) {
	for _, c := range [][2]int64{{0, 0}, {1, 0}, {1, 99999}, {123456, 42}, {9999999999999, 99999}, {10000000000000, 0},
		{math.MaxInt64 / 100000, 7}} {
		if got, want := heightIndex(c[0], c[1]), fmt.Sprintf("%018d", c[0]*100000+c[1]); got != want {
			t.Errorf("heightIndex(%d, %d) = %s, want %s", c[0], c[1], got, want)
		}
	}
}

// Blocks block sync commits without sync have their index entries written
// together when the range is made durable (Written), or before a block
// committed with sync (consensus); the entries are the same as a chain's
// that indexed each block in its own batch. A stop before that loses only
// the pending entries, which RebuildIndexes makes again at the next start.
func TestUnsyncedBlocksIndexedTogether(t *testing.T) {
	t.Run("a range at once", testUnsyncedIndexedTogether)
	t.Run("in parts", func(t *testing.T) { // more entries pending than the bound: written as they come
		defer func(n int) { maxPendingIndex = n }(maxPendingIndex)
		maxPendingIndex = 20
		testUnsyncedIndexedTogether(t)
	})
	t.Run("a short queue", func(t *testing.T) { // the commits wait for the goroutine behind them
		defer func(n int) { maxQueuedTxs = n }(maxQueuedTxs)
		maxQueuedTxs = 1
		testUnsyncedIndexedTogether(t)
	})
}

func testUnsyncedIndexedTogether(t *testing.T) {
	live, f := newIndexedPair(t)

	keys := make([]*crypto.PrivKey, 4)
	for i := range keys {
		keys[i], _ = crypto.GeneratePrivKey()
	}
	wants := map[int64][]string{}
	var blocks []*types.Block
	for h := int64(1); h <= 20; h++ {
		txs := []*types.Tx{transfer(superKey, addr(keys[h%4]), coin)}
		if h > 4 {
			txs = append(txs, transfer(keys[h%4], addr(keys[(h+1)%4]), coin/10), transfer(keys[(h+2)%4], addr(keys[h%4]), coin/20))
		}
		blocks = append(blocks, live.commit(t, txs...).Block)
		wants[h] = indexEntries(t, live.db)
	}
	unsynced := func(from, to int64) {
		t.Helper()
		for _, b := range blocks[from-1 : to] {
			if err := f.c.ApplyCertifiedUnsynced(b, f.cm.certify(t, f.vals, b.Height, types.BlockHash(b)), nil); err != nil {
				t.Fatal(err)
			}
		}
	}
	same := func(when string, h int64) {
		t.Helper()
		if got := indexEntries(t, f.db); !slices.Equal(got, wants[h]) {
			t.Fatalf("%s: %d entries, the live chain had %d at block %d; first difference: %s", when, len(got), len(wants[h]), h, firstDiff(got, wants[h]))
		}
	}

	unsynced(1, 8)
	if err := f.c.Flush(); err != nil {
		t.Fatal(err)
	}
	if d := f.db.DurableHeight(); d != 8 {
		t.Fatalf("durable height %d after Flush, want 8", d)
	}
	f.c.idx.drain() // the entries are written behind Flush
	same("after Flush", 8)
	unsynced(9, 10)
	if err := f.c.Written(); err != nil {
		t.Fatal(err)
	}
	same("after Written", 10)
	// A synced commit indexes after the blocks queued before it: the
	// goroutine that indexes them is held back until well into the commit.
	release := make(chan struct{})
	beforeBackgroundIndex = func() { <-release }
	defer func() { beforeBackgroundIndex = func() {} }()
	time.AfterFunc(250*time.Millisecond, func() { close(release) })
	unsynced(11, 15)
	f.apply(t, blocks[15]) // block 16, committed with sync
	same("after a synced block", 16)
	unsynced(17, 20)
	f.c.idx.drain()
	f.reopen(t, allIndexes) // a stop without Written: the blocks are kept, their pending entries lost
	if h := f.c.HeadInfo().Height; h != 20 {
		t.Fatalf("head %d after the reopen, want 20", h)
	}
	if h := f.c.idx.height; !f.c.idx.behind() || h < 16 || h >= 20 {
		t.Fatalf("indexed to %d after the reopen, want 16-19 (behind)", h)
	}
	if err := f.c.RebuildIndexes(context.Background()); err != nil {
		t.Fatal(err)
	}
	same("after the rebuild", 20)
}

// A block that block sync's indexing cannot index (a corrupt counter: a
// failing disk) leaves the indexes behind, with nothing of it written, and
// the blocks after it unindexed: the next start rebuilds them
// (RebuildIndexes), and the blocks themselves are kept and durable.
func TestUnsyncedBlockNotIndexable(t *testing.T) {
	live, f := newIndexedPair(t)
	to, _ := crypto.GeneratePrivKey()
	for h := int64(1); h <= 5; h++ {
		b := live.commit(t, transfer(superKey, addr(to), coin)).Block
		if h == 4 { // the counter the block's sender adds to cannot be read
			if err := f.db.PutLocal([]*types.KeyValue{{Key: []byte(addrTxsCountKey(addr(superKey))), Value: []byte{0xff}}}); err != nil {
				t.Fatal(err)
			}
		}
		if err := f.c.ApplyCertifiedUnsynced(b, f.cm.certify(t, f.vals, b.Height, types.BlockHash(b)), nil); err != nil {
			t.Fatal(err)
		}
		if h == 3 {
			if err := f.c.Written(); err != nil {
				t.Fatal(err)
			}
		}
	}
	written := indexEntries(t, f.db)
	if err := f.c.Written(); err != nil {
		t.Fatal(err)
	}
	if h, d := f.c.HeadInfo().Height, f.db.DurableHeight(); h != 5 || d != 5 {
		t.Fatalf("head %d, durable %d, want 5", h, d)
	}
	if h := f.c.idx.height; h != 3 || !f.c.idx.behind() {
		t.Fatalf("indexed to %d (behind %v), want 3 and behind", h, f.c.idx.behind())
	}
	if got := indexEntries(t, f.db); !slices.Equal(got, written) {
		t.Fatalf("index entries written after the failure: %s", firstDiff(got, written))
	}
}
