package loopback

import (
	"net"
	"net/netip"
	"testing"
)

func TestIPsAreDistinctLoopbackAndListenable(t *testing.T) {
	seen := map[string]bool{}
	for range 1000 {
		ip := IP()
		a, err := netip.ParseAddr(ip)
		if err != nil || !a.IsLoopback() || a.As4()[1] == 0 || seen[ip] {
			t.Fatalf("IP() = %q: not a new loopback IP outside 127.0.x.x (%v)", ip, err)
		}
		seen[ip] = true
	}
	// The same fixed port on two of them at once.
	a, err := net.Listen("tcp", IP()+":23802")
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	b, err := net.Listen("tcp", IP()+":23802")
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	c, err := net.Dial("tcp", b.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	c.Close()
}
