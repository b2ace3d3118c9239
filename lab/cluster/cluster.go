// Package cluster runs chain33node clusters as real processes, laid out by
// scripts/genconfig.sh exactly as on separate servers (one directory per IP,
// default ports), and acts on them as an operator or a fault would: start,
// SIGTERM, SIGKILL, SIGSTOP/SIGCONT, datadirs on a small tmpfs, remounted
// read-only or filled, copied from another node. How a process reaches its
// server's network is the caller's: Node.Exec wraps its command line (nsenter
// into the node's namespace, or nothing on loopback addresses).
package cluster

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"time"
)

// Layout is what genconfig.sh needs: the binaries, the chain.toml template
// and the servers' IPs.
type Layout struct {
	Dir       string            // created; <Dir>/<ip>/ per node
	Bin       string            // holds node and cli
	Template  string            // chain.toml
	Genconfig string            // scripts/genconfig.sh
	IPs       []string          // fewer than 4 passes -f
	Set       map[string]string // chain.toml lines key=... replaced (every occurrence) before genconfig
}

// Node is one server: its directory and its node process.
type Node struct {
	Name string // "n1"...
	IP   string
	Dir  string
	URL  string // JSON-RPC
	Pub  string // BLS public key (priv_validator.json pub_key.data)
	// Exec makes the command that runs argv on this node's server.
	Exec func(argv ...string) *exec.Cmd

	mu     sync.Mutex
	cmd    *exec.Cmd
	done   chan struct{}
	err    error // exit status once done is closed
	starts int
}

// Create lays out l.Dir with genconfig.sh and returns the nodes in IP order.
func Create(l Layout) ([]*Node, error) {
	if err := os.MkdirAll(l.Dir, 0o755); err != nil {
		return nil, err
	}
	for _, f := range [][2]string{
		{filepath.Join(l.Bin, "node"), "node"}, {filepath.Join(l.Bin, "cli"), "cli"},
		{l.Template, "chain.toml"}, {l.Genconfig, "genconfig.sh"},
	} {
		if err := copyFile(f[0], filepath.Join(l.Dir, f[1]), 0o755); err != nil {
			return nil, err
		}
	}
	tmpl := filepath.Join(l.Dir, "chain.toml")
	for k, v := range l.Set {
		if err := SetKey(tmpl, k, v); err != nil {
			return nil, err
		}
	}
	args := []string{strings.Join(l.IPs, ",")}
	if len(l.IPs) < 4 {
		args = append([]string{"-f"}, args...)
	}
	cmd := exec.Command("./genconfig.sh", args...)
	cmd.Dir = l.Dir
	if out, err := cmd.CombinedOutput(); err != nil {
		return nil, fmt.Errorf("genconfig.sh: %v: %s", err, out)
	}
	nodes := make([]*Node, len(l.IPs))
	for i, ip := range l.IPs {
		n := &Node{Name: fmt.Sprintf("n%d", i+1), IP: ip, Dir: filepath.Join(l.Dir, ip), URL: "http://" + ip + ":8801", Exec: Local}
		pub, err := PubKey(n.Dir)
		if err != nil {
			return nil, err
		}
		n.Pub = pub
		nodes[i] = n
	}
	return nodes, nil
}

// Follower lays out a server that joins the chain of `from` later, as the
// README's deployment steps say: node, cli, chain.toml and genesis.json
// copied from it, a key of its own from `cli qbft gen_file -n 1`; it is not
// a validator, so it follows (and syncs) only.
func Follower(from *Node, name, ip string) (*Node, error) {
	dir := filepath.Join(filepath.Dir(from.Dir), ip)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	for _, f := range []string{"node", "cli", "chain.toml", "genesis.json"} {
		if err := copyFile(filepath.Join(from.Dir, f), filepath.Join(dir, f), 0o755); err != nil {
			return nil, err
		}
	}
	cfg := filepath.Join(dir, "chain.toml")
	set := map[string]string{"singleMode": "false"}
	if strings.HasPrefix(ip, "127.") { // as genconfig.sh does for loopback addresses
		set["bindAddr"], set["jrpcBindAddr"], set["grpcBindAddr"] = `"`+ip+`"`, `"`+ip+`:8801"`, `"`+ip+`:8802"`
	}
	for k, v := range set {
		if err := SetKey(cfg, k, v); err != nil {
			return nil, err
		}
	}
	gen := exec.Command("./cli", "qbft", "gen_file", "-n", "1", "-t", "bls")
	gen.Dir = dir
	if out, err := gen.CombinedOutput(); err != nil {
		return nil, fmt.Errorf("gen_file: %v: %s", err, out)
	}
	if err := os.Rename(filepath.Join(dir, "priv_validator_0.json"), filepath.Join(dir, "priv_validator.json")); err != nil {
		return nil, err
	}
	os.Remove(filepath.Join(dir, "genesis_file.json"))
	pub, err := PubKey(dir)
	if err != nil {
		return nil, err
	}
	return &Node{Name: name, IP: ip, Dir: dir, URL: "http://" + ip + ":8801", Pub: pub, Exec: from.Exec}, nil
}

