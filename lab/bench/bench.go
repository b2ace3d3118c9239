// Package bench is the cluster benchmark: the lab's 4-validator cluster (and
// a single validator) under open-loop loads, measured as a user meets the
// node: many senders that do not pace themselves, paced loads above and
// below what the cluster commits, and a node syncing a long chain. Each case
// reports committed tx/s, the latency of acknowledged transactions, refusals,
// block interval and size, and CPU and RSS per node.
package bench

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"chain33node/lab"
	"chain33node/lab/cluster"
	"chain33node/lab/flood"
	"chain33node/lab/load"
)

// PacedInFlight bounds the transactions in flight of a paced case: beyond
// it the client falls behind its rate (the sent figure shows it).
const PacedInFlight = 4096

// Case is one load on a cluster.
type Case struct {
	Name     string
	Load     lab.LoadOptions
	Duration time.Duration // paced cases: how long the load is offered
	Outsider bool          // run the outsider command meanwhile
	// PeakTimes, when set, makes this a paced case offered at that multiple
	// of the best committed rate of the group's cases before it (an
	// overload): Overload sets its rate, name and size when it starts.
	PeakTimes float64
	// Profile, when set, is where a CPU profile of the first node, taken
	// over the first ProfileFor of the load, is written (the lab's Pprof
	// must be on).
	Profile    string
	ProfileFor time.Duration
}

// Overload returns c, a PeakTimes case, paced at PeakTimes the best
// committed rate of before, and that rate (0: no case before committed
// anything, c is not to be run).
func (c Case) Overload(before []Result) (Case, float64) {
	peak := 0.0
	for _, r := range before {
		if r.Err == "" {
			peak = max(peak, r.Summary.OverallTPS)
		}
	}
	rate := math.Round(peak*c.PeakTimes/100) * 100
	if rate <= 0 {
		return c, 0
	}
	c.Load.Rate, c.Load.N = rate, int(rate*c.Duration.Seconds())
	c.Name = fmt.Sprintf("paced %.0f tx/s for %.0f s (%g× the best committed rate above)", rate, c.Duration.Seconds(), c.PeakTimes)
	return c, peak
}

// OverloadNote says how much of the peak an overload case committed.
func OverloadNote(r Result, peak float64) string {
	if r.Err != "" || peak <= 0 {
		return ""
	}
	s := r.Summary
	return fmt.Sprintf("Overload: offered %g× the best committed rate of the cases above (%.0f tx/s), the cluster committed "+
		"%.0f tx/s, **%.0f %% of that peak**, and refused %s; p99 %s from the post to the block (%s from the node's answer). "+
		"The client reached %.0f posts a second and used %.2f cores of the machine's.",
		r.PeakTimes, peak, s.OverallTPS, 100*s.OverallTPS/peak, r.Refusals(), ms(s.Lat[2]), ms(s.LatAck[2]),
		float64(s.Submitted)/max(s.SubmitSpan.Seconds(), 1e-9), r.ClientCores)
}

// Result is what a case measured.
type Result struct {
	Case
	Summary load.Summary
	Refused map[string]int // every refused post, by error
	Nodes   []NodeUse
	// ClientCores is the CPU of this process (the load's senders and its
	// watcher of blocks) over the case: the nodes share the machine with it.
	ClientCores float64
	Window      time.Duration // from the load's start to the end of the drain
	// WatchErrors counts failed head polls and block fetches (retried).
	WatchErrors int64
	MaxGap      time.Duration // longest time between two blocks seen during the case
	// Rounds is how many times the consensus went beyond round 0 during the
	// case (a round timed out: no block in time), the most any validator
	// counted; -1 if not read.
	Rounds   int64
	Heads    []int64 // every node's head at the end
	Err      string
	Outsider string        // what happened to the outsider
	Attack   *flood.Report // the outsider's report, when it is cmd/outsider
	// Speed is SignatureCheck right before the case and right after it (0:
	// failed): the machine's speed moves within a run, and the case's
	// figures with it.
	Speed [2]time.Duration
}

// NodeUse is one node's resources over a case.
type NodeUse struct {
	Name   string
	Cores  float64 // CPU time / wall time
	MaxRSS int64   // bytes, sampled every half second
}

// usage samples the CPU and RSS of nodes until stop is called.
type usage struct {
	nodes []*cluster.Node
	cpu0  []int64
	self0 int64 // this process's CPU at the start
	t0    time.Time
	rss   []int64
	stop  chan struct{}
	done  sync.WaitGroup
}

func startUsage(nodes []*cluster.Node) *usage {
	u := &usage{nodes: nodes, cpu0: make([]int64, len(nodes)), rss: make([]int64, len(nodes)), t0: time.Now(),
		stop: make(chan struct{})}
	for i, n := range nodes {
		u.cpu0[i], _ = load.ProcCPU(strconv.Itoa(n.Pid()))
	}
	u.self0, _ = load.ProcCPU("self")
	u.done.Add(1)
	go func() {
		defer u.done.Done()
		t := time.NewTicker(500 * time.Millisecond)
		defer t.Stop()
		for {
			for i, n := range nodes {
				if r, err := load.ProcRSS(strconv.Itoa(n.Pid())); err == nil {
					u.rss[i] = max(u.rss[i], r)
				}
			}
			select {
			case <-u.stop:
				return
			case <-t.C:
			}
		}
	}()
	return u
}

