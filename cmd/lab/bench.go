package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"time"

	"chain33node/atomicfile"
	"chain33node/lab"
	"chain33node/lab/bench"
	"chain33node/lab/faults"
)

func runBench(args []string) int {
	fs := flag.NewFlagSet("bench", flag.ExitOnError)
	var c common
	c.register(fs)
	var (
		out        = fs.String("out", "", "write the Markdown report here (BENCHMARKS.md)")
		only       = fs.String("only", "cluster,single,sync,outsider", "groups to run: cluster (4 validators), single (1 validator), sync, outsider (4 validators attacked); the report keeps the sections of the others from -out")
		sendersCSV = fs.String("senders", "64,256,1024", "as-fast-as-they-can cases: senders of each")
		ratesCSV   = fs.String("rates", "1000,2000,3000", "paced cases: tx/s of each")
		connEach   = fs.Int("conn-each", 256, "an as-fast-as-they-can case with this many senders, each request on a new connection, as a client without keep-alive (0: none)")
		goDefault  = fs.Int("default-client", 256, "an as-fast-as-they-can case with this many senders through a client that keeps at most 2 idle connections a node and closes the others after their answer, as Go's http.DefaultClient, which chain33's jsonclient uses (0: none)")
		grpcSend   = fs.Int("grpc", 256, "an as-fast-as-they-can case with this many senders posting with gRPC SendTransaction, as chain33's Go SDK does (0: none)")
		oneNode    = fs.Int("one-node", 256, "an as-fast-as-they-can case with this many senders, all posting to one node (n1), as an application given one node's URL (0: none)")
		idle       = fs.Int("idle", 0, "the as-fast-as-they-can cases' client keeps at most this many idle connections a node and closes the others after their answer, as Go's default client (2) (0: it keeps them all)")
		n          = fs.Int("n", 400000, "as-fast-as-they-can cases: transactions of each (at 6,000-7,000 offered a second, about a minute)")
		pacedFor   = fs.Duration("paced-for", time.Minute, "paced cases: how long each offers its rate")
		overload   = fs.Float64("overload", 2, "cluster group: a last paced case at this multiple of the best committed rate of the cases before it, for -paced-for (0: none)")
		accounts   = fs.Int("accounts", 256, "sending accounts of each case")
		syncBlocks = fs.Int64("sync-blocks", 10000, "sync: blocks of the chain the follower syncs")
		syncRuns   = fs.Int("sync-runs", 3, "sync: how many times the follower syncs each chain, from an empty datadir each time (the report gives the median)")
		against    = fs.String("sync-against", "", "sync: a directory holding another node binary: after each sync, the follower syncs the same chain again running it (an A/B of two binaries on one chain; the report gives both)")
		syncDense  = fs.String("sync-density", "10,50", "sync: transfers in each block of each chain (one chain each)")
		syncRates  = fs.String("sync-rates", "", "sync: instead of -sync-density, tx/s of a paced load that makes each chain (the validator starts a height right after a commit, so the rate and the machine's speed set the transfers a block)")
		drain      = fs.Duration("drain", 3*time.Minute, "after sending, longest wait for the backlog to commit")
		outsider   = fs.String("outsider", "", "also run the 256-sender case with this command in an outsider namespace; {targets} {nodes} {rpc} are replaced")
		note       = fs.String("note", "", "a line for the report (e.g. that the machine was shared)")
		attack     = fs.String("attack", bench.DefaultAttack, "outsider group: the attack's command line, run in an outsider namespace; {bin} {targets} {nodes} {rpc} are replaced")
		profiles   = fs.String("pprof", "", "write a CPU profile of n1 over the first -pprof-for of each case into this directory")
		profileLen = fs.Duration("pprof-for", 20*time.Second, "length of each case's CPU profile")
		attackLoad = fs.Int("attack-load", 400, "outsider group: tx/s of the paced load run without and with the attack, for -paced-for each")
	)
	fs.Parse(args)
	profileDir, profileFor = *profiles, *profileLen
	senders, err := ints(*sendersCSV)
	if err != nil {
		fmt.Fprintln(os.Stderr, "lab: -senders:", err)
		return 2
	}
	rates, err := ints(*ratesCSV)
	if err != nil {
		fmt.Fprintln(os.Stderr, "lab: -rates:", err)
		return 2
	}
	syncRateList, err := ints(*syncRates)
	if err != nil {
		fmt.Fprintln(os.Stderr, "lab: -sync-rates:", err)
		return 2
	}
	densities, err := ints(*syncDense)
	if err != nil {
		fmt.Fprintln(os.Stderr, "lab: -sync-density:", err)
		return 2
	}
	var chains []bench.SyncChain
	for _, r := range syncRateList {
		chains = append(chains, bench.SyncChain{Blocks: *syncBlocks, Rate: float64(r)})
	}
	if len(chains) == 0 {
		for _, d := range densities {
			chains = append(chains, bench.SyncChain{Blocks: *syncBlocks, PerBlock: d})
		}
	}
	if err := c.check(); err != nil {
		fmt.Fprintln(os.Stderr, "lab:", err)
		return 2
	}
	groups := map[string]bool{}
	for _, g := range strings.Split(*only, ",") {
		groups[g] = true
	}
	run := lab.Enter(c.keep)
	code := 1
	defer func() { run.End(code == 0) }()
	where := "each node in its own network namespace"
	if !run.Namespaces() {
		where = "nodes on 127.0.0.2-5 (no namespaces: " + run.Why + ")"
	}
	ctx, stop := interrupted()
	defer stop()
	speedBefore := signatureCheck("before the run")
	base := lab.Options{Repo: c.repo, Bin: c.bin, TmpfsNode: -1, Metrics: 9101, Log: logf}
	if *profiles != "" {
		if err := os.MkdirAll(*profiles, 0o755); err != nil {
			fmt.Fprintln(os.Stderr, "lab: -pprof:", err)
			return 2
		}
		base.Pprof = 6060
	}
	var results []bench.Group
	var syncs []bench.SyncResult
	failed := false

	if groups["cluster"] {
		var cases []bench.Case
		for _, s := range senders {
			name := fmt.Sprintf("%d senders as fast as they can", s)
			if *idle > 0 {
				name += fmt.Sprintf(", at most %d idle connections a node", *idle)
			}
			cases = append(cases, bench.Case{Name: name,
				Load: lab.LoadOptions{Senders: s, Accounts: *accounts, N: *n, Timeout: 30 * time.Second, Idle: *idle}})
		}
		for _, r := range rates {
			cases = append(cases, bench.Case{Name: fmt.Sprintf("paced %d tx/s for %.0f s", r, pacedFor.Seconds()), Duration: *pacedFor,
				Load: lab.LoadOptions{Rate: float64(r), Senders: bench.PacedInFlight, Accounts: *accounts, N: int(float64(r) * pacedFor.Seconds()), Timeout: 30 * time.Second}})
		}
		if *overload > 0 {
			cases = append(cases, bench.Case{PeakTimes: *overload, Duration: *pacedFor,
				Load: lab.LoadOptions{Senders: bench.PacedInFlight, Accounts: *accounts, Timeout: 30 * time.Second}})
		}
		// Last: the cases before meet the chain they met in earlier reports.
		if *grpcSend > 0 {
			cases = append(cases, bench.Case{Name: fmt.Sprintf("%d senders as fast as they can, gRPC SendTransaction", *grpcSend),
				Load: lab.LoadOptions{Senders: *grpcSend, Accounts: *accounts, N: *n, Timeout: 30 * time.Second, GRPC: true}})
		}
		if *connEach > 0 {
			cases = append(cases, bench.Case{Name: fmt.Sprintf("%d senders as fast as they can, a new connection for each request", *connEach),
				Load: lab.LoadOptions{Senders: *connEach, Accounts: *accounts, N: *n, Timeout: 30 * time.Second, ConnEach: true}})
		}
		if *goDefault > 0 {
			cases = append(cases, bench.Case{Name: fmt.Sprintf("%d senders as fast as they can, Go's default HTTP client (2 idle connections a node, as chain33's jsonclient)", *goDefault),
				Load: lab.LoadOptions{Senders: *goDefault, Accounts: *accounts, N: *n, Timeout: 30 * time.Second, Idle: 2}})
		}
		if *oneNode > 0 {
			cases = append(cases, bench.Case{Name: fmt.Sprintf("%d senders as fast as they can, all to one node", *oneNode),
				Load: lab.LoadOptions{Senders: *oneNode, Accounts: *accounts, N: *n, Timeout: 30 * time.Second, OneNode: true}})
		}
		o := base
		o.Nodes, o.Dir = 4, run.Dir+"/cluster4"
		var argv []string
		if *outsider != "" && run.Namespaces() {
			o.Outsiders = 1
			argv = strings.Fields(*outsider)
			cases = append(cases, bench.Case{Name: "256 senders as fast as they can, outsider running", Outsider: true,
				Load: lab.LoadOptions{Senders: 256, Accounts: *accounts, N: *n, Timeout: 30 * time.Second}})
		}
		g, ok := group(ctx, run, o, "4 validators", cases, argv, *drain)
		results, failed = append(results, g), failed || !ok
	}
	if groups["single"] && ctx.Err() == nil {
		o := base
		o.Nodes, o.Dir, o.Set = 1, run.Dir+"/single", map[string]string{"singleMode": "true"}
		g, ok := group(ctx, run, o, "1 validator", []bench.Case{{Name: "256 senders as fast as they can",
			Load: lab.LoadOptions{Senders: 256, Accounts: *accounts, N: *n, Timeout: 30 * time.Second}}}, nil, *drain)
		results, failed = append(results, g), failed || !ok
	}
	for _, chain := range chains {
		if !groups["sync"] || ctx.Err() != nil {
			break
		}
		o := base
		o.Nodes, o.Followers, o.Dir = 1, 1, fmt.Sprintf("%s/sync-%s", run.Dir, chain.Name())
		o.Set = map[string]string{"singleMode": "true", "skipTimeoutCommit": "true"}
		r := bench.SyncResult{}
		if l, err := lab.Start(run.ID, o); err != nil {
			r.Err = err.Error()
		} else {
			profile := ""
			if profileDir != "" {
				profile = filepath.Join(profileDir, "sync-"+chain.Name())
			}
			r = bench.Sync(ctx, l, chain, max(*syncRuns, 1), *against, profile, profileFor)
			l.Close()
		}
		logf("sync: %+v", r)
		syncs, failed = append(syncs, r), failed || r.Err != ""
	}
	if groups["outsider"] && ctx.Err() == nil {
		o := base
		o.Nodes, o.Dir, o.Outsiders = 4, run.Dir+"/outsider", 1
		if !run.Namespaces() {
			o.Outsiders = 0 // it runs next to the client
		}
		load := lab.LoadOptions{Rate: float64(*attackLoad), Senders: bench.PacedInFlight, Accounts: *accounts,
			N: int(float64(*attackLoad) * pacedFor.Seconds()), Timeout: 30 * time.Second}
		name := fmt.Sprintf("paced %d tx/s for %.0f s", *attackLoad, pacedFor.Seconds())
		cases := []bench.Case{{Name: name, Duration: *pacedFor, Load: load},
			{Name: name + ", outsider attacking n1 and n2", Duration: *pacedFor, Load: load, Outsider: true}}
		argv := strings.Fields(strings.ReplaceAll(*attack, "{bin}", c.bin))
		g, ok := group(ctx, run, o, bench.AttackTitle, cases, argv, *drain)
		if len(g.Results) == 2 {
			g.Notes = append(g.Notes, bench.AttackNote(*attack), bench.Compare(g.Results[0], g.Results[1], []int{0, 1}))
		}
		results, failed = append(results, g), failed || !ok
	}
	if *out != "" && ctx.Err() == nil {
		h := bench.Header{Machine: machine(), Cores: runtime.NumCPU(), Revision: revision(c.repo),
			Date: time.Now().UTC().Format("2006-01-02 15:04 UTC"), Where: where, Note: *note,
			Speed: bench.Speed(speedBefore, signatureCheck("after the run"))}
		var report bytes.Buffer
		bench.Write(&report, h, results, syncs)
		if old, err := os.ReadFile(*out); err == nil {
			report = *bytes.NewBuffer(bench.Merge(report.Bytes(), old))
		}
		if err := atomicfile.Write(*out, report.Bytes(), 0o644); err != nil {
			logf("writing %s: %v", *out, err)
			return code
		}
		logf("wrote %s", *out)
	}
	if !failed && ctx.Err() == nil {
		code = 0
	}
	return code
}

