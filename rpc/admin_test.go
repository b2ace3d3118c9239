package rpc_test

import (
	"encoding/hex"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"chain33node/crypto"
	"chain33node/rpc"
)

// The peer administration methods on the test node (no peers): results in
// the reference's shapes, refusals as isOk false with the reason. Dialing
// and closing between real hosts is p2p's TestRuntimeDialCloseBlacklist and
// the end-to-end test.
func TestPeerAdminMethods(t *testing.T) {
	shapes := loadShapesFrom(t, "testdata/apisweep_shapes.json")
	type reply struct {
		IsOk bool
		Msg  string
	}
	do := func(method string, param any) reply {
		t.Helper()
		res := mustCall(t, method, param)
		wantShape(t, shapes, method, res)
		var r reply
		if err := json.Unmarshal(res, &r); err != nil {
			t.Fatal(err)
		}
		return r
	}
	k, err := crypto.GeneratePrivKey()
	if err != nil {
		t.Fatal(err)
	}
	name := hex.EncodeToString(k.PubKey())

	if r := do("Chain33.AddBlacklist", map[string]string{"peerName": name, "lifetime": "1hour"}); !r.IsOk || r.Msg != "success" {
		t.Fatalf("AddBlacklist: %+v", r)
	}
	if r := do("Chain33.AddBlacklist", map[string]string{"peerAddr": "10.9.8.7:13802", "lifetime": "1.5min"}); !r.IsOk {
		t.Fatalf("AddBlacklist address: %+v", r)
	}
	list := mustCall(t, "Chain33.ShowBlacklist", nil)
	wantShape(t, shapes, "Chain33.ShowBlacklist", list)
	var infos []rpc.BlackInfo
	if err := json.Unmarshal(list, &infos); err != nil || len(infos) != 2 {
		t.Fatalf("ShowBlacklist %s: %v", list, err)
	}
	if !strings.HasPrefix(infos[0].PeerName, "16Uiu2") || infos[0].Lifetime < 3590 || infos[0].Lifetime > 3600 ||
		infos[1].RemoteAddr != "10.9.8.7" || infos[1].Lifetime < 80 || infos[1].Lifetime > 90 {
		t.Fatalf("ShowBlacklist %s", list)
	}
	if r := do("Chain33.DelBlacklist", map[string]string{"peerName": infos[0].PeerName}); !r.IsOk {
		t.Fatalf("DelBlacklist: %+v", r)
	}
	if r := do("Chain33.DelBlacklist", map[string]string{"peerAddr": "10.9.8.7"}); !r.IsOk {
		t.Fatalf("DelBlacklist address: %+v", r)
	}
	if list := mustCall(t, "Chain33.ShowBlacklist", nil); string(list) != "[]" {
		t.Fatalf("ShowBlacklist after delete: %s", list)
	}

	for _, c := range []struct {
		method string
		param  map[string]any
		want   string
	}{
		{"Chain33.AddBlacklist", map[string]any{"peerName": name, "lifetime": "1fortnight"}, "invalid lifetime"},
		{"Chain33.AddBlacklist", map[string]any{"peerName": name, "lifetime": "-1hour"}, "invalid lifetime"},
		{"Chain33.AddBlacklist", map[string]any{}, "either peerName"},
		{"Chain33.AddBlacklist", map[string]any{"peerName": name, "peerAddr": "10.0.0.1"}, "either peerName"},
		{"Chain33.AddBlacklist", map[string]any{"peerAddr": "not-an-ip"}, "want ip or ip:port"},
		{"Chain33.DelBlacklist", map[string]any{"peerName": name}, "not blacklisted"},
		{"Chain33.DialPeer", map[string]any{}, "peerAddr is required"},
		{"Chain33.DialPeer", map[string]any{"peerAddr": "garbage"}, "want ip:port"},
		{"Chain33.DialPeer", map[string]any{"peerAddr": "127.0.0.1:1"}, "127.0.0.1:1"},
		{"Chain33.ClosePeer", map[string]any{}, "pid is required"},
		{"Chain33.ClosePeer", map[string]any{"pid": name}, "not connected"},
	} {
		if r := do(c.method, c.param); r.IsOk || !strings.Contains(r.Msg, c.want) {
			t.Errorf("%s %v: %+v, want a refusal with %q", c.method, c.param, r, c.want)
		}
	}

	np := mustCall(t, "Chain33.NetProtocols", nil)
	if string(np) != "{}" {
		wantShape(t, shapes, "Chain33.NetProtocols", np)
	}
}

func TestParseLifetime(t *testing.T) {
	for in, want := range map[string]time.Duration{"": 365 * 24 * time.Hour, "1hour": time.Hour, "1.5min": 90 * time.Second,
		"10second": 10 * time.Second, " 2 hour": 2 * time.Hour, "2": 0, "xhour": 0, "0min": 0} {
		got, err := rpc.ParseLifetime(in)
		if want == 0 {
			if err == nil {
				t.Errorf("%q: %v, want an error", in, got)
			}
			continue
		}
		if err != nil || got != want {
			t.Errorf("%q: %v %v, want %v", in, got, err, want)
		}
	}
}
