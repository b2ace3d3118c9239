package node

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"chain33node/crypto"
	"chain33node/disktest"
	"chain33node/health"
	"chain33node/logtest"
	"chain33node/poll"
	"chain33node/rpc/client"
)

// observe reads what an operator sees of a node: /health, /metrics and
// JSON-RPC.
type observe struct {
	t *testing.T
	n *Node
}

func (o observe) health() (int, health.Report) {
	o.t.Helper()
	resp, err := http.Get("http://" + o.n.metrics.Addr + "/health")
	if err != nil {
		o.t.Fatal(err)
	}
	defer resp.Body.Close()
	var r health.Report
	if err := json.NewDecoder(resp.Body).Decode(&r); err != nil {
		o.t.Fatal(err)
	}
	return resp.StatusCode, r
}

func (o observe) metric(name string) float64 {
	o.t.Helper()
	resp, err := http.Get("http://" + o.n.metrics.Addr + "/metrics")
	if err != nil {
		o.t.Fatal(err)
	}
	defer resp.Body.Close()
	sc := bufio.NewScanner(resp.Body)
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), name+" "); ok {
			f, err := strconv.ParseFloat(v, 64)
			if err != nil {
				o.t.Fatal(err)
			}
			return f
		}
	}
	o.t.Fatalf("metric %s not exported", name)
	return 0
}

func (o observe) rpc(method string, result any) {
	o.t.Helper()
	if err := client.New("http://"+o.n.rpc.Addr().String()).Call(method, nil, result); err != nil {
		o.t.Fatalf("%s: %v", method, err)
	}
}

// rpcHeight is Chain33.GetLastHeader's height.
func (o observe) rpcHeight() int64 {
	var h struct {
		Height int64 `json:"height"`
	}
	o.rpc("Chain33.GetLastHeader", &h)
	return h.Height
}

func (o observe) rpcIsSync() bool {
	var b bool
	o.rpc("Chain33.IsSync", &b)
	return b
}

// checkFaulty checks everything an operator sees of a node with a disk
// fault whose reason contains want: /health 503 naming it, the metrics,
// is_sync false, reads served at height h.
func (o observe) checkFaulty(h int64, want ...string) {
	o.t.Helper()
	code, rep := o.health()
	if code != http.StatusServiceUnavailable || rep.Healthy || len(rep.Reasons) == 0 || !strings.HasPrefix(rep.Reasons[0], "disk fault") {
		o.t.Fatalf("health during a disk fault: %d %+v", code, rep)
	}
	for _, w := range want {
		if !strings.Contains(rep.Reasons[0], w) {
			o.t.Errorf("health reason %q does not say %q", rep.Reasons[0], w)
		}
	}
	if o.metric("chain33_disk_fault") != 1 || o.metric("chain33_healthy") != 0 || o.metric("chain33_is_sync") != 0 {
		o.t.Error("metrics do not show the disk fault")
	}
	if o.rpcIsSync() {
		o.t.Error("is_sync true during a disk fault")
	}
	if got := o.rpcHeight(); got != h {
		o.t.Errorf("GetLastHeader during a disk fault: %d, want %d", got, h)
	}
}

func count(lines []string, s string) int {
	n := 0
	for _, l := range lines {
		if strings.Contains(l, s) {
			n++
		}
	}
	return n
}

// A commit that cannot write (the store's test seam) puts the node in a
// disk fault: one ERROR line, /health 503 with the cause, the metrics,
// is_sync false, reads served; when writes succeed again it commits on,
// says so once, and is healthy again.
func TestDiskFaultReported(t *testing.T) {
	tn := newTestnet(t, 1)
	tn.cfgs[0].Metrics.ListenAddr = "127.0.0.1:0"
	log, logs := logtest.New(slog.LevelInfo)
	tn.logs[0] = log
	tn.start(0)
	defer tn.stopAll()
	n := tn.nodes[0]
	o := observe{t, n}
	tn.waitHeight(2, 20*time.Second)
	poll.Until(t, 10*time.Second, "healthy", func() bool { c, _ := o.health(); return c == http.StatusOK })

	var attempts atomic.Int64
	n.db.SetWriteFault(func(int64) error {
		attempts.Add(1)
		return fmt.Errorf("write /data/chain/000042.log: %w", syscall.ENOSPC)
	})
	poll.Until(t, 20*time.Second, "three failed commits", func() bool { return attempts.Load() >= 3 })
	stuck := height(n)
	o.checkFaulty(stuck, "store", "/data/chain/000042.log", "no space left on device", "free space")
	if got := o.metric("chain33_disk_faults_total"); got != 1 {
		t.Errorf("chain33_disk_faults_total %v", got)
	}

	n.db.SetWriteFault(nil)
	tn.waitHeight(stuck+2, 20*time.Second)
	poll.Until(t, 10*time.Second, "healthy again", func() bool { c, _ := o.health(); return c == http.StatusOK })
	if o.metric("chain33_disk_fault") != 0 || o.metric("chain33_disk_faults_total") != 1 || !o.rpcIsSync() {
		t.Error("metrics or is_sync after the fault")
	}
	lines := logs.Lines()
	if c := count(lines, "disk fault: store cannot write"); c != 1 {
		t.Errorf("%d ERROR lines for one fault:\n%s", c, logs.String())
	}
	if c := count(lines, "store writes succeed again after"); c != 1 {
		t.Errorf("%d lines for the end of one fault:\n%s", c, logs.String())
	}
}

