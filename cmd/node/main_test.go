package main

import (
	"syscall"
	"testing"
)

// The soft open-file limit ends at the hard limit.
func TestRaiseFileLimit(t *testing.T) {
	var r syscall.Rlimit
	if err := syscall.Getrlimit(syscall.RLIMIT_NOFILE, &r); err != nil {
		t.Skip(err)
	}
	defer syscall.Setrlimit(syscall.RLIMIT_NOFILE, &r)
	if r.Cur == r.Max && r.Max > 64 {
		low := r
		low.Cur = r.Max / 2
		if err := syscall.Setrlimit(syscall.RLIMIT_NOFILE, &low); err != nil {
			t.Skip(err)
		}
	}
	soft, hard, err := raiseFileLimit()
	if err != nil || soft != hard || hard != r.Max {
		t.Errorf("soft %d hard %d (was %d/%d): %v", soft, hard, r.Cur, r.Max, err)
	}
}
