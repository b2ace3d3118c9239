package rpc_test

import (
	"bytes"
	"compress/gzip"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/base64"
	"encoding/json"
	"encoding/pem"
	"fmt"
	"io"
	"math/big"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"chain33node/config"
	"chain33node/poll"
	"chain33node/rpc"
)

// Malformed and odd requests get the reference's answer: HTTP 200 and the
// reference's error text, never a crash.
func TestMalformedRequests(t *testing.T) {
	const (
		early = iota // written before dispatch: no trailing newline
		coded        // written by the codec: trailing newline
	)
	for _, c := range []struct {
		name, body, want string
		kind             int
	}{
		{"string id", `{"method":"Chain33.IsSync","params":[],"id":"a"}`,
			`{"id":0,"result":null,"error":"invalid json request err:json: cannot unmarshal string into Go struct field clientRequest.id of type uint64"}`, early},
		{"negative id", `{"method":"Chain33.IsSync","params":[],"id":-1}`,
			`{"id":0,"result":null,"error":"invalid json request err:json: cannot unmarshal number -1 into Go struct field clientRequest.id of type uint64"}`, early},
		{"bad json", `{"method":`, `{"id":0,"result":null,"error":"invalid json request err:unexpected end of JSON input"}`, early},
		{"empty body", ``, `{"id":0,"result":null,"error":"invalid json request err:unexpected end of JSON input"}`, early},
		{"garbage", "\x00\xff\xfe", `{"id":0,"result":null,"error":"invalid json request err:invalid character '\\x00' looking for beginning of value"}`, early},
		{"two values", `{"method":"Chain33.IsSync","params":[],"id":1}{}`,
			`{"id":0,"result":null,"error":"invalid json request err:invalid character '{' after top-level value"}`, early},
		{"params object", `{"method":"Chain33.IsSync","params":{},"id":3}`,
			`{"id":0,"result":null,"error":"invalid json request err:json: cannot unmarshal object into Go struct field clientRequest.params of type [1]interface {}"}`, early},
		{"params string", `{"method":"Chain33.IsSync","params":"x","id":3}`,
			`{"id":0,"result":null,"error":"invalid json request err:json: cannot unmarshal string into Go struct field clientRequest.params of type [1]interface {}"}`, early},
		{"method number", `{"method":5,"params":[],"id":3}`,
			`{"id":0,"result":null,"error":"invalid json request err:json: cannot unmarshal number into Go struct field clientRequest.method of type string"}`, early},
		{"missing params", `{"method":"Chain33.IsSync","id":2}`, `{"id":2,"result":null,"error":"jsonrpc: request body missing params"}`, coded},
		{"null params", `{"method":"Chain33.IsSync","params":null,"id":2}`, `{"id":2,"result":null,"error":"jsonrpc: request body missing params"}`, coded},
		{"unknown method first", `{"method":"Chain33.Nope","id":2}`, `{"id":2,"result":null,"error":"rpc: can't find method Chain33.Nope"}`, coded},
		{"unknown service", `{"method":"Foo.Bar","params":[],"id":6}`, `{"id":6,"result":null,"error":"rpc: can't find service Foo.Bar"}`, coded},
		{"ill-formed method", `{"method":"IsSync","params":[],"id":6}`, `{"id":6,"result":null,"error":"rpc: service/method request ill-formed: IsSync"}`, coded},
		{"lower-case method", `{"method":"Chain33.isSync","params":[],"id":6}`, `{"id":6,"result":null,"error":"rpc: can't find method Chain33.isSync"}`, coded},
		{"no id", `{"method":"Chain33.IsSync","params":[]}`, `{"id":null,"result":true,"error":null}`, coded},
		{"big id", `{"method":"Chain33.IsSync","params":[],"id":18446744073709551615}`, `{"id":18446744073709551615,"result":true,"error":null}`, coded},
		{"jsonrpc 2.0 and case", `{"jsonrpc":"2.0","METHOD":"Chain33.IsSync","Params":[],"ID":4}`, `{"id":4,"result":true,"error":null}`, coded},
		{"param type", `{"method":"Chain33.GetBlocks","params":[{"start":"a","end":1}],"id":4}`,
			`{"id":4,"result":null,"error":"json: cannot unmarshal string into Go struct field BlockParam.start of type int64"}`, coded},
		{"param not object", `{"method":"Chain33.GetBlocks","params":[5],"id":4}`,
			`{"id":4,"result":null,"error":"json: cannot unmarshal number into Go value of type types.BlockParam"}`, coded},
		{"param for ReqNil", `{"method":"Chain33.IsSync","params":["x"],"id":4}`,
			`{"id":4,"result":null,"error":"json: cannot unmarshal string into Go value of type types.ReqNil"}`, coded},
		{"float height", `{"method":"Chain33.GetBlockHash","params":[{"height":1.5}],"id":4}`,
			`{"id":4,"result":null,"error":"json: cannot unmarshal number 1.5 into Go struct field ReqInt.height of type int64"}`, coded},
		{"html escaped", `{"method":"Chain33.Nope<>&","params":[],"id":1}`, `{"id":1,"result":null,"error":"rpc: can't find method Chain33.Nope\u003c\u003e\u0026"}`, coded},
	} {
		status, body := post(t, "/", c.body)
		want := c.want
		if c.kind == coded {
			want += "\n"
		}
		if status != 200 || body != want {
			t.Errorf("%s:\n got %d %q\nwant 200 %q", c.name, status, body, want)
		}
	}
}

