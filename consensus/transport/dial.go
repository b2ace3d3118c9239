package transport

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"chain33node/addrdial"

	"github.com/libp2p/go-libp2p/core/peer"
	"github.com/libp2p/go-libp2p/core/protocol"
	"github.com/libp2p/go-libp2p/p2p/net/swarm"
	ma "github.com/multiformats/go-multiaddr"
	mss "github.com/multiformats/go-multistream"
)

// mismatchBackoff: a peer of another chain is retried only this rarely. Other failures back off with
// addrdial.Backoff.
const mismatchBackoff = 5 * time.Minute

// yieldDelay: when both sides dial, the one with the smaller peer ID dials at once and the other waits this
// long for the inbound stream first, so that duplicate streams are rare (they are resolved anyway). A variable
// so that tests can force simultaneous dials.
var yieldDelay = time.Second

// firstDialDelay delays the first dial of every peer; tests use it to make two hosts dial each other at once.
var firstDialDelay time.Duration

var errSelf = errors.New("address is our own")

// dialLoop keeps us connected to one configured address for the life of the host.
func (h *Host) dialLoop(addr string) {
	defer h.wg.Done()
	var (
		bo      addrdial.Backoff
		id      peer.ID // last peer ID learned at addr
		delay   = firstDialDelay
		failing bool
	)
	for {
		if !addrdial.Sleep(h.ctx, delay) {
			return
		}
		delay = 0
		if id != "" {
			if down := h.downChan(id); down != nil {
				select {
				case <-down:
				case <-h.ctx.Done():
					return
				}
				bo.Reset()
				delay = addrdial.Jitter(addrdial.MinBackoff)
				continue
			}
		}
		newID, err := h.dialOnce(addr)
		if newID != "" {
			id = newID
		}
		var mm *mismatchError
		switch {
		case err == nil:
			bo.Reset()
			failing = false
		case errors.Is(err, errSelf):
			h.log.Debug("validatorNodes entry is this node, not dialing it", "addr", addr)
			return
		case h.ctx.Err() != nil:
			return
		case errors.As(err, &mm):
			h.reportOnce("out/"+addr, "not connecting to peer of another chain: "+mm.reason, "retry_in", mismatchBackoff)
			delay = mismatchBackoff
			failing = true
		default:
			delay = bo.Step()
			if !failing {
				h.log.Info("cannot connect to qbft peer, retrying", "addr", addr, "err", err)
			} else {
				h.log.Debug("cannot connect to qbft peer, retrying", "addr", addr, "err", err, "retry_in", delay)
			}
			failing = true
		}
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
	id, err := addrdial.PeerID(ctx, addr, h.key)
	cancel()
	if err != nil {
		return "", err
	}
	if id == h.self {
		return id, errSelf
	}
	if h.downChan(id) != nil {
		return id, nil
	}
	if id < h.self && h.waitUp(id, addrdial.Jitter(yieldDelay)) {
		return id, nil
	}

	maddr, err := addrdial.Multiaddr(addr)
	if err != nil {
		return id, err
	}
	// Our own backoff governs redials; the swarm's (5 s and more per failed address) would only add to it.
	if sw, ok := h.host.Network().(*swarm.Swarm); ok {
		sw.Backoff().Clear(id)
	}
	ctx, cancel = context.WithTimeout(h.ctx, handshakeTimeout)
	defer cancel()
	if err := h.host.Connect(ctx, peer.AddrInfo{ID: id, Addrs: []ma.Multiaddr{maddr}}); err != nil {
		return id, err
	}
	str, err := h.host.NewStream(ctx, id, h.proto)
	if err != nil {
		if notSupported(err) {
			return id, h.protocolMismatch(addr, id)
		}
		return id, err
	}
	s, err := h.handshake(str, false, addr)
	if err != nil {
		str.Reset()
		var mm *mismatchError
		switch {
		case notSupported(err):
			return id, h.protocolMismatch(addr, id)
		case errors.As(err, &mm):
			_ = str.Conn().Close()
		}
		return id, err
	}
	ps := h.attach(s)
	if ps == nil {
		return id, ErrClosed
	}
	h.wg.Add(1) // our own count keeps the WaitGroup above zero here
	go func() {
		defer h.wg.Done()
		h.readLoop(ps, s)
	}()
	return id, nil
}

func notSupported(err error) bool {
	var ns mss.ErrNotSupported[protocol.ID]
	return errors.As(err, &ns)
}

// protocolMismatch explains why a peer does not speak our protocol, from the protocols it listed in identify.
// A qbft protocol of another chain is a mismatch (long backoff); anything else is an ordinary failure, since
// the peer may simply not have registered its handler yet.
func (h *Host) protocolMismatch(addr string, id peer.ID) error {
	protos, _ := h.host.Peerstore().GetProtocols(id)
	for _, p := range protos {
		rest, ok := strings.CutPrefix(string(p), protocolPrefix)
		if !ok {
			continue
		}
		chain, gen := rest, "?"
		if i := strings.LastIndexByte(rest, '/'); i >= 0 {
			chain, gen = rest[:i], rest[i+1:]
		}
		ours := strings.TrimPrefix(string(h.proto), protocolPrefix)
		ourGen := ours[strings.LastIndexByte(ours, '/')+1:]
		return &mismatchError{fmt.Sprintf("peer %s is on chain %q genesis %s…, we are on chain %q genesis %s…",
			addr, chain, gen, h.cfg.ChainID, ourGen)}
	}
	return fmt.Errorf("peer %s (%s) does not serve %s", addr, id, h.proto)
}
