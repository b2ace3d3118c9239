package txbuild

import (
	"time"

	"chain33node/crypto"
	"chain33node/types"
)

// Groups, no-balance groups and notarisations, built as the reference's
// rpc client (CreateRawTxGroup, CreateNoBalanceTxs), CLI (tx group, exec
// userdata) and wallet (SignRawTx of a group) build them.

// DecodeHexTx decodes a transaction given in hex (0x optional), as the
// reference's rpc DecodeTx.
func DecodeHexTx(h string) (*types.Transaction, error) {
	raw, err := types.DecodeHex(h)
	if err != nil {
		return nil, err
	}
	tx, err := types.DecodeTx(raw)
	if err != nil {
		return nil, err
	}
	return tx.Transaction, nil
}

// RawGroup is the reference's CreateRawTxGroup: the transactions (hex) linked
// into a group at the chain's fee rate, as the carrier to sign and send.
func RawGroup(hexes []string, c Chain) (*types.Transaction, error) {
	if len(hexes) <= 1 {
		return nil, types.ErrTxGroupCountLessThanTwo
	}
	txs := make([]*types.Transaction, len(hexes))
	for i, h := range hexes {
		t, err := DecodeHexTx(h)
		if err != nil {
			return nil, err
		}
		txs[i] = t
	}
	if err := types.CreateTxGroup(txs, c.FeeRate); err != nil {
		return nil, err
	}
	return types.GroupCarrier(txs), nil
}

// CheckedGroup links txs as RawGroup does and applies the group rules
// (the reference CLI's `tx group` and CreateNoBalanceTxs check the group
// they built; CreateRawTxGroup does not).
func CheckedGroup(txs []*types.Transaction, c Chain) (*types.Transaction, error) {
	if err := types.CreateTxGroup(txs, c.FeeRate); err != nil {
		return nil, err
	}
	members := make([]*types.Tx, len(txs))
	for i, t := range txs {
		members[i] = types.NewTx(t)
	}
	if err := types.CheckGroup(members, types.Rules{MinTxFeeRate: c.FeeRate, MaxTxFee: c.MaxTxFee, ChainID: c.ChainID}); err != nil {
		return nil, err
	}
	return types.GroupCarrier(txs), nil
}

// noBalancePayload is the payload of the none transaction that pays for a
// no-balance group.
const noBalancePayload = "no-fee-transaction"

// NoBalance is the reference's CreateNoBalanceTxs: a none transaction
// ("no-fee-transaction", expiring after expire, see ParseExpire; 0 never)
// followed by txs, linked and checked as a group whose first member, signed
// by whoever pays, pays the fee of all: senders without a balance can send
// txs. It returns the carrier.
func NoBalance(txs []*types.Transaction, expire int64, now time.Time, c Chain) (*types.Transaction, error) {
	none := &types.Transaction{Execer: []byte(types.ExecNone), Payload: []byte(noBalancePayload), To: crypto.ExecAddress(types.ExecNone)}
	if err := Format(none, types.ExecNone, c); err != nil {
		return nil, err
	}
	SetExpire(none, expire, now)
	return CheckedGroup(append([]*types.Transaction{none}, txs...), c)
}

// SignGroup signs a group carrier as the reference's wallet (SignRawTx with
// index): index 0 sets the first member's expiry, relinks the group and
// signs every member with key; index i > 0 signs member i-1 only. It returns
// the signed carrier's encoding.
func SignGroup(carrier *types.Transaction, index int32, key crypto.Signer, addressID int32, expire int64, now time.Time) ([]byte, error) {
	txs, err := types.DecodeGroup(carrier)
	if err != nil {
		return nil, err
	}
	if int(index) > len(txs) {
		return nil, types.ErrIndex
	}
	if index <= 0 {
		SetExpire(txs[0], expire, now)
		types.RebuildGroup(txs)
		for _, t := range txs {
			types.SignAs(t, key, addressID)
		}
	} else {
		types.SignAs(txs[index-1], key, addressID)
	}
	enc := types.AppendTx(nil, types.GroupCarrier(txs), true, true)
	if len(enc) > types.MaxGroupCarrierSize {
		return nil, types.ErrTxMsgSizeTooBig
	}
	return enc, nil
}

// UserData is the reference CLI's `exec userdata -e user.x [-t topic] -d
// data`: a notarisation of data ("#topic#data" with a topic) to a "user."
// executor, at the minimum fee for its size, with a random nonce.
func UserData(execer, topic, data string, c Chain) (*types.Transaction, error) {
	if topic != "" {
		data = "#" + topic + "#" + data
	}
	t := &types.Transaction{Execer: []byte(execer), Payload: []byte(data), To: crypto.ExecAddress(execer), ChainID: c.ChainID}
	fee, err := RealFee(t, c.FeeRate)
	if err != nil {
		return nil, err
	}
	t.Fee = fee
	t.Nonce = Nonce()
	return t, nil
}

// UserTx is the reference's CreateTransaction for a "user." executor that
// the chain does not run: the payload is stored as given (the JSON text
// of the request's payload), formatted like any other transaction.
func UserTx(execer string, payload []byte, c Chain) (*types.Transaction, error) {
	t := &types.Transaction{Payload: payload}
	if err := Format(t, execer, c); err != nil {
		return nil, err
	}
	return t, nil
}

// CommitDelay is the none executor's CommitDelayTx action: delayTx (hex of
// a signed transaction) is to be sent to the mempool seconds after the
// block that commits this one.
func CommitDelay(delayTx string, seconds int64, c Chain) (*types.Transaction, error) {
	t := &types.Transaction{Payload: EncodeAction(&types.NoneAction{Ty: types.NoneActionCommitDelayTx,
		Value: &types.NoneAction_CommitDelayTx{CommitDelayTx: &types.CommitDelayTx{DelayTx: delayTx, RelativeDelayTime: seconds}}})}
	if err := Format(t, types.ExecNone, c); err != nil {
		return nil, err
	}
	return t, nil
}
