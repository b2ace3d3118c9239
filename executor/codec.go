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

// readAccount decodes an Account with each known field at most once, of
// its declared type, and nothing else; false leaves acc partly set.
func readAccount(b []byte, acc *types.Account) bool {
	var seen uint8
	for len(b) > 0 {
		num, typ, n := protowire.ConsumeTag(b)
		if n < 0 || num < 1 || num > 4 || seen&(1<<num) != 0 {
			return false
		}
		seen |= 1 << num
		b = b[n:]
		if num == 4 {
			if typ != protowire.BytesType {
				return false
			}
			v, n := protowire.ConsumeBytes(b)
			if n < 0 || !utf8.Valid(v) {
				return false
			}
			acc.Addr, b = string(v), b[n:]
			continue
		}
		if typ != protowire.VarintType {
			return false
		}
		v, n := protowire.ConsumeVarint(b)
		if n < 0 {
			return false
		}
		b = b[n:]
		switch num {
		case 1:
			acc.Currency = int32(v)
		case 2:
			acc.Balance = int64(v)
		case 3:
			acc.Frozen = int64(v)
		}
	}
	return true
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
