// Package client is a chain33 JSON-RPC client, as the reference's
// rpc/jsonclient: one POST per call with {"method","params":[p],"id":0},
// the node's error string returned as the error text, and the scheme probe
// the reference CLI does before it talks to a node.
package client

import (
	"bytes"
	"crypto/tls"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"
)

// ErrEmpty is returned when a call succeeds with a null result (the
// reference's types.ErrEmpty).
var ErrEmpty = errors.New("ErrEmpty")

// DefaultTimeout bounds one call (connect, request and response).
const DefaultTimeout = 2 * time.Minute

// Client calls one node.
type Client struct {
	url  string
	http *http.Client
}

// New returns a client for url ("http://host:8801" or "https://..."). As the
// reference, TLS certificates are not verified.
func New(url string) *Client {
	return &Client{url: url, http: newHTTPClient(url, DefaultTimeout)}
}

func newHTTPClient(url string, timeout time.Duration) *http.Client {
	c := &http.Client{Timeout: timeout}
	if strings.Contains(url, "https") {
		c.Transport = &http.Transport{
			Proxy:           http.ProxyFromEnvironment,
			TLSClientConfig: &tls.Config{InsecureSkipVerify: true}, //nolint:gosec // as the reference CLI
		}
	}
	return c
}

// URL is the address the client posts to.
func (c *Client) URL() string { return c.url }

type request struct {
	Method string `json:"method"`
	Params [1]any `json:"params"`
	ID     uint64 `json:"id"`
}

type response struct {
	ID     uint64          `json:"id"`
	Result json.RawMessage `json:"result"`
	Error  any             `json:"error"`
}

// Call invokes method (e.g. "Chain33.IsSync") with params (nil sends
// [null]) and decodes the result into result with encoding/json (a
// *json.RawMessage receives it unchanged). An error member is returned as an
// error with exactly its text; a null result as ErrEmpty.
func (c *Client) Call(method string, params, result any) error {
	body, err := json.Marshal(&request{Method: method, Params: [1]any{params}})
	if err != nil {
		return err
	}
	resp, err := c.http.Post(c.url, "application/json", bytes.NewReader(body))
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		return err
	}
	var r response
	if err := json.Unmarshal(data, &r); err != nil {
		if resp.StatusCode != http.StatusOK {
			return fmt.Errorf("%s: HTTP %s", method, resp.Status)
		}
		return err
	}
	if r.Error != nil {
		s, ok := r.Error.(string)
		if !ok {
			return fmt.Errorf("invalid error %v", r.Error)
		}
		if s == "" {
			s = "unspecified error"
		}
		return errors.New(s)
	}
	if len(r.Result) == 0 || string(r.Result) == "null" {
		return ErrEmpty
	}
	if result == nil {
		return nil
	}
	return json.Unmarshal(r.Result, result)
}

// ProbeTimeout bounds the GET of Probe.
const ProbeTimeout = 5 * time.Second

// Probe is the reference CLI's TLS test: for an http:// address it does
// GET <url>/test and returns url unchanged on status 200, or the same
// address with https:// on any other status or a failure. Other addresses are
// returned unchanged.
func Probe(url string) string {
	if !strings.HasPrefix(url, "http://") {
		return url
	}
	test := url
	if !strings.HasSuffix(test, "/") {
		test += "/"
	}
	test += "test"
	resp, err := newHTTPClient(url, ProbeTimeout).Get(test)
	if err != nil {
		return "https://" + url[len("http://"):]
	}
	defer resp.Body.Close()
	_, _ = io.Copy(io.Discard, resp.Body)
	if resp.StatusCode == http.StatusOK {
		return url
	}
	return "https://" + url[len("http://"):]
}
