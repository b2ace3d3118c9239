package chain

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"chain33node/crypto"
	"chain33node/store"
	"chain33node/types"

	"google.golang.org/protobuf/proto"
)

// applyTest is a proposer chain that builds blocks and a follower chain
// that applies them with certificates, recording what its listener is told.
type applyTest struct {
	cm                     *committee
	proposer, follower     *Chain
	proposerDB, followerDB *store.DB
	vals                   *types.ValidatorSet
	told                   []*Executed
	toldCerts              [][]byte
}

func newApplyTest(t *testing.T) *applyTest {
	p, cm := testCommittee(t, 4)
	proposer, db1 := openChain(t, t.TempDir(), p)
	t.Cleanup(func() { db1.Close() })
	follower, db2 := openChain(t, t.TempDir(), p)
	t.Cleanup(func() { db2.Close() })
	at := &applyTest{cm: cm, proposer: proposer, follower: follower, proposerDB: db1, followerDB: db2}
	at.vals, _ = follower.Validators()
	follower.OnCommit(func(x *Executed, cert []byte) {
		at.told = append(at.told, x)
		at.toldCerts = append(at.toldCerts, cert)
	})
	return at
}

// next builds the proposer's next block with a transfer and commits it there.
func (at *applyTest) next(t *testing.T) (*types.Block, []byte) {
	t.Helper()
	to, _ := crypto.GeneratePrivKey()
	x, err := at.proposer.Build([]*types.Tx{transfer(superKey, addr(to), coin)}, 1514533400)
	if err != nil {
		t.Fatal(err)
	}
	cert := at.cm.certify(t, at.vals, x.Block.Height, x.Hash)
	if err := at.proposer.ApplyCertified(x.Block, cert, nil); err != nil {
		t.Fatal(err)
	}
	return x.Block, cert
}

func isPeerFault(err error) bool {
	var be *BlockError
	return errors.As(err, &be) && errors.Is(err, types.ErrInvalidBlock) && !errors.Is(err, types.ErrLocal)
}

// Certificates that do not prove the block committed by the validators our
// state names are the sender's fault, and change nothing.
func TestApplyCertifiedRejectsCertificates(t *testing.T) {
	at := newApplyTest(t)
	b, _ := at.next(t)
	hash := types.BlockHash(b)
	outsider := crypto.GenerateBLSKey()
	outsiderCert := func() []byte { // validators 0 and 1 and an outsider in place of validator 3
		c, _ := types.DecodeCertificate(at.cm.certify(t, at.vals, 1, hash, 0, 1, 3))
		msg := types.VoteSignBytes(at.cm.chainID, 1, 0, types.Precommit, hash)
		var sigs [][]byte
		for _, i := range []int{0, 1} {
			sigs = append(sigs, at.cm.keys[string(at.vals.Validators[i].PubKey)].Sign(msg))
		}
		var err error
		if c.AggSig, err = types.NewBLSVerifier().Aggregate(types.ValidatorKeys(at.vals), c.Signers, append(sigs, outsider.Sign(msg))); err != nil {
			t.Fatal(err)
		}
		return types.EncodeCertificate(c)
	}
	for _, tc := range []struct {
		name, want string
		cert       []byte
	}{
		{"two of four validators", "power 20 of 40, need 27", at.cm.certify(t, at.vals, 1, hash, 0, 2)},
		{"signed by a non-validator", "signature invalid", outsiderCert()},
		{"for another block", "certificate is for block", at.cm.certify(t, at.vals, 1, types.BlockHash(&types.Block{Height: 1}))},
		{"for another height", "certificate of height 2 for block 1", at.cm.certify(t, at.vals, 2, hash)},
		{"of another chain", "signature invalid", (&committee{chainID: "other", keys: at.cm.keys}).certify(t, at.vals, 1, hash)},
		{"undecodable", "invalid commit certificate", []byte{0xff}},
		{"none", "certificate of height 0 for block 1", nil},
	} {
		err := at.follower.ApplyCertified(b, tc.cert, nil)
		if !isPeerFault(err) || !errors.Is(err, types.ErrBadCertificate) || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: %v, want the peer's fault with %q", tc.name, err, tc.want)
		}
	}
	if h := at.follower.HeadInfo(); h.Height != 0 || len(at.told) != 0 {
		t.Fatalf("rejected certificates moved the head to %d, told %d listeners", h.Height, len(at.told))
	}
	// A certificate of three validators of four commits the block.
	three := at.cm.certify(t, at.vals, 1, hash, 0, 1, 3)
	if err := at.follower.ApplyCertified(b, three, nil); err != nil {
		t.Fatal(err)
	}
	if h := at.follower.HeadInfo(); h.Height != 1 || !bytes.Equal(h.Hash, hash) {
		t.Fatalf("head %d 0x%x", h.Height, h.Hash)
	}
	if stored, _ := at.follower.Cert(1); !bytes.Equal(stored, three) {
		t.Fatal("stored certificate is not the one applied")
	}
	if len(at.told) != 1 || !proto.Equal(at.told[0].Block, b) || !bytes.Equal(at.toldCerts[0], three) || len(at.told[0].Txs) != 1 {
		t.Fatalf("listeners told %d times", len(at.told))
	}
}

