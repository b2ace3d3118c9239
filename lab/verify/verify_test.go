package verify

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"chain33node/lab/load"
)

// fakeChain serves GetLastHeader, GetHeaders and GetBlocks of a chain the
// test shapes at will: the faults a real node must never show (forks,
// duplicates, rollbacks) cannot be had from one on demand.
type fakeChain struct {
	mu     sync.Mutex
	blocks []fakeBlock // index = height - 1
}

type fakeBlock struct {
	hash, parent string
	txs          []string
}

func (f *fakeChain) grow(n int, tag string, txs ...string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	for range n {
		h := len(f.blocks) + 1
		parent := "0xgenesis"
		if h > 1 {
			parent = f.blocks[h-2].hash
		}
		b := fakeBlock{hash: fmt.Sprintf("0x%s%04d", tag, h), parent: parent}
		if len(txs) > 0 {
			b.txs, txs = []string{txs[0]}, txs[1:]
		}
		f.blocks = append(f.blocks, b)
	}
}

func (f *fakeChain) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	var req struct {
		Method string `json:"method"`
		Params []struct {
			Start, End int64
		} `json:"params"`
	}
	json.NewDecoder(r.Body).Decode(&req)
	f.mu.Lock()
	defer f.mu.Unlock()
	var result any
	switch req.Method {
	case "Chain33.GetLastHeader":
		result = map[string]any{"height": len(f.blocks)}
	case "Chain33.GetHeaders", "Chain33.GetBlocks":
		var items []any
		for h := req.Params[0].Start; h <= req.Params[0].End && h <= int64(len(f.blocks)); h++ {
			b := f.blocks[h-1]
			if req.Method == "Chain33.GetHeaders" {
				items = append(items, map[string]any{"height": h, "hash": b.hash, "parentHash": b.parent})
				continue
			}
			var txs []any
			for _, t := range b.txs {
				txs = append(txs, map[string]any{"hash": t})
			}
			items = append(items, map[string]any{"block": map[string]any{"height": h, "parentHash": b.parent, "txs": txs}})
		}
		result = map[string]any{"items": items}
	}
	json.NewEncoder(w).Encode(map[string]any{"id": 1, "result": result, "error": nil})
}

func serve(t *testing.T, chains ...*fakeChain) *Chain {
	var urls []string
	for _, c := range chains {
		s := httptest.NewServer(c)
		t.Cleanup(s.Close)
		urls = append(urls, s.URL)
	}
	return New(load.NewRPC(2, 5*time.Second), urls)
}

func read(t *testing.T, c *Chain) {
	t.Helper()
	if _, errs := c.Read(); errs != nil {
		for _, err := range errs {
			if err != nil {
				t.Fatal(err)
			}
		}
	}
}

func TestSameChainsHaveNoFindings(t *testing.T) {
	a, b := &fakeChain{}, &fakeChain{}
	a.grow(45, "a", "t1", "t2")
	b.grow(30, "a", "t1", "t2") // behind: a prefix of a's chain
	c := serve(t, a, b)
	read(t, c)
	b.grow(20, "a") // catches up and passes a, incrementally
	a.grow(5, "a")
	read(t, c)
	if f := c.Findings(); len(f.Forks)+len(f.Dups)+len(f.Rollbacks) > 0 {
		t.Fatalf("findings on identical chains: %s", f)
	}
	if h, ok := c.txs["t2"]; !ok || h != 2 {
		t.Fatalf("t2 at %d %v", h, ok)
	}
	if m := c.Missing([]string{"t1", "t3"}); len(m) != 1 || m[0] != "t3" {
		t.Fatalf("missing %v", m)
	}
}

func TestFindsForksDuplicatesAndRollbacks(t *testing.T) {
	a, b := &fakeChain{}, &fakeChain{}
	a.grow(3, "a", "t1", "t2", "t3")
	b.grow(2, "a", "t1", "t2")
	c := serve(t, a, b)
	read(t, c)
	b.grow(1, "b", "t9") // height 3: another block, read after a's (Read reads the nodes in parallel)
	read(t, c)
	f := c.Findings()
	if f.ForkHeights() != 1 || f.Forks[0].Height != 3 || f.Forks[0].Node != 1 {
		t.Fatalf("forks %+v", f.Forks)
	}

	// A transaction in two blocks.
	a.grow(1, "a", "t2")
	read(t, c)
	f2 := c.Findings().Since(f)
	if len(f2.Dups) != 1 || f2.Dups[0].Hash != "t2" || f2.Dups[0].First != 2 || f2.Dups[0].Second != 4 {
		t.Fatalf("dups %+v", f2.Dups)
	}

	// A node going back, then growing a different chain above what was read.
	a.mu.Lock()
	a.blocks = a.blocks[:2]
	a.mu.Unlock()
	before := c.Findings()
	read(t, c)
	if r := c.Findings().Since(before).Rollbacks; len(r) != 1 || r[0].Node != 0 || r[0].From != 4 || r[0].To != 2 {
		t.Fatalf("rollbacks %+v", r)
	}

	// A node rewriting a block below what was read, keeping its height.
	d := &fakeChain{}
	d.grow(5, "a")
	c2 := serve(t, d)
	read(t, c2)
	d.mu.Lock()
	d.blocks = d.blocks[:3]
	d.mu.Unlock()
	d.grow(3, "x")
	read(t, c2)
	if f := c2.Findings(); len(f.Forks) == 0 || !strings.Contains(f.String(), "parent") {
		t.Fatalf("a rewritten block went unnoticed: %s", f)
	}
}
