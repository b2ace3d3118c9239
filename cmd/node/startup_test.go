package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"chain33node/cmdtest"
	"chain33node/genesis"
	"chain33node/lab/cluster"
	"chain33node/loopback"
	"chain33node/poll"
	"chain33node/types"
)

// Every way `node -f chain.toml` can fail to start, run with the real
// binary: exit status 1, one line on stderr that names the file, key or
// path and what to do, no panic, and the datadir exactly as it was.

func TestMain(m *testing.M) {
	code := m.Run()
	cmdtest.Cleanup()
	os.Exit(code)
}

// nodeDir is one validator's directory: chain.toml, genesis.json,
// priv_validator.json and datadir/.
type nodeDir struct {
	dir                               string
	ip                                string // every listener's, of its own (loopback.IP)
	jrpc, grpc, gossip, qbft, metrics int
	datadir                           string   // -datadir, if given
	flags                             []string // more flags
}

func (d *nodeDir) path(p string) string { return filepath.Join(d.dir, p) }

func (d *nodeDir) args() []string {
	args := []string{"-f", d.path("chain.toml")}
	if d.datadir != "" {
		args = append(args, "-datadir", d.datadir)
	}
	return append(args, d.flags...)
}

// addr is "ip:port" of one of d's listeners.
func (d *nodeDir) addr(port int) string { return fmt.Sprintf("%s:%d", d.ip, port) }

// writeConfig writes chain.toml with fixed ports on an IP of its own and
// extra appended (TOML tables of its own).
func (d *nodeDir) writeConfig(t *testing.T, extra string) {
	t.Helper()
	d.ip = loopback.IP()
	d.jrpc, d.grpc, d.gossip, d.qbft, d.metrics = 28801, 28802, 23802, 23001, 29100
	toml := fmt.Sprintf(`[blockchain]
singleMode=true
[p2p.sub.gossip]
bindAddr="%s"
port=%d
[rpc]
jrpcBindAddr="%s"
grpcBindAddr="%s"
[consensus]
minerstart=true
[consensus.sub.qbft]
bindAddr="%s"
port=%d
validatorNodes=["%s"]
[metrics]
listenAddr="%s"
%s`, d.ip, d.gossip, d.addr(d.jrpc), d.addr(d.grpc), d.ip, d.qbft, d.addr(d.qbft), d.addr(d.metrics), extra)
	if err := os.WriteFile(d.path("chain.toml"), []byte(toml), 0o644); err != nil {
		t.Fatal(err)
	}
}

// newNodeDir lays out a one-validator chain (as genconfig.sh for one IP).
func newNodeDir(t *testing.T) *nodeDir {
	t.Helper()
	d := &nodeDir{dir: t.TempDir()}
	if _, err := genesis.GenFile(d.dir, 1, "bls"); err != nil {
		t.Fatal(err)
	}
	for from, to := range map[string]string{"priv_validator_0.json": "priv_validator.json", genesis.GenesisFileName: "genesis.json"} {
		if err := os.Rename(d.path(from), d.path(to)); err != nil {
			t.Fatal(err)
		}
	}
	d.writeConfig(t, "")
	return d
}

