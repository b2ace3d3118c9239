package load

import (
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"chain33node/types"
)

func testSenders(t *testing.T, n int) []Sender {
	t.Helper()
	s, err := NewSenders(n)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestPresign(t *testing.T) {
	const nSenders, n = 7, 100
	senders := testSenders(t, nSenders)
	p := Params{Execer: "coins", Amount: 3, FeeRate: 100000, ChainID: 0}
	items, err := Presign(senders, n, p)
	if err != nil {
		t.Fatal(err)
	}
	if len(items) != n {
		t.Fatalf("%d items", len(items))
	}
	counts := make([]int, nSenders)
	nonces := map[int64]bool{}
	for i, it := range items {
		tx, err := types.DecodeTx(it.Raw)
		if err != nil {
			t.Fatalf("item %d does not decode: %v", i, err)
		}
		if !types.VerifySignature(tx.Transaction) {
			t.Fatalf("item %d: bad signature", i)
		}
		if err := types.CheckTx(tx, types.Rules{MinTxFeeRate: p.FeeRate, MaxTxFee: 1e9}); err != nil {
			t.Fatalf("item %d: CheckTx: %v", i, err)
		}
		if want := types.MinFee(tx.Size, p.FeeRate); tx.Fee < want || tx.Fee != it.Fee {
			t.Fatalf("item %d: fee %d (item %d), minimum %d", i, tx.Fee, it.Fee, want)
		}
		if tx.Expire != 0 || tx.Nonce <= 0 || nonces[tx.Nonce] {
			t.Fatalf("item %d: expire %d nonce %d", i, tx.Expire, tx.Nonce)
		}
		nonces[tx.Nonce] = true
		if it.Sender != i%nSenders || tx.From() != senders[it.Sender].Addr {
			t.Fatalf("item %d: sender %d from %s", i, it.Sender, tx.From())
		}
		next := senders[(it.Sender+1)%nSenders].Addr
		if tx.To != next || string(tx.Execer) != "coins" {
			t.Fatalf("item %d: to %s execer %s", i, tx.To, tx.Execer)
		}
		a, err := types.DecodePayload("coins", tx.Payload)
		if err != nil {
			t.Fatal(err)
		}
		ca := a.(*types.CoinsAction)
		if ca.Ty != types.CoinsActionTransfer || ca.GetTransfer().GetAmount() != 3 || ca.GetTransfer().GetTo() != next {
			t.Fatalf("item %d: payload %v", i, ca)
		}
		if it.Hash != types.HexWith0x(tx.Hash) {
			t.Fatalf("item %d: hash %s", i, it.Hash)
		}
		var req struct {
			Method string `json:"method"`
			Params []struct {
				Data string `json:"data"`
			} `json:"params"`
		}
		if err := json.Unmarshal(it.Body, &req); err != nil || req.Method != "Chain33.SendTransaction" ||
			len(req.Params) != 1 || req.Params[0].Data != hex.EncodeToString(it.Raw) {
			t.Fatalf("item %d: body %s (%v)", i, it.Body, err)
		}
		counts[it.Sender]++
	}
	for s, c := range counts {
		if c < n/nSenders || c > n/nSenders+1 {
			t.Errorf("sender %d has %d transfers", s, c)
		}
	}
	for _, k := range []int{1, 7, 10, 50, 100} {
		if got, want := MaxPerWindow(items, nSenders, k), (k+nSenders-1)/nSenders; got != want {
			t.Errorf("window %d: %d per sender, want %d", k, got, want)
		}
	}
	needs := Needs(items, nSenders, 3)
	for s, v := range needs {
		if v != int64(counts[s])*(100000+3) {
			t.Errorf("sender %d needs %d", s, v)
		}
	}
}

func TestPercentile(t *testing.T) {
	var d []time.Duration
	for i := 1; i <= 100; i++ {
		d = append(d, time.Duration(i)*time.Millisecond)
	}
	for _, c := range []struct {
		p    float64
		want time.Duration
	}{{50, 50 * time.Millisecond}, {90, 90 * time.Millisecond}, {99, 99 * time.Millisecond}, {100, 100 * time.Millisecond}, {0.1, time.Millisecond}} {
		if got := Percentile(d, c.p); got != c.want {
			t.Errorf("p%v = %v, want %v", c.p, got, c.want)
		}
	}
	if Percentile(nil, 50) != 0 {
		t.Error("empty")
	}
	three := []time.Duration{1, 2, 3}
	if Percentile(three, 50) != 2 || Percentile(three, 99) != 3 || Percentile(three, 33) != 1 {
		t.Error("three values")
	}
}

func TestSummarize(t *testing.T) {
	s := time.Second
	recs := []Record{
		{State: stCommitted, Attempts: 1, First: 0, Accepted: 0, Commit: 1 * s, Height: 5},
		{State: stCommitted, Attempts: 1, First: s / 2, Accepted: s / 2, Commit: 1 * s, Height: 5},
		{State: stCommitted, Attempts: 3, First: s, Accepted: 2 * s, Commit: 3 * s, Height: 7},
		{State: stCommitted, Attempts: 1, First: 2 * s, Accepted: 2 * s, Commit: 5 * s, Height: 8},
		{State: stAccepted, Attempts: 1, First: 3 * s, Accepted: 3 * s},
		{State: stRejected, Attempts: 1, First: 3 * s, Err: "ErrTxFeeTooLow"},
		{}, // never submitted
	}
	blocks := []Block{
		{Height: 4, Seen: s / 2, Txs: 1},
		{Height: 5, Seen: 1 * s, Txs: 3, Ours: 2},
		{Height: 6, Seen: 2 * s, Txs: 1},
		{Height: 7, Seen: 3 * s, Txs: 2, Ours: 1},
		{Height: 8, Seen: 5 * s, Txs: 11, Ours: 1},
		{Height: 9, Seen: 6 * s, Txs: 1},
	}
	rej := map[string]int{"ErrMemFull": 2, "ErrTxFeeTooLow": 1}
	got := Summarize(recs, blocks, rej)
	if got.Presigned != 7 || got.Submitted != 6 || got.Attempts != 8 || got.Accepted != 5 ||
		got.Committed != 4 || got.Uncommitted != 1 || got.FinalRejected["ErrTxFeeTooLow"] != 1 {
		t.Fatalf("counts %+v", got)
	}
	if got.SubmitSpan != 3*s || got.FirstCommit != s || got.LastCommit != 5*s {
		t.Fatalf("times %+v", got)
	}
	// 2 commits after the first block's over 4 s; 4 commits over 5 s.
	if got.SteadyTPS != 0.5 || got.OverallTPS != 0.8 {
		t.Fatalf("tps %v %v", got.SteadyTPS, got.OverallTPS)
	}
	// latencies 1, 0.5, 1, 3 s → sorted 0.5, 1, 1, 3
	if got.Lat != [4]time.Duration{s, 3 * s, 3 * s, 3 * s} || got.LatN != 4 {
		t.Fatalf("latency %v", got.Lat)
	}
	if got.LatFirst != [4]time.Duration{s, 3 * s, 3 * s, 3 * s} { // 1, 0.5, 2, 3
		t.Fatalf("latency from first %v", got.LatFirst)
	}
	if got.Blocks != 4 || got.FromH != 5 || got.ToH != 8 || got.BlockTxs != 3+1+2+11 || got.MaxBlockTxs != 11 ||
		got.BlockInterval != 4*s/3 {
		t.Fatalf("blocks %+v", got)
	}
}

func TestSchedLimitsAndRetries(t *testing.T) {
	senders := testSenders(t, 3)
	items, err := Presign(senders, 15, Params{Execer: "coins", Amount: 1, FeeRate: 100000})
	if err != nil {
		t.Fatal(err)
	}
	s := NewSched(items, 3, 2, true, time.Millisecond)
	var got []int
	for range 6 {
		i, ok := s.Next()
		if !ok {
			t.Fatal("Next refused")
		}
		got = append(got, i)
		s.Done(i, 0, time.Duration(i+1), time.Duration(i+1), nil)
	}
	// Round-robin: 0,1,2,3,4,5; now every sender has 2 uncommitted.
	for k, i := range got {
		if i != k {
			t.Fatalf("order %v", got)
		}
	}
	if s.pop2() {
		t.Fatal("a sender over its limit got a transaction")
	}
	// Committing item 1 (sender 1) frees sender 1: its next is item 7.
	if !s.Committed(1, 10, time.Second, time.Now()) || s.Committed(1, 10, time.Second, time.Now()) {
		t.Fatal("Committed twice")
	}
	i, _ := s.Next()
	if items[i].Sender != 1 || i != 7 {
		t.Fatalf("next %d (sender %d)", i, items[i].Sender)
	}
	// A full pool: retried (after the backoff) and counted.
	s.Done(i, 0, time.Second, time.Second, NodeError("ErrMemFull"))
	if s.Rejections["ErrMemFull"] != 1 {
		t.Fatalf("rejections %v", s.Rejections)
	}
	for _, k := range []int{0, 2, 3, 4, 5} {
		s.Committed(k, 10, time.Second, time.Now())
	}
	// Drain: every transaction handed out is accepted and committed; the
	// rejected one comes back after the backoff; a bad one is given up on.
	seen := map[int]int{}
	for {
		j, ok := s.Next()
		if !ok {
			break
		}
		seen[j]++
		if j == 9 {
			s.Done(j, 0, 2*time.Second, 2*time.Second, NodeError("ErrTxFeeTooLow"))
			continue
		}
		s.Done(j, 0, 2*time.Second, 2*time.Second, nil)
		s.Committed(j, 11, 3*time.Second, time.Now())
	}
	if seen[7] != 1 || seen[9] != 1 || len(seen) != 9 {
		t.Fatalf("handed out %v", seen)
	}
	recs := s.Records()
	if r := recs[7]; r.State != stCommitted || r.Attempts != 2 || r.First != time.Second || r.Accepted != 2*time.Second {
		t.Fatalf("record 7 %+v", r)
	}
	if r := recs[9]; r.State != stRejected || r.Err != "ErrTxFeeTooLow" {
		t.Fatalf("record 9 %+v", r)
	}
	for i, r := range recs {
		if i != 9 && r.State != stCommitted {
			t.Fatalf("record %d %+v", i, r)
		}
	}
	a, c, done, _ := s.Progress()
	if a != 14 || c != 14 || !done {
		t.Fatalf("progress %d %d %v", a, c, done)
	}
}

// pop2 reports whether an item could be handed out now, without blocking.
func (s *Sched) pop2() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	_, ok := s.pop()
	return ok
}

