package health

import (
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"syscall"
	"testing"

	"chain33node/logtest"
)

// A fault is logged once when it starts (ERROR, with the cause and what to
// do) and once when it ends (INFO, with its duration), however often the
// part reports it in between.
func TestFaultsLogOnce(t *testing.T) {
	log, buf := logtest.New(slog.LevelDebug)
	f := NewFaults(log)
	full := fmt.Errorf("store /data/chain: commit block 7: write /data/chain/000003.log: %w", syscall.ENOSPC)
	for range 5 {
		f.Set("store", full)
	}
	f.Clear("wal") // never faulty: nothing
	if got := f.List(); len(got) != 1 || got[0].Component != "store" || got[0].Err != full {
		t.Fatalf("faults %+v", got)
	}
	ro := fmt.Errorf("wal: %w", syscall.EROFS)
	f.Set("wal", ro)
	if got := f.List(); len(got) != 2 || got[1].Component != "wal" {
		t.Fatalf("faults %+v", got)
	}
	f.Clear("store")
	f.Clear("store")
	f.Set("wal", nil) // as Clear
	if got := f.List(); len(got) != 0 || f.Started() != 2 {
		t.Fatalf("faults %+v, started %d", got, f.Started())
	}
	lines := buf.Lines()
	if len(lines) != 4 {
		t.Fatalf("log:\n%s", buf.String())
	}
	for i, want := range []string{
		"level=ERROR msg=\"disk fault: store cannot write; free space on that file system",
		"level=ERROR msg=\"disk fault: wal cannot write; the file system is read-only",
		"level=INFO msg=\"store writes succeed again after",
		"level=INFO msg=\"wal writes succeed again after",
	} {
		if !strings.Contains(lines[i], want) {
			t.Errorf("line %d %q, want %q", i, lines[i], want)
		}
	}
	if !strings.Contains(lines[0], "/data/chain/000003.log") {
		t.Errorf("the error line does not name the file: %s", lines[0])
	}
}

func TestFaultsConcurrent(t *testing.T) {
	log, _ := logtest.New(slog.LevelInfo)
	f := NewFaults(log)
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			c := fmt.Sprint("part", i%2)
			for range 100 {
				f.Set(c, errors.New("x"))
				f.List()
				f.Clear(c)
			}
		}()
	}
	wg.Wait()
	if len(f.List()) != 0 {
		t.Fatal(f.List())
	}
}

func TestHandler(t *testing.T) {
	var reasons []string
	srv := httptest.NewServer(Handler(func() []string { return reasons }))
	defer srv.Close()
	get := func() (int, Report) {
		resp, err := http.Get(srv.URL)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var r Report
		if err := json.NewDecoder(resp.Body).Decode(&r); err != nil {
			t.Fatal(err)
		}
		return resp.StatusCode, r
	}
	if code, r := get(); code != 200 || !r.Healthy || r.Reasons == nil || len(r.Reasons) != 0 {
		t.Fatalf("healthy: %d %+v", code, r)
	}
	reasons = []string{"not in sync", "disk fault: store"}
	if code, r := get(); code != 503 || r.Healthy || len(r.Reasons) != 2 || r.Reasons[1] != "disk fault: store" {
		t.Fatalf("unhealthy: %d %+v", code, r)
	}
	resp, err := http.Post(srv.URL, "text/plain", nil)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusMethodNotAllowed {
		t.Fatalf("POST: %d", resp.StatusCode)
	}
}

type permanent struct{ error }

func (permanent) Permanent() bool { return true }

func TestAdvice(t *testing.T) {
	for _, tc := range []struct {
		err  error
		want string
	}{
		{fmt.Errorf("write x: %w", syscall.ENOSPC), "free space on that file system; the node goes on by itself"},
		{fmt.Errorf("write x: %w", syscall.EDQUOT), "free space"},
		{fmt.Errorf("open x: %w", syscall.EROFS), "remount it read-write"},
		{fmt.Errorf("open x: %w", syscall.EACCES), "write access"},
		{fmt.Errorf("write x: %w", syscall.EIO), "check dmesg"},
		{errors.New("odd"), "check the disk"},
		{fmt.Errorf("store: %w", permanent{fmt.Errorf("x: %w", syscall.ENOSPC)}), "stopped for good: restart the node"},
	} {
		if got := Advice(tc.err); !strings.Contains(got, tc.want) {
			t.Errorf("Advice(%v) = %q, want %q", tc.err, got, tc.want)
		}
	}
}
