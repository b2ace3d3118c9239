package p2p

import (
	"errors"
	"fmt"
	"slices"

	"chain33node/types"

	"google.golang.org/protobuf/encoding/protowire"
	"google.golang.org/protobuf/proto"
)

// Wire formats: protobuf, written by hand with protowire (the messages are small and private to this
// package). Streams carry uvarint-length-prefixed frames (netkit.WriteFrame, netkit.ReadFrame).

// fields walks the fields of a protobuf message, calling f with each field's number, type and value (the
// varint, or the bytes of a length-delimited field). Other wire types are skipped.
func fields(b []byte, f func(num protowire.Number, typ protowire.Type, v uint64, bs []byte) error) error {
	for len(b) > 0 {
		num, typ, n := protowire.ConsumeTag(b)
		if n < 0 {
			return protowire.ParseError(n)
		}
		b = b[n:]
		switch typ {
		case protowire.VarintType:
			v, n := protowire.ConsumeVarint(b)
			if n < 0 {
				return fmt.Errorf("field %d: %w", num, protowire.ParseError(n))
			}
			b = b[n:]
			if err := f(num, typ, v, nil); err != nil {
				return err
			}
		case protowire.BytesType:
			v, n := protowire.ConsumeBytes(b)
			if n < 0 {
				return fmt.Errorf("field %d: %w", num, protowire.ParseError(n))
			}
			b = b[n:]
			if err := f(num, typ, 0, v); err != nil {
				return err
			}
		default:
			n := protowire.ConsumeFieldValue(num, typ, b)
			if n < 0 {
				return fmt.Errorf("field %d: %w", num, protowire.ParseError(n))
			}
			b = b[n:]
		}
	}
	return nil
}

// status is what peers tell each other about themselves: the handshake and every later update.
type status struct {
	channel     int32
	genesis     []byte
	height      int64
	hash        []byte
	mempoolSize int64
	listenAddr  string        // the sender's listen address, "ip:port" (ip may be unspecified)
	header      *types.Header // head header
	observed    string        // the IP the sender sees the receiver at
}

func (s status) marshal() []byte {
	var b []byte
	b = protowire.AppendTag(b, 1, protowire.VarintType)
	b = protowire.AppendVarint(b, uint64(int64(s.channel)))
	b = protowire.AppendTag(b, 2, protowire.BytesType)
	b = protowire.AppendBytes(b, s.genesis)
	b = protowire.AppendTag(b, 3, protowire.VarintType)
	b = protowire.AppendVarint(b, uint64(s.height))
	b = protowire.AppendTag(b, 4, protowire.BytesType)
	b = protowire.AppendBytes(b, s.hash)
	b = protowire.AppendTag(b, 5, protowire.VarintType)
	b = protowire.AppendVarint(b, uint64(s.mempoolSize))
	b = protowire.AppendTag(b, 6, protowire.BytesType)
	b = protowire.AppendString(b, s.listenAddr)
	if s.header != nil {
		hb, err := proto.MarshalOptions{Deterministic: true}.Marshal(s.header)
		if err == nil {
			b = protowire.AppendTag(b, 7, protowire.BytesType)
			b = protowire.AppendBytes(b, hb)
		}
	}
	if s.observed != "" {
		b = protowire.AppendTag(b, 8, protowire.BytesType)
		b = protowire.AppendString(b, s.observed)
	}
	return b
}

