package p2p

import (
	"cmp"
	"context"
	"encoding/hex"
	"errors"
	"fmt"
	"maps"
	"net"
	"net/netip"
	"slices"
	"strings"
	"sync"
	"time"

	"chain33node/netkit"

	"github.com/libp2p/go-libp2p/core/crypto"
	"github.com/libp2p/go-libp2p/core/metrics"
	"github.com/libp2p/go-libp2p/core/peer"
	ma "github.com/multiformats/go-multiaddr"
)

// Peer administration at run time (chain33 DialPeer, ClosePeer,
// AddBlacklist, DelBlacklist, ShowBlacklist, NetProtocols; the cli's `net
// dial`, `net close`, `blacklist`): nothing here outlives the process, as in
// the reference, which keeps dialed seeds and its blacklist in memory.

// maxAdminEntries bounds the runtime seeds and the blocked addresses.
const maxAdminEntries = 1024

// ErrAdminFull refuses a runtime seed or blocked address past
// maxAdminEntries.
var ErrAdminFull = fmt.Errorf("p2p: more than %d runtime seeds or blocked addresses", maxAdminEntries)

// admin is the state of peer administration: runtime seeds (redialed until
// closed) and blocked IP addresses. Blocked peer IDs are Host.blocked, which
// the host's own bans share.
type admin struct {
	mu    sync.Mutex
	seeds map[peer.ID]*runtimeSeed
	ips   map[netip.Addr]time.Time // until
	bw    *metrics.BandwidthCounter
}

// runtimeSeed is the redial loop of a seed dialed at run time.
type runtimeSeed struct {
	cancel context.CancelFunc
	done   chan struct{} // closed when the loop has returned
}

// Dial connects to addr now: "ip:port" (the peer ID is learned from the
// peer) or a multiaddr ending in /p2p/<id>. With seed, it is kept connected
// (redialed with backoff) like a configured seed until ClosePeer. It returns
// the peer's ID once the connection is up.
func (h *Host) Dial(ctx context.Context, addr string, seed bool) (string, error) {
	h.mu.Lock()
	started := h.host != nil
	h.mu.Unlock()
	if !started || h.group.Closed() {
		return "", errors.New("p2p: not running")
	}
	dialAddr, id, err := parseDialAddr(addr)
	if err != nil {
		return "", err
	}
	ctx, cancel := context.WithTimeout(ctx, dialTimeout)
	defer cancel()
	if id == "" {
		if id, err = netkit.PeerID(ctx, dialAddr, h.key); err != nil {
			return "", fmt.Errorf("dial %s: %w", addr, err)
		}
	}
	if id == h.self {
		return "", fmt.Errorf("dial %s: that is this node", addr)
	}
	if h.isBlocked(id) {
		return "", fmt.Errorf("dial %s: %w (blacklist del to allow it)", addr, errBlocked)
	}
	if h.peerDone(id) == nil {
		maddr, err := netkit.Multiaddr(dialAddr)
		if err != nil {
			return "", err
		}
		if err := netkit.Connect(ctx, h.host, id, maddr); err != nil {
			return "", fmt.Errorf("dial %s: %w", addr, err)
		}
	}
	if seed {
		if err := h.addSeed(id, dialAddr); err != nil {
			return "", err
		}
	}
	return id.String(), nil
}

// parseDialAddr takes "ip:port" or /ip4|ip6/<ip>/tcp/<port>[/p2p/<id>] and
// returns "ip:port" and the ID if given.
func parseDialAddr(addr string) (string, peer.ID, error) {
	if !strings.HasPrefix(addr, "/") {
		if _, err := netkit.Multiaddr(addr); err != nil {
			return "", "", fmt.Errorf("dial: %w (want ip:port or /ip4/<ip>/tcp/<port>/p2p/<id>)", err)
		}
		return addr, "", nil
	}
	m, err := ma.NewMultiaddr(addr)
	if err != nil {
		return "", "", fmt.Errorf("dial %q: %w", addr, err)
	}
	var id peer.ID
	if v, err := m.ValueForProtocol(ma.P_P2P); err == nil {
		if id, err = peer.Decode(v); err != nil {
			return "", "", fmt.Errorf("dial %q: peer ID: %w", addr, err)
		}
	}
	port, err := m.ValueForProtocol(ma.P_TCP)
	ip, ipErr := m.ValueForProtocol(ma.P_IP4)
	if ipErr != nil {
		ip, ipErr = m.ValueForProtocol(ma.P_IP6)
	}
	if err != nil || ipErr != nil {
		return "", "", fmt.Errorf("dial %q: want /ip4/<ip>/tcp/<port>[/p2p/<id>]", addr)
	}
	return net.JoinHostPort(ip, port), id, nil
}

