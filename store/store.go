package store

import (
	"bytes"
	"cmp"
	"encoding/binary"
	"errors"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"sync/atomic"
	"syscall"

	"chain33node/types"

	"github.com/syndtr/goleveldb/leveldb"
	"github.com/syndtr/goleveldb/leveldb/filter"
	"github.com/syndtr/goleveldb/leveldb/opt"
	"google.golang.org/protobuf/proto"
)

// ErrNotNext is wrapped by CommitBlock's error when the block does not extend
// the head (wrong height or parent hash).
var ErrNotNext = errors.New("store: block does not extend the head")

// Head is the last committed block. Its slices are shared: do not modify them.
type Head struct {
	Height    int64
	Hash      []byte
	StateHash []byte
	BlockTime int64
}

// BlockBatch is everything one committed block changes.
type BlockBatch struct {
	Block     *types.Block
	Hash      []byte               // block hash (types.BlockHash); nil: computed
	Cert      []byte               // commit certificate, opaque (nil for genesis)
	Receipts  []*types.ReceiptData // one per tx
	TxHashes  [][]byte             // tx hash per tx, same order as Block.Txs
	State     []*types.KeyValue    // state changes; Value == nil means delete
	Local     []*types.KeyValue    // local index entries; Value == nil means delete
	StateHash []byte               // state hash after this block; nil: Block.StateHash
}

// DB is a node's chain database. Read methods may be called concurrently
// with each other and with CommitBlock.
type DB struct {
	reader // through handle: reads use whichever LevelDB handle is open
	dir    string
	// ldb changes only with both mu and ldbMu held (reopen, Close): reads
	// hold ldbMu shared, CommitBlock holds mu.
	ldbMu  sync.RWMutex
	ldb    *leveldb.DB
	opened uint64               // reopens so far (guarded by ldbMu): snapshots of an older handle read nothing
	head   atomic.Pointer[Head] // nil on an empty DB
	// durable is the height of the last block a synced write made durable
	// (-1: none); below the head after CommitBlockUnsynced (see sync.go).
	durable atomic.Int64

	mu    sync.Mutex // serialises CommitBlock and guards the scratch buffers and the fault state
	batch leveldb.Batch
	key   []byte
	buf   []byte

	readOnly bool  // OpenReadOnly: CommitBlock refuses
	failed   error // the last commit's write failed: reopen LevelDB before the next (fault.go)
	fatal    error // commits refused for good: resuming is not safe (fault.go)

	writeFault atomic.Pointer[func(height int64) error] // SetWriteFault
	readFault  atomic.Pointer[func(kind string) error]  // SetReadFault
	onFault    atomic.Pointer[func(error)]              // OnWriteFault

	txs       *txFilter     // nil when read-only (txfilter.go)
	closing   chan struct{} // closed by Close: stops the filter's scan
	closeOnce sync.Once
	scanDone  sync.WaitGroup
}

var (
	syncWrite   = &opt.WriteOptions{Sync: true}
	marshalOpts = proto.MarshalOptions{}
	options     = opt.Options{
		BlockCacheCapacity: 64 * opt.MiB,
		WriteBuffer:        32 * opt.MiB,
		Filter:             filter.NewBloomFilter(10),
		// Every memtable holds every kind of key (blocks by height, the
		// indexes by address and hash), so every level-0 table spans the
		// whole key space and each level-0 compaction rewrites all of
		// level 1: 120-150 MiB every 30-40 s under load, 11 % of a
		// validator's CPU once the chain held a few hundred thousand
		// transactions (2.6 % before). Eight tables a compaction instead of
		// four rewrite level 1 half as often (on n1, over three loads of
		// 250,000 transfers: 285 MiB of compaction input against 708).
		// Sixteen tables of 64 MiB would do less work in all (a chain of
		// 1.5 million transfers, BenchmarkCommitLongChain: 19.1-19.3 ms of
		// CPU a block against 21.8-22.0, 5.4-5.5 GB written against 7.5)
		// but in bursts four times as large: on four validators sharing two
		// cores, which compact the same data at the same time, the 60 s a
		// burst falls in lost up to 30 % (1,024 senders 4,237-4,439 tx/s
		// against 4,578-5,156; gRPC 3,811 against 5,372), though the loads
		// together gained 15 %. Not taken: a load's worst minute is what
		// the node promises.
		// Seek compactions (LevelDB's answer to reads that look in several
		// tables) would only add rewrites; go-ethereum turns them off too.
		CompactionL0Trigger:    8,
		WriteL0SlowdownTrigger: 16,
		WriteL0PauseTrigger:    24,
		DisableSeeksCompaction: true,
	}
)

