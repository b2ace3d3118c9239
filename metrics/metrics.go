// Package metrics serves values in the Prometheus text format. Values are
// read through callbacks when scraped, so nothing is kept twice.
package metrics

import (
	"fmt"
	"net"
	"net/http"
	"sort"
	"strconv"
	"sync"
	"time"
)

type kind string

const (
	gauge   kind = "gauge"
	counter kind = "counter"
)

type metric struct {
	name, help string
	kind       kind
	value      func() float64
}

// Registry holds the metrics a node exposes.
type Registry struct {
	mu      sync.Mutex
	metrics []metric
}

// Gauge registers a value that goes up and down.
func (r *Registry) Gauge(name, help string, value func() float64) { r.add(name, help, gauge, value) }

// Counter registers a value that only goes up.
func (r *Registry) Counter(name, help string, value func() float64) {
	r.add(name, help, counter, value)
}

func (r *Registry) add(name, help string, k kind, value func() float64) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.metrics = append(r.metrics, metric{name, help, k, value})
	sort.Slice(r.metrics, func(i, j int) bool { return r.metrics[i].name < r.metrics[j].name })
}

// ServeHTTP writes every metric in the text exposition format (0.0.4).
func (r *Registry) ServeHTTP(w http.ResponseWriter, _ *http.Request) {
	r.mu.Lock()
	ms := append([]metric(nil), r.metrics...)
	r.mu.Unlock()
	w.Header().Set("Content-Type", "text/plain; version=0.0.4")
	for _, m := range ms {
		fmt.Fprintf(w, "# HELP %s %s\n# TYPE %s %s\n%s %s\n", m.name, m.help, m.name, m.kind, m.name,
			strconv.FormatFloat(m.value(), 'g', -1, 64))
	}
}

// Serve exposes r at http://addr/metrics, and each of more at its path
// (the node's /health), until the returned server is closed; its Addr is
// the bound address.
func Serve(addr string, r *Registry, more map[string]http.Handler) (*http.Server, error) {
	l, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("metrics listen %s: %w", addr, err)
	}
	mux := http.NewServeMux()
	mux.Handle("/metrics", r)
	for path, h := range more {
		mux.Handle(path, h)
	}
	s := &http.Server{Addr: l.Addr().String(), Handler: mux, ReadHeaderTimeout: 5 * time.Second}
	go s.Serve(l)
	return s, nil
}
