package push

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"slices"
	"sync"
	"testing"
	"time"

	"chain33node/poll"
	"chain33node/store"
	"chain33node/types"

	"google.golang.org/protobuf/proto"
)

// storeChain reads a real store as the Chain the pushes need.
type storeChain struct{ *store.DB }

func (c storeChain) Height() int64 { h, _ := c.Head(); return h.Height }

// testChain is a store whose blocks carry one coins and one manage
// transaction each (genesis: one coins transaction).
type testChain struct {
	db *store.DB
	t  *testing.T
}

func newTestChain(t *testing.T) *testChain {
	db, err := store.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	c := &testChain{db: db, t: t}
	c.commit(1)
	return c
}

func (c *testChain) commit(n int) {
	for range n {
		h, ok := c.db.Head()
		height := int64(0)
		if ok {
			height = h.Height + 1
		}
		b := &types.Block{Height: height, BlockTime: 1700000000 + height, ParentHash: h.Hash,
			StateHash: bytes.Repeat([]byte{byte(height)}, 32)}
		execers := []string{"coins", "manage"}
		if height == 0 {
			execers = execers[:1]
		}
		bb := &store.BlockBatch{Block: b}
		for i, e := range execers {
			tx := &types.Transaction{Execer: []byte(e), Nonce: height*10 + int64(i), To: "1CbEVT9RnM5oZhWMj4fxUrJX94VtRotzvs"}
			b.Txs = append(b.Txs, tx)
			bb.TxHashes = append(bb.TxHashes, types.TxHash(tx))
			bb.Receipts = append(bb.Receipts, &types.ReceiptData{Ty: types.ExecOk, Logs: []*types.ReceiptLog{{Ty: 2, Log: []byte{byte(i)}}}})
		}
		if err := c.db.CommitBlock(bb); err != nil {
			c.t.Fatal(err)
		}
	}
}

func (c *testChain) height() int64 { h, _ := c.db.Head(); return h.Height }

// subscriber is an HTTP push receiver: it records the sequences of every
// batch it acknowledges, and answers as mode says.
type subscriber struct {
	t   *testing.T
	srv *httptest.Server
	typ int32
	enc string

	mu       sync.Mutex
	mode     string // "ok", "busy" (503), "drop" (connection closed), "nak" (200 but not ok)
	seqs     []int64
	attempts int
	batches  int
	last     []byte // body of the last acknowledged batch
}

func newSubscriber(t *testing.T, typ int32, enc string) *subscriber {
	s := &subscriber{t: t, typ: typ, enc: enc, mode: "ok"}
	s.srv = httptest.NewServer(http.HandlerFunc(s.serve))
	t.Cleanup(s.srv.Close)
	return s
}

func (s *subscriber) setMode(m string) { s.mu.Lock(); s.mode = m; s.mu.Unlock() }

func (s *subscriber) serve(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.attempts++
	switch s.mode {
	case "busy":
		http.Error(w, "busy", http.StatusServiceUnavailable)
		return
	case "drop":
		panic(http.ErrAbortHandler)
	case "nak":
		io.WriteString(w, "later")
		return
	}
	if r.Method != http.MethodPost || r.Header.Get("Content-Encoding") != "gzip" || r.Header.Get("Content-Type") != "text/plain" {
		s.t.Errorf("request %s %v", r.Method, r.Header)
	}
	zr, err := gzip.NewReader(r.Body)
	if err != nil {
		s.t.Errorf("body not gzip: %v", err)
		return
	}
	body, err := io.ReadAll(zr)
	if err != nil {
		s.t.Errorf("body: %v", err)
		return
	}
	seqs, err := decodeSeqs(s.typ, s.enc, body)
	if err != nil {
		s.t.Errorf("decode batch: %v", err)
		return
	}
	s.seqs = append(s.seqs, seqs...)
	s.batches++
	s.last = body
	io.WriteString(w, "ok")
}

