package crypto

import (
	"crypto/rand"
	"fmt"

	"chain33node/crypto/internal/keytab"
)

// Crypto ids: the low bits of a transaction's Signature.Ty, one per
// signature algorithm (chain33 system/crypto/*). The reference registers all
// of these enabled from height 0; see testdata/README.md.
const (
	SignTypeSecp256k1    = 1
	SignTypeED25519      = 2
	SignTypeSecp256r1    = 257
	SignTypeSM2          = 258
	SignTypeBLS          = 259 // consensus votes; not a transaction signature here
	SignTypeSecp256k1Eth = 260
)

// Address ids: the address driver that turns a signer's public key into its
// address (chain33 system/address; all three enabled from height 0).
const (
	AddressIDBTC          = 0
	AddressIDBTCMultiSign = 1
	AddressIDEth          = 2
)

// Layout of a signature type (chain33 types/sign.go): the address id sits in
// bits 12-14, the crypto id is everything else but bits 30-31.
const (
	cryptoIDMask    = 0x3fff8fff
	addressIDMask   = 0x00007000
	addressIDOffset = 12
	maxAddressID    = 7
)

// EncodeSignID is the signature type of a crypto id signed for an address
// id, as chain33's types.EncodeSignID: an address id outside [0, 7] (the
// CLI's -1 "default") selects the default btc driver.
func EncodeSignID(cryptoID, addressID int32) int32 {
	if addressID < 0 || addressID > maxAddressID {
		addressID = AddressIDBTC
	}
	return addressID<<addressIDOffset | cryptoID
}

// SplitSignID returns the crypto id and the address id of a signature type
// (chain33 ExtractCryptoID and ExtractAddressID).
func SplitSignID(signID int32) (cryptoID, addressID int32) {
	return signID & cryptoIDMask, (signID & addressIDMask) >> addressIDOffset
}

// KnownAddressID reports whether an address driver exists for id. Ids 3-7
// fit in a signature type but have no driver: the reference panics deriving
// such a sender's address; here the signature is invalid.
func KnownAddressID(id int32) bool {
	return id == AddressIDBTC || id == AddressIDBTCMultiSign || id == AddressIDEth
}

// Signer is a private key of one of the transaction signature types.
type Signer interface {
	CryptoID() int32        // the crypto id it signs with
	PubKey() []byte         // the public key as a transaction carries it
	Sign(msg []byte) []byte // signs msg the way the reference's driver does
}

// cryptoNames are the reference's driver names, as [wallet] signType uses.
var cryptoNames = map[string]int32{
	"secp256k1":    SignTypeSecp256k1,
	"ed25519":      SignTypeED25519,
	"secp256r1":    SignTypeSecp256r1,
	"sm2":          SignTypeSM2,
	"secp256k1eth": SignTypeSecp256k1Eth,
}

// CryptoIDByName returns the crypto id of a signature type name.
func CryptoIDByName(name string) (int32, bool) {
	id, ok := cryptoNames[name]
	return id, ok
}

// NewSigner parses a private key of a transaction signature type. Key sizes
// are the reference's: 64 bytes for ed25519 (seed ‖ public key, only the
// seed is used), 32 bytes for the others.
func NewSigner(cryptoID int32, priv []byte) (Signer, error) {
	switch cryptoID {
	case SignTypeSecp256k1:
		return PrivKeyFromBytes(priv)
	case SignTypeED25519:
		return newEd25519Key(priv)
	case SignTypeSecp256r1:
		return newP256Key(priv)
	case SignTypeSM2:
		return newSM2Key(priv)
	case SignTypeSecp256k1Eth:
		return newEthKey(priv)
	}
	return nil, fmt.Errorf("signature type %d: not a transaction signature type", cryptoID)
}

// GenerateSigner returns a new random key of a transaction signature type.
func GenerateSigner(cryptoID int32) (Signer, error) {
	n := 32
	if cryptoID == SignTypeED25519 {
		n = 64
	}
	for range 8 { // a random 32 bytes is out of range with probability < 2^-32
		b := make([]byte, n)
		if _, err := rand.Read(b); err != nil {
			return nil, err
		}
		if s, err := NewSigner(cryptoID, b); err == nil {
			return s, nil
		}
	}
	return nil, fmt.Errorf("signature type %d: no valid key generated", cryptoID)
}

// MaxBatch is the most signatures VerifyAll checks together (it checks
// more in turns): a caller that spreads checks over workers gains nothing
// from larger batches.
const MaxBatch = keytab.MaxBatch

// Sig is one check for VerifyAll: Verify's arguments.
type Sig struct {
	CryptoID      int32
	Pub, Msg, Sig []byte
}

// VerifyAll answers Verify for each of sigs into ok (as long as sigs).
// secp256k1 signatures by keys with tables are checked together, a
// quarter faster each from eight on (keytab.VerifyBatch); the others one
// at a time.
func VerifyAll(sigs []Sig, ok []bool) {
	var secp []Sig
	var at []int
	for i, s := range sigs {
		if s.CryptoID == SignTypeSecp256k1 {
			secp, at = append(secp, s), append(at, i)
		} else {
			ok[i] = Verify(s.CryptoID, s.Pub, s.Msg, s.Sig)
		}
	}
	secpOK := make([]bool, len(secp))
	verifySecp256k1All(secp, secpOK)
	for k, i := range at {
		ok[i] = secpOK[k]
	}
}

// Verify checks sig over msg by the public key pub for a crypto id, with
// each driver's own hash, encodings and range rules (see the Verify* of each
// type). Unknown crypto ids never verify.
func Verify(cryptoID int32, pub, msg, sig []byte) bool {
	switch cryptoID {
	case SignTypeSecp256k1:
		return VerifySecp256k1(pub, msg, sig)
	case SignTypeED25519:
		return VerifyEd25519(pub, msg, sig)
	case SignTypeSecp256r1:
		return VerifySecp256r1(pub, msg, sig)
	case SignTypeSM2:
		return VerifySM2(pub, msg, sig)
	case SignTypeSecp256k1Eth:
		return VerifySecp256k1Eth(pub, msg, sig)
	}
	return false
}
