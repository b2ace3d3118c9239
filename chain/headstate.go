package chain

import (
	"bytes"
	"sync"

	"chain33node/store"
)

// headState serves CheckTx's reads of the latest state from memory. The
// mempool checks the sender's balance for every transaction it admits, on
// every node, and a sender sends many between two blocks: each read is a
// LevelDB search otherwise. The values are those of the head they were read
// at (or of a later one, when a commit ran during the read) and are all
// dropped when the head changes.
type headState struct {
	db   *store.DB
	mu   sync.Mutex
	head []byte // hash of the block the values were read after
	vals map[string][]byte
}

// maxHeadStateKeys bounds the memory between two blocks (a key and an
// account are about 100 bytes): senders beyond it are read from the store.
const maxHeadStateKeys = 1 << 16

func (s *headState) State(key []byte) ([]byte, error) {
	h, _ := s.db.Head()
	s.mu.Lock()
	if !bytes.Equal(s.head, h.Hash) {
		s.head = h.Hash
		clear(s.vals)
	}
	v, ok := s.vals[string(key)]
	s.mu.Unlock()
	if ok {
		return v, nil
	}
	v, err := s.db.State(key)
	if err != nil {
		return nil, err
	}
	s.mu.Lock()
	// Read after h (never before it): kept only while h is the head known.
	if bytes.Equal(s.head, h.Hash) && len(s.vals) < maxHeadStateKeys {
		s.vals[string(key)] = v
	}
	s.mu.Unlock()
	return v, nil
}
