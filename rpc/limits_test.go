package rpc_test

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"chain33node/config"
	"chain33node/poll"
	"chain33node/rpc"
	"chain33node/types"

	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/status"
)

// The limits follow the reference where it has one:
//   - chain33 types/const.go: MaxBlockCountPerTime = 1000 (GetBlocks),
//     MaxHeaderCountPerTime = 10000 (GetHeaders), past which the blockchain
//     answers ErrMaxCountPerTime (blockchain/query_test.go: 0..1000 fails);
//   - chain33 rpc/server.go NewGRpcServer sets no MaxRecvMsgSize: grpc-go's
//     default, 4 MiB, applies; rpc/grpcclient/client.go receives up to 100 MiB
//     (paraChainGrpcRecSize); our replies are capped by maxResponseBytes.
func TestReferenceLimits(t *testing.T) {
	if rpc.MaxGRPCRecvMsgSize != 4<<20 {
		t.Errorf("gRPC receive limit %d, the reference's is 4 MiB", rpc.MaxGRPCRecvMsgSize)
	}
	hashes := make([]string, 1001)
	for i := range hashes {
		hashes[i] = "0x00"
	}
	if _, e := call(t, "Chain33.GetTxByHashes", map[string]any{"hashes": hashes}); e != "ErrMaxCountPerTime" {
		t.Errorf("GetTxByHashes of 1001: %q, want ErrMaxCountPerTime", e)
	}
}

// countingListener counts the bytes read from its connections.
type countingListener struct {
	net.Listener
	read *atomic.Int64
}

func (l countingListener) Accept() (net.Conn, error) {
	c, err := l.Listener.Accept()
	if err != nil {
		return nil, err
	}
	return countingConn{c, l.read}, nil
}

type countingConn struct {
	net.Conn
	read *atomic.Int64
}

func (c countingConn) Read(b []byte) (int, error) {
	n, err := c.Conn.Read(b)
	c.read.Add(int64(n))
	return n, err
}

// serveGRPCFrom serves gRPC with cfg to connections that seem to come from
// remote, counting what the server reads.
func serveGRPCFrom(t *testing.T, cfg config.RPC, remote string) (*grpc.ClientConn, *atomic.Int64) {
	t.Helper()
	s := newServer(t, settings(cfg))
	raw, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ra, err := net.ResolveTCPAddr("tcp", remote)
	if err != nil {
		t.Fatal(err)
	}
	read := new(atomic.Int64)
	done := make(chan error, 1)
	go func() { done <- s.ServeGRPC(fakeRemote{countingListener{raw, read}, ra}) }()
	conn, err := grpc.NewClient("passthrough:///"+raw.Addr().String(), grpc.WithTransportCredentials(insecure.NewCredentials()),
		grpc.WithDefaultCallOptions(grpc.MaxCallSendMsgSize(100<<20)))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		conn.Close()
		s.Close()
		<-done
	})
	return conn, read
}

func bigTx() *types.Transaction {
	return &types.Transaction{Execer: []byte("coins"), Payload: make([]byte, 60<<20)}
}

// A caller outside the whitelist is disconnected before the server reads a
// byte: its 60 MB transaction costs the node nothing.
func TestGRPCUnlistedNeverRead(t *testing.T) {
	cfg := config.Default().RPC
	cfg.Whitelist = []string{"10.9.9.9"}
	conn, read := serveGRPCFrom(t, cfg, "10.1.2.3:5000")
	_, err := types.NewChain33Client(conn).SendTransaction(callCtx(t), bigTx())
	if status.Code(err) != codes.Unavailable {
		t.Errorf("unlisted 60 MB SendTransaction: %v, want the connection closed (Unavailable)", err)
	}
	if n := read.Load(); n != 0 {
		t.Errorf("the server read %d bytes from an unlisted caller", n)
	}
}

// A listed caller's oversized message is refused from its length prefix: the
// server reads a few flow-control windows of it, not the message.
func TestGRPCOversizedRefused(t *testing.T) {
	cfg := config.Default().RPC
	cfg.Whitelist = []string{"*"}
	conn, read := serveGRPCFrom(t, cfg, "10.1.2.3:5000")
	_, err := types.NewChain33Client(conn).SendTransaction(callCtx(t), bigTx())
	if status.Code(err) != codes.ResourceExhausted {
		t.Errorf("60 MB SendTransaction: %v, want ResourceExhausted", err)
	}
	if n := read.Load(); n > 16<<20 {
		t.Errorf("the server read %d bytes of a refused 60 MB message", n)
	}
}

