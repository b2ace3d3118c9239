package transport

import (
	"bytes"
	"crypto/rand"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"log/slog"
	mrand "math/rand/v2"
	"net"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"chain33node/crypto"
	"chain33node/logtest"
	"chain33node/loopback"
	"chain33node/netkit"
	"chain33node/poll"
)

var testGenesis = sha256.Sum256([]byte("genesis"))

// inbox records what a host's handler received.
type inbox struct {
	mu   sync.Mutex
	msgs map[string][]string // from → payloads in arrival order
	keys map[string][]byte   // from → the key of its last message
}

func (b *inbox) handle(from Peer, data []byte) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.msgs == nil {
		b.msgs, b.keys = map[string][]string{}, map[string][]byte{}
	}
	b.msgs[from.ID] = append(b.msgs[from.ID], string(data))
	b.keys[from.ID] = from.Key
}

// key returns the validator key delivered with the last message from id.
func (b *inbox) key(id string) []byte {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.keys[id]
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

// testConfig is a validator's config with a fresh BLS key.
func testConfig(t *testing.T, listen string, peers []string) Config {
	k := crypto.GenerateBLSKey()
	return Config{
		ListenAddr:  listen,
		Peers:       peers,
		KeyFile:     filepath.Join(t.TempDir(), "qbft.key"),
		ChainID:     "chain33-test",
		GenesisHash: testGenesis[:],
		NodeKey:     k.PubKey().Bytes(),
		Sign:        k.Sign,
		Logger:      slog.New(slog.DiscardHandler),
	}
}

// observerConfig is testConfig without a validator key.
func observerConfig(t *testing.T, listen string, peers []string) Config {
	cfg := testConfig(t, listen, peers)
	cfg.NodeKey, cfg.Sign = nil, nil
	return cfg
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

// port is the fixed port of the tests' listeners, each on an IP of its own (loopback.IP).
const port = 23001

// addrsOn returns "ip:port" on a new loopback IP per port given.
func addrsOn(ports ...int) []string {
	var out []string
	for _, p := range ports {
		out = append(out, fmt.Sprintf("%s:%d", loopback.IP(), p))
	}
	return out
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
		err := poll.Wait(5*time.Second, func() error {
			if n := runtime.NumGoroutine(); n > before {
				buf := make([]byte, 1<<20)
				return fmt.Errorf("goroutine leak: %d before, %d after\n%s", before, n, buf[:runtime.Stack(buf, true)])
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	})
}

func TestMain(m *testing.M) {
	// libp2p starts a few process-wide goroutines on first use; start them before any leak check.
	dir, _ := os.MkdirTemp("", "transport-warmup")
	mk := func(i int) *Host {
		h, err := New(Config{ListenAddr: "127.0.0.1:0", KeyFile: filepath.Join(dir, strconv.Itoa(i)), ChainID: "w",
			GenesisHash: []byte{1}, Logger: slog.New(slog.DiscardHandler)}, func(Peer, []byte) {})
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
		ChainID: "w", GenesisHash: []byte{1}, Logger: slog.New(slog.DiscardHandler)}, func(Peer, []byte) {})
	b.Start()
	poll.Wait(3*time.Second, func() error {
		if len(b.Peers()) == 0 {
			return errors.New("not connected")
		}
		return nil
	})
	b.Close()
	a.Close()
	os.RemoveAll(dir)
	os.Exit(m.Run())
}

// Four validators on four IPs, all on the same port, each configured with all four addresses.
func TestMeshSamePortRestart(t *testing.T) {
	checkGoroutines(t)
	addrs := addrsOn(port, port, port, port)
	nodes := make([]*node, 4)
	for i := range nodes {
		nodes[i] = startNode(t, testConfig(t, addrs[i], addrs))
	}
	poll.Until(t, 10*time.Second, "full mesh", peerCount(3, nodes...))

	// Peer info: addresses and validator keys as configured.
	for i, nd := range nodes {
		for _, p := range nd.Peers() {
			j := indexOf(nodes, p.ID)
			if j < 0 || j == i {
				t.Fatalf("node %d lists unknown peer %s", i, p.ID)
			}
			if p.Addr != addrs[j] || !bytes.Equal(p.NodeKey, nodes[j].cfg.NodeKey) || !p.Validator {
				t.Errorf("node %d sees peer %d as %s / %x / validator %v", i, j, p.Addr, p.NodeKey, p.Validator)
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
				poll.Until(t, 5*time.Second, fmt.Sprintf("node %d to get %s", i, msg), func() bool { return nd.in.count(msg) >= 1 })
			}
		}
	}
	broadcastAll("r1")
	for i, nd := range nodes { // each message came with the key its sender proved
		for j, from := range nodes {
			if i != j && !bytes.Equal(nd.in.key(from.ID()), from.cfg.NodeKey) {
				t.Errorf("node %d got node %d's message with key %x", i, j, nd.in.key(from.ID()))
			}
		}
	}

	// Send reaches exactly one peer.
	if err := nodes[0].Send(nodes[1].ID(), []byte("direct")); err != nil {
		t.Fatal(err)
	}
	poll.Until(t, 5*time.Second, "direct message", func() bool { return nodes[1].in.count("direct") == 1 })
	if err := nodes[0].Send(nodes[0].ID(), []byte("x")); err == nil {
		t.Error("Send to ourselves succeeded")
	}

	// Stop node 3, restart it with the same key file and port.
	cfg3 := nodes[3].cfg
	nodes[3].Close()
	poll.Until(t, 5*time.Second, "others to see node 3 gone", peerCount(2, nodes[:3]...))
	nodes[3] = startNode(t, cfg3)
	poll.Until(t, 10*time.Second, "mesh after restart", peerCount(3, nodes...))
	broadcastAll("r2")
	// A last round, after which any duplicate of the earlier ones sent on a session has arrived.
	broadcastAll("end")
	for i, nd := range nodes {
		for j := range nodes {
			for _, round := range []string{"r1", "r2", "end"} {
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
		addrs := addrsOn(port, port)
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
				for len(from.Peers()) == 0 { // from the first moment: poll.Until would back off to 50 ms
					time.Sleep(time.Millisecond)
				}
				for i := 0; i < n; i++ {
					from.Broadcast([]byte(strconv.Itoa(i)))
					if i%20 == 0 { // spread over the time the duplicate streams are resolved
						time.Sleep(2 * time.Millisecond)
					}
				}
				from.Broadcast([]byte("end")) // after it, any duplicate on a session has arrived
			}(pair[0], pair[1])
		}
		wg.Wait()
		poll.Until(t, 10*time.Second, "all messages and the end marker", func() bool {
			return a.in.count("end") > 0 && b.in.count("end") > 0
		})
		for _, pair := range [][2]*node{{a, b}, {b, a}} {
			got := pair[1].in.from(pair[0].ID())
			if len(got) != n+1 {
				t.Errorf("round %d: got %d messages, want %d and the end marker", round, len(got), n)
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
	ip := loopback.IP()
	addrs := []string{fmt.Sprintf("%s:%d", ip, port), fmt.Sprintf("%s:%d", ip, port+1), ""}
	// 0.0.0.0:pc takes pc on every IP, so pc is one that no other test listens on anywhere (28000-31999,
	// below the ephemeral ports), tried again if another test binary runs this test right now. Its entry is
	// at 127.0.0.1, an IP of this machine's interfaces.
	var c *node
	for range 10 {
		pc := 28000 + mrand.IntN(4000)
		addrs[2] = fmt.Sprintf("127.0.0.1:%d", pc)
		cfg := testConfig(t, fmt.Sprintf("0.0.0.0:%d", pc), addrs)
		in := &inbox{}
		h, err := New(cfg, in.handle)
		if err != nil {
			t.Fatal(err)
		}
		if err := h.Start(); err != nil {
			if !strings.Contains(err.Error(), "address already in use") {
				t.Fatal(err)
			}
			continue
		}
		t.Cleanup(func() { h.Close() })
		c = &node{Host: h, in: in, cfg: cfg}
		break
	}
	if c == nil {
		t.Fatal("no free port for 0.0.0.0")
	}
	a := startNode(t, testConfig(t, addrs[0], addrs))
	b := startNode(t, testConfig(t, addrs[1], addrs))
	poll.Until(t, 10*time.Second, "three nodes on one IP", peerCount(2, a, b, c))
	if !netkit.IsOwnAddr(addrs[2], c.Addr()) || netkit.IsOwnAddr(addrs[0], c.Addr()) {
		t.Error("IsOwnAddr wrong for a 0.0.0.0 listener")
	}
	a.Broadcast([]byte("hello"))
	poll.Until(t, 5*time.Second, "delivery", func() bool { return b.in.count("hello") == 1 && c.in.count("hello") == 1 })
	a.Close()
	b.Close()
	c.Close()
}

// Hosts of another chain ID (other protocol) or another genesis hash (same protocol ID prefix, caught by the
// Hello) never appear in Peers() and none of their messages are delivered.
func TestOtherChainRejected(t *testing.T) {
	checkGoroutines(t)
	addrs := addrsOn(port, port, port, port)
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

	poll.Until(t, 10*time.Second, "a and d connected", func() bool { return len(a.Peers()) == 1 && len(d.Peers()) == 1 })
	poll.Until(t, 10*time.Second, "mismatch logs", func() bool {
		s := logs.String()
		return strings.Contains(s, `is on chain \"other-chain\"`) && strings.Contains(s, "genesis")
	})
	// b and c broadcast first; d's message, sent after theirs, arrives: theirs had the time to.
	b.Broadcast([]byte("from-b"))
	c.Broadcast([]byte("from-c"))
	d.Broadcast([]byte("from-d"))
	poll.Until(t, 5*time.Second, "a gets d's message", func() bool { return a.in.count("from-d") == 1 })
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

// Garbage on the port and bad handshakes never disturb a host; a libp2p peer whose hello or proof is malformed
// is banned for it.
func TestGarbage(t *testing.T) {
	checkGoroutines(t)
	addrs := addrsOn(port, port)
	cfgA := testConfig(t, addrs[0], addrs)
	cfgA.MaxMsgSize = 1024
	var logs *logtest.Buffer
	cfgA.Logger, logs = logtest.New(slog.LevelInfo)
	a := startNode(t, cfgA)
	b := startNode(t, testConfig(t, addrs[1], addrs))
	poll.Until(t, 10*time.Second, "a and b connected", peerCount(1, a, b))

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

	// libp2p peers on the right protocol whose handshake is malformed: garbage instead of a hello, a hello
	// frame over its limit, a hello without nonce, and a good hello with a proof but no key claimed.
	good := hello{chainID: cfgA.ChainID, genesisHash: cfgA.GenesisHash, listenAddr: "127.0.0.1:1", nonce: make([]byte, nonceSize)}
	noNonce := good
	noNonce.nonce = nil
	for i, stream := range [][]byte{
		append([]byte{16}, junk[:16]...), // a 16-byte hello cannot hold a nonce
		{0xff, 0xff, 0xff, 0xff, 0x0f},
		frames(noNonce.marshal()),
		frames(good.marshal(), make([]byte, 96)),
	} {
		x := newRawPeer(t)
		str, _, _ := x.open(a.Host)
		str.Write(stream)
		poll.Until(t, 5*time.Second, fmt.Sprintf("ban of probe %d", i), func() bool {
			// The ban is counted before it is logged.
			return a.Stats().Bans[ReasonBadHello] == uint64(i+1) && logs.Count("qbft peer banned") >= i+1
		})
		x.host.Close()
	}
	if n := logs.Count("qbft peer banned"); n != 4 || logs.Count("reason=bad_hello") != 4 {
		t.Errorf("%d ban lines, want 4 for bad_hello:\n%s", n, logs.String())
	}

	// a still works both ways; a frame of exactly MaxMsgSize is fine.
	poll.Until(t, 5*time.Second, "a and b still connected", peerCount(1, a, b))
	if a.in.total() != 0 {
		t.Errorf("garbage delivered: %v", a.in.msgs)
	}
	big := bytes.Repeat([]byte{7}, 1024)
	if err := b.Send(a.ID(), big); err != nil {
		t.Fatal(err)
	}
	a.Broadcast([]byte("after-garbage"))
	poll.Until(t, 5*time.Second, "messages after garbage", func() bool {
		return a.in.count(string(big)) == 1 && b.in.count("after-garbage") == 1
	})
	if err := a.Send(b.ID(), make([]byte, 1025)); err != ErrTooLarge {
		t.Errorf("oversized Send: %v", err)
	}
	a.Close()
	b.Close()
}

// frames concatenates uvarint-length-prefixed frames.
func frames(fs ...[]byte) []byte {
	var buf bytes.Buffer
	for _, f := range fs {
		netkit.WriteFrame(&buf, f)
	}
	return buf.Bytes()
}

// A peer whose frame exceeds our MaxMsgSize is banned; it reconnects when the ban ends.
func TestOversizedFrameFromPeer(t *testing.T) {
	checkGoroutines(t)
	addrs := addrsOn(port, port)
	cfgA := testConfig(t, addrs[0], addrs)
	cfgA.MaxMsgSize = 1000
	cfgA.BanDuration = time.Second
	a := startNode(t, cfgA)
	b := startNode(t, testConfig(t, addrs[1], addrs)) // default 64 MiB limit
	poll.Until(t, 10*time.Second, "connected", peerCount(1, a, b))
	sent := time.Now() // before the ban, so that the time since is at least the ban's however late we look
	b.Broadcast(make([]byte, 5000))
	poll.Until(t, 5*time.Second, "ban for the oversized frame", func() bool { return a.Stats().Bans[ReasonOversize] == 1 })
	poll.Until(t, 10*time.Second, "messages after the ban", func() bool {
		b.Broadcast([]byte("small"))
		return a.in.count("small") > 0
	})
	if d := time.Since(sent); d < cfgA.BanDuration {
		t.Errorf("flowing again %v after a ban of %v", d, cfgA.BanDuration)
	}
	if a.in.total() != a.in.count("small") {
		t.Errorf("a received an oversized message")
	}
	a.Close()
	b.Close()
}

func TestQueueFullDrops(t *testing.T) {
	checkGoroutines(t)
	addrs := addrsOn(port, port)
	a := startNode(t, testConfig(t, addrs[0], addrs))
	block := make(chan struct{})
	in := &inbox{}
	bh, err := New(testConfig(t, addrs[1], addrs), func(from Peer, data []byte) { <-block; in.handle(from, data) })
	if err != nil {
		t.Fatal(err)
	}
	if err := bh.Start(); err != nil {
		t.Fatal(err)
	}
	b := &node{Host: bh, in: in}
	poll.Until(t, 10*time.Second, "connected", peerCount(1, a, b))
	// b's handler is stuck, so a's writes stall once the stream window fills and a's queue overflows:
	// Broadcast drops instead of waiting for the handler, so all of them return while it is still stuck.
	msg := make([]byte, 64<<10)
	sent := make(chan struct{})
	go func() {
		defer close(sent)
		for i := 0; i < 3000; i++ {
			a.Broadcast(msg)
		}
	}()
	select {
	case <-sent:
	case <-time.After(time.Minute):
		close(block)
		t.Fatal("Broadcast blocked on a peer whose handler is stuck")
	}
	if p := a.Peers(); len(p) != 1 || p[0].Dropped == 0 {
		t.Errorf("expected drops, got %+v", p)
	}
	close(block)
	a.Close()
	b.Close()
}

func TestHelloRoundTrip(t *testing.T) {
	in := hello{chainID: "c", genesisHash: []byte{1, 2}, nodeKey: bytes.Repeat([]byte{3}, 48), listenAddr: "1.2.3.4:5",
		incarnation: 1 << 60, nonce: bytes.Repeat([]byte{4}, nonceSize)}
	var out hello
	if err := out.unmarshal(in.marshal()); err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(in) != fmt.Sprint(out) {
		t.Fatalf("%+v != %+v", in, out)
	}
	for name, mod := range map[string]func(*hello){
		"no nonce":        func(m *hello) { m.nonce = nil },
		"short nonce":     func(m *hello) { m.nonce = m.nonce[1:] },
		"short key":       func(m *hello) { m.nodeKey = m.nodeKey[1:] },
		"long listenAddr": func(m *hello) { m.listenAddr = strings.Repeat("1", 256) },
	} {
		m := in
		mod(&m)
		if err := out.unmarshal(m.marshal()); err == nil {
			t.Errorf("%s: unmarshal succeeded", name)
		}
	}
	for _, bad := range [][]byte{{0x0a, 0x05, 'a'}, {0xff}, {0x28}} {
		if err := out.unmarshal(bad); err == nil {
			t.Errorf("unmarshal(%x) succeeded", bad)
		}
	}
}

func TestNewRejectsBadConfig(t *testing.T) {
	h := func(Peer, []byte) {}
	key := filepath.Join(t.TempDir(), "k")
	k, other := crypto.GenerateBLSKey(), crypto.GenerateBLSKey()
	pub := k.PubKey().Bytes()
	for _, cfg := range []Config{
		{ListenAddr: "127.0.0.1:1", KeyFile: key, GenesisHash: []byte{1}},
		{ListenAddr: "127.0.0.1:1", KeyFile: key, ChainID: "c"},
		{ListenAddr: "nonsense", KeyFile: key, ChainID: "c", GenesisHash: []byte{1}},
		{ListenAddr: "127.0.0.1:1", ChainID: "c", GenesisHash: []byte{1}},
		{ListenAddr: "127.0.0.1:1", KeyFile: key, ChainID: "a\nb", GenesisHash: []byte{1}},
		{ListenAddr: "127.0.0.1:1", KeyFile: key, ChainID: "c", GenesisHash: []byte{1}, NodeKey: pub},                   // no Sign
		{ListenAddr: "127.0.0.1:1", KeyFile: key, ChainID: "c", GenesisHash: []byte{1}, Sign: k.Sign},                   // no key
		{ListenAddr: "127.0.0.1:1", KeyFile: key, ChainID: "c", GenesisHash: []byte{1}, NodeKey: pub, Sign: other.Sign}, // wrong key
		{ListenAddr: "127.0.0.1:1", KeyFile: key, ChainID: "c", GenesisHash: []byte{1}, NodeKey: pub[1:], Sign: k.Sign},
	} {
		if _, err := New(cfg, h); err == nil {
			t.Errorf("New(%+v) succeeded", cfg)
		}
	}
	if _, err := New(Config{ListenAddr: "127.0.0.1:1", KeyFile: key, ChainID: "c", GenesisHash: []byte{1}, NodeKey: pub, Sign: k.Sign}, h); err != nil {
		t.Errorf("New with a matching key: %v", err)
	}
}
