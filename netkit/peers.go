package netkit

import (
	"errors"
	"log/slog"
	"strings"
	"sync"

	"github.com/libp2p/go-libp2p/core/protocol"
	mss "github.com/multiformats/go-multistream"
)

// MismatchError is a peer of another chain: another chain ID or channel, or another genesis block. Reason
// says which, naming both sides.
type MismatchError struct{ Reason string }

func (e *MismatchError) Error() string { return e.Reason }

// IsNotSupported reports whether err means that the peer does not speak the protocol a stream asked for.
// Since protocol IDs carry the chain, that is often a peer of another chain (or one that has not registered
// its handlers yet).
func IsNotSupported(err error) bool {
	var ns mss.ErrNotSupported[protocol.ID]
	return errors.As(err, &ns) || strings.Contains(err.Error(), "protocols not supported")
}

// Reporter logs warnings that would otherwise repeat, such as a peer of another chain refused on every
// redial: a message is a warning unless it is the last one logged under its key; a repeat is logged at debug
// level.
type Reporter struct {
	log  *slog.Logger
	mu   sync.Mutex
	last map[string]string
}

// NewReporter returns a Reporter that logs to log.
func NewReporter(log *slog.Logger) *Reporter {
	return &Reporter{log: log, last: make(map[string]string)}
}

// Warn logs msg with args at warning level, or at debug level if msg is the last message logged under key.
func (r *Reporter) Warn(key, msg string, args ...any) {
	r.mu.Lock()
	last, ok := r.last[key]
	if len(r.last) > 4096 { // keys include peer IDs, which cost an attacker nothing
		clear(r.last)
	}
	r.last[key] = msg
	r.mu.Unlock()
	if !ok || last != msg {
		r.log.Warn(msg, args...)
	} else {
		r.log.Debug(msg, args...)
	}
}
