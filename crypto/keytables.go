package crypto

import (
	"runtime"
	"sync"
	"sync/atomic"
	"time"

	"golang.org/x/time/rate"

	"chain33node/crypto/internal/keytab"
)

// keyTables holds the verification tables (keytab) of the secp256k1 keys
// that sign often: with its table a key's signature checks in about 16 µs
// instead of 34, and under load the signature check is a third of a
// validator's CPU and of a syncing node's. A table costs about 0.8 ms to
// make and 136 KiB to keep, so one is made only for a key verified before
// (in pubKeys), at most tableBuilds a second after a first burst, and for
// at most maxKeyTables keys at once (136 MiB: the signers of a load of
// 1,000 accounts fit; with 512, half of them had tables, and such a load
// gained nothing). One goroutine makes them, off the checks' path: made
// inline, a thousand new keys held the pool's admission checks for most
// of a second, and the p99 of a retry storm rose from 2.1 to 3.1 s. A key
// unused for tableIdle gives its place up. Whatever its keys, a stream of
// transactions thus costs at most about 1.5 % of a core in tables, and a
// key without one is checked by libsecp256k1 as before.
var keyTables = newTableCache(maxKeyTables, tableBuilds, tableIdle)

const (
	maxKeyTables = 1024
	tableBuilds  = 16 // a second; the burst is maxKeyTables
	tableIdle    = 30 * time.Second
)

type tableCache struct {
	max    int
	idle   time.Duration
	builds *rate.Limiter

	mu       sync.RWMutex
	keys     map[[65]byte]*keyTable
	queue    [][65]byte  // keys waiting for their tables
	building bool        // the goroutine that makes them runs
	sweeper  *time.Timer // armed while keys is not empty
}

type keyTable struct {
	t    atomic.Pointer[keytab.Table] // nil until made
	used atomic.Int64                 // Unix nanoseconds of its last use
	done chan struct{}                // closed once the table is made or given up
}

func newKeyTable(now int64) *keyTable {
	e := &keyTable{done: make(chan struct{})}
	e.used.Store(now)
	return e
}

func newTableCache(max int, builds float64, idle time.Duration) *tableCache {
	return &tableCache{max: max, idle: idle, builds: rate.NewLimiter(rate.Limit(builds), max),
		keys: make(map[[65]byte]*keyTable)}
}