func TestErrorClass(t *testing.T) {
	for _, c := range []struct {
		err   error
		class string
		retry bool
	}{
		{NodeError("ErrMemFull"), "ErrMemFull", true},
		{NodeError("ErrManyTx"), "ErrManyTx", true},
		{NodeError("ErrTxFeeTooLow"), "ErrTxFeeTooLow", false},
		{NodeError("ErrTxExist"), "ErrTxExist", false},
		{errors.New(`Post "http://x": dial tcp: some failure`), "transport: some failure", true},
	} {
		if got := ErrorClass(c.err); got != c.class || Retryable(got) != c.retry {
			t.Errorf("%v: %q retry %v", c.err, got, Retryable(got))
		}
	}
}

// A node that refuses a connection over its per-IP cap answers a plain-text 503 before any JSON-RPC: it is
// counted as that refusal, retryable, not as a JSON error.
func TestPostNonJSONRefusal(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.WriteHeader(http.StatusServiceUnavailable)
		io.WriteString(w, "too many connections from 10.99.0.1: [rpc] maxConnectionsPerIP is 2048\n")
	}))
	defer srv.Close()
	_, err := NewRPC(1, 5*time.Second).Post(srv.URL, []byte(`{}`))
	class := ErrorClass(err)
	if class != "HTTP 503: too many connections from 10.99.0.1: [rpc] maxConn" || !Retryable(class) {
		t.Fatalf("error %v: class %q, retryable %v", err, class, Retryable(class))
	}
}

