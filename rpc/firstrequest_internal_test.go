package rpc

import (
	"errors"
	"net"
	"os"
	"testing"
	"time"
)

// A connection that never sends its first request is cut after the idle
// wait, whatever later deadline the server set: silence holds a connection
// slot no longer than an idle keep-alive connection does.
func TestFirstRequestSilenceCut(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	fl := firstRequestListener{Listener: l, idle: 200 * time.Millisecond}
	defer fl.Close()
	c, err := net.Dial("tcp", l.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	sc, err := fl.Accept()
	if err != nil {
		t.Fatal(err)
	}
	defer sc.Close()
	sc.SetReadDeadline(time.Now().Add(time.Hour)) // a header deadline longer than the idle wait
	if _, err := sc.Read(make([]byte, 1)); !errors.Is(err, os.ErrDeadlineExceeded) {
		t.Fatalf("a silent connection's first read: %v, want the idle wait's deadline", err)
	}
}
