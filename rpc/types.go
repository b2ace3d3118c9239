package rpc

import (
	"encoding/json"
	"errors"
)

// Request parameter types. They carry the names of the reference's types
// (types.* protobuf messages and rpc/types structs, both in packages named
// "types"): a params decoding error names the type, and paramError words it
// as the reference's does. JSON keys match case-insensitively, as there.

// ReqNil is types.ReqNil: no fields.
type ReqNil struct{}

// P2PGetPeerReq is types.P2PGetPeerReq (GetPeerInfo).
type P2PGetPeerReq struct {
	P2PType string `json:"p2pType,omitempty"`
}

// P2PGetNetInfoReq is types.P2PGetNetInfoReq (GetNetInfo).
type P2PGetNetInfoReq struct {
	P2PType string `json:"p2pType,omitempty"`
}

// ReqBlocks is types.ReqBlocks (GetHeaders).
type ReqBlocks struct {
	Start    int64    `json:"start,omitempty"`
	End      int64    `json:"end,omitempty"`
	IsDetail bool     `json:"isDetail,omitempty"`
	Pid      []string `json:"pid,omitempty"`
}

// BlockParam is rpctypes.BlockParam (GetBlocks).
type BlockParam struct {
	Start    int64 `json:"start"`
	End      int64 `json:"end"`
	Isdetail bool  `json:"isDetail"`
}

// ReqInt is types.ReqInt (GetBlockHash).
type ReqInt struct {
	Height int64 `json:"height,omitempty"`
}

// QueryParm is rpctypes.QueryParm (QueryTransaction, GetHexTxByHash).
type QueryParm struct {
	Hash string `json:"hash"`
}

// ReqHashes is rpctypes.ReqHashes (GetTxByHashes).
type ReqHashes struct {
	Hashes        []string `json:"hashes"`
	DisableDetail bool     `json:"disableDetail"`
}

// ReqGetMempool is types.ReqGetMempool (GetMempool).
type ReqGetMempool struct {
	IsAll bool `json:"isAll,omitempty"`
}

// ReqProperFee is types.ReqProperFee (GetProperFee).
type ReqProperFee struct {
	TxCount int32 `json:"txCount,omitempty"`
	TxSize  int32 `json:"txSize,omitempty"`
}

// CreateTx is rpctypes.CreateTx (CreateRawTransaction); note is a string.
type CreateTx struct {
	To          string `json:"to,omitempty"`
	Amount      int64  `json:"amount,omitempty"`
	Fee         int64  `json:"fee,omitempty"`
	Note        string `json:"note,omitempty"`
	IsWithdraw  bool   `json:"isWithdraw,omitempty"`
	IsToken     bool   `json:"isToken,omitempty"`
	TokenSymbol string `json:"tokenSymbol,omitempty"`
	ExecName    string `json:"execName,omitempty"`
	Execer      string `json:"execer,omitempty"`
}

// CreateTxIn is rpctypes.CreateTxIn (CreateTransaction).
type CreateTxIn struct {
	Execer     string          `json:"execer"`
	ActionName string          `json:"actionName"`
	Payload    json.RawMessage `json:"payload"`
}

// ReqSignRawTx is types.ReqSignRawTx (SignRawTx).
type ReqSignRawTx struct {
	Addr      string `json:"addr,omitempty"`
	Privkey   string `json:"privkey,omitempty"`
	TxHex     string `json:"txHex,omitempty"`
	Expire    string `json:"expire,omitempty"`
	Index     int32  `json:"index,omitempty"`
	Token     string `json:"token,omitempty"`
	Fee       int64  `json:"fee,omitempty"`
	NewToAddr string `json:"newToAddr,omitempty"`
	AddressID int32  `json:"addressID,omitempty"`
}

// RawParm is rpctypes.RawParm (SendTransaction).
type RawParm struct {
	Token string `json:"token"`
	Data  string `json:"data"`
}

// ReqDecodeRawTransaction is types.ReqDecodeRawTransaction.
type ReqDecodeRawTransaction struct {
	TxHex string `json:"txHex,omitempty"`
}

// ReqBalance is types.ReqBalance (GetBalance).
type ReqBalance struct {
	Addresses   []string `json:"addresses,omitempty"`
	Execer      string   `json:"execer,omitempty"`
	StateHash   string   `json:"stateHash,omitempty"`
	AssetExec   string   `json:"asset_exec,omitempty"`
	AssetSymbol string   `json:"asset_symbol,omitempty"`
}

// ReqAllExecBalance is types.ReqAllExecBalance (GetAllExecBalance).
type ReqAllExecBalance struct {
	Addr        string `json:"addr,omitempty"`
	Execer      string `json:"execer,omitempty"`
	StateHash   string `json:"stateHash,omitempty"`
	AssetExec   string `json:"asset_exec,omitempty"`
	AssetSymbol string `json:"asset_symbol,omitempty"`
}

// Query4Jrpc is rpctypes.Query4Jrpc (Query).
type Query4Jrpc struct {
	Execer   string          `json:"execer"`
	FuncName string          `json:"funcName"`
	Payload  json.RawMessage `json:"payload"`
}

// ExecNameParm is rpctypes.ExecNameParm (ConvertExectoAddr).
type ExecNameParm struct {
	ExecName string `json:"execname"`
}

// Result shapes not in chain33node/types (rpc/types.go of the reference).

// ReplyHash is rpctypes.ReplyHash (GetBlockHash).
type ReplyHash struct {
	Hash string `json:"hash"`
}

// ReplyProperFee is rpctypes.ReplyProperFee.
type ReplyProperFee struct {
	ProperFee int64 `json:"properFee"`
}

// ChainIDInfo is rpctypes.ChainIDInfo (GetChainID).
type ChainIDInfo struct {
	ChainID int32 `json:"chainID"`
}

// ReplyString is types.ReplyString as Go json prints it (GetCoinSymbol).
type ReplyString struct {
	Data string `json:"data,omitempty"`
}

// VersionInfo is types.VersionInfo (Version).
type VersionInfo struct {
	Title   string `json:"title"`
	App     string `json:"app"`
	Chain33 string `json:"chain33"`
	LocalDb string `json:"localDb"`
}

// Versions reported by Chain33.Version: AppVersion is this node's (cmd may
// set it at link time); Chain33Version and LocalDBVersion are the reference
// versions whose interfaces this node serves.
var (
	AppVersion     = "0.1.0"
	Chain33Version = "1.69.0"
	LocalDBVersion = "2.0.0"
)

// chain33 error names used only here (types/error.go of the reference).
var (
	ErrStartHeight            = errors.New("ErrStartHeight")
	ErrEndLessThanStartHeight = errors.New("ErrEndLessThanStartHeight")
	ErrMaxCountPerTime        = errors.New("ErrMaxCountPerTime")
	ErrNoPrivKeyOrAddr        = errors.New("ErrNoPrivKeyOrAddr")
	ErrPrivateKeyLen          = errors.New("ErrPrivateKeyLen")
	ErrInvalidPrivKey         = errors.New("invalid priv key byte")
	errInternal               = errors.New("rpc: internal error")
)
