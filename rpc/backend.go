// Package rpc serves the chain33 JSON-RPC (jrpcBindAddr, 8801) and gRPC
// (grpcBindAddr, 8802) interfaces with the reference's method names, shapes
// and error strings, behind the reference's access control. It serves from a
// Backend that returns data; the chain33 shapes are rendered here.
package rpc

import (
	"time"

	"chain33node/types"
)

// Backend is what the server serves from: the node's committed chain, its
// mempool, its p2p network and its consensus, as data.
type Backend interface {
	// The committed chain.
	Height() int64 // of the head block
	Header(height int64) (*types.Header, error)
	Block(height int64) (*types.Block, error)
	Receipts(height int64) ([]*types.ReceiptData, error)
	TotalTxs(height int64) (int64, error)                     // in blocks 0..height
	Commit(height int64) (*Commit, error)                     // the block's commit certificate
	Tx(hash []byte) (*types.TxDetail, error)                  // types.ErrTxNotExist if not committed
	Balance(addr string) (*types.Account, error)              // coins account at the head
	ConfigItem(key string) (*types.ReplyConfig, error)        // manage GetConfigItem
	QbftNodesByHeight(height int64) (*types.QbftNodes, error) // qbftNode GetQbftNodeByHeight
	Validators() (*types.ValidatorSet, error)                 // the set that validates the next block
	DelayTxInfo(hash []byte) (*types.CommitDelayTxLog, error) // none GetDelayTxInfo

	// The mempool.
	MempoolTxs() []*types.Tx   // in admission order
	Submit(tx *types.Tx) error // admit to the mempool and gossip
	// SubmitBatch admits txs as many Submit calls would (their signatures
	// verified in parallel) and returns each one's error.
	SubmitBatch(txs []*types.Tx) []error
	// SubmitDelayed holds tx for the mempool until a block with a time of
	// at least due (unix seconds) is committed (SendDelayTransaction).
	SubmitDelayed(tx *types.Tx, due int64) error
	// Commits wakes SendTransactionSync calls; the node feeds it every
	// committed block.
	Commits() *CommitWaiters

	// The p2p network.
	IsSync() bool   // chain33's IsCaughtUp (Chain33.IsSync, net is_sync)
	Peers() []*Peer // connected peers, then ourselves (Self)
	NetInfo() *NetInfo
	PeerAdmin() PeerAdmin // dial, close and block peers (admin.go)
	// NTPTime is the time the NTP servers of ntpHosts tell now; ok is false
	// when none is configured, err set when none answers.
	NTPTime() (t time.Time, ok bool, err error)

	// Consensus.
	ConsensusStatus() (height int64, round int32) // what the engine works on
	ConsensusPeers() []*ConsensusPeer             // ourselves if a validator, then connected peers
	Evidence() []*Evidence                        // detected equivocations, most recent last

	// The history indexes and the push subscriptions (history.go, push.go).
	History() History
	Push() Pusher
}

// Commit is a block's commit certificate: the aggregate precommit
// signature and which validators of the set that signed it are in it.
type Commit struct {
	Round   int32
	Signers []byte // bit i (byte i/8, bit i%8) = validator i
	AggSig  []byte // 96-byte BLS signature
}

// Peer is a p2p node: a connected peer, or ourselves.
type Peer struct {
	Addr        string // IP address
	Port        int32  // gossip port
	Name        string // hex of its compressed secp256k1 public key
	MempoolSize int
	Header      *types.Header // its head; nil if unknown
	Self        bool
}

// NetInfo is our p2p endpoint.
type NetInfo struct {
	External, Local     string // ip:port
	Inbounds, Outbounds int
	Service             bool // [p2p.sub.gossip] serverStart
}

// ConsensusPeer is a consensus connection: the validator key a peer
// announced (ourselves: our key) and the IP it connects from.
type ConsensusPeer struct {
	Key []byte
	IP  string
}

// Evidence is one validator caught signing two different votes at one
// height, round and type.
type Evidence struct {
	Height       int64
	Round        int32
	Type         uint32 // 1 prevote, 2 precommit
	Validator    []byte // address
	HashA, HashB []byte // nil = nil vote
	SigA, SigB   []byte
}

// Settings are the configuration values the server uses, given once at
// construction.
type Settings struct {
	// Where and for whom it serves ([rpc]).
	JrpcBindAddr      string
	GrpcBindAddr      string   // "": no gRPC
	Whitelist         []string // caller IPs; empty: 127.0.0.1; "*" or "0.0.0.0": everyone
	JrpcFuncWhitelist []string // empty or "*": every method
	JrpcFuncBlacklist []string // empty: CloseQueue
	GrpcFuncWhitelist []string
	GrpcFuncBlacklist []string
	JrpcUserName      string // basic auth if either is set
	JrpcUserPasswd    string
	EnableTLS         bool
	CertFile, KeyFile string // as the server opens them

	// Limits and tokens ([rpc], ours); zero values take the defaults.
	MaxConnections      int           // open connections of both interfaces, never above half the open-file limit; <= 0: DefaultMaxConnections
	MaxConnectionsPerIP int           // per remote IP, loopback not counted; <= 0: DefaultMaxConnectionsPerIP
	ReadTimeout         time.Duration // to read one request from its first byte, or a gRPC connection's handshake; <= 0: DefaultReadTimeout
	MaxResponseBytes    int           // one JSON-RPC response (a batch in total), one gRPC reply; <= 0: DefaultMaxResponseBytes
	RateLimit           float64       // requests per second per remote IP, loopback exempt; 0: no limit
	RateBurst           int           // requests above the rate a caller may send at once; <= 0: RateLimit
	TokenFile           string        // bearer tokens (package auth); "": none

	// The chain as clients see it.
	Title          string
	CoinExec       string // "": coins
	CoinSymbol     string
	CoinPrecision  int64 // <= 0: types.DefaultCoinPrecision
	TokenPrecision int64
	ChainID        int32
	MinTxFeeRate   int64
	MaxTxFeeRate   int64
	MaxTxFee       int64
	MaxTxLast      int    // GetLastMemPool's count; <= 0: 10
	SignType       string // [wallet] signType: "" or secp256k1

	// Block sequences ([blockchain] isRecordBlockSequence).
	IsRecordBlockSequence bool

	// Consensus, from the genesis document.
	QbftChainID     string
	ConsensusParams *types.QbftConsensusParams
}
