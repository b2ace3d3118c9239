package wal

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"

	"chain33node/disktest"
)

// record returns a deterministic record of varying length for index i.
func record(i int) []byte {
	return []byte(fmt.Sprintf("record %d %s", i, strings.Repeat("x", i*37%211)))
}

func mustOpen(t testing.TB, dir string) *WAL {
	t.Helper()
	w, err := Open(dir)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	return w
}

func mustAppend(t testing.TB, w *WAL, h int64, rec []byte, sync bool) {
	t.Helper()
	if err := w.Append(h, rec[0], rec[1:], sync); err != nil {
		t.Fatalf("Append(%d): %v", h, err)
	}
}

func mustClose(t testing.TB, w *WAL) {
	t.Helper()
	if err := w.Close(); err != nil {
		t.Fatalf("Close: %v", err)
	}
}

func checkRecords(t *testing.T, w *WAL, h int64, want [][]byte) {
	t.Helper()
	got, err := w.Records(h)
	if err != nil {
		t.Fatalf("Records(%d): %v", h, err)
	}
	if len(got) != len(want) {
		t.Fatalf("Records(%d): got %d records, want %d", h, len(got), len(want))
	}
	for i := range got {
		if !bytes.Equal(got[i], want[i]) {
			t.Fatalf("Records(%d)[%d] = %q, want %q", h, i, got[i], want[i])
		}
	}
}

func segPath(dir string, h int64) string {
	return filepath.Join(dir, fmt.Sprintf("%020d.wal", h))
}

func TestRoundTrip(t *testing.T) {
	dir := t.TempDir()
	w := mustOpen(t, dir)
	if h := w.LastHeight(); h != 0 {
		t.Fatalf("LastHeight of empty WAL = %d", h)
	}
	want := map[int64][][]byte{}
	n := 0
	for h := int64(1); h <= 4; h++ {
		for range 5 {
			rec := record(n)
			mustAppend(t, w, h, rec, n%2 == 0)
			want[h] = append(want[h], rec)
			n++
		}
		// Records sees records not yet synced.
		checkRecords(t, w, h, want[h])
	}
	mustClose(t, w)

	w = mustOpen(t, dir)
	defer w.Close()
	if h := w.LastHeight(); h != 4 {
		t.Fatalf("LastHeight = %d, want 4", h)
	}
	for h := int64(1); h <= 4; h++ {
		checkRecords(t, w, h, want[h])
	}
	// Appending to the last height after reopening continues its segment.
	mustAppend(t, w, 4, []byte("more"), true)
	checkRecords(t, w, 4, append(want[4], []byte("more")))
}

func TestRecordsMissingHeight(t *testing.T) {
	w := mustOpen(t, t.TempDir())
	defer w.Close()
	mustAppend(t, w, 3, []byte("a"), true)
	for _, h := range []int64{0, 1, 2, 4} {
		recs, err := w.Records(h)
		if err != nil || len(recs) != 0 {
			t.Fatalf("Records(%d) = %d records, %v; want none, nil", h, len(recs), err)
		}
	}
}

func TestUnsyncedSurviveClose(t *testing.T) {
	dir := t.TempDir()
	w := mustOpen(t, dir)
	var want [][]byte
	for i := range 10 {
		want = append(want, record(i))
		mustAppend(t, w, 7, record(i), false)
	}
	mustClose(t, w)
	w = mustOpen(t, dir)
	defer w.Close()
	checkRecords(t, w, 7, want)
}

func TestTornTail(t *testing.T) {
	const n = 5
	src := t.TempDir()
	w := mustOpen(t, src)
	var want [][]byte
	for i := range n {
		want = append(want, record(i+3))
		mustAppend(t, w, 1, want[i], true)
	}
	mustClose(t, w)
	full, err := os.ReadFile(segPath(src, 1))
	if err != nil {
		t.Fatal(err)
	}
	last := len(full) - headerSize - len(want[n-1]) // boundary before the last record

	for size := last; size < len(full); size++ {
		dir := t.TempDir()
		path := segPath(dir, 1)
		if err := os.WriteFile(path, full[:size], 0o600); err != nil {
			t.Fatal(err)
		}
		w := mustOpen(t, dir)
		checkRecords(t, w, 1, want[:n-1])
		if fi, err := os.Stat(path); err != nil || fi.Size() != int64(last) {
			t.Fatalf("size %d: segment not truncated to %d: %v %v", size, last, fi.Size(), err)
		}
		extra := []byte(fmt.Sprintf("after torn tail at %d", size))
		mustAppend(t, w, 1, extra, true)
		mustClose(t, w)

		w = mustOpen(t, dir)
		checkRecords(t, w, 1, append(clone(want[:n-1]), extra))
		mustClose(t, w)
	}
}