// ErrLocked is wrapped by Open's error when another process (or another DB
// of this one) has the database open: LevelDB's LOCK file is held.
var ErrLocked = errors.New("in use by another process (its LevelDB LOCK is held)")

// ErrNoDB is wrapped by OpenReadOnly's error when dir holds no database.
var ErrNoDB = errors.New("no database")

// Open opens (creating if needed) the database in dir and loads the head.
func Open(dir string) (*DB, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("store: %w", err)
	}
	return open(dir, false)
}

// OpenReadOnly opens the database in dir without writing anything (no
// journal recovery to disk, no new files), for a look before Open. It fails
// with ErrNoDB when dir holds no database and with ErrLocked when another
// process has it open for writing. CommitBlock fails on it.
func OpenReadOnly(dir string) (*DB, error) {
	// LevelDB would create LOCK in a directory without a database.
	if _, err := os.Stat(filepath.Join(dir, "CURRENT")); errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("store: open %s: %w", dir, ErrNoDB)
	}
	return open(dir, true)
}

func open(dir string, readOnly bool) (*DB, error) {
	ldb, err := openLevelDB(dir, readOnly)
	if err != nil {
		return nil, fmt.Errorf("store: open %s: %w", dir, err)
	}
	db := &DB{dir: dir, ldb: ldb, readOnly: readOnly, closing: make(chan struct{})}
	if !readOnly {
		db.txs = newTxFilter()
	}
	db.reader = reader{g: handle{db}, txs: db.txs, fault: &db.readFault, recent: newRecentValues(db.headHeight), at: atHead}
	h, ok, err := db.loadHead()
	if err != nil {
		ldb.Close()
		return nil, fmt.Errorf("store: open %s: %w", dir, err)
	}
	db.durable.Store(-1)
	if ok {
		db.head.Store(&h)
		db.durable.Store(h.Height) // opening replayed the journal into synced tables
	}
	if db.txs != nil {
		db.scanDone.Add(1)
		go db.fillTxFilter()
	}
	return db, nil
}

func openLevelDB(dir string, readOnly bool) (*leveldb.DB, error) {
	o := options
	o.ReadOnly = readOnly
	o.WriteBuffer = writeBuffer()
	ldb, err := leveldb.OpenFile(dir, &o)
	if errors.Is(err, syscall.EWOULDBLOCK) {
		err = ErrLocked
	}
	return ldb, err
}

// writeBuffer is the size of an opened database's memtable: the options'
// with up to a quarter more or less, drawn at each open. Validators
// write the same blocks, so with one size their memtables fill, and their
// level-0 compactions start, at the same moment: four validators sharing
// two cores each took 12-14.6 s for their first (107 MiB, begun within
// 0.25-1.8 s of each other), and in one run a validator reached the next
// height 3 s after the others and its round 0 timed out. Validators on
// servers of their own are all slow at the same moment too, and so is
// their quorum. With sizes drawn apart the first compactions began over
// 42-56 s (or in two pairs a minute apart) and took 2.4-13.8 s; twice the
// peak offered to a fresh cluster (after 256 senders as fast as they can)
// kept 67-81 % of the peak, p99 2.8-5.8 s (median 3.1), in six runs, against
// 59-75 %, p99 3.8-6.2 s (median 4.8), in five with one size.
func writeBuffer() int {
	w := options.WriteBuffer
	return w - w/4 + memtableDraw(w/2+1)
}

// memtableDraw is writeBuffer's draw; benchmarks fix it (bench_test.go).
var memtableDraw = rand.IntN

// loadHead reads the head from disk and checks that its header is there.
func (db *DB) loadHead() (Head, bool, error) {
	h, ok, err := db.reader.head()
	if err == nil && ok {
		err = db.reader.checkHead(h)
	}
	return h, ok, err
}

// Close makes blocks CommitBlockUnsynced wrote durable (goleveldb's
// Close does not sync) and closes the database. Snapshots must be released
// first.
func (db *DB) Close() error {
	db.closeOnce.Do(func() { close(db.closing) })
	db.scanDone.Wait()
	db.mu.Lock()
	defer db.mu.Unlock()
	err := db.syncLocked()
	db.ldbMu.Lock()
	defer db.ldbMu.Unlock()
	return errors.Join(err, db.ldb.Close())
}

// Head returns the last committed block, false on an empty DB.
func (db *DB) Head() (Head, bool) {
	h := db.head.Load()
	if h == nil {
		return Head{}, false
	}
	return *h, true
}

// CommitBlock writes everything block b changes as one synced LevelDB batch:
// block, header, certificate, receipts, tx index, hash index, state, local
// entries and the new head. It refuses a block that does not extend the head:
// height head+1 (0 on an empty DB) and parent hash equal to the head hash.
// Blocks CommitBlockUnsynced wrote before are durable with it.
func (db *DB) CommitBlock(b *BlockBatch) error { return db.commit(b, true) }

