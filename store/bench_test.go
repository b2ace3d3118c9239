package store

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	mrand "math/rand/v2"
	"syscall"
	"testing"
	"time"

	"chain33node/types"

	"github.com/syndtr/goleveldb/leveldb"
	"github.com/syndtr/goleveldb/leveldb/opt"
	"google.golang.org/protobuf/proto"
)

// BenchmarkCommitBlock1000Tx commits blocks of 1,000 transactions of about
// 250 bytes, 3,000 state changes of about 60 bytes and 1,000 receipts.
func BenchmarkCommitBlock1000Tx(b *testing.B) {
	fixMemtable(b)
	db, _ := openTest(b)
	head := commitChain(b, db, 1, 0)

	const ntx, nstate = 1000, 3000
	tmpl := testBatch(&head, 1, 0)
	for i := range ntx {
		tmpl.Block.Txs = append(tmpl.Block.Txs, testTx(1, i, 90))
		tmpl.Receipts = append(tmpl.Receipts, &types.ReceiptData{Ty: 2, Logs: []*types.ReceiptLog{
			{Ty: 2, Log: make([]byte, 60)}, // fee
			{Ty: 3, Log: make([]byte, 80)}, // transfer
		}})
	}
	if sz := proto.Size(tmpl.Block.Txs[0]); sz < 230 || sz > 270 {
		b.Fatalf("tx size %d", sz)
	}
	tmpl.State = nil
	for i := range nstate {
		tmpl.State = append(tmpl.State, &types.KeyValue{Key: stateKey(i), Value: make([]byte, 12)})
	}

	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		b.StopTimer()
		blk := tmpl.Block
		blk.Height = head.Height + 1
		blk.ParentHash = head.Hash
		bb := *tmpl
		bb.Hash = types.BlockHash(blk)
		bb.TxHashes = make([][]byte, ntx)
		for i := range bb.TxHashes {
			bb.TxHashes[i] = make([]byte, 32)
			rand.Read(bb.TxHashes[i])
		}
		b.StartTimer()
		if err := db.CommitBlock(&bb); err != nil {
			b.Fatal(err)
		}
		head, _ = db.Head()
	}
}

// stateKey is an account key as coins writes it: "mavl-coins-bty-" and a
// 34-character address (49 bytes; with a 12-byte value about 60 bytes).
func stateKey(i int) []byte {
	h := sha256.Sum256(binary.BigEndian.AppendUint64(nil, uint64(i)))
	return fmt.Appendf(nil, "mavl-coins-bty-1%x", h[:])[:49]
}

