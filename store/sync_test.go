package store

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"chain33node/disktest"
	"chain33node/types"
)

// commitUnsynced commits n blocks of the test chain with CommitBlockUnsynced
// and returns the head.
func commitUnsynced(t testing.TB, db *DB, n int, ntx int) Head {
	t.Helper()
	for range n {
		h, _ := db.Head()
		if err := db.CommitBlockUnsynced(testBatch(&h, h.Height+1, ntx)); err != nil {
			t.Fatal(err)
		}
	}
	h, _ := db.Head()
	return h
}

// A power failure loses at most the blocks written unsynced since the last
// synced write, whole: the store comes back at a complete block between
// DurableHeight and the head. Sync, a synced CommitBlock, PutLocal and Close
// each make all of them durable.
func TestUnsyncedPowerLoss(t *testing.T) {
	ext := disktest.MountExt4(t, 64<<20)
	dir := filepath.Join(ext.Dir, "chain")
	db, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { db.Close() }()
	commitChain(t, db, 5, 50)
	// powerLoss reopens a copy of the disk as a power failure now leaves it.
	powerLoss := func() Head {
		t.Helper()
		cdb, err := Open(filepath.Join(ext.PowerLoss(t), "chain"))
		if err != nil {
			t.Fatal(err)
		}
		defer cdb.Close()
		return checkConsistent(t, cdb)
	}

	durable := db.DurableHeight()
	head := commitUnsynced(t, db, 20, 50)
	if db.DurableHeight() != durable || durable != 4 {
		t.Fatalf("durable height %d after unsynced commits, want %d", db.DurableHeight(), durable)
	}
	got := powerLoss()
	if got.Height < durable || got.Height > head.Height {
		t.Fatalf("after a power loss at %d (durable %d): head %d", head.Height, durable, got.Height)
	}
	t.Logf("a power loss before Sync kept blocks up to %d of %d (durable %d)", got.Height, head.Height, durable)

	ways := []struct {
		name string
		sync func() error
	}{
		{"Sync", db.Sync},
		{"CommitBlock", func() error { return commitNext(db, 50) }},
		{"PutLocal", func() error { return db.PutLocal([]*types.KeyValue{{Key: []byte("x"), Value: []byte("y")}}) }},
		{"Close", func() error {
			if err := db.Close(); err != nil {
				return err
			}
			db, err = Open(dir)
			return err
		}},
	}
	for _, w := range ways {
		commitUnsynced(t, db, 10, 50)
		if err := w.sync(); err != nil {
			t.Fatalf("%s: %v", w.name, err)
		}
		head, _ := db.Head()
		if d := db.DurableHeight(); d != head.Height {
			t.Fatalf("%s: durable height %d, head %d", w.name, d, head.Height)
		}
		if got := powerLoss(); got.Height != head.Height {
			t.Fatalf("%s: a power loss goes back from %d to %d", w.name, head.Height, got.Height)
		}
	}
}

// An unsynced commit that cannot write (a full disk) fails as CommitBlock
// does, naming the directory; with room again the chain goes on and Sync
// makes it durable.
func TestUnsyncedDiskFull(t *testing.T) {
	mnt := disktest.Mount(t, 8<<20)
	dir := filepath.Join(mnt, "chain")
	db, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	commitChain(t, db, 3, 10)
	head := commitUnsynced(t, db, 3, 10)
	free := disktest.Fill(t, mnt, 0)
	b := testBatch(&head, head.Height+1, 50)
	if err := db.CommitBlockUnsynced(b); !errors.Is(err, syscall.ENOSPC) || !strings.Contains(err.Error(), dir) {
		t.Fatalf("unsynced commit on a full disk: %v, want ENOSPC naming %s", err, dir)
	}
	checkReads(t, db, head)
	free()
	if err := db.CommitBlockUnsynced(b); err != nil {
		t.Fatalf("unsynced commit with room: %v", err)
	}
	if err := db.Sync(); err != nil {
		t.Fatal(err)
	}
	head, _ = db.Head()
	if db.DurableHeight() != head.Height || head.Height != 6 {
		t.Fatalf("durable %d, head %d, want 6", db.DurableHeight(), head.Height)
	}
	checkConsistent(t, db)
}

