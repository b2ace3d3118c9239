package faults

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"chain33node/lab"
	"chain33node/lab/load"
)

// ExpandOutsider fills the placeholders of an outsider's command line:
// {targets} the consensus addresses (ip:33001) of the first two validators,
// {nodes} every node's IP, {rpc} the first node's JSON-RPC URL (lists are
// comma-separated).
func ExpandOutsider(argv []string, l *lab.Lab) []string {
	var targets, ips []string
	for i, n := range l.Nodes {
		if i < 2 {
			targets = append(targets, n.IP+":33001")
		}
		ips = append(ips, n.IP)
	}
	r := strings.NewReplacer("{targets}", strings.Join(targets, ","), "{nodes}", strings.Join(ips, ","), "{rpc}", l.URLs[0])
	out := make([]string, len(argv))
	for i, a := range argv {
		out[i] = r.Replace(a)
	}
	return out
}

// outsider measures the load's commits for 20 s, then for 30 s with the
// outsider command running in a namespace of its own, linked to every node.
func outsider(e *Env) ([]string, error) {
	e.Name = "outsider next to the cluster for 30 s: " + strings.Join(e.Outsider, " ")
	w0 := e.Load.Since()
	e.Sleep(20 * time.Second)
	w1 := e.Load.Since()
	o, err := e.Lab.StartOutsider(0, e.Outsider, filepath.Join(e.Dir, "outsider.out"))
	if err != nil {
		return nil, err
	}
	e.Sleep(30 * time.Second)
	var notes []string
	if s := o.Stop(); s != "" {
		notes = append(notes, s)
	}
	w2 := e.Load.Since()
	_, recs := e.Load.Records()
	a, b := windowStats(recs, w0, w1), windowStats(recs, w1, w2)
	notes = append(notes, fmt.Sprintf("committed %.0f tx/s (p99 %.1f s) in the 20 s before, %.0f tx/s (p99 %.1f s) with the outsider",
		a.committed, a.p99.Seconds(), b.committed, b.p99.Seconds()))
	return notes, nil
}

// window is what the load saw between two times.
type window struct {
	sent, refused, committed float64 // per second
	p99                      time.Duration
}

// windowStats is the load's rates between from and to (offsets from its
// start): transactions sent, refused of those, and committed (by when their
// block was seen), and the p99 answer-to-commit latency of those
// acknowledged in it.
func windowStats(recs []load.Record, from, to time.Duration) window {
	var w window
	secs := (to - from).Seconds()
	if secs <= 0 {
		return w
	}
	var lat []time.Duration
	sent, refused, committed := 0, 0, 0
	for _, r := range recs {
		if r.First >= from && r.First < to {
			sent++
			if !r.Acked() {
				refused++
			}
		}
		if r.Committed() && r.Commit >= from && r.Commit < to {
			committed++
		}
		if r.Acked() && r.Ack >= from && r.Ack < to && r.Committed() {
			lat = append(lat, max(r.Commit-r.Ack, 0))
		}
	}
	slices.Sort(lat)
	w.sent, w.refused, w.committed = float64(sent)/secs, float64(refused)/secs, float64(committed)/secs
	w.p99 = load.Percentile(lat, 99)
	return w
}
