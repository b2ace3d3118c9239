package netkit

import (
	"context"
	"errors"
	"io"
	"sync/atomic"
	"testing"
	"time"

	"chain33node/poll"

	"github.com/libp2p/go-libp2p/core/network"
)

func TestGroupLife(t *testing.T) {
	g := NewGroup()
	if err := g.Start(); err != nil {
		t.Fatal(err)
	}
	if err := g.Start(); !errors.Is(err, ErrStarted) {
		t.Fatalf("second Start: %v, want ErrStarted", err)
	}
	if g.Closed() || g.Context().Err() != nil {
		t.Fatal("closed before Close")
	}
	if !g.Close() || !g.Closed() || g.Context().Err() == nil {
		t.Fatal("first Close did not close the group and end its context")
	}
	if g.Close() {
		t.Fatal("second Close reported that it closed the group")
	}
	if err := NewGroup().Start(); err != nil {
		t.Fatal(err)
	}
	g = NewGroup()
	g.Close()
	if err := g.Start(); !errors.Is(err, ErrClosed) {
		t.Fatalf("Start after Close: %v, want ErrClosed", err)
	}
}

// Wait waits for the running goroutines, which end with the context; after Close Go runs nothing.
func TestGroupWait(t *testing.T) {
	g := NewGroup()
	var finished atomic.Bool
	// The goroutine outlives the context by a while: a Wait that did not wait would return before it ends.
	if !g.Go(func() { <-g.Context().Done(); time.Sleep(20 * time.Millisecond); finished.Store(true) }) {
		t.Fatal("Go refused on an open group")
	}
	g.Close()
	g.Wait()
	if !finished.Load() {
		t.Fatal("Wait returned before the goroutine did")
	}
	if g.Go(func() { t.Error("ran after Close") }) {
		t.Fatal("Go accepted after Close")
	}
}

// A wrapped stream handler runs inside the group: Close waits for it, and after Close streams are reset
// without reaching it.
func TestGroupHandler(t *testing.T) {
	a, _ := startHost(t, nil, "127.0.0.1:0")
	b, bAddr := startHost(t, nil, "127.0.0.1:0")
	g := NewGroup()
	var calls atomic.Int32
	release := make(chan struct{})
	var finished atomic.Bool
	b.SetStreamHandler("/test/1", g.Handler(func(s network.Stream) {
		calls.Add(1)
		<-release
		s.Write([]byte("ok"))
		s.Close()
		finished.Store(true)
	}))
	m, _ := Multiaddr(bAddr)
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := Connect(ctx, a, b.ID(), m); err != nil {
		t.Fatal(err)
	}
	s, err := a.NewStream(ctx, b.ID(), "/test/1")
	if err != nil {
		t.Fatal(err)
	}
	s.Write([]byte("x")) // the handler runs once the protocol is negotiated
	poll.Until(t, 5*time.Second, "the handler called", func() bool { return calls.Load() > 0 })
	// Released a while after Close: a Wait that did not wait for the handler would return before it ends.
	time.AfterFunc(50*time.Millisecond, func() { close(release) })
	g.Close()
	g.Wait()
	if !finished.Load() {
		t.Fatal("Wait returned while the handler was running")
	}
	if got, _ := io.ReadAll(s); string(got) != "ok" {
		t.Fatalf("first stream got %q", got)
	}

	s2, err := a.NewStream(ctx, b.ID(), "/test/1")
	if err != nil {
		t.Fatal(err)
	}
	s2.Write([]byte("x"))
	s2.SetReadDeadline(time.Now().Add(5 * time.Second))
	if _, err := io.ReadAll(s2); err == nil {
		t.Fatal("stream after Close was not reset")
	}
	if n := calls.Load(); n != 1 {
		t.Fatalf("handler called %d times, want 1", n)
	}
}
