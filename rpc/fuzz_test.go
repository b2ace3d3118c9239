package rpc_test

import (
	"bytes"
	"encoding/json"
	"net/http/httptest"
	"testing"
)

// FuzzServeJSONRPC feeds arbitrary bodies to the JSON-RPC handler (from a
// loopback and from a remote address): the answer is always HTTP 200 with a
// JSON body, and no method panics (recovered panics are logged and fail the
// run in TestMain).
func FuzzServeJSONRPC(f *testing.F) {
	for _, seed := range []string{
		``, `{`, `[]`, `[{}]`, `null`, `"x"`, `{"id":1}`,
		`{"jsonrpc":"2.0","id":1,"method":"Chain33.IsSync","params":[]}`,
		`{"id":2,"method":"Chain33.GetBlocks","params":[{"start":0,"end":3,"isDetail":true}]}`,
		`{"id":3,"method":"Chain33.GetHeaders","params":[{"start":-5,"end":9223372036854775807}]}`,
		`{"id":4,"method":"Chain33.SendTransaction","params":[{"data":"0a05636f696e73"}]}`,
		`{"id":5,"method":"Chain33.SignRawTx","params":[{"privkey":"0x01","txHex":"","expire":"H"}]}`,
		`{"id":6,"method":"Chain33.Query","params":[{"execer":"qbftNode","funcName":"GetPerfStat","payload":{"start":"1","end":null}}]}`,
		`{"id":7,"method":"Chain33.CreateTransaction","params":[{"execer":"coins","actionName":"Transfer","payload":{"amount":"1e3"}}]}`,
		`{"id":8,"method":"Chain33.GetTxByHashes","params":[{"hashes":["0x","zz",""]}]}`,
		`{"id":9,"method":"Chain33.DecodeRawTransaction","params":[{"txHex":"1a0408011201"}]}`,
		`[{"id":1,"method":"Chain33.Version","params":[null]},{"id":2,"method":"qbftNode.GetNodeInfo","params":[]}]`,
		`{"id":10,"method":"Chain33.CreateRawTransaction","params":[{"amount":1,"isWithdraw":true,"execName":"none"}]}`,
	} {
		f.Add([]byte(seed), false)
	}
	f.Fuzz(func(t *testing.T, body []byte, remote bool) {
		req := httptest.NewRequest("POST", "/", bytes.NewReader(body))
		req.RemoteAddr = "127.0.0.1:4000"
		if remote {
			req.RemoteAddr = "10.9.8.7:4000"
		}
		rec := httptest.NewRecorder()
		testSrv.Handler().ServeHTTP(rec, req)
		if rec.Code != 200 {
			t.Fatalf("HTTP %d", rec.Code)
		}
		if !json.Valid(rec.Body.Bytes()) {
			t.Fatalf("response is not JSON: %q", rec.Body.String())
		}
		if n := logs.count("panic"); n > 0 {
			t.Fatalf("panics logged: %v", logs.messages())
		}
	})
}
