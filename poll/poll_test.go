package poll

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

func TestWaitReturnsOnceTheCheckHolds(t *testing.T) {
	calls := 0
	err := Wait(time.Minute, func() error {
		calls++
		if calls < 3 {
			return fmt.Errorf("call %d", calls)
		}
		return nil
	})
	if err != nil || calls != 3 {
		t.Fatalf("Wait = %v after %d calls, want nil after 3", err, calls)
	}
}

func TestWaitReturnsTheLastError(t *testing.T) {
	calls := 0
	err := Wait(20*time.Millisecond, func() error { calls++; return fmt.Errorf("call %d", calls) })
	if err == nil || err.Error() != fmt.Sprintf("call %d", calls) || calls < 2 {
		t.Fatalf("Wait = %v after %d calls, want the last call's error", err, calls)
	}
}

// A check that takes long is not run back to back: at most about half of the time goes to it.
func TestWaitPausesAtLeastAsLongAsTheCheck(t *testing.T) {
	calls := 0
	Wait(200*time.Millisecond, func() error { calls++; time.Sleep(20 * time.Millisecond); return fmt.Errorf("no") })
	if calls > 7 { // 200 ms / (20 ms check + 20 ms pause), plus the one at the deadline
		t.Fatalf("%d checks of 20 ms in 200 ms", calls)
	}
}

// fatalTB records Fatalf instead of ending the test.
type fatalTB struct {
	testing.TB
	msg string
}

func (f *fatalTB) Helper() {}
func (f *fatalTB) Fatalf(format string, args ...any) {
	f.msg = fmt.Sprintf(format, args...)
}

func TestUntilSaysWhatItWaitedFor(t *testing.T) {
	f := &fatalTB{TB: t}
	Until(f, 10*time.Millisecond, "the moon", func() bool { return false })
	if !strings.Contains(f.msg, "waiting for the moon") || !strings.Contains(f.msg, "10ms") {
		t.Fatalf("failure message %q", f.msg)
	}
	f.msg = ""
	n := 0
	Until(f, time.Minute, "the third call", func() bool { n++; return n == 3 })
	if f.msg != "" || n != 3 {
		t.Fatalf("Until failed (%q) or called %d times", f.msg, n)
	}
}
