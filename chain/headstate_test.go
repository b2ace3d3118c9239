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
	c, db := openChain(t, t.TempDir(), p)
	defer db.Close()
	k, _ := crypto.GeneratePrivKey()
	sink, _ := crypto.GeneratePrivKey()
	commit := func(txs ...*types.Tx) {
		t.Helper()
		x, err := c.Build(txs, c.HeadInfo().BlockTime+1)
		if err != nil || len(x.Block.Txs) != len(txs) {
			t.Fatalf("built %v: %v", x, err)
		}
		vals, _ := c.Validators()
		if err := c.ApplyCertified(x.Block, cm.certify(t, vals, x.Block.Height, x.Hash), nil); err != nil {
			t.Fatal(err)
		}
	}
	spend := func() error { return c.CheckTx(transfer(k, addr(sink), 1)) }
	for range 2 { // a read, then the value kept
		if err := spend(); !errors.Is(err, types.ErrNoBalance) {
			t.Fatalf("unfunded: %v", err)
		}
	}
	commit(transfer(superKey, addr(k), feeRate+coin))
	if err := spend(); err != nil {
		t.Fatalf("funded: %v", err)
	}
	commit(transfer(k, addr(sink), coin))
	if err := spend(); !errors.Is(err, types.ErrNoBalance) {
		t.Fatalf("spent: %v", err)
	}
}

// BenchmarkCheckTx is the mempool's admission check of transfers from 256
// funded senders in turn, on a head that has them.
func BenchmarkCheckTx(b *testing.B) {
	p, cm := testCommittee(b, 4)
	c, db := openChain(b, b.TempDir(), p)
	defer db.Close()
	var funding, txs []*types.Tx
	for range 256 {
		k, _ := crypto.GeneratePrivKey()
		funding = append(funding, transfer(superKey, addr(k), 10*coin))
		txs = append(txs, transfer(k, addr(superKey), 1))
	}
	x, err := c.Build(funding, c.HeadInfo().BlockTime+1)
	if err != nil {
		b.Fatal(err)
	}
	vals, _ := c.Validators()
	if err := c.ApplyCertified(x.Block, cm.certify(b, vals, 1, x.Hash), nil); err != nil {
		b.Fatal(err)
	}
	i := 0
	for b.Loop() {
		if err := c.CheckTx(txs[i%len(txs)]); err != nil {
			b.Fatal(err)
		}
		i++
	}
}