// A client with more requests in flight than maxConnsPerNode opens no more
// connections to one node than that: the rest wait for one, instead of
// meeting the node's per-IP cap. The server holds every request until
// maxConnsPerNode are in its handler at once, so without the bound each of
// the requests would open a connection of its own.
func TestConnectionsPerNodeBounded(t *testing.T) {
	var active atomic.Int64
	gate := make(chan struct{})
	var once sync.Once
	srv, conns := countingServer(func() {
		if active.Add(1) == maxConnsPerNode {
			once.Do(func() { close(gate) })
		}
		<-gate
	})
	defer srv.Close()
	rpc := NewRPC(maxConnsPerNode+100, time.Minute)
	defer rpc.Close()
	var wg sync.WaitGroup
	for range maxConnsPerNode + 100 {
		wg.Go(func() {
			if _, err := rpc.Post(srv.URL, []byte(`{}`)); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	if n := conns.Load(); n > maxConnsPerNode {
		t.Fatalf("%d connections to one node, bound %d", n, maxConnsPerNode)
	}
}

func TestFlexInt(t *testing.T) {
	var st PerfStat
	if err := json.Unmarshal([]byte(`{"totalTx":"12","totalBlock":3,"txPerBlock":"4"}`), &st); err != nil ||
		st.TotalTx != 12 || st.TotalBlock != 3 || st.TxPerBlock != 4 {
		t.Fatalf("%+v %v", st, err)
	}
}

// The keep-alive client sends sequential requests on one connection; the
// connection-each client opens one per request.
func TestConnEachOpensAConnectionPerRequest(t *testing.T) {
	srv, conns := countingServer(func() {})
	defer srv.Close()
	for _, c := range []struct {
		rpc  *RPC
		want int64
	}{{NewRPC(1, 5*time.Second), 1}, {NewRPCConnEach(5 * time.Second), 5}} {
		conns.Store(0)
		for range 5 {
			if _, err := c.rpc.Post(srv.URL, []byte(`{}`)); err != nil {
				t.Fatal(err)
			}
		}
		c.rpc.Close()
		if n := conns.Load(); n != c.want {
			t.Fatalf("5 requests opened %d connections, want %d", n, c.want)
		}
	}
}

// countingServer answers every request with a JSON-RPC result after
// calling wait, and counts the connections clients open to it.
func countingServer(wait func()) (*httptest.Server, *atomic.Int64) {
	conns := new(atomic.Int64)
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		wait()
		io.WriteString(w, `{"result":"ok","error":null}`)
	}))
	srv.Config.ConnState = func(_ net.Conn, s http.ConnState) {
		if s == http.StateNew {
			conns.Add(1)
		}
	}
	srv.Start()
	return srv, conns
}

