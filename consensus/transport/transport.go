// Package transport is the network of the BFT consensus engine: a dedicated libp2p host (TCP, noise, yamux) on
// the consensus port that keeps one long-lived stream to every other validator and delivers opaque messages,
// each with the sender's libp2p peer ID and the validator key it proved.
//
// Peers are configured as bare "ip:port" strings (validatorNodes); their peer IDs are learned with netkit.PeerID.
// The stream protocol ID carries the chain ID and a genesis hash prefix, and a hello exchanged on every stream
// checks chain ID and full genesis hash, so nodes of another chain never exchange a consensus message. Any
// number of validators may share one IP address. Inbound peers that are not configured (a new validator, an
// observer) are accepted too, within limits.
//
// A peer that claims a validator key proves possession of it in the handshake (hello.go): a BLS signature over
// both peer IDs and both sides' fresh nonces, so a proof can be neither replayed nor relayed. A peer whose key
// is not a validator's (SetValidators), or that claims none, is an observer: it receives everything, gets the
// lower ObserverRate, and at most MaxObservers of them are accepted inbound. A claim of a key outside the set is
// verified only when the key joins it (until then the peer's messages come without Key). The transport only
// sees bytes: which messages a role may send is the consensus driver's rule, and the driver calls Ban for a
// peer that breaks it or sends an invalid signature.
//
// Admission (admission.go): inbound connections are counted from the moment they are accepted, before any
// handshake, and limited per IP (a connection rate and MaxInboundPerIP) and in total (MaxInbound; configured
// validators' IPs do not count). A banned peer is neither accepted nor dialed until its ban ends; the transport
// bans for a failed proof, a malformed handshake, a frame over MaxMsgSize and a rate exceeded for
// FloodBanAfter.
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
	"sync/atomic"
	"time"
	"unicode"

	bls "chain33node/crypto"
	"chain33node/netkit"

	"github.com/libp2p/go-libp2p"
	"github.com/libp2p/go-libp2p/core/crypto"
	"github.com/libp2p/go-libp2p/core/host"
	"github.com/libp2p/go-libp2p/core/network"
	"github.com/libp2p/go-libp2p/core/peer"
	"github.com/libp2p/go-libp2p/core/protocol"
	manet "github.com/multiformats/go-multiaddr/net"
	"golang.org/x/time/rate"
)

// Config configures a Host.
type Config struct {
	ListenAddr  string       // "host:port" to bind, e.g. "0.0.0.0:33001"; the only listen address
	Peers       []string     // validatorNodes "ip:port"; our own address among them is skipped
	KeyFile     string       // libp2p identity file (netkit.LoadOrCreateKey)
	ChainID     string       // genesis.json chain_id
	GenesisHash []byte       // hash of the genesis block
	Logger      *slog.Logger // nil = slog.Default()
	MaxMsgSize  int          // largest message accepted or sent; 0 = DefaultMaxMsgSize

	// NodeKey is our validator BLS public key, announced in the hello and proved with Sign; empty for an
	// observer. Sign signs with the matching private key (which the transport never sees); it is only ever
	// given bytes that begin with the transport's own domain tag, never anything a consensus message signs.
	NodeKey []byte
	Sign    func(msg []byte) []byte

	MaxInbound      int           // inbound connections in total, in any state; 0 = DefaultMaxInbound
	MaxInboundPerIP int           // inbound connections from one IP; 0 = DefaultMaxInboundPerIP
	MaxObservers    int           // handshaken inbound observers; 0 = MaxInbound/2
	BanDuration     time.Duration // the transport's own bans, and Ban with d = 0; 0 = DefaultBanDuration
	ValidatorRate   Rate          // what a validator may send us; zero fields = DefaultValidatorRate's
	ObserverRate    Rate          // what an observer may send us; zero fields = DefaultObserverRate's
	FloodBanAfter   time.Duration // how long a peer may stay over its rate; 0 = DefaultFloodBanAfter
}

// Peer is the sender of a message.
type Peer struct {
	ID string // libp2p peer ID: the peer argument of Send and Ban
	// Key is the validator key the peer proved in the handshake that it holds, nil if it proved none (an
	// observer). A proved key need not be a validator's of the message's height: the driver checks that.
	// Read-only.
	Key []byte
}

// PeerInfo describes a connected, handshaken peer.
type PeerInfo struct {
	ID        string // libp2p peer ID, as in Peer.ID
	Addr      string // the peer's consensus address, ip:port
	NodeKey   []byte // the validator key the peer proved; nil for an observer
	Validator bool   // NodeKey is in the set of SetValidators (or any proved key before the first call)
	Inbound   bool   // the peer opened the stream
	Dropped   uint64 // messages to this peer dropped because its send queue was full
}

// Defaults and timing.
const (
	DefaultMaxMsgSize      = 64 << 20
	DefaultMaxInbound      = 64
	DefaultMaxInboundPerIP = 8
	DefaultBanDuration     = 10 * time.Minute
	DefaultFloodBanAfter   = 10 * time.Second
	sendQueueLen           = 1024

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
	handler func(from Peer, data []byte)
	key     crypto.PrivKey
	self    peer.ID
	proto   protocol.ID
	hello   hello // ours, without nonce; listenAddr set by Start
	adm     *admission
	vals    atomic.Pointer[validatorSet] // nil until SetValidators: every proved key counts as a validator's

	group   *netkit.Group   // started, closed, and every goroutine of the Host
	ctx     context.Context // group's: ends at Close
	reports *netkit.Reporter

	mu         sync.Mutex
	host       host.Host
	listenAddr string
	peers      map[peer.ID]*peerState
	changed    chan struct{}             // closed and replaced whenever a peer comes up
	streams    map[peer.ID]*rate.Limiter // inbound streams per peer (streamRate)
}

