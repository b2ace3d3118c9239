package metrics

import (
	"io"
	"net/http"
	"strings"
	"testing"
)

func TestServe(t *testing.T) {
	r := &Registry{}
	height := 41.0
	r.Gauge("chain_height", "Height of the last committed block.", func() float64 { return height })
	r.Counter("consensus_equivocations_total", "Conflicting votes seen.", func() float64 { return 2 })
	s, err := Serve("127.0.0.1:0", r, map[string]http.Handler{"/other": http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.WriteHeader(http.StatusTeapot)
	})})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	height = 42
	resp, err := http.Get("http://" + s.Addr + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	want := "# HELP chain_height Height of the last committed block.\n# TYPE chain_height gauge\nchain_height 42\n" +
		"# HELP consensus_equivocations_total Conflicting votes seen.\n# TYPE consensus_equivocations_total counter\nconsensus_equivocations_total 2\n"
	if string(body) != want {
		t.Fatalf("got\n%s", body)
	}
	if !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/plain") {
		t.Fatal(resp.Header.Get("Content-Type"))
	}
	other, err := http.Get("http://" + s.Addr + "/other")
	if err != nil {
		t.Fatal(err)
	}
	other.Body.Close()
	if other.StatusCode != http.StatusTeapot {
		t.Fatalf("/other: %d, want the handler's 418", other.StatusCode)
	}
}
