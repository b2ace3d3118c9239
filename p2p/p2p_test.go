package p2p

import (
	"bytes"
	"context"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"chain33node/loopback"
	"chain33node/netkit"
	"chain33node/poll"
	"chain33node/types"

	"github.com/libp2p/go-libp2p"
	"github.com/libp2p/go-libp2p/core/crypto"
	"github.com/libp2p/go-libp2p/core/host"
	"github.com/libp2p/go-libp2p/core/network"
	"github.com/libp2p/go-libp2p/core/peer"
	"github.com/libp2p/go-libp2p/core/protocol"
	"github.com/libp2p/go-libp2p/p2p/muxer/yamux"
	"github.com/libp2p/go-libp2p/p2p/security/noise"
	"github.com/libp2p/go-libp2p/p2p/transport/tcp"
	ma "github.com/multiformats/go-multiaddr"
)

func TestMain(m *testing.M) {
	blockDuration = 30 * time.Second
	mismatchDuration = 30 * time.Second
	discoveryInterval = 2 * time.Second
	syncLogEvery = 200
	os.Exit(m.Run())
}

// Two hosts on 127.0.0.1: handshake, peer status, tx gossip, block announce, is_sync.
func TestTwoHostsGossip(t *testing.T) {
	net := newTestNet(t)
	a := newTestNode(t, net)
	a.start(a.hostConfig("127.0.0.1:0"))
	b := newTestNode(t, net)
	b.start(b.hostConfig("127.0.0.1:0", a.addr()))
	poll.Until(t, 10*time.Second, "a and b connected", meshOf(a, b))
	poll.Until(t, 10*time.Second, "gossip subscriptions", gossipReady(a, b))

	// Peer status: chain33 node name, address, head.
	pa := peerIDs(b)[a.host.ID()]
	key, _ := os.ReadFile(a.host.cfg.KeyFile)
	if len(key) == 0 {
		t.Fatal("key file missing")
	}
	if len(pa.Name) != 66 || pa.Name != a.host.Name() || !strings.HasPrefix(pa.Name, "0") {
		t.Fatalf("peer name %q, want a's compressed public key %q", pa.Name, a.host.Name())
	}
	if pa.Addr != "127.0.0.1" || fmt.Sprintf("127.0.0.1:%d", pa.Port) != a.addr() || pa.Inbound {
		t.Fatalf("peer a seen by b: %+v (a listens on %s)", pa, a.addr())
	}
	if pa.Height != 0 || pa.Header == nil || !bytes.Equal(pa.Header.Hash, a.c.GenesisHash()) {
		t.Fatalf("peer a head: %+v", pa)
	}
	if pb := peerIDs(a)[b.host.ID()]; !pb.Inbound {
		t.Fatalf("b should be inbound at a: %+v", pb)
	}
	if !a.host.IsCaughtUp() || !b.host.IsCaughtUp() {
		t.Fatal("fresh nodes at the same height should be caught up")
	}
	if ext, local, in, out := a.host.NetInfo(); in != 1 || out != 0 || ext != a.addr() || local != a.addr() {
		t.Fatalf("a NetInfo %s %s %d %d", ext, local, in, out)
	}

	// A transaction admitted at a reaches b's mempool.
	txs := transfers(3)
	for _, tx := range txs {
		if err := a.pool.Add(tx); err != nil {
			t.Fatal(err)
		}
	}
	poll.Until(t, 10*time.Second, "txs in b's mempool", func() bool { return b.pool.Size() == 3 })
	poll.Until(t, 5*time.Second, "mempool size in status", func() bool { return peerIDs(b)[a.host.ID()].MempoolSize == 3 })

	// a commits a block and announces it; b applies it at its head.
	blk, _ := a.produce(nil)
	if len(blk.Txs) != 3 {
		t.Fatalf("block has %d txs", len(blk.Txs))
	}
	// The head moves inside ApplyBlock, before the harness counts the apply and the mempool drops the block's txs.
	poll.Until(t, 10*time.Second, "b applies the announced block", func() bool {
		h, _ := b.Head()
		return h == 1 && b.applied.Load() == 1 && b.pool.Size() == 0
	})
	if b.applied.Load() != 1 || b.pool.Size() != 0 || b.host.LightBlocksMissed() != 0 {
		t.Fatalf("applied %d, b mempool %d, light blocks missed %d", b.applied.Load(), b.pool.Size(), b.host.LightBlocksMissed())
	}
	// Blocks are announced light: the transactions' hashes, not the transactions. b filled that block from its
	// mempool; a block of transactions it never saw, it syncs from a.
	if blk2, _ := a.produce(transfers(2)); len(blk2.Txs) != 2 {
		t.Fatalf("block has %d txs", len(blk2.Txs))
	}
	poll.Until(t, 10*time.Second, "b syncs the block it could not fill", func() bool { h, _ := b.Head(); return h == 2 })
	if b.host.LightBlocksMissed() != 1 {
		t.Fatalf("light blocks missed %d, want 1", b.host.LightBlocksMissed())
	}
	poll.Until(t, 5*time.Second, "a's height in b's peer list", func() bool {
		p := peerIDs(b)[a.host.ID()]
		return p.Height == 2 && p.Header != nil && p.Header.ParentHash != nil && bytes.Equal(p.Header.ParentHash, types.BlockHash(blk))
	})
	if !b.host.IsCaughtUp() {
		t.Fatal("b not caught up")
	}
	if self := a.host.Self(); self.Height != 2 || self.Name != a.host.Name() || self.Port == 0 {
		t.Fatalf("self %+v", self)
	}
}

