package p2p

import (
	"encoding/hex"
	"fmt"
	"log/slog"
	"time"

	"chain33node/types"

	"github.com/libp2p/go-libp2p/core/protocol"
)

// Config configures a Host.
type Config struct {
	ListenAddr  string       // "ip:port" ([p2p.sub.gossip] bindAddr + port); "" ip = all interfaces
	Seeds       []string     // "ip:port" to dial; our own address among them is skipped
	FixedSeed   bool         // only the seeds: no peer discovery
	InnerBounds int          // max inbound peers; 0 = DefaultInnerBounds
	Channel     int32        // [p2p.sub.gossip] channel: chains with different channels never mix
	GenesisHash []byte       // and chains with different genesis blocks never mix either
	KeyFile     string       // persistent secp256k1 node key (created on first start)
	Logger      *slog.Logger // nil = slog.Default()
}

// Chain is what p2p needs from the node.
type Chain interface {
	// Head returns the height and hash of the last committed block.
	Head() (height int64, hash []byte)
	// Header returns the header of a committed block.
	Header(height int64) (*types.Header, error)
	// Block returns a committed block with its commit certificate (opaque bytes).
	Block(height int64) (b *types.Block, cert []byte, err error)
	// ApplyBlock verifies the certificate against our state, executes the block, checks its state hash and
	// commits it; a block already committed is no error. An error wrapping types.ErrInvalidBlock means the
	// block or its certificate is bad and the peer that sent it is blocked; any other error is our own
	// failure (types.ErrLocal: a full disk), which blames no peer and is retried later. Calls are
	// serialized by p2p; the node must make it safe against commits by consensus.
	// With signed, the block's transaction signatures were all verified (Preverify) and are not checked
	// again. With synced false the block is written without waiting for the disk, until Flush: sync
	// applies a downloaded range so. A crash may lose such blocks (never part of one): they are final, and
	// are downloaded again; the node builds on none of them before they are durable.
	ApplyBlock(b *types.Block, cert []byte, signed, synced bool) error
	// Flush makes the blocks ApplyBlock wrote without sync durable. Its errors are our own failures.
	Flush() error
	// Preverify checks ahead, on the calling goroutine, what ApplyBlock will check of consecutive blocks
	// (certs[i] of blocks[i]) without the blocks before them: the certificates against the current
	// validators (what passed is kept for ApplyBlock) and, if all passed, the transactions' signatures
	// (signed[i]: all of block i's are valid). Sync calls it for a downloaded range while earlier blocks
	// are applied.
	Preverify(blocks []*types.Block, certs [][]byte) (signed []bool)
	// CheckCertificate verifies cert for b, the block after the head, whose transactions may be missing (nil):
	// only their number is hashed. Its errors are ApplyBlock's kinds.
	CheckCertificate(b *types.Block, cert []byte) error
}

// Mempool is what p2p needs from the mempool: received transactions go to AddRelayed (one error per tx).
type Mempool interface {
	// AddRelayed admits transactions a peer gossiped (which that peer
	// admitted already).
	AddRelayed(txs []*types.Tx) []error
	Size() int
	// ByFullHash returns the transactions the pool holds under these full hashes, nil for each it does not
	// (light block announcements are filled from it).
	ByFullHash(fullHashes [][]byte) []*types.Transaction
}

// PeerStatus describes a connected peer (or this node, from Self).
type PeerStatus struct {
	ID          string        // libp2p peer ID
	Addr        string        // IP address
	Port        int32         // gossip listen port
	Name        string        // hex of the compressed secp256k1 public key (chain33 "name")
	Height      int64         // head height
	Hash        []byte        // head block hash
	MempoolSize int           // transactions in its mempool
	Header      *types.Header // head header
	Inbound     bool          // the peer dialed us
}

