// Package types holds the chain33 wire vocabulary: the protobuf messages
// (generated from ../proto, field numbers as the reference), transaction and
// block hashing and signing, merkle roots and proofs, the chain33 error names,
// and the JSON forms served over JSON-RPC.
//
// Regenerate the .pb.go files with `make proto`.
package types
