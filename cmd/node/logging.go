package main

import (
	"context"
	"log/slog"
	"os"
	"strings"

	"chain33node/config"
	"chain33node/logfile"
)

// setupLogging sends structured logs to the rotating [log] logFile and to
// the console, each at its own level.
func setupLogging(cfg *config.Config) (*slog.Logger, func(), error) {
	l := cfg.Log
	f, err := logfile.Open(cfg.Resolve(l.LogFile), int(l.MaxFileSize), int(l.MaxBackups), int(l.MaxAge))
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
