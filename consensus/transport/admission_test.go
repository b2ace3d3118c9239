package transport

import (
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"net"
	"strings"
	"testing"
	"time"

	"chain33node/logtest"
	"chain33node/poll"

	"github.com/libp2p/go-libp2p/core/network"
	"github.com/libp2p/go-libp2p/core/peer"
	ma "github.com/multiformats/go-multiaddr"
)

// The admission rules alone: per-IP and total caps, configured validators' IPs outside the total, slots
// freed when connections close.
func TestAdmissionCaps(t *testing.T) {
	a := newAdmission(&Config{MaxInboundPerIP: 2, MaxInbound: 3, Peers: []string{"10.0.0.9:33001", "10.0.0.9:33002", "node.example:1"}})
	in := func(ip string) (network.ConnManagementScope, error) {
		return a.OpenConnection(network.DirInbound, true, ma.StringCast("/ip4/"+ip+"/tcp/5000"))
	}
	must := func(ip string) network.ConnManagementScope {
		t.Helper()
		s, err := in(ip)
		if err != nil {
			t.Fatalf("connection from %s refused: %v", ip, err)
		}
		return s
	}
	first := must("10.0.0.1")
	must("10.0.0.1")
	if _, err := in("10.0.0.1"); err == nil {
		t.Fatal("third connection from one IP admitted (MaxInboundPerIP 2)")
	}
	must("10.0.0.2")
	if _, err := in("10.0.0.3"); err == nil {
		t.Fatal("fourth connection admitted (MaxInbound 3)")
	}
	// A configured validators' IP is outside the total, with 2 more per validator there: 2 + 2·2.
	for i := 0; i < 6; i++ {
		must("10.0.0.9")
	}
	if _, err := in("10.0.0.9"); err == nil {
		t.Fatal("connection over the configured IP's own cap admitted")
	}
	// Outbound connections are not counted.
	for i := 0; i < 10; i++ {
		if _, err := a.OpenConnection(network.DirOutbound, true, ma.StringCast("/ip4/10.0.0.1/tcp/1")); err != nil {
			t.Fatal(err)
		}
	}
	first.Done()
	first.Done() // twice is once
	must("10.0.0.3").Done()
	// New connections per IP: a burst of connBurst, then connRate.
	for range connBurst - 3 {
		must("10.0.0.1").Done()
	}
	if _, err := in("10.0.0.1"); err == nil {
		t.Fatal("connection over the IP's connection rate admitted")
	}
	s := a.stats()
	if s.Inbound != 2+6 || s.RefusedPerIP != 2 || s.RefusedTotal != 1 || s.RefusedRate != 1 {
		t.Errorf("stats %+v", s)
	}
}

// Bans: counted once per ban, never shortened, pruned when too many, and they expire.
func TestAdmissionBans(t *testing.T) {
	a := newAdmission(&Config{MaxInboundPerIP: 8, MaxInbound: 64})
	ip := ipOf(ma.StringCast("/ip4/10.0.0.7/tcp/1"))
	if !a.addBan("p1", ip, time.Hour, ReasonFlood) || a.addBan("p1", ip, time.Millisecond, ReasonBadProof) {
		t.Fatal("addBan: a new ban must report true, a repeated one false")
	}
	if until := a.bannedUntil("p1"); time.Until(until) < 59*time.Minute {
		t.Errorf("second, shorter ban shortened the first: until %v", until)
	}
	if a.InterceptPeerDial("p1") || a.InterceptSecured(network.DirInbound, "p1", nil) {
		t.Error("gater lets a banned peer through")
	}
	for i := 2; i <= ipBanThreshold; i++ {
		a.addBan(peer.ID(fmt.Sprint("p", i)), ip, time.Hour, ReasonFlood)
	}
	if _, err := a.OpenConnection(network.DirInbound, true, ma.StringCast("/ip4/10.0.0.7/tcp/2")); err == nil {
		t.Error("connection from an IP with ipBanThreshold banned peers admitted")
	}
	if _, err := a.OpenConnection(network.DirInbound, true, ma.StringCast("/ip4/10.0.0.8/tcp/2")); err != nil {
		t.Errorf("another IP refused: %v", err)
	}
	a.configured[ip] = 1 // a configured validator's IP stays open; its peers' own bans still hold
	if _, err := a.OpenConnection(network.DirInbound, true, ma.StringCast("/ip4/10.0.0.7/tcp/3")); err != nil {
		t.Errorf("configured IP refused: %v", err)
	}
	delete(a.configured, ip)
	a.addBan("short", ip, 20*time.Millisecond, ReasonMalformed)
	poll.Until(t, 5*time.Second, "the 20 ms ban to expire", func() bool { return a.bannedUntil("short").IsZero() })
	s := a.stats()
	if s.Bans[ReasonFlood] != ipBanThreshold || s.Bans[ReasonBadProof] != 0 || s.Bans[ReasonMalformed] != 1 ||
		s.Banned != ipBanThreshold || s.RefusedBanned != 2 {
		t.Errorf("stats %+v", s)
	}
	for i := range maxBans + 10 {
		a.addBan(peer.ID(fmt.Sprint("flood", i)), ip, time.Hour+time.Duration(i), ReasonFlood)
	}
	if n := len(a.bans); n > maxBans {
		t.Errorf("%d bans kept, want at most %d", n, maxBans)
	}
}