// decodeSeqs returns the sequences a batch carries.
func decodeSeqs(typ int32, enc string, body []byte) ([]int64, error) {
	var m proto.Message
	switch typ {
	case TypeBlock:
		m = &types.BlockSeqs{}
	case TypeBlockHeader:
		m = &types.HeaderSeqs{}
	case TypeTxReceipt:
		m = &types.TxReceipts4Subscribe{}
	case TypeTxResult:
		m = &types.TxResultSeqs{}
	}
	if enc == EncodeJSON {
		if err := types.UnmarshalPB(body, m); err != nil {
			return nil, err
		}
	} else if err := proto.Unmarshal(body, m); err != nil {
		return nil, err
	}
	var out []int64
	switch v := m.(type) {
	case *types.BlockSeqs:
		for _, s := range v.Seqs {
			if s.Detail.Block.Height != s.Num || s.Seq.Type != 1 || len(s.Seq.Hash) != 32 {
				return nil, fmt.Errorf("entry %d: %v", s.Num, s.Seq)
			}
			out = append(out, s.Num)
		}
	case *types.HeaderSeqs:
		for _, s := range v.Seqs {
			if s.Header.Height != s.Num || !bytes.Equal(s.Header.Hash, s.Seq.Hash) {
				return nil, fmt.Errorf("header entry %d", s.Num)
			}
			out = append(out, s.Num)
		}
	case *types.TxReceipts4Subscribe:
		for _, b := range v.TxReceipts {
			out = append(out, b.SeqNum)
		}
	case *types.TxResultSeqs:
		for _, b := range v.Items {
			out = append(out, b.SeqNum)
		}
	}
	return out, nil
}

func (s *subscriber) received() []int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.seqs)
}

func seqRange(from, to int64) []int64 {
	var out []int64
	for i := from; i <= to; i++ {
		out = append(out, i)
	}
	return out
}

func newService(t *testing.T, c *testChain, cfg Config) *Service {
	t.Helper()
	cfg.Enabled, cfg.Sequences = true, true
	cfg.MinBackoff, cfg.MaxBackoff = 5*time.Millisecond, 40*time.Millisecond
	cfg.Log = slog.New(slog.DiscardHandler)
	s, err := New(cfg, storeChain{c.db}, c.db)
	if err != nil {
		t.Fatal(err)
	}
	s.Start()
	t.Cleanup(s.Close)
	return s
}

// TestPushEveryBlockOnce: every block reaches the subscriber once and in
// order, in batches of at most 10, across an outage of the subscriber
// (errors, dropped connections, wrong answers) and a restart of the node.
func TestPushEveryBlockOnce(t *testing.T) {
	c := newTestChain(t)
	c.commit(24) // heights 0..24 exist before the subscription
	sub := newSubscriber(t, TypeBlock, "proto")
	s := newService(t, c, Config{})
	if err := s.Subscribe(&types.PushSubscribeReq{Name: "explorer", URL: sub.srv.URL, Type: TypeBlock}); err != nil {
		t.Fatal(err)
	}
	poll.Until(t, 20*time.Second, "the existing blocks", func() bool { return len(sub.received()) == 25 })
	if sub.batches != 3 { // 10 + 10 + 5
		t.Fatalf("%d batches for 25 blocks", sub.batches)
	}

	// The subscriber fails in every way for a while; blocks keep coming.
	for _, mode := range []string{"busy", "drop", "nak"} {
		sub.setMode(mode)
		before := sub.attempts
		c.commit(2)
		s.Notify()
		poll.Until(t, 20*time.Second, "retries while "+mode, func() bool { sub.mu.Lock(); defer sub.mu.Unlock(); return sub.attempts >= before+3 })
	}
	if n, _ := s.LastSeq("explorer"); n != 24 {
		t.Fatalf("acknowledged %d during the outage", n)
	}
	sub.setMode("ok")
	poll.Until(t, 20*time.Second, "catching up after the outage", func() bool { return len(sub.received()) == 31 })

	// The node stops; blocks commit while it is down (as when it syncs
	// after a restart); the new process resumes where the old one was
	// acknowledged.
	s.Close()
	c.commit(7)
	s2 := newService(t, c, Config{})
	poll.Until(t, 20*time.Second, "the blocks after the restart", func() bool { return len(sub.received()) == 38 })
	c.commit(1)
	s2.Notify()
	poll.Until(t, 20*time.Second, "a new block", func() bool { return len(sub.received()) == 39 })
	if got := sub.received(); !slices.Equal(got, seqRange(0, 38)) {
		t.Fatalf("received %v", got)
	}
	// The node records the acknowledgement after the subscriber gave it.
	poll.Until(t, 20*time.Second, "the last acknowledgement recorded", func() bool { n, _ := s2.LastSeq("explorer"); return n == 38 })
	list, err := s2.List()
	if err != nil || len(list) != 1 || list[0].URL != sub.srv.URL {
		t.Fatalf("List = %v, %v", list, err)
	}
}