// serveJSONFrom serves JSON-RPC with cfg to connections that seem to come
// from remote; it returns the URL.
func serveJSONFrom(t *testing.T, cfg config.RPC, remote string) string {
	t.Helper()
	s := newServer(t, settings(cfg))
	raw, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	var l net.Listener = raw
	if remote != "" {
		ra, err := net.ResolveTCPAddr("tcp", remote)
		if err != nil {
			t.Fatal(err)
		}
		l = fakeRemote{raw, ra}
	}
	done := make(chan error, 1)
	go func() { done <- s.ServeJSONRPC(l) }()
	t.Cleanup(func() {
		s.Close()
		<-done
	})
	return raw.Addr().String()
}

// isSyncOn sends one request on c and reads the answer.
func isSyncOn(c net.Conn) (*http.Response, string, error) {
	body := `{"id":1,"method":"Chain33.IsSync","params":[]}`
	if _, err := fmt.Fprintf(c, "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: %d\r\n\r\n%s", len(body), body); err != nil {
		return nil, "", err
	}
	resp, err := http.ReadResponse(bufio.NewReader(c), nil)
	if err != nil {
		return nil, "", err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	return resp, string(b), err
}

// Connections of one IP past maxConnectionsPerIP are answered 503 naming
// the IP and the cap, then closed; the others are served.
func TestConnectionsPerIP(t *testing.T) {
	cfg := config.Default().RPC
	cfg.Whitelist = []string{"*"}
	cfg.MaxConnectionsPerIP = 2
	addr := serveJSONFrom(t, cfg, "10.1.2.3:5000")
	var conns []net.Conn
	for range 3 {
		c, err := net.Dial("tcp", addr)
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
		conns = append(conns, c)
	}
	for i, c := range conns[:2] {
		if _, body, err := isSyncOn(c); err != nil || !strings.Contains(body, `"result":true`) {
			t.Errorf("connection %d within the cap: %q %v", i, body, err)
		}
	}
	const overCap = "too many connections from 10.1.2.3: [rpc] maxConnectionsPerIP is 2\n"
	conns[2].SetDeadline(time.Now().Add(20 * time.Second))
	resp, body, err := isSyncOn(conns[2])
	if err != nil {
		t.Fatalf("connection over the cap: %v, want a 503 answer", err)
	}
	if resp.StatusCode != http.StatusServiceUnavailable || body != overCap || !resp.Close ||
		resp.Header.Get("Retry-After") != "1" || resp.Header.Get("Content-Type") != "text/plain; charset=utf-8" {
		t.Errorf("connection over the cap: %s %v %q, want 503 %q, Connection: close, Retry-After: 1, text/plain",
			resp.Status, resp.Header, body, overCap)
	}
	if rest, err := io.ReadAll(conns[2]); err != nil || len(rest) > 0 {
		t.Errorf("after the answer: %q %v, want the connection closed", rest, err)
	}
	// Go's client reads the answer as a response to its request.
	hc := &http.Client{Timeout: 20 * time.Second, Transport: &http.Transport{}}
	r, err := hc.Post("http://"+addr, "application/json", strings.NewReader(`{"id":1,"method":"Chain33.IsSync","params":[]}`))
	if err != nil {
		t.Fatalf("http.Client over the cap: %v, want a 503 answer", err)
	}
	b, err := io.ReadAll(r.Body)
	r.Body.Close()
	if r.StatusCode != http.StatusServiceUnavailable || string(b) != overCap || err != nil {
		t.Errorf("http.Client over the cap: %s %q %v", r.Status, b, err)
	}
	// Closing one frees its place (the server notices the close asynchronously).
	conns[0].Close()
	if err := poll.Wait(10*time.Second, func() error {
		c, err := net.Dial("tcp", addr)
		if err != nil {
			return err
		}
		defer c.Close()
		c.SetDeadline(time.Now().Add(20 * time.Second))
		resp, body, err := isSyncOn(c)
		if err == nil && resp.StatusCode != http.StatusOK {
			err = fmt.Errorf("%s %q", resp.Status, body)
		}
		return err
	}); err != nil {
		t.Errorf("no place after a connection closed: %v", err)
	}
}

// The gRPC listener closes a connection over maxConnectionsPerIP without a
// byte: an HTTP/2 client cannot read an HTTP/1 answer.
func TestGRPCConnectionsPerIPSilent(t *testing.T) {
	cfg := config.Default().RPC
	cfg.Whitelist = []string{"*"}
	cfg.MaxConnectionsPerIP = 1
	conn, _ := serveGRPCFrom(t, cfg, "10.1.2.3:5000")
	if _, err := types.NewChain33Client(conn).IsSync(callCtx(t), &types.ReqNil{}); err != nil {
		t.Fatal(err)
	}
	c, err := net.Dial("tcp", strings.TrimPrefix(conn.Target(), "passthrough:///"))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	c.SetDeadline(time.Now().Add(20 * time.Second))
	if b, err := io.ReadAll(c); len(b) > 0 || (err != nil && !strings.Contains(err.Error(), "reset")) {
		t.Errorf("gRPC connection over the cap: read %q %v, want it closed without a byte", b, err)
	}
}

// serveReadTimeout serves JSON-RPC on a loopback port with readTimeout and
// returns a dialer of it (its connections closed at the test's end).
func serveReadTimeout(t *testing.T, readTimeout time.Duration) func() net.Conn {
	s := settings(config.Default().RPC)
	s.ReadTimeout = readTimeout
	srv := newServer(t, s)
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go srv.ServeJSONRPC(l)
	t.Cleanup(func() { srv.Close() })
	return func() net.Conn {
		c, err := net.Dial("tcp", l.Addr().String())
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { c.Close() })
		return c
	}
}

