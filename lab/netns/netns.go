// Package netns builds the lab's network out of Linux network namespaces:
// one namespace per node and per client, every node pair joined by its own
// veth link and every client joined to every node, so that cutting one link
// separates exactly one pair (partitions 2/2 and 1/3 are sets of links), and
// any pair can be routed through a user-space delay line instead (the kernel
// here has no netem; see Slow).
//
// Each namespace holds one address on its loopback device, as a server holds
// one address, and /32 routes over its links; nodes keep the default ports.
// Every name starts with the run's id (lab<pid>), so two runs never collide
// and a run killed before it could clean up is found by Sweep.
package netns

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Host is one namespace with its address.
type Host struct {
	Name string // "n1", "c", "o1": short, it names links ("lab-n1")
	NS   string // the namespace: <run>-<name>
	IP   string
}

// Net is a built topology.
type Net struct {
	Run     string
	Nodes   []Host // full mesh
	Clients []Host // each linked to every node

	made []string // namespaces Build created

	mu   sync.Mutex
	cut  map[[2]int]bool // node pairs whose link is down
	slow map[[2]int]*delayLine
}

// NodeIP is the address of node i (0-based): 10.99.0.2, .3, ...
func NodeIP(i int) string { return fmt.Sprintf("10.99.0.%d", i+2) }

// ClientIP is the address of client j: 10.99.1.1, .2, ...
func ClientIP(j int) string { return fmt.Sprintf("10.99.1.%d", j+1) }

// ifName is the name, inside a namespace, of its link to host h: "lab-n2", "lab-c".
func ifName(h Host) string { return "lab-" + h.Name }

// ip runs the ip command.
func ip(args ...string) error {
	out, err := exec.Command("ip", args...).CombinedOutput()
	if err != nil {
		return fmt.Errorf("ip %s: %v: %s", strings.Join(args, " "), err, bytes.TrimSpace(out))
	}
	return nil
}

// Supported reports whether this process may create namespaces (root, and an
// ip command that can), creating and removing a probe namespace.
func Supported(run string) error {
	if os.Geteuid() != 0 {
		return fmt.Errorf("not root")
	}
	probe := run + "-probe"
	if err := ip("netns", "add", probe); err != nil {
		return err
	}
	return ip("netns", "delete", probe)
}

// AddNS creates namespace name with its loopback up.
func AddNS(name string) error {
	if err := ip("netns", "add", name); err != nil {
		return err
	}
	return ip("-n", name, "link", "set", "lo", "up")
}

// Build creates the namespaces <run>-n1..n<nodes> and <run>-<client> for
// each client name (one may exist already: the lab's controller runs in
// <run>-c), their addresses, links and routes. On error, the Net returned
// holds what was made, for Close.
func Build(run string, nodes int, clients ...string) (*Net, error) {
	n := &Net{Run: run, cut: map[[2]int]bool{}, slow: map[[2]int]*delayLine{}}
	for i := range nodes {
		n.Nodes = append(n.Nodes, Host{Name: "n" + strconv.Itoa(i+1), NS: fmt.Sprintf("%s-n%d", run, i+1), IP: NodeIP(i)})
	}
	for j, c := range clients {
		n.Clients = append(n.Clients, Host{Name: c, NS: run + "-" + c, IP: ClientIP(j)})
	}
	for _, h := range append(append([]Host(nil), n.Nodes...), n.Clients...) {
		if _, err := os.Stat("/run/netns/" + h.NS); err != nil {
			if err := AddNS(h.NS); err != nil {
				return n, err
			}
			n.made = append(n.made, h.NS)
		}
		if err := ip("-n", h.NS, "addr", "replace", h.IP+"/32", "dev", "lo"); err != nil {
			return n, err
		}
	}
	for i, a := range n.Nodes {
		for _, b := range n.Nodes[i+1:] {
			if err := link(a, b); err != nil {
				return n, err
			}
		}
		for _, c := range n.Clients {
			if err := link(a, c); err != nil {
				return n, err
			}
		}
	}
	return n, nil
}

// link joins a and b by a veth pair and routes each one's address over it.
// A namespace made by an earlier run (the controller's) may still hold that
// run's end of a pair whose other namespace the kernel is tearing down in
// the background: it is deleted first, else the name is taken.
func link(a, b Host) error {
	_ = ip("-n", a.NS, "link", "delete", ifName(b)) // absent: nothing to do
	_ = ip("-n", b.NS, "link", "delete", ifName(a))
	if err := ip("link", "add", ifName(b), "netns", a.NS, "type", "veth", "peer", "name", ifName(a), "netns", b.NS); err != nil {
		return err
	}
	return up(a, b)
}

// up sets both ends of the a-b link up and routes over it, and waits until
// the kernel carries packets on it: it attaches a link's queue only when it
// reports the carrier (the link watch runs up to a second later), and drops
// packets until then.
func up(a, b Host) error {
	for _, e := range [][2]Host{{a, b}, {b, a}} {
		if err := ip("-n", e[0].NS, "link", "set", ifName(e[1]), "up"); err != nil {
			return err
		}
		if err := ip("-n", e[0].NS, "route", "replace", e[1].IP+"/32", "dev", ifName(e[1]), "src", e[0].IP); err != nil {
			return err
		}
	}
	for _, e := range [][2]Host{{a, b}, {b, a}} {
		for t := 0; ; t++ {
			out, err := exec.Command("ip", "-n", e[0].NS, "-o", "link", "show", "dev", ifName(e[1])).Output()
			if err == nil && bytes.Contains(out, []byte("state UP")) {
				break
			}
			if t == 250 {
				return fmt.Errorf("%s: link %s not up after 5 s: %s", e[0].NS, ifName(e[1]), bytes.TrimSpace(out))
			}
			time.Sleep(20 * time.Millisecond)
		}
	}
	return nil
}

