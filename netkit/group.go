package netkit

import (
	"sync"

	"github.com/libp2p/go-libp2p/core/network"
)

// Group tracks the goroutines of a host, its own and the libp2p stream handlers while they run its code, so
// that the host's Close can wait for all of them: after Close nothing of the host runs any more. The zero
// value is ready to use.
type Group struct {
	mu     sync.Mutex
	closed bool
	wg     sync.WaitGroup
}

// Go runs f in a new goroutine unless the group is closed, and reports whether it did.
func (g *Group) Go(f func()) bool {
	if !g.enter() {
		return false
	}
	go func() {
		defer g.wg.Done()
		f()
	}()
	return true
}

// Handler wraps a stream handler so that it runs inside the group; once the group is closed, streams are
// reset instead.
func (g *Group) Handler(f network.StreamHandler) network.StreamHandler {
	return func(s network.Stream) {
		if !g.enter() {
			s.Reset()
			return
		}
		defer g.wg.Done()
		f(s)
	}
}

func (g *Group) enter() bool {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.closed {
		return false
	}
	g.wg.Add(1)
	return true
}

// Close refuses new goroutines and waits for the running ones to return. A host calls it last in its Close,
// after it has canceled its context and closed its libp2p host, which is what makes them return.
func (g *Group) Close() {
	g.mu.Lock()
	g.closed = true
	g.mu.Unlock()
	g.wg.Wait()
}
