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

// readTransferAction decodes a transfer action (its transfer and its ty,
// each at most once) whose transfer holds each of its fields at most once;
// nil for anything else.
func readTransferAction(b []byte) *CoinsAction {
	var (
		a    CoinsAction
		t    *AssetsTransfer
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
	a.Value = &CoinsAction_Transfer{Transfer: t}
	return &a
}

// readTransfer decodes an AssetsTransfer with each field at most once, of
// its declared type, and nothing else; nil otherwise.
func readTransfer(b []byte) *AssetsTransfer {
	var (
		t    AssetsTransfer
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