func TestHTTPEnvelope(t *testing.T) {
	// Other paths: HTTP 200 and nothing (the CLI's probe).
	resp, err := http.Get(testURL + "/test")
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || len(b) != 0 {
		t.Errorf("GET /test: %d %q", resp.StatusCode, b)
	}

	// Content type and gzip: a response of 1 KiB or more is gzipped for a
	// client that accepts it; a smaller one is sent as it is (it would not
	// shrink).
	gzipped := func(body string) (string, http.Header) {
		t.Helper()
		req, _ := http.NewRequest("POST", testURL+"/", strings.NewReader(body))
		req.Header.Set("Accept-Encoding", "gzip")
		resp, err := http.DefaultTransport.RoundTrip(req) // no transparent decompression
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var r io.Reader = resp.Body
		if resp.Header.Get("Content-Encoding") == "gzip" {
			if r, err = gzip.NewReader(resp.Body); err != nil {
				t.Fatal(err)
			}
		}
		b, _ := io.ReadAll(r)
		return string(b), resp.Header
	}
	isSync := `{"id":1,"result":true,"error":null}`
	if b, h := gzipped(`{"id":1,"method":"Chain33.IsSync","params":[]}`); b != isSync+"\n" ||
		h.Get("Content-Type") != "application/json" || h.Get("Content-Encoding") != "" {
		t.Errorf("small answer: %q %v", b, h)
	}
	reqs, answers := make([]string, 40), make([]string, 40)
	for i := range reqs {
		reqs[i], answers[i] = `{"id":1,"method":"Chain33.IsSync","params":[]}`, isSync
	}
	if b, h := gzipped("[" + strings.Join(reqs, ",") + "]"); b != "["+strings.Join(answers, ",")+"]\n" ||
		h.Get("Content-Type") != "application/json" || h.Get("Content-Encoding") != "gzip" {
		t.Errorf("large answer: %.100q %v", b, h)
	}

	// A body over the limit is refused with an error, and the server lives on.
	huge := `{"id":1,"method":"Chain33.IsSync","params":["` + strings.Repeat("a", rpc.MaxBodyBytes) + `"]}`
	if status, body := post(t, "/", huge); status != 200 || body != fmt.Sprintf(`{"id":0,"result":null,"error":"invalid json request err:request body larger than %d bytes"}`, rpc.MaxBodyBytes) {
		t.Errorf("oversize: %d %.200s", status, body)
	}

	// Batches.
	_, body := post(t, "/", ` [{"id":1,"method":"Chain33.IsSync","params":[]},{"id":"x"},{"id":3,"method":"Chain33.GetProperFee","params":[{}]},5]`)
	if want := `[{"id":1,"result":true,"error":null},{"id":0,"result":null,"error":"invalid json request err:json: cannot unmarshal string into Go struct field clientRequest.id of type uint64"},{"id":3,"result":{"properFee":100000},"error":null},{"id":0,"result":null,"error":"invalid json request err:json: cannot unmarshal number into Go value of type rpc.clientRequest"}]` + "\n"; body != want {
		t.Errorf("batch:\n got %s\nwant %s", body, want)
	}
	one := `{"id":1,"method":"Chain33.IsSync","params":[]}`
	_, body = post(t, "/", "["+strings.TrimSuffix(strings.Repeat(one+",", rpc.MaxBatch+1), ",")+"]")
	if body != fmt.Sprintf(`{"id":0,"result":null,"error":"invalid json request err:batch of %d requests, the limit is %d"}`, rpc.MaxBatch+1, rpc.MaxBatch) {
		t.Errorf("batch over limit: %s", body)
	}
	if _, body = post(t, "/", "[]"); body != `{"id":0,"result":null,"error":"invalid json request err:empty batch"}` {
		t.Errorf("empty batch: %s", body)
	}
	if _, body = post(t, "/", "[1,"); body != `{"id":0,"result":null,"error":"invalid json request err:unexpected end of JSON input"}` {
		t.Errorf("broken batch: %s", body)
	}

	// CORS preflight.
	req, _ := http.NewRequest("OPTIONS", testURL+"/", nil)
	req.Header.Set("Origin", "http://example.com")
	req.Header.Set("Access-Control-Request-Method", "POST")
	req.Header.Set("Access-Control-Request-Headers", "content-type")
	resp, err = http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.Header.Get("Access-Control-Allow-Origin") != "*" || resp.Header.Get("Access-Control-Allow-Methods") != "POST" {
		t.Errorf("preflight: %d %v", resp.StatusCode, resp.Header)
	}
}

