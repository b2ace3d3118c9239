package crypto

import (
	"errors"
	"fmt"
	"sync"

	"github.com/herumi/bls-eth-go-binary/bls"
)

// BLS sizes: G1 public keys, G2 signatures (Ethereum mode).
const (
	BLSPrivKeySize = 32
	BLSPubKeySize  = 48
	BLSSigSize     = 96
)

var blsOnce sync.Once

// initBLS sets up the library once per process; every BLS entry point calls it.
func initBLS() {
	blsOnce.Do(func() {
		if err := bls.Init(bls.BLS12_381); err != nil {
			panic(fmt.Sprintf("bls init: %v", err))
		}
		if err := bls.SetETHmode(bls.EthModeDraft07); err != nil {
			panic(fmt.Sprintf("bls eth mode: %v", err))
		}
		// Reject points outside the prime-order subgroup when parsing.
		bls.VerifyPublicKeyOrder(true)
		bls.VerifySignatureOrder(true)
	})
}

// BLSPrivKey is a validator's consensus key.
type BLSPrivKey struct{ sk bls.SecretKey }

// BLSPubKey is a parsed, subgroup-checked public key. Parsing costs about
// 60 µs, so callers keep parsed keys (e.g. per validator set).
type BLSPubKey struct {
	pk  bls.PublicKey
	raw []byte
}

// GenerateBLSKey returns a new random key.
func GenerateBLSKey() *BLSPrivKey {
	initBLS()
	k := new(BLSPrivKey)
	k.sk.SetByCSPRNG()
	return k
}

// BLSPrivKeyFromBytes parses a 32-byte secret key.
func BLSPrivKeyFromBytes(b []byte) (*BLSPrivKey, error) {
	initBLS()
	if len(b) != BLSPrivKeySize {
		return nil, fmt.Errorf("bls private key: want %d bytes, got %d", BLSPrivKeySize, len(b))
	}
	k := new(BLSPrivKey)
	if err := k.sk.Deserialize(b); err != nil || k.sk.IsZero() {
		return nil, errors.New("bls private key: invalid")
	}
	return k, nil
}

// Bytes returns the 32-byte secret key.
func (k *BLSPrivKey) Bytes() []byte { return k.sk.Serialize() }

// PubKey returns the public key.
func (k *BLSPrivKey) PubKey() *BLSPubKey {
	pk := k.sk.GetPublicKey()
	return &BLSPubKey{pk: *pk, raw: pk.Serialize()}
}

// Sign signs msg and returns the 96-byte signature.
func (k *BLSPrivKey) Sign(msg []byte) []byte { return k.sk.SignByte(msg).Serialize() }

// BLSPubKeyFromBytes parses and validates a 48-byte public key.
func BLSPubKeyFromBytes(b []byte) (*BLSPubKey, error) {
	initBLS()
	if len(b) != BLSPubKeySize {
		return nil, fmt.Errorf("bls public key: want %d bytes, got %d", BLSPubKeySize, len(b))
	}
	p := &BLSPubKey{raw: append([]byte(nil), b...)}
	if err := p.pk.Deserialize(b); err != nil || p.pk.IsZero() {
		return nil, errors.New("bls public key: not a valid curve point")
	}
	return p, nil
}

// Bytes returns the 48-byte public key.
func (p *BLSPubKey) Bytes() []byte { return p.raw }

// Verify checks a single signature over msg.
func (p *BLSPubKey) Verify(msg, sig []byte) bool {
	var s bls.Sign
	if len(sig) != BLSSigSize || s.Deserialize(sig) != nil {
		return false
	}
	return s.VerifyByte(&p.pk, msg)
}

// BLSAggregate combines signatures into one.
func BLSAggregate(sigs [][]byte) ([]byte, error) {
	initBLS()
	if len(sigs) == 0 {
		return nil, errors.New("bls aggregate: no signatures")
	}
	vec := make([]bls.Sign, len(sigs))
	for i, s := range sigs {
		if len(s) != BLSSigSize || vec[i].Deserialize(s) != nil {
			return nil, fmt.Errorf("bls aggregate: signature %d invalid", i)
		}
	}
	var agg bls.Sign
	agg.Aggregate(vec)
	return agg.Serialize(), nil
}

// BLSFastAggregateVerify checks an aggregate signature of pubs over one
// message with a single pairing check.
func BLSFastAggregateVerify(pubs []*BLSPubKey, msg, aggSig []byte) bool {
	initBLS()
	if len(pubs) == 0 {
		return false
	}
	var s bls.Sign
	if len(aggSig) != BLSSigSize || s.Deserialize(aggSig) != nil {
		return false
	}
	vec := make([]bls.PublicKey, len(pubs))
	for i, p := range pubs {
		vec[i] = p.pk
	}
	return s.FastAggregateVerify(vec, msg)
}

// ValidatorAddress is the reference's validator address of a consensus key:
// RIPEMD-160(0x01 0x01 0x20 ‖ pub), 20 bytes.
func ValidatorAddress(pub []byte) []byte {
	return Ripemd160(append([]byte{0x01, 0x01, 0x20}, pub...))
}

// NodeID is the reference's consensus node ID: lower-case hex of
// RIPEMD-160(0x01 0x01 0x20 ‖ pub[:32]).
func NodeID(pub []byte) string {
	n := min(len(pub), 32)
	return fmt.Sprintf("%x", Ripemd160(append([]byte{0x01, 0x01, 0x20}, pub[:n]...)))
}
