package main

import (
	"strings"
	"testing"
)

// TestHistoryCommands: the history commands send the reference's requests
// (system/dapp/commands tx.go, block.go, account.go) and print the
// reference's forms of the answers (rpc/types ReplyTxInfos, BlockOverview,
// ReplyBlkSeqs; commands/types AddrOverviewResult; types.ReplyString).
func TestHistoryCommands(t *testing.T) {
	const addr = "12qyocayNF7Lv6C9qW4avxs2E7U41fKSfv"
	hash := "0x" + strings.Repeat("ab", 32)
	header := map[string]any{"version": 0, "parentHash": hash, "txHash": hash, "stateHash": hash, "height": 3,
		"blockTime": 1700000000, "txCount": 1, "hash": hash, "difficulty": 0}
	node := newFakeNode(t, map[string]any{
		"Chain33.GetChainConfig": map[string]any{"coinPrecision": 100000000},
		"Chain33.GetTxByAddr": map[string]any{"txInfos": []any{
			map[string]any{"hash": hash, "height": 3, "index": 0, "assets": []any{map[string]any{"exec": "coins", "symbol": "bty", "amount": 100000000}}},
		}},
		"Chain33.GetAddrOverview":      map[string]any{"reciver": 250000000, "balance": 123456789, "txCount": 2},
		"Chain33.GetBlockOverview":     map[string]any{"head": header, "txCount": 1, "txHashes": []string{hash}},
		"Chain33.GetBlockByHashes":     map[string]any{"items": []any{nil}},
		"Chain33.GetLastBlockSequence": 42,
		"Chain33.GetBlockSequences":    map[string]any{"blkseqInfos": []any{map[string]any{"hash": hash, "type": 1}}},
		"Chain33.PubKeyToAddr":         map[string]any{"data": addr},
	})
	for _, tc := range []struct {
		args          []string
		method, param string
		stdout        string
	}{
		{[]string{"tx", "query_addr", "-a", addr}, "Chain33.GetTxByAddr",
			`{"addr":"` + addr + `","flag":0,"count":10,"direction":0,"height":-1,"index":0}`,
			"{\n    \"txInfos\": [\n        {\n            \"hash\": \"" + hash + "\",\n            \"height\": 3,\n            \"index\": 0,\n" +
				"            \"assets\": [\n                {\n                    \"exec\": \"coins\",\n                    \"symbol\": \"bty\",\n" +
				"                    \"amount\": 100000000\n                }\n            ]\n        }\n    ]\n}\n"},
		{[]string{"tx", "query_addr", "-a", addr, "-f", "2", "-c", "5", "-d", "1", "-t", "7", "-i", "3"}, "Chain33.GetTxByAddr",
			`{"addr":"` + addr + `","flag":2,"count":5,"direction":1,"height":7,"index":3}`, ""},
		{[]string{"tx", "addr_overview", "-a", addr}, "Chain33.GetAddrOverview", `{"addr":"` + addr + `"}`,
			"{\n    \"receiver\": \"2.5000\",\n    \"balance\": \"1.2346\",\n    \"txCount\": 2\n}\n"},
		{[]string{"block", "view", "-s", hash}, "Chain33.GetBlockOverview", `{"hash":"` + hash + `"}`,
			"{\n    \"head\": {\n        \"version\": 0,\n        \"parentHash\": \"" + hash + "\",\n        \"txHash\": \"" + hash + "\",\n" +
				"        \"stateHash\": \"" + hash + "\",\n        \"height\": 3,\n        \"blockTime\": 1700000000,\n        \"txCount\": 1,\n" +
				"        \"hash\": \"" + hash + "\",\n        \"difficulty\": 0\n    },\n    \"txCount\": 1,\n    \"txHashes\": [\n        \"" + hash + "\"\n    ]\n}\n"},
		{[]string{"block", "query_hashs", "-s", hash + " 0x01"}, "Chain33.GetBlockByHashes", `{"hashes":["` + hash + `","0x01"]}`,
			"{\n    \"items\": [\n        null\n    ]\n}\n"},
		{[]string{"block", "last_sequence"}, "Chain33.GetLastBlockSequence", `null`, "42\n"},
		{[]string{"block", "sequences", "-s", "1", "-e", "2"}, "Chain33.GetBlockSequences", `{"start":1,"end":2,"isDetail":false}`,
			"{\n    \"blkseqInfos\": [\n        {\n            \"hash\": \"" + hash + "\",\n            \"type\": 1\n        }\n    ]\n}\n"},
		{[]string{"account", "p2addr", "-p", "02ab"}, "Chain33.PubKeyToAddr", `{"data":"02ab"}`,
			"{\n    \"data\": \"" + addr + "\"\n}\n"},
	} {
		r := runCLI(t, t.TempDir(), append([]string{"--rpc_laddr", node.URL}, tc.args...)...)
		if r.code != 0 || r.stderr != "" {
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
		if tc.stdout != "" && r.stdout != tc.stdout {
			t.Errorf("%v:\n got:\n%s\nwant:\n%s", tc.args, r.stdout, tc.stdout)
		}
	}
	// A node error is the cli's error, exit 1.
	node.setResult("Chain33.GetTxByAddr", "error:tx does not exist")
	if r := runCLI(t, t.TempDir(), "--rpc_laddr", node.URL, "tx", "query_addr", "-a", addr); r.code != 1 || r.stderr != "tx does not exist\n" {
		t.Errorf("query_addr of an address without txs: %+v", r)
	}
}
