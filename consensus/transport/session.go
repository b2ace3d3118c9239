package transport

import (
	"bufio"
	"bytes"
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"io"
	"sync"
	"sync/atomic"
	"time"

	"chain33node/netkit"

	"github.com/libp2p/go-libp2p/core/network"
	"github.com/libp2p/go-libp2p/core/peer"
	"golang.org/x/time/rate"
)

// One stream per peer pair
//
// Each side may open a stream to the other at about the same time. Both keep the same one by one rule, applied
// whenever a peer has two handshaken streams:
//   - streams of different remote incarnations: the newer wins (the peer restarted; the old stream is dead);
//   - otherwise the stream opened by the peer with the smaller ID wins;
//   - two streams opened by the same side: the newer wins (the opener gave up on the old one).
//
// The losing stream is retired gracefully, never reset: we stop writing on it and close our write side, but
// keep reading it until the peer closes its side (it may have sent messages on it before it learned it lost).
// A peer that sees its current stream closed cleanly keeps the peer "connected" for switchGrace while the
// winning stream arrives, queueing messages meanwhile. So every message goes out on exactly one stream and
// is delivered at most once.

// peerState is one remote peer while we have at least one stream with it.
type peerState struct {
	id       peer.ID
	idString string
	queue    chan []byte   // bounded send queue, shared by the peer's successive streams
	queued   atomic.Int64  // bytes in queue
	recvMu   sync.Mutex    // serializes handler calls for this peer across its streams, and guards throttle
	throttle *throttle     // the rate of what the peer sends us
	notify   chan struct{} // cap 1: cur or up changed (wakes the writer)
	gone     chan struct{} // closed when the peerState is removed (stops the writer)

	dropped     atomic.Uint64
	lastDropLog time.Time // guarded by Host.mu

	// guarded by Host.mu
	cur      *session // the stream messages go out on; nil while switching or going down
	addr     string
	up       bool          // connected: cur != nil, or within switchGrace after cur closed cleanly
	down     chan struct{} // closed when up becomes false
	grace    *time.Timer
	sessions map[*session]struct{} // streams being read (cur and retiring ones)
}

// session is one handshaken stream.
type session struct {
	stream  network.Stream
	br      *bufio.Reader
	remote  hello
	opener  peer.ID // who opened the stream
	inbound bool
	addr    string

	// The remote's proved validator key, nil for an observer. Written under Host.mu by the session's reader;
	// the reader reads it without the lock.
	key []byte
	// The remote's proof and the bytes it signs, kept unverified while its claimed key is no validator's; the
	// reader verifies them once the key joins the set (SetValidators). Reader only.
	proof, proofMsg []byte

	ctx    context.Context // ends when the stream is killed or detached (or the host closes)
	cancel context.CancelFunc

	wmu     sync.Mutex
	retired bool // guarded by wmu: our write side is closed
}

var errRetired = errors.New("stream retired")

func (s *session) write(data []byte) error {
	s.wmu.Lock()
	defer s.wmu.Unlock()
	if s.retired {
		return errRetired
	}
	_ = s.stream.SetWriteDeadline(time.Now().Add(writeTimeout))
	return netkit.WriteFrame(s.stream, data)
}

// retire closes our write side; reading goes on until the peer closes its side or drainTimeout.
func (s *session) retire() {
	s.wmu.Lock()
	defer s.wmu.Unlock()
	if !s.retired {
		s.retired = true
		_ = s.stream.CloseWrite()
		_ = s.stream.SetReadDeadline(time.Now().Add(drainTimeout))
	}
}

// kill resets the stream and wakes its reader if it waits for the peer's rate limit.
func (s *session) kill() {
	s.cancel()
	s.stream.Reset()
}

// wins reports whether stream a is kept over stream b, both handshaken with the same peer, b the older.
func wins(a, b *session) bool {
	if a.remote.incarnation != b.remote.incarnation || a.opener == b.opener {
		return true
	}
	return a.opener < b.opener
}

