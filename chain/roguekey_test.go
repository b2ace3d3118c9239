package chain

import (
	"bytes"
	"encoding/hex"
	"errors"
	"testing"

	"chain33node/crypto"
	"chain33node/types"
)

// A syncing node refuses the rogue-key forgery: a validator whose key is
// x·g1 − (two others' keys), with 1 of 31 power, "signs" a certificate for
// itself and those two (a quorum) with x alone. Aggregated plainly that
// passes; with the set's coefficients it does not.
func TestApplyCertifiedRejectsRogueKeyCertificate(t *testing.T) {
	p, cm := testCommittee(t, 3)
	var honest []*crypto.BLSPubKey
	for _, k := range cm.keys {
		honest = append(honest, k.PubKey())
	}
	x := crypto.GenerateBLSKey()
	rogue, err := crypto.RogueKey(x, honest[:2])
	if err != nil {
		t.Fatal(err)
	}
	p.Validators = append(p.Validators, &types.QbftNode{PubKey: hex.EncodeToString(rogue.Bytes()), Power: 1})
	for _, n := range p.Validators[:3] {
		n.Power = 10
	}
	proposer, db1 := openChain(t, t.TempDir(), p)
	defer db1.Close()
	follower, db2 := openChain(t, t.TempDir(), p)
	defer db2.Close()
	vals, err := follower.Validators()
	if err != nil {
		t.Fatal(err)
	}
	to, _ := crypto.GeneratePrivKey()
	blk, err := proposer.Build([]*types.Tx{transfer(superKey, addr(to), coin)}, 1514533400)
	if err != nil {
		t.Fatal(err)
	}
	signers := make([]byte, 1)
	for _, k := range []*crypto.BLSPubKey{honest[0], honest[1], rogue} {
		for i, v := range vals.Validators {
			if bytes.Equal(v.PubKey, k.Bytes()) {
				types.SetBit(signers, i)
			}
		}
	}
	if got, want := signers[0], byte(0); got == want {
		t.Fatal("signers not found in the set")
	}
	forged := x.Sign(types.VoteSignBytes(cm.chainID, 1, 0, types.Precommit, blk.Hash))
	for _, scheme := range []uint32{types.CertSchemeLegacy, types.CertSchemeBDN} {
		cert := types.EncodeCertificate(&types.Certificate{Height: 1, BlockHash: blk.Hash, Signers: signers, AggSig: forged, Scheme: scheme})
		if err := follower.ApplyCertified(blk.Block, cert, nil); !errors.Is(err, types.ErrBadCertificate) {
			t.Fatalf("forged certificate of scheme %d: %v", scheme, err)
		}
	}
	if h := follower.HeadInfo().Height; h != 0 {
		t.Fatalf("forged certificate moved the head to %d", h)
	}
	var idx []int
	for i, v := range vals.Validators {
		if !bytes.Equal(v.PubKey, rogue.Bytes()) {
			idx = append(idx, i)
		}
	}
	if err := follower.ApplyCertified(blk.Block, cm.certify(t, vals, 1, blk.Hash, idx...), nil); err != nil {
		t.Fatalf("the honest validators' certificate: %v", err)
	}
}
