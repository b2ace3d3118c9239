package types

import (
	"bytes"
	"encoding/hex"
	"fmt"
	"math"
	"math/big"
	"slices"
	"strings"
)

// MaxTotalVotingPower caps the total voting power of a validator set
// (CometBFT's bound). Below it no sum of powers, quorum or proposer priority
// overflows: priorities stay within a few times the total (see Normalize), and
// 8 × the cap is MaxInt64.
const MaxTotalVotingPower = math.MaxInt64 / 8

// ErrVotingPowerCap is wrapped by every refusal of a power or total past
// MaxTotalVotingPower.
var ErrVotingPowerCap = fmt.Errorf("total voting power above the cap MaxTotalVotingPower = %d", int64(MaxTotalVotingPower))

// AddVotingPower returns total + p, for a total and a power that are not
// negative, or an error wrapping ErrVotingPowerCap when the sum would pass
// MaxTotalVotingPower. It never overflows; it is the one check of the cap.
func AddVotingPower(total, p int64) (int64, error) {
	if total < 0 || p < 0 {
		return 0, fmt.Errorf("negative voting power: %d + %d", total, p)
	}
	if p > MaxTotalVotingPower-total {
		return 0, fmt.Errorf("%w: %d + %d", ErrVotingPowerCap, total, p)
	}
	return total + p, nil
}

// Validator is one member of a validator set.
type Validator struct {
	Address []byte // crypto.ValidatorAddress(PubKey), 20 bytes
	PubKey  []byte // 48-byte BLS public key
	Power   int64
	Accum   int64 // proposer priority
}

// ValidatorSet is a validator set sorted by address, with the weighted
// round-robin proposer priorities of Tendermint ("accum"): each step adds
// every validator's power to its priority, and the validator with the
// highest priority (ties: smaller address) proposes and pays back the total
// power. Over total-power steps each validator proposes power times,
// interleaved.
//
// The set in state is ready for the next height: its proposer at round r is
// the pick of r+1 steps on a copy, and executing a block advances the stored
// priorities by exactly one step, so the schedule is a pure function of
// state.
type ValidatorSet struct {
	Validators []*Validator
}

// ValidatorSetFromProto reads the state form (hex address and key).
func ValidatorSetFromProto(pb *QbftValidatorSet) (*ValidatorSet, error) {
	s := &ValidatorSet{}
	for i, v := range pb.GetValidators() {
		addr, err1 := hex.DecodeString(v.Address)
		pub, err2 := hex.DecodeString(v.PubKey)
		if err1 != nil || err2 != nil || len(addr) != 20 || v.VotingPower <= 0 {
			return nil, fmt.Errorf("validator %d: bad address %q, key or power %d", i, v.Address, v.VotingPower)
		}
		s.Validators = append(s.Validators, &Validator{Address: addr, PubKey: pub, Power: v.VotingPower, Accum: v.Accum})
	}
	for i := 1; i < len(s.Validators); i++ {
		if bytes.Compare(s.Validators[i-1].Address, s.Validators[i].Address) >= 0 {
			return nil, fmt.Errorf("validators not sorted by address at %d", i)
		}
	}
	if err := s.CheckPower(); err != nil {
		return nil, err
	}
	return s, nil
}

// CheckPower checks that every power is positive and the total at most
// MaxTotalVotingPower. A set read from state or genesis passes it, so the
// arithmetic of TotalPower, Quorum and the priorities cannot overflow.
func (s *ValidatorSet) CheckPower() error {
	var total int64
	for i, v := range s.Validators {
		if v.Power <= 0 {
			return fmt.Errorf("validator %d (%X): power %d must be > 0", i, v.Address, v.Power)
		}
		var err error
		if total, err = AddVotingPower(total, v.Power); err != nil {
			return fmt.Errorf("validator %d (%X): %w", i, v.Address, err)
		}
	}
	return nil
}

// Proto returns the state form.
func (s *ValidatorSet) Proto() *QbftValidatorSet {
	pb := &QbftValidatorSet{}
	for _, v := range s.Validators {
		pb.Validators = append(pb.Validators, &QbftValidator{
			Address: strings.ToUpper(hex.EncodeToString(v.Address)), PubKey: strings.ToUpper(hex.EncodeToString(v.PubKey)),
			VotingPower: v.Power, Accum: v.Accum,
		})
	}
	return pb
}

