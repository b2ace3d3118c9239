package p2p

import (
	"cmp"
	"context"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"maps"
	"net"
	"net/netip"
	"slices"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"chain33node/netkit"
	"chain33node/types"

	"github.com/libp2p/go-libp2p"
	pubsub "github.com/libp2p/go-libp2p-pubsub"
	"github.com/libp2p/go-libp2p/core/control"
	"github.com/libp2p/go-libp2p/core/crypto"
	"github.com/libp2p/go-libp2p/core/host"
	"github.com/libp2p/go-libp2p/core/metrics"
	"github.com/libp2p/go-libp2p/core/network"
	"github.com/libp2p/go-libp2p/core/peer"
	"github.com/libp2p/go-libp2p/core/protocol"
	ma "github.com/multiformats/go-multiaddr"
)

// Host is the node's p2p endpoint. Its methods are safe for concurrent use.
type Host struct {
	cfg    Config
	log    *slog.Logger
	chain  Chain
	pool   Mempool
	key    crypto.PrivKey
	self   peer.ID
	name   string
	protos protocols

	group   *netkit.Group   // started, closed, and every goroutine of the Host
	ctx     context.Context // group's: ends at Close
	reports *netkit.Reporter

	host       host.Host
	ps         *pubsub.PubSub
	txTopic    *pubsub.Topic
	blockTopic *pubsub.Topic

	applyMu      sync.Mutex   // serializes Chain.ApplyBlock (gossip and sync)
	applyFailing bool         // the last ApplyBlock failed locally (logged once); under applyMu
	lightMissed  atomic.Int64 // announced blocks whose transactions the mempool lacked (synced instead)

	mu         sync.Mutex
	startedAt  time.Time
	seedCount  int                // seeds dialed at start (not our own address)
	seedIDs    map[string]peer.ID // seed address → the peer ID last learned there
	listenAddr string             // bound "ip:port"
	peers      map[peer.ID]*peerState
	everUp     bool // a peer passed the handshake at some time
	blocked    map[peer.ID]time.Time
	strikes    map[peer.ID]int
	observed   map[string]int        // our IP as peers report it → count
	pendingIn  map[peer.ID]time.Time // inbound connections admitted by the gater, not yet tracked
	statusSig  chan struct{}         // closed and replaced when our status changes
	cached     status
	cachedAt   time.Time
	rejectLog  time.Time // last log of an inbound connection refused for the limit
	rejected   int
	refused    int // connections the gater refused (blocked peer, inbound limit): tests wait on it
	serving    int // sync requests being served

	received  txSet    // transactions that arrived by gossip: not broadcast again
	txq       *txQueue // admitted transactions waiting for gossip
	announceQ chan []byte
	syncKick  chan struct{} // cap 1
	progress  syncProgress
	synced    atomic.Int64 // when block sync last applied a block (Unix ns; 0: never), for CatchingUp

	admin admin // runtime seeds, blocked addresses, traffic per protocol (admin.go)
}

// peerState is a connected peer.
type peerState struct {
	id      peer.ID
	ctx     context.Context // canceled when the last connection closes
	cancel  context.CancelFunc
	inbound bool   // its first connection was inbound
	connIP  string // remote IP of its first connection

	upCh chan struct{} // closed when the peer first comes up

	// guarded by Host.mu
	up       bool // passed the status handshake
	statusIn int  // status streams from the peer being read
	st       status
	ip       string // dialable IP: announced if specific, else connIP
	port     int32
	serving  int // sync requests being served
}

