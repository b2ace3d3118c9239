package netkit

import (
	"context"
	"errors"
	"fmt"
	"net"
	"time"

	"github.com/libp2p/go-libp2p/core/crypto"
	"github.com/libp2p/go-libp2p/core/peer"
	"github.com/libp2p/go-libp2p/p2p/security/noise"
	mss "github.com/multiformats/go-multistream"
)

// DefaultTimeout bounds PeerID when the context has no deadline.
const DefaultTimeout = 10 * time.Second

// ErrSelf is returned by PeerID, with our own ID, when the address reaches this very host.
var ErrSelf = errors.New("address is our own")

// PeerID connects to the libp2p host listening on addr ("ip:port" or "host:port", TCP, noise security) and
// returns its authenticated peer ID. key is our own libp2p identity, used for our side of the handshake; an
// address that answers with that identity is our own, and PeerID returns our ID with ErrSelf. PeerID never
// outlives ctx (or DefaultTimeout if ctx has no deadline).
func PeerID(ctx context.Context, addr string, key crypto.PrivKey) (peer.ID, error) {
	if key == nil {
		return "", errors.New("peer ID: nil key")
	}
	if _, ok := ctx.Deadline(); !ok {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, DefaultTimeout)
		defer cancel()
	}
	var d net.Dialer
	conn, err := d.DialContext(ctx, "tcp", addr)
	if err != nil {
		return "", fmt.Errorf("peer ID at %s: %w", addr, err)
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
		return "", fmt.Errorf("peer ID at %s: negotiate %s: %w", addr, noise.ID, ctxErr(ctx, err))
	}
	tpt, err := noise.New(noise.ID, key, nil)
	if err != nil {
		return "", fmt.Errorf("peer ID: noise transport: %w", err)
	}
	st, err := tpt.WithSessionOptions(noise.DisablePeerIDCheck())
	if err != nil {
		return "", fmt.Errorf("peer ID: noise session: %w", err)
	}
	sc, err := st.SecureOutbound(ctx, conn, "")
	if err != nil {
		return "", fmt.Errorf("peer ID at %s: noise handshake: %w", addr, ctxErr(ctx, err))
	}
	id := sc.RemotePeer()
	_ = sc.Close()
	if id == "" {
		return "", fmt.Errorf("peer ID at %s: handshake gave no peer ID", addr)
	}
	if id.MatchesPrivateKey(key) {
		return id, ErrSelf
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
