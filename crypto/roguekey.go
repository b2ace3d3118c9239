package crypto

import (
	"errors"

	"github.com/herumi/bls-eth-go-binary/bls"
)

// The rogue-key attack on plain BLS aggregation (see KeySet), as an attacker
// mounts it, so that tests of every verifier (certificates, vote groups, the
// consensus core, block sync) can check that they resist it. Nothing in the
// node uses these.

// RogueKey returns pk* = x·g1 − Σ others. Its owner knows x but not pk*'s
// secret key, yet x.Sign(m) passes as the plain aggregate of the signatures
// of every key in others and pk* over m. pk* is a valid key: a joining
// validator's key check accepts it.
func RogueKey(x *BLSPrivKey, others []*BLSPubKey) (*BLSPubKey, error) {
	initBLS()
	var sum bls.G1
	for _, k := range others {
		bls.G1Add(&sum, &sum, bls.CastFromPublicKey(&k.pk))
	}
	var rogue bls.G1
	bls.G1Sub(&rogue, bls.CastFromPublicKey(x.sk.GetPublicKey()), &sum)
	p, err := BLSPubKeyFromBytes(bls.CastToPublicKey(&rogue).Serialize())
	if err != nil {
		return nil, errors.New("rogue key: not a valid key")
	}
	return p, nil
}

// RogueVotes returns n signatures over msg, none valid for any validator's
// key, whose plain sum is x.Sign(msg): the forged votes ("by" each of the
// keys RogueKey cancelled, and by pk* last) that pass a plain aggregate
// check of the whole group.
func RogueVotes(x *BLSPrivKey, msg []byte, n int) [][]byte {
	initBLS()
	out := make([][]byte, n)
	rest := *bls.CastFromSecretKey(&x.sk)
	for i := range n - 1 {
		k := GenerateBLSKey()
		out[i] = k.Sign(msg)
		bls.FrSub(&rest, &rest, bls.CastFromSecretKey(&k.sk))
	}
	out[n-1] = bls.CastToSecretKey(&rest).SignByte(msg).Serialize()
	return out
}
