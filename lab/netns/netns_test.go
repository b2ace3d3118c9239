package netns

import (
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

// testNet builds nodes+clients namespaces for this test process, removed at
// the end (the run id is this process's, so a parallel run cannot collide).
func testNet(t *testing.T, nodes int, clients ...string) *Net {
	t.Helper()
	run := fmt.Sprintf("lab%d", os.Getpid())
	if err := Supported(run); err != nil {
		t.Skipf("network namespaces unavailable (%v): run as root", err)
	}
	n, err := Build(run, nodes, clients...)
	t.Cleanup(func() {
		if n != nil {
			if err := n.Close(); err != nil {
				t.Error(err)
			}
		}
		if err := Remove(run); err != nil {
			t.Error(err)
		}
		if left, _ := namespaces(func(r string) bool { return r == run }); len(left) > 0 {
			t.Errorf("namespaces left: %v", left)
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// DialFrom opens a TCP connection from host h's namespace.
func DialFrom(h Host, addr string, timeout time.Duration) (net.Conn, error) {
	var c net.Conn
	err := InNS(h.NS, func() (err error) {
		c, err = net.DialTimeout("tcp", addr, timeout)
		return err
	})
	return c, err
}

// ListenIn listens on addr inside host h's namespace.
func ListenIn(h Host, addr string) (net.Listener, error) {
	var l net.Listener
	err := InNS(h.NS, func() (err error) {
		l, err = net.Listen("tcp", addr)
		return err
	})
	return l, err
}

// echo serves a one-byte echo on every node's port 7000.
func echo(t *testing.T, n *Net) {
	for _, h := range n.Nodes {
		l, err := ListenIn(h, h.IP+":7000")
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { l.Close() })
		go func() {
			for {
				c, err := l.Accept()
				if err != nil {
					return
				}
				go func() { io.Copy(c, c); c.Close() }()
			}
		}()
	}
}

// roundTrip connects from a to b's echo and returns the time of the
// connection and one echoed byte.
func roundTrip(a, b Host, timeout time.Duration) (time.Duration, error) {
	t0 := time.Now()
	c, err := DialFrom(a, b.IP+":7000", timeout)
	if err != nil {
		return 0, err
	}
	defer c.Close()
	c.SetDeadline(time.Now().Add(timeout))
	if _, err := c.Write([]byte{1}); err != nil {
		return 0, err
	}
	if _, err := io.ReadFull(c, make([]byte, 1)); err != nil {
		return 0, err
	}
	return time.Since(t0), nil
}

// fastest is the quickest of five round trips from a to b: an undelayed
// link has one far below any delay under test, however busy the machine.
func fastest(a, b Host) (time.Duration, error) {
	best := time.Duration(-1)
	for range 5 {
		rt, err := roundTrip(a, b, time.Second)
		if err != nil {
			return 0, err
		}
		if best < 0 || rt < best {
			best = rt
		}
	}
	return best, nil
}

func reach(t *testing.T, a, b Host, want bool) {
	t.Helper()
	_, err := roundTrip(a, b, time.Second)
	if want && err != nil {
		t.Errorf("%s -> %s: %v", a.Name, b.Name, err)
	}
	if !want && err == nil {
		t.Errorf("%s -> %s: reachable across a cut link", a.Name, b.Name)
	}
}

// Cutting links separates exactly the chosen pairs, in both directions, and
// healing joins them again; clients keep reaching every node.
func TestPartitionCutsExactlyTheChosenLinks(t *testing.T) {
	n := testNet(t, 4, "c")
	echo(t, n)
	all := func(cut func(i, j int) bool) {
		t.Helper()
		for i, a := range n.Nodes {
			for j, b := range n.Nodes {
				if i != j {
					reach(t, a, b, !cut(i, j))
				}
			}
			reach(t, n.Clients[0], a, true)
		}
	}
	all(func(i, j int) bool { return false })

	if err := n.Partition([]int{0, 1}, []int{2, 3}); err != nil {
		t.Fatal(err)
	}
	all(func(i, j int) bool { return (i < 2) != (j < 2) })
	if err := n.Heal(); err != nil {
		t.Fatal(err)
	}
	all(func(i, j int) bool { return false })

	if err := n.Partition([]int{2}, []int{0, 1, 3}); err != nil {
		t.Fatal(err)
	}
	all(func(i, j int) bool { return (i == 2) != (j == 2) })
	if err := n.Heal(); err != nil {
		t.Fatal(err)
	}
	all(func(i, j int) bool { return false })
}

// A slowed pair takes at least two one-way delays per round trip (the
// connection's SYN and SYN-ACK), other pairs are unaffected, and Restore
// makes it fast again; with loss, TCP still gets through.
func TestSlowDelaysOnePair(t *testing.T) {
	n := testNet(t, 3, "c")
	echo(t, n)
	const delay = 150 * time.Millisecond
	if err := n.Slow(0, 1, delay, 0); err != nil {
		t.Fatal(err)
	}
	for _, d := range [][2]int{{0, 1}, {1, 0}} {
		rt, err := roundTrip(n.Nodes[d[0]], n.Nodes[d[1]], 5*time.Second)
		if err != nil {
			t.Fatal(err)
		}
		if rt < 4*delay { // handshake and echo: four one-way trips
			t.Errorf("%v: round trip %v over a %v link", d, rt, delay)
		}
	}
	if rt, err := fastest(n.Nodes[0], n.Nodes[2]); err != nil || rt >= delay {
		t.Errorf("unslowed pair: %v %v", rt, err)
	}
	if err := n.Restore(0, 1); err != nil {
		t.Fatal(err)
	}
	if rt, err := fastest(n.Nodes[0], n.Nodes[1]); err != nil || rt >= delay {
		t.Errorf("restored pair: %v %v", rt, err)
	}
	if err := n.Slow(1, 2, 10*time.Millisecond, 0.2); err != nil {
		t.Fatal(err)
	}
	c, err := DialFrom(n.Nodes[1], n.Nodes[2].IP+":7000", 10*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	// At 20 % loss each way a segment or its ACK is now and then lost several
	// times in a row, and TCP's retransmission timeout doubles each time
	// (0.2, 0.4, ... 6.4 s): 20 s was missed once in a loaded make test.
	c.SetDeadline(time.Now().Add(60 * time.Second))
	msg := []byte(strings.Repeat("x", 200000))
	go c.Write(msg)
	if _, err := io.ReadFull(c, make([]byte, len(msg))); err != nil {
		t.Fatalf("200 kB over a 20%% lossy link: %v", err)
	}
}

// Sweep removes the namespaces of a run whose process is gone, and only those.
func TestSweepRemovesDeadRuns(t *testing.T) {
	n := testNet(t, 1)
	dead := "lab999999999-n1" // no process has this pid
	if err := AddNS(dead); err != nil {
		t.Fatal(err)
	}
	// A process inside the dead run's namespace is killed with it.
	sleep := Command(Host{NS: dead}, "sleep", "60")
	if err := sleep.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- sleep.Wait() }()
	// nsenter joins the namespace after Start returns; sweeping before then
	// would find no process to kill (the flake seen under a loaded make test).
	waitInNS(t, dead, sleep.Process.Pid)
	runs, err := Sweep()
	if err != nil {
		t.Fatal(err)
	}
	if len(runs) != 1 || runs[0] != "lab999999999" {
		t.Errorf("swept %v", runs)
	}
	if _, err := os.Stat("/run/netns/" + dead); err == nil {
		t.Error("dead run's namespace left")
	}
	if _, err := os.Stat("/run/netns/" + n.Nodes[0].NS); err != nil {
		t.Error("live run's namespace removed")
	}
	select {
	case err := <-exited:
		if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != -1 {
			t.Errorf("sleep exited with %v, want killed", err)
		}
	case <-time.After(5 * time.Second):
		t.Error("process in the dead run's namespace still runs")
	}
}

// waitInNS waits until pid is among the processes of namespace ns.
func waitInNS(t *testing.T, ns string, pid int) {
	t.Helper()
	want := strconv.Itoa(pid)
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		out, _ := exec.Command("ip", "netns", "pids", ns).Output()
		if slices.Contains(strings.Fields(string(out)), want) {
			return
		}
	}
	t.Fatalf("process %d never joined namespace %s", pid, ns)
}