// Three hosts on IPs of their own with the same port; c knows only b and finds a through discovery. A fourth
// with FixedSeed knows only b and dials only b.
func TestSamePortDiscovery(t *testing.T) {
	const port = 23802
	ips := map[string]bool{}
	at := func() string {
		ip := loopback.IP()
		ips[ip] = true
		return fmt.Sprintf("%s:%d", ip, port)
	}
	addrA, addrB, addrC, addrD := at(), at(), at(), at()
	net := newTestNet(t)
	a := newTestNode(t, net)
	a.start(a.hostConfig(addrA, addrA, addrB)) // own address skipped
	b := newTestNode(t, net)
	b.start(b.hostConfig(addrB, addrA))
	d := newTestNode(t, net)
	dcfg := d.hostConfig(addrD, addrB)
	dcfg.FixedSeed = true
	d.start(dcfg)
	poll.Until(t, 10*time.Second, "the fixed-seed node connected to its seed", func() bool { _, ok := peerIDs(d)[b.host.ID()]; return ok })
	// c starts after d and runs discovery every discoveryInterval from its start: by c's second round, d's
	// first (had it one) is a whole interval past, its dials done.
	c := newTestNode(t, net)
	c.start(c.hostConfig(addrC, addrB))

	poll.Until(t, 15*time.Second, "a, b, c fully connected and two rounds of discovery at c", func() bool {
		_, cHasA := peerIDs(c)[a.host.ID()]
		return cHasA && len(a.host.Peers()) >= 2 && len(b.host.Peers()) == 3 && c.logs.Count("peer discovery") >= 2
	})
	for _, n := range []*testNode{a, b, c} {
		for _, p := range n.host.Peers() {
			if p.Port != port || !ips[p.Addr] {
				t.Fatalf("%s lists %+v: want its listen address and port %d", n.addr(), p, port)
			}
		}
	}
	if pa := peerIDs(c)[a.host.ID()]; addrA != fmt.Sprintf("%s:%d", pa.Addr, pa.Port) {
		t.Fatalf("c should list a at %s: %+v", addrA, pa)
	}
	// The fixed-seed node dials only its seed (others may still dial it, as in chain33).
	for _, p := range d.host.Peers() {
		if !p.Inbound && p.ID != b.host.ID() {
			t.Fatalf("fixed-seed node dialed %s (%s)", p.ID, p.Addr)
		}
	}
	poll.Until(t, 10*time.Second, "gossip subscriptions", gossipReady(a, b, c))

	tx := transfers(1)[0]
	if err := c.pool.Add(tx); err != nil {
		t.Fatal(err)
	}
	poll.Until(t, 10*time.Second, "c's tx everywhere", func() bool { return a.pool.Has(tx.Hash) && b.pool.Has(tx.Hash) })
	a.produce(nil)
	poll.Until(t, 10*time.Second, "block 1 everywhere", func() bool {
		hb, _ := b.Head()
		hc, _ := c.Head()
		hd, _ := d.Head()
		return hb == 1 && hc == 1 && hd == 1
	})
}

