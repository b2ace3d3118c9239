package transport

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/sha256"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"chain33node/logtest"
	"chain33node/netkit"
)

var testGenesis = sha256.Sum256([]byte("genesis"))

// inbox records what a host's handler received.
type inbox struct {
	mu   sync.Mutex
	msgs map[string][]string // from → payloads in arrival order
}

func (b *inbox) handle(from string, data []byte) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.msgs == nil {
		b.msgs = map[string][]string{}
	}
	b.msgs[from] = append(b.msgs[from], string(data))
}

// count returns how often payload arrived, from anyone.
func (b *inbox) count(payload string) int {
	b.mu.Lock()
	defer b.mu.Unlock()
	n := 0
	for _, ms := range b.msgs {
		for _, m := range ms {
			if m == payload {
				n++
			}
		}
	}
	return n
}

func (b *inbox) from(id string) []string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return append([]string(nil), b.msgs[id]...)
}

func (b *inbox) total() int {
	b.mu.Lock()
	defer b.mu.Unlock()
	n := 0
	for _, ms := range b.msgs {
		n += len(ms)
	}
	return n
}

type node struct {
	*Host
	in  *inbox
	cfg Config
}

func testConfig(t *testing.T, listen string, peers []string) Config {
	return Config{
		ListenAddr:  listen,
		Peers:       peers,
		KeyFile:     filepath.Join(t.TempDir(), "qbft.key"),
		ChainID:     "chain33-test",
		GenesisHash: testGenesis[:],
		NodeKey:     []byte("bls:" + listen),
		Logger:      slog.New(slog.NewTextHandler(io.Discard, nil)),
	}
}

func startNode(t *testing.T, cfg Config) *node {
	t.Helper()
	in := &inbox{}
	h, err := New(cfg, in.handle)
	if err != nil {
		t.Fatal(err)
	}
	if err := h.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { h.Close() })
	return &node{Host: h, in: in, cfg: cfg}
}

// freePort finds a TCP port free on ip.
func freePort(t *testing.T, ip string) int {
	t.Helper()
	ln, err := net.Listen("tcp", ip+":0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port
}

func eventually(t *testing.T, d time.Duration, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(d)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out after %v waiting for %s", d, what)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func peerCount(n int, nodes ...*node) func() bool {
	return func() bool {
		for _, nd := range nodes {
			if len(nd.Peers()) != n {
				return false
			}
		}
		return true
	}
}

// checkGoroutines fails the test if goroutines started during it outlive it (and its cleanups, which run
// before this check since it is registered first).
func checkGoroutines(t *testing.T) {
	before := runtime.NumGoroutine()
	t.Cleanup(func() {
		deadline := time.Now().Add(5 * time.Second)
		for runtime.NumGoroutine() > before {
			if time.Now().After(deadline) {
				buf := make([]byte, 1<<20)
				buf = buf[:runtime.Stack(buf, true)]
				t.Fatalf("goroutine leak: %d before, %d after\n%s", before, runtime.NumGoroutine(), buf)
			}
			time.Sleep(20 * time.Millisecond)
		}
	})
}

func TestMain(m *testing.M) {
	// libp2p starts a few process-wide goroutines on first use; start them before any leak check.
	dir, _ := os.MkdirTemp("", "transport-warmup")
	mk := func(i int) *Host {
		h, err := New(Config{ListenAddr: "127.0.0.1:0", KeyFile: filepath.Join(dir, strconv.Itoa(i)), ChainID: "w",
			GenesisHash: []byte{1}, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))}, func(string, []byte) {})
		if err != nil {
			panic(err)
		}
		if err := h.Start(); err != nil {
			panic(err)
		}
		return h
	}
	a := mk(1)
	b, _ := New(Config{ListenAddr: "127.0.0.1:0", Peers: []string{a.Addr()}, KeyFile: filepath.Join(dir, "2"),
		ChainID: "w", GenesisHash: []byte{1}, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))}, func(string, []byte) {})
	b.Start()
	for i := 0; i < 300 && len(b.Peers()) == 0; i++ {
		time.Sleep(10 * time.Millisecond)
	}
	b.Close()
	a.Close()
	os.RemoveAll(dir)
	os.Exit(m.Run())
}

