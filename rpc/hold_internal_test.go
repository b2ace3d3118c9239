package rpc

import (
	"bufio"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"chain33node/types"

	"google.golang.org/protobuf/proto"
)

// poolBackend admits every transaction, or refuses it as a mempool without
// room does, per full.
type poolBackend struct {
	Backend
	commits *CommitWaiters
	full    atomic.Bool
}

func (b *poolBackend) Submit(*types.Tx) error {
	if b.full.Load() {
		return types.ErrMemFull
	}
	return nil
}

func (b *poolBackend) Commits() *CommitWaiters { return b.commits }

// holdServer serves b with held slots for at most heldSlots connections;
// each dial opens a keep-alive connection to it and returns a function that
// posts a SendTransaction on it.
func holdServer(t *testing.T, b *poolBackend, heldSlots int) (dial func() (send func() (*http.Response, string))) {
	t.Helper()
	s, err := NewServer(Settings{}, b, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	s.held = make(chan struct{}, heldSlots)
	ts := httptest.NewServer(s.Handler())
	t.Cleanup(ts.Close)
	raw, _ := proto.Marshal(&types.Transaction{Execer: []byte("coins"), Nonce: 1})
	body := fmt.Sprintf(`{"jsonrpc":"2.0","id":1,"method":"Chain33.SendTransaction","params":[{"data":"%x"}]}`, raw)
	return func() func() (*http.Response, string) {
		c, err := net.Dial("tcp", ts.Listener.Addr().String())
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { c.Close() })
		c.SetDeadline(time.Now().Add(10 * time.Second)) // a hold that is not released fails the test here
		r := bufio.NewReader(c)
		return func() (*http.Response, string) {
			t.Helper()
			if _, err := fmt.Fprintf(c, "POST / HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n%s", len(body), body); err != nil {
				t.Fatal(err)
			}
			resp, err := http.ReadResponse(r, nil)
			if err != nil {
				t.Fatal(err)
			}
			b, err := io.ReadAll(resp.Body)
			if err != nil {
				t.Fatal(err)
			}
			return resp, string(b)
		}
	}
}

// A SendTransaction refused for lack of room is answered at once, with its
// length (not chunked), and its connection reads the next request only when
// the next block commits.
func TestRefusedConnectionHeldUntilCommit(t *testing.T) {
	defer func(d time.Duration, f func()) { refusedHold, holdStarted = d, f }(refusedHold, holdStarted)
	refusedHold = 30 * time.Second // past the connection's deadline: only a commit releases it in time
	held := make(chan struct{}, 1)
	holdStarted = func() { held <- struct{}{} }
	b := &poolBackend{commits: NewCommitWaiters()}
	b.full.Store(true)
	send := holdServer(t, b, maxHeld)()

	resp, body := send() // answered while the handler holds the connection
	if !strings.Contains(body, `"error":"ErrMemFull"`) {
		t.Fatalf("refused: %s", body)
	}
	if resp.ContentLength != int64(len(body)) || len(resp.TransferEncoding) > 0 {
		t.Errorf("refusal sent with length %d, transfer encoding %v; want length %d", resp.ContentLength, resp.TransferEncoding, len(body))
	}
	select {
	case <-held:
	case <-time.After(5 * time.Second):
		t.Fatal("the refused request's connection was not held")
	}

	b.full.Store(false)
	b.commits.Committed(nil)
	if _, body := send(); !strings.Contains(body, `"error":null`) {
		t.Fatalf("after the commit: %s", body)
	}
}

// An admitted transaction's connection is not held: requests follow one
// another without a commit.
func TestAdmittedConnectionNotHeld(t *testing.T) {
	defer func(d time.Duration, f func()) { refusedHold, holdStarted = d, f }(refusedHold, holdStarted)
	refusedHold = 30 * time.Second
	holdStarted = func() { t.Error("an admitted request's connection was held") }
	send := holdServer(t, &poolBackend{commits: NewCommitWaiters()}, maxHeld)()
	for i := range 3 {
		if _, body := send(); !strings.Contains(body, `"error":null`) {
			t.Fatalf("request %d: %s", i, body)
		}
	}
}

// Past maxHeld held connections, a refusal is answered without a hold: with
// one slot, the first refused connection is held and the second, refused
// while the first waits, sends its next request without a commit.
func TestHeldConnectionsBounded(t *testing.T) {
	defer func(d time.Duration, f func()) { refusedHold, holdStarted = d, f }(refusedHold, holdStarted)
	refusedHold = 30 * time.Second
	held := make(chan struct{}, 2)
	holdStarted = func() { held <- struct{}{} }
	b := &poolBackend{commits: NewCommitWaiters()}
	b.full.Store(true)
	dial := holdServer(t, b, 1)

	first, second := dial(), dial()
	first()
	select {
	case <-held:
	case <-time.After(5 * time.Second):
		t.Fatal("the first refused connection was not held")
	}
	for i := range 2 { // the second connection is not held: its next request is served at once
		if _, body := second(); !strings.Contains(body, `"error":"ErrMemFull"`) {
			t.Fatalf("second connection, request %d: %s", i, body)
		}
	}
	if len(held) > 0 {
		t.Error("a second connection was held past the bound")
	}
	b.full.Store(false)
	b.commits.Committed(nil)
	if _, body := first(); !strings.Contains(body, `"error":null`) {
		t.Fatalf("first connection after the commit: %s", body)
	}
}

// A refused request from a churning IP, answered with Connection: close
// (Churn), is not held: the node is to close the connection first.
func TestChurningConnectionNotHeld(t *testing.T) {
	defer func(d time.Duration, f func()) { refusedHold, holdStarted = d, f }(refusedHold, holdStarted)
	refusedHold = 30 * time.Second
	holdStarted = func() { t.Error("a churning IP's refused request was held") }
	b := &poolBackend{commits: NewCommitWaiters()}
	b.full.Store(true)
	s, err := NewServer(Settings{Whitelist: []string{"*"}}, b, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	ip := netip.MustParseAddr("10.0.0.1")
	for range churnCloses {
		s.guard.open(ip)
		s.guard.close(ip, time.Millisecond)
	}
	raw, _ := proto.Marshal(&types.Transaction{Execer: []byte("coins"), Nonce: 1})
	req := httptest.NewRequest("POST", "/", strings.NewReader(fmt.Sprintf(`{"jsonrpc":"2.0","id":1,"method":"Chain33.SendTransaction","params":[{"data":"%x"}]}`, raw)))
	req.RemoteAddr = "10.0.0.1:5000"
	rec := httptest.NewRecorder()
	s.Handler().ServeHTTP(rec, req)
	if !strings.Contains(rec.Body.String(), `"error":"ErrMemFull"`) || rec.Header().Get("Connection") != "close" {
		t.Fatalf("answered %q with Connection %q; want ErrMemFull and close", rec.Body.String(), rec.Header().Get("Connection"))
	}
}