// TestPushAckWhileStopping: a batch the subscriber is taking when the node
// stops is recorded as acknowledged, and not sent again after the restart.
func TestPushAckWhileStopping(t *testing.T) {
	c := newTestChain(t)
	c.commit(4) // 0..4
	entered, release := make(chan struct{}), make(chan struct{})
	var mu sync.Mutex
	var got []int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		zr, err := gzip.NewReader(r.Body)
		if err != nil {
			t.Error(err)
			return
		}
		body, _ := io.ReadAll(zr)
		seqs, err := decodeSeqs(TypeBlockHeader, "proto", body)
		if err != nil {
			t.Error(err)
			return
		}
		mu.Lock()
		first := len(got) == 0
		got = append(got, seqs...)
		mu.Unlock()
		if first {
			close(entered)
			<-release
		}
		io.WriteString(w, "ok")
	}))
	defer srv.Close()
	s := newService(t, c, Config{})
	if err := s.Subscribe(&types.PushSubscribeReq{Name: "slow", URL: srv.URL, Type: TypeBlockHeader}); err != nil {
		t.Fatal(err)
	}
	<-entered
	closed := make(chan struct{})
	go func() { s.Close(); close(closed) }()
	poll.Until(t, 20*time.Second, "the service stopping", func() bool { s.mu.Lock(); defer s.mu.Unlock(); return s.closed })
	close(release)
	<-closed
	if n, err := s.LastSeq("slow"); n != 4 || err != nil {
		t.Fatalf("after the stop, acknowledged %d, %v", n, err)
	}
	c.commit(1)
	newService(t, c, Config{})
	poll.Until(t, 20*time.Second, "the block after the restart", func() bool { mu.Lock(); defer mu.Unlock(); return len(got) == 6 })
	mu.Lock()
	defer mu.Unlock()
	if !slices.Equal(got, seqRange(0, 5)) {
		t.Fatalf("received %v", got)
	}
}

