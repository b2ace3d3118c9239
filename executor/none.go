package executor

import (
	"errors"

	"chain33node/crypto"
	"chain33node/types"

	"google.golang.org/protobuf/proto"
)

// The none executor (chain33:system/dapp/none): notarisation. A transaction
// to "none" or to any "user." name no executor bears stores its payload as
// it is: the fee is charged and nothing else happens, so its receipt is
// ExecPack with the one LogFee (the reference's executor returns no receipt
// for it, and that is what its cluster shows). A payload that is a
// NoneAction of type 101 commits a delayed transaction instead.

// Errors of the none executor, named as the reference's.
var (
	errNilDelayTx       = errors.New("errNilDelayTx")
	errInvalidDelayTime = errors.New("errInvalidDelayTime")
	errDuplicateDelayTx = errors.New("errDuplicateDelayTx")
	errDecodeDelayTx    = errors.New("ErrDecode")
	ErrGetStateDB       = errors.New("ErrGetStateDB")
)

// delayTxKey is the state record of a committed delayed transaction.
func delayTxKey(hash []byte) []byte { return append([]byte("mavl-none-"), hash...) }

type noneDriver struct{ e *Executor }

func (noneDriver) free() bool { return false }

// decode never fails: any payload is a notarisation. It returns the
// CommitDelayTx of a delay action, nil otherwise.
func (noneDriver) decode(tx *types.Tx) (proto.Message, error) {
	a := &types.NoneAction{}
	if proto.Unmarshal(tx.Payload, a) != nil || a.Ty != types.NoneActionCommitDelayTx {
		return (*types.CommitDelayTx)(nil), nil
	}
	return a.GetCommitDelayTx(), nil
}

// check is the reference's None.CheckTx: the transaction goes to the
// executor's own address, and a delay action names a signed transaction, a
// delay of at least a second, and a transaction not delayed before.
func (noneDriver) check(st *overlay, tx *types.Tx, action proto.Message) error {
	if crypto.ExecAddress(string(tx.Execer)) != tx.To {
		return types.ErrToAddrNotSameToExecAddr
	}
	if types.ActionName(string(tx.Execer), tx.Payload) != types.NoneActionCommitDelayTxName {
		return nil
	}
	commit := action.(*types.CommitDelayTx)
	if commit == nil {
		return errNilDelayTx
	}
	delayed, err := DecodeDelayTx(commit)
	if err != nil {
		return err
	}
	if commit.RelativeDelayTime < 1 {
		return errInvalidDelayTime
	}
	v, err := st.get(delayTxKey(delayed.Hash))
	if err != nil {
		return err
	}
	if v != nil {
		return errDuplicateDelayTx
	}
	return nil
}

// DecodeDelayTx decodes the transaction a CommitDelayTx delays; it must be
// signed.
func DecodeDelayTx(commit *types.CommitDelayTx) (*types.Tx, error) {
	raw, err := types.DecodeHex(commit.GetDelayTx())
	if err != nil || len(raw) == 0 {
		return nil, errNilDelayTx
	}
	tx, err := types.DecodeTx(raw)
	if err != nil {
		return nil, errDecodeDelayTx
	}
	if tx.Signature == nil {
		return nil, errNilDelayTx
	}
	return tx, nil
}

func (d noneDriver) exec(x *txContext, tx *types.Tx, action proto.Message) ([]*types.ReceiptLog, error) {
	commit, _ := action.(*types.CommitDelayTx)
	if commit == nil {
		x.noReceipt = true // a notarisation: stored, nothing to execute
		return nil, nil
	}
	delayed, err := DecodeDelayTx(commit)
	if err != nil {
		return nil, err
	}
	info := &types.CommitDelayTxLog{Submitter: tx.From(), DelayBeginHeight: x.height, DelayBeginTimestamp: x.blockTime}
	raw, err := proto.Marshal(info)
	if err != nil {
		return nil, err
	}
	x.st.set(delayTxKey(delayed.Hash), raw)
	// The hash is shown in the receipt only; the state record is keyed by it.
	info.DelayTxHash = types.HexWith0x(delayed.Hash)
	logRaw, err := proto.Marshal(info)
	if err != nil {
		return nil, err
	}
	x.delayed = append(x.delayed, &DelayedTx{Tx: delayed, Due: x.blockTime + commit.RelativeDelayTime})
	return []*types.ReceiptLog{{Ty: types.TyLogCommitDelayTx, Log: logRaw}}, nil
}

// DelayedTx is a transaction a block committed for later: it is to be sent
// to the mempool once a block with a time of at least Due is committed.
type DelayedTx struct {
	Tx  *types.Tx
	Due int64 // unix seconds
}

// DelayTxInfo answers the none query GetDelayTxInfo: when the delayed
// transaction with this hash was committed, and by whom.
func (e *Executor) DelayTxInfo(st StateReader, hash []byte) (*types.CommitDelayTxLog, error) {
	if len(hash) == 0 {
		return nil, types.ErrInvalidParam
	}
	raw, err := newOverlay(st).get(delayTxKey(hash))
	if err != nil {
		return nil, err
	}
	if raw == nil {
		return nil, ErrGetStateDB
	}
	info := &types.CommitDelayTxLog{}
	if err := proto.Unmarshal(raw, info); err != nil {
		return nil, errDecodeDelayTx
	}
	return info, nil
}
