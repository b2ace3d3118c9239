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
	Peers() []*types.PeerJSON
	// NetInfo describes our p2p endpoint.
	NetInfo() *types.NetInfoJSON
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
	// Evidence lists the equivocations consensus detected (most recent last).
	Evidence() []*Evidence
}

// Evidence is one validator caught signing two different votes at one
// height, round and type (qbftNode.GetEvidence; ours, not the reference's).
type Evidence struct {
	Height    int64  `json:"height"`
	Round     int32  `json:"round"`
	Type      uint32 `json:"type"` // 1 prevote, 2 precommit
	Validator string `json:"validator"`
	HashA     string `json:"hashA"` // "" = nil vote
	HashB     string `json:"hashB"`
	SigA      string `json:"signatureA"`
	SigB      string `json:"signatureB"`
}