func TestPushTypesAndEncodings(t *testing.T) {
	c := newTestChain(t)
	c.commit(4) // 0..4
	s := newService(t, c, Config{})
	subs := map[string]*subscriber{}
	for _, v := range []struct {
		name     string
		typ      int32
		enc      string
		contract map[string]bool
	}{
		{"headers-json", TypeBlockHeader, EncodeJSON, nil},
		{"blocks-json", TypeBlock, EncodeJSON, nil},
		{"manage-receipts", TypeTxReceipt, "proto", map[string]bool{"manage": true}},
		{"results", TypeTxResult, "", nil},
	} {
		sub := newSubscriber(t, v.typ, v.enc)
		subs[v.name] = sub
		if err := s.Subscribe(&types.PushSubscribeReq{Name: v.name, URL: sub.srv.URL, Type: v.typ, Encode: v.enc, Contract: v.contract}); err != nil {
			t.Fatal(err)
		}
	}
	poll.Until(t, 20*time.Second, "all pushes", func() bool {
		return len(subs["headers-json"].received()) == 5 && len(subs["blocks-json"].received()) == 5 &&
			len(subs["manage-receipts"].received()) == 4 && len(subs["results"].received()) == 5
	})
	// Receipts: genesis has no manage transaction, so only blocks 1..4,
	// each with only its manage transaction.
	if got := subs["manage-receipts"].received(); !slices.Equal(got, seqRange(1, 4)) {
		t.Fatalf("receipt batches for %v", got)
	}
	var rec types.TxReceipts4Subscribe
	if err := proto.Unmarshal(subs["manage-receipts"].last, &rec); err != nil {
		t.Fatal(err)
	}
	for _, b := range rec.TxReceipts {
		if len(b.Tx) != 1 || string(b.Tx[0].Execer) != "manage" || len(b.ReceiptData) != 1 || b.AddDelType != 1 {
			t.Fatalf("receipts of block %d: %v", b.Height, b)
		}
	}
	// JSON is chain33's jsonpb: 64-bit numbers as strings, bytes as 0x-hex.
	var hs struct {
		Seqs []struct {
			Num string `json:"num"`
			Seq struct {
				Hash string `json:"Hash"`
				Type string `json:"Type"`
			} `json:"seq"`
			Header struct {
				Height string `json:"height"`
				Hash   string `json:"hash"`
			} `json:"header"`
		} `json:"seqs"`
	}
	if err := json.Unmarshal(subs["headers-json"].last, &hs); err != nil {
		t.Fatal(err)
	}
	h := hs.Seqs[len(hs.Seqs)-1]
	hdr, _ := c.db.Header(4)
	if h.Num != "4" || h.Seq.Type != "1" || h.Seq.Hash != types.HexWith0x(hdr.Hash) || h.Header.Hash != h.Seq.Hash || h.Header.Height != "4" {
		t.Fatalf("header entry %+v", h)
	}
	// Progress: the receipt push acknowledged block 4 even though block 0
	// had nothing for it.
	poll.Until(t, 20*time.Second, "the receipt push recorded at 4", func() bool { n, _ := s.LastSeq("manage-receipts"); return n == 4 })
}

func TestSubscribeRules(t *testing.T) {
	c := newTestChain(t)
	c.commit(5)
	url := "http://127.0.0.1:1/"
	for _, v := range []struct {
		name string
		cfg  Config
		req  *types.PushSubscribeReq
		err  error
	}{
		{"push disabled", Config{Sequences: true}, &types.PushSubscribeReq{Name: "a", URL: url}, ErrPushNotSupport},
		{"no sequences", Config{Enabled: true}, &types.PushSubscribeReq{Name: "a", URL: url}, ErrRecordBlockSequence},
	} {
		s, err := New(v.cfg, storeChain{c.db}, c.db)
		if err != nil {
			t.Fatal(err)
		}
		if err := s.Subscribe(v.req); !errors.Is(err, v.err) {
			t.Errorf("%s: %v, want %v", v.name, err, v.err)
		}
	}
	s := newService(t, c, Config{MaxSubscribers: 2})
	if _, err := s.LastSeq("a"); !errors.Is(err, ErrPushNotSubscribed) {
		t.Fatalf("unknown name: %v", err)
	}
	hdr3, _ := c.db.Header(3)
	cases := []struct {
		name string
		req  *types.PushSubscribeReq
		err  error
	}{
		{"no name", &types.PushSubscribeReq{URL: url}, ErrInvalidParam},
		{"long name", &types.PushSubscribeReq{Name: string(make([]byte, 129)), URL: url}, ErrInvalidParam},
		{"no URL", &types.PushSubscribeReq{Name: "a"}, ErrInvalidParam},
		{"relative URL", &types.PushSubscribeReq{Name: "a", URL: "/push"}, ErrInvalidParam},
		{"other scheme", &types.PushSubscribeReq{Name: "a", URL: "ftp://x/"}, ErrInvalidParam},
		{"long URL", &types.PushSubscribeReq{Name: "a", URL: url + string(bytes.Repeat([]byte("x"), 1024))}, ErrInvalidParam},
		{"unknown type", &types.PushSubscribeReq{Name: "a", URL: url, Type: 5}, ErrInvalidParam},
		{"EVM events", &types.PushSubscribeReq{Name: "a", URL: url, Type: TypeEVMEvent}, types.ErrNotSupport},
		{"unknown encoding", &types.PushSubscribeReq{Name: "a", URL: url, Encode: "xml"}, ErrInvalidParam},
		{"part of a resume point", &types.PushSubscribeReq{Name: "a", URL: url, LastSequence: 3}, ErrInvalidParam},
		{"resume beyond the head", &types.PushSubscribeReq{Name: "a", URL: url, LastSequence: 9, LastHeight: 9, LastBlockHash: "0x00"}, ErrSequenceTooBig},
		{"resume point", &types.PushSubscribeReq{Name: "resumed", URL: url, LastSequence: 3, LastHeight: 3, LastBlockHash: types.HexWith0x(hdr3.Hash)}, nil},
		{"same again", &types.PushSubscribeReq{Name: "resumed", URL: url}, nil},
		{"other URL", &types.PushSubscribeReq{Name: "resumed", URL: url + "x"}, ErrNotAllowModifyPush},
		{"other type", &types.PushSubscribeReq{Name: "resumed", URL: url, Type: 1}, ErrNotAllowModifyPush},
		{"resume point of another chain", &types.PushSubscribeReq{Name: "fork", URL: url, LastSequence: 3, LastHeight: 3, LastBlockHash: "0x1234"}, nil},
		{"one too many", &types.PushSubscribeReq{Name: "third", URL: url}, ErrTooManySeqCB},
	}
	for _, v := range cases {
		if err := s.Subscribe(v.req); !errors.Is(err, v.err) {
			t.Errorf("%s: %v, want %v", v.name, err, v.err)
		}
	}
	if n, err := s.LastSeq("resumed"); err != nil || n != 3 {
		t.Fatalf("resumed at %d, %v; want after block 3", n, err)
	}
	if n, err := s.LastSeq("fork"); err != nil || n != -1 {
		t.Fatalf("unknown resume point: at %d, %v; want from genesis (as the reference)", n, err)
	}
}

