package node

import (
	"io"
	"net/http"
	"strings"
	"testing"
	"time"
)

// [pprof] listenAddr serves Go's profiles while the node runs, and nothing
// when unset.
func TestPprofListener(t *testing.T) {
	tn := newTestnet(t, 1)
	tn.cfgs[0].Pprof.ListenAddr = "127.0.0.1:0"
	tn.start(0)
	defer tn.stopAll()
	n := tn.nodes[0]
	if n.pprof == nil {
		t.Fatal("no pprof listener with [pprof] listenAddr set")
	}
	c := &http.Client{Timeout: 10 * time.Second}
	resp, err := c.Get("http://" + n.pprof.Addr + "/debug/pprof/goroutine?debug=1")
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || !strings.Contains(string(b), "goroutine profile:") {
		t.Errorf("goroutine profile: %d %.200s", resp.StatusCode, b)
	}

	tn2 := newTestnet(t, 1)
	tn2.start(0)
	defer tn2.stopAll()
	if tn2.nodes[0].pprof != nil {
		t.Error("a pprof listener without [pprof] listenAddr")
	}
}