// A request whose body does not arrive within readTimeout is cut off: slow
// senders cannot hold connections (and file descriptors) for long.
func TestSlowBodyCutOff(t *testing.T) {
	c := serveReadTimeout(t, time.Second)()
	fmt.Fprintf(c, "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\n{\"id\":1,")
	// The server closes the connection (EOF or reset); our own deadline
	// (a timeout error) only guards against a server that never does.
	c.SetReadDeadline(time.Now().Add(60 * time.Second))
	b, err := io.ReadAll(c)
	if err != nil && !errors.Is(err, io.EOF) && !strings.Contains(err.Error(), "reset") {
		t.Fatalf("read: %v (%q)", err, b)
	}
	if strings.Contains(string(b), `"result":true`) {
		t.Errorf("a truncated body was served: %q", b)
	}
}

// A connection may wait for its first request as long as for any later one
// (idleTimeout): readTimeout counts from the request's first byte. Clients'
// pools keep connections they dialled and did not use yet; a POST on one the
// server has dropped fails with EOF, and is not retried. A request that has
// begun and stalls is still cut off.
func TestFirstRequestMayWait(t *testing.T) {
	const readTimeout = time.Second
	dial := serveReadTimeout(t, readTimeout)
	late, stalled := dial(), dial()
	fmt.Fprintf(stalled, "POST / HTTP/1.1\r\nHost: x\r\n")
	time.Sleep(3 * readTimeout / 2)

	body := `{"id":1,"method":"Chain33.IsSync","params":[]}`
	fmt.Fprintf(late, "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: %d\r\n\r\n%s", len(body), body)
	late.SetReadDeadline(time.Now().Add(20 * time.Second))
	resp, err := http.ReadResponse(bufio.NewReader(late), nil)
	if err != nil {
		t.Fatalf("first request %v after the connection opened: %v", 3*readTimeout/2, err)
	}
	if b, _ := io.ReadAll(resp.Body); resp.StatusCode != 200 || !strings.Contains(string(b), `"result":true`) {
		t.Errorf("first request after a wait: %d %s", resp.StatusCode, b)
	}

	// The server closes the stalled one (EOF or reset); our own deadline
	// (a timeout error) only guards against a server that never does.
	stalled.SetReadDeadline(time.Now().Add(60 * time.Second))
	if b, err := io.ReadAll(stalled); err != nil && !strings.Contains(err.Error(), "reset") {
		t.Errorf("a request stalled in its headers: read %q %v, want the connection closed", b, err)
	}
}

