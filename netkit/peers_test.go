package netkit

import (
	"fmt"
	"log/slog"
	"strings"
	"testing"

	"chain33node/logtest"
)

func TestReporter(t *testing.T) {
	log, logs := logtest.New(slog.LevelDebug)
	r := NewReporter(log)
	r.Warn("out/10.0.0.1:33001", "peer of another chain: A", "retry_in", "5m")
	r.Warn("out/10.0.0.1:33001", "peer of another chain: A", "retry_in", "5m") // again: debug
	r.Warn("out/10.0.0.2:33001", "peer of another chain: A")                   // other key: warning
	r.Warn("out/10.0.0.1:33001", "peer of another chain: B")                   // new reason: warning
	r.Warn("out/10.0.0.1:33001", "peer of another chain: A")                   // and back: warning
	lines := logs.Lines()
	if len(lines) != 5 || logs.Count("level=WARN") != 4 {
		t.Fatalf("%d lines, want 4 warnings and a debug line:\n%s", len(lines), strings.Join(lines, "\n"))
	}
	if !strings.Contains(lines[0], "level=WARN") || !strings.Contains(lines[0], "retry_in=5m") {
		t.Errorf("first line %q: want a warning with its attributes", lines[0])
	}
	if !strings.Contains(lines[1], "level=DEBUG") || !strings.Contains(lines[1], "peer of another chain: A") {
		t.Errorf("second line %q: want the repeat at debug level", lines[1])
	}
}

// Keys cost a hostile peer nothing (they include peer IDs), so the Reporter's memory stays bounded.
func TestReporterBounded(t *testing.T) {
	r := NewReporter(slog.New(slog.DiscardHandler))
	for i := range 100_000 {
		r.Warn(fmt.Sprintf("in/peer-%d", i), "rejecting peer of another chain")
	}
	if n := len(r.last); n > 4097 {
		t.Fatalf("%d keys kept", n)
	}
}
