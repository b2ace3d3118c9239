// Package lab runs a chain33node cluster of real node processes, laid out by
// scripts/genconfig.sh as on separate servers, on a network the lab controls,
// for the fault suite (lab/faults) and the cluster benchmark (lab/bench).
//
// As root, every node gets its own network namespace and address (10.99.0.2,
// .3, ...) with the default ports, joined in a full mesh of links that the
// lab can cut or slow (lab/netns), and the lab itself runs in a client
// namespace linked to every node (Enter); outsider processes get namespaces of
// their own. Elsewhere the nodes run on 127.0.0.2-… in this namespace, and
// what needs namespaces is skipped. Everything a run makes (namespaces,
// mounts, processes, files) carries its id, lab<pid>, and is removed when it
// ends, even by a signal; what a killed run left is swept by the next.
package lab

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"chain33node/lab/cluster"
	"chain33node/lab/load"
	"chain33node/lab/netns"
)

// Options of a lab.
type Options struct {
	Repo      string            // repository root: chain.toml, scripts/genconfig.sh
	Bin       string            // node and cli
	Dir       string            // run directory (created)
	Nodes     int               // validators
	Followers int               // servers laid out to join later (not started), after the validators
	Set       map[string]string // chain.toml lines replaced before genconfig.sh
	Outsiders int               // extra namespaces for outsider processes (namespaces only)
	TmpfsNode int               // node (index) whose datadir is a tmpfs of TmpfsSize bytes; -1 for none
	TmpfsSize int64
	Pprof     int // > 0: every node serves Go's profiles on <its IP>:Pprof ([pprof] listenAddr)
	Metrics   int // > 0: every node serves its metrics on <its IP>:Metrics ([metrics] listenAddr)
	Log       func(format string, a ...any)
}

// Lab is a running cluster.
type Lab struct {
	Options
	Run       string     // run id; "" on loopback
	Net       *netns.Net // nil on loopback
	Nodes     []*cluster.Node
	Followers []*cluster.Node
	URLs      []string  // the validators' JSON-RPC
	RPC       *load.RPC // for control calls (short timeout)

	mu     sync.Mutex
	mounts []string
}

// Start lays out and starts a cluster in run (the id Enter returned; "" for
// loopback addresses) and waits until every node is in sync and committing.
// On error, whatever was started is stopped again.
func Start(run string, o Options) (l *Lab, err error) {
	if o.Log == nil {
		o.Log = func(string, ...any) {}
	}
	l = &Lab{Options: o, Run: run, RPC: load.NewRPC(8, 5*time.Second)}
	defer func() {
		if err != nil {
			l.Close()
			l = nil
		}
	}()
	var ips []string
	if run != "" {
		var clients []string
		clients = append(clients, "c")
		for k := range o.Outsiders {
			clients = append(clients, fmt.Sprintf("o%d", k+1))
		}
		l.Net, err = netns.Build(run, o.Nodes+o.Followers, clients...)
		if err != nil {
			return l, err
		}
		for _, h := range l.Net.Nodes {
			ips = append(ips, h.IP)
		}
	} else {
		for i := range o.Nodes + o.Followers {
			ips = append(ips, fmt.Sprintf("127.0.0.%d", i+2))
		}
		if err := portsFree(ips); err != nil {
			return l, err
		}
	}
	l.Nodes, err = cluster.Create(cluster.Layout{Dir: filepath.Join(o.Dir, "cluster"), Bin: o.Bin,
		Template: filepath.Join(o.Repo, "chain.toml"), Genconfig: filepath.Join(o.Repo, "scripts", "genconfig.sh"),
		IPs: ips[:o.Nodes], Set: o.Set})
	if err != nil {
		return l, err
	}
	listeners := func(n *cluster.Node) error { // on the node's own IP (a follower's config starts as a copy of n1's)
		for _, ls := range []struct {
			section string
			port    int
		}{{"pprof", o.Pprof}, {"metrics", o.Metrics}} {
			if ls.port <= 0 {
				continue
			}
			addr := fmt.Sprintf("%q", net.JoinHostPort(n.IP, strconv.Itoa(ls.port)))
			if err := cluster.SetSectionKey(filepath.Join(n.Dir, "chain.toml"), ls.section, "listenAddr", addr); err != nil {
				return err
			}
		}
		return nil
	}
	for i, n := range l.Nodes {
		if err := listeners(n); err != nil {
			return l, err
		}
		l.URLs = append(l.URLs, n.URL)
		if l.Net != nil {
			h := l.Net.Nodes[i]
			n.Exec = func(argv ...string) *exec.Cmd { return netns.Command(h, argv...) }
		}
	}
	for k := range o.Followers {
		i := o.Nodes + k
		f, err := cluster.Follower(l.Nodes[0], fmt.Sprintf("n%d", i+1), ips[i])
		if err == nil {
			err = listeners(f)
		}
		if err != nil {
			return l, err
		}
		if l.Net != nil {
			h := l.Net.Nodes[i]
			f.Exec = func(argv ...string) *exec.Cmd { return netns.Command(h, argv...) }
		}
		l.Followers = append(l.Followers, f)
	}
	if o.TmpfsNode >= 0 && o.TmpfsNode < len(l.Nodes) {
		d := l.Nodes[o.TmpfsNode].Datadir()
		if err := cluster.MountTmpfs(d, o.TmpfsSize); err != nil {
			return l, err
		}
		l.mu.Lock()
		l.mounts = append(l.mounts, d)
		l.mu.Unlock()
	}
	for _, n := range l.Nodes {
		if err := n.Start(); err != nil {
			return l, err
		}
	}
	t0 := time.Now()
	if err := l.WaitReady(60 * time.Second); err != nil {
		return l, err
	}
	o.Log("%d nodes in sync and committing after %.1f s (%s)", len(l.Nodes), time.Since(t0).Seconds(), l.Where())
	return l, nil
}

