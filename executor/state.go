package executor

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"sort"

	"chain33node/types"
)

// StateReader reads committed state. Absent keys give nil, nil.
type StateReader interface {
	State(key []byte) ([]byte, error)
}

// overlay buffers writes over a reader. A transaction's action runs in its
// own overlay that is merged into the block's only when the action succeeds.
type overlay struct {
	base   StateReader
	parent *overlay
	w      map[string][]byte // nil value = deleted
}

func newOverlay(base StateReader) *overlay {
	return &overlay{base: base, w: make(map[string][]byte)}
}

func (o *overlay) child() *overlay {
	return &overlay{parent: o, w: make(map[string][]byte)}
}

func (o *overlay) get(key []byte) ([]byte, error) {
	if v, ok := o.w[string(key)]; ok {
		return v, nil
	}
	if o.parent != nil {
		return o.parent.get(key)
	}
	return o.base.State(key)
}

// State makes an overlay a StateReader for another overlay.
func (o *overlay) State(key []byte) ([]byte, error) { return o.get(key) }

func (o *overlay) set(key, value []byte) { o.w[string(key)] = value }

// merge moves a child's writes into its parent.
func (o *overlay) merge() {
	for k, v := range o.w {
		o.parent.w[k] = v
	}
}

// changes returns the buffered writes sorted by key.
func (o *overlay) changes() []*types.KeyValue {
	kvs := make([]*types.KeyValue, 0, len(o.w))
	for k, v := range o.w {
		kvs = append(kvs, &types.KeyValue{Key: []byte(k), Value: v})
	}
	sort.Slice(kvs, func(i, j int) bool { return bytes.Compare(kvs[i].Key, kvs[j].Key) < 0 })
	return kvs
}

// StateHash chains the previous state hash with the hash of a block's sorted
// state changes. Each change is framed as len(key) key flag [len(value) value]
// so that no two different change sets hash alike.
func StateHash(prev []byte, changes []*types.KeyValue) []byte {
	h := sha256.New()
	var buf [binary.MaxVarintLen64]byte
	for _, kv := range changes {
		h.Write(buf[:binary.PutUvarint(buf[:], uint64(len(kv.Key)))])
		h.Write(kv.Key)
		if kv.Value == nil {
			h.Write([]byte{0})
			continue
		}
		h.Write([]byte{1})
		h.Write(buf[:binary.PutUvarint(buf[:], uint64(len(kv.Value)))])
		h.Write(kv.Value)
	}
	changesHash := h.Sum(nil)
	s := sha256.New()
	if len(prev) == 0 {
		prev = make([]byte, 32)
	}
	s.Write(prev)
	s.Write(changesHash)
	return s.Sum(nil)
}
