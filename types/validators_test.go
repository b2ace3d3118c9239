package types

import (
	"bytes"
	"testing"
)

func testSet(powers ...int64) *ValidatorSet {
	s := &ValidatorSet{}
	for i, p := range powers {
		s.Validators = append(s.Validators, &Validator{Address: bytes.Repeat([]byte{byte(i + 1)}, 20), PubKey: []byte{byte(i)}, Power: p})
	}
	return s
}

func TestProposerRotationFollowsPower(t *testing.T) {
	s := testSet(1, 2, 3, 4) // total 10
	counts := map[byte]int{}
	var seq []byte
	for range 100 {
		p := s.Step()
		counts[p.Address[0]]++
		seq = append(seq, p.Address[0])
	}
	for i, want := range []int{10, 20, 30, 40} {
		if got := counts[byte(i+1)]; got != want {
			t.Errorf("validator %d proposed %d times in 100 steps, want %d", i+1, got, want)
		}
	}
	// Interleaved, not in runs: the power-4 validator never proposes three times in a row.
	for i := 2; i < len(seq); i++ {
		if seq[i] == 4 && seq[i-1] == 4 && seq[i-2] == 4 {
			t.Fatalf("run of three at %d: %v", i, seq[:20])
		}
	}
}

func TestProposerEqualPowersRoundRobin(t *testing.T) {
	s := testSet(10, 10, 10, 10)
	var got []byte
	for range 8 {
		got = append(got, s.Step().Address[0])
	}
	if !bytes.Equal(got, []byte{1, 2, 3, 4, 1, 2, 3, 4}) { // ties go to the smaller address
		t.Fatalf("order %v", got)
	}
}

func TestProposerRoundsDoNotMutate(t *testing.T) {
	s := testSet(10, 10, 10, 10)
	p0, p1, p2 := s.Proposer(0), s.Proposer(1), s.Proposer(2)
	if p0.Address[0] != 1 || p1.Address[0] != 2 || p2.Address[0] != 3 {
		t.Fatalf("proposers %d %d %d", p0.Address[0], p1.Address[0], p2.Address[0])
	}
	for _, v := range s.Validators {
		if v.Accum != 0 {
			t.Fatal("Proposer changed the set")
		}
	}
	// The stored step after one height equals round 0's pick; the next height's round 0 is this height's round 1.
	if s.Step() != p0 || s.Proposer(0).Address[0] != 2 {
		t.Fatal("schedule inconsistent across heights")
	}
}

func TestAddAndNormalize(t *testing.T) {
	s := testSet(10, 10, 10)
	s.Add(&Validator{Address: bytes.Repeat([]byte{0}, 20), Power: 10})
	if s.Validators[0].Power != 10 || s.Validators[0].Accum != -45 || s.Index(bytes.Repeat([]byte{0}, 20)) != 0 {
		t.Fatalf("add: %+v", s.Validators[0])
	}
	// The newcomer does not propose in the next three steps.
	for range 3 {
		if s.Step().Address[0] == 0 {
			t.Fatal("newcomer proposed at once")
		}
	}
	s.Validators[1].Accum = 1 << 40
	s.Normalize()
	var sum, lo, hi int64
	lo, hi = s.Validators[0].Accum, s.Validators[0].Accum
	for _, v := range s.Validators {
		sum += v.Accum
		lo, hi = min(lo, v.Accum), max(hi, v.Accum)
	}
	if hi-lo > 2*s.TotalPower() || sum > int64(len(s.Validators)) || sum < -int64(len(s.Validators)) {
		t.Fatalf("not normalized: spread %d sum %d", hi-lo, sum)
	}
	pb := s.Proto()
	back, err := ValidatorSetFromProto(pb)
	if err != nil || len(back.Validators) != 4 || back.Validators[2].Accum != s.Validators[2].Accum {
		t.Fatalf("proto round trip: %v", err)
	}
}
