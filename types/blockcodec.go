package types

import (
	"errors"
	"fmt"

	"google.golang.org/protobuf/proto"
)

// MaxBlockSize is the largest encoded block a node accepts or builds. A
// block travels whole in one message (a p2p gossip or sync frame of 34 MiB, a
// consensus message of up to 64 MiB), so every layer can bound what it reads
// before decoding; chain.Build cuts its blocks to fit.
const MaxBlockSize = 32 << 20

// ErrBlockEncoding is wrapped by every refusal of DecodeBlock and
// CheckBlockEncoding, wherever the block came from (consensus, p2p gossip
// and sync, the store).
var ErrBlockEncoding = errors.New("block encoding refused")

// DecodeBlock is the one decoder of blocks from outside (peers, validators,
// disk). It accepts only the canonical encoding of a block of at most
// MaxBlockSize bytes: no unknown fields at any depth (the block, its
// transactions and their signatures), no trailing or repeated fields. Such
// bytes are covered by no hash, yet proto.Unmarshal keeps unknown fields and
// re-encodes them, so a node would store and serve bytes that its peers then
// refuse. Field order is not checked: it changes no decoded value.
func DecodeBlock(raw []byte) (*Block, error) {
	if len(raw) > MaxBlockSize {
		return nil, fmt.Errorf("%w: %d bytes, limit %d", ErrBlockEncoding, len(raw), MaxBlockSize)
	}
	b := new(Block)
	if err := proto.Unmarshal(raw, b); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrBlockEncoding, err)
	}
	if err := CheckBlockEncoding(b, raw); err != nil {
		return nil, err
	}
	return b, nil
}

// CheckBlockEncoding applies DecodeBlock's rules to b, a block that
// proto.Unmarshal decoded from raw as part of an enclosing message (a
// consensus proposal).
func CheckBlockEncoding(b *Block, raw []byte) error {
	if len(raw) > MaxBlockSize {
		return fmt.Errorf("%w: %d bytes, limit %d", ErrBlockEncoding, len(raw), MaxBlockSize)
	}
	if where := blockUnknown(b); where != "" {
		return fmt.Errorf("%w: unknown fields in %s", ErrBlockEncoding, where)
	}
	// Without unknown fields the decoded block re-encodes to exactly raw's
	// length unless raw repeats a field (the last one wins), carries trailing
	// fields or encodes a value in more bytes than needed.
	if n := proto.Size(b); n != len(raw) {
		return fmt.Errorf("%w: %d bytes hold a block of %d (repeated, trailing or non-canonical fields)", ErrBlockEncoding, len(raw), n)
	}
	return nil
}

// blockUnknown names the part of b that carries unknown fields, "" if none.
// It covers every message field of Block (TestStrictWalkCoversSchema keeps
// it so).
func blockUnknown(b *Block) string {
	switch {
	case len(b.ProtoReflect().GetUnknown()) > 0:
		return "the block"
	case len(b.GetSignature().ProtoReflect().GetUnknown()) > 0:
		return "the block signature"
	}
	for i, t := range b.Txs {
		if where := txUnknown(t); where != "" {
			return fmt.Sprintf("tx %d: %s", i, where)
		}
	}
	return ""
}

// txUnknown names the part of t that carries unknown fields, "" if none.
func txUnknown(t *Transaction) string {
	switch {
	case len(t.ProtoReflect().GetUnknown()) > 0:
		return "the transaction"
	case len(t.GetSignature().ProtoReflect().GetUnknown()) > 0:
		return "the transaction signature"
	}
	return ""
}
