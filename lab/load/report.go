package load

import (
	"fmt"
	"io"
	"math"
	"slices"
	"sort"
	"time"
)

// Percentile is the nearest-rank p-th percentile (0 < p ≤ 100) of sorted.
func Percentile(sorted []time.Duration, p float64) time.Duration {
	if len(sorted) == 0 {
		return 0
	}
	k := int(math.Ceil(p/100*float64(len(sorted)))) - 1
	return sorted[min(max(k, 0), len(sorted)-1)]
}

// Summary is the run's figures.
type Summary struct {
	Presigned, Submitted, Attempts, Accepted, Committed, Uncommitted int
	Rejections                                                       map[string]int // every rejected attempt
	FinalRejected                                                    map[string]int // transactions given up on

	FirstSubmit      time.Duration
	SubmitSpan       time.Duration // first to last submission
	FirstCommit      time.Duration
	LastCommit       time.Duration
	SteadyTPS        float64          // commits after the first commit / (last - first commit)
	OverallTPS       float64          // all commits / (last commit - first submission)
	Lat, LatFirst    [4]time.Duration // accepted submission (first submission) to block seen: p50, p90, p99, max
	LatAck, LatRPC   [4]time.Duration // answer to block seen; submission to answer (of acknowledged txs)
	LatN             int
	Blocks, BlockTxs int // blocks from the first to the last holding ours; their txs
	MaxBlockTxs      int
	BlockInterval    time.Duration // mean, by seen time
	FromH, ToH       int64
}

// Summarize computes the figures from the records and the blocks.
func Summarize(recs []Record, blocks []Block, rejections map[string]int) Summary {
	s := Summary{Presigned: len(recs), Rejections: rejections, FinalRejected: map[string]int{}}
	var lat, latFirst, latAck, latRPC []time.Duration
	first, lastSub := time.Duration(-1), time.Duration(0)
	s.FirstCommit = -1
	for _, r := range recs {
		if r.Attempts == 0 {
			continue
		}
		s.Submitted++
		s.Attempts += int(r.Attempts)
		if first < 0 || r.First < first {
			first = r.First
		}
		lastSub = max(lastSub, r.First, r.Accepted)
		if r.Ack > 0 {
			latRPC = append(latRPC, r.Ack-r.Accepted)
		}
		switch r.State {
		case stAccepted:
			s.Accepted++
			s.Uncommitted++
		case stCommitted:
			s.Accepted++
			s.Committed++
			if s.FirstCommit < 0 || r.Commit < s.FirstCommit {
				s.FirstCommit = r.Commit
			}
			s.LastCommit = max(s.LastCommit, r.Commit)
			acc := r.Accepted
			if acc == 0 {
				acc = r.First
			}
			lat = append(lat, r.Commit-acc)
			latFirst = append(latFirst, r.Commit-r.First)
			if r.Ack > 0 {
				latAck = append(latAck, max(r.Commit-r.Ack, 0)) // the block may show before the answer
			}
		case stRejected:
			s.FinalRejected[r.Err]++
		}
	}
	if first < 0 {
		first = 0
	}
	s.FirstSubmit = first
	s.SubmitSpan = lastSub - first
	if s.Committed > 0 {
		atFirst := 0
		for _, r := range recs {
			if r.State == stCommitted && r.Commit == s.FirstCommit {
				atFirst++
			}
		}
		if d := s.LastCommit - s.FirstCommit; d > 0 {
			s.SteadyTPS = float64(s.Committed-atFirst) / d.Seconds()
		}
		if d := s.LastCommit - first; d > 0 {
			s.OverallTPS = float64(s.Committed) / d.Seconds()
		}
	}
	for _, l := range [][]time.Duration{lat, latFirst, latAck, latRPC} {
		slices.Sort(l)
	}
	s.LatN = len(lat)
	for k, p := range []float64{50, 90, 99, 100} {
		s.Lat[k] = Percentile(lat, p)
		s.LatFirst[k] = Percentile(latFirst, p)
		s.LatAck[k] = Percentile(latAck, p)
		s.LatRPC[k] = Percentile(latRPC, p)
	}
	lo, hi := -1, -1
	for k, b := range blocks {
		if b.Ours > 0 {
			if lo < 0 {
				lo = k
			}
			hi = k
		}
	}
	if lo >= 0 {
		s.FromH, s.ToH = blocks[lo].Height, blocks[hi].Height
		for _, b := range blocks[lo : hi+1] {
			s.Blocks++
			s.BlockTxs += b.Txs
			s.MaxBlockTxs = max(s.MaxBlockTxs, b.Txs)
		}
		if hi > lo {
			s.BlockInterval = (blocks[hi].Seen - blocks[lo].Seen) / time.Duration(hi-lo)
		}
	}
	return s
}

