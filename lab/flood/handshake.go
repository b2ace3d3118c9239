package flood

import (
	"bufio"
	"context"
	"crypto/rand"
	"encoding/binary"
	"errors"
	"fmt"
	"strings"
	"time"

	"chain33node/crypto"
	"chain33node/netkit"

	p2pcrypto "github.com/libp2p/go-libp2p/core/crypto"
	"github.com/libp2p/go-libp2p/core/host"
	"github.com/libp2p/go-libp2p/core/network"
	"github.com/libp2p/go-libp2p/core/peer"
	"github.com/libp2p/go-libp2p/core/protocol"
	"github.com/libp2p/go-libp2p/p2p/protocol/identify"
	ma "github.com/multiformats/go-multiaddr"
	"google.golang.org/protobuf/encoding/protowire"
)

// The consensus transport's handshake, spoken by hand as an outsider must
// (consensus/transport/hello.go describes it): each side writes a hello,
// reads the other's, writes a proof frame (empty, or a BLS signature for a
// claimed validator key), reads the other's. The outsider reads the target's
// hello first and answers with the chain ID and genesis hash it found there.

const (
	protocolFamily = "/chain33node/qbft/"
	maxHello       = 4 << 10
	maxProof       = 128
	nonceSize      = 32
	dialTimeout    = 10 * time.Second
)

// hello is the first frame of each side (protobuf: chainID = 1,
// genesisHash = 2, nodeKey = 3, listenAddr = 4, incarnation = 5, nonce = 6).
type hello struct {
	chainID     string
	genesisHash []byte
	nodeKey     []byte
	listenAddr  string
	incarnation uint64
	nonce       []byte
}

func (m hello) marshal() []byte {
	var b []byte
	b = protowire.AppendTag(b, 1, protowire.BytesType)
	b = protowire.AppendString(b, m.chainID)
	b = protowire.AppendTag(b, 2, protowire.BytesType)
	b = protowire.AppendBytes(b, m.genesisHash)
	if len(m.nodeKey) > 0 {
		b = protowire.AppendTag(b, 3, protowire.BytesType)
		b = protowire.AppendBytes(b, m.nodeKey)
	}
	b = protowire.AppendTag(b, 4, protowire.BytesType)
	b = protowire.AppendString(b, m.listenAddr)
	b = protowire.AppendTag(b, 5, protowire.VarintType)
	b = protowire.AppendVarint(b, m.incarnation)
	b = protowire.AppendTag(b, 6, protowire.BytesType)
	return protowire.AppendBytes(b, m.nonce)
}

// parseHello reads the fields the outsider needs from the target's hello.
func parseHello(b []byte) (hello, error) {
	var m hello
	for len(b) > 0 {
		num, typ, n := protowire.ConsumeTag(b)
		if n < 0 {
			return m, protowire.ParseError(n)
		}
		b = b[n:]
		if typ == protowire.BytesType && num >= 1 && num <= 3 {
			v, n := protowire.ConsumeBytes(b)
			if n < 0 {
				return m, protowire.ParseError(n)
			}
			switch num {
			case 1:
				m.chainID = string(v)
			case 2:
				m.genesisHash = append([]byte(nil), v...)
			case 3:
				m.nodeKey = append([]byte(nil), v...)
			}
			b = b[n:]
			continue
		}
		n = protowire.ConsumeFieldValue(num, typ, b)
		if n < 0 {
			return m, protowire.ParseError(n)
		}
		b = b[n:]
	}
	if m.chainID == "" || len(m.genesisHash) == 0 {
		return m, errors.New("hello without chain ID or genesis hash")
	}
	return m, nil
}

// session is a handshaken stream to a target.
type session struct {
	host   host.Host
	stream network.Stream
	br     *bufio.Reader
	remote hello // the target's hello
}

func (s *session) close() {
	s.stream.Reset()
	s.host.Close()
}

// refusal is a dial that the target refused or broke off: at TCP, in the
// libp2p handshake, when opening the stream or in the consensus handshake.
type refusal struct {
	stage string
	err   error
}

func (e *refusal) Error() string { return e.stage + ": " + e.err.Error() }