// CommitBlockUnsynced is CommitBlock without waiting for the disk: a crash
// of the machine may lose the blocks written so since the last synced
// write, never part of one (the DB reopens at a complete earlier block).
// For blocks that can be fetched again (block sync); CommitBlock, Sync,
// PutLocal and Close make them durable, and so does CommitBlockUnsynced
// itself before the 1024th block in a row (maxUnsynced).
func (db *DB) CommitBlockUnsynced(b *BlockBatch) error { return db.commit(b, false) }

func (db *DB) commit(b *BlockBatch, sync bool) error {
	blk := b.Block
	if blk == nil {
		return errors.New("store: commit: nil block")
	}
	n := len(blk.Txs)
	if len(b.TxHashes) != n || len(b.Receipts) != n {
		return fmt.Errorf("store: commit block %d: %d txs, %d tx hashes, %d receipts", blk.Height, n, len(b.TxHashes), len(b.Receipts))
	}
	hdr := types.HeaderOf(blk)
	if hdr.Signature == nil {
		hdr.Signature = blk.Signature
	}
	if b.Hash != nil && !bytes.Equal(b.Hash, hdr.Hash) {
		return fmt.Errorf("store: commit block %d: hash %x, block hashes to %x", blk.Height, b.Hash, hdr.Hash)
	}
	stateHash := b.StateHash
	if stateHash == nil {
		stateHash = blk.StateHash
	}

	db.mu.Lock()
	defer db.mu.Unlock()
	if db.readOnly {
		return fmt.Errorf("store %s: commit block %d: opened read-only", db.dir, blk.Height)
	}
	if err := db.resume(blk.Height, hdr.Hash); err != nil {
		if errors.Is(err, errWritten) {
			return nil
		}
		return err
	}
	if !sync && db.headHeight()-db.durable.Load() >= maxUnsynced {
		if err := db.syncLocked(); err != nil {
			return err
		}
	}
	if cur := db.head.Load(); cur == nil {
		if blk.Height != 0 {
			return fmt.Errorf("%w: height %d on an empty store", ErrNotNext, blk.Height)
		}
	} else {
		if blk.Height != cur.Height+1 {
			return fmt.Errorf("%w: height %d, head %d", ErrNotNext, blk.Height, cur.Height)
		}
		if !bytes.Equal(blk.ParentHash, cur.Hash) {
			return fmt.Errorf("%w: block %d parent %x, head hash %x", ErrNotNext, blk.Height, blk.ParentHash, cur.Hash)
		}
	}

	height := blk.Height
	wb := &db.batch
	wb.Reset()
	var err error
	// Batch.Put copies key and value, so one scratch key and one scratch
	// value buffer serve every entry.
	if db.buf, err = marshalOpts.MarshalAppend(db.buf[:0], blk); err != nil {
		return fmt.Errorf("store: commit block %d: encode block: %w", height, err)
	}
	wb.Put(db.hkey(pBlock, height), db.buf)
	if db.buf, err = marshalOpts.MarshalAppend(db.buf[:0], hdr); err != nil {
		return fmt.Errorf("store: commit block %d: encode header: %w", height, err)
	}
	wb.Put(db.hkey(pHeader, height), db.buf)
	wb.Put(db.hkey(pCert, height), b.Cert)
	if db.buf, err = appendReceipts(db.buf[:0], b.Receipts); err != nil {
		return fmt.Errorf("store: commit block %d: encode receipts: %w", height, err)
	}
	wb.Put(db.hkey(pReceipts, height), db.buf)
	var hv [8]byte
	binary.BigEndian.PutUint64(hv[:], uint64(height))
	wb.Put(db.pkey(pHashIndex, hdr.Hash), hv[:])

	if db.txs != nil {
		db.txs.add(b.TxHashes...) // before the write: the filter never lags the index
	}
	var loc [txLocLen]byte
	copy(loc[:8], hv[:])
	for i, h := range b.TxHashes {
		if len(h) == 0 {
			return fmt.Errorf("store: commit block %d: tx %d has no hash", height, i)
		}
		binary.BigEndian.PutUint32(loc[8:], uint32(i))
		wb.Put(db.pkey(pTxIndex, h), loc[:])
	}
	db.putKVs(pState, b.State)
	db.putKVs(pLocal, b.Local)

	head := &Head{Height: height, Hash: hdr.Hash, StateHash: bytes.Clone(stateHash), BlockTime: blk.BlockTime}
	db.buf = encodeHead(db.buf[:0], head)
	wb.Put(headKey, db.buf)

	if err := db.write(height, wb, sync); err != nil {
		return err
	}
	db.head.Store(head)
	if cap(db.buf) > 64<<20 { // do not keep the memory of one huge block
		db.buf, db.batch = nil, leveldb.Batch{}
	}
	return nil
}