// A certified block that does not execute to its state hash is the
// sender's fault as well: the certificate is no reason to trust it.
func TestApplyCertifiedValidates(t *testing.T) {
	at := newApplyTest(t)
	b, _ := at.next(t)
	bad := proto.CloneOf(b)
	bad.StateHash = make([]byte, 32)
	err := at.follower.ApplyCertified(bad, at.cm.certify(t, at.vals, 1, types.BlockHash(bad)), nil)
	if !isPeerFault(err) || !strings.Contains(err.Error(), "state hash") {
		t.Fatalf("bad state hash: %v", err)
	}
	if at.follower.HeadInfo().Height != 0 {
		t.Fatal("invalid block committed")
	}
}

// Consensus and sync race to apply the same block: the block we hold is no
// error, another block at that height is, and so is a gap.
func TestApplyCertifiedHeldBlock(t *testing.T) {
	at := newApplyTest(t)
	b1, c1 := at.next(t)
	b2, c2 := at.next(t)
	if err := at.follower.ApplyCertified(b2, c2, nil); !isPeerFault(err) || !strings.Contains(err.Error(), "does not follow head 0") {
		t.Fatalf("block 2 on head 0: %v", err)
	}
	if err := at.follower.ApplyCertified(b1, c1, nil); err != nil {
		t.Fatal(err)
	}
	if err := at.follower.ApplyCertified(b1, c1, nil); err != nil {
		t.Fatalf("the block we hold, again: %v", err)
	}
	other := proto.CloneOf(b1)
	other.BlockTime++
	otherHash := types.BlockHash(other)
	err := at.follower.ApplyCertified(other, at.cm.certify(t, at.vals, 1, otherHash), nil)
	if !isPeerFault(err) || !strings.Contains(err.Error(), "conflicts with the committed block") {
		t.Fatalf("another block at a committed height: %v", err)
	}
	if err := at.follower.ApplyCertified(b2, c2, nil); err != nil {
		t.Fatal(err)
	}
	if len(at.told) != 2 || at.told[0].Block.Height != 1 || at.told[1].Block.Height != 2 {
		t.Fatalf("listeners told of %d blocks", len(at.told))
	}
}

