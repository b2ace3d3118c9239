package types

import (
	"encoding/json"
	"errors"
	"fmt"

	"google.golang.org/protobuf/proto"
)

// What the JSON forms need to know about each executor (payload type, action
// names, amounts, log types), kept here so that types imports no executor.

// Executor names.
const (
	ExecCoins    = "coins"
	ExecManage   = "manage"
	ExecQbftNode = "qbftNode"
)

// Action types (the payloads' ty/Ty field), as the reference's type maps.
const (
	CoinsActionTransfer       = 1
	CoinsActionGenesis        = 2
	CoinsActionWithdraw       = 3
	CoinsActionTransferToExec = 10

	ManageActionModify  = 0
	ManageActionApply   = 1
	ManageActionApprove = 2

	QbftNodeActionNode      = 1
	QbftNodeActionBlockInfo = 2

	NoneActionCommitDelayTx = 101
)

// Action names of the none executor: a payload that is not a CommitDelayTx
// action is a notarisation ("notary").
const (
	NoneActionNotary            = "notary"
	NoneActionCommitDelayTxName = "CommitDelayTx"
)

// Receipt types.
const (
	ExecErr  = 0 // not packed
	ExecPack = 1 // packed, fee charged, action failed
	ExecOk   = 2
)

// Receipt log types.
const (
	TyLogReserved        = 0
	TyLogErr             = 1
	TyLogFee             = 2
	TyLogTransfer        = 3
	TyLogGenesis         = 4
	TyLogDeposit         = 5
	TyLogExecTransfer    = 6
	TyLogExecWithdraw    = 7
	TyLogExecDeposit     = 8
	TyLogExecFrozen      = 9
	TyLogExecActive      = 10
	TyLogGenesisTransfer = 11
	TyLogGenesisDeposit  = 12
	TyLogModifyConfig    = 410
	TyLogCommitDelayTx   = 100 // none: CommitDelayTxLog
)

// actionNames maps an executor's action type (payload ty) to its displayed
// name: the reference lower-cases the first letter of its type-map key.
var actionNames = map[string]map[int32]string{
	ExecCoins: {
		CoinsActionTransfer:       "transfer",
		CoinsActionGenesis:        "genesis",
		CoinsActionWithdraw:       "withdraw",
		CoinsActionTransferToExec: "transferToExec",
	},
	ExecManage: {
		ManageActionModify:  "modify",
		ManageActionApply:   "apply",
		ManageActionApprove: "approve",
	},
	ExecQbftNode: {
		QbftNodeActionNode:      "node",
		QbftNodeActionBlockInfo: "blockInfo",
	},
}

// newPayload returns an empty payload message of execer, or nil. As the
// reference's LoadExecutorType it goes by the real name ("user.coins" shows
// as coins, "user.evidence" has no payload type).
func newPayload(execer string) proto.Message {
	switch RealExecName(execer) {
	case ExecCoins:
		return new(CoinsAction)
	case ExecManage:
		return new(ManageAction)
	case ExecQbftNode:
		return new(QbftNodeAction)
	case ExecNone:
		return new(NoneAction)
	}
	return nil
}

// DecodePayload decodes a transaction payload of execer into its action
// message (CoinsAction, ManageAction or QbftNodeAction); an executor without a
// payload type gives ErrExecNotFound.
func DecodePayload(execer string, payload []byte) (proto.Message, error) {
	m := newPayload(execer)
	switch m.(type) {
	case nil:
		return nil, fmt.Errorf("%w: %q", ErrExecNotFound, execer)
	case *CoinsAction:
		a, err := UnmarshalCoinsAction(payload) // a plain transfer without proto's reflection
		if err != nil {
			return nil, err
		}
		return a, nil
	}
	if err := proto.Unmarshal(payload, m); err != nil {
		return nil, err
	}
	return m, nil
}

type tyGetter interface{ GetTy() int32 }

// ActionName is the action name shown as actionName/actionname. As the
// reference (ExecTypeBase.ActionName) it is looked up by the payload's ty
// field, not by the set oneof member; an undecodable payload gives
// "unknown-err", an unknown executor or ty "unknown".
func ActionName(execer string, payload []byte) string {
	if RealExecName(execer) == ExecNone {
		var a NoneAction
		if proto.Unmarshal(payload, &a) == nil && a.Ty == NoneActionCommitDelayTx {
			return NoneActionCommitDelayTxName
		}
		return NoneActionNotary
	}
	m, err := DecodePayload(execer, payload)
	if errors.Is(err, ErrExecNotFound) {
		return "unknown"
	}
	if err != nil {
		return "unknown-err"
	}
	if name, ok := actionNames[RealExecName(execer)][m.(tyGetter).GetTy()]; ok {
		return name
	}
	return "unknown"
}

// TxAmount is the amount a transaction moves (the reference's tx.Amount()):
// the amount of a coins transfer, withdraw, transferToExec or genesis whose
// ty matches its oneof member; 0 otherwise.
func TxAmount(tx *Transaction) int64 {
	a, ok := DecodeCoinsAction(tx)
	if !ok {
		return 0
	}
	return coinsAmount(a)
}

// DecodeCoinsAction decodes the action of a coins transaction; false for
// another executor's or a payload that does not decode. Callers that need
// several things of one transaction's action decode it once with this.
func DecodeCoinsAction(tx *Transaction) (*CoinsAction, bool) {
	if string(tx.GetExecer()) != ExecCoins {
		return nil, false
	}
	a, err := UnmarshalCoinsAction(tx.GetPayload())
	return a, err == nil
}