// A Sync that fails leaves the blocks in the DB, not durable, and tells
// OnWriteFault; the next Sync makes them durable, and the next commit
// reopens LevelDB and clears the fault.
func TestSyncFails(t *testing.T) {
	db, err := Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var faults faultLog
	db.OnWriteFault(faults.record)
	commitChain(t, db, 3, 10)
	head := commitUnsynced(t, db, 3, 10)
	failing := errors.New("fsync: input/output error")
	db.SetWriteFault(func(int64) error { return failing })
	if err := db.Sync(); !errors.Is(err, failing) {
		t.Fatalf("Sync on a failing disk: %v", err)
	}
	if db.DurableHeight() != 2 {
		t.Fatalf("durable height %d after a failed Sync, want 2", db.DurableHeight())
	}
	checkReads(t, db, head)
	db.SetWriteFault(nil)
	if err := db.Sync(); err != nil {
		t.Fatal(err)
	}
	if db.DurableHeight() != head.Height {
		t.Fatalf("durable height %d, want %d", db.DurableHeight(), head.Height)
	}
	if got := faults.get(); len(got) != 1 || got[0] == nil {
		t.Fatalf("faults reported %v, want an error", got)
	}
	head = commitChain(t, db, 1, 10)
	if got := faults.get(); len(got) != 2 || got[1] != nil {
		t.Fatalf("faults reported %v, want an error then nil", got)
	}
	checkReads(t, db, head)
	checkConsistent(t, db)
}

const crashUnsyncedEnv = "STORE_CRASH_UNSYNCED_DIR"

// crashSyncEvery is how many blocks the child commits unsynced between two
// Syncs (a downloaded range).
const crashSyncEvery = 8

// TestCrashKillUnsynced kills a process that commits blocks unsynced and
// syncs every few blocks, as block sync does, at a random moment: the
// reopened store is at a complete block, at or above the last one the
// child reported durable, and the next round continues from it.
func TestCrashKillUnsynced(t *testing.T) {
	if dir := os.Getenv(crashUnsyncedEnv); dir != "" {
		crashUnsyncedChild(dir)
		return
	}
	if testing.Short() {
		t.Skip("spawns processes")
	}
	dir := t.TempDir()
	last := int64(-1)
	for round := range 4 {
		cmd, out := startChild(t, "TestCrashKillUnsynced", crashUnsyncedEnv+"="+dir)
		// The child prints each height it made durable; kill it a
		// round-dependent time after the third.
		lines := bufio.NewScanner(out)
		durable := make(chan int64, 1)
		go func() {
			defer close(durable)
			n, h := 0, int64(-1)
			for lines.Scan() {
				var perr error
				if h, perr = strconv.ParseInt(lines.Text(), 10, 64); perr != nil {
					t.Errorf("child: %q", lines.Text())
					return
				}
				if n++; n == 3 {
					durable <- h
				}
			}
			durable <- h
		}()
		if _, ok := <-durable; !ok {
			cmd.Wait()
			t.Fatalf("round %d: the child stopped", round)
		}
		time.Sleep(time.Duration(3+11*round) * time.Millisecond)
		if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
			t.Fatal(err)
		}
		cmd.Wait()
		synced := <-durable

		db, err := Open(dir)
		if err != nil {
			t.Fatalf("round %d: reopen: %v", round, err)
		}
		h := checkConsistent(t, db)
		db.Close()
		if h.Height < synced || h.Height < last {
			t.Fatalf("round %d: head %d, below the durable %d or the last round's %d", round, h.Height, synced, last)
		}
		t.Logf("round %d: killed at head %d, last synced %d", round, h.Height, synced)
		last = h.Height
	}
}

func crashUnsyncedChild(dir string) {
	db, err := Open(dir)
	if err != nil {
		os.Stderr.WriteString(err.Error() + "\n")
		os.Exit(2)
	}
	w := bufio.NewWriter(os.Stdout)
	for {
		h, ok := db.Head()
		b := testBatch(nil, 0, 300)
		if ok {
			b = testBatch(&h, h.Height+1, 300)
		}
		err := db.CommitBlockUnsynced(b)
		if err == nil && b.Block.Height%crashSyncEvery == 0 {
			if err = db.Sync(); err == nil {
				fmt.Fprintln(w, db.DurableHeight())
				w.Flush()
			}
		}
		if err != nil {
			io.WriteString(os.Stderr, err.Error()+"\n")
			os.Exit(2)
		}
	}
}

