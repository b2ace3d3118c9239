package main

import (
	"bytes"
	"encoding/hex"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"chain33node/cmdtest"
	"chain33node/crypto"
	"chain33node/genesis"
	"chain33node/types"

	"google.golang.org/protobuf/proto"
)

// The CLI binary is built once and run as a real process, so that exit
// status, stdout and stderr are what an operator sees.

func TestMain(m *testing.M) {
	code := m.Run()
	cmdtest.Cleanup()
	os.Exit(code)
}

type result struct {
	stdout, stderr string
	code           int
}

// runCLI runs the binary in dir with args.
func runCLI(t *testing.T, dir string, args ...string) result {
	t.Helper()
	cmd := exec.Command(cmdtest.Path(t, "cli"), args...)
	cmd.Dir = dir
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err := cmd.Run()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatalf("run cli: %v", err)
	}
	return result{out.String(), errOut.String(), code}
}

// rpcCall is one request the fake node received.
type rpcCall struct {
	Method string
	Param  json.RawMessage
}

// fakeNode answers JSON-RPC as the reference does: {"id","result","error"},
// HTTP 200 always; results come from a table (a string value starting with
// "error:" answers with that error).
type fakeNode struct {
	*httptest.Server
	mu      sync.Mutex
	results map[string]any
	handler map[string]func(param json.RawMessage) (any, string)
	calls   []rpcCall
}

func newFakeNode(t *testing.T, results map[string]any) *fakeNode {
	f := &fakeNode{results: results, handler: map[string]func(json.RawMessage) (any, string){}}
	f.Server = httptest.NewServer(http.HandlerFunc(f.serve))
	t.Cleanup(f.Close)
	return f
}

func (f *fakeNode) serve(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path != "/" {
		return // as the reference: 200, empty body
	}
	var req struct {
		Method string            `json:"method"`
		Params []json.RawMessage `json:"params"`
		ID     uint64            `json:"id"`
	}
	if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	var param json.RawMessage
	if len(req.Params) == 1 {
		param = req.Params[0]
	}
	f.mu.Lock()
	f.calls = append(f.calls, rpcCall{req.Method, param})
	h := f.handler[req.Method]
	res, ok := f.results[req.Method]
	f.mu.Unlock()
	resp := map[string]any{"id": req.ID, "result": nil, "error": nil}
	switch {
	case h != nil:
		v, e := h(param)
		if e != "" {
			resp["error"] = e
		} else {
			resp["result"] = v
		}
	case !ok:
		resp["error"] = "rpc: can't find method " + req.Method
	default:
		if s, isStr := res.(string); isStr && strings.HasPrefix(s, "error:") {
			resp["error"] = strings.TrimPrefix(s, "error:")
		} else {
			resp["result"] = res
		}
	}
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(resp)
}

func (f *fakeNode) setResult(method string, v any) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.results[method] = v
}

func (f *fakeNode) callsOf(method string) []rpcCall {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []rpcCall
	for _, c := range f.calls {
		if c.Method == method {
			out = append(out, c)
		}
	}
	return out
}

type fixture struct {
	Args    []string                   `json:"args"`
	Results map[string]json.RawMessage `json:"results"` // verbatim: key order matters
}

// TestTranscript runs the CLI against a node answering with the JSON-RPC
// results behind the reference transcript's outputs and expects the
// transcript's text, byte for byte.
func TestTranscript(t *testing.T) {
	raw, err := os.ReadFile("testdata/fixtures.json")
	if err != nil {
		t.Fatal(err)
	}
	var fixtures map[string]fixture
	if err := json.Unmarshal(raw, &fixtures); err != nil {
		t.Fatal(err)
	}
	if len(fixtures) < 30 {
		t.Fatalf("only %d fixtures", len(fixtures))
	}
	for name, fx := range fixtures {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			want, err := os.ReadFile(filepath.Join("testdata", name+".out"))
			if err != nil {
				t.Fatal(err)
			}
			results := map[string]any{}
			for m, r := range fx.Results {
				results[m] = r
			}
			node := newFakeNode(t, results)
			args := append([]string{"--rpc_laddr", node.URL}, fx.Args...)
			r := runCLI(t, t.TempDir(), args...)
			if r.code != 0 || r.stderr != "" {
				t.Fatalf("exit %d, stderr %q", r.code, r.stderr)
			}
			if r.stdout != string(want) {
				t.Errorf("cli %s:\n got:\n%s\nwant:\n%s", strings.Join(fx.Args, " "), r.stdout, want)
			}
		})
	}
}