// signatureCheck times bench.SignatureCheck and logs it; 0 if it failed.
func signatureCheck(when string) time.Duration {
	d, err := bench.SignatureCheck()
	if err != nil {
		logf("machine speed %s: %v", when, err)
		return 0
	}
	logf("machine speed %s: a secp256k1 signature check takes %v", when, d)
	return d
}

// profileDir and profileFor are -pprof and -pprof-for.
var (
	profileDir string
	profileFor time.Duration
)

// group runs cases one after another on a fresh lab cluster.
func group(ctx context.Context, run lab.Run, o lab.Options, title string, cases []bench.Case, outsider []string,
	drain time.Duration) (bench.Group, bool) {
	g := bench.Group{Title: title}
	l, err := lab.Start(run.ID, o)
	if err != nil {
		logf("%s: %v", title, err)
		g.Results = append(g.Results, bench.Result{Case: bench.Case{Name: "start"}, Err: err.Error()})
		return g, false
	}
	defer l.Close()
	outsider = faults.ExpandOutsider(outsider, l)
	ok := true
	profileNames := map[string]int{} // profileFile's count of each name
	for _, c := range cases {
		if ctx.Err() != nil {
			break
		}
		peak := 0.0
		if c.PeakTimes > 0 {
			if c, peak = c.Overload(g.Results); peak == 0 {
				logf("%s: no case committed anything: no overload case", title)
				continue
			}
		}
		if profileDir != "" {
			c.Profile, c.ProfileFor = profileFile(profileDir, title+" "+c.Name, profileNames), profileFor
		}
		logf("%s: %s (%s)", title, c.Name, c.Load)
		r := bench.Run(ctx, l, c, outsider, drain)
		s := r.Summary
		logf("%s: %s: %.0f tx/s committed, p99 %s from the post, refused %s, acknowledged %d, of them not seen committed %d; "+
			"longest block gap %s, heads %v, watcher retries %d; a signature check %v before, %v after %s",
			title, c.Name, s.OverallTPS, s.Lat[2], r.Refusals(), s.Accepted, s.Uncommitted, r.MaxGap, r.Heads, r.WatchErrors,
			r.Speed[0], r.Speed[1], r.Err)
		ok = ok && r.Err == ""
		g.Results = append(g.Results, r)
		if n := bench.OverloadNote(r, peak); n != "" {
			g.Notes = append(g.Notes, n)
		}
	}
	return g, ok
}

// profileFile is where the CPU profile of the case name goes in dir; a
// name that seen has counted before gets "-2", "-3", ... so that a case run
// again on one cluster does not overwrite the profile of its first run.
func profileFile(dir, name string, seen map[string]int) string {
	name = fileName(name)
	if seen[name]++; seen[name] > 1 {
		name += "-" + strconv.Itoa(seen[name])
	}
	return filepath.Join(dir, name+".pprof")
}

// fileName turns a case's title into a file name.
func fileName(s string) string {
	return strings.Map(func(r rune) rune {
		if r == ' ' || r == '/' || r == ',' {
			return '-'
		}
		return r
	}, s)
}

func ints(csv string) ([]int, error) {
	var out []int
	for _, f := range strings.Split(csv, ",") {
		if f = strings.TrimSpace(f); f == "" {
			continue
		}
		v, err := strconv.Atoi(f)
		if err != nil || v <= 0 {
			return nil, fmt.Errorf("%q is not a positive number", f)
		}
		out = append(out, v)
	}
	return out, nil
}
