// Package logfile is a size-rotated log file: when the file would exceed
// its limit it is renamed with a timestamp and a new one is started; old
// files beyond the backup count or age are deleted ([log] maxFileSize,
// maxBackups, maxAge).
package logfile

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"
)

// File is an io.Writer that rotates.
type File struct {
	path       string
	maxSize    int64         // bytes; 0 = no rotation
	maxBackups int           // 0 = keep all
	maxAge     time.Duration // 0 = keep all

	mu   sync.Mutex
	f    *os.File
	size int64
}

// Open opens (appends to) path, creating its directory.
func Open(path string, maxSizeMB, maxBackups, maxAgeDays int) (*File, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return nil, err
	}
	l := &File{path: path, maxSize: int64(maxSizeMB) << 20, maxBackups: maxBackups, maxAge: time.Duration(maxAgeDays) * 24 * time.Hour}
	if err := l.open(); err != nil {
		return nil, err
	}
	return l, nil
}

func (l *File) open() error {
	f, err := os.OpenFile(l.path, os.O_WRONLY|os.O_CREATE|os.O_APPEND, 0o644)
	if err != nil {
		return err
	}
	st, err := f.Stat()
	if err != nil {
		f.Close()
		return err
	}
	l.f, l.size = f, st.Size()
	return nil
}

// Write appends p, rotating first when p would not fit.
func (l *File) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.f == nil {
		return 0, os.ErrClosed
	}
	if l.maxSize > 0 && l.size > 0 && l.size+int64(len(p)) > l.maxSize {
		if err := l.rotate(); err != nil {
			return 0, err
		}
	}
	n, err := l.f.Write(p)
	l.size += int64(n)
	return n, err
}

func (l *File) rotate() error {
	if err := l.f.Close(); err != nil {
		return err
	}
	ext := filepath.Ext(l.path)
	stamp := strings.TrimSuffix(l.path, ext) + "-" + time.Now().UTC().Format("20060102T150405.000")
	backup := stamp + ext
	for i := 1; fileExists(backup); i++ { // several rotations in one millisecond
		backup = fmt.Sprintf("%s.%d%s", stamp, i, ext)
	}
	if err := os.Rename(l.path, backup); err != nil {
		return err
	}
	if err := l.open(); err != nil {
		return err
	}
	l.prune()
	return nil
}

func fileExists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}

// prune deletes backups beyond maxBackups or older than maxAge.
func (l *File) prune() {
	ext := filepath.Ext(l.path)
	matches, _ := filepath.Glob(strings.TrimSuffix(l.path, ext) + "-*" + ext)
	slices.Sort(matches) // timestamps sort in time order
	slices.Reverse(matches)
	for i, m := range matches {
		st, err := os.Stat(m)
		old := err == nil && l.maxAge > 0 && time.Since(st.ModTime()) > l.maxAge
		if (l.maxBackups > 0 && i >= l.maxBackups) || old {
			os.Remove(m)
		}
	}
}

// Close closes the file.
func (l *File) Close() error {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.f == nil {
		return nil
	}
	err := l.f.Close()
	l.f = nil
	return err
}
