package rpc

import (
	"encoding/json"
	"errors"
	"math/rand/v2"
	"strconv"
	"strings"
	"time"

	"chain33node/crypto"
	"chain33node/types"

	"google.golang.org/protobuf/proto"
)

// Transaction building and signing as the reference's rpc client and wallet
// do it (types.FormatTx, CreateRawTransaction, ProcSignRawTx).

// unsignedSizeExtra is what the reference adds to an unsigned tx's size when
// it computes the fee: room for the signature to come.
const unsignedSizeExtra = 300

// realFee is the reference's tx.GetRealFee(rate): the size-based minimum fee.
func realFee(t *types.Transaction, rate int64) (int64, error) {
	size := len(types.AppendTx(nil, t, true, true))
	if t.Signature == nil {
		size += unsignedSizeExtra
	}
	if size > types.MaxTxSize {
		return 0, types.ErrTxMsgSizeTooBig
	}
	return types.MinFee(size, rate), nil
}

// formatTx is the reference's types.FormatTx: execer, To (the executor's
// address if empty), fee (size-based minimum if zero), random nonce, chain id.
func (s *Server) formatTx(execer string, t *types.Transaction) error {
	t.Execer = []byte(execer)
	if t.To == "" {
		t.To = crypto.ExecAddress(execer)
	}
	if t.Fee == 0 {
		fee, err := realFee(t, s.node.Config().Mempool.MinTxFeeRate)
		if err != nil {
			return err
		}
		t.Fee = fee
	}
	if t.Nonce == 0 {
		t.Nonce = rand.Int64()
	}
	t.ChainID = s.node.Config().ChainID
	return nil
}

