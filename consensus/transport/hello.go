package transport

import (
	"fmt"

	"google.golang.org/protobuf/encoding/protowire"
)

// hello is the first frame each side writes on a new stream. Wire format: protobuf, written by hand
// (chainID = 1, genesisHash = 2, nodeKey = 3, listenAddr = 4, incarnation = 5), in one uvarint-length frame.
type hello struct {
	chainID     string
	genesisHash []byte
	nodeKey     []byte // validator BLS public key; empty for an observer
	listenAddr  string // the sender's consensus listen address, "ip:port"
	// incarnation is random per process start. Two streams from one incarnation are duplicates of each other;
	// a stream from a new incarnation means the peer restarted and its old stream is dead.
	incarnation uint64
}

const maxHelloSize = 4 << 10

func (m *hello) marshal() []byte {
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
		case typ == protowire.BytesType && num >= 1 && num <= 4:
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
	return nil
}
