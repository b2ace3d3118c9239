package types

import (
	"bytes"
	"errors"
	"math"
	"math/rand/v2"
	"strings"
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

// The exact values at the cap: floor(2t/3)+1 and floor(t/3)+1 for
// t = MaxTotalVotingPower = 1152921504606846975 = 3 × 384307168202282325.
func TestQuorumAtTheCap(t *testing.T) {
	s := testSet(MaxTotalVotingPower-3, 1, 1, 1)
	if err := s.CheckPower(); err != nil {
		t.Fatal(err)
	}
	if got := s.TotalPower(); got != 1152921504606846975 {
		t.Fatalf("total %d", got)
	}
	if got := s.Quorum(); got != 768614336404564651 {
		t.Errorf("quorum %d, want 768614336404564651", got)
	}
	if got := s.OneThird(); got != 384307168202282326 {
		t.Errorf("one third %d, want 384307168202282326", got)
	}
	// One more is past the cap: refused, and the total of a hand-built set
	// saturates instead of wrapping, so no signers reach its quorum.
	s.Validators[1].Power = 2
	if err := s.CheckPower(); !errors.Is(err, ErrVotingPowerCap) {
		t.Fatalf("CheckPower past the cap: %v", err)
	}
	if s.TotalPower() != math.MaxInt64 || s.Quorum() != 6148914691236517205 || s.Quorum() <= 0 {
		t.Fatalf("past the cap: total %d quorum %d", s.TotalPower(), s.Quorum())
	}
	// Powers whose sum wraps int64 (the negative quorum).
	s = testSet(math.MaxInt64/2+1, math.MaxInt64/2+1)
	if s.Quorum() <= s.TotalPower()/2 {
		t.Fatalf("wrapping powers: total %d quorum %d", s.TotalPower(), s.Quorum())
	}
}

// Property: for every total up to the cap, Quorum is the least power
// strictly above 2/3 of it and OneThird the least strictly above 1/3.
func TestQuorumProperty(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	totals := []int64{1, 2, 3, 4, 5, 6, 40, MaxTotalVotingPower - 2, MaxTotalVotingPower - 1, MaxTotalVotingPower}
	for range 100000 {
		totals = append(totals, 1+r.Int64N(MaxTotalVotingPower))
	}
	for _, total := range totals {
		// Split into up to 7 validators, so TotalPower sums for real.
		var powers []int64
		left := total
		for k := 0; left > 0; k++ {
			p := left
			if k < 6 && left > 1 {
				p = 1 + r.Int64N(left)
			}
			powers = append(powers, p)
			left -= p
		}
		s := testSet(powers...)
		if s.TotalPower() != total {
			t.Fatalf("powers %v: total %d, want %d", powers, s.TotalPower(), total)
		}
		q, third := s.Quorum(), s.OneThird()
		if q*3 <= 2*total || (q-1)*3 > 2*total {
			t.Fatalf("total %d: quorum %d is not the least power above 2/3", total, q)
		}
		if third*3 <= total || (third-1)*3 > total {
			t.Fatalf("total %d: one third %d is not the least power above 1/3", total, third)
		}
	}
}

func TestAddVotingPower(t *testing.T) {
	for _, c := range []struct {
		total, p, want int64
		err            bool
	}{
		{0, 1, 1, false},
		{MaxTotalVotingPower - 1, 1, MaxTotalVotingPower, false},
		{MaxTotalVotingPower, 0, MaxTotalVotingPower, false},
		{MaxTotalVotingPower, 1, 0, true},
		{0, MaxTotalVotingPower + 1, 0, true},
		{MaxTotalVotingPower, math.MaxInt64, 0, true}, // would wrap
		{math.MaxInt64, 1, 0, true},
		{10, -1, 0, true},
		{-1, 10, 0, true},
	} {
		got, err := AddVotingPower(c.total, c.p)
		if (err != nil) != c.err || got != c.want {
			t.Errorf("AddVotingPower(%d, %d) = %d, %v", c.total, c.p, got, err)
		}
		if err != nil && c.p >= 0 && c.total >= 0 && !strings.Contains(err.Error(), "MaxTotalVotingPower = 1152921504606846975") {
			t.Errorf("AddVotingPower(%d, %d): %q does not name the cap", c.total, c.p, err)
		}
	}
}

func TestValidatorSetFromProtoRefusesPastTheCap(t *testing.T) {
	over := testSet(MaxTotalVotingPower, 1).Proto()
	if _, err := ValidatorSetFromProto(over); !errors.Is(err, ErrVotingPowerCap) {
		t.Fatalf("total past the cap: %v", err)
	}
	at := testSet(MaxTotalVotingPower-1, 1).Proto()
	if _, err := ValidatorSetFromProto(at); err != nil {
		t.Fatalf("total at the cap: %v", err)
	}
}

// Priorities at the cap: many heights with newcomers, power changes and
// removals keep them in range (no wraparound) and the schedule fair.
func TestPrioritiesAtTheCapStayInRange(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	s := testSet(MaxTotalVotingPower/4, MaxTotalVotingPower/4, MaxTotalVotingPower/4, MaxTotalVotingPower/4-1000)
	next := byte(10)
	for h := range 2000 {
		switch h % 7 {
		case 0: // newcomers in one block, each at -1.125 × the total: their sum is past int64
			for range 1 + r.IntN(12) {
				if room := MaxTotalVotingPower - s.TotalPower(); room > 12 && next < 250 {
					s.Add(&Validator{Address: bytes.Repeat([]byte{next}, 20), Power: 1 + r.Int64N(room/12)})
					next++
				}
			}
		case 3: // a validator halves its power, leaving room for newcomers
			i := r.IntN(len(s.Validators))
			s.Validators[i].Power = max(1, s.Validators[i].Power/2)
		case 5: // a removal
			if len(s.Validators) > 4 {
				i := r.IntN(len(s.Validators))
				s.Validators = append(s.Validators[:i], s.Validators[i+1:]...)
			}
		}
		if err := s.CheckPower(); err != nil {
			t.Fatalf("height %d: %v", h, err)
		}
		s.Step()
		s.Normalize()
		total := s.TotalPower()
		for _, v := range s.Validators {
			if v.Accum > 2*total || v.Accum < -2*total {
				t.Fatalf("height %d: priority %d outside ±2×%d", h, v.Accum, total)
			}
		}
	}
	// Fair at the cap: equal powers propose in turn.
	s = testSet(MaxTotalVotingPower/4, MaxTotalVotingPower/4, MaxTotalVotingPower/4, MaxTotalVotingPower/4)
	var got []byte
	for range 8 {
		got = append(got, s.Step().Address[0])
		s.Normalize()
	}
	if !bytes.Equal(got, []byte{1, 2, 3, 4, 1, 2, 3, 4}) {
		t.Fatalf("order at the cap %v", got)
	}
}

// A set past the cap, built by hand, never makes Step or Normalize panic.
func TestPastTheCapDoesNotPanic(t *testing.T) {
	s := testSet(math.MaxInt64, math.MaxInt64, 1)
	s.Normalize() // equal priorities: no spread to scale
	s.Add(&Validator{Address: bytes.Repeat([]byte{9}, 20), Power: math.MaxInt64})
	for range 10 {
		s.Step()
		s.Normalize()
	}
	_ = s.Proposer(3)
}