// A node 500 blocks behind downloads them from two peers.
func TestSyncFromTwoPeers(t *testing.T) {
	checkGoroutines(t)
	net := newTestNet(t)
	a := newTestNode(t, net)
	for i := 1; i <= 500; i++ {
		var txs []*types.Tx
		if i%25 == 0 {
			txs = transfers(2)
		}
		a.produce(txs)
	}
	b := newTestNode(t, net)
	b.copyChain(a)
	a.start(a.hostConfig("127.0.0.1:0"))
	b.start(b.hostConfig("127.0.0.1:0", a.addr()))
	poll.Until(t, 10*time.Second, "a and b connected", meshOf(a, b))

	c := newTestNode(t, net)
	c.start(c.hostConfig("127.0.0.1:0", a.addr(), b.addr()))
	if c.host.IsCaughtUp() {
		t.Fatal("caught up before any peer")
	}
	start := time.Now()
	poll.Until(t, 60*time.Second, "c synced", func() bool { h, _ := c.Head(); return h == 500 })
	t.Logf("synced 500 blocks in %v; served by a %d, by b %d", time.Since(start), a.served.Load(), b.served.Load())
	_, ha := a.Head()
	if _, hc := c.Head(); !bytes.Equal(ha, hc) {
		t.Fatal("c's head differs from a's")
	}
	if a.served.Load() == 0 || b.served.Load() == 0 {
		t.Fatalf("not served by both peers: a %d, b %d", a.served.Load(), b.served.Load())
	}
	poll.Until(t, 5*time.Second, "c caught up", c.host.IsCaughtUp)
	// The sync loop logs "caught up" after the head reaches the peers' (IsCaughtUp reads the head).
	poll.Until(t, 5*time.Second, "progress logs with the rate and \"caught up\"", func() bool {
		l := c.logs.String()
		return strings.Contains(l, "caught up") && strings.Contains(l, "blocks_per_s")
	})
	// And it follows new blocks by gossip.
	poll.Until(t, 10*time.Second, "gossip subscriptions", gossipReady(a, b, c))
	a.produce(transfers(1))
	poll.Until(t, 10*time.Second, "block 501 at c", func() bool { h, _ := c.Head(); return h == 501 })
}

// A node whose every seed is connected starts syncing at once; it waits syncStartWait only for seeds not yet
// connected (TestSyncFromTwoPeers: both seeds serve).
func TestSyncStartsWhenSeedsConnected(t *testing.T) {
	w := syncStartWait
	t.Cleanup(func() { syncStartWait = w }) // after the hosts close: cleanups run last first
	syncStartWait = time.Hour
	net := newTestNet(t)
	a := newTestNode(t, net)
	for range 20 {
		a.produce(nil)
	}
	a.start(a.hostConfig("127.0.0.1:0"))
	f := newTestNode(t, net)
	f.start(f.hostConfig("127.0.0.1:0", a.addr()))
	poll.Until(t, 30*time.Second, "f synced from its one seed", func() bool { h, _ := f.Head(); return h == 20 })
}

// The start wait ends when every seed is up; peers that are not seeds (they connected to us) do not count.
func TestSyncWaitsForSeeds(t *testing.T) {
	now := time.Now()
	seedA, seedB, other := peer.ID("seed-a"), peer.ID("seed-b"), peer.ID("inbound")
	h := &Host{startedAt: now, seedCount: 2, seedIDs: map[string]peer.ID{"10.0.0.1:13802": seedA, "10.0.0.2:13802": seedB}}
	for _, c := range []struct {
		name  string
		at    time.Time
		peers []peer.ID
		wait  bool
	}{
		{"no peer", now, nil, true},
		{"one seed and a non-seed", now, []peer.ID{seedA, other}, true},
		{"both seeds", now, []peer.ID{seedA, seedB}, false},
		{"one seed after the wait", now.Add(syncStartWait), []peer.ID{seedA}, false},
	} {
		var peers []syncPeer
		for _, id := range c.peers {
			peers = append(peers, syncPeer{id: id, height: 5})
		}
		if got := h.waitingForSeeds(c.at, peers); got != c.wait {
			t.Errorf("%s: waiting %v, want %v", c.name, got, c.wait)
		}
	}
}

// A node syncing from one peer keeps as many requests in flight as the peer serves at once, and asks for
// the next as soon as one is answered: none is refused (a refused request cools the peer down for seconds),
// also when the peer is slow (a busy CPU) to finish a response after its last bytes left, to go on after
// answering our status, or to take our status after we took its: it no longer counts that request, it took
// our status before answering, and it waits for us to come up.
func TestSyncNoRequestRefused(t *testing.T) {
	syncServed = func() { time.Sleep(200 * time.Millisecond) }
	statusAnswered = func() { time.Sleep(200 * time.Millisecond) }
	t.Cleanup(func() { syncServed, statusAnswered, statusReceived = nil, nil, nil }) // after the hosts close: cleanups run last first
	net := newTestNet(t)
	a := newTestNode(t, net)
	statusReceived = func(h *Host) {
		if h == a.host {
			time.Sleep(200 * time.Millisecond)
		}
	}
	const blocks = (syncPerPeer + 2) * syncRangeBlocks
	for range blocks {
		a.produce(nil)
	}
	a.start(a.hostConfig("127.0.0.1:0"))
	f := newTestNode(t, net)
	f.start(f.hostConfig("127.0.0.1:0", a.addr()))
	poll.Until(t, 60*time.Second, "f synced", func() bool { h, _ := f.Head(); return h == blocks })
	if strings.Contains(a.logs.String(), "sync request refused") || strings.Contains(f.logs.String(), "sync request failed") {
		t.Fatalf("a sync request was refused:\n%s", f.logs)
	}
}

