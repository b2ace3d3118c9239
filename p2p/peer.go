package p2p

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"net"
	"net/netip"
	"os"
	"strconv"
	"strings"
	"time"

	"chain33node/netkit"

	"github.com/libp2p/go-libp2p/core/network"
	"github.com/libp2p/go-libp2p/core/peer"
)

var errInvalidStatus = errors.New("invalid status")

// localStatus is our status, cached briefly (every peer's status push reads it).
func (h *Host) localStatus() status {
	h.mu.Lock()
	if h.cached.hash != nil && time.Since(h.cachedAt) < 100*time.Millisecond {
		st := h.cached
		h.mu.Unlock()
		return st
	}
	listen := h.listenAddr
	h.mu.Unlock()
	height, hash := h.chain.Head()
	hd, err := h.chain.Header(height)
	if err != nil {
		h.log.Error("cannot read head header", "height", height, "err", err)
		hd = nil
	}
	st := status{channel: h.cfg.Channel, genesis: h.cfg.GenesisHash, height: height, hash: hash,
		mempoolSize: int64(h.pool.Size()), listenAddr: listen, header: hd}
	h.mu.Lock()
	h.cached, h.cachedAt = st, time.Now()
	h.mu.Unlock()
	return st
}

// statusChanged tells the status pushers that our status changed.
func (h *Host) statusChanged() {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.cachedAt = time.Time{}
	close(h.statusSig)
	h.statusSig = make(chan struct{})
}

func (h *Host) statusChan() <-chan struct{} {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.statusSig
}

// runPeer keeps our status stream to a connected peer open for as long as the peer is connected.
func (h *Host) runPeer(ps *peerState) {
	failures := 0
	for {
		start := time.Now()
		err := h.pushStatus(ps)
		if ps.ctx.Err() != nil {
			return
		}
		var mm *netkit.MismatchError
		switch {
		case errors.As(err, &mm):
			h.reject(ps.id, mm.Reason)
			return
		case errors.Is(err, errInvalidStatus):
			h.block(ps.id, blockDuration, err.Error())
			return
		}
		if time.Since(start) > 2*statusTimeout {
			failures = 0
		}
		failures++
		if failures >= 3 {
			h.log.Debug("status stream keeps failing, disconnecting", "peer", ps.id.String(), "err", err)
			_ = h.host.Network().ClosePeer(ps.id)
			return
		}
		h.log.Debug("status stream failed, reopening", "peer", ps.id.String(), "err", err)
		select {
		case <-ps.ctx.Done():
			return
		case <-time.After(time.Second):
		}
	}
}

// reject disconnects a peer of another chain, refuses it for a while and logs the reason once. The connection
// closes after rejectLinger, so that the peer can learn from our status or protocols why, and log it too;
// meanwhile the peer is not up, so nothing but the handshake is exchanged.
func (h *Host) reject(id peer.ID, reason string) {
	h.reports.Warn("mismatch/"+id.String(), "rejecting peer of another chain: "+reason, "peer", id.String())
	h.mu.Lock()
	h.blockLocked(id, mismatchDuration)
	if ps := h.peers[id]; ps != nil {
		ps.up = false
	}
	h.mu.Unlock()
	h.group.Go(func() {
		if netkit.Sleep(h.ctx, rejectLinger) {
			_ = h.host.Network().ClosePeer(id)
		}
	})
}

