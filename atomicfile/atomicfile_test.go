package atomicfile

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"testing"
)

// entries lists the names in dir, so that tests can see that no temporary file is left behind.
func entries(t *testing.T, dir string) []string {
	t.Helper()
	es, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range es {
		names = append(names, e.Name())
	}
	return names
}

func TestWriteReplaces(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "state.json")
	for _, content := range []string{"first", "second, longer", "3"} {
		if err := Write(path, []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
		got, err := os.ReadFile(path)
		if err != nil || string(got) != content {
			t.Fatalf("read back %q, %v; want %q", got, err, content)
		}
	}
	st, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if st.Mode().Perm() != 0o600 {
		t.Errorf("mode %v, want 0600", st.Mode().Perm())
	}
	if err := Write(path, []byte("public"), 0o644); err != nil {
		t.Fatal(err)
	}
	if st, _ := os.Stat(path); st.Mode().Perm() != 0o644 {
		t.Errorf("mode %v, want 0644", st.Mode().Perm())
	}
	if names := entries(t, dir); len(names) != 1 {
		t.Errorf("directory holds %v, want only state.json", names)
	}
}

func TestWriteNew(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "node.key")
	if err := WriteNew(path, []byte("one"), 0o600); err != nil {
		t.Fatal(err)
	}
	err := WriteNew(path, []byte("two"), 0o600)
	if !errors.Is(err, fs.ErrExist) {
		t.Fatalf("second WriteNew: %v, want fs.ErrExist", err)
	}
	if got, _ := os.ReadFile(path); string(got) != "one" {
		t.Fatalf("existing file replaced: %q", got)
	}
	if names := entries(t, dir); len(names) != 1 {
		t.Errorf("directory holds %v, want only node.key", names)
	}
}

// Of many creators racing for one path, exactly one succeeds and the file holds its content.
func TestWriteNewRace(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "node.key")
	const n = 16
	errs := make([]error, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() { errs[i] = WriteNew(path, []byte{byte('a' + i)}, 0o600) })
	}
	wg.Wait()
	winner := -1
	for i, err := range errs {
		switch {
		case err == nil && winner >= 0:
			t.Fatalf("creators %d and %d both succeeded", winner, i)
		case err == nil:
			winner = i
		case !errors.Is(err, fs.ErrExist):
			t.Fatalf("creator %d: %v", i, err)
		}
	}
	if winner < 0 {
		t.Fatal("no creator succeeded")
	}
	if got, _ := os.ReadFile(path); string(got) != string(rune('a'+winner)) {
		t.Fatalf("file holds %q, winner wrote %q", got, string(rune('a'+winner)))
	}
	if names := entries(t, dir); len(names) != 1 {
		t.Errorf("directory holds %v, want only node.key", names)
	}
}

// A rename that fails (the target is a directory) is reported, the target is untouched and no temporary
// file is left.
func TestRenameFailureReported(t *testing.T) {
	dir := t.TempDir()
	target := filepath.Join(dir, "target")
	if err := os.Mkdir(target, 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(target, "inside"), nil, 0o600); err != nil {
		t.Fatal(err)
	}
	if err := Write(target, []byte("x"), 0o600); err == nil {
		t.Fatal("Write over a non-empty directory succeeded")
	}
	if st, err := os.Stat(target); err != nil || !st.IsDir() {
		t.Fatalf("target changed: %v %v", st, err)
	}
	if names := entries(t, dir); len(names) != 1 {
		t.Errorf("directory holds %v, want only target", names)
	}
}

// A directory that does not exist, or a path under a regular file, fails before anything is written.
func TestMissingDirectoryReported(t *testing.T) {
	dir := t.TempDir()
	if err := Write(filepath.Join(dir, "no", "such", "file"), []byte("x"), 0o600); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("Write into a missing directory: %v", err)
	}
	file := filepath.Join(dir, "file")
	if err := os.WriteFile(file, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	if err := WriteNew(filepath.Join(file, "key"), []byte("x"), 0o600); err == nil {
		t.Error("WriteNew under a regular file succeeded")
	}
}

// A failing directory fsync is reported: the rename happened but is not known to be durable, and the caller
// must not carry on as if it were.
func TestDirectorySyncFailureReported(t *testing.T) {
	dir := t.TempDir()
	boom := errors.New("injected directory fsync failure")
	defer func(f func(string) error) { syncDir = f }(syncDir)
	var synced []string
	syncDir = func(d string) error {
		synced = append(synced, d)
		return boom
	}
	for name, write := range map[string]func(string, []byte, fs.FileMode) error{"Write": Write, "WriteNew": WriteNew} {
		path := filepath.Join(dir, name)
		err := write(path, []byte("x"), 0o600)
		if !errors.Is(err, boom) {
			t.Errorf("%s: %v, want the fsync failure", name, err)
		}
		var pe *fs.PathError
		if !errors.As(err, &pe) || pe.Path != dir {
			t.Errorf("%s: error %v does not name the directory %s", name, err, dir)
		}
	}
	if len(synced) != 2 || synced[0] != dir || synced[1] != dir {
		t.Errorf("synced %v, want the file's directory twice", synced)
	}
}

// The real directory fsync runs on a real directory without error.
func TestSyncDir(t *testing.T) {
	if err := syncDir(t.TempDir()); err != nil {
		t.Fatal(err)
	}
	if err := syncDir(filepath.Join(t.TempDir(), "missing")); err == nil {
		t.Fatal("syncDir of a missing directory succeeded")
	}
}