// A block whose certificate is valid but one of whose transactions carries a bad signature is refused by a
// syncing node, which checks signatures ahead of applying (Chain.Preverify) and, for a block that did not
// pass, again while applying; the peer that served it is blamed.
func TestSyncBadSignature(t *testing.T) {
	net := newTestNet(t)
	a := newTestNode(t, net)
	for i := 1; i <= 200; i++ {
		var txs []*types.Tx
		if i == 150 {
			bad := transfers(3)
			bad[1].Signature.Signature[7] ^= 1
			txs = []*types.Tx{bad[0], types.NewTx(bad[1].Transaction), bad[2]}
		}
		a.produce(txs)
	}
	a.start(a.hostConfig("127.0.0.1:0"))
	f := newTestNode(t, net)
	f.start(f.hostConfig("127.0.0.1:0", a.addr()))
	poll.Until(t, 30*time.Second, "the bad block refused", func() bool {
		return strings.Contains(f.logs.String(), "served invalid block 150")
	})
	if h, _ := f.Head(); h != 149 {
		t.Fatalf("head %d, want 149", h)
	}
	poll.Until(t, 10*time.Second, "the peer that served the bad block disconnected", func() bool {
		_, ok := peerIDs(f)[a.host.ID()]
		return !ok
	})
}

// Nodes of another channel, or of another genesis with the same protocol IDs, dial the same seeds and are
// never listed, never exchange a transaction, and are reported once.
func TestChannelIsolation(t *testing.T) {
	// Restored after the nodes' own cleanups have stopped them (cleanups run last first): a deferred
	// restore ran while their goroutines still read it (a race CI found).
	d := mismatchDuration
	t.Cleanup(func() { mismatchDuration = d })
	mismatchDuration = time.Second // they come back soon, and are rejected again without a new log
	net := newTestNet(t)
	a := newTestNode(t, net)
	a.start(a.hostConfig("127.0.0.1:0"))
	b := newTestNode(t, net)
	b.start(b.hostConfig("127.0.0.1:0", a.addr()))

	x := newTestNode(t, net) // channel 7
	xcfg := x.hostConfig("127.0.0.1:0", a.addr(), b.addr())
	xcfg.Channel = 7
	x.start(xcfg)
	y := newTestNode(t, net) // another genesis hash sharing the 8-byte prefix in the protocol IDs
	ycfg := y.hostConfig("127.0.0.1:0", a.addr(), b.addr())
	ycfg.GenesisHash = bytes.Clone(ycfg.GenesisHash)
	ycfg.GenesisHash[31] ^= 1
	y.start(ycfg)
	if x.host.protos.status == a.host.protos.status || y.host.protos.status != a.host.protos.status {
		t.Fatal("test setup: protocol IDs")
	}

	poll.Until(t, 10*time.Second, "a and b connected", meshOf(a, b))
	poll.Until(t, 10*time.Second, "x and y rejected by a and b", func() bool {
		for _, n := range []*testNode{a, b} {
			l := n.logs.String()
			if !strings.Contains(l, x.host.ID()) || !strings.Contains(l, y.host.ID()) {
				return false
			}
		}
		return true
	})
	poll.Until(t, 10*time.Second, "gossip subscriptions", gossipReady(a, b))
	tx := transfers(1)[0]
	if err := a.pool.Add(tx); err != nil {
		t.Fatal(err)
	}
	foreign := transfers(1)[0]
	for _, n := range []*testNode{x, y} {
		if err := n.pool.Add(foreign); err != nil {
			t.Fatal(err)
		}
	}
	poll.Until(t, 10*time.Second, "tx at b", func() bool { return b.pool.Has(tx.Hash) })
	// Both foreign nodes come back once their block ends, with the foreign tx in their pools, and are
	// rejected again: the repeat is logged at debug level only.
	poll.Until(t, 20*time.Second, "x and y rejected again by a and b", func() bool {
		for _, n := range []*testNode{a, b} {
			for _, f := range []*testNode{x, y} {
				if logLines(n, "level=DEBUG", "rejecting peer of another chain", "peer="+f.host.ID()) == 0 {
					return false
				}
			}
		}
		return true
	})
	for _, n := range []*testNode{a, b} {
		if n.pool.Has(foreign.Hash) {
			t.Fatal("a foreign chain's tx crossed over")
		}
		if ps := n.host.Peers(); len(ps) != 1 {
			t.Fatalf("%d peers listed", len(ps))
		}
		// Once per foreign peer, although both keep dialing.
		if c := logLines(n, "level=WARN", "rejecting peer of another chain"); c != 2 {
			t.Fatalf("rejection logged %d times:\n%s", c, n.logs)
		}
	}
	for _, n := range []*testNode{x, y} {
		if n.pool.Has(tx.Hash) || len(n.host.Peers()) != 0 {
			t.Fatalf("foreign node got the tx or lists %d peers", len(n.host.Peers()))
		}
	}
	if !strings.Contains(a.logs.String(), "channel 7") || !strings.Contains(a.logs.String(), fmt.Sprintf("%x", ycfg.GenesisHash)) {
		t.Fatalf("rejections do not give the reason:\n%s", a.logs)
	}
}