// Each remote IP gets rateLimit requests per second (a batch counts each
// request); loopback is exempt.
func TestRateLimit(t *testing.T) {
	cfg := config.Default().RPC
	cfg.Whitelist = []string{"*"}
	cfg.RateLimit, cfg.RateBurst = 0.001, 3 // a bucket of 3 that does not refill within the test
	s := newServer(t, settings(cfg))
	send := func(remote, body string) (int, string) {
		req := httptest.NewRequest("POST", "/", strings.NewReader(body))
		req.RemoteAddr = remote
		rec := httptest.NewRecorder()
		s.Handler().ServeHTTP(rec, req)
		return rec.Code, rec.Body.String()
	}
	one := `{"id":1,"method":"Chain33.IsSync","params":[]}`
	for i := range 3 {
		if code, body := send("10.1.2.3:1", one); code != 200 || !strings.Contains(body, `"result":true`) {
			t.Fatalf("request %d within the burst: %d %s", i, code, body)
		}
	}
	code, body := send("10.1.2.3:1", one)
	if code != http.StatusTooManyRequests || !strings.Contains(body, `"error":"The 10.1.2.3 Address sends more than 0.001 requests per second ([rpc] rateLimit)!"`) {
		t.Errorf("over the rate: %d %s", code, body)
	}
	if code, _ := send("10.1.2.4:1", "["+one+","+one+","+one+","+one+"]"); code != http.StatusTooManyRequests {
		t.Errorf("a batch of 4 over a bucket of 3: %d", code)
	}
	for range 10 {
		if code, _ := send("127.0.0.1:1", one); code != 200 {
			t.Fatalf("loopback rate limited: %d", code)
		}
	}

	conn, _ := serveGRPCFrom(t, cfg, "10.1.2.5:5000")
	c := types.NewChain33Client(conn)
	for range 3 {
		if _, err := c.IsSync(callCtx(t), &types.ReqNil{}); err != nil {
			t.Fatal(err)
		}
	}
	_, err := c.IsSync(callCtx(t), &types.ReqNil{})
	wantStatus(t, "gRPC over the rate", err, codes.ResourceExhausted, "The 10.1.2.5 Address sends more than 0.001 requests per second ([rpc] rateLimit)!")
}

// A response over maxResponseBytes (a batch in total) is refused with
// ErrResponseTooLarge, and the rest of a batch is still answered.
func TestResponseCap(t *testing.T) {
	poll.Until(t, 30*time.Second, "height 3", func() bool { return testNode.Chain().HeadInfo().Height >= 3 })
	one := `{"id":2,"method":"Chain33.GetBlocks","params":[{"start":0,"end":0,"isDetail":false}]}`
	_, first := post(t, "/", one)
	limit := len(first) + 100 // block 0 fits, blocks 0..3 do not
	s := settings(config.Default().RPC)
	s.MaxResponseBytes = limit
	srv := newServer(t, s)
	send := func(body string) string {
		req := httptest.NewRequest("POST", "/", strings.NewReader(body))
		req.RemoteAddr = "127.0.0.1:1"
		rec := httptest.NewRecorder()
		srv.Handler().ServeHTTP(rec, req)
		return rec.Body.String()
	}
	tooLarge := fmt.Sprintf("ErrResponseTooLarge: the response exceeds %d bytes ([rpc] maxResponseBytes): ask for fewer items", limit)
	var r response
	if err := json.Unmarshal([]byte(send(`{"id":1,"method":"Chain33.GetBlocks","params":[{"start":0,"end":1000,"isDetail":true}]}`)), &r); err != nil ||
		r.Error == nil || *r.Error != tooLarge {
		t.Errorf("GetBlocks over the cap: %s %v", r.Result, err)
	}
	if got := send(one); got != first {
		t.Errorf("one block under the cap:\n got %.300s\nwant %.300s", got, first)
	}
	var batch []response
	body := send("[" + strings.TrimSuffix(strings.Repeat(one+",", 20), ",") + "]")
	if err := json.Unmarshal([]byte(body), &batch); err != nil || len(batch) != 20 {
		t.Fatalf("batch: %v %.200s", err, body)
	}
	if batch[0].Error != nil || batch[19].Error == nil || *batch[19].Error != tooLarge {
		t.Errorf("batch of 20 blocks: first %v, last %v", batch[0].Error, batch[19].Error)
	}
	if len(body) > limit+20*(len(tooLarge)+40) { // the results stop at the cap; the errors are short
		t.Errorf("batch response of %d bytes, cap %d", len(body), limit)
	}

	// gRPC: the reply is refused before it is built whole.
	reply, err := chain33Client(t).GetBlocks(callCtx(t), &types.ReqBlocks{Start: 0, End: 0})
	if err != nil {
		t.Fatal(err)
	}
	s.MaxResponseBytes = len(reply.Msg) + 100
	c := types.NewChain33Client(grpcOf(t, s))
	if _, err := c.GetBlocks(callCtx(t), &types.ReqBlocks{Start: 0, End: 0}); err != nil {
		t.Errorf("gRPC block 0 under the cap: %v", err)
	}
	_, err = c.GetBlocks(callCtx(t), &types.ReqBlocks{Start: 0, End: 1000, IsDetail: true})
	wantStatus(t, "gRPC GetBlocks over the cap", err, codes.ResourceExhausted,
		fmt.Sprintf("ErrResponseTooLarge: the response exceeds %d bytes ([rpc] maxResponseBytes): ask for fewer items", s.MaxResponseBytes))
}

