package netkit

import (
	"context"
	"fmt"

	"github.com/libp2p/go-libp2p"
	"github.com/libp2p/go-libp2p/core/connmgr"
	"github.com/libp2p/go-libp2p/core/crypto"
	"github.com/libp2p/go-libp2p/core/host"
	"github.com/libp2p/go-libp2p/core/network"
	"github.com/libp2p/go-libp2p/core/peer"
	"github.com/libp2p/go-libp2p/p2p/muxer/yamux"
	"github.com/libp2p/go-libp2p/p2p/net/swarm"
	"github.com/libp2p/go-libp2p/p2p/security/noise"
	"github.com/libp2p/go-libp2p/p2p/transport/tcp"
	ma "github.com/multiformats/go-multiaddr"
	manet "github.com/multiformats/go-multiaddr/net"
)

// NewHost starts a libp2p host with identity key that listens on listenAddr ("ip:port", port 0 for any) and
// nowhere else: TCP, noise, yamux, announcing userAgent. extra adds options, such as a connection gater or a
// resource manager. It returns the host and its bound address as "ip:port" (listenAddr itself if the host
// reports none).
func NewHost(key crypto.PrivKey, listenAddr, userAgent string, extra ...libp2p.Option) (host.Host, string, error) {
	maddr, err := Multiaddr(listenAddr)
	if err != nil {
		return nil, "", err
	}
	opts := []libp2p.Option{
		libp2p.Identity(key),
		libp2p.ListenAddrs(maddr), // only this address: no default listeners on every transport
		// TCP only. Without reuseport, outbound connections do not use the listen port as source port, so two
		// nodes dialing each other at once never collide in a TCP simultaneous open.
		libp2p.Transport(tcp.NewTCPTransport, tcp.DisableReuseport()),
		libp2p.Security(noise.ID, noise.New),
		libp2p.Muxer(yamux.ID, yamux.DefaultTransport),
		libp2p.ConnectionManager(&connmgr.NullConnMgr{}), // never trim connections: each network decides whom it keeps
		libp2p.DisableRelay(),
		libp2p.Ping(false),
		libp2p.DisableMetrics(),
		libp2p.DisableIdentifyAddressDiscovery(),
		libp2p.UserAgent(userAgent),
		// NAT port mapping, hole punching, AutoNATv2, QUIC, WebTransport and mDNS are off unless enabled.
	}
	// No libp2p resource manager limits unless extra brings a resource manager: the default one allows 8
	// connections per IPv4 address and 0.2 new connections per second per IP, which breaks nodes sharing an IP
	// (and the probe-then-dial pattern of PeerID needs two connections per dial). The limits are the networks'
	// own instead: handshake timeouts, frame size limits, bounded queues and concurrency, bounded streams per
	// peer, in p2p a connection gater that caps inbound and total peers, and in the consensus transport a
	// resource manager of its own that counts inbound connections from the moment they are accepted.
	nullRM := func(cfg *libp2p.Config) error {
		if cfg.ResourceManager == nil {
			cfg.ResourceManager = &network.NullResourceManager{}
		}
		return nil
	}
	h, err := libp2p.New(append(append(opts, extra...), nullRM)...)
	if err != nil {
		return nil, "", fmt.Errorf("libp2p host on %s: %w", listenAddr, err)
	}
	bound := listenAddr
	if las := h.Network().ListenAddresses(); len(las) > 0 {
		if na, err := manet.ToNetAddr(las[0]); err == nil {
			bound = na.String()
		}
	}
	return h, bound, nil
}

// Connect connects h to peer id at addr. Our callers pace their redials themselves (Backoff, Redial), so the
// swarm's own dial backoff for the peer (5 s and more per failed address), which would only add to theirs, is
// cleared first.
func Connect(ctx context.Context, h host.Host, id peer.ID, addr ma.Multiaddr) error {
	if sw, ok := h.Network().(*swarm.Swarm); ok {
		sw.Backoff().Clear(id)
	}
	return h.Connect(ctx, peer.AddrInfo{ID: id, Addrs: []ma.Multiaddr{addr}})
}
