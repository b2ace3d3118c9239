package rpc

import (
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/netip"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"golang.org/x/time/rate"
)

// Defaults of the [rpc] limits (Settings). Reference values the limits
// follow are recorded in limits_test.go.
const (
	// DefaultMaxConnections bounds the open connections of both interfaces:
	// each costs a file descriptor and some 25 kB while a request is read.
	DefaultMaxConnections = 4096
	// DefaultMaxConnectionsPerIP bounds the open connections of one remote IP:
	// room for an application gateway with a thousand concurrent senders (and
	// its idle keep-alive connections), while a few IPs cannot take them all.
	DefaultMaxConnectionsPerIP = 2048
	// DefaultReadTimeout bounds reading one request (headers and body) and a
	// gRPC connection's handshake.
	DefaultReadTimeout = 30 * time.Second
	// DefaultMaxResponseBytes bounds one JSON-RPC response (a batch in
	// total) and one gRPC reply.
	DefaultMaxResponseBytes = 32 << 20
	// maxRefusals bounds the connections over their IP's cap that are being
	// answered at once (each for at most 3 refuseTimeouts); past it they are
	// closed silently. They hold no slot of the total: a flood of them costs
	// at most this many goroutines and file descriptors.
	maxRefusals = 64
	// refuseTimeout bounds each step of answering a refused connection:
	// waiting for its request, writing the answer, draining what it sends.
	refuseTimeout = time.Second
	// refuseDrain bounds what is read from a refused connection.
	refuseDrain = 64 << 10
	// FileShare is the share of the open-file limit RPC connections may use
	// (the rest is for LevelDB, the WAL and p2p).
	FileShare = 2
)

// fileLimit is the soft limit on open files (0 if unknown).
func fileLimit() int {
	var r syscall.Rlimit
	if err := syscall.Getrlimit(syscall.RLIMIT_NOFILE, &r); err != nil || r.Cur > 1<<30 {
		return 0
	}
	return int(r.Cur)
}

// connLimits sizes the connection caps: maxConns (<= 0: the default) never
// above the share of the open-file limit (files, 0 if unknown); perIP (<= 0:
// the default) never above the total.
func connLimits(maxConns, perIP, files int) (total, ip int) {
	total = maxConns
	if total <= 0 {
		total = DefaultMaxConnections
	}
	if share := files / FileShare; share > 0 && total > share {
		total = share
	}
	if perIP <= 0 {
		perIP = DefaultMaxConnectionsPerIP
	}
	return total, min(perIP, total)
}

// guard admits the connections of both RPC listeners (a total and a per-IP
// cap) and meters requests per remote IP (a token bucket). Loopback callers
// are not counted per IP and not rate limited: they are this host.
type guard struct {
	slots    chan struct{} // one per open connection, total
	refusals chan struct{} // one per refused connection being answered
	perIP    int
	rate     rate.Limit // 0: no rate limit
	burst    int
	log      *slog.Logger

	mu       sync.Mutex
	ips      map[netip.Addr]*ipState
	swept    time.Time
	lastWarn time.Time

	lastChurn atomic.Int64 // unix ns an IP was last found churning (churning's fast path)
}

type ipState struct {
	conns int
	lim   *rate.Limiter
	seen  time.Time

	short      int       // connections closed within churnLife of their accept, since shortSince
	shortSince time.Time // the start of the second short counts
	closeUntil time.Time // churning: answered with Connection: close until then
}

// Churn. A client that closes most of its connections after a request or
// two (Go's default http.Client keeps two idle a host and closes the rest)
// keeps each in TIME_WAIT on its side for a minute, and from another host
// its kernel then searches tens of thousands of them for a free local port
// at every connect: 256 such senders, each node in its own network
// namespace, committed 1,369-1,406 tx/s while the client's kernel used 1.3
// cores. An IP that closed churnCloses connections, each within churnLife
// of its accept, in one second, is answered with Connection: close for
// churnHold, and such a connection is not held after a refusal: the node
// closes first and keeps the TIME_WAIT (an accept searches no port), and
// the same client committed 2,687 tx/s (2,157 with the hold). A client that
// keeps its connections never trips it (256 senders: 3,686 tx/s, as
// before); loopback is exempt, as from the other per-IP rules (and reuses
// TIME_WAIT ports).
const (
	churnLife   = time.Second
	churnCloses = 64
	churnHold   = 10 * time.Second
)

func newGuard(total, perIP int, perSecond float64, burst int, log *slog.Logger) *guard {
	g := &guard{slots: make(chan struct{}, total), refusals: make(chan struct{}, maxRefusals), perIP: perIP, burst: burst, log: log, ips: map[netip.Addr]*ipState{}}
	if perSecond > 0 {
		g.rate = rate.Limit(perSecond)
		if g.burst <= 0 {
			g.burst = max(1, int(perSecond))
		}
	}
	return g
}

// state returns ip's entry, creating it; entries idle for a minute are
// dropped now and then so that the table stays small.
func (g *guard) state(ip netip.Addr, now time.Time) *ipState {
	st := g.ips[ip]
	if st == nil {
		if now.Sub(g.swept) > time.Minute {
			g.swept = now
			for k, v := range g.ips {
				if v.conns == 0 && now.Sub(v.seen) > time.Minute {
					delete(g.ips, k)
				}
			}
		}
		st = &ipState{}
		if g.rate > 0 {
			st.lim = rate.NewLimiter(g.rate, g.burst)
		}
		g.ips[ip] = st
	}
	st.seen = now
	return st
}

