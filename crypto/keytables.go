package crypto

import (
	"sync"
	"sync/atomic"
	"time"

	"golang.org/x/time/rate"

	"chain33node/crypto/internal/keytab"
)

// keyTables holds the verification tables (keytab) of the secp256k1 keys
// that sign often: with its table a key's signature checks in about 16 µs
// instead of 34, and under load the signature check is a third of a
// validator's CPU and of a syncing node's. A table costs about 1 ms to make
// and 136 KiB to keep, so one is made only for a key verified before (in
// pubKeys), at most tableBuilds a second after a first burst, and for at
// most maxKeyTables keys at once (68 MiB). A key unused for tableIdle gives
// its place up. Whatever its keys, a stream of transactions thus costs at
// most about 1.6 % of a core in tables, and a key without one is checked
// by libsecp256k1 as before.
var keyTables = newTableCache(maxKeyTables, tableBuilds, tableIdle)

const (
	maxKeyTables = 512
	tableBuilds  = 16 // a second; the burst is maxKeyTables
	tableIdle    = 30 * time.Second
)

type tableCache struct {
	max    int
	idle   time.Duration
	builds *rate.Limiter

	mu      sync.RWMutex
	keys    map[[65]byte]*keyTable
	sweeper *time.Timer // armed while keys is not empty
}

type keyTable struct {
	t    atomic.Pointer[keytab.Table] // nil while it is being made
	used atomic.Int64                 // Unix nanoseconds of its last use
}

func newTableCache(max int, builds float64, idle time.Duration) *tableCache {
	return &tableCache{max: max, idle: idle, builds: rate.NewLimiter(rate.Limit(builds), max),
		keys: make(map[[65]byte]*keyTable)}
}

// get returns the table of the uncompressed key full, making it first if
// the key was seen before and there is room and a build to spend; nil if
// there is none.
func (c *tableCache) get(full [65]byte, seen bool) *keytab.Table {
	now := time.Now().UnixNano()
	c.mu.RLock()
	e := c.keys[full]
	c.mu.RUnlock()
	if e != nil {
		e.used.Store(now)
		return e.t.Load() // nil while another goroutine makes it
	}
	if !seen {
		return nil
	}
	c.mu.Lock()
	if c.keys[full] != nil || len(c.keys) >= c.max || !c.builds.Allow() {
		c.mu.Unlock()
		return nil
	}
	e = &keyTable{}
	e.used.Store(now)
	c.keys[full] = e // holds the place while the table is made, outside the lock
	if c.sweeper == nil {
		c.sweeper = time.AfterFunc(c.idle/3, c.sweep)
	}
	c.mu.Unlock()
	t := keytab.New(full[1:])
	if t == nil { // out of memory: the key itself is on the curve
		c.mu.Lock()
		delete(c.keys, full)
		c.mu.Unlock()
		return nil
	}
	e.t.Store(t)
	return t
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

// len is how many tables are kept or being made.
func (c *tableCache) len() int {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return len(c.keys)
}
