package netkit

import (
	"context"
	"math/rand/v2"
	"time"
)

// Redial timing of both networks.
const (
	MinBackoff = 500 * time.Millisecond
	MaxBackoff = 30 * time.Second
)

// Backoff is an exponential redial delay with ±20% jitter, from MinBackoff to MaxBackoff. The zero value is
// ready to use.
type Backoff struct{ next time.Duration }

// Reset starts the next Step at MinBackoff again.
func (b *Backoff) Reset() { b.next = 0 }

// Step returns the delay before the next attempt: MinBackoff, then twice the last, at most MaxBackoff, each
// jittered.
func (b *Backoff) Step() time.Duration {
	if b.next == 0 {
		b.next = MinBackoff
	}
	d := b.next
	b.next = min(2*b.next, MaxBackoff)
	return Jitter(d)
}

// Jitter returns d scaled by a random factor in [0.8, 1.2).
func Jitter(d time.Duration) time.Duration {
	return time.Duration(float64(d) * (0.8 + 0.4*rand.Float64()))
}

// Sleep waits d, or less if ctx ends first; it reports whether ctx is still live. A redial loop sleeps the
// Backoff delay this way, so that closing its host stops it at once.
func Sleep(ctx context.Context, d time.Duration) bool {
	if d <= 0 {
		return ctx.Err() == nil
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-ctx.Done():
		return false
	}
}
