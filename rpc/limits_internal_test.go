package rpc

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"runtime"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"chain33node/poll"
)

// tallChain is a chain whose head is at 50000: heightRange needs no more.
type tallChain struct{ Backend }

func (tallChain) Height() int64 { return 50000 }

// The reference's counts: 1000 blocks and 10000 headers per call
// (types.MaxBlockCountPerTime, MaxHeaderCountPerTime), ErrMaxCountPerTime past.
func TestRangeLimits(t *testing.T) {
	s := &Server{b: tallChain{}}
	for _, c := range []struct {
		start, end, limit int64
		want              error
	}{
		{0, 999, maxBlocksPerCall, nil},
		{0, 1000, maxBlocksPerCall, ErrMaxCountPerTime},
		{49001, 99999, maxBlocksPerCall, nil}, // clamped to the head: 1000 blocks
		{0, 9999, maxHeadersPerCall, nil},
		{0, 10000, maxHeadersPerCall, ErrMaxCountPerTime},
	} {
		if _, _, err := s.heightRange(c.start, c.end, c.limit, true); !errors.Is(err, c.want) {
			t.Errorf("%d..%d (limit %d): %v, want %v", c.start, c.end, c.limit, err, c.want)
		}
	}
}

// The total cap makes Accept wait until a connection closes: the third
// connection is accepted only after the first one was closed.
func TestTotalConnectionCap(t *testing.T) {
	raw, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	l := newGuard(2, 2, 0, 0, slog.Default()).listen(raw, nil, refuseSilently)
	defer l.Close()
	var dialed []net.Conn
	for range 3 {
		c, err := net.Dial("tcp", raw.Addr().String())
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
		dialed = append(dialed, c)
	}
	a1, err := l.Accept()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := l.Accept(); err != nil {
		t.Fatal(err)
	}
	var closed atomic.Bool
	third := make(chan bool)
	go func() {
		c, err := l.Accept()
		if err == nil {
			c.Close()
		}
		third <- closed.Load()
	}()
	closed.Store(true)
	a1.Close()
	if !<-third {
		t.Error("a third connection was accepted while two were open (cap 2)")
	}
}

