package store

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/syndtr/goleveldb/leveldb"
)

// Unsynced commits (CommitBlockUnsynced). goleveldb appends every write to
// its journal and hands it to the OS at once; only a synced write waits for
// the disk. The journal is ordered, so an fsync of it makes every earlier
// write durable, and a crash of the machine before that loses a suffix of
// the unsynced batches, each whole (or, if the disk wrote out of order, a
// piece between them, which Open finds: checkBelowHead). One catch: when
// the memtable is full, goleveldb starts a new journal and closes the old
// one without an fsync, and a synced write then syncs only the new journal,
// until the old one's contents reach synced tables. So a synced write that
// follows unsynced ones is written unsynced and then every journal file (and
// the directory, which names a new journal) is fsynced: syncJournals.

// maxUnsynced bounds the blocks written without sync: CommitBlockUnsynced
// syncs first when so many are, and opening checks that as many below the
// head are all there (checkBelowHead).
const maxUnsynced = 1024

// writeBatch writes wb (mu held); height is the head once it is written. A
// synced write makes every earlier write durable as well.
func (db *DB) writeBatch(wb *leveldb.Batch, height int64, sync bool) error {
	var err error
	switch {
	case !sync:
		return db.ldb.Write(wb, nil)
	case db.durable.Load() >= db.headHeight():
		err = db.ldb.Write(wb, syncWrite)
	default:
		if err = db.ldb.Write(wb, nil); err == nil {
			err = db.syncJournals()
		}
	}
	if err == nil {
		db.durable.Store(height)
	}
	return err
}

// headHeight is the head's height, -1 on an empty DB.
func (db *DB) headHeight() int64 {
	if h := db.head.Load(); h != nil {
		return h.Height
	}
	return -1
}

// DurableHeight is the height of the last block that survives a crash of
// the machine (-1: none): the head's, unless CommitBlockUnsynced wrote
// blocks after it that nothing has made durable yet.
func (db *DB) DurableHeight() int64 {
	return db.durable.Load()
}

// Sync makes the blocks CommitBlockUnsynced wrote durable (nothing to do
// without any). It fails like CommitBlock (SetWriteFault, a failing disk),
// and then the blocks stay in the DB, not yet durable, and the next commit
// reopens LevelDB first (fault.go).
func (db *DB) Sync() error {
	if db.durable.Load() >= db.headHeight() {
		return nil
	}
	db.mu.Lock()
	defer db.mu.Unlock()
	return db.syncLocked()
}

// syncLocked is Sync with mu held. It needs no reopen after a failed write:
// it fsyncs the files, not through goleveldb, and a torn record that the
// failed write may have left at the journal's end is dropped by the reopen.
func (db *DB) syncLocked() error {
	head := db.head.Load()
	if db.readOnly || head == nil || db.durable.Load() >= head.Height {
		return nil
	}
	if db.fatal != nil {
		return db.fatal
	}
	var err error
	if f := db.writeFault.Load(); f != nil {
		err = (*f)(head.Height)
	}
	if err == nil {
		err = db.syncJournals()
	}
	if err != nil {
		db.failed = fmt.Errorf("store %s: sync blocks %d to %d: %w", db.dir, db.durable.Load()+1, head.Height, err)
		db.notify(db.failed)
		return db.failed
	}
	db.durable.Store(head.Height)
	return nil
}

// syncJournals fsyncs goleveldb's journal files (*.log) and the directory
// (mu held). A journal that is gone was compacted into synced tables.
func (db *DB) syncJournals() error {
	journals, err := filepath.Glob(filepath.Join(db.dir, "*.log"))
	if err != nil {
		return err
	}
	for _, name := range append(journals, db.dir) {
		f, err := os.Open(name)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return err
		}
		err = f.Sync()
		f.Close()
		if err != nil {
			return fmt.Errorf("fsync %s: %w", name, err)
		}
	}
	return nil
}