// Where says where the nodes run.
func (l *Lab) Where() string {
	if l.Net != nil {
		return fmt.Sprintf("namespaces %s-n1..n%d, %s..%s", l.Run, len(l.Nodes), l.Nodes[0].IP, l.Nodes[len(l.Nodes)-1].IP)
	}
	return fmt.Sprintf("loopback %s..%s", l.Nodes[0].IP, l.Nodes[len(l.Nodes)-1].IP)
}

// portsFree checks that nothing listens on the nodes' JSON-RPC ports (a
// `make run` cluster, another lab run on loopback).
func portsFree(ips []string) error {
	for _, ip := range ips {
		if _, err := load.Height(load.NewRPC(1, time.Second), "http://"+ip+":8801"); err == nil ||
			!strings.Contains(load.ErrorClass(err), "refused") {
			return fmt.Errorf("%s:8801 is in use (a `make run` cluster? make stop); the lab on loopback needs 127.0.0.2-%d free", ip, len(ips)+1)
		}
	}
	return nil
}

// WaitReady waits until every node answers, is in sync and has a block.
func (l *Lab) WaitReady(d time.Duration) error {
	deadline := time.Now().Add(d)
	for {
		var missing []string
		for _, n := range l.Nodes {
			if !l.ready(n) {
				missing = append(missing, n.Name)
			}
		}
		if len(missing) == 0 {
			return nil
		}
		if time.Now().After(deadline) {
			var tails []string
			for _, n := range l.Nodes {
				if !n.Running() {
					tails = append(tails, fmt.Sprintf("%s exited: %s", n.Name, n.Output(600)))
				}
			}
			return fmt.Errorf("not in sync and committing after %s: %v (logs in %s/cluster/*/logs) %s",
				d, missing, l.Dir, strings.Join(tails, "; "))
		}
		time.Sleep(200 * time.Millisecond)
	}
}

func (l *Lab) ready(n *cluster.Node) bool {
	var sync bool
	if err := l.RPC.Call(n.URL, "Chain33.IsSync", nil, &sync); err != nil || !sync {
		return false
	}
	h, err := load.Height(l.RPC, n.URL)
	return err == nil && h >= 1
}

// Heights returns every node's head (-1 when it does not answer), asked in
// parallel.
func (l *Lab) Heights() []int64 {
	out := make([]int64, len(l.Nodes))
	var wg sync.WaitGroup
	for i, n := range l.Nodes {
		wg.Add(1)
		go func() {
			defer wg.Done()
			h, err := load.Height(l.RPC, n.URL)
			if err != nil {
				h = -1
			}
			out[i] = h
		}()
	}
	wg.Wait()
	return out
}

