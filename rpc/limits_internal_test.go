package rpc

import (
	"errors"
	"log/slog"
	"net"
	"net/netip"
	"sync/atomic"
	"testing"
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
