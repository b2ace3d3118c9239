package transport

import (
	"time"

	"golang.org/x/time/rate"
)

// Rate bounds what one peer may send us: messages and bytes per second, with bursts of two seconds' worth.
// A peer over its rate is throttled: its frames are read no faster than the rate allows, which backs up its
// stream (yamux flow control) and then its send queue. A peer that stays over its rate for FloodBanAfter is
// banned (ReasonFlood).
type Rate struct {
	Msgs  float64 // messages per second
	Bytes float64 // bytes per second
}

// Default rates. Validators' are generous (a proposal can be a 32 MB block, and catch-up sends dozens of blocks
// at once); observers may send status and catch-up requests, and catch-up answers when they are ahead.
var (
	DefaultValidatorRate = Rate{Msgs: 1000, Bytes: 256 << 20}
	DefaultObserverRate  = Rate{Msgs: 100, Bytes: 16 << 20}
)

// Inbound streams per peer: a peer opens one per connection, and one more now and then when both sides dial at
// once or a stream fails. Each costs a handshake with a BLS signature (and maybe a verification), so a peer that
// opens them faster than this has the extra ones reset.
const (
	streamRate  = rate.Limit(0.5)
	streamBurst = 4
)

func (r Rate) burst(perSecond float64) int { return max(1, int(min(2*perSecond, 1<<40))) }

// throttle applies a peer's Rate to the frames it sends. It is used under the peer's recvMu.
type throttle struct {
	validator   bool // which Rate the limiters are set to
	msgs, bytes *rate.Limiter
	overSince   time.Time // the first frame of the current run of frames that each had to wait
}

func newThrottle(r Rate, validator bool) *throttle {
	return &throttle{
		validator: validator,
		msgs:      rate.NewLimiter(rate.Limit(r.Msgs), r.burst(r.Msgs)),
		bytes:     rate.NewLimiter(rate.Limit(r.Bytes), r.burst(r.Bytes)),
	}
}

// set switches to another Rate (the peer joined or left the validator set).
func (t *throttle) set(now time.Time, r Rate, validator bool) {
	t.validator = validator
	t.msgs.SetLimitAt(now, rate.Limit(r.Msgs))
	t.msgs.SetBurstAt(now, r.burst(r.Msgs))
	t.bytes.SetLimitAt(now, rate.Limit(r.Bytes))
	t.bytes.SetBurstAt(now, r.burst(r.Bytes))
}

// take accounts for one frame of n bytes arriving at now. It returns how long to wait before delivering it,
// and whether the peer has now been over its rate for floodAfter without a pause.
func (t *throttle) take(now time.Time, n int, floodAfter time.Duration) (time.Duration, bool) {
	delay := t.msgs.ReserveN(now, 1).DelayFrom(now)
	// A frame larger than the byte burst is taken in burst-sized pieces; each reservation queues after the last.
	for burst := t.bytes.Burst(); n > 0; n -= burst {
		delay = max(delay, t.bytes.ReserveN(now, min(n, burst)).DelayFrom(now))
	}
	if delay <= 0 {
		t.overSince = time.Time{}
		return 0, false
	}
	if t.overSince.IsZero() {
		t.overSince = now
	}
	return delay, now.Sub(t.overSince) >= floodAfter
}
