package rpc_test

import (
	"bytes"
	"context"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"chain33node/cmdtest"
	"chain33node/config"
	"chain33node/genesis"
	"chain33node/loopback"
	"chain33node/node"
	"chain33node/poll"
	"chain33node/rpc"
)

// One real single-validator node (real consensus, LevelDB, BLS) serves all
// tests of this package; it commits an empty block every second.
var (
	testNode *node.Node
	testCfg  *config.Config
	testSrv  *rpc.Server
	testURL  string
	logs     = &recordingHandler{}
)

func TestMain(m *testing.M) {
	os.Exit(run(m))
}

func run(m *testing.M) int {
	dir, err := os.MkdirTemp("", "rpc-test-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer os.RemoveAll(dir)
	defer cmdtest.Cleanup()
	if err := startNode(dir); err != nil {
		fmt.Fprintln(os.Stderr, "start test node:", err)
		return 1
	}
	defer testNode.Close()
	defer testSrv.Close()
	code := m.Run()
	if n := logs.count("panic"); n > 0 && code == 0 {
		fmt.Fprintf(os.Stderr, "%d recovered panics were logged: %v\n", n, logs.messages())
		return 1
	}
	return code
}

func startNode(dir string) error {
	if _, err := genesis.GenFile(dir, 1, "bls"); err != nil {
		return err
	}
	for from, to := range map[string]string{"genesis_file.json": "genesis.json", "priv_validator_0.json": "priv_validator.json"} {
		b, err := os.ReadFile(filepath.Join(dir, from))
		if err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(dir, to), b, 0o600); err != nil {
			return err
		}
	}
	c := config.Default()
	c.Dir = dir
	q := &c.Consensus.Sub.QBFT
	q.BindAddr, q.Port = loopback.IP(), 23001 // validatorNodes names it: an IP of its own, a fixed port
	q.ValidatorNodes = []string{fmt.Sprintf("%s:%d", q.BindAddr, q.Port)}
	q.TimeoutTxAvail, q.TimeoutPropose, q.TimeoutPrevote, q.TimeoutPrecommit, q.TimeoutCommit = 20, 1500, 500, 500, 50
	q.EmptyBlockInterval = 1
	c.RPC.JrpcBindAddr, c.RPC.GrpcBindAddr = "127.0.0.1:0", "127.0.0.1:0"
	c.P2P.Sub.Gossip.BindAddr, c.P2P.Sub.Gossip.Port, c.P2P.Sub.Gossip.Seeds = "127.0.0.1", 0, nil
	c.BlockChain.SingleMode = true // a lone node is in sync with itself
	c.BlockChain.IsRecordBlockSequence, c.BlockChain.EnablePushSubscribe = true, true
	c.Exec.EnableAddrFeeIndex = true
	c.Mempool.MaxTxNumPerAccount = 10000 // BenchmarkGetBlocks has superKey send 2,000 at once
	ntpAddr, err := serveNTP(ntpSkew)
	if err != nil {
		return err
	}
	c.NtpHosts = []string{"127.0.0.1:1", ntpAddr} // the first answers nothing: the node asks the next
	testCfg = c

	quiet := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
	n, err := node.New(c, node.Options{Datadir: filepath.Join(dir, "datadir"), Logger: quiet})
	if err != nil {
		return err
	}
	if err := n.Start(); err != nil {
		n.Close()
		return err
	}
	testNode = n
	if testSrv, err = rpc.NewServer(settings(c.RPC), n.RPCBackend(), slog.New(logs)); err != nil {
		return err
	}
	rl, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	go testSrv.ServeJSONRPC(rl)
	testURL = "http://" + rl.Addr().String()
	return poll.Wait(30*time.Second, func() error {
		if testNode.Chain().HeadInfo().Height < 1 {
			return errors.New("no block after genesis in 30 s")
		}
		return nil
	})
}

// ntpSkew is how far the test NTP server's clock is ahead of ours: within
// the minute IsNtpClockSync allows.
const ntpSkew = 30 * time.Second

// serveNTP runs an NTP server on a loopback UDP port for the test node's
// ntpHosts: a real server answering SNTP requests with our clock plus skew.
func serveNTP(skew time.Duration) (string, error) {
	pc, err := net.ListenPacket("udp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	toNTP := func(t time.Time) uint64 {
		ns := uint64(t.UnixNano()) + 2208988800*uint64(time.Second)
		return ns/uint64(time.Second)<<32 | (ns%uint64(time.Second))<<32/uint64(time.Second)
	}
	go func() {
		buf := make([]byte, 512)
		for {
			n, from, err := pc.ReadFrom(buf)
			if err != nil {
				return
			}
			if n < 48 {
				continue
			}
			reply := make([]byte, 48)
			reply[0], reply[1] = 4<<3|4, 2 // version 4, server; stratum 2
			copy(reply[24:32], buf[40:48])
			binary.BigEndian.PutUint64(reply[32:], toNTP(time.Now().Add(skew)))
			binary.BigEndian.PutUint64(reply[40:], toNTP(time.Now().Add(skew)))
			pc.WriteTo(reply, from)
		}
	}()
	return pc.LocalAddr().String(), nil
}

