package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"chain33node/crypto"
)

// groupVectors are the reference's (../../types/testdata/txgroup_vectors.json,
// from 33cn/chain33 types/tx_test.go).
func groupVectors(t *testing.T) (members []string, carrier string) {
	t.Helper()
	raw, err := os.ReadFile("../../types/testdata/txgroup_vectors.json")
	if err != nil {
		t.Fatal(err)
	}
	var v struct {
		Members         []string `json:"members"`
		UnsignedCarrier string   `json:"unsignedCarrier"`
	}
	if err := json.Unmarshal(raw, &v); err != nil {
		t.Fatal(err)
	}
	return v.Members, v.UnsignedCarrier
}

// `coins txgroup` builds what the reference CLI builds, from -t or -f.
func TestCoinsTxGroup(t *testing.T) {
	node := newFakeNode(t, map[string]any{"Chain33.GetChainConfig": chainConfig})
	members, want := groupVectors(t)
	r := runCLI(t, t.TempDir(), "--rpc_laddr", node.URL, "coins", "txgroup", "-t", strings.Join(members, " "))
	if r.code != 0 || r.stdout != want+"\n" {
		t.Fatalf("txgroup -t: %+v", r)
	}
	dir := t.TempDir()
	file := filepath.Join(dir, "txs")
	if err := os.WriteFile(file, []byte(strings.Join(members, "\n")+"\n\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	r = runCLI(t, dir, "--rpc_laddr", node.URL, "coins", "txgroup", "-f", "txs")
	echo := "tx 1: " + members[0] + "\ntx 2: " + members[1] + "\ntx 3: " + members[2] + "\n"
	if r.code != 0 || r.stdout != echo+want+"\n" {
		t.Fatalf("txgroup -f: %+v", r)
	}
	r = runCLI(t, dir, "--rpc_laddr", node.URL, "coins", "txgroup", "-t", members[0])
	if r.code != 1 || r.stderr != "ErrTxGroupCountLessThanTwo\n" {
		t.Fatalf("one tx: %+v", r)
	}
	r = runCLI(t, dir, "--rpc_laddr", node.URL, "coins", "txgroup")
	if r.stdout != "please input -t or -f; else, input -h to see help\n" {
		t.Fatalf("no input: %+v", r)
	}
}

func TestExecCommands(t *testing.T) {
	node := newFakeNode(t, map[string]any{"Chain33.GetChainConfig": chainConfig})
	r := runCLI(t, t.TempDir(), "--rpc_laddr", node.URL, "exec", "addr", "-e", "none")
	if r.stdout != "1DzTdTLa5JPpLdNNP2PrV1a6JCtULA7GsT\n" {
		t.Fatalf("exec addr: %+v", r)
	}
	r = runCLI(t, t.TempDir(), "--rpc_laddr", node.URL, "exec", "addr", "-e", "nosuch")
	if r.stdout != "ErrExecNameNotAllow\n" {
		t.Fatalf("exec addr nosuch: %+v", r)
	}
	r = runCLI(t, t.TempDir(), "--rpc_laddr", node.URL, "exec", "userdata", "-e", "user.evidence", "-t", "contract", "-d", "sha256:00ff")
	if r.code != 0 {
		t.Fatalf("userdata: %+v", r)
	}
	tx := decodeHexTx(t, r.stdout)
	if string(tx.Execer) != "user.evidence" || string(tx.Payload) != "#contract#sha256:00ff" || tx.To != crypto.ExecAddress("user.evidence") || tx.Fee != 100000 {
		t.Fatalf("userdata tx %v", tx.Transaction)
	}
	r = runCLI(t, t.TempDir(), "--rpc_laddr", node.URL, "exec", "userdata", "-e", "evidence", "-d", "x")
	if r.stdout != "user defined executor should start with \"user.\"\n" {
		t.Fatalf("userdata without user.: %+v", r)
	}
}

func TestWalletNoBalance(t *testing.T) {
	node := newFakeNode(t, map[string]any{"Chain33.CreateNoBalanceTransaction": "0xabcd"})
	r := runCLI(t, t.TempDir(), "--rpc_laddr", node.URL, "wallet", "nobalance", "-d", "0a05", "-k", "0x01", "-e", "60s")
	want := "expire time must longer than 2 minutes, changed expire time into 2 minutes\n0xabcd\n"
	if r.code != 0 || r.stdout != want {
		t.Fatalf("nobalance: %+v", r)
	}
	calls := node.callsOf("Chain33.CreateNoBalanceTransaction")
	if len(calls) != 1 || string(calls[0].Param) != `{"txHex":"0a05","privkey":"0x01","expire":"120s"}` {
		t.Fatalf("request %s", calls[0].Param)
	}
}

func TestNoneDelay(t *testing.T) {
	node := newFakeNode(t, map[string]any{"Chain33.CreateTransaction": "0x0a04"})
	r := runCLI(t, t.TempDir(), "--rpc_laddr", node.URL, "none", "delay", "-d", "0x0a05", "-t", "30")
	if r.code != 0 || r.stdout != "0x0a04\n" {
		t.Fatalf("none delay: %+v", r)
	}
	calls := node.callsOf("Chain33.CreateTransaction")
	want := `{"execer":"none","actionName":"CommitDelayTx","payload":{"delayTx":"0x0a05","relativeDelayHeight":"0","relativeDelayTime":"30"}}`
	if len(calls) != 1 || string(calls[0].Param) != want {
		t.Fatalf("request %s", calls[0].Param)
	}
	r = runCLI(t, t.TempDir(), "--rpc_laddr", node.URL, "none", "delay", "-d", "0x0a05", "-t", "0")
	if r.code != 1 || r.stderr != "negetive delay height param\n" {
		t.Fatalf("delay 0: %+v", r)
	}
}