func clone(s [][]byte) [][]byte { return append([][]byte(nil), s...) }

func TestTrailingZeros(t *testing.T) {
	dir := t.TempDir()
	w := mustOpen(t, dir)
	want := [][]byte{record(1), record(2)}
	for _, r := range want {
		mustAppend(t, w, 2, r, true)
	}
	mustClose(t, w)
	f, err := os.OpenFile(segPath(dir, 2), os.O_WRONLY|os.O_APPEND, 0)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.Write(make([]byte, 4096)); err != nil {
		t.Fatal(err)
	}
	f.Close()

	w = mustOpen(t, dir)
	checkRecords(t, w, 2, want)
	mustAppend(t, w, 2, record(3), true)
	mustClose(t, w)
	w = mustOpen(t, dir)
	defer w.Close()
	checkRecords(t, w, 2, append(want, record(3)))
}

func TestCorruptMiddle(t *testing.T) {
	recs := [][]byte{record(10), record(11), record(12)}
	mid := headerSize + len(recs[0]) // offset of the middle record
	tests := []struct {
		name string
		bit  int // bit to flip, counted from the start of the middle record
	}{
		{"length high bit", 0},
		{"length low bit", 31},
		{"checksum", 40},
		{"data", 8*headerSize + 13},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			w := mustOpen(t, dir)
			for _, r := range recs {
				mustAppend(t, w, 5, r, true)
			}
			mustClose(t, w)
			path := segPath(dir, 5)
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			data[mid+tc.bit/8] ^= 0x80 >> (tc.bit % 8)
			if err := os.WriteFile(path, data, 0o600); err != nil {
				t.Fatal(err)
			}
			w, err = Open(dir)
			if err != nil {
				t.Fatalf("Open refused a corrupt segment: %v", err)
			}
			defer w.Close()
			if len(w.Warnings) != 1 || !strings.Contains(w.Warnings[0], ErrCorrupt.Error()) ||
				!strings.Contains(w.Warnings[0], path) || !strings.Contains(w.Warnings[0], fmt.Sprintf("offset %d", mid)) {
				t.Fatalf("warnings %q do not report the corruption in %s at offset %d", w.Warnings, path, mid)
			}
			if kept, err := os.ReadFile(path + ".corrupt"); err != nil || !bytes.Equal(kept, data) {
				t.Fatalf("damaged segment not kept: %v", err)
			}
			// The records before the damage survive; appends continue after them.
			got, err := w.Records(5)
			if err != nil || len(got) != 1 || !bytes.Equal(got[0], recs[0]) {
				t.Fatalf("after salvage: %d records, %v", len(got), err)
			}
			mustAppend(t, w, 5, recs[2], true)
			if got, _ := w.Records(5); len(got) != 2 {
				t.Fatalf("append after salvage: %d records", len(got))
			}
		})
	}
}

func TestPrune(t *testing.T) {
	dir := t.TempDir()
	w := mustOpen(t, dir)
	defer w.Close()
	for h := int64(1); h <= 5; h++ {
		mustAppend(t, w, h, record(int(h)), false)
	}
	if err := w.Prune(4); err != nil {
		t.Fatal(err)
	}
	for h := int64(1); h <= 5; h++ {
		_, err := os.Stat(segPath(dir, h))
		if exists := err == nil; exists != (h >= 4) {
			t.Fatalf("height %d: segment exists = %v after Prune(4)", h, exists)
		}
	}
	checkRecords(t, w, 5, [][]byte{record(5)})
	checkRecords(t, w, 4, [][]byte{record(4)})
	checkRecords(t, w, 3, nil)
	if h := w.LastHeight(); h != 5 {
		t.Fatalf("LastHeight = %d, want 5", h)
	}
	mustAppend(t, w, 5, record(6), true)
	checkRecords(t, w, 5, [][]byte{record(5), record(6)})
}

