// Package poll waits, in tests, for something that other goroutines or processes bring about: a height
// committed, a message delivered, a file rotated. Tests wait with it instead of sleeping: they go on as soon
// as the condition holds and, when it never does, fail saying what they waited for. Only tests import it.
package poll

import (
	"errors"
	"testing"
	"time"
)

// maxInterval is the longest pause between two checks.
const maxInterval = 50 * time.Millisecond

// Until calls cond until it returns true; if within passes first, it fails t with what it waited for.
func Until(t testing.TB, within time.Duration, what string, cond func() bool) {
	t.Helper()
	notYet := errors.New("not yet")
	if Wait(within, func() error {
		if cond() {
			return nil
		}
		return notYet
	}) != nil {
		t.Fatalf("timed out after %v waiting for %s", within, what)
	}
}

// Wait calls check until it returns nil and returns nil, or returns check's last error once within has
// passed: callers that can say more than "not yet" (which node is behind, what a reply said) return it as
// the error and report it. Checks come often at first (1 ms apart, doubling up to 50 ms) but never take more
// than half the time: a check that runs a process or a request is not run back to back.
func Wait(within time.Duration, check func() error) error {
	deadline := time.Now().Add(within)
	pause := time.Millisecond
	for {
		began := time.Now()
		err := check()
		if err == nil {
			return nil
		}
		if began.After(deadline) {
			return err
		}
		time.Sleep(max(pause, time.Since(began)))
		pause = min(2*pause, maxInterval)
	}
}
