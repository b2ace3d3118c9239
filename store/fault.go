package store

import (
	"bytes"
	"errors"
	"fmt"
	"os"

	"github.com/syndtr/goleveldb/leveldb"
	"github.com/syndtr/goleveldb/leveldb/iterator"
	"github.com/syndtr/goleveldb/leveldb/opt"
	"github.com/syndtr/goleveldb/leveldb/util"
)

// Write failures (a full disk, a file system remounted read-only, I/O
// errors). Once a LevelDB write fails, goleveldb keeps failing every later
// write with the same error, even after the disk has room again: its
// journal writer keeps the error until the journal is replaced. So after a
// failed write the next CommitBlock first checks that the directory takes a
// synced write again, then reopens LevelDB, which replays the journal (a
// torn tail record is dropped whole) into new files and starts a new
// journal, and then writes the block. Reads go on meanwhile: they wait for
// the moment of the swap, and if the disk still refuses a read-write open,
// they are served from a read-only handle until the next attempt.
//
// Resuming is safe when the reopened database holds the head we had, or the
// very block whose write failed (its journal record reached the file after
// all: the commit then counts as done). Anything else means the disk lost or
// changed committed data: commits stop for good with an error that says so,
// and a restart (after checking the disk) is the way on.

// errWritten: the reopened database already holds the block being committed.
var errWritten = errors.New("store: block already written")

// OnWriteFault registers f to be told when commits fail to write: f(err) on
// every failed attempt (err names the directory and the cause) and f(nil)
// once when a commit succeeds again. f runs inside CommitBlock, so it must
// not commit.
func (db *DB) OnWriteFault(f func(err error)) {
	if f == nil {
		db.onFault.Store(nil)
		return
	}
	db.onFault.Store(&f)
}

func (db *DB) notify(err error) {
	if f := db.onFault.Load(); f != nil {
		(*f)(err)
	}
}

// write writes the batch of block height (mu held), synced or not, and
// keeps the fault state.
func (db *DB) write(height int64, wb *leveldb.Batch, sync bool) error {
	var err error
	if f := db.writeFault.Load(); f != nil {
		err = (*f)(height)
	}
	if err == nil {
		db.recent.begin()
		err = db.writeBatch(wb, height, sync)
		db.recent.end(height, wb, err == nil)
	}
	if err != nil {
		db.failed = fmt.Errorf("store %s: commit block %d: %w", db.dir, height, err)
		db.notify(db.failed)
		return db.failed
	}
	if db.failed != nil {
		db.failed = nil
		db.notify(nil)
	}
	return nil
}

// resume runs before the commit of block (height, hash) with mu held: after
// a failed write it reopens LevelDB (see above). It returns errWritten if
// the reopened database holds that block already, and an error if the disk
// still fails or resuming is not safe.
func (db *DB) resume(height int64, hash []byte) error {
	if db.fatal != nil {
		return db.fatal
	}
	if db.failed == nil {
		return nil
	}
	err := db.probe()
	if err == nil {
		err = db.reopen()
	}
	if err != nil {
		db.failed = fmt.Errorf("store %s: commit block %d: %w", db.dir, height, err)
		db.notify(db.failed)
		return db.failed
	}
	had := db.head.Load()
	h, ok, err := db.loadHead()
	switch {
	case err != nil:
		db.fatal = fmt.Errorf("store %s: reopened after a write failure, the database reads back damaged (%w): "+
			"commits stopped; check the disk and restart the node", db.dir, err)
	case !ok && had == nil, ok && had != nil && h.Height == had.Height && bytes.Equal(h.Hash, had.Hash):
		return nil // as before the failure: write the block again
	case ok && h.Height == height && bytes.Equal(h.Hash, hash) && (had == nil || h.Height == had.Height+1):
		db.head.Store(&h)
		db.failed = nil
		db.notify(nil)
		return errWritten
	default:
		found, want := "no block", "no block"
		if ok {
			found = fmt.Sprintf("head %d", h.Height)
		}
		if had != nil {
			want = fmt.Sprintf("head %d", had.Height)
		}
		db.fatal = fmt.Errorf("store %s: reopened after a write failure, the database holds %s, not %s: "+
			"the disk lost or changed committed blocks; commits stopped: check the disk and restart the node", db.dir, found, want)
	}
	db.fatal = stopped{db.fatal}
	db.notify(db.fatal)
	return db.fatal
}