// Settings the server cannot use stop it with an error naming the key and
// the entry.
func TestBadSettings(t *testing.T) {
	def := config.Default().RPC
	for _, c := range []struct {
		name string
		set  func(*config.RPC)
		want string
	}{
		{"bad IP", func(c *config.RPC) { c.Whitelist = []string{"10.0.0.1", "1.2.3.400"} },
			`[rpc] whitelist: entry 1 "1.2.3.400": not an IP address or CIDR range`},
		{"host bits", func(c *config.RPC) { c.Whitelist = []string{"10.0.0.1/8"} },
			`[rpc] whitelist: entry 0 "10.0.0.1/8": not an IP address or CIDR range (e.g. "10.0.0.5", "10.0.0.0/24", "*"): host bits set (the range is 10.0.0.0/8)`},
		{"jrpc whitelist typo", func(c *config.RPC) { c.JrpcFuncWhitelist = []string{"GetBlock"} },
			`[rpc] jrpcFuncWhitelist: entry 0 "GetBlock": not a JSON-RPC method of this node`},
		{"jrpc blacklist typo", func(c *config.RPC) { c.JrpcFuncBlacklist = []string{"CloseQueue", "SendTx"} },
			`[rpc] jrpcFuncBlacklist: entry 1 "SendTx": not a JSON-RPC method`},
		{"grpc name in the jrpc list", func(c *config.RPC) { c.JrpcFuncWhitelist = []string{"GetMemPool"} },
			`[rpc] jrpcFuncWhitelist: entry 0 "GetMemPool": not a JSON-RPC method`},
		{"grpc whitelist typo", func(c *config.RPC) { c.GrpcFuncWhitelist = []string{"*", "SendTransactionz"} },
			`[rpc] grpcFuncWhitelist: entry 1 "SendTransactionz": not a gRPC method`},
	} {
		cfg := def
		c.set(&cfg)
		_, err := rpc.NewServer(settings(cfg), testNode.RPCBackend(), slog.New(logs))
		var se *rpc.SettingError
		if !errors.As(err, &se) || !strings.HasPrefix(err.Error(), c.want) {
			t.Errorf("%s: %v, want %s", c.name, err, c.want)
		}
	}
	ok := def
	ok.Whitelist = []string{"10.0.0.0/8", "::1", "fd00::/8", "192.0.2.7"}
	ok.JrpcFuncWhitelist = []string{"GetMempool", "IsSync"}
	ok.GrpcFuncBlacklist = []string{"CloseQueue", "GetMemPool"}
	if _, err := rpc.NewServer(settings(ok), testNode.RPCBackend(), slog.New(logs)); err != nil {
		t.Errorf("valid settings: %v", err)
	}
}
