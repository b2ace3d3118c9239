package transport

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"sync"
	"sync/atomic"
	"time"

	"chain33node/netkit"

	"github.com/libp2p/go-libp2p/core/network"
	"github.com/libp2p/go-libp2p/core/peer"
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
	id     peer.ID
	queue  chan []byte   // bounded send queue, shared by the peer's successive streams
	queued atomic.Int64  // bytes in queue
	recvMu sync.Mutex    // serializes handler calls for this peer across its streams
	notify chan struct{} // cap 1: cur or up changed (wakes the writer)
	gone   chan struct{} // closed when the peerState is removed (stops the writer)

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

// wins reports whether stream a is kept over stream b, both handshaken with the same peer, b the older.
func wins(a, b *session) bool {
	if a.remote.incarnation != b.remote.incarnation || a.opener == b.opener {
		return true
	}
	return a.opener < b.opener
}

// handshake exchanges Hellos on a fresh stream. addr is the dialed address for an outbound stream.
func (h *Host) handshake(str network.Stream, inbound bool, addr string) (*session, error) {
	_ = str.SetDeadline(time.Now().Add(handshakeTimeout))
	if err := netkit.WriteFrame(str, h.hello.marshal()); err != nil {
		return nil, fmt.Errorf("send hello: %w", err)
	}
	br := bufio.NewReader(str)
	b, err := netkit.ReadFrame(br, maxHelloSize)
	if err != nil {
		return nil, fmt.Errorf("read hello: %w", err)
	}
	s := &session{stream: str, br: br, inbound: inbound, addr: addr}
	if err := s.remote.unmarshal(b); err != nil {
		return nil, err
	}
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
	_ = str.SetDeadline(time.Time{})
	return s, nil
}

// handleStream serves a stream opened by a peer (inside h.group).
func (h *Host) handleStream(str network.Stream) {
	remote := str.Conn().RemotePeer()
	s, err := h.handshake(str, true, "")
	if err != nil {
		var mm *netkit.MismatchError
		if errors.As(err, &mm) {
			h.reports.Warn("in/"+remote.String(), "rejecting peer of another chain: "+mm.Reason, "peer", remote.String())
			str.Reset()
			_ = str.Conn().Close()
			return
		}
		h.log.Debug("inbound handshake failed", "peer", remote.String(), "remote", str.Conn().RemoteMultiaddr().String(), "err", err)
		str.Reset()
		return
	}
	if ps := h.attach(s); ps != nil {
		h.readLoop(ps, s)
	}
}

// attach registers a handshaken stream and applies the one-stream rule. The caller then runs readLoop.
// It returns nil if the host is closed.
func (h *Host) attach(s *session) *peerState {
	id := s.stream.Conn().RemotePeer()
	h.mu.Lock()
	if h.group.Closed() {
		h.mu.Unlock()
		s.stream.Reset()
		return nil
	}
	ps := h.peers[id]
	if ps == nil {
		ps = &peerState{
			id:       id,
			queue:    make(chan []byte, sendQueueLen),
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
		h.log.Info("qbft peer connected", "peer", id.String(), "addr", s.addr, "inbound", s.inbound)
	}
	if loser != nil {
		h.log.Debug("duplicate stream resolved", "peer", id.String(), "kept_opened_by", ps.curOpener(h), "restarted", hardReset)
		if hardReset {
			loser.stream.Reset()
		} else {
			loser.retire()
		}
	}
	return ps
}

// readLoop delivers the frames of one stream until it ends, then detaches it.
func (h *Host) readLoop(ps *peerState, s *session) {
	from := ps.id.String()
	var err error
	for {
		var data []byte
		data, err = netkit.ReadFrame(s.br, h.cfg.MaxMsgSize)
		if err != nil {
			break
		}
		ps.recvMu.Lock()
		h.handler(from, data)
		ps.recvMu.Unlock()
	}
	clean := errors.Is(err, io.EOF)
	if clean {
		s.retire()
		_ = s.stream.Close()
	} else {
		if errors.Is(err, netkit.ErrFrameTooLarge) {
			h.log.Warn("closing stream: frame too large", "peer", from, "addr", s.addr, "err", err)
		} else {
			h.log.Debug("stream ended", "peer", from, "addr", s.addr, "err", err)
		}
		s.stream.Reset()
	}
	h.detach(ps, s, clean)
}

// detach removes an ended stream. If it was the current one, the peer stays up for switchGrace after a clean
// close (a duplicate being resolved) and goes down at once after an error.
func (h *Host) detach(ps *peerState, s *session, clean bool) {
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
			h.log.Debug("write failed, resetting stream", "peer", ps.id.String(), "err", err)
			s.stream.Reset()
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
