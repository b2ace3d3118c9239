package main

import (
	"bytes"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"chain33node/genesis"
)

func TestCheckKeyFile(t *testing.T) {
	dir := t.TempDir()
	paths, err := genesis.GenFile(dir, 1, "bls")
	if err != nil {
		t.Fatal(err)
	}
	key := paths[0]
	var logs bytes.Buffer
	log := slog.New(slog.NewTextHandler(&logs, nil))
	if err := checkKeyFile(key, false, log); err != nil {
		t.Errorf("0600 key: %v", err)
	}
	os.Chmod(key, 0o644)
	err = checkKeyFile(key, false, log)
	if err == nil || !strings.Contains(err.Error(), "run chmod 600 "+key) || !strings.Contains(err.Error(), "-allow-insecure-keys") {
		t.Errorf("world-readable key: %v", err)
	}
	if err := checkKeyFile(key, true, log); err != nil || !strings.Contains(logs.String(), "INSECURE") {
		t.Errorf("allowed: %v, log %q", err, logs.String())
	}
	if err := checkKeyFile(filepath.Join(dir, "none.json"), false, log); err != nil {
		t.Errorf("missing key (an observer): %v", err)
	}
}

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
