package client

import (
	"encoding/json"
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
)

func TestCall(t *testing.T) {
	var (
		mu      sync.Mutex
		lastReq string
	)
	body := func() string {
		mu.Lock()
		defer mu.Unlock()
		return lastReq
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		mu.Lock()
		lastReq = string(b)
		mu.Unlock()
		var req struct{ Method string }
		_ = json.Unmarshal(b, &req)
		switch req.Method {
		case "Chain33.IsSync":
			io.WriteString(w, `{"id":0,"result":true,"error":null}`)
		case "Chain33.GetBalance":
			io.WriteString(w, `{"id":0,"result":[{"balance":299900000,"addr":"12qy"}],"error":null}`)
		case "Chain33.QueryTransaction":
			io.WriteString(w, `{"id":0,"result":null,"error":"tx not exist"}`)
		case "Chain33.Empty":
			io.WriteString(w, `{"id":0,"result":null,"error":null}`)
		case "Chain33.BlankError":
			io.WriteString(w, `{"id":0,"result":null,"error":""}`)
		case "Chain33.ObjError":
			io.WriteString(w, `{"id":0,"result":null,"error":{"code":1}}`)
		default:
			io.WriteString(w, `{"id":0,"result":null,"error":"rpc: can't find method `+req.Method+`"}`)
		}
	}))
	defer srv.Close()
	c := New(srv.URL)

	var ok bool
	if err := c.Call("Chain33.IsSync", nil, &ok); err != nil || !ok {
		t.Fatalf("IsSync: %v %v", ok, err)
	}
	if got := body(); got != `{"method":"Chain33.IsSync","params":[null],"id":0}` {
		t.Errorf("request %s", got)
	}

	var accs []struct {
		Balance int64  `json:"balance"`
		Addr    string `json:"addr"`
	}
	param := map[string]any{"addresses": []string{"12qy"}, "execer": "coins"}
	if err := c.Call("Chain33.GetBalance", param, &accs); err != nil || len(accs) != 1 || accs[0].Balance != 299900000 {
		t.Fatalf("GetBalance: %v %v", accs, err)
	}
	if got := body(); got != `{"method":"Chain33.GetBalance","params":[{"addresses":["12qy"],"execer":"coins"}],"id":0}` {
		t.Errorf("request %s", got)
	}

	var raw json.RawMessage
	if err := c.Call("Chain33.GetBalance", nil, &raw); err != nil || string(raw) != `[{"balance":299900000,"addr":"12qy"}]` {
		t.Errorf("raw result %s %v", raw, err)
	}

	for method, want := range map[string]string{
		"Chain33.QueryTransaction": "tx not exist",
		"Chain33.Nope":             "rpc: can't find method Chain33.Nope",
		"Chain33.BlankError":       "unspecified error",
		"Chain33.ObjError":         "invalid error map[code:1]",
	} {
		if err := c.Call(method, nil, &raw); err == nil || err.Error() != want {
			t.Errorf("%s: error %v, want %q", method, err, want)
		}
	}
	if err := c.Call("Chain33.Empty", nil, &raw); !errors.Is(err, ErrEmpty) {
		t.Errorf("null result: %v", err)
	}
}

func TestCallTransportErrors(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	if err := New("http://"+addr).Call("Chain33.IsSync", nil, nil); err == nil || !strings.Contains(err.Error(), "refused") {
		t.Errorf("closed port: %v", err)
	}

	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "nope", http.StatusBadGateway)
	}))
	defer srv.Close()
	if err := New(srv.URL).Call("Chain33.IsSync", nil, nil); err == nil || !strings.Contains(err.Error(), "502") {
		t.Errorf("502: %v", err)
	}
}

func TestHTTPSSkipsVerify(t *testing.T) {
	srv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, `{"id":0,"result":"ok","error":null}`)
	}))
	defer srv.Close()
	var s string
	if err := New(srv.URL).Call("Chain33.Version", nil, &s); err != nil || s != "ok" {
		t.Errorf("https with a self-signed certificate: %q %v", s, err)
	}
}

func TestProbe(t *testing.T) {
	var (
		mu    sync.Mutex
		paths []string
	)
	ok := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		paths = append(paths, r.Method+" "+r.URL.Path)
		mu.Unlock()
	}))
	defer ok.Close()
	if got := Probe(ok.URL); got != ok.URL {
		t.Errorf("200: %s", got)
	}
	if got := Probe(ok.URL + "/"); got != ok.URL+"/" {
		t.Errorf("200 with slash: %s", got)
	}
	mu.Lock()
	defer mu.Unlock()
	if len(paths) != 2 || paths[0] != "GET /test" || paths[1] != "GET /test" {
		t.Errorf("probe requests %v", paths)
	}

	notFound := httptest.NewServer(http.NotFoundHandler())
	defer notFound.Close()
	if got, want := Probe(notFound.URL), "https://"+strings.TrimPrefix(notFound.URL, "http://"); got != want {
		t.Errorf("404: %s", got)
	}

	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	if got := Probe("http://" + addr); got != "https://"+addr {
		t.Errorf("refused: %s", got)
	}
	if got := Probe("https://x:1"); got != "https://x:1" {
		t.Errorf("https: %s", got)
	}
}
