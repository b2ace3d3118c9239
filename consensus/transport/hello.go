package transport

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"

	"chain33node/crypto"
	"chain33node/netkit"

	"github.com/libp2p/go-libp2p/core/peer"
	"google.golang.org/protobuf/encoding/protowire"
)

// The handshake
//
// Each side of a new stream writes a hello frame, reads the other's, then writes a proof frame and reads the
// other's. The proof frame is empty for a side that claims no validator key, and otherwise the 96-byte BLS
// signature with that key over proofBytes: the chain, both libp2p peer IDs (signer first) and both nonces
// (the verifier's first). Noise has already authenticated both peer IDs, so a proof cannot be relayed to a third
// peer under another ID, and the verifier's fresh nonce keeps it from being replayed on another stream.

// hello is the first frame each side writes on a new stream. Wire format: protobuf, written by hand
// (chainID = 1, genesisHash = 2, nodeKey = 3, listenAddr = 4, incarnation = 5, nonce = 6), in one
// uvarint-length frame.
type hello struct {
	chainID     string
	genesisHash []byte
	nodeKey     []byte // claimed validator BLS public key; empty for an observer
	listenAddr  string // the sender's consensus listen address, "ip:port"
	// incarnation is random per process start. Two streams from one incarnation are duplicates of each other;
	// a stream from a new incarnation means the peer restarted and its old stream is dead.
	incarnation uint64
	nonce       []byte // nonceSize fresh random bytes per stream: what the other side's proof signs
}

const (
	maxHelloSize   = 4 << 10
	maxProofSize   = 128 // a proof frame is empty or crypto.BLSSigSize bytes; more is malformed
	nonceSize      = 32
	maxListenAddr  = 255
	proofDomain    = "chain33node/qbft/transport/proof/v2" // no consensus signature starts like this
	protocolFamily = "/chain33node/qbft/"
	protocolPrefix = protocolFamily + "3/" // version 3: compact proposals (2: hello with nonce, proof frame)
)

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
	b = protowire.AppendBytes(b, m.nonce)
	return b
}

func (m *hello) unmarshal(b []byte) error {
	*m = hello{}
	for len(b) > 0 {
		num, typ, n := protowire.ConsumeTag(b)
		if n < 0 {
			return fmt.Errorf("hello: %w", protowire.ParseError(n))
		}
		b = b[n:]
		switch {
		case typ == protowire.BytesType && (num >= 1 && num <= 4 || num == 6):
			v, n := protowire.ConsumeBytes(b)
			if n < 0 {
				return fmt.Errorf("hello field %d: %w", num, protowire.ParseError(n))
			}
			b = b[n:]
			switch num {
			case 1:
				m.chainID = string(v)
			case 2:
				m.genesisHash = append([]byte(nil), v...)
			case 3:
				m.nodeKey = append([]byte(nil), v...)
			case 4:
				m.listenAddr = string(v)
			case 6:
				m.nonce = append([]byte(nil), v...)
			}
		case typ == protowire.VarintType && num == 5:
			v, n := protowire.ConsumeVarint(b)
			if n < 0 {
				return fmt.Errorf("hello field %d: %w", num, protowire.ParseError(n))
			}
			b = b[n:]
			m.incarnation = v
		default: // unknown field: skip, so later versions may add fields
			n := protowire.ConsumeFieldValue(num, typ, b)
			if n < 0 {
				return fmt.Errorf("hello field %d: %w", num, protowire.ParseError(n))
			}
			b = b[n:]
		}
	}
	return m.validate()
}

// validate checks the sizes of a decoded hello; chain ID and genesis hash are compared by the caller.
func (m *hello) validate() error {
	switch {
	case len(m.nonce) != nonceSize:
		return fmt.Errorf("hello: nonce of %d bytes, want %d", len(m.nonce), nonceSize)
	case len(m.nodeKey) != 0 && len(m.nodeKey) != crypto.BLSPubKeySize:
		return fmt.Errorf("hello: validator key of %d bytes, want %d", len(m.nodeKey), crypto.BLSPubKeySize)
	case len(m.listenAddr) > maxListenAddr:
		return fmt.Errorf("hello: listen address of %d bytes", len(m.listenAddr))
	}
	return nil
}

// offence is a handshake failure that is the peer's fault: it gets the peer banned.
type offence struct {
	reason Reason
	detail string
}

func (e *offence) Error() string { return e.reason.String() + ": " + e.detail }

// readHello reads and decodes the peer's hello frame. A frame that does not decode is an offence; a stream that
// ends or times out is not.
func readHello(br *bufio.Reader) (hello, error) {
	var m hello
	b, err := netkit.ReadFrame(br, maxHelloSize)
	if errors.Is(err, netkit.ErrFrameTooLarge) {
		return m, &offence{ReasonBadHello, err.Error()}
	}
	if err != nil {
		return m, fmt.Errorf("read hello: %w", err)
	}
	if err := m.unmarshal(b); err != nil {
		return m, &offence{ReasonBadHello, err.Error()}
	}
	return m, nil
}

// readProof reads the peer's proof frame: a signature if it claimed a key, empty otherwise.
func readProof(br *bufio.Reader, claimed bool) ([]byte, error) {
	b, err := netkit.ReadFrame(br, maxProofSize)
	if errors.Is(err, netkit.ErrFrameTooLarge) {
		return nil, &offence{ReasonBadHello, "proof: " + err.Error()}
	}
	if err != nil {
		return nil, fmt.Errorf("read proof: %w", err)
	}
	switch {
	case claimed && len(b) != crypto.BLSSigSize:
		return nil, &offence{ReasonBadHello, fmt.Sprintf("proof of %d bytes for a claimed validator key, want %d", len(b), crypto.BLSSigSize)}
	case !claimed && len(b) != 0:
		return nil, &offence{ReasonBadHello, fmt.Sprintf("proof of %d bytes without a claimed validator key", len(b))}
	}
	return b, nil
}

// proofBytes is what a peer that claims a validator key signs with it on one stream: the domain, the chain,
// the signer's and the verifier's libp2p peer IDs, the verifier's nonce and the signer's nonce. Variable-length
// fields carry their length, so no two field lists give the same bytes.
func proofBytes(chainID string, genesisHash []byte, signer, verifier peer.ID, verifierNonce, signerNonce []byte) []byte {
	b := make([]byte, 0, 256)
	b = append(b, proofDomain...)
	b = append(b, 0)
	for _, f := range [][]byte{[]byte(chainID), genesisHash, []byte(signer), []byte(verifier), verifierNonce, signerNonce} {
		b = binary.AppendUvarint(b, uint64(len(f)))
		b = append(b, f...)
	}
	return b
}

// verifyProof checks a peer's proof for the key it claimed. pub is the parsed claimed key when the caller has
// it (a validator's), nil to parse it here.
func verifyProof(pub *crypto.BLSPubKey, claimed, msg, sig []byte) error {
	if pub == nil {
		var err error
		if pub, err = crypto.BLSPubKeyFromBytes(claimed); err != nil {
			return &offence{ReasonBadProof, fmt.Sprintf("claimed validator key %x: %v", claimed, err)}
		}
	}
	if !pub.Verify(msg, sig) {
		return &offence{ReasonBadProof, fmt.Sprintf("proof of possession of validator key %x does not verify", claimed)}
	}
	return nil
}
