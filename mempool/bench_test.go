package mempool

import (
	"testing"

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