func TestThrottle(t *testing.T) {
	now := time.Unix(1000, 0)
	th := newThrottle(Rate{Msgs: 10, Bytes: 1000}, false)
	for i := range 20 { // burst: 2 s worth
		if d, flood := th.take(now, 10, time.Second); d != 0 || flood {
			t.Fatalf("frame %d of the burst: delay %v flood %v", i, d, flood)
		}
	}
	d, flood := th.take(now, 10, time.Second)
	if d != 100*time.Millisecond || flood {
		t.Fatalf("over the burst: delay %v flood %v, want 100ms", d, flood)
	}
	// A flooder's next frame is there as soon as the last one was delivered: it is banned once it has been over
	// its rate for floodAfter.
	start := now
	for !flood {
		now = now.Add(d)
		if d, flood = th.take(now, 10, time.Second); d == 0 {
			t.Fatal("a flooder's frame went through undelayed")
		}
	}
	if over := now.Sub(start); over < time.Second || over > 1200*time.Millisecond {
		t.Fatalf("flood after %v over the rate, want 1s", over)
	}
	// A frame larger than the byte burst waits for the rest: 5000 bytes at 1000/s, burst 2000.
	th = newThrottle(Rate{Msgs: 10, Bytes: 1000}, false)
	if d, _ := th.take(now, 5000, time.Second); d != 3*time.Second {
		t.Fatalf("5000-byte frame: delay %v, want 3s", d)
	}
	// A pause ends the run: no flood.
	th = newThrottle(Rate{Msgs: 1, Bytes: 1000}, false)
	th.take(now, 1, time.Second)
	th.take(now, 1, time.Second)
	th.take(now, 1, time.Second) // over
	if d, flood := th.take(now.Add(10*time.Second), 1, time.Second); d != 0 || flood {
		t.Fatalf("after a pause: delay %v flood %v", d, flood)
	}
	// Validator rate applied on a role change.
	th.set(now, Rate{Msgs: 1000, Bytes: 1 << 20}, true)
	if d, _ := th.take(now.Add(10*time.Second), 1, time.Second); d != 0 || !th.validator {
		t.Fatalf("after set: delay %v", d)
	}
}

// dialFrom opens a raw TCP connection to addr from local IP src (any 127.x address works on loopback).
func dialFrom(t *testing.T, src, addr string) net.Conn {
	t.Helper()
	d := net.Dialer{LocalAddr: &net.TCPAddr{IP: net.ParseIP(src)}, Timeout: 5 * time.Second}
	c, err := d.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	return c
}

// expectClosed waits for the host to close a raw connection (it reads EOF or a reset).
func expectClosed(t *testing.T, c net.Conn) {
	t.Helper()
	c.SetReadDeadline(time.Now().Add(5 * time.Second))
	if _, err := io.Copy(io.Discard, c); err != nil && strings.Contains(err.Error(), "timeout") {
		t.Fatal("refused connection still open after 5s")
	}
}

