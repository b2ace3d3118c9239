package store

import (
	"errors"
	"fmt"

	"chain33node/types"

	"github.com/syndtr/goleveldb/leveldb/util"
)

// Range reads and writes of local entries and range reads of state, for
// the history indexes (package chain) and the push registry (package push).
// Local entries are this node's own data: they are written with a block
// (BlockBatch.Local) or on their own with PutLocal, never hashed into the
// state.

// LocalScan calls fn for each local entry whose key starts with prefix, in
// key order, or in reverse key order if reverse. With a non-nil after it
// starts past that key (exclusive): at the first key above it, or in
// reverse at the first key below it. fn gets the key without the store's
// prefix; key and value are valid only during the call. fn returns false to
// stop.
func (r reader) LocalScan(prefix, after []byte, reverse bool, fn func(key, value []byte) bool) error {
	rng := util.BytesPrefix(prefixed(pLocal, prefix))
	if after != nil {
		k := prefixed(pLocal, after)
		if reverse {
			if string(k) < string(rng.Limit) || rng.Limit == nil {
				rng.Limit = k
			}
		} else if k = append(k, 0); string(k) > string(rng.Start) {
			rng.Start = k
		}
	}
	it := r.g.NewIterator(rng, nil)
	defer it.Release()
	ok := it.First()
	if reverse {
		ok = it.Last()
	}
	for ; ok; ok = step(it.Next, it.Prev, reverse) {
		if !fn(it.Key()[1:], it.Value()) {
			break
		}
	}
	if err := it.Error(); err != nil {
		return fmt.Errorf("%w local scan %q: %w", ErrRead, prefix, err)
	}
	return nil
}

func step(next, prev func() bool, reverse bool) bool {
	if reverse {
		return prev()
	}
	return next()
}

// LocalCount is the number of local entries whose keys start with prefix.
func (r reader) LocalCount(prefix []byte) (int64, error) {
	var n int64
	err := r.LocalScan(prefix, nil, false, func(_, _ []byte) bool { n++; return true })
	return n, err
}

// StateScan calls fn for each state entry with start <= key < end, in key
// order; fn returns false to stop. Key and value are valid only during the
// call.
func (r reader) StateScan(start, end []byte, fn func(key, value []byte) bool) error {
	it := r.g.NewIterator(&util.Range{Start: prefixed(pState, start), Limit: prefixed(pState, end)}, nil)
	defer it.Release()
	for it.Next() {
		if !fn(it.Key()[1:], it.Value()) {
			break
		}
	}
	if err := it.Error(); err != nil {
		return fmt.Errorf("%w state scan %q: %w", ErrRead, start, err)
	}
	return nil
}

// PutLocal writes local entries (Value nil: delete) as one synced atomic
// batch, outside any block: rebuilt indexes, the push registry. It
// serialises with CommitBlock.
func (db *DB) PutLocal(kvs []*types.KeyValue) error { return db.putLocal(kvs, true) }

// PutLocalUnsynced is PutLocal without waiting for the disk, for entries a
// crash may lose because they can be made again (block sync's history
// index entries, which RebuildIndexes redoes): an fsync there would hold
// up the commits behind it.
func (db *DB) PutLocalUnsynced(kvs []*types.KeyValue) error { return db.putLocal(kvs, false) }

func (db *DB) putLocal(kvs []*types.KeyValue, sync bool) error {
	if len(kvs) == 0 {
		return nil
	}
	db.mu.Lock()
	defer db.mu.Unlock()
	if f := db.writeFault.Load(); f != nil {
		if err := (*f)(db.headHeight()); err != nil {
			return fmt.Errorf("store: write local entries: %w", err)
		}
	}
	db.batch.Reset()
	db.putKVs(pLocal, kvs)
	db.recent.begin()
	err := db.writeBatch(&db.batch, db.headHeight(), sync)
	db.recent.end(-1, nil, false) // not a block's: the values held are dropped
	if err != nil {
		return fmt.Errorf("store: write local entries: %w", err)
	}
	return nil
}

// DeleteLocalPrefix deletes every local entry whose key starts with prefix,
// in synced batches of at most batch entries (a crash leaves a prefix of
// them deleted, which a second call finishes). It returns how many it
// deleted.
func (db *DB) DeleteLocalPrefix(prefix []byte, batch int) (int, error) {
	if len(prefix) == 0 {
		return 0, errors.New("store: delete local prefix: empty prefix")
	}
	if batch <= 0 {
		batch = 10000
	}
	total := 0
	for {
		var kvs []*types.KeyValue
		err := db.LocalScan(prefix, nil, false, func(k, _ []byte) bool {
			kvs = append(kvs, &types.KeyValue{Key: append([]byte(nil), k...)})
			return len(kvs) < batch
		})
		if err == nil {
			err = db.PutLocal(kvs)
		}
		if err != nil {
			return total, err
		}
		total += len(kvs)
		if len(kvs) < batch {
			return total, nil
		}
	}
}
