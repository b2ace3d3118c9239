package qbft

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"testing"

	"chain33node/consensus/wal"
	"chain33node/types"

	"google.golang.org/protobuf/encoding/protowire"
	"google.golang.org/protobuf/proto"
)

func blockHash(name string) []byte {
	h := sha256.Sum256([]byte(name))
	return h[:]
}

// txBlock is a block of height 1 with one signed-looking transaction.
func txBlock() *types.Block {
	tx := &types.Transaction{Execer: []byte("coins"), Payload: []byte{1}, Fee: 100000, Nonce: 1,
		To: "1CbEVT9RnM5oZhWMj4fxUrJX94VtRotzvs", Signature: &types.Signature{Ty: 1, Pubkey: []byte{2}, Signature: []byte{3}}}
	return &types.Block{Height: 1, ParentHash: blockHash("genesis"), TxHash: blockHash("txs"), BlockTime: 1, Txs: []*types.Transaction{tx}}
}

func mustMarshal(tb testing.TB, m proto.Message) []byte {
	tb.Helper()
	b, err := proto.Marshal(m)
	if err != nil {
		tb.Fatal(err)
	}
	return b
}

func appendField(b []byte, num protowire.Number, v []byte) []byte {
	return protowire.AppendBytes(protowire.AppendTag(b, num, protowire.BytesType), v)
}

func unknownField() []byte {
	return protowire.AppendVarint(protowire.AppendTag(nil, 99, protowire.VarintType), 1)
}

// proposalWith is a proposal message whose block field holds rawBlock as is.
func proposalWith(tb testing.TB, rawBlock []byte) []byte {
	p := mustMarshal(tb, &Proposal{Height: 1, PolRound: -1, Signature: []byte{1}})
	return appendField(nil, 1, appendField(p, 4, rawBlock))
}

// A proposal or commit carries a block that is stored and served once
// decided: its encoding obeys types.DecodeBlock's rules, and a refusal names
// types.ErrBlockEncoding as p2p's does.
func TestDecodeMessageStrictBlock(t *testing.T) {
	good := txBlock()
	goodRaw := mustMarshal(t, good)
	withUnknownTx := txBlock()
	withUnknownTx.Txs[0].ProtoReflect().SetUnknown(unknownField())
	withUnknownSig := txBlock()
	withUnknownSig.Txs[0].Signature.ProtoReflect().SetUnknown(unknownField())
	proposal := func(b *types.Block) []byte {
		return mustMarshal(t, &Message{Msg: &Message_Proposal{Proposal: &Proposal{Height: 1, PolRound: -1, Block: b, Signature: []byte{1}}}})
	}
	commit := func(b *types.Block) []byte {
		return mustMarshal(t, &Message{Msg: &Message_Commit{Commit: &Commit{Block: b, Cert: &types.Certificate{Height: 1}}}})
	}
	height := protowire.AppendVarint(protowire.AppendTag(nil, 5, protowire.VarintType), 7)
	for _, tc := range []struct {
		name string
		data []byte
		ok   bool
	}{
		{"proposal", proposal(good), true},
		{"commit", commit(good), true},
		{"vote", mustMarshal(t, &Message{Msg: &Message_Vote{Vote: &Vote{Height: 1, Type: types.Prevote}}}), true},
		{"proposal, unknown field in a tx", proposal(withUnknownTx), false},
		{"proposal, unknown field in a tx signature", proposal(withUnknownSig), false},
		{"commit, unknown field in a tx", commit(withUnknownTx), false},
		{"block with a trailing unknown field", proposalWith(t, append(bytes.Clone(goodRaw), unknownField()...)), false},
		{"block with a trailing height", proposalWith(t, append(bytes.Clone(goodRaw), height...)), false},
		{"block field twice (merged by proto)", appendField(nil, 1, appendField(appendField(mustMarshal(t, &Proposal{Height: 1, PolRound: -1}), 4, goodRaw), 4, height)), false},
		{"proposal twice (merged by proto)", append(proposal(good), proposalWith(t, height)...), false},
	} {
		m, err := DecodeMessage(tc.data)
		switch {
		case tc.ok && err != nil:
			t.Errorf("%s: %v", tc.name, err)
		case tc.ok && !proto.Equal(m, mustDecode(t, tc.data)):
			t.Errorf("%s: decoded %v", tc.name, m)
		case !tc.ok && !errors.Is(err, types.ErrBlockEncoding):
			t.Errorf("%s: error %v, want %v", tc.name, err, types.ErrBlockEncoding)
		}
	}
	if _, err := DecodeMessage(nil); err == nil {
		t.Error("empty message decoded")
	}
}

func mustDecode(tb testing.TB, data []byte) *Message {
	m := &Message{}
	if err := proto.Unmarshal(data, m); err != nil {
		tb.Fatal(err)
	}
	return m
}

// The driver takes peers' messages through DecodeMessage: a refused one
// never reaches the core.
func TestDriverReceiveRefusesBadBlock(t *testing.T) {
	w, err := wal.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	net := &netRecorder{}
	d := NewDriver(DriverConfig{}, headApp{}, nil, simVerifier{}, w, net)
	bad := txBlock()
	bad.Txs[0].ProtoReflect().SetUnknown(unknownField())
	d.Receive("peer", nil, mustMarshal(t, &Message{Msg: &Message_Proposal{Proposal: &Proposal{Height: 1, PolRound: -1, Block: bad}}}))
	if len(d.inbox) != 0 || len(net.misbehaved) != 1 || net.misbehaved[0].Offence != OffenceMalformed || net.misbehaved[0].Peer != "peer" {
		t.Fatalf("a proposal with an unknown tx field: %d queued, reported %v", len(d.inbox), net.misbehaved)
	}
	d.Receive("peer", nil, mustMarshal(t, &Message{Msg: &Message_Proposal{Proposal: &Proposal{Height: 1, PolRound: -1, Block: txBlock()}}}))
	if len(d.inbox) != 1 {
		t.Fatal("a good proposal was not queued")
	}
}
