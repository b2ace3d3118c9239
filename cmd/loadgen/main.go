// Command loadgen drives a chain33node cluster with pre-signed coins
// transfers and reports committed tx/s and latency percentiles.
//
//	loadgen [-mode closed|open] [-rpc URLs] [-n 20000 | -duration 20s] [-rate 500] [-c 64] [-accounts 200]
//
// Steps: fund the senders from -key (batches, waited until committed);
// pre-sign every transfer (senders round-robin, minimum fee, random nonce);
// then, timed, post them with Chain33.SendTransaction over the nodes in turn
// from -c workers (paced at -rate per second overall, 0 = as fast as they
// can; -grpc 8802: with gRPC SendTransaction instead, as chain33's Go SDK);
// watch every node's head (Chain33.GetLastHeader every -poll) and the
// blocks' transactions (Chain33.GetBlocks without receipts, from the nodes in
// turn) to time each commit. With -duration and -rate, -n is rate×duration;
// with -duration alone, submission stops after it (or after -n).
//
// -mode closed (the default) is a client tuned to the node: never more than
// -pending uncommitted per sender (maxTxNumPerAccount is 100), overload
// rejections (ErrMemFull, ErrManyTx, transport errors) retried after -backoff.
// -mode open is how users meet the node: every transaction is sent once,
// whatever the node answers; refusals are counted, not retried.
package main

import (
	"flag"
	"fmt"
	"os"
	"runtime"
	"strings"
	"time"

	"chain33node/lab/load"
)

func main() {
	var (
		mode     = flag.String("mode", "closed", "closed: per-sender window and retries; open: send each transaction once, count refusals")
		rpcs     = flag.String("rpc", "http://127.0.0.2:8801,http://127.0.0.3:8801,http://127.0.0.4:8801,http://127.0.0.5:8801", "comma-separated JSON-RPC URLs")
		keyHex   = flag.String("key", load.GenesisKey, "funding private key (hex)")
		accounts = flag.Int("accounts", 200, "sender accounts")
		n        = flag.Int("n", 20000, "transactions")
		rate     = flag.Float64("rate", 0, "target submissions per second (0 = as fast as possible)")
		workers  = flag.Int("c", 64, "concurrent senders (open loop with -rate: the most transactions in flight)")
		duration = flag.Duration("duration", 0, "submit for this long instead of -n (with -rate: n = rate × duration)")
		pending  = flag.Int("pending", 90, "max accepted-but-uncommitted transactions per sender")
		retry    = flag.Bool("retry", true, "retry overload rejections (ErrMemFull, ErrManyTx, transport errors)")
		backoff  = flag.Duration("backoff", 250*time.Millisecond, "wait before retrying a rejected transaction")
		wait     = flag.Duration("wait", 60*time.Second, "after submission, give up when no commit was seen for this long")
		poll     = flag.Duration("poll", 50*time.Millisecond, "head polling interval")
		timeout  = flag.Duration("timeout", 30*time.Second, "per-request timeout")
		amount   = flag.Int64("amount", 1, "base units per transfer")
		blocks   = flag.Bool("blocks", false, "also print one line per block (height, seen, txs, ours)")
		connEach = flag.Bool("conn-each", false, "a new connection for each request (a client without keep-alive)")
		grpcPort = flag.Int("grpc", 0, "post with gRPC SendTransaction (chain33's Go SDK) to this port of each node (8802) instead of JSON-RPC")
		idle     = flag.Int("idle", 0, "keep at most this many idle connections a node and close the others after their answer, as Go's default client (2) (0: keep them all)")
		cluster  = flag.String("clusterdir", "cluster", "make run's cluster directory (node.pid files, for CPU figures)")
	)
	flag.Parse()
	if *mode != "open" && *mode != "closed" {
		fmt.Fprintln(os.Stderr, "loadgen: -mode is open or closed")
		os.Exit(2)
	}
	if err := run(config{
		open: *mode == "open", urls: strings.Split(*rpcs, ","), keyHex: *keyHex, accounts: *accounts, n: *n, rate: *rate,
		workers: *workers, duration: *duration, pending: *pending, retry: *retry, backoff: *backoff,
		wait: *wait, poll: *poll, timeout: *timeout, amount: *amount, cluster: *cluster, blocks: *blocks,
		connEach: *connEach, idle: *idle, grpcPort: *grpcPort,
	}); err != nil {
		fmt.Fprintln(os.Stderr, "loadgen:", err)
		os.Exit(1)
	}
}

