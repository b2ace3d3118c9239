package logtest

import (
	"log/slog"
	"slices"
	"strings"
	"sync"
	"testing"
)

func TestBuffer(t *testing.T) {
	log, buf := New(slog.LevelInfo)
	if buf.Lines() != nil {
		t.Fatalf("new buffer has lines %q", buf.Lines())
	}
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for range 100 {
				log.Info("peer connected", "peer", "x")
				log.Debug("below the level")
			}
		})
	}
	wg.Wait()
	lines := buf.Lines()
	if len(lines) != 800 || buf.Count("peer connected") != 800 || buf.Count("below the level") != 0 {
		t.Fatalf("%d lines, %d records", len(lines), buf.Count("peer connected"))
	}
	if !slices.ContainsFunc(lines, func(l string) bool { return strings.Contains(l, "level=INFO") && strings.Contains(l, "peer=x") }) {
		t.Fatalf("lines lack the record: %q", lines[0])
	}
}
