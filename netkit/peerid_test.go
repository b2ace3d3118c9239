package netkit

import (
	"context"
	"crypto/rand"
	"errors"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"chain33node/loopback"

	"github.com/libp2p/go-libp2p"
	"github.com/libp2p/go-libp2p/core/crypto"
	"github.com/libp2p/go-libp2p/core/host"
	"github.com/libp2p/go-libp2p/core/network"
	"github.com/libp2p/go-libp2p/core/peer"
	"github.com/libp2p/go-libp2p/p2p/security/noise"
	"github.com/libp2p/go-libp2p/p2p/transport/tcp"
	ma "github.com/multiformats/go-multiaddr"
	manet "github.com/multiformats/go-multiaddr/net"
)

func newHost(t *testing.T, ip string) (host.Host, string) {
	t.Helper()
	key, err := LoadOrCreateKey(filepath.Join(t.TempDir(), "key"))
	if err != nil {
		t.Fatal(err)
	}
	m, err := Multiaddr(ip + ":0")
	if err != nil {
		t.Fatal(err)
	}
	h, err := libp2p.New(libp2p.Identity(key), libp2p.ListenAddrs(m),
		libp2p.Transport(tcp.NewTCPTransport), libp2p.Security(noise.ID, noise.New),
		libp2p.ResourceManager(&network.NullResourceManager{}), libp2p.DisableRelay(), libp2p.DisableMetrics())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { h.Close() })
	na, err := manet.ToNetAddr(h.Network().ListenAddresses()[0])
	if err != nil {
		t.Fatal(err)
	}
	return h, na.String()
}

func TestPeerIDTwoHosts(t *testing.T) {
	a, _ := newHost(t, "127.0.0.1")
	b, bAddr := newHost(t, "127.0.0.1")
	key := a.Peerstore().PrivKey(a.ID())
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	id, err := PeerID(ctx, bAddr, key)
	if err != nil {
		t.Fatal(err)
	}
	if id != b.ID() {
		t.Fatalf("learned %s, want %s", id, b.ID())
	}
	// The learned ID is good for a normal libp2p dial.
	m, _ := Multiaddr(bAddr)
	if err := a.Connect(ctx, peer.AddrInfo{ID: id, Addrs: []ma.Multiaddr{m}}); err != nil {
		t.Fatal(err)
	}
	// And the probe did not disturb b: it can be probed again.
	if id2, err := PeerID(ctx, bAddr, key); err != nil || id2 != b.ID() {
		t.Fatalf("second probe: %s %v", id2, err)
	}
}

func TestPeerIDNotLibp2p(t *testing.T) {
	key, _, _ := crypto.GenerateEd25519Key(rand.Reader)
	behaviours := map[string]func(net.Conn){
		"garbage": func(c net.Conn) { c.Write([]byte("HTTP/1.1 400 Bad Request\r\n\r\n\x00\xff\xfe garbage")) },
		"close":   func(c net.Conn) { c.Close() },
		"silent":  func(c net.Conn) {}, // accepts and never answers
		"echo-mss": func(c net.Conn) { // speaks multistream but refuses noise
			buf := make([]byte, 256)
			c.Read(buf)
			c.Write([]byte("\x13/multistream/1.0.0\n\x03na\n"))
		},
	}
	for name, behave := range behaviours {
		t.Run(name, func(t *testing.T) {
			ln, err := net.Listen("tcp", "127.0.0.1:0")
			if err != nil {
				t.Fatal(err)
			}
			defer ln.Close()
			var conns []net.Conn
			done := make(chan struct{})
			go func() {
				defer close(done)
				for {
					c, err := ln.Accept()
					if err != nil {
						return
					}
					conns = append(conns, c)
					behave(c)
				}
			}()
			// PeerID gives up when its context ends, even on a listener that never answers (the deadline of
			// its context is the only thing that ends the "silent" case).
			ctx, cancel := context.WithTimeout(context.Background(), 500*time.Millisecond)
			defer cancel()
			_, err = PeerID(ctx, ln.Addr().String(), key)
			if err == nil {
				t.Fatal("PeerID succeeded against a non-libp2p listener")
			}
			if name == "silent" && !errors.Is(err, context.DeadlineExceeded) && !errors.Is(err, os.ErrDeadlineExceeded) {
				t.Fatalf("PeerID against a silent listener: %v, want the context's deadline", err)
			}
			ln.Close()
			<-done
			for _, c := range conns {
				c.Close()
			}
		})
	}
}

