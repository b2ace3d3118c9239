// Package txbuild builds and signs chain33 transactions as the reference's
// wallet, rpc client and CLI do (types.FormatTx, CreateRawTransaction,
// CreateTransaction, ProcSignRawTx): the node's JSON-RPC/gRPC builders and
// the CLI share it, so a transaction built either way is the same.
package txbuild

import (
	"crypto/rand"
	"encoding/binary"
	"errors"
	"strconv"
	"strings"
	"time"

	"chain33node/crypto"
	"chain33node/types"

	"google.golang.org/protobuf/proto"
)

// ErrExecNameNotMatch is the reference's error for an execName that names no
// executor of the chain.
var ErrExecNameNotMatch = errors.New("ErrExecNameNotMatch")

// Chain is what a built transaction takes from the chain it is for.
type Chain struct {
	ChainID  int32
	FeeRate  int64  // minTxFeeRate: fee per started 1000 bytes
	CoinExec string // the coins executor's name; "" = coins
	Para     bool   // a parachain: To is always the executor's address
	MaxTxFee int64  // 0 = no upper limit (group checks)
}

func (c Chain) coinExec() string {
	if c.CoinExec != "" {
		return c.CoinExec
	}
	return types.ExecCoins
}

// RealFee is the reference's tx.GetRealFee(rate): the minimum fee of t as
// encoded now (an unsigned t is charged for its signature to come).
func RealFee(t *types.Transaction, rate int64) (int64, error) { return types.RealFee(t, rate) }

// Nonce is the reference's rand.Int63(): a random non-negative int63, never
// 0 here, so that a nonce is always present in the encoding.
func Nonce() int64 {
	var b [8]byte
	for {
		if _, err := rand.Read(b[:]); err != nil {
			panic(err) // crypto/rand does not fail on supported systems
		}
		if n := int64(binary.BigEndian.Uint64(b[:]) >> 1); n != 0 {
			return n
		}
	}
}

// Format is the reference's types.FormatTxExt: execer, To (the executor's
// address if empty or on a parachain), fee (the size-based minimum if zero),
// a random nonce if none, chain id.
func Format(t *types.Transaction, execer string, c Chain) error {
	t.Execer = []byte(execer)
	if c.Para || t.To == "" {
		t.To = crypto.ExecAddress(execer)
	}
	if t.Fee == 0 {
		fee, err := RealFee(t, c.FeeRate)
		if err != nil {
			return err
		}
		t.Fee = fee
	}
	if t.Nonce == 0 {
		t.Nonce = Nonce()
	}
	t.ChainID = c.ChainID
	return nil
}

// EncodeAction encodes an executor action as the reference does: the plain
// fields first, then the oneof member (so a coins transfer starts 18 01 0a).
func EncodeAction(m proto.Message) []byte {
	rest, one := proto.Clone(m), proto.Clone(m)
	rr, or := rest.ProtoReflect(), one.ProtoReflect()
	fds := rr.Descriptor().Fields()
	for i := 0; i < fds.Len(); i++ {
		fd := fds.Get(i)
		if od := fd.ContainingOneof(); od != nil && !od.IsSynthetic() {
			rr.Clear(fd)
		} else {
			or.Clear(fd)
		}
	}
	a, err := proto.MarshalOptions{Deterministic: true}.Marshal(rest)
	if err != nil {
		panic(err) // plain messages always encode
	}
	b, err := proto.MarshalOptions{Deterministic: true}.Marshal(one)
	if err != nil {
		panic(err)
	}
	return append(a, b...)
}

// Coins is what CreateRawTransaction asks for (rpctypes.CreateTx): a coins
// transfer, a withdraw from an executor, or a transfer to an executor.
type Coins struct {
	To          string
	Amount      int64
	Fee         int64 // <= 0: the size-based minimum
	Note        string
	IsWithdraw  bool
	IsToken     bool
	TokenSymbol string
	ExecName    string
	Execer      string
}

