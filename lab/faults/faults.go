// Package faults is the fault suite: scenarios run one after another on one
// lab cluster (lab) under a steady open-loop load, each followed by the
// checks a cluster must pass after any fault:
//
//   - commits resumed: every node passed the height the cluster had when the
//     fault ended, and the load's transactions commit again (the time this
//     takes is the recovery time);
//   - one chain: every node holds the same block at every height, and no node
//     went back below a height it had shown (lab/verify reads every block of
//     every node);
//   - every acknowledged transaction is committed exactly once: the client
//     sends an acknowledged transaction again when it is not committed after
//     a while, as a careful client does (the same signed bytes, so it cannot
//     commit twice), and lost counts those never committed all the same;
//   - no node blocked an honest peer (every peer here is honest);
//   - no part of a node (store, consensus WAL, signer) still cannot write:
//     every disk fault a node logged ended before the scenario's end.
//
// A cluster that does not recover is repaired (nodes restarted) before the
// next scenario, or the suite stops.
package faults

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"time"

	"chain33node/lab"
	"chain33node/lab/load"
	"chain33node/lab/verify"
)

// Options of a suite run.
type Options struct {
	Short    bool     // only the short suite
	Only     []string // scenario ids (empty: all)
	Load     lab.LoadOptions
	Recovery time.Duration // longest wait for commits to resume
	Settle   time.Duration // longest wait for acknowledged transactions to commit
	Outsider []string      // outsider command line (placeholders: see ExpandOutsider)
	Log      func(format string, a ...any)
}

// Result is one scenario's row.
type Result struct {
	ID, Name   string
	Skipped    string        // why it did not run
	Start, End time.Duration // from the load's start
	Sent       float64       // tx/s sent during the scenario
	Refused    float64       // tx/s of them refused
	Committed  float64       // tx/s committed during it
	Recovery   time.Duration // from the end of the fault to commits resumed; -1: they did not
	MaxGap     time.Duration // longest time without a new block at any node
	Acked      int           // acknowledged during the scenario
	Resends    int           // posts of acknowledged transactions again
	Lost       int           // acknowledged, never committed
	Late       int           // reported lost by an earlier scenario, committed now
	Dups       int
	Forks      int // heights
	Rollbacks  int
	Blocked    int      // "disconnecting and blocking peer" log lines
	Notes      []string // what the nodes did
	Failure    []string // why it failed
	Logs       []string // warnings and errors the nodes logged meanwhile (a few)
}

// Pass reports whether every check held.
func (r Result) Pass() bool { return r.Skipped == "" && len(r.Failure) == 0 }

// BlockedPeerLog is what a node logs when it blocks a peer (p2p).
const BlockedPeerLog = "disconnecting and blocking peer"

// Select returns the scenarios of the suite that run with these options,
// and those skipped with why.
func Select(all []Scenario, o Options, namespaces, tmpfs bool) (run []Scenario, skipped []Result) {
	only := map[string]bool{}
	for _, id := range o.Only {
		only[id] = true
	}
	for _, s := range all {
		if len(only) > 0 && !only[s.ID] || len(only) == 0 && o.Short && !s.Short {
			continue
		}
		why := ""
		switch {
		case s.Needs&NeedNamespaces != 0 && !namespaces:
			why = "needs network namespaces (root)"
		case s.Needs&NeedTmpfs != 0 && !tmpfs:
			why = "needs a tmpfs datadir (root)"
		case s.Needs&NeedOutsider != 0 && len(o.Outsider) == 0:
			why = "no outsider command (-outsider)"
		}
		if why != "" {
			skipped = append(skipped, Result{ID: s.ID, Name: s.Name, Skipped: why})
			continue
		}
		run = append(run, s)
	}
	return run, skipped
}

// suite is a run in progress.
type suite struct {
	o     Options
	lab   *lab.Lab
	load  *lab.Load
	chain *verify.Chain
	dir   string
	lost  map[string]bool // reported lost so far

	mu      sync.Mutex
	heads   []int64   // latest heads (-1: no answer)
	lastNew time.Time // when the highest head last grew
	top     int64
	maxGap  time.Duration
}

