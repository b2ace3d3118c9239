package chain

import (
	"bytes"
	"errors"
	"testing"

	"chain33node/crypto"
	"chain33node/types"

	"google.golang.org/protobuf/proto"
)

// BenchmarkTxDetail is QueryTransaction's work for a transaction of a block
// of 3,000 transfers: its location, its block, receipt and merkle proof
// (5.3-5.5 ms, 69,069 allocations, when each query decoded the block and
// hashed its transactions; 1.9 µs, 17, with queriedBlocks).
func BenchmarkTxDetail(b *testing.B) {
	p, cm := testCommittee(b, 1)
	p.Index = allIndexes
	h := newHistChain(b, p, cm, b.TempDir())
	defer h.db.Close()
	var txs []*types.Tx
	k, _ := crypto.GeneratePrivKey()
	for range 3000 {
		txs = append(txs, transfer(superKey, addr(k), coin))
	}
	x := h.commit(b, txs...)
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		d, err := h.c.Tx(x.Txs[i%len(x.Txs)].Hash)
		if err != nil || d.Tx == nil {
			b.Fatal(err)
		}
		i += 7
	}
}

// Tx answers from the blocks it keeps as from the store: every transaction
// of blocks of 1 to 7 transfers, asked in turns across the blocks while the
// kept blocks are dropped past the bound, gets its own block's position,
// receipt and a proof that leads to the block's tx root; the bound holds; a
// block whose read fails is not kept failed.
func TestTxFromQueriedBlocks(t *testing.T) {
	defer func(n int) { maxQueriedTxs = n }(maxQueriedTxs)
	maxQueriedTxs = 10
	p, cm := testCommittee(t, 1)
	h := newHistChain(t, p, cm, t.TempDir())
	defer h.db.Close()
	k, _ := crypto.GeneratePrivKey()
	var blocks []*Executed
	for n := 1; n <= 7; n++ {
		var txs []*types.Tx
		for range n {
			txs = append(txs, transfer(superKey, addr(k), coin))
		}
		blocks = append(blocks, h.commit(t, txs...))
	}
	for round := range 3 {
		for i := range 7 {
			for bi := len(blocks) - 1; bi >= 0; bi-- {
				x := blocks[(bi+round)%len(blocks)]
				if i >= len(x.Txs) {
					continue
				}
				d, err := h.c.Tx(x.Txs[i].Hash)
				if err != nil {
					t.Fatal(err)
				}
				receipts, err := h.db.Receipts(x.Block.Height)
				if err != nil {
					t.Fatal(err)
				}
				if d.Height != x.Block.Height || int(d.Index) != i || !bytes.Equal(d.Tx.FullHash, x.Txs[i].FullHash) ||
					d.BlockTime != x.Block.BlockTime || !proto.Equal(d.Receipt, receipts[i]) {
					t.Fatalf("block %d tx %d: %+v", x.Block.Height, i, d)
				}
				if !bytes.Equal(types.MerkleRootFromBranch(d.Tx.FullHash, d.Proofs, i), x.Block.TxHash) {
					t.Fatalf("block %d tx %d: the proof does not lead to the tx root", x.Block.Height, i)
				}
				if q := &h.c.queried; q.txs > maxQueriedTxs && len(q.order) > 1 {
					t.Fatalf("%d txs of %d blocks kept, the bound is %d", q.txs, len(q.order), maxQueriedTxs)
				}
			}
		}
	}

	x := blocks[3]
	h.c.queried = queriedBlocks{}
	h.db.SetReadFault(func(kind string) error {
		if kind == "block" {
			return errors.New("disk")
		}
		return nil
	})
	if _, err := h.c.Tx(x.Txs[0].Hash); err == nil {
		t.Fatal("a block that cannot be read answered")
	}
	h.db.SetReadFault(nil)
	if d, err := h.c.Tx(x.Txs[0].Hash); err != nil || d.Height != x.Block.Height {
		t.Fatalf("after the fault: %+v %v", d, err)
	}
}