// handshake exchanges hellos and proofs on a fresh stream (see hello.go). addr is the dialed address for an
// outbound stream. A failure that is the peer's fault is an *offence; the session is returned with it when the
// hello was read, for the ban's log line.
func (h *Host) handshake(str network.Stream, inbound bool, addr string) (*session, error) {
	_ = str.SetDeadline(time.Now().Add(handshakeTimeout))
	ours := h.hello
	ours.nonce = make([]byte, nonceSize)
	_, _ = rand.Read(ours.nonce)
	if err := netkit.WriteFrame(str, ours.marshal()); err != nil {
		return nil, fmt.Errorf("send hello: %w", err)
	}
	br := bufio.NewReader(str)
	remote, err := readHello(br)
	if err != nil {
		return nil, err
	}
	s := &session{stream: str, br: br, remote: remote, inbound: inbound, addr: addr}
	if inbound {
		s.opener = str.Conn().RemotePeer()
		s.addr = remoteAddr(str, s.remote.listenAddr)
	} else {
		s.opener = h.self
	}
	if s.remote.chainID != h.hello.chainID || !bytes.Equal(s.remote.genesisHash, h.hello.genesisHash) {
		return nil, &netkit.MismatchError{Reason: fmt.Sprintf("peer %s is on chain %q genesis %x, we are on chain %q genesis %x",
			s.addr, s.remote.chainID, s.remote.genesisHash, h.hello.chainID, h.hello.genesisHash)}
	}

	them := str.Conn().RemotePeer()
	var proof []byte
	if len(ours.nodeKey) > 0 {
		proof = h.cfg.Sign(proofBytes(h.cfg.ChainID, h.cfg.GenesisHash, h.self, them, remote.nonce, ours.nonce))
	}
	if err := netkit.WriteFrame(str, proof); err != nil {
		return nil, fmt.Errorf("send proof: %w", err)
	}
	claimed := remote.nodeKey
	sig, err := readProof(br, len(claimed) > 0)
	if err != nil {
		return s, err
	}
	if len(claimed) > 0 {
		msg := proofBytes(h.cfg.ChainID, h.cfg.GenesisHash, them, h.self, ours.nonce, remote.nonce)
		if val, pub := h.isValidator(claimed); val {
			if err := verifyProof(pub, claimed, msg, sig); err != nil {
				return s, err
			}
			s.key = claimed
		} else {
			s.proof, s.proofMsg = sig, msg
		}
	}
	_ = str.SetDeadline(time.Time{})
	s.ctx, s.cancel = context.WithCancel(h.ctx)
	return s, nil
}

// punish bans the peer of a stream for an offence in its handshake; s is nil if its hello was not read.
func (h *Host) punish(str network.Stream, s *session, off *offence) {
	addr, claimed := "", []byte(nil)
	if s != nil {
		addr, claimed = s.addr, s.remote.nodeKey
	}
	h.ban(str.Conn().RemotePeer(), str.Conn(), addr, claimed, off.reason, off.detail, 0)
}

// allowStream applies streamRate to the inbound streams of a peer.
func (h *Host) allowStream(p peer.ID) bool {
	h.mu.Lock()
	defer h.mu.Unlock()
	lim := h.streams[p]
	if lim == nil {
		if len(h.streams) >= 4*h.cfg.MaxInbound {
			// Forget peers that are gone and whose limiter has refilled: they start afresh anyway.
			now := time.Now()
			for id, l := range h.streams {
				if h.peers[id] == nil && l.TokensAt(now) >= streamBurst {
					delete(h.streams, id)
				}
			}
		}
		if len(h.streams) >= 8*h.cfg.MaxInbound {
			clear(h.streams)
		}
		lim = rate.NewLimiter(streamRate, streamBurst)
		h.streams[p] = lim
	}
	return lim.Allow()
}

// handleStream serves a stream opened by a peer (inside h.group).
func (h *Host) handleStream(str network.Stream) {
	remote := str.Conn().RemotePeer()
	if !h.allowStream(remote) {
		h.adm.refusedStreams.Add(1)
		h.log.Debug("refusing stream: peer opens streams too fast", "peer", remote.String())
		str.Reset()
		return
	}
	s, err := h.handshake(str, true, "")
	if err != nil {
		var mm *netkit.MismatchError
		var off *offence
		switch {
		case errors.As(err, &off):
			h.punish(str, s, off)
		case errors.As(err, &mm):
			h.reports.Warn("in/"+remote.String(), "rejecting peer of another chain: "+mm.Reason, "peer", remote.String())
			_ = str.Conn().Close()
		default:
			h.log.Debug("inbound handshake failed", "peer", remote.String(), "remote", str.Conn().RemoteMultiaddr().String(), "err", err)
		}
		str.Reset()
		return
	}
	if ps := h.attach(s); ps != nil {
		h.readLoop(ps, s)
	}
}

