package bench

import (
	"context"
	"errors"
	"fmt"
	"os"
	"slices"
	"sync"
	"syscall"
	"time"

	"chain33node/lab"
	"chain33node/lab/cluster"
	"chain33node/lab/load"
)

// SyncResult is a follower syncing a chain.
type SyncResult struct {
	Blocks, Txs int64
	Made        string           // how the chain was made
	Took        time.Duration    // the median of Runs
	Runs        []time.Duration  // each sync of the chain, from an empty datadir
	Use         NodeUse          // of the first sync
	Against     string           // the other follower binary's directory, if any
	AgainstRuns []time.Duration  // its syncs of the same chain, each right after one of Runs
	Speed       [2]time.Duration // SignatureCheck right before the first sync and right after the last (Result.Speed)
	Err         string
}

// SyncChain is the chain Sync makes: at least Blocks blocks, each of
// PerBlock transfers (Lab.MakeChain), or, with PerBlock 0, under a load paced
// at Rate tx/s, whose blocks hold what arrives while the one before
// commits: fewer on a faster machine.
type SyncChain struct {
	Blocks   int64
	PerBlock int
	Rate     float64
}

// Name names the chain in file names: "10-a-block", "1000-tps".
func (c SyncChain) Name() string {
	if c.PerBlock > 0 {
		return fmt.Sprintf("%d-a-block", c.PerBlock)
	}
	return fmt.Sprintf("%.0f-tps", c.Rate)
}

// Sync makes a chain on the lab's single validator (its config must start
// each height right after a commit, or this takes hours), then starts the
// lab's follower with an empty datadir and times it until it holds the
// whole chain. With profile set (and
// the lab's Pprof), CPU profiles over the first profileFor of the sync are
// written to profile+"-follower.pprof" and, of the validator serving it,
// profile+"-validator.pprof". With syncs > 1 the follower syncs the chain that
// many times, each from an empty datadir, and Took is the median. With against set (a directory holding a node
// binary), each sync is followed by one of the follower running that binary instead, on the same chain
// (AgainstRuns): an A/B of two follower binaries that no difference between chains blurs.
func Sync(ctx context.Context, l *lab.Lab, c SyncChain, syncs int, against, profile string, profileFor time.Duration) SyncResult {
	r := SyncResult{Against: against}
	if len(l.Followers) == 0 {
		r.Err = "the lab has no follower"
		return r
	}
	v, f := l.URLs[0], l.Followers[0]
	t0 := time.Now()
	if c.PerBlock > 0 {
		r.Made = fmt.Sprintf("%d transfers a block", c.PerBlock)
		if err := l.MakeChain(ctx, c.Blocks, c.PerBlock); err != nil {
			r.Err = err.Error()
			return r
		}
	} else {
		r.Made = fmt.Sprintf("a load of %.0f tx/s", c.Rate)
		if err := loadChain(ctx, l, c.Blocks, c.Rate); err != nil {
			r.Err = err.Error()
			return r
		}
	}
	if ctx.Err() != nil {
		r.Err = "interrupted"
		return r
	}
	head, err := load.Height(l.RPC, v)
	if err != nil {
		r.Err = err.Error()
		return r
	}
	st, err := load.GetPerfStat(l.RPC, v, 1, head)
	if err != nil {
		r.Err = "GetPerfStat: " + err.Error()
		return r
	}
	r.Blocks, r.Txs = head, int64(st.TotalTx)
	r.Made += fmt.Sprintf(", made in %.0f s", time.Since(t0).Seconds())
	l.Log("sync chain: %d blocks, %d transactions; starting the follower", r.Blocks, r.Txs)

	bins := []string{l.Bin}
	if against != "" {
		bins = append(bins, against)
	}
	r.Speed[0] = speed(l.Nodes)
	for i := range syncs * len(bins) {
		alt := i%len(bins) == 1
		bin := bins[i%len(bins)]
		if i > 0 { // again from an empty datadir, on the same chain
			if err := f.Stop(30 * time.Second); err != nil {
				r.Err = err.Error()
				return r
			}
			if err := os.RemoveAll(f.Datadir()); err != nil {
				r.Err = err.Error()
				return r
			}
			profile = "" // the first sync's only
		}
		if len(bins) > 1 {
			if err := f.UseBinary(bin); err != nil {
				r.Err = err.Error()
				return r
			}
		}
		took, use, err := syncOnce(ctx, l, f, head, profile, profileFor)
		if err != "" {
			r.Err = err
			return r
		}
		l.Log("sync %d of the chain, node of %s: %.1f s, follower %.2f cores", i+1, bin, took.Seconds(), use.Cores)
		if alt {
			r.AgainstRuns = append(r.AgainstRuns, took)
			continue
		}
		r.Runs = append(r.Runs, took)
		if i == 0 {
			r.Use = use
		}
	}
	r.Took = median(r.Runs)
	r.Speed[1] = speed(append(l.Nodes, l.Followers...))
	return r
}

