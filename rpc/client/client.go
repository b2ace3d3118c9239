// Package client is a chain33 JSON-RPC client, as the reference's
// rpc/jsonclient: one POST per call with {"method","params":[p],"id":0},
// the node's error string returned as the error text, and the scheme probe
// the reference CLI does before it talks to a node.
package client

import (
	"bytes"
	"crypto/tls"
	"crypto/x509"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
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
	url   string
	token string
	http  *http.Client
}

// Options are what a client needs besides the node's URL.
type Options struct {
	// CAFile is a PEM file of the CA certificates that sign the node's TLS
	// certificate; "" skips verification, as the reference CLI does.
	CAFile string
	// Token is sent as "Authorization: Bearer <token>" (the node's token
	// scheme, package rpc/auth); "" sends none.
	Token string
}

// New returns a client for url ("http://host:8801" or "https://..."). As the
// reference, TLS certificates are not verified.
func New(url string) *Client {
	c, _ := NewWith(url, Options{}) // fails only on a CA file
	return c
}

// NewWith returns a client for url with o.
func NewWith(url string, o Options) (*Client, error) {
	hc, err := newHTTPClient(url, DefaultTimeout, o.CAFile)
	if err != nil {
		return nil, err
	}
	return &Client{url: url, token: o.Token, http: hc}, nil
}

func newHTTPClient(url string, timeout time.Duration, caFile string) (*http.Client, error) {
	c := &http.Client{Timeout: timeout}
	if strings.Contains(url, "https") {
		tc := &tls.Config{InsecureSkipVerify: true} //nolint:gosec // as the reference CLI, unless a CA is given
		if caFile != "" {
			pem, err := os.ReadFile(caFile)
			if err != nil {
				return nil, fmt.Errorf("CA file: %w", err)
			}
			pool := x509.NewCertPool()
			if !pool.AppendCertsFromPEM(pem) {
				return nil, fmt.Errorf("CA file %s: no PEM certificate in it", caFile)
			}
			tc = &tls.Config{RootCAs: pool}
		}
		c.Transport = &http.Transport{Proxy: http.ProxyFromEnvironment, TLSClientConfig: tc}
	}
	return c, nil
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
	req, err := http.NewRequest(http.MethodPost, c.url, bytes.NewReader(body))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	if c.token != "" {
		req.Header.Set("Authorization", "Bearer "+c.token)
	}
	resp, err := c.http.Do(req)
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
	hc, _ := newHTTPClient(url, ProbeTimeout, "") // plain http: no CA
	resp, err := hc.Get(test)
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