func TestKeyFile(t *testing.T) {
	net := newTestNet(t)
	n := newTestNode(t, net)
	cfg := n.hostConfig("127.0.0.1:0")
	h1, err := New(cfg, n, n.pool)
	if err != nil {
		t.Fatal(err)
	}
	st, err := os.Stat(cfg.KeyFile)
	if err != nil || st.Mode().Perm() != 0o600 {
		t.Fatalf("key file: %v %v", st, err)
	}
	h2, err := New(cfg, n, n.pool)
	if err != nil || h2.ID() != h1.ID() || h2.Name() != h1.Name() {
		t.Fatalf("reloaded identity differs: %v", err)
	}
	pub, _ := hex.DecodeString(h1.Name())
	if _, err := crypto.UnmarshalSecp256k1PublicKey(pub); err != nil || len(pub) != 33 {
		t.Fatalf("name is not a compressed secp256k1 key: %v", err)
	}
	if !strings.HasPrefix(h1.ID(), "16Uiu2") {
		t.Fatalf("peer ID %s is not a secp256k1 ID", h1.ID())
	}
	bad := filepath.Join(t.TempDir(), "bad.key")
	os.WriteFile(bad, []byte("garbage"), 0o600)
	cfg.KeyFile = bad
	if _, err := New(cfg, n, n.pool); err == nil || !strings.Contains(err.Error(), "corrupt") {
		t.Fatalf("corrupt key accepted: %v", err)
	}
}

// Peers that gossip garbage or a block with a bad certificate are disconnected and blocked; the honest nodes
// keep working.
func TestMisbehavingPeers(t *testing.T) {
	net := newTestNet(t)
	a := newTestNode(t, net)
	a.start(a.hostConfig("127.0.0.1:0"))
	b := newTestNode(t, net)
	b.start(b.hostConfig("127.0.0.1:0", a.addr()))
	m := newTestNode(t, net) // sends undecodable transaction batches
	m.start(m.hostConfig("127.0.0.1:0", a.addr(), b.addr()))
	m2 := newTestNode(t, net) // announces a block with a forged certificate
	m2.start(m2.hostConfig("127.0.0.1:0", a.addr(), b.addr()))
	m3 := newTestNode(t, net) // announces one, of transactions no one has: it is not synced but refused
	m3.start(m3.hostConfig("127.0.0.1:0", a.addr(), b.addr()))
	poll.Until(t, 10*time.Second, "all connected", func() bool {
		return len(a.host.Peers()) == 4 && len(b.host.Peers()) == 4
	})
	poll.Until(t, 10*time.Second, "gossip subscriptions", gossipReady(a, b, m, m2, m3))

	ctx := context.Background()
	for i := range offenceLimit {
		garbage := []byte{0x0a, 3, 1, 2, byte(i)} // one "transaction" of 3 bytes that does not decode
		if err := m.host.txTopic.Publish(ctx, garbage); err != nil {
			t.Fatal(err)
		}
	}
	x, err := m2.c.Build(nil, time.Now().Unix()) // no transactions: a and b lack none
	if err != nil {
		t.Fatal(err)
	}
	forged := types.EncodeCertificate(&types.Certificate{Height: 1, BlockHash: x.Hash, Signers: []byte{1},
		AggSig: net.bls.Sign([]byte("not the precommit")), Scheme: types.CertSchemeBDN})
	data, _ := encodeLightBlock(x.Block, x.Txs, forged)
	if err := m2.host.blockTopic.Publish(ctx, data); err != nil {
		t.Fatal(err)
	}
	y, err := m3.c.Build(transfers(2), time.Now().Unix())
	if err != nil {
		t.Fatal(err)
	}
	forged = types.EncodeCertificate(&types.Certificate{Height: 1, BlockHash: y.Hash, Signers: []byte{1},
		AggSig: net.bls.Sign([]byte("not the precommit")), Scheme: types.CertSchemeBDN})
	data, _ = encodeLightBlock(y.Block, y.Txs, forged)
	if err := m3.host.blockTopic.Publish(ctx, data); err != nil {
		t.Fatal(err)
	}

	gone := func(bad *testNode) func() bool {
		return func() bool {
			_, inA := peerIDs(a)[bad.host.ID()]
			_, inB := peerIDs(b)[bad.host.ID()]
			return !inA && !inB
		}
	}
	poll.Until(t, 10*time.Second, "garbage sender disconnected", gone(m))
	poll.Until(t, 10*time.Second, "forger disconnected", gone(m2))
	poll.Until(t, 10*time.Second, "forger of a block no one can fill disconnected", gone(m3))
	if a.host.LightBlocksMissed() != 0 || b.host.LightBlocksMissed() != 0 {
		t.Fatal("a block with a forged certificate was synced")
	}
	for _, n := range []*testNode{a, b} {
		if h, _ := n.Head(); h != 0 || n.applyErr.Load() == 0 {
			t.Fatalf("forged block: head %d, apply errors %d", h, n.applyErr.Load())
		}
		if !strings.Contains(n.logs.String(), "disconnecting and blocking peer") {
			t.Fatal("no block logged")
		}
	}
	// They stay out: blocked peers cannot reconnect for a while. Both keep redialing a and b, which refuse
	// them (at least three times each: once per blocked peer).
	before := [2]int{refused(a), refused(b)}
	poll.Until(t, 20*time.Second, "a and b refusing the blocked peers' redials", func() bool {
		return refused(a) >= before[0]+3 && refused(b) >= before[1]+3
	})
	if !gone(m)() || !gone(m2)() || !gone(m3)() {
		t.Fatal("a blocked peer came back")
	}

	// The honest pair still works.
	if ps := a.host.Peers(); len(ps) != 1 || ps[0].ID != b.host.ID() {
		t.Fatalf("a's peers: %d", len(ps))
	}
	tx := transfers(1)[0]
	if err := a.pool.Add(tx); err != nil {
		t.Fatal(err)
	}
	poll.Until(t, 10*time.Second, "tx at b", func() bool { return b.pool.Has(tx.Hash) })
	a.produce(nil)
	poll.Until(t, 10*time.Second, "block 1 at b", func() bool { h, _ := b.Head(); return h == 1 })
}