// TestRequests checks what the commands send: the reference's method names
// and params, [null] when there is none.
func TestRequests(t *testing.T) {
	node := newFakeNode(t, map[string]any{
		"Chain33.IsSync":            true,
		"Chain33.GetPeerInfo":       map[string]any{"peers": nil},
		"Chain33.Query":             map[string]any{"key": "qbft-manager"},
		"Chain33.CreateTransaction": "0x00",
		"Chain33.GetBlocks":         map[string]any{"items": nil},
		"Chain33.GetHeaders":        map[string]any{"items": nil},
		"Chain33.GetTxByHashes":     map[string]any{"txs": nil},
		"Chain33.GetChainConfig":    map[string]any{"coinPrecision": 100000000},
		"Chain33.GetMempool":        map[string]any{"txs": nil},
	})
	dir := t.TempDir()
	for _, tc := range []struct {
		args   []string
		method string
		param  string
	}{
		{[]string{"net", "is_sync"}, "Chain33.IsSync", `null`},
		{[]string{"net", "peer", "-t", "gossip"}, "Chain33.GetPeerInfo", `{"p2pType":"gossip"}`},
		{[]string{"config", "query", "-k", "qbft-manager"}, "Chain33.Query",
			`{"execer":"manage","funcName":"GetConfigItem","payload":{"data":"qbft-manager"}}`},
		{[]string{"--paraName", "user.p.test.", "config", "config_tx", "-c", "k", "-o", "add", "-v", "v"}, "Chain33.CreateTransaction",
			`{"execer":"user.p.test.manage","actionName":"Modify","payload":{"key":"k","value":"v","op":"add","addr":""}}`},
		{[]string{"block", "get", "-s", "1", "-e", "2", "-d", "true"}, "Chain33.GetBlocks", `{"start":1,"end":2,"isDetail":true}`},
		{[]string{"block", "headers", "-s", "3", "-e", "4"}, "Chain33.GetHeaders", `{"start":3,"end":4,"isDetail":false}`},
		{[]string{"tx", "query_hash", "-s", "0x01 0x02"}, "Chain33.GetTxByHashes", `{"hashes":["0x01","0x02"],"disableDetail":false}`},
		{[]string{"mempool", "list"}, "Chain33.GetMempool", `{"isAll":false}`},
	} {
		r := runCLI(t, dir, append([]string{"--rpc_laddr", node.URL}, tc.args...)...)
		if r.code != 0 {
			t.Errorf("%v: exit %d, stderr %q", tc.args, r.code, r.stderr)
			continue
		}
		calls := node.callsOf(tc.method)
		if len(calls) == 0 {
			t.Errorf("%v: no %s call", tc.args, tc.method)
			continue
		}
		if got := string(calls[len(calls)-1].Param); got != tc.param {
			t.Errorf("%v: %s params\n got %s\nwant %s", tc.args, tc.method, got, tc.param)
		}
	}
	// Query payloads are chain33 jsonpb: int64 as strings.
	node.setResult("Chain33.Query", map[string]any{"totalTx": "1"})
	runCLI(t, dir, "--rpc_laddr", node.URL, "qbft", "perf_stat", "-s", "2", "-e", "9")
	calls := node.callsOf("Chain33.Query")
	want := `{"execer":"qbftNode","funcName":"GetPerfStat","payload":{"start":"2","end":"9"}}`
	if got := string(calls[len(calls)-1].Param); got != want {
		t.Errorf("perf_stat params %s, want %s", got, want)
	}
}

