package main

import "testing"

// A case run again on one cluster gets a profile file of its own.
func TestProfileFileOfARepeatedCase(t *testing.T) {
	seen := map[string]int{}
	var got []string
	for _, c := range []string{"256 senders", "1024 senders", "256 senders", "256 senders"} {
		got = append(got, profileFile("p", "4 validators "+c, seen))
	}
	want := []string{
		"p/4-validators-256-senders.pprof",
		"p/4-validators-1024-senders.pprof",
		"p/4-validators-256-senders-2.pprof",
		"p/4-validators-256-senders-3.pprof",
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("case %d: %s, want %s", i, got[i], want[i])
		}
	}
}
