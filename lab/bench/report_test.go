package bench

import (
	"bytes"
	"os/exec"
	"strings"
	"testing"
	"time"

	"chain33node/lab/load"
)

// A chain synced several times reports the median and every run; rates are of the median.
func TestSyncRowGivesTheMedian(t *testing.T) {
	r := SyncResult{Blocks: 10000, Txs: 70000, Made: "a load of 1000 tx/s",
		Runs: []time.Duration{5200 * time.Millisecond, 5 * time.Second, 4900 * time.Millisecond}}
	r.Took = median(r.Runs)
	var b bytes.Buffer
	Write(&b, Header{}, nil, []SyncResult{r})
	row := "| a load of 1000 tx/s | 10,000 | 70,000 (7) | 5.0 s (median of 5.2, 5.0, 4.9 s) | 2000 | 14000 |"
	if !strings.Contains(b.String(), row) || !strings.Contains(b.String(), "the time is the median") {
		t.Fatalf("report:\n%s\nwant a row starting %s", b.String(), row)
	}
}

// A chain synced in turns by another binary (-sync-against) reports that binary's runs and median too; the
// rates are of this binary's.
func TestSyncRowGivesTheOtherBinary(t *testing.T) {
	r := SyncResult{Blocks: 10000, Txs: 70000, Made: "a load of 1000 tx/s", Runs: []time.Duration{5 * time.Second},
		Against: "/old/bin", AgainstRuns: []time.Duration{6200 * time.Millisecond, 6 * time.Second, 6100 * time.Millisecond}}
	r.Took = median(r.Runs)
	var b bytes.Buffer
	Write(&b, Header{}, nil, []SyncResult{r})
	row := "| 5.0 s; the node of /old/bin, in turns: 6.1 s (median of 6.2, 6.0, 6.1 s) | 2000 | 14000 |"
	if !strings.Contains(b.String(), row) {
		t.Fatalf("report:\n%s\nwant a row with %s", b.String(), row)
	}
}

// The speed check verifies a real signature and times it in a plausible
// range; the report line gives both figures.
func TestSignatureCheck(t *testing.T) {
	d, err := SignatureCheck()
	if err != nil {
		t.Fatal(err)
	}
	if d < time.Microsecond || d > 10*time.Millisecond {
		t.Fatalf("a signature check took %v", d)
	}
	line := Speed(26100*time.Nanosecond, 31234*time.Nanosecond)
	if !strings.Contains(line, "took 26.1 µs on one core before the run and 31.2 µs after") {
		t.Fatal(line)
	}
	if Speed(0, 0) != "" {
		t.Fatal("a line without a measurement")
	}
}

// A load row gives the latency the client sees (its post to the block), then the two parts split at the
// node's answer, each in its column; the overload note gives both p99s.
func TestLoadRowLatencies(t *testing.T) {
	s := load.Summary{Submitted: 1000, Accepted: 1000, Committed: 1000, SubmitSpan: time.Second, OverallTPS: 1000,
		Lat:    [4]time.Duration{1100 * time.Millisecond, 1900 * time.Millisecond, 2900 * time.Millisecond},
		LatAck: [4]time.Duration{800 * time.Millisecond, 1300 * time.Millisecond, 1700 * time.Millisecond},
		LatRPC: [4]time.Duration{300 * time.Millisecond, 600 * time.Millisecond, 1200 * time.Millisecond}}
	var b bytes.Buffer
	Write(&b, Header{}, []Group{{Title: "4 validators", Results: []Result{{Case: Case{Name: "x"}, Summary: s}}}}, nil)
	cells := strings.Split(strings.TrimSpace(strings.Split(b.String(), "| x |")[1]), "|")
	if got := strings.TrimSpace(cells[4]) + " | " + strings.TrimSpace(cells[5]) + " | " + strings.TrimSpace(cells[6]); got != "1.1 s / 1.9 s / 2.9 s | 1.7 s | 1.2 s" {
		t.Fatalf("latency cells %q in\n%s", got, b.String())
	}
	if n := OverloadNote(Result{Summary: s}, 1000); !strings.Contains(n, "p99 2.9 s from the post to the block (1.7 s from the node's answer)") {
		t.Fatalf("note %q", n)
	}
}

