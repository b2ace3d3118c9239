// Package health keeps what a node knows about its own health: the disk
// faults of its parts (a store, WAL or signer that cannot write) and the
// HTTP endpoint that says whether the node is healthy and, if not, why.
//
// Parts report into a Faults through two calls, Set when a write fails and
// Clear when one succeeds again, so a part that must not import the node
// defines a two-method interface of its own:
//
//	type FaultReporter interface {
//		Set(component string, err error)
//		Clear(component string)
//	}
//
// The error should name the file and the cause (wrap the *os.PathError). A
// part that stops for good (resuming would not be safe) says so with an
// error that has a method Permanent() bool returning true: the log line and
// /health then say that only a restart resumes it.
package health

import (
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"sort"
	"sync"
	"syscall"
	"time"
)

// Faults is the set of a node's parts that cannot write to disk now. The
// first Set of a fault logs one ERROR line (the cause, which names the file,
// and what to do: Advice) and the Clear that ends it one INFO line with how long it
// lasted; Sets in between are the same fault going on and only update its
// cause. Safe for concurrent use.
type Faults struct {
	log *slog.Logger

	mu      sync.Mutex
	active  map[string]*Fault
	started int64
}

// Fault is a part that cannot write.
type Fault struct {
	Component string // "store", "wal", "signer"
	Err       error  // the last failure
	Since     time.Time
}

// NewFaults returns an empty set that logs to log.
func NewFaults(log *slog.Logger) *Faults {
	return &Faults{log: log, active: make(map[string]*Fault)}
}

// Set records that a write of component failed with err.
func (f *Faults) Set(component string, err error) {
	if err == nil {
		f.Clear(component)
		return
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if a := f.active[component]; a != nil {
		a.Err = err
		return
	}
	f.active[component] = &Fault{Component: component, Err: err, Since: time.Now()}
	f.started++
	f.log.Error("disk fault: "+component+" cannot write; "+Advice(err), "component", component, "err", err)
}

// Clear records that a write of component succeeded.
func (f *Faults) Clear(component string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	a := f.active[component]
	if a == nil {
		return
	}
	delete(f.active, component)
	f.log.Info(fmt.Sprintf("%s writes succeed again after %.1fs", component, time.Since(a.Since).Seconds()), "component", component)
}

// List returns the faults now, by component.
func (f *Faults) List() []Fault {
	f.mu.Lock()
	defer f.mu.Unlock()
	out := make([]Fault, 0, len(f.active))
	for _, a := range f.active {
		out = append(out, *a)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Component < out[j].Component })
	return out
}

// Started counts the faults that began since the node started.
func (f *Faults) Started() int64 {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.started
}

// DiskHint says what an operator does about a failed write or open.
func DiskHint(err error) string {
	switch {
	case errors.Is(err, syscall.ENOSPC), errors.Is(err, syscall.EDQUOT):
		return "free space on that file system"
	case errors.Is(err, syscall.EROFS):
		return "the file system is read-only: remount it read-write (if the kernel did it after an I/O error: check dmesg, stop the node, fsck, restart)"
	case errors.Is(err, syscall.EACCES), errors.Is(err, syscall.EPERM):
		return "give the user running the node write access"
	case errors.Is(err, syscall.EIO):
		return "the disk fails: check dmesg and the disk"
	}
	return "check the disk"
}

// Advice says what to do about a fault of a running node and whether it
// goes on by itself. An error with a method Permanent() bool that returns
// true (in its chain) is a part that stopped for good: only a restart
// resumes it.
func Advice(err error) string {
	var p interface{ Permanent() bool }
	if errors.As(err, &p) && p.Permanent() {
		return "stopped for good: restart the node once the disk is fixed"
	}
	return DiskHint(err) + "; the node goes on by itself once writes succeed"
}

// Report is the answer of the health endpoint.
type Report struct {
	Healthy bool     `json:"healthy"`
	Reasons []string `json:"reasons"` // why not; empty when healthy
}

// Handler answers GET /health with the reasons check gives: 200 and
// {"healthy":true,"reasons":[]} when there are none, 503 with them
// otherwise.
func Handler(check func() []string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			w.Header().Set("Allow", "GET, HEAD")
			http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
			return
		}
		rep := Report{Reasons: check()}
		if rep.Reasons == nil {
			rep.Reasons = []string{}
		}
		rep.Healthy = len(rep.Reasons) == 0
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Cache-Control", "no-store")
		if !rep.Healthy {
			w.WriteHeader(http.StatusServiceUnavailable)
		}
		json.NewEncoder(w).Encode(rep)
	})
}