// A peer that serves blocks with bad certificates during sync is blocked, and the blocks are fetched from
// the honest peer.
func TestSyncBadPeer(t *testing.T) {
	net := newTestNet(t)
	a := newTestNode(t, net)
	for i := 1; i <= 300; i++ {
		a.produce(nil)
	}
	m := newTestNode(t, net)
	m.copyChain(a)
	m.corrupt.Store(true)
	a.start(a.hostConfig("127.0.0.1:0"))
	m.start(m.hostConfig("127.0.0.1:0"))
	f := newTestNode(t, net)
	f.start(f.hostConfig("127.0.0.1:0", m.addr(), a.addr()))
	poll.Until(t, 30*time.Second, "f synced", func() bool { h, _ := f.Head(); return h == 300 })
	if m.served.Load() == 0 {
		t.Fatal("the bad peer was never asked")
	}
	if !strings.Contains(f.logs.String(), "served invalid block") {
		t.Fatalf("bad peer not reported:\n%s", f.logs)
	}
	if _, ok := peerIDs(f)[m.host.ID()]; ok {
		t.Fatal("bad peer still connected")
	}
	poll.Until(t, 5*time.Second, "f caught up", f.host.IsCaughtUp)
}

// rawHost is a bare libp2p host with a secp256k1 key, for speaking our protocols badly.
func rawHost(t *testing.T) host.Host {
	t.Helper()
	key, _, _ := crypto.GenerateSecp256k1Key(nil)
	h, err := libp2p.New(libp2p.Identity(key), libp2p.ListenAddrStrings("/ip4/127.0.0.1/tcp/0"),
		libp2p.Transport(tcp.NewTCPTransport), libp2p.Security(noise.ID, noise.New),
		libp2p.Muxer(yamux.ID, yamux.DefaultTransport), libp2p.ResourceManager(&network.NullResourceManager{}),
		libp2p.DisableRelay(), libp2p.DisableMetrics())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { h.Close() })
	return h
}