// stopped is an error after which the DB commits nothing more; Permanent
// tells fault reporters (health.Advice) that only a restart resumes.
type stopped struct{ error }

func (e stopped) Unwrap() error   { return e.error }
func (e stopped) Permanent() bool { return true }

// probe checks that the directory takes a small synced write, so that a
// disk that still fails costs no reopen.
func (db *DB) probe() error {
	f, err := os.CreateTemp(db.dir, "write-probe-")
	if err != nil {
		return err
	}
	defer os.Remove(f.Name())
	_, err = f.Write(make([]byte, 64<<10))
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// reopen replaces the LevelDB handle with a new read-write one; if that
// fails, with a read-only one that serves reads until the next attempt.
func (db *DB) reopen() error {
	db.ldbMu.Lock()
	defer db.ldbMu.Unlock()
	db.ldb.Close() // its error is the write failure again, or ErrClosed
	db.recent.drop()
	ldb, err := openLevelDB(db.dir, false)
	if err != nil {
		if ro, rerr := openLevelDB(db.dir, true); rerr == nil {
			db.ldb = ro
		}
		db.opened++
		return fmt.Errorf("reopen: %w", err)
	}
	db.ldb = ldb
	db.opened++
	return nil
}

// handle reads through the DB's LevelDB handle of the moment (reopen
// replaces it); an iterator holds it until released, so reads never meet a
// handle being closed.
type handle struct{ db *DB }

func (h handle) Get(key []byte, ro *opt.ReadOptions) ([]byte, error) {
	h.db.ldbMu.RLock()
	defer h.db.ldbMu.RUnlock()
	return h.db.ldb.Get(key, ro)
}

func (h handle) NewIterator(slice *util.Range, ro *opt.ReadOptions) iterator.Iterator {
	h.db.ldbMu.RLock()
	return &heldIterator{Iterator: h.db.ldb.NewIterator(slice, ro), unlock: h.db.ldbMu.RUnlock}
}

type heldIterator struct {
	iterator.Iterator
	unlock func()
}

func (it *heldIterator) Release() {
	it.Iterator.Release()
	if it.unlock != nil {
		it.unlock()
		it.unlock = nil
	}
}

// errReopened: the snapshot's LevelDB handle was closed by a reopen.
var errReopened = errors.New("snapshot of a database reopened after a write failure")

// snapHandle reads through a LevelDB snapshot while its handle is open: a
// reopen waits for its reads, and after one its reads fail (a snapshot of a
// closed LevelDB would crash an iterator).
type snapHandle struct {
	db     *DB
	snap   *leveldb.Snapshot
	opened uint64 // db.opened when taken
}

func (h *snapHandle) Get(key []byte, ro *opt.ReadOptions) ([]byte, error) {
	h.db.ldbMu.RLock()
	defer h.db.ldbMu.RUnlock()
	if h.db.opened != h.opened {
		return nil, errReopened
	}
	return h.snap.Get(key, ro)
}

func (h *snapHandle) NewIterator(slice *util.Range, ro *opt.ReadOptions) iterator.Iterator {
	h.db.ldbMu.RLock()
	if h.db.opened != h.opened {
		h.db.ldbMu.RUnlock()
		return iterator.NewEmptyIterator(errReopened)
	}
	return &heldIterator{Iterator: h.snap.NewIterator(slice, ro), unlock: h.db.ldbMu.RUnlock}
}

func (h *snapHandle) release() {
	h.db.ldbMu.RLock()
	defer h.db.ldbMu.RUnlock()
	if h.db.opened == h.opened { // a reopen released it with its handle
		h.snap.Release()
	}
}