// Rounds returns each validator's count of the rounds its consensus went
// beyond round 0 before a commit (the metric chain33_consensus_rounds_total;
// the lab's Metrics must be set), -1 where it could not be read.
func (l *Lab) Rounds() []int64 {
	out := make([]int64, len(l.Nodes))
	var wg sync.WaitGroup
	for i, n := range l.Nodes {
		wg.Go(func() {
			out[i] = -1
			if l.Metrics <= 0 {
				return
			}
			cl := http.Client{Timeout: 5 * time.Second}
			resp, err := cl.Get(fmt.Sprintf("http://%s/metrics", net.JoinHostPort(n.IP, strconv.Itoa(l.Metrics))))
			if err != nil {
				return
			}
			defer resp.Body.Close()
			if v, ok := metric(resp.Body, "chain33_consensus_rounds_total"); ok {
				out[i] = int64(v)
			}
		})
	}
	wg.Wait()
	return out
}

// metric reads the value of the sample name (without labels) from the
// Prometheus text format.
func metric(r io.Reader, name string) (float64, bool) {
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		rest, ok := strings.CutPrefix(sc.Text(), name+" ")
		if !ok {
			continue
		}
		v, err := strconv.ParseFloat(strings.TrimSpace(rest), 64)
		return v, err == nil
	}
	return 0, false
}

// Proposer returns the node that proposes the next block (round 0), as the
// first answering node's qbftNode GetCurrentState says.
func (l *Lab) Proposer() (int, error) {
	var st struct {
		Validators struct {
			Proposer struct {
				PubKey string `json:"pubKey"`
			} `json:"proposer"`
		} `json:"validators"`
	}
	var err error
	for _, n := range l.Nodes {
		if err = l.RPC.Call(n.URL, "Chain33.Query", map[string]any{"execer": "qbftNode", "funcName": "GetCurrentState"}, &st); err != nil {
			continue
		}
		for i, m := range l.Nodes {
			if strings.EqualFold(m.Pub, st.Validators.Proposer.PubKey) {
				return i, nil
			}
		}
		return -1, fmt.Errorf("proposer %q is none of the nodes", st.Validators.Proposer.PubKey)
	}
	return -1, err
}

// Outsider is a process running in an outsider namespace.
type Outsider struct {
	cmd    *exec.Cmd
	out    string
	exited chan error
}

// StartOutsider runs argv in outsider namespace k (from 0), which is linked to
// every node as the lab's client is; its output goes to the file out. On
// loopback (no namespaces) it runs here, next to the lab's client.
func (l *Lab) StartOutsider(k int, argv []string, out string) (*Outsider, error) {
	if l.Net != nil && k+1 >= len(l.Net.Clients) {
		return nil, fmt.Errorf("no outsider namespace %d (Options.Outsiders)", k+1)
	}
	if len(argv) == 0 {
		return nil, fmt.Errorf("no outsider command")
	}
	f, err := os.Create(out)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	cmd := cluster.Local(argv...)
	if l.Net != nil {
		cmd = netns.Command(l.Net.Clients[k+1], argv...)
	}
	cmd.Stdout, cmd.Stderr = f, f
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("outsider %v: %w", argv, err)
	}
	o := &Outsider{cmd: cmd, out: out, exited: make(chan error, 1)}
	go func() { o.exited <- cmd.Wait() }()
	return o, nil
}

// Stop ends the outsider (SIGTERM, SIGKILL 5 s later) and says how it ended
// if it had exited on its own before: "" when it ran until stopped.
func (o *Outsider) Stop() string {
	select {
	case err := <-o.exited:
		b, _ := os.ReadFile(o.out)
		return fmt.Sprintf("the outsider exited before it was stopped (%v): %.300s", err, bytes.TrimSpace(b))
	default:
	}
	o.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-o.exited:
	case <-time.After(5 * time.Second):
		o.cmd.Process.Kill()
		<-o.exited
	}
	return ""
}

// Close stops every node (SIGTERM, then SIGKILL), unmounts what the lab
// mounted and deletes the namespaces it made (not the one it runs in).
func (l *Lab) Close() {
	var wg sync.WaitGroup
	for _, n := range append(append([]*cluster.Node(nil), l.Nodes...), l.Followers...) {
		wg.Add(1)
		go func() { defer wg.Done(); n.Stop(10 * time.Second) }()
	}
	wg.Wait()
	if l.Net != nil {
		if err := l.Net.Close(); err != nil {
			l.Log("%v", err)
		}
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, m := range l.mounts {
		cluster.Remount(m, false)
		if err := cluster.Unmount(m); err != nil {
			l.Log("%v", err)
		}
	}
	l.mounts = nil
}

// RemoveRunDir removes dir after unmounting anything still mounted under it.
func RemoveRunDir(dir string) error {
	for _, m := range cluster.Mounts(dir) {
		cluster.Unmount(m)
	}
	return os.RemoveAll(dir)
}
