package p2p

import (
	"bufio"
	"context"
	"errors"
	"math/rand/v2"
	"net"
	"strconv"
	"time"

	"chain33node/addrdial"

	"github.com/libp2p/go-libp2p/core/network"
	"github.com/libp2p/go-libp2p/core/peer"
	"github.com/libp2p/go-libp2p/p2p/net/swarm"
	ma "github.com/multiformats/go-multiaddr"
)

// dialTimeout bounds one dial; failed dials back off with addrdial.Backoff.
const dialTimeout = 10 * time.Second

var errSelf = errors.New("address is our own")

// peerDone returns a channel closed when peer id disconnects, or nil if it is not connected.
func (h *Host) peerDone(id peer.ID) <-chan struct{} {
	h.mu.Lock()
	defer h.mu.Unlock()
	if ps := h.peers[id]; ps != nil {
		return ps.ctx.Done()
	}
	return nil
}

// seedLoop keeps us connected to one seed for the life of the host.
func (h *Host) seedLoop(addr string) {
	var (
		bo      addrdial.Backoff
		id      peer.ID
		delay   time.Duration
		failing bool
	)
	for {
		if !addrdial.Sleep(h.ctx, delay) {
			return
		}
		if id != "" {
			if done := h.peerDone(id); done != nil {
				since := time.Now()
				select {
				case <-done:
				case <-h.ctx.Done():
					return
				}
				if time.Since(since) > time.Minute {
					bo.Reset()
				}
				delay = bo.Step()
				continue
			}
		}
		newID, err := h.dialSeed(addr)
		if newID != "" {
			id = newID
		}
		switch {
		case err == nil:
			failing = false
			delay = 0
		case errors.Is(err, errSelf):
			h.log.Debug("seed is this node, not dialing it", "addr", addr)
			return
		case h.ctx.Err() != nil:
			return
		default:
			delay = bo.Step()
			if h.isBlocked(id) {
				delay = max(delay, mismatchDuration/4)
			}
			if !failing {
				h.log.Info("cannot connect to seed, retrying", "addr", addr, "err", err)
			} else {
				h.log.Debug("cannot connect to seed, retrying", "addr", addr, "err", err, "retry_in", delay)
			}
			failing = true
		}
	}
}

var errBlocked = errors.New("peer is blocked")

// dialSeed learns the peer ID at addr and connects to it unless already connected. The status handshake
// follows from the connection.
func (h *Host) dialSeed(addr string) (peer.ID, error) {
	ctx, cancel := context.WithTimeout(h.ctx, dialTimeout)
	defer cancel()
	id, err := addrdial.PeerID(ctx, addr, h.key)
	if err != nil {
		return "", err
	}
	if id == h.self {
		return id, errSelf
	}
	if h.isBlocked(id) {
		return id, errBlocked
	}
	if h.peerDone(id) != nil {
		return id, nil
	}
	maddr, err := addrdial.Multiaddr(addr)
	if err != nil {
		return id, err
	}
	return id, h.connect(ctx, id, maddr)
}

func (h *Host) connect(ctx context.Context, id peer.ID, addr ma.Multiaddr) error {
	// Our own backoff governs redials; the swarm's (5 s and more per failed address) would only add to it.
	if sw, ok := h.host.Network().(*swarm.Swarm); ok {
		sw.Backoff().Clear(id)
	}
	return h.host.Connect(ctx, peer.AddrInfo{ID: id, Addrs: []ma.Multiaddr{addr}})
}

// discoveryLoop asks peers for the peers they know and dials some while we have few outbound peers.
func (h *Host) discoveryLoop() {
	delay := 2 * time.Second
	for addrdial.Sleep(h.ctx, delay) {
		delay = discoveryInterval
		h.discoverOnce()
	}
}

func (h *Host) discoverOnce() {
	_, _, _, outbound := h.NetInfo()
	h.mu.Lock()
	total := len(h.peers)
	h.mu.Unlock()
	need := min(maxOutbound-outbound, maxPeers-total)
	if need <= 0 {
		return
	}
	peers := h.upPeers()
	rand.Shuffle(len(peers), func(i, j int) { peers[i], peers[j] = peers[j], peers[i] })
	tried := map[peer.ID]bool{}
	for _, ps := range peers[:min(3, len(peers))] {
		addrs, err := h.requestAddrs(ps.id)
		if err != nil {
			h.log.Debug("address request failed", "peer", ps.id.String(), "err", err)
			continue
		}
		for _, a := range addrs {
			id, err := peer.IDFromBytes(a.id)
			if err != nil || id == h.self || tried[id] || h.peerDone(id) != nil || h.isBlocked(id) {
				continue
			}
			maddr, err := addrdial.Multiaddr(a.addr)
			if err != nil {
				continue
			}
			tried[id] = true
			if len(tried) > need {
				return
			}
			addr := a.addr
			h.goTracked(func() {
				ctx, cancel := context.WithTimeout(h.ctx, dialTimeout)
				defer cancel()
				if err := h.connect(ctx, id, maddr); err != nil {
					h.log.Debug("cannot connect to discovered peer", "addr", addr, "peer", id.String(), "err", err)
				}
			})
		}
	}
}

// requestAddrs asks a peer for the addresses of its peers.
func (h *Host) requestAddrs(id peer.ID) ([]peerAddr, error) {
	ctx, cancel := context.WithTimeout(h.ctx, dialTimeout)
	defer cancel()
	s, err := h.host.NewStream(ctx, id, h.protos.addrs)
	if err != nil {
		return nil, err
	}
	defer s.Reset()
	_ = s.SetDeadline(time.Now().Add(dialTimeout))
	_ = s.CloseWrite()
	b, err := addrdial.ReadFrame(bufio.NewReader(s), maxAddrsSize)
	if err != nil {
		return nil, err
	}
	return decodeAddrs(b)
}

// handleAddrs answers with the dialable addresses of our handshaken peers other than the asker.
func (h *Host) handleAddrs(s network.Stream) {
	if !h.enter() {
		s.Reset()
		return
	}
	defer h.wg.Done()
	asker := s.Conn().RemotePeer()
	if !h.isUp(asker) {
		s.Reset()
		return
	}
	var out []peerAddr
	for _, ps := range h.upPeers() {
		h.mu.Lock()
		ip, port := ps.ip, ps.port
		h.mu.Unlock()
		if ps.id == asker || ip == "" || port == 0 {
			continue
		}
		out = append(out, peerAddr{id: []byte(ps.id), addr: net.JoinHostPort(ip, strconv.Itoa(int(port)))})
	}
	rand.Shuffle(len(out), func(i, j int) { out[i], out[j] = out[j], out[i] })
	_ = s.SetDeadline(time.Now().Add(dialTimeout))
	if err := addrdial.WriteFrame(s, encodeAddrs(out[:min(len(out), maxAddrsResp)])); err != nil {
		s.Reset()
		return
	}
	_ = s.Close()
}
