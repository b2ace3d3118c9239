package types

import (
	"bytes"
	"testing"

	"google.golang.org/protobuf/encoding/protowire"
	"google.golang.org/protobuf/proto"
)

// FuzzCoinsActionDecode checks that a coins action decodes as proto
// decodes it, whatever the bytes.
func FuzzCoinsActionDecode(f *testing.F) {
	must := func(a *CoinsAction) []byte {
		b, err := proto.Marshal(a)
		if err != nil {
			panic(err)
		}
		return b
	}
	transfer := func(t *AssetsTransfer, ty int32) []byte {
		return must(&CoinsAction{Value: &CoinsAction_Transfer{Transfer: t}, Ty: ty})
	}
	tr := transfer(&AssetsTransfer{Cointoken: "BTY", Amount: 1e8, Note: []byte("hi"), To: "1KSBd17H7ZK8iT37aJztFB22XGwsPTdwE4"}, 1)
	for _, s := range [][]byte{
		nil, tr,
		transfer(&AssetsTransfer{}, 0),
		transfer(&AssetsTransfer{Amount: -1, Note: []byte{}}, -7),
		must(&CoinsAction{Value: &CoinsAction_Genesis{Genesis: &AssetsGenesis{Amount: 9}}}),
		must(&CoinsAction{Ty: 3}),
		append(bytes.Clone(tr), transfer(&AssetsTransfer{To: "y"}, 0)...),                         // two transfers: proto merges them
		protowire.AppendVarint(append(bytes.Clone(tr), 7<<3), 1),                                  // an unknown field, kept
		protowire.AppendBytes([]byte{1<<3 | 2}, protowire.AppendString([]byte{4<<3 | 2}, "\xff")), // a recipient that is not UTF-8
		protowire.AppendBytes([]byte{1<<3 | 2}, []byte{2 << 3, 0x80}),                             // a truncated amount
		protowire.AppendVarint([]byte{1 << 3}, 1),                                                 // the transfer of another wire type
		tr[:len(tr)-1],
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw []byte) {
		got, err := UnmarshalCoinsAction(raw)
		want := &CoinsAction{}
		if werr := proto.Unmarshal(raw, want); (err == nil) != (werr == nil) {
			t.Fatalf("%x: error %v, proto's %v", raw, err, werr)
		}
		if err == nil && !proto.Equal(got, want) {
			t.Fatalf("%x: decoded %v, proto decoded %v", raw, got, want)
		}
	})
}

// TestTransferActionFastPath checks that a transfer as txbuild and the
// reference encode it is read directly (without it FuzzCoinsActionDecode
// passes too, only slower).
func TestTransferActionFastPath(t *testing.T) {
	b, err := proto.Marshal(&CoinsAction{Value: &CoinsAction_Transfer{Transfer: &AssetsTransfer{Cointoken: "BTY", Amount: 1e8, Note: []byte("n"), To: "1KSBd17H7ZK8iT37aJztFB22XGwsPTdwE4"}}, Ty: CoinsActionTransfer})
	if err != nil {
		t.Fatal(err)
	}
	if readTransferAction(b) == nil {
		t.Errorf("transfer %x not read directly", b)
	}
}
