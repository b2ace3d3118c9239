// Package logtest captures the structured logs of code under test, for tests that assert what was logged
// (a refusal reported once, a bad entry named). Only tests import it.
package logtest

import (
	"bytes"
	"log/slog"
	"strings"
	"sync"
)

// Buffer keeps what is written to it; it is safe for concurrent use, so the goroutines of the code under
// test may log while the test reads.
type Buffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *Buffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

// String is everything written so far.
func (l *Buffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// Lines are the lines written so far, without the final newline.
func (l *Buffer) Lines() []string {
	s := strings.TrimSuffix(l.String(), "\n")
	if s == "" {
		return nil
	}
	return strings.Split(s, "\n")
}

// Count is how often sub occurs in what was written.
func (l *Buffer) Count(sub string) int { return strings.Count(l.String(), sub) }

// New returns a text logger of records at level and above, and the Buffer it writes to.
func New(level slog.Level) (*slog.Logger, *Buffer) {
	b := new(Buffer)
	return slog.New(slog.NewTextHandler(b, &slog.HandlerOptions{Level: level})), b
}
