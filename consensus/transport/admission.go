package transport

import (
	"encoding/hex"
	"net"
	"net/netip"
	"sync"
	"sync/atomic"
	"time"

	"github.com/libp2p/go-libp2p/core/connmgr"
	"github.com/libp2p/go-libp2p/core/control"
	"github.com/libp2p/go-libp2p/core/network"
	"github.com/libp2p/go-libp2p/core/peer"
	ma "github.com/multiformats/go-multiaddr"
	manet "github.com/multiformats/go-multiaddr/net"
	"golang.org/x/time/rate"
)

// Reason says why a peer was banned. Each has a counter in Stats.
type Reason uint8

// Ban reasons. The transport bans for the first four itself; the consensus driver calls Ban with the others.
const (
	ReasonBadProof     Reason = iota // failed proof of possession of the validator key it claimed
	ReasonBadHello                   // malformed hello or proof frame
	ReasonOversize                   // frame larger than MaxMsgSize
	ReasonFlood                      // over its message or byte rate for FloodBanAfter without a pause
	ReasonBadSignature               // invalid signature on a vote, proposal or certificate
	ReasonMalformed                  // consensus message that does not decode or is invalid
	ReasonNotValidator               // a vote or proposal from a peer that is not a validator of its height
	NumReasons
)

var reasonNames = [NumReasons]string{"bad_proof", "bad_hello", "oversize", "flood", "bad_signature", "malformed", "not_validator"}

// String is the reason's name in logs and metrics, e.g. "bad_proof".
func (r Reason) String() string {
	if r < NumReasons {
		return reasonNames[r]
	}
	return "unknown"
}

// Stats are the transport's admission counters.
type Stats struct {
	Inbound int                // inbound connections open now, handshaken or not
	Banned  int                // peers banned now
	Bans    [NumReasons]uint64 // peers banned since start, by Reason

	RefusedRate      uint64 // inbound connections refused: their IP opens them faster than connRate
	RefusedPerIP     uint64 // inbound connections refused: MaxInboundPerIP reached for their IP
	RefusedTotal     uint64 // inbound connections refused: MaxInbound reached
	RefusedBanned    uint64 // connections refused because the peer or its IP is banned
	RefusedObservers uint64 // inbound observers refused after the handshake: MaxObservers reached
	RefusedStreams   uint64 // inbound streams refused: the peer opened them faster than streamRate
	Throttled        uint64 // frames whose delivery waited for the sender's rate limit
}

// Ban bookkeeping bounds.
const (
	maxBans        = 4096 // banned peer IDs remembered; peer IDs cost an attacker nothing
	ipBanThreshold = 4    // an IP with this many banned peer IDs is refused inbound (unless configured)
)

// New inbound connections per IP: each costs a noise handshake and, once it opens a stream, a BLS signature
// of ours, whoever it is, so an IP may open them only this fast. A dial is two connections (netkit.PeerID's
// probe, then the connection), and an IP with configured validators gets this much more per validator.
const (
	connRate  = rate.Limit(4)
	connBurst = 16
	maxIPs    = 4096 // IPs whose connection rate is remembered
)

type ban struct {
	until time.Time
	ip    netip.Addr // the address it was banned at; invalid if unknown
}

// admission decides who may connect. It is both the libp2p host's connection gater (bans, by peer ID once
// noise has authenticated it) and its resource manager, a null one except that it counts inbound connections
// per IP and in total from the moment they are accepted, before any handshake, until they close.
type admission struct {
	network.NullResourceManager

	perIP      int
	total      int
	configured map[netip.Addr]int // validatorNodes entries per IP

	mu       sync.Mutex
	inbound  map[netip.Addr]int
	open     int // inbound connections, all IPs
	bans     map[peer.ID]ban
	connRate map[netip.Addr]*rate.Limiter

	refusedRate, refusedPerIP, refusedTotal, refusedBanned, refusedObservers, refusedStreams, throttled atomic.Uint64
	bansBy                                                                                              [NumReasons]atomic.Uint64
}

func newAdmission(cfg *Config) *admission {
	a := &admission{
		perIP: cfg.MaxInboundPerIP, total: cfg.MaxInbound,
		configured: map[netip.Addr]int{}, inbound: map[netip.Addr]int{}, bans: map[peer.ID]ban{},
		connRate: map[netip.Addr]*rate.Limiter{},
	}
	for _, p := range cfg.Peers {
		if host, _, err := net.SplitHostPort(p); err == nil {
			if ip, err := netip.ParseAddr(host); err == nil {
				a.configured[ip.Unmap()]++
			}
		}
	}
	return a
}

// ipLimit is the inbound cap for one IP: MaxInboundPerIP, plus two connections (the PeerID probe and the
// connection itself) per validator configured at that IP, so that validators sharing an IP always fit.
func (a *admission) ipLimit(ip netip.Addr) int { return a.perIP + 2*a.configured[ip] }

