package chain

import (
	"bytes"
	"encoding/hex"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"chain33node/crypto"
	"chain33node/executor"
	"chain33node/genesis"
	"chain33node/store"
	"chain33node/types"

	"google.golang.org/protobuf/proto"
)

const (
	coin       = 1e8
	difficulty = 0x1f00ffff
	feeRate    = 100000
)

var superKey = func() *crypto.PrivKey {
	b, _ := hex.DecodeString("CC38546E9E659D15E6B4893F0AB32A06D103931A8230B0BDE71459D2B27D6944")
	k, _ := crypto.PrivKeyFromBytes(b)
	return k
}()

func addr(k *crypto.PrivKey) string { return crypto.PubKeyToAddr(k.PubKey()) }

func testParams(t testing.TB, validators int) Params {
	p, _ := testCommittee(t, validators)
	return p
}

// committee holds the BLS keys of a chain's genesis validators, to certify
// blocks as consensus does.
type committee struct {
	chainID string
	keys    map[string]*crypto.BLSPrivKey // by public key
}

func testCommittee(t testing.TB, validators int) (Params, *committee) {
	t.Helper()
	gen, err := genesis.Block(genesis.BlockParams{Addr: addr(superKey), Amount: 1e8, CoinPrecision: coin, BlockTime: 1514533394, Difficulty: difficulty})
	if err != nil {
		t.Fatal(err)
	}
	cm := &committee{chainID: "chain33-chain-test", keys: map[string]*crypto.BLSPrivKey{}}
	var nodes []*types.QbftNode
	for range validators {
		k := crypto.GenerateBLSKey()
		cm.keys[string(k.PubKey().Bytes())] = k
		nodes = append(nodes, &types.QbftNode{PubKey: hex.EncodeToString(k.PubKey().Bytes()), Power: 10})
	}
	return Params{Genesis: gen, Validators: nodes, Difficulty: difficulty, MaxTxNumber: 10000,
		Rules: types.Rules{MinTxFeeRate: feeRate, MaxTxFee: 1e9}, CertChainID: cm.chainID}, cm
}

// certify returns the certificate of the precommits of the validators at
// the given indexes of vals (all of them if none given) for the block at
// height with hash.
func (cm *committee) certify(t testing.TB, vals *types.ValidatorSet, height int64, hash []byte, signers ...int) []byte {
	t.Helper()
	if len(signers) == 0 {
		for i := range vals.Validators {
			signers = append(signers, i)
		}
	}
	bitmap := make([]byte, (len(vals.Validators)+7)/8)
	var sigs [][]byte
	for _, i := range signers {
		types.SetBit(bitmap, i)
		sigs = append(sigs, cm.keys[string(vals.Validators[i].PubKey)].Sign(types.VoteSignBytes(cm.chainID, height, 0, types.Precommit, hash)))
	}
	c, err := types.NewCertificate(types.NewBLSVerifier(), vals, cm.chainID, height, 0, hash, bitmap, sigs)
	if err != nil {
		t.Fatal(err)
	}
	return types.EncodeCertificate(c)
}

func openChain(t testing.TB, dir string, p Params) (*Chain, *store.DB) {
	t.Helper()
	db, err := store.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	c, err := Open(db, executor.New(executor.Params{SuperManagers: []string{addr(superKey)}}), p)
	if err != nil {
		db.Close()
		t.Fatal(err)
	}
	return c, db
}

var nonce int64

func transfer(k *crypto.PrivKey, to string, amount int64) *types.Tx {
	nonce++
	tx := &types.Transaction{Execer: []byte("coins"), To: to, Fee: feeRate, Nonce: nonce,
		Payload: mustMarshal(&types.CoinsAction{Ty: 1, Value: &types.CoinsAction_Transfer{Transfer: &types.AssetsTransfer{Amount: amount, To: to}}})}
	types.Sign(tx, k)
	return types.NewTx(tx)
}

func mustMarshal(m proto.Message) []byte {
	b, err := proto.Marshal(m)
	if err != nil {
		panic(err)
	}
	return b
}

func TestGenesisAndReopen(t *testing.T) {
	dir := t.TempDir()
	p := testParams(t, 4)
	c, db := openChain(t, dir, p)
	head := c.HeadInfo()
	if head.Height != 0 || len(head.Hash) != 32 || len(head.StateHash) != 32 {
		t.Fatalf("head %+v", head)
	}
	acc, _ := c.Balance(addr(superKey))
	if acc.Balance != 1e8*coin {
		t.Fatalf("genesis balance %d", acc.Balance)
	}
	set, _ := c.Validators()
	if len(set.Validators) != 4 {
		t.Fatalf("genesis validators %d", len(set.Validators))
	}
	genHash := c.GenesisHash()
	db.Close()

	// Same config: same chain.
	c, db = openChain(t, dir, p)
	if !bytes.Equal(c.GenesisHash(), genHash) {
		t.Fatal("genesis hash changed across reopen")
	}
	db.Close()

	// Another validator set is another chain: refuse the data directory.
	db2, _ := store.Open(dir)
	defer db2.Close()
	if _, err := Open(db2, executor.New(executor.Params{}), testParams(t, 4)); err == nil || !strings.Contains(err.Error(), "another chain") {
		t.Fatalf("foreign genesis accepted: %v", err)
	}
}

