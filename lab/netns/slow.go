package netns

import (
	"fmt"
	"math/rand/v2"
	"os"
	"runtime"
	"sync"
	"time"

	"golang.org/x/sys/unix"
)

// InNS runs f on an OS thread that has entered namespace ns: sockets and
// devices f creates belong to ns and stay there when used from other threads.
// The thread returns to its namespace afterwards (or, if it cannot, exits).
func InNS(ns string, f func() error) error {
	errc := make(chan error, 1)
	go func() {
		runtime.LockOSThread()
		back, err := unix.Open("/proc/thread-self/ns/net", unix.O_RDONLY|unix.O_CLOEXEC, 0)
		if err != nil {
			errc <- err
			return
		}
		defer unix.Close(back)
		fd, err := unix.Open("/run/netns/"+ns, unix.O_RDONLY|unix.O_CLOEXEC, 0)
		if err != nil {
			errc <- fmt.Errorf("namespace %s: %w", ns, err)
			return
		}
		defer unix.Close(fd)
		if err := unix.Setns(fd, unix.CLONE_NEWNET); err != nil {
			errc <- fmt.Errorf("setns %s: %w", ns, err)
			return
		}
		errc <- f()
		// Left locked on failure, the thread exits with this goroutine.
		if unix.Setns(back, unix.CLONE_NEWNET) == nil {
			runtime.UnlockOSThread()
		}
	}()
	return <-errc
}

// openTUN creates TUN device name in namespace ns (up) and returns it.
func openTUN(ns, name string) (*os.File, error) {
	var f *os.File
	err := InNS(ns, func() error {
		fd, err := unix.Open("/dev/net/tun", unix.O_RDWR|unix.O_CLOEXEC, 0)
		if err != nil {
			return fmt.Errorf("/dev/net/tun: %w", err)
		}
		ifr, err := unix.NewIfreq(name)
		if err != nil {
			unix.Close(fd)
			return err
		}
		ifr.SetUint16(unix.IFF_TUN | unix.IFF_NO_PI)
		if err := unix.IoctlIfreq(fd, unix.TUNSETIFF, ifr); err != nil {
			unix.Close(fd)
			return fmt.Errorf("TUNSETIFF %s: %w", name, err)
		}
		if err := unix.SetNonblock(fd, true); err != nil {
			unix.Close(fd)
			return err
		}
		f = os.NewFile(uintptr(fd), name)
		return nil
	})
	if err != nil {
		return nil, err
	}
	if err := ip("-n", ns, "link", "set", name, "up"); err != nil {
		f.Close()
		return nil, err
	}
	return f, nil
}

// delayLine carries the packets of one node pair between two TUN devices.
type delayLine struct {
	a, b *os.File
	wg   sync.WaitGroup
}

// Slow routes the traffic between nodes i and j through a delay line in this
// process: a TUN device in each node's namespace receives the packets routed
// to the other node, and each packet is written out on the other side after
// delay, or dropped with probability loss. Addresses, ports and connections
// are unchanged; TCP sees a slow, lossy link. Restore undoes it.
func (n *Net) Slow(i, j int, delay time.Duration, loss float64) error {
	n.mu.Lock()
	defer n.mu.Unlock()
	p := pair(i, j)
	if n.cut[p] {
		return fmt.Errorf("link %s-%s is cut: heal it first", n.Nodes[i].Name, n.Nodes[j].Name)
	}
	if n.slow[p] != nil {
		return fmt.Errorf("link %s-%s is already slowed", n.Nodes[i].Name, n.Nodes[j].Name)
	}
	a, b := n.Nodes[i], n.Nodes[j]
	ta, err := openTUN(a.NS, "lab-t"+b.Name)
	if err != nil {
		return err
	}
	tb, err := openTUN(b.NS, "lab-t"+a.Name)
	if err != nil {
		ta.Close()
		return err
	}
	d := &delayLine{a: ta, b: tb}
	d.wg.Add(2)
	go d.pump(ta, tb, delay, loss)
	go d.pump(tb, ta, delay, loss)
	n.slow[p] = d
	for _, e := range [][2]Host{{a, b}, {b, a}} {
		if err := ip("-n", e[0].NS, "route", "replace", e[1].IP+"/32", "dev", "lab-t"+e[1].Name, "src", e[0].IP); err != nil {
			return err
		}
	}
	return nil
}

// Restore routes nodes i and j over their veth link again and closes the
// delay line.
func (n *Net) Restore(i, j int) error {
	n.mu.Lock()
	defer n.mu.Unlock()
	p := pair(i, j)
	d := n.slow[p]
	if d == nil {
		return nil
	}
	err := up(n.Nodes[i], n.Nodes[j])
	d.close()
	delete(n.slow, p)
	return err
}

func (d *delayLine) close() {
	d.a.Close()
	d.b.Close()
	d.wg.Wait()
}

type packet struct {
	due time.Time
	b   []byte
}

// pump reads packets from `from` and writes each to `to` delay later, in
// order; a full queue drops, as a router's would.
func (d *delayLine) pump(from, to *os.File, delay time.Duration, loss float64) {
	defer d.wg.Done()
	q := make(chan packet, 16384)
	done := make(chan struct{})
	go func() {
		defer close(done)
		for p := range q {
			time.Sleep(time.Until(p.due))
			to.Write(p.b) // fails only once the line is closed
		}
	}()
	for {
		buf := make([]byte, 2048) // the TUN MTU is 1500 and it has no offloads
		k, err := from.Read(buf)
		if err != nil {
			break
		}
		if loss > 0 && rand.Float64() < loss {
			continue
		}
		select {
		case q <- packet{due: time.Now().Add(delay), b: buf[:k]}:
		default:
		}
	}
	close(q)
	<-done
}
