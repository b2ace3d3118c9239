// Package cmdtest builds the repository's commands (cmd/node, cmd/cli, …) for tests that run them as real
// processes, so that exit status, stdout and stderr are what an operator sees. Each command is built once per
// test binary, into one temporary directory that Cleanup removes. Only tests import it.
package cmdtest

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"testing"
)

var (
	mu     sync.Mutex
	dir    string
	built  = map[string]bool{}
	failed = map[string]error{}
)

// Build builds chain33node/cmd/<name> for each of names not built yet (all in one go build) and returns the
// directory that holds the commands, each under its name.
func Build(names ...string) (string, error) {
	mu.Lock()
	defer mu.Unlock()
	if dir == "" {
		d, err := os.MkdirTemp("", "cmdtest-")
		if err != nil {
			return "", err
		}
		dir = d
	}
	args := []string{"build", "-o", dir + string(filepath.Separator)}
	var todo []string
	for _, n := range names {
		if err := failed[n]; err != nil {
			return "", err
		}
		if !built[n] {
			todo = append(todo, n)
			args = append(args, "chain33node/cmd/"+n)
		}
	}
	if len(todo) == 0 {
		return dir, nil
	}
	if out, err := exec.Command("go", args...).CombinedOutput(); err != nil {
		err = fmt.Errorf("go build %v: %v\n%s", todo, err, out)
		for _, n := range todo {
			failed[n] = err
		}
		return "", err
	}
	for _, n := range todo {
		built[n] = true
	}
	return dir, nil
}

// Path returns the path of command name, built first if it is not yet; a failed build fails t.
func Path(t testing.TB, name string) string {
	t.Helper()
	d, err := Build(name)
	if err != nil {
		t.Fatal(err)
	}
	return filepath.Join(d, name)
}

// Cleanup removes the built commands. A TestMain calls it after m.Run.
func Cleanup() {
	mu.Lock()
	defer mu.Unlock()
	if dir != "" {
		os.RemoveAll(dir)
	}
	dir, built = "", map[string]bool{}
}
