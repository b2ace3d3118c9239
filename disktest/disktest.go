// Package disktest gives tests a real small file system to fill up or make
// read-only: a tmpfs mounted for the test (root only; other users skip with
// a message). Only tests import it.
package disktest

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// Mount mounts a tmpfs of size bytes on a new directory and returns it; it
// is unmounted when the test ends, failed or not. It skips the test when
// the process may not mount (not root, no mount in the container).
func Mount(t testing.TB, size int64) string {
	t.Helper()
	if os.Geteuid() != 0 {
		t.Skip("needs root to mount a tmpfs (CI runs as root)")
	}
	dir := t.TempDir()
	if out, err := exec.Command("mount", "-t", "tmpfs", "-o", fmt.Sprintf("size=%d,mode=0755", size), "tmpfs", dir).CombinedOutput(); err != nil {
		t.Skipf("cannot mount a tmpfs: %v: %s", err, strings.TrimSpace(string(out)))
	}
	t.Cleanup(func() {
		// Lazy: files still open by a failed test must not keep it mounted.
		if out, err := exec.Command("umount", "-l", dir).CombinedOutput(); err != nil {
			t.Errorf("umount %s: %v: %s", dir, err, out)
		}
	})
	return dir
}

// Fill writes a file in dir until the file system is full, then gives back
// leave bytes of it, and returns a function that deletes it (room again).
func Fill(t testing.TB, dir string, leave int64) (free func()) {
	t.Helper()
	name := filepath.Join(dir, "disktest-filler")
	f, err := os.Create(name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	buf := make([]byte, 64<<10)
	for n := len(buf); n > 0 && (err == nil || errors.Is(err, syscall.ENOSPC)); n /= 2 { // to the last byte
		for err = nil; err == nil; {
			_, err = f.Write(buf[:n])
		}
	}
	if !errors.Is(err, syscall.ENOSPC) {
		t.Fatalf("filling %s: %v, want ENOSPC", dir, err)
	}
	if leave > 0 {
		fi, err := f.Stat()
		if err == nil {
			err = f.Truncate(max(fi.Size()-leave, 0))
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	return func() {
		if err := os.Remove(name); err != nil {
			t.Error(err)
		}
	}
}

// Ext4 is an ext4 file system on a loop device, mounted at Dir.
type Ext4 struct {
	Dir string
	img string
}

// MountExt4 mounts a new ext4 file system of size bytes (an image file on a
// loop device, errors=remount-ro) on a new directory; it is unmounted when
// the test ends. It skips the test where that is not possible.
func MountExt4(t testing.TB, size int64) *Ext4 {
	t.Helper()
	if os.Geteuid() != 0 {
		t.Skip("needs root to mount an ext4 image (CI runs as root)")
	}
	e := &Ext4{Dir: t.TempDir(), img: filepath.Join(t.TempDir(), "ext4.img")}
	if err := os.WriteFile(e.img, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Truncate(e.img, size); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command("mkfs.ext4", "-q", "-F", e.img).CombinedOutput(); err != nil {
		t.Skipf("mkfs.ext4: %v: %s", err, out)
	}
	if err := e.mount(); err != nil {
		t.Skipf("cannot mount an ext4 image: %v", err)
	}
	t.Cleanup(func() {
		if err := e.unmount(); err != nil {
			t.Error(err)
		}
	})
	return e
}

// mount mounts the image; with commit=60 ext4 writes data that was not
// synced only after 30 s (the kernel's dirty expiry), not within its usual
// 5 s journal commit, so that PowerLoss reliably leaves it out.
func (e *Ext4) mount() error {
	if out, err := exec.Command("mount", "-o", "loop,errors=remount-ro,commit=60", e.img, e.Dir).CombinedOutput(); err != nil {
		return fmt.Errorf("mount %s: %v: %s", e.Dir, err, strings.TrimSpace(string(out)))
	}
	return nil
}

func (e *Ext4) unmount() error {
	// Lazy: files still open by a failed test must not keep it mounted.
	if out, err := exec.Command("umount", "-l", e.Dir).CombinedOutput(); err != nil {
		return fmt.Errorf("umount %s: %v: %s", e.Dir, err, strings.TrimSpace(string(out)))
	}
	return nil
}

// ForceReadOnly makes the file system read-only as the kernel does after an
// I/O error (errors=remount-ro): every write, through files already open
// too, fails with EROFS until it is unmounted. (A plain remount cannot do
// this while files are open for writing, as a database's are.)
func (e *Ext4) ForceReadOnly(t testing.TB) {
	t.Helper()
	out, err := exec.Command("findmnt", "-n", "-o", "SOURCE", "--mountpoint", e.Dir).Output()
	if err != nil {
		t.Fatalf("findmnt %s: %v", e.Dir, err)
	}
	dev := filepath.Base(strings.TrimSpace(string(out)))
	if err := os.WriteFile("/sys/fs/ext4/"+dev+"/trigger_fs_error", []byte("disktest: forced read-only"), 0); err != nil {
		t.Fatalf("trigger an ext4 error on %s: %v", dev, err)
	}
}

// Remount unmounts the file system, checks it (e2fsck -p) and mounts it
// read-write again, as an operator does after the kernel made it read-only.
// Files must be closed first.
func (e *Ext4) Remount(t testing.TB) {
	t.Helper()
	if out, err := exec.Command("umount", e.Dir).CombinedOutput(); err != nil {
		t.Fatalf("umount %s: %v: %s", e.Dir, err, out)
	}
	// Exit status 1: errors corrected.
	if out, err := exec.Command("e2fsck", "-f", "-p", e.img).CombinedOutput(); err != nil {
		if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() > 1 {
			t.Fatalf("e2fsck: %v: %s", err, out)
		}
	}
	if err := e.mount(); err != nil {
		t.Fatal(err)
	}
}

// PowerLoss mounts, on a new directory, a copy of the file system as a
// power failure now would leave it: what reached the device, without the
// data that the kernel holds written but not synced in its page cache. The
// copy's ext4 journal is replayed as it is mounted; it is unmounted when the
// test ends. The original stays mounted and in use.
func (e *Ext4) PowerLoss(t testing.TB) string {
	t.Helper()
	c := &Ext4{Dir: t.TempDir(), img: filepath.Join(t.TempDir(), "ext4.img")}
	if out, err := exec.Command("cp", "--sparse=always", e.img, c.img).CombinedOutput(); err != nil {
		t.Fatalf("copy %s: %v: %s", e.img, err, out)
	}
	if err := c.mount(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := c.unmount(); err != nil {
			t.Error(err)
		}
	})
	return c.Dir
}
