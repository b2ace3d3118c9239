package lab

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"regexp"
	"strconv"
	"syscall"

	"chain33node/lab/cluster"
	"chain33node/lab/netns"
)

// Run is where a lab run happens: its id (the namespaces' prefix; "" when the
// nodes run on loopback addresses) and its directory.
type Run struct {
	ID  string
	Dir string
	// Why is why the nodes run on loopback addresses ("" with namespaces).
	Why  string
	keep bool
}

// End cleans up after a loopback run: its directory is removed if it passed
// (unless kept), else trimmed of its binaries. (A namespaced run is cleaned
// up by the process that entered it.)
func (r Run) End(passed bool) {
	if r.Namespaces() {
		return
	}
	if passed && !r.keep {
		RemoveRunDir(r.Dir)
		return
	}
	if _, err := os.Stat(r.Dir); err == nil {
		trim(r.Dir)
		fmt.Fprintf(os.Stderr, "lab: run directory kept: %s\n", r.Dir)
	}
}

// Namespaces reports whether the run has network namespaces.
func (r Run) Namespaces() bool { return r.ID != "" }

const (
	envRun = "CHAIN33NODE_LAB_RUN"
	envDir = "CHAIN33NODE_LAB_DIR"
)

// Enter prepares this process for a lab run and returns where it happens.
//
// As root, in a process not yet inside a run, it does not return: it sweeps
// what killed runs left, creates the run's client namespace, runs this
// program again inside it with the same arguments (SIGINT and SIGTERM are
// passed on), then removes every namespace, mount and process of the run and,
// unless keep or the run failed, its directory (a failed run keeps its logs
// and configs, not its binaries), and exits with the run's status. Inside,
// it returns the run. Where namespaces cannot be made it returns a loopback
// run at once.
func Enter(keep bool) Run {
	if id := os.Getenv(envRun); id != "" {
		return Run{ID: id, Dir: os.Getenv(envDir)}
	}
	id := fmt.Sprintf("lab%d", os.Getpid())
	dir := filepath.Join(os.TempDir(), id)
	Sweep()
	if err := netns.Supported(id); err != nil {
		lockLoopback()
		return Run{Dir: dir, Why: err.Error(), keep: keep}
	}
	os.Exit(supervise(id, dir, keep))
	return Run{}
}

// lockLoopback waits until no other lab run uses the loopback addresses
// (the lock holds until this process exits).
func lockLoopback() {
	f, err := os.OpenFile(filepath.Join(os.TempDir(), "chain33node-lab-loopback.lock"), os.O_CREATE|os.O_RDWR, 0o666)
	if err != nil {
		return // only a guard; the ports check catches a collision
	}
	if syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB) != nil {
		fmt.Fprintln(os.Stderr, "lab: waiting for another lab run on the loopback addresses")
		syscall.Flock(int(f.Fd()), syscall.LOCK_EX)
	}
	loopbackLock = f
}

var loopbackLock *os.File // held open: the lock lasts as long as the process

// supervise runs this program again in the run's client namespace and
// cleans up after it.
func supervise(id, dir string, keep bool) int {
	code := 1
	defer func() {
		if err := netns.Remove(id); err != nil {
			fmt.Fprintln(os.Stderr, "lab: removing namespaces:", err)
		}
		for _, m := range cluster.Mounts(dir) {
			cluster.Unmount(m)
		}
		if code == 0 && !keep {
			RemoveRunDir(dir)
		} else if _, err := os.Stat(dir); err == nil {
			trim(dir)
			fmt.Fprintf(os.Stderr, "lab: run directory kept: %s\n", dir)
		}
	}()
	if err := netns.AddNS(id + "-c"); err != nil {
		fmt.Fprintln(os.Stderr, "lab:", err)
		return code
	}
	exe, err := os.Executable()
	if err != nil {
		fmt.Fprintln(os.Stderr, "lab:", err)
		return code
	}
	cmd := netns.Command(netns.Host{NS: id + "-c"}, append([]string{exe}, os.Args[1:]...)...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, os.Stderr
	cmd.Env = append(os.Environ(), envRun+"="+id, envDir+"="+dir)
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
	sigs := make(chan os.Signal, 4)
	signal.Notify(sigs, syscall.SIGINT, syscall.SIGTERM, syscall.SIGHUP)
	defer signal.Stop(sigs)
	if err := cmd.Start(); err != nil {
		fmt.Fprintln(os.Stderr, "lab:", err)
		return code
	}
	go func() {
		for s := range sigs {
			cmd.Process.Signal(s)
		}
	}()
	err = cmd.Wait()
	var ee *exec.ExitError
	switch {
	case err == nil:
		code = 0
	case errors.As(err, &ee) && ee.ExitCode() > 0:
		code = ee.ExitCode()
	default:
		fmt.Fprintln(os.Stderr, "lab:", err)
	}
	return code
}

// trim removes the binaries a run's directory holds (genconfig.sh copies
// node and cli into every server's directory), keeping logs and configs.
func trim(dir string) {
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && (d.Name() == "node" || d.Name() == "cli") {
			os.Remove(p)
		}
		return nil
	})
}

var runDirRE = regexp.MustCompile(`^lab([0-9]+)$`)

// Sweep removes what runs killed before they could clean up left behind:
// their namespaces (with the processes inside), mounts, and binaries.
func Sweep() {
	if os.Geteuid() == 0 {
		if runs, err := netns.Sweep(); err != nil {
			fmt.Fprintln(os.Stderr, "lab: sweeping namespaces:", err)
		} else if len(runs) > 0 {
			fmt.Fprintf(os.Stderr, "lab: removed the namespaces of dead runs %v\n", runs)
		}
	}
	entries, _ := os.ReadDir(os.TempDir())
	for _, e := range entries {
		m := runDirRE.FindStringSubmatch(e.Name())
		if m == nil || !e.IsDir() {
			continue
		}
		if pid, _ := strconv.Atoi(m[1]); pid == os.Getpid() || netns.RunAlive(e.Name()) {
			continue
		}
		dir := filepath.Join(os.TempDir(), e.Name())
		for _, mp := range cluster.Mounts(dir) {
			cluster.Unmount(mp)
		}
		trim(dir)
	}
}
