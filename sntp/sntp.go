// Package sntp asks NTP servers for the time with the simple network time
// protocol (SNTP, RFC 4330): one request, one answer, a deadline. The node
// uses it for GetTimeStatus and IsNtpClockSync when ntpHosts is set. (No
// maintained NTP client module is served by the module proxy here; the
// protocol is one 48-byte packet each way.)
package sntp

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"net"
	"sync"
	"time"
)

// DefaultTimeout bounds one query when the context has no deadline.
const DefaultTimeout = 2 * time.Second

// packetSize is an NTP packet without extensions or authenticator.
const packetSize = 48

// ntpEpochOffset is the seconds from 1900-01-01 (NTP) to 1970-01-01 (unix).
const ntpEpochOffset = 2208988800

// Offset asks host ("name:port", port 123 if none) for the time and returns
// how far the server's clock is ahead of ours. The answer must be a server
// reply to this request from a synchronized server (not a kiss-o'-death).
func Offset(ctx context.Context, host string) (time.Duration, error) {
	if _, _, err := net.SplitHostPort(host); err != nil {
		host = net.JoinHostPort(host, "123")
	}
	if _, ok := ctx.Deadline(); !ok {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, DefaultTimeout)
		defer cancel()
	}
	var d net.Dialer
	conn, err := d.DialContext(ctx, "udp", host)
	if err != nil {
		return 0, err
	}
	defer conn.Close()
	deadline, _ := ctx.Deadline()
	if err := conn.SetDeadline(deadline); err != nil {
		return 0, err
	}
	stop := context.AfterFunc(ctx, func() { conn.SetDeadline(time.Now()) })
	defer stop()

	req := make([]byte, packetSize)
	req[0] = 4<<3 | 3 // version 4, mode 3 (client)
	t1 := time.Now()
	origin := toNTP(t1)
	binary.BigEndian.PutUint64(req[40:], origin)
	if _, err := conn.Write(req); err != nil {
		return 0, err
	}
	buf := make([]byte, 512)
	for {
		n, err := conn.Read(buf)
		if err != nil {
			// The socket's deadline is the context's, and may fire first.
			if ne, ok := err.(net.Error); ctx.Err() != nil || ok && ne.Timeout() {
				return 0, fmt.Errorf("sntp %s: no answer: %w", host, err)
			}
			return 0, fmt.Errorf("sntp %s: %w", host, err)
		}
		t4 := time.Now()
		if n < packetSize || binary.BigEndian.Uint64(buf[24:]) != origin {
			continue // not the answer to this request: wait for it
		}
		return offset(buf[:n], t1, t4)
	}
}

// offset checks a server reply and computes the clock offset
// ((T2-T1)+(T3-T4))/2.
func offset(b []byte, t1, t4 time.Time) (time.Duration, error) {
	li, vn, mode, stratum := b[0]>>6, b[0]>>3&7, b[0]&7, b[1]
	switch {
	case mode != 4:
		return 0, fmt.Errorf("sntp: reply mode %d, want 4 (server)", mode)
	case vn < 3 || vn > 4:
		return 0, fmt.Errorf("sntp: reply version %d", vn)
	case stratum == 0:
		return 0, fmt.Errorf("sntp: kiss-o'-death %q", b[12:16])
	case stratum > 15 || li == 3:
		return 0, errors.New("sntp: server not synchronized")
	}
	t2 := fromNTP(binary.BigEndian.Uint64(b[32:]))
	t3 := fromNTP(binary.BigEndian.Uint64(b[40:]))
	if binary.BigEndian.Uint64(b[40:]) == 0 {
		return 0, errors.New("sntp: reply without transmit time")
	}
	return (t2.Sub(t1) + t3.Sub(t4)) / 2, nil
}

// toNTP is t as an NTP timestamp: seconds since 1900 in the high 32 bits,
// the fraction in the low.
func toNTP(t time.Time) uint64 {
	ns := t.UnixNano() + ntpEpochOffset*int64(time.Second)
	sec := uint64(ns / int64(time.Second))
	frac := uint64(ns%int64(time.Second)) << 32 / uint64(time.Second)
	return sec<<32 | frac
}

func fromNTP(v uint64) time.Time {
	sec := int64(v>>32) - ntpEpochOffset
	nsec := int64((v & 0xffffffff) * uint64(time.Second) >> 32)
	return time.Unix(sec, nsec)
}

// Clock is the time of a list of NTP servers: the first that answers, in
// order. An answer is reused for CacheFor, so that callers asking often
// (GetTimeStatus over RPC) do not send a query each. Safe for concurrent use.
type Clock struct {
	Hosts    []string
	Timeout  time.Duration // per host; <= 0: DefaultTimeout
	CacheFor time.Duration // <= 0: a minute

	mu      sync.Mutex
	offset  time.Duration
	at      time.Time // of the cached answer; zero: none
	failErr error     // of the last round in which no server answered
	failAt  time.Time
}

// failCache is how long a round in which no server answered is reported
// again without asking: a caller cannot make the node query at will.
const failCache = 10 * time.Second

// Now is the NTP servers' time: our clock corrected by the cached or a new
// answer's offset. It fails when no server answers.
func (c *Clock) Now(ctx context.Context) (time.Time, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	cache := c.CacheFor
	if cache <= 0 {
		cache = time.Minute
	}
	if !c.at.IsZero() && time.Since(c.at) < cache {
		return time.Now().Add(c.offset), nil
	}
	if c.failErr != nil && time.Since(c.failAt) < failCache {
		return time.Time{}, c.failErr
	}
	timeout := c.Timeout
	if timeout <= 0 {
		timeout = DefaultTimeout
	}
	var errs []error
	for _, h := range c.Hosts {
		qctx, cancel := context.WithTimeout(ctx, timeout)
		off, err := Offset(qctx, h)
		cancel()
		if err == nil {
			c.offset, c.at = off, time.Now()
			return time.Now().Add(off), nil
		}
		errs = append(errs, err)
	}
	c.failErr, c.failAt = errors.Join(errs...), time.Now()
	if len(errs) == 0 {
		c.failErr = errors.New("sntp: no NTP host")
	}
	return time.Time{}, c.failErr
}
