package cluster

import (
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"chain33node/poll"
)

func TestSetKey(t *testing.T) {
	f := filepath.Join(t.TempDir(), "chain.toml")
	os.WriteFile(f, []byte("[a]\nbindAddr=\"\"\nport=1\n[b]\nbindAddr=\"\"\nxbindAddr=1\n"), 0o644)
	if err := SetKey(f, "bindAddr", `"10.0.0.1"`); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(f)
	if want := "[a]\nbindAddr=\"10.0.0.1\"\nport=1\n[b]\nbindAddr=\"10.0.0.1\"\nxbindAddr=1\n"; string(b) != want {
		t.Fatalf("got\n%s", b)
	}
	if err := SetKey(f, "missing", "1"); err == nil {
		t.Fatal("a key the file lacks must be an error")
	}
}

// A stand-in node binary: exits 3 on SIGTERM, and says it started once it
// will.
const fakeNode = `#!/bin/sh
trap 'echo term; exit 3' TERM
echo started "$@"
while :; do sleep 0.05; done
`

func procState(pid int) string {
	b, _ := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	s := string(b)
	if i := strings.LastIndexByte(s, ')'); i >= 0 && i+2 < len(s) {
		return s[i+2 : i+3]
	}
	return ""
}

func TestNodeProcess(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "node"), []byte(fakeNode), 0o755); err != nil {
		t.Fatal(err)
	}
	n := &Node{Name: "n1", Dir: dir, Exec: Local}
	if err := n.Start(); err != nil {
		t.Fatal(err)
	}
	if err := n.Start(); err == nil {
		t.Fatal("started twice")
	}
	if !n.Running() || n.Pid() == 0 {
		t.Fatal("not running")
	}
	poll.Until(t, 10*time.Second, "the node's start line", func() bool { return strings.Contains(n.Output(1000), "started") })
	if exited, _ := n.Wait(0); exited {
		t.Fatal("exited")
	}
	if err := n.Signal(syscall.SIGSTOP); err != nil {
		t.Fatal(err)
	}
	poll.Until(t, 5*time.Second, "state T after SIGSTOP", func() bool { return procState(n.Pid()) == "T" })
	// Stop resumes a stopped node before SIGTERM, and reports an exit that
	// is not clean.
	err := n.Stop(5 * time.Second)
	if err == nil || !strings.Contains(err.Error(), "exit status 3") {
		t.Fatalf("Stop: %v", err)
	}
	if n.Running() || n.Pid() != 0 {
		t.Fatal("still running")
	}
	if out := n.Output(1000); !strings.Contains(out, "started -f chain.toml") || !strings.HasSuffix(out, "term") {
		t.Fatalf("output %q", out)
	}
	// Restart, then SIGKILL.
	if err := n.Start(); err != nil {
		t.Fatal(err)
	}
	if err := n.Kill(); err != nil {
		t.Fatal(err)
	}
	exited, werr := n.Wait(0)
	if !exited || werr == nil || !strings.Contains(werr.Error(), "killed") {
		t.Fatalf("after Kill: exited %v, %v", exited, werr)
	}
	if err := n.Signal(syscall.SIGCONT); err == nil {
		t.Fatal("signalled a dead node")
	}
}

func TestDisk(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("mounting needs root")
	}
	dir := filepath.Join(t.TempDir(), "datadir")
	if err := MountTmpfs(dir, 4<<20); err != nil {
		t.Fatal(err)
	}
	defer Unmount(dir)
	if m := Mounts(filepath.Dir(dir)); len(m) != 1 || m[0] != dir {
		t.Fatalf("mounts %v", m)
	}
	n, err := Fill(filepath.Join(dir, "fill"))
	if err != nil || n < 3<<20 || n > 4<<20 {
		t.Fatalf("filled %d: %v", n, err)
	}
	if err := os.WriteFile(filepath.Join(dir, "more"), make([]byte, 8192), 0o644); !errors.Is(err, syscall.ENOSPC) {
		t.Fatalf("write on a full disk: %v", err)
	}
	os.Remove(filepath.Join(dir, "fill"))
	os.Remove(filepath.Join(dir, "more"))
	if err := Remount(dir, true); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "x"), []byte("x"), 0o644); !errors.Is(err, syscall.EROFS) {
		t.Fatalf("write on a read-only disk: %v", err)
	}
	if err := Remount(dir, false); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "x"), []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := Unmount(dir); err != nil {
		t.Fatal(err)
	}
	if m := Mounts(filepath.Dir(dir)); len(m) != 0 {
		t.Fatalf("still mounted: %v", m)
	}
}
