package store

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"chain33node/disktest"
	"chain33node/types"
)

// faultLog records what OnWriteFault reports.
type faultLog struct {
	mu   sync.Mutex
	errs []error
}

func (l *faultLog) record(err error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.errs = append(l.errs, err)
}

func (l *faultLog) get() []error {
	l.mu.Lock()
	defer l.mu.Unlock()
	return append([]error(nil), l.errs...)
}

// checkReads checks that the blocks up to head are served.
func checkReads(t *testing.T, db *DB, head Head) {
	t.Helper()
	if h, _ := db.Head(); h.Height != head.Height {
		t.Fatalf("head %d, want %d", h.Height, head.Height)
	}
	if b, err := db.Block(head.Height); err != nil || !bytes.Equal(types.BlockHash(b), head.Hash) {
		t.Fatalf("block at head: %v", err)
	}
	snap, err := db.Snapshot()
	if err != nil {
		t.Fatal(err)
	}
	defer snap.Release()
	if _, err := snap.Receipts(head.Height); err != nil {
		t.Fatalf("receipts through a snapshot: %v", err)
	}
	if kvs, err := db.LocalPrefix([]byte("LODB-test-")); err != nil || int64(len(kvs)) != head.Height+1 {
		t.Fatalf("local scan: %d entries, %v", len(kvs), err)
	}
}

// A full disk (a real tmpfs): the commit fails with ENOSPC naming the
// directory, reads go on, further attempts fail while the disk is full, and
// once there is room the same block commits without a reopen by the
// caller; goleveldb alone would fail every write from then on.
func TestDiskFullResumes(t *testing.T) {
	mnt := disktest.Mount(t, 8<<20)
	dir := filepath.Join(mnt, "chain")
	db, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var faults faultLog
	db.OnWriteFault(faults.record)
	head := commitChain(t, db, 10, 10)

	free := disktest.Fill(t, mnt, 0)
	b := testBatch(&head, head.Height+1, 50)
	for i := range 3 {
		err := db.CommitBlock(b)
		if !errors.Is(err, syscall.ENOSPC) || !strings.Contains(err.Error(), dir) {
			t.Fatalf("attempt %d on a full disk: %v, want ENOSPC naming %s", i, err, dir)
		}
		checkReads(t, db, head)
	}
	if got := faults.get(); len(got) != 3 || got[0] == nil || got[2] == nil {
		t.Fatalf("faults reported %v, want 3 errors", got)
	}
	free()
	if err := db.CommitBlock(b); err != nil {
		t.Fatalf("commit once there is room: %v", err)
	}
	if got := faults.get(); len(got) != 4 || got[3] != nil {
		t.Fatalf("faults reported %v, want 3 errors then nil", got)
	}
	head = commitChain(t, db, 5, 10)
	checkConsistent(t, db)
	checkReads(t, db, head)
	if m, _ := filepath.Glob(filepath.Join(dir, "write-probe-*")); len(m) != 0 {
		t.Errorf("probe files left: %v", m)
	}
	db.Close()
	db, err = Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	if h, _ := db.Head(); h.Height != head.Height || !bytes.Equal(h.Hash, head.Hash) {
		t.Fatalf("reopened at %d, want %d", h.Height, head.Height)
	}
	checkConsistent(t, db)
}

// Room for the probe but not for the reopen (which writes the journal's
// blocks into a table): the reopen fails, reads go on from a read-only
// handle, and with room the commit goes on.
func TestReopenWithoutRoom(t *testing.T) {
	mnt := disktest.Mount(t, 16<<20)
	dir := filepath.Join(mnt, "chain")
	db, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	head := commitChain(t, db, 30, 200) // about 2 MiB of journal
	free := disktest.Fill(t, mnt, 0)
	b := testBatch(&head, head.Height+1, 10)
	if err := db.CommitBlock(b); !errors.Is(err, syscall.ENOSPC) {
		t.Fatalf("commit on a full disk: %v", err)
	}
	free()
	free = disktest.Fill(t, mnt, 256<<10)
	err = db.CommitBlock(b)
	if !errors.Is(err, syscall.ENOSPC) || !strings.Contains(err.Error(), "reopen") {
		t.Fatalf("commit with room for the probe only: %v, want the reopen's ENOSPC", err)
	}
	checkReads(t, db, head)
	free()
	if err := db.CommitBlock(b); err != nil {
		t.Fatalf("commit with room: %v", err)
	}
	checkConsistent(t, db)
}

