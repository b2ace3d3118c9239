package rpc

import (
	"bytes"
	"encoding/json"
	"testing"
)

// FuzzFastParse: a request the one-parse path accepts is one the reference's
// pre-parse (clientRequest) accepts too, with the same id, and that its
// codec (serverRequest) reads the same; so answers and error texts do not
// depend on which path ran.
func FuzzFastParse(f *testing.F) {
	for _, seed := range []string{
		`{"jsonrpc":"2.0","id":1,"method":"Chain33.SendTransaction","params":[{"data":"0a05e3e"}]}`,
		`{"id":18446744073709551615,"method":"Chain33.IsSync","params":[]}`,
		`{"id":18446744073709551616,"method":"Chain33.IsSync","params":[]}`,
		`{"id":-1,"method":"m","params":[]}`, `{"id":1.0,"method":"m"}`, `{"id":"1","method":"m"}`,
		`{"id":null,"method":"m","params":null}`, `{"method":"m"}`, `{"ID":7,"Method":"m","PARAMS":[1]}`,
		`{"id":1,"id":2,"method":"m","params":[]}`, `{"id":"x","id":1,"method":"m"}`, `{"params":"x","params":[],"method":"m"}`, `{"id":1,"method":5}`, `{"id":1,"method":"m","params":{}}`,
		`{"id":1,"method":"m","params":"x"}`, `{"id":1,"method":"m","params":[1e400]}`,
		`{"id":1,"method":"m","params":[{"a":{"b":[1E400]}}]}`, `{"id":1,"method":"m","params":[{"s":"1e400 \"x\\\" 1e400"}]}`,
		`{"id":1,"method":"m","params":[123456789012345678901234567890]}`, `{"id":1,"method":"m","params":[-0.5,true,null]}`,
		`{"id":1,"method":"m","params":[1,2,"x"]}`, ` {"id" : 3 , "method":"m", "params" : [ {} ] } `, `[]`, `{`, `null`,
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var fast serverRequest
		id, ok := fastParse(data, &fast)
		if !ok {
			return
		}
		var pre clientRequest
		if err := json.Unmarshal(data, &pre); err != nil {
			t.Fatalf("fast path accepted what the pre-parse refuses (%v): %s", err, data)
		}
		var slow serverRequest
		if err := json.Unmarshal(data, &slow); err != nil {
			t.Fatalf("fast path accepted what the codec refuses (%v): %s", err, data)
		}
		if id != pre.ID || fast.Method != slow.Method || !sameRaw(fast.ID, slow.ID) || !sameRaw(fast.Params, slow.Params) {
			t.Fatalf("fast path read id %d method %q, the reference's id %d method %q: %s", id, fast.Method, pre.ID, slow.Method, data)
		}
	})
}

func sameRaw(a, b *json.RawMessage) bool {
	return (a == nil) == (b == nil) && (a == nil || bytes.Equal(*a, *b))
}

// The well-formed requests clients send take the fast path.
func TestFastParseTakesCommonRequests(t *testing.T) {
	for _, body := range []string{
		`{"jsonrpc":"2.0","id":1,"method":"Chain33.SendTransaction","params":[{"data":"0a05636f696e73"}]}`,
		`{"id":0,"method":"Chain33.IsSync","params":[null]}`,
		`{"id":2,"method":"Chain33.GetBlocks","params":[{"start":0,"end":3,"isDetail":true}]}`,
		`{"method":"Chain33.GetLastHeader","params":[]}`,
	} {
		var req serverRequest
		if _, ok := fastParse([]byte(body), &req); !ok {
			t.Errorf("slow path for %s", body)
		}
	}
}
