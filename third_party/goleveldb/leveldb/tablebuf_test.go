package leveldb

import (
	"errors"
	"fmt"
	"math/rand"
	"runtime"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/syndtr/goleveldb/leveldb/opt"
	"github.com/syndtr/goleveldb/leveldb/storage"
	"github.com/syndtr/goleveldb/leveldb/util"
)

// tableStorage counts the writes that reach table files and, when fail is
// set, fails them (a full disk).
type tableStorage struct {
	storage.Storage
	fail atomic.Bool

	mu     sync.Mutex
	writes map[int64]int // table file number -> writes
	bytes  map[int64]int
}

type tableFile struct {
	storage.Writer
	s   *tableStorage
	num int64
}

var errDiskFull = errors.New("no space left on device")

func (s *tableStorage) Create(fd storage.FileDesc) (storage.Writer, error) {
	w, err := s.Storage.Create(fd)
	if err != nil || fd.Type != storage.TypeTable {
		return w, err
	}
	return &tableFile{Writer: w, s: s, num: fd.Num}, nil
}

func (f *tableFile) Write(p []byte) (int, error) {
	if f.s.fail.Load() {
		return 0, errDiskFull
	}
	f.s.mu.Lock()
	f.s.writes[f.num]++
	f.s.bytes[f.num] += len(p)
	f.s.mu.Unlock()
	return f.Writer.Write(p)
}

// TestTableWritesBuffered is the regression test of the third patch
// (PATCH.md): a table reaches its file in writes of tableWriteBuffer, not
// one write (a system call) for each 4 KiB block.
func TestTableWritesBuffered(t *testing.T) {
	s := &tableStorage{Storage: storage.NewMemStorage(), writes: map[int64]int{}, bytes: map[int64]int{}}
	db, err := Open(s, &opt.Options{WriteBuffer: 1 << 20})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	rnd := rand.New(rand.NewSource(1))
	key, val := make([]byte, 16), make([]byte, 200) // random: snappy leaves the blocks at 4 KiB
	for i := 0; i < 40000; i++ {                    // 8 MB: several memtables flushed to tables
		rnd.Read(key)
		rnd.Read(val)
		if err := db.Put(key, val, nil); err != nil {
			t.Fatal(err)
		}
	}
	if err := db.CompactRange(util.Range{}); err != nil {
		t.Fatal(err)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.writes) == 0 {
		t.Fatal("no table written")
	}
	for num, n := range s.writes {
		if max := s.bytes[num]/tableWriteBuffer + 1; n > max {
			t.Errorf("table %d: %d bytes in %d writes, want at most %d", num, s.bytes[num], n, max)
		}
	}
}

// A table whose buffered writes fail is not made: finish returns the
// error of the last write, which only the buffer's flush sees.
func TestTableWriteFailure(t *testing.T) {
	s := &tableStorage{Storage: storage.NewMemStorage(), writes: map[int64]int{}, bytes: map[int64]int{}}
	db, err := Open(s, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	w, err := db.s.tops.create(0)
	if err != nil {
		t.Fatal(err)
	}
	s.fail.Store(true)
	for i := 0; i < 10; i++ { // far less than the buffer holds
		if err := w.append(makeInternalKey(nil, []byte{byte(i)}, 1, keyTypeVal), []byte("v")); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := w.finish(); !errors.Is(err, errDiskFull) {
		t.Fatalf("finish on a full disk: %v, want %v", err, errDiskFull)
	}
}

// BenchmarkCompactFiles times writing 64 MB of random keys to a DB on real
// files and compacting it all, the CPU of the process a MB (cpu-ms/MB):
// what writing tables costs, system calls included.
func BenchmarkCompactFiles(b *testing.B) {
	for i := 0; i < b.N; i++ {
		db, err := OpenFile(b.TempDir(), &opt.Options{WriteBuffer: 4 << 20})
		if err != nil {
			b.Fatal(err)
		}
		cpu0 := processCPU()
		rnd := rand.New(rand.NewSource(1))
		key, val := make([]byte, 32), make([]byte, 100)
		const n = 64 << 20 / 132
		for j := 0; j < n; j++ {
			rnd.Read(key)
			rnd.Read(val)
			if err := db.Put(key, val, nil); err != nil {
				b.Fatal(err)
			}
		}
		if err := db.CompactRange(util.Range{}); err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64((processCPU()-cpu0).Microseconds())/1000/64, "cpu-ms/MB")
		db.Close()
	}
}

func processCPU() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkRotationsDrained writes 64 MB through 1 MiB memtables, about two
// rotations a drain period (shortened to 40 ms: in the node 30 s, with a
// rotation every 10-20 s under load), and gives the bytes allocated a
// rotation: a write buffer made anew is 1 MiB (in the node 32 MiB, zeroed).
func BenchmarkRotationsDrained(b *testing.B) {
	defer func(d time.Duration) { mpoolDrainPeriod = d }(mpoolDrainPeriod)
	mpoolDrainPeriod = 40 * time.Millisecond
	for i := 0; i < b.N; i++ {
		db, err := Open(storage.NewMemStorage(), &opt.Options{WriteBuffer: 1 << 20, DisableLargeBatchTransaction: true})
		if err != nil {
			b.Fatal(err)
		}
		var m0, m1 runtime.MemStats
		runtime.ReadMemStats(&m0)
		gets0 := db.memGets.Load()
		val := make([]byte, 1000) // with its 16-byte key and 8 of sequence, 1,024 bytes: a memtable fills exactly
		start := time.Now()
		for j := 0; j < 64<<10; j++ {
			if err := db.Put([]byte(fmt.Sprintf("%016d", j)), val, nil); err != nil {
				b.Fatal(err)
			}
			if j%512 == 0 { // about 2 MB in 40 ms
				time.Sleep(time.Until(start.Add(time.Duration(j/512) * 20 * time.Millisecond)))
			}
		}
		rotations := db.memGets.Load() - gets0
		runtime.ReadMemStats(&m1)
		b.ReportMetric(float64(m1.TotalAlloc-m0.TotalAlloc)/float64(rotations)/(1<<20), "MiB/rotation")
		db.Close()
	}
}
