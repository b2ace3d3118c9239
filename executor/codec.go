package executor

import (
	"unicode/utf8"

	"chain33node/types"

	"google.golang.org/protobuf/encoding/protowire"
	"google.golang.org/protobuf/proto"
)

// The coins executor reads and writes an account twice for every transfer
// and decodes every transfer's action twice on each node (CheckTx at
// admission, then execution). Through protobuf's reflection these were
// about a third of ExecBlock and most of CheckTx. Their messages are small
// and fixed, so the plain encodings, those the node and the reference
// write, are read and written here directly; anything else (an unknown
// field, a field twice, another oneof case, a malformed string) goes to
// proto as before, so the results are proto's by construction
// (FuzzAccountCodec, FuzzCoinsActionDecode compare them).

// unmarshalAccount decodes raw into acc as proto.Unmarshal does.
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

// decodeCoinsAction decodes a coins action as proto.Unmarshal does.
func decodeCoinsAction(payload []byte) (*types.CoinsAction, error) {
	if a := readTransferAction(payload); a != nil {
		return a, nil
	}
	a := &types.CoinsAction{}
	if err := proto.Unmarshal(payload, a); err != nil {
		return nil, err
	}
	return a, nil
}

// readTransferAction decodes a transfer action (its transfer and its ty,
// each at most once) whose transfer holds each of its fields at most once;
// nil for anything else.
func readTransferAction(b []byte) *types.CoinsAction {
	var (
		a    types.CoinsAction
		t    *types.AssetsTransfer
		seen uint8
	)
	for len(b) > 0 {
		num, typ, n := protowire.ConsumeTag(b)
		if n < 0 || (num != 1 && num != 3) || seen&(1<<num) != 0 {
			return nil
		}
		seen |= 1 << num
		b = b[n:]
		if num == 3 {
			v, n := protowire.ConsumeVarint(b)
			if typ != protowire.VarintType || n < 0 {
				return nil
			}
			a.Ty, b = int32(v), b[n:]
			continue
		}
		v, n := protowire.ConsumeBytes(b)
		if typ != protowire.BytesType || n < 0 {
			return nil
		}
		if t = readTransfer(v); t == nil {
			return nil
		}
		b = b[n:]
	}
	if t == nil {
		return nil
	}
	a.Value = &types.CoinsAction_Transfer{Transfer: t}
	return &a
}

// readTransfer decodes an AssetsTransfer with each field at most once, of
// its declared type, and nothing else; nil otherwise.
func readTransfer(b []byte) *types.AssetsTransfer {
	var (
		t    types.AssetsTransfer
		seen uint8
	)
	for len(b) > 0 {
		num, typ, n := protowire.ConsumeTag(b)
		if n < 0 || num < 1 || num > 4 || seen&(1<<num) != 0 {
			return nil
		}
		seen |= 1 << num
		b = b[n:]
		if num == 2 {
			v, n := protowire.ConsumeVarint(b)
			if typ != protowire.VarintType || n < 0 {
				return nil
			}
			t.Amount, b = int64(v), b[n:]
			continue
		}
		v, n := protowire.ConsumeBytes(b)
		if typ != protowire.BytesType || n < 0 {
			return nil
		}
		b = b[n:]
		switch num {
		case 1, 4:
			if !utf8.Valid(v) {
				return nil
			}
			if num == 1 {
				t.Cointoken = string(v)
			} else {
				t.To = string(v)
			}
		case 3:
			t.Note = append([]byte(nil), v...)
		}
	}
	return &t
}
