package logfile

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

func TestRotateAndPrune(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "logs", "node.log")
	l, err := Open(path, 1, 2, 0)
	if err != nil {
		t.Fatal(err)
	}
	line := bytes.Repeat([]byte("x"), 300<<10) // 300 KiB: 3 fit in 1 MiB
	for range 12 {
		if _, err := l.Write(line); err != nil {
			t.Fatal(err)
		}
	}
	l.Close()
	st, err := os.Stat(path)
	if err != nil || st.Size() > 1<<20 {
		t.Fatalf("current file: %v size %d", err, st.Size())
	}
	backups, _ := filepath.Glob(filepath.Join(dir, "logs", "node-*.log"))
	if len(backups) != 2 {
		t.Fatalf("%d backups, want 2 (maxBackups)", len(backups))
	}
	// Reopening appends.
	l, _ = Open(path, 1, 2, 0)
	l.Write([]byte("more\n"))
	l.Close()
	if st2, _ := os.Stat(path); st2.Size() != st.Size()+5 {
		t.Fatalf("reopen did not append: %d → %d", st.Size(), st2.Size())
	}
	if _, err := l.Write([]byte("x")); err == nil {
		t.Fatal("write after close accepted")
	}
}
