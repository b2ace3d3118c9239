package crypto

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"fmt"
	"math/big"

	"github.com/emmansun/gmsm/sm2"
)

var sm2NMinus1 = new(big.Int).Sub(sm2.P256().Params().N, big.NewInt(1))

// sm2Key is an SM2 key as chain33's sm2 driver uses it: SM2 signatures
// with SM3 and the default user id "1234567812345678" (GB/T 32918.2), DER
// encoded; 33-byte compressed public keys (0x02/0x03 ‖ X).
type sm2Key struct {
	k   *sm2.PrivateKey
	pub []byte
}

func newSM2Key(b []byte) (*sm2Key, error) {
	if len(b) != 32 {
		return nil, fmt.Errorf("sm2 private key: want 32 bytes, got %d", len(b))
	}
	d := new(big.Int).SetBytes(b)
	if d.Sign() == 0 || d.Cmp(sm2NMinus1) >= 0 { // SM2 signing inverts 1+d
		return nil, fmt.Errorf("sm2 private key: out of range")
	}
	c := sm2.P256()
	k := new(sm2.PrivateKey)
	k.Curve, k.D = c, d
	k.X, k.Y = c.ScalarBaseMult(b) //nolint:staticcheck // the sm2 library takes big.Int coordinates
	return &sm2Key{k: k, pub: elliptic.MarshalCompressed(c, k.X, k.Y)}, nil
}

func (k *sm2Key) CryptoID() int32 { return SignTypeSM2 }
func (k *sm2Key) PubKey() []byte  { return k.pub }

// Sign signs msg with the default user id (random nonce, as the reference).
func (k *sm2Key) Sign(msg []byte) []byte {
	sig, err := k.k.Sign(rand.Reader, msg, sm2.NewSM2SignerOption(true, nil))
	if err != nil {
		panic(fmt.Sprintf("sm2 sign: %v", err)) // only a failing system random source gets here
	}
	return sig
}

// VerifySM2 checks a signature as chain33's sm2 driver: a compressed
// public key, a DER signature with 1 ≤ r, s < n over SM3(Z_A ‖ msg) with the
// default user id, or a CertSignature whose user id (when set) replaces it.
// High S is valid in SM2. The reference decompresses a key with any first
// byte but 0x04 (reading bytes other than 0x02/0x03 as the negated point);
// only the standard 0x02/0x03 forms, which every SDK writes, verify here.
func VerifySM2(pub, msg, sig []byte) bool {
	var uid []byte
	if c, ok := decodeCertSignature(sig); ok {
		sig, uid = c.sig, c.uid
	}
	c := sm2.P256()
	x, y := elliptic.UnmarshalCompressed(c, pub)
	if x == nil {
		return false
	}
	if _, _, ok := parseDERSignature(sig, c.Params().N); !ok {
		return false
	}
	key := &ecdsa.PublicKey{Curve: c, X: x, Y: y} //nolint:staticcheck // the sm2 library takes big.Int coordinates
	return sm2.VerifyASN1WithSM2(key, uid, msg, sig)
}
