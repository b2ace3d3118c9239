package mempool

import (
	"sync"
	"testing"
	"time"

	"chain33node/crypto"
	"chain33node/types"
)

// benchTxs signs n valid txs from 50 senders.
func benchTxs(b *testing.B, n int) []*types.Tx {
	keys := make([]*crypto.PrivKey, 50)
	for i := range keys {
		keys[i] = genKey(b)
	}
	txs := make([]*types.Tx, n)
	for i := range txs {
		txs[i] = mkTx(b, keys[i%len(keys)], nil)
	}
	return txs
}

func benchConfig() Config {
	cfg := testConf
	cfg.PoolCacheSize = 1 << 20
	cfg.MaxTxNumPerAccount = 1 << 20
	return cfg
}

// BenchmarkAdd measures one Add of a fresh valid tx (ns/op is per tx).
func BenchmarkAdd(b *testing.B) {
	txs := benchTxs(b, 1000)
	var p *Pool
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		if i%len(txs) == 0 {
			b.StopTimer()
			p = newPool(benchConfig(), newFakeChain())
			b.StartTimer()
		}
		if err := p.Add(txs[i%len(txs)]); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkAddBatch1000 measures AddBatch of 1000 fresh valid txs into an
// empty pool; ns/tx is the cost per transaction.
func BenchmarkAddBatch1000(b *testing.B) {
	txs := benchTxs(b, 1000)
	b.ReportAllocs()
	b.ResetTimer()
	n := 0
	for b.Loop() {
		b.StopTimer()
		p := newPool(benchConfig(), newFakeChain())
		b.StartTimer()
		for _, err := range p.AddBatch(txs) {
			if err != nil {
				b.Fatal(err)
			}
		}
		n++
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(n*len(txs)), "ns/tx")
}

// BenchmarkAddContended measures 8 goroutines adding 4000 fresh valid txs
// (500 each, one Add at a time, as RPC handlers do) into an empty pool while
// a ninth takes Pending every 5 ms as a busy proposer would; ns/tx is the
// cost per transaction.
func BenchmarkAddContended(b *testing.B) {
	const writers = 8
	txs := benchTxs(b, 4000)
	b.ReportAllocs()
	n := 0
	for b.Loop() {
		b.StopTimer()
		p := newPool(benchConfig(), newFakeChain())
		b.StartTimer()
		var wg sync.WaitGroup
		done := make(chan struct{})
		go func() {
			tick := time.NewTicker(5 * time.Millisecond)
			defer tick.Stop()
			for {
				select {
				case <-done:
					return
				case <-tick.C:
					p.Pending(1000, 0, nil)
				}
			}
		}()
		for w := range writers {
			wg.Go(func() {
				for i := w; i < len(txs); i += writers {
					if err := p.Add(txs[i]); err != nil {
						b.Error(err)
						return
					}
				}
			})
		}
		wg.Wait()
		close(done)
		n++
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(n*len(txs)), "ns/tx")
}

// BenchmarkGossipOfCommitted measures a gossiped batch of 512 txs that a
// block committed before the batch arrived (a proposal that carried them
// ahead of their gossip): all ErrDupTx. ns/tx is per transaction.
func BenchmarkGossipOfCommitted(b *testing.B) {
	txs := benchTxs(b, 512)
	fc := newFakeChain()
	for _, tx := range txs {
		fc.onChain[string(tx.Hash)] = true
	}
	b.ReportAllocs()
	n := 0
	for b.Loop() {
		b.StopTimer()
		p := newPool(benchConfig(), fc)
		b.StartTimer()
		for _, err := range p.AddRelayed(txs) {
			if err != types.ErrDupTx {
				b.Fatal(err)
			}
		}
		n++
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(n*len(txs)), "ns/tx")
}
