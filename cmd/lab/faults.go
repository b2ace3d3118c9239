package main

import (
	"flag"
	"fmt"
	"os"
	"strings"
	"time"

	"chain33node/lab"
	"chain33node/lab/faults"
)

func runFaults(args []string) int {
	fs := flag.NewFlagSet("faults", flag.ExitOnError)
	var c common
	c.register(fs)
	var (
		short    = fs.Bool("short", false, "the short suite only (make test)")
		only     = fs.String("only", "", "comma-separated scenario ids to run (see -list)")
		list     = fs.Bool("list", false, "list the scenarios and exit")
		out      = fs.String("out", "", "write the Markdown report here (docs/faults.md)")
		rate     = fs.Float64("rate", 200, "load: transactions per second")
		senders  = fs.Int("senders", 1024, "load: most transactions in flight (a stopped node holds its share until the request times out)")
		accounts = fs.Int("accounts", 256, "load: sending accounts")
		resend   = fs.Duration("resend", 15*time.Second, "load: send an acknowledged transaction again when not committed after this long")
		outsider = fs.String("outsider", "", "command run in an outsider namespace for the outsider scenario; {targets} {nodes} {rpc} are replaced")
	)
	fs.Parse(args)
	all := faults.Scenarios()
	if *list {
		for _, s := range all {
			fmt.Printf("%-15s short=%-5v %s\n", s.ID, s.Short, s.Name)
		}
		return 0
	}
	if err := c.check(); err != nil {
		fmt.Fprintln(os.Stderr, "lab:", err)
		return 2
	}
	run := lab.Enter(c.keep)
	code := 1
	defer func() { run.End(code == 0) }()
	o := faults.Options{Short: *short, Outsider: strings.Fields(*outsider), Log: logf,
		Load: lab.LoadOptions{Rate: *rate, Senders: *senders, Accounts: *accounts, Resend: *resend}}
	if *only != "" {
		o.Only = strings.Split(*only, ",")
	}
	tmpfs := os.Geteuid() == 0
	scenarios, skipped := faults.Select(all, o, run.Namespaces(), tmpfs)
	where := "each node in its own network namespace"
	if !run.Namespaces() {
		where = "nodes on 127.0.0.2-5 in this network namespace (no namespaces: " + run.Why + ")"
		for _, s := range skipped {
			fmt.Printf("SKIPPED %s: %s (run as root for it: sudo make faults)\n", s.ID, s.Skipped)
		}
	}
	logf("fault suite: %d scenarios, %d skipped; %s; run directory %s", len(scenarios), len(skipped), where, run.Dir)
	ctx, stop := interrupted()
	defer stop()
	opts := lab.Options{Repo: c.repo, Bin: c.bin, Dir: run.Dir, Nodes: 4, TmpfsNode: -1, Log: logf}
	if len(o.Outsider) > 0 && run.Namespaces() {
		opts.Outsiders = 1
	}
	if tmpfs {
		opts.TmpfsNode, opts.TmpfsSize = 3, 512<<20
	}
	l, err := lab.Start(run.ID, opts)
	if err != nil {
		logf("starting the cluster: %v", err)
		return code
	}
	defer l.Close()
	o.Outsider = faults.ExpandOutsider(o.Outsider, l)
	results, err := faults.Run(ctx, l, scenarios, o)
	if err != nil {
		logf("%v", err)
		return code
	}
	results = append(results, skipped...)
	fmt.Println()
	faults.Summary(os.Stdout, results)
	if *out != "" {
		h := faults.Header{Command: "lab faults " + strings.Join(args, " "), Where: where + " (" + l.Where() + ")", Load: o.Load.String(),
			Machine: machine(), Revision: revision(c.repo), Date: time.Now().UTC().Format("2006-01-02 15:04 UTC"),
			Resend: *resend}
		if err := writeFile(*out, func(f *os.File) { faults.Write(f, h, results) }); err != nil {
			logf("writing %s: %v", *out, err)
			return code
		}
		logf("wrote %s", *out)
	}
	for _, r := range results {
		if r.Skipped == "" && !r.Pass() {
			return code
		}
	}
	if ctx.Err() == nil {
		code = 0
	}
	return code
}