// BenchmarkStateGet reads random keys of 100,000 state entries.
func BenchmarkStateGet(b *testing.B) {
	fixMemtable(b)
	db, _ := openTest(b)
	head := commitChain(b, db, 1, 0)
	const nkeys = 100000
	for start := 0; start < nkeys; start += 10000 {
		bb := testBatch(&head, head.Height+1, 0)
		for i := start; i < start+10000; i++ {
			bb.State = append(bb.State, &types.KeyValue{Key: stateKey(i), Value: make([]byte, 12)})
		}
		if err := db.CommitBlock(bb); err != nil {
			b.Fatal(err)
		}
		head, _ = db.Head()
	}
	keys := make([][]byte, 4096)
	for i := range keys {
		keys[i] = stateKey((i * 7919) % nkeys)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := range b.N {
		v, err := db.State(keys[i%len(keys)])
		if err != nil || v == nil {
			b.Fatal(v, err)
		}
	}
}

// BenchmarkCommitLongChain commits a chain of 1,500 blocks of 1,000
// transfers (1.5 million, as a validator holds after a few cluster
// benchmarks), as BenchmarkCommitAging does but with random values (real
// hashes and signatures do not compress) and receipts of about 290 bytes a
// transfer (a fee and three balance logs). It reports the process CPU a
// block over all of them and over the last 500 (commits and compactions),
// what LevelDB wrote and read on disk (the journal, level-0 flushes and
// compactions), the level-0 tables at the end and the time of reading 50,000
// account states written anywhere in the chain (old-hit-µs: what more
// level-0 tables cost a read that no cache answers). "16x64MiB" compacts
// level 0 at 16 tables of 64 MiB instead of the store's 8 of 32, a trade
// measured and not taken (store.options). Run it with -benchtime 1x.
func BenchmarkCommitLongChain(b *testing.B) {
	fixMemtable(b)
	for _, v := range []struct {
		name       string
		l0, bufMiB int
	}{{"options", options.CompactionL0Trigger, options.WriteBuffer / opt.MiB}, {"16x64MiB", 16, 64}} {
		b.Run(v.name, func(b *testing.B) {
			saved := options
			defer func() { options = saved }()
			options.CompactionL0Trigger, options.WriteL0SlowdownTrigger, options.WriteL0PauseTrigger = v.l0, 2*v.l0, 3*v.l0
			options.WriteBuffer = v.bufMiB * opt.MiB
			for range b.N {
				commitLongChain(b)
			}
		})
	}
}

func commitLongChain(b *testing.B) {
	const blocks, ntx = 1500, 1000
	r := mrand.NewChaCha8([32]byte{1})
	random := func(n int) []byte { v := make([]byte, n); r.Read(v); return v }
	db, _ := openTest(b)
	head := commitChain(b, db, 1, 0)
	cpuStart, _ := usage()
	var cpuLast time.Duration
	for h := int64(1); h <= blocks; h++ {
		bb := testBatch(&head, h, ntx)
		for i := range ntx {
			bb.Receipts[i].Logs = []*types.ReceiptLog{{Ty: 2, Log: random(70)}, {Ty: 3, Log: random(70)}, {Ty: 3, Log: random(70)}, {Ty: 3, Log: random(70)}}
			from, to := testAccount(int(h*7+int64(i))%256), testAccount(int(h)*ntx+i)
			bb.State = append(bb.State, &types.KeyValue{Key: append([]byte("mavl-coins-bty-"), from...), Value: random(12)},
				&types.KeyValue{Key: append([]byte("mavl-coins-bty-"), to...), Value: random(12)})
			hi := fmt.Appendf(nil, "%012d%05d", h, i)
			for _, a := range [][]byte{from, to} {
				bb.Local = append(bb.Local, &types.KeyValue{Key: append(append([]byte("TxAddrDirHash:"), a...), hi...), Value: random(90)},
					&types.KeyValue{Key: append(append([]byte("TxAddrHash:"), a...), hi...), Value: random(90)})
			}
			bb.Local = append(bb.Local, &types.KeyValue{Key: append(append([]byte("TxFeeAddr:"), from...), hi...), Value: random(180)})
		}
		bb.Hash = types.BlockHash(bb.Block)
		if err := db.CommitBlock(bb); err != nil {
			b.Fatal(err)
		}
		head, _ = db.Head()
		if h == blocks-500 {
			cpuLast, _ = usage()
		}
	}
	cpu, _ := usage()
	b.ReportMetric(float64((cpu-cpuStart).Microseconds())/blocks/1000, "cpu-ms/block")
	b.ReportMetric(float64((cpu-cpuLast).Microseconds())/500/1000, "last-cpu-ms/block")
	const lookups = 50000
	start := time.Now()
	for i := range lookups {
		h := 1 + (i*7919)%blocks
		if v, err := db.State(append([]byte("mavl-coins-bty-"), testAccount(h*ntx+(i*31)%ntx)...)); err != nil || v == nil {
			b.Fatal(v, err)
		}
	}
	b.ReportMetric(float64(time.Since(start).Nanoseconds())/lookups/1000, "old-hit-µs")
	var st leveldb.DBStats
	if err := db.ldb.Stats(&st); err != nil {
		b.Fatal(err)
	}
	b.ReportMetric(float64(st.IOWrite)/1e6, "written-MB")
	b.ReportMetric(float64(st.IORead)/1e6, "read-MB")
	b.ReportMetric(float64(st.LevelTablesCounts[0]), "L0-tables")
}

// BenchmarkCommitAging commits a chain of 400 blocks of 1,000 transfers, as
// the chain writes them (block, receipts, tx index, two account states, five
// history entries a transfer), and reports the process CPU per block over
// the last 100 (cpu-ms/block: the commit and LevelDB's compactions behind
// it, which grow with the chain) and the page faults per block over them
// (faults/block: fresh memory the kernel zeroed; with upstream goleveldb,
// whose reads leaked references to the frozen memtable so that none was
// reused, 215-250 against 7-11 with third_party/goleveldb's patch, and
// 19.7 against 18.0-18.5 cpu-ms/block), then the time of a HasTx lookup of a
// transaction on chain (hit-µs) and of one that is not (miss-µs, what the
// mempool asks of every new transaction; the tx filter answers it once its
// scan is done, BenchmarkHasTxMiss compares). Run it with -benchtime 1x.
//
// It measured the trade of compacting level 0 at 8 tables instead of 4
// (store.options): the CPU a block fell from 24.1-26.1 to 15.5-16.1 ms
// (4 runs each), hits got slower (7.4-8.6 → 11.4-12.5 µs) and misses, which
// the tx filter answers, did not change (0.29-0.40 µs). Before the tx
// filter, misses went to LevelDB and got as much slower as the compactions
// saved (15-17 → 21-24 µs, against 55-60 → 35-40 cpu-ms/block), so the trade
// was not taken then.
func BenchmarkCommitAging(b *testing.B) {
	fixMemtable(b)
	const blocks, ntx = 400, 1000
	for range b.N {
		db, _ := openTest(b)
		head := commitChain(b, db, 1, 0)
		var cpu0 time.Duration
		var faults0 int64
		for h := int64(1); h <= blocks; h++ {
			bb := testBatch(&head, h, ntx)
			for i := range ntx {
				from, to := testAccount(int(h*7+int64(i))%256), testAccount(int(h)*ntx+i)
				bb.State = append(bb.State, &types.KeyValue{Key: append([]byte("mavl-coins-bty-"), from...), Value: make([]byte, 12)},
					&types.KeyValue{Key: append([]byte("mavl-coins-bty-"), to...), Value: make([]byte, 12)})
				hi := fmt.Appendf(nil, "%012d%05d", h, i)
				for _, a := range [][]byte{from, to} {
					bb.Local = append(bb.Local, &types.KeyValue{Key: append(append([]byte("TxAddrDirHash:"), a...), hi...), Value: make([]byte, 90)},
						&types.KeyValue{Key: append(append([]byte("TxAddrHash:"), a...), hi...), Value: make([]byte, 90)})
				}
				bb.Local = append(bb.Local, &types.KeyValue{Key: append(append([]byte("TxFeeAddr:"), from...), hi...), Value: make([]byte, 180)})
			}
			bb.Hash = types.BlockHash(bb.Block)
			if err := db.CommitBlock(bb); err != nil {
				b.Fatal(err)
			}
			head, _ = db.Head()
			// The next block reads balances this one wrote, as execution does:
			// reads that find their key in the newest memtable.
			for _, kv := range bb.State[:20] {
				if _, err := db.State(kv.Key); err != nil {
					b.Fatal(err)
				}
			}
			if h == blocks-100 {
				cpu0, faults0 = usage()
			}
		}
		cpu, faults := usage()
		b.ReportMetric(float64((cpu-cpu0).Microseconds())/100/1000, "cpu-ms/block")
		b.ReportMetric(float64(faults-faults0)/100, "faults/block")
		const lookups = 50000
		start := time.Now()
		for i := range lookups {
			hasTx(b, db, txHashAt(int64(1+i%blocks), i%ntx))
		}
		b.ReportMetric(float64(time.Since(start).Nanoseconds())/lookups/1000, "hit-µs")
		start = time.Now()
		for i := range lookups {
			s := sha256.Sum256(binary.BigEndian.AppendUint64(nil, uint64(i)))
			hasTx(b, db, s[:])
		}
		b.ReportMetric(float64(time.Since(start).Nanoseconds())/lookups/1000, "miss-µs")
	}
}

// usage is the process's CPU time and its count of page faults served
// without I/O (each a page of fresh memory the kernel zeroed).
func usage() (time.Duration, int64) {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano()), ru.Minflt
}