// attach registers a handshaken stream and applies the one-stream rule. The caller then runs readLoop.
// It returns nil if the host is closed, or if the stream is a new inbound observer and MaxObservers are
// connected already.
func (h *Host) attach(s *session) *peerState {
	id := s.stream.Conn().RemotePeer()
	validator, _ := h.isValidator(s.key)
	h.mu.Lock()
	if h.group.Closed() {
		h.mu.Unlock()
		s.kill()
		return nil
	}
	ps := h.peers[id]
	if s.inbound && !validator && (ps == nil || !ps.up) && h.inboundObserversLocked() >= h.cfg.MaxObservers {
		h.mu.Unlock()
		h.adm.refusedObservers.Add(1)
		h.log.Debug("refusing observer: MaxObservers connected", "peer", id.String(), "addr", s.addr, "max", h.cfg.MaxObservers)
		s.kill()
		_ = s.stream.Conn().Close()
		return nil
	}
	if ps == nil {
		ps = &peerState{
			id:       id,
			idString: id.String(),
			queue:    make(chan []byte, sendQueueLen),
			throttle: newThrottle(h.rate(validator), validator),
			notify:   make(chan struct{}, 1),
			gone:     make(chan struct{}),
			sessions: make(map[*session]struct{}),
		}
		h.peers[id] = ps
		h.group.Go(func() { h.writeLoop(ps) })
	}
	ps.sessions[s] = struct{}{}
	var loser *session
	hardReset := false
	switch old := ps.cur; {
	case old == nil:
		ps.cur = s
	case wins(s, old):
		ps.cur = s
		loser, hardReset = old, old.remote.incarnation != s.remote.incarnation
	default:
		loser = s
	}
	if ps.cur == s {
		ps.addr = s.addr
		signal(ps.notify)
	}
	if ps.grace != nil {
		ps.grace.Stop()
		ps.grace = nil
	}
	wasUp := ps.up
	if !ps.up {
		ps.up = true
		ps.down = make(chan struct{})
		close(h.changed)
		h.changed = make(chan struct{})
	}
	h.mu.Unlock()

	if !wasUp {
		h.log.Info("qbft peer connected", "peer", id.String(), "addr", s.addr, "inbound", s.inbound, "validator", validator)
	}
	if loser != nil {
		h.log.Debug("duplicate stream resolved", "peer", id.String(), "kept_opened_by", ps.curOpener(h), "restarted", hardReset)
		if hardReset {
			loser.kill()
		} else {
			loser.retire()
		}
	}
	return ps
}

// inboundObserversLocked counts the connected peers on an inbound stream without a validator's key. Caller
// holds h.mu.
func (h *Host) inboundObserversLocked() int {
	n := 0
	for _, ps := range h.peers {
		if s := ps.cur; s != nil && s.inbound {
			if val, _ := h.isValidator(s.key); !val {
				n++
			}
		}
	}
	return n
}

func (h *Host) rate(validator bool) Rate {
	if validator {
		return h.cfg.ValidatorRate
	}
	return h.cfg.ObserverRate
}

// errBanned ends a read loop whose peer was banned while it read.
var errBanned = errors.New("peer banned")

// readLoop delivers the frames of one stream until it ends, then detaches it.
func (h *Host) readLoop(ps *peerState, s *session) {
	var err error
	for {
		var data []byte
		data, err = netkit.ReadFrame(s.br, h.cfg.MaxMsgSize)
		if err != nil {
			if errors.Is(err, netkit.ErrFrameTooLarge) {
				h.banSession(s, ReasonOversize, err.Error())
			}
			break
		}
		if !h.deliver(ps, s, data) {
			err = errBanned
			break
		}
	}
	clean := errors.Is(err, io.EOF)
	if clean {
		s.retire()
		_ = s.stream.Close()
	} else {
		h.log.Debug("stream ended", "peer", ps.idString, "addr", s.addr, "err", err)
		s.kill()
	}
	h.detach(ps, s, clean)
}

