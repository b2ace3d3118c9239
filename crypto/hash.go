package crypto

import (
	"crypto/sha256"

	"golang.org/x/crypto/ripemd160" //nolint:staticcheck // chain33 addresses are defined with RIPEMD-160
)

// Sha256 returns SHA-256(b).
func Sha256(b []byte) []byte {
	h := sha256.Sum256(b)
	return h[:]
}

// DoubleSha256 returns SHA-256(SHA-256(b)).
func DoubleSha256(b []byte) []byte {
	h := sha256.Sum256(b)
	h = sha256.Sum256(h[:])
	return h[:]
}

// Ripemd160 returns RIPEMD-160(b).
func Ripemd160(b []byte) []byte {
	h := ripemd160.New()
	h.Write(b)
	return h.Sum(nil)
}

// Hash160 returns RIPEMD-160(SHA-256(b)), the payload of a chain33 address.
func Hash160(b []byte) []byte {
	h := sha256.Sum256(b)
	return Ripemd160(h[:])
}
