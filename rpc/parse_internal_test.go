package rpc

import (
	"bytes"
	"encoding/json"
	"strings"
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
		`{"jsonrpc":"2.0","id":01,"method":"m","params":[]}`, `{"jsonrpc":"2.0","id":9999999999999999999,"method":"m"}`,
		`{"jsonrpc":"2.0","method":"m\u0041","params":[{"data":"x"}]}`, `{"jsonrpc":2,"method":"m","params":[]}`,
		`{"jsonrpc":"2.0","method":"m","params":[{"data":"a","data":"b"}]}`, `{"jsonrpc":"2.0","method":"m","params":[{"data":"é"}]}`,
		`{"jsonrpc":"2.0","method":"m","params":[{"token":"t","data":"d","extra":"e"}]} `, `{"method":"m","params":[{}],}`,
		`{"method":"m","params":[{"data":"x"},{"data":"y"}]}`, `{"method":"m","params":[{"Data":"x"}]}`, "{\"method\":\"m\t\"}",
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
		// Params in the plain form fill RawParm as encoding/json does.
		if fast.Params == nil {
			return
		}
		var plain RawParm
		if !decodePlainParams(*fast.Params, &plain) {
			return
		}
		var want RawParm
		p := [1]any{&want}
		if err := json.Unmarshal(*fast.Params, &p); err != nil || plain != want {
			t.Fatalf("plain params read %+v, encoding/json %+v (%v): %s", plain, want, err, data)
		}
	})
}

// SendTransaction's plain request takes the hand-written path, request and
// params; other forms take encoding/json's.
func TestPlainRequest(t *testing.T) {
	body := ` {"jsonrpc":"2.0", "id":7,"method":"Chain33.SendTransaction","params":[{"token":"t", "data":"0a05"}]}` + "\n"
	method, params, id, ok := plainRequest([]byte(body))
	var p RawParm
	if !ok || method != "Chain33.SendTransaction" || string(id) != "7" || !decodePlainParams(params, &p) || p != (RawParm{"t", "0a05"}) {
		t.Fatalf("plain request: %v %q %s %s %+v", ok, method, params, id, p)
	}
	for _, body := range []string{
		`{"id":1,"method":"m","params":[{"data":"x"}],"extra":1}`, `{"id":1.5,"method":"m"}`, `{"id":1,"METHOD":"m"}`,
		`{"id":1,"method":"m","params":[{"data":1}]}`, `{"id":1,"method":"m"} x`, `{"id":1,"method":"m\"x"}`,
	} {
		if _, _, _, ok := plainRequest([]byte(body)); ok {
			t.Errorf("plain path for %s", body)
		}
	}
	if decodePlainParams([]byte(`[{"data":"x","extra":"y"}]`), &p) {
		t.Error("an unknown field took the plain path")
	}
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

// BenchmarkParseSendTransaction is the parse of a SendTransaction request
// (a 250-byte transaction) and of its params, by hand and by encoding/json
// (the way every request took before, and the rest still take).
func BenchmarkParseSendTransaction(b *testing.B) {
	body := []byte(`{"jsonrpc":"2.0","id":1,"method":"Chain33.SendTransaction","params":[{"data":"` + strings.Repeat("0a", 250) + `"}]}`)
	b.Run("plain", func(b *testing.B) {
		for b.Loop() {
			var req serverRequest
			if _, ok := fastParse(body, &req); !ok {
				b.Fatal("slow path")
			}
			var p RawParm
			if !decodePlainParams(*req.Params, &p) {
				b.Fatal("params not plain")
			}
		}
	})
	b.Run("encoding-json", func(b *testing.B) {
		for b.Loop() {
			var f struct {
				Method string     `json:"method"`
				Params fastParams `json:"params"`
				ID     fastID     `json:"id"`
			}
			if err := json.Unmarshal(body, &f); err != nil {
				b.Fatal(err)
			}
			var p RawParm
			arg := [1]any{&p}
			if err := json.Unmarshal(*f.Params.raw, &arg); err != nil {
				b.Fatal(err)
			}
		}
	})
}
