package store

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"testing"

	"chain33node/types"
)

// Test chains are deterministic: what block h contains (tx hashes, state and
// local keys) depends only on h, so a test can check that nothing of a block
// that was not committed is on disk.

func txHashAt(height int64, i int) []byte {
	var b [16]byte
	binary.BigEndian.PutUint64(b[:], uint64(height))
	binary.BigEndian.PutUint64(b[8:], uint64(i))
	h := sha256.Sum256(b[:])
	return h[:]
}

// Each block sets "counter" to its height and writes a key of its own.
var counterKey = []byte("mavl-test-counter")

func ownStateKey(height int64) []byte { return fmt.Appendf(nil, "mavl-test-block-%08d", height) }
func localKey(height int64) []byte    { return fmt.Appendf(nil, "LODB-test-%08d", height) }

func heightValue(h int64) []byte { return binary.BigEndian.AppendUint64(nil, uint64(h)) }

func testTx(height int64, i int, payload int) *types.Transaction {
	p := make([]byte, payload)
	for j := range p {
		p[j] = byte(int(height) + i + j)
	}
	return &types.Transaction{
		Execer:  []byte("coins"),
		Payload: p,
		Signature: &types.Signature{
			Ty:        1,
			Pubkey:    bytes.Repeat([]byte{2}, 33),
			Signature: bytes.Repeat([]byte{byte(i)}, 71),
		},
		Fee:     100000,
		Expire:  0,
		Nonce:   height*1e6 + int64(i),
		To:      "1CbEVT9RnM5oZhWMj4fxUrJX94VtRotzvs",
		ChainID: 33,
	}
}

// testBatch builds block height on top of parent (nil parent for genesis).
func testBatch(parent *Head, height int64, ntx int) *BlockBatch {
	blk := &types.Block{Height: height, BlockTime: 1700000000 + height, StateHash: sha256Of("state", height)}
	if parent != nil {
		blk.ParentHash = parent.Hash
	} else {
		blk.ParentHash = make([]byte, 32)
	}
	b := &BlockBatch{Block: blk}
	for i := range ntx {
		blk.Txs = append(blk.Txs, testTx(height, i, 100))
		b.TxHashes = append(b.TxHashes, txHashAt(height, i))
		b.Receipts = append(b.Receipts, &types.ReceiptData{Ty: 2, Logs: []*types.ReceiptLog{
			{Ty: 3, Log: fmt.Appendf(nil, "log %d/%d", height, i)},
		}})
	}
	blk.TxHash = sha256Of("txs", height)
	b.Hash = types.BlockHash(blk)
	if height > 0 {
		b.Cert = fmt.Appendf(nil, "cert-%d", height)
	}
	b.State = []*types.KeyValue{
		{Key: counterKey, Value: heightValue(height)},
		{Key: ownStateKey(height), Value: heightValue(height)},
	}
	b.Local = []*types.KeyValue{{Key: localKey(height), Value: heightValue(height)}}
	return b
}

func sha256Of(s string, h int64) []byte {
	x := sha256.Sum256(fmt.Appendf(nil, "%s%d", s, h))
	return x[:]
}

// commitNext commits the next block of the test chain.
func commitNext(db *DB, ntx int) error {
	if h, ok := db.Head(); ok {
		return db.CommitBlock(testBatch(&h, h.Height+1, ntx))
	}
	return db.CommitBlock(testBatch(nil, 0, ntx))
}

// commitChain commits n blocks after the head (from genesis on an empty DB)
// and returns the head.
func commitChain(t testing.TB, db *DB, n int, ntx int) Head {
	t.Helper()
	for range n {
		if err := commitNext(db, ntx); err != nil {
			t.Fatal(err)
		}
	}
	h, _ := db.Head()
	return h
}

// checkConsistent checks the crash-safety property: the block at head height
// is complete and nothing of block head+1 exists.
func checkConsistent(t testing.TB, db *DB) Head {
	t.Helper()
	h, ok := db.Head()
	if !ok {
		// Nothing committed: nothing of block 0 may exist either.
		if _, err := db.Block(0); !errors.Is(err, types.ErrNotFound) {
			t.Fatalf("empty head but block 0: %v", err)
		}
		if v, _ := db.State(counterKey); v != nil {
			t.Fatalf("empty head but counter %x", v)
		}
		return h
	}
	blk, err := db.Block(h.Height)
	if err != nil {
		t.Fatalf("block at head %d: %v", h.Height, err)
	}
	if !bytes.Equal(types.BlockHash(blk), h.Hash) {
		t.Fatalf("block at head %d has another hash", h.Height)
	}
	hdr, err := db.Header(h.Height)
	if err != nil || !bytes.Equal(hdr.Hash, h.Hash) || hdr.TxCount != int64(len(blk.Txs)) {
		t.Fatalf("header at head %d: %v %v", h.Height, hdr, err)
	}
	rs, err := db.Receipts(h.Height)
	if err != nil || len(rs) != len(blk.Txs) {
		t.Fatalf("receipts at head %d: %d, %v", h.Height, len(rs), err)
	}
	if ht, err := db.HeightOf(h.Hash); err != nil || ht != h.Height {
		t.Fatalf("HeightOf(head) = %d, %v", ht, err)
	}
	for i := range blk.Txs {
		ht, idx, err := db.TxLoc(txHashAt(h.Height, i))
		if err != nil || ht != h.Height || idx != int32(i) {
			t.Fatalf("tx %d of head %d: at %d/%d, %v", i, h.Height, ht, idx, err)
		}
	}
	if v, err := db.State(counterKey); err != nil || !bytes.Equal(v, heightValue(h.Height)) {
		t.Fatalf("counter %x at head %d, %v", v, h.Height, err)
	}
	if v, _ := db.State(ownStateKey(h.Height)); v == nil {
		t.Fatalf("state of head %d missing", h.Height)
	}
	if v, _ := db.Local(localKey(h.Height)); v == nil {
		t.Fatalf("local entry of head %d missing", h.Height)
	}

	next := h.Height + 1
	for _, get := range []func(int64) error{
		func(n int64) error { _, err := db.Block(n); return err },
		func(n int64) error { _, err := db.Header(n); return err },
		func(n int64) error { _, err := db.Receipts(n); return err },
		func(n int64) error { _, err := db.Cert(n); return err },
	} {
		if err := get(next); !errors.Is(err, types.ErrNotFound) {
			t.Fatalf("record of block %d above head: %v", next, err)
		}
	}
	for i := range 5 {
		if hasTx(t, db, txHashAt(next, i)) {
			t.Fatalf("tx %d of block %d above head is indexed", i, next)
		}
	}
	if v, _ := db.State(ownStateKey(next)); v != nil {
		t.Fatalf("state of block %d above head exists", next)
	}
	if v, _ := db.Local(localKey(next)); v != nil {
		t.Fatalf("local entry of block %d above head exists", next)
	}
	return h
}

// hasTx is HasTx for tests: a read error fails the test.
func hasTx(t testing.TB, r interface{ HasTx([]byte) (bool, error) }, hash []byte) bool {
	t.Helper()
	on, err := r.HasTx(hash)
	if err != nil {
		t.Fatal(err)
	}
	return on
}
