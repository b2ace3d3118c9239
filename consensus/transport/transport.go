// Package transport is the network of the BFT consensus engine: a dedicated libp2p host (TCP, noise, yamux) on
// the consensus port that keeps one long-lived stream to every other validator and delivers opaque messages.
//
// Peers are configured as bare "ip:port" strings (validatorNodes); their peer IDs are learned with netkit.PeerID.
// The stream protocol ID carries the chain ID and a genesis hash prefix, and a Hello exchanged on every stream
// checks chain ID and full genesis hash, so nodes of another chain never exchange a consensus message. Any
// number of validators may share one IP address. Inbound peers that are not configured (a new validator, an
// observer) are accepted too.
//
// Messages are uvarint-length-prefixed frames. Sending never blocks: each peer has a bounded queue, and a full
// queue drops the message (the consensus engine re-sends what matters on its timeouts).
package transport

import (
	"cmp"
	"context"
	"crypto/rand"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/netip"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode"

	"chain33node/netkit"

	"github.com/libp2p/go-libp2p/core/crypto"
	"github.com/libp2p/go-libp2p/core/host"
	"github.com/libp2p/go-libp2p/core/network"
	"github.com/libp2p/go-libp2p/core/peer"
	"github.com/libp2p/go-libp2p/core/protocol"
	manet "github.com/multiformats/go-multiaddr/net"
)

// Config configures a Host.
type Config struct {
	ListenAddr  string       // "host:port" to bind, e.g. "0.0.0.0:33001"; the only listen address
	Peers       []string     // validatorNodes "ip:port"; our own address among them is skipped
	KeyFile     string       // libp2p identity file (netkit.LoadOrCreateKey)
	ChainID     string       // genesis.json chain_id
	GenesisHash []byte       // hash of the genesis block
	NodeKey     []byte       // our validator BLS public key, announced in the Hello; empty for an observer
	Logger      *slog.Logger // nil = slog.Default()
	MaxMsgSize  int          // largest message accepted or sent; 0 = DefaultMaxMsgSize
}

// PeerInfo describes a connected, handshaken peer.
type PeerInfo struct {
	ID      string // libp2p peer ID; the from argument of the handler, the peer argument of Send
	Addr    string // the peer's consensus address, ip:port
	NodeKey []byte // the validator key the peer announced; empty for an observer
	Inbound bool   // the peer opened the stream
	Dropped uint64 // messages to this peer dropped because its send queue was full
}

// Defaults and timing.
const (
	DefaultMaxMsgSize = 64 << 20
	sendQueueLen      = 1024

	handshakeTimeout = 10 * time.Second
	writeTimeout     = 60 * time.Second // a peer that reads nothing for this long is dropped
	drainTimeout     = 10 * time.Second // how long a superseded duplicate stream is still read
	switchGrace      = 2 * time.Second  // a peer whose stream was closed cleanly stays "connected" this long
	dropLogInterval  = time.Minute
)

var (
	ErrClosed       = fmt.Errorf("transport: %w", netkit.ErrClosed)
	ErrNotConnected = errors.New("transport: peer not connected")
	ErrQueueFull    = errors.New("transport: send queue full, message dropped")
	ErrTooLarge     = errors.New("transport: message larger than MaxMsgSize")
)

// Host is the consensus network endpoint. Its methods are safe for concurrent use.
type Host struct {
	cfg     Config
	log     *slog.Logger
	handler func(from string, data []byte)
	key     crypto.PrivKey
	self    peer.ID
	proto   protocol.ID
	hello   hello // ours; listenAddr set by Start

	group   *netkit.Group   // started, closed, and every goroutine of the Host
	ctx     context.Context // group's: ends at Close
	reports *netkit.Reporter

	mu         sync.Mutex
	host       host.Host
	listenAddr string
	peers      map[peer.ID]*peerState
	changed    chan struct{} // closed and replaced whenever a peer comes up
}

