package crypto

import (
	"bytes"
	"errors"
	"sync"

	"github.com/mr-tron/base58"
)

// Address version bytes (chain33:common/address).
const (
	NormalVer   byte = 0
	MultiSigVer byte = 5
)

// ErrInvalidAddress is chain33's error for a malformed address.
var ErrInvalidAddress = errors.New("ErrInvalidAddress")

// addrSeed prefixes the executor name to derive an executor's pseudo public key.
const addrSeed = "address seed bytes for public key"

// AddressFromHash160 encodes version ‖ hash160 ‖ checksum in base58.
func AddressFromHash160(ver byte, h160 []byte) string {
	buf := make([]byte, 0, 25)
	buf = append(buf, ver)
	buf = append(buf, h160...)
	buf = append(buf, DoubleSha256(buf)[:4]...)
	return base58.Encode(buf)
}

// PubKeyToAddr returns the chain33 address of a public key (any key type).
func PubKeyToAddr(pub []byte) string {
	return AddressFromHash160(NormalVer, Hash160(pub))
}

var execAddrs sync.Map // exec name → address; executor names are few

// ExecAddress returns the address of an executor, e.g. "coins" →
// 1GaHYpWmqAJsqRwrpoNcB8VvgKtSwjcHqt.
func ExecAddress(name string) string {
	if a, ok := execAddrs.Load(name); ok {
		return a.(string)
	}
	pseudo := DoubleSha256(append([]byte(addrSeed), name...))
	a := PubKeyToAddr(pseudo)
	execAddrs.Store(name, a)
	return a
}

// DecodeAddress checks an address (base58, 25 bytes, checksum, version 0 or
// 5) and returns its version and 20-byte hash.
func DecodeAddress(addr string) (byte, []byte, error) {
	if len(addr) < 25 || len(addr) > 35 {
		return 0, nil, ErrInvalidAddress
	}
	b, err := base58.Decode(addr)
	if err != nil || len(b) != 25 {
		return 0, nil, ErrInvalidAddress
	}
	if !bytes.Equal(DoubleSha256(b[:21])[:4], b[21:]) {
		return 0, nil, ErrInvalidAddress
	}
	if b[0] != NormalVer && b[0] != MultiSigVer {
		return 0, nil, ErrInvalidAddress
	}
	return b[0], b[1:21], nil
}

// CheckAddress reports ErrInvalidAddress unless addr is a valid address.
func CheckAddress(addr string) error {
	_, _, err := DecodeAddress(addr)
	return err
}
