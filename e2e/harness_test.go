package e2e

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"chain33node/cmdtest"
)

// Built once per test binary.
var binDir string

func TestMain(m *testing.M) {
	flag.Parse()
	if testing.Short() || os.Getenv("E2E_SKIP") != "" {
		os.Exit(0)
	}
	dir, err := cmdtest.Build("node", "cli")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	binDir = dir
	code := m.Run()
	cmdtest.Cleanup()
	os.Exit(code)
}

// repoRoot is the repository root (for chain.toml and scripts/).
func repoRoot(t *testing.T) string {
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	return filepath.Dir(wd)
}

// layout copies node, cli, chain.toml and genconfig.sh into a fresh directory.
func layout(t *testing.T) string {
	dir := t.TempDir()
	for _, f := range [][2]string{
		{filepath.Join(binDir, "node"), "node"}, {filepath.Join(binDir, "cli"), "cli"},
		{filepath.Join(repoRoot(t), "chain.toml"), "chain.toml"},
		{filepath.Join(repoRoot(t), "scripts", "genconfig.sh"), "genconfig.sh"},
	} {
		b, err := os.ReadFile(f[0])
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, f[1]), b, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// edit replaces lines starting with key= in a toml file (the first n matches; 0 = all).
func edit(t *testing.T, file, key, value string) {
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	re := regexp.MustCompile(`(?m)^` + regexp.QuoteMeta(key) + `=.*$`)
	if !re.Match(b) {
		t.Fatalf("%s: no line %s=", file, key)
	}
	b = re.ReplaceAll(b, []byte(key+"="+value))
	if err := os.WriteFile(file, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

// proc is a running node process.
type proc struct {
	cmd  *exec.Cmd
	dir  string
	out  bytes.Buffer
	done chan error
}

func startNode(t *testing.T, dir string) *proc {
	p := &proc{dir: dir, done: make(chan error, 1)}
	p.cmd = exec.Command("./node", "-f", "chain.toml")
	p.cmd.Dir = dir
	p.cmd.Stdout, p.cmd.Stderr = &p.out, &p.out
	if err := p.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { p.done <- p.cmd.Wait() }()
	t.Cleanup(func() { p.stop(t) })
	return p
}

// stop sends SIGTERM and waits for a clean exit.
func (p *proc) stop(t *testing.T) {
	if p.cmd.ProcessState != nil || p.cmd.Process == nil {
		return
	}
	p.cmd.Process.Signal(os.Interrupt)
	select {
	case err := <-p.done:
		if err != nil {
			t.Errorf("node in %s exited with %v:\n%s", p.dir, err, tail(p.out.String(), 2000))
		}
	case <-time.After(20 * time.Second):
		p.cmd.Process.Kill()
		t.Errorf("node in %s did not stop on SIGINT", p.dir)
	}
}

func tail(s string, n int) string {
	if len(s) > n {
		return s[len(s)-n:]
	}
	return s
}

// cli runs the cli binary from dir against rpc (host:port) and returns
// stdout, stderr and the exit code.
func cli(t *testing.T, dir, rpc string, args ...string) (string, string, int) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, "./cli", append([]string{"--rpc_laddr", "http://" + rpc}, args...)...)
	cmd.Dir = dir
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatalf("cli %v: %v", args, err)
	}
	return strings.TrimSpace(out.String()), strings.TrimSpace(errb.String()), code
}

// mustCLI runs cli and fails the test on a non-zero exit.
func mustCLI(t *testing.T, dir, rpc string, args ...string) string {
	t.Helper()
	out, errOut, code := cli(t, dir, rpc, args...)
	if code != 0 {
		t.Fatalf("cli %v: exit %d: %s %s", args, code, errOut, out)
	}
	return out
}

// runScript runs a command in dir and returns its combined output.
func runScript(t *testing.T, dir string, name string, args ...string) (string, error) {
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	out, err := cmd.CombinedOutput()
	return string(out), err
}
