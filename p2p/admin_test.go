package p2p

import (
	"context"
	"strings"
	"testing"
	"time"

	"chain33node/poll"

	"github.com/libp2p/go-libp2p/core/network"
)

// Two hosts that know nothing of each other: a dials b at run time, by
// ip:port and by multiaddr, as a seed (redialed after b drops it) and not;
// closes it; blacklists it by peer ID, node name and address, which keeps it
// away until the entry is deleted; and reports traffic per protocol.
func TestRuntimeDialCloseBlacklist(t *testing.T) {
	net := newTestNet(t)
	a := newTestNode(t, net)
	a.start(a.hostConfig("127.0.0.1:0"))
	b := newTestNode(t, net)
	b.start(b.hostConfig("127.0.0.1:0"))
	ctx := context.Background()

	// Bad input is refused with the reason.
	for addr, want := range map[string]string{
		"nonsense":                   "want ip:port",
		"/ip4/127.0.0.1/udp/1":       "want /ip4/<ip>/tcp/<port>",
		"/ip4/127.0.0.1/tcp/1/p2p/x": "invalid value \"x\" for protocol p2p",
		a.addr():                     "address is our own",
	} {
		if _, err := a.host.Dial(ctx, addr, false); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("Dial(%q): %v, want %q", addr, err, want)
		}
	}

	// A one-off dial by ip:port; closing by node name disconnects for good.
	id, err := a.host.Dial(ctx, b.addr(), false)
	if err != nil || id != b.host.ID() {
		t.Fatalf("Dial: %s %v", id, err)
	}
	poll.Until(t, 10*time.Second, "a and b connected", meshOf(a, b))
	if _, err := a.host.ClosePeer(b.host.Name()); err != nil {
		t.Fatal(err)
	}
	poll.Until(t, 5*time.Second, "b disconnected", func() bool { return len(a.host.Peers()) == 0 })
	if _, err := a.host.ClosePeer(b.host.ID()); err == nil {
		t.Error("closing a peer that is not connected: no error")
	}

	// As a seed, by multiaddr: when b drops the connection, a dials it again.
	maddr := "/ip4/127.0.0.1/tcp/" + strings.Split(b.addr(), ":")[1] + "/p2p/" + b.host.ID()
	if _, err := a.host.Dial(ctx, maddr, true); err != nil {
		t.Fatal(err)
	}
	poll.Until(t, 10*time.Second, "connected to the seed", meshOf(a, b))
	connects := a.logs.Count("peer connected")
	if err := b.host.host.Network().ClosePeer(a.host.self); err != nil {
		t.Fatal(err)
	}
	poll.Until(t, 20*time.Second, "the runtime seed redialed", func() bool {
		return a.logs.Count("peer connected") > connects && meshOf(a, b)()
	})
	// ClosePeer ends the seed: it stays disconnected.
	if _, err := a.host.ClosePeer(b.host.ID()); err != nil {
		t.Fatal(err)
	}
	poll.Until(t, 5*time.Second, "b disconnected", func() bool { return len(a.host.Peers()) == 0 })
	a.host.admin.mu.Lock()
	_, redialed := a.host.admin.seeds[b.host.self]
	a.host.admin.mu.Unlock()
	if redialed {
		t.Fatal("a closed seed still has its redial loop")
	}

	// Blacklisted by peer ID: dials are refused until it is deleted; b cannot come in either.
	if err := a.host.Block(b.host.ID(), "", time.Hour); err != nil {
		t.Fatal(err)
	}
	if _, err := a.host.Dial(ctx, b.addr(), false); err == nil || !strings.Contains(err.Error(), "blocked") {
		t.Fatalf("dial of a blacklisted peer: %v", err)
	}
	refusedIn(t, a, b)
	list := a.host.Blacklist()
	if len(list) != 1 || list[0].Name != b.host.ID() || time.Until(list[0].Until) < 59*time.Minute {
		t.Fatalf("blacklist %+v", list)
	}
	if err := a.host.Unblock(b.host.Name(), ""); err != nil { // by node name
		t.Fatal(err)
	}
	if err := a.host.Unblock(b.host.ID(), ""); err == nil {
		t.Error("deleting a peer not on the blacklist: no error")
	}
	if _, err := a.host.Dial(ctx, b.addr(), false); err != nil {
		t.Fatalf("dial after delete: %v", err)
	}
	poll.Until(t, 10*time.Second, "connected again", meshOf(a, b))

	// Blacklisted by address: the connected peer is dropped, nothing connects either way.
	if err := a.host.Block("", "127.0.0.1:1", time.Hour); err != nil {
		t.Fatal(err)
	}
	poll.Until(t, 5*time.Second, "peers at the address dropped", func() bool { return len(a.host.Peers()) == 0 })
	if _, err := a.host.Dial(ctx, b.addr(), false); err == nil {
		t.Fatal("dialed a blacklisted address")
	}
	refusedIn(t, a, b)
	if list := a.host.Blacklist(); len(list) != 1 || list[0].Addr != "127.0.0.1" || list[0].Name != "" {
		t.Fatalf("blacklist %+v", list)
	}
	for _, bad := range []struct{ name, addr string }{{"", "300.1.1.1"}, {"zz", ""}, {a.host.ID(), ""}} {
		if err := a.host.Block(bad.name, bad.addr, time.Hour); err == nil {
			t.Errorf("Block(%q, %q): no error", bad.name, bad.addr)
		}
	}
	if err := a.host.Unblock("", "127.0.0.1"); err != nil {
		t.Fatal(err)
	}
	if _, err := a.host.Dial(ctx, b.addr(), false); err != nil {
		t.Fatalf("dial after the address is deleted: %v", err)
	}
	poll.Until(t, 10*time.Second, "connected again", meshOf(a, b))

	// Traffic per protocol: the protocols spoken so far, our status protocol among them.
	poll.Until(t, 10*time.Second, "the status protocol listed", func() bool {
		for _, p := range a.host.Protocols() {
			if p.Protocol == string(a.host.protos.status) && p.RateIn >= 0 && p.RateOut >= 0 {
				return true
			}
		}
		return false
	})
}

// refusedIn has b dial a, which must refuse the connection: b's dial fails,
// or the connection it got is closed without a handshake.
func refusedIn(t *testing.T, a, b *testNode) {
	t.Helper()
	if _, err := b.host.Dial(context.Background(), a.addr(), false); err != nil {
		return
	}
	poll.Until(t, 5*time.Second, "a refuses b's connection", func() bool {
		return b.host.host.Network().Connectedness(a.host.self) != network.Connected && len(a.host.Peers()) == 0
	})
}
