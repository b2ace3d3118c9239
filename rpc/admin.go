package rpc

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Peer administration (chain33 rpc/jrpchandler.go DialPeer, ClosePeer,
// AddBlacklist, DelBlacklist, ShowBlacklist, NetProtocols; the p2p side in
// system/p2p/dht/protocol/peer/handler.go). As in the reference, a refused
// operation is a result with isOk false and the reason in msg, not an error.

// PeerAdmin is the node's p2p administration.
type PeerAdmin interface {
	// Dial connects to "ip:port" or a multiaddr now (seed: and keeps it
	// connected); it returns the peer's ID.
	Dial(ctx context.Context, addr string, seed bool) (string, error)
	// ClosePeer disconnects a peer given by ID or node name.
	ClosePeer(who string) (string, error)
	// Block refuses a peer (ID or node name) or an address for d.
	Block(peerName, addr string, d time.Duration) error
	Unblock(peerName, addr string) error
	Blacklist() []BlockedPeer
	Protocols() []ProtocolRate
}

// BlockedPeer is a blacklist entry: a peer (Name, and Addr if known) or an
// address (Addr only).
type BlockedPeer struct {
	Name, Addr string
	Until      time.Time
}

// ProtocolRate is the traffic of one p2p protocol, in bytes per second.
type ProtocolRate struct {
	Protocol        string
	RateIn, RateOut float64
}

// SetPeer is types.SetPeer (DialPeer, ClosePeer).
type SetPeer struct {
	Pid      string `json:"pid,omitempty"`
	PeerAddr string `json:"peerAddr,omitempty"`
	Seed     bool   `json:"seed,omitempty"`
}

// BlackPeer is types.BlackPeer (AddBlacklist, DelBlacklist): a peer by
// name (ID) or an address, and a lifetime such as "1hour", "30min",
// "10second".
type BlackPeer struct {
	PeerName string `json:"peerName,omitempty"`
	PeerAddr string `json:"peerAddr,omitempty"`
	Lifetime string `json:"lifetime,omitempty"`
}

// BlackInfo is types.BlackInfo, an entry of ShowBlacklist: lifetime is the
// seconds left.
type BlackInfo struct {
	PeerName   string `json:"peerName,omitempty"`
	RemoteAddr string `json:"remoteAddr,omitempty"`
	Lifetime   int64  `json:"lifetime,omitempty"`
}

// ProtocolInfo is types.ProtocolInfo; NetProtocolInfos the NetProtocols
// result.
type ProtocolInfo struct {
	Protocol  string `json:"protocol,omitempty"`
	Ratein    string `json:"ratein,omitempty"`
	Rateout   string `json:"rateout,omitempty"`
	Ratetotal string `json:"ratetotal,omitempty"`
}

// NetProtocolInfos is types.NetProtocolInfos.
type NetProtocolInfos struct {
	Protoinfo []*ProtocolInfo `json:"protoinfo,omitempty"`
}

// Reply is rpctypes.Reply: the result of the peer administration methods.
type Reply struct {
	IsOk bool   `json:"isOk"`
	Msg  string `json:"msg"`
}

// defaultBlackLifetime is the reference's lifetime of a blacklist entry
// added without one.
const defaultBlackLifetime = 365 * 24 * time.Hour

func (s *Server) registerAdmin() {
	s.methods["Chain33.DialPeer"] = fn(s.dialPeer)
	s.methods["Chain33.ClosePeer"] = fn(s.closePeer)
	s.methods["Chain33.AddBlacklist"] = fn(s.addBlacklist)
	s.methods["Chain33.DelBlacklist"] = fn(s.delBlacklist)
	s.methods["Chain33.ShowBlacklist"] = fn(s.showBlacklist)
	s.methods["Chain33.NetProtocols"] = fn(s.netProtocols)
}

func reply(msg string, err error) *Reply {
	if err != nil {
		return &Reply{Msg: err.Error()}
	}
	return &Reply{IsOk: true, Msg: msg}
}

func (s *Server) dialPeer(in *SetPeer) (any, error) {
	if in.PeerAddr == "" {
		return reply("", errors.New("peerAddr is required: ip:port or /ip4/<ip>/tcp/<port>/p2p/<id>")), nil
	}
	_, err := s.b.PeerAdmin().Dial(context.Background(), in.PeerAddr, in.Seed)
	return reply("dial success", err), nil
}

func (s *Server) closePeer(in *SetPeer) (any, error) {
	if in.Pid == "" {
		return reply("", errors.New("pid is required: a peer ID or node name")), nil
	}
	id, err := s.b.PeerAdmin().ClosePeer(in.Pid)
	return reply(id+" closed success", err), nil
}

// ParseLifetime is the reference's CaculateLifeTime: a number (fractions
// allowed) followed by hour, min or second; "" is the default of a year.
// Unlike the reference, which takes anything else for the default, an
// unknown form is refused.
func ParseLifetime(s string) (time.Duration, error) {
	if s == "" {
		return defaultBlackLifetime, nil
	}
	for _, u := range []struct {
		suffix string
		unit   time.Duration
	}{{"hour", time.Hour}, {"min", time.Minute}, {"second", time.Second}} {
		num, ok := strings.CutSuffix(s, u.suffix)
		if !ok {
			continue
		}
		f, err := strconv.ParseFloat(strings.TrimSpace(num), 64)
		if err != nil || f <= 0 || f*float64(u.unit) > float64(100*defaultBlackLifetime) {
			break
		}
		return time.Duration(f * float64(u.unit)), nil
	}
	return 0, fmt.Errorf("invalid lifetime %q: want a positive number followed by hour, min or second (1hour, 30min, 10second)", s)
}

// blackTarget checks that exactly one of a peer and an address is given.
func blackTarget(in *BlackPeer) error {
	if (in.PeerName == "") == (in.PeerAddr == "") {
		return errors.New("give either peerName (a peer ID or node name) or peerAddr (ip or ip:port)")
	}
	return nil
}

func (s *Server) addBlacklist(in *BlackPeer) (any, error) {
	if err := blackTarget(in); err != nil {
		return reply("", err), nil
	}
	d, err := ParseLifetime(in.Lifetime)
	if err != nil {
		return reply("", err), nil
	}
	return reply("success", s.b.PeerAdmin().Block(in.PeerName, in.PeerAddr, d)), nil
}

func (s *Server) delBlacklist(in *BlackPeer) (any, error) {
	if err := blackTarget(in); err != nil {
		return reply("", err), nil
	}
	return reply("success", s.b.PeerAdmin().Unblock(in.PeerName, in.PeerAddr)), nil
}

// showBlacklist lists the entries (the reference's Blacklist.blackinfo,
// which its cli reads as a list).
func (s *Server) showBlacklist(*ReqNil) (any, error) {
	out := []*BlackInfo{}
	for _, b := range s.b.PeerAdmin().Blacklist() {
		out = append(out, &BlackInfo{PeerName: b.Name, RemoteAddr: b.Addr,
			Lifetime: int64(max(time.Until(b.Until), 0) / time.Second)})
	}
	return out, nil
}

func (s *Server) netProtocols(*ReqNil) (any, error) {
	out := &NetProtocolInfos{}
	for _, p := range s.b.PeerAdmin().Protocols() {
		out.Protoinfo = append(out.Protoinfo, &ProtocolInfo{Protocol: p.Protocol, Ratein: rateText(p.RateIn),
			Rateout: rateText(p.RateOut), Ratetotal: rateText(p.RateIn + p.RateOut)})
	}
	return out, nil
}

// rateText is the reference's RateCalculate: KB/s, MB/s from 0.1 MB/s on.
func rateText(bytesPerSecond float64) string {
	kb := bytesPerSecond / 1024
	if kb/1024 > 0.1 {
		return fmt.Sprintf("%.3f MB/s", kb/1024)
	}
	return fmt.Sprintf("%.3f KB/s", kb)
}