// Garbage on our streams: a status that does not decode gets the sender blocked; requests from a peer that
// did not pass the handshake are refused; the host keeps serving its honest peer.
func TestGarbageStreams(t *testing.T) {
	net := newTestNet(t)
	a := newTestNode(t, net)
	a.start(a.hostConfig("127.0.0.1:0"))
	b := newTestNode(t, net)
	b.start(b.hostConfig("127.0.0.1:0", a.addr()))
	poll.Until(t, 10*time.Second, "a and b connected", meshOf(a, b))

	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	maddr, _ := netkit.Multiaddr(a.addr())
	aInfo := peer.AddrInfo{ID: a.host.self, Addrs: []ma.Multiaddr{maddr}}

	// Sync and addrs without a handshake: refused.
	r0 := rawHost(t)
	if err := r0.Connect(ctx, aInfo); err != nil {
		t.Fatal(err)
	}
	for _, p := range []protocol.ID{a.host.protos.sync, a.host.protos.addrs} {
		s, err := r0.NewStream(ctx, a.host.self, p)
		if err != nil {
			continue // refused at negotiation is fine too
		}
		netkit.WriteFrame(s, syncRequest{start: 1, count: 10}.marshal())
		s.SetReadDeadline(time.Now().Add(30 * time.Second)) // a guard: a resets the stream within syncUpWait
		var timeout interface{ Timeout() bool }
		if n, err := s.Read(make([]byte, 10)); n > 0 || errors.As(err, &timeout) && timeout.Timeout() {
			t.Fatalf("%s answered a peer without handshake (%d bytes) or left its stream open: %v", p, n, err)
		}
		s.Reset()
	}

	// A status that does not decode, from a new host: a disconnects one that never answers its status
	// within seconds (as r0 by now), maybe before it reads the garbage.
	r := rawHost(t)
	if err := r.Connect(ctx, aInfo); err != nil {
		t.Fatal(err)
	}
	s, err := r.NewStream(ctx, a.host.self, a.host.protos.status)
	if err != nil {
		t.Fatal(err)
	}
	netkit.WriteFrame(s, []byte{0xff, 0xff, 0xff})
	poll.Until(t, 10*time.Second, "garbage sender blocked", func() bool {
		return a.host.isBlocked(r.ID()) && r.Network().Connectedness(a.host.self) != network.Connected
	})
	if err := r.Connect(ctx, aInfo); err == nil { // if the dial got through at all, a closes it
		poll.Until(t, 10*time.Second, "a to close the blocked peer's new connection", func() bool {
			return r.Network().Connectedness(a.host.self) != network.Connected
		})
	}

	// A frame announcing 1 GiB.
	r2 := rawHost(t)
	if err := r2.Connect(ctx, aInfo); err != nil {
		t.Fatal(err)
	}
	s2, err := r2.NewStream(ctx, a.host.self, a.host.protos.status)
	if err != nil {
		t.Fatal(err)
	}
	s2.Write([]byte{0x80, 0x80, 0x80, 0x80, 0x04})
	s2.SetReadDeadline(time.Now().Add(5 * time.Second))
	if _, err := s2.Read(make([]byte, 1)); err == nil {
		t.Fatal("oversized status frame not refused")
	}

	if ps := a.host.Peers(); len(ps) != 1 || ps[0].ID != b.host.ID() {
		t.Fatalf("a's peers after garbage: %d", len(ps))
	}
	poll.Until(t, 10*time.Second, "gossip subscriptions", gossipReady(a, b))
	tx := transfers(1)[0]
	if err := b.pool.Add(tx); err != nil {
		t.Fatal(err)
	}
	poll.Until(t, 10*time.Second, "tx at a", func() bool { return a.pool.Has(tx.Hash) })
}

// Inbound peers beyond InnerBounds are refused.
func TestInboundLimit(t *testing.T) {
	net := newTestNet(t)
	a := newTestNode(t, net)
	acfg := a.hostConfig("127.0.0.1:0")
	acfg.InnerBounds, acfg.FixedSeed = 1, true
	a.start(acfg)
	var others []*testNode
	for range 3 {
		n := newTestNode(t, net)
		cfg := n.hostConfig("127.0.0.1:0", a.addr())
		cfg.FixedSeed = true
		others = append(others, n.start(cfg))
	}
	poll.Until(t, 10*time.Second, "one peer at a", func() bool { return len(a.host.Peers()) == 1 })
	poll.Until(t, 10*time.Second, "limit logged", func() bool { return a.logs.Count("inbound peer limit reached") > 0 })
	// The two that did not get in keep redialing, and are refused again.
	limited := refused(a)
	poll.Until(t, 20*time.Second, "more connections refused for the limit", func() bool { return refused(a) >= limited+4 })
	if n := len(a.host.Peers()); n != 1 {
		t.Fatalf("a has %d peers, limit 1", n)
	}
	if _, _, in, out := a.host.NetInfo(); in != 1 || out != 0 {
		t.Fatalf("inbound %d outbound %d", in, out)
	}
}