// TestStream: a SubEvent stream gets the batches; a reconnection under the
// same name resumes after the last batch sent; a new stream takes over.
func TestStream(t *testing.T) {
	c := newTestChain(t)
	c.commit(12) // 0..12
	s := newService(t, c, Config{})
	var mu sync.Mutex
	var got []int64
	collect := func(d *types.PushData) error {
		mu.Lock()
		defer mu.Unlock()
		if d.Name != "ws" || d.GetHeaderSeqs() == nil {
			return fmt.Errorf("push data %v", d)
		}
		for _, s := range d.GetHeaderSeqs().Seqs {
			got = append(got, s.Num)
		}
		return nil
	}
	count := func() int { mu.Lock(); defer mu.Unlock(); return len(got) }
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error)
	go func() {
		done <- s.Stream(ctx, &types.ReqSubscribe{Name: "ws", Type: TypeBlockHeader, FromBlock: 2}, collect)
	}()
	poll.Until(t, 20*time.Second, "the first stream", func() bool { return count() == 10 }) // 3..12
	cancel()
	if err := <-done; !errors.Is(err, context.Canceled) {
		t.Fatalf("stream ended with %v", err)
	}
	c.commit(3)
	s.Notify()
	ctx2, cancel2 := context.WithCancel(context.Background())
	defer cancel2()
	go func() { done <- s.Stream(ctx2, &types.ReqSubscribe{Name: "ws", Type: TypeBlockHeader}, collect) }()
	poll.Until(t, 20*time.Second, "the reconnected stream", func() bool { return count() == 13 })
	mu.Lock()
	if !slices.Equal(got, seqRange(3, 15)) {
		t.Fatalf("streamed %v", got)
	}
	mu.Unlock()
	if err := s.Stream(ctx2, &types.ReqSubscribe{Name: "ws", Type: TypeBlock}, collect); !errors.Is(err, ErrNotAllowModifyPush) {
		t.Fatalf("same name, other type: %v", err)
	}
	// A third stream takes over from the second.
	go func() {
		done <- s.Stream(context.Background(), &types.ReqSubscribe{Name: "ws", Type: TypeBlockHeader}, collect)
	}()
	if err := <-done; err == nil || errors.Is(err, context.Canceled) {
		t.Fatalf("the replaced stream ended with %v", err)
	}
	s.Close()
	if err := <-done; err == nil {
		t.Fatal("the stream outlived the service")
	}
}
