// Package crypto holds the primitives the node needs and nothing else:
// secp256k1 transaction keys (chain33 signature type 1), chain33 base58check
// addresses and executor addresses, and BLS (herumi, Ethereum mode) keys for
// consensus votes with aggregation.
package crypto
