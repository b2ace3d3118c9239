package netkit

import (
	"context"
	"errors"
	"log/slog"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"chain33node/logtest"

	"github.com/libp2p/go-libp2p/core/peer"
)

var errRefused = errors.New("connection refused")

// script drives a Redial through a fixed sequence of dial outcomes; a successful dial is followed by one
// connection that ends at once. It records every delay Run asks for instead of sleeping.
type script struct {
	outcomes []error // per dial; nil = connected, then down
	dials    int
	up       bool
	delays   []time.Duration
	logs     *logtest.Buffer
}

func (s *script) redial(stableAfter time.Duration) *Redial {
	var log *slog.Logger
	log, s.logs = logtest.New(slog.LevelInfo)
	return &Redial{
		What:        "seed",
		Log:         log,
		StableAfter: stableAfter,
		Dial: func(string) (peer.ID, error) {
			err := s.outcomes[s.dials]
			s.dials++
			s.up = err == nil
			return "peer", err
		},
		Connected: func(peer.ID) <-chan struct{} {
			if !s.up {
				return nil
			}
			s.up = false
			down := make(chan struct{})
			close(down)
			return down
		},
		sleep: func(ctx context.Context, d time.Duration) bool {
			s.delays = append(s.delays, d)
			return ctx.Err() == nil
		},
	}
}

// near reports whether d is base ±20% (Backoff's jitter).
func near(d, base time.Duration) bool { return d >= base*8/10 && d <= base*12/10 }

func checkDelays(t *testing.T, got []time.Duration, want ...time.Duration) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("delays %v, want about %v", got, want)
	}
	for i := range want {
		if !near(got[i], want[i]) {
			t.Fatalf("delay %d is %v, want %v ±20%% (all: %v)", i, got[i], want[i], got)
		}
	}
}

func TestRedialBackoff(t *testing.T) {
	const s, ms = time.Second, time.Millisecond
	// fail, fail, connect (and drop at once), fail, then the address turns out to be our own.
	outcomes := []error{errRefused, errRefused, nil, errRefused, ErrSelf}
	for _, tc := range []struct {
		name        string
		stableAfter time.Duration
		want        []time.Duration
	}{
		// A connection shorter than StableAfter does not restart the backoff: the redial after it and the
		// failure after that keep escalating (a peer that drops us at once is not hammered).
		{"short connection", time.Hour, []time.Duration{0, 500 * ms, s, 0, 2 * s, 4 * s}},
		// A stable connection restarts it: redial after MinBackoff, then double.
		{"stable connection", time.Nanosecond, []time.Duration{0, 500 * ms, s, 0, 500 * ms, s}},
		// StableAfter zero: every connection counts as stable.
		{"zero", 0, []time.Duration{0, 500 * ms, s, 0, 500 * ms, s}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			sc := &script{outcomes: outcomes}
			sc.redial(tc.stableAfter).Run(context.Background(), "10.0.0.1:13802")
			if sc.dials != len(outcomes) {
				t.Fatalf("%d dials, want %d (Run must stop at ErrSelf)", sc.dials, len(outcomes))
			}
			checkDelays(t, sc.delays, tc.want...)
		})
	}
}

// The first failure of a streak is logged at info level, the rest at debug; a connection ends the streak.
func TestRedialLogsStreakOnce(t *testing.T) {
	sc := &script{outcomes: []error{errRefused, errRefused, errRefused, nil, errRefused, ErrSelf}}
	sc.redial(0).Run(context.Background(), "10.0.0.1:13802")
	var n int
	for _, l := range sc.logs.Lines() {
		if strings.Contains(l, "cannot connect to seed, retrying") {
			n++
			if !strings.Contains(l, "addr=10.0.0.1:13802") || !strings.Contains(l, errRefused.Error()) {
				t.Errorf("log line lacks address or error: %s", l)
			}
		}
	}
	if n != 2 {
		t.Errorf("%d info lines for two failure streaks, want 2:\n%s", n, strings.Join(sc.logs.Lines(), "\n"))
	}
}