// start runs the node in d (with args) until it has committed a block.
func (d *nodeDir) start(t *testing.T) *exec.Cmd {
	t.Helper()
	cmd := exec.Command(cmdtest.Path(t, "node"), d.args()...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	err := poll.Wait(30*time.Second, func() error {
		resp, err := http.Get("http://" + d.addr(d.metrics) + "/metrics")
		if err != nil {
			return err
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if m := regexp.MustCompile(`(?m)^chain33_height (\d+)`).FindSubmatch(body); m == nil || string(m[1]) == "0" {
			return fmt.Errorf("chain33_height %q", m)
		}
		return nil
	})
	if err != nil {
		cmd.Process.Kill()
		cmd.Wait()
		t.Fatalf("node did not commit a block (%v):\n%s", err, stderr.String())
	}
	return cmd
}

func stop(t *testing.T, cmd *exec.Cmd) {
	t.Helper()
	cmd.Process.Signal(syscall.SIGCONT)
	cmd.Process.Signal(syscall.SIGTERM)
	if err := cmd.Wait(); err != nil {
		t.Errorf("node exit: %v", err)
	}
}

// seeded is a node directory whose datadir holds a chain (made once).
var (
	seedOnce sync.Once
	seedDir  string
)

func seeded(t *testing.T) *nodeDir {
	t.Helper()
	seedOnce.Do(func() {
		d := newNodeDir(t)
		stop(t, d.start(t))
		dir, err := os.MkdirTemp("", "seeded")
		if err != nil {
			t.Fatal(err)
		}
		copyTree(t, d.dir, dir)
		seedDir = dir
	})
	if seedDir == "" {
		t.Fatal("no seeded node directory")
	}
	d := &nodeDir{dir: t.TempDir()}
	copyTree(t, seedDir, d.dir)
	d.writeConfig(t, "")
	return d
}

func copyTree(t *testing.T, from, to string) {
	t.Helper()
	err := filepath.WalkDir(from, func(p string, e fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(from, p)
		target := filepath.Join(to, rel)
		info, err := e.Info()
		if err != nil {
			return err
		}
		if e.IsDir() {
			return os.MkdirAll(target, info.Mode().Perm())
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(target, b, info.Mode().Perm())
	})
	if err != nil {
		t.Fatal(err)
	}
}

// treeHash hashes the names, modes and contents under dir.
func treeHash(t *testing.T, dir string) string {
	t.Helper()
	h, err := cluster.TreeHash(dir)
	if err != nil {
		t.Fatal(err)
	}
	return h
}

// failStart runs the node in d and checks a clean failure whose line holds
// every one of want.
func failStart(t *testing.T, d *nodeDir, want []string) {
	t.Helper()
	datadir := d.datadir
	if datadir == "" {
		datadir = d.path("datadir")
	}
	before := treeHash(t, datadir)
	cmd := exec.Command(cmdtest.Path(t, "node"), d.args()...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	done := make(chan error, 1)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { done <- cmd.Wait() }()
	select {
	case <-done:
	case <-time.After(30 * time.Second):
		cmd.Process.Kill()
		<-done
		t.Fatalf("the node started (or hung) instead of failing:\n%s", stderr.String())
	}
	if code := cmd.ProcessState.ExitCode(); code != 1 {
		t.Errorf("exit status %d, want 1", code)
	}
	out := stderr.String()
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if len(lines) != 1 || !strings.HasPrefix(lines[0], "node: ") {
		t.Errorf("stderr is not one line starting \"node: \":\n%s", out)
	}
	for _, bad := range []string{"panic", "goroutine "} {
		if strings.Contains(out, bad) {
			t.Errorf("stderr has %q:\n%s", bad, out)
		}
	}
	for _, w := range want {
		if !strings.Contains(out, w) {
			t.Errorf("stderr does not say %q:\n%s", w, out)
		}
	}
	if after := treeHash(t, datadir); after != before {
		t.Errorf("the datadir changed")
	}
	t.Logf("%s", strings.TrimSpace(out))
}

func editJSON(t *testing.T, path string, edit func(map[string]any)) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var v map[string]any
	if err := json.Unmarshal(b, &v); err != nil {
		t.Fatal(err)
	}
	edit(v)
	if b, err = json.Marshal(v); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
}

func TestStartFailures(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the node binary")
	}
	write := func(name, content string) func(*testing.T, *nodeDir) {
		return func(t *testing.T, d *nodeDir) {
			if err := os.WriteFile(d.path(name), []byte(content), 0o600); err != nil {
				t.Fatal(err)
			}
		}
	}
	for _, tc := range []struct {
		name  string
		setup func(*testing.T, *nodeDir)
		want  []string
	}{
		{"corrupt genesis.json", write("genesis.json", `{"chain_id": "x", `),
			[]string{"genesis.json", "copy the chain's genesis.json"}},
		{"missing genesis.json", func(t *testing.T, d *nodeDir) { os.Remove(d.path("genesis.json")) },
			[]string{"genesis.json", "[consensus.sub.qbft] genesisFile", "not found"}},
		{"bad genesis key", func(t *testing.T, d *nodeDir) {
			editJSON(t, d.path("genesis.json"), func(v map[string]any) {
				v["validators"].([]any)[0].(map[string]any)["pub_key"].(map[string]any)["data"] = strings.Repeat("AB", 48)
			})
		}, []string{"genesis.json", "validators[0].pub_key.data", "copy the chain's genesis.json"}},
		{"genesis power past the cap", func(t *testing.T, d *nodeDir) {
			editJSON(t, d.path("genesis.json"), func(v map[string]any) {
				v["validators"].([]any)[0].(map[string]any)["power"] = int64(types.MaxTotalVotingPower) + 1
			})
		}, []string{"genesis.json", "validators[0].power", "MaxTotalVotingPower = 1152921504606846975"}},
		{"genesis of another chain", func(t *testing.T, d *nodeDir) {
			other := t.TempDir()
			if _, err := genesis.GenFile(other, 1, "bls"); err != nil {
				t.Fatal(err)
			}
			copyTree(t, other, d.dir)
			os.Rename(d.path("priv_validator_0.json"), d.path("priv_validator.json"))
			os.Rename(d.path(genesis.GenesisFileName), d.path("genesis.json"))
		}, []string{"datadir/chain", "holds another chain", "move it away"}},
		{"bad genesis address", func(t *testing.T, d *nodeDir) {
			b, _ := os.ReadFile(d.path("chain.toml"))
			b = bytes.Replace(b, []byte("[consensus]\n"), []byte("[consensus]\ngenesis=\"1NotAnAddress\"\n"), 1)
			os.WriteFile(d.path("chain.toml"), b, 0o644)
		}, []string{"chain.toml:10: [consensus] genesis", "1NotAnAddress", "genesis account"}},
		{"missing priv_validator.json", func(t *testing.T, d *nodeDir) { os.Remove(d.path("priv_validator.json")) },
			[]string{"priv_validator.json", "[consensus.sub.qbft] privFile", "not found", "minerstart=false"}},
		{"unreadable priv_validator.json", func(t *testing.T, d *nodeDir) {
			if os.Geteuid() == 0 { // root reads any file: a directory cannot be read as one
				os.Remove(d.path("priv_validator.json"))
				os.Mkdir(d.path("priv_validator.json"), 0o700)
			} else {
				os.Chmod(d.path("priv_validator.json"), 0)
			}
		}, []string{"priv_validator.json", "cannot be read"}},
		{"corrupt priv_validator.json", write("priv_validator.json", `{"address":`),
			[]string{"priv_validator.json", "restore this validator's key"}},
		{"priv_validator.json readable by others", func(t *testing.T, d *nodeDir) { os.Chmod(d.path("priv_validator.json"), 0o644) },
			[]string{"priv_validator.json", "chmod 600", "-allow-insecure-keys"}},
		{"p2p node_key readable by others", func(t *testing.T, d *nodeDir) { os.Chmod(d.path("datadir/p2p/node_key"), 0o640) },
			[]string{"datadir/p2p/node_key", "chmod 600"}},
		{"corrupt consensus node_key", write("datadir/qbft/node_key", "garbage"),
			[]string{"datadir/qbft/node_key", "corrupt", "restore it or delete it"}},
		{"corrupt sign_state.json", write("datadir/qbft/sign_state.json", "{"),
			[]string{"sign_state.json", "restore it from a backup"}},
		{"log file not writable", func(t *testing.T, d *nodeDir) {
			os.RemoveAll(d.path("logs"))
			os.WriteFile(d.path("logs"), nil, 0o644) // [log] logFile is logs/node.log
		}, []string{"[log] logFile", "logs", "set logFile elsewhere"}},
		{"bad TOML", func(t *testing.T, d *nodeDir) {
			f, _ := os.OpenFile(d.path("chain.toml"), os.O_APPEND|os.O_WRONLY, 0)
			f.WriteString("[rpc\n")
			f.Close()
		}, []string{"chain.toml:", "syntax error"}},
		{"unknown whitelist entry", func(t *testing.T, d *nodeDir) {
			b, _ := os.ReadFile(d.path("chain.toml"))
			b = bytes.Replace(b, []byte("[rpc]\n"), []byte("[rpc]\nwhitelist=[\"10.0.0.1\", \"10.0.0.300\"]\n"), 1)
			os.WriteFile(d.path("chain.toml"), b, 0o644)
		}, []string{"chain.toml:", "[rpc] whitelist", `"10.0.0.300"`}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := seeded(t)
			tc.setup(t, d)
			failStart(t, d, tc.want)
		})
	}
}

// Each listener's port taken by another process: the error names the key
// to change, at its line.
func TestStartPortInUse(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the node binary")
	}
	for _, tc := range []struct {
		key  string
		port func(*nodeDir) int
	}{
		{"[rpc] jrpcBindAddr", func(d *nodeDir) int { return d.jrpc }},
		{"[rpc] grpcBindAddr", func(d *nodeDir) int { return d.grpc }},
		{"[p2p.sub.gossip] port", func(d *nodeDir) int { return d.gossip }},
		{"[consensus.sub.qbft] port", func(d *nodeDir) int { return d.qbft }},
		{"[metrics] listenAddr", func(d *nodeDir) int { return d.metrics }},
	} {
		t.Run(tc.key, func(t *testing.T) {
			d := seeded(t)
			addr := d.addr(tc.port(d))
			l, err := net.Listen("tcp", addr)
			if err != nil {
				t.Fatal(err)
			}
			defer l.Close()
			failStart(t, d, []string{"chain.toml:", tc.key, addr, "in use", "change this key"})
		})
	}
}

