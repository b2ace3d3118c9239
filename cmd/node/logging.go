package main

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"

	"chain33node/config"

	"gopkg.in/natefinch/lumberjack.v2"
)

// setupLogging sends structured logs to the rotating [log] logFile and to
// the console, each at its own level.
func setupLogging(cfg *config.Config) (*slog.Logger, func(), error) {
	l := cfg.Log
	f, err := openLogFile(cfg)
	if err != nil {
		return nil, nil, err
	}
	fileLevel, consoleLevel := level(l.Loglevel), level(l.LogConsoleLevel)
	if l.LogConsoleLevel == "" {
		consoleLevel = fileLevel
	}
	h := fanout{
		slog.NewTextHandler(f, &slog.HandlerOptions{Level: fileLevel}),
		slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: consoleLevel}),
	}
	log := slog.New(h)
	slog.SetDefault(log)
	return log, func() { f.Close() }, nil
}

// openLogFile returns the [log] logFile, rotated as chain33 rotates it (with
// lumberjack, from the same keys): a write that would take it past
// maxFileSize MB moves it aside to a backup named with the time of the
// rotation (UTC, or local time with localTime), gzipped with compress; at
// most maxBackups backups are kept (0: all), none older than maxAge days (0:
// any age). The file is created now, mode 0644 (lumberjack keeps the mode
// across rotations), so that a log path the node cannot write stops it at
// start instead of losing every line.
func openLogFile(cfg *config.Config) (*lumberjack.Logger, error) {
	l := cfg.Log
	path := cfg.Resolve(l.LogFile)
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return nil, fmt.Errorf("[log] logFile: %w: make the directory writable or set logFile elsewhere", err)
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_APPEND, 0o644)
	if err != nil {
		return nil, fmt.Errorf("[log] logFile: %w: make the file writable or set logFile elsewhere", err)
	}
	f.Close()
	return &lumberjack.Logger{
		Filename:   path,
		MaxSize:    int(l.MaxFileSize),
		MaxBackups: int(l.MaxBackups),
		MaxAge:     int(l.MaxAge),
		LocalTime:  l.LocalTime,
		Compress:   l.Compress,
	}, nil
}

// level maps chain33's level names; crit is above error.
func level(s string) slog.Level {
	switch strings.ToLower(s) {
	case "debug", "dbug":
		return slog.LevelDebug
	case "warn":
		return slog.LevelWarn
	case "error", "eror":
		return slog.LevelError
	case "crit":
		return slog.LevelError + 4
	}
	return slog.LevelInfo
}

// fanout sends each record to every handler that wants it.
type fanout []slog.Handler

func (f fanout) Enabled(ctx context.Context, l slog.Level) bool {
	for _, h := range f {
		if h.Enabled(ctx, l) {
			return true
		}
	}
	return false
}

func (f fanout) Handle(ctx context.Context, r slog.Record) error {
	for _, h := range f {
		if h.Enabled(ctx, r.Level) {
			if err := h.Handle(ctx, r.Clone()); err != nil {
				return err
			}
		}
	}
	return nil
}

func (f fanout) WithAttrs(a []slog.Attr) slog.Handler {
	out := make(fanout, len(f))
	for i, h := range f {
		out[i] = h.WithAttrs(a)
	}
	return out
}

func (f fanout) WithGroup(name string) slog.Handler {
	out := make(fanout, len(f))
	for i, h := range f {
		out[i] = h.WithGroup(name)
	}
	return out
}