// Four validators, one with its datadir on a real small file system that
// fails under load: it reports the fault, serves reads, blames no peer and
// nobody blames it; the other three keep committing; once the file system
// works again it catches up and commits with them.
func TestDiskFaultFourNodes(t *testing.T) {
	if testing.Short() {
		t.Skip("multi-node test")
	}
	t.Run("full", func(t *testing.T) {
		mnt := disktest.Mount(t, 24<<20)
		var free func()
		diskFaultScenario(t, mnt, "no space left on device",
			func(*testnet) { free = disktest.Fill(t, mnt, 0) },
			func(*testnet) { free() })
	})
	t.Run("read-only", func(t *testing.T) {
		ext := disktest.MountExt4(t, 64<<20)
		diskFaultScenario(t, ext.Dir, "read-only file system",
			func(*testnet) { ext.ForceReadOnly(t) },
			func(tn *testnet) { // the kernel's read-only cannot be undone under a running node
				// Writes fail with EROFS, an fsync of data written before with EIO.
				if err := tn.nodes[3].Close(); err != nil && !errors.Is(err, syscall.EROFS) && !errors.Is(err, syscall.EIO) {
					t.Errorf("close with a read-only datadir: %v", err)
				}
				tn.nodes[3] = nil
				ext.Remount(t)
				tn.start(3)
			})
	})
}

func diskFaultScenario(t *testing.T, mnt, cause string, fault, repair func(*testnet)) {
	tn := newTestnet(t, 4)
	defer tn.stopAll()
	const bad = 3
	tn.datadirs[bad] = filepath.Join(mnt, "datadir")
	tn.cfgs[bad].Metrics.ListenAddr = "127.0.0.1:0"
	log, logs := logtest.New(slog.LevelInfo)
	tn.logs[bad] = log.With("node", bad)
	for i := range 4 {
		tn.start(i)
	}
	tn.waitHeight(2, 30*time.Second)

	// Load: transfers through node 0, gossiped to the others.
	stop := make(chan struct{})
	loadDone := make(chan struct{})
	to, _ := crypto.GeneratePrivKey()
	go func() {
		defer close(loadDone)
		for {
			select {
			case <-stop:
				return
			case <-time.After(20 * time.Millisecond):
			}
			tn.nodes[0].Submit(transferTx(superKey, crypto.PubKeyToAddr(to.PubKey()), 1))
		}
	}()
	defer func() { close(stop); <-loadDone }()

	n := tn.nodes[bad]
	o := observe{t, n}
	fault(tn)
	faultAt := time.Now()
	// The WAL may fail first; the store's fault is what stops the node's
	// commits (until then a write may still fit in a page its files hold).
	poll.Until(t, 30*time.Second, "the store's disk fault reported", func() bool {
		for _, f := range n.faults.List() {
			if f.Component == "store" {
				return true
			}
		}
		return false
	})
	t.Logf("fault reported %v after the file system failed", time.Since(faultAt).Round(time.Millisecond))
	stuck := height(n)

	// The other three go on; the faulty node stays where it is and says why.
	others := func() int64 {
		m := int64(-1)
		for i, x := range tn.nodes {
			if i != bad && (m < 0 || height(x) < m) {
				m = height(x)
			}
		}
		return m
	}
	poll.Until(t, 30*time.Second, "three blocks by the other three", func() bool { return others() >= stuck+3 })
	// DISK_FAULT_HOLD holds the fault longer: the store's retries reach their
	// longest backoff, a time-based behaviour worth watching by hand.
	if hold, err := time.ParseDuration(os.Getenv("DISK_FAULT_HOLD")); err == nil {
		time.Sleep(hold)
	}
	if h := height(n); h > stuck+1 { // at most the block that was being written
		t.Fatalf("the faulty node committed %d with its disk failing (stuck at %d)", h, stuck)
	}
	o.checkFaulty(height(n), cause, mnt)
	checkNoBlame(t, tn)
	if c := count(logs.Lines(), "disk fault: store cannot write"); c != 1 {
		t.Errorf("%d ERROR lines for one store fault", c)
	}

	repair(tn)
	repaired := time.Now()
	n = tn.nodes[bad]
	before := height(n)
	poll.Until(t, 60*time.Second, "the repaired node committing", func() bool { return height(n) > before })
	t.Logf("committing again %v after the file system was repaired", time.Since(repaired).Round(time.Millisecond))
	poll.Until(t, 60*time.Second, "the repaired node caught up", func() bool { return height(n) >= others() })
	o = observe{t, n}
	poll.Until(t, 30*time.Second, "healthy again", func() bool { c, _ := o.health(); return c == http.StatusOK })
	if o.metric("chain33_disk_fault") != 0 {
		t.Error("chain33_disk_fault after the repair")
	}
	// The others commit on: a peer may be a block ahead at any one moment.
	poll.Until(t, 30*time.Second, "is_sync after the repair", o.rpcIsSync)
	checkNoBlame(t, tn)
	if t.Failed() {
		t.Logf("faulty node's log:\n%s", logs.String())
	}
}

