package lab

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"chain33node/cmdtest"
	"chain33node/lab/load"
	"chain33node/poll"
)

// testRun is the run the tests happen in: as root, TestMain re-runs this
// test binary inside a run's client namespace (Enter), as cmd/lab does.
var testRun Run

// testBin holds node and cli built for the tests.
var testBin string

func TestMain(m *testing.M) {
	flag.Parse()
	if testing.Short() || os.Geteuid() != 0 {
		os.Exit(m.Run()) // the tests skip: loopback addresses are the e2e tests'
	}
	testRun = Enter(false)
	code := 1
	defer func() { os.Exit(code) }()
	defer cmdtest.Cleanup()
	var err error
	if testBin, err = cmdtest.Build("node", "cli"); err != nil {
		fmt.Fprintln(os.Stderr, err)
		return
	}
	code = m.Run()
}

func start(t *testing.T, o Options) *Lab {
	t.Helper()
	if !testRun.Namespaces() {
		t.Skip("needs root (network namespaces)")
	}
	o.Repo, o.Bin, o.Dir = "..", testBin, filepath.Join(testRun.Dir, t.Name())
	o.TmpfsNode = -1
	o.Log = t.Logf
	l, err := Start(testRun.ID, o)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		l.Close()
		for _, h := range l.Net.Nodes {
			if _, err := os.Stat("/run/netns/" + h.NS); err == nil {
				t.Errorf("namespace %s left after Close", h.NS)
			}
		}
	})
	return l
}

// The outsider hook: a process in a namespace of its own reaches every
// node's consensus port, and the nodes see it come from its own address.
func TestOutsiderReachesTheNodes(t *testing.T) {
	l := start(t, Options{Nodes: 4, Outsiders: 1, Metrics: 9101})
	if p, err := l.Proposer(); err != nil || p < 0 || p >= 4 {
		t.Fatalf("proposer %d: %v", p, err)
	}
	for i, r := range l.Rounds() { // each node serves the metric the report's rounds column reads
		if r < 0 {
			t.Fatalf("%s: chain33_consensus_rounds_total not read from its metrics", l.Nodes[i].Name)
		}
	}
	var script []string
	for _, n := range l.Nodes {
		script = append(script, fmt.Sprintf("exec 3<>/dev/tcp/%s/33001 && echo %s reached && exec 3>&-", n.IP, n.Name))
	}
	out := filepath.Join(t.TempDir(), "outsider.out")
	o, err := l.StartOutsider(0, []string{"bash", "-c", strings.Join(script, "; ") + "; ip -o addr show dev lo; echo done; sleep 60"}, out)
	if err != nil {
		t.Fatal(err)
	}
	poll.Until(t, 30*time.Second, "the outsider's script to finish", func() bool {
		b, _ := os.ReadFile(out)
		return strings.Contains(string(b), "\ndone\n")
	})
	if s := o.Stop(); s != "" {
		t.Fatalf("the outsider did not run until stopped: %s", s)
	}
	b, _ := os.ReadFile(out)
	for _, n := range l.Nodes {
		if !strings.Contains(string(b), n.Name+" reached") {
			t.Errorf("%s's consensus port not reached:\n%s", n.Name, b)
		}
	}
	if !strings.Contains(string(b), l.Net.Clients[1].IP+"/32") {
		t.Errorf("the outsider's namespace lacks its address %s:\n%s", l.Net.Clients[1].IP, b)
	}
	if _, err := l.StartOutsider(1, []string{"true"}, out); err == nil {
		t.Error("a second outsider namespace that was not asked for")
	}
}

// A follower laid out as the README says joins the chain of a single
// validator and syncs it; its listeners (metrics here) are on its own
// address, not on the validator's its config was copied from.
func TestFollowerSyncs(t *testing.T) {
	l := start(t, Options{Nodes: 1, Followers: 1, Metrics: 9101, Set: map[string]string{"singleMode": "true"}})
	f := l.Followers[0]
	if f.Pub == l.Nodes[0].Pub || f.IP == l.Nodes[0].IP {
		t.Fatalf("the follower shares the validator's key or address")
	}
	poll.Until(t, 60*time.Second, "a few blocks to sync", func() bool { v, err := load.Height(l.RPC, l.URLs[0]); return err == nil && v >= 3 })
	if err := f.Start(); err != nil {
		t.Fatal(err)
	}
	err := poll.Wait(60*time.Second, func() error {
		v, err1 := load.Height(l.RPC, l.URLs[0])
		h, err2 := load.Height(l.RPC, f.URL)
		if err1 == nil && err2 == nil && h >= v && v > 1 {
			return nil
		}
		return fmt.Errorf("follower at %d (%v), validator at %d (%v)", h, err2, v, err1)
	})
	if err != nil {
		t.Fatalf("%v: %s", err, f.Output(500))
	}
}