func TestErrors(t *testing.T) {
	node := newFakeNode(t, map[string]any{
		"Chain33.GetChainConfig":   map[string]any{"coinPrecision": 100000000},
		"Chain33.QueryTransaction": "error:tx not exist",
		"Chain33.SendTransaction":  "error:ErrDupTx",
	})
	dir := t.TempDir()
	for _, tc := range []struct {
		args       []string
		stderr     string // exact, or a prefix when it ends in "..."
		wantStdout string
	}{
		{[]string{"tx", "query", "-s", "0x" + strings.Repeat("00", 32)}, "tx not exist\n", ""},
		{[]string{"wallet", "send", "-d", "0a05"}, "ErrDupTx\n", ""},
		{[]string{"tx", "query", "-s", "0x12"}, "ErrHashNotExist\n", ""},
		{[]string{"net", "is_sync"}, "rpc: can't find method Chain33.IsSync\n", ""},
		{[]string{"block", "get", "-s", "1", "-e", "1", "-d", "maybe"}, `strconv.ParseBool: parsing "maybe": invalid syntax` + "\n", ""},
		{[]string{"account", "balance", "-a", "not-an-address", "-e", "coins"}, "ErrInvalidAddress\n", ""},
		{[]string{"coins", "transfer", "-a", "-1", "-t", "12qyocayNF7Lv6C9qW4avxs2E7U41fKSfv"}, "ErrAmount\n", ""},
		{[]string{"coins", "transfer", "-a", "1", "-t", "1BadAddress"}, "ErrInvalidAddress\n", ""},
		{[]string{"wallet", "sign", "-d", "0a05", "-k", "00", "-e", "junk"},
			`Invalid expire format. Should be one of {time:"3600s/1min/1h" block:"123" txHeight:"H:123"}` + "\n", ""},
	} {
		r := runCLI(t, dir, append([]string{"--rpc_laddr", node.URL}, tc.args...)...)
		if r.code != 1 || r.stderr != tc.stderr || r.stdout != tc.wantStdout {
			t.Errorf("%v: exit %d stdout %q stderr %q; want exit 1, stderr %q", tc.args, r.code, r.stdout, r.stderr, tc.stderr)
		}
	}

	// A node that is not there.
	r := runCLI(t, dir, "--rpc_laddr", "http://127.0.0.1:1", "net", "is_sync")
	if r.code != 1 || !strings.Contains(r.stderr, "connection refused") || r.stdout != "" {
		t.Errorf("unreachable node: %+v", r)
	}

	// A missing required flag: cobra's message and usage, as the reference.
	r = runCLI(t, dir, "--rpc_laddr", node.URL, "qbft", "info")
	for _, want := range []string{
		"Error: required flag(s) \"height\" not set\nUsage:\n  local-cli qbft info [flags]\n\nFlags:\n" +
			"  -t, --height int   block height (larger than 0)\n  -h, --help         help for info\n\nGlobal Flags:\n" +
			"      --conf string        cli config\n      --paraName string    parachain\n      --rpc_laddr string   http url",
		"\nrequired flag(s) \"height\" not set\n",
	} {
		if !strings.Contains(r.stderr, want) {
			t.Errorf("qbft info without -t: stderr %q lacks %q", r.stderr, want)
		}
	}
	if r.code != 1 || r.stdout != "" {
		t.Errorf("qbft info without -t: exit %d stdout %q", r.code, r.stdout)
	}
}