// serve runs one request through a server with cfg from a made-up address.
func serve(t *testing.T, cfg config.RPC, remote, body string, hdr map[string]string) string {
	t.Helper()
	s := newServer(t, settings(cfg))
	req := httptest.NewRequest("POST", "/", strings.NewReader(body))
	req.RemoteAddr = remote
	for k, v := range hdr {
		req.Header.Set(k, v)
	}
	rec := httptest.NewRecorder()
	s.Handler().ServeHTTP(rec, req)
	if rec.Code != 200 {
		t.Errorf("HTTP %d", rec.Code)
	}
	return rec.Body.String()
}

func TestAccessControl(t *testing.T) {
	isSync := `{"id":7,"method":"Chain33.IsSync","params":[]}`
	ok := `{"id":7,"result":true,"error":null}` + "\n"
	def := config.Default().RPC
	withWL := func(wl ...string) config.RPC { c := def; c.Whitelist = wl; return c }
	for _, c := range []struct {
		name   string
		cfg    config.RPC
		remote string
		body   string
		hdr    map[string]string
		want   string
	}{
		{"default: loopback", def, "127.0.0.1:5000", isSync, nil, ok},
		{"default: loopback v6", def, "[::1]:5000", isSync, nil, ok},
		{"default: other loopback", def, "127.0.0.3:5000", isSync, nil, ok},
		{"default: remote", def, "10.1.2.3:5000", isSync, nil, `{"id":0,"result":null,"error":"The 10.1.2.3 Address is not authorized!"}`},
		{"default: remote, other path", def, "10.1.2.3:5000", "", nil, `{"id":0,"result":null,"error":"The 10.1.2.3 Address is not authorized!"}`},
		{"bad remote address", def, "garbage", isSync, nil, `{"id":0,"result":null,"error":"The  Address is not authorized!"}`},
		{"whitelisted", withWL("10.1.2.3"), "10.1.2.3:5000", isSync, nil, ok},
		{"whitelisted v4-mapped", withWL("10.1.2.3"), "[::ffff:10.1.2.3]:5000", isSync, nil, ok},
		{"not whitelisted", withWL("10.1.2.4"), "10.1.2.3:5000", isSync, nil, `{"id":0,"result":null,"error":"The 10.1.2.3 Address is not authorized!"}`},
		{"legacy whitlist", func() config.RPC { c := def; c.Whitlist = []string{"10.1.2.3"}; return c }(), "10.1.2.3:5000", isSync, nil, ok},
		{"star", withWL("*"), "192.0.2.9:1", isSync, nil, ok},
		{"default blacklist CloseQueue", withWL("*"), "192.0.2.9:1", `{"id":9,"method":"Chain33.CloseQueue","params":[]}`, nil,
			`{"id":9,"result":null,"error":"The CloseQueue method is not authorized!"}`},
		{"func blacklist", func() config.RPC { c := withWL("*"); c.JrpcFuncBlacklist = []string{"GetBalance"}; return c }(), "192.0.2.9:1",
			`{"id":7,"method":"Chain33.GetBalance","params":[{}]}`, nil, `{"id":7,"result":null,"error":"The GetBalance method is not authorized!"}`},
		{"func blacklist, loopback", func() config.RPC { c := withWL("*"); c.JrpcFuncBlacklist = []string{"IsSync"}; return c }(), "127.0.0.1:1", isSync, nil, ok},
		{"func whitelist: listed", func() config.RPC { c := withWL("*"); c.JrpcFuncWhitelist = []string{"IsSync"}; return c }(), "192.0.2.9:1", isSync, nil, ok},
		{"func whitelist: not listed", func() config.RPC { c := withWL("*"); c.JrpcFuncWhitelist = []string{"IsSync"}; return c }(), "192.0.2.9:1",
			`{"id":3,"method":"qbftNode.GetNodeInfo","params":[]}`, nil, `{"id":3,"result":null,"error":"The GetNodeInfo method is not authorized!"}`},
		{"func check before params", func() config.RPC { c := withWL("*"); c.JrpcFuncWhitelist = []string{"IsSync"}; return c }(), "192.0.2.9:1",
			`{"id":3,"method":"Chain33.Version"}`, nil, `{"id":3,"result":null,"error":"The Version method is not authorized!"}`},
	} {
		if got := serve(t, c.cfg, c.remote, c.body, c.hdr); got != c.want {
			t.Errorf("%s:\n got %q\nwant %q", c.name, got, c.want)
		}
	}

	auth := def
	auth.JrpcUserName, auth.JrpcUserPasswd = "admin", "s3cret:x"
	basic := func(up string) map[string]string {
		return map[string]string{"Authorization": "Basic " + base64.StdEncoding.EncodeToString([]byte(up))}
	}
	for _, c := range []struct {
		name string
		hdr  map[string]string
		want string
	}{
		{"no credentials", nil, `{"id":0,"result":null,"error":"Unauthozied"}`},
		{"wrong password", basic("admin:nope"), `{"id":0,"result":null,"error":"Unauthozied"}`},
		{"no colon", basic("admin"), `{"id":0,"result":null,"error":"Unauthozied"}`},
		{"not base64", map[string]string{"Authorization": "Basic %%%"}, `{"id":0,"result":null,"error":"Unauthozied"}`},
		{"right", basic("admin:s3cret:x"), ok},
	} {
		if got := serve(t, auth, "127.0.0.1:1", isSync, c.hdr); got != c.want {
			t.Errorf("basic auth, %s:\n got %q\nwant %q", c.name, got, c.want)
		}
	}
}