// BenchmarkCommitSmallBlocks commits blocks of 20 transactions as consensus
// does, one synced write each, and as block sync does, unsynced with a Sync
// after every 128 (a downloaded range).
func BenchmarkCommitSmallBlocks(b *testing.B) {
	fixMemtable(b)
	for _, unsynced := range []bool{false, true} {
		name := "synced"
		if unsynced {
			name = "unsynced-sync-per-128"
		}
		b.Run(name, func(b *testing.B) {
			db, _ := openTest(b)
			head := commitChain(b, db, 1, 0)
			b.ReportAllocs()
			b.ResetTimer()
			for i := range b.N {
				bb := testBatch(&head, head.Height+1, 20)
				var err error
				switch {
				case !unsynced:
					err = db.CommitBlock(bb)
				case i%128 == 127 || i == b.N-1:
					if err = db.CommitBlockUnsynced(bb); err == nil {
						err = db.Sync()
					}
				default:
					err = db.CommitBlockUnsynced(bb)
				}
				if err != nil {
					b.Fatal(err)
				}
				head, _ = db.Head()
			}
		})
	}
}

// BenchmarkCommitSparseBlocks commits blocks of 20 transfers among 256
// accounts, as block sync does (unsynced, a Sync after every 128), with
// their state, tx index and history entries (about 250 keys a block), and
// reports the process's CPU a block (background flushes and compactions
// included) over the last 2,000 of 3,000 blocks, with the node's write
// buffer (32 MiB) and with 8 MiB.
//
// It measured the write buffer. Inserting into a memtable of 200,000
// entries costs about twice what one of 30,000 does (a deeper skip list,
// less of it in the CPU's cache), and a syncing follower spends most of
// its applier's time so: here 8 MiB took 500-520 µs of CPU a block against
// 810-1,100 with 32 MiB, and a follower synced a chain of such blocks 15 %
// faster. But BenchmarkCommitAging (blocks of 1,000 transfers to new
// accounts, as under load) took 44 ms of CPU a block against 21-25: four
// times as many level-0 tables, each compaction of them rewriting all of
// level 1. The validators' load decides: the node keeps 32 MiB.
//
// Nor does block sync alone get smaller memtables (tried at stop 40: a
// goleveldb patch rotating the memtable of unsynced commits at 8 MiB). A
// follower synced 10,000 sparse blocks (12 transfers a block) in 7.6 s
// against 9.5, but a dense chain (200 a block) in 46.4 s against 43.3, and
// this benchmark run to 30,000 blocks took 1,038 µs of CPU a block over
// its last 10,000 against 673: on a larger database the extra level-0
// compactions cost more than the shallower skip list saves, so the gain
// was the small benchmark chain's.
func BenchmarkCommitSparseBlocks(b *testing.B) {
	fixMemtable(b)
	const blocks, ntx = 3000, 20
	for _, wb := range []int{options.WriteBuffer, 8 << 20} {
		b.Run(fmt.Sprintf("write-buffer=%dMiB", wb>>20), func(b *testing.B) {
			saved := options.WriteBuffer
			options.WriteBuffer = wb
			defer func() { options.WriteBuffer = saved }()
			for range b.N {
				db, _ := openTest(b)
				head := commitChain(b, db, 1, 0)
				var cpu0 time.Duration
				var start time.Time
				for h := int64(1); h <= blocks; h++ {
					bb := testBatch(&head, h, ntx)
					bb.State, bb.Local = nil, nil
					for i := range ntx {
						from, to := testAccount(int(h*7+int64(i))%256), testAccount(int(h*13+int64(i)*5)%256)
						hi := fmt.Appendf(nil, "%012d%05d", h, i)
						bb.State = append(bb.State, &types.KeyValue{Key: append([]byte("mavl-coins-bty-"), from...), Value: make([]byte, 12)},
							&types.KeyValue{Key: append([]byte("mavl-coins-bty-"), to...), Value: make([]byte, 12)})
						for _, a := range [][]byte{from, to} {
							bb.Local = append(bb.Local, &types.KeyValue{Key: append(append([]byte("TxAddrDirHash:"), a...), hi...), Value: make([]byte, 90)},
								&types.KeyValue{Key: append(append([]byte("TxAddrHash:"), a...), hi...), Value: make([]byte, 90)},
								&types.KeyValue{Key: append([]byte("AddrTxsCount:"), a...), Value: make([]byte, 3)})
						}
						bb.Local = append(bb.Local, &types.KeyValue{Key: append([]byte("LODB-coins-Addr:"), to...), Value: make([]byte, 6)})
					}
					bb.Hash = types.BlockHash(bb.Block)
					if err := db.CommitBlockUnsynced(bb); err != nil {
						b.Fatal(err)
					}
					if h%128 == 0 {
						if err := db.Sync(); err != nil {
							b.Fatal(err)
						}
					}
					head, _ = db.Head()
					if h == blocks-2000 {
						cpu0, _ = usage()
						start = time.Now()
					}
				}
				cpu, _ := usage()
				b.ReportMetric(float64((cpu-cpu0).Microseconds())/2000, "cpu-µs/block")
				b.ReportMetric(float64(time.Since(start).Microseconds())/2000, "µs/block")
			}
		})
	}
}