func pair(i, j int) [2]int {
	if i > j {
		i, j = j, i
	}
	return [2]int{i, j}
}

// Cut sets the link between nodes i and j down at both ends: their packets
// to each other have no route (the kernel removes it with the link).
func (n *Net) Cut(i, j int) error {
	n.mu.Lock()
	defer n.mu.Unlock()
	if n.slow[pair(i, j)] != nil {
		return fmt.Errorf("link %s-%s is slowed: restore it first", n.Nodes[i].Name, n.Nodes[j].Name)
	}
	for _, e := range [][2]Host{{n.Nodes[i], n.Nodes[j]}, {n.Nodes[j], n.Nodes[i]}} {
		if err := ip("-n", e[0].NS, "link", "set", ifName(e[1]), "down"); err != nil {
			return err
		}
	}
	n.cut[pair(i, j)] = true
	return nil
}

// Partition cuts every link between the groups (node indexes): {0,1},{2,3}
// is 2/2, {0},{1,2,3} isolates node 0.
func (n *Net) Partition(groups ...[]int) error {
	for gi, g := range groups {
		for _, h := range groups[gi+1:] {
			for _, i := range g {
				for _, j := range h {
					if err := n.Cut(i, j); err != nil {
						return err
					}
				}
			}
		}
	}
	return nil
}

// Heal sets every cut link up again and restores its routes.
func (n *Net) Heal() error {
	n.mu.Lock()
	defer n.mu.Unlock()
	for p := range n.cut {
		if err := up(n.Nodes[p[0]], n.Nodes[p[1]]); err != nil {
			return err
		}
		delete(n.cut, p)
	}
	return nil
}

// Command returns a command that runs argv inside host h's namespace (nsenter
// enters the network namespace only and execs argv, so the process's pid is
// the command's).
func Command(h Host, argv ...string) *exec.Cmd {
	return exec.Command("nsenter", append([]string{"--net=/run/netns/" + h.NS, "--"}, argv...)...)
}

// Close closes the delay lines and deletes the namespaces Build created
// (killing what still runs in them); their links go with them.
func (n *Net) Close() error {
	n.mu.Lock()
	defer n.mu.Unlock()
	for p, d := range n.slow {
		d.close()
		delete(n.slow, p)
	}
	var first error
	for _, ns := range n.made {
		if err := removeNS(ns); err != nil && first == nil {
			first = err
		}
	}
	n.made = nil
	return first
}

// runRE matches the namespaces of a run: lab<pid>-<name>.
var runRE = regexp.MustCompile(`^(lab[0-9]+)-[a-z0-9]+$`)

// namespaces lists the namespaces whose run id matches keep.
func namespaces(keep func(run string) bool) ([]string, error) {
	out, err := exec.Command("ip", "netns", "list").Output()
	if err != nil {
		return nil, fmt.Errorf("ip netns list: %v", err)
	}
	var names []string
	for _, line := range strings.Split(string(out), "\n") {
		f := strings.Fields(line)
		if len(f) == 0 {
			continue
		}
		if m := runRE.FindStringSubmatch(f[0]); m != nil && keep(m[1]) {
			names = append(names, f[0])
		}
	}
	return names, nil
}

// Remove deletes the namespaces of run after killing (SIGKILL, by pid) the
// processes still inside them: nodes and outsiders this run started.
func Remove(run string) error {
	names, err := namespaces(func(r string) bool { return r == run })
	if err != nil {
		return err
	}
	var first error
	for _, ns := range names {
		if err := removeNS(ns); err != nil && first == nil {
			first = err
		}
	}
	return first
}

func removeNS(ns string) error {
	out, _ := exec.Command("ip", "netns", "pids", ns).Output()
	for _, f := range strings.Fields(string(out)) {
		if pid, err := strconv.Atoi(f); err == nil && pid != os.Getpid() {
			if p, err := os.FindProcess(pid); err == nil {
				p.Kill()
			}
		}
	}
	return ip("netns", "delete", ns)
}

// RunAlive reports whether the process that owns run id lab<pid> still runs.
func RunAlive(run string) bool {
	pid, err := strconv.Atoi(strings.TrimPrefix(run, "lab"))
	if err != nil {
		return false
	}
	_, err = os.Stat("/proc/" + strconv.Itoa(pid))
	return err == nil
}

// Sweep removes the namespaces of runs whose owner is gone (a run killed
// before it could clean up) and returns their run ids.
func Sweep() ([]string, error) {
	names, err := namespaces(func(r string) bool { return !RunAlive(r) })
	if err != nil {
		return nil, err
	}
	seen := map[string]bool{}
	var runs []string
	for _, ns := range names {
		run := runRE.FindStringSubmatch(ns)[1]
		if !seen[run] {
			seen[run] = true
			runs = append(runs, run)
		}
		if err := removeNS(ns); err != nil {
			return runs, err
		}
	}
	return runs, nil
}
