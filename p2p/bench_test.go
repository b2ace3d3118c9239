package p2p

import (
	"os"
	"slices"
	"strconv"
	"testing"
	"time"

	"chain33node/mempool"
	"chain33node/poll"
	"chain33node/types"
)

// BenchmarkGossipDelay is the way of a transaction from the mempool of the node that admits it to a peer's
// mempool (the proposer's, when that peer proposes next), one transaction at a time: ns/op is the mean delay.
func BenchmarkGossipDelay(b *testing.B) {
	net := newTestNet(b)
	src := newTestNode(b, net)
	src.start(src.hostConfig("127.0.0.1:0"))
	dst := newTestNode(b, net)
	dst.admits = make(chan []*types.Tx, 64)
	dst.start(dst.hostConfig("127.0.0.1:0", src.addr()))
	poll.Until(b, 10*time.Second, "connected", meshOf(src, dst))
	poll.Until(b, 10*time.Second, "gossip subscriptions", gossipReady(src, dst))
	txs := transfers(b.N)
	delays := make([]time.Duration, 0, b.N)
	timeout := time.NewTimer(time.Minute)
	defer timeout.Stop()
	b.ResetTimer()
	for _, tx := range txs {
		start := time.Now()
		if err := src.pool.Add(tx); err != nil {
			b.Fatal(err)
		}
		for arrived := false; !arrived; {
			select {
			case got := <-dst.admits:
				arrived = slices.ContainsFunc(got, func(x *types.Tx) bool { return string(x.Hash) == string(tx.Hash) })
			case <-timeout.C:
				b.Fatal("transaction not gossiped within a minute")
			}
		}
		delays = append(delays, time.Since(start))
	}
	b.StopTimer()
	slices.Sort(delays)
	ms := func(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
	b.ReportMetric(ms(delays[len(delays)/2]), "p50-ms")
	b.ReportMetric(ms(delays[len(delays)*9/10]), "p90-ms")
	b.ReportMetric(ms(delays[len(delays)-1]), "max-ms")
}

// BenchmarkSync is a follower catching up, from one peer, a chain of 200 blocks (P2P_SYNC_BLOCKS) of 100
// transfers each: one op is one whole catch-up by a new follower.
func BenchmarkSync(b *testing.B) {
	blocks, perBlock := int64(200), 100
	if v, err := strconv.Atoi(os.Getenv("P2P_SYNC_TXS")); err == nil && v > 0 {
		perBlock = v
	}
	if v, err := strconv.ParseInt(os.Getenv("P2P_SYNC_BLOCKS"), 10, 64); err == nil && v > 0 {
		blocks = v
	}
	net := newTestNet(b)
	src := newTestNode(b, net)
	began := time.Now()
	txs := make(chan []*types.Tx, 8)
	go func() {
		for range blocks {
			txs <- transfers(perBlock)
		}
	}()
	for range blocks {
		src.produce(<-txs)
	}
	b.Logf("built %d blocks of %d transfers in %v", blocks, perBlock, time.Since(began))
	src.start(src.hostConfig("127.0.0.1:0"))
	var applying time.Duration
	b.ResetTimer()
	for range b.N {
		b.StopTimer()
		f := newTestNode(b, net)
		b.StartTimer()
		f.start(f.hostConfig("127.0.0.1:0", src.addr()))
		poll.Until(b, 10*time.Minute, "synced", func() bool { h, _ := f.Head(); return h == blocks })
		b.StopTimer()
		applying += time.Duration(f.applyTime.Load())
		f.host.Close()
		b.StartTimer()
	}
	b.StopTimer()
	s := b.Elapsed().Seconds()
	b.ReportMetric(float64(blocks)*float64(b.N)/s, "blocks/s")
	b.ReportMetric(float64(blocks)*float64(perBlock)*float64(b.N)/s, "tx/s")
	b.ReportMetric(applying.Seconds()/s, "applying/total")
}

// BenchmarkTxBatch is one gossip message of 512 transfers: encoding it for
// publishing, decoding it on receipt, and admitting it to a receiving
// node's mempool (real chain on LevelDB: duplicate and balance checks, and
// one signature verification per transaction). ns/tx is per transaction.
func BenchmarkTxBatch(b *testing.B) {
	const n = 512
	node := newTestNode(b, newTestNet(b))
	txs := transfers(n)
	raw := func() [][]byte {
		r := make([][]byte, len(txs))
		for i, tx := range txs {
			r[i] = tx.Encode()
		}
		return r
	}
	msg := encodeTxBatch(raw())
	perTx := func(b *testing.B, ops int) {
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(ops*n), "ns/tx")
	}
	b.Run("encode", func(b *testing.B) {
		b.ReportAllocs()
		ops := 0
		for b.Loop() {
			encodeTxBatch(raw())
			ops++
		}
		perTx(b, ops)
	})
	b.Run("decode", func(b *testing.B) {
		b.ReportAllocs()
		ops := 0
		for b.Loop() {
			if _, err := decodeTxBatch(msg); err != nil {
				b.Fatal(err)
			}
			ops++
		}
		perTx(b, ops)
	})
	b.Run("admit", func(b *testing.B) {
		b.ReportAllocs()
		ops := 0
		for b.Loop() {
			b.StopTimer()
			pool := mempool.New(mempool.Config{MinTxFeeRate: feeRate, MaxTxFee: 1e9, MaxTxNumPerAccount: 10000}, node.c)
			pool.SetSynced(true)
			got, err := decodeTxBatch(msg) // fresh Txs: nothing verified yet
			if err != nil {
				b.Fatal(err)
			}
			b.StartTimer()
			for i, err := range admitRelayed(pool, got) {
				if err != nil {
					b.Fatalf("tx %d: %v", i, err)
				}
			}
			ops++
		}
		perTx(b, ops)
	})
}

// admitRelayed is what validateTxs does with a decoded batch.
func admitRelayed(pool *mempool.Pool, txs []*types.Tx) []error { return pool.AddRelayed(txs) }
