package mempool

import (
	"errors"
	"math/rand/v2"
	"testing"

	"chain33node/crypto"
	"chain33node/types"

	"google.golang.org/protobuf/proto"
)

// mkGroup links n transactions from keys (key i signs member i) into a
// group, edits the members before they are signed, and returns the carrier.
func mkGroup(t *testing.T, keys []*crypto.PrivKey, edit func([]*types.Transaction)) *types.Tx {
	t.Helper()
	txs := make([]*types.Transaction, len(keys))
	for i := range txs {
		txs[i] = &types.Transaction{Execer: []byte("user.evidence"), Payload: []byte("doc"), Nonce: rand.Int64(),
			To: testTo, ChainID: testChainID}
	}
	if err := types.CreateTxGroup(txs, testConf.MinTxFeeRate); err != nil {
		t.Fatal(err)
	}
	if edit != nil {
		edit(txs)
	}
	for i, tx := range txs {
		types.Sign(tx, keys[i])
	}
	return types.NewTx(types.GroupCarrier(txs))
}

// errDecode stands for the protobuf decoder's error, whose text is not ours.
var errDecode = errors.New("a protobuf decoding error")

func keysOf(ks ...*crypto.PrivKey) []*crypto.PrivKey { return ks }

func TestGroupAdmission(t *testing.T) {
	k, other := genKey(t), genKey(t)
	good := func() *types.Tx { return mkGroup(t, keysOf(k, other, k), nil) }
	for _, batch := range []bool{false, true} {
		fc := newFakeChain()
		p := newPool(testConf, fc)
		g := good()
		var err error
		if batch {
			err = p.AddBatch([]*types.Tx{g})[0]
		} else {
			err = p.Add(g)
		}
		if err != nil {
			t.Fatalf("batch %v: %v", batch, err)
		}
		// One unit in the pool, under the group hash; members count as verified
		// for block validation.
		if p.Size() != 1 || !p.Has(g.Group[0].Hash) || len(g.Group) != 3 {
			t.Fatalf("batch %v: size %d", batch, p.Size())
		}
		for _, m := range g.Group {
			if !p.Verified(m) {
				t.Fatal("member not marked verified")
			}
		}
		if pend := p.Pending(0, 0, nil); len(pend) != 1 || pend[0].Group == nil {
			t.Fatal("pending does not hand out the carrier with its members")
		}
		// Committing the members removes the group.
		p.Update(testHeight+1, testNow.Unix(), g.Group)
		if p.Size() != 0 || p.Has(g.Group[0].Hash) {
			t.Fatal("committed group stays")
		}
	}
}