// end returns each node's use and this process's CPU (cores) since the start.
func (u *usage) end() ([]NodeUse, float64) {
	close(u.stop)
	u.done.Wait()
	secs := time.Since(u.t0).Seconds()
	self, _ := load.ProcCPU("self")
	out := make([]NodeUse, len(u.nodes))
	for i, n := range u.nodes {
		c, _ := load.ProcCPU(strconv.Itoa(n.Pid()))
		out[i] = NodeUse{Name: n.Name, Cores: float64(c-u.cpu0[i]) / load.ClockTick / secs, MaxRSS: u.rss[i]}
	}
	return out, float64(self-u.self0) / load.ClockTick / secs
}

// Run runs one case on l: fresh accounts funded, the load sent (all of it,
// or for c.Duration), then every acknowledged transaction waited for (at
// most drain).
func Run(ctx context.Context, l *lab.Lab, c Case, outsider []string, drain time.Duration) Result {
	r := Result{Case: c}
	r.Speed[0] = speed(l.Nodes)
	rounds := l.Rounds()
	ld, err := l.StartLoad(c.Load)
	if err != nil {
		r.Err = err.Error()
		return r
	}
	u := startUsage(l.Nodes)
	profiled := make(chan error, 1)
	if c.Profile != "" && l.Pprof > 0 {
		go func() { profiled <- cpuProfile(l.Nodes[0], l.Pprof, c.ProfileFor, c.Profile) }()
	} else {
		profiled <- nil
	}
	stopOutsider := func() {}
	if c.Outsider {
		stopOutsider = startOutsider(l, outsider, &r)
	}
	if c.Duration > 0 {
		select {
		case <-time.After(c.Duration):
		case <-ctx.Done():
		}
		ld.StopSending()
	} else {
		done := make(chan struct{})
		go func() { ld.WaitSent(); close(done) }()
		select {
		case <-done:
		case <-ctx.Done():
			ld.Stop()
			<-done
		}
	}
	// The backlog drains: commits until every acknowledged transaction is
	// in, or drain is over (under overload, blocks can be 30 s apart).
	deadline := time.Now().Add(drain)
	for ctx.Err() == nil && time.Now().Before(deadline) && ld.Progress().Pending > 0 {
		time.Sleep(250 * time.Millisecond)
	}
	r.Window = ld.Since()
	if err := <-profiled; err != nil {
		r.Err = "profile: " + err.Error()
	}
	stopOutsider()
	r.Nodes, r.ClientCores = u.end()
	ld.Close()
	_, recs := ld.Records()
	r.Refused = ld.Refused()
	r.WatchErrors = ld.Watch.Errors.Load()
	r.Heads = l.Heights()
	r.Rounds = roundsSince(rounds, l.Rounds())
	for k := 1; k < len(ld.Watch.Blocks); k++ {
		r.MaxGap = max(r.MaxGap, ld.Watch.Blocks[k].Seen-ld.Watch.Blocks[k-1].Seen)
	}
	r.Summary = load.Summarize(recs, ld.Watch.Blocks, r.Refused)
	r.Speed[1] = speed(l.Nodes)
	return r
}

// roundsSince is the most rounds beyond round 0 any validator counted
// between before and after, -1 if none could be read both times.
func roundsSince(before, after []int64) int64 {
	most := int64(-1)
	for i := range min(len(before), len(after)) {
		if before[i] >= 0 && after[i] >= before[i] {
			most = max(most, after[i]-before[i])
		}
	}
	return most
}

// cpuProfile writes a CPU profile of node n over d to file.
func cpuProfile(n *cluster.Node, port int, d time.Duration, file string) error {
	url := fmt.Sprintf("http://%s/debug/pprof/profile?seconds=%d", net.JoinHostPort(n.IP, strconv.Itoa(port)), max(1, int(d.Seconds())))
	cl := http.Client{Timeout: d + 30*time.Second}
	resp, err := cl.Get(url)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("%s: %s", url, resp.Status)
	}
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		return err
	}
	return os.WriteFile(file, b, 0o644)
}

// Refusals renders refused posts as "N (ErrManyTx 9,000, transport: timeout 12)".
func (r Result) Refusals() string {
	total := 0
	keys := make([]string, 0, len(r.Refused))
	for k, n := range r.Refused {
		total += n
		keys = append(keys, k)
	}
	if total == 0 {
		return "0"
	}
	slices.SortFunc(keys, func(a, b string) int { return r.Refused[b] - r.Refused[a] })
	var parts []string
	for _, k := range keys[:min(3, len(keys))] {
		parts = append(parts, fmt.Sprintf("%s %s", k, thousands(r.Refused[k])))
	}
	return fmt.Sprintf("%s (%s)", thousands(total), strings.Join(parts, ", "))
}

// thousands renders n with thousands separators.
func thousands(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0 && s[i-1] != '-'; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// startOutsider runs the outsider command next to the cluster; the function
// it returns stops it and notes in r how it ended, and what it reported if it
// is cmd/outsider (a JSON report after its summary).
func startOutsider(l *lab.Lab, argv []string, r *Result) func() {
	out := filepath.Join(l.Dir, "outsider-"+strings.NewReplacer(" ", "-", ",", "", "/", "-").Replace(r.Name)+".out")
	o, err := l.StartOutsider(0, argv, out)
	if err != nil {
		r.Outsider = err.Error()
		return func() {}
	}
	return func() {
		r.Outsider = o.Stop()
		if b, err := os.ReadFile(out); err == nil {
			var rep flood.Report
			if i := bytes.Index(append([]byte("\n"), b...), []byte("\n{")); i >= 0 && json.Unmarshal(b[i:], &rep) == nil {
				r.Attack = &rep
			}
		}
	}
}