func TestRootName(t *testing.T) {
	dir := t.TempDir()
	r := runCLI(t, dir, "--help")
	if r.code != 0 || !strings.Contains(r.stdout, "local-cli [command]") {
		t.Errorf("default title: %+v", r)
	}
	if strings.Contains(r.stdout, "--title") {
		t.Error("--title must be hidden")
	}
	if err := os.WriteFile(filepath.Join(dir, "chain33.toml"), []byte("Title=\"chain33\"\n[log]\nloglevel=\"info\"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	r = runCLI(t, dir, "--help")
	if !strings.Contains(r.stdout, "chain33-cli [command]") {
		t.Errorf("title from chain33.toml: %s", r.stdout)
	}
	other := filepath.Join(t.TempDir(), "x.toml")
	if err := os.WriteFile(other, []byte("Title=\"user.p.para.\"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	r = runCLI(t, dir, "--conf", other, "--help")
	if !strings.Contains(r.stdout, "user.p.para.-cli [command]") {
		t.Errorf("title from --conf: %s", r.stdout)
	}
}

func TestGenFile(t *testing.T) {
	dir := t.TempDir()
	r := runCLI(t, dir, "qbft", "gen_file", "-n", "4", "-t", "bls")
	if r.code != 0 || r.stdout != "generate genesis file path genesis_file.json\n" || r.stderr != "" {
		t.Fatalf("gen_file: %+v", r)
	}
	doc, err := genesis.LoadDoc(filepath.Join(dir, "genesis_file.json"))
	if err != nil {
		t.Fatal(err)
	}
	if len(doc.GenesisValidators) != 4 || !strings.HasPrefix(doc.ChainID, "chain33-") {
		t.Fatalf("genesis: %d validators, chain id %q", len(doc.GenesisValidators), doc.ChainID)
	}
	keys := map[string]string{}
	for i := range 4 {
		name := filepath.Join(dir, "priv_validator_"+string(rune('0'+i))+".json")
		pv, err := genesis.LoadPrivValidator(name)
		if err != nil {
			t.Fatal(err)
		}
		if fi, _ := os.Stat(name); fi.Mode().Perm() != 0o600 {
			t.Errorf("%s mode %v", name, fi.Mode().Perm())
		}
		keys[name] = pv.PubKey.Data
		if doc.GenesisValidators[i].PubKey.Data != pv.PubKey.Data || doc.GenesisValidators[i].Power != 10 {
			t.Errorf("validator %d does not match its key file", i)
		}
	}
	// A second run keeps the keys and writes a new genesis (default type bls).
	r = runCLI(t, dir, "qbft", "gen_file", "-n", "4")
	if r.code != 0 {
		t.Fatalf("second gen_file: %+v", r)
	}
	doc2, err := genesis.LoadDoc(filepath.Join(dir, "genesis_file.json"))
	if err != nil {
		t.Fatal(err)
	}
	for i, v := range doc2.GenesisValidators {
		if v.PubKey.Data != doc.GenesisValidators[i].PubKey.Data {
			t.Errorf("key %d changed on the second run", i)
		}
	}

	for _, tc := range []struct {
		args   []string
		stderr string
	}{
		{[]string{"qbft", "gen_file", "-n", "four"}, "num parameter is not valid digit\n"},
		{[]string{"qbft", "gen_file", "-n", "2", "-t", "rsa"}, "type parameter is not valid\n"},
	} {
		r := runCLI(t, t.TempDir(), tc.args...)
		if r.code != 1 || r.stderr != tc.stderr {
			t.Errorf("%v: %+v", tc.args, r)
		}
	}
}

// decodeHexTx decodes the CLI's unsigned transaction output.
func decodeHexTx(t *testing.T, out string) *types.Tx {
	t.Helper()
	if !strings.HasSuffix(out, "\n") || strings.HasPrefix(out, "0x") {
		t.Fatalf("tx output %q: want bare hex and a newline", out)
	}
	b, err := hex.DecodeString(strings.TrimSuffix(out, "\n"))
	if err != nil {
		t.Fatal(err)
	}
	if hex.EncodeToString(b) != strings.TrimSuffix(out, "\n") {
		t.Fatal("tx hex is not lower case")
	}
	tx, err := types.DecodeTx(b)
	if err != nil {
		t.Fatal(err)
	}
	return tx
}

const (
	pubKey    = "945BE847820D8D313F563F9EA56FF66379F640C79699D338BC1CC9FB94B5664825C39BC76CE086F7333FCBDB589664B3"
	genesisSK = "CC38546E9E659D15E6B4893F0AB32A06D103931A8230B0BDE71459D2B27D6944"
	toAddr    = "12qyocayNF7Lv6C9qW4avxs2E7U41fKSfv"
)

func TestQbftAdd(t *testing.T) {
	r := runCLI(t, t.TempDir(), "qbft", "add", "-p", pubKey, "-w", "10")
	if r.code != 0 || r.stderr != "" {
		t.Fatalf("qbft add: %+v", r)
	}
	tx := decodeHexTx(t, r.stdout)
	var action types.QbftNodeAction
	if err := proto.Unmarshal(tx.Payload, &action); err != nil {
		t.Fatal(err)
	}
	if string(tx.Execer) != "qbftNode" || action.Ty != 1 || action.GetNode().GetPubKey() != pubKey || action.GetNode().GetPower() != 10 {
		t.Errorf("payload %v execer %q", &action, tx.Execer)
	}
	if tx.To != "1LSkmQRZiFDeL6YSKTbYDadhyfNFQZznHT" || tx.Nonce == 0 || tx.Fee != 0 || tx.Expire != 0 || tx.ChainID != 0 || tx.Signature != nil {
		t.Errorf("tx fields: to %s nonce %d fee %d expire %d chainID %d", tx.To, tx.Nonce, tx.Fee, tx.Expire, tx.ChainID)
	}
	r2 := runCLI(t, t.TempDir(), "qbft", "add", "-p", pubKey, "-w", "0")
	if r2.stdout == r.stdout {
		t.Error("two qbft add txs with the same nonce")
	}
	if r := runCLI(t, t.TempDir(), "qbft", "add", "-p", pubKey); r.code != 1 || !strings.Contains(r.stderr, `required flag(s) "power" not set`) {
		t.Errorf("qbft add without -w: %+v", r)
	}
}

var chainConfig = map[string]any{
	"title": "local", "coinExec": "coins", "coinSymbol": "bty", "coinPrecision": 100000000,
	"minTxFeeRate": 100000, "maxTxFee": 1000000000, "defaultAddressID": 0,
}

// The transcript's `coins transfer -a 1 -t 12qy...` output.
const transcriptTransfer = "0a05636f696e73122d18010a291080c2d72f2222313271796f6361794e46374c7636433971573461767873324537553431664b53667620a08d0630f6fb8f92d9c88fb2173a22313271796f6361794e46374c7636433971573461767873324537553431664b536676"

func TestCoinsTransfer(t *testing.T) {
	node := newFakeNode(t, map[string]any{"Chain33.GetChainConfig": chainConfig})
	r := runCLI(t, t.TempDir(), "--rpc_laddr", node.URL, "coins", "transfer", "-a", "1", "-t", toAddr)
	if r.code != 0 || r.stderr != "" {
		t.Fatalf("coins transfer: %+v", r)
	}
	tx := decodeHexTx(t, r.stdout)
	if tx.Nonce == 0 {
		t.Fatal("nonce 0")
	}
	want, _ := hex.DecodeString(transcriptTransfer)
	ref, err := types.DecodeTx(want)
	if err != nil {
		t.Fatal(err)
	}
	tx.Nonce = ref.Nonce // the only random part
	if got := hex.EncodeToString(types.AppendTx(nil, tx.Transaction, true, true)); got != transcriptTransfer {
		t.Errorf("transfer\n got %s\nwant %s", got, transcriptTransfer)
	}

	// 4 decimals count; the note and the node's chainID are carried.
	node.setResult("Chain33.GetChainConfig", map[string]any{"coinPrecision": 100000000, "minTxFeeRate": 100000, "chainID": 33})
	r = runCLI(t, t.TempDir(), "--rpc_laddr", node.URL, "coins", "transfer", "-a", "0.12345678", "-t", toAddr, "-n", "hi")
	if r.code != 0 {
		t.Fatalf("%+v", r)
	}
	tx = decodeHexTx(t, r.stdout)
	var a types.CoinsAction
	if err := proto.Unmarshal(tx.Payload, &a); err != nil {
		t.Fatal(err)
	}
	if a.GetTransfer().GetAmount() != 12340000 || string(a.GetTransfer().GetNote()) != "hi" || tx.ChainID != 33 || tx.Fee != 100000 {
		t.Errorf("transfer %v chainID %d fee %d", &a, tx.ChainID, tx.Fee)
	}
}

// TestSend runs `send` (create, wallet sign and wallet send as child
// processes) for the three documented uses.
func TestSend(t *testing.T) {
	const (
		configHex = "0x0a066d616e61676512390a370a0c716266742d6d616e616765721222313271796f6361794e46374c7636433971573461767873324537553431664b5366761a0361646420a08d0630f4a1f2a1c28fe4e3653a223151344e687572654a784b4e4266373164323642394a336642516f5163666d657a32"
		signedHex = "0a066d616e616765"
		txHash    = "0xf3145173e45d9fb93c58df3daead7b86548a98cac725e0d3abdd531ddfb5db4d"
	)
	node := newFakeNode(t, map[string]any{
		"Chain33.GetChainConfig":    chainConfig,
		"Chain33.CreateTransaction": configHex,
		"Chain33.SignRawTx":         signedHex,
		"Chain33.SendTransaction":   txHash,
	})
	signParam := func(t *testing.T) map[string]any {
		t.Helper()
		calls := node.callsOf("Chain33.SignRawTx")
		if len(calls) == 0 {
			t.Fatal("no SignRawTx")
		}
		var p map[string]any
		if err := json.Unmarshal(calls[len(calls)-1].Param, &p); err != nil {
			t.Fatal(err)
		}
		return p
	}
	lastSend := func(t *testing.T) string {
		t.Helper()
		calls := node.callsOf("Chain33.SendTransaction")
		if len(calls) == 0 {
			t.Fatal("no SendTransaction")
		}
		var p struct{ Data, Token string }
		if err := json.Unmarshal(calls[len(calls)-1].Param, &p); err != nil {
			t.Fatal(err)
		}
		return p.Data
	}
	dir := t.TempDir()

	t.Run("config_tx", func(t *testing.T) {
		r := runCLI(t, dir, "--rpc_laddr", node.URL, "send", "config", "config_tx", "-c", "qbft-manager", "-o", "add",
			"-v", toAddr, "-k", genesisSK)
		if r.code != 0 || r.stdout != txHash+"\n" || r.stderr != "" {
			t.Fatalf("%+v", r)
		}
		p := signParam(t)
		if p["txHex"] != configHex || p["privkey"] != genesisSK || p["expire"] != "120s" || p["addressID"] != float64(-1) {
			t.Errorf("sign params %v", p)
		}
		if d := lastSend(t); d != signedHex {
			t.Errorf("sent %q", d)
		}
	})

	t.Run("qbft_add", func(t *testing.T) {
		r := runCLI(t, dir, "send", "qbft", "add", "-p", pubKey, "-w", "10", "--key="+genesisSK, "--rpc_laddr="+node.URL)
		if r.code != 0 || r.stdout != txHash+"\n" {
			t.Fatalf("%+v", r)
		}
		p := signParam(t)
		tx := decodeHexTx(t, p["txHex"].(string)+"\n")
		if string(tx.Execer) != "qbftNode" || p["privkey"] != genesisSK {
			t.Errorf("signed %s with %v", tx.Execer, p["privkey"])
		}
	})

	t.Run("coins_transfer", func(t *testing.T) {
		r := runCLI(t, dir, "--rpc_laddr", node.URL, "send", "coins", "transfer", "-a", "1", "-t", toAddr,
			"-k", genesisSK, "--signAddrType", "0")
		if r.code != 0 || r.stdout != txHash+"\n" {
			t.Fatalf("%+v", r)
		}
		p := signParam(t)
		tx := decodeHexTx(t, p["txHex"].(string)+"\n")
		if tx.To != toAddr || p["addressID"] != nil { // 0 is omitted
			t.Errorf("to %s, sign params %v", tx.To, p)
		}
	})

	t.Run("wallet_address", func(t *testing.T) {
		addr := crypto.PubKeyToAddr(mustKey(t).PubKey())
		r := runCLI(t, dir, "--rpc_laddr", node.URL, "send", "coins", "transfer", "-a", "1", "-t", toAddr, "-k", addr)
		if r.code != 0 {
			t.Fatalf("%+v", r)
		}
		if p := signParam(t); p["addr"] != addr || p["privkey"] != nil {
			t.Errorf("sign params %v", p)
		}
	})

	t.Run("failures", func(t *testing.T) {
		// The create step fails: its message, exit 1, nothing signed.
		before := len(node.callsOf("Chain33.SignRawTx"))
		r := runCLI(t, dir, "--rpc_laddr", node.URL, "send", "coins", "transfer", "-a", "1", "-t", "bad", "-k", genesisSK)
		if r.code != 1 || r.stderr != "ErrInvalidAddress\n" || r.stdout != "" {
			t.Errorf("bad create: %+v", r)
		}
		if len(node.callsOf("Chain33.SignRawTx")) != before {
			t.Error("signed after a failed create")
		}
		// No key.
		r = runCLI(t, dir, "--rpc_laddr", node.URL, "send", "qbft", "add", "-p", pubKey, "-w", "1")
		if r.code != 1 || r.stderr != "no private key found\n" {
			t.Errorf("no key: %+v", r)
		}
		r = runCLI(t, dir, "--rpc_laddr", node.URL, "send", "qbft", "add", "-p", pubKey, "-w", "1", "-k")
		if r.code != 1 || r.stderr != "no private key found\n" {
			t.Errorf("-k without value: %+v", r)
		}
		// The node refuses the transaction.
		node.setResult("Chain33.SendTransaction", "error:ErrTxFeeTooLow")
		r = runCLI(t, dir, "--rpc_laddr", node.URL, "send", "qbft", "add", "-p", pubKey, "-w", "1", "-k", genesisSK)
		if r.code != 1 || r.stderr != "ErrTxFeeTooLow\n" || r.stdout != "" {
			t.Errorf("refused: %+v", r)
		}
		// Help.
		r = runCLI(t, dir, "send")
		if r.code != 0 || !strings.Contains(r.stdout, `"-k"`) {
			t.Errorf("send help: %+v", r)
		}
	})
}

func mustKey(t *testing.T) *crypto.PrivKey {
	t.Helper()
	b, _ := hex.DecodeString(genesisSK)
	k, err := crypto.PrivKeyFromBytes(b)
	if err != nil {
		t.Fatal(err)
	}
	return k
}

func TestWalletSignExpire(t *testing.T) {
	node := newFakeNode(t, map[string]any{"Chain33.GetChainConfig": chainConfig, "Chain33.SignRawTx": "0a00"})
	r := runCLI(t, t.TempDir(), "--rpc_laddr", node.URL, "wallet", "sign", "-d", "0a05", "-k", genesisSK, "-e", "30s", "-f", "0.002")
	want := "expire time must longer than 2 minutes, changed expire time into 2 minutes\n0a00\n"
	if r.code != 0 || r.stdout != want {
		t.Fatalf("%+v", r)
	}
	calls := node.callsOf("Chain33.SignRawTx")
	var p map[string]any
	_ = json.Unmarshal(calls[0].Param, &p)
	if p["expire"] != "120s" || p["fee"] != float64(200000) {
		t.Errorf("sign params %v", p)
	}
}

// `wallet sign -p` names the address driver the node signs for (chain33-cli
// addressType: btc 0, btcMultiSign 1, eth 2; -1 the default), forwarded as
// addressID; `send … --signAddrType` reaches it through `wallet sign -p`.
func TestWalletSignAddressType(t *testing.T) {
	node := newFakeNode(t, map[string]any{"Chain33.GetChainConfig": chainConfig, "Chain33.SignRawTx": "0a00"})
	for _, c := range []struct {
		args []string
		want float64
	}{
		{nil, -1},
		{[]string{"-p", "2"}, 2},
		{[]string{"--addressType", "1"}, 1},
	} {
		args := append([]string{"--rpc_laddr", node.URL, "wallet", "sign", "-d", "0a05", "-k", genesisSK}, c.args...)
		if r := runCLI(t, t.TempDir(), args...); r.code != 0 || r.stdout != "0a00\n" {
			t.Fatalf("%v: %+v", c.args, r)
		}
		calls := node.callsOf("Chain33.SignRawTx")
		var p map[string]any
		_ = json.Unmarshal(calls[len(calls)-1].Param, &p)
		if p["addressID"] != c.want {
			t.Errorf("%v: addressID %v, want %v", c.args, p["addressID"], c.want)
		}
	}
	if r := runCLI(t, t.TempDir(), "--rpc_laddr", node.URL, "wallet", "sign", "-d", "0a05", "-k", genesisSK, "-p", "x"); r.code == 0 {
		t.Errorf("-p x accepted: %+v", r)
	}
}