// CoinsTx builds the unsigned transaction of in (the reference's
// CreateRawTransaction).
func CoinsTx(in Coins, c Chain) (*types.Transaction, error) {
	if in.To != "" && crypto.CheckAddress(in.To) != nil {
		return nil, types.ErrInvalidAddress
	}
	execer := c.coinExec()
	if in.IsToken {
		execer = "token"
	}
	if in.Execer != "" {
		execer = in.Execer
	}
	switch execer {
	case c.coinExec():
	case types.ExecManage, types.ExecQbftNode:
		return nil, types.ErrNotSupport
	default:
		return nil, types.ErrExecNotFound
	}
	if in.ExecName != "" && !c.knownExec(in.ExecName) {
		return nil, ErrExecNameNotMatch
	}
	if in.Amount < 0 {
		return nil, types.ErrAmount
	}
	a := &types.CoinsAction{}
	note := []byte(in.Note)
	switch {
	case in.IsWithdraw:
		a.Ty = types.CoinsActionWithdraw
		a.Value = &types.CoinsAction_Withdraw{Withdraw: &types.AssetsWithdraw{Cointoken: in.TokenSymbol, Amount: in.Amount, Note: note, ExecName: in.ExecName, To: in.To}}
	case in.ExecName != "":
		a.Ty = types.CoinsActionTransferToExec
		a.Value = &types.CoinsAction_TransferToExec{TransferToExec: &types.AssetsTransferToExec{Cointoken: in.TokenSymbol, Amount: in.Amount, Note: note, ExecName: in.ExecName, To: in.To}}
	default:
		a.Ty = types.CoinsActionTransfer
		a.Value = &types.CoinsAction_Transfer{Transfer: &types.AssetsTransfer{Cointoken: in.TokenSymbol, Amount: in.Amount, Note: note, To: in.To}}
	}
	t := &types.Transaction{Payload: EncodeAction(a), To: in.To}
	if err := Format(t, execer, c); err != nil {
		return nil, err
	}
	// The reference formats, then sets the requested fee and recomputes the
	// minimum over the formatted tx (nonce and chain id included).
	t.Fee = in.Fee
	if t.Fee <= 0 {
		fee, err := RealFee(t, c.FeeRate)
		if err != nil {
			return nil, err
		}
		t.Fee = fee
	}
	return t, nil
}

// knownExec reports an executor name this chain runs (the reference allows
// the names of its registered executors).
func (c Chain) knownExec(name string) bool {
	switch name {
	case c.coinExec(), types.ExecManage, types.ExecQbftNode, "none":
		return true
	}
	return false
}

// nodeUpdate is the qbftNode action that sets a validator's power (0
// removes it).
func nodeUpdate(pubKey string, power int64) []byte {
	return EncodeAction(&types.QbftNodeAction{Ty: types.QbftNodeActionNode,
		Value: &types.QbftNodeAction_Node{Node: &types.QbftNode{PubKey: pubKey, Power: power}}})
}

// NodeUpdate is the reference CLI's `qbft add -p pubkey -w power`: a
// qbftNode Node update with a random nonce, To the qbftNode executor
// address, and no fee, expiry or chain id (signing sets fee and expiry).
func NodeUpdate(pubKey string, power int64) *types.Transaction {
	return &types.Transaction{
		Execer:  []byte(types.ExecQbftNode),
		Payload: nodeUpdate(pubKey, power),
		Nonce:   Nonce(),
		To:      crypto.ExecAddress(types.ExecQbftNode),
	}
}