func coinsAmount(a *CoinsAction) int64 {
	switch {
	case a.Ty == CoinsActionTransfer && a.GetTransfer() != nil:
		return a.GetTransfer().GetAmount()
	case a.Ty == CoinsActionGenesis && a.GetGenesis() != nil:
		return a.GetGenesis().GetAmount()
	case a.Ty == CoinsActionWithdraw && a.GetWithdraw() != nil:
		return a.GetWithdraw().GetAmount()
	case a.Ty == CoinsActionTransferToExec && a.GetTransferToExec() != nil:
		return a.GetTransferToExec().GetAmount()
	}
	return 0
}

// TxAssets is the reference's asset list for a transaction: one entry for a
// coins transfer, withdraw or transferToExec (symbol = its cointoken, or the
// chain's coin symbol upper-cased), nil otherwise.
func TxAssets(tx *Transaction, symbol string) []*AssetJSON {
	a, ok := DecodeCoinsAction(tx)
	if !ok {
		return nil
	}
	return CoinsAssets(a, symbol)
}

// CoinsAssets is TxAssets of a coins transaction whose action is a.
func CoinsAssets(a *CoinsAction, symbol string) []*AssetJSON {
	var token string
	switch {
	case a.Ty == CoinsActionTransfer && a.GetTransfer() != nil:
		token = a.GetTransfer().GetCointoken()
	case a.Ty == CoinsActionWithdraw && a.GetWithdraw() != nil:
		token = a.GetWithdraw().GetCointoken()
	case a.Ty == CoinsActionTransferToExec && a.GetTransferToExec() != nil:
		token = a.GetTransferToExec().GetCointoken()
	default:
		return nil
	}
	if token == "" {
		token = upperASCII(symbol)
	}
	return []*AssetJSON{{Exec: ExecCoins, Symbol: token, Amount: coinsAmount(a)}}
}

func upperASCII(s string) string {
	b := []byte(s)
	for i, c := range b {
		if 'a' <= c && c <= 'z' {
			b[i] = c - 'a' + 'A'
		}
	}
	return string(b)
}

// ReceiptTyName is the name of a receipt type ("Unknown" for others).
func ReceiptTyName(ty int32) string {
	switch ty {
	case ExecErr:
		return "ExecErr"
	case ExecPack:
		return "ExecPack"
	case ExecOk:
		return "ExecOk"
	}
	return "Unknown"
}

type logInfo struct {
	name string
	new  func() proto.Message // nil: the log is a plain string (LogErr) or not decoded
}

var logTypes = map[int32]logInfo{
	TyLogReserved:        {"LogReserved", nil},
	TyLogErr:             {"LogErr", nil},
	TyLogFee:             {"LogFee", newAccountTransfer},
	TyLogTransfer:        {"LogTransfer", newAccountTransfer},
	TyLogGenesis:         {"LogGenesis", newAccountTransfer},
	TyLogDeposit:         {"LogDeposit", newAccountTransfer},
	TyLogExecTransfer:    {"LogExecTransfer", newExecAccountTransfer},
	TyLogExecWithdraw:    {"LogExecWithdraw", newExecAccountTransfer},
	TyLogExecDeposit:     {"LogExecDeposit", newExecAccountTransfer},
	TyLogExecFrozen:      {"LogExecFrozen", newExecAccountTransfer},
	TyLogExecActive:      {"LogExecActive", newExecAccountTransfer},
	TyLogGenesisTransfer: {"LogGenesisTransfer", newAccountTransfer},
	TyLogGenesisDeposit:  {"LogGenesisDeposit", newExecAccountTransfer},
	TyLogModifyConfig:    {"LogModifyConfig", func() proto.Message { return new(ReceiptConfig) }},
	TyLogCommitDelayTx:   {"CommitDelayTxLog", func() proto.Message { return new(CommitDelayTxLog) }},
}

func newAccountTransfer() proto.Message     { return new(ReceiptAccountTransfer) }
func newExecAccountTransfer() proto.Message { return new(ReceiptExecAccountTransfer) }

// LogName is the name of a receipt log type; unknown types are
// "LogReserved".
func LogName(ty int32) string {
	if li, ok := logTypes[ty]; ok {
		return li.name
	}
	return "LogReserved"
}

// DecodeLog decodes a receipt log for display: LogErr as its plain string,
// the account and config logs as their messages; nil for unknown types,
// LogReserved and undecodable logs.
func DecodeLog(ty int32, raw []byte) any {
	if ty == TyLogErr {
		return string(raw)
	}
	li, ok := logTypes[ty]
	if !ok || li.new == nil {
		return nil
	}
	m := li.new()
	if proto.Unmarshal(raw, m) != nil {
		return nil
	}
	return m
}

// logJSON is the "log" member of a receipt log: the decoded log as JSON
// (messages in jsonpb form without the UTF-8 option, as the reference's
// PBToJSON), or nil (JSON null).
func logJSON(ty int32, raw []byte) json.RawMessage {
	switch v := DecodeLog(ty, raw).(type) {
	case string:
		return appendJSONString(nil, v)
	case proto.Message:
		b, err := MarshalPB(v, false)
		if err != nil {
			return nil
		}
		return b
	}
	return nil
}