// deliver hands one frame to the handler once the peer's rate allows it, after verifying a kept proof whose
// key has joined the validator set. It returns false if the peer was banned or the stream killed meanwhile.
func (h *Host) deliver(ps *peerState, s *session, data []byte) bool {
	ps.recvMu.Lock()
	defer ps.recvMu.Unlock()
	if s.proof != nil {
		if val, pub := h.isValidator(s.remote.nodeKey); val {
			if err := verifyProof(pub, s.remote.nodeKey, s.proofMsg, s.proof); err != nil {
				off := err.(*offence)
				h.banSession(s, off.reason, off.detail)
				return false
			}
			h.mu.Lock()
			s.key = s.remote.nodeKey
			h.mu.Unlock()
			s.proof, s.proofMsg = nil, nil
		}
	}
	validator, _ := h.isValidator(s.key)
	now := time.Now()
	if validator != ps.throttle.validator {
		ps.throttle.set(now, h.rate(validator), validator)
	}
	delay, flood := ps.throttle.take(now, len(data), h.cfg.FloodBanAfter)
	if flood {
		h.banSession(s, ReasonFlood, fmt.Sprintf("over %v messages/s or %v bytes/s for %v", h.rate(validator).Msgs,
			h.rate(validator).Bytes, h.cfg.FloodBanAfter))
		return false
	}
	if delay > 0 {
		h.adm.throttled.Add(1)
		netkit.Sleep(s.ctx, delay)
	}
	if s.ctx.Err() != nil { // banned (by the driver, or on another stream) since the frame was read
		return false
	}
	h.handler(Peer{ID: ps.idString, Key: s.key}, data)
	return true
}

// banSession bans the peer of a handshaken stream.
func (h *Host) banSession(s *session, reason Reason, detail string) {
	h.ban(s.stream.Conn().RemotePeer(), s.stream.Conn(), s.addr, s.remote.nodeKey, reason, detail, 0)
}

// detach removes an ended stream. If it was the current one, the peer stays up for switchGrace after a clean
// close (a duplicate being resolved) and goes down at once after an error.
func (h *Host) detach(ps *peerState, s *session, clean bool) {
	s.cancel()
	h.mu.Lock()
	defer h.mu.Unlock()
	delete(ps.sessions, s)
	if ps.cur == s {
		ps.cur = nil
		signal(ps.notify)
		if clean && !h.group.Closed() {
			ps.grace = time.AfterFunc(switchGrace, func() {
				h.mu.Lock()
				defer h.mu.Unlock()
				if ps.cur == nil && ps.up {
					h.goDownLocked(ps)
				}
			})
		} else {
			h.goDownLocked(ps)
		}
	}
	if !ps.up && len(ps.sessions) == 0 && h.peers[ps.id] == ps {
		delete(h.peers, ps.id)
		close(ps.gone)
	}
}

// goDownLocked marks a peer disconnected; its queued messages are discarded. Caller holds h.mu.
func (h *Host) goDownLocked(ps *peerState) {
	if ps.grace != nil {
		ps.grace.Stop()
		ps.grace = nil
	}
	if !ps.up {
		return
	}
	ps.up = false
	close(ps.down)
	signal(ps.notify)
	if !h.group.Closed() {
		h.log.Info("qbft peer disconnected", "peer", ps.id.String(), "addr", ps.addr)
	}
	if len(ps.sessions) == 0 && h.peers[ps.id] == ps {
		delete(h.peers, ps.id)
		close(ps.gone)
	}
}

// writeLoop sends the peer's queued messages on its current stream.
func (h *Host) writeLoop(ps *peerState) {
	for {
		select {
		case data := <-ps.queue:
			ps.queued.Add(-int64(len(data)))
			h.writeOne(ps, data)
		case <-ps.gone:
			return
		case <-h.ctx.Done():
			return
		}
	}
}

func (h *Host) writeOne(ps *peerState, data []byte) {
	for {
		h.mu.Lock()
		s, up := ps.cur, ps.up
		h.mu.Unlock()
		if s == nil {
			if !up {
				return // peer down: discard
			}
			select {
			case <-ps.notify:
				continue
			case <-ps.gone:
				return
			case <-h.ctx.Done():
				return
			}
		}
		err := s.write(data)
		if errors.Is(err, errRetired) {
			// Superseded while we looked: the next current stream takes the message.
			select {
			case <-ps.notify:
			case <-h.ctx.Done():
				return
			case <-time.After(10 * time.Millisecond):
			}
			continue
		}
		if err != nil {
			// Partly written, maybe: do not resend (no duplicates); the reader sees the reset and detaches.
			h.log.Debug("write failed, resetting stream", "peer", ps.idString, "err", err)
			s.kill()
		}
		return
	}
}

func (ps *peerState) curOpener(h *Host) string {
	h.mu.Lock()
	defer h.mu.Unlock()
	if ps.cur == nil {
		return ""
	}
	return ps.cur.opener.String()
}

func signal(c chan struct{}) {
	select {
	case c <- struct{}{}:
	default:
	}
}
