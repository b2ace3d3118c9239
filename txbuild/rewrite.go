package txbuild

import (
	"time"

	"chain33node/crypto"
	"chain33node/types"
)

// Rewrite is the reference's ReWriteRawTx request: an unsigned transaction
// or group carrier (hex) and what to change in it.
type Rewrite struct {
	Tx     string // hex, 0x optional
	To     string // "": keep
	Fee    int64  // raised to this if larger; 0: keep
	Expire string // ParseExpire's forms; "": keep
	Index  int32  // of a group: 0 every member, i > 0 member i only
}

// ReWrite is the reference's rpc client ReWriteRawTx: it sets To, raises the
// fee and sets the expiry of a transaction; of a group, the fee is the first
// member's and the expiry that of every member (Index 0) or of member Index,
// and the group is relinked. It returns the rewritten transaction.
func ReWrite(in Rewrite, now time.Time) (*types.Transaction, error) {
	if in.Tx == "" {
		return nil, types.ErrInvalidParam
	}
	t, err := DecodeHexTx(in.Tx)
	if err != nil {
		return nil, err
	}
	if in.To != "" {
		if crypto.CheckAddress(in.To) != nil {
			return nil, types.ErrInvalidAddress
		}
		t.To = in.To
	}
	var expire int64
	if in.Expire != "" {
		if expire, err = ParseExpire(in.Expire); err != nil {
			return nil, err
		}
	}
	if t.GroupCount == 0 {
		if in.Fee > t.Fee {
			t.Fee = in.Fee
		}
		if in.Expire != "" {
			SetExpire(t, expire, now)
		}
		return t, nil
	}
	txs, err := types.DecodeGroup(t)
	if err != nil {
		return nil, err
	}
	if in.Index < 0 || int(in.Index) > len(txs) {
		return nil, types.ErrIndex
	}
	if in.Fee > txs[0].Fee && in.Index <= 1 {
		txs[0].Fee = in.Fee
	}
	if in.Expire != "" {
		for i, m := range txs {
			if in.Index == 0 || int(in.Index) == i+1 {
				SetExpire(m, expire, now)
			}
		}
	}
	types.RebuildGroup(txs)
	return types.GroupCarrier(txs), nil
}