func (s *status) unmarshal(b []byte) error {
	*s = status{}
	var header []byte
	err := fields(b, func(num protowire.Number, typ protowire.Type, v uint64, bs []byte) error {
		switch {
		case num == 1 && typ == protowire.VarintType:
			s.channel = int32(int64(v))
		case num == 2 && typ == protowire.BytesType:
			s.genesis = slices.Clone(bs)
		case num == 3 && typ == protowire.VarintType:
			s.height = int64(v)
		case num == 4 && typ == protowire.BytesType:
			s.hash = slices.Clone(bs)
		case num == 5 && typ == protowire.VarintType:
			s.mempoolSize = int64(v)
		case num == 6 && typ == protowire.BytesType:
			s.listenAddr = string(bs)
		case num == 7 && typ == protowire.BytesType:
			header = bs
		case num == 8 && typ == protowire.BytesType:
			s.observed = string(bs)
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("status: %w", err)
	}
	if header != nil {
		s.header = new(types.Header)
		if err := proto.Unmarshal(header, s.header); err != nil {
			return fmt.Errorf("status header: %w", err)
		}
	}
	return nil
}

// check validates a peer's status in itself (not whether it is of our chain).
func (s *status) check() error {
	switch {
	case s.height < 0:
		return fmt.Errorf("negative height %d", s.height)
	case s.mempoolSize < 0:
		return fmt.Errorf("negative mempool size %d", s.mempoolSize)
	case len(s.hash) != 32:
		return fmt.Errorf("head hash of %d bytes", len(s.hash))
	case s.header == nil:
		return nil // optional: a node that cannot read its head header still has a status
	case s.header.Height != s.height:
		return fmt.Errorf("head header at height %d, status says %d", s.header.Height, s.height)
	case len(s.listenAddr) > 128 || len(s.observed) > 64:
		return errors.New("address too long")
	}
	if h := types.HeaderHash(s.header); string(h) != string(s.hash) {
		return fmt.Errorf("head header hashes to 0x%x, status says 0x%x", h, s.hash)
	}
	s.header.Hash = s.hash
	return nil
}

// syncRequest asks for blocks start..start+count-1.
type syncRequest struct{ start, count int64 }

func (r syncRequest) marshal() []byte {
	var b []byte
	b = protowire.AppendTag(b, 1, protowire.VarintType)
	b = protowire.AppendVarint(b, uint64(r.start))
	b = protowire.AppendTag(b, 2, protowire.VarintType)
	return protowire.AppendVarint(b, uint64(r.count))
}

func (r *syncRequest) unmarshal(b []byte) error {
	*r = syncRequest{}
	return fields(b, func(num protowire.Number, typ protowire.Type, v uint64, _ []byte) error {
		switch {
		case num == 1 && typ == protowire.VarintType:
			r.start = int64(v)
		case num == 2 && typ == protowire.VarintType:
			r.count = int64(v)
		}
		return nil
	})
}

// encodeBlockEntry is a block with its certificate: a sync response frame and a block gossip message.
func encodeBlockEntry(b *types.Block, cert []byte) ([]byte, error) {
	bb, err := proto.MarshalOptions{Deterministic: true}.Marshal(b)
	if err != nil {
		return nil, err
	}
	out := make([]byte, 0, len(bb)+len(cert)+16)
	out = protowire.AppendTag(out, 1, protowire.BytesType)
	out = protowire.AppendBytes(out, bb)
	out = protowire.AppendTag(out, 2, protowire.BytesType)
	return protowire.AppendBytes(out, cert), nil
}

// encodeLightBlock is a block gossip message: the block without its transactions (field 1), its certificate
// (2) and its transactions' full hashes in block order (3), as the reference's light block. Peers received the
// transactions by gossip and fill the block from their mempools; one that lacks any syncs the block instead.
// txs are b's transactions as the node decoded them: their full hashes are not computed again.
func encodeLightBlock(b *types.Block, txs []*types.Tx, cert []byte) ([]byte, error) {
	out, err := encodeBlockEntry(types.WithoutTxs(b), cert)
	if err != nil {
		return nil, err
	}
	for _, tx := range txs {
		out = protowire.AppendTag(out, 3, protowire.BytesType)
		out = protowire.AppendBytes(out, tx.FullHash)
	}
	return out, nil
}

// decodeLightBlock parses a light block: the block (without transactions) and certificate as decodeBlockEntry
// does, and 32-byte hashes.
func decodeLightBlock(data []byte) (*types.Block, []byte, [][]byte, error) {
	b, cert, err := decodeBlockEntry(data)
	if err != nil {
		return nil, nil, nil, err
	}
	if len(b.Txs) != 0 {
		return nil, nil, nil, fmt.Errorf("light block %d with %d transactions", b.Height, len(b.Txs))
	}
	var hashes [][]byte
	err = fields(data, func(num protowire.Number, typ protowire.Type, _ uint64, bs []byte) error {
		if num != 3 {
			return nil
		}
		if typ != protowire.BytesType || len(bs) != 32 {
			return fmt.Errorf("light block %d: transaction hash %d is no 32 bytes", b.Height, len(hashes))
		}
		hashes = append(hashes, bs)
		return nil
	})
	if err != nil {
		return nil, nil, nil, err
	}
	return b, cert, hashes, nil
}

// decodeBlockEntry parses a block entry. The block must pass types.DecodeBlock (no bytes that no hash covers,
// which we would store and serve) and the certificate must be present.
func decodeBlockEntry(data []byte) (*types.Block, []byte, error) {
	var rawBlock, cert []byte
	var seenBlock bool
	err := fields(data, func(num protowire.Number, typ protowire.Type, _ uint64, bs []byte) error {
		switch {
		case num == 1 && typ == protowire.BytesType:
			rawBlock, seenBlock = bs, true
		case num == 2 && typ == protowire.BytesType:
			cert = bs
		}
		return nil
	})
	if err != nil {
		return nil, nil, fmt.Errorf("block entry: %w", err)
	}
	if !seenBlock {
		return nil, nil, errors.New("block entry without a block")
	}
	if len(cert) == 0 || len(cert) > types.MaxCertificateSize {
		return nil, nil, fmt.Errorf("certificate of %d bytes", len(cert))
	}
	b, err := types.DecodeBlock(rawBlock)
	if err != nil {
		return nil, nil, err
	}
	if b.Height <= 0 {
		return nil, nil, fmt.Errorf("block height %d", b.Height)
	}
	return b, slices.Clone(cert), nil
}

// encodeTxBatch concatenates the transactions' encodings as repeated field 1.
func encodeTxBatch(txs [][]byte) []byte {
	n := 0
	for _, t := range txs {
		n += len(t) + 8
	}
	b := make([]byte, 0, n)
	for _, t := range txs {
		b = protowire.AppendTag(b, 1, protowire.BytesType)
		b = protowire.AppendBytes(b, t)
	}
	return b
}

// decodeTxBatch decodes every transaction of a batch; one that does not decode makes the batch invalid.
func decodeTxBatch(data []byte) ([]*types.Tx, error) {
	var txs []*types.Tx
	err := fields(data, func(num protowire.Number, typ protowire.Type, _ uint64, bs []byte) error {
		if num != 1 || typ != protowire.BytesType {
			return fmt.Errorf("unexpected field %d", num)
		}
		if len(txs) >= maxTxsPerBatch {
			return fmt.Errorf("more than %d transactions", maxTxsPerBatch)
		}
		tx, err := types.DecodeTx(bs)
		if err != nil {
			return fmt.Errorf("tx %d: %w", len(txs), err)
		}
		txs = append(txs, tx)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("tx batch: %w", err)
	}
	if len(txs) == 0 {
		return nil, errors.New("tx batch: empty")
	}
	return txs, nil
}

// peerAddr is a dialable peer for discovery.
type peerAddr struct {
	id   []byte // libp2p peer ID (binary)
	addr string // "ip:port"
}

func encodeAddrs(as []peerAddr) []byte {
	var b []byte
	for _, a := range as {
		var e []byte
		e = protowire.AppendTag(e, 1, protowire.BytesType)
		e = protowire.AppendBytes(e, a.id)
		e = protowire.AppendTag(e, 2, protowire.BytesType)
		e = protowire.AppendString(e, a.addr)
		b = protowire.AppendTag(b, 1, protowire.BytesType)
		b = protowire.AppendBytes(b, e)
	}
	return b
}

func decodeAddrs(data []byte) ([]peerAddr, error) {
	var out []peerAddr
	err := fields(data, func(num protowire.Number, typ protowire.Type, _ uint64, bs []byte) error {
		if num != 1 || typ != protowire.BytesType {
			return nil
		}
		if len(out) >= maxAddrsResp {
			return fmt.Errorf("more than %d addresses", maxAddrsResp)
		}
		var a peerAddr
		err := fields(bs, func(num protowire.Number, typ protowire.Type, _ uint64, v []byte) error {
			switch {
			case num == 1 && typ == protowire.BytesType:
				a.id = slices.Clone(v)
			case num == 2 && typ == protowire.BytesType:
				a.addr = string(v)
			}
			return nil
		})
		if err != nil {
			return err
		}
		out = append(out, a)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("addrs: %w", err)
	}
	return out, nil
}