// A block that consensus built or validated is committed without being
// executed again: the listener gets the very execution Validate returned.
func TestApplyCertifiedReusesExecution(t *testing.T) {
	at := newApplyTest(t)
	b, cert := at.next(t)
	x, err := at.follower.Validate(b, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := at.follower.ApplyCertified(proto.CloneOf(b), cert, nil); err != nil {
		t.Fatal(err)
	}
	if len(at.told) != 1 || at.told[0] != x {
		t.Fatal("the validated execution was not reused")
	}
	// Built on our own head: the proposer's commit reuses Build's result.
	var built []*Executed
	at.proposer.OnCommit(func(x *Executed, _ []byte) { built = append(built, x) })
	to, _ := crypto.GeneratePrivKey()
	y, err := at.proposer.Build([]*types.Tx{transfer(superKey, addr(to), coin)}, 1514533401)
	if err != nil {
		t.Fatal(err)
	}
	if err := at.proposer.ApplyCertified(y.Block, at.cm.certify(t, at.vals, y.Block.Height, y.Hash), nil); err != nil {
		t.Fatal(err)
	}
	if len(built) != 1 || built[0] != y {
		t.Fatal("the built execution was not reused")
	}
}

// A commit that fails for a local reason (a full disk) blames nobody and
// changes nothing; the same call succeeds once the disk has room again.
func TestApplyCertifiedLocalFailure(t *testing.T) {
	at := newApplyTest(t)
	b, cert := at.next(t)
	diskFull := errors.New("write chain/000042.log: no space left on device")
	attempts := 0
	at.followerDB.SetWriteFault(func(int64) error { attempts++; return diskFull })
	for range 3 {
		err := at.follower.ApplyCertified(b, cert, nil)
		if !errors.Is(err, types.ErrLocal) || !errors.Is(err, diskFull) || errors.Is(err, types.ErrInvalidBlock) {
			t.Fatalf("commit on a full disk: %v, want a local failure", err)
		}
	}
	if h := at.follower.HeadInfo(); h.Height != 0 || attempts != 3 || len(at.told) != 0 || hasTx(t, at.follower, types.NewTx(b.Txs[0]).Hash) {
		t.Fatalf("after failed writes: head %d, %d attempts, %d listener calls", h.Height, attempts, len(at.told))
	}
	at.followerDB.SetWriteFault(nil)
	if err := at.follower.ApplyCertified(b, cert, nil); err != nil {
		t.Fatal(err)
	}
	if at.follower.HeadInfo().Height != 1 || len(at.told) != 1 {
		t.Fatal("the retry did not commit")
	}
}

// A store that cannot be read (here: closed) is a local failure too, not
// the block's.
func TestApplyCertifiedUnreadableStore(t *testing.T) {
	at := newApplyTest(t)
	b, cert := at.next(t)
	at.followerDB.Close()
	if err := at.follower.ApplyCertified(b, cert, nil); !errors.Is(err, types.ErrLocal) || errors.Is(err, types.ErrInvalidBlock) {
		t.Fatalf("apply on a closed store: %v", err)
	}
	if _, err := at.follower.Validate(b, nil); !errors.Is(err, types.ErrLocal) || errors.Is(err, types.ErrInvalidBlock) {
		t.Fatalf("validate on a closed store: %v", err)
	}
}

// A tx-index read that fails in the duplicate check (for a tx the filter
// cannot rule out: one on chain) is a local failure in Build and in
// Validate: never "not on chain", never the block's fault.
func TestDuplicateCheckReadError(t *testing.T) {
	at := newApplyTest(t)
	b, cert := at.next(t)
	if err := at.follower.ApplyCertified(b, cert, nil); err != nil {
		t.Fatal(err)
	}
	onChain := types.NewTx(b.Txs[0])
	x, err := at.proposer.Build([]*types.Tx{transfer(superKey, addr(superKey), coin)}, 1514533401)
	if err != nil {
		t.Fatal(err)
	}
	dup := proto.Clone(x.Block).(*types.Block)
	dup.Txs[0] = onChain.Transaction
	dup.TxHash = types.TxRoot([]*types.Tx{onChain})
	if _, err := at.follower.Validate(dup, nil); !isPeerFault(err) || !strings.Contains(err.Error(), "ErrDupTx") {
		t.Fatalf("a block with a tx on chain: %v, want the block's ErrDupTx", err)
	}

	unreadable := errors.New("injected read fault")
	at.followerDB.SetReadFault(func(kind string) error {
		if kind == "tx index" {
			return unreadable
		}
		return nil
	})
	if _, err := at.follower.Validate(dup, nil); !errors.Is(err, types.ErrLocal) || !errors.Is(err, unreadable) || errors.Is(err, types.ErrInvalidBlock) {
		t.Fatalf("validate with the tx index unreadable: %v, want a local failure", err)
	}
	if _, err := at.follower.Build([]*types.Tx{onChain}, 1514533401); !errors.Is(err, types.ErrLocal) || !errors.Is(err, unreadable) {
		t.Fatalf("build with the tx index unreadable: %v, want a local failure", err)
	}
	at.followerDB.SetReadFault(nil)
	if x, err := at.follower.Build([]*types.Tx{onChain}, 1514533401); err != nil || len(x.Block.Txs) != 0 {
		t.Fatalf("build once readable: %v; want an empty block (the tx is on chain)", err)
	}
}

// Build cuts a block at types.MaxBlockSize, so that the block it proposes
// passes every node's decoder.
func TestBuildFitsMaxBlockSize(t *testing.T) {
	c, db := openChain(t, t.TempDir(), testParams(t, 1))
	defer db.Close()
	to, _ := crypto.GeneratePrivKey()
	var txs []*types.Tx
	for i := range types.MaxBlockSize/(types.MaxTxSize-200) + 10 {
		tx := &types.Transaction{Execer: []byte("coins"), To: addr(to), Fee: 1e8, Nonce: int64(i),
			Payload: bytes.Repeat([]byte{byte(i)}, types.MaxTxSize-200)}
		types.Sign(tx, superKey)
		txs = append(txs, types.NewTx(tx))
	}
	x, err := c.Build(txs, 1514533400)
	if err != nil {
		t.Fatal(err)
	}
	raw, err := proto.Marshal(x.Block)
	if err != nil {
		t.Fatal(err)
	}
	if len(x.Block.Txs) == len(txs) || len(raw) > types.MaxBlockSize || len(raw)+types.MaxTxSize < types.MaxBlockSize {
		t.Fatalf("%d of %d txs, %d bytes: not cut just under %d", len(x.Block.Txs), len(txs), len(raw), types.MaxBlockSize)
	}
	if _, err := types.DecodeBlock(raw); err != nil {
		t.Fatal(err)
	}
}