func TestGroupAdmissionRejects(t *testing.T) {
	k, other := genKey(t), genKey(t)
	resign := func(c *types.Tx, f func(*types.Transaction)) *types.Tx {
		ms, err := types.DecodeGroup(c.Transaction)
		if err != nil {
			t.Fatal(err)
		}
		f(ms[1])
		return types.NewTx(types.GroupCarrier(ms))
	}
	for _, c := range []struct {
		name  string
		tx    func() *types.Tx
		setup func(*Pool, *fakeChain, *types.Tx)
		want  error
	}{
		{name: "member signature", tx: func() *types.Tx {
			return resign(mkGroup(t, keysOf(k, other), nil), func(m *types.Transaction) { m.Signature.Signature[9] ^= 1 })
		}, want: types.ErrSign},
		{name: "tampered member", tx: func() *types.Tx {
			return resign(mkGroup(t, keysOf(k, other), nil), func(m *types.Transaction) { m.Payload = []byte("forged") })
		}, want: types.ErrTxGroupNext},
		{name: "fee on second", tx: func() *types.Tx {
			return mkGroup(t, keysOf(k, other), func(ms []*types.Transaction) { ms[1].Fee = 1; types.RebuildGroup(ms) })
		}, want: types.ErrTxGroupFeeNotZero},
		{name: "fee too low", tx: func() *types.Tx {
			return mkGroup(t, keysOf(k, other), func(ms []*types.Transaction) { ms[0].Fee = 1000; types.RebuildGroup(ms) })
		}, want: types.ErrTxFeeTooLow},
		{name: "21 members", tx: func() *types.Tx {
			keys := make([]*crypto.PrivKey, 21)
			for i := range keys {
				keys[i] = k
			}
			return mkGroup(t, keys, nil)
		}, want: types.ErrTxGroupCount},
		{name: "member chain id", tx: func() *types.Tx {
			return mkGroup(t, keysOf(k, other), func(ms []*types.Transaction) { ms[1].ChainID = 1; types.RebuildGroup(ms) })
		}, want: types.ErrTxChainID},
		{name: "carrier is not the first member", tx: func() *types.Tx {
			c := proto.Clone(mkGroup(t, keysOf(k, other), nil).Transaction).(*types.Transaction)
			c.Payload = []byte("other")
			return types.NewTx(c)
		}, want: types.ErrTxGroupFormat},
		{name: "undecodable group", tx: func() *types.Tx {
			c := proto.Clone(mkGroup(t, keysOf(k, other), nil).Transaction).(*types.Transaction)
			c.Header = []byte{0xff}
			return types.NewTx(c)
		}, want: errDecode},
		{name: "member expired", tx: func() *types.Tx {
			return mkGroup(t, keysOf(k, other), func(ms []*types.Transaction) { ms[1].Expire = testHeight; types.RebuildGroup(ms) })
		}, want: types.ErrTxExpire},
		{name: "member on chain", setup: func(_ *Pool, fc *fakeChain, g *types.Tx) { fc.onChain[string(g.Group[1].Hash)] = true },
			tx: func() *types.Tx { return mkGroup(t, keysOf(k, other), nil) }, want: types.ErrDupTx},
		{name: "member's sender has too many", setup: func(p *Pool, _ *fakeChain, _ *types.Tx) { fill(t, p, other, testConf.MaxTxNumPerAccount) },
			tx: func() *types.Tx { return mkGroup(t, keysOf(k, other), nil) }, want: types.ErrManyTx},
	} {
		for _, batch := range []bool{false, true} {
			fc := newFakeChain()
			p := newPool(testConf, fc)
			tx := c.tx()
			if c.setup != nil {
				if err := types.Members(tx); err != nil {
					t.Fatal(err)
				}
				c.setup(p, fc, tx)
			}
			before := p.Size()
			var err error
			if batch {
				err = p.AddBatch([]*types.Tx{tx})[0]
			} else {
				err = p.Add(tx)
			}
			if err == nil || c.want != errDecode && !errors.Is(err, c.want) {
				t.Errorf("%s (batch %v): %v, want %v", c.name, batch, err, c.want)
			}
			if p.Size() != before {
				t.Errorf("%s: rejected group changed the pool", c.name)
			}
		}
	}
}

// ByFullHash finds what a block holds: plain transactions and a group's
// members (not its carrier, which no block holds), nil for the rest.
func TestByFullHash(t *testing.T) {
	k, other := genKey(t), genKey(t)
	p := newPool(testConf, newFakeChain())
	plain, g, absent := mkTx(t, k, nil), mkGroup(t, keysOf(k, other), nil), mkTx(t, other, nil)
	for _, tx := range []*types.Tx{plain, g} {
		if err := p.Add(tx); err != nil {
			t.Fatal(err)
		}
	}
	got := p.ByFullHash([][]byte{g.Group[1].FullHash, absent.FullHash, plain.FullHash, g.FullHash, g.Group[0].FullHash})
	want := []*types.Transaction{g.Group[1].Transaction, nil, plain.Transaction, nil, g.Group[0].Transaction}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("hash %d: got %v, want %v", i, got[i], want[i])
		}
	}
}
