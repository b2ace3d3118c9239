package store

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"maps"
	"math/rand/v2"
	"sync"
	"testing"

	"chain33node/types"

	"github.com/syndtr/goleveldb/leveldb"
)

// Reads of state and local values, from the DB and from snapshots, return
// what was written last before them (the DB) or before the snapshot, whatever
// the held values: blocks that change, delete and keep keys, writes outside
// blocks (PutLocal), failed writes, and snapshots read after later blocks.
// A model of every key is the reference; the keys are few, so most reads are
// served from memory.
func TestRecentValuesAgreeWithModel(t *testing.T) {
	db, _ := openTest(t)
	head := commitChain(t, db, 1, 0)
	rng := rand.New(rand.NewPCG(1, 2))
	key := func(i int) []byte { return fmt.Appendf(nil, "k%02d", i) }
	const nkeys = 12
	model := map[string][]byte{} // "s"/"l" + key → value, now
	type held struct {
		snap  *Snapshot
		model map[string][]byte
	}
	var snaps []held
	defer func() {
		for _, s := range snaps {
			s.snap.Release()
		}
	}()
	check := func(what string, state, local func([]byte) ([]byte, error), want map[string][]byte) {
		t.Helper()
		for i := range nkeys {
			k := key(i)
			for _, f := range []struct {
				p    string
				read func([]byte) ([]byte, error)
			}{{"s", state}, {"l", local}} {
				got, err := f.read(k)
				if err != nil {
					t.Fatal(err)
				}
				if w := want[f.p+string(k)]; !bytes.Equal(got, w) {
					t.Fatalf("%s: %s %s = %x, want %x", what, f.p, k, got, w)
				}
			}
		}
	}
	changes := func(n int) []*types.KeyValue {
		var kvs []*types.KeyValue
		for range n {
			kv := &types.KeyValue{Key: key(rng.IntN(nkeys))}
			if rng.IntN(4) > 0 {
				kv.Value = binary.BigEndian.AppendUint64(nil, rng.Uint64())
			}
			kvs = append(kvs, kv)
		}
		return kvs
	}
	apply := func(prefix string, kvs []*types.KeyValue) {
		for _, kv := range kvs {
			model[prefix+string(kv.Key)] = kv.Value
		}
	}
	for step := range 400 {
		switch r := rng.IntN(10); {
		case r == 0: // outside blocks
			kvs := changes(3)
			if err := db.PutLocal(kvs); err != nil {
				t.Fatal(err)
			}
			apply("l", kvs)
		case r == 1: // a failed write, then the block again
			bb := testBatch(&head, head.Height+1, 0)
			bb.State, bb.Local = changes(4), changes(4)
			db.SetWriteFault(func(int64) error { return errors.New("disk full") })
			if err := db.CommitBlock(bb); err == nil {
				t.Fatal("commit with a write fault succeeded")
			}
			check(fmt.Sprintf("step %d, after a failed write", step), db.State, db.Local, model)
			db.SetWriteFault(nil)
			for _, s := range snaps { // the commit reopens LevelDB: their reads fail from then on
				s.snap.Release()
			}
			snaps = nil
			if err := db.CommitBlock(bb); err != nil {
				t.Fatal(err)
			}
			apply("s", bb.State)
			apply("l", bb.Local)
			head, _ = db.Head()
		default:
			bb := testBatch(&head, head.Height+1, 0)
			bb.State, bb.Local = changes(rng.IntN(5)), changes(rng.IntN(5))
			commit := db.CommitBlock
			if rng.IntN(2) == 0 {
				commit = db.CommitBlockUnsynced
			}
			if err := commit(bb); err != nil {
				t.Fatal(err)
			}
			apply("s", bb.State)
			apply("l", bb.Local)
			head, _ = db.Head()
		}
		check(fmt.Sprintf("step %d, DB", step), db.State, db.Local, model)
		if rng.IntN(8) == 0 {
			s, err := db.Snapshot()
			if err != nil {
				t.Fatal(err)
			}
			snaps = append(snaps, held{s, maps.Clone(model)})
		}
		for i, s := range snaps {
			check(fmt.Sprintf("step %d, snapshot %d", step, i), s.snap.State, s.snap.Local, s.model)
		}
	}
	// The values were served from memory: the test checked the held ones.
	if _, hit, _, _ := db.recent.get(prefixed(pState, key(0)), atHead); !hit {
		t.Fatal("a value read at the head is not held")
	}
}

