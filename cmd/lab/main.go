// Command lab runs the multi-process test lab: the real node binaries in a
// 4-validator cluster laid out by scripts/genconfig.sh, each node in a network
// namespace of its own when run as root (else on 127.0.0.2-5), under load.
//
//	lab faults [-short] [-only ids] [-out docs/faults.md]   the fault suite (make faults; make test: -short)
//	lab bench [-out BENCHMARKS.md]                          the cluster benchmark (make bench-cluster)
//	lab sweep                                               remove what killed lab runs left behind
//
// Run it from the repository root after `make bins` (it takes bin/node,
// bin/cli, chain.toml and scripts/genconfig.sh from there).
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"time"

	"chain33node/lab"
)

func usage() {
	fmt.Fprintln(os.Stderr, `usage: lab faults [flags]   the fault suite (make faults; make test runs -short)
       lab bench [flags]    the cluster benchmark (make bench-cluster)
       lab sweep            remove the namespaces, mounts and processes of killed lab runs
run "lab faults -h" or "lab bench -h" for the flags`)
	os.Exit(2)
}

func main() {
	if len(os.Args) < 2 {
		usage()
	}
	var code int
	switch os.Args[1] {
	case "faults":
		code = runFaults(os.Args[2:])
	case "bench":
		code = runBench(os.Args[2:])
	case "sweep":
		lab.Sweep()
	default:
		usage()
	}
	os.Exit(code)
}

// common are the flags of every subcommand.
type common struct {
	repo, bin string
	keep      bool
}

func (c *common) register(fs *flag.FlagSet) {
	fs.StringVar(&c.repo, "repo", ".", "repository root (chain.toml, scripts/genconfig.sh)")
	fs.StringVar(&c.bin, "bin", "bin", "directory holding the node and cli binaries (make bins)")
	fs.BoolVar(&c.keep, "keep", false, "keep the run directory (logs, configs, chain data) even when the run passes")
}

// check resolves the paths and checks that the binaries are there.
func (c *common) check() error {
	var err error
	if c.repo, err = filepath.Abs(c.repo); err != nil {
		return err
	}
	if c.bin, err = filepath.Abs(c.bin); err != nil {
		return err
	}
	for _, f := range []string{filepath.Join(c.bin, "node"), filepath.Join(c.bin, "cli"), filepath.Join(c.repo, "chain.toml"),
		filepath.Join(c.repo, "scripts", "genconfig.sh")} {
		if _, err := os.Stat(f); err != nil {
			return fmt.Errorf("%s missing (run from the repository root after make bins)", f)
		}
	}
	return nil
}

func logf(format string, a ...any) {
	fmt.Fprintf(os.Stderr, time.Now().Format("15:04:05 ")+format+"\n", a...)
}

// interrupted is a context cancelled by SIGINT or SIGTERM.
func interrupted() (context.Context, context.CancelFunc) {
	return signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
}

// machine describes this machine: cores, CPU model, kernel.
func machine() string {
	model := "unknown CPU"
	if b, err := os.ReadFile("/proc/cpuinfo"); err == nil {
		for _, line := range strings.Split(string(b), "\n") {
			if v, ok := strings.CutPrefix(line, "model name"); ok {
				model = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(v), ":"))
				break
			}
		}
	}
	kernel, _ := os.ReadFile("/proc/sys/kernel/osrelease")
	return fmt.Sprintf("%d cores (%s), Linux %s, %s", runtime.NumCPU(), model, strings.TrimSpace(string(kernel)), runtime.Version())
}

// revision is the repository's git revision.
func revision(repo string) string {
	out, err := exec.Command("git", "-C", repo, "describe", "--always", "--dirty").Output()
	if err != nil {
		return "unknown revision"
	}
	return "revision " + strings.TrimSpace(string(out))
}

// writeFile replaces path with what write produces.
func writeFile(path string, write func(f *os.File)) error {
	tmp := path + ".tmp"
	f, err := os.Create(tmp)
	if err != nil {
		return err
	}
	write(f)
	if err := f.Close(); err != nil {
		return err
	}
	return os.Rename(tmp, path)
}
