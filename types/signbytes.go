package types

import "encoding/binary"

// Vote types: what a consensus vote is for, and part of what it signs.
const (
	Prevote   uint32 = 1
	Precommit uint32 = 2
)

// Domain tags keep a signature for one kind of message from being valid for
// another.
const (
	voteDomain     = "chain33node/qbft/vote/v1"
	proposalDomain = "chain33node/qbft/proposal/v1"
)

func appendHeader(b []byte, domain, chainID string, height int64, round int32) []byte {
	b = append(b, domain...)
	b = append(b, 0)
	b = binary.BigEndian.AppendUint16(b, uint16(len(chainID)))
	b = append(b, chainID...)
	b = binary.BigEndian.AppendUint64(b, uint64(height))
	return binary.BigEndian.AppendUint32(b, uint32(round))
}

// VoteSignBytes is what a validator signs for a vote: chain id, height,
// round, type and block hash (empty for nil). Identical for every validator,
// so signatures on one block aggregate into a Certificate.
func VoteSignBytes(chainID string, height int64, round int32, typ uint32, hash []byte) []byte {
	b := appendHeader(make([]byte, 0, 96), voteDomain, chainID, height, round)
	b = append(b, byte(typ), byte(len(hash)))
	return append(b, hash...)
}

// ProposalSignBytes is what the proposer signs: chain id, height, round, POL
// round and the block hash.
func ProposalSignBytes(chainID string, height int64, round, polRound int32, hash []byte) []byte {
	b := appendHeader(make([]byte, 0, 96), proposalDomain, chainID, height, round)
	b = binary.BigEndian.AppendUint32(b, uint32(polRound))
	b = append(b, byte(len(hash)))
	return append(b, hash...)
}