// The idle-capped client closes the connections it cannot keep idle: two
// rounds of 8 requests in flight at once open 8 connections with the pooled
// client and 8 + 6 with one that keeps 2 idle (a connection on its way back
// to the pool when the next round starts may add a dial to either).
func TestIdleCappedClosesTheRest(t *testing.T) {
	for _, c := range []struct {
		rpc      *RPC
		min, max int64
	}{{NewRPC(8, 5*time.Second), 8, 10}, {NewRPCIdle(2, 5*time.Second), 14, 16}} {
		var active atomic.Int64
		var gate atomic.Pointer[chan struct{}]
		srv, conns := countingServer(func() {
			g := *gate.Load()
			if active.Add(1)%8 == 0 {
				close(g)
			}
			<-g
		})
		for range 2 {
			g := make(chan struct{})
			gate.Store(&g)
			var wg sync.WaitGroup
			for range 8 {
				wg.Go(func() {
					if _, err := c.rpc.Post(srv.URL, []byte(`{}`)); err != nil {
						t.Error(err)
					}
				})
			}
			wg.Wait()
		}
		c.rpc.Close()
		srv.Close()
		if n := conns.Load(); n < c.min || n > c.max {
			t.Fatalf("two rounds of 8 opened %d connections, want %d-%d", n, c.min, c.max)
		}
	}
}

