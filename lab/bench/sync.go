package bench

import (
	"context"
	"errors"
	"fmt"
	"syscall"
	"time"

	"chain33node/lab"
	"chain33node/lab/cluster"
	"chain33node/lab/load"
)

// SyncResult is a follower syncing a chain.
type SyncResult struct {
	Blocks, Txs int64
	Made        string // how the chain was made
	Took        time.Duration
	Use         NodeUse
	Err         string
}

// Sync makes a chain of at least blocks blocks on the lab's single validator
// (its config must start each height right after a commit, or this takes
// hours) under a paced load, then starts the lab's follower with an empty
// datadir and times it until it holds the whole chain. With profile set (and
// the lab's Pprof), CPU profiles over the first profileFor of the sync are
// written to profile+"-follower.pprof" and, of the validator serving it,
// profile+"-validator.pprof".
func Sync(ctx context.Context, l *lab.Lab, blocks int64, rate float64, profile string, profileFor time.Duration) SyncResult {
	r := SyncResult{Made: fmt.Sprintf("a load of %.0f tx/s", rate)}
	if len(l.Followers) == 0 {
		r.Err = "the lab has no follower"
		return r
	}
	v, f := l.URLs[0], l.Followers[0]
	ld, err := l.StartLoad(lab.LoadOptions{Rate: rate, Senders: 256, Accounts: 256})
	if err != nil {
		r.Err = err.Error()
		return r
	}
	t0 := time.Now()
	last := time.Now()
	for ctx.Err() == nil {
		h, err := load.Height(l.RPC, v)
		if err == nil && h >= blocks {
			break
		}
		if time.Since(last) > 15*time.Second {
			last = time.Now()
			l.Log("sync chain: height %d of %d after %.0f s", h, blocks, time.Since(t0).Seconds())
		}
		time.Sleep(500 * time.Millisecond)
	}
	ld.Close()
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

	start := time.Now()
	if err := f.Start(); err != nil {
		r.Err = err.Error()
		return r
	}
	u := startUsage([]*cluster.Node{f})
	if profile != "" && l.Pprof > 0 {
		for _, p := range []struct {
			n    *cluster.Node
			role string
		}{{f, "follower"}, {l.Nodes[0], "validator"}} {
			go func() {
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
			}()
		}
	}
	for ctx.Err() == nil {
		if h, err := load.Height(l.RPC, f.URL); err == nil && h >= head {
			break
		}
		if !f.Running() {
			r.Err = "the follower exited: " + f.Output(300)
			return r
		}
		if time.Since(start) > 30*time.Minute {
			r.Err = "the follower did not catch up within 30 min"
			return r
		}
		time.Sleep(100 * time.Millisecond)
	}
	r.Took = time.Since(start)
	nodes, _ := u.end()
	r.Use = nodes[0]
	return r
}
