package store

import (
	"encoding/binary"
	"errors"
	"fmt"

	"chain33node/types"

	"google.golang.org/protobuf/encoding/protowire"
	"google.golang.org/protobuf/proto"
)

// Key prefixes, one per kind (see doc.go).
const (
	pMeta      = 'm'
	pBlock     = 'b'
	pHeader    = 'h'
	pCert      = 'c'
	pReceipts  = 'r'
	pHashIndex = 'n'
	pTxIndex   = 't'
	pState     = 's'
	pLocal     = 'l'
)

var headKey = []byte{pMeta, 'h', 'e', 'a', 'd'}

// ErrCorrupt is wrapped by every error about a record that is on disk but
// cannot be decoded or contradicts its key.
var ErrCorrupt = errors.New("store: corrupt record")

const txLocLen = 8 + 4

func corrupt(kind string, height int64, why any) error {
	return fmt.Errorf("%w: %s at height %d: %v", ErrCorrupt, kind, height, why)
}

func corruptHash(kind string, hash []byte, why any) error {
	return fmt.Errorf("%w: %s %x: %v", ErrCorrupt, kind, hash, why)
}

// appendHeightKey appends prefix ‖ height (8 bytes big-endian) to dst.
func appendHeightKey(dst []byte, prefix byte, height int64) []byte {
	dst = append(dst, prefix)
	return binary.BigEndian.AppendUint64(dst, uint64(height))
}

func heightKey(prefix byte, height int64) []byte {
	return appendHeightKey(make([]byte, 0, 9), prefix, height)
}

func prefixed(prefix byte, k []byte) []byte {
	key := make([]byte, 1+len(k))
	key[0] = prefix
	copy(key[1:], k)
	return key
}

func encodeHead(dst []byte, h *Head) []byte {
	dst = binary.BigEndian.AppendUint64(dst, uint64(h.Height))
	dst = binary.BigEndian.AppendUint64(dst, uint64(h.BlockTime))
	dst = binary.AppendUvarint(dst, uint64(len(h.Hash)))
	dst = append(dst, h.Hash...)
	dst = binary.AppendUvarint(dst, uint64(len(h.StateHash)))
	return append(dst, h.StateHash...)
}

func decodeHead(v []byte) (Head, error) {
	var h Head
	if len(v) < 16 {
		return h, fmt.Errorf("%w: head: %d bytes", ErrCorrupt, len(v))
	}
	h.Height = int64(binary.BigEndian.Uint64(v))
	h.BlockTime = int64(binary.BigEndian.Uint64(v[8:]))
	rest := v[16:]
	var ok bool
	if h.Hash, rest, ok = consumeLenBytes(rest); !ok {
		return h, fmt.Errorf("%w: head: bad hash length", ErrCorrupt)
	}
	if h.StateHash, rest, ok = consumeLenBytes(rest); !ok {
		return h, fmt.Errorf("%w: head: bad state hash length", ErrCorrupt)
	}
	if len(rest) != 0 || h.Height < 0 || len(h.Hash) == 0 {
		return h, fmt.Errorf("%w: head: malformed (height %d, %d trailing bytes)", ErrCorrupt, h.Height, len(rest))
	}
	return h, nil
}

func consumeLenBytes(b []byte) (v, rest []byte, ok bool) {
	n, k := binary.Uvarint(b)
	if k <= 0 || n > uint64(len(b)-k) {
		return nil, nil, false
	}
	return b[k : k+int(n) : k+int(n)], b[k+int(n):], true
}

// appendReceipts appends the receipts as repeated field 1, each a
// length-delimited ReceiptData.
func appendReceipts(dst []byte, rs []*types.ReceiptData) ([]byte, error) {
	mo := proto.MarshalOptions{UseCachedSize: true}
	for _, r := range rs {
		n := proto.Size(r) // fills the size cache that UseCachedSize reads
		dst = protowire.AppendTag(dst, 1, protowire.BytesType)
		dst = protowire.AppendVarint(dst, uint64(n))
		var err error
		if dst, err = mo.MarshalAppend(dst, r); err != nil {
			return nil, err
		}
	}
	return dst, nil
}

func decodeReceipts(v []byte, height int64) ([]*types.ReceiptData, error) {
	var out []*types.ReceiptData
	for len(v) > 0 {
		num, typ, n := protowire.ConsumeTag(v)
		if n < 0 || num != 1 || typ != protowire.BytesType {
			return nil, corrupt("receipts", height, fmt.Sprintf("bad tag after %d receipts", len(out)))
		}
		v = v[n:]
		m, n := protowire.ConsumeBytes(v)
		if n < 0 {
			return nil, corrupt("receipts", height, fmt.Sprintf("receipt %d truncated", len(out)))
		}
		v = v[n:]
		r := new(types.ReceiptData)
		if err := proto.Unmarshal(m, r); err != nil {
			return nil, corrupt("receipts", height, fmt.Sprintf("receipt %d: %v", len(out), err))
		}
		out = append(out, r)
	}
	return out, nil
}