// NewPoster picks gRPC over everything, then a connection each request,
// then the idle cap, and the pool last, whatever else is set.
func TestNewPosterOrder(t *testing.T) {
	transport := func(p Poster) *http.Transport {
		r, ok := p.(*RPC)
		if !ok {
			t.Fatalf("%T, want *RPC", p)
		}
		return r.http.Transport.(*http.Transport)
	}
	if p, ok := NewPoster(8802, true, 2, 64, time.Second).(*GRPC); !ok || p.port != "8802" {
		t.Errorf("with a gRPC port: %T", p)
	}
	if tr := transport(NewPoster(0, true, 2, 64, time.Second)); !tr.DisableKeepAlives {
		t.Error("connEach: keep-alive on")
	}
	if tr := transport(NewPoster(0, false, 2, 64, time.Second)); tr.DisableKeepAlives || tr.MaxIdleConnsPerHost != 2 || tr.MaxConnsPerHost != 0 {
		t.Errorf("idle 2: keep-alive off %v, idle %d, conns %d", tr.DisableKeepAlives, tr.MaxIdleConnsPerHost, tr.MaxConnsPerHost)
	}
	if tr := transport(NewPoster(0, false, 0, 64, time.Second)); tr.MaxIdleConnsPerHost != 64 || tr.MaxConnsPerHost != 64 {
		t.Errorf("pooled: idle %d, conns %d", tr.MaxIdleConnsPerHost, tr.MaxConnsPerHost)
	}
}

// A funding transfer the node refuses for now (ErrManyTx: another client
// funds from the same key) is sent again until it is taken. The retry read
// the error of the balance query before it (nil) and crashed.
func TestFundRetriesRefusal(t *testing.T) {
	senders := testSenders(t, 1)
	var mu sync.Mutex
	sends, funded := 0, false
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var req struct{ Method string }
		json.NewDecoder(r.Body).Decode(&req)
		mu.Lock()
		defer mu.Unlock()
		switch req.Method {
		case "Chain33.SendTransaction":
			if sends++; sends == 1 {
				io.WriteString(w, `{"id":1,"result":null,"error":"ErrManyTx"}`)
				return
			}
			funded = true
			io.WriteString(w, `{"id":1,"result":"0x00","error":null}`)
		case "Chain33.GetBalance":
			bal := 0
			if funded {
				bal = 1000
			}
			fmt.Fprintf(w, `{"id":1,"result":[{"addr":%q,"balance":%d}],"error":null}`, senders[0].Addr, bal)
		}
	}))
	defer srv.Close()
	funder, err := ParseKey(GenesisKey)
	if err != nil {
		t.Fatal(err)
	}
	p := Params{Execer: "coins", Amount: 1, FeeRate: 100000}
	if err := Fund(NewRPC(1, 5*time.Second), srv.URL, funder, senders, []int64{1000}, p, 90, 10*time.Second, io.Discard); err != nil {
		t.Fatal(err)
	}
	mu.Lock()
	defer mu.Unlock()
	if sends != 2 {
		t.Fatalf("%d sends, want the refused one and its retry", sends)
	}
}