// get returns the table of the uncompressed key full, nil if it has none
// (yet). A key seen before gets one made if there is room and a build to
// spend.
func (c *tableCache) get(full [65]byte, seen bool) *keytab.Table {
	now := time.Now().UnixNano()
	c.mu.RLock()
	e := c.keys[full]
	c.mu.RUnlock()
	if e != nil {
		e.used.Store(now)
		return e.t.Load()
	}
	if !seen {
		return nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.keys[full] != nil || !c.claimLocked(full, now) {
		return nil
	}
	c.queue = append(c.queue, full)
	if !c.building {
		c.building = true
		go c.build()
	}
	return nil
}

// claimLocked gives full, which has no entry, one whose table is to be
// made, if the cache has room and the limiter a build (c.mu held).
func (c *tableCache) claimLocked(full [65]byte, now int64) bool {
	if len(c.keys) >= c.max || !c.builds.Allow() {
		return false
	}
	c.keys[full] = newKeyTable(now) // holds its place; sweep skips it until it is made
	if c.sweeper == nil {
		c.sweeper = time.AfterFunc(c.idle/3, c.sweep)
	}
	return true
}

// build makes the queued keys' tables, one at a time, and ends when the
// queue is empty.
func (c *tableCache) build() {
	for {
		c.mu.Lock()
		if len(c.queue) == 0 {
			c.building, c.queue = false, nil
			c.mu.Unlock()
			return
		}
		full := c.queue[0]
		c.queue = c.queue[1:]
		c.mu.Unlock()
		c.makeTable(full)
	}
}

// makeTable makes the table of full, whose entry (taken from the queue, or new)
// no one else makes; sweep drops only tables made.
func (c *tableCache) makeTable(full [65]byte) {
	c.mu.RLock()
	e := c.keys[full]
	c.mu.RUnlock()
	defer close(e.done)
	if t := keytab.New(full[1:]); t != nil {
		e.t.Store(t)
		return
	}
	c.mu.Lock() // out of memory: the key itself is on the curve
	delete(c.keys, full)
	c.mu.Unlock()
}

// sweep drops the tables unused for c.idle, and runs again later while any
// are left.
func (c *tableCache) sweep() {
	old := time.Now().Add(-c.idle).UnixNano()
	c.mu.Lock()
	defer c.mu.Unlock()
	for k, e := range c.keys {
		if e.used.Load() < old && e.t.Load() != nil {
			delete(c.keys, k)
		}
	}
	if len(c.keys) == 0 {
		c.sweeper = nil
		return
	}
	c.sweeper.Reset(c.idle / 3)
}

// WarmKeyTables makes now, spread over the cores, the tables the checks of
// pubs would have the background builder make: those of the compressed
// secp256k1 keys that sign at least twice among them, within the cache's
// bounds. Block sync checks downloaded ranges (128 blocks each) at once; at
// the start of a sync of a chain signed by 256 keys the builder, one
// goroutine on a busy machine, took most of a second, and the ranges'
// checks went to libsecp256k1 meanwhile (0.54 s of the syncing node's 7.7 s
// of CPU in its first 5 s). Made first, the tables took 10 % off the CPU of
// such a sync (10,000 blocks of 10 transfers, ten pairs on one chain).
func WarmKeyTables(pubs [][]byte) { keyTables.warm(pubs) }

// warm is WarmKeyTables for c: it makes the tables of the keys of pubs
// without one and of those waiting in the builder's queue, and waits for
// those being made (by the builder, or by another warm: block sync checks
// several ranges at once).
func (c *tableCache) warm(pubs [][]byte) {
	signs := make(map[[Secp256k1PubKeySize]byte]int)
	for _, p := range pubs {
		if len(p) == Secp256k1PubKeySize {
			signs[[Secp256k1PubKeySize]byte(p)]++
		}
	}
	var fulls [][65]byte
	for k, n := range signs {
		if n < 2 {
			continue
		}
		if full, _, ok := uncompressed(k[:]); ok {
			fulls = append(fulls, full)
		}
	}
	if len(fulls) == 0 {
		return
	}
	now := time.Now().UnixNano()
	var todo [][65]byte
	waiting := make(map[[65]byte]*keyTable) // queued, or being made by the builder or another warm
	c.mu.Lock()
	for _, full := range fulls {
		switch e := c.keys[full]; {
		case e != nil:
			if e.t.Load() == nil {
				waiting[full] = e
			}
		case c.claimLocked(full, now):
			todo = append(todo, full)
		}
	}
	if len(waiting) > 0 {
		kept := c.queue[:0]
		for _, full := range c.queue {
			if waiting[full] != nil {
				delete(waiting, full)
				todo = append(todo, full)
			} else {
				kept = append(kept, full)
			}
		}
		c.queue = kept
	}
	c.mu.Unlock()

	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(todo)) {
		wg.Go(func() {
			for i := int(next.Add(1)) - 1; i < len(todo); i = int(next.Add(1)) - 1 {
				c.makeTable(todo[i])
			}
		})
	}
	wg.Wait()
	for _, e := range waiting {
		<-e.done
	}
}

// KeyTableMade reports whether the checks of a compressed secp256k1 key
// use its table now (not one queued or being made): for tests and
// diagnostics.
func KeyTableMade(pub []byte) bool {
	if len(pub) != Secp256k1PubKeySize {
		return false
	}
	full, ok := pubKeys.Peek([Secp256k1PubKeySize]byte(pub))
	if !ok {
		return false
	}
	keyTables.mu.RLock()
	e := keyTables.keys[full]
	keyTables.mu.RUnlock()
	return e != nil && e.t.Load() != nil
}