// Run runs the scenarios on l, under a load it starts, and returns their
// results in order (skipped ones included).
func Run(ctx context.Context, l *lab.Lab, scenarios []Scenario, o Options) ([]Result, error) {
	if o.Recovery == 0 {
		o.Recovery = 90 * time.Second
	}
	if o.Settle == 0 {
		o.Settle = 60 * time.Second
	}
	s := &suite{o: o, lab: l, chain: verify.New(load.NewRPC(4, time.Minute), l.URLs), dir: filepath.Join(l.Dir, "scratch"), lost: map[string]bool{}}
	if err := os.MkdirAll(s.dir, 0o755); err != nil {
		return nil, err
	}
	ld, err := l.StartLoad(o.Load)
	if err != nil {
		return nil, fmt.Errorf("load: %w", err)
	}
	s.load = ld
	defer ld.Close()
	sampling, stopSampling := context.WithCancel(ctx)
	defer stopSampling()
	go s.sample(sampling)
	o.Log("load: %s; warming up 5 s", o.Load)
	time.Sleep(5 * time.Second)
	var out []Result
	for k, sc := range scenarios {
		if ctx.Err() != nil {
			out = append(out, Result{ID: sc.ID, Name: sc.Name, Skipped: "interrupted"})
			continue
		}
		o.Log("scenario %d/%d: %s", k+1, len(scenarios), sc.ID)
		r := s.one(ctx, sc)
		o.Log("%s: %s", r.Name, verdict(r))
		out = append(out, r)
		if r.Recovery < 0 {
			if err := s.repair(); err != nil {
				o.Log("the cluster could not be repaired: %v; the remaining scenarios do not run", err)
				for _, rest := range scenarios[k+1:] {
					out = append(out, Result{ID: rest.ID, Name: rest.Name, Skipped: "the cluster did not recover from " + sc.ID})
				}
				break
			}
		}
	}
	return out, nil
}

