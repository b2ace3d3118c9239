package push

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"time"

	"chain33node/types"
)

// worker pushes one subscription.
type worker struct {
	s    *Service
	req  *types.PushSubscribeReq
	last int64 // last acknowledged sequence, -1: none

	wake  chan struct{} // a block committed
	retry chan struct{} // AddPushSubscribe again, or a stream attached
	stop  chan struct{}

	streams chan *stream // a SubEvent stream taking over delivery
}

func (s *Service) newWorker(req *types.PushSubscribeReq) *worker {
	return &worker{s: s, req: req, last: -1,
		wake: make(chan struct{}, 1), retry: make(chan struct{}, 1), stop: make(chan struct{}),
		streams: make(chan *stream, 1)}
}

// signal sets a wake-up flag without blocking.
func (w *worker) signal(c chan struct{}) {
	select {
	case c <- struct{}{}:
	default:
	}
}

// stopGrace is how long Close lets a POST under way finish.
var stopGrace = 5 * time.Second

// errNoStream is a stream subscription with no client connected.
var errNoStream = errors.New("no stream connected")

func (w *worker) loop() {
	backoff := time.Duration(0)
	failures := 0
	var st *stream
	next := w.last + 1
	for {
		select {
		case <-w.stop:
			st.end(errors.New("push stopped"))
			return
		case n := <-w.streams:
			st.end(errors.New("another stream took over the subscription"))
			st, backoff = n, 0
		default:
		}
		head := w.s.chain.Height()
		if next > head || backoff > 0 {
			if !w.wait(backoff, &st) {
				st.end(errors.New("push stopped"))
				return
			}
			backoff = 0
			continue
		}
		b, err := w.s.batch(w.req, next, head)
		if err != nil {
			// This node failed to read its own chain: not the subscriber's fault.
			w.s.log.Error("push: reading blocks failed", "name", w.req.Name, "from", next, "err", err)
			backoff = w.s.cfg.MaxBackoff
			continue
		}
		if b.msg != nil {
			if err := w.deliver(st, b); err != nil {
				if errors.Is(err, errNoStream) {
					st, backoff = nil, w.s.cfg.MaxBackoff // until a stream attaches
					continue
				}
				failures++
				backoff = min(w.s.cfg.MinBackoff<<min(failures-1, 16), w.s.cfg.MaxBackoff)
				if failures == 1 || failures%10 == 0 {
					w.s.log.Warn("push: subscriber did not acknowledge", "name", w.req.Name, "url", w.req.URL,
						"from", next, "failures", failures, "retryIn", backoff, "err", err)
				}
				if isStream(w.req) {
					st = nil
				}
				continue
			}
			if err := w.s.setLastSeq(w.req.Name, b.last); err != nil {
				w.s.log.Error("push: recording progress failed", "name", w.req.Name, "seq", b.last, "err", err)
				backoff = w.s.cfg.MaxBackoff
				continue // the batch goes again once the store writes
			}
			if failures > 0 {
				w.s.log.Info("push: subscriber acknowledges again", "name", w.req.Name, "seq", b.last, "after", failures)
			}
		}
		failures = 0
		w.last, next = b.last, b.last+1
	}
}

// wait waits for a new block or a retry signal, d at most if d > 0; false
// when the worker stops. A stream arriving meanwhile replaces st.
func (w *worker) wait(d time.Duration, st **stream) bool {
	var timer <-chan time.Time
	if d > 0 {
		t := time.NewTimer(d)
		defer t.Stop()
		timer = t.C
	}
	for {
		select {
		case <-w.stop:
			return false
		case <-w.wake:
			if d == 0 {
				return true
			}
		case <-w.retry:
			return true
		case n := <-w.streams:
			(*st).end(errors.New("another stream took over the subscription"))
			*st = n
			return true
		case <-timer:
			return true
		}
	}
}

// deliver sends a batch and returns nil once the subscriber acknowledged it.
func (w *worker) deliver(st *stream, b *batch) error {
	if isStream(w.req) {
		if st == nil {
			return errNoStream
		}
		return st.send(w.req.Name, b)
	}
	return w.post(b.encoded)
}

// post sends data gzip-compressed, as text/plain, and wants "ok" back.
func (w *worker) post(data []byte) error {
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	if _, err := zw.Write(data); err != nil {
		return err
	}
	if err := zw.Close(); err != nil {
		return err
	}
	// A POST under way when the service stops gets stopGrace to finish, so
	// that a batch the subscriber took is recorded as acknowledged rather
	// than sent again after a restart.
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go func() {
		select {
		case <-w.stop:
		case <-ctx.Done():
			return
		}
		t := time.NewTimer(stopGrace)
		defer t.Stop()
		select {
		case <-t.C:
			cancel()
		case <-ctx.Done():
		}
	}()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, w.req.URL, &buf)
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "text/plain")
	req.Header.Set("Content-Encoding", "gzip")
	resp, err := w.s.cfg.Client.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, 64))
	if err != nil {
		return err
	}
	if ack := strings.TrimSpace(string(body)); ack != "ok" && ack != "OK" {
		return fmt.Errorf("answered HTTP %d %q, not ok", resp.StatusCode, body)
	}
	return nil
}

func defaultClient() *http.Client {
	return &http.Client{
		Timeout: time.Minute,
		Transport: &http.Transport{
			Proxy:                 http.ProxyFromEnvironment,
			DialContext:           (&net.Dialer{Timeout: 30 * time.Second, KeepAlive: 30 * time.Second}).DialContext,
			TLSHandshakeTimeout:   10 * time.Second,
			ResponseHeaderTimeout: 10 * time.Second,
			ExpectContinueTimeout: time.Second,
			MaxIdleConnsPerHost:   2,
		},
	}
}
