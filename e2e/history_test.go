package e2e

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"chain33node/crypto"
	"chain33node/poll"
)

// blockSubscriber is a push subscriber: it keeps the height of every block
// it acknowledges.
type blockSubscriber struct {
	t       *testing.T
	mu      sync.Mutex
	heights []int64
}

func (s *blockSubscriber) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	seqs := pushedBlocks(s.t, r)
	if seqs == nil {
		return
	}
	s.mu.Lock()
	for _, b := range seqs.Seqs {
		s.heights = append(s.heights, b.Detail.Block.Height)
	}
	s.mu.Unlock()
	io.WriteString(w, "ok")
}

func (s *blockSubscriber) received() []int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.heights)
}

// rpcCall posts one JSON-RPC request and decodes its result.
func rpcCall(t *testing.T, rpc, method string, param, result any) {
	t.Helper()
	body, _ := json.Marshal(map[string]any{"jsonrpc": "2.0", "id": 1, "method": method, "params": []any{param}})
	resp, err := http.Post("http://"+rpc, "application/json", bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var out struct {
		Result json.RawMessage `json:"result"`
		Error  *string         `json:"error"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
		t.Fatal(err)
	}
	if out.Error != nil {
		t.Fatalf("%s: %s", method, *out.Error)
	}
	if err := json.Unmarshal(out.Result, result); err != nil {
		t.Fatalf("%s result %s: %v", method, out.Result, err)
	}
}

// A node upgraded from one without history indexes: it indexes its old
// blocks at start; transfers show in the history queries; a push
// subscriber receives every block once, in order, across a node restart.
func TestHistoryAndPush(t *testing.T) {
	dir := layout(t)
	if out, err := runScript(t, dir, "./genconfig.sh", "-f", "127.0.0.7"); err != nil {
		t.Fatalf("genconfig: %v\n%s", err, out)
	}
	ndir := filepath.Join(dir, "127.0.0.7")
	cfg := filepath.Join(ndir, "chain.toml")
	edit(t, cfg, "singleMode", "true")
	edit(t, cfg, "emptyBlockInterval", "1")
	edit(t, cfg, "timeoutTxAvail", "50")
	edit(t, cfg, "disableAddrIndex", "true") // as a node from before the indexes
	rpc := "127.0.0.7:8801"
	p := startNode(t, ndir)
	poll.Until(t, 20*time.Second, "a block", func() bool {
		out, _, code := cli(t, ndir, rpc, "block", "last_header")
		return code == 0 && !strings.Contains(out, `"height": 0,`)
	})
	to, _ := crypto.GeneratePrivKey()
	toAddr := crypto.PubKeyToAddr(to.PubKey())
	hashA := mustCLI(t, ndir, rpc, "send", "coins", "transfer", "-a", "1.5", "-t", toAddr, "-k", superKey)
	waitTx(t, ndir, rpc, hashA)
	if _, errOut, code := cli(t, ndir, rpc, "tx", "query_addr", "-a", toAddr); code != 1 || errOut != "tx does not exist" {
		t.Fatalf("query_addr without the index: exit %d, %q", code, errOut)
	}
	p.stop(t)

	// The upgrade: indexes on, sequences and push enabled.
	edit(t, cfg, "disableAddrIndex", "false")
	edit(t, cfg, "isRecordBlockSequence", "true")
	edit(t, cfg, "enablePushSubscribe", "true")
	p = startNode(t, ndir)
	poll.Until(t, 30*time.Second, "the index rebuild", func() bool {
		b, _ := os.ReadFile(filepath.Join(ndir, "logs", "node.log"))
		return strings.Contains(string(b), "history indexes rebuilt")
	})
	// The rebuild runs beside the start: the RPC may listen only after it.
	var out string
	poll.Until(t, 20*time.Second, "query_addr answering after the restart", func() bool {
		var code int
		out, _, code = cli(t, ndir, rpc, "tx", "query_addr", "-a", toAddr)
		return code == 0
	})
	if !strings.Contains(out, hashA) {
		t.Fatalf("query_addr after the rebuild:\n%s", out)
	}

	sub := &blockSubscriber{t: t}
	srv := httptest.NewServer(sub)
	defer srv.Close()
	var reply struct {
		IsOk bool   `json:"isOk"`
		Msg  string `json:"msg"`
	}
	rpcCall(t, rpc, "Chain33.AddPushSubscribe", map[string]any{"name": "explorer", "URL": srv.URL, "encode": "json", "type": 0}, &reply)
	if !reply.IsOk {
		t.Fatalf("AddPushSubscribe: %+v", reply)
	}

	hashB := mustCLI(t, ndir, rpc, "send", "coins", "transfer", "-a", "1", "-t", toAddr, "-k", superKey)
	waitTx(t, ndir, rpc, hashB)
	out = mustCLI(t, ndir, rpc, "tx", "query_addr", "-a", toAddr)
	if a, b := strings.Index(out, hashA), strings.Index(out, hashB); a < 0 || b < 0 || b > a {
		t.Fatalf("query_addr, newest first:\n%s", out)
	}
	var ov struct {
		Receiver string `json:"receiver"`
		Balance  string `json:"balance"`
		TxCount  int64  `json:"txCount"`
	}
	if err := json.Unmarshal([]byte(mustCLI(t, ndir, rpc, "tx", "addr_overview", "-a", toAddr)), &ov); err != nil ||
		ov.Receiver != "2.5000" || ov.Balance != "2.5000" || ov.TxCount != 2 {
		t.Fatalf("addr_overview: %+v, %v", ov, err)
	}
	var overview struct {
		Addr    string `json:"addr"`
		Reciver int64  `json:"reciver"`
		TxCount int64  `json:"txCount"`
	}
	rpcCall(t, rpc, "Chain33.GetAddrOverview", map[string]string{"addr": toAddr}, &overview)
	if overview.Reciver != 25e7 || overview.TxCount != 2 {
		t.Fatalf("GetAddrOverview: %+v", overview)
	}
	var seq int64
	if err := json.Unmarshal([]byte(mustCLI(t, ndir, rpc, "block", "last_sequence")), &seq); err != nil || seq < 2 {
		t.Fatalf("last_sequence %d, %v", seq, err)
	}

	// The subscriber gets every block from genesis on; then the node
	// restarts and it goes on from where it was acknowledged.
	poll.Until(t, 30*time.Second, "the pushed blocks up to the last sequence", func() bool {
		r := sub.received()
		return len(r) > 0 && r[len(r)-1] >= seq
	})
	p.stop(t)
	before := len(sub.received())
	startNode(t, ndir)
	poll.Until(t, 30*time.Second, "pushes after the restart", func() bool { return len(sub.received()) >= before+3 })
	got := sub.received()
	for i, h := range got {
		if h != int64(i) {
			t.Fatalf("pushed heights not 0, 1, 2, … once each: %v", got)
		}
	}
	t.Logf("%d blocks pushed in order, %d before the restart", len(got), before)
}