// Four validators on 127.0.0.2–5, all on the same port, each configured with all four addresses.
func TestMeshSamePortRestart(t *testing.T) {
	checkGoroutines(t)
	port := freePort(t, "127.0.0.2")
	var addrs []string
	for i := 2; i <= 5; i++ {
		addrs = append(addrs, fmt.Sprintf("127.0.0.%d:%d", i, port))
	}
	nodes := make([]*node, 4)
	for i := range nodes {
		nodes[i] = startNode(t, testConfig(t, addrs[i], addrs))
	}
	start := time.Now()
	eventually(t, 10*time.Second, "full mesh", peerCount(3, nodes...))
	t.Logf("mesh of 4 connected in %v", time.Since(start))

	// Peer info: addresses and validator keys as configured.
	for i, nd := range nodes {
		for _, p := range nd.Peers() {
			j := indexOf(nodes, p.ID)
			if j < 0 || j == i {
				t.Fatalf("node %d lists unknown peer %s", i, p.ID)
			}
			if p.Addr != addrs[j] || string(p.NodeKey) != "bls:"+addrs[j] {
				t.Errorf("node %d sees peer %d as %s / %q", i, j, p.Addr, p.NodeKey)
			}
		}
	}

	broadcastAll := func(round string) {
		for i, nd := range nodes {
			nd.Broadcast([]byte(fmt.Sprintf("%s-%d", round, i)))
		}
		for i, nd := range nodes {
			for j := range nodes {
				if i == j {
					continue
				}
				msg := fmt.Sprintf("%s-%d", round, j)
				eventually(t, 5*time.Second, fmt.Sprintf("node %d to get %s", i, msg), func() bool { return nd.in.count(msg) >= 1 })
			}
		}
	}
	broadcastAll("r1")

	// Send reaches exactly one peer.
	if err := nodes[0].Send(nodes[1].ID(), []byte("direct")); err != nil {
		t.Fatal(err)
	}
	eventually(t, 5*time.Second, "direct message", func() bool { return nodes[1].in.count("direct") == 1 })
	if err := nodes[0].Send(nodes[0].ID(), []byte("x")); err == nil {
		t.Error("Send to ourselves succeeded")
	}

	// Stop node 3, restart it with the same key file and port.
	cfg3 := nodes[3].cfg
	nodes[3].Close()
	eventually(t, 5*time.Second, "others to see node 3 gone", peerCount(2, nodes[:3]...))
	nodes[3] = startNode(t, cfg3)
	start = time.Now()
	eventually(t, 10*time.Second, "mesh after restart", peerCount(3, nodes...))
	t.Logf("restarted node reconnected in %v", time.Since(start))
	broadcastAll("r2")

	time.Sleep(200 * time.Millisecond) // let any duplicate arrive
	for i, nd := range nodes {
		for j := range nodes {
			for _, round := range []string{"r1", "r2"} {
				msg := fmt.Sprintf("%s-%d", round, j)
				want := 1
				if i == j || (i == 3 && round == "r1") {
					want = 0
				}
				if got := nd.in.count(msg); got != want {
					t.Errorf("node %d got %s %d times, want %d", i, msg, got, want)
				}
			}
		}
	}
	if n := nodes[2].in.count("direct"); n != 0 {
		t.Errorf("direct message leaked to node 2")
	}
	for _, nd := range nodes {
		nd.Close()
	}
}

func indexOf(nodes []*node, id string) int {
	for i, nd := range nodes {
		if nd.ID() == id {
			return i
		}
	}
	return -1
}

// Both sides dial at the same instant: exactly one stream survives and no message is duplicated.
func TestSimultaneousDialNoDuplicates(t *testing.T) {
	checkGoroutines(t)
	oldYield, oldFirst := yieldDelay, firstDialDelay
	yieldDelay, firstDialDelay = 0, 300*time.Millisecond
	defer func() { yieldDelay, firstDialDelay = oldYield, oldFirst }()

	dups := 0
	defer func() { t.Logf("%d duplicate streams resolved", dups) }()
	for round := 0; round < 3; round++ {
		pa, pb := freePort(t, "127.0.0.1"), freePort(t, "127.0.0.1")
		addrs := []string{fmt.Sprintf("127.0.0.1:%d", pa), fmt.Sprintf("127.0.0.1:%d", pb)}
		cfgA := testConfig(t, addrs[0], addrs)
		var logs *logtest.Buffer
		cfgA.Logger, logs = logtest.New(slog.LevelDebug)
		a := startNode(t, cfgA)
		cfgB := testConfig(t, addrs[1], addrs)
		cfgB.Logger = cfgA.Logger
		b := startNode(t, cfgB)
		// Send from the moment each side sees the other, while duplicates are being resolved.
		const n = 300
		var wg sync.WaitGroup
		for _, pair := range [][2]*node{{a, b}, {b, a}} {
			wg.Add(1)
			go func(from, to *node) {
				defer wg.Done()
				for len(from.Peers()) == 0 {
					time.Sleep(time.Millisecond)
				}
				for i := 0; i < n; i++ {
					from.Broadcast([]byte(strconv.Itoa(i)))
					if i%20 == 0 {
						time.Sleep(2 * time.Millisecond)
					}
				}
			}(pair[0], pair[1])
		}
		wg.Wait()
		eventually(t, 10*time.Second, "all messages", func() bool { return a.in.total() >= n && b.in.total() >= n })
		time.Sleep(300 * time.Millisecond)
		for _, pair := range [][2]*node{{a, b}, {b, a}} {
			got := pair[1].in.from(pair[0].ID())
			if len(got) != n {
				t.Errorf("round %d: got %d messages, want %d", round, len(got), n)
			}
			seen := map[string]bool{}
			for _, m := range got {
				if seen[m] {
					t.Errorf("round %d: message %s delivered twice", round, m)
				}
				seen[m] = true
			}
		}
		if len(a.Peers()) != 1 || len(b.Peers()) != 1 {
			t.Errorf("peers: %v / %v", a.Peers(), b.Peers())
		}
		dups += logs.Count("duplicate stream resolved")
		a.Close()
		b.Close()
	}
}