// encodeAction encodes an executor action as the reference does: the plain
// fields first, then the oneof member (so a coins transfer starts 18 01 0a).
func encodeAction(m proto.Message) []byte {
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

func (s *Server) encodeUnsigned(t *types.Transaction) string {
	return types.HexWith0x(types.AppendTx(nil, t, true, true))
}

func (s *Server) createRawTransaction(in *CreateTx) (any, error) {
	t, err := s.rawTx(in)
	if err != nil {
		return nil, err
	}
	return s.encodeUnsigned(t), nil
}

// rawTx builds an unsigned coins transfer, withdraw or transfer-to-executor.
func (s *Server) rawTx(in *CreateTx) (*types.Transaction, error) {
	if in.To != "" && crypto.CheckAddress(in.To) != nil {
		return nil, types.ErrInvalidAddress
	}
	execer := s.coinExec()
	if in.IsToken {
		execer = "token"
	}
	if in.Execer != "" {
		execer = in.Execer
	}
	switch execer {
	case s.coinExec():
	case types.ExecManage, types.ExecQbftNode:
		return nil, types.ErrNotSupport
	default:
		return nil, types.ErrExecNotFound
	}
	if in.ExecName != "" && !s.knownExec(in.ExecName) {
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
	t := &types.Transaction{Payload: encodeAction(a), To: in.To}
	if err := s.formatTx(execer, t); err != nil {
		return nil, err
	}
	t.Fee = in.Fee
	if t.Fee <= 0 {
		fee, err := realFee(t, s.properFeeRate())
		if err != nil {
			return nil, err
		}
		t.Fee = fee
	}
	return t, nil
}

// knownExec reports an executor name this chain runs (the reference allows
// the names of its registered executors).
func (s *Server) knownExec(name string) bool {
	switch name {
	case s.coinExec(), types.ExecManage, types.ExecQbftNode, "none":
		return true
	}
	return false
}

// createTransaction builds an unsigned tx from an executor action given as
// JSON: manage Modify, qbftNode NodeUpdate, coins Transfer.
func (s *Server) createTransaction(in *CreateTxIn) (any, error) {
	t, err := s.actionTx(in.Execer, in.ActionName, func(m proto.Message) error {
		if _, ok := m.(*types.AssetsTransfer); ok {
			if len(in.Payload) == 0 {
				return types.ErrInvalidParam
			}
			return types.UnmarshalPB(in.Payload, m)
		}
		return json.Unmarshal(in.Payload, m)
	})
	if err != nil {
		return nil, err
	}
	return s.encodeUnsigned(t), nil
}

// actionTx builds an unsigned tx for an executor action: manage Modify
// (ModifyConfig), qbftNode NodeUpdate (QbftNode), coins Transfer
// (AssetsTransfer). decode fills the action's message from the request's
// payload (JSON on JSON-RPC, protobuf on gRPC).
func (s *Server) actionTx(execer, actionName string, decode func(proto.Message) error) (*types.Transaction, error) {
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
		t.Payload = encodeAction(&types.ManageAction{Ty: types.ManageActionModify,
			Value: &types.ManageAction_Modify{Modify: &types.ModifyConfig{Key: p.Key, Value: p.Value, Op: p.Op, Addr: p.Addr}}})
	case types.ExecQbftNode:
		if actionName != "NodeUpdate" {
			return nil, types.ErrNotSupport
		}
		p := &types.QbftNode{}
		if err := decode(p); err != nil {
			return nil, types.ErrInvalidParam
		}
		t.Payload = encodeAction(&types.QbftNodeAction{Ty: types.QbftNodeActionNode,
			Value: &types.QbftNodeAction_Node{Node: &types.QbftNode{PubKey: p.PubKey, Power: p.Power}}})
	case s.coinExec():
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
		t.Payload = encodeAction(&types.CoinsAction{Ty: types.CoinsActionTransfer, Value: &types.CoinsAction_Transfer{Transfer: p}})
		t.To = p.To
	case "":
		return nil, types.ErrInvalidParam
	default:
		return nil, types.ErrExecNotFound
	}
	if err := s.formatTx(execer, t); err != nil {
		return nil, err
	}
	return t, nil
}

// txHeightFlag marks a TxHeight expire in the reference (1 << 62).
const txHeightFlag = 1 << 62

// parseExpire is the reference's types.ParseExpire: "H:<n>" (TxHeight), a
// block height, or a Go duration ("120s"), in nanoseconds. This chain has no
// TxHeight, so "H:" is refused, as are negative values.
func parseExpire(expire string) (int64, error) {
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

// setExpire is the reference's tx.SetExpire without TxHeight: a value above
// 1e9 is a duration in nanoseconds (at least 120 s) from now, stored as unix
// seconds; smaller values are block heights.
func setExpire(t *types.Transaction, expire int64, now time.Time) {
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

func (s *Server) signRawTx(in *ReqSignRawTx) (any, error) {
	signed, err := s.signRaw(in)
	if err != nil {
		return nil, err
	}
	return signed, nil
}

// signRaw signs a raw tx with a hex private key (secp256k1): fee at least
// the size-based minimum for the signed size, expire as given. The result
// is the signed tx in hex without 0x.
func (s *Server) signRaw(in *ReqSignRawTx) (string, error) {
	var key *crypto.PrivKey
	switch {
	case in.Privkey != "":
		b, err := types.DecodeHex(in.Privkey)
		if err != nil {
			return "", err
		}
		if len(b) == 0 {
			return "", ErrPrivateKeyLen
		}
		if st := s.node.Config().Wallet.SignType; st != "" && st != "secp256k1" {
			return "", types.ErrNotSupport
		}
		if key, err = crypto.PrivKeyFromBytes(b); err != nil {
			return "", ErrInvalidPrivKey
		}
	case in.Addr != "":
		return "", types.ErrNotSupport // no wallet: sign with privkey
	default:
		return "", ErrNoPrivKeyOrAddr
	}
	if in.AddressID > 0 || in.Fee < 0 {
		return "", types.ErrInvalidParam
	}
	raw, err := types.DecodeHex(in.TxHex)
	if err != nil {
		return "", err
	}
	dec, err := types.DecodeTx(raw)
	if err != nil {
		return "", protoError(err)
	}
	t := dec.Transaction
	if t.GroupCount != 0 {
		return "", types.ErrTxGroupNotSupport
	}
	if in.NewToAddr != "" {
		if crypto.CheckAddress(in.NewToAddr) != nil {
			return "", types.ErrInvalidAddress
		}
		t.To = in.NewToAddr
	}
	expire, err := parseExpire(in.Expire)
	if err != nil {
		return "", err
	}
	setExpire(t, expire, time.Now())
	rate := s.properFeeRate()
	t.Signature = nil
	t.Fee = in.Fee
	fee, err := realFee(t, rate)
	if err != nil {
		return "", err
	}
	t.Fee = max(t.Fee, fee)
	for {
		types.Sign(t, key)
		size := len(types.AppendTx(nil, t, true, true))
		if size > types.MaxTxSize {
			return "", types.ErrTxMsgSizeTooBig
		}
		if need := types.MinFee(size, rate); t.Fee < need {
			t.Fee = need
			continue
		}
		return hexNo0x(types.AppendTx(nil, t, true, true)), nil
	}
}

// protoError words a protobuf decoding error as the reference's: the
// protobuf module randomly puts a non-breaking space after "proto:".
func protoError(err error) error {
	msg := err.Error()
	if strings.Contains(msg, "proto:\u00a0") {
		return errors.New(strings.ReplaceAll(msg, "proto:\u00a0", "proto: "))
	}
	return err
}