// The cap per IP and the total cap hold for connections that never handshake; configured validators still
// connect; closed connections free their slots.
func TestInboundCaps(t *testing.T) {
	checkGoroutines(t)
	addrA := addrsOn(port)[0]
	// On loopback every connection comes from 127.0.0.1, so b, the configured validator, listens there: on a
	// port of 27000-27999 (no other test's, and not one the kernel hands out for port 0), held until b starts.
	var hold net.Listener
	for i := 0; hold == nil; i++ {
		if i == 100 {
			t.Fatal("no free port in 127.0.0.1:27000-27999")
		}
		hold, _ = net.Listen("tcp", fmt.Sprintf("127.0.0.1:%d", 27000+rand.IntN(1000)))
	}
	addrB := hold.Addr().String()
	cfgA := testConfig(t, addrA, []string{addrA, addrB})
	cfgA.MaxInboundPerIP, cfgA.MaxInbound = 3, 5
	a := startNode(t, cfgA)
	stats := func(f func(Stats) bool) func() bool { return func() bool { return f(a.Stats()) } }

	var held []net.Conn
	for range 3 {
		held = append(held, dialFrom(t, "127.0.0.9", addrA))
	}
	poll.Until(t, 5*time.Second, "3 inbound", stats(func(s Stats) bool { return s.Inbound == 3 }))
	expectClosed(t, dialFrom(t, "127.0.0.9", addrA))
	poll.Until(t, 5*time.Second, "per-IP refusal", stats(func(s Stats) bool { return s.RefusedPerIP == 1 }))

	for range 2 {
		held = append(held, dialFrom(t, "127.0.0.10", addrA))
	}
	poll.Until(t, 5*time.Second, "5 inbound", stats(func(s Stats) bool { return s.Inbound == 5 }))
	expectClosed(t, dialFrom(t, "127.0.0.11", addrA))
	poll.Until(t, 5*time.Second, "total refusal", stats(func(s Stats) bool { return s.RefusedTotal == 1 }))

	// A configured validator connects while the caps are full.
	hold.Close()
	b := startNode(t, testConfig(t, addrB, []string{addrA, addrB}))
	poll.Until(t, 10*time.Second, "configured validator connected", peerCount(1, a, b))
	a.Broadcast([]byte("full"))
	poll.Until(t, 5*time.Second, "delivery", func() bool { return b.in.count("full") == 1 })

	for _, c := range held {
		c.Close()
	}
	poll.Until(t, 5*time.Second, "slots freed", stats(func(s Stats) bool { return s.Inbound <= 2 })) // b's own, if any
	c := dialFrom(t, "127.0.0.11", addrA)
	poll.Until(t, 5*time.Second, "admitted again", stats(func(s Stats) bool { return s.Inbound >= 1 && s.RefusedTotal == 1 }))
	c.Close()
}

// Inbound observers beyond MaxObservers are refused after the handshake; validators are not.
func TestObserverCap(t *testing.T) {
	checkGoroutines(t)
	cfgA := testConfig(t, "127.0.0.1:0", nil)
	cfgA.MaxObservers = 1
	a := startNode(t, cfgA)
	o1 := startNode(t, observerConfig(t, "127.0.0.1:0", []string{a.Addr()}))
	poll.Until(t, 10*time.Second, "first observer connected", peerCount(1, a, o1))
	startNode(t, observerConfig(t, "127.0.0.1:0", []string{a.Addr()})) // o2
	poll.Until(t, 10*time.Second, "second observer refused", func() bool { return a.Stats().RefusedObservers >= 1 })
	v := startNode(t, testConfig(t, "127.0.0.1:0", []string{a.Addr()}))
	a.SetValidators([][]byte{a.cfg.NodeKey, v.cfg.NodeKey})
	poll.Until(t, 10*time.Second, "validator connected", func() bool {
		for _, p := range a.Peers() {
			if p.ID == v.ID() {
				return true
			}
		}
		return false
	})
	for _, p := range a.Peers() {
		if p.ID != o1.ID() && p.ID != v.ID() {
			t.Errorf("a lists %+v, want only o1 and v", p)
		}
	}
}

