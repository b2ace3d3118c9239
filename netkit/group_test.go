package netkit

import (
	"context"
	"io"
	"sync/atomic"
	"testing"
	"time"

	"github.com/libp2p/go-libp2p/core/network"
)

// Close waits for the running goroutines, and afterwards Go runs nothing.
func TestGroupCloseWaits(t *testing.T) {
	var g Group
	release := make(chan struct{})
	var finished atomic.Bool
	if !g.Go(func() { <-release; finished.Store(true) }) {
		t.Fatal("Go refused on an open group")
	}
	time.AfterFunc(50*time.Millisecond, func() { close(release) })
	g.Close()
	if !finished.Load() {
		t.Fatal("Close returned before the goroutine did")
	}
	if g.Go(func() { t.Error("ran after Close") }) {
		t.Fatal("Go accepted after Close")
	}
	g.Close() // twice is fine
}

// A wrapped stream handler runs inside the group: Close waits for it, and after Close streams are reset
// without reaching it.
func TestGroupHandler(t *testing.T) {
	a, _ := startHost(t, nil, "127.0.0.1:0")
	b, bAddr := startHost(t, nil, "127.0.0.1:0")
	var g Group
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
	for calls.Load() == 0 {
		if ctx.Err() != nil {
			t.Fatal("handler never called")
		}
		time.Sleep(5 * time.Millisecond)
	}
	time.AfterFunc(50*time.Millisecond, func() { close(release) })
	g.Close()
	if !finished.Load() {
		t.Fatal("Close returned while the handler was running")
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
