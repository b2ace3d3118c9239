package main

import (
	"testing"
)

// TestNetAdminCommands: `net protocols|dial|close` and `blacklist
// add|del|show` send the reference's requests (system/dapp/commands/net.go:
// types.SetPeer, types.BlackPeer) and print the answers indented.
func TestNetAdminCommands(t *testing.T) {
	const pid = "16Uiu2HAm7vDB7XDuEv8XNPcoPqumVngsjWoogGXENNDXVYMiCJHM"
	ok := map[string]any{"isOk": true, "msg": "success"}
	node := newFakeNode(t, map[string]any{
		"Chain33.NetProtocols": map[string]any{"protoinfo": []any{map[string]any{"protocol": "/p/1", "ratein": "0.010 KB/s",
			"rateout": "0.020 KB/s", "ratetotal": "0.030 KB/s"}}},
		"Chain33.DialPeer":      map[string]any{"isOk": true, "msg": "dial success"},
		"Chain33.ClosePeer":     map[string]any{"isOk": true, "msg": pid + " closed success"},
		"Chain33.AddBlacklist":  ok,
		"Chain33.DelBlacklist":  ok,
		"Chain33.ShowBlacklist": []any{map[string]any{"peerName": pid, "lifetime": 3599}},
	})
	for _, tc := range []struct {
		args          []string
		method, param string
		stdout        string
	}{
		{[]string{"net", "protocols"}, "Chain33.NetProtocols", `{}`,
			"{\n    \"protoinfo\": [\n        {\n            \"protocol\": \"/p/1\",\n            \"ratein\": \"0.010 KB/s\",\n" +
				"            \"rateout\": \"0.020 KB/s\",\n            \"ratetotal\": \"0.030 KB/s\"\n        }\n    ]\n}\n"},
		{[]string{"net", "dial", "-p", "10.0.0.2:13802", "--seed"}, "Chain33.DialPeer", `{"peerAddr":"10.0.0.2:13802","seed":true}`,
			"{\n    \"isOk\": true,\n    \"msg\": \"dial success\"\n}\n"},
		{[]string{"net", "close", "--pid", pid}, "Chain33.ClosePeer", `{"pid":"` + pid + `"}`,
			"{\n    \"isOk\": true,\n    \"msg\": \"" + pid + " closed success\"\n}\n"},
		{[]string{"blacklist", "add", "--pid", pid, "-t", "1hour"}, "Chain33.AddBlacklist", `{"peerName":"` + pid + `","lifetime":"1hour"}`,
			"{\n    \"isOk\": true,\n    \"msg\": \"success\"\n}\n"},
		{[]string{"blacklist", "add", "--addr", "10.0.0.9:13802"}, "Chain33.AddBlacklist", `{"peerAddr":"10.0.0.9:13802"}`, ""},
		{[]string{"blacklist", "del", "--pid", pid}, "Chain33.DelBlacklist", `{"peerName":"` + pid + `"}`, ""},
		{[]string{"blacklist", "show"}, "Chain33.ShowBlacklist", `null`,
			"[\n    {\n        \"peerName\": \"" + pid + "\",\n        \"lifetime\": 3599\n    }\n]\n"},
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
			t.Errorf("%v: params\n got %s\nwant %s", tc.args, got, tc.param)
		}
		if tc.stdout != "" && r.stdout != tc.stdout {
			t.Errorf("%v: stdout\n got %q\nwant %q", tc.args, r.stdout, tc.stdout)
		}
	}
	// Without the peer, dial prints its usage and calls nothing.
	before := len(node.callsOf("Chain33.DialPeer"))
	if r := runCLI(t, t.TempDir(), "--rpc_laddr", node.URL, "net", "dial"); r.code != 0 || len(node.callsOf("Chain33.DialPeer")) != before {
		t.Errorf("net dial without -p: exit %d, %d calls", r.code, len(node.callsOf("Chain33.DialPeer"))-before)
	}
}
