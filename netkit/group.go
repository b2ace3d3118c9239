package netkit

import (
	"context"
	"errors"
	"sync"

	"github.com/libp2p/go-libp2p/core/network"
)

// Errors of a Group's Start, which hosts return wrapped.
var (
	ErrClosed  = errors.New("closed")
	ErrStarted = errors.New("already started")
)

// Group is the life of a host: started once, closed once, a context that ends at Close, and every goroutine
// the host runs, its own and the libp2p stream handlers while they run its code, so that the host's Close can
// wait for all of them: after it nothing of the host runs any more.
//
// A host calls Close first in its own Close (which ends the context and refuses new goroutines), then closes
// its libp2p host, which makes the running goroutines return, and calls Wait last.
type Group struct {
	ctx    context.Context
	cancel context.CancelFunc

	mu      sync.Mutex
	started bool
	closed  bool
	wg      sync.WaitGroup
}

// NewGroup returns a Group that is neither started nor closed.
func NewGroup() *Group {
	ctx, cancel := context.WithCancel(context.Background())
	return &Group{ctx: ctx, cancel: cancel}
}

// Context ends when the group is closed.
func (g *Group) Context() context.Context { return g.ctx }

// Start marks the group started: ErrClosed once it is closed, ErrStarted the second time.
func (g *Group) Start() error {
	g.mu.Lock()
	defer g.mu.Unlock()
	switch {
	case g.closed:
		return ErrClosed
	case g.started:
		return ErrStarted
	}
	g.started = true
	return nil
}

// Close ends the context and refuses new goroutines. It reports whether this call closed the group, false if
// it was closed before.
func (g *Group) Close() bool {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.closed {
		return false
	}
	g.closed = true
	g.cancel()
	return true
}

// Closed reports whether Close was called.
func (g *Group) Closed() bool {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.closed
}

// Wait waits for the goroutines of the group to return.
func (g *Group) Wait() { g.wg.Wait() }

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
