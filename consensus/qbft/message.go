package qbft

import (
	"errors"
	"fmt"

	"chain33node/types"

	"google.golang.org/protobuf/encoding/protowire"
	"google.golang.org/protobuf/proto"
)

// DecodeMessage decodes a consensus message from a peer. The block of a
// proposal or a commit must pass types.CheckBlockEncoding, the rules of
// types.DecodeBlock that p2p and the store apply as well: a decided block is
// stored and served as decoded here, so bytes that no hash covers must not
// get in.
//
// The block stays an embedded types.Block on the wire (WAL records and
// peers keep their format); its bytes are located with protowire and checked
// against the decoded block, which costs no second decoding.
func DecodeMessage(data []byte) (*Message, error) {
	m := &Message{}
	if err := proto.Unmarshal(data, m); err != nil {
		return nil, err
	}
	var b *types.Block
	var outer, inner protowire.Number // field numbers of the message kind and of its block
	switch x := m.Msg.(type) {
	case nil:
		return nil, errors.New("empty message")
	case *Message_Proposal:
		b, outer, inner = x.Proposal.GetBlock(), 1, 4
	case *Message_Commit:
		b, outer, inner = x.Commit.GetBlock(), 4, 1
	}
	if b == nil {
		return m, nil
	}
	raw, err := onlyField(data, outer)
	if err == nil {
		raw, err = onlyField(raw, inner)
	}
	if err != nil {
		return nil, fmt.Errorf("%w: %v", types.ErrBlockEncoding, err)
	}
	if err := types.CheckBlockEncoding(b, raw); err != nil {
		return nil, err
	}
	return m, nil
}

// onlyField returns the bytes of field num of an encoded message. The field
// must occur once: proto.Unmarshal merges repeated occurrences of a message
// field, so a second one would escape the check of the first.
func onlyField(msg []byte, num protowire.Number) ([]byte, error) {
	var out []byte
	found := false
	for len(msg) > 0 {
		n, typ, l := protowire.ConsumeTag(msg)
		if l < 0 {
			return nil, protowire.ParseError(l)
		}
		msg = msg[l:]
		l = protowire.ConsumeFieldValue(n, typ, msg)
		if l < 0 {
			return nil, protowire.ParseError(l)
		}
		if n == num {
			if found || typ != protowire.BytesType {
				return nil, fmt.Errorf("field %d repeated", num)
			}
			out, _ = protowire.ConsumeBytes(msg)
			found = true
		}
		msg = msg[l:]
	}
	if !found {
		return nil, fmt.Errorf("field %d missing", num)
	}
	return out, nil
}

// voteName describes a vote in logs and reports.
func voteName(v *Vote) string {
	kind := "prevote"
	if v.Type == types.Precommit {
		kind = "precommit"
	}
	return fmt.Sprintf("%s of height %d round %d for 0x%x by validator %d", kind, v.Height, v.Round, v.BlockHash, v.ValidatorIndex)
}
