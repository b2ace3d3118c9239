package bench

import (
	"strings"
	"testing"
	"time"

	"chain33node/lab/flood"
	"chain33node/lab/load"
)

// The comparison counts commits over the whole case: a cluster that stalls
// under the attack gets its rate from the time it stalled too.
func TestCompareOverTheWholeCase(t *testing.T) {
	nodes := func(cores ...float64) []NodeUse {
		var u []NodeUse
		for i, c := range cores {
			u = append(u, NodeUse{Name: []string{"n1", "n2", "n3", "n4"}[i], Cores: c, MaxRSS: int64(100*(i+1)) << 20})
		}
		return u
	}
	without := Result{Summary: load.Summary{Accepted: 12000, Committed: 12000, OverallTPS: 400}, Window: 30 * time.Second,
		Nodes: nodes(0.2, 0.2, 0.2, 0.2)}
	with := Result{Summary: load.Summary{Accepted: 12000, Committed: 6000, OverallTPS: 400}, Window: 60 * time.Second,
		Nodes: nodes(0.5, 0.6, 0.1, 0.1)}
	got := Compare(without, with, []int{0, 1})
	for _, want := range []string{"**100 tx/s** (6,000 of 12,000 acknowledged in 60 s)", "**400 tx/s** (12,000 of 12,000 in 30 s): **25 %**",
		"n1, n2 used 0.50 / 0.60 cores, 100 / 200 MB under the attack (0.20 / 0.20 cores, 100 / 200 MB without it)",
		"the others 0.10 / 0.10 cores, 300 / 400 MB"} {
		if !strings.Contains(got, want) {
			t.Errorf("%q\nlacks %q", got, want)
		}
	}
	if got := Compare(Result{Err: "x"}, with, nil); !strings.Contains(got, "No comparison") {
		t.Errorf("failed case: %q", got)
	}
}

func TestAttackSummary(t *testing.T) {
	rep := &flood.Report{Seconds: 31, Targets: []flood.TargetReport{{Addr: "10.99.0.2:33001", Sent: map[string]int64{"votes": 8769, "catchup": 601},
		BytesSent: 1200000, BytesReceived: 633000000, Sessions: 5, EndedByTarget: 4, Refused: 7, CutOff: true, FirstCutOff: 2.4}}}
	want := "to 10.99.0.2:33001 the outsider sent 8,769 votes, 601 catchup (1.2 MB) in 31 s and received 633 MB; 5 sessions, " +
		"4 ended by the target, 7 dials refused; the target cut it off (first after 2 s)"
	if got := attackSummary(rep); got != want {
		t.Errorf("%q\nwant %q", got, want)
	}
}