// Peers that ask for blocks before the handshake (and never finish it) wait within their own limit: as many
// as would fill the server's slots for all peers take none from an honest peer syncing meanwhile.
func TestSyncPeersNotUpTakeNoSlots(t *testing.T) {
	net := newTestNet(t)
	a := newTestNode(t, net)
	const blocks = 2 * syncRangeBlocks
	for range blocks {
		a.produce(nil)
	}
	a.start(a.hostConfig("127.0.0.1:0"))
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	maddr, _ := netkit.Multiaddr(a.addr())
	aInfo := peer.AddrInfo{ID: a.host.self, Addrs: []ma.Multiaddr{maddr}}
	waiting := func() int {
		a.host.mu.Lock()
		defer a.host.mu.Unlock()
		n := 0
		for _, ps := range a.host.peers {
			if !ps.up {
				n += ps.serving
			}
		}
		return n
	}
	for range syncServeMax / syncServePeer {
		r := rawHost(t)
		if err := r.Connect(ctx, aInfo); err != nil {
			t.Fatal(err)
		}
		for range syncServePeer {
			s, err := r.NewStream(ctx, a.host.self, a.host.protos.sync)
			if err != nil {
				t.Fatal(err)
			}
			defer s.Reset()
			netkit.WriteFrame(s, syncRequest{start: 1, count: syncRangeBlocks}.marshal())
		}
	}
	poll.Until(t, 10*time.Second, "the requests of peers not up waiting", func() bool { return waiting() == syncServeMax })
	f := newTestNode(t, net)
	f.start(f.hostConfig("127.0.0.1:0", a.addr()))
	poll.Until(t, 30*time.Second, "f synced", func() bool { h, _ := f.Head(); return h == blocks })
	if strings.Contains(f.logs.String(), "sync request failed") {
		t.Fatalf("a sync request was refused:\n%s", f.logs)
	}
}

// CatchingUp (the node's consensus then announces no status, so that its peers do not send again what block
// sync downloads) is true while block sync applies blocks more than a range behind the best peer, and false at
// the tip.
func TestCatchingUp(t *testing.T) {
	net := newTestNet(t)
	a := newTestNode(t, net)
	const tip = 3 * syncRangeBlocks
	for range tip {
		a.produce(nil)
	}
	a.start(a.hostConfig("127.0.0.1:0"))
	c := newTestNode(t, net)
	var far, near atomic.Int64 // heights applied while CatchingUp, far from the tip and near it
	c.onApply = func(b *types.Block) {
		switch {
		case !c.host.CatchingUp():
		case b.Height <= tip-syncRangeBlocks:
			far.Add(1)
		default:
			near.Add(1)
		}
	}
	if c.start(c.hostConfig("127.0.0.1:0", a.addr())); c.host.CatchingUp() {
		t.Fatal("catching up before any block applied")
	}
	poll.Until(t, 30*time.Second, "c synced", func() bool { h, _ := c.Head(); return h == tip })
	if c.host.CatchingUp() {
		t.Fatal("catching up at the tip")
	}
	// Each block is applied with the head one below it: from height tip-syncRangeBlocks+1 on, the peer is a
	// range ahead or less.
	if far.Load() == 0 || near.Load() != 0 {
		t.Fatalf("catching up at %d heights more than a range behind and %d within it; want some and none", far.Load(), near.Load())
	}
}

// A peer that claims a height far ahead but has nothing to serve does not keep CatchingUp true (and the node's
// consensus quiet): only blocks block sync applied within the last second do.
func TestCatchingUpNotByAClaim(t *testing.T) {
	net := newTestNet(t)
	a := newTestNode(t, net)
	const tip = 2 * syncRangeBlocks
	for range tip {
		a.produce(nil)
	}
	m := newTestNode(t, net)
	m.copyChain(a)
	const claimed = tip + 10*syncRangeBlocks
	m.claim.Store(claimed)
	a.start(a.hostConfig("127.0.0.1:0"))
	m.start(m.hostConfig("127.0.0.1:0"))
	f := newTestNode(t, net)
	f.start(f.hostConfig("127.0.0.1:0", a.addr(), m.addr()))
	poll.Until(t, 30*time.Second, "f synced and m's claim seen", func() bool {
		h, _ := f.Head()
		return h == tip && peerIDs(f)[m.host.ID()].Height == claimed
	})
	poll.Until(t, 10*time.Second, "f not catching up once nothing applies", func() bool { return !f.host.CatchingUp() })
	if h, _ := f.Head(); h != tip || peerIDs(f)[m.host.ID()].Height != claimed {
		t.Fatalf("f at %d, m claims %d: the claim is not what the test meant", h, peerIDs(f)[m.host.ID()].Height)
	}
}
