package p2p

import (
	"testing"

	"chain33node/mempool"
	"chain33node/types"
)

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
