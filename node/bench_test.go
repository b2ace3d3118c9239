package node

import (
	"slices"
	"testing"
	"time"

	"chain33node/chain"
	"chain33node/crypto"
)

// BenchmarkFourValidatorsThroughput is four validators in one process
// committing one transfer after another: an op is a transfer from its
// submission to its commit on all four nodes (ns/op the mean commit
// latency); blocks/s is the rate of blocks meanwhile.
func BenchmarkFourValidatorsThroughput(b *testing.B) {
	tn := newTestnet(b, 4)
	defer tn.stopAll()
	for i := range 4 {
		tn.start(i)
	}
	tn.waitHeight(1, 20*time.Second)
	committed := make(chan string, 1024) // a hash once per node that commits it
	for _, n := range tn.nodes {
		n.Chain().OnCommit(func(x *chain.Executed, _ []byte) {
			for _, tx := range x.Txs {
				select {
				case committed <- string(tx.Hash):
				default:
				}
			}
		})
	}
	to, _ := crypto.GeneratePrivKey()
	timeout := time.NewTimer(time.Minute)
	defer timeout.Stop()
	lat := make([]time.Duration, 0, b.N)
	h0 := height(tn.nodes[0])
	b.ResetTimer()
	for range b.N {
		tx := transferTx(superKey, crypto.PubKeyToAddr(to.PubKey()), 1)
		sent := time.Now()
		tn.submit(tx)
		for on := 0; on < len(tn.nodes); {
			select {
			case h := <-committed:
				if h == string(tx.Hash) {
					on++
				}
			case <-timeout.C:
				b.Fatalf("transfer committed on %d of 4 nodes within a minute", on)
			}
		}
		lat = append(lat, time.Since(sent))
	}
	b.StopTimer()
	slices.Sort(lat)
	b.ReportMetric(float64(height(tn.nodes[0])-h0)/b.Elapsed().Seconds(), "blocks/s")
	b.ReportMetric(float64(lat[len(lat)/2])/float64(time.Millisecond), "p50-ms")
	b.ReportMetric(float64(lat[len(lat)-1])/float64(time.Millisecond), "max-ms")
}
