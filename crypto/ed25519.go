package crypto

import (
	"crypto/ed25519"
	"fmt"
)

// ed25519PrivKeySize is the reference's ed25519 private key: seed ‖ public
// key, of which only the seed counts.
const ed25519PrivKeySize = 64

type ed25519Key struct{ k ed25519.PrivateKey }

func newEd25519Key(b []byte) (*ed25519Key, error) {
	if len(b) != ed25519PrivKeySize {
		return nil, fmt.Errorf("ed25519 private key: want %d bytes, got %d", ed25519PrivKeySize, len(b))
	}
	return &ed25519Key{k: ed25519.NewKeyFromSeed(b[:ed25519.SeedSize])}, nil
}

func (k *ed25519Key) CryptoID() int32        { return SignTypeED25519 }
func (k *ed25519Key) PubKey() []byte         { return []byte(k.k.Public().(ed25519.PublicKey)) }
func (k *ed25519Key) Sign(msg []byte) []byte { return ed25519.Sign(k.k, msg) }

// VerifyEd25519 checks a 64-byte Ed25519 signature over msg (not hashed
// first) by a 32-byte public key. The reference pads or cuts a signature of
// another length to 64 bytes and accepts S up to 2^253; both are malleations
// of a valid signature and are refused here.
func VerifyEd25519(pub, msg, sig []byte) bool {
	return len(pub) == ed25519.PublicKeySize && len(sig) == ed25519.SignatureSize && ed25519.Verify(pub, msg, sig)
}