// Hold sets the least delay after a failure and may take over its logging.
func TestRedialHold(t *testing.T) {
	errOther := errors.New("peer of another chain")
	sc := &script{outcomes: []error{errRefused, errOther, errRefused, ErrSelf}}
	r := sc.redial(0)
	var held []error
	r.Hold = func(addr string, id peer.ID, err error) (time.Duration, bool) {
		if addr != "10.0.0.1:13802" || id != "peer" {
			t.Errorf("Hold(%q, %q)", addr, id)
		}
		held = append(held, err)
		if errors.Is(err, errOther) {
			return 5 * time.Minute, true
		}
		return time.Millisecond, false // less than the backoff: the backoff wins
	}
	r.Run(context.Background(), "10.0.0.1:13802")
	if !slices.Equal(held, []error{errRefused, errOther, errRefused}) {
		t.Errorf("Hold asked about %v", held)
	}
	if len(sc.delays) != 4 || !near(sc.delays[1], 500*time.Millisecond) || sc.delays[2] != 5*time.Minute ||
		!near(sc.delays[3], 2*time.Second) {
		t.Errorf("delays %v, want 0, 500ms±20%%, 5m, 2s±20%%", sc.delays)
	}
	for _, l := range sc.logs.Lines() {
		if strings.Contains(l, errOther.Error()) {
			t.Errorf("a failure that Hold reported was logged again: %s", l)
		}
	}
	// One streak of failures: the first logged at info level, the held one by Hold, the last at debug.
	if got := sc.logs.Lines(); len(got) != 1 || !strings.Contains(got[0], errRefused.Error()) {
		t.Errorf("logs %q, want one line for the first failure", got)
	}
}

// Run ends when its context does, while it waits for a connected peer to go down and while it sleeps: the
// context ends once Run is in that state.
func TestRedialStopsWithContext(t *testing.T) {
	block := make(chan struct{}) // never closed: the peer stays connected
	for what, state := range map[string]func(r *Redial, in func()){
		"waiting while the peer is connected": func(r *Redial, in func()) {
			r.Dial = func(string) (peer.ID, error) { return "peer", nil }
			r.Connected = func(peer.ID) <-chan struct{} { in(); return block }
		},
		"sleeping": func(r *Redial, in func()) {
			r.FirstDelay = time.Hour
			r.Dial = func(string) (peer.ID, error) { t.Error("dialed before FirstDelay"); return "", nil }
			r.sleep = func(ctx context.Context, d time.Duration) bool { in(); return Sleep(ctx, d) }
		},
	} {
		r := &Redial{What: "seed", Log: slog.New(slog.DiscardHandler)}
		entered := make(chan struct{})
		var once sync.Once
		state(r, func() { once.Do(func() { close(entered) }) })
		ctx, cancel := context.WithCancel(context.Background())
		done := make(chan struct{})
		go func() {
			r.Run(ctx, "10.0.0.1:13802")
			close(done)
		}()
		select {
		case <-entered:
		case <-time.After(5 * time.Second):
			t.Fatalf("Run never got to %s", what)
		}
		cancel()
		select {
		case <-done:
		case <-time.After(5 * time.Second):
			t.Fatalf("Run outlived its context while %s", what)
		}
	}
}

func TestRedialTargets(t *testing.T) {
	log, logs := logtest.New(slog.LevelInfo)
	r := &Redial{What: "validatorNodes entry", Log: log}
	got := r.Targets([]string{"10.0.0.2:33001", "127.0.0.1:33001", "10.0.0.2:33001", "no-port", "10.0.0.3:33001"},
		"127.0.0.1:33001")
	if want := []string{"10.0.0.2:33001", "10.0.0.3:33001"}; !slices.Equal(got, want) {
		t.Errorf("Targets = %v, want %v (each once, not our own, not the bad one)", got, want)
	}
	if l := logs.Lines(); len(l) != 1 || !strings.Contains(l[0], "ignoring bad validatorNodes entry") ||
		!strings.Contains(l[0], "addr=no-port") {
		t.Errorf("logs %q, want one error naming the bad entry", l)
	}
}
