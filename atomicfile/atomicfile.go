// Package atomicfile replaces small files (keys, the signer's last-signed record, genesis files) so that a
// crash leaves either the old content or the new one, never a torn file, and so that a nil error means the
// new content survives a power loss: the data is written to a temporary file in the same directory, the file
// is fsynced, renamed over the target, and the directory is fsynced so that the rename itself is durable.
// Every step's failure is returned; the temporary file is removed after a failure.
//
// The directory must exist: a caller that creates it decides its mode.
package atomicfile

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
)

// Write replaces path with data, with mode perm.
func Write(path string, data []byte, perm fs.FileMode) error {
	return write(path, data, perm, os.Rename)
}

// WriteNew creates path with data and mode perm, failing with an error that matches fs.ErrExist if path
// exists, also if another process creates it meanwhile: of two racing creators exactly one wins. On file
// systems without hard links it falls back to a rename, which is exclusive only against existing files.
func WriteNew(path string, data []byte, perm fs.FileMode) error {
	if _, err := os.Lstat(path); err == nil {
		return &fs.PathError{Op: "create", Path: path, Err: fs.ErrExist}
	}
	return write(path, data, perm, func(tmp, path string) error {
		// Link, unlike rename, fails if path exists.
		switch err := os.Link(tmp, path); {
		case err == nil:
			_ = os.Remove(tmp) // now, so that the directory sync covers it; a leftover would be only clutter
			return nil
		case errors.Is(err, fs.ErrExist):
			return err
		}
		return os.Rename(tmp, path)
	})
}

// syncDir makes the entries of dir durable. A variable so that tests can make it fail.
var syncDir = func(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	return d.Sync()
}

func write(path string, data []byte, perm fs.FileMode, place func(tmp, path string) error) error {
	dir := filepath.Dir(path)
	f, err := os.CreateTemp(dir, "."+filepath.Base(path)+".tmp*")
	if err != nil {
		return err
	}
	tmp := f.Name()
	defer os.Remove(tmp) // after a failure; a no-op once tmp is renamed
	if err := writeSync(f, data, perm); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	if err := place(tmp, path); err != nil {
		return err
	}
	if err := syncDir(dir); err != nil {
		return &fs.PathError{Op: "sync directory", Path: dir, Err: err}
	}
	return nil
}

func writeSync(f *os.File, data []byte, perm fs.FileMode) error {
	if err := f.Chmod(perm); err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		return err
	}
	return f.Sync()
}
