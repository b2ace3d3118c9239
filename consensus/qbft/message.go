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
	var path []protowire.Number // field numbers from the message down to its block
	switch x := m.Msg.(type) {
	case nil:
		return nil, errors.New("empty message")
	case *Message_Proposal:
		b, path = x.Proposal.GetBlock(), []protowire.Number{1, 4}
	case *Message_Commit:
		b, path = x.Commit.GetBlock(), []protowire.Number{4, 1}
	case *Message_Compact:
		if err := checkCompact(x.Compact); err != nil {
			return nil, err
		}
		b, path = x.Compact.GetProposal().GetBlock(), []protowire.Number{5, 1, 4}
	case *Message_Txs:
		if n := len(x.Txs.Txs); n != len(x.Txs.Indexes) {
			return nil, fmt.Errorf("%d transactions for %d indexes", n, len(x.Txs.Indexes))
		}
	}
	if b == nil {
		return m, nil
	}
	raw := data
	for _, num := range path {
		var err error
		if raw, err = onlyField(raw, num); err != nil {
			return nil, fmt.Errorf("%w: %v", types.ErrBlockEncoding, err)
		}
	}
	if err := types.CheckBlockEncoding(b, raw); err != nil {
		return nil, err
	}
	return m, nil
}

// checkCompact checks what the block of a compact proposal holds in place
// of its transactions.
func checkCompact(c *CompactProposal) error {
	if len(c.GetProposal().GetBlock().GetTxs()) != 0 {
		return errors.New("compact proposal with transactions in its block")
	}
	for i, h := range c.TxHashes {
		if len(h) != 32 {
			return fmt.Errorf("compact proposal: transaction hash %d of %d bytes", i, len(h))
		}
	}
	return nil
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