// A write that failed and yet reached the journal (the fsync failed) does not
// make the next Sync see a database that moved: Sync fsyncs without a
// reopen, and the retried commit of that block counts as done.
func TestSyncAfterFailedWriteThatLanded(t *testing.T) {
	db, _ := openTest(t)
	commitChain(t, db, 3, 2)
	head := commitUnsynced(t, db, 2, 2)
	b := testBatch(&head, head.Height+1, 2)
	db.SetWriteFault(func(int64) error { return syscall.EIO })
	if err := db.CommitBlock(b); !errors.Is(err, syscall.EIO) {
		t.Fatal(err)
	}
	db.SetWriteFault(nil)
	db.mu.Lock()
	landed := db.batch // built for b before the fault
	err := db.ldb.Write(&landed, nil)
	db.mu.Unlock()
	if err != nil {
		t.Fatal(err)
	}
	if err := db.Sync(); err != nil {
		t.Fatalf("Sync after a failed write: %v", err)
	}
	if db.DurableHeight() != head.Height {
		t.Fatalf("durable height %d, want %d", db.DurableHeight(), head.Height)
	}
	if err := db.CommitBlock(b); err != nil {
		t.Fatalf("commit of the block the journal holds: %v", err)
	}
	if h, _ := db.Head(); h.Height != head.Height+1 {
		t.Fatalf("head %d, want %d", h.Height, head.Height+1)
	}
	commitChain(t, db, 2, 2)
	checkConsistent(t, db)
}

// A power failure can lose a part of the journal between unsynced writes
// that reached the disk (it need not write in order); goleveldb's recovery
// skips the batches there and replays the later ones. Open then finds a
// block missing below the head and refuses the database, instead of serving
// a chain with a hole.
func TestCrashJournalHole(t *testing.T) {
	src := t.TempDir()
	db, err := Open(src)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	commitChain(t, db, 2, 10)
	commitUnsynced(t, db, 6, 300) // ~100 KiB per batch
	size := journalSize(t, src)
	refused := 0
	const steps = 30
	for i := range steps {
		off := size * i / steps
		dst := filepath.Join(t.TempDir(), "db")
		copyDir(t, src, dst, func(b []byte) []byte { clear(b[off:min(off+4096, len(b))]); return b })
		cdb, err := Open(dst)
		if errors.Is(err, ErrCorrupt) && strings.Contains(err.Error(), "missing below the head") {
			refused++
			continue
		}
		if err != nil {
			t.Fatalf("hole at %d/%d: open: %v", off, size, err)
		}
		h := checkConsistent(t, cdb)
		for height := range h.Height {
			if _, err := cdb.Header(height); err != nil {
				t.Fatalf("hole at %d/%d: opened at head %d without block %d: %v", off, size, h.Height, height, err)
			}
		}
		cdb.Close()
	}
	if refused == 0 {
		t.Fatal("no hole made a block below the head go missing")
	}
	t.Logf("%d of %d holes refused", refused, steps)
}

// Open refuses a database that lacks a header below its head, naming the
// block.
func TestOpenFindsMissingBlock(t *testing.T) {
	db, dir := openTest(t)
	commitChain(t, db, 20, 2)
	if err := db.ldb.Delete(heightKey(pHeader, 12), syncWrite); err != nil {
		t.Fatal(err)
	}
	db.Close()
	_, err := Open(dir)
	if !errors.Is(err, ErrCorrupt) || !strings.Contains(err.Error(), "header at height 12") {
		t.Fatalf("open without the header of block 12: %v", err)
	}
}

// However many blocks are committed unsynced in a row, at most maxUnsynced
// of them are not durable: the check at Open covers them all.
func TestUnsyncedBounded(t *testing.T) {
	db, _ := openTest(t)
	commitChain(t, db, 1, 0)
	head := commitUnsynced(t, db, maxUnsynced+10, 0)
	if d := db.DurableHeight(); head.Height-d > maxUnsynced || d == 0 {
		t.Fatalf("head %d, durable %d: more than %d unsynced", head.Height, d, maxUnsynced)
	}
}
