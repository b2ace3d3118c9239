package store

import (
	"sync"

	"github.com/syndtr/goleveldb/leveldb"
)

// recentValues serves the state and local values that blocks read again and
// again (the senders' balances, the per-address counters of the indexes)
// from memory. Each is a LevelDB search otherwise, with keys that share long
// prefixes, through a memtable of some 200,000 entries: about 3 µs, and a
// block of transfers reads three a transaction. A syncing follower spent 14 %
// of its applier's time so (the applier, which executes, indexes and writes
// one block after another, bounds how fast it syncs).
//
// The values are those of one head (height): a value is kept when a read at
// that head misses, and the block after it updates the values it writes
// (the others stay valid). A read is served only at that head, never while
// a write is under way, and a value read around a write is not kept: so a
// read returns what LevelDB would have, a snapshot's what its snapshot would.
// A write outside blocks (PutLocal), a failed write and a gap in heights
// drop every value.
type recentValues struct {
	head func() int64 // the DB's head height now (-1: empty)

	mu     sync.RWMutex
	height int64             // the head the values are of; -1: none
	gen    uint64            // counts writes begun and ended: odd while one is under way, and nothing is served
	vals   map[string][]byte // prefixed key → value (nil: absent)
}

// maxRecentValues bounds the memory (about 150 bytes a value): more keys
// than that between two clears, and all are read from LevelDB again.
const maxRecentValues = 1 << 15

// atHead is the version of a read from the DB (not a snapshot): its head at
// the moment of the read.
const atHead = -2

func newRecentValues(head func() int64) *recentValues {
	return &recentValues{head: head, height: -1, vals: make(map[string][]byte)}
}

// get returns the value of the prefixed key at the head height at (atHead:
// the DB's head now) if it is held (hit). If it may be kept after a read
// from LevelDB, ok is true and gen is what keep takes.
func (c *recentValues) get(key []byte, at int64) (v []byte, hit bool, gen uint64, ok bool) {
	c.mu.RLock()
	defer c.mu.RUnlock()
	if at == atHead {
		at = c.head()
	}
	if c.gen%2 == 1 || c.height < 0 || c.height != at {
		return nil, false, 0, false
	}
	v, hit = c.vals[string(key)]
	return v, hit, c.gen, true
}

// keep holds v, read from LevelDB after get returned gen, unless a write
// began or ended since.
func (c *recentValues) keep(key, v []byte, gen uint64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.gen != gen {
		return
	}
	if len(c.vals) >= maxRecentValues {
		clear(c.vals)
	}
	if v != nil {
		v = append([]byte(nil), v...) // the reader's copy is the reader's
	}
	c.vals[string(key)] = v
}

// begin is called before every write to LevelDB.
func (c *recentValues) begin() {
	c.mu.Lock()
	c.gen++
	c.mu.Unlock()
}

// end is called after every write: wb, the batch of the block at height,
// was written (ok), or the write failed or was not a block's (height -1).
func (c *recentValues) end(height int64, wb *leveldb.Batch, ok bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.gen++
	switch {
	case !ok || height < 0:
		clear(c.vals)
		c.height = -1
		return
	case c.height != height-1:
		clear(c.vals)
	default:
		wb.Replay(recentUpdate{c.vals})
	}
	c.height = height
}

// drop drops every value (LevelDB reopened).
func (c *recentValues) drop() {
	c.begin()
	c.end(-1, nil, false)
}

// recentUpdate updates the held values a block's batch writes.
type recentUpdate struct{ vals map[string][]byte }

func (u recentUpdate) Put(key, value []byte) {
	if _, held := u.vals[string(key)]; held {
		u.vals[string(key)] = append([]byte(nil), value...) // value is the batch's, reused by the next
	}
}

func (u recentUpdate) Delete(key []byte) {
	if _, held := u.vals[string(key)]; held {
		u.vals[string(key)] = nil
	}
}