// addSeed keeps id at addr connected until ClosePeer.
func (h *Host) addSeed(id peer.ID, addr string) error {
	a := &h.admin
	a.mu.Lock()
	defer a.mu.Unlock()
	if _, ok := a.seeds[id]; ok {
		return nil
	}
	if len(a.seeds) >= maxAdminEntries {
		return ErrAdminFull
	}
	if a.seeds == nil {
		a.seeds = make(map[peer.ID]*runtimeSeed)
	}
	ctx, cancel := context.WithCancel(h.ctx)
	rs := &runtimeSeed{cancel: cancel, done: make(chan struct{})}
	a.seeds[id] = rs
	redial := h.redial()
	if !h.group.Go(func() {
		defer close(rs.done)
		redial.Run(ctx, addr)
	}) {
		close(rs.done)
	}
	h.log.Info("seed added at run time", "addr", addr, "peer", id.String())
	return nil
}

// ClosePeer disconnects a peer, given by its libp2p ID or its node name (as
// `net peer` shows it), and stops redialing it if it was dialed as a seed at
// run time. A configured seed is dialed again by its redial loop: blacklist
// it to keep it away.
func (h *Host) ClosePeer(who string) (string, error) {
	id, err := parsePeer(who)
	if err != nil {
		return "", err
	}
	a := &h.admin
	a.mu.Lock()
	rs, seed := a.seeds[id]
	delete(a.seeds, id)
	a.mu.Unlock()
	if seed {
		rs.cancel()
		<-rs.done // a dial in progress ends (within dialTimeout) before we disconnect
	}
	if h.peerDone(id) == nil && !seed {
		return "", fmt.Errorf("p2p: %s is not connected", who)
	}
	if err := h.host.Network().ClosePeer(id); err != nil {
		return "", err
	}
	return id.String(), nil
}

// parsePeer takes a libp2p peer ID or a node name (hex of the compressed
// secp256k1 public key).
func parsePeer(s string) (peer.ID, error) {
	if b, err := hex.DecodeString(strings.TrimPrefix(s, "0x")); err == nil && len(b) == 33 {
		pub, err := crypto.UnmarshalSecp256k1PublicKey(b)
		if err != nil {
			return "", fmt.Errorf("p2p: node name %s: %w", s, err)
		}
		return peer.IDFromPublicKey(pub)
	}
	id, err := peer.Decode(s)
	if err != nil {
		return "", fmt.Errorf("p2p: %q is neither a peer ID nor a node name: %w", s, err)
	}
	return id, nil
}

// Block refuses a peer (ID or node name, peer non-empty) or every peer at
// an address ("ip" or "ip:port", addr non-empty) for d, and disconnects what
// is connected. Blocking this node itself is refused.
func (h *Host) Block(peerName, addr string, d time.Duration) error {
	if d <= 0 {
		return errors.New("p2p: blacklist lifetime must be positive")
	}
	if peerName != "" {
		id, err := parsePeer(peerName)
		if err != nil {
			return err
		}
		if id == h.self {
			return errors.New("p2p: cannot blacklist this node")
		}
		h.block(id, d, "")
		h.log.Info("peer blacklisted", "peer", id.String(), "for", d)
		return nil
	}
	ip, err := parseBlockAddr(addr)
	if err != nil {
		return err
	}
	a := &h.admin
	a.mu.Lock()
	if _, ok := a.ips[ip]; !ok && len(a.ips) >= maxAdminEntries {
		a.mu.Unlock()
		return ErrAdminFull
	}
	if a.ips == nil {
		a.ips = make(map[netip.Addr]time.Time)
	}
	a.ips[ip] = time.Now().Add(d)
	a.mu.Unlock()
	for _, ps := range h.upPeers() {
		if ps.connIP == ip.String() {
			_ = h.host.Network().ClosePeer(ps.id)
		}
	}
	h.log.Info("address blacklisted", "ip", ip.String(), "for", d)
	return nil
}