// Local runs argv here: the Exec of nodes on loopback addresses.
func Local(argv ...string) *exec.Cmd { return exec.Command(argv[0], argv[1:]...) }

// PubKey reads the BLS public key of dir/priv_validator.json.
func PubKey(dir string) (string, error) {
	b, err := os.ReadFile(filepath.Join(dir, "priv_validator.json"))
	if err != nil {
		return "", err
	}
	var pv struct {
		PubKey struct {
			Data string `json:"data"`
		} `json:"pub_key"`
	}
	if err := json.Unmarshal(b, &pv); err != nil {
		return "", fmt.Errorf("priv_validator.json: %w", err)
	}
	return pv.PubKey.Data, nil
}

// SetKey replaces every line key=... of a toml file with key=value.
func SetKey(file, key, value string) error {
	b, err := os.ReadFile(file)
	if err != nil {
		return err
	}
	re := regexp.MustCompile(`(?m)^` + regexp.QuoteMeta(key) + `=.*$`)
	if !re.Match(b) {
		return fmt.Errorf("%s: no line %s=", file, key)
	}
	return os.WriteFile(file, re.ReplaceAll(b, []byte(key+"="+value)), 0o644)
}

// SetSectionKey replaces the line key=... of section [section] of a toml
// file with key=value (a key that other sections also have, as listenAddr).
func SetSectionKey(file, section, key, value string) error {
	b, err := os.ReadFile(file)
	if err != nil {
		return err
	}
	lines := strings.Split(string(b), "\n")
	in := false
	for i, ln := range lines {
		t := strings.TrimSpace(ln)
		if strings.HasPrefix(t, "[") {
			in = t == "["+section+"]"
			continue
		}
		if in && strings.HasPrefix(t, key+"=") {
			lines[i] = key + "=" + value
			return os.WriteFile(file, []byte(strings.Join(lines, "\n")), 0o644)
		}
	}
	return fmt.Errorf("%s: no line %s= in [%s]", file, key, section)
}

func copyFile(from, to string, mode os.FileMode) error {
	b, err := os.ReadFile(from)
	if err != nil {
		return err
	}
	return os.WriteFile(to, b, mode)
}

// UseBinary makes the node run dir's node binary from its next Start (stopped: a running binary cannot be
// replaced in place).
func (n *Node) UseBinary(dir string) error {
	to := filepath.Join(n.Dir, "node")
	if err := os.Remove(to); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	return copyFile(filepath.Join(dir, "node"), to, 0o755)
}

// Start starts the node process (`./node -f chain.toml` in its directory),
// its output appended to node.out. The process gets SIGKILL if the lab dies.
func (n *Node) Start() error {
	n.mu.Lock()
	defer n.mu.Unlock()
	if n.cmd != nil && !closed(n.done) {
		return fmt.Errorf("%s: already running", n.Name)
	}
	out, err := os.OpenFile(filepath.Join(n.Dir, "node.out"), os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
	if err != nil {
		return err
	}
	cmd := n.Exec("./node", "-f", "chain.toml")
	cmd.Dir = n.Dir
	cmd.Stdout, cmd.Stderr = out, out
	// Own process group: a Ctrl-C at the terminal reaches the lab, which
	// stops the nodes itself.
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGKILL}
	if err := cmd.Start(); err != nil {
		out.Close()
		return fmt.Errorf("%s: %w", n.Name, err)
	}
	n.cmd, n.done, n.err = cmd, make(chan struct{}), nil
	n.starts++
	done := n.done
	go func() {
		err := cmd.Wait()
		out.Close()
		n.mu.Lock()
		n.err = err
		n.mu.Unlock()
		close(done)
	}()
	return nil
}

