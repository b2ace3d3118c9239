package wal

import (
	"os"
	"path/filepath"
	"testing"
)

// Seed corpus: testdata/fuzz/FuzzSegment/ (intact, torn and corrupt
// segments), run by plain `go test`; `make fuzz` runs it briefly.

// FuzzSegment: whatever a segment file holds, Open either refuses the log
// or repairs the segment (a torn tail truncated, a corrupt one salvaged), and
// what it keeps is stable: opened again, the same records and no warnings;
// appended to, the new record follows them.
func FuzzSegment(f *testing.F) {
	f.Fuzz(func(t *testing.T, segment []byte) {
		dir := t.TempDir()
		if err := os.WriteFile(filepath.Join(dir, "00000000000000000001.wal"), segment, 0o600); err != nil {
			t.Fatal(err)
		}
		w, err := Open(dir)
		if err != nil {
			return
		}
		recs, err := w.Records(1)
		if err != nil {
			t.Fatalf("Records after Open: %v", err)
		}
		for _, r := range recs {
			if len(r) == 0 || len(r) > MaxRecordSize {
				t.Fatalf("record of %d bytes", len(r))
			}
		}
		mustClose(t, w)
		w = mustOpen(t, dir)
		if len(w.Warnings) != 0 {
			t.Fatalf("repaired segment reopened with warnings %v", w.Warnings)
		}
		checkRecords(t, w, 1, recs)
		mustAppend(t, w, 1, []byte("mnext"), true)
		mustClose(t, w)
		w = mustOpen(t, dir)
		defer w.Close()
		checkRecords(t, w, 1, append(recs, []byte("mnext")))
	})
}
