package faults

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"chain33node/lab"
	"chain33node/lab/cluster"
)

// Needs says what a scenario needs beyond processes on loopback addresses.
type Needs uint8

const (
	NeedNamespaces Needs = 1 << iota // links between nodes that can be cut or slowed
	NeedTmpfs                        // a node's datadir on a small tmpfs (root)
	NeedOutsider                     // an outsider command (-outsider)
)

// Scenario is one fault.
type Scenario struct {
	ID    string
	Name  string // Do may name it more precisely (which node)
	Needs Needs
	Short bool // part of the short suite (make test)
	// Do injects the fault and ends it (heals, restarts what it stopped),
	// whatever happens; it returns notes on what the nodes did and an error
	// when a check of the scenario's own fails (a node that must refuse did
	// not).
	Do func(e *Env) (notes []string, err error)
}

// Env is what a scenario acts on.
type Env struct {
	Ctx      context.Context
	Lab      *lab.Lab
	Load     *lab.Load
	Dir      string   // scratch space
	Outsider []string // command line of the outsider (placeholders expanded)
	Name     string   // the row's name, set by Do
	Log      func(format string, a ...any)
}

// Sleep waits d, or less if the suite is interrupted.
func (e *Env) Sleep(d time.Duration) error {
	select {
	case <-e.Ctx.Done():
		return e.Ctx.Err()
	case <-time.After(d):
		return nil
	}
}

func (e *Env) node(i int) *cluster.Node { return e.Lab.Nodes[i] }

// proposer is the node proposing the next block, or node 0 if nobody says.
func (e *Env) proposer() int {
	p, err := e.Lab.Proposer()
	if err != nil {
		e.Log("proposer unknown (%v); taking n1", err)
		return 0
	}
	return p
}

// startAll starts the nodes of idx that are not running.
func (e *Env) startAll(idx ...int) error {
	for _, i := range idx {
		if !e.node(i).Running() {
			if err := e.node(i).Start(); err != nil {
				return err
			}
		}
	}
	return nil
}

// exitNote describes a node process that exited (status and its last
// words), or "" if it runs.
func (e *Env) exitNote(i int, while string) string {
	n := e.node(i)
	exited, err := n.Wait(0)
	if !exited {
		return ""
	}
	return fmt.Sprintf("%s exited (%v) %s: %s", n.Name, status(err), while, lastWords(n))
}

func status(err error) string {
	if err == nil {
		return "status 0"
	}
	return err.Error()
}

// lastWords is what a node said last: the panic it died of, or the last
// line of its output or error of its log.
func lastWords(n *cluster.Node) string {
	if out := n.Output(8000); out != "" {
		if i := strings.LastIndex(out, "panic: "); i >= 0 {
			// The panic and the frame it happened in.
			p, trace, _ := strings.Cut(out[i:], "\n\n")
			frame := strings.SplitN(trace, "\n", 4)
			return strings.Join(strings.Fields(p+" in "+strings.Join(frame[1:min(3, len(frame))], " ")), " ")
		}
		lines := strings.Split(out, "\n")
		return strings.TrimSpace(lines[len(lines)-1])
	}
	if l := n.LogLines(0, "level=ERROR"); len(l) > 0 {
		return l[len(l)-1]
	}
	return "(nothing logged)"
}