// Defaults and limits.
const (
	DefaultInnerBounds = 300
	maxOutbound        = 25  // discovery dials until this many outbound peers (chain33 maxOutBoundNum)
	maxPeers           = 600 // hard cap on connected peers of any direction

	// Gossip.
	txBatchBytes     = 128 << 10             // a gossip message of transactions goes out at this many bytes (a larger tx alone)
	txBatchMax       = 1024                  // or at this many transactions
	txBatchDelay     = 40 * time.Millisecond // or this long after the first of them was admitted (why: below)
	txPendingMax     = 32 * txBatchMax       // transactions waiting for the batcher; more are dropped
	maxGossipMsg     = 34 << 20              // largest pubsub message (a block of up to 32 MiB and its certificate)
	maxTxsPerBatch   = 4096                  // a received batch with more transactions is invalid
	pubsubQueueSize  = 1024                  // validate queue, per-peer outbound queue, subscription buffer
	announceQueueLen = 16

	// txBatchDelay: until a node admits txBatchMax transactions within txBatchDelay, it publishes one gossip
	// message each txBatchDelay, and a message costs the four validators about half a millisecond of CPU whatever
	// it carries, in the p2p stack (pubsub framing, IDONTWANT to the mesh, noise, yamux, a write and a read per
	// hop; the mempool's admission of a batch of 9 costs per transaction about what one of 36 does): at 10 ms, a
	// node taking a quarter of the load spent a tenth of its CPU on it. A transaction reaches the other pools up
	// to 30 ms later, against blocks 250-600 ms apart. Four validators on two cores, the load spread over all four
	// (make run, loadgen -mode open -c 4096 -rate R, fresh cluster per run, in turns): node CPU at 400/1,500/2,400
	// tx/s 0.24/0.36-0.38/0.41 cores each at 10 ms, 0.19-0.22/0.32-0.33/0.37 at 40 ms, p99 confirmation the same
	// or lower; at 3,000 offered (saturation) 40 ms committed more in three pairs of four (2,468-2,803 against
	// 2,864-2,939 tx/s) and less in one (2,445-2,455 against 2,331-2,341). Turning IDONTWANT off instead changed
	// nothing (the duplicates it saves cost as much).

	// Status.
	maxStatusSize     = 16 << 10
	statusInterval    = 2 * time.Second
	statusMinInterval = 200 * time.Millisecond // at most this often on change
	statusTimeout     = 30 * time.Second       // a peer silent this long is disconnected
	handshakeTimeout  = 10 * time.Second
	rejectLinger      = time.Second // a peer of another chain is disconnected this long after the verdict

	// Sync.
	syncRangeBlocks = 128
	syncRespBytes   = 16 << 20
	maxBlockEntry   = maxGossipMsg
	syncPerPeer     = 4  // our requests in flight to one peer
	syncMaxInFlight = 12 // our requests in flight in total
	syncServeMax    = 16 // requests we serve at once
	syncServePeer   = 4  // requests we serve at once to one peer
	syncTimeout     = 60 * time.Second

	// Discovery.
	maxAddrsResp = 64
	maxAddrsSize = 64 << 10

	// Misbehaviour.
	offenceLimit = 3 // invalid gossip messages before a peer is blocked
)

// Variables so tests can shorten them.
var (
	blockDuration     = 10 * time.Minute // how long a misbehaving peer is refused
	mismatchDuration  = 5 * time.Minute  // how long a peer of another chain is refused
	discoveryInterval = 20 * time.Second
	syncLogEvery      = int64(1000) // blocks between sync progress logs
)

// protocols are the IDs and topic names of one chain.
type protocols struct {
	status, sync, addrs, gossip protocol.ID
	txTopic, blockTopic         string
}

const protocolPrefix = "/chain33node/p2p/1/"

func newProtocols(channel int32, genesis []byte) protocols {
	base := fmt.Sprintf("%s%d/%s", protocolPrefix, channel, hex.EncodeToString(genesis[:min(8, len(genesis))]))
	return protocols{
		status:     protocol.ID(base + "/status"),
		sync:       protocol.ID(base + "/sync"),
		addrs:      protocol.ID(base + "/addrs"),
		gossip:     protocol.ID(base + "/meshsub/1.2.0"),
		txTopic:    base + "/txs",
		blockTopic: base + "/lightblocks",
	}
}
