package transport

import (
	"bufio"
	"bytes"
	"context"
	"crypto/rand"
	"fmt"
	"io"
	"log/slog"
	"strings"
	"testing"
	"time"

	"chain33node/crypto"
	"chain33node/logtest"
	"chain33node/netkit"
	"chain33node/poll"

	"github.com/libp2p/go-libp2p/core/host"
	"github.com/libp2p/go-libp2p/core/network"
	"github.com/libp2p/go-libp2p/core/peer"
	ma "github.com/multiformats/go-multiaddr"
	manet "github.com/multiformats/go-multiaddr/net"
)

// rawPeer is a libp2p host that speaks the handshake by hand, to play an attacker.
type rawPeer struct {
	t    *testing.T
	host host.Host
	id   peer.ID
}

func newRawPeer(t *testing.T) *rawPeer {
	t.Helper()
	key, err := netkit.LoadOrCreateKey(t.TempDir() + "/raw.key")
	if err != nil {
		t.Fatal(err)
	}
	h, _, err := netkit.NewHost(key, "127.0.0.1:0", "raw")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { h.Close() })
	return &rawPeer{t: t, host: h, id: h.ID()}
}

// tryOpen opens a stream to target and reads its hello.
func (x *rawPeer) tryOpen(target *Host) (network.Stream, *bufio.Reader, hello, error) {
	m, err := netkit.Multiaddr(target.Addr())
	if err != nil {
		x.t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := x.host.Connect(ctx, peer.AddrInfo{ID: target.self, Addrs: []ma.Multiaddr{m}}); err != nil {
		return nil, nil, hello{}, err
	}
	str, err := x.host.NewStream(ctx, target.self, target.proto)
	if err != nil {
		return nil, nil, hello{}, err
	}
	br := bufio.NewReader(str)
	theirs, err := readHello(br)
	if err != nil {
		str.Reset()
	}
	return str, br, theirs, err
}

func (x *rawPeer) open(target *Host) (network.Stream, *bufio.Reader, hello) {
	x.t.Helper()
	str, br, theirs, err := x.tryOpen(target)
	if err != nil {
		x.t.Fatal(err)
	}
	return str, br, theirs
}

// hello is the attacker's hello, claiming key (nil: none) with nonce.
func (x *rawPeer) hello(key, nonce []byte) hello {
	return hello{chainID: "chain33-test", genesisHash: testGenesis[:], nodeKey: key, listenAddr: "127.0.0.1:1",
		incarnation: 7, nonce: nonce}
}

// proofFor is the proof that x owes target on a stream: signed by key over x's and target's IDs and nonces.
func (x *rawPeer) proofFor(key *crypto.BLSPrivKey, target *Host, theirs hello, ours []byte) []byte {
	return key.Sign(proofBytes("chain33-test", testGenesis[:], x.id, target.self, theirs.nonce, ours))
}

func newNonce() []byte {
	n := make([]byte, nonceSize)
	rand.Read(n)
	return n
}

// expectBan waits for target to ban for reason (its n-th ban for it) and checks that the peer is not listed.
func expectBan(t *testing.T, target *node, reason Reason, n uint64, who peer.ID) {
	t.Helper()
	poll.Until(t, 5*time.Second, fmt.Sprintf("ban for %v", reason), func() bool { return target.Stats().Bans[reason] == n })
	for _, p := range target.Peers() {
		if p.ID == who.String() {
			t.Errorf("banned peer listed: %+v", p)
		}
	}
}

// A peer that claims a validator's key it does not hold is refused and banned, whether the transport knows
// the validator set or not (then it checks every claim); its later connections are refused too.
func TestClaimedKeyNotHeld(t *testing.T) {
	checkGoroutines(t)
	for _, known := range []bool{true, false} {
		t.Run(fmt.Sprintf("set known %v", known), func(t *testing.T) {
			cfg := testConfig(t, "127.0.0.1:0", nil)
			var logs *logtest.Buffer
			cfg.Logger, logs = logtest.New(slog.LevelInfo)
			a := startNode(t, cfg)
			v := crypto.GenerateBLSKey() // the validator key the attacker claims without holding it
			if known {
				a.SetValidators([][]byte{cfg.NodeKey, v.PubKey().Bytes()})
			}
			x := newRawPeer(t)
			str, br, theirs := x.open(a.Host)
			nonce := newNonce()
			forged := x.proofFor(crypto.GenerateBLSKey(), a.Host, theirs, nonce)
			str.Write(frames(x.hello(v.PubKey().Bytes(), nonce).marshal(), forged, []byte("vote")))

			expectBan(t, a, ReasonBadProof, 1, x.id)
			str.SetReadDeadline(time.Now().Add(5 * time.Second))
			if _, err := io.Copy(io.Discard, br); err == nil || strings.Contains(err.Error(), "deadline") {
				t.Errorf("stream not reset after the ban: %v", err)
			}
			if a.in.total() != 0 {
				t.Errorf("delivered from a refused peer: %v", a.in.msgs)
			}
			lines := logs.Lines()
			if n := logs.Count("qbft peer banned"); n != 1 {
				t.Fatalf("%d ban lines, want 1:\n%s", n, strings.Join(lines, "\n"))
			}
			line := lines[len(lines)-1]
			for _, want := range []string{"peer=" + x.id.String(), "addr=127.0.0.1:1", "remote=127.0.0.1:", "key=" + fmt.Sprintf("%x", v.PubKey().Bytes()), "reason=bad_proof"} {
				if !strings.Contains(line, want) {
					t.Errorf("ban line lacks %q: %s", want, line)
				}
			}

			// Banned: a new connection from the same peer ID is refused once noise has named it.
			poll.Until(t, 5*time.Second, "a to close the connection", func() bool {
				return x.host.Network().Connectedness(a.self) != network.Connected
			})
			if _, _, _, err := x.tryOpen(a.Host); err == nil {
				t.Error("banned peer opened a stream")
			}
			poll.Until(t, 5*time.Second, "refusal counted", func() bool { return a.Stats().RefusedBanned >= 1 })
			if s := a.Stats(); s.Banned != 1 {
				t.Errorf("Stats.Banned = %d", s.Banned)
			}
		})
	}
}

// A proof captured on one stream does not open another: the verifier's nonce differs.
func TestReplayedProofRefused(t *testing.T) {
	checkGoroutines(t)
	a := startNode(t, testConfig(t, "127.0.0.1:0", nil))
	v := crypto.GenerateBLSKey()
	vpub := v.PubKey().Bytes()
	a.SetValidators([][]byte{a.cfg.NodeKey, vpub})
	x := newRawPeer(t)

	// Stream 1: the peer holds v and proves it, and is accepted as that validator.
	str, _, theirs := x.open(a.Host)
	nonce := newNonce()
	captured := x.proofFor(v, a.Host, theirs, nonce)
	str.Write(frames(x.hello(vpub, nonce).marshal(), captured, []byte("genuine")))
	poll.Until(t, 5*time.Second, "genuine message", func() bool { return a.in.count("genuine") == 1 })
	if !bytes.Equal(a.in.key(x.id.String()), vpub) {
		t.Fatalf("delivered with key %x, want the proved one", a.in.key(x.id.String()))
	}
	str.Reset()

	// Stream 2: the same hello and proof again, without the key.
	str, _, _ = x.open(a.Host)
	str.Write(frames(x.hello(vpub, nonce).marshal(), captured, []byte("replayed")))
	expectBan(t, a, ReasonBadProof, 1, x.id)
	if n := a.in.count("replayed"); n != 0 {
		t.Errorf("replayed stream delivered %d messages", n)
	}
}

// A man in the middle that relays a genuine validator's proof, even with the nonces lined up, is refused: the
// proof names the peer IDs of the stream it was made for.
func TestRelayedProofRefused(t *testing.T) {
	checkGoroutines(t)
	v := startNode(t, testConfig(t, "127.0.0.1:0", nil)) // the genuine validator
	w := startNode(t, testConfig(t, "127.0.0.1:0", nil)) // the victim
	w.SetValidators([][]byte{w.cfg.NodeKey, v.cfg.NodeKey})
	x := newRawPeer(t)

	strW, _, helloW := x.open(w.Host) // W's challenge nW
	strV, brV, helloV := x.open(v.Host)
	// To V as an observer, with W's nonce as ours: V signs V ‖ X ‖ nW ‖ nV.
	strV.Write(frames(x.hello(nil, helloW.nonce).marshal(), nil))
	relayed, err := readProof(brV, true)
	if err != nil {
		t.Fatal(err)
	}
	pub, _ := crypto.BLSPubKeyFromBytes(v.cfg.NodeKey)
	if !pub.Verify(proofBytes("chain33-test", testGenesis[:], v.self, x.id, helloW.nonce, helloV.nonce), relayed) {
		t.Fatal("test setup: the relayed bytes are not V's proof")
	}
	// To W claiming V's key, with V's nonce as ours, and V's proof.
	strW.Write(frames(x.hello(v.cfg.NodeKey, helloV.nonce).marshal(), relayed, []byte("relayed")))
	expectBan(t, w, ReasonBadProof, 1, x.id)
	if n := w.in.count("relayed"); n != 0 {
		t.Errorf("relaying peer delivered %d messages", n)
	}
}

// Observers connect, receive and send, flagged as observers: no key with their messages, not validators in
// Peers. Validators' messages carry their proved keys.
func TestObserversAndRoles(t *testing.T) {
	checkGoroutines(t)
	a := startNode(t, testConfig(t, "127.0.0.1:0", nil))
	v := startNode(t, testConfig(t, "127.0.0.1:0", []string{a.Addr()}))
	o := startNode(t, observerConfig(t, "127.0.0.1:0", []string{a.Addr()}))
	a.SetValidators([][]byte{a.cfg.NodeKey, v.cfg.NodeKey})
	poll.Until(t, 10*time.Second, "a connected to v and o", func() bool { return len(a.Peers()) == 2 && peerCount(1, v, o)() })
	for _, p := range a.Peers() {
		switch p.ID {
		case v.ID():
			if !p.Validator || !bytes.Equal(p.NodeKey, v.cfg.NodeKey) || !p.Inbound {
				t.Errorf("validator listed as %+v", p)
			}
		case o.ID():
			if p.Validator || p.NodeKey != nil {
				t.Errorf("observer listed as %+v", p)
			}
		default:
			t.Errorf("unknown peer %+v", p)
		}
	}
	// The observer has no validator set: every proved key counts.
	if p := o.Peers(); len(p) != 1 || !p[0].Validator || !bytes.Equal(p[0].NodeKey, a.cfg.NodeKey) {
		t.Errorf("observer sees a as %+v", p)
	}

	a.Broadcast([]byte("to-all"))
	v.Broadcast([]byte("from-v"))
	o.Broadcast([]byte("from-o"))
	poll.Until(t, 5*time.Second, "deliveries", func() bool {
		return v.in.count("to-all") == 1 && o.in.count("to-all") == 1 && a.in.count("from-v") == 1 && a.in.count("from-o") == 1
	})
	if k := a.in.key(v.ID()); !bytes.Equal(k, v.cfg.NodeKey) {
		t.Errorf("validator's message came with key %x", k)
	}
	if k := a.in.key(o.ID()); k != nil {
		t.Errorf("observer's message came with key %x", k)
	}
}

// A claim of a key outside the validator set is not verified at once (anyone can make keys); the peer is an
// observer until the key joins the set, and then its proof is checked before its next message is delivered.
func TestClaimVerifiedWhenKeyJoinsSet(t *testing.T) {
	checkGoroutines(t)
	a := startNode(t, testConfig(t, "127.0.0.1:0", nil))
	a.SetValidators([][]byte{a.cfg.NodeKey})
	v := startNode(t, testConfig(t, "127.0.0.1:0", []string{a.Addr()})) // a genuine future validator
	poll.Until(t, 10*time.Second, "v connected", peerCount(1, a, v))
	if p := a.Peers()[0]; p.Validator || p.NodeKey != nil {
		t.Errorf("v listed before it joined the set as %+v", p)
	}
	x := newRawPeer(t) // claims a key it does not hold, outside the set
	b := crypto.GenerateBLSKey()
	str, _, theirs := x.open(a.Host)
	nonce := newNonce()
	str.Write(frames(x.hello(b.PubKey().Bytes(), nonce).marshal(), x.proofFor(crypto.GenerateBLSKey(), a.Host, theirs, nonce),
		[]byte("x-before")))
	if err := v.Send(a.ID(), []byte("v-before")); err != nil {
		t.Fatal(err)
	}
	poll.Until(t, 5*time.Second, "messages as observers", func() bool {
		return a.in.count("x-before") == 1 && a.in.count("v-before") == 1
	})
	if a.in.key(v.ID()) != nil || a.in.key(x.id.String()) != nil {
		t.Error("an unverified claim was delivered as a key")
	}

	a.SetValidators([][]byte{a.cfg.NodeKey, v.cfg.NodeKey, b.PubKey().Bytes()})
	if err := v.Send(a.ID(), []byte("v-after")); err != nil {
		t.Fatal(err)
	}
	str.Write(frames([]byte("x-after")))
	poll.Until(t, 5*time.Second, "v's message as a validator", func() bool { return a.in.count("v-after") == 1 })
	if k := a.in.key(v.ID()); !bytes.Equal(k, v.cfg.NodeKey) {
		t.Errorf("v's message came with key %x", k)
	}
	expectBan(t, a, ReasonBadProof, 1, x.id)
	if a.in.count("x-after") != 0 {
		t.Error("message delivered from a peer whose proof failed")
	}
	if p := a.Peers(); len(p) != 1 || !p[0].Validator {
		t.Errorf("peers after the set change: %+v", p)
	}
}

// A configured peer that runs the previous protocol (hello without proof) is reported once as such.
func TestOldVersionPeerReported(t *testing.T) {
	checkGoroutines(t)
	old := newRawPeer(t)
	old.host.SetStreamHandler(protocolFamily+"1/chain33-test/00", func(s network.Stream) { s.Reset() })
	na, err := manet.ToNetAddr(old.host.Addrs()[0])
	if err != nil {
		t.Fatal(err)
	}
	cfg := testConfig(t, "127.0.0.1:0", []string{na.String()})
	var logs *logtest.Buffer
	cfg.Logger, logs = logtest.New(slog.LevelInfo)
	startNode(t, cfg)
	poll.Until(t, 10*time.Second, "version report", func() bool {
		return strings.Contains(logs.String(), "speaks qbft transport version 1, we speak 3")
	})
}