// Readers racing with commits: a reader of the DB never sees a value older
// than one it saw before, nor one of a block not yet written; a snapshot's
// reader sees its head's value. Each block sets the counter to its height.
func TestRecentValuesConcurrentReads(t *testing.T) {
	db, _ := openTest(t)
	commitChain(t, db, 1, 0)
	const blocks = 300
	var wg sync.WaitGroup
	errs := make(chan error, 8)
	done := make(chan struct{})
	for range 2 {
		wg.Go(func() {
			seen := int64(0)
			for {
				select {
				case <-done:
					return
				default:
				}
				v, err := db.State(counterKey)
				if err != nil {
					errs <- err
					return
				}
				h, _ := db.Head()
				if got := height(v); got < seen || got > h.Height+1 {
					errs <- fmt.Errorf("DB read counter %d after %d, head then %d", got, seen, h.Height)
					return
				} else {
					seen = got
				}
			}
		})
		wg.Go(func() {
			for {
				select {
				case <-done:
					return
				default:
				}
				s, err := db.Snapshot()
				if err != nil {
					errs <- err
					return
				}
				h, _ := s.Head()
				for range 3 {
					v, err := s.State(counterKey)
					if err == nil && height(v) != h.Height {
						err = fmt.Errorf("snapshot at %d read counter %d", h.Height, height(v))
					}
					if err != nil {
						s.Release()
						errs <- err
						return
					}
				}
				s.Release()
			}
		})
	}
	for range blocks {
		if err := commitNext(db, 0); err != nil {
			t.Fatal(err)
		}
	}
	close(done)
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
}

// While a write is under way nothing is served (LevelDB may hold the new
// value of a key the next block writes already), and a value read from
// LevelDB around a write is not kept (it may be the new one, and the held
// values are the old head's until the write ends).
func TestRecentValuesDuringWrite(t *testing.T) {
	head := int64(7)
	c := newRecentValues(func() int64 { return head })
	c.begin()
	c.end(7, nil, true) // c.height != 6: starts empty at 7
	k := []byte("sk")
	_, hit, gen, ok := c.get(k, atHead)
	if hit || !ok {
		t.Fatalf("empty: hit %v, may keep %v", hit, ok)
	}
	c.keep(k, []byte("v7"), gen)
	if v, hit, _, _ := c.get(k, 7); !hit || string(v) != "v7" {
		t.Fatalf("kept value: %q, hit %v", v, hit)
	}
	_, _, gen, _ = c.get([]byte("other"), atHead)
	c.begin()
	if _, hit, _, ok := c.get(k, 7); hit || ok {
		t.Fatalf("during a write: hit %v, may keep %v", hit, ok)
	}
	c.keep([]byte("other"), []byte("new"), gen) // read before the write began, from LevelDB during it
	var wb leveldb.Batch
	wb.Put(k, []byte("v8"))
	head = 8
	c.end(8, &wb, true)
	if _, hit, _, _ := c.get([]byte("other"), 8); hit {
		t.Fatal("a value read around a write was kept")
	}
	if v, hit, _, _ := c.get(k, 8); !hit || string(v) != "v8" {
		t.Fatalf("after block 8: %q, hit %v", v, hit)
	}
	if _, hit, _, ok := c.get(k, 7); hit || ok {
		t.Fatal("a read at 7 served after block 8")
	}
}

// A value held in memory is not served while reads fail (SetReadFault, a
// failing disk): the read fails as it would without it.
func TestRecentValuesReadFault(t *testing.T) {
	db, _ := openTest(t)
	commitChain(t, db, 2, 0)
	if v, err := db.State(counterKey); err != nil || height(v) != 1 {
		t.Fatalf("counter %x, %v", v, err)
	}
	if _, hit, _, _ := db.recent.get(prefixed(pState, counterKey), atHead); !hit {
		t.Fatal("the counter is not held after a read")
	}
	unreadable := errors.New("injected read fault")
	db.SetReadFault(func(string) error { return unreadable })
	if _, err := db.State(counterKey); !errors.Is(err, unreadable) || !errors.Is(err, ErrRead) {
		t.Fatalf("state read with reads failing: %v", err)
	}
}

func height(v []byte) int64 { return int64(binary.BigEndian.Uint64(v)) }
