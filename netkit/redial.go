package netkit

import (
	"context"
	"errors"
	"log/slog"
	"time"

	"github.com/libp2p/go-libp2p/core/peer"
)

// Redial keeps a host connected to the peers configured by address (validatorNodes, seeds): Run, one
// goroutine per address, dials, waits while the peer is connected, and dials again after a Backoff when it is
// not, until its context ends. The networks supply what differs between them as functions.
type Redial struct {
	// What names a configured address in logs: "validatorNodes entry", "seed".
	What string
	Log  *slog.Logger

	// Dial makes one attempt to connect to addr. It returns the peer ID learned there, also when the attempt
	// failed after learning it, and ErrSelf (from PeerID) when addr is our own, which ends Run.
	Dial func(addr string) (peer.ID, error)
	// Connected returns a channel closed when peer id disconnects, or nil if it is not connected.
	Connected func(id peer.ID) <-chan struct{}
	// Hold, if set, is asked about every failed attempt: the least time before the next one (0: the backoff
	// alone decides) and whether it logged the failure itself, in which case Run does not.
	Hold func(addr string, id peer.ID, err error) (least time.Duration, reported bool)

	// StableAfter: a connection that lasted at least this long restarts the backoff when it ends, so that a
	// peer that keeps dropping us right after connecting is redialed ever more slowly. Zero: every connection
	// restarts it, and so does every successful dial.
	StableAfter time.Duration
	// FirstDelay delays the first attempt.
	FirstDelay time.Duration

	sleep func(context.Context, time.Duration) bool // Sleep; tests record the delays instead
}

// Targets returns the addresses of addrs to Run: each once, not our own listen address (IsOwnAddr), and only
// those that Multiaddr accepts; the others are logged as errors and skipped.
func (r *Redial) Targets(addrs []string, listen string) []string {
	seen := map[string]bool{}
	var out []string
	for _, addr := range addrs {
		if seen[addr] || IsOwnAddr(addr, listen) {
			continue
		}
		seen[addr] = true
		if _, err := Multiaddr(addr); err != nil {
			r.Log.Error("ignoring bad "+r.What, "addr", addr, "err", err)
			continue
		}
		out = append(out, addr)
	}
	return out
}

// Run keeps addr connected until ctx ends or addr turns out to be our own.
func (r *Redial) Run(ctx context.Context, addr string) {
	var (
		bo      Backoff
		id      peer.ID // the last peer ID learned at addr
		delay   = r.FirstDelay
		failing bool
		sleep   = r.sleep
	)
	if sleep == nil {
		sleep = Sleep
	}
	for {
		if !sleep(ctx, delay) {
			return
		}
		delay = 0
		if id != "" {
			if down := r.Connected(id); down != nil {
				since := time.Now()
				select {
				case <-down:
				case <-ctx.Done():
					return
				}
				if time.Since(since) >= r.StableAfter {
					bo.Reset()
				}
				delay = bo.Step()
				continue
			}
		}
		newID, err := r.Dial(addr)
		if newID != "" {
			id = newID
		}
		switch {
		case err == nil:
			if r.StableAfter == 0 {
				bo.Reset()
			}
			failing = false
		case errors.Is(err, ErrSelf):
			r.Log.Debug(r.What+" is this node, not dialing it", "addr", addr)
			return
		case ctx.Err() != nil:
			return
		default:
			delay = bo.Step()
			var reported bool
			if r.Hold != nil {
				var least time.Duration
				least, reported = r.Hold(addr, id, err)
				delay = max(delay, least)
			}
			switch {
			case reported:
			case !failing:
				r.Log.Info("cannot connect to "+r.What+", retrying", "addr", addr, "err", err)
			default:
				r.Log.Debug("cannot connect to "+r.What+", retrying", "addr", addr, "err", err, "retry_in", delay)
			}
			failing = true
		}
	}
}