// New validates cfg and loads (or creates) the identity. handler is called with every received message,
// sequentially per peer; it must return quickly. data belongs to the handler.
func New(cfg Config, handler func(from Peer, data []byte)) (*Host, error) {
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
	if err := checkSigner(cfg.NodeKey, cfg.Sign); err != nil {
		return nil, err
	}
	setDefaults(&cfg)
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
		adm:     newAdmission(&cfg),
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
		streams:    make(map[peer.ID]*rate.Limiter),
	}
	return h, nil
}

// checkSigner makes sure that a validator's Sign signs for its NodeKey: a wrong key would get us banned by
// every peer.
func checkSigner(nodeKey []byte, sign func([]byte) []byte) error {
	if len(nodeKey) == 0 {
		if sign != nil {
			return errors.New("transport: Sign without NodeKey")
		}
		return nil
	}
	if sign == nil {
		return errors.New("transport: NodeKey without Sign")
	}
	pub, err := bls.BLSPubKeyFromBytes(nodeKey)
	if err != nil {
		return fmt.Errorf("transport: NodeKey: %w", err)
	}
	msg := append([]byte(proofDomain+"\x00self-test "), nodeKey...)
	if !pub.Verify(msg, sign(msg)) {
		return errors.New("transport: Sign does not sign for NodeKey")
	}
	return nil
}

func setDefaults(cfg *Config) {
	if cfg.MaxMsgSize <= 0 {
		cfg.MaxMsgSize = DefaultMaxMsgSize
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	if cfg.MaxInbound <= 0 {
		cfg.MaxInbound = DefaultMaxInbound
	}
	if cfg.MaxInboundPerIP <= 0 {
		cfg.MaxInboundPerIP = DefaultMaxInboundPerIP
	}
	if cfg.MaxObservers <= 0 {
		cfg.MaxObservers = max(1, cfg.MaxInbound/2)
	}
	if cfg.BanDuration <= 0 {
		cfg.BanDuration = DefaultBanDuration
	}
	if cfg.FloodBanAfter <= 0 {
		cfg.FloodBanAfter = DefaultFloodBanAfter
	}
	for _, r := range []struct{ cfg, def *Rate }{{&cfg.ValidatorRate, &DefaultValidatorRate}, {&cfg.ObserverRate, &DefaultObserverRate}} {
		if r.cfg.Msgs <= 0 {
			r.cfg.Msgs = r.def.Msgs
		}
		if r.cfg.Bytes <= 0 {
			r.cfg.Bytes = r.def.Bytes
		}
	}
}

// ProtocolID is the stream protocol of the consensus network of one chain:
// /chain33node/qbft/3/<chainID>/<hex of the first 8 bytes of the genesis hash>.
func ProtocolID(chainID string, genesisHash []byte) protocol.ID {
	return protocol.ID(protocolPrefix + chainID + "/" + hex.EncodeToString(genesisHash[:min(8, len(genesisHash))]))
}

// validatorSet is what SetValidators was last given, with the keys parsed.
type validatorSet struct {
	keys map[string]*bls.BLSPubKey
}

// SetValidators tells the transport which validator keys may vote now: the consensus driver calls it whenever
// its height changes, with the validators of the current height and of the next one. Peers with a proved key
// in the set get ValidatorRate and are never refused as observers. A peer that claimed a key outside the set
// had its proof kept unverified (verifying costs about 1 ms, and anyone can claim a fresh key); it is verified
// when the key joins the set, before the peer's next message is delivered.
func (h *Host) SetValidators(keys [][]byte) {
	old := h.vals.Load()
	set := &validatorSet{keys: make(map[string]*bls.BLSPubKey, len(keys))}
	for _, k := range keys {
		if old != nil {
			if pub, ok := old.keys[string(k)]; ok {
				set.keys[string(k)] = pub
				continue
			}
		}
		pub, err := bls.BLSPubKeyFromBytes(k)
		if err != nil {
			h.log.Error("SetValidators: invalid validator key, ignored", "key", hex.EncodeToString(k), "err", err)
			continue
		}
		set.keys[string(k)] = pub
	}
	h.vals.Store(set)
}

// isValidator reports whether a proved key counts as a validator's, and gives its parsed form if known.
func (h *Host) isValidator(key []byte) (bool, *bls.BLSPubKey) {
	if len(key) == 0 {
		return false, nil
	}
	set := h.vals.Load()
	if set == nil {
		return true, nil
	}
	pub, ok := set.keys[string(key)]
	return ok, pub
}

// Start listens on ListenAddr and dials the configured peers in the background.
func (h *Host) Start() error {
	h.mu.Lock()
	defer h.mu.Unlock()
	if err := h.group.Start(); err != nil {
		return fmt.Errorf("transport: %w", err)
	}
	// Connections are admitted by h.adm (caps, bans); every stream is bounded here: handshake timeout, stream
	// rate, MaxMsgSize, rate limits, bounded queues, one stream per peer.
	lh, bound, err := netkit.NewHost(h.key, h.cfg.ListenAddr, "chain33node-qbft",
		libp2p.ConnectionGater(h.adm), libp2p.ResourceManager(h.adm))
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
		s.kill()
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
		// A banned peer's sessions are being torn down: it is no longer a peer.
		if s := ps.cur; s != nil && h.adm.bannedUntil(id).IsZero() {
			val, _ := h.isValidator(s.key)
			out = append(out, PeerInfo{
				ID:        id.String(),
				Addr:      s.addr,
				NodeKey:   slices.Clone(s.key),
				Validator: val,
				Inbound:   s.inbound,
				Dropped:   ps.dropped.Load(),
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
