package qbft

import "chain33node/types"

// valSet is the consensus view of a height's validator set.
type valSet struct {
	*types.ValidatorSet
	total     int64
	quorum    int64    // strictly more than 2/3 of the total power
	oneThird  int64    // strictly more than 1/3
	keys      [][]byte // public keys in index order: the set that vote groups and certificates aggregate over
	proposers []int    // proposer index by round, computed on demand
}

func newValSet(s *types.ValidatorSet) *valSet {
	t := s.TotalPower()
	return &valSet{ValidatorSet: s, total: t, quorum: s.Quorum(), oneThird: t/3 + 1, keys: types.ValidatorKeys(s)}
}

func (v *valSet) size() int { return len(v.Validators) }

// proposer returns the proposer's index at round r.
func (v *valSet) proposer(r int32) int {
	if r < 0 {
		return -1
	}
	for int32(len(v.proposers)) <= r {
		p := v.Proposer(len(v.proposers))
		v.proposers = append(v.proposers, v.Index(p.Address))
	}
	return v.proposers[r]
}