// Start listens on jrpcBindAddr (plain or TLS), Close stops it.
func TestStartClose(t *testing.T) {
	cfg := config.Default().RPC
	cfg.JrpcBindAddr, cfg.GrpcBindAddr = "127.0.0.1:0", "127.0.0.1:0"
	s := newServer(t, settings(cfg))
	if err := s.Start(); err != nil {
		t.Fatal(err)
	}
	var addr string
	poll.Until(t, 5*time.Second, "the JSON-RPC listener after Start", func() bool {
		if a := s.Addr(); a != nil {
			addr = a.String()
		}
		return addr != ""
	})
	resp, err := http.Post("http://"+addr+"/", "application/json", bytes.NewReader([]byte(`{"id":1,"method":"Chain33.IsSync","params":[]}`)))
	if err != nil {
		t.Fatal(err)
	}
	var r response
	json.NewDecoder(resp.Body).Decode(&r)
	resp.Body.Close()
	if string(r.Result) != "true" {
		t.Errorf("result %s", r.Result)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := http.Post("http://"+addr+"/", "application/json", strings.NewReader(`{}`)); err == nil {
		t.Error("still serving after Close")
	}
	cfg.EnableTLS, cfg.CertFile, cfg.KeyFile = true, "/nonexistent/cert.pem", "/nonexistent/key.pem"
	if err := newServer(t, settings(cfg)).Start(); err == nil {
		t.Error("TLS without a key pair started")
	}

	// TLS with a self-signed pair.
	dir := t.TempDir()
	cfg.CertFile, cfg.KeyFile = filepath.Join(dir, "cert.pem"), filepath.Join(dir, "key.pem")
	writeSelfSigned(t, cfg.CertFile, cfg.KeyFile)
	ts := newServer(t, settings(cfg))
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- ts.ServeJSONRPC(l) }()
	client := &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{InsecureSkipVerify: true}}}
	resp, err = client.Post("https://"+l.Addr().String()+"/", "application/json", strings.NewReader(`{"id":2,"method":"Chain33.IsSync","params":[]}`))
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if string(b) != `{"id":2,"result":true,"error":null}`+"\n" {
		t.Errorf("over TLS: %q", b)
	}
	ts.Close()
	if err := <-done; err != nil {
		t.Errorf("ServeJSONRPC after Close: %v", err)
	}
}

func writeSelfSigned(t *testing.T, certFile, keyFile string) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "127.0.0.1"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour),
		IPAddresses: []net.IP{net.ParseIP("127.0.0.1")}, KeyUsage: x509.KeyUsageDigitalSignature,
		ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	kb, err := x509.MarshalECPrivateKey(key)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(certFile, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(keyFile, pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: kb}), 0o600); err != nil {
		t.Fatal(err)
	}
}