func TestBuildValidateCommit(t *testing.T) {
	p, cm := testCommittee(t, 4)
	proposer, db1 := openChain(t, t.TempDir(), p)
	defer db1.Close()
	follower, db2 := openChain(t, t.TempDir(), p)
	defer db2.Close()

	to, _ := crypto.GeneratePrivKey()
	broke, _ := crypto.GeneratePrivKey()
	good := transfer(superKey, addr(to), coin)
	dropped := transfer(broke, addr(to), 1) // fee not payable
	x, err := proposer.Build([]*types.Tx{good, dropped, good}, 1514533400)
	if err != nil {
		t.Fatal(err)
	}
	if len(x.Block.Txs) != 1 {
		t.Fatalf("built %d txs, want the payable one once", len(x.Block.Txs))
	}
	vals, _ := proposer.Validators()
	cert1 := cm.certify(t, vals, 1, x.Hash)
	if err := proposer.ApplyCertified(x.Block, cert1, nil); err != nil {
		t.Fatal(err)
	}
	// The follower re-executes and reaches the same state and block hash.
	if err := follower.ApplyCertified(x.Block, cert1, nil); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(follower.HeadInfo().Hash, x.Hash) || !bytes.Equal(follower.HeadInfo().StateHash, proposer.HeadInfo().StateHash) {
		t.Fatal("block or state hash differs between proposer and follower")
	}
	if cert, _ := follower.Cert(1); !bytes.Equal(cert, cert1) {
		t.Fatalf("cert %x", cert)
	}
	d, err := follower.Tx(good.Hash)
	if err != nil {
		t.Fatal(err)
	}
	if d.Height != 1 || d.Index != 0 || d.Receipt.Ty != types.ExecOk || !bytes.Equal(d.Tx.FullHash, good.FullHash) {
		t.Fatalf("detail %+v", d)
	}
	if !bytes.Equal(types.MerkleRootFromBranch(d.Tx.FullHash, d.Proofs, int(d.Index)), x.Block.TxHash) {
		t.Fatal("proof does not lead to the tx root")
	}
	if _, err := follower.Tx(make([]byte, 32)); !errors.Is(err, types.ErrTxNotExist) {
		t.Fatalf("unknown tx: %v", err)
	}
	if n, err := follower.TotalTxs(1); err != nil || n != 2 { // genesis tx + one transfer
		t.Fatalf("total txs %d %v", n, err)
	}
	if !hasTx(t, follower, good.Hash) {
		t.Fatal("HasTx false for committed tx")
	}
	// A committed tx cannot be included again.
	if z, err := proposer.Build([]*types.Tx{good}, 1514533401); err != nil || len(z.Block.Txs) != 0 {
		t.Fatalf("replayed tx built into a block: %v", err)
	}
}

// tamper returns a copy of a valid next block changed by f.
func TestValidateRejects(t *testing.T) {
	p := testParams(t, 4)
	proposer, db1 := openChain(t, t.TempDir(), p)
	defer db1.Close()
	follower, db2 := openChain(t, t.TempDir(), p)
	defer db2.Close()
	to, _ := crypto.GeneratePrivKey()
	x, err := proposer.Build([]*types.Tx{transfer(superKey, addr(to), coin), transfer(superKey, addr(to), 2*coin)}, 1514533400)
	if err != nil {
		t.Fatal(err)
	}
	resign := func(b *types.Block) { // recompute roots so only the intended rule fails
		txs := make([]*types.Tx, len(b.Txs))
		for i, t := range b.Txs {
			txs[i] = types.NewTx(t)
		}
		b.TxHash = types.TxRoot(txs)
	}
	cases := []struct {
		name string
		f    func(b *types.Block)
		want string
	}{
		{"height", func(b *types.Block) { b.Height = 2 }, "does not follow"},
		{"parent", func(b *types.Block) { b.ParentHash = make([]byte, 32) }, "parent"},
		{"difficulty", func(b *types.Block) { b.Difficulty = 1 }, "difficulty"},
		{"old time", func(b *types.Block) { b.BlockTime = 1 }, "before parent"},
		{"future time", func(b *types.Block) { b.BlockTime = time.Now().Add(time.Hour).Unix() }, "future"},
		{"tx root", func(b *types.Block) { b.TxHash = make([]byte, 32) }, "tx root"},
		{"state hash", func(b *types.Block) { b.StateHash = make([]byte, 32) }, "state hash"},
		{"duplicate tx", func(b *types.Block) { b.Txs[1] = b.Txs[0]; resign(b) }, "ErrDupTx"},
		{"bad signature", func(b *types.Block) { b.Txs[1].Signature.Signature[10] ^= 1; resign(b) }, "ErrSign"},
		{"unsigned", func(b *types.Block) { b.Txs[1].Signature = nil; resign(b) }, "ErrSign"},
		{"low fee", func(b *types.Block) { b.Txs[1].Fee = 1; resign(b) }, "ErrTxFeeTooLow"},
		{"chain id", func(b *types.Block) { b.Txs[1].ChainID = 7; resign(b) }, "ErrTxChainID"},
		{"group past the end", func(b *types.Block) { b.Txs[1].GroupCount = 2; resign(b) }, "ErrTxGroupCount"},
	}
	for _, c := range cases {
		b := proto.Clone(x.Block).(*types.Block)
		c.f(b)
		_, err := follower.Validate(b, nil)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: %v, want %q", c.name, err, c.want)
		}
	}
	// The untouched block still validates: the cases did not share state.
	if _, err := follower.Validate(x.Block, nil); err != nil {
		t.Fatal(err)
	}
	// A tx the caller vouches for (the mempool verified that full hash) is
	// not verified again: proof that the callback is what decides.
	b := proto.Clone(x.Block).(*types.Block)
	b.Txs[1].Signature.Signature[10] ^= 1
	resign(b)
	if _, err := follower.Validate(b, func(*types.Tx) bool { return true }); err != nil {
		t.Fatalf("verified callback not used: %v", err)
	}
}

