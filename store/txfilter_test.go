package store

import (
	"crypto/rand"
	"errors"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"chain33node/types"
)

func randomHash() []byte {
	h := make([]byte, 32)
	rand.Read(h)
	return h
}

// The filter never calls an added hash absent, across chunk growth, and
// calls few others present.
func TestTxFilterNoFalseNegatives(t *testing.T) {
	f := newTxFilter()
	added := make([][]byte, 3*filterBaseKeys+5) // grows to three chunks
	for i := range added {
		added[i] = randomHash()
	}
	f.add(added...)
	if n := len(*f.chunks.Load()); n != 3 {
		t.Fatalf("%d chunks after %d keys, want 3", n, len(added))
	}
	if f.absent(added[0]) {
		t.Fatal("a filter not ready answers absent")
	}
	f.ready.Store(true)
	for i, h := range added {
		if f.absent(h) {
			t.Fatalf("added hash %d called absent", i)
		}
	}
	const others = 100000
	present := 0
	for range others {
		if !f.absent(randomHash()) {
			present++
		}
	}
	if rate := float64(present) / others; rate > 0.005 {
		t.Fatalf("false positive rate %.4f, want under 0.5 %%", rate)
	}
	if f.absent([]byte{1, 2, 3}) {
		t.Fatal("a hash too short to probe answered absent")
	}
}

func waitFilterReady(t *testing.T, db *DB) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !db.txs.ready.Load() {
		if time.Now().After(deadline) {
			t.Fatal("tx filter not filled after 10 s")
		}
		time.Sleep(time.Millisecond)
	}
}

// A reopened DB fills the filter from its tx index, including the blocks
// committed while the scan runs, and HasTx stays exact.
func TestTxFilterFilledAtOpen(t *testing.T) {
	dir := closedChain(t)
	hold, scanning := holdScan(t, 2) // after its first step of 64 keys
	db, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	<-scanning
	if db.txs.ready.Load() {
		t.Fatal("filter ready before its scan")
	}
	commitChain(t, db, 5, 50) // blocks 20-24 while the scan is under way
	close(hold)
	waitFilterReady(t, db)

	for h := int64(0); h < 25; h++ {
		for i := range 50 {
			if !hasTx(t, db, txHashAt(h, i)) {
				t.Fatalf("HasTx(tx %d of block %d) = false", i, h)
			}
		}
	}
	snap, err := db.Snapshot()
	if err != nil {
		t.Fatal(err)
	}
	defer snap.Release()
	if !hasTx(t, snap, txHashAt(24, 49)) {
		t.Fatal("snapshot HasTx of a committed tx = false")
	}
	absent := 0
	for range 1000 {
		h := randomHash()
		if hasTx(t, db, h) || hasTx(t, snap, h) {
			t.Fatal("HasTx of a random hash = true")
		}
		if db.txs.absent(h) {
			absent++
		}
	}
	if absent < 990 {
		t.Fatalf("the filter answered %d of 1000 misses, want nearly all", absent)
	}
}

// closedChain is the directory of a closed DB of 20 blocks of 50 txs.
func closedChain(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	db, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	commitChain(t, db, 20, 50)
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	return dir
}

// holdScan makes the filter's scans read 64 keys a step and hold before
// their step'th step until hold is closed, after closing scanning.
func holdScan(t *testing.T, step int) (hold, scanning chan struct{}) {
	hold, scanning = make(chan struct{}), make(chan struct{})
	calls := 0
	filterScanStep, filterScanned = 64, func() {
		if calls++; calls == step {
			close(scanning)
			<-hold
		}
	}
	t.Cleanup(func() { filterScanStep, filterScanned = 4096, func() {} })
	return hold, scanning
}

// A reopen after a write failure while the filter's scan is under way waits
// for one step of the scan, not for all of it (reads queue behind a waiting
// reopen), and the filter is exact after it.
func TestTxFilterScanYieldsToReopen(t *testing.T) {
	dir := closedChain(t)
	hold, scanning := holdScan(t, 3)
	db, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	defer func() {
		select {
		case <-hold:
		default:
			close(hold) // Close waits for the scan
		}
	}()
	<-scanning
	var fail atomic.Bool
	db.SetWriteFault(func(int64) error {
		if fail.Load() {
			return syscall.ENOSPC
		}
		return nil
	})
	committed := make(chan error, 1)
	go func() {
		h, _ := db.Head()
		fail.Store(true)
		if err := db.CommitBlock(testBatch(&h, h.Height+1, 50)); err == nil {
			committed <- errors.New("a commit succeeded with the write failing")
			return
		}
		fail.Store(false)
		committed <- db.CommitBlock(testBatch(&h, h.Height+1, 50)) // reopens LevelDB first
	}()
	select {
	case err := <-committed:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(time.Minute):
		t.Fatal("the reopen after a write failure waits for the filter's scan")
	}
	db.ldbMu.RLock()
	opened := db.opened
	db.ldbMu.RUnlock()
	if opened == 0 {
		t.Fatal("the write failure did not reopen LevelDB")
	}
	close(hold)
	waitFilterReady(t, db)
	for h := int64(0); h <= 20; h++ {
		for i := range 50 {
			if !hasTx(t, db, txHashAt(h, i)) {
				t.Fatalf("HasTx(tx %d of block %d) = false", i, h)
			}
		}
	}
	if hasTx(t, db, randomHash()) {
		t.Fatal("HasTx of a random hash = true")
	}
}

// BenchmarkHasTxMiss is the lookup of a transaction that is not on chain
// (what admission and validation ask of every new one), with and without
// the filter, on a chain of 400,000 transactions.
func BenchmarkHasTxMiss(b *testing.B) {
	db, _ := openTest(b)
	commitChain(b, db, 400, 1000)
	waitReady := time.Now().Add(time.Minute)
	for !db.txs.ready.Load() && time.Now().Before(waitReady) {
		time.Sleep(time.Millisecond)
	}
	misses := make([][]byte, 4096)
	for i := range misses {
		misses[i] = randomHash()
	}
	for _, filtered := range []bool{true, false} {
		name := "filter"
		if !filtered {
			name = "leveldb"
		}
		b.Run(name, func(b *testing.B) {
			db.txs.ready.Store(filtered)
			defer db.txs.ready.Store(true)
			for i := range b.N {
				if hasTx(b, db, misses[i%len(misses)]) {
					b.Fatal("random hash on chain")
				}
			}
		})
	}
}

// A lookup the filter cannot answer and LevelDB fails to read is an error,
// never "absent".
func TestHasTxReadError(t *testing.T) {
	db, _ := openTest(t)
	commitChain(t, db, 3, 5)
	waitFilterReady(t, db)
	db.ldb.Close() // every LevelDB read fails from here
	if on, err := db.HasTx(txHashAt(2, 4)); !errors.Is(err, ErrRead) || on {
		t.Fatalf("HasTx of a committed tx on an unreadable store: %v, %v; want an ErrRead", on, err)
	}
	if on, err := db.HasTx(randomHash()); err != nil || on {
		t.Fatalf("HasTx of a tx the filter answers: %v, %v", on, err)
	}
	// TxLoc (QueryTransaction) asks the filter first too.
	if _, _, err := db.TxLoc(txHashAt(2, 4)); !errors.Is(err, ErrRead) {
		t.Fatalf("TxLoc of a committed tx on an unreadable store: %v; want an ErrRead", err)
	}
	if _, _, err := db.TxLoc(randomHash()); !errors.Is(err, types.ErrNotFound) {
		t.Fatalf("TxLoc of a tx the filter answers: %v; want ErrNotFound", err)
	}
}
