package e2e

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"chain33node/lab"
	"chain33node/lab/flood"
	"chain33node/lab/load"
	"chain33node/lab/verify"
)

// The outsider attack of the issue "Consensus under attack": while a steady
// load runs on four validators, an outsider (a host without a validator key)
// floods two of them with junk votes, catch-up requests and status requests,
// each of its connections staying under the transport's observer rate (so
// that only consensus can tell it apart from an honest observer). The chain
// must go on committing through the attack and commit every acknowledged
// transaction exactly once, on one chain; and the validators must cut the
// outsider off.
const (
	attackFor    = 30 * time.Second
	commitWindow = 10 * time.Second // during the attack, at least one block in every window this long
)

func TestOutsiderFloodKeepsCommitting(t *testing.T) {
	outsider := filepath.Join(binDir, "outsider")
	if out, err := exec.Command("go", "build", "-o", outsider, "chain33node/cmd/outsider").CombinedOutput(); err != nil {
		t.Fatalf("build outsider: %v\n%s", err, out)
	}
	l, err := lab.Start("", lab.Options{Repo: repoRoot(t), Bin: binDir, Dir: t.TempDir(), Nodes: 4, TmpfsNode: -1, Log: t.Logf})
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	ld, err := l.StartLoad(lab.LoadOptions{Rate: 200, Senders: 1024, Accounts: 64})
	if err != nil {
		t.Fatal(err)
	}
	defer ld.Close()
	time.Sleep(5 * time.Second) // the load runs alone first

	targets := l.Nodes[0].IP + ":33001," + l.Nodes[1].IP + ":33001"
	var stdout, stderr bytes.Buffer
	cmd := exec.Command(outsider, "-targets", targets, "-conns", "4", "-votes", "80", "-catchup", "5", "-status", "5",
		"-duration", attackFor.String())
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	from := ld.Since()
	if err := cmd.Run(); err != nil {
		t.Fatalf("outsider: %v\n%s", err, stderr.String())
	}
	to := ld.Since()
	t.Logf("outsider from %.1f s to %.1f s of the load:\n%s", from.Seconds(), to.Seconds(), stderr.String())
	var rep flood.Report
	if err := json.Unmarshal(stdout.Bytes(), &rep); err != nil {
		t.Fatalf("outsider report: %v\n%s", err, stdout.String())
	}

	// Every acknowledged transaction commits (no resends) on one chain.
	ld.StopSending()
	for deadline := time.Now().Add(60 * time.Second); ld.Progress().Pending > 0 && time.Now().Before(deadline); {
		time.Sleep(250 * time.Millisecond)
	}
	ld.Close()
	items, recs := ld.Records()
	var acked []string
	for i, r := range recs {
		if r.Acked() {
			acked = append(acked, items[i].Hash)
		}
	}
	chain := verify.New(load.NewRPC(4, time.Minute), l.URLs)
	heads, errs := chain.Read()
	for i, err := range errs {
		if err != nil {
			t.Errorf("reading n%d's chain: %v", i+1, err)
		}
	}
	if f := chain.Findings(); len(f.Forks)+len(f.Dups)+len(f.Rollbacks) > 0 {
		t.Errorf("not one chain: %s", f)
	}
	if missing := chain.Missing(acked); len(missing) > 0 {
		t.Errorf("%d of %d acknowledged transactions not committed (e.g. %s); heads %v", len(missing), len(acked), missing[0], heads)
	}
	for _, n := range l.Nodes {
		if !n.Running() {
			t.Errorf("%s exited: %s", n.Name, n.Output(600))
		}
	}

	// Commits went on during the attack: a block with transactions in every window.
	var gap, last time.Duration
	ours := 0
	for _, b := range ld.Watch.Blocks {
		if b.Seen >= from && b.Seen < to {
			gap, last, ours = max(gap, b.Seen-max(last, from)), b.Seen, ours+b.Ours
		}
	}
	t.Logf("during the attack: %.0f tx/s committed, longest time without a block %.1f s", float64(ours)/(to-from).Seconds(), gap.Seconds())
	for w := from; w+commitWindow <= to; w += commitWindow {
		n := 0
		for _, b := range ld.Watch.Blocks {
			if b.Seen >= w && b.Seen < w+commitWindow && b.Ours > 0 {
				n++
			}
		}
		if n == 0 {
			t.Errorf("no block committed from %.1f s to %.1f s of the load, during the attack", w.Seconds(), (w + commitWindow).Seconds())
		}
	}

	// The attack happened, and the targets cut the outsider off.
	for i, tr := range rep.Targets {
		if tr.Sessions == 0 || tr.Sent[flood.Votes.String()] == 0 || tr.Height == 0 {
			t.Fatalf("the outsider did not attack %s: %+v", tr.Addr, tr)
		}
		bans := l.Nodes[i].LogLines(0, "qbft peer banned")
		if !tr.CutOff {
			t.Errorf("%s did not cut the outsider off: %d sessions, %d ended by it, %d dials refused, %s sent; %d bans in its log %s",
				tr.Addr, tr.Sessions, tr.EndedByTarget, tr.Refused, sent(tr), len(bans), strings.Join(bans[:min(2, len(bans))], " | "))
		}
	}
}

func sent(tr flood.TargetReport) string {
	var parts []string
	for k := range flood.NumKinds {
		if n := tr.Sent[k.String()]; n > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", n, k))
		}
	}
	return strings.Join(parts, ", ")
}
