package load

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"strings"
	"syscall"
	"time"
)

// RPC posts JSON-RPC requests over keep-alive connections. Compression is
// off: on loopback gzip only costs the node CPU.
type RPC struct {
	http *http.Client
}

// maxConnsPerNode bounds a client's connections to one node at half the
// node's default per-IP cap ([rpc] maxConnectionsPerIP, 2,048): a paced load
// keeps up to 4,096 requests in flight, and when one node lags they pile up
// on it; past the bound they wait in the client for a connection, as with
// any pooled HTTP client, instead of meeting the cap's 503.
const maxConnsPerNode = 1024

// NewRPC returns a client keeping up to conns idle connections per node,
// and opening at most min(conns, maxConnsPerNode).
func NewRPC(conns int, timeout time.Duration) *RPC {
	tr := &http.Transport{
		Proxy:               nil,
		DialContext:         (&net.Dialer{Timeout: 5 * time.Second, KeepAlive: 30 * time.Second}).DialContext,
		MaxIdleConns:        4 * conns,
		MaxIdleConnsPerHost: conns,
		MaxConnsPerHost:     min(conns, maxConnsPerNode),
		IdleConnTimeout:     90 * time.Second,
		DisableCompression:  true,
	}
	return &RPC{http: &http.Client{Transport: tr, Timeout: timeout}}
}

// NewRPCIdle returns a client that keeps at most idle connections a node
// idle and closes the others after their answer, as Go's default client
// does (two a host) when more requests are in flight.
func NewRPCIdle(idle int, timeout time.Duration) *RPC {
	return unpooled(&http.Transport{MaxIdleConnsPerHost: idle}, timeout)
}

// NewRPCConnEach returns a client that opens a new connection for each
// request and closes it after the answer, as clients without a connection
// pool do (and Go's default client beyond its two idle connections a host).
func NewRPCConnEach(timeout time.Duration) *RPC {
	return unpooled(&http.Transport{DisableKeepAlives: true}, timeout)
}

// unpooled completes a transport without NewRPC's connection cap: the
// clients above open as many connections as they have requests in flight.
func unpooled(tr *http.Transport, timeout time.Duration) *RPC {
	tr.DialContext = (&net.Dialer{Timeout: 5 * time.Second}).DialContext
	tr.DisableCompression = true
	return &RPC{http: &http.Client{Transport: tr, Timeout: timeout}}
}

// Close closes the connections kept idle: a case's client does not leave
// them open for the next case (a node caps connections per IP).
func (c *RPC) Close() { c.http.CloseIdleConnections() }

type rpcResponse struct {
	Result json.RawMessage `json:"result"`
	Error  any             `json:"error"`
}

// NodeError is an error returned by the node (the JSON-RPC error string).
type NodeError string

func (e NodeError) Error() string { return string(e) }

// HTTPError is an answer that is not JSON-RPC: an HTTP status other than 200
// and the first line of its body.
type HTTPError struct {
	Status int
	Body   string
}

func (e HTTPError) Error() string { return fmt.Sprintf("HTTP %d: %s", e.Status, e.Body) }

// Post sends a prepared request body and returns the result.
func (c *RPC) Post(url string, body []byte) (json.RawMessage, error) {
	resp, err := c.http.Post(url, "application/json", bytes.NewReader(body))
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		return nil, err
	}
	var r rpcResponse
	if err := json.Unmarshal(data, &r); err != nil {
		if resp.StatusCode != http.StatusOK { // a refusal before JSON-RPC: the per-IP connection cap's 503
			line, _, _ := strings.Cut(string(data), "\n")
			return nil, HTTPError{Status: resp.StatusCode, Body: line}
		}
		return nil, fmt.Errorf("HTTP %s: %v", resp.Status, err)
	}
	if r.Error != nil {
		s, _ := r.Error.(string)
		if s == "" {
			s = fmt.Sprint(r.Error)
		}
		return nil, NodeError(s)
	}
	return r.Result, nil
}

// Send posts a pre-signed transaction; nil means the node acknowledged it
// (answered with its hash).
func (c *RPC) Send(url string, it Item) error {
	res, err := c.Post(url, it.Body)
	if err != nil {
		return err
	}
	var h string
	if json.Unmarshal(res, &h) != nil || h != it.Hash {
		return NodeError("unexpected result " + string(res))
	}
	return nil
}

// Call invokes method with params and decodes the result into out (if not nil).
func (c *RPC) Call(url, method string, params, out any) error {
	body, err := json.Marshal(map[string]any{"method": method, "params": []any{params}, "id": 1})
	if err != nil {
		return err
	}
	res, err := c.Post(url, body)
	if err != nil {
		return err
	}
	if out == nil {
		return nil
	}
	if len(res) == 0 || string(res) == "null" {
		return errors.New("ErrEmpty")
	}
	return json.Unmarshal(res, out)
}

// ErrorClass names an error for counting: the node's error text, "HTTP <status>: <body>"
// for an answer that is not JSON-RPC, or
// "transport: <kind>" for connection failures.
func ErrorClass(err error) string {
	var he HTTPError
	if errors.As(err, &he) {
		return clip(he.Error(), 60)
	}
	var ne NodeError
	if errors.As(err, &ne) {
		return clip(string(ne), 60)
	}
	switch {
	case errors.Is(err, syscall.ECONNREFUSED):
		return "transport: connection refused"
	case errors.Is(err, syscall.ECONNRESET):
		return "transport: connection reset"
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return "transport: EOF"
	case errors.Is(err, os.ErrDeadlineExceeded), isTimeout(err):
		return "transport: timeout"
	case errors.Is(err, syscall.EADDRNOTAVAIL):
		return "transport: no local ports"
	}
	s := err.Error()
	if i := strings.LastIndex(s, ": "); i >= 0 {
		s = s[i+2:]
	}
	return "transport: " + clip(s, 40)
}

// clip cuts s to at most n bytes.
func clip(s string, n int) string { return s[:min(len(s), n)] }

func isTimeout(err error) bool {
	var t interface{ Timeout() bool }
	return errors.As(err, &t) && t.Timeout()
}

// Retryable reports whether a rejection is an overload signal worth
// retrying later: a full pool, a sender over its limit, a node that is busy
// or unreachable for a moment.
func Retryable(class string) bool {
	switch {
	case strings.Contains(class, "ErrMemFull"), strings.Contains(class, "ErrManyTx"),
		strings.Contains(class, "ErrNotSync"), strings.HasPrefix(class, "transport:"),
		strings.HasPrefix(class, "HTTP"):
		return true
	}
	return false
}