func TestIPList(t *testing.T) {
	l, err := parseIPList("whitelist", []string{"10.0.0.0/24", "192.0.2.7", "2001:db8::/32", "::ffff:172.16.0.0/108"})
	if err != nil {
		t.Fatal(err)
	}
	for ip, want := range map[string]bool{
		"10.0.0.9": true, "10.0.1.9": false, "192.0.2.7": true, "192.0.2.8": false, "::ffff:10.0.0.3": true,
		"2001:db8::1": true, "2001:db9::1": false, "172.16.5.5": true, "172.32.0.1": false, "127.0.0.5": true, "::1": true,
	} {
		if got := l.allows(netip.MustParseAddr(ip)); got != want {
			t.Errorf("%s: %v, want %v", ip, got, want)
		}
	}
	def, _ := parseIPList("whitelist", nil)
	if def.allows(netip.MustParseAddr("10.0.0.1")) || !def.allows(netip.MustParseAddr("127.0.0.1")) {
		t.Error("empty whitelist: only this host")
	}
	for _, bad := range []string{"1.2.3.400", "10.0.0.0/33", "host.example", "", "10.0.0.1/8"} {
		if _, err := parseIPList("whitelist", []string{bad}); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}

// Every served method has a token level; a name not listed needs admin.
func TestMethodPerms(t *testing.T) {
	s, err := NewServer(Settings{}, nil, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	for full := range s.methods {
		name := full[len(full)-len(full[lastDot(full)+1:]):]
		if _, ok := methodPerms[name]; !ok {
			t.Errorf("JSON-RPC %s has no token level", full)
		}
	}
	for _, name := range []string{"GetBlocks", "GetMemPool", "GetTransactionByHashes", "QueryChain", "NetInfo", "SendTransaction", "SignRawTx"} {
		if !grpcMethodKnown(name) {
			t.Errorf("gRPC %s unknown", name)
		}
	}
	if methodPerm("SomethingNew") != 4 {
		t.Error("an unlisted method does not need admin")
	}
}

func lastDot(s string) int {
	for i := len(s) - 1; i >= 0; i-- {
		if s[i] == '.' {
			return i
		}
	}
	return -1
}

// tenNet makes a connection from 127.a.b.c seem to come from 10.a.b.c, so
// that the per-IP cap (which never counts loopback) applies; the connection
// stays a *net.TCPConn (CloseWrite).
type tenNet struct{ net.Listener }

func (l tenNet) Accept() (net.Conn, error) {
	c, err := l.Listener.Accept()
	if err != nil {
		return nil, err
	}
	return tenConn{c.(*net.TCPConn)}, nil
}

type tenConn struct{ *net.TCPConn }

func (c tenConn) RemoteAddr() net.Addr {
	a := c.TCPConn.RemoteAddr().(*net.TCPAddr)
	ip := a.IP.To4()
	return &net.TCPAddr{IP: net.IPv4(10, ip[1], ip[2], ip[3]), Port: a.Port}
}

// waiting is the slot a waiting Accept holds: the listener's count at rest.
const waiting = 1

// served is a guard serving a listener on 127.0.0.1.
type served struct {
	*guard
	l        net.Listener
	addr     string
	accepted chan net.Conn // what Accept returns
}

// serveGuard serves a guard of total and perIP connections that refuses as
// refuse.
func serveGuard(t *testing.T, total, perIP int, refuse refusal) *served {
	t.Helper()
	raw, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	g := newGuard(total, perIP, 0, 0, slog.New(slog.DiscardHandler))
	s := &served{guard: g, l: g.listen(tenNet{raw}, nil, refuse), addr: raw.Addr().String(), accepted: make(chan net.Conn, 16)}
	go func() {
		defer close(s.accepted)
		for {
			c, err := s.l.Accept()
			if err != nil {
				return
			}
			s.accepted <- c
		}
	}()
	t.Cleanup(func() {
		s.l.Close()
		for c := range s.accepted {
			c.Close()
		}
	})
	return s
}

// dial connects from the loopback address from.
func (s *served) dial(t *testing.T, from string) net.Conn {
	t.Helper()
	d := net.Dialer{LocalAddr: &net.TCPAddr{IP: net.ParseIP(from)}}
	c, err := d.Dial("tcp", s.addr)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	return c
}

// accept connects from the loopback address from and returns the
// connection Accept returned for it.
func (s *served) accept(t *testing.T, from string) net.Conn {
	t.Helper()
	s.dial(t, from)
	select {
	case c := <-s.accepted:
		return c
	case <-time.After(20 * time.Second):
		t.Fatalf("the connection from %s was not accepted", from)
		return nil
	}
}

// counts reports the guard's open connections, those of ip and the refused
// connections being answered.
func (g *guard) counts(ip netip.Addr) (slots, ofIP, refusals int) {
	g.mu.Lock()
	if st := g.ips[ip]; st != nil {
		ofIP = st.conns
	}
	g.mu.Unlock()
	return len(g.slots), ofIP, len(g.refusals)
}

// A connection over its IP's cap reads a 503 naming the IP and the cap, then
// the end of the connection; while it is answered it holds no slot and is not
// counted for its IP; afterwards every count is back at rest.
func TestOverCapAnswered(t *testing.T) {
	g := serveGuard(t, 8, 2, refuseHTTP)
	ip := netip.MustParseAddr("10.0.0.2")
	var open []net.Conn
	for range 2 {
		open = append(open, g.accept(t, "127.0.0.2"))
	}
	var refused []net.Conn
	for _, size := range []int{0, 200 << 10, 10} { // a body larger than what the server drains, too
		c := g.dial(t, "127.0.0.2")
		refused = append(refused, c)
		c.SetDeadline(time.Now().Add(20 * time.Second))
		go fmt.Fprintf(c, "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: %d\r\n\r\n%s", size, strings.Repeat("x", size))
		br := bufio.NewReader(c)
		resp, err := http.ReadResponse(br, nil)
		if err != nil {
			t.Fatalf("over the cap (body of %d bytes): %v, want a 503 answer", size, err)
		}
		body, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		want := "too many connections from 10.0.0.2: [rpc] maxConnectionsPerIP is 2\n"
		if resp.StatusCode != http.StatusServiceUnavailable || string(body) != want || err != nil || !resp.Close ||
			resp.Header.Get("Retry-After") != "1" || resp.Header.Get("Content-Type") != "text/plain; charset=utf-8" {
			t.Errorf("over the cap: %s %v %q %v, want 503 %q", resp.Status, resp.Header, body, err, want)
		}
		if rest, err := io.ReadAll(br); err != nil || len(rest) > 0 {
			t.Errorf("after the answer: %q %v, want the end of the connection", rest, err)
		}
		if slots, ofIP, _ := g.counts(ip); slots > 2+waiting || ofIP != 2 {
			t.Errorf("while refused connections are open: %d slots taken, %d connections of %s; want 2 (+%d), 2", slots, ofIP, ip, waiting)
		}
	}
	open = append(open, g.accept(t, "127.0.0.3"))
	if slots, _, _ := g.counts(ip); slots > 3+waiting {
		t.Errorf("another IP's connection: %d slots taken, want 3 (+%d)", slots, waiting)
	}
	for _, c := range append(open, refused...) {
		c.Close()
	}
	poll.Until(t, 20*time.Second, "every count back to rest", func() bool {
		slots, ofIP, refusals := g.counts(ip)
		return slots == waiting && ofIP == 0 && refusals == 0
	})
	g.l.Close()
	poll.Until(t, 20*time.Second, "no slot taken after the listener closed", func() bool {
		slots, _, _ := g.counts(ip)
		return slots == 0
	})
}

// A flood of connections over their IP's cap costs at most maxRefusals
// goroutines (the others are closed at once), and those end by themselves
// although the clients neither send nor close.
func TestRefusalsBounded(t *testing.T) {
	g := serveGuard(t, 16, 1, refuseHTTP)
	g.accept(t, "127.0.0.2")
	before := runtime.NumGoroutine()
	const flood = 4 * maxRefusals
	for range flood {
		g.dial(t, "127.0.0.2")
	}
	// Accept takes connections in order: once another IP's is accepted, the
	// flood has been through it.
	g.accept(t, "127.0.0.3")
	const slack = 32 // the test node's goroutines come and go
	if grown := runtime.NumGoroutine() - before; grown > maxRefusals+slack {
		t.Errorf("%d refused connections: %d more goroutines, want at most %d", flood, grown, maxRefusals+slack)
	}
	poll.Until(t, 20*time.Second, "the refusals to end", func() bool {
		_, _, refusals := g.counts(netip.MustParseAddr("10.0.0.2"))
		return refusals == 0 && runtime.NumGoroutine() <= before+slack
	})
	if slots, ofIP, _ := g.counts(netip.MustParseAddr("10.0.0.2")); slots > 2+waiting || ofIP != 1 {
		t.Errorf("after the flood: %d slots taken, %d connections of 10.0.0.2; want 2 (+%d), 1", slots, ofIP, waiting)
	}
}

// A listener that refuses silently (gRPC) closes a connection over its IP's
// cap without writing a byte.
func TestOverCapSilent(t *testing.T) {
	g := serveGuard(t, 8, 1, refuseSilently)
	g.accept(t, "127.0.0.2")
	c := g.dial(t, "127.0.0.2")
	c.SetDeadline(time.Now().Add(20 * time.Second))
	if b, err := io.ReadAll(c); err != nil || len(b) > 0 {
		t.Errorf("over the cap: read %q %v, want the connection closed without a byte", b, err)
	}
}

// An IP that closes churnCloses connections, each soon after its accept, in
// a second is answered with Connection: close (Churn); fewer, long-lived
// ones, other IPs and loopback are not.
func TestChurningIPAnsweredWithClose(t *testing.T) {
	s, err := NewServer(Settings{Whitelist: []string{"*"}}, probeBackend{}, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	closed := func(ip string, n int, lived time.Duration) {
		for range n {
			a := netip.MustParseAddr(ip)
			if !s.guard.open(a) {
				t.Fatalf("%s refused", ip)
			}
			s.guard.close(a, lived)
		}
	}
	connection := func(ip string) string {
		req := httptest.NewRequest("GET", "/test", nil)
		req.RemoteAddr = ip + ":5000"
		rec := httptest.NewRecorder()
		s.Handler().ServeHTTP(rec, req)
		return rec.Header().Get("Connection")
	}
	closed("10.0.0.1", churnCloses-1, 10*time.Millisecond)
	closed("10.0.0.2", 2*churnCloses, 2*churnLife)
	closed("127.0.0.1", 2*churnCloses, 10*time.Millisecond)
	for _, ip := range []string{"10.0.0.1", "10.0.0.2", "127.0.0.1"} {
		if c := connection(ip); c != "" {
			t.Fatalf("%s: Connection %q before it churned", ip, c)
		}
	}
	closed("10.0.0.1", 1, 10*time.Millisecond)
	if c := connection("10.0.0.1"); c != "close" {
		t.Fatalf("a churning IP: Connection %q, want close", c)
	}
	for _, ip := range []string{"10.0.0.2", "127.0.0.1", "10.0.0.3"} {
		if c := connection(ip); c != "" {
			t.Fatalf("%s: Connection %q while another IP churns", ip, c)
		}
	}
}
