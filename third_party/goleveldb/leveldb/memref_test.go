package leveldb

import (
	"fmt"
	"testing"

	"github.com/syndtr/goleveldb/leveldb/opt"
	"github.com/syndtr/goleveldb/leveldb/storage"
)

// TestReadsReleaseFrozenMem is the regression test of this copy's patch
// (PATCH.md): a Get or Has that finds its key in the effective memtable while
// a frozen one waits for compaction must still drop its reference to the
// frozen one, so that the frozen memtable goes back to the pool once it is
// compacted. Upstream returned before deferring that release: every such read
// leaked a reference, no frozen memtable ever reached the pool, and each
// rotation allocated a new write buffer.
func TestReadsReleaseFrozenMem(t *testing.T) {
	db, err := Open(storage.NewMemStorage(), &opt.Options{WriteBuffer: 1 << 20})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	// Freeze the memtable by hand, as a full one is frozen, but without
	// scheduling its compaction, so that it stays frozen for the reads. The
	// first rotation retires the memtable Open made (it keeps a reference
	// of Open's for good), the second freezes one of ours.
	var frozen *memDB
	for _, key := range []string{"old", "new"} {
		if frozen != nil {
			if err := db.compTriggerWait(db.mcompCmdC); err != nil {
				t.Fatal(err)
			}
		}
		db.writeLockC <- struct{}{}
		mem, err := db.newMem(0)
		<-db.writeLockC
		if err != nil {
			t.Fatal(err)
		}
		mem.decref() // newMem's reference for its caller
		frozen = db.frozenMem
		if err := db.Put([]byte(key), []byte(key), nil); err != nil {
			t.Fatal(err)
		}
	}
	if ref := frozen.getref(); ref != 1 {
		t.Fatalf("the frozen memtable has %d references, want 1", ref)
	}

	for _, key := range []string{"new", "old", "absent"} { // found in the effective, the frozen, neither
		if _, err := db.Get([]byte(key), nil); err != nil && err != ErrNotFound {
			t.Fatal(err)
		}
		if _, err := db.Has([]byte(key), nil); err != nil {
			t.Fatal(err)
		}
		if ref := frozen.getref(); ref != 1 { // the DB's own reference only
			t.Fatalf("after reading %q the frozen memtable has %d references, want 1", key, ref)
		}
	}

	buf := frozen.DB // decref clears it when it pools the memtable
	if err := db.compTriggerWait(db.mcompCmdC); err != nil {
		t.Fatal(err)
	}
	select {
	case m := <-db.memPool:
		if m != buf {
			t.Fatal("the pool holds another memtable than the compacted one")
		}
	default:
		t.Fatal("the compacted memtable did not go back to the pool")
	}
}

// TestMemPoolKeptWhileUsed is the regression test of the fourth patch
// (PATCH.md): the drain drops the pooled memtable only when no memtable was
// taken for a whole period, not at every period.
func TestMemPoolKeptWhileUsed(t *testing.T) {
	db, err := Open(storage.NewMemStorage(), &opt.Options{WriteBuffer: 1 << 20})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	gets := db.memGets.Load()
	db.mpoolPut(db.mpoolGet(0).DB) // a rotation took a memtable, and its compaction gave one back
	gets = db.mpoolDropIdle(gets)
	if len(db.memPool) != 1 {
		t.Fatal("a memtable taken in the period was dropped from the pool")
	}
	db.mpoolDropIdle(gets) // a period without a rotation
	if len(db.memPool) != 0 {
		t.Fatal("a memtable idle for a whole period was kept")
	}
}

// A write that fills the memtable exactly rotates it after the write
// (writeLocked), and that rotation must not keep the reference rotateMem
// returns for its caller: upstream dropped it unreleased, so the memtable
// made there never went back to the pool (PATCH.md, the fourth patch).
func TestExactlyFilledMemtablePooled(t *testing.T) {
	db, err := Open(storage.NewMemStorage(), &opt.Options{WriteBuffer: 1 << 20})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	val := make([]byte, 1000) // with its 16-byte key and 8 of sequence, 1,024 bytes
	// The first fill retires the memtable Open made (never pooled: Open keeps
	// a reference), the second the one the first rotation made.
	for i := 0; i < 2<<10; i++ {
		if err := db.Put([]byte(fmt.Sprintf("%016d", i)), val, nil); err != nil {
			t.Fatal(err)
		}
	}
	if err := db.compTriggerWait(db.mcompCmdC); err != nil {
		t.Fatal(err)
	}
	if len(db.memPool) != 1 {
		t.Fatal("the memtable of a rotation after an exactly filling write was not pooled once compacted")
	}
}