// Validators sharing one IP on different ports; one of them listens on 0.0.0.0 and skips its own entry.
func TestSameIPDifferentPorts(t *testing.T) {
	checkGoroutines(t)
	pa, pb, pc := freePort(t, "127.0.0.1"), freePort(t, "127.0.0.1"), freePort(t, "0.0.0.0")
	addrs := []string{fmt.Sprintf("127.0.0.1:%d", pa), fmt.Sprintf("127.0.0.1:%d", pb), fmt.Sprintf("127.0.0.1:%d", pc)}
	a := startNode(t, testConfig(t, addrs[0], addrs))
	b := startNode(t, testConfig(t, addrs[1], addrs))
	c := startNode(t, testConfig(t, fmt.Sprintf("0.0.0.0:%d", pc), addrs))
	eventually(t, 10*time.Second, "three nodes on one IP", peerCount(2, a, b, c))
	if !netkit.IsOwnAddr(addrs[2], c.Addr()) || netkit.IsOwnAddr(addrs[0], c.Addr()) {
		t.Error("IsOwnAddr wrong for a 0.0.0.0 listener")
	}
	a.Broadcast([]byte("hello"))
	eventually(t, 5*time.Second, "delivery", func() bool { return b.in.count("hello") == 1 && c.in.count("hello") == 1 })
	a.Close()
	b.Close()
	c.Close()
}

// Hosts of another chain ID (other protocol) or another genesis hash (same protocol ID prefix, caught by the
// Hello) never appear in Peers() and none of their messages are delivered.
func TestOtherChainRejected(t *testing.T) {
	checkGoroutines(t)
	var ports [4]int
	var addrs []string
	for i := range ports {
		ports[i] = freePort(t, "127.0.0.1")
		addrs = append(addrs, fmt.Sprintf("127.0.0.1:%d", ports[i]))
	}
	cfgA := testConfig(t, addrs[0], addrs)
	var logs *logtest.Buffer
	cfgA.Logger, logs = logtest.New(slog.LevelInfo)
	a := startNode(t, cfgA)
	d := startNode(t, testConfig(t, addrs[3], addrs)) // same chain as a

	cfgB := testConfig(t, addrs[1], addrs)
	cfgB.ChainID = "other-chain"
	b := startNode(t, cfgB)

	cfgC := testConfig(t, addrs[2], addrs)
	gen := append([]byte(nil), testGenesis[:]...)
	gen[31] ^= 1 // same 8-byte prefix: same protocol ID, different genesis
	cfgC.GenesisHash = gen
	c := startNode(t, cfgC)
	if c.proto != a.proto || b.proto == a.proto {
		t.Fatal("test setup: protocol IDs")
	}

	eventually(t, 10*time.Second, "a and d connected", func() bool { return len(a.Peers()) == 1 && len(d.Peers()) == 1 })
	eventually(t, 10*time.Second, "mismatch logs", func() bool {
		s := logs.String()
		return strings.Contains(s, `is on chain \"other-chain\"`) && strings.Contains(s, "genesis")
	})
	b.Broadcast([]byte("from-b"))
	c.Broadcast([]byte("from-c"))
	d.Broadcast([]byte("from-d"))
	eventually(t, 5*time.Second, "a gets d's message", func() bool { return a.in.count("from-d") == 1 })
	time.Sleep(500 * time.Millisecond)
	for _, nd := range []*node{a, d} {
		for _, p := range nd.Peers() {
			if p.ID == b.ID() || p.ID == c.ID() {
				t.Errorf("peer of another chain listed: %+v", p)
			}
		}
		if nd.in.count("from-b")+nd.in.count("from-c") != 0 {
			t.Error("message from another chain delivered")
		}
	}
	if len(b.Peers()) != 0 || len(c.Peers()) != 0 {
		t.Errorf("foreign nodes have peers: %v %v", b.Peers(), c.Peers())
	}
	// Each mismatch is logged once per peer, not per attempt.
	if n := logs.Count(`chain \"other-chain\"`); n != 1 {
		t.Errorf("mismatch with b logged %d times:\n%s", n, logs.String())
	}
	for _, nd := range []*node{a, b, c, d} {
		nd.Close()
	}
}