func ms(d time.Duration) string { return fmt.Sprintf("%.0f ms", float64(d)/float64(time.Millisecond)) }

func sortedKeys(m map[string]int) []string {
	k := make([]string, 0, len(m))
	for e := range m {
		k = append(k, e)
	}
	sort.Slice(k, func(i, j int) bool { return m[k[i]] > m[k[j]] || m[k[i]] == m[k[j]] && k[i] < k[j] })
	return k
}

// Print writes the summary, one figure per line.
func (s Summary) Print(w io.Writer) {
	fmt.Fprintf(w, "presigned:            %d\n", s.Presigned)
	fmt.Fprintf(w, "submitted:            %d (%d attempts over %.1f s, %.0f/s)\n", s.Submitted, s.Attempts,
		s.SubmitSpan.Seconds(), rate(s.Submitted, s.SubmitSpan))
	fmt.Fprintf(w, "accepted:             %d\n", s.Accepted)
	rej := 0
	for _, n := range s.FinalRejected {
		rej += n
	}
	fmt.Fprintf(w, "rejected (final):     %d\n", rej)
	for _, e := range sortedKeys(s.FinalRejected) {
		fmt.Fprintf(w, "  final %-26s %d\n", e+":", s.FinalRejected[e])
	}
	for _, e := range sortedKeys(s.Rejections) {
		fmt.Fprintf(w, "  attempts %-23s %d\n", e+":", s.Rejections[e])
	}
	fmt.Fprintf(w, "committed:            %d (accepted but not seen committed: %d)\n", s.Committed, s.Uncommitted)
	fmt.Fprintf(w, "committed tx/s:       %.0f steady (first to last commit, %.1f s); %.0f overall (first submit to last commit)\n",
		s.SteadyTPS, (s.LastCommit - s.FirstCommit).Seconds(), s.OverallTPS)
	fmt.Fprintf(w, "latency p50/p90/p99:  %s / %s / %s (max %s; accepted submit to block seen, n=%d)\n",
		ms(s.Lat[0]), ms(s.Lat[1]), ms(s.Lat[2]), ms(s.Lat[3]), s.LatN)
	fmt.Fprintf(w, "latency from 1st try: %s / %s / %s (max %s)\n", ms(s.LatFirst[0]), ms(s.LatFirst[1]), ms(s.LatFirst[2]), ms(s.LatFirst[3]))
	fmt.Fprintf(w, "answer to commit:     %s / %s / %s (max %s)\n", ms(s.LatAck[0]), ms(s.LatAck[1]), ms(s.LatAck[2]), ms(s.LatAck[3]))
	fmt.Fprintf(w, "submit to answer:     %s / %s / %s (max %s; acknowledged attempts)\n", ms(s.LatRPC[0]), ms(s.LatRPC[1]), ms(s.LatRPC[2]), ms(s.LatRPC[3]))
	avg := 0.0
	if s.Blocks > 0 {
		avg = float64(s.BlockTxs) / float64(s.Blocks)
	}
	fmt.Fprintf(w, "blocks:               %d (heights %d..%d), %.0f txs per block avg, %d max, one every %s\n",
		s.Blocks, s.FromH, s.ToH, avg, s.MaxBlockTxs, ms(s.BlockInterval))
}

func rate(n int, d time.Duration) float64 {
	if d <= 0 {
		return 0
	}
	return float64(n) / d.Seconds()
}