// loadChain runs a load paced at rate tx/s on the lab's validator until
// its height reaches blocks.
func loadChain(ctx context.Context, l *lab.Lab, blocks int64, rate float64) error {
	ld, err := l.StartLoad(lab.LoadOptions{Rate: rate, Senders: 256, Accounts: 256})
	if err != nil {
		return err
	}
	defer ld.Close()
	t0, last := time.Now(), time.Now()
	for ctx.Err() == nil {
		h, err := load.Height(l.RPC, l.URLs[0])
		if err == nil && h >= blocks {
			return nil
		}
		if time.Since(last) > 15*time.Second {
			last = time.Now()
			l.Log("chain: height %d of %d after %.0f s", h, blocks, time.Since(t0).Seconds())
		}
		time.Sleep(500 * time.Millisecond)
	}
	return nil
}

// median is the middle of runs (of an even number, the upper of the two).
func median(runs []time.Duration) time.Duration {
	sorted := slices.Sorted(slices.Values(runs))
	return sorted[len(sorted)/2]
}

// syncOnce starts the follower and times it until it holds the chain up to head.
func syncOnce(ctx context.Context, l *lab.Lab, f *cluster.Node, head int64, profile string, profileFor time.Duration) (time.Duration, NodeUse, string) {
	start := time.Now()
	if err := f.Start(); err != nil {
		return 0, NodeUse{}, err.Error()
	}
	u := startUsage([]*cluster.Node{f})
	// The profiles run their whole length even if the sync ends first: the
	// follower stops only after them (a profile cut short is an EOF), and
	// the idle rest adds no samples.
	var profiling sync.WaitGroup
	defer profiling.Wait()
	if profile != "" && l.Pprof > 0 {
		for _, p := range []struct {
			n    *cluster.Node
			role string
		}{{f, "follower"}, {l.Nodes[0], "validator"}} {
			profiling.Go(func() {
				var err error
				for range 50 { // while its listener is not up yet
					if err = cpuProfile(p.n, l.Pprof, profileFor, profile+"-"+p.role+".pprof"); !errors.Is(err, syscall.ECONNREFUSED) {
						break
					}
					time.Sleep(100 * time.Millisecond)
				}
				if err != nil {
					l.Log("sync: profile of the %s: %v", p.role, err)
				}
			})
		}
	}
	for ctx.Err() == nil {
		if h, err := load.Height(l.RPC, f.URL); err == nil && h >= head {
			break
		}
		if !f.Running() {
			return 0, NodeUse{}, "the follower exited: " + f.Output(300)
		}
		if time.Since(start) > 30*time.Minute {
			return 0, NodeUse{}, "the follower did not catch up within 30 min"
		}
		time.Sleep(20 * time.Millisecond) // an error of 10 ms on average, 0.2 % of a sync of seconds
	}
	if ctx.Err() != nil {
		return 0, NodeUse{}, "interrupted"
	}
	took := time.Since(start)
	nodes, _ := u.end()
	return took, nodes[0], ""
}
