package netkit

import (
	"net/netip"
	"slices"
	"testing"

	ma "github.com/multiformats/go-multiaddr"
)

func TestMultiaddr(t *testing.T) {
	for in, want := range map[string]string{
		"127.0.0.2:33001":         "/ip4/127.0.0.2/tcp/33001",
		"0.0.0.0:33001":           "/ip4/0.0.0.0/tcp/33001",
		":33001":                  "/ip4/0.0.0.0/tcp/33001",
		"[::1]:33001":             "/ip6/::1/tcp/33001",
		"[::ffff:10.0.0.1]:13802": "/ip4/10.0.0.1/tcp/13802",
		"node1.example:33001":     "/dns/node1.example/tcp/33001",
		"127.0.0.1:0":             "/ip4/127.0.0.1/tcp/0",
	} {
		m, err := Multiaddr(in)
		if err != nil || m.String() != want {
			t.Errorf("Multiaddr(%q) = %v, %v; want %s", in, m, err, want)
		}
	}
	for _, bad := range []string{"127.0.0.1", "127.0.0.1:x", "127.0.0.1:70000", "", "[fe80::1%eth0]:1"} {
		if _, err := Multiaddr(bad); err == nil {
			t.Errorf("Multiaddr(%q) succeeded", bad)
		}
	}
}

func TestIsOwnAddr(t *testing.T) {
	for _, tc := range []struct {
		addr, listen string
		own          bool
	}{
		{"127.0.0.2:33001", "127.0.0.2:33001", true},
		{"[::ffff:127.0.0.2]:33001", "127.0.0.2:33001", true},
		{"127.0.0.3:33001", "127.0.0.2:33001", false}, // same port, another validator on this machine
		{"127.0.0.2:33002", "127.0.0.2:33001", false},
		{"127.0.0.1:33001", "0.0.0.0:33001", true}, // an unspecified listener is every local IP
		{"127.0.0.1:33002", "0.0.0.0:33001", false},
		{"192.0.2.77:33001", "0.0.0.0:33001", false}, // not an IP of this machine (TEST-NET-1)
		{"node1.example:33001", "0.0.0.0:33001", false},
		{"node1.example:33001", "node1.example:33001", false}, // names are left to PeerID's ErrSelf
	} {
		if got := IsOwnAddr(tc.addr, tc.listen); got != tc.own {
			t.Errorf("IsOwnAddr(%q, %q) = %v, want %v", tc.addr, tc.listen, got, tc.own)
		}
	}
}

func TestLocalIPs(t *testing.T) {
	if ips := LocalIPs(); !slices.Contains(ips, netip.MustParseAddr("127.0.0.1")) {
		t.Errorf("LocalIPs() = %v, lacks the loopback address", ips)
	}
}

func TestIPOf(t *testing.T) {
	for in, want := range map[string]string{
		"/ip4/10.1.2.3/tcp/13802":  "10.1.2.3",
		"/ip6/::1/tcp/13802":       "::1",
		"/ip4/10.1.2.3/udp/13802":  "", // not TCP
		"/dns/node1.example/tcp/1": "",
	} {
		if got := IPOf(ma.StringCast(in)); got != want {
			t.Errorf("IPOf(%s) = %q, want %q", in, got, want)
		}
	}
}
