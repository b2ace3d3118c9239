package crypto

import (
	"crypto/rand"
	"errors"
	"fmt"

	"github.com/decred/dcrd/dcrec/secp256k1/v4"
	"github.com/decred/dcrd/dcrec/secp256k1/v4/ecdsa"
	gethsecp "github.com/ethereum/go-ethereum/crypto/secp256k1"
	lru "github.com/hashicorp/golang-lru/v2"

	"chain33node/crypto/internal/keytab"
)

// Key sizes of secp256k1 as chain33 uses them.
const (
	Secp256k1PrivKeySize = 32
	Secp256k1PubKeySize  = 33 // compressed
)

// PrivKey is a secp256k1 private key that signs transactions.
type PrivKey struct {
	k   *secp256k1.PrivateKey
	pub []byte // compressed, computed once: a scalar multiplication, as costly as a signature
}

func newPrivKey(k *secp256k1.PrivateKey) *PrivKey {
	return &PrivKey{k: k, pub: k.PubKey().SerializeCompressed()}
}

// GeneratePrivKey returns a new random key.
func GeneratePrivKey() (*PrivKey, error) {
	k, err := secp256k1.GeneratePrivateKeyFromRand(rand.Reader)
	if err != nil {
		return nil, err
	}
	return newPrivKey(k), nil
}

// PrivKeyFromBytes parses a 32-byte secp256k1 private key.
func PrivKeyFromBytes(b []byte) (*PrivKey, error) {
	k, err := parseSecp256k1PrivKey(b)
	if err != nil {
		return nil, err
	}
	return newPrivKey(k), nil
}

// parseSecp256k1PrivKey parses a 32-byte secp256k1 private key.
func parseSecp256k1PrivKey(b []byte) (*secp256k1.PrivateKey, error) {
	if len(b) != Secp256k1PrivKeySize {
		return nil, fmt.Errorf("secp256k1 private key: want %d bytes, got %d", Secp256k1PrivKeySize, len(b))
	}
	var s secp256k1.ModNScalar
	if overflow := s.SetByteSlice(b); overflow || s.IsZero() {
		return nil, errors.New("secp256k1 private key: out of range")
	}
	return secp256k1.NewPrivateKey(&s), nil
}

// Bytes returns the 32-byte key.
func (p *PrivKey) Bytes() []byte { return p.k.Serialize() }

// CryptoID is SignTypeSecp256k1.
func (p *PrivKey) CryptoID() int32 { return SignTypeSecp256k1 }

// PubKey returns the 33-byte compressed public key (the key's own slice:
// not to be changed).
func (p *PrivKey) PubKey() []byte { return p.pub }

// Sign signs SHA-256(msg) deterministically (RFC 6979, low S) and returns the
// DER encoding, as chain33's secp256k1 driver does.
func (p *PrivKey) Sign(msg []byte) []byte {
	return ecdsa.Sign(p.k, Sha256(msg)).Serialize()
}

// VerifySecp256k1 checks a DER signature over SHA-256(msg) by a compressed or
// uncompressed public key. The DER form is parsed strictly here; the curve
// arithmetic runs in libsecp256k1 (cgo, about 3× faster than pure Go: this
// check dominates a node's CPU under load), or, for a compressed key seen
// before, with that key's table (keyTables, half the time again).
// libsecp256k1 accepts only low-S signatures, chain33 accepts both, and
// (r, s) is valid exactly when (r, -s) is, so S is normalised first.
func VerifySecp256k1(pub, msg, sig []byte) bool {
	c, ok := parseSecp256k1(pub, msg, sig)
	if !ok {
		return false
	}
	if c.Table != nil {
		if valid, decided := c.Table.Verify(c.Sig, c.Hash); decided {
			return valid
		}
	}
	return c.slow()
}

// secp256k1Check is a secp256k1 signature made ready for its check: the
// table's (Table nil: none) or libsecp256k1's (slow).
type secp256k1Check struct {
	keytab.Check
	pub []byte // the uncompressed key, or the key as given
}

// parseSecp256k1 reads what VerifySecp256k1 checks; false if the signature
// is invalid on its face (its DER, or a compressed key off the curve).
func parseSecp256k1(pub, msg, sig []byte) (c secp256k1Check, ok bool) {
	s, err := ecdsa.ParseDERSignature(sig)
	if err != nil {
		return c, false
	}
	r, sv := s.R(), s.S()
	if sv.IsOverHalfOrder() {
		sv.Negate()
	}
	compact := make([]byte, 64)
	r.PutBytesUnchecked(compact[:32])
	sv.PutBytesUnchecked(compact[32:])
	c.Sig, c.Hash, c.pub = compact, Sha256(msg), pub
	if len(pub) == Secp256k1PubKeySize {
		full, seen, ok := uncompressed(pub)
		if !ok {
			return c, false
		}
		c.Table = keyTables.get(full, seen)
		c.pub = full[:]
	}
	return c, true
}

// slow is libsecp256k1's check.
func (c *secp256k1Check) slow() bool { return gethsecp.VerifySignature(c.pub, c.Hash, c.Sig) }

// verifySecp256k1All answers VerifySecp256k1 for each of sigs into ok, the
// checks by keys with tables together (keytab.VerifyBatch).
func verifySecp256k1All(sigs []Sig, ok []bool) {
	var batch []keytab.Check
	var checks []secp256k1Check
	var at []int
	for i, s := range sigs {
		c, valid := parseSecp256k1(s.Pub, s.Msg, s.Sig)
		switch {
		case !valid:
			ok[i] = false
		case c.Table == nil:
			ok[i] = c.slow()
		default:
			batch, checks, at = append(batch, c.Check), append(checks, c), append(at, i)
		}
	}
	keytab.VerifyBatch(batch)
	for k, i := range at {
		if batch[k].Decided {
			ok[i] = batch[k].Valid
		} else {
			ok[i] = checks[k].slow()
		}
	}
}

// pubKeys maps compressed public keys to their uncompressed form, the
// last maxPubKeys used (about 1.6 MB). libsecp256k1 parses a compressed key with
// a square root, 3-4 µs of its 27 µs verification; an uncompressed one costs
// only an on-curve check. An account signs many transactions, so the root
// is taken once per sender.
var pubKeys, _ = lru.New[[Secp256k1PubKeySize]byte, [65]byte](maxPubKeys) // it errs only on a size below 1

const maxPubKeys = 1 << 14

// uncompressed returns the 65-byte form of a 33-byte compressed key, or
// false when it is not a point of the curve; seen is whether the key was
// cached, that is, verified lately.
func uncompressed(pub []byte) (full [65]byte, seen, ok bool) {
	k := [Secp256k1PubKeySize]byte(pub)
	if full, ok := pubKeys.Get(k); ok {
		return full, true, true
	}
	x, y := gethsecp.DecompressPubkey(pub)
	if x == nil {
		return full, false, false
	}
	full[0] = 4
	x.FillBytes(full[1:33])
	y.FillBytes(full[33:])
	pubKeys.Add(k, full)
	return full, false, true
}
