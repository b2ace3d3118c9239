package commands

import (
	"fmt"

	"chain33node/types"

	"github.com/spf13/cobra"
)

// The shapes the CLI decodes node results into and re-prints, with the
// reference's JSON tags (field order and omitempty decide the output). The
// results it re-prints as the node serves them are in package types
// (rpctypes.go); those here differ from the node's form.

// coinPrecision is c.CoinPrecision, types.DefaultCoinPrecision if the node
// does not say.
func coinPrecision(c *types.ChainConfigJSON) int64 {
	if c.CoinPrecision <= 0 {
		return types.DefaultCoinPrecision
	}
	return c.CoinPrecision
}

// chainConfig fetches the node's chain parameters, as the reference CLI does
// before the commands that format or build amounts.
func (a *app) chainConfig(cmd *cobra.Command) (*types.ChainConfigJSON, error) {
	var cfg types.ChainConfigJSON
	if err := a.client(cmd).Call("Chain33.GetChainConfig", nil, &cfg); err != nil {
		return nil, fmt.Errorf("get chain config: %w", err)
	}
	return &cfg, nil
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

// AllExecBalanceResult is types.AllExecBalanceJSON as the CLI prints it.
type AllExecBalanceResult struct {
	Addr        string               `json:"addr"`
	ExecAccount []*ExecAccountResult `json:"execAccount"`
}

// ExecAccountResult is one executor's account as the CLI prints it.
type ExecAccountResult struct {
	Execer  string         `json:"execer"`
	Account *AccountResult `json:"account"`
}