// A second node on a datadir that a running node uses is told so (the
// running node is paused, so that its datadir stays as it is).
func TestStartDatadirInUse(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the node binary")
	}
	d := seeded(t)
	first := d.start(t)
	defer stop(t, first)
	if err := first.Process.Signal(syscall.SIGSTOP); err != nil {
		t.Fatal(err)
	}
	second := seeded(t) // same keys and genesis, another IP
	second.datadir = d.path("datadir")
	failStart(t, second, []string{d.path("datadir/chain"), "in use by another node", "-datadir"})
}

// A read-only datadir: a read-only bind mount as root, a directory without
// write permission otherwise.
func TestStartReadOnlyDatadir(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the node binary")
	}
	d := seeded(t)
	datadir := d.path("datadir")
	want := []string{datadir, "not writable"}
	if os.Geteuid() == 0 {
		if out, err := exec.Command("mount", "--bind", datadir, datadir).CombinedOutput(); err != nil {
			t.Skipf("bind mount: %v: %s", err, out)
		}
		defer exec.Command("umount", "-l", datadir).Run()
		if out, err := exec.Command("mount", "-o", "remount,bind,ro", datadir).CombinedOutput(); err != nil {
			t.Fatalf("read-only remount: %v: %s", err, out)
		}
		want = append(want, "read-only file system", "remount it read-write")
	} else {
		os.Chmod(datadir, 0o555)
		defer os.Chmod(datadir, 0o755)
		want = append(want, "permission denied")
	}
	failStart(t, d, want)
}