func closed(c chan struct{}) bool {
	select {
	case <-c:
		return true
	default:
		return false
	}
}

// Running reports whether the node process is alive (stopped counts).
func (n *Node) Running() bool {
	n.mu.Lock()
	defer n.mu.Unlock()
	return n.cmd != nil && !closed(n.done)
}

// Pid is the node's process id (0 if not running).
func (n *Node) Pid() int {
	n.mu.Lock()
	defer n.mu.Unlock()
	if n.cmd == nil || closed(n.done) {
		return 0
	}
	return n.cmd.Process.Pid
}

// Signal sends sig to the node process.
func (n *Node) Signal(sig syscall.Signal) error {
	n.mu.Lock()
	defer n.mu.Unlock()
	if n.cmd == nil || closed(n.done) {
		return fmt.Errorf("%s: not running", n.Name)
	}
	return n.cmd.Process.Signal(sig)
}

// Wait waits up to d for the process to exit; it reports whether it did
// and its exit error (nil for status 0).
func (n *Node) Wait(d time.Duration) (bool, error) {
	n.mu.Lock()
	done := n.done
	n.mu.Unlock()
	if done == nil {
		return true, nil
	}
	if !closed(done) {
		select {
		case <-done:
		case <-time.After(d):
			return false, nil
		}
	}
	n.mu.Lock()
	defer n.mu.Unlock()
	return true, n.err
}

// Kill sends SIGKILL and waits for the process to go.
func (n *Node) Kill() error {
	if err := n.Signal(syscall.SIGKILL); err != nil {
		return err
	}
	if ok, _ := n.Wait(10 * time.Second); !ok {
		return fmt.Errorf("%s: still running 10 s after SIGKILL", n.Name)
	}
	return nil
}

// Stop sends SIGTERM (a SIGCONT first, in case it is stopped) and waits up to
// d for a clean exit, then kills it; the error says which.
func (n *Node) Stop(d time.Duration) error {
	if !n.Running() {
		return nil
	}
	n.Signal(syscall.SIGCONT)
	if err := n.Signal(syscall.SIGTERM); err != nil {
		return err
	}
	ok, err := n.Wait(d)
	if !ok {
		n.Kill()
		return fmt.Errorf("%s: did not stop within %s of SIGTERM; killed", n.Name, d)
	}
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		return fmt.Errorf("%s: exited with %v after SIGTERM", n.Name, err)
	}
	return nil
}

// Datadir is the node's data directory (chain.toml's default).
func (n *Node) Datadir() string { return filepath.Join(n.Dir, "datadir") }

// LogFile is the node's log (chain.toml's default).
func (n *Node) LogFile() string { return filepath.Join(n.Dir, "logs", "node.log") }

// LogSize is the log's current size: an offset for LogLines.
func (n *Node) LogSize() int64 {
	fi, err := os.Stat(n.LogFile())
	if err != nil {
		return 0
	}
	return fi.Size()
}

// LogLines returns the lines written to the log since offset that contain
// any of the substrings (all lines when none is given).
func (n *Node) LogLines(offset int64, substr ...string) []string {
	var out []string
	f, err := os.Open(n.LogFile())
	if err != nil {
		return nil
	}
	defer f.Close()
	if fi, err := f.Stat(); err == nil && fi.Size() < offset {
		offset = 0 // rotated
	}
	f.Seek(offset, 0)
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		if len(substr) == 0 || containsAny(line, substr) {
			out = append(out, line)
		}
	}
	return out
}

func containsAny(s string, subs []string) bool {
	for _, x := range subs {
		if strings.Contains(s, x) {
			return true
		}
	}
	return false
}

// Output is the tail (up to n bytes) of node.out: what the process wrote to
// stdout and stderr (a fatal start error, a panic).
func (n *Node) Output(max int) string {
	b, _ := os.ReadFile(filepath.Join(n.Dir, "node.out"))
	if len(b) > max {
		b = b[len(b)-max:]
	}
	return string(bytes.TrimSpace(b))
}