func TestPeerIDNothingListening(t *testing.T) {
	addr := loopback.IP() + ":1" // nobody listens on an IP of our own
	key, _, _ := crypto.GenerateEd25519Key(rand.Reader)
	if _, err := PeerID(context.Background(), addr, key); err == nil {
		t.Fatal("expected an error")
	}
}

// An address that reaches our own host gives our ID and ErrSelf.
func TestPeerIDSelf(t *testing.T) {
	a, aAddr := newHost(t, "127.0.0.1")
	key := a.Peerstore().PrivKey(a.ID())
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	id, err := PeerID(ctx, aAddr, key)
	if !errors.Is(err, ErrSelf) || id != a.ID() {
		t.Fatalf("PeerID of our own address = %s, %v; want our ID and ErrSelf", id, err)
	}
}

func TestLoadOrCreateKey(t *testing.T) {
	path := filepath.Join(t.TempDir(), "sub", "qbft.key")
	k1, err := LoadOrCreateKey(path)
	if err != nil {
		t.Fatal(err)
	}
	st, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if st.Mode().Perm() != 0o600 {
		t.Fatalf("mode %v, want 0600", st.Mode().Perm())
	}
	k2, err := LoadOrCreateKey(path)
	if err != nil {
		t.Fatal(err)
	}
	if !k1.Equals(k2) {
		t.Fatal("reloaded key differs")
	}
	if err := os.WriteFile(path, []byte("not a key"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := LoadOrCreateKey(path); err == nil || !strings.Contains(err.Error(), "corrupt") {
		t.Fatalf("corrupt file: err = %v", err)
	}
	if err := os.WriteFile(path, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := LoadOrCreateKey(path); err == nil {
		t.Fatal("empty file accepted")
	}
	entries, _ := os.ReadDir(filepath.Dir(path))
	if len(entries) != 1 {
		t.Fatalf("stray files: %v", entries)
	}
}

func TestLoadOrCreateKeyType(t *testing.T) {
	path := filepath.Join(t.TempDir(), "p2p.key")
	k1, err := LoadOrCreateKeyType(path, crypto.Secp256k1)
	if err != nil {
		t.Fatal(err)
	}
	if k1.Type() != crypto.Secp256k1 {
		t.Fatalf("type %v", k1.Type())
	}
	if raw, _ := k1.GetPublic().Raw(); len(raw) != 33 {
		t.Fatalf("public key %d bytes, want 33 (compressed)", len(raw))
	}
	k2, err := LoadOrCreateKeyType(path, crypto.Secp256k1)
	if err != nil || !k1.Equals(k2) {
		t.Fatalf("reload: %v", err)
	}
	// Loading without a type accepts it; asking for another type refuses it.
	if k3, err := LoadOrCreateKey(path); err != nil || !k1.Equals(k3) {
		t.Fatalf("untyped load: %v", err)
	}
	if _, err := LoadOrCreateKeyType(path, crypto.Ed25519); err == nil || !strings.Contains(err.Error(), "Secp256k1") {
		t.Fatalf("wrong type accepted: %v", err)
	}
	if err := os.WriteFile(path, []byte{1, 2, 3}, 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := LoadOrCreateKeyType(path, crypto.Secp256k1); err == nil || !strings.Contains(err.Error(), "corrupt") {
		t.Fatalf("corrupt file: %v", err)
	}
}
