package types

import (
	"bytes"
	"errors"
	"slices"
	"strings"
	"testing"

	"google.golang.org/protobuf/encoding/protowire"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/reflect/protoreflect"
)

func codecTestBlock() *Block {
	tx := &Transaction{Execer: []byte("coins"), Payload: []byte{1, 2}, Fee: 100000, Nonce: 9,
		To: "1CbEVT9RnM5oZhWMj4fxUrJX94VtRotzvs", Signature: &Signature{Ty: 1, Pubkey: []byte{2}, Signature: []byte{3}}}
	return &Block{ParentHash: bytes.Repeat([]byte{1}, 32), TxHash: bytes.Repeat([]byte{2}, 32), StateHash: bytes.Repeat([]byte{3}, 32),
		Height: 5, BlockTime: 1700000000, Difficulty: 0x1f00ffff, Txs: []*Transaction{tx, proto.CloneOf(tx)}}
}

func marshal(tb testing.TB, m proto.Message) []byte {
	tb.Helper()
	b, err := proto.Marshal(m)
	if err != nil {
		tb.Fatal(err)
	}
	return b
}

func TestDecodeBlockStrict(t *testing.T) {
	good := codecTestBlock()
	raw := marshal(t, good)
	got, err := DecodeBlock(raw)
	if err != nil || !proto.Equal(got, good) {
		t.Fatalf("canonical block: %v, %v", got, err)
	}

	unknown := protowire.AppendVarint(protowire.AppendTag(nil, 99, protowire.VarintType), 1)
	withUnknown := func(part func(b *Block) proto.Message) []byte {
		b := codecTestBlock()
		part(b).ProtoReflect().SetUnknown(unknown)
		return marshal(t, b)
	}
	varint := func(num protowire.Number, v uint64) []byte {
		return protowire.AppendVarint(protowire.AppendTag(nil, num, protowire.VarintType), v)
	}
	// Height 5 in ten bytes instead of one.
	longHeight := append(protowire.AppendTag(nil, 5, protowire.VarintType), 0x85, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00)
	noHeight := codecTestBlock()
	noHeight.Height = 0
	for _, tc := range []struct {
		name   string
		raw    []byte
		errHas string
	}{
		{"unknown field in the block", withUnknown(func(b *Block) proto.Message { return b }), "unknown fields in the block"},
		{"unknown field in the block signature", withUnknown(func(b *Block) proto.Message { b.Signature = &Signature{Ty: 1}; return b.Signature }), "in the block signature"},
		{"unknown field in a tx", withUnknown(func(b *Block) proto.Message { return b.Txs[1] }), "in tx 1: the transaction"},
		{"unknown field in a tx signature", withUnknown(func(b *Block) proto.Message { return b.Txs[0].Signature }), "in tx 0: the transaction signature"},
		{"trailing unknown field", append(bytes.Clone(raw), unknown...), "unknown fields in the block"},
		{"trailing height", append(bytes.Clone(raw), varint(5, 6)...), "repeated, trailing"},
		{"trailing garbage", append(bytes.Clone(raw), 0xff), "block encoding refused"},
		{"truncated", raw[:len(raw)-1], "block encoding refused"},
		{"height in ten bytes", append(marshal(t, noHeight), longHeight...), "non-canonical"},
		{"over MaxBlockSize", make([]byte, MaxBlockSize+1), "limit"},
	} {
		_, err := DecodeBlock(tc.raw)
		if !errors.Is(err, ErrBlockEncoding) || !strings.Contains(err.Error(), tc.errHas) {
			t.Errorf("%s: error %v, want %v with %q", tc.name, err, ErrBlockEncoding, tc.errHas)
		}
	}
}

// blockUnknown inspects every message-typed field of a block by hand (it is
// on the path of every block): a field added to the schema must be added
// there too.
func TestStrictWalkCoversSchema(t *testing.T) {
	var got []string
	var walk func(d protoreflect.MessageDescriptor)
	seen := map[protoreflect.FullName]bool{}
	walk = func(d protoreflect.MessageDescriptor) {
		if seen[d.FullName()] {
			return
		}
		seen[d.FullName()] = true
		fs := d.Fields()
		for i := range fs.Len() {
			if m := fs.Get(i).Message(); m != nil {
				got = append(got, string(fs.Get(i).FullName()))
				walk(m)
			}
		}
	}
	walk((&Block{}).ProtoReflect().Descriptor())
	slices.Sort(got)
	want := []string{"types.Block.signature", "types.Block.txs", "types.Transaction.signature"}
	if !slices.Equal(got, want) {
		t.Fatalf("message fields of Block %v, blockUnknown covers %v", got, want)
	}
}

// BenchmarkDecodeBlock: the strict checks' cost over a plain proto.Unmarshal,
// on a block of 1000 transactions.
func BenchmarkDecodeBlock(b *testing.B) {
	blk := codecTestBlock()
	for len(blk.Txs) < 1000 {
		tx := proto.CloneOf(blk.Txs[0])
		tx.Nonce = int64(len(blk.Txs))
		blk.Txs = append(blk.Txs, tx)
	}
	raw := marshal(b, blk)
	b.Run("strict", func(b *testing.B) {
		b.SetBytes(int64(len(raw)))
		for b.Loop() {
			if _, err := DecodeBlock(raw); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("proto.Unmarshal", func(b *testing.B) {
		b.SetBytes(int64(len(raw)))
		for b.Loop() {
			if err := proto.Unmarshal(raw, new(Block)); err != nil {
				b.Fatal(err)
			}
		}
	})
}
