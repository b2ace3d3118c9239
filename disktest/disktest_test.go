package disktest

import (
	"errors"
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

func TestFillAndFree(t *testing.T) {
	dir := Mount(t, 1<<20)
	free := Fill(t, dir, 0)
	if err := os.WriteFile(filepath.Join(dir, "x"), []byte("x"), 0o644); !errors.Is(err, syscall.ENOSPC) {
		t.Fatalf("write on a full tmpfs: %v", err)
	}
	free()
	if err := os.WriteFile(filepath.Join(dir, "x"), []byte("x"), 0o644); err != nil {
		t.Fatalf("write after freeing: %v", err)
	}
}

func TestForceReadOnly(t *testing.T) {
	fs := MountExt4(t, 16<<20)
	dir := fs.Dir
	f, err := os.Create(filepath.Join(dir, "open"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.Write([]byte("kept")); err != nil {
		t.Fatal(err)
	}
	f.Sync()
	fs.ForceReadOnly(t)
	if _, err := f.Write([]byte("x")); !errors.Is(err, syscall.EROFS) {
		t.Fatalf("write to an open file: %v, want EROFS", err)
	}
	if err := os.WriteFile(filepath.Join(dir, "new"), nil, 0o644); !errors.Is(err, syscall.EROFS) {
		t.Fatalf("new file: %v, want EROFS", err)
	}
	f.Close()
	fs.Remount(t)
	if b, err := os.ReadFile(filepath.Join(dir, "open")); err != nil || string(b) != "kept" {
		t.Fatalf("after remount: %q, %v", b, err)
	}
	if err := os.WriteFile(filepath.Join(dir, "new"), nil, 0o644); err != nil {
		t.Fatalf("write after remount: %v", err)
	}
}

// A power loss keeps what was synced and loses what was only written.
func TestPowerLoss(t *testing.T) {
	fs := MountExt4(t, 16<<20)
	write := func(name string, sync bool) {
		f, err := os.Create(filepath.Join(fs.Dir, name))
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		if _, err := f.Write([]byte(name)); err != nil {
			t.Fatal(err)
		}
		if sync {
			if err := f.Sync(); err != nil {
				t.Fatal(err)
			}
		}
	}
	write("synced", true)
	write("written later", false)
	dir := fs.PowerLoss(t)
	if b, err := os.ReadFile(filepath.Join(dir, "synced")); err != nil || string(b) != "synced" {
		t.Fatalf("synced file after a power loss: %q, %v", b, err)
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "written later")); len(b) != 0 {
		t.Errorf("a file never synced survived a power loss: %q", b)
	}
	if b, err := os.ReadFile(filepath.Join(fs.Dir, "written later")); err != nil || string(b) != "written later" {
		t.Fatalf("the original lost data: %q, %v", b, err)
	}
}
