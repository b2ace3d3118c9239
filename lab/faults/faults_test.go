package faults

import (
	"strings"
	"testing"
	"time"

	"chain33node/lab/load"
)

func ids(s []Scenario) string {
	var out []string
	for _, x := range s {
		out = append(out, x.ID)
	}
	return strings.Join(out, ",")
}

func TestSelect(t *testing.T) {
	all := Scenarios()
	seen := map[string]bool{}
	for _, s := range all {
		if seen[s.ID] || s.Do == nil || s.Name == "" {
			t.Fatalf("scenario %q: duplicate id or no Do/Name", s.ID)
		}
		seen[s.ID] = true
	}
	for _, c := range []struct {
		name          string
		o             Options
		ns, tmpfs     bool
		run, skipWhys string
	}{
		{"short, namespaces", Options{Short: true}, true, true, "kill-1,all-down,partition-1-3", ""},
		{"short, loopback", Options{Short: true}, false, false, "kill-1,all-down", "needs network namespaces (root)"},
		{"only", Options{Only: []string{"sigstop", "disk-full", "outsider"}}, true, false, "sigstop",
			"needs a tmpfs datadir (root)|no outsider command (-outsider)"},
		{"outsider given", Options{Only: []string{"outsider"}, Outsider: []string{"x"}}, true, true, "outsider", ""},
	} {
		run, skipped := Select(all, c.o, c.ns, c.tmpfs)
		var whys []string
		for _, s := range skipped {
			whys = append(whys, s.Skipped)
		}
		if ids(run) != c.run || strings.Join(whys, "|") != c.skipWhys {
			t.Errorf("%s: run %s, skipped %v", c.name, ids(run), whys)
		}
	}
	// Every scenario runs in the full suite with namespaces and an outsider.
	if run, skipped := Select(all, Options{Outsider: []string{"x"}}, true, true); len(run) != len(all) || len(skipped) != 0 {
		t.Errorf("full suite: %d of %d run", len(run), len(all))
	}
}

func TestWindowStats(t *testing.T) {
	s := time.Second
	recs := []load.Record{
		{First: 1 * s, Accepted: 1 * s, Ack: 1 * s, Commit: 2 * s}, // committed in the window, 1 s
		{First: 3 * s, Accepted: 3 * s, Ack: 4 * s, Commit: 7 * s}, // 3 s
		{First: 5 * s}, // refused
		{First: 11 * s, Accepted: 11 * s, Ack: 11 * s}, // after
	}
	for i := range recs[:2] {
		recs[i] = committed(recs[i])
	}
	w := windowStats(recs, 0, 10*s)
	if w.sent != 0.3 || w.refused != 0.1 || w.committed != 0.2 || w.p99 != 3*s {
		t.Fatalf("%+v", w)
	}
	if w := windowStats(recs, 5*s, 5*s); w.sent != 0 {
		t.Fatalf("empty window %+v", w)
	}
}

// committed marks r committed, as the watcher would.
func committed(r load.Record) load.Record {
	o := load.NewOpen()
	o.Add([]load.Item{{Hash: "h"}})
	o.Commit("h", 1, r.Commit, time.Now())
	_, recs := o.Records()
	c := recs[0]
	c.First, c.Accepted, c.Ack = r.First, r.Accepted, r.Ack
	return c
}

func TestTableAndDetails(t *testing.T) {
	results := []Result{
		{Name: "SIGKILL n1", Sent: 200, Refused: 25, Committed: 174.6, Recovery: 2 * time.Second, MaxGap: 3 * time.Second, Acked: 2000},
		{Name: "disk full", Sent: 200, Committed: 150, Recovery: -1, Blocked: 3, Failure: []string{"commits did not resume"},
			Notes: []string{"n4 kept running"}, Logs: []string{"n4: level=WARN msg=\"disconnecting and blocking peer\""}},
		{Name: "outsider", Skipped: "no outsider command"},
	}
	var b strings.Builder
	Table(&b, results)
	Details(&b, results)
	out := b.String()
	for _, want := range []string{
		"| SIGKILL n1 | 200 (25) → 175 tx/s | 2.0 s | 3.0 s | 2000 | 0 | 0 | 0 | 0 | 0 | **pass** |",
		"| disk full | 200 (0) → 150 tx/s | did not resume | 0.0 s | 0 | 0 | 0 | 0 | 0 | 3 | **FAIL** |",
		"| outsider | | | | | | | | | | skipped: no outsider command |",
		"### disk full", "- **failed:** commits did not resume", "- n4 kept running", "disconnecting and blocking peer",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("missing %q in\n%s", want, out)
		}
	}
	if strings.Contains(out, "### SIGKILL n1") {
		t.Error("a passing scenario with nothing to say has a details section")
	}
}

// Log lines as the node writes them (package health, node.Start).
func TestOpenDiskFaults(t *testing.T) {
	const (
		storeFault = `time=2026-12-02T02:01:47.446Z level=ERROR msg="disk fault: store cannot write; free space on that file system; the node goes on by itself once writes succeed" component=store err="store /d/chain: commit block 21: write /d/chain/000001.log: no space left on device"`
		storeOK    = `time=2026-12-02T02:02:04.088Z level=INFO msg="store writes succeed again after 16.6s" component=store`
		walFault   = `time=2026-12-02T02:01:47.500Z level=ERROR msg="disk fault: wal cannot write; free space on that file system; the node goes on by itself once writes succeed" component=wal err="wal: write /d/qbft/wal/21.wal: no space left on device"`
		started    = `time=2026-12-02T02:03:00.000Z level=INFO msg="node started" height=40 validator=true consensus=/ip4/10.99.0.5/tcp/33001`
	)
	for _, tc := range []struct {
		name  string
		lines []string
		want  []string
	}{
		{"none", nil, nil},
		{"ended", []string{storeFault, storeOK}, nil},
		{"store ended, wal not", []string{storeFault, walFault, storeOK}, []string{"wal"}},
		{"ended by a restart", []string{storeFault, walFault, started}, nil},
		{"again after a restart", []string{walFault, started, storeFault}, []string{"store"}},
	} {
		got := openDiskFaults(tc.lines)
		var comps []string
		for c := range got {
			comps = append(comps, c)
		}
		if strings.Join(comps, ",") != strings.Join(tc.want, ",") {
			t.Errorf("%s: open %v, want %v", tc.name, comps, tc.want)
		}
	}
}
