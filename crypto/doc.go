// Package crypto holds the primitives the node needs and nothing else.
//
// Transaction signatures (Signature.Ty = crypto id | address id << 12):
// secp256k1 (1), ed25519 (2), secp256r1 (257), sm2 (258) and secp256k1eth
// (260), every type the reference enables by default, each verified
// byte-for-byte as its chain33 driver does (Verify) and signed as its driver
// does (NewSigner); the rules and the reference files they come from are in
// testdata/README.md.
//
// Addresses: the btc (base58check, version 0), btcMultiSign (version 5) and
// eth (0x + 40 lower-case hex digits) drivers (PubKeyToAddress), executor
// addresses, and the one address check and canonical form (CheckAddress,
// FormatAddress).
//
// Consensus: BLS (herumi, Ethereum mode) keys for votes, with plain
// aggregation and rogue-key-safe aggregation over a validator set (KeySet).
package crypto