func TestAppendErrors(t *testing.T) {
	dir := t.TempDir()
	w := mustOpen(t, dir)
	mustAppend(t, w, 5, []byte("a"), true)
	if err := w.Append(4, 'b', nil, true); !errors.Is(err, ErrHeight) {
		t.Fatalf("Append to lower height: %v, want ErrHeight", err)
	}
	if err := w.Append(5, 'x', make([]byte, MaxRecordSize), true); !errors.Is(err, ErrRecordSize) {
		t.Fatalf("Append oversized record: %v, want ErrRecordSize", err)
	}
	mustAppend(t, w, 5, []byte("b"), false) // a record of the kind byte alone
	mustClose(t, w)
	if err := w.Append(5, 'c', nil, true); !errors.Is(err, ErrClosed) {
		t.Fatalf("Append after Close: %v, want ErrClosed", err)
	}

	w = mustOpen(t, dir)
	defer w.Close()
	if err := w.Append(4, 'b', nil, true); !errors.Is(err, ErrHeight) {
		t.Fatalf("Append to lower height after reopen: %v, want ErrHeight", err)
	}
	checkRecords(t, w, 5, [][]byte{[]byte("a"), []byte("b")})
}

// On a full disk an append fails and the log refuses appends (the state of
// the file is unknown); Recover fails while the disk is full, and once there
// is room it keeps the records synced before the failure, drops a torn
// frame, and appends again.
func TestRecoverAfterFullDisk(t *testing.T) {
	mnt := disktest.Mount(t, 1<<20)
	dir := filepath.Join(mnt, "wal")
	w := mustOpen(t, dir)
	defer w.Close()
	var want [][]byte
	for i := range 5 {
		rec := record(i)
		mustAppend(t, w, 1, rec, true)
		want = append(want, rec)
	}
	if err := w.Recover(); err != nil {
		t.Fatalf("Recover without a failure: %v", err)
	}
	free := disktest.Fill(t, mnt, 100)
	big := append([]byte{'m'}, bytes.Repeat([]byte("v"), 200<<10)...)
	err := w.Append(1, big[0], big[1:], true)
	if !errors.Is(err, syscall.ENOSPC) || !strings.Contains(err.Error(), dir) {
		t.Fatalf("append on a full disk: %v", err)
	}
	if err := w.Append(1, 'm', []byte("small"), true); err == nil {
		t.Fatal("append after a failed one accepted")
	}
	if err := w.Recover(); !errors.Is(err, syscall.ENOSPC) {
		t.Fatalf("Recover on a full disk: %v", err)
	}
	free()
	if err := w.Recover(); err != nil {
		t.Fatalf("Recover with room: %v", err)
	}
	checkRecords(t, w, 1, want) // the torn big frame is gone
	after := record(9)
	mustAppend(t, w, 1, after, true)
	mustAppend(t, w, 2, record(10), true)
	checkRecords(t, w, 1, append(want, after))
	mustClose(t, w)
	w = mustOpen(t, dir)
	if len(w.Warnings) != 0 {
		t.Fatalf("reopened with warnings %v", w.Warnings)
	}
	checkRecords(t, w, 1, append(want, after))
	checkRecords(t, w, 2, [][]byte{record(10)})
}

// A log that failed on a full disk needs no Recover once the disk has room:
// the next Append, Sync or Close checks the segment itself, and Close leaves
// no error of the past behind.
func TestRepairedDiskLeavesNoError(t *testing.T) {
	for _, next := range []string{"append", "close"} {
		t.Run(next, func(t *testing.T) {
			mnt := disktest.Mount(t, 1<<20)
			dir := filepath.Join(mnt, "wal")
			w := mustOpen(t, dir)
			mustAppend(t, w, 1, record(1), true)
			free := disktest.Fill(t, mnt, 100)
			big := append([]byte{'m'}, bytes.Repeat([]byte("v"), 200<<10)...)
			if err := w.Append(1, big[0], big[1:], true); !errors.Is(err, syscall.ENOSPC) {
				t.Fatalf("append on a full disk: %v", err)
			}
			if err := w.Sync(); !errors.Is(err, syscall.ENOSPC) {
				t.Fatalf("sync on a full disk: %v", err)
			}
			free()
			want := [][]byte{record(1)}
			if next == "append" {
				mustAppend(t, w, 1, record(2), true)
				want = append(want, record(2))
			}
			mustClose(t, w)
			w = mustOpen(t, dir)
			defer w.Close()
			if len(w.Warnings) != 0 {
				t.Fatalf("reopened with warnings %v", w.Warnings)
			}
			checkRecords(t, w, 1, want)
		})
	}
}

