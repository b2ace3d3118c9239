package store

import (
	"bufio"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// copyDir copies the regular files of a LevelDB directory. If tear is not
// nil it is applied to the copy of the newest journal (*.log).
func copyDir(t *testing.T, src, dst string, tear func([]byte) []byte) {
	t.Helper()
	ents, err := os.ReadDir(src)
	if err != nil {
		t.Fatal(err)
	}
	newest := ""
	for _, e := range ents {
		if strings.HasSuffix(e.Name(), ".log") && e.Name() > newest {
			newest = e.Name()
		}
	}
	if newest == "" {
		t.Fatal("no journal")
	}
	if err := os.MkdirAll(dst, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, e := range ents {
		if !e.Type().IsRegular() || e.Name() == "LOCK" {
			continue
		}
		b, err := os.ReadFile(filepath.Join(src, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		if e.Name() == newest && tear != nil {
			b = tear(b)
		}
		if err := os.WriteFile(filepath.Join(dst, e.Name()), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func journalSize(t *testing.T, dir string) int {
	t.Helper()
	n := 0
	copyDir(t, dir, t.TempDir(), func(b []byte) []byte { n = len(b); return b })
	return n
}

// TestCrashTornJournal simulates power loss during a commit: the synced
// journal is cut (or its tail zeroed) at many offsets, including offsets
// inside a block's batch, which spans several 32 KiB journal blocks. Every
// reopened copy must be at a complete block, and the more of the journal
// survives, the higher the head.
func TestCrashTornJournal(t *testing.T) {
	src := t.TempDir()
	db, err := Open(src)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	const blocks = 6
	want := commitChain(t, db, blocks, 300) // ~100 KiB per batch
	size := journalSize(t, src)

	tears := map[string]func(off int) func([]byte) []byte{
		"truncate": func(off int) func([]byte) []byte { return func(b []byte) []byte { return b[:off] } },
		"zero tail": func(off int) func([]byte) []byte {
			return func(b []byte) []byte { clear(b[off:]); return b }
		},
	}
	for name, tear := range tears {
		last := int64(-1)
		const steps = 40
		for i := 0; i <= steps; i++ {
			off := size * i / steps
			dst := filepath.Join(t.TempDir(), "db")
			copyDir(t, src, dst, tear(off))
			cdb, err := Open(dst)
			if err != nil {
				t.Fatalf("%s at %d/%d: open: %v", name, off, size, err)
			}
			h := checkConsistent(t, cdb)
			height := int64(-1)
			if _, ok := cdb.Head(); ok {
				height = h.Height
			}
			cdb.Close()
			if height < last {
				t.Fatalf("%s at %d: head %d below head %d of a shorter journal", name, off, height, last)
			}
			last = height
		}
		if last != want.Height {
			t.Fatalf("%s: full journal gives head %d, want %d", name, last, want.Height)
		}
	}
}

const crashEnv = "STORE_CRASH_CHILD_DIR"

// TestCrashKill kills a process that commits blocks in a loop (SIGKILL at a
// random moment, usually inside a write) and reopens its database: the head
// must be at a complete block with nothing of the next one, and later rounds
// continue from it.
func TestCrashKill(t *testing.T) {
	if dir := os.Getenv(crashEnv); dir != "" {
		crashChild(dir)
		return
	}
	if testing.Short() {
		t.Skip("spawns processes")
	}
	dir := t.TempDir()
	last := int64(-1)
	for round := range 4 {
		cmd, out := startChild(t, "TestCrashKill", crashEnv+"="+dir)
		// Wait until the child has committed a few blocks, then kill it
		// after a round-dependent delay: the delay only varies where in a
		// commit the kill lands; every outcome must be consistent.
		line, err := bufio.NewReader(out).ReadString('\n')
		if err != nil || !strings.HasPrefix(line, "committing") {
			cmd.Process.Kill()
			cmd.Wait()
			t.Fatalf("child: %q %v", line, err)
		}
		time.Sleep(time.Duration(7+13*round) * time.Millisecond)
		if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
			t.Fatal(err)
		}
		go io.Copy(io.Discard, out)
		cmd.Wait()

		db, err := Open(dir)
		if err != nil {
			t.Fatalf("round %d: reopen: %v", round, err)
		}
		h := checkConsistent(t, db)
		db.Close()
		if h.Height < last {
			t.Fatalf("round %d: head went back from %d to %d", round, last, h.Height)
		}
		t.Logf("round %d: killed at head %d", round, h.Height)
		last = h.Height
	}
}

// startChild runs this test binary's test in a child process with env
// added, and returns it with its standard output.
func startChild(t *testing.T, test, env string) (*exec.Cmd, io.Reader) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^"+test+"$")
	cmd.Env = append(os.Environ(), env)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	return cmd, out
}

func crashChild(dir string) {
	db, err := Open(dir)
	if err != nil {
		os.Stderr.WriteString(err.Error() + "\n")
		os.Exit(2)
	}
	for i := 0; ; i++ {
		if err := commitNext(db, 300); err != nil {
			os.Stderr.WriteString(err.Error() + "\n")
			os.Exit(2)
		}
		if i == 2 {
			os.Stdout.WriteString("committing\n")
		}
	}
}
