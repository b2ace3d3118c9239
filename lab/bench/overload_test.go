package bench

import (
	"strings"
	"testing"
	"time"

	"chain33node/lab/load"
)

// The overload case is paced at a multiple of the best rate the cases before it committed (failed cases do
// not count), rounded to 100 tx/s, for its duration; with nothing committed before, it is not run.
func TestOverloadFollowsThePeak(t *testing.T) {
	c := Case{PeakTimes: 2, Duration: 30 * time.Second}
	before := []Result{
		{Summary: load.Summary{OverallTPS: 4075}},
		{Summary: load.Summary{OverallTPS: 4333}},
		{Summary: load.Summary{OverallTPS: 9999}, Err: "failed"},
	}
	got, peak := c.Overload(before)
	if peak != 4333 || got.Load.Rate != 8700 || got.Load.N != 8700*30 {
		t.Fatalf("peak %v, rate %v, n %d; want 4333, 8700, %d", peak, got.Load.Rate, got.Load.N, 8700*30)
	}
	if !strings.HasPrefix(got.Name, "paced 8700 tx/s for 30 s") {
		t.Fatalf("name %q", got.Name)
	}
	r := Result{Case: got, Summary: load.Summary{OverallTPS: 3900, Submitted: 200000, SubmitSpan: 30 * time.Second}}
	if n := OverloadNote(r, peak); !strings.Contains(n, "**90 % of that peak**") || !strings.Contains(n, "6667 posts a second") {
		t.Fatalf("note %q", n)
	}
	if _, peak := c.Overload(before[2:]); peak != 0 {
		t.Fatalf("peak %v from failed cases only", peak)
	}
}