// MakeChain fills each block it makes with the transfers asked for, so the
// chain has the same shape on any machine.
func TestMakeChainFillsEachBlock(t *testing.T) {
	l := start(t, Options{Nodes: 1, Set: map[string]string{"singleMode": "true", "skipTimeoutCommit": "true"}})
	const blocks, perBlock = 40, 7
	if err := l.MakeChain(context.Background(), blocks, perBlock); err != nil {
		t.Fatal(err)
	}
	h, err := load.Height(l.RPC, l.URLs[0])
	if err != nil || h < blocks {
		t.Fatalf("height %d (%v), want %d", h, err, blocks)
	}
	// The funding's blocks come first; the last 20 are the transfers'.
	st, err := load.GetPerfStat(l.RPC, l.URLs[0], blocks-19, blocks)
	if err != nil {
		t.Fatal(err)
	}
	// Now and then a block holds part of a call's transfers and the next
	// one the rest (MakeChain): about perBlock a block, not exactly.
	if n := int(st.TotalTx); n < 20*perBlock*3/4 || n > 20*perBlock*5/4 {
		t.Fatalf("%d transfers in the last 20 blocks, want about %d", n, 20*perBlock)
	}
}

// A follower killed in the middle of block sync syncs the rest once started
// again and ends with the validator's history indexes: the entries not yet
// written (block sync writes them behind its commits, a range at a time)
// are made again at its start (RebuildIndexes).
func TestFollowerKilledMidSyncKeepsIndexes(t *testing.T) {
	l := start(t, Options{Nodes: 1, Followers: 1, Set: map[string]string{"singleMode": "true", "skipTimeoutCommit": "true"}})
	const blocks = 3000
	if err := l.MakeChain(context.Background(), blocks, 10); err != nil {
		t.Fatal(err)
	}
	f := l.Followers[0]
	height := func() int64 { h, _ := load.Height(l.RPC, f.URL); return h }
	if err := f.Start(); err != nil {
		t.Fatal(err)
	}
	poll.Until(t, 60*time.Second, "the follower halfway", func() bool { return height() >= blocks/2 })
	if err := f.Kill(); err != nil {
		t.Fatal(err)
	}
	if err := f.Start(); err != nil {
		t.Fatal(err)
	}
	poll.Until(t, 60*time.Second, "the follower synced", func() bool { return height() >= blocks })
	count := func(url, prefix string) int64 {
		var n struct {
			Data int64 `json:"data,string"`
		}
		if err := l.RPC.Call(url, "Chain33.Query", map[string]any{"execer": "coins", "funcName": "GetPrefixCount",
			"payload": map[string]string{"key": prefix}}, &n); err != nil {
			t.Fatal(err)
		}
		return n.Data
	}
	for _, prefix := range []string{"TxAddrHash:", "TxAddrDirHash:", "AddrTxsCount:", "LODB-coins-Addr:"} {
		err := poll.Wait(30*time.Second, func() error {
			if v, fc := count(l.URLs[0], prefix), count(f.URL, prefix); v != fc || v == 0 {
				return fmt.Errorf("%s: %d entries at the follower, %d at the validator", prefix, fc, v)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
}

// The gRPC client posts with SendTransaction to the node's gRPC port, as
// chain33's Go SDK does: every transfer is acknowledged and commits, and
// the node's refusals arrive as its error text, as over JSON-RPC.
func TestLoadOverGRPC(t *testing.T) {
	l := start(t, Options{Nodes: 1, Set: map[string]string{"singleMode": "true"}})
	ld, err := l.StartLoad(LoadOptions{GRPC: true, Senders: 8, Accounts: 8, N: 400, Timeout: 30 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	defer ld.Close()
	ld.WaitSent()
	poll.Until(t, 60*time.Second, "the transfers to commit", func() bool { return ld.Progress().Pending == 0 })
	if p := ld.Progress(); p.Acked != 400 || p.Committed != 400 {
		t.Fatalf("acknowledged %d, committed %d of 400 (refused %v)", p.Acked, p.Committed, ld.Refused())
	}
	// A transfer posted again is a duplicate: the node's error text, classified as over JSON-RPC.
	g := load.NewGRPC(8802, 10*time.Second)
	defer g.Close()
	items, _ := ld.Records()
	err = g.Send(l.URLs[0], items[0])
	if c := load.ErrorClass(err); c != "ErrDupTx" {
		t.Fatalf("a transfer posted again: %v (class %q), want the node's duplicate error", err, c)
	}
}

// metric reads the unlabelled sample of its name, not one whose name only begins so.
func TestMetric(t *testing.T) {
	text := "# HELP chain33_consensus_rounds_total Rounds beyond round 0 before a commit.\n" +
		"# TYPE chain33_consensus_rounds_total counter\nchain33_consensus_rounds_total_x 9\nchain33_consensus_rounds_total 12\n"
	if v, ok := metric(strings.NewReader(text), "chain33_consensus_rounds_total"); !ok || v != 12 {
		t.Fatalf("metric = %v, %v; want 12, true", v, ok)
	}
	if _, ok := metric(strings.NewReader(text), "chain33_consensus_round"); ok {
		t.Fatal("found a metric the text does not have")
	}
}

// A one-node load posts to the first node only, and says so; another, to
// all of them.
func TestLoadOneNode(t *testing.T) {
	urls := []string{"n1", "n2", "n3", "n4"}
	for _, c := range []struct {
		one  bool
		want []string
		says string
	}{
		{false, urls, ""},
		{true, urls[:1], ", all to one node"},
	} {
		o := LoadOptions{Senders: 8, Accounts: 8, OneNode: c.one}
		if got := o.entryURLs(urls); !slices.Equal(got, c.want) {
			t.Errorf("one node %v: posts to %v, want %v", c.one, got, c.want)
		}
		if s := o.String(); !strings.HasSuffix(s, "8 accounts"+c.says) {
			t.Errorf("one node %v: described as %q", c.one, s)
		}
	}
}
