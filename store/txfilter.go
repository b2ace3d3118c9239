package store

import (
	"bytes"
	"encoding/binary"
	"sync"
	"sync/atomic"

	"github.com/syndtr/goleveldb/leveldb/util"
)

// The transaction filter. Every new transaction is looked up twice on every
// node (HasTx: at admission and when its block is validated) and is almost
// never on chain; a LevelDB miss still searches both memtables' skip lists
// and a bloom filter per table, about 10 µs here and growing with the chain.
// txFilter answers most misses from memory: a bloom filter over every
// transaction hash in the tx index. It only ever says "certainly absent";
// anything else goes to LevelDB, so a false positive costs one lookup and
// the answer stays exact.
//
// Hashes are added before the batch that indexes them is written, so the
// filter never lags the database (a failed write leaves extra hashes: false
// positives only). Open fills it from the tx index in the background; until
// that is done every lookup goes to LevelDB. Memory: 2 bytes a transaction
// (16 bits a key in chunks that double in size, 8 probes; under 0.06 % false
// positives a full chunk).

const (
	filterBaseKeys = 1 << 18 // keys of the first chunk (512 KB)
	filterProbes   = 8
)

// filterScanStep is the keys the scan reads through one iterator (a
// variable for tests).
var filterScanStep = 4096

type txFilter struct {
	chunks atomic.Pointer[[]*bloomChunk] // append-only; readers load it
	ready  atomic.Bool                   // holds every indexed hash: absent answers may be trusted

	mu sync.Mutex // serialises adds (commit and the scan)
}

// bloomChunk is a bloom filter of a fixed number of keys with a power-of-two
// bit count; bits are set and read atomically, so lookups take no lock.
type bloomChunk struct {
	bits []atomic.Uint64
	mask uint64 // bit count - 1
	keys int    // added so far (txFilter.mu)
	max  int
}

func newBloomChunk(keys int) *bloomChunk {
	nbits := uint64(keys) * 16
	return &bloomChunk{bits: make([]atomic.Uint64, nbits/64), mask: nbits - 1, max: keys}
}

func newTxFilter() *txFilter {
	f := &txFilter{}
	f.chunks.Store(&[]*bloomChunk{newBloomChunk(filterBaseKeys)})
	return f
}

// probes derives the filter's two hash values from the transaction hash (a
// SHA-256, uniform already); false for a hash too short to use.
func probes(hash []byte) (h1, h2 uint64, ok bool) {
	if len(hash) < 16 {
		return 0, 0, false
	}
	return binary.LittleEndian.Uint64(hash), binary.LittleEndian.Uint64(hash[8:]) | 1, true
}

// add records hashes (read, not kept); callers add before the write that
// indexes them.
func (f *txFilter) add(hashes ...[]byte) {
	f.mu.Lock()
	defer f.mu.Unlock()
	for _, h := range hashes {
		f.addLocked(h)
	}
}

func (f *txFilter) addLocked(hash []byte) {
	h1, h2, ok := probes(hash)
	if !ok {
		return // never trusted for such a hash (absent)
	}
	chunks := *f.chunks.Load()
	c := chunks[len(chunks)-1]
	if c.keys == c.max {
		c = newBloomChunk(2 * c.max)
		grown := append(chunks[:len(chunks):len(chunks)], c)
		f.chunks.Store(&grown)
	}
	c.keys++
	for i := range uint64(filterProbes) {
		bit := (h1 + i*h2) & c.mask
		c.bits[bit>>6].Or(1 << (bit & 63))
	}
}

// absent reports that hash is certainly not in the tx index; false means
// "ask LevelDB".
func (f *txFilter) absent(hash []byte) bool {
	if f == nil || !f.ready.Load() {
		return false
	}
	h1, h2, ok := probes(hash)
	if !ok {
		return false
	}
	for _, c := range *f.chunks.Load() {
		if c.has(h1, h2) {
			return false
		}
	}
	return true
}

func (c *bloomChunk) has(h1, h2 uint64) bool {
	for i := range uint64(filterProbes) {
		bit := (h1 + i*h2) & c.mask
		if c.bits[bit>>6].Load()&(1<<(bit&63)) == 0 {
			return false
		}
	}
	return true
}

// filterScanned is called by the scan before each step, holding no
// iterator (tests hold the scan there).
var filterScanned = func() {}

// fillTxFilter adds every hash of the tx index to db.txs and then lets
// lookups trust it. Commits add their own hashes, so what they write during
// the scan needs no reading. It reads filterScanStep keys per iterator: an
// iterator holds the store's read lock, and a reopen after a write failure
// (and every read queued behind it) waits for one step, not the whole scan.
// It stops early when the DB closes; a read error leaves the filter unused
// (every lookup reads LevelDB).
func (db *DB) fillTxFilter() {
	defer db.scanDone.Done()
	rng := util.BytesPrefix([]byte{pTxIndex})
	for {
		filterScanned()
		select {
		case <-db.closing:
			return
		default:
		}
		it := handle{db}.NewIterator(rng, nil)
		n := 0
		for n < filterScanStep && it.Next() {
			db.txs.add(it.Key()[1:])
			n++
		}
		if n == filterScanStep {
			rng.Start = append(bytes.Clone(it.Key()), 0) // the next key after it
		}
		err := it.Error()
		it.Release()
		if err != nil {
			return
		}
		if n < filterScanStep {
			db.txs.ready.Store(true)
			return
		}
	}
}