// Scenarios is every scenario of the suite, in the order they run.
func Scenarios() []Scenario {
	killed := map[int]bool{}
	var s []Scenario
	for k := range 4 {
		s = append(s, Scenario{ID: fmt.Sprintf("kill-%d", k+1), Name: "SIGKILL a validator, restart after 10 s", Short: k == 0,
			Do: func(e *Env) ([]string, error) {
				p := e.proposer()
				i, what := p, " (the proposer)"
				if k > 0 { // each validator in turn: the first not killed yet
					for i = 0; killed[i] && i < len(e.Lab.Nodes)-1; i++ {
					}
					if i != p {
						what = ""
					}
				}
				killed[i] = true
				e.Name = fmt.Sprintf("SIGKILL n%d%s, restarted after 10 s", i+1, what)
				if err := e.node(i).Kill(); err != nil {
					return nil, err
				}
				e.Sleep(10 * time.Second)
				return nil, e.node(i).Start()
			}})
	}
	return append(s,
		Scenario{ID: "sigstop", Name: "SIGSTOP the proposer for 30 s", Do: func(e *Env) ([]string, error) {
			p := e.proposer()
			e.Name = fmt.Sprintf("SIGSTOP n%d (the proposer) for 30 s, then SIGCONT", p+1)
			if err := e.node(p).Signal(syscall.SIGSTOP); err != nil {
				return nil, err
			}
			e.Sleep(30 * time.Second)
			return nil, e.node(p).Signal(syscall.SIGCONT)
		}},
		Scenario{ID: "two-down", Name: "two of four SIGKILLed for 15 s", Do: func(e *Env) ([]string, error) {
			p := e.proposer()
			q := (p + 1) % len(e.Lab.Nodes)
			e.Name = fmt.Sprintf("SIGKILL n%d (the proposer) and n%d: no quorum for 15 s, then restarted", p+1, q+1)
			err := e.node(p).Kill()
			if err2 := e.node(q).Kill(); err == nil {
				err = err2
			}
			e.Sleep(15 * time.Second)
			if err2 := e.startAll(p, q); err == nil {
				err = err2
			}
			return nil, err
		}},
		Scenario{ID: "all-down", Name: "all four SIGKILLed at once, restarted after 5 s", Short: true, Do: func(e *Env) ([]string, error) {
			all := make([]int, len(e.Lab.Nodes))
			for i := range all {
				all[i] = i
				e.node(i).Signal(syscall.SIGKILL) // all at once, then wait for each
			}
			for i := range all {
				if ok, _ := e.node(i).Wait(10 * time.Second); !ok {
					return nil, fmt.Errorf("n%d still runs 10 s after SIGKILL", i+1)
				}
			}
			e.Sleep(5 * time.Second)
			return nil, e.startAll(all...)
		}},
		Scenario{ID: "partition-2-2", Name: "partition 2/2 (n1 n2 | n3 n4) for 20 s, then healed", Needs: NeedNamespaces,
			Do: func(e *Env) ([]string, error) {
				defer e.Lab.Net.Heal()
				if err := e.Lab.Net.Partition([]int{0, 1}, []int{2, 3}); err != nil {
					return nil, err
				}
				e.Sleep(20 * time.Second)
				return nil, e.Lab.Net.Heal()
			}},
		Scenario{ID: "partition-1-3", Name: "partition 1/3 (the proposer alone) for 20 s, then healed", Needs: NeedNamespaces, Short: true,
			Do: func(e *Env) ([]string, error) {
				p := e.proposer()
				e.Name = fmt.Sprintf("partition 1/3 (n%d, the proposer, alone) for 20 s, then healed", p+1)
				var rest []int
				for i := range e.Lab.Nodes {
					if i != p {
						rest = append(rest, i)
					}
				}
				defer e.Lab.Net.Heal()
				if err := e.Lab.Net.Partition([]int{p}, rest); err != nil {
					return nil, err
				}
				e.Sleep(20 * time.Second)
				return nil, e.Lab.Net.Heal()
			}},
		Scenario{ID: "partition-1-3-silent", Name: "the proposer's packets to and from the others dropped for 20 s", Needs: NeedNamespaces,
			Do: func(e *Env) ([]string, error) {
				// Links down make connects fail at once; a partition in a
				// network beyond the host drops packets silently, and every
				// connection must time out instead.
				p := e.proposer()
				e.Name = fmt.Sprintf("partition 1/3, silent: every packet between n%d (the proposer) and the others dropped for 20 s", p+1)
				net := e.Lab.Net
				defer func() {
					for j := range e.Lab.Nodes {
						if j != p {
							net.Restore(p, j)
						}
					}
				}()
				for j := range e.Lab.Nodes {
					if j != p {
						if err := net.Slow(p, j, 0, 1); err != nil {
							return nil, err
						}
					}
				}
				e.Sleep(20 * time.Second)
				return nil, nil
			}},
		Scenario{ID: "disk-full", Name: "datadir disk full for 20 s, then freed", Needs: NeedTmpfs, Do: diskFull},
		Scenario{ID: "read-only", Name: "a node restarted on its datadir remounted read-only (must refuse)", Needs: NeedTmpfs, Do: readOnly},
		Scenario{ID: "copied-datadir", Name: "a node restarted on a copy of another's datadir (must refuse)", Do: copiedDatadir},
		Scenario{ID: "slow-links", Name: "every link between nodes 200 ms each way, 1% loss, for 30 s", Needs: NeedNamespaces,
			Do: func(e *Env) ([]string, error) {
				net := e.Lab.Net
				defer func() {
					for i := range net.Nodes {
						for j := i + 1; j < len(net.Nodes); j++ {
							net.Restore(i, j)
						}
					}
				}()
				for i := range net.Nodes {
					for j := i + 1; j < len(net.Nodes); j++ {
						if err := net.Slow(i, j, 200*time.Millisecond, 0.01); err != nil {
							return nil, err
						}
					}
				}
				e.Sleep(30 * time.Second)
				return nil, nil
			}},
		Scenario{ID: "outsider", Name: "an outsider process next to the cluster for 30 s", Needs: NeedNamespaces | NeedOutsider, Do: outsider},
	)
}

