package commands

import (
	"fmt"

	"chain33node/types"

	"github.com/spf13/cobra"
)

// The shapes the CLI decodes node results into and re-prints, with the
// reference's JSON tags (field order and omitempty decide the output).

// ChainConfig is the result of Chain33.GetChainConfig (rpctypes.ChainConfigInfo).
type ChainConfig struct {
	Title            string `json:"title,omitempty"`
	CoinExec         string `json:"coinExec,omitempty"`
	CoinSymbol       string `json:"coinSymbol,omitempty"`
	CoinPrecision    int64  `json:"coinPrecision,omitempty"`
	TokenPrecision   int64  `json:"tokenPrecision,omitempty"`
	ChainID          int32  `json:"chainID,omitempty"`
	MaxTxFee         int64  `json:"maxTxFee,omitempty"`
	MinTxFeeRate     int64  `json:"minTxFeeRate,omitempty"`
	MaxTxFeeRate     int64  `json:"maxTxFeeRate,omitempty"`
	IsPara           bool   `json:"isPara,omitempty"`
	DefaultAddressID int32  `json:"defaultAddressID"`
}

// precision is coinPrecision, 1e8 if the node does not say.
func (c *ChainConfig) precision() int64 {
	if c.CoinPrecision <= 0 {
		return 1e8
	}
	return c.CoinPrecision
}

// chainConfig fetches the node's chain parameters, as the reference CLI does
// before the commands that format or build amounts.
func (a *app) chainConfig(cmd *cobra.Command) (*ChainConfig, error) {
	var cfg ChainConfig
	if err := a.client(cmd).Call("Chain33.GetChainConfig", nil, &cfg); err != nil {
		return nil, fmt.Errorf("get chain config: %w", err)
	}
	return &cfg, nil
}

// PeerList is the result of Chain33.GetPeerInfo.
type PeerList struct {
	Peers []*Peer `json:"peers"`
}

// Peer is rpctypes.Peer.
type Peer struct {
	Addr           string            `json:"addr"`
	Port           int32             `json:"port"`
	Name           string            `json:"name"`
	MempoolSize    int32             `json:"mempoolSize"`
	Self           bool              `json:"self"`
	Header         *types.HeaderJSON `json:"header"`
	Version        string            `json:"version,omitempty"`
	LocalDBVersion string            `json:"localDBVersion,omitempty"`
	StoreDBVersion string            `json:"storeDBVersion,omitempty"`
	RunningTime    string            `json:"runningTime,omitempty"`
	FullNode       bool              `json:"fullNode,omitempty"`
	Blocked        bool              `json:"blocked,omitempty"`
	Finalized      *Finalized        `json:"finalized"`
}

// Finalized is the peer's finalized block pointer.
type Finalized struct {
	Height int64  `json:"height"`
	Hash   string `json:"hash"`
}

// NetInfo is the result of Chain33.GetNetInfo (rpctypes.NodeNetinfo).
type NetInfo struct {
	ExternalAddr string `json:"externalAddr"`
	LocalAddr    string `json:"localAddr"`
	Service      bool   `json:"service"`
	Outbounds    int32  `json:"outbounds"`
	Inbounds     int32  `json:"inbounds"`
	Routingtable int32  `json:"routingtable"`
	Peerstore    int32  `json:"peerstore"`
	Ratein       string `json:"ratein"`
	Rateout      string `json:"rateout"`
	Ratetotal    string `json:"ratetotal"`
}

// TimeStatus is the result of Chain33.GetTimeStatus.
type TimeStatus struct {
	NtpTime   string `json:"ntpTime"`
	LocalTime string `json:"localTime"`
	Diff      int64  `json:"diff"`
}

// VersionInfo is the result of Chain33.Version.
type VersionInfo struct {
	Title   string `json:"title,omitempty"`
	App     string `json:"app,omitempty"`
	Chain33 string `json:"chain33,omitempty"`
	LocalDb string `json:"localDb,omitempty"`
}

// NodeInfoSet is the result of qbftNode.GetNodeInfo as the CLI prints it
// (the protobuf struct's Go JSON tags: zero fields omitted).
type NodeInfoSet struct {
	Nodes []*NodeInfo `json:"nodes,omitempty"`
}

// NodeInfo is one validator of NodeInfoSet.
type NodeInfo struct {
	NodeIP      string `json:"nodeIP,omitempty"`
	NodeID      string `json:"nodeID,omitempty"`
	Address     string `json:"address,omitempty"`
	PubKey      string `json:"pubKey,omitempty"`
	VotingPower int64  `json:"votingPower,omitempty"`
	Accum       int64  `json:"accum,omitempty"`
}

// PerfStat is the GetPerfStat query result as the CLI prints it: numbers,
// zero fields omitted.
type PerfStat struct {
	TotalTx     int64 `json:"totalTx,omitempty"`
	TotalBlock  int64 `json:"totalBlock,omitempty"`
	TxPerBlock  int64 `json:"txPerBlock,omitempty"`
	TotalSecond int64 `json:"totalSecond,omitempty"`
	TxPerSecond int64 `json:"txPerSecond,omitempty"`
}

// ReplyConfig is the manage GetConfigItem query result.
type ReplyConfig struct {
	Key   string `json:"key,omitempty"`
	Value string `json:"value,omitempty"`
}

// Query is the param of Chain33.Query (rpctypes.Query4Jrpc).
type Query struct {
	Execer   string `json:"execer"`
	FuncName string `json:"funcName"`
	Payload  any    `json:"payload"`
}

// CreateTxIn is the param of Chain33.CreateTransaction.
type CreateTxIn struct {
	Execer     string `json:"execer"`
	ActionName string `json:"actionName"`
	Payload    any    `json:"payload"`
}

// AccountResult is an account as the CLI prints it (4-decimal strings).
type AccountResult struct {
	Currency int32  `json:"currency,omitempty"`
	Balance  string `json:"balance,omitempty"`
	Frozen   string `json:"frozen,omitempty"`
	Addr     string `json:"addr,omitempty"`
}

// Account is rpctypes.Account (GetBalance items, GetAllExecBalance accounts).
type Account struct {
	Currency int32  `json:"currency"`
	Balance  int64  `json:"balance"`
	Frozen   int64  `json:"frozen"`
	Addr     string `json:"addr"`
}

// AllExecBalance is the result of Chain33.GetAllExecBalance.
type AllExecBalance struct {
	Addr        string         `json:"addr"`
	ExecAccount []*ExecAccount `json:"execAccount"`
}

// ExecAccount is one executor's account of AllExecBalance.
type ExecAccount struct {
	Execer  string   `json:"execer"`
	Account *Account `json:"account"`
}

// AllExecBalanceResult is AllExecBalance as the CLI prints it.
type AllExecBalanceResult struct {
	Addr        string               `json:"addr"`
	ExecAccount []*ExecAccountResult `json:"execAccount"`
}

// ExecAccountResult is one executor's account as the CLI prints it.
type ExecAccountResult struct {
	Execer  string         `json:"execer"`
	Account *AccountResult `json:"account"`
}
