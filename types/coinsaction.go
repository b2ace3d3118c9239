package types

import (
	"unicode/utf8"

	"google.golang.org/protobuf/encoding/protowire"
	"google.golang.org/protobuf/proto"
)

// Every node decodes every transfer's action three times (CheckTx at
// admission, execution, the history indexes); through protobuf's
// reflection that was a quarter of CheckTx and a tenth of ExecBlock. A transfer,
// encoded plainly as the reference and txbuild write it, is read here
// directly; anything else (another action, an unknown field, a field twice,
// a malformed string) goes to proto, so the result is proto's by
// construction (FuzzCoinsActionDecode compares them).

// UnmarshalCoinsAction decodes a coins action as proto.Unmarshal does.
func UnmarshalCoinsAction(payload []byte) (*CoinsAction, error) {
	if a := readTransferAction(payload); a != nil {
		return a, nil
	}
	a := &CoinsAction{}
	if err := proto.Unmarshal(payload, a); err != nil {
		return nil, err
	}
	return a, nil
}

// PlainFields walks b, a message of varint and length-delimited fields
// numbered 1 to 7, each at most once, calling f with each field's number
// and its value: v for a varint, s for bytes (aliasing b). It returns false
// when b is not such a message or f refuses a field, for a caller to leave
// b to proto.
func PlainFields(b []byte, f func(num protowire.Number, typ protowire.Type, v uint64, s []byte) bool) bool {
	var seen uint8
	for len(b) > 0 {
		num, typ, n := protowire.ConsumeTag(b)
		if n < 0 || num > 7 || seen&(1<<num) != 0 {
			return false
		}
		seen |= 1 << num
		b = b[n:]
		var v uint64
		var s []byte
		switch typ {
		case protowire.VarintType:
			v, n = protowire.ConsumeVarint(b)
		case protowire.BytesType:
			s, n = protowire.ConsumeBytes(b)
		default:
			return false
		}
		if n < 0 || !f(num, typ, v, s) {
			return false
		}
		b = b[n:]
	}
	return true
}

// readTransferAction decodes a transfer action (its transfer and its ty)
// of plain fields; nil for anything else.
func readTransferAction(b []byte) *CoinsAction {
	var a CoinsAction
	var t *AssetsTransfer
	ok := PlainFields(b, func(num protowire.Number, typ protowire.Type, v uint64, s []byte) bool {
		switch {
		case num == 1 && typ == protowire.BytesType:
			t = readTransfer(s)
			return t != nil
		case num == 3 && typ == protowire.VarintType:
			a.Ty = int32(v)
			return true
		}
		return false
	})
	if !ok || t == nil {
		return nil
	}
	a.Value = &CoinsAction_Transfer{Transfer: t}
	return &a
}

// readTransfer decodes an AssetsTransfer of plain fields of their declared
// types; nil otherwise.
func readTransfer(b []byte) *AssetsTransfer {
	var t AssetsTransfer
	ok := PlainFields(b, func(num protowire.Number, typ protowire.Type, v uint64, s []byte) bool {
		switch {
		case num == 2 && typ == protowire.VarintType:
			t.Amount = int64(v)
		case num == 1 && typ == protowire.BytesType && utf8.Valid(s):
			t.Cointoken = string(s)
		case num == 4 && typ == protowire.BytesType && utf8.Valid(s):
			t.To = string(s)
		case num == 3 && typ == protowire.BytesType:
			t.Note = append([]byte(nil), s...)
		default:
			return false
		}
		return true
	})
	if !ok {
		return nil
	}
	return &t
}