// Garbage on the port, bad handshakes and oversized frames never disturb a host.
func TestGarbage(t *testing.T) {
	checkGoroutines(t)
	pa, pb := freePort(t, "127.0.0.1"), freePort(t, "127.0.0.1")
	addrs := []string{fmt.Sprintf("127.0.0.1:%d", pa), fmt.Sprintf("127.0.0.1:%d", pb)}
	cfgA := testConfig(t, addrs[0], addrs)
	cfgA.MaxMsgSize = 1024
	var logs *logtest.Buffer
	cfgA.Logger, logs = logtest.New(slog.LevelDebug)
	a := startNode(t, cfgA)
	b := startNode(t, testConfig(t, addrs[1], addrs))
	eventually(t, 10*time.Second, "a and b connected", peerCount(1, a, b))

	// Raw TCP garbage, a multistream header followed by junk, and a connection closed mid-way.
	junk := make([]byte, 4096)
	rand.Read(junk)
	for _, payload := range [][]byte{junk, append([]byte("\x13/multistream/1.0.0\n\x07/noise\n"), junk...), []byte("\x13/multi")} {
		conn, err := net.Dial("tcp", addrs[0])
		if err != nil {
			t.Fatal(err)
		}
		conn.Write(payload)
		conn.SetReadDeadline(time.Now().Add(200 * time.Millisecond))
		io.Copy(io.Discard, conn)
		conn.Close()
	}

	// A libp2p peer on the right protocol that sends garbage instead of a Hello, one that sends an
	// oversized Hello, and one with a valid Hello followed by a frame over MaxMsgSize.
	probe := func(first []byte, then []byte) {
		cfg := testConfig(t, "127.0.0.1:0", nil)
		h, err := New(cfg, func(string, []byte) {})
		if err != nil {
			t.Fatal(err)
		}
		if err := h.Start(); err != nil {
			t.Fatal(err)
		}
		defer h.Close()
		id, err := netkit.PeerID(context.Background(), addrs[0], h.key)
		if err != nil {
			t.Fatal(err)
		}
		m, _ := netkit.Multiaddr(addrs[0])
		h.host.Peerstore().AddAddr(id, m, time.Minute)
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		str, err := h.host.NewStream(ctx, id, h.proto)
		if err != nil {
			t.Fatal(err)
		}
		str.Write(first)
		if then != nil {
			str.Write(then)
		}
		str.SetReadDeadline(time.Now().Add(2 * time.Second))
		io.Copy(io.Discard, str) // a closes or resets the stream
		str.Close()
	}
	probe(junk, nil)
	probe([]byte{0xff, 0xff, 0xff, 0xff, 0x0f}, nil)
	var good bytes.Buffer
	netkit.WriteFrame(&good, (&hello{chainID: cfgA.ChainID, genesisHash: cfgA.GenesisHash, listenAddr: "127.0.0.1:1"}).marshal())
	probe(good.Bytes(), []byte{0x80, 0x80, 0x40}) // uvarint 1 MiB > 1 KiB limit
	for _, want := range []string{"inbound handshake failed", "frame too large"} {
		if !strings.Contains(logs.String(), want) {
			t.Errorf("log lacks %q:\n%s", want, logs.String())
		}
	}

	// a still works both ways; a frame of exactly MaxMsgSize is fine, one byte more is refused.
	eventually(t, 5*time.Second, "a and b still connected", peerCount(1, a, b))
	if a.in.total() != 0 {
		t.Errorf("garbage delivered: %v", a.in.msgs)
	}
	big := bytes.Repeat([]byte{7}, 1024)
	if err := b.Send(a.ID(), big); err != nil {
		t.Fatal(err)
	}
	a.Broadcast([]byte("after-garbage"))
	eventually(t, 5*time.Second, "messages after garbage", func() bool {
		return a.in.count(string(big)) == 1 && b.in.count("after-garbage") == 1
	})
	if err := a.Send(b.ID(), make([]byte, 1025)); err != ErrTooLarge {
		t.Errorf("oversized Send: %v", err)
	}
	a.Close()
	b.Close()
}

