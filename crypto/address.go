package crypto

import (
	"bytes"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"sync"

	"github.com/decred/dcrd/dcrec/secp256k1/v4"
	lru "github.com/hashicorp/golang-lru/v2"
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

// PubKeyToAddr returns the chain33 address of a public key (any key type)
// with the default (btc) address driver.
func PubKeyToAddr(pub []byte) string {
	return AddressFromHash160(NormalVer, Hash160(pub))
}

// PubKeyToAddress returns the address of a public key (any key type) under
// an address driver, as a transaction's sender (chain33 address.PubKeyToAddr
// with the address id of the signature type).
func PubKeyToAddress(addressID int32, pub []byte) (string, error) {
	switch addressID {
	case AddressIDBTC:
		return PubKeyToAddr(pub), nil
	case AddressIDBTCMultiSign:
		return AddressFromHash160(MultiSigVer, Hash160(pub)), nil
	case AddressIDEth:
		return EthAddress(pub), nil
	}
	return "", fmt.Errorf("address id %d: no such address driver", addressID)
}

// EthAddress is the eth driver's address of a public key: "0x" and 40
// lower-case hex digits of the last 20 bytes of Keccak-256 of the public
// point (chain33 lower-cases eth addresses from ForkFormatAddressKey, height
// 0 by default). A 33-byte key that is a compressed secp256k1 point is
// decompressed first; any other key is hashed without its first byte, as
// the reference does (for a 65-byte secp256k1 key that is the same point).
func EthAddress(pub []byte) string {
	if len(pub) == secp256k1.PubKeyBytesLenCompressed {
		if p, err := secp256k1.ParsePubKey(pub); err == nil {
			pub = p.SerializeUncompressed()
		}
	}
	if len(pub) > 0 {
		pub = pub[1:]
	}
	return "0x" + hex.EncodeToString(Keccak256(pub)[12:])
}

// IsEthAddress reports whether addr is 40 hex digits of either case with an
// optional 0x or 0X prefix (go-ethereum common.IsHexAddress, the eth
// driver's validation).
func IsEthAddress(addr string) bool {
	if len(addr) >= 2 && addr[0] == '0' && (addr[1] == 'x' || addr[1] == 'X') {
		addr = addr[2:]
	}
	if len(addr) != 40 {
		return false
	}
	for i := range len(addr) {
		if !isHexDigit(addr[i]) {
			return false
		}
	}
	return true
}

// FormatAddress is the one form of an address that state is kept under:
// an eth address becomes "0x" and lower-case hex (so every spelling of it,
// checksummed or not, names one account, as the reference's FormatAddrKey);
// other addresses are returned unchanged. The reference keeps a bare
// 40-digit spelling without 0x apart from the 0x one, an account no key
// signs for; here both name the same account.
func FormatAddress(addr string) string {
	if !IsEthAddress(addr) {
		return addr
	}
	return "0x" + strings.ToLower(addr[len(addr)-40:])
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

// CheckAddress reports ErrInvalidAddress unless addr is a valid address of
// one of the enabled address drivers: base58check with version 0 (btc) or 5
// (btcMultiSign), or an eth hex address (chain33 address.CheckAddress; all
// three drivers are enabled from height 0). The reference also takes a
// base58 string that decodes to more than 25 bytes when its last 4 bytes
// check the rest; no key has such an address and it is refused here.
func CheckAddress(addr string) error {
	if IsEthAddress(addr) || validAddrs.Contains(addr) {
		return nil
	}
	if _, _, err := DecodeAddress(addr); err != nil {
		return err
	}
	validAddrs.Add(addr, struct{}{})
	return nil
}

// validAddrs holds the last maxValidAddrs base58 addresses CheckAddress
// found valid: a transfer's recipient is checked when the mempool admits it
// and again when the block executes, on every node, and recipients recur.
// Only valid ones are kept, so what a client sends cannot make a bad address
// pass.
var validAddrs, _ = lru.New[string, struct{}](maxValidAddrs) // it errs only on a size below 1

const maxValidAddrs = 1 << 14
