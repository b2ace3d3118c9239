// Package rpc serves the chain33 JSON-RPC (jrpcBindAddr, 8801) and gRPC
// (grpcBindAddr, 8802) interfaces with the reference's method names, shapes
// and error strings, behind the reference's access control.
package rpc

import (
	"chain33node/chain"
	"chain33node/config"
	"chain33node/mempool"
	"chain33node/types"
)

// Node is what the RPC serves from.
type Node interface {
	Config() *config.Config
	Chain() *chain.Chain
	Pool() *mempool.Pool
	// Submit admits a transaction to the mempool and gossips it.
	Submit(tx *types.Tx) error
	// IsSync is chain33's IsCaughtUp (Chain33.IsSync, net is_sync).
	IsSync() bool
	// Peers lists connected p2p peers and ourselves (self true).
	Peers() []*PeerInfo
	// NetInfo describes our p2p endpoint.
	NetInfo() *NetInfo
	// ConsensusState is the qbft state (qbftNode GetCurrentState).
	ConsensusState() (*types.QbftState, error)
	// ConsensusHealthy is qbftNode.IsSync.
	ConsensusHealthy() bool
	// ConsensusNodes is qbftNode.GetNodeInfo: one entry per current validator.
	ConsensusNodes() *types.QbftNodeInfoSet
	// BlockInfo is qbftNode GetBlockInfoByHeight: the block's header and its
	// commit certificate in the reference's QbftBlockInfo shape (the
	// certificate as lastCommit.aggVote, signers in validatorArray).
	BlockInfo(height int64) (*types.QbftBlockInfo, error)
}

// PeerInfo is one entry of Chain33.GetPeerInfo (types.Peer in the reference).
type PeerInfo struct {
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

// Finalized is the reference's (unused by qbft) finalized block pointer.
type Finalized struct {
	Height int64  `json:"height"`
	Hash   string `json:"hash"`
}

// NetInfo is the result of Chain33.GetNetInfo.
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