// pushStatus opens our status stream to ps, does the handshake and then pushes our status on change and
// every statusInterval until the peer goes away or the stream fails.
func (h *Host) pushStatus(ps *peerState) error {
	ctx, cancel := context.WithTimeout(ps.ctx, handshakeTimeout)
	s, err := h.openStream(ctx, ps.id, h.protos.status)
	cancel()
	if err != nil {
		if netkit.IsNotSupported(err) {
			return h.explainMismatch(ps.id)
		}
		return err
	}
	defer s.Reset()
	_ = s.SetDeadline(time.Now().Add(handshakeTimeout))
	if err := netkit.WriteFrame(s, h.statusFor(ps).marshal()); err != nil {
		return fmt.Errorf("send status: %w", err)
	}
	b, err := netkit.ReadFrame(bufio.NewReader(s), maxStatusSize)
	if err != nil {
		return fmt.Errorf("read status: %w", err)
	}
	var st status
	if err := st.unmarshal(b); err != nil {
		return fmt.Errorf("%w: %v", errInvalidStatus, err)
	}
	if err := h.acceptStatus(ps, &st); err != nil {
		return err
	}
	_ = s.SetDeadline(time.Time{})

	tick := time.NewTicker(statusInterval)
	defer tick.Stop()
	last := time.Now()
	for {
		select {
		case <-ps.ctx.Done():
			return nil
		case <-tick.C:
		case <-h.statusChan():
			if d := statusMinInterval - time.Since(last); d > 0 {
				select {
				case <-ps.ctx.Done():
					return nil
				case <-time.After(d):
				}
			}
		}
		_ = s.SetWriteDeadline(time.Now().Add(handshakeTimeout))
		if err := netkit.WriteFrame(s, h.statusFor(ps).marshal()); err != nil {
			return fmt.Errorf("send status: %w", err)
		}
		last = time.Now()
	}
}

func (h *Host) statusFor(ps *peerState) status {
	st := h.localStatus()
	st.observed = ps.connIP
	return st
}

// explainMismatch tells why a peer does not speak our status protocol, from the protocols it listed in
// identify: a status protocol of another channel or genesis is a mismatch; anything else an ordinary failure
// (the peer may not have registered its handlers yet).
func (h *Host) explainMismatch(id peer.ID) error {
	protos, _ := h.host.Peerstore().GetProtocols(id)
	ours := strings.Split(strings.TrimPrefix(string(h.protos.status), protocolPrefix), "/")
	for _, p := range protos {
		rest, ok := strings.CutPrefix(string(p), protocolPrefix)
		if !ok || !strings.HasSuffix(rest, "/status") {
			continue
		}
		theirs := strings.Split(rest, "/")
		if len(theirs) != 3 || len(ours) != 3 {
			continue
		}
		return &netkit.MismatchError{Reason: fmt.Sprintf("peer %s is on channel %s genesis %s…, we are on channel %s genesis %s…",
			h.peerIP(id), theirs[0], theirs[1], ours[0], ours[1])}
	}
	return fmt.Errorf("peer %s does not serve %s", id, h.protos.status)
}

func (h *Host) peerIP(id peer.ID) string {
	h.mu.Lock()
	defer h.mu.Unlock()
	if ps := h.peers[id]; ps != nil {
		return ps.connIP
	}
	return "?"
}

// ensurePeer returns the state of a connected peer, creating it if its connection was not notified (one
// accepted while the host was starting). Nil once the host is closed.
func (h *Host) ensurePeer(c network.Conn) *peerState {
	h.connected(nil, c)
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.peers[c.RemotePeer()]
}

// handleStatus serves a peer's status stream: its handshake, then its status updates.
func (h *Host) handleStatus(s network.Stream) {
	defer s.Reset()
	ps := h.ensurePeer(s.Conn())
	if ps == nil {
		return
	}
	h.mu.Lock()
	ps.statusIn++
	n := ps.statusIn
	h.mu.Unlock()
	defer func() {
		h.mu.Lock()
		ps.statusIn--
		h.mu.Unlock()
	}()
	if n > 2 { // a peer reopens its stream when it fails; more than one spare is abuse
		return
	}

	_ = s.SetDeadline(time.Now().Add(handshakeTimeout))
	br := bufio.NewReader(s)
	b, err := netkit.ReadFrame(br, maxStatusSize)
	if err != nil {
		return
	}
	var st status
	if err := st.unmarshal(b); err != nil {
		h.block(ps.id, blockDuration, fmt.Sprintf("undecodable status: %v", err))
		return
	}
	// Take the status before answering: the peer may ask for blocks as soon as it reads our answer, and must
	// be up by then (else it is refused and cools down for seconds). Answer even a peer we reject: it
	// learns why from our status.
	accepted := h.acceptStatus(ps, &st)
	if err := netkit.WriteFrame(s, h.statusFor(ps).marshal()); err != nil {
		return
	}
	if statusAnswered != nil {
		statusAnswered()
	}
	if !h.judged(ps, accepted) {
		return
	}
	for {
		_ = s.SetReadDeadline(time.Now().Add(statusTimeout))
		b, err := netkit.ReadFrame(br, maxStatusSize)
		if err != nil {
			if errors.Is(err, os.ErrDeadlineExceeded) && ps.ctx.Err() == nil {
				h.log.Info("peer sent no status for too long, disconnecting", "peer", ps.id.String(), "silent", statusTimeout)
				_ = h.host.Network().ClosePeer(ps.id)
			}
			return
		}
		var st status
		if err := st.unmarshal(b); err != nil {
			h.block(ps.id, blockDuration, fmt.Sprintf("undecodable status: %v", err))
			return
		}
		if !h.judgeStatus(ps, &st) {
			return
		}
	}
}

