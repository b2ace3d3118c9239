package netkit

import (
	"context"
	"errors"
	"net"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"chain33node/poll"

	"github.com/libp2p/go-libp2p"
	"github.com/libp2p/go-libp2p/core/control"
	"github.com/libp2p/go-libp2p/core/crypto"
	"github.com/libp2p/go-libp2p/core/host"
	"github.com/libp2p/go-libp2p/core/network"
	"github.com/libp2p/go-libp2p/core/peer"
	ma "github.com/multiformats/go-multiaddr"
)

// refuseAll is a connection gater that refuses every inbound connection.
type refuseAll struct{}

func (refuseAll) InterceptPeerDial(peer.ID) bool               { return true }
func (refuseAll) InterceptAddrDial(peer.ID, ma.Multiaddr) bool { return true }
func (refuseAll) InterceptAccept(network.ConnMultiaddrs) bool  { return false }
func (refuseAll) InterceptSecured(network.Direction, peer.ID, network.ConnMultiaddrs) bool {
	return true
}
func (refuseAll) InterceptUpgraded(network.Conn) (bool, control.DisconnectReason) { return true, 0 }

func TestNewHost(t *testing.T) {
	key, err := LoadOrCreateKey(filepath.Join(t.TempDir(), "key"))
	if err != nil {
		t.Fatal(err)
	}
	a, aAddr, err := NewHost(key, "127.0.0.1:0", "test-agent-a")
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	// The bound address is the listen address with the port the kernel chose.
	if host, port, err := net.SplitHostPort(aAddr); err != nil || host != "127.0.0.1" || port == "0" {
		t.Fatalf("bound address %q (%v)", aAddr, err)
	}
	if las := a.Network().ListenAddresses(); len(las) != 1 {
		t.Fatalf("listen addresses %v, want only the configured one", las)
	}

	key2, _ := LoadOrCreateKey(filepath.Join(t.TempDir(), "key"))
	b, _, err := NewHost(key2, "127.0.0.1:0", "test-agent-b")
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	id, err := PeerID(ctx, aAddr, key2)
	if err != nil || id != a.ID() {
		t.Fatalf("PeerID: %s %v", id, err)
	}
	m, _ := Multiaddr(aAddr)
	if err := b.Connect(ctx, peer.AddrInfo{ID: id, Addrs: []ma.Multiaddr{m}}); err != nil {
		t.Fatal(err)
	}
	// Identify tells each side the other's user agent.
	poll.Until(t, 5*time.Second, "a's agent version as b sees it", func() bool {
		v, _ := b.Peerstore().Get(a.ID(), "AgentVersion")
		return v == "test-agent-a"
	})

	// Extra options reach libp2p: a gater that refuses every inbound connection.
	key3, _ := LoadOrCreateKey(filepath.Join(t.TempDir(), "key"))
	c, cAddr, err := NewHost(key3, "127.0.0.1:0", "test-agent-c", libp2p.ConnectionGater(refuseAll{}))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	cm, _ := Multiaddr(cAddr)
	if err := b.Connect(ctx, peer.AddrInfo{ID: c.ID(), Addrs: []ma.Multiaddr{cm}}); err == nil {
		t.Fatal("connected through a gater that refuses everything")
	}

	if _, _, err := NewHost(key, "no port", "x"); err == nil {
		t.Fatal("NewHost accepted a bad listen address")
	}
}

// startHost runs a NewHost on 127.0.0.1 with a fresh key (or the given one) and closes it after the test.
func startHost(t *testing.T, key crypto.PrivKey, listen string) (host.Host, string) {
	t.Helper()
	if key == nil {
		var err error
		if key, err = LoadOrCreateKey(filepath.Join(t.TempDir(), "key")); err != nil {
			t.Fatal(err)
		}
	}
	h, addr, err := NewHost(key, listen, "test")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { h.Close() })
	return h, addr
}

// Connect dials at once even where the swarm's own backoff, after a failed dial, would refuse to: a peer
// that restarts is reached as soon as our own Backoff says so.
func TestConnectIgnoresSwarmBackoff(t *testing.T) {
	a, _ := startHost(t, nil, "127.0.0.1:0")
	keyB, _ := LoadOrCreateKey(filepath.Join(t.TempDir(), "b"))
	b, bAddr := startHost(t, keyB, "127.0.0.1:0")
	id := b.ID()
	m, _ := Multiaddr(bAddr)
	b.Close() // b is down: dialing it fails and the swarm backs off from it

	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := Connect(ctx, a, id, m); err == nil {
		t.Fatal("connected to a closed host")
	}
	if err := a.Connect(ctx, peer.AddrInfo{ID: id, Addrs: []ma.Multiaddr{m}}); err == nil ||
		!strings.Contains(err.Error(), "backoff") {
		t.Fatalf("test premise: a plain dial right after a failure should hit the swarm backoff, got %v", err)
	}

	startHost(t, keyB, bAddr) // b restarts on the same address
	if err := Connect(ctx, a, id, m); err != nil {
		t.Fatalf("Connect after the restart: %v", err)
	}
	if a.Network().Connectedness(id) != network.Connected {
		t.Fatal("not connected")
	}
}

// IsNotSupported recognises the error of a stream for a protocol the peer does not serve.
func TestIsNotSupported(t *testing.T) {
	a, _ := startHost(t, nil, "127.0.0.1:0")
	b, bAddr := startHost(t, nil, "127.0.0.1:0")
	b.SetStreamHandler("/served/1", func(s network.Stream) { s.Close() })
	m, _ := Multiaddr(bAddr)
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := Connect(ctx, a, b.ID(), m); err != nil {
		t.Fatal(err)
	}
	_, err := a.NewStream(ctx, b.ID(), "/chain33node/other-chain/1")
	if err == nil || !IsNotSupported(err) {
		t.Fatalf("stream for an unserved protocol: %v; IsNotSupported = false", err)
	}
	s, err := a.NewStream(ctx, b.ID(), "/served/1")
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	for _, err := range []error{errors.New("connection reset"), context.DeadlineExceeded, &MismatchError{Reason: "x"}} {
		if IsNotSupported(err) {
			t.Errorf("IsNotSupported(%v) = true", err)
		}
	}
}
