package chain

import (
	"errors"
	"testing"

	"chain33node/crypto"
	"chain33node/types"
)

// TestCheckTxAfterEachHead: CheckTx answers from the state of the head it
// runs at: an account's balance read (and kept) before a block is read again
// after the block funds it and after another spends it.
func TestCheckTxAfterEachHead(t *testing.T) {
	p, cm := testCommittee(t, 4)
	h := newHistChain(t, p, cm, t.TempDir())
	defer h.db.Close()
	k, _ := crypto.GeneratePrivKey()
	sink, _ := crypto.GeneratePrivKey()
	spend := func() error { return h.c.CheckTx(transfer(k, addr(sink), 1)) }
	for range 2 { // a read, then the value kept
		if err := spend(); !errors.Is(err, types.ErrNoBalance) {
			t.Fatalf("unfunded: %v", err)
		}
	}
	h.commit(t, transfer(superKey, addr(k), feeRate+coin))
	if err := spend(); err != nil {
		t.Fatalf("funded: %v", err)
	}
	h.commit(t, transfer(k, addr(sink), coin))
	if err := spend(); !errors.Is(err, types.ErrNoBalance) {
		t.Fatalf("spent: %v", err)
	}
}

// BenchmarkCheckTx is the mempool's admission check of transfers from 256
// funded senders in turn, on a head that has them.
func BenchmarkCheckTx(b *testing.B) {
	p, cm := testCommittee(b, 4)
	h := newHistChain(b, p, cm, b.TempDir())
	defer h.db.Close()
	var funding, txs []*types.Tx
	for range 256 {
		k, _ := crypto.GeneratePrivKey()
		funding = append(funding, transfer(superKey, addr(k), 10*coin))
		txs = append(txs, transfer(k, addr(superKey), 1))
	}
	h.commit(b, funding...)
	i := 0
	for b.Loop() {
		if err := h.c.CheckTx(txs[i%len(txs)]); err != nil {
			b.Fatal(err)
		}
		i++
	}
}
