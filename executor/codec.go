package executor

import (
	"unicode/utf8"

	"chain33node/types"

	"google.golang.org/protobuf/encoding/protowire"
	"google.golang.org/protobuf/proto"
)

// The coins executor reads and writes an account twice for every transfer.
// Through protobuf's reflection that was about a fifth of ExecBlock. The
// message is small and fixed, so its plain encoding, the one the node and
// the reference write, is read and written here directly; anything else (an
// unknown field, a field twice, a malformed string) goes to proto as
// before, so the results are proto's by construction (FuzzAccountCodec
// compares them). types.UnmarshalCoinsAction does the same for actions.

// unmarshalAccount decodes raw into acc, a zero Account, as proto.Unmarshal
// does.
func unmarshalAccount(raw []byte, acc *types.Account) error {
	if !readAccount(raw, acc) {
		acc.Reset()
		return proto.Unmarshal(raw, acc)
	}
	return nil
}

// readAccount decodes an Account of plain fields (types.PlainFields) of
// their declared types; false leaves acc partly set.
func readAccount(b []byte, acc *types.Account) bool {
	return types.PlainFields(b, func(num protowire.Number, typ protowire.Type, v uint64, s []byte) bool {
		switch {
		case num == 1 && typ == protowire.VarintType:
			acc.Currency = int32(v)
		case num == 2 && typ == protowire.VarintType:
			acc.Balance = int64(v)
		case num == 3 && typ == protowire.VarintType:
			acc.Frozen = int64(v)
		case num == 4 && typ == protowire.BytesType && utf8.Valid(s):
			acc.Addr = string(s)
		default:
			return false
		}
		return true
	})
}

// marshalAccount encodes acc as accountOpts.Marshal does.
func marshalAccount(acc *types.Account) []byte {
	if len(acc.ProtoReflect().GetUnknown()) > 0 || !utf8.ValidString(acc.Addr) {
		b, err := accountOpts.Marshal(acc)
		if err != nil {
			panic(err) // only an address that is not UTF-8, which checkAddr refuses
		}
		return b
	}
	n := 0
	for _, v := range [...]uint64{uint64(int64(acc.Currency)), uint64(acc.Balance), uint64(acc.Frozen)} {
		if v != 0 {
			n += 1 + protowire.SizeVarint(v)
		}
	}
	if acc.Addr != "" {
		n += 1 + protowire.SizeBytes(len(acc.Addr))
	}
	b := make([]byte, 0, n)
	if acc.Currency != 0 {
		b = protowire.AppendVarint(append(b, 1<<3|byte(protowire.VarintType)), uint64(int64(acc.Currency)))
	}
	if acc.Balance != 0 {
		b = protowire.AppendVarint(append(b, 2<<3|byte(protowire.VarintType)), uint64(acc.Balance))
	}
	if acc.Frozen != 0 {
		b = protowire.AppendVarint(append(b, 3<<3|byte(protowire.VarintType)), uint64(acc.Frozen))
	}
	if acc.Addr != "" {
		b = protowire.AppendString(append(b, 4<<3|byte(protowire.BytesType)), acc.Addr)
	}
	return b
}