// diskFull fills the tmpfs datadir of the disk node, then frees it; a node
// that stopped meanwhile is started again, as its operator would.
func diskFull(e *Env) ([]string, error) {
	i := e.Lab.TmpfsNode
	n := e.node(i)
	e.Name = fmt.Sprintf("n%d's datadir disk full for 20 s, then freed", i+1)
	fill := filepath.Join(n.Datadir(), "lab-fill")
	defer os.Remove(fill)
	written, err := cluster.Fill(fill)
	if err != nil {
		return nil, err
	}
	e.Log("filled n%d's disk with %d MB", i+1, written>>20)
	e.Sleep(20 * time.Second)
	notes := []string{fmt.Sprintf("n%d kept running while its disk was full", i+1)}
	if s := e.exitNote(i, "while its disk was full"); s != "" {
		notes[0] = s
	}
	if err := os.Remove(fill); err != nil {
		return notes, err
	}
	return notes, e.startAll(i)
}

// readOnly restarts the disk node on its datadir remounted read-only (a
// file system the kernel made read-only after errors): it must refuse to run
// rather than run without durability. Then it gets it read-write again. (A
// live remount is refused while the node holds files open for writing.)
func readOnly(e *Env) ([]string, error) {
	i := e.Lab.TmpfsNode
	n := e.node(i)
	e.Name = fmt.Sprintf("n%d restarted on its datadir remounted read-only (must refuse), then read-write", i+1)
	if err := n.Kill(); err != nil {
		return nil, err
	}
	defer func() {
		n.Kill()
		cluster.Remount(n.Datadir(), false)
		n.Start()
	}()
	if err := cluster.Remount(n.Datadir(), true); err != nil {
		return nil, err
	}
	if err := n.Start(); err != nil {
		return nil, err
	}
	return refused(n, "on a read-only datadir")
}

// refused checks that n, just started on a datadir it must not run on,
// exits with an error within 30 s, and not with a panic.
func refused(n *cluster.Node, on string) ([]string, error) {
	exited, err := n.Wait(30 * time.Second)
	switch {
	case !exited:
		return nil, fmt.Errorf("%s ran for 30 s %s: it must refuse to start", n.Name, on)
	case err == nil:
		return nil, fmt.Errorf("%s exited with status 0 %s: a refusal is an error exit (%s)", n.Name, on, lastWords(n))
	case strings.HasPrefix(lastWords(n), "panic: "):
		return nil, fmt.Errorf("%s panicked %s instead of refusing with an error: %.300s", n.Name, on, lastWords(n))
	}
	return []string{fmt.Sprintf("%s refused %s (%v): %s", n.Name, on, err, lastWords(n))}, nil
}

// copiedDatadir starts n2 on a copy of n3's datadir (taken while n3 was
// stopped cleanly): it must refuse to run and leave the copy as it was.
// Then n2 gets its own back.
func copiedDatadir(e *Env) ([]string, error) {
	src, dst := 2, 1
	if e.Lab.TmpfsNode == dst || e.Lab.TmpfsNode == src {
		src, dst = 0, 1
	}
	s, d := e.node(src), e.node(dst)
	e.Name = fmt.Sprintf("n%d restarted on a copy of n%d's datadir (must refuse), then on its own", dst+1, src+1)
	cp := filepath.Join(e.Dir, "datadir-of-"+s.Name)
	own := filepath.Join(e.Dir, "datadir-own-"+d.Name)
	os.RemoveAll(cp)
	if err := s.Stop(20 * time.Second); err != nil {
		return nil, err
	}
	err := cluster.CopyDir(s.Datadir(), cp)
	if serr := s.Start(); err == nil {
		err = serr
	}
	if err != nil {
		return nil, err
	}
	if err := d.Stop(20 * time.Second); err != nil {
		return nil, err
	}
	if err := os.Rename(d.Datadir(), own); err != nil {
		return nil, err
	}
	defer func() {
		// Whatever happened: dst runs on its own datadir again.
		d.Kill()
		os.RemoveAll(d.Datadir())
		os.Rename(own, d.Datadir())
		os.RemoveAll(cp)
		d.Start()
	}()
	if err := os.Rename(cp, d.Datadir()); err != nil {
		return nil, err
	}
	before, err := cluster.TreeHash(d.Datadir())
	if err != nil {
		return nil, err
	}
	if err := d.Start(); err != nil {
		return nil, err
	}
	notes, err := refused(d, "on "+s.Name+"'s datadir")
	if err != nil {
		return notes, err
	}
	if after, err := cluster.TreeHash(d.Datadir()); err != nil || after != before {
		return notes, fmt.Errorf("%s changed %s's datadir before refusing it (%v)", d.Name, s.Name, err)
	}
	return append(notes, fmt.Sprintf("%s's datadir untouched (files, modes and contents as copied)", s.Name)), nil
}