// statusAnswered, if set, is called when a peer's first status is answered (tests).
var statusAnswered func()

// judgeStatus accepts a received status or rejects the peer; it reports whether the peer is still welcome.
func (h *Host) judgeStatus(ps *peerState, st *status) bool {
	return h.judged(ps, h.acceptStatus(ps, st))
}

// judged acts on what acceptStatus returned: a peer on another chain is rejected, an invalid status
// blocks the peer. It reports whether the status was accepted.
func (h *Host) judged(ps *peerState, err error) bool {
	var mm *netkit.MismatchError
	switch {
	case err == nil:
		return true
	case errors.As(err, &mm):
		h.reject(ps.id, mm.Reason)
	default:
		h.block(ps.id, blockDuration, err.Error())
	}
	return false
}

// statusReceived, if set, is called when a peer's status is received, before it is taken (tests).
var statusReceived func(*Host)

// acceptStatus checks a peer's status and records it; the first accepted status brings the peer up.
func (h *Host) acceptStatus(ps *peerState, st *status) error {
	if statusReceived != nil {
		statusReceived(h)
	}
	if st.channel != h.cfg.Channel || !bytes.Equal(st.genesis, h.cfg.GenesisHash) {
		return &netkit.MismatchError{Reason: fmt.Sprintf("peer %s is on channel %d genesis 0x%x, we are on channel %d genesis 0x%x",
			ps.connIP, st.channel, st.genesis, h.cfg.Channel, h.cfg.GenesisHash)}
	}
	if err := st.check(); err != nil {
		return fmt.Errorf("%w: %v", errInvalidStatus, err)
	}
	ip, port := dialable(st.listenAddr, ps.connIP)
	own, _ := h.chain.Head()
	h.mu.Lock()
	if h.peers[ps.id] != ps { // disconnected meanwhile
		h.mu.Unlock()
		return nil
	}
	first := !ps.up
	ps.up, ps.st, ps.ip, ps.port = true, *st, ip, port
	h.everUp = true
	if first {
		select {
		case <-ps.upCh: // up before, then rejected
		default:
			close(ps.upCh)
		}
		if a, err := netip.ParseAddr(st.observed); err == nil && !a.IsUnspecified() {
			if _, ok := h.observed[a.String()]; ok || len(h.observed) < 64 {
				h.observed[a.String()]++
			}
		}
	}
	h.mu.Unlock()
	if first {
		h.log.Info("peer connected", "peer", ps.id.String(), "addr", net.JoinHostPort(ip, strconv.Itoa(int(port))),
			"height", st.height, "inbound", ps.inbound)
	}
	if st.height > own {
		h.kickSync()
	}
	return nil
}

// dialable is a peer's address for display and discovery: its announced listen IP if it names one, else the
// IP its connection comes from; and its announced listen port.
func dialable(listen, connIP string) (string, int32) {
	host, port, err := net.SplitHostPort(listen)
	if err != nil {
		return connIP, 0
	}
	p, err := strconv.ParseUint(port, 10, 16)
	if err != nil {
		return connIP, 0
	}
	if a, err := netip.ParseAddr(host); err == nil && !a.IsUnspecified() {
		return a.Unmap().String(), int32(p)
	}
	return connIP, int32(p)
}