// sample polls every node's head four times a second, each node on its own
// (a stopped node delays no other), and keeps the latest heads and the
// longest time the highest one did not grow.
func (s *suite) sample(ctx context.Context) {
	rpc := load.NewRPC(2, 2*time.Second)
	s.mu.Lock()
	s.heads = make([]int64, len(s.lab.Nodes))
	s.mu.Unlock()
	for i, n := range s.lab.Nodes {
		go func() {
			t := time.NewTicker(250 * time.Millisecond)
			defer t.Stop()
			for {
				h, err := load.Height(rpc, n.URL)
				if err != nil {
					h = -1
				}
				now := time.Now()
				s.mu.Lock()
				s.heads[i] = h
				if h > s.top {
					s.top, s.lastNew = h, now
				}
				s.mu.Unlock()
				select {
				case <-ctx.Done():
					return
				case <-t.C:
				}
			}
		}()
	}
	t := time.NewTicker(100 * time.Millisecond)
	defer t.Stop()
	for {
		s.mu.Lock()
		if !s.lastNew.IsZero() {
			s.maxGap = max(s.maxGap, time.Since(s.lastNew))
		}
		s.mu.Unlock()
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// state returns the latest heads, the highest, and resets the gap to start
// a new scenario if reset.
func (s *suite) state(reset bool) ([]int64, int64, time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	g := s.maxGap
	if reset {
		s.maxGap = 0
	}
	return append([]int64(nil), s.heads...), s.top, g
}

// one runs a scenario and its checks.
func (s *suite) one(ctx context.Context, sc Scenario) Result {
	r := Result{ID: sc.ID, Name: sc.Name, Start: s.load.Since()}
	offsets := make([]int64, len(s.lab.Nodes))
	for i, n := range s.lab.Nodes {
		offsets[i] = n.LogSize()
	}
	before := s.chain.Findings()
	resends0 := s.load.Progress().Resent
	s.state(true)
	env := &Env{Ctx: ctx, Lab: s.lab, Load: s.load, Dir: s.dir, Outsider: s.o.Outsider, Name: sc.Name, Log: s.o.Log}
	notes, err := sc.Do(env)
	r.Name, r.Notes = env.Name, notes
	if err != nil {
		r.Failure = append(r.Failure, err.Error())
	}

	// Commits resumed: every node past the height the cluster had, and the
	// load's transactions committing.
	healed, wall := s.load.Since(), time.Now()
	_, top, _ := s.state(false)
	r.Recovery = -1
	for deadline := wall.Add(s.o.Recovery); time.Now().Before(deadline) && ctx.Err() == nil; time.Sleep(100 * time.Millisecond) {
		hs, _, _ := s.state(false)
		all := len(hs) > 0
		for _, h := range hs {
			all = all && h > top
		}
		if all && s.load.Progress().LastCommit.After(wall) {
			r.Recovery = s.load.Since() - healed
			break
		}
	}
	if r.Recovery < 0 {
		hs, _, _ := s.state(false)
		r.Failure = append(r.Failure, fmt.Sprintf("commits did not resume within %s (heads %v, cluster at %d when the fault ended)",
			s.o.Recovery, hs, top))
	}

	// Every transaction acknowledged until now committed (resent meanwhile).
	cutoff := s.load.Since()
	deadline := time.Now().Add(s.o.Settle)
	for len(s.load.Unconfirmed(cutoff)) > 0 && time.Now().Before(deadline) && ctx.Err() == nil {
		time.Sleep(250 * time.Millisecond)
	}
	r.End = s.load.Since()
	_, _, r.MaxGap = s.state(false)

	if _, errs := s.chain.Read(); errs != nil {
		for i, err := range errs {
			if err != nil {
				r.Failure = append(r.Failure, fmt.Sprintf("reading n%d's chain: %v", i+1, err))
			}
		}
	}
	s.account(&r, cutoff, before, resends0, offsets)
	return r
}

// account fills in the checks' figures after a scenario.
func (s *suite) account(r *Result, cutoff time.Duration, before verify.Findings, resends0 int, offsets []int64) {
	items, recs := s.load.Records()
	var acked []string
	for i, rec := range recs {
		if rec.Acked() && rec.Ack < cutoff {
			acked = append(acked, items[i].Hash)
			if rec.Ack >= r.Start {
				r.Acked++
			}
		}
	}
	missing := map[string]bool{}
	for _, h := range s.chain.Missing(acked) {
		missing[h] = true
		if !s.lost[h] {
			s.lost[h] = true
			r.Lost++
		}
	}
	for h := range s.lost {
		if !missing[h] {
			delete(s.lost, h)
			r.Late++
		}
	}
	w := windowStats(recs, r.Start, r.End)
	r.Sent, r.Refused, r.Committed = w.sent, w.refused, w.committed
	r.Resends = s.load.Progress().Resent - resends0
	f := s.chain.Findings().Since(before)
	r.Dups, r.Forks, r.Rollbacks = len(f.Dups), f.ForkHeights(), len(f.Rollbacks)
	for i, n := range s.lab.Nodes {
		for _, line := range n.LogLines(offsets[i], BlockedPeerLog, "level=WARN", "level=ERROR") {
			if strings.Contains(line, BlockedPeerLog) {
				r.Blocked++
			}
			if len(r.Logs) < 12 {
				r.Logs = append(r.Logs, n.Name+": "+line)
			}
		}
	}
	for i, n := range s.lab.Nodes {
		for comp, line := range openDiskFaults(n.LogLines(offsets[i], diskFaultLog, diskFaultEndLog, nodeStartedLog)) {
			r.Failure = append(r.Failure, fmt.Sprintf("%s's %s still cannot write when the scenario ends (no %q since: %.300s)",
				n.Name, comp, comp+diskFaultEndLog, line))
		}
	}
	if r.Lost > 0 {
		r.Failure = append(r.Failure, fmt.Sprintf("%d acknowledged transactions never committed (e.g. %s)", r.Lost, anyKey(missing)))
	}
	if r.Dups+r.Forks+r.Rollbacks > 0 {
		r.Failure = append(r.Failure, f.String())
	}
	if r.Blocked > 0 {
		r.Failure = append(r.Failure, fmt.Sprintf("%d times a node blocked an honest peer", r.Blocked))
	}
}

// The node's log lines that open and close a disk fault of a part (store,
// wal, signer: package health) and that start it (which clears them all).
const (
	diskFaultLog    = `msg="disk fault: `
	diskFaultEndLog = " writes succeed again"
	nodeStartedLog  = `msg="node started"`
)

var componentField = regexp.MustCompile(`component=(\S+)`)

// openDiskFaults returns, by part, the disk faults that lines open and no
// later line closes, with the line that opened each: a part that still
// cannot write although the disk was repaired.
func openDiskFaults(lines []string) map[string]string {
	open := map[string]string{}
	for _, l := range lines {
		if strings.Contains(l, nodeStartedLog) {
			clear(open)
			continue
		}
		m := componentField.FindStringSubmatch(l)
		switch {
		case m == nil:
		case strings.Contains(l, diskFaultLog):
			open[m[1]] = l
		case strings.Contains(l, diskFaultEndLog):
			delete(open, m[1])
		}
	}
	return open
}

func anyKey(m map[string]bool) string {
	for k := range m {
		return k
	}
	return ""
}

// repair restarts every node that does not answer or lags, and waits until
// all are in sync and committing.
func (s *suite) repair() error {
	hs := s.lab.Heights()
	top := int64(-1)
	for _, h := range hs {
		top = max(top, h)
	}
	for i, n := range s.lab.Nodes {
		if hs[i] < top || !n.Running() {
			s.o.Log("repair: restarting %s (head %d, cluster %d)", n.Name, hs[i], top)
			n.Stop(10 * time.Second)
			if err := n.Start(); err != nil {
				return err
			}
		}
	}
	return s.lab.WaitReady(90 * time.Second)
}

func verdict(r Result) string {
	switch {
	case r.Skipped != "":
		return "skipped: " + r.Skipped
	case r.Pass():
		return fmt.Sprintf("pass (recovery %.1f s)", r.Recovery.Seconds())
	}
	return "FAIL: " + strings.Join(r.Failure, "; ")
}