// An observer that floods is throttled to its rate, then banned, and none of its excess reaches the handler.
func TestFloodingObserverBanned(t *testing.T) {
	checkGoroutines(t)
	cfgA := testConfig(t, "127.0.0.1:0", nil)
	cfgA.ObserverRate = Rate{Msgs: 20, Bytes: 1 << 20}
	cfgA.FloodBanAfter = 500 * time.Millisecond
	var logs *logtest.Buffer
	cfgA.Logger, logs = logtest.New(slog.LevelInfo)
	a := startNode(t, cfgA)
	o := startNode(t, observerConfig(t, "127.0.0.1:0", []string{a.Addr()}))
	poll.Until(t, 10*time.Second, "observer connected", peerCount(1, a, o))
	start := time.Now()
	poll.Until(t, 10*time.Second, "the flooding observer banned", func() bool {
		for range 20 {
			o.Broadcast([]byte("flood"))
		}
		return a.Stats().Bans[ReasonFlood] > 0
	})
	elapsed := time.Since(start)
	s := a.Stats()
	if s.Throttled == 0 {
		t.Error("banned without being throttled first")
	}
	// Burst (40) plus the rate over the time it flooded, plus the frame in flight.
	if n, limit := a.in.count("flood"), 40+int(20*elapsed.Seconds())+1; n > limit {
		t.Errorf("%d messages delivered in %v, rate allows %d", n, elapsed, limit)
	}
	poll.Until(t, 5*time.Second, "observer disconnected", peerCount(0, a, o))
	if n := logs.Count("reason=flood"); n != 1 {
		t.Errorf("%d flood ban lines, want 1:\n%s", n, logs.String())
	}
}

// Ban disconnects a peer, refuses it (both ways) until the ban ends, then the redial brings it back.
func TestBanDisconnectsUntilExpiry(t *testing.T) {
	checkGoroutines(t)
	addrs := addrsOn(port, port)
	cfgA := testConfig(t, addrs[0], addrs)
	var logs *logtest.Buffer
	cfgA.Logger, logs = logtest.New(slog.LevelInfo)
	a := startNode(t, cfgA)
	b := startNode(t, testConfig(t, addrs[1], addrs))
	poll.Until(t, 10*time.Second, "connected", peerCount(1, a, b))

	const banFor = 2 * time.Second
	banned := time.Now()
	a.Ban(b.ID(), ReasonBadSignature, "vote at 5/0 does not verify", banFor)
	a.Ban(b.ID(), ReasonBadSignature, "again", banFor) // a second call while banned: not logged or counted again
	poll.Until(t, 5*time.Second, "disconnected", peerCount(0, a, b))
	poll.Until(t, 5*time.Second, "b's redial refused", func() bool { return a.Stats().RefusedBanned >= 1 })
	if time.Since(banned) < banFor && len(a.Peers()) != 0 {
		t.Fatal("banned peer reconnected")
	}
	poll.Until(t, 15*time.Second, "reconnected after the ban", peerCount(1, a, b))
	if d := time.Since(banned); d < banFor {
		t.Errorf("reconnected %v after a ban of %v", d, banFor)
	}
	b.Broadcast([]byte("back"))
	poll.Until(t, 5*time.Second, "delivery after the ban", func() bool { return a.in.count("back") == 1 })

	s := a.Stats()
	if s.Bans[ReasonBadSignature] != 1 || s.Banned != 0 {
		t.Errorf("stats %+v", s)
	}
	lines := logs.Lines()
	n := 0
	for _, l := range lines {
		if strings.Contains(l, "qbft peer banned") {
			n++
			for _, want := range []string{"level=WARN", "peer=" + b.ID(), "addr=" + addrs[1], fmt.Sprintf("key=%x", b.cfg.NodeKey),
				"reason=bad_signature", "vote at 5/0"} {
				if !strings.Contains(l, want) {
					t.Errorf("ban line lacks %q: %s", want, l)
				}
			}
		}
	}
	if n != 1 {
		t.Errorf("%d ban lines, want 1:\n%s", n, strings.Join(lines, "\n"))
	}
}
