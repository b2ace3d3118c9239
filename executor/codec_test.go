package executor

import (
	"bytes"
	"math"
	"testing"

	"chain33node/types"

	"google.golang.org/protobuf/encoding/protowire"
	"google.golang.org/protobuf/proto"
)

// FuzzAccountCodec checks that an account is read and written as proto
// reads and writes it, whatever the bytes.
func FuzzAccountCodec(f *testing.F) {
	must := func(acc *types.Account) []byte {
		b, err := accountOpts.Marshal(acc)
		if err != nil {
			panic(err)
		}
		return b
	}
	acc := must(&types.Account{Currency: -1, Balance: 5e8, Frozen: 3, Addr: "1KSBd17H7ZK8iT37aJztFB22XGwsPTdwE4"})
	for _, s := range [][]byte{
		nil, acc,
		must(&types.Account{Balance: math.MaxInt64}),
		must(&types.Account{Balance: math.MinInt64, Addr: "x"}),
		append(bytes.Clone(acc), must(&types.Account{Balance: 7})...), // a field twice: the last counts
		protowire.AppendVarint(append(bytes.Clone(acc), 5<<3), 1),     // an unknown field, kept
		protowire.AppendString([]byte{4<<3 | 2}, "\xff"),              // an address that is not UTF-8
		protowire.AppendVarint([]byte{4 << 3}, 1),                     // a known field of another wire type
		acc[:len(acc)-1],
	} {
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
			t.Fatalf("%x: proto cannot write what it read: %v", raw, err)
		}
		if gotB := marshalAccount(&got); !bytes.Equal(gotB, wantB) {
			t.Fatalf("%x: wrote %x, proto wrote %x", raw, gotB, wantB)
		}
	})
}

// TestAccountFastPath checks that the accounts the node writes are read
// directly (without it FuzzAccountCodec passes too, only slower).
func TestAccountFastPath(t *testing.T) {
	for _, acc := range []*types.Account{{}, {Currency: -1, Balance: 5e8, Frozen: 3, Addr: "1KSBd17H7ZK8iT37aJztFB22XGwsPTdwE4"}} {
		if !readAccount(marshalAccount(acc), &types.Account{}) {
			t.Errorf("account %v not read directly", acc)
		}
	}
}
