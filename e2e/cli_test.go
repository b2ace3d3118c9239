package e2e

import (
	"encoding/hex"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"chain33node/crypto"
	"chain33node/poll"
)

// The genesis account's key (chain.toml's genesis and superManager).
const superKey = "CC38546E9E659D15E6B4893F0AB32A06D103931A8230B0BDE71459D2B27D6944"

// waitTx waits until tx query shows the transaction and returns its output.
func waitTx(t *testing.T, dir, rpc, hash string) string {
	t.Helper()
	var out string
	poll.Until(t, 30*time.Second, "tx "+hash, func() bool {
		o, _, code := cli(t, dir, rpc, "tx", "query", "-s", hash)
		out = o
		return code == 0
	})
	return out
}

func receiptOf(t *testing.T, txQuery string) (ty int, logs []string) {
	t.Helper()
	var d struct {
		Receipt struct {
			Ty   int `json:"ty"`
			Logs []struct {
				TyName string          `json:"tyName"`
				Log    json.RawMessage `json:"log"`
			} `json:"logs"`
		} `json:"receipt"`
	}
	if err := json.Unmarshal([]byte(txQuery), &d); err != nil {
		t.Fatalf("tx query output: %v\n%s", err, txQuery)
	}
	for _, l := range d.Receipt.Logs {
		logs = append(logs, l.TyName+" "+string(l.Log))
	}
	return d.Receipt.Ty, logs
}

// One node laid out by genconfig.sh, operated through the real cli: the
// operator flows of the reference's documentation.
func TestSingleNodeCLI(t *testing.T) {
	dir := layout(t)
	if out, err := runScript(t, dir, "./genconfig.sh", "-f", "127.0.0.6"); err != nil {
		t.Fatalf("genconfig: %v\n%s", err, out)
	}
	ndir := filepath.Join(dir, "127.0.0.6")
	cfg := filepath.Join(ndir, "chain.toml")
	edit(t, cfg, "singleMode", "true") // a lone node is in sync with itself
	edit(t, cfg, "emptyBlockInterval", "1")
	edit(t, cfg, "timeoutTxAvail", "50")
	startNode(t, ndir)
	rpc := "127.0.0.6:8801"

	poll.Until(t, 20*time.Second, "net is_sync", func() bool {
		out, _, code := cli(t, ndir, rpc, "net", "is_sync")
		return code == 0 && out == "true"
	})
	poll.Until(t, 20*time.Second, "a block", func() bool {
		out, _, code := cli(t, ndir, rpc, "block", "last_header")
		return code == 0 && !strings.Contains(out, `"height": 0,`)
	})

	// A coins transfer, signed and sent in one step.
	to, _ := crypto.GeneratePrivKey()
	toAddr := crypto.PubKeyToAddr(to.PubKey())
	hash := mustCLI(t, ndir, rpc, "send", "coins", "transfer", "-a", "1.5", "-t", toAddr, "-k", superKey)
	if !strings.HasPrefix(hash, "0x") || len(hash) != 66 {
		t.Fatalf("send printed %q", hash)
	}
	if ty, logs := receiptOf(t, waitTx(t, ndir, rpc, hash)); ty != 2 || len(logs) != 3 {
		t.Fatalf("transfer receipt ty %d logs %v", ty, logs)
	}
	bal := mustCLI(t, ndir, rpc, "account", "balance", "-a", toAddr, "-e", "coins")
	if !strings.Contains(bal, `"balance": "1.5000"`) {
		t.Fatalf("balance:\n%s", bal)
	}

	// Authorise a qbft-manager the reference's way: create, sign, send.
	mgr, _ := crypto.GeneratePrivKey()
	mgrAddr := crypto.PubKeyToAddr(mgr.PubKey())
	mgrKey := hex.EncodeToString(mgr.Bytes())
	raw := mustCLI(t, ndir, rpc, "config", "config_tx", "-c", "qbft-manager", "-o", "add", "-v", mgrAddr)
	signed := mustCLI(t, ndir, rpc, "wallet", "sign", "-d", raw, "-k", superKey)
	hash = mustCLI(t, ndir, rpc, "wallet", "send", "-d", signed)
	if ty, _ := receiptOf(t, waitTx(t, ndir, rpc, hash)); ty != 2 {
		t.Fatalf("config tx receipt ty %d", ty)
	}
	q := mustCLI(t, ndir, rpc, "config", "query", "-k", "qbft-manager")
	if !strings.Contains(q, `"value": "[`+mgrAddr+`]"`) {
		t.Fatalf("config query:\n%s", q)
	}
	// A non-superManager cannot: the receipt says why.
	waitTx(t, ndir, rpc, mustCLI(t, ndir, rpc, "send", "coins", "transfer", "-a", "1", "-t", mgrAddr, "-k", superKey)) // for fees
	raw = mustCLI(t, ndir, rpc, "config", "config_tx", "-c", "qbft-manager", "-o", "add", "-v", toAddr)
	hash = mustCLI(t, ndir, rpc, "wallet", "send", "-d", mustCLI(t, ndir, rpc, "wallet", "sign", "-d", raw, "-k", mgrKey))
	if ty, logs := receiptOf(t, waitTx(t, ndir, rpc, hash)); ty != 1 || !strings.Contains(strings.Join(logs, " "), "ErrNoPrivilege") {
		t.Fatalf("unauthorised config tx: ty %d logs %v", ty, logs)
	}

	// qbft add under the 1/3 rule: one validator of power 10 may change at
	// most 3 per block, so 10 fails with the reason and 2 passes.
	pub := strings.ToUpper(hex.EncodeToString(crypto.GenerateBLSKey().PubKey().Bytes()))
	hash = mustCLI(t, ndir, rpc, "send", "qbft", "add", "-p", pub, "-w", "10", "-k", mgrKey)
	ty, logs := receiptOf(t, waitTx(t, ndir, rpc, hash))
	if ty != 1 || !strings.Contains(strings.Join(logs, " "), "1/3") {
		t.Fatalf("over-weight add: ty %d logs %v", ty, logs)
	}
	hash = mustCLI(t, ndir, rpc, "send", "qbft", "add", "-p", pub, "-w", "2", "-k", mgrKey)
	if ty, logs := receiptOf(t, waitTx(t, ndir, rpc, hash)); ty != 2 {
		t.Fatalf("add power 2: ty %d logs %v", ty, logs)
	}
	nodes := mustCLI(t, ndir, rpc, "qbft", "nodes")
	if strings.Count(nodes, `"pubKey"`) != 2 || !strings.Contains(nodes, pub) {
		t.Fatalf("qbft nodes:\n%s", nodes)
	}
	// The chain goes on with 10 of 12.
	h0 := mustCLI(t, ndir, rpc, "block", "last_header")
	poll.Until(t, 20*time.Second, "blocks after the add", func() bool {
		out, _, _ := cli(t, ndir, rpc, "block", "last_header")
		return out != h0
	})

	// Errors: stderr and exit 1.
	if _, errOut, code := cli(t, ndir, rpc, "tx", "query", "-s", "0x"+strings.Repeat("00", 32)); code != 1 || errOut != "tx not exist" {
		t.Fatalf("unknown tx: exit %d stderr %q", code, errOut)
	}
}
