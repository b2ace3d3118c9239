package crypto

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/sha256"
	"fmt"
	"math/big"
)

var (
	p256N     = elliptic.P256().Params().N
	p256HalfN = new(big.Int).Rsh(p256N, 1)
)

// p256Key is a secp256r1 (NIST P-256) key as chain33's secp256r1 driver
// uses it: ECDSA over SHA-256(msg), low S, DER; 33-byte compressed keys.
type p256Key struct {
	k   *ecdsa.PrivateKey
	pub []byte
}

func newP256Key(b []byte) (*p256Key, error) {
	k, err := ecdsa.ParseRawPrivateKey(elliptic.P256(), b)
	if err != nil {
		return nil, fmt.Errorf("secp256r1 private key: %w", err)
	}
	u, err := k.PublicKey.Bytes()
	if err != nil {
		return nil, fmt.Errorf("secp256r1 private key: %w", err)
	}
	return &p256Key{k: k, pub: compressPoint(u)}, nil
}

// compressPoint turns 0x04 ‖ X ‖ Y into 0x02|parity(Y) ‖ X.
func compressPoint(u []byte) []byte {
	n := (len(u) - 1) / 2
	c := make([]byte, 1+n)
	c[0] = 2 | u[len(u)-1]&1
	copy(c[1:], u[1:1+n])
	return c
}

func (k *p256Key) CryptoID() int32 { return SignTypeSecp256r1 }
func (k *p256Key) PubKey() []byte  { return k.pub }

// Sign signs SHA-256(msg) with a random nonce (as the reference) and
// returns the low-S DER signature the reference's verifier requires.
func (k *p256Key) Sign(msg []byte) []byte {
	h := sha256.Sum256(msg)
	der, err := ecdsa.SignASN1(rand.Reader, k.k, h[:])
	if err != nil {
		panic(fmt.Sprintf("secp256r1 sign: %v", err)) // only a failing system random source gets here
	}
	r, s, ok := parseDERSignature(der, p256N)
	if !ok {
		panic("secp256r1 sign: library produced a non-DER signature")
	}
	if s.Cmp(p256HalfN) > 0 {
		s.Sub(p256N, s)
	}
	return encodeDERSignature(r, s)
}

// VerifySecp256r1 checks a signature as chain33's secp256r1 driver: the
// public key is 33-byte compressed (0x02/0x03; the reference cuts a 65-byte
// key to 33 bytes, which then never verifies), the signature DER (or a
// CertSignature carrying a certificate and the DER signature) with low S,
// over SHA-256(msg).
func VerifySecp256r1(pub, msg, sig []byte) bool {
	if c, ok := decodeCertSignature(sig); ok && len(c.cert) != 0 {
		sig = c.sig
	}
	x, y := elliptic.UnmarshalCompressed(elliptic.P256(), pub)
	if x == nil {
		return false
	}
	u := make([]byte, 65)
	u[0] = 4
	x.FillBytes(u[1:33])
	y.FillBytes(u[33:])
	key, err := ecdsa.ParseUncompressedPublicKey(elliptic.P256(), u)
	if err != nil {
		return false
	}
	_, s, ok := parseDERSignature(sig, p256N)
	if !ok || s.Cmp(p256HalfN) > 0 {
		return false
	}
	h := sha256.Sum256(msg)
	return ecdsa.VerifyASN1(key, h[:], sig)
}