// A file system the kernel made read-only (as after an I/O error, on a real
// ext4): commits fail with EROFS and keep failing, reads go on, Close
// returns; after the operator's remount the data is the last complete
// block and commits go on.
func TestReadOnlyFileSystem(t *testing.T) {
	ext := disktest.MountExt4(t, 32<<20)
	dir := filepath.Join(ext.Dir, "chain")
	db, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	head := commitChain(t, db, 10, 10)
	ext.ForceReadOnly(t)
	b := testBatch(&head, head.Height+1, 10)
	for i := range 3 {
		if err := db.CommitBlock(b); !errors.Is(err, syscall.EROFS) {
			t.Fatalf("attempt %d on a read-only file system: %v, want EROFS", i, err)
		}
		checkReads(t, db, head)
	}
	done := make(chan struct{})
	go func() { db.Close(); close(done) }()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("Close hung on a read-only file system")
	}
	ext.Remount(t)
	db, err = Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if got := checkConsistent(t, db); got.Height != head.Height {
		t.Fatalf("after remount at %d, want %d", got.Height, head.Height)
	}
	if err := db.CommitBlock(b); err != nil {
		t.Fatal(err)
	}
	checkConsistent(t, db)
}

// A write reported failed may have reached the journal after all (a failed
// fsync): the reopened database then holds that block, and committing it
// again succeeds without writing it twice.
func TestFailedWriteInJournal(t *testing.T) {
	db, _ := openTest(t)
	var faults faultLog
	db.OnWriteFault(faults.record)
	head := commitChain(t, db, 3, 2)
	b := testBatch(&head, head.Height+1, 2)
	db.SetWriteFault(func(int64) error { return syscall.EIO })
	if err := db.CommitBlock(b); !errors.Is(err, syscall.EIO) {
		t.Fatal(err)
	}
	db.SetWriteFault(nil)
	// What the failed write left in the journal: the whole batch.
	other, err := Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	commitChain(t, other, 3, 2)
	if err := other.CommitBlock(testBatch(&head, head.Height+1, 2)); err != nil {
		t.Fatal(err)
	}
	other.mu.Lock()
	batch := other.batch // the last batch written
	other.mu.Unlock()
	if err := db.ldb.Write(&batch, syncWrite); err != nil {
		t.Fatal(err)
	}
	other.Close()

	if err := db.CommitBlock(b); err != nil {
		t.Fatalf("commit of the block the journal holds: %v", err)
	}
	if h, _ := db.Head(); h.Height != head.Height+1 {
		t.Fatalf("head %d", h.Height)
	}
	// The batch was written behind the DB's back: reads see it, not what the
	// DB itself wrote last (a cache of its own writes would have to forget
	// them when it reopens LevelDB).
	if v, err := db.State(counterKey); err != nil || !bytes.Equal(v, heightValue(head.Height+1)) {
		t.Fatalf("counter %x after the resumed commit, want %x (%v)", v, heightValue(head.Height+1), err)
	}
	if got := faults.get(); len(got) != 2 || got[0] == nil || got[1] != nil {
		t.Fatalf("faults %v", got)
	}
	commitChain(t, db, 2, 2)
	checkConsistent(t, db)
}

// If the reopened database is not where the DB was (the disk lost or
// changed committed data), resuming is not safe: commits stop for good with
// an error that says so.
func TestReopenFindsOtherHead(t *testing.T) {
	db, _ := openTest(t)
	var faults faultLog
	db.OnWriteFault(faults.record)
	commitChain(t, db, 3, 2)
	older, _ := db.Head()
	head := commitChain(t, db, 1, 2)
	// The disk "loses" the last block's head record.
	if err := db.ldb.Put(headKey, encodeHead(nil, &older), syncWrite); err != nil {
		t.Fatal(err)
	}
	db.SetWriteFault(func(int64) error { return syscall.EIO })
	b := testBatch(&head, head.Height+1, 2)
	if err := db.CommitBlock(b); !errors.Is(err, syscall.EIO) {
		t.Fatal(err)
	}
	db.SetWriteFault(nil)
	for range 2 {
		err := db.CommitBlock(b)
		if err == nil || !strings.Contains(err.Error(), "restart the node") || !strings.Contains(err.Error(), "holds head 2, not head 3") {
			t.Fatalf("commit after the disk lost a block: %v", err)
		}
	}
	got := faults.get()
	var p interface{ Permanent() bool }
	if len(got) != 2 || !errors.As(got[1], &p) || !p.Permanent() {
		t.Fatalf("faults %v, want the last one permanent", got)
	}
	if h, _ := db.Head(); h.Height != head.Height {
		t.Fatalf("head %d", h.Height)
	}
}