// A peer whose frames exceed our MaxMsgSize loses its stream; we keep running and it reconnects.
func TestOversizedFrameFromPeer(t *testing.T) {
	checkGoroutines(t)
	pa, pb := freePort(t, "127.0.0.1"), freePort(t, "127.0.0.1")
	addrs := []string{fmt.Sprintf("127.0.0.1:%d", pa), fmt.Sprintf("127.0.0.1:%d", pb)}
	cfgA := testConfig(t, addrs[0], addrs)
	cfgA.MaxMsgSize = 1000
	a := startNode(t, cfgA)
	b := startNode(t, testConfig(t, addrs[1], addrs)) // default 64 MiB limit
	eventually(t, 10*time.Second, "connected", peerCount(1, a, b))
	b.Broadcast(make([]byte, 5000))
	// The reset loses whatever was in flight; messages flow again once b has reconnected.
	start := time.Now()
	eventually(t, 10*time.Second, "messages after reconnect", func() bool {
		b.Broadcast([]byte("small"))
		return a.in.count("small") > 0
	})
	t.Logf("flowing again after %v", time.Since(start))
	if a.in.total() != a.in.count("small") {
		t.Errorf("a received an oversized message")
	}
	a.Close()
	b.Close()
}

func TestQueueFullDrops(t *testing.T) {
	checkGoroutines(t)
	pa, pb := freePort(t, "127.0.0.1"), freePort(t, "127.0.0.1")
	addrs := []string{fmt.Sprintf("127.0.0.1:%d", pa), fmt.Sprintf("127.0.0.1:%d", pb)}
	a := startNode(t, testConfig(t, addrs[0], addrs))
	block := make(chan struct{})
	in := &inbox{}
	bh, err := New(testConfig(t, addrs[1], addrs), func(from string, data []byte) { <-block; in.handle(from, data) })
	if err != nil {
		t.Fatal(err)
	}
	if err := bh.Start(); err != nil {
		t.Fatal(err)
	}
	b := &node{Host: bh, in: in}
	eventually(t, 10*time.Second, "connected", peerCount(1, a, b))
	// b's handler is stuck, so a's writes stall once the stream window fills and a's queue overflows.
	msg := make([]byte, 64<<10)
	start := time.Now()
	for i := 0; i < 3000; i++ {
		a.Broadcast(msg)
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("Broadcast blocked for %v", d)
	}
	if p := a.Peers(); len(p) != 1 || p[0].Dropped == 0 {
		t.Errorf("expected drops, got %+v", p)
	}
	close(block)
	a.Close()
	b.Close()
}

func TestHelloRoundTrip(t *testing.T) {
	in := hello{chainID: "c", genesisHash: []byte{1, 2}, nodeKey: []byte{3}, listenAddr: "1.2.3.4:5", incarnation: 1 << 60}
	var out hello
	if err := out.unmarshal(in.marshal()); err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(in) != fmt.Sprint(out) {
		t.Fatalf("%+v != %+v", in, out)
	}
	for _, bad := range [][]byte{{0x0a, 0x05, 'a'}, {0xff}, {0x28}} {
		if err := out.unmarshal(bad); err == nil {
			t.Errorf("unmarshal(%x) succeeded", bad)
		}
	}
}

func TestNewRejectsBadConfig(t *testing.T) {
	h := func(string, []byte) {}
	key := filepath.Join(t.TempDir(), "k")
	for _, cfg := range []Config{
		{ListenAddr: "127.0.0.1:1", KeyFile: key, GenesisHash: []byte{1}},
		{ListenAddr: "127.0.0.1:1", KeyFile: key, ChainID: "c"},
		{ListenAddr: "nonsense", KeyFile: key, ChainID: "c", GenesisHash: []byte{1}},
		{ListenAddr: "127.0.0.1:1", ChainID: "c", GenesisHash: []byte{1}},
		{ListenAddr: "127.0.0.1:1", KeyFile: key, ChainID: "a\nb", GenesisHash: []byte{1}},
	} {
		if _, err := New(cfg, h); err == nil {
			t.Errorf("New(%+v) succeeded", cfg)
		}
	}
}