// open counts a new connection from ip; false if ip is at its cap.
func (g *guard) open(ip netip.Addr) bool {
	if ip.IsLoopback() {
		return true
	}
	now := time.Now()
	g.mu.Lock()
	defer g.mu.Unlock()
	st := g.state(ip, now)
	if st.conns >= g.perIP {
		if now.Sub(g.lastWarn) > 10*time.Second {
			g.lastWarn = now
			g.log.Warn("RPC connection refused: the remote IP is at its cap ([rpc] maxConnectionsPerIP)", "ip", ip, "cap", g.perIP)
		}
		return false
	}
	st.conns++
	return true
}

// close counts the end of a connection from ip that lived for lived.
func (g *guard) close(ip netip.Addr, lived time.Duration) {
	if ip.IsLoopback() {
		return
	}
	now := time.Now()
	g.mu.Lock()
	if st := g.ips[ip]; st != nil && st.conns > 0 {
		st.conns--
		st.seen = now
		if lived < churnLife {
			if now.Sub(st.shortSince) > time.Second {
				st.short, st.shortSince = 0, now
			}
			if st.short++; st.short >= churnCloses {
				st.closeUntil = now.Add(churnHold)
				g.lastChurn.Store(now.UnixNano())
			}
		}
	}
	g.mu.Unlock()
}

// churning reports whether ip's connections are to be closed after each
// answer (Churn).
func (g *guard) churning(ip netip.Addr) bool {
	now := time.Now()
	if now.UnixNano()-g.lastChurn.Load() > int64(churnHold) {
		return false // no IP churned lately: no lock
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	st := g.ips[ip]
	return st != nil && now.Before(st.closeUntil)
}

// allow takes n requests from ip's bucket; false if over the rate.
func (g *guard) allow(ip netip.Addr, n int) bool {
	if g.rate == 0 || ip.IsLoopback() {
		return true
	}
	now := time.Now()
	g.mu.Lock()
	st := g.state(ip, now)
	g.mu.Unlock()
	return st.lim.AllowN(now, n)
}

// refusal is how a listener refuses a connection over its IP's cap.
type refusal int

const (
	// refuseSilently closes it before anything is read (gRPC: an HTTP/2 or
	// TLS client cannot read a plain HTTP/1 answer).
	refuseSilently refusal = iota
	// refuseHTTP answers 503 naming the IP and the cap, then closes it.
	refuseHTTP
)

// listen wraps l: Accept waits while RPC holds its total of connections
// (new ones wait in the kernel's backlog and use no descriptor of ours),
// refuses a connection over its IP's cap as refuse says, and, with screen
// set, closes one from an IP that screen refuses before anything is read.
func (g *guard) listen(l net.Listener, screen func(netip.Addr) bool, refuse refusal) net.Listener {
	return &guardedListener{Listener: l, g: g, screen: screen, refuse: refuse, done: make(chan struct{})}
}

type guardedListener struct {
	net.Listener
	g      *guard
	screen func(netip.Addr) bool
	refuse refusal
	once   sync.Once
	done   chan struct{}
}

func (l *guardedListener) Accept() (net.Conn, error) {
	for {
		select {
		case l.g.slots <- struct{}{}:
		case <-l.done:
			return nil, net.ErrClosed
		}
		c, err := l.Listener.Accept()
		if err != nil {
			<-l.g.slots
			return nil, err
		}
		ip := remoteIP(c.RemoteAddr().String())
		if l.screen != nil && !l.screen(ip) {
			c.Close()
			<-l.g.slots
			continue
		}
		if !l.g.open(ip) {
			<-l.g.slots
			if l.refuse == refuseHTTP {
				l.g.answerOverCap(c, ip)
			} else {
				c.Close()
			}
			continue
		}
		return &guardedConn{Conn: c, g: l.g, ip: ip, opened: time.Now()}, nil
	}
}

// answerOverCap answers c, refused for ip's cap, with a 503 on a goroutine
// of its own and closes it; with maxRefusals answers in progress it closes
// c at once. Accept never waits for a client.
func (g *guard) answerOverCap(c net.Conn, ip netip.Addr) {
	select {
	case g.refusals <- struct{}{}:
	default:
		c.Close()
		return
	}
	go func() {
		defer func() {
			c.Close()
			<-g.refusals
		}()
		// Wait for the request to begin: Go's http.Transport drops an
		// answer that comes before its request ("unsolicited response").
		var first [1]byte
		c.SetDeadline(time.Now().Add(refuseTimeout))
		c.Read(first[:])
		body := fmt.Sprintf("too many connections from %s: [rpc] maxConnectionsPerIP is %d\n", ip, g.perIP)
		c.SetDeadline(time.Now().Add(refuseTimeout))
		if _, err := fmt.Fprintf(c, "HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\nContent-Type: text/plain; charset=utf-8\r\n"+
			"Content-Length: %d\r\nRetry-After: 1\r\n\r\n%s", len(body), body); err != nil {
			return
		}
		// Closing with unread bytes would send a reset, which can destroy
		// the answer before the client reads it: end our side, then read
		// (a bounded amount) until the client closes.
		if hc, ok := c.(interface{ CloseWrite() error }); ok {
			hc.CloseWrite()
		}
		c.SetDeadline(time.Now().Add(refuseTimeout))
		io.Copy(io.Discard, io.LimitReader(c, refuseDrain))
	}()
}

func (l *guardedListener) Close() error {
	l.once.Do(func() { close(l.done) })
	return l.Listener.Close()
}

type guardedConn struct {
	net.Conn
	g      *guard
	ip     netip.Addr
	opened time.Time
	once   sync.Once
}

func (c *guardedConn) Close() error {
	err := c.Conn.Close()
	c.once.Do(func() {
		c.g.close(c.ip, time.Since(c.opened))
		<-c.g.slots
	})
	return err
}