// ActionTx builds the unsigned tx of an executor action (the reference's
// CreateTransaction): manage Modify (ModifyConfig), qbftNode NodeUpdate
// (QbftNode), coins Transfer (AssetsTransfer), none CommitDelayTx
// (CommitDelayTx). decode fills the action's message from the caller's
// payload (JSON on JSON-RPC, protobuf on gRPC).
func ActionTx(execer, actionName string, decode func(proto.Message) error, c Chain) (*types.Transaction, error) {
	t := &types.Transaction{}
	switch execer {
	case types.ExecManage:
		if actionName != "Modify" {
			return nil, types.ErrNotSupport
		}
		p := &types.ModifyConfig{}
		if err := decode(p); err != nil {
			return nil, types.ErrInvalidParam
		}
		t.Payload = EncodeAction(&types.ManageAction{Ty: types.ManageActionModify,
			Value: &types.ManageAction_Modify{Modify: &types.ModifyConfig{Key: p.Key, Value: p.Value, Op: p.Op, Addr: p.Addr}}})
	case types.ExecQbftNode:
		if actionName != "NodeUpdate" {
			return nil, types.ErrNotSupport
		}
		p := &types.QbftNode{}
		if err := decode(p); err != nil {
			return nil, types.ErrInvalidParam
		}
		t.Payload = nodeUpdate(p.PubKey, p.Power)
	case c.coinExec():
		if actionName != "Transfer" {
			return nil, types.ErrActionNotSupport
		}
		p := &types.AssetsTransfer{}
		if err := decode(p); err != nil {
			return nil, types.ErrInvalidParam
		}
		p = &types.AssetsTransfer{Cointoken: p.Cointoken, Amount: p.Amount, Note: p.Note, To: p.To}
		if p.Amount < 0 {
			return nil, types.ErrAmount
		}
		if p.To != "" && crypto.CheckAddress(p.To) != nil {
			return nil, types.ErrInvalidAddress
		}
		t.Payload = EncodeAction(&types.CoinsAction{Ty: types.CoinsActionTransfer, Value: &types.CoinsAction_Transfer{Transfer: p}})
		t.To = p.To
	case types.ExecNone:
		if actionName != types.NoneActionCommitDelayTxName {
			return nil, types.ErrActionNotSupport
		}
		p := &types.CommitDelayTx{}
		if err := decode(p); err != nil {
			return nil, types.ErrInvalidParam
		}
		return CommitDelay(p.DelayTx, p.RelativeDelayTime, c)
	case "":
		return nil, types.ErrInvalidParam
	default:
		return nil, types.ErrExecNotFound
	}
	if err := Format(t, execer, c); err != nil {
		return nil, err
	}
	return t, nil
}

// txHeightFlag marks a TxHeight expire in the reference (1 << 62).
const txHeightFlag = 1 << 62

// ParseExpire is the reference's types.ParseExpire: "H:<n>" (TxHeight), a
// block height, or a Go duration ("120s"), in nanoseconds. This chain has no
// TxHeight, so "H:" is refused, as are negative values.
func ParseExpire(expire string) (int64, error) {
	if expire == "" {
		return 0, types.ErrInvalidParam
	}
	if strings.HasPrefix(expire, "H:") {
		return 0, types.ErrInvalidParam
	}
	if h, err := strconv.ParseInt(expire, 10, 64); err == nil {
		if h < 0 || h >= txHeightFlag {
			return 0, types.ErrInvalidParam
		}
		return h, nil
	}
	d, err := time.ParseDuration(expire)
	if err != nil {
		return 0, err
	}
	if d < 0 {
		return 0, types.ErrInvalidParam
	}
	return int64(d), nil
}

// SetExpire is the reference's tx.SetExpire without TxHeight: a value above
// 1e9 is a duration in nanoseconds (at least 120 s) from now, stored as unix
// seconds; smaller values are block heights.
func SetExpire(t *types.Transaction, expire int64, now time.Time) {
	if expire > types.ExpireBound {
		d := time.Duration(expire)
		if d < 120*time.Second {
			d = 120 * time.Second
		}
		t.Expire = now.Unix() + int64(d/time.Second)
		return
	}
	t.Expire = expire
}

// Sign signs t with key for the address of addressID as the reference's
// wallet: the fee is the larger of fee and the size-based minimum at rate,
// raised until it covers the signed encoding (a larger fee can lengthen it).
// It returns the signed encoding.
func Sign(t *types.Transaction, key crypto.Signer, addressID int32, fee, rate int64) ([]byte, error) {
	t.Signature = nil
	t.Fee = fee
	min, err := RealFee(t, rate)
	if err != nil {
		return nil, err
	}
	t.Fee = max(t.Fee, min)
	for {
		types.SignAs(t, key, addressID)
		enc := types.AppendTx(nil, t, true, true)
		if len(enc) > types.MaxTxSize {
			return nil, types.ErrTxMsgSizeTooBig
		}
		if need := types.MinFee(len(enc), rate); t.Fee < need {
			t.Fee = need
			continue
		}
		return enc, nil
	}
}