// testAccount is the address of test account k (34 characters).
func testAccount(k int) []byte {
	s := sha256.Sum256(binary.BigEndian.AppendUint64(nil, uint64(k)))
	return fmt.Appendf(nil, "1%x", s[:])[:34]
}

// BenchmarkPutKVs puts the history entries of a block of 3,000 transfers
// (six an address pair, in the order the indexer's map gives them) into the
// commit batch, as CommitBlock does.
func BenchmarkPutKVs(b *testing.B) {
	r := mrand.New(mrand.NewPCG(1, 2))
	var kvs []*types.KeyValue
	for i := range 3000 {
		hi := fmt.Appendf(nil, "%012d%05d", 77, i)
		for _, a := range [][]byte{testAccount(r.IntN(256)), testAccount(256 + i)} {
			kvs = append(kvs, &types.KeyValue{Key: append(append([]byte("TxAddrHash:"), a...), hi...), Value: hi},
				&types.KeyValue{Key: append(append([]byte("TxAddrDirHash:"), a...), hi...), Value: hi},
				&types.KeyValue{Key: append([]byte("AddrTxsCount:"), a...), Value: hi})
		}
	}
	r.Shuffle(len(kvs), func(i, j int) { kvs[i], kvs[j] = kvs[j], kvs[i] })
	db, _ := openTest(b)
	for b.Loop() {
		db.batch.Reset()
		db.putKVs(pLocal, kvs)
	}
}

// fixMemtable gives the databases a benchmark opens the options' memtable
// size rather than one drawn at random (writeBuffer), so that runs compare.
func fixMemtable(b *testing.B) {
	saved := memtableDraw
	memtableDraw = func(n int) int { return n / 2 }
	b.Cleanup(func() { memtableDraw = saved })
}
