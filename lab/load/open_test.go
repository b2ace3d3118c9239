package load

import (
	"encoding/hex"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"chain33node/poll"
)

// answerer is a JSON-RPC endpoint that acknowledges a SendTransaction with
// the transaction's hash or refuses it as the test says, and counts posts.
type answerer struct {
	mu     sync.Mutex
	hashes map[string]string // raw hex → hash
	posts  map[string]int    // raw hex → posts
	refuse func(post int) string
	n      atomic.Int64
	hold   chan struct{} // if set, no answer until it is closed
}

func newAnswerer(items []Item, refuse func(int) string) *answerer {
	a := &answerer{hashes: map[string]string{}, posts: map[string]int{}, refuse: refuse}
	for _, it := range items {
		a.hashes[hex.EncodeToString(it.Raw)] = it.Hash
	}
	return a
}

func (a *answerer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	var req struct {
		Params []struct {
			Data string `json:"data"`
		} `json:"params"`
	}
	json.NewDecoder(r.Body).Decode(&req)
	k := int(a.n.Add(1))
	a.mu.Lock()
	a.posts[req.Params[0].Data]++
	a.mu.Unlock()
	if a.hold != nil {
		<-a.hold
	}
	if e := a.refuse(k); e != "" {
		json.NewEncoder(w).Encode(map[string]any{"id": 1, "result": nil, "error": e})
		return
	}
	json.NewEncoder(w).Encode(map[string]any{"id": 1, "result": a.hashes[req.Params[0].Data], "error": nil})
}

func TestOpenLoopSendsOnceAndCountsRefusals(t *testing.T) {
	items, err := Presign(testSenders(t, 5), 40, Params{Execer: "coins", Amount: 1, FeeRate: 100000})
	if err != nil {
		t.Fatal(err)
	}
	a := newAnswerer(items, func(k int) string {
		if k%4 == 0 {
			return "ErrMemFull"
		}
		return ""
	})
	srv := httptest.NewServer(a)
	defer srv.Close()
	urls := []string{srv.URL, srv.URL + "/"} // two "nodes"
	o := NewOpen()
	o.Add(items[:20])
	o.Add(items[20:])
	o.Seal()
	start := time.Now()
	o.Run(NewRPC(8, 5*time.Second), urls, 8, NewLimiter(0), start)

	p := o.Progress()
	if p.Sent != 40 || p.Acked != 30 || p.Pending != 30 || a.n.Load() != 40 {
		t.Fatalf("progress %+v, %d posts", p, a.n.Load())
	}
	for raw, n := range a.posts {
		if n != 1 {
			t.Fatalf("%.16s posted %d times: an open-loop client does not retry", raw, n)
		}
	}
	if r := o.Refused(); len(r) != 1 || r["ErrMemFull"] != 10 {
		t.Fatalf("refused %v", r)
	}
	_, recs := o.Records()
	acked := 0
	for _, r := range recs {
		if r.Acked() {
			acked++
			if r.Ack < r.Accepted || r.State != stAccepted || r.Node < 0 {
				t.Fatalf("acknowledged record %+v", r)
			}
		} else if r.State != stRejected || r.Err != "ErrMemFull" || r.Attempts != 1 {
			t.Fatalf("refused record %+v", r)
		}
	}

	// Commits: one counted once; a refused one that got in after all counts
	// as committed but not acknowledged.
	var ackedHash, refusedHash string
	for i, r := range recs {
		if !r.Acked() && refusedHash == "" {
			refusedHash = items[i].Hash
		}
		if r.Acked() && ackedHash == "" {
			ackedHash = items[i].Hash
		}
	}
	if !o.Commit(ackedHash, 7, time.Second, time.Now()) || o.Commit(ackedHash, 8, time.Second, time.Now()) {
		t.Fatal("Commit must count a transaction once")
	}
	if !o.Commit(refusedHash, 7, time.Second, time.Now()) || o.Commit("0xnotours", 7, time.Second, time.Now()) {
		t.Fatal("Commit of a refused tx, or of another's")
	}
	if p := o.Progress(); p.Committed != 2 || p.Pending != 29 {
		t.Fatalf("after commits %+v", p)
	}
	if u := o.Unconfirmed(time.Hour); len(u) != 29 {
		t.Fatalf("unconfirmed %d", len(u))
	}
	if u := o.Unconfirmed(0); len(u) != 0 {
		t.Fatalf("unconfirmed before the start: %d", len(u))
	}

	// Resend posts each unconfirmed acknowledged tx again, to the next node,
	// once per age.
	a.refuse = func(int) string { return "ErrDupTx" }
	if n := o.Resend(NewRPC(8, 5*time.Second), urls, 0, start); n != 29 {
		t.Fatalf("resent %d", n)
	}
	if n := o.Resend(NewRPC(8, 5*time.Second), urls, time.Hour, start); n != 0 {
		t.Fatalf("resent %d within the age", n)
	}
	if p := o.Progress(); p.Resent != 29 || a.n.Load() != 69 {
		t.Fatalf("after resend %+v, %d posts", p, a.n.Load())
	}
	if o.Refused()["resend: ErrDupTx"] != 29 {
		t.Fatalf("refused %v", o.Refused())
	}
}

// With a rate, transactions leave at that rate whatever the answers: a slow
// node does not slow the client down (open loop). Here the node answers
// nothing until all 50 have arrived.
func TestOpenLoopRateIgnoresSlowAnswers(t *testing.T) {
	items, err := Presign(testSenders(t, 5), 50, Params{Execer: "coins", Amount: 1, FeeRate: 100000})
	if err != nil {
		t.Fatal(err)
	}
	a := newAnswerer(items, func(int) string { return "" })
	a.hold = make(chan struct{})
	srv := httptest.NewServer(a)
	defer srv.Close()
	o := NewOpen()
	o.Add(items)
	o.Seal()
	start := time.Now()
	ran := make(chan struct{})
	go func() {
		defer close(ran)
		o.Run(NewRPC(64, time.Minute), []string{srv.URL}, 64, NewLimiter(100), start)
	}()
	poll.Until(t, 30*time.Second, "all 50 posted before any answer", func() bool { return a.n.Load() == 50 })
	close(a.hold)
	<-ran
	_, recs := o.Records()
	last := time.Duration(0)
	for _, r := range recs {
		last = max(last, r.First)
	}
	// 50 at 100/s leave over ~0.5 s (the limiter catches up at most 0.1 s).
	if last < 300*time.Millisecond {
		t.Fatalf("the last of 50 transactions at 100/s left after %v", last)
	}
	if p := o.Progress(); p.Acked != 50 {
		t.Fatalf("%+v", p)
	}
}