func TestConcurrentUse(t *testing.T) {
	w := mustOpen(t, t.TempDir())
	defer w.Close()
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Go(func() {
			for i := range 50 {
				rec := record(g*100 + i)
				if err := w.Append(1, rec[0], rec[1:], i%10 == 0); err != nil {
					t.Error(err)
					return
				}
				if _, err := w.Records(1); err != nil {
					t.Error(err)
					return
				}
				w.LastHeight()
			}
		})
	}
	wg.Wait()
	recs, err := w.Records(1)
	if err != nil || len(recs) != 200 {
		t.Fatalf("Records: %d records, %v; want 200", len(recs), err)
	}
}

const (
	killEnv       = "WAL_KILL_CHILD_DIR"
	killPerHeight = 100
	killAfter     = 350
)

// TestKillDurability re-executes the test binary as a child that appends
// records, each made durable by Append with sync=true or by Sync, and reports
// it. The parent kills it with SIGKILL and checks that every reported record
// is intact.
func TestKillDurability(t *testing.T) {
	if dir := os.Getenv(killEnv); dir != "" {
		killChild(dir)
		return
	}
	dir := t.TempDir()
	cmd := exec.Command(os.Args[0], "-test.run=^TestKillDurability$", "-test.count=1")
	cmd.Env = append(os.Environ(), killEnv+"="+dir)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	reported, killed := -1, false
	sc := bufio.NewScanner(out)
	for sc.Scan() {
		i, err := strconv.Atoi(sc.Text())
		if err != nil || i != reported+1 {
			cmd.Process.Kill()
			cmd.Wait()
			t.Fatalf("child printed %q after %d; stderr: %s", sc.Text(), reported, stderr.String())
		}
		reported = i
		if i >= killAfter && !killed {
			if err := cmd.Process.Kill(); err != nil {
				t.Fatal(err)
			}
			killed = true
		}
	}
	cmd.Wait()
	if !killed {
		t.Fatalf("child exited after %d records; stderr: %s", reported, stderr.String())
	}

	w := mustOpen(t, dir)
	defer w.Close()
	var all [][]byte
	for h := int64(1); h <= w.LastHeight(); h++ {
		recs, err := w.Records(h)
		if err != nil {
			t.Fatal(err)
		}
		all = append(all, recs...)
	}
	if len(all) <= reported {
		t.Fatalf("WAL holds %d records, child reported %d synced", len(all), reported+1)
	}
	for i, r := range all {
		if !bytes.Equal(r, record(i)) {
			t.Fatalf("record %d = %q, want %q", i, r, record(i))
		}
	}
	t.Logf("child reported %d records, WAL holds %d", reported+1, len(all))
}

func killChild(dir string) {
	w, err := Open(dir)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	for i := range 1_000_000 {
		rec := record(i)
		// Every other record is made durable by Sync rather than by Append.
		err := w.Append(int64(1+i/killPerHeight), rec[0], rec[1:], i%2 == 0)
		if err == nil && i%2 == 1 {
			err = w.Sync()
		}
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(2)
		}
		fmt.Fprintln(os.Stdout, i)
	}
	os.Exit(3)
}

func benchmarkAppend(b *testing.B, sync bool) {
	w := mustOpen(b, b.TempDir())
	defer w.Close()
	rec := bytes.Repeat([]byte{0xab}, 200)
	b.SetBytes(int64(len(rec)))
	for b.Loop() {
		if err := w.Append(1, rec[0], rec[1:], sync); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkAppendSync(b *testing.B)   { benchmarkAppend(b, true) }
func BenchmarkAppendNoSync(b *testing.B) { benchmarkAppend(b, false) }