// Readers never see a reopen: reads through the DB succeed while commits
// fail and the DB reopens LevelDB again and again; reads through a
// snapshot taken before a reopen fail with ErrRead, never a panic.
func TestReopenWhileReading(t *testing.T) {
	db, _ := openTest(t)
	head := commitChain(t, db, 5, 2)
	var fail atomic.Bool
	db.SetWriteFault(func(int64) error {
		if fail.Load() {
			return syscall.ENOSPC
		}
		return nil
	})
	stop := make(chan struct{})
	var wg sync.WaitGroup
	var reads atomic.Int64
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				select {
				case <-stop:
					return
				default:
				}
				if _, err := db.Block(head.Height); err != nil {
					t.Errorf("read through the DB: %v", err)
					return
				}
				if _, err := db.LocalPrefix([]byte("LODB-test-")); err != nil {
					t.Errorf("scan through the DB: %v", err)
					return
				}
				if snap, err := db.Snapshot(); err == nil {
					if _, err := snap.Block(head.Height); err != nil && !errors.Is(err, ErrRead) {
						t.Errorf("read through a snapshot: %v", err)
					}
					if _, err := snap.LocalPrefix([]byte("LODB-test-")); err != nil && !errors.Is(err, errReopened) {
						t.Errorf("scan through a snapshot: %v", err)
					}
					snap.Release()
				}
				reads.Add(1)
			}
		}()
	}
	for i := range 40 {
		fail.Store(i%2 == 0)
		h, _ := db.Head()
		err := db.CommitBlock(testBatch(&h, h.Height+1, 2))
		if (err != nil) != fail.Load() {
			t.Fatalf("commit %d (fail %v): %v", i, fail.Load(), err)
		}
	}
	close(stop)
	wg.Wait()
	checkConsistent(t, db)
	t.Logf("%d reads during 20 reopens", reads.Load())
}

// OpenReadOnly writes nothing: not into a directory without a database
// (ErrNoDB), nor into a database; it tells a database in use (ErrLocked).
func TestOpenReadOnly(t *testing.T) {
	empty := t.TempDir()
	if _, err := OpenReadOnly(empty); !errors.Is(err, ErrNoDB) {
		t.Fatalf("empty dir: %v", err)
	}
	if ents, _ := os.ReadDir(empty); len(ents) != 0 {
		t.Fatalf("empty dir got %v", ents)
	}
	if _, err := OpenReadOnly(filepath.Join(empty, "none")); !errors.Is(err, ErrNoDB) {
		t.Fatalf("missing dir: %v", err)
	}

	dir := t.TempDir()
	db, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	head := commitChain(t, db, 3, 2)
	if _, err := OpenReadOnly(dir); !errors.Is(err, ErrLocked) {
		t.Fatalf("read-only open of a database in use: %v", err)
	}
	if _, err := Open(dir); !errors.Is(err, ErrLocked) {
		t.Fatalf("second open: %v", err)
	}
	db.Close()

	before := treeHash(t, dir)
	ro, err := OpenReadOnly(dir)
	if err != nil {
		t.Fatal(err)
	}
	if h, ok := ro.Head(); !ok || h.Height != head.Height {
		t.Fatalf("read-only head %d", h.Height)
	}
	checkConsistent(t, ro)
	if err := ro.CommitBlock(testBatch(&head, head.Height+1, 1)); err == nil || !strings.Contains(err.Error(), "read-only") {
		t.Fatalf("commit on a read-only DB: %v", err)
	}
	ro.Close()
	if after := treeHash(t, dir); after != before {
		t.Fatal("read-only open changed the directory")
	}
}

// treeHash hashes names and contents of the files under dir.
func treeHash(t *testing.T, dir string) [32]byte {
	t.Helper()
	h := sha256.New()
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		h.Write([]byte(p + "\x00"))
		h.Write(b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return [32]byte(h.Sum(nil))
}
