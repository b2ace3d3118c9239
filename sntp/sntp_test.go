package sntp

import (
	"context"
	"encoding/binary"
	"net"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// fakeServer is a real NTP server on a loopback UDP port whose clock is ours
// plus skew; mutate may spoil each reply. It counts the requests.
type fakeServer struct {
	addr     string
	requests atomic.Int64
}

func newFakeServer(t *testing.T, skew time.Duration, mutate func(reply []byte)) *fakeServer {
	t.Helper()
	pc, err := net.ListenPacket("udp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { pc.Close() })
	s := &fakeServer{addr: pc.LocalAddr().String()}
	go func() {
		buf := make([]byte, 512)
		for {
			n, from, err := pc.ReadFrom(buf)
			if err != nil {
				return
			}
			if n < packetSize || buf[0]&7 != 3 {
				continue
			}
			s.requests.Add(1)
			recv := time.Now().Add(skew)
			reply := make([]byte, packetSize)
			reply[0] = 4<<3 | 4 // version 4, server
			reply[1] = 2        // stratum
			copy(reply[24:32], buf[40:48])
			binary.BigEndian.PutUint64(reply[32:], toNTP(recv))
			binary.BigEndian.PutUint64(reply[40:], toNTP(time.Now().Add(skew)))
			if mutate != nil {
				mutate(reply)
			}
			pc.WriteTo(reply, from)
		}
	}()
	return s
}

func TestOffsetFromRealServer(t *testing.T) {
	for _, skew := range []time.Duration{90 * time.Second, -30 * time.Second, 0} {
		s := newFakeServer(t, skew, nil)
		off, err := Offset(context.Background(), s.addr)
		if err != nil {
			t.Fatalf("skew %v: %v", skew, err)
		}
		if d := (off - skew).Abs(); d > 200*time.Millisecond {
			t.Errorf("skew %v: offset %v", skew, off)
		}
	}
}

func TestOffsetRefusesBadReplies(t *testing.T) {
	cases := map[string]struct {
		mutate func([]byte)
		want   string
	}{
		"client mode":      {func(b []byte) { b[0] = 4<<3 | 3 }, "mode 3"},
		"kiss-o'-death":    {func(b []byte) { b[1] = 0; copy(b[12:16], "RATE") }, "kiss-o'-death \"RATE\""},
		"unsynchronized":   {func(b []byte) { b[0] |= 3 << 6 }, "not synchronized"},
		"stratum 16":       {func(b []byte) { b[1] = 16 }, "not synchronized"},
		"no transmit time": {func(b []byte) { clear(b[40:48]) }, "without transmit time"},
		"version 1":        {func(b []byte) { b[0] = 1<<3 | 4 }, "version 1"},
		"other request's":  {func(b []byte) { b[24] ^= 0xff }, "no answer"}, // ignored: we wait for ours
	}
	for name, c := range cases {
		s := newFakeServer(t, 0, c.mutate)
		ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
		_, err := Offset(ctx, s.addr)
		cancel()
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: err %v, want %q", name, err, c.want)
		}
	}
}

func TestOffsetNoServer(t *testing.T) {
	// A bound UDP socket that never answers.
	pc, err := net.ListenPacket("udp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer pc.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	start := time.Now()
	if _, err := Offset(ctx, pc.LocalAddr().String()); err == nil {
		t.Fatal("no error without an answer")
	}
	if time.Since(start) > 2*time.Second {
		t.Errorf("took %v past a 200 ms deadline", time.Since(start))
	}
}

func TestClockFallsBackAndCaches(t *testing.T) {
	silent, err := net.ListenPacket("udp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer silent.Close()
	s := newFakeServer(t, 45*time.Second, nil)
	c := &Clock{Hosts: []string{silent.LocalAddr().String(), s.addr}, Timeout: 200 * time.Millisecond}
	for i := range 3 {
		now, err := c.Now(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		if d := (time.Until(now) - 45*time.Second).Abs(); d > 300*time.Millisecond {
			t.Errorf("call %d: %v ahead, want 45 s", i, time.Until(now))
		}
	}
	if n := s.requests.Load(); n != 1 {
		t.Errorf("server asked %d times, want once (cached)", n)
	}

	dead := &Clock{Hosts: []string{silent.LocalAddr().String()}, Timeout: 100 * time.Millisecond}
	if _, err := dead.Now(context.Background()); err == nil {
		t.Fatal("no error when no server answers")
	}
	start := time.Now()
	if _, err := dead.Now(context.Background()); err == nil || time.Since(start) > 50*time.Millisecond {
		t.Errorf("a failed round is not reported again at once: err %v after %v", err, time.Since(start))
	}
}

func TestNTPTimestampRoundTrip(t *testing.T) {
	for _, tm := range []time.Time{time.Unix(0, 0), time.Unix(1700000000, 123456789), time.Now()} {
		if d := fromNTP(toNTP(tm)).Sub(tm).Abs(); d > time.Microsecond {
			t.Errorf("%v: off by %v", tm, d)
		}
	}
}
