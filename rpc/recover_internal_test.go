package rpc

import (
	"bytes"
	"context"
	"log/slog"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
)

type errorLog struct {
	mu   sync.Mutex
	msgs []string
}

func (h *errorLog) Enabled(_ context.Context, l slog.Level) bool { return l >= slog.LevelError }
func (h *errorLog) Handle(_ context.Context, r slog.Record) error {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.msgs = append(h.msgs, r.Message)
	return nil
}
func (h *errorLog) WithAttrs([]slog.Attr) slog.Handler { return h }
func (h *errorLog) WithGroup(string) slog.Handler      { return h }

// A panicking method is answered with an error and logged as one; the
// server keeps serving.
func TestMethodPanicRecovered(t *testing.T) {
	h := &errorLog{}
	s, err := NewServer(Settings{}, nil, slog.New(h))
	if err != nil {
		t.Fatal(err)
	}
	s.methods["Chain33.Boom"] = fn(func(*ReqNil) (any, error) { panic("boom") })
	for range 2 {
		req := httptest.NewRequest("POST", "/", bytes.NewBufferString(`{"id":1,"method":"Chain33.Boom","params":[]}`))
		req.RemoteAddr = "127.0.0.1:1"
		rec := httptest.NewRecorder()
		s.Handler().ServeHTTP(rec, req)
		if rec.Code != 200 || rec.Body.String() != `{"id":1,"result":null,"error":"rpc: internal error"}`+"\n" {
			t.Errorf("got %d %q", rec.Code, rec.Body.String())
		}
	}
	if len(h.msgs) != 2 || !strings.Contains(h.msgs[0], "panic") {
		t.Errorf("logged %v", h.msgs)
	}
}
