package netkit

import (
	"context"
	"testing"
	"time"
)

func TestBackoffBounds(t *testing.T) {
	within := func(d, base time.Duration) bool {
		return d >= base*8/10 && d <= base*12/10
	}
	for run := 0; run < 100; run++ {
		var b Backoff
		want := MinBackoff
		for i := 0; i < 12; i++ { // 500ms·2^6 > 30s: the last steps are capped
			if d := b.Step(); !within(d, want) {
				t.Fatalf("step %d: %v, want %v ±20%%", i, d, want)
			}
			want = min(2*want, MaxBackoff)
		}
		b.Reset()
		if d := b.Step(); !within(d, MinBackoff) {
			t.Fatalf("after Reset: %v, want %v ±20%%", d, MinBackoff)
		}
	}
}

func TestJitter(t *testing.T) {
	for i := 0; i < 1000; i++ {
		if d := Jitter(time.Second); d < 800*time.Millisecond || d >= 1200*time.Millisecond {
			t.Fatalf("Jitter(1s) = %v", d)
		}
	}
}

func TestSleep(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	if !Sleep(ctx, 0) || !Sleep(ctx, time.Millisecond) {
		t.Fatal("Sleep with a live context reported it ended")
	}
	time.AfterFunc(10*time.Millisecond, cancel)
	start := time.Now()
	if Sleep(ctx, time.Minute) {
		t.Fatal("Sleep outlived its context")
	}
	if d := time.Since(start); d >= time.Minute {
		t.Fatalf("Sleep took its whole minute (%v) though its context ended", d)
	}
	if Sleep(ctx, 0) {
		t.Fatal("Sleep(0) with an ended context reported it live")
	}
}