// Each load row and each sync row gives the machine's speed timed before and after it ("?" where the
// check failed) in its last cell, under its own column.
func TestRowsGiveTheMachineSpeed(t *testing.T) {
	s := load.Summary{Submitted: 1000, Accepted: 1000, Committed: 1000, SubmitSpan: time.Second, OverallTPS: 1000}
	results := []Result{{Case: Case{Name: "x"}, Summary: s, Speed: [2]time.Duration{41460 * time.Nanosecond, 28908 * time.Nanosecond}}}
	syncs := []SyncResult{{Blocks: 10, Txs: 100, Made: "a load of 1000 tx/s", Took: time.Second, Runs: []time.Duration{time.Second},
		Speed: [2]time.Duration{30 * time.Microsecond, 0}}}
	var b bytes.Buffer
	Write(&b, Header{}, []Group{{Title: "4 validators", Results: results}}, syncs)
	want := map[string]string{"| load |": "| x |", "| chain |": "| a load"}
	cell := map[string]string{"| x |": "| 41.5 / 28.9 |", "| a load": "| 30.0 / ? |"}
	lines := strings.Split(b.String(), "\n")
	found := 0
	for i, line := range lines {
		for head, row := range want {
			if !strings.HasPrefix(line, head) {
				continue
			}
			if !strings.HasSuffix(line, "| machine: µs a check before / after |") || i+2 >= len(lines) ||
				!strings.HasPrefix(lines[i+2], row) || !strings.HasSuffix(lines[i+2], cell[row]) ||
				strings.Count(lines[i+2], "|") != strings.Count(line, "|") {
				t.Fatalf("table %q, first row %q: want the speed column last", line, lines[min(i+2, len(lines)-1)])
			}
			found++
		}
	}
	if found != 2 {
		t.Fatalf("%d tables with the speed column, want 2:\n%s", found, b.String())
	}
}

// waitQuiet returns after the first quiet second of idle processes, and waits its whole limit while one
// keeps a core busy.
func TestWaitQuiet(t *testing.T) {
	start := func(argv ...string) int {
		cmd := exec.Command(argv[0], argv[1:]...)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
		return cmd.Process.Pid
	}
	idle, busy := start("sleep", "60"), start("sh", "-c", "while :; do :; done")
	t0 := time.Now()
	waitQuiet([]int{idle}, 20*time.Second)
	if d := time.Since(t0); d >= 20*time.Second {
		t.Fatalf("an idle process was waited for %v", d)
	}
	t0 = time.Now()
	waitQuiet([]int{idle, busy}, 3*time.Second)
	if d := time.Since(t0); d < 3*time.Second {
		t.Fatalf("waitQuiet returned after %v while a process kept a core busy", d)
	}
}

// A case's row gives the average and the longest block interval, and the rounds beyond round 0 ("?" when
// they could not be read).
func TestRowsGiveLongestIntervalAndRounds(t *testing.T) {
	s := load.Summary{Submitted: 1000, Accepted: 1000, Committed: 1000, SubmitSpan: time.Second, OverallTPS: 1000,
		BlockInterval: 656 * time.Millisecond}
	for _, c := range []struct {
		rounds int64
		cell   string
	}{{3, "| 656 ms / 2.6 s (3) |"}, {-1, "| 656 ms / 2.6 s (?) |"}} {
		var b bytes.Buffer
		Write(&b, Header{}, []Group{{Title: "4 validators", Results: []Result{{Case: Case{Name: "x"}, Summary: s,
			MaxGap: 2600 * time.Millisecond, Rounds: c.rounds}}}}, nil)
		if !strings.Contains(b.String(), c.cell) {
			t.Fatalf("rounds %d: no cell %q in\n%s", c.rounds, c.cell, b.String())
		}
	}
}

// roundsSince takes the most any validator counted, and skips a validator read only once.
func TestRoundsSince(t *testing.T) {
	for _, c := range []struct {
		before, after []int64
		want          int64
	}{
		{[]int64{5, 5, 7, 5}, []int64{6, 8, 7, 5}, 3},
		{[]int64{-1, 2}, []int64{9, 2}, 0},
		{[]int64{-1, -1}, []int64{4, -1}, -1},
	} {
		if got := roundsSince(c.before, c.after); got != c.want {
			t.Fatalf("roundsSince(%v, %v) = %d, want %d", c.before, c.after, got, c.want)
		}
	}
}