func BenchmarkValidate1000Transfers(b *testing.B) {
	p := testParams(b, 4)
	proposer, db1 := openChain(b, b.TempDir(), p)
	defer db1.Close()
	follower, db2 := openChain(b, b.TempDir(), p)
	defer db2.Close()
	var txs []*types.Tx
	for range 1000 {
		k, _ := crypto.GeneratePrivKey()
		txs = append(txs, transfer(superKey, addr(k), coin))
	}
	x, err := proposer.Build(txs, 1514533400)
	if err != nil {
		b.Fatal(err)
	}
	b.Run("signatures-verified-by-mempool", func(b *testing.B) {
		for b.Loop() {
			if _, err := follower.Validate(x.Block, func(*types.Tx) bool { return true }); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("all-signatures", func(b *testing.B) {
		for b.Loop() {
			if _, err := follower.Validate(x.Block, nil); err != nil {
				b.Fatal(err)
			}
		}
	})
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

// TestPreverifySignatures: a block is reported valid only when all its
// signatures are, and a range's repeat signers have their key tables made
// by the time it returns (crypto.WarmKeyTables), not left to the builder.
func TestPreverifySignatures(t *testing.T) {
	k, _ := crypto.GeneratePrivKey()
	other, _ := crypto.GeneratePrivKey()
	bad := transfer(other, addr(k), 1)
	bad.Signature.Signature[len(bad.Signature.Signature)-1] ^= 1
	blocks := []*types.Block{
		{Height: 1, Txs: []*types.Transaction{transfer(k, addr(other), 1).Transaction}},
		{Height: 2, Txs: []*types.Transaction{transfer(other, addr(k), 1).Transaction, bad.Transaction}},
		{Height: 3, Txs: []*types.Transaction{transfer(k, addr(other), 2).Transaction}},
	}
	if got := preverifySignatures(blocks); !slices.Equal(got, []bool{true, false, true}) {
		t.Errorf("blocks valid %v, want [true false true]", got)
	}
	if !crypto.KeyTableMade(k.PubKey()) || !crypto.KeyTableMade(other.PubKey()) {
		t.Errorf("no key table for a signer of two transactions of the range once it was checked")
	}
}

// TestPreverifyRange: a range whose certificates all pass has its blocks'
// signatures checked ahead; one with a certificate that does not pass has
// none (every block left to ApplyCertified), and applies up to it.
func TestPreverifyRange(t *testing.T) {
	p, cm := testCommittee(t, 1)
	src := newHistChain(t, p, cm, t.TempDir())
	var blocks []*types.Block
	var certs [][]byte
	for i := range 3 {
		b := src.commit(t, transfer(superKey, addr(superKey), int64(i+1))).Block
		blocks = append(blocks, b)
		certs = append(certs, cm.certify(t, src.vals, b.Height, types.BlockHash(b)))
	}
	f := newHistChain(t, p, cm, t.TempDir())
	if got := f.c.Preverify(blocks, certs); !slices.Equal(got, []bool{true, true, true}) {
		t.Fatalf("a range of good blocks preverified %v", got)
	}
	bad := slices.Clone(certs)
	bad[1] = certs[2] // another block's certificate
	if got := f.c.Preverify(blocks, bad); !slices.Equal(got, []bool{false, false, false}) {
		t.Fatalf("a range with a bad certificate preverified %v, want no block", got)
	}
	if err := f.c.ApplyCertifiedUnsynced(blocks[0], bad[0], nil); err != nil {
		t.Fatal(err)
	}
	if err := f.c.ApplyCertifiedUnsynced(blocks[1], bad[1], nil); !errors.Is(err, types.ErrInvalidBlock) {
		t.Fatalf("the block with another's certificate applied: %v", err)
	}
}