// Copy returns a deep copy.
func (s *ValidatorSet) Copy() *ValidatorSet {
	c := &ValidatorSet{Validators: make([]*Validator, len(s.Validators))}
	for i, v := range s.Validators {
		cv := *v
		c.Validators[i] = &cv
	}
	return c
}

// TotalPower is the sum of the validators' powers. It never overflows: a
// set that fails CheckPower (only one built by hand: ValidatorSetFromProto
// refuses them) has total math.MaxInt64, so that its Quorum is out of reach.
func (s *ValidatorSet) TotalPower() int64 {
	var t int64
	for _, v := range s.Validators {
		var err error
		if t, err = AddVotingPower(t, v.Power); err != nil {
			return math.MaxInt64
		}
	}
	return t
}

// Quorum is the least power that decides: strictly more than 2/3 of the
// total, floor(2t/3)+1, computed without overflow for any total.
func (s *ValidatorSet) Quorum() int64 {
	t := s.TotalPower()
	return 2*(t/3) + 2*(t%3)/3 + 1
}

// OneThird is the least power that is strictly more than 1/3 of the total:
// some honest validator holds part of it (the round-skip rule).
func (s *ValidatorSet) OneThird() int64 { return s.TotalPower()/3 + 1 }

// Index returns the position of the validator with address, or -1.
func (s *ValidatorSet) Index(addr []byte) int {
	i, ok := slices.BinarySearchFunc(s.Validators, addr, func(v *Validator, a []byte) int { return bytes.Compare(v.Address, a) })
	if !ok {
		return -1
	}
	return i
}

// Step advances the priorities by one step and returns the pick.
func (s *ValidatorSet) Step() *Validator {
	if len(s.Validators) == 0 {
		return nil
	}
	var best *Validator
	for _, v := range s.Validators {
		v.Accum += v.Power
		if best == nil || v.Accum > best.Accum { // sorted by address: ties keep the smaller
			best = v
		}
	}
	best.Accum -= s.TotalPower()
	return best
}

// Proposer returns the proposer of round r of the next height without
// changing s.
func (s *ValidatorSet) Proposer(round int) *Validator {
	c := s.Copy()
	var p *Validator
	for range round + 1 {
		p = c.Step()
	}
	if p == nil {
		return nil
	}
	return s.Validators[s.Index(p.Address)]
}

// Add inserts a validator in address order with a low priority, so that a
// newcomer does not propose at once (Tendermint gives -1.125 × total).
func (s *ValidatorSet) Add(v *Validator) {
	total, err := AddVotingPower(s.TotalPower(), v.Power)
	if err != nil {
		total = MaxTotalVotingPower // callers check the cap first; this only keeps the priority in range
	}
	v.Accum = -(total + total/8)
	i, _ := slices.BinarySearchFunc(s.Validators, v.Address, func(x *Validator, a []byte) int { return bytes.Compare(x.Address, a) })
	s.Validators = slices.Insert(s.Validators, i, v)
}

// Normalize keeps priorities bounded after changes: it centres them on zero
// and scales them down when their spread exceeds twice the total power, as
// Tendermint does. Integer arithmetic keeps it deterministic. With totals
// within MaxTotalVotingPower no difference here overflows: a stored priority
// is within ±2 × its total, and one block (newcomers at -1.125 × the new
// total, one step) moves it by at most the new total, so the spread stays
// below 6 × the cap. The sum for the average, over any number of
// validators, is taken exactly.
func (s *ValidatorSet) Normalize() {
	n := int64(len(s.Validators))
	if n == 0 {
		return
	}
	total := s.TotalPower()
	lo, hi := s.Validators[0].Accum, s.Validators[0].Accum
	for _, v := range s.Validators {
		lo, hi = min(lo, v.Accum), max(hi, v.Accum)
	}
	if spread, limit := hi-lo, 2*total; total > 0 && total <= MaxTotalVotingPower && spread > limit {
		ratio := spread / limit // the ceiling of spread/limit, without spread+limit-1
		if spread%limit != 0 {
			ratio++
		}
		for _, v := range s.Validators {
			v.Accum /= ratio
		}
	}
	sum := new(big.Int)
	for _, v := range s.Validators {
		sum.Add(sum, big.NewInt(v.Accum))
	}
	avg := sum.Quo(sum, big.NewInt(n)).Int64() // between the least and the greatest priority
	for _, v := range s.Validators {
		v.Accum -= avg
	}
}