// settings are the test node's server settings with rc as its [rpc] table.
func settings(rc config.RPC) rpc.Settings {
	c := *testCfg
	c.RPC = rc
	return node.RPCSettings(&c, testNode.Genesis())
}

// newServer is a server for settings sc, serving from the test node.
func newServer(t testing.TB, sc rpc.Settings) *rpc.Server {
	t.Helper()
	s, err := rpc.NewServer(sc, testNode.RPCBackend(), slog.New(logs))
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// recordingHandler is a slog handler that keeps error records (the server
// logs recovered panics at error level).
type recordingHandler struct {
	mu   sync.Mutex
	msgs []string
}

func (h *recordingHandler) Enabled(_ context.Context, l slog.Level) bool { return l >= slog.LevelError }
func (h *recordingHandler) Handle(_ context.Context, r slog.Record) error {
	h.mu.Lock()
	defer h.mu.Unlock()
	msg := r.Message
	r.Attrs(func(a slog.Attr) bool { msg += " " + a.String(); return true })
	h.msgs = append(h.msgs, msg)
	return nil
}
func (h *recordingHandler) WithAttrs([]slog.Attr) slog.Handler { return h }
func (h *recordingHandler) WithGroup(string) slog.Handler      { return h }

func (h *recordingHandler) count(sub string) int {
	h.mu.Lock()
	defer h.mu.Unlock()
	n := 0
	for _, m := range h.msgs {
		if strings.Contains(m, sub) {
			n++
		}
	}
	return n
}

func (h *recordingHandler) messages() []string {
	h.mu.Lock()
	defer h.mu.Unlock()
	return append([]string(nil), h.msgs...)
}

// post sends body to path and returns status and body.
func post(t testing.TB, path, body string) (int, string) {
	t.Helper()
	code, b := postWith(t, http.DefaultClient, path, body)
	return code, string(b)
}

// postWith is post through client.
func postWith(t testing.TB, client *http.Client, path, body string) (int, []byte) {
	t.Helper()
	resp, err := client.Post(testURL+path, "application/json", strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, b
}

type response struct {
	ID     json.RawMessage `json:"id"`
	Result json.RawMessage `json:"result"`
	Error  *string         `json:"error"`
}

// call calls method with params[0] = param and returns the raw result, or
// the error string.
func call(t testing.TB, method string, param any) (json.RawMessage, string) {
	t.Helper()
	p, err := json.Marshal(param)
	if err != nil {
		t.Fatal(err)
	}
	status, body := post(t, "/", fmt.Sprintf(`{"jsonrpc":"2.0","id":1,"method":%q,"params":[%s]}`, method, p))
	if status != 200 {
		t.Fatalf("%s: HTTP %d", method, status)
	}
	var r response
	if err := json.Unmarshal([]byte(body), &r); err != nil {
		t.Fatalf("%s: response %q: %v", method, body, err)
	}
	if r.Error != nil {
		return nil, *r.Error
	}
	return r.Result, ""
}

// mustCall is call that fails the test on an error response.
func mustCall(t testing.TB, method string, param any) json.RawMessage {
	t.Helper()
	res, e := call(t, method, param)
	if e != "" {
		t.Fatalf("%s: error %q", method, e)
	}
	return res
}

// keys lists the member names of a JSON object in their order.
func keys(t testing.TB, raw json.RawMessage) []string {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader(raw))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		t.Fatalf("not an object: %s", raw)
	}
	var out []string
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, tok.(string))
		var skip json.RawMessage
		if err := dec.Decode(&skip); err != nil {
			t.Fatal(err)
		}
	}
	return out
}

func member(t testing.TB, raw json.RawMessage, name string) json.RawMessage {
	t.Helper()
	var m map[string]json.RawMessage
	if err := json.Unmarshal(raw, &m); err != nil {
		t.Fatalf("%s: %v", raw, err)
	}
	return m[name]
}

func wantKeys(t testing.TB, what string, raw json.RawMessage, want ...string) {
	t.Helper()
	if got := keys(t, raw); strings.Join(got, ",") != strings.Join(want, ",") {
		t.Errorf("%s keys:\n got %v\nwant %v\nin %s", what, got, want, raw)
	}
}

// waitTx polls QueryTransaction until hash is committed.
func waitTx(t testing.TB, hash string) json.RawMessage {
	t.Helper()
	var res json.RawMessage
	poll.Until(t, 20*time.Second, "tx "+hash+" committed", func() bool {
		r, e := call(t, "Chain33.QueryTransaction", map[string]string{"hash": hash})
		if e != "" && e != "tx not exist" {
			t.Fatalf("QueryTransaction %s: %s", hash, e)
		}
		res = r
		return e == ""
	})
	return res
}