// SetWriteFault makes CommitBlock and PutLocal fail, before anything is
// written, with the error f returns for the block's height (PutLocal: the
// head's; nil: write). It stands in for a full or failing disk in tests of
// how callers handle local failures; SetWriteFault(nil) clears it.
func (db *DB) SetWriteFault(f func(height int64) error) {
	if f == nil {
		db.writeFault.Store(nil)
		return
	}
	db.writeFault.Store(&f)
}

// SetReadFault makes point reads (not scans) of the DB and of its
// snapshots fail with the error f returns for the kind of record read
// ("tx index", "state", "block": the kinds read errors name; nil: read),
// wrapped in ErrRead as a failing disk's are. It stands in for a disk that
// fails reads in tests; SetReadFault(nil) clears it.
func (db *DB) SetReadFault(f func(kind string) error) {
	if f == nil {
		db.readFault.Store(nil)
		return
	}
	db.readFault.Store(&f)
}

// putKVs adds kvs to the batch in key order (the last of equal keys still
// wins): LevelDB inserts each entry into its memtable, a skip list, and
// entries in order find the path of the one before in the CPU's cache, where
// random keys miss it at every level (BenchmarkCommitAging: 21-22 ms of CPU
// a block unsorted, 18.5 sorted). Equal keys keep their order by their
// positions rather than by a stable sort, which took about 1.7 times as
// long (BenchmarkPutKVs, a block of 3,000 transfers' history entries: 10.4
// ms against 8.7 with the puts); the executor's state changes come sorted
// and are not sorted again.
func (db *DB) putKVs(prefix byte, kvs []*types.KeyValue) {
	byKey := func(a, b *types.KeyValue) int { return bytes.Compare(a.Key, b.Key) }
	if slices.IsSortedFunc(kvs, byKey) {
		for _, kv := range kvs {
			db.putKV(prefix, kv)
		}
		return
	}
	at := make([]kvAt, len(kvs))
	for i, kv := range kvs {
		at[i] = kvAt{kv, i}
	}
	slices.SortFunc(at, func(a, b kvAt) int { return cmp.Or(byKey(a.kv, b.kv), cmp.Compare(a.i, b.i)) })
	for _, e := range at {
		db.putKV(prefix, e.kv)
	}
}

// putKV adds kv to the batch (a nil value deletes).
func (db *DB) putKV(prefix byte, kv *types.KeyValue) {
	k := db.pkey(prefix, kv.Key)
	if kv.Value == nil {
		db.batch.Delete(k)
	} else {
		db.batch.Put(k, kv.Value)
	}
}

// kvAt is an entry and its position among those putKVs was given.
type kvAt struct {
	kv *types.KeyValue
	i  int
}

// hkey and pkey build a key in the scratch key buffer; valid until the next call.
func (db *DB) hkey(prefix byte, height int64) []byte {
	db.key = appendHeightKey(db.key[:0], prefix, height)
	return db.key
}

func (db *DB) pkey(prefix byte, k []byte) []byte {
	db.key = append(append(db.key[:0], prefix), k...)
	return db.key
}

// Snapshot is a consistent read view of the DB at the moment it was taken.
// Release it when done; it must be released before the DB is closed.
type Snapshot struct {
	reader // through h
	h      *snapHandle
	head   Head
	ok     bool
}

// Snapshot takes a consistent read view for queries that read several records.
// If a write failure makes the DB reopen LevelDB while the snapshot is held,
// its reads fail (wrapping ErrRead) from then on.
func (db *DB) Snapshot() (*Snapshot, error) {
	db.ldbMu.RLock()
	s, err := db.ldb.GetSnapshot()
	h := &snapHandle{db: db, snap: s, opened: db.opened}
	db.ldbMu.RUnlock()
	if err != nil {
		return nil, fmt.Errorf("store: snapshot: %w", err)
	}
	snap := &Snapshot{reader: reader{g: h, txs: db.txs, fault: &db.readFault}, h: h}
	if snap.head, snap.ok, err = snap.reader.head(); err != nil {
		h.release()
		return nil, err
	}
	if snap.ok {
		snap.recent, snap.at = db.recent, snap.head.Height
	}
	return snap, nil
}

// Head returns the last block committed when the snapshot was taken, false
// if the DB was empty then.
func (s *Snapshot) Head() (Head, bool) { return s.head, s.ok }

// Release frees the snapshot. It is safe to call more than once.
func (s *Snapshot) Release() { s.h.release() }
