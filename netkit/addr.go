package netkit

import (
	"fmt"
	"net"
	"net/netip"
	"slices"
	"strconv"

	ma "github.com/multiformats/go-multiaddr"
	manet "github.com/multiformats/go-multiaddr/net"
)

// Multiaddr converts "ip:port" or "host:port" to /ip4/…/tcp/port, /ip6/…/tcp/port or /dns/…/tcp/port.
// An empty host (":33001") means all IPv4 interfaces, /ip4/0.0.0.0. Port 0 is allowed (listen on any port).
func Multiaddr(addr string) (ma.Multiaddr, error) {
	host, portStr, err := net.SplitHostPort(addr)
	if err != nil {
		return nil, fmt.Errorf("address %q: %w", addr, err)
	}
	port, err := strconv.ParseUint(portStr, 10, 16)
	if err != nil {
		return nil, fmt.Errorf("address %q: bad port %q", addr, portStr)
	}
	var s string
	switch ip, err := netip.ParseAddr(host); {
	case host == "":
		s = fmt.Sprintf("/ip4/0.0.0.0/tcp/%d", port)
	case err == nil && ip.Zone() != "":
		return nil, fmt.Errorf("address %q: zoned IPv6 addresses are not supported", addr)
	case err == nil && ip.Unmap().Is4():
		s = fmt.Sprintf("/ip4/%s/tcp/%d", ip.Unmap(), port)
	case err == nil:
		s = fmt.Sprintf("/ip6/%s/tcp/%d", ip, port)
	default:
		s = fmt.Sprintf("/dns/%s/tcp/%d", host, port)
	}
	m, err := ma.NewMultiaddr(s)
	if err != nil {
		return nil, fmt.Errorf("address %q: %w", addr, err)
	}
	return m, nil
}

// IsOwnAddr reports whether a configured peer address is our own listen address listen (both "ip:port"):
// equal to it, or one of our interface IPs with our port when we listen on an unspecified address. Entries
// that reach us in another way (a host name, a NAT) are found when dialling them: PeerID returns ErrSelf.
func IsOwnAddr(addr, listen string) bool {
	ap, err := netip.ParseAddrPort(addr)
	if err != nil {
		return false
	}
	lp, err := netip.ParseAddrPort(listen)
	if err != nil || ap.Port() != lp.Port() {
		return false
	}
	if ap.Addr().Unmap() == lp.Addr().Unmap() {
		return true
	}
	return lp.Addr().IsUnspecified() && slices.Contains(LocalIPs(), ap.Addr().Unmap())
}

// LocalIPs lists the IP addresses of this machine's interfaces (IPv4-mapped ones unmapped).
func LocalIPs() []netip.Addr {
	ifAddrs, err := net.InterfaceAddrs()
	if err != nil {
		return nil
	}
	var out []netip.Addr
	for _, a := range ifAddrs {
		if n, ok := a.(*net.IPNet); ok {
			if ip, ok := netip.AddrFromSlice(n.IP); ok {
				out = append(out, ip.Unmap())
			}
		}
	}
	return out
}

// IPOf is the IP address of a TCP multiaddr, such as a connection's remote address, or "" if it has none.
func IPOf(m ma.Multiaddr) string {
	if na, err := manet.ToNetAddr(m); err == nil {
		if ta, ok := na.(*net.TCPAddr); ok {
			return ta.IP.String()
		}
	}
	return ""
}
