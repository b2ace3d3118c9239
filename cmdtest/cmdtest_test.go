package cmdtest

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

func TestBuildOnceAndCleanup(t *testing.T) {
	if testing.Short() {
		t.Skip("runs go build")
	}
	defer Cleanup()
	cli := Path(t, "cli")
	st, err := os.Stat(cli)
	if err != nil || st.Mode().Perm()&0o100 == 0 {
		t.Fatalf("built cli: %v %v", st, err)
	}
	out, err := exec.Command(cli, "--help").CombinedOutput()
	if err != nil || !strings.Contains(string(out), "Usage:") {
		t.Fatalf("cli --help: %v %q", err, out)
	}
	// Built once: a second call finds the same file, unchanged.
	if again := Path(t, "cli"); again != cli {
		t.Fatalf("second Path %s, first %s", again, cli)
	}
	if st2, _ := os.Stat(cli); !st2.ModTime().Equal(st.ModTime()) {
		t.Fatal("cli built twice")
	}
	if _, err := Build("no-such-command"); err == nil || !strings.Contains(err.Error(), "no-such-command") {
		t.Fatalf("Build of a missing command: %v", err)
	}
	Cleanup()
	if _, err := os.Stat(filepath.Dir(cli)); !os.IsNotExist(err) {
		t.Fatalf("directory left after Cleanup: %v", err)
	}
}
