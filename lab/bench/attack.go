package bench

import (
	"fmt"
	"strings"

	"chain33node/lab/flood"
)

// The outsider group: the cluster under the attack of the issue "Consensus
// under attack", a paced load run without it and then with it.
const (
	AttackTitle = "4 validators, an outsider attacking two of them"
	// DefaultAttack is cmd/outsider flooding n1 and n2 from 4 identities each, every connection under the
	// transport's observer rate (100 messages/s), so that only the consensus layer can tell it from an
	// honest observer.
	DefaultAttack = "{bin}/outsider -targets {targets} -conns 4 -votes 80 -catchup 5 -status 5"
)

// AttackNote describes the attack of the group's second case, given the
// command line as configured (placeholders not replaced).
func AttackNote(attack string) string {
	attack = strings.ReplaceAll(attack, "{bin}/", "")
	if strings.HasPrefix(attack, "outsider ") {
		attack += "` (cmd/outsider: per connection and second, junk votes of the current height with random block hashes " +
			"and garbage signatures, catch-up requests Status{height: 1}, status requests with empty bitmaps; every " +
			"connection a new libp2p identity)"
	} else {
		attack += "`"
	}
	return "The same paced load runs twice on one cluster: alone, then with an outsider (a host without a validator key, " +
		"in a network namespace of its own) attacking the consensus ports of n1 and n2 (`{targets}` in the command) for the whole case: `" + attack + "."
}

// attackSummary says what cmd/outsider sent each target and how it fared.
func attackSummary(rep *flood.Report) string {
	var parts []string
	for _, t := range rep.Targets {
		var sent []string
		for k := range flood.NumKinds {
			if n := t.Sent[k.String()]; n > 0 {
				sent = append(sent, fmt.Sprintf("%s %s", thousands(int(n)), k))
			}
		}
		fate := "it was not cut off"
		if t.CutOff {
			fate = fmt.Sprintf("the target cut it off (first after %.0f s)", t.FirstCutOff)
		}
		parts = append(parts, fmt.Sprintf("to %s the outsider sent %s (%.1f MB) in %.0f s and received %.0f MB; %d sessions, %d ended by the target, %d dials refused; %s",
			t.Addr, strings.Join(sent, ", "), float64(t.BytesSent)/1e6, rep.Seconds, float64(t.BytesReceived)/1e6,
			t.Sessions, t.EndedByTarget, t.Refused, fate))
	}
	return strings.Join(parts, "; ")
}

// Compare is a note on a case run twice, without and with an attack on the
// nodes flooded (indexes): committed tx/s of both over the whole case and
// their ratio, latency, and the flooded nodes' CPU and RSS.
func Compare(without, with Result, flooded []int) string {
	if without.Err != "" || with.Err != "" || without.Summary.Committed == 0 || with.Window <= 0 {
		return "No comparison: a case failed."
	}
	a, b := without.Summary, with.Summary
	isFlooded := map[int]bool{}
	var names []string
	for _, i := range flooded {
		isFlooded[i] = true
		if i < len(with.Nodes) {
			names = append(names, with.Nodes[i].Name)
		}
	}
	use := func(r Result, flooded bool) string {
		var cores, mb []string
		for i, u := range r.Nodes {
			if isFlooded[i] == flooded {
				cores, mb = append(cores, fmt.Sprintf("%.2f", u.Cores)), append(mb, fmt.Sprintf("%d", u.MaxRSS>>20))
			}
		}
		return fmt.Sprintf("%s cores, %s MB", strings.Join(cores, " / "), strings.Join(mb, " / "))
	}
	// Committed over the whole case, the drain included: a cluster that stops
	// committing under the attack does not look faster for it.
	rate := func(r Result) float64 { return float64(r.Summary.Committed) / r.Window.Seconds() }
	return fmt.Sprintf("Under the attack the cluster committed **%.0f tx/s** (%s of %s acknowledged in %.0f s), without it "+
		"**%.0f tx/s** (%s of %s in %.0f s): **%.0f %%**; latency p50 %s against %s, p99 %s against %s. "+
		"The flooded validators %s used %s under the attack (%s without it); the others %s (%s without it).",
		rate(with), thousands(b.Committed), thousands(b.Accepted), with.Window.Seconds(),
		rate(without), thousands(a.Committed), thousands(a.Accepted), without.Window.Seconds(), 100*rate(with)/rate(without),
		ms(b.Lat[0]), ms(a.Lat[0]), ms(b.Lat[2]), ms(a.Lat[2]),
		strings.Join(names, ", "), use(with, true), use(without, true), use(with, false), use(without, false))
}