// OpenConnection admits an inbound connection before anything else happens on it: not from an IP with
// ipBanThreshold banned peers (unless validators are configured there), not faster than connRate per IP, at
// most ipLimit per IP and MaxInbound in total, where the IPs of configured validators do not count towards the
// total (observers can never crowd them out).
func (a *admission) OpenConnection(dir network.Direction, usefd bool, endpoint ma.Multiaddr) (network.ConnManagementScope, error) {
	if dir != network.DirInbound {
		return &network.NullScope{}, nil
	}
	ip := ipOf(endpoint)
	now := time.Now()
	a.mu.Lock()
	defer a.mu.Unlock()
	switch {
	case a.configured[ip] == 0 && a.ipBannedLocked(ip, now):
		a.refusedBanned.Add(1)
		return nil, network.ErrResourceLimitExceeded
	case !a.connRateLocked(ip, now).AllowN(now, 1):
		a.refusedRate.Add(1)
		return nil, network.ErrResourceLimitExceeded
	case a.inbound[ip] >= a.ipLimit(ip):
		a.refusedPerIP.Add(1)
		return nil, network.ErrResourceLimitExceeded
	case a.configured[ip] == 0 && a.open-a.configuredOpenLocked() >= a.total:
		a.refusedTotal.Add(1)
		return nil, network.ErrResourceLimitExceeded
	}
	a.inbound[ip]++
	a.open++
	return &slot{a: a, ip: ip}, nil
}

// connRateLocked returns the connection rate limiter of ip.
func (a *admission) connRateLocked(ip netip.Addr, now time.Time) *rate.Limiter {
	lim := a.connRate[ip]
	if lim == nil {
		if len(a.connRate) >= maxIPs {
			for ip, l := range a.connRate { // IPs whose limiter is full again lose nothing by being forgotten
				if l.TokensAt(now) >= float64(l.Burst()) {
					delete(a.connRate, ip)
				}
			}
			if len(a.connRate) >= maxIPs {
				clear(a.connRate)
			}
		}
		n := 1 + a.configured[ip]
		lim = rate.NewLimiter(connRate*rate.Limit(n), connBurst*n)
		a.connRate[ip] = lim
	}
	return lim
}

func (a *admission) configuredOpenLocked() int {
	n := 0
	for ip := range a.configured {
		n += a.inbound[ip]
	}
	return n
}

// slot is one admitted inbound connection; libp2p calls Done when it closes, whether or not it was upgraded.
type slot struct {
	network.NullScope
	a    *admission
	ip   netip.Addr
	once sync.Once
}

func (s *slot) Done() {
	s.once.Do(func() {
		s.a.mu.Lock()
		defer s.a.mu.Unlock()
		if s.a.inbound[s.ip]--; s.a.inbound[s.ip] <= 0 {
			delete(s.a.inbound, s.ip)
		}
		s.a.open--
	})
}

// ipOf is the unmapped IP of a connection's remote address, or the zero Addr.
func ipOf(m ma.Multiaddr) netip.Addr {
	ip, err := manet.ToIP(m)
	if err != nil {
		return netip.Addr{}
	}
	addr, _ := netip.AddrFromSlice(ip)
	return addr.Unmap()
}

// The connection gater: banned peers are neither dialed nor accepted.
var _ connmgr.ConnectionGater = (*admission)(nil)

func (a *admission) InterceptPeerDial(p peer.ID) bool             { return a.bannedUntil(p).IsZero() }
func (a *admission) InterceptAddrDial(peer.ID, ma.Multiaddr) bool { return true }
func (a *admission) InterceptAccept(network.ConnMultiaddrs) bool  { return true }
func (a *admission) InterceptUpgraded(network.Conn) (bool, control.DisconnectReason) {
	return true, 0
}

func (a *admission) InterceptSecured(dir network.Direction, p peer.ID, _ network.ConnMultiaddrs) bool {
	if a.bannedUntil(p).IsZero() {
		return true
	}
	if dir == network.DirInbound {
		a.refusedBanned.Add(1)
	}
	return false
}

// bannedUntil returns when p's ban ends, or the zero time if it is not banned.
func (a *admission) bannedUntil(p peer.ID) time.Time {
	a.mu.Lock()
	defer a.mu.Unlock()
	b, ok := a.bans[p]
	if !ok {
		return time.Time{}
	}
	if !time.Now().Before(b.until) {
		delete(a.bans, p)
		return time.Time{}
	}
	return b.until
}

func (a *admission) ipBannedLocked(ip netip.Addr, now time.Time) bool {
	if !ip.IsValid() || len(a.bans) < ipBanThreshold {
		return false
	}
	n := 0
	for _, b := range a.bans {
		if b.ip == ip && now.Before(b.until) {
			n++
		}
	}
	return n >= ipBanThreshold
}

