package qbft

import (
	"fmt"
	"maps"
	"slices"
)

// Storage faults are fail-stop. A WAL append or a signer persist that fails
// stops this node's part in consensus at once: nothing more is signed, and
// no proposal or vote of ours leaves (one signed but not logged is dropped).
// The core keeps receiving, so it stays informed and its lock stays where it
// was; status still goes out. The fault is reported once (FaultReporter, or
// one ERROR line), and the failed parts are tried again every ProbeIn (the
// WAL and the signer each make a synced write in their directory); when
// every one succeeds, signing resumes. After a restart the WAL replays what
// was synced before the fault, so the lock survives that too.
//
// A refusal of the double-sign guard (ErrDoubleSign) is the guard working,
// not a fault: it never stops anything.

// The parts that can fail to write, as FaultReporter knows them.
const (
	componentWAL    = "wal"
	componentSigner = "signer"
)

// failStop is the driver's record of its parts that cannot write.
type failStop struct {
	failed  map[string]error // by component; empty: running
	probing bool             // a probe is scheduled
}

func (f *failStop) stopped() bool { return len(f.failed) > 0 }

func (f *failStop) down(component string) bool {
	_, ok := f.failed[component]
	return ok
}

// fail stops signing and sending because component could not write.
func (d *Driver) fail(component string, err error) {
	if d.halt.down(component) {
		d.halt.failed[component] = err
		return
	}
	first := !d.halt.stopped()
	if d.halt.failed == nil {
		d.halt.failed = make(map[string]error)
	}
	d.halt.failed[component] = err
	if d.cfg.Faults != nil {
		d.cfg.Faults.Set(component, fmt.Errorf("consensus stopped signing and sending: %w", err))
	} else {
		d.log.Error("consensus "+component+" cannot write: nothing is signed or sent until it can", "err", err)
	}
	d.mu.Lock()
	if first {
		d.stats.Halts++
	}
	d.stats.Halted = true
	d.mu.Unlock()
	if !d.halt.probing {
		d.halt.probing = true
		d.after(d.cfg.ProbeIn, input{kind: inProbe})
	}
}

// probe tries the failed parts again; signing resumes when all can write.
func (d *Driver) probe() {
	d.halt.probing = false
	for _, c := range slices.Sorted(maps.Keys(d.halt.failed)) {
		var err error
		switch c {
		case componentWAL:
			err = d.wal.Recover()
		case componentSigner:
			err = d.signer.Recover()
		}
		if err != nil {
			d.halt.failed[c] = err
			continue
		}
		delete(d.halt.failed, c)
		if d.cfg.Faults != nil {
			d.cfg.Faults.Clear(c)
		}
	}
	if d.halt.stopped() {
		d.halt.probing = true
		d.after(d.cfg.ProbeIn, input{kind: inProbe})
		return
	}
	d.mu.Lock()
	d.stats.Halted = false
	d.mu.Unlock()
	d.log.Info("consensus storage writes again: signing and sending resume", "height", d.core.Height(), "round", d.core.Round())
	d.core.Retry()
}