// checkNoBlame: no node banned or blocked another; all are connected.
func checkNoBlame(t *testing.T, tn *testnet) {
	t.Helper()
	for i, x := range tn.nodes {
		if st := x.trans.Stats(); st.Banned != 0 {
			t.Errorf("node %d banned %d consensus peers: %+v", i, st.Banned, st.Bans)
		}
		if p := len(x.p2p.Peers()); p != len(tn.nodes)-1 {
			t.Errorf("node %d has %d p2p peers, want %d", i, p, len(tn.nodes)-1)
		}
	}
}

// A validator whose consensus directory (WAL, double-sign guard) fills up
// stops signing at once (fail-stop), says why (one ERROR line naming the
// file and the cause, /health, chain33_consensus_halted, qbft is_sync
// false), and resumes by itself once it can write again.
func TestConsensusStorageFaultFailStop(t *testing.T) {
	mnt := disktest.Mount(t, 4<<20)
	tn := newTestnet(t, 1)
	tn.cfgs[0].Metrics.ListenAddr = "127.0.0.1:0"
	datadir := filepath.Join(tn.dir, "datadir")
	if err := os.MkdirAll(datadir, 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(mnt, filepath.Join(datadir, "qbft")); err != nil {
		t.Fatal(err)
	}
	tn.datadirs[0] = datadir
	log, logs := logtest.New(slog.LevelInfo)
	tn.logs[0] = log
	tn.start(0)
	defer tn.stopAll()
	n := tn.nodes[0]
	o := observe{t, n}
	tn.waitHeight(2, 20*time.Second)

	free := disktest.Fill(t, mnt, 0)
	poll.Until(t, 20*time.Second, "consensus halted", func() bool { return n.consensus.Stats().Halted })
	stuck := height(n)
	code, rep := o.health()
	if code != http.StatusServiceUnavailable || len(rep.Reasons) == 0 {
		t.Fatalf("health while halted: %d %+v", code, rep)
	}
	r := rep.Reasons[0]
	for _, want := range []string{"consensus stopped signing and sending", filepath.Join(datadir, "qbft"), "no space left on device"} {
		if !strings.Contains(r, want) {
			t.Errorf("health reason %q does not say %q", r, want)
		}
	}
	if o.metric("chain33_consensus_halted") != 1 || o.metric("chain33_disk_fault") != 1 {
		t.Error("metrics do not show the halt")
	}
	var qbftSync bool
	o.rpc("qbftNode.IsSync", &qbftSync)
	if qbftSync {
		t.Error("qbft is_sync true while halted")
	}
	free()
	tn.waitHeight(stuck+2, 20*time.Second)
	poll.Until(t, 10*time.Second, "healthy again", func() bool { c, _ := o.health(); return c == http.StatusOK })
	if o.metric("chain33_consensus_halted") != 0 {
		t.Error("chain33_consensus_halted after resuming")
	}
	lines := logs.Lines()
	if c := count(lines, "level=ERROR"); c != 1 {
		t.Errorf("%d ERROR lines for one fault:\n%s", c, logs.String())
	}
	if c := count(lines, "consensus storage writes again"); c != 1 {
		t.Errorf("%d lines for resuming:\n%s", c, logs.String())
	}
}
