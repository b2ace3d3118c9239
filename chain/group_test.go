package chain

import (
	"strings"
	"testing"

	"chain33node/crypto"
	"chain33node/types"

	"google.golang.org/protobuf/proto"
)

// carrier builds a group of txs signed by keys and returns the carrier the
// mempool would hold (members decoded and checked).
func carrier(t *testing.T, keys []*crypto.PrivKey, txs ...*types.Transaction) *types.Tx {
	t.Helper()
	if err := types.CreateTxGroup(txs, feeRate); err != nil {
		t.Fatal(err)
	}
	for i, tx := range txs {
		types.Sign(tx, keys[i])
	}
	c := types.NewTx(types.GroupCarrier(txs))
	if err := types.CheckTx(c, types.Rules{MinTxFeeRate: feeRate, MaxTxFee: 1e9}); err != nil {
		t.Fatal(err)
	}
	return c
}

func rawNote(execer, note string) *types.Transaction {
	nonce++
	return &types.Transaction{Execer: []byte(execer), To: crypto.ExecAddress(execer), Nonce: nonce, Payload: []byte(note)}
}

func rawTransfer(to string, amount int64) *types.Transaction {
	nonce++
	return &types.Transaction{Execer: []byte("coins"), To: to, Nonce: nonce,
		Payload: mustMarshal(&types.CoinsAction{Ty: 1, Value: &types.CoinsAction_Transfer{Transfer: &types.AssetsTransfer{Amount: amount, To: to}}})}
}

// A group goes into a block as its members, one after another; a follower
// validates it; every way of breaking the group is refused with the
// reference's error name.
func TestBlockWithGroup(t *testing.T) {
	p := testParams(t, 4)
	proposer, db1 := openChain(t, t.TempDir(), p)
	defer db1.Close()
	follower, db2 := openChain(t, t.TempDir(), p)
	defer db2.Close()
	bob, _ := crypto.GeneratePrivKey()
	g := carrier(t, []*crypto.PrivKey{superKey, superKey, superKey},
		rawNote("user.evidence", "doc-1"), rawTransfer(addr(bob), coin), rawNote("none", "doc-2"))
	plain := transfer(superKey, addr(bob), coin)
	x, err := proposer.Build([]*types.Tx{plain, g}, 1514533400)
	if err != nil {
		t.Fatal(err)
	}
	if len(x.Block.Txs) != 4 {
		t.Fatalf("%d txs in the block, want the plain one and 3 members", len(x.Block.Txs))
	}
	for i, m := range g.Group {
		if string(x.Txs[1+i].Hash) != string(m.Hash) || len(x.Block.Txs[1+i].Header) != 32 {
			t.Fatalf("member %d not in place", i)
		}
	}
	rec := x.Receipts()
	if rec[1].Ty != types.ExecPack || rec[2].Ty != types.ExecOk || rec[3].Ty != types.ExecPack {
		t.Fatalf("receipts %d %d %d", rec[1].Ty, rec[2].Ty, rec[3].Ty)
	}
	if _, err := follower.Validate(x.Block, nil); err != nil {
		t.Fatal(err)
	}

	cases := []struct {
		name string
		f    func(b *types.Block)
		want string
	}{
		{"next", func(b *types.Block) { b.Txs[2].Next[0] ^= 1 }, "ErrTxGroupNext"},
		{"last next", func(b *types.Block) { b.Txs[3].Next = []byte{1} }, "ErrTxGroupNext"},
		{"header", func(b *types.Block) { b.Txs[2].Header = make([]byte, 32) }, "ErrTxGroupHeader"},
		{"tampered member", func(b *types.Block) { b.Txs[3].Payload = []byte("forged") }, "ErrTxGroupNext"},
		{"tampered first", func(b *types.Block) { b.Txs[1].Payload = []byte("forged") }, "ErrTxGroupHeader"},
		{"order", func(b *types.Block) { b.Txs[2], b.Txs[3] = b.Txs[3], b.Txs[2] }, "ErrTxGroupNext"},
		{"count", func(b *types.Block) { // consistently linked, but 4 members announced
			for _, m := range b.Txs[1:] {
				m.GroupCount = 4
			}
			types.RebuildGroup(b.Txs[1:])
		}, "ErrTxGroupCount"},
		{"count 1", func(b *types.Block) { b.Txs[1].GroupCount = 1 }, "ErrTxGroupCount"},
		{"count 21", func(b *types.Block) { b.Txs[1].GroupCount = 21 }, "ErrTxGroupCount"},
		{"member fee", func(b *types.Block) { b.Txs[2].Fee = 1 }, "ErrTxGroupFeeNotZero"},
		{"first fee", func(b *types.Block) { b.Txs[1].Fee = feeRate }, "ErrTxFeeTooLow"},
		{"member alone", func(b *types.Block) { b.Txs = b.Txs[:2] }, "ErrTxGroupCount"},
		{"plain with header", func(b *types.Block) { b.Txs[0].Header = []byte{1} }, "ErrNomalTx"},
		{"member signature", func(b *types.Block) { b.Txs[2].Signature.Signature[8] ^= 1 }, "ErrSign"},
	}
	for _, c := range cases {
		b := proto.Clone(x.Block).(*types.Block)
		c.f(b)
		txs := make([]*types.Tx, len(b.Txs))
		for i, t := range b.Txs {
			txs[i] = types.NewTx(t)
		}
		b.TxHash = types.TxRoot(txs)
		if _, err := follower.Validate(b, nil); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: %v, want %q", c.name, err, c.want)
		}
	}
}

// A group is built into a block whole or not at all.
func TestBuildGroupWhole(t *testing.T) {
	p := testParams(t, 4)
	p.MaxTxNumber = 3
	c, db := openChain(t, t.TempDir(), p)
	defer db.Close()
	bob, _ := crypto.GeneratePrivKey()
	g := carrier(t, []*crypto.PrivKey{superKey, superKey, superKey}, rawNote("none", "a"), rawNote("none", "b"), rawNote("none", "c"))
	x, err := c.Build([]*types.Tx{transfer(superKey, addr(bob), coin), g}, 1514533400)
	if err != nil {
		t.Fatal(err)
	}
	if len(x.Block.Txs) != 1 {
		t.Fatalf("%d txs: the group must not be split to fit", len(x.Block.Txs))
	}
	// A group whose member is already on chain is left out.
	x, err = c.Build([]*types.Tx{g}, 1514533400)
	if err != nil || len(x.Block.Txs) != 3 {
		t.Fatalf("group alone: %v", err)
	}
	// A group with a member whose fee cannot be paid is dropped whole.
	broke, _ := crypto.GeneratePrivKey()
	bad := carrier(t, []*crypto.PrivKey{broke, superKey}, rawNote("none", "d"), rawNote("none", "e"))
	x, err = c.Build([]*types.Tx{bad}, 1514533400)
	if err != nil || len(x.Block.Txs) != 0 {
		t.Fatalf("unpayable group built: %v %d", err, len(x.Block.Txs))
	}
}
