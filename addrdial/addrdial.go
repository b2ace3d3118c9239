// Package addrdial is the libp2p plumbing shared by the node's two networks, the consensus transport
// (consensus/transport, port 33001) and the gossip p2p (p2p, port 13802): it builds their hosts (NewHost),
// loads their identities (LoadOrCreateKey), frames their streams (WriteFrame, ReadFrame), paces their redials
// (Backoff, Sleep), and dials the peers that operators configure as bare "ip:port" strings (PeerID,
// Multiaddr). Each network keeps its own protocols.
//
// A libp2p dial needs the remote peer ID, which chain33-style configs (validatorNodes, seeds) do not carry.
// PeerID learns it the way the remote host itself authenticates: it opens a plain TCP connection, selects the
// noise security protocol with multistream-select (exactly what a libp2p TCP dialer does first), runs the noise
// XX handshake as initiator without an expected peer ID, and returns the peer ID proven by the remote's
// handshake signature. Then it closes the connection; the caller dials normally with the learned ID.
//
// go-libp2p v0.51.0 offers no supported way to dial without a peer ID (the upgrader refuses outbound
// connections with an empty ID, upgrader.ErrNilPeer), so this probe is the smallest thing that works. The ID is
// authenticated against whoever answered at that address, nothing more: like the address in the config, it is
// trusted as far as the network path is.
package addrdial

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/netip"
	"strconv"
	"time"

	"github.com/libp2p/go-libp2p/core/crypto"
	"github.com/libp2p/go-libp2p/core/peer"
	"github.com/libp2p/go-libp2p/p2p/security/noise"
	ma "github.com/multiformats/go-multiaddr"
	mss "github.com/multiformats/go-multistream"
)

// DefaultTimeout bounds PeerID when the context has no deadline.
const DefaultTimeout = 10 * time.Second

// PeerID connects to the libp2p host listening on addr ("ip:port" or "host:port", TCP, noise security) and
// returns its authenticated peer ID. key is our own libp2p identity, used for our side of the handshake.
// PeerID never outlives ctx (or DefaultTimeout if ctx has no deadline).
func PeerID(ctx context.Context, addr string, key crypto.PrivKey) (peer.ID, error) {
	if key == nil {
		return "", errors.New("addrdial: nil key")
	}
	if _, ok := ctx.Deadline(); !ok {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, DefaultTimeout)
		defer cancel()
	}
	var d net.Dialer
	conn, err := d.DialContext(ctx, "tcp", addr)
	if err != nil {
		return "", fmt.Errorf("addrdial %s: %w", addr, err)
	}
	defer conn.Close()
	// Multistream-select knows nothing of contexts: a deadline and a close on cancellation keep a silent or
	// slow remote from holding us.
	if dl, ok := ctx.Deadline(); ok {
		_ = conn.SetDeadline(dl)
	}
	stop := context.AfterFunc(ctx, func() { conn.Close() })
	defer stop()

	if err := mss.SelectProtoOrFail(noise.ID, conn); err != nil {
		return "", fmt.Errorf("addrdial %s: negotiate %s: %w", addr, noise.ID, ctxErr(ctx, err))
	}
	tpt, err := noise.New(noise.ID, key, nil)
	if err != nil {
		return "", fmt.Errorf("addrdial: noise transport: %w", err)
	}
	st, err := tpt.WithSessionOptions(noise.DisablePeerIDCheck())
	if err != nil {
		return "", fmt.Errorf("addrdial: noise session: %w", err)
	}
	sc, err := st.SecureOutbound(ctx, conn, "")
	if err != nil {
		return "", fmt.Errorf("addrdial %s: noise handshake: %w", addr, ctxErr(ctx, err))
	}
	id := sc.RemotePeer()
	_ = sc.Close()
	if id == "" {
		return "", fmt.Errorf("addrdial %s: handshake gave no peer ID", addr)
	}
	return id, nil
}

// ctxErr prefers the context's error when the context ended, since the I/O error is then only its symptom.
func ctxErr(ctx context.Context, err error) error {
	if ctx.Err() != nil {
		return fmt.Errorf("%w (%v)", ctx.Err(), err)
	}
	return err
}

// Multiaddr converts "ip:port" or "host:port" to /ip4/…/tcp/port, /ip6/…/tcp/port or /dns/…/tcp/port.
// An empty host (":33001") means all IPv4 interfaces, /ip4/0.0.0.0. Port 0 is allowed (listen on any port).
func Multiaddr(addr string) (ma.Multiaddr, error) {
	host, portStr, err := net.SplitHostPort(addr)
	if err != nil {
		return nil, fmt.Errorf("address %q: %w", addr, err)
	}
	port, err := strconv.ParseUint(portStr, 10, 16)
	if err != nil {
		return nil, fmt.Errorf("address %q: bad port %q", addr, portStr)
	}
	var s string
	switch ip, err := netip.ParseAddr(host); {
	case host == "":
		s = fmt.Sprintf("/ip4/0.0.0.0/tcp/%d", port)
	case err == nil && ip.Zone() != "":
		return nil, fmt.Errorf("address %q: zoned IPv6 addresses are not supported", addr)
	case err == nil && ip.Unmap().Is4():
		s = fmt.Sprintf("/ip4/%s/tcp/%d", ip.Unmap(), port)
	case err == nil:
		s = fmt.Sprintf("/ip6/%s/tcp/%d", ip, port)
	default:
		s = fmt.Sprintf("/dns/%s/tcp/%d", host, port)
	}
	m, err := ma.NewMultiaddr(s)
	if err != nil {
		return nil, fmt.Errorf("address %q: %w", addr, err)
	}
	return m, nil
}
