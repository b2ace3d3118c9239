package transport

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"chain33node/netkit"

	"github.com/libp2p/go-libp2p/core/peer"
)

// mismatchBackoff: a peer of another chain is retried only this rarely. Other failures back off with
// netkit.Backoff.
const mismatchBackoff = 5 * time.Minute

// yieldDelay: when both sides dial, the one with the smaller peer ID dials at once and the other waits this
// long for the inbound stream first, so that duplicate streams are rare (they are resolved anyway). A variable
// so that tests can force simultaneous dials.
var yieldDelay = time.Second

// firstDialDelay delays the first dial of every peer; tests use it to make two hosts dial each other at once.
var firstDialDelay time.Duration

// redial keeps us connected to each configured address for the life of the host. A peer that goes down is
// redialed after netkit.MinBackoff (consensus wants it back soon); a peer of another chain after
// mismatchBackoff, reported once.
func (h *Host) redial() *netkit.Redial {
	return &netkit.Redial{
		What:       "validatorNodes entry",
		Log:        h.log,
		Dial:       h.dialOnce,
		Connected:  h.downChan,
		FirstDelay: firstDialDelay,
		Hold: func(addr string, id peer.ID, err error) (time.Duration, bool) {
			var mm *netkit.MismatchError
			var banned *bannedError
			switch {
			case errors.As(err, &banned): // logged when it was banned
				h.log.Debug("not dialing banned peer", "addr", addr, "peer", id.String(), "err", err)
				return time.Until(banned.until), true
			case errors.As(err, &mm):
				h.reports.Warn("out/"+addr, "not connecting to peer of another chain: "+mm.Reason, "retry_in", mismatchBackoff)
				return mismatchBackoff, true
			}
			return 0, false
		},
	}
}

// downChan returns a channel closed when peer id goes down, or nil if it is not up.
func (h *Host) downChan(id peer.ID) <-chan struct{} {
	h.mu.Lock()
	defer h.mu.Unlock()
	if ps := h.peers[id]; ps != nil && ps.up {
		return ps.down
	}
	return nil
}

// waitUp waits up to d for peer id to come up (connected by its own dial) and reports whether it did.
func (h *Host) waitUp(id peer.ID, d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	for {
		h.mu.Lock()
		ps, changed := h.peers[id], h.changed
		h.mu.Unlock()
		if ps != nil && ps.up {
			return true
		}
		select {
		case <-changed:
		case <-t.C:
			return false
		case <-h.ctx.Done():
			return false
		}
	}
}

// dialOnce learns the peer ID at addr and, unless we are already connected to it, opens and handshakes a
// stream. It returns the learned ID even on failure.
func (h *Host) dialOnce(addr string) (peer.ID, error) {
	ctx, cancel := context.WithTimeout(h.ctx, handshakeTimeout)
	id, err := netkit.PeerID(ctx, addr, h.key)
	cancel()
	if err != nil {
		return id, err
	}
	if until := h.adm.bannedUntil(id); !until.IsZero() {
		return id, &bannedError{until}
	}
	if h.downChan(id) != nil {
		return id, nil
	}
	if id < h.self && h.waitUp(id, netkit.Jitter(yieldDelay)) {
		return id, nil
	}

	maddr, err := netkit.Multiaddr(addr)
	if err != nil {
		return id, err
	}
	ctx, cancel = context.WithTimeout(h.ctx, handshakeTimeout)
	defer cancel()
	if err := netkit.Connect(ctx, h.host, id, maddr); err != nil {
		return id, err
	}
	str, err := h.host.NewStream(ctx, id, h.proto)
	if err != nil {
		if netkit.IsNotSupported(err) {
			return id, h.protocolMismatch(addr, id)
		}
		return id, err
	}
	s, err := h.handshake(str, false, addr)
	if err != nil {
		str.Reset()
		var mm *netkit.MismatchError
		var off *offence
		switch {
		case netkit.IsNotSupported(err):
			return id, h.protocolMismatch(addr, id)
		case errors.As(err, &off):
			h.punish(str, s, off)
			return id, &bannedError{h.adm.bannedUntil(id)}
		case errors.As(err, &mm):
			_ = str.Conn().Close()
		}
		return id, err
	}
	ps := h.attach(s)
	if ps == nil {
		return id, ErrClosed
	}
	// Close resets the stream of a session it registered, so a refused Go leaves nothing behind.
	h.group.Go(func() { h.readLoop(ps, s) })
	return id, nil
}

// protocolMismatch explains why a peer does not speak our protocol, from the protocols it listed in identify.
// A qbft protocol of another chain is a mismatch (long backoff); anything else is an ordinary failure, since
// the peer may simply not have registered its handler yet.
func (h *Host) protocolMismatch(addr string, id peer.ID) error {
	protos, _ := h.host.Peerstore().GetProtocols(id)
	for _, p := range protos {
		rest, ok := strings.CutPrefix(string(p), protocolPrefix)
		if !ok {
			if v, ok := strings.CutPrefix(string(p), protocolFamily); ok {
				v, _, _ = strings.Cut(v, "/")
				return &netkit.MismatchError{Reason: fmt.Sprintf("peer %s speaks qbft transport version %s, we speak %s: upgrade it",
					addr, v, strings.TrimSuffix(strings.TrimPrefix(protocolPrefix, protocolFamily), "/"))}
			}
			continue
		}
		chain, gen := rest, "?"
		if i := strings.LastIndexByte(rest, '/'); i >= 0 {
			chain, gen = rest[:i], rest[i+1:]
		}
		ours := strings.TrimPrefix(string(h.proto), protocolPrefix)
		ourGen := ours[strings.LastIndexByte(ours, '/')+1:]
		return &netkit.MismatchError{Reason: fmt.Sprintf("peer %s is on chain %q genesis %s…, we are on chain %q genesis %s…",
			addr, chain, gen, h.cfg.ChainID, ourGen)}
	}
	return fmt.Errorf("peer %s (%s) does not serve %s", addr, id, h.proto)
}