// New validates cfg and loads (or creates) the identity. handler is called with every received message,
// sequentially per peer; it must return quickly. data belongs to the handler.
func New(cfg Config, handler func(from string, data []byte)) (*Host, error) {
	if handler == nil {
		return nil, errors.New("transport: nil handler")
	}
	if cfg.ChainID == "" || len(cfg.GenesisHash) == 0 {
		return nil, errors.New("transport: ChainID and GenesisHash are required")
	}
	if strings.ContainsFunc(cfg.ChainID, func(r rune) bool { return unicode.IsSpace(r) || unicode.IsControl(r) }) {
		return nil, fmt.Errorf("transport: ChainID %q cannot be part of a protocol ID", cfg.ChainID)
	}
	if _, err := netkit.Multiaddr(cfg.ListenAddr); err != nil {
		return nil, fmt.Errorf("transport: listen address: %w", err)
	}
	if cfg.KeyFile == "" {
		return nil, errors.New("transport: KeyFile is required")
	}
	if cfg.MaxMsgSize <= 0 {
		cfg.MaxMsgSize = DefaultMaxMsgSize
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	key, err := netkit.LoadOrCreateKey(cfg.KeyFile)
	if err != nil {
		return nil, fmt.Errorf("transport: %w", err)
	}
	self, err := peer.IDFromPrivateKey(key)
	if err != nil {
		return nil, fmt.Errorf("transport: %w", err)
	}
	var inc [8]byte
	_, _ = rand.Read(inc[:])
	group := netkit.NewGroup()
	log := cfg.Logger.With("module", "qbft-transport")
	h := &Host{
		cfg:     cfg,
		log:     log,
		reports: netkit.NewReporter(log),
		handler: handler,
		key:     key,
		self:    self,
		proto:   ProtocolID(cfg.ChainID, cfg.GenesisHash),
		hello: hello{
			chainID:     cfg.ChainID,
			genesisHash: cfg.GenesisHash,
			nodeKey:     cfg.NodeKey,
			listenAddr:  cfg.ListenAddr,
			incarnation: binary.BigEndian.Uint64(inc[:]),
		},
		group:      group,
		ctx:        group.Context(),
		listenAddr: cfg.ListenAddr,
		peers:      make(map[peer.ID]*peerState),
		changed:    make(chan struct{}),
	}
	return h, nil
}

const protocolPrefix = "/chain33node/qbft/1/"

// ProtocolID is the stream protocol of the consensus network of one chain:
// /chain33node/qbft/1/<chainID>/<hex of the first 8 bytes of the genesis hash>.
func ProtocolID(chainID string, genesisHash []byte) protocol.ID {
	return protocol.ID(protocolPrefix + chainID + "/" + hex.EncodeToString(genesisHash[:min(8, len(genesisHash))]))
}

// Start listens on ListenAddr and dials the configured peers in the background.
func (h *Host) Start() error {
	h.mu.Lock()
	defer h.mu.Unlock()
	if err := h.group.Start(); err != nil {
		return fmt.Errorf("transport: %w", err)
	}
	// NewHost sets no connection limits; every stream is bounded here instead: handshake timeout, MaxMsgSize,
	// bounded queues, one stream per peer.
	lh, bound, err := netkit.NewHost(h.key, h.cfg.ListenAddr, "chain33node-qbft")
	if err != nil {
		return fmt.Errorf("transport: %w", err)
	}
	h.listenAddr = bound
	h.hello.listenAddr = h.listenAddr
	h.host = lh
	lh.SetStreamHandler(h.proto, h.group.Handler(h.handleStream))

	redial := h.redial()
	for _, addr := range redial.Targets(h.cfg.Peers, h.listenAddr) {
		h.group.Go(func() { redial.Run(h.ctx, addr) })
	}
	h.log.Info("qbft transport listening", "addr", h.listenAddr, "id", h.self.String(), "protocol", string(h.proto))
	return nil
}

// Close stops dialing, closes all streams and the libp2p host, and waits for every goroutine of the Host.
// The handler is not called after Close returns.
func (h *Host) Close() error {
	if !h.group.Close() {
		return nil
	}
	h.mu.Lock()
	var sessions []*session
	for _, ps := range h.peers {
		if ps.grace != nil {
			ps.grace.Stop()
		}
		for s := range ps.sessions {
			sessions = append(sessions, s)
		}
	}
	lh := h.host
	h.mu.Unlock()

	for _, s := range sessions {
		s.stream.Reset()
	}
	var err error
	if lh != nil {
		lh.RemoveStreamHandler(h.proto)
		err = lh.Close()
	}
	h.group.Wait()
	return err
}

// ID returns our libp2p peer ID.
func (h *Host) ID() string { return h.self.String() }

// Addr returns our listen address, ip:port (the bound port once started).
func (h *Host) Addr() string {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.listenAddr
}

// Peers lists the connected, handshaken peers, sorted by ID.
func (h *Host) Peers() []PeerInfo {
	h.mu.Lock()
	defer h.mu.Unlock()
	var out []PeerInfo
	for id, ps := range h.peers {
		if s := ps.cur; s != nil {
			out = append(out, PeerInfo{
				ID:      id.String(),
				Addr:    s.addr,
				NodeKey: slices.Clone(s.remote.nodeKey),
				Inbound: s.inbound,
				Dropped: ps.dropped.Load(),
			})
		}
	}
	slices.SortFunc(out, func(a, b PeerInfo) int { return cmp.Compare(a.ID, b.ID) })
	return out
}

// Broadcast queues data for every connected peer and returns at once. A peer whose queue is full misses the
// message (counted in PeerInfo.Dropped). data must not be modified afterwards.
func (h *Host) Broadcast(data []byte) {
	if len(data) > h.cfg.MaxMsgSize {
		h.log.Error("broadcast message too large, dropped", "size", len(data), "limit", h.cfg.MaxMsgSize)
		return
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.group.Closed() {
		return
	}
	for _, ps := range h.peers {
		if ps.up {
			h.enqueue(ps, data)
		}
	}
}

// Send queues data for one peer (by ID, as in PeerInfo.ID) and returns at once. data must not be modified
// afterwards.
func (h *Host) Send(to string, data []byte) error {
	if len(data) > h.cfg.MaxMsgSize {
		return ErrTooLarge
	}
	id, err := peer.Decode(to)
	if err != nil {
		return fmt.Errorf("transport: peer %q: %w", to, err)
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.group.Closed() {
		return ErrClosed
	}
	ps := h.peers[id]
	if ps == nil || !ps.up {
		return ErrNotConnected
	}
	if !h.enqueue(ps, data) {
		return ErrQueueFull
	}
	return nil
}

// enqueue never blocks. A peer's queue holds at most sendQueueLen messages and 4×MaxMsgSize bytes.
// Caller holds h.mu.
func (h *Host) enqueue(ps *peerState, data []byte) bool {
	if ps.queued.Load()+int64(len(data)) <= 4*int64(h.cfg.MaxMsgSize) {
		select {
		case ps.queue <- data:
			ps.queued.Add(int64(len(data)))
			return true
		default:
		}
	}
	n := ps.dropped.Add(1)
	if now := time.Now(); now.Sub(ps.lastDropLog) >= dropLogInterval {
		ps.lastDropLog = now
		h.log.Warn("send queue full, dropping messages", "peer", ps.id.String(), "addr", ps.addr, "dropped_total", n)
	}
	return false
}

// remoteAddr is the consensus address of the peer on an inbound stream: its announced listen address when
// that names a specific IP, otherwise the connection's IP with the announced port.
func remoteAddr(s network.Stream, announced string) string {
	host, port, err := net.SplitHostPort(announced)
	if err == nil {
		if ip, err := netip.ParseAddr(host); err == nil && !ip.IsUnspecified() {
			return announced
		}
	}
	if ip := netkit.IPOf(s.Conn().RemoteMultiaddr()); ip != "" && port != "" {
		if _, err := strconv.Atoi(port); err == nil {
			return net.JoinHostPort(ip, port)
		}
	}
	if na, err := manet.ToNetAddr(s.Conn().RemoteMultiaddr()); err == nil {
		return na.String()
	}
	return s.Conn().RemoteMultiaddr().String()
}
