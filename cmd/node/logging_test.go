package main

import (
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"chain33node/config"
	"chain33node/poll"
)

// logConfig is a config whose [log] file lies in a fresh directory; the console only gets errors.
func logConfig(t *testing.T) *config.Config {
	cfg := config.Default()
	cfg.Dir = t.TempDir()
	cfg.Log.LogFile = "logs/node.log"
	cfg.Log.Loglevel = "info"
	cfg.Log.LogConsoleLevel = "error"
	return cfg
}

// setup runs setupLogging and restores the default logger after the test.
func setup(t *testing.T, cfg *config.Config) (*slog.Logger, func()) {
	t.Helper()
	old := slog.Default()
	t.Cleanup(func() { slog.SetDefault(old) })
	log, closeLog, err := setupLogging(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return log, closeLog
}

// backups waits until there are want rotated files beside the log file (lumberjack prunes and compresses in
// the background) and lists them.
func backups(t *testing.T, dir, suffix string, want int) []string {
	t.Helper()
	var m []string
	err := poll.Wait(10*time.Second, func() error {
		var err error
		if m, err = filepath.Glob(filepath.Join(dir, "node-*"+suffix)); err == nil && len(m) != want {
			err = fmt.Errorf("%d of them: %v", len(m), m)
		}
		return err
	})
	if err != nil {
		t.Fatalf("want %d backups node-*%s: %v", want, suffix, err)
	}
	return m
}

// The [log] keys reach the rotation: the file is rotated at maxFileSize MB and maxBackups backups are kept.
func TestLogRotatesAtMaxFileSize(t *testing.T) {
	cfg := logConfig(t)
	cfg.Log.MaxFileSize, cfg.Log.MaxBackups, cfg.Log.MaxAge = 1, 2, 0
	log, closeLog := setup(t, cfg)
	line := strings.Repeat("x", 100<<10) // 100 KiB a record: ten fit in 1 MiB
	for range 45 {
		log.Info("filler", "data", line)
	}
	closeLog()

	dir := filepath.Join(cfg.Dir, "logs")
	st, err := os.Stat(filepath.Join(dir, "node.log"))
	if err != nil {
		t.Fatal(err)
	}
	if st.Size() == 0 || st.Size() > 1<<20 {
		t.Errorf("current file has %d bytes, want some and at most maxFileSize (1 MiB)", st.Size())
	}
	if st.Mode().Perm() != 0o644 {
		t.Errorf("log file mode %v, want 0644", st.Mode().Perm())
	}
	for _, b := range backups(t, dir, ".log", 2) { // maxBackups of the four rotations of 45 records of 100 KiB
		if st, err := os.Stat(b); err != nil || st.Size() > 1<<20 || st.Size() < 900<<10 {
			t.Errorf("backup %s: %v bytes, want about 1 MiB (%v)", b, st.Size(), err)
		}
	}
}

// compress gzips the backups.
func TestLogCompressesBackups(t *testing.T) {
	cfg := logConfig(t)
	cfg.Log.MaxFileSize, cfg.Log.MaxBackups, cfg.Log.Compress = 1, 0, true
	log, closeLog := setup(t, cfg)
	line := strings.Repeat("y", 100<<10)
	for range 15 {
		log.Info("filler", "data", line)
	}
	closeLog()
	dir := filepath.Join(cfg.Dir, "logs")
	gz := backups(t, dir, ".log.gz", 1)
	if st, err := os.Stat(gz[0]); err != nil || st.Size() > 64<<10 {
		t.Errorf("%s is not compressed: %v", gz[0], err) // 1 MiB of one letter gzips to a few KiB
	}
	backups(t, dir, ".log", 0) // the uncompressed one removed
}

// A restarted node appends to its log file; records below loglevel stay out of it.
func TestLogAppendsAndFilters(t *testing.T) {
	cfg := logConfig(t)
	log, closeLog := setup(t, cfg)
	log.Info("first start")
	log.Debug("not at info level")
	closeLog()
	log, closeLog = setup(t, cfg)
	log.Warn("second start")
	closeLog()
	b, err := os.ReadFile(filepath.Join(cfg.Dir, "logs", "node.log"))
	if err != nil {
		t.Fatal(err)
	}
	s := string(b)
	if !strings.Contains(s, "first start") || !strings.Contains(s, "second start") || strings.Contains(s, "not at info level") {
		t.Errorf("log file:\n%s", s)
	}
}

// A log path that cannot be created stops the node at start, naming the key.
func TestLogFileUnwritable(t *testing.T) {
	cfg := logConfig(t)
	if err := os.WriteFile(filepath.Join(cfg.Dir, "logs"), nil, 0o644); err != nil { // a file where the directory goes
		t.Fatal(err)
	}
	old := slog.Default()
	defer slog.SetDefault(old)
	if _, _, err := setupLogging(cfg); err == nil || !strings.Contains(err.Error(), "logFile") {
		t.Fatalf("setupLogging: %v, want an error naming logFile", err)
	}
}
