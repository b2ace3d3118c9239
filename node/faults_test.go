package node

import (
	"errors"
	"log/slog"
	"path/filepath"
	"strings"
	"testing"

	"chain33node/consensus/qbft"
	"chain33node/consensus/wal"
	"chain33node/crypto"
	"chain33node/disktest"
	"chain33node/health"
	"chain33node/logtest"
)

// The consensus WAL and signer on a file system that fills up: their failed
// writes are the node's "wal" and "signer" disk faults (one ERROR line
// each, naming the file), and a write that succeeds again ends the fault.
func TestConsensusWriteFaultsReported(t *testing.T) {
	dir := disktest.Mount(t, 4<<20)
	log, logs := logtest.New(slog.LevelInfo)
	faults := health.NewFaults(log)
	open := func() faultWAL {
		w, err := wal.Open(filepath.Join(dir, "wal"))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { w.Close() })
		return faultWAL{w, faults}
	}
	w := open()
	fs, err := qbft.NewFileSigner(crypto.GenerateBLSKey(), filepath.Join(dir, "sign_state.json"))
	if err != nil {
		t.Fatal(err)
	}
	s := faultSigner{fs, faults}
	if err := w.Append(1, 1, []byte("vote"), true); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Sign(1, 0, 1, []byte("proposal")); err != nil {
		t.Fatal(err)
	}
	if f := faults.List(); len(f) != 0 {
		t.Fatalf("faults after good writes: %v", f)
	}

	free := disktest.Fill(t, dir, 0)
	big := []byte(strings.Repeat("x", 64<<10)) // past the buffer: the write reaches the file system
	for range 2 {
		if err := w.Append(1, 1, big, true); err == nil {
			t.Fatal("WAL append on a full file system succeeded")
		}
		if _, err := s.Sign(1, 0, 2, []byte("prevote")); err == nil {
			t.Fatal("signature with a full file system")
		}
	}
	got := map[string]string{}
	for _, f := range faults.List() {
		got[f.Component] = f.Err.Error()
	}
	for comp, file := range map[string]string{"wal": filepath.Join(dir, "wal"), "signer": dir} {
		if !strings.Contains(got[comp], file) || !strings.Contains(got[comp], "no space left on device") {
			t.Errorf("%s fault %q: want the file under %s and the cause", comp, got[comp], file)
		}
		if c := count(logs.Lines(), "disk fault: "+comp+" cannot write"); c != 1 {
			t.Errorf("%d ERROR lines for the %s fault, want 1:\n%s", c, comp, logs.String())
		}
	}

	free()
	if _, err := s.Sign(1, 0, 2, []byte("prevote")); err != nil {
		t.Fatalf("signing with room again: %v", err)
	}
	w = open() // the node reopens its WAL when it restarts
	if err := w.Append(2, 1, []byte("vote"), true); err != nil {
		t.Fatalf("WAL append with room again: %v", err)
	}
	if f := faults.List(); len(f) != 0 {
		t.Errorf("faults after writes succeeded again: %v", f)
	}
	for _, comp := range []string{"wal", "signer"} {
		if c := count(logs.Lines(), comp+" writes succeed again"); c != 1 {
			t.Errorf("%d lines for the end of the %s fault, want 1", c, comp)
		}
	}
	// Refusing to double-sign is no disk fault.
	if _, err := s.Sign(1, 0, 1, []byte("another proposal")); !errors.Is(err, qbft.ErrDoubleSign) {
		t.Fatalf("a conflicting proposal: %v, want ErrDoubleSign", err)
	}
	if f := faults.List(); len(f) != 0 {
		t.Errorf("a refused double-sign reported as a disk fault: %v", f)
	}
}