// New validates cfg and loads (or creates) the node key. Start runs the host.
func New(cfg Config, c Chain, m Mempool) (*Host, error) {
	if c == nil || m == nil {
		return nil, errors.New("p2p: nil chain or mempool")
	}
	if _, err := netkit.Multiaddr(cfg.ListenAddr); err != nil {
		return nil, fmt.Errorf("p2p: listen address: %w", err)
	}
	if len(cfg.GenesisHash) == 0 {
		return nil, errors.New("p2p: GenesisHash is required")
	}
	if cfg.KeyFile == "" {
		return nil, errors.New("p2p: KeyFile is required")
	}
	if cfg.InnerBounds <= 0 {
		cfg.InnerBounds = DefaultInnerBounds
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	key, err := netkit.LoadOrCreateKeyType(cfg.KeyFile, crypto.Secp256k1)
	if err != nil {
		return nil, fmt.Errorf("p2p: node key: %w", err)
	}
	self, err := peer.IDFromPrivateKey(key)
	if err != nil {
		return nil, fmt.Errorf("p2p: %w", err)
	}
	raw, err := key.GetPublic().Raw()
	if err != nil {
		return nil, fmt.Errorf("p2p: %w", err)
	}
	group := netkit.NewGroup()
	log := cfg.Logger.With("module", "p2p")
	return &Host{
		cfg:        cfg,
		log:        log,
		reports:    netkit.NewReporter(log),
		chain:      c,
		pool:       m,
		key:        key,
		self:       self,
		name:       hex.EncodeToString(raw),
		protos:     newProtocols(cfg.Channel, cfg.GenesisHash),
		group:      group,
		ctx:        group.Context(),
		listenAddr: cfg.ListenAddr,
		peers:      make(map[peer.ID]*peerState),
		seedIDs:    make(map[string]peer.ID),
		blocked:    make(map[peer.ID]time.Time),
		strikes:    make(map[peer.ID]int),
		observed:   make(map[string]int),
		pendingIn:  make(map[peer.ID]time.Time),
		statusSig:  make(chan struct{}),
		txq:        newTxQueue(txBatchBytes, txBatchMax, txPendingMax, txBatchDelay),
		announceQ:  make(chan []byte, announceQueueLen),
		syncKick:   make(chan struct{}, 1),
	}, nil
}

// ID is our libp2p peer ID.
func (h *Host) ID() string { return h.self.String() }

// Name is our node name: hex of the compressed secp256k1 public key.
func (h *Host) Name() string { return h.name }

// Addr is our listen address, "ip:port" (the bound port once started).
func (h *Host) Addr() string {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.listenAddr
}

// Start listens on ListenAddr, joins the gossip topics and starts dialing the seeds.
func (h *Host) Start() error {
	h.mu.Lock()
	defer h.mu.Unlock()
	if err := h.group.Start(); err != nil {
		return fmt.Errorf("p2p: %w", err)
	}
	// The gater caps inbound peers (InnerBounds) and all peers: the connection limits NewHost leaves to us.
	h.admin.bw = metrics.NewBandwidthCounter()
	lh, bound, err := netkit.NewHost(h.key, h.cfg.ListenAddr, "chain33node-p2p", libp2p.ConnectionGater(gater{h}),
		libp2p.BandwidthReporter(h.admin.bw))
	if err != nil {
		return fmt.Errorf("p2p: %w", err)
	}
	h.listenAddr = bound
	h.host = lh
	lh.Network().Notify(&network.NotifyBundle{ConnectedF: h.connected, DisconnectedF: h.disconnected})
	lh.SetStreamHandler(h.protos.status, h.group.Handler(h.handleStatus))
	lh.SetStreamHandler(h.protos.sync, h.group.Handler(h.handleSync))
	lh.SetStreamHandler(h.protos.addrs, h.group.Handler(h.handleAddrs))
	if err := h.startGossip(); err != nil {
		lh.Close()
		return err
	}
	h.startedAt = time.Now()

	h.group.Go(h.txBatcher)
	h.group.Go(h.announcer)
	h.group.Go(h.syncLoop)
	h.group.Go(h.trimTraffic)
	if !h.cfg.FixedSeed {
		h.group.Go(h.discoveryLoop)
	}
	redial := h.redial()
	targets := redial.Targets(h.cfg.Seeds, h.listenAddr)
	h.seedCount = len(targets)
	for _, addr := range targets {
		h.group.Go(func() { redial.Run(h.ctx, addr) })
	}
	h.log.Info("p2p listening", "addr", h.listenAddr, "id", h.self.String(), "name", h.name,
		"channel", h.cfg.Channel, "protocol", string(h.protos.status))
	return nil
}

// Close stops everything and waits for every goroutine of the Host.
func (h *Host) Close() error {
	if !h.group.Close() { // ends the peers' contexts too: they derive from h.ctx
		return nil
	}
	h.mu.Lock()
	lh := h.host
	h.mu.Unlock()

	var err error
	if lh != nil {
		for _, p := range []protocol.ID{h.protos.status, h.protos.sync, h.protos.addrs} {
			lh.RemoveStreamHandler(p)
		}
		err = lh.Close()
	}
	h.group.Wait()
	return err
}

// connected and disconnected track connected peers. A peer is removed when its last connection closes.
func (h *Host) connected(_ network.Network, c network.Conn) {
	id := c.RemotePeer()
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.group.Closed() || h.peers[id] != nil {
		return
	}
	ctx, cancel := context.WithCancel(h.ctx)
	ps := &peerState{id: id, ctx: ctx, cancel: cancel, inbound: c.Stat().Direction == network.DirInbound,
		connIP: netkit.IPOf(c.RemoteMultiaddr()), upCh: make(chan struct{})}
	ps.ip = ps.connIP
	h.peers[id] = ps
	delete(h.pendingIn, id)
	h.group.Go(func() { h.runPeer(ps) })
}

func (h *Host) disconnected(n network.Network, c network.Conn) {
	id := c.RemotePeer()
	if n.Connectedness(id) == network.Connected {
		return // another connection remains
	}
	h.mu.Lock()
	ps := h.peers[id]
	if ps == nil {
		h.mu.Unlock()
		return
	}
	delete(h.peers, id)
	ps.cancel()
	wasUp := ps.up
	h.mu.Unlock()
	if wasUp {
		h.log.Info("peer disconnected", "peer", id.String(), "addr", net.JoinHostPort(ps.ip, strconv.Itoa(int(ps.port))))
		h.kickSync()
	}
}

// isUp reports whether id is connected and passed the handshake.
func (h *Host) isUp(id peer.ID) bool {
	h.mu.Lock()
	defer h.mu.Unlock()
	ps := h.peers[id]
	return ps != nil && ps.up
}

// upPeers returns the peers that passed the handshake.
func (h *Host) upPeers() []*peerState {
	h.mu.Lock()
	defer h.mu.Unlock()
	var out []*peerState
	for _, ps := range h.peers {
		if ps.up {
			out = append(out, ps)
		}
	}
	return out
}

// Peers lists the connected peers that passed the handshake, sorted by ID.
func (h *Host) Peers() []PeerStatus {
	h.mu.Lock()
	defer h.mu.Unlock()
	var out []PeerStatus
	for id, ps := range h.peers {
		if !ps.up {
			continue
		}
		out = append(out, PeerStatus{
			ID: id.String(), Addr: ps.ip, Port: ps.port, Name: nameOf(id), Height: ps.st.height,
			Hash: slices.Clone(ps.st.hash), MempoolSize: int(ps.st.mempoolSize), Header: cloneHeader(ps.st.header),
			Inbound: ps.inbound,
		})
	}
	slices.SortFunc(out, func(a, b PeerStatus) int { return cmp.Compare(a.ID, b.ID) })
	return out
}

func cloneHeader(hd *types.Header) *types.Header {
	if hd == nil {
		return nil
	}
	return &types.Header{Version: hd.Version, ParentHash: hd.ParentHash, TxHash: hd.TxHash, StateHash: hd.StateHash,
		Height: hd.Height, BlockTime: hd.BlockTime, TxCount: hd.TxCount, Hash: hd.Hash, Difficulty: hd.Difficulty}
}

// nameOf is the chain33 node name of a peer: hex of its compressed secp256k1 public key.
func nameOf(id peer.ID) string {
	pub, err := id.ExtractPublicKey()
	if err != nil {
		return ""
	}
	raw, err := pub.Raw()
	if err != nil {
		return ""
	}
	return hex.EncodeToString(raw)
}

// Self describes this node like a peer.
func (h *Host) Self() PeerStatus {
	st := h.localStatus()
	ext, _, _, _ := h.NetInfo()
	ip, port, _ := net.SplitHostPort(ext)
	p, _ := strconv.Atoi(port)
	return PeerStatus{ID: h.self.String(), Addr: ip, Port: int32(p), Name: h.name, Height: st.height,
		Hash: slices.Clone(st.hash), MempoolSize: int(st.mempoolSize), Header: cloneHeader(st.header)}
}

// IsCaughtUp follows chain33's is_sync (spec §10.4) without its 60 s wait on a fresh chain: false if no peer
// ever passed the handshake (the node applies [blockchain] singleMode then) or none is connected now, else
// whether our height is at least every connected peer's.
func (h *Host) IsCaughtUp() bool {
	own, _ := h.chain.Head()
	h.mu.Lock()
	defer h.mu.Unlock()
	if !h.everUp {
		return false
	}
	maxHeight := int64(-1)
	for _, ps := range h.peers {
		if ps.up {
			maxHeight = max(maxHeight, ps.st.height)
		}
	}
	return maxHeight >= 0 && own >= maxHeight
}

// CatchingUp reports whether block sync is carrying the node up to a chain far ahead: it applied a block
// within the last second and a peer it may download from is more than a range (syncRangeBlocks) ahead. Only
// blocks applied make it true, not a height a peer claims.
func (h *Host) CatchingUp() bool {
	if last := h.synced.Load(); last == 0 || time.Since(time.Unix(0, last)) > time.Second {
		return false
	}
	head, _ := h.chain.Head()
	for _, p := range h.syncPeers() {
		if p.height-head > syncRangeBlocks {
			return true
		}
	}
	return false
}

// NetInfo returns our external address (as peers see us, with our listen port), our local address, and the
// numbers of inbound and outbound peers.
func (h *Host) NetInfo() (external, local string, inbound, outbound int) {
	h.mu.Lock()
	defer h.mu.Unlock()
	host, port, _ := net.SplitHostPort(h.listenAddr)
	if ip, err := netip.ParseAddr(host); err != nil || ip.IsUnspecified() {
		host = "127.0.0.1"
		for _, ip := range netkit.LocalIPs() {
			if ip.Is4() && !ip.IsLoopback() {
				host = ip.String()
				break
			}
		}
	}
	local = net.JoinHostPort(host, port)
	external = local
	best := 0
	for _, ip := range slices.Sorted(maps.Keys(h.observed)) {
		if n := h.observed[ip]; n > best {
			best, external = n, net.JoinHostPort(ip, port)
		}
	}
	for _, ps := range h.peers {
		if !ps.up {
			continue
		}
		if ps.inbound {
			inbound++
		} else {
			outbound++
		}
	}
	return external, local, inbound, outbound
}

// isBlocked reports whether id is refused for now.
func (h *Host) isBlocked(id peer.ID) bool {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.blockedLocked(id)
}

func (h *Host) blockedLocked(id peer.ID) bool {
	until, ok := h.blocked[id]
	if ok && time.Now().After(until) {
		delete(h.blocked, id)
		return false
	}
	return ok
}

// block refuses id for d and disconnects it. reason is logged unless empty.
func (h *Host) block(id peer.ID, d time.Duration, reason string) {
	h.mu.Lock()
	h.blockLocked(id, d)
	delete(h.strikes, id)
	lh := h.host
	h.mu.Unlock()
	if reason != "" {
		h.log.Warn("disconnecting and blocking peer", "peer", id.String(), "for", d, "reason", reason)
	}
	if lh != nil {
		_ = lh.Network().ClosePeer(id)
	}
}

func (h *Host) blockLocked(id peer.ID, d time.Duration) {
	if len(h.blocked) > 4096 {
		now := time.Now()
		maps.DeleteFunc(h.blocked, func(_ peer.ID, until time.Time) bool { return now.After(until) })
	}
	if len(h.blocked) <= 8192 {
		h.blocked[id] = time.Now().Add(d)
	}
}

// offence counts an invalid message from id and blocks it past offenceLimit. Severe offences (a bad block)
// block at once.
func (h *Host) offence(id peer.ID, severe bool, reason string) {
	h.mu.Lock()
	if len(h.strikes) > 4096 {
		clear(h.strikes)
	}
	h.strikes[id]++
	n := h.strikes[id]
	h.mu.Unlock()
	if severe || n >= offenceLimit {
		h.block(id, blockDuration, reason)
		return
	}
	h.log.Info("invalid message from peer", "peer", id.String(), "offences", n, "reason", reason)
}

// gater refuses blocked peers and inbound peers beyond InnerBounds.
type gater struct{ h *Host }

func (g gater) InterceptPeerDial(p peer.ID) bool { return !g.h.isBlocked(p) }
func (g gater) InterceptAddrDial(_ peer.ID, a ma.Multiaddr) bool {
	return !g.h.ipBlocked(netkit.IPOf(a))
}
func (g gater) InterceptAccept(c network.ConnMultiaddrs) bool {
	return !g.h.ipBlocked(netkit.IPOf(c.RemoteMultiaddr()))
}
func (g gater) InterceptUpgraded(network.Conn) (bool, control.DisconnectReason) {
	return true, 0
}

func (g gater) InterceptSecured(dir network.Direction, p peer.ID, _ network.ConnMultiaddrs) bool {
	h := g.h
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.blockedLocked(p) {
		h.refused++
		return false
	}
	if _, ok := h.peers[p]; ok || dir != network.DirInbound {
		return len(h.peers) < maxPeers || ok
	}
	// Admitted inbound connections hold a reservation until their peer is tracked (connected), so that
	// connections secured at the same time cannot all pass the limit.
	now := time.Now()
	in := 0
	for id, at := range h.pendingIn {
		if now.Sub(at) > handshakeTimeout || h.peers[id] != nil {
			delete(h.pendingIn, id)
		}
	}
	if _, ok := h.pendingIn[p]; ok {
		return true
	}
	for _, ps := range h.peers {
		if ps.inbound {
			in++
		}
	}
	in += len(h.pendingIn)
	if in < h.cfg.InnerBounds && len(h.peers)+len(h.pendingIn) < maxPeers {
		h.pendingIn[p] = now
		return true
	}
	h.rejected++
	h.refused++
	if now.Sub(h.rejectLog) > time.Minute {
		h.log.Warn("inbound peer limit reached, refusing connections", "inbound", in, "limit", h.cfg.InnerBounds,
			"refused", h.rejected)
		h.rejectLog, h.rejected = now, 0
	}
	return false
}