// dial connects to target as a new identity and handshakes. claim is the
// validator key to claim (nil: none); proto is the target's protocol if
// known (else learned from identify).
func dial(ctx context.Context, target string, claim []byte, proto protocol.ID) (*session, protocol.ID, error) {
	ctx, cancel := context.WithTimeout(ctx, dialTimeout)
	defer cancel()
	key, err := newIdentity()
	if err != nil {
		return nil, proto, err
	}
	h, _, err := netkit.NewHost(key, "0.0.0.0:0", "outsider") // it accepts nothing; the kernel picks the source address
	if err != nil {
		return nil, proto, err
	}
	ok := false
	defer func() {
		if !ok {
			h.Close()
		}
	}()
	id, err := netkit.PeerID(ctx, target, key)
	if err != nil {
		return nil, proto, &refusal{"peer ID", err}
	}
	maddr, err := netkit.Multiaddr(target)
	if err != nil {
		return nil, proto, err
	}
	if err := netkit.Connect(ctx, h, id, maddr); err != nil {
		return nil, proto, &refusal{"connect", err}
	}
	if proto == "" {
		if proto, err = learnProtocol(ctx, h, id); err != nil {
			return nil, proto, &refusal{"identify", err}
		}
	}
	str, err := h.NewStream(ctx, id, proto)
	if err != nil {
		return nil, proto, &refusal{"open stream", err}
	}
	s := &session{host: h, stream: str, br: bufio.NewReader(str)}
	if err := s.handshake(ctx, h, claim); err != nil {
		str.Reset()
		return nil, proto, &refusal{"handshake", err}
	}
	ok = true
	return s, proto, nil
}

// learnProtocol finds the consensus protocol among those the target listed
// in identify: /chain33node/qbft/<version>/<chain>/<genesis prefix>.
func learnProtocol(ctx context.Context, h host.Host, id peer.ID) (protocol.ID, error) {
	if ids, ok := h.(interface{ IDService() identify.IDService }); ok {
		for _, c := range h.Network().ConnsToPeer(id) {
			select {
			case <-ids.IDService().IdentifyWait(c):
			case <-ctx.Done():
				return "", ctx.Err()
			}
		}
	}
	protos, err := h.Peerstore().GetProtocols(id)
	if err != nil {
		return "", err
	}
	for _, p := range protos {
		if strings.HasPrefix(string(p), protocolFamily) {
			return p, nil
		}
	}
	return "", fmt.Errorf("the target serves no %s… protocol (it serves %v)", protocolFamily, protos)
}

func (s *session) handshake(ctx context.Context, h host.Host, claim []byte) error {
	deadline, _ := ctx.Deadline()
	_ = s.stream.SetDeadline(deadline)
	raw, err := netkit.ReadFrame(s.br, maxHello)
	if err != nil {
		return fmt.Errorf("read hello: %w", err)
	}
	if s.remote, err = parseHello(raw); err != nil {
		return err
	}
	ours := hello{chainID: s.remote.chainID, genesisHash: s.remote.genesisHash, nodeKey: claim,
		listenAddr: listenAddr(h), nonce: make([]byte, nonceSize)}
	var inc [8]byte
	_, _ = rand.Read(inc[:])
	_, _ = rand.Read(ours.nonce)
	ours.incarnation = binary.BigEndian.Uint64(inc[:])
	if err := netkit.WriteFrame(s.stream, ours.marshal()); err != nil {
		return fmt.Errorf("send hello: %w", err)
	}
	var proof []byte
	if len(claim) > 0 { // a key we do not hold: the proof is junk
		proof = make([]byte, crypto.BLSSigSize)
		_, _ = rand.Read(proof)
	}
	if err := netkit.WriteFrame(s.stream, proof); err != nil {
		return fmt.Errorf("send proof: %w", err)
	}
	if _, err := netkit.ReadFrame(s.br, maxProof); err != nil {
		return fmt.Errorf("read proof: %w", err)
	}
	_ = s.stream.SetDeadline(time.Time{})
	return nil
}

// newIdentity is a fresh libp2p identity: a new peer ID for every dial, as
// an attacker's are free.
func newIdentity() (p2pcrypto.PrivKey, error) {
	k, _, err := p2pcrypto.GenerateEd25519Key(rand.Reader)
	return k, err
}

func listenAddr(h host.Host) string {
	for _, a := range h.Network().ListenAddresses() {
		if ip := netkit.IPOf(a); ip != "" {
			if port, err := a.ValueForProtocol(ma.P_TCP); err == nil {
				return ip + ":" + port
			}
		}
	}
	return ""
}
