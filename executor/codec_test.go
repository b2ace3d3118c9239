package executor

import (
	"bytes"
	"math"
	"testing"

	"chain33node/types"

	"google.golang.org/protobuf/encoding/protowire"
	"google.golang.org/protobuf/proto"
)

func codecSeeds() [][]byte {
	must := func(m proto.Message) []byte {
		b, err := accountOpts.Marshal(m)
		if err != nil {
			panic(err)
		}
		return b
	}
	transfer := func(t *types.AssetsTransfer, ty int32) []byte {
		return must(&types.CoinsAction{Value: &types.CoinsAction_Transfer{Transfer: t}, Ty: ty})
	}
	acc := must(&types.Account{Currency: -1, Balance: 5e8, Frozen: 3, Addr: "1KSBd17H7ZK8iT37aJztFB22XGwsPTdwE4"})
	tr := transfer(&types.AssetsTransfer{Cointoken: "BTY", Amount: 1e8, Note: []byte("hi"), To: "1KSBd17H7ZK8iT37aJztFB22XGwsPTdwE4"}, 1)
	return [][]byte{
		nil, {}, acc, tr,
		must(&types.Account{Balance: math.MaxInt64}),
		must(&types.Account{Balance: math.MinInt64, Addr: "x"}),
		transfer(&types.AssetsTransfer{}, 0),
		transfer(&types.AssetsTransfer{Amount: -1, Note: []byte{}}, -7),
		must(&types.CoinsAction{Value: &types.CoinsAction_Genesis{Genesis: &types.AssetsGenesis{Amount: 9}}}),
		must(&types.CoinsAction{Ty: 3}),
		append(bytes.Clone(acc), acc...),                                        // every field twice
		append(bytes.Clone(tr), transfer(&types.AssetsTransfer{To: "y"}, 0)...), // two transfers: proto merges them
		protowire.AppendVarint(append(bytes.Clone(acc), 5<<3), 1),               // an unknown field
		protowire.AppendVarint(append(bytes.Clone(tr), 7<<3), 1),                // an unknown field
		protowire.AppendString([]byte{4<<3 | 2}, "\xff"),                        // an address that is not UTF-8
		protowire.AppendVarint([]byte{4 << 3}, 1),                               // a known field of another wire type
		protowire.AppendBytes([]byte{1<<3 | 2}, []byte{2 << 3, 0x80}),           // a truncated amount
		acc[:len(acc)-1], tr[:len(tr)-1],
	}
}

// FuzzAccountCodec checks that an account is read and written as proto
// reads and writes it, whatever the bytes.
func FuzzAccountCodec(f *testing.F) {
	for _, s := range codecSeeds() {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw []byte) {
		var got, want types.Account
		err := unmarshalAccount(raw, &got)
		if werr := proto.Unmarshal(raw, &want); (err == nil) != (werr == nil) {
			t.Fatalf("%x: error %v, proto's %v", raw, err, werr)
		}
		if err != nil {
			return
		}
		if !proto.Equal(&got, &want) {
			t.Fatalf("%x: read %v, proto read %v", raw, &got, &want)
		}
		wantB, err := accountOpts.Marshal(&want)
		if err != nil {
			return // an address that is not UTF-8 cannot be written by either
		}
		if gotB := marshalAccount(&got); !bytes.Equal(gotB, wantB) {
			t.Fatalf("%x: wrote %x, proto wrote %x", raw, gotB, wantB)
		}
	})
}

// FuzzCoinsActionDecode checks that a coins action decodes as proto
// decodes it, whatever the bytes.
func FuzzCoinsActionDecode(f *testing.F) {
	for _, s := range codecSeeds() {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw []byte) {
		got, err := decodeCoinsAction(raw)
		want := &types.CoinsAction{}
		if werr := proto.Unmarshal(raw, want); (err == nil) != (werr == nil) {
			t.Fatalf("%x: error %v, proto's %v", raw, err, werr)
		}
		if err == nil && !proto.Equal(got, want) {
			t.Fatalf("%x: decoded %v, proto decoded %v", raw, got, want)
		}
	})
}

// TestCodecFastPaths checks that the encodings the node writes take the
// direct paths (without them the fuzz tests pass too, only slower).
func TestCodecFastPaths(t *testing.T) {
	for _, acc := range []*types.Account{{}, {Currency: -1, Balance: 5e8, Frozen: 3, Addr: "1KSBd17H7ZK8iT37aJztFB22XGwsPTdwE4"}} {
		if !readAccount(marshalAccount(acc), &types.Account{}) {
			t.Errorf("account %v not read directly", acc)
		}
	}
	tx := transfer(superKey, addr(superKey), coin)
	if readTransferAction(tx.Payload) == nil {
		t.Errorf("transfer payload %x not read directly", tx.Payload)
	}
}