func parseBlockAddr(addr string) (netip.Addr, error) {
	host := addr
	if h, _, err := net.SplitHostPort(addr); err == nil {
		host = h
	}
	ip, err := netip.ParseAddr(host)
	if err != nil {
		return netip.Addr{}, fmt.Errorf("p2p: blacklist address %q: want ip or ip:port", addr)
	}
	return ip.Unmap(), nil
}

// Unblock lifts a block on a peer or an address; it is an error if there is
// none.
func (h *Host) Unblock(peerName, addr string) error {
	if peerName != "" {
		id, err := parsePeer(peerName)
		if err != nil {
			return err
		}
		h.mu.Lock()
		_, ok := h.blocked[id]
		delete(h.blocked, id)
		h.mu.Unlock()
		if !ok {
			return fmt.Errorf("p2p: %s is not blacklisted", peerName)
		}
		return nil
	}
	ip, err := parseBlockAddr(addr)
	if err != nil {
		return err
	}
	a := &h.admin
	a.mu.Lock()
	defer a.mu.Unlock()
	if _, ok := a.ips[ip]; !ok {
		return fmt.Errorf("p2p: %s is not blacklisted", addr)
	}
	delete(a.ips, ip)
	return nil
}

// ipBlocked reports whether connections from or to ip are refused.
func (h *Host) ipBlocked(ip string) bool {
	a := &h.admin
	a.mu.Lock()
	defer a.mu.Unlock()
	if len(a.ips) == 0 {
		return false
	}
	addr, err := netip.ParseAddr(ip)
	if err != nil {
		return false
	}
	until, ok := a.ips[addr.Unmap()]
	if ok && time.Now().After(until) {
		delete(a.ips, addr.Unmap())
		return false
	}
	return ok
}

// Blocked is a blacklist entry: a peer (Name: its libp2p ID, Addr: where
// it was last connected from, if known) or an address (Addr only).
type Blocked struct {
	Name  string
	Addr  string
	Until time.Time
}

// Blacklist lists the blocked peers, by ID, then the blocked addresses;
// bans the host set itself (a misbehaving peer, another chain's) included.
func (h *Host) Blacklist() []Blocked {
	now := time.Now()
	var out []Blocked
	h.mu.Lock()
	for id, until := range h.blocked {
		if now.Before(until) {
			b := Blocked{Name: id.String(), Until: until}
			if addrs := h.host.Peerstore().Addrs(id); len(addrs) > 0 {
				b.Addr = addrs[0].String()
			}
			out = append(out, b)
		}
	}
	h.mu.Unlock()
	slices.SortFunc(out, func(a, b Blocked) int { return cmp.Compare(a.Name, b.Name) })
	a := &h.admin
	a.mu.Lock()
	for _, ip := range slices.SortedFunc(maps.Keys(a.ips), netip.Addr.Compare) {
		if until := a.ips[ip]; now.Before(until) {
			out = append(out, Blocked{Addr: ip.String(), Until: until})
		}
	}
	a.mu.Unlock()
	return out
}

// ProtocolRate is the traffic of one protocol, in bytes per second.
type ProtocolRate struct {
	Protocol        string
	RateIn, RateOut float64
}

// Protocols lists the traffic of each protocol the host spoke (our status,
// sync and address protocols, gossipsub, identify), busiest first.
func (h *Host) Protocols() []ProtocolRate {
	if h.admin.bw == nil {
		return nil
	}
	var out []ProtocolRate
	for id, st := range h.admin.bw.GetBandwidthByProtocol() {
		if id != "" {
			out = append(out, ProtocolRate{Protocol: string(id), RateIn: st.RateIn, RateOut: st.RateOut})
		}
	}
	slices.SortFunc(out, func(a, b ProtocolRate) int {
		if c := cmp.Compare(b.RateIn+b.RateOut, a.RateIn+a.RateOut); c != 0 {
			return c
		}
		return cmp.Compare(a.Protocol, b.Protocol)
	})
	return out
}

// trafficIdle is how long the traffic meters of a peer (or protocol) that
// sends nothing are kept: peer churn cannot grow them without bound.
const trafficIdle = 10 * time.Minute

// trimTraffic forgets idle traffic meters until the host closes.
func (h *Host) trimTraffic() {
	for netkit.Sleep(h.ctx, trafficIdle) {
		h.admin.bw.TrimIdle(time.Now().Add(-trafficIdle))
	}
}