type config struct {
	urls                 []string
	keyHex               string
	accounts, n, workers int
	pending              int
	rate                 float64
	duration, backoff    time.Duration
	wait, poll, timeout  time.Duration
	retry, blocks, open  bool
	connEach             bool
	idle                 int
	grpcPort             int // 0: JSON-RPC
	amount               int64
	cluster              string
}

func run(cfg config) error {
	logf := func(format string, a ...any) {
		fmt.Fprintf(os.Stderr, time.Now().Format("15:04:05.000 ")+format+"\n", a...)
	}
	if cfg.accounts < 1 || cfg.workers < 1 || cfg.pending < 1 {
		return fmt.Errorf("-accounts, -c and -pending must be positive")
	}
	if cfg.duration > 0 && cfg.rate > 0 {
		cfg.n = int(cfg.rate * cfg.duration.Seconds())
	}
	funder, err := load.ParseKey(cfg.keyHex)
	if err != nil {
		return fmt.Errorf("-key: %w", err)
	}
	rpc := load.NewPoster(cfg.grpcPort, cfg.connEach, cfg.idle, cfg.workers, cfg.timeout)
	defer rpc.Close()
	ctl := load.NewRPC(4, 2*time.Minute)
	for _, u := range cfg.urls {
		h, err := load.Height(ctl, u)
		if err != nil {
			return fmt.Errorf("%s: %w (is the cluster running? make run)", u, err)
		}
		logf("%s height %d", u, h)
	}
	head := cfg.urls[0]
	p := load.ChainParams(ctl, head, cfg.amount)

	senders, err := load.NewSenders(cfg.accounts)
	if err != nil {
		return err
	}
	t0 := time.Now()
	items, err := load.Presign(senders, cfg.n, p)
	if err != nil {
		return err
	}
	logf("pre-signed %d transfers from %d senders in %s (%d bytes, fee %d each)", len(items), len(senders),
		time.Since(t0).Round(time.Millisecond), len(items[0].Raw), items[0].Fee)
	needs := load.Needs(items, len(senders), cfg.amount)
	for i := range needs {
		needs[i] += 1e8 // one coin of headroom
	}
	t0 = time.Now()
	if err := load.Fund(ctl, head, funder, senders, needs, p, 90, 60*time.Second, os.Stderr); err != nil {
		return err
	}
	logf("funded in %s", time.Since(t0).Round(time.Millisecond))

	from, err := load.Height(ctl, head)
	if err != nil {
		return err
	}
	// The two clients behind one face: submit runs until submission is over,
	// progress is (accepted, committed, last commit), records and refusals
	// feed the summary.
	var (
		track    load.Tracker
		submit   func(start time.Time)
		stopSend func()
		progress func() (int, int, time.Time)
		records  func() []load.Record
		refused  func() map[string]int
	)
	lim := load.NewLimiter(cfg.rate)
	if cfg.open {
		o := load.NewOpen()
		o.Add(items)
		o.Seal()
		track, stopSend = o, o.Stop
		submit = func(start time.Time) { o.Run(rpc, cfg.urls, cfg.workers, lim, start) }
		progress = func() (int, int, time.Time) { p := o.Progress(); return p.Acked, p.Committed, p.LastCommit }
		records = func() []load.Record { _, r := o.Records(); return r }
		refused = o.Refused
	} else {
		sched := load.NewSched(items, len(senders), cfg.pending, cfg.retry, cfg.backoff)
		track, stopSend = sched, sched.Close
		submit = func(start time.Time) { load.Submit(sched, rpc, cfg.urls, cfg.workers, lim, start) }
		progress = func() (int, int, time.Time) { a, c, _, last := sched.Progress(); return a, c, last }
		records = sched.Records
		refused = func() map[string]int { return sched.Rejections }
	}
	pids := load.NodePIDs(cfg.cluster)
	cpu0 := load.SnapCPU(pids)
	start := time.Now()
	w := &load.Watcher{RPC: ctl, Nodes: cfg.urls, Poll: cfg.poll, From: from, Start: start, Track: track}
	stop := make(chan struct{})
	watched := make(chan struct{})
	go func() { w.Run(stop); close(watched) }()
	if cfg.duration > 0 {
		time.AfterFunc(cfg.duration, stopSend)
	}
	ticker := time.NewTicker(5 * time.Second)
	defer ticker.Stop()
	go func() {
		for range ticker.C {
			a, c, _ := progress()
			logf("t=%.0fs accepted %d committed %d", time.Since(start).Seconds(), a, c)
		}
	}()
	logf("submitting %d transactions (%s loop): rate %v/s (0 = max), %d workers, %d nodes", len(items),
		map[bool]string{true: "open", false: "closed"}[cfg.open], cfg.rate, cfg.workers, len(cfg.urls))
	submit(start)
	subEnd := time.Now()
	logf("submission over after %.1f s; waiting for commits", subEnd.Sub(start).Seconds())
	for {
		a, c, last := progress()
		if c >= a {
			break
		}
		if time.Since(last) > cfg.wait && time.Since(subEnd) > cfg.wait {
			logf("no commit for %s: giving up on %d transactions", cfg.wait, a-c)
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	close(stop)
	<-watched
	cpu1 := load.SnapCPU(pids)
	elapsed := time.Since(start).Seconds()

	if cfg.blocks {
		for _, b := range w.Blocks {
			fmt.Fprintf(os.Stdout, "block %d seen %.3f s txs %d ours %d\n", b.Height, b.Seen.Seconds(), b.Txs, b.Ours)
		}
	}
	s := load.Summarize(records(), w.Blocks, refused())
	out := os.Stdout
	if cfg.open {
		fmt.Fprintf(out, "run:                  open loop n=%d rate=%v c=%d accounts=%d nodes=%d\n",
			len(items), cfg.rate, cfg.workers, len(senders), len(cfg.urls))
	} else {
		fmt.Fprintf(out, "run:                  closed loop n=%d rate=%v c=%d accounts=%d pending<=%d nodes=%d retry=%v\n",
			len(items), cfg.rate, cfg.workers, len(senders), cfg.pending, len(cfg.urls), cfg.retry)
	}
	switch {
	case cfg.grpcPort != 0:
		fmt.Fprintf(out, "connections:          gRPC SendTransaction, one connection a node (port %d)\n", cfg.grpcPort)
	case cfg.connEach:
		fmt.Fprintln(out, "connections:          a new one for each request")
	case cfg.idle > 0:
		fmt.Fprintf(out, "connections:          at most %d idle a node, the others closed\n", cfg.idle)
	}
	s.Print(out)
	if s.Blocks > 0 {
		for _, u := range cfg.urls {
			st, err := load.GetPerfStat(ctl, u, s.FromH, s.ToH)
			if err != nil {
				fmt.Fprintf(out, "perf_stat %s: %v\n", u, err)
				continue
			}
			fmt.Fprintf(out, "perf_stat %-20s totalTx %d totalBlock %d txPerBlock %d totalSecond %d txPerSecond %d\n",
				strings.TrimPrefix(u, "http://"), st.TotalTx, st.TotalBlock, st.TxPerBlock, st.TotalSecond, st.TxPerSecond)
		}
		if r, err := load.Rounds(ctl, head, s.FromH, s.ToH); err == nil {
			fmt.Fprintf(out, "commit rounds:        %s\n", load.FormatRounds(r))
		} else {
			fmt.Fprintf(out, "commit rounds:        %v\n", err)
		}
	}
	for _, l := range load.CPULines(cpu0, cpu1, elapsed, runtime.NumCPU()) {
		fmt.Fprintln(out, l)
	}
	fmt.Fprintf(out, "window:               %.1f s (submission %.1f s); watcher retries %d",
		elapsed, subEnd.Sub(start).Seconds(), w.Errors.Load())
	if e, ok := w.LastErr.Load().(string); ok {
		fmt.Fprintf(out, " (last: %.80s)", e)
	}
	fmt.Fprintln(out)
	return nil
}