// addBan bans p until now+d and reports whether it was not banned before (a new ban, to be logged and
// counted). A ban never shortens an earlier one.
func (a *admission) addBan(p peer.ID, ip netip.Addr, d time.Duration, reason Reason) bool {
	now := time.Now()
	a.mu.Lock()
	defer a.mu.Unlock()
	old, had := a.bans[p]
	had = had && now.Before(old.until)
	if !had && len(a.bans) >= maxBans {
		a.pruneLocked(now)
	}
	until := now.Add(d)
	if had && old.until.After(until) {
		until = old.until
	}
	a.bans[p] = ban{until: until, ip: ip}
	if !had {
		a.bansBy[reason].Add(1)
	}
	return !had
}

// pruneLocked makes room for one more ban: expired bans go, and if none has expired, the one ending first.
func (a *admission) pruneLocked(now time.Time) {
	var first peer.ID
	for p, b := range a.bans {
		if !now.Before(b.until) {
			delete(a.bans, p)
		} else if first == "" || b.until.Before(a.bans[first].until) {
			first = p
		}
	}
	if len(a.bans) >= maxBans {
		delete(a.bans, first)
	}
}

func (a *admission) stats() Stats {
	now := time.Now()
	a.mu.Lock()
	s := Stats{Inbound: a.open}
	for _, b := range a.bans {
		if now.Before(b.until) {
			s.Banned++
		}
	}
	a.mu.Unlock()
	for r := range s.Bans {
		s.Bans[r] = a.bansBy[r].Load()
	}
	s.RefusedRate = a.refusedRate.Load()
	s.RefusedPerIP = a.refusedPerIP.Load()
	s.RefusedTotal = a.refusedTotal.Load()
	s.RefusedBanned = a.refusedBanned.Load()
	s.RefusedObservers = a.refusedObservers.Load()
	s.RefusedStreams = a.refusedStreams.Load()
	s.Throttled = a.throttled.Load()
	return s
}

// Stats returns the admission counters.
func (h *Host) Stats() Stats { return h.adm.stats() }

// Ban disconnects a peer (by ID, as in Peer.ID) and refuses it for d (0: Config.BanDuration): no stream,
// connection or dial to or from it until then, after which the redial of a configured address resumes. The
// consensus driver calls it for a peer that sent an invalid signature or a malformed message; detail says what
// it sent. Each ban is logged once, as a warning naming the peer's ID, address, claimed key and the reason,
// and counted in Stats.Bans; banning a banned peer again extends its ban quietly.
func (h *Host) Ban(id string, reason Reason, detail string, d time.Duration) {
	pid, err := peer.Decode(id)
	if err != nil {
		h.log.Debug("Ban: bad peer ID", "peer", id, "err", err)
		return
	}
	h.mu.Lock()
	var addr string
	var key []byte
	var conn network.Conn
	if ps := h.peers[pid]; ps != nil {
		addr = ps.addr
		if s := ps.cur; s != nil {
			key, conn = s.remote.nodeKey, s.stream.Conn()
		}
	}
	lh := h.host
	h.mu.Unlock()
	if conn == nil && lh != nil {
		if conns := lh.Network().ConnsToPeer(pid); len(conns) > 0 {
			conn = conns[0]
		}
	}
	h.ban(pid, conn, addr, key, reason, detail, d)
}

// ban records a ban and cuts the peer off: its streams are reset and its connections closed. conn is a
// connection with the peer (nil if none): its remote address is logged (addr is the consensus address, which an
// inbound peer announces itself) and its IP counts towards ipBanThreshold.
func (h *Host) ban(p peer.ID, conn network.Conn, addr string, claimed []byte, reason Reason, detail string, d time.Duration) {
	if d <= 0 {
		d = h.cfg.BanDuration
	}
	var ip netip.Addr
	remote := ""
	if conn != nil {
		ip = ipOf(conn.RemoteMultiaddr())
		if na, err := manet.ToNetAddr(conn.RemoteMultiaddr()); err == nil {
			remote = na.String()
		}
	}
	if h.adm.addBan(p, ip, d, reason) {
		key := "none"
		if len(claimed) > 0 {
			key = hex.EncodeToString(claimed)
		}
		h.log.Warn("qbft peer banned", "peer", p.String(), "addr", addr, "remote", remote, "key", key,
			"reason", reason.String(), "detail", detail, "for", d)
	}
	h.mu.Lock()
	var kill []*session
	if ps := h.peers[p]; ps != nil {
		for s := range ps.sessions {
			kill = append(kill, s)
		}
	}
	lh := h.host
	h.mu.Unlock()
	for _, s := range kill {
		s.kill()
	}
	if lh != nil {
		_ = lh.Network().ClosePeer(p)
	}
}

// bannedError is returned by a dial of a banned peer; the redial waits until the ban ends.
type bannedError struct{ until time.Time }

func (e *bannedError) Error() string {
	return "peer is banned for " + time.Until(e.until).Round(time.Second).String()
}
