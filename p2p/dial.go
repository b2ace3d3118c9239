package p2p

import (
	"bufio"
	"context"
	"errors"
	"math/rand/v2"
	"net"
	"strconv"
	"time"

	"chain33node/netkit"

	"github.com/libp2p/go-libp2p/core/network"
	"github.com/libp2p/go-libp2p/core/peer"
	"github.com/libp2p/go-libp2p/core/protocol"
)

// dialTimeout bounds one dial; failed dials back off with netkit.Backoff.
const dialTimeout = 10 * time.Second

// redial keeps us connected to each seed for the life of the host. A seed that keeps dropping us soon after
// connecting is redialed ever more slowly; a blocked one (of another chain, or misbehaving) at most every
// mismatchDuration/4.
func (h *Host) redial() *netkit.Redial {
	return &netkit.Redial{
		What:        "seed",
		Log:         h.log,
		Dial:        h.dialSeed,
		Connected:   h.peerDone,
		StableAfter: time.Minute,
		Hold: func(_ string, id peer.ID, _ error) (time.Duration, bool) {
			if h.isBlocked(id) {
				return mismatchDuration / 4, false
			}
			return 0, false
		},
	}
}

// peerDone returns a channel closed when peer id disconnects, or nil if it is not connected.
func (h *Host) peerDone(id peer.ID) <-chan struct{} {
	h.mu.Lock()
	defer h.mu.Unlock()
	if ps := h.peers[id]; ps != nil {
		return ps.ctx.Done()
	}
	return nil
}

var errBlocked = errors.New("peer is blocked")

// dialSeed learns the peer ID at addr and connects to it unless already connected. The status handshake
// follows from the connection.
func (h *Host) dialSeed(addr string) (peer.ID, error) {
	ctx, cancel := context.WithTimeout(h.ctx, dialTimeout)
	defer cancel()
	id, err := netkit.PeerID(ctx, addr, h.key)
	if err != nil {
		return id, err
	}
	h.mu.Lock()
	h.seedIDs[addr] = id
	h.mu.Unlock()
	if h.isBlocked(id) {
		return id, errBlocked
	}
	if h.peerDone(id) != nil {
		return id, nil
	}
	maddr, err := netkit.Multiaddr(addr)
	if err != nil {
		return id, err
	}
	return id, netkit.Connect(ctx, h.host, id, maddr)
}

// discoveryLoop asks peers for the peers they know and dials some while we have few outbound peers.
func (h *Host) discoveryLoop() {
	delay := 2 * time.Second
	for netkit.Sleep(h.ctx, delay) {
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
	h.log.Debug("peer discovery", "outbound", outbound, "peers", total)
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
			maddr, err := netkit.Multiaddr(a.addr)
			if err != nil {
				continue
			}
			tried[id] = true
			if len(tried) > need {
				return
			}
			addr := a.addr
			h.group.Go(func() {
				ctx, cancel := context.WithTimeout(h.ctx, dialTimeout)
				defer cancel()
				if err := netkit.Connect(ctx, h.host, id, maddr); err != nil {
					h.log.Debug("cannot connect to discovered peer", "addr", addr, "peer", id.String(), "err", err)
				}
			})
		}
	}
}

// openStream opens a stream on the connection we have to id. It never dials: a
// stream must not bring back a peer that ClosePeer, the blacklist or the peer
// itself has just disconnected.
func (h *Host) openStream(ctx context.Context, id peer.ID, proto protocol.ID) (network.Stream, error) {
	return h.host.NewStream(network.WithNoDial(ctx, "stream to a connected peer"), id, proto)
}

// requestAddrs asks a peer for the addresses of its peers.
func (h *Host) requestAddrs(id peer.ID) ([]peerAddr, error) {
	ctx, cancel := context.WithTimeout(h.ctx, dialTimeout)
	defer cancel()
	s, err := h.openStream(ctx, id, h.protos.addrs)
	if err != nil {
		return nil, err
	}
	defer s.Reset()
	_ = s.SetDeadline(time.Now().Add(dialTimeout))
	_ = s.CloseWrite()
	b, err := netkit.ReadFrame(bufio.NewReader(s), maxAddrsSize)
	if err != nil {
		return nil, err
	}
	return decodeAddrs(b)
}

// handleAddrs answers with the dialable addresses of our handshaken peers other than the asker.
func (h *Host) handleAddrs(s network.Stream) {
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
	if err := netkit.WriteFrame(s, encodeAddrs(out[:min(len(out), maxAddrsResp)])); err != nil {
		s.Reset()
		return
	}
	_ = s.Close()
}
