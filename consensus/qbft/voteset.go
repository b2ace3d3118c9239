package qbft

import (
	"bytes"

	"chain33node/types"

	"google.golang.org/protobuf/proto"
)

// voteSet holds the votes of one type in one round, tallied per block hash
// ("" = nil). Votes are stored unverified and verified lazily, one aggregate
// per hash (one pairing check for all of them), only when their power could
// change an answer; a failed aggregate is bisected to drop the bad ones.
//
// A validator that signs two different votes (equivocation) is counted in
// each hash's tally, as Tendermint does when a peer claims +2/3 for a block:
// with less than a third of the power faulty no two hashes can both reach
// +2/3, and a polka that includes an equivocator's vote stays provable to
// nodes that saw its other vote first. Thresholds over all hashes count
// every validator once.
type voteSet struct {
	vals     *valSet
	signMsg  func(hash []byte) []byte
	verifier types.Verifier

	tallies map[string]*tally
	order   []string // hashes in arrival order: deterministic iteration

	state      []voteState // per validator, over all tallies
	anySum     int64       // power of validators with a verified vote
	anyPending int64       // power of validators with only unverified votes
}

type voteState uint8

const (
	noVote voteState = iota
	pendingVote
	verifiedVote
)

type tally struct {
	votes        []*Vote // by validator index
	verified     []bool
	sum, pending int64
}

func newVoteSet(vals *valSet, v types.Verifier, signMsg func(hash []byte) []byte) *voteSet {
	return &voteSet{vals: vals, signMsg: signMsg, verifier: v, tallies: make(map[string]*tally), state: make([]voteState, vals.size())}
}

func (s *voteSet) tally(hash string) *tally {
	t, ok := s.tallies[hash]
	if !ok {
		n := s.vals.size()
		t = &tally{votes: make([]*Vote, n), verified: make([]bool, n)}
		s.tallies[hash] = t
		s.order = append(s.order, hash)
	}
	return t
}

// add records a vote whose height, round and type match the set; trusted
// marks our own. It returns an earlier vote of the same validator for
// another hash when both are validly signed (equivocation).
func (s *voteSet) add(v *Vote, trusted bool) (conflict *Vote) {
	i := int(v.ValidatorIndex)
	if i < 0 || i >= s.vals.size() {
		return nil
	}
	t := s.tally(string(v.BlockHash))
	if old := t.votes[i]; old != nil {
		// Seen, unless the stored one is unverified and this one differs: a
		// forgery relayed first must not hide the genuine vote.
		if t.verified[i] || bytes.Equal(old.Signature, v.Signature) {
			return nil
		}
		pub := s.vals.Validators[i].PubKey
		if !trusted && !s.verifier.Verify(pub, s.signMsg(v.BlockHash), v.Signature) {
			return nil
		}
		s.settle(t, string(v.BlockHash), []int{i}, false) // drop the unverified one
		t.votes[i], t.verified[i] = v, true
		t.sum += s.vals.Validators[i].Power
		s.recount(i)
		return nil
	}
	verified := trusted
	for _, h := range s.order {
		o := s.tallies[h]
		if o == t || o.votes[i] == nil {
			continue
		}
		// A second hash from one validator: only signed votes count.
		if !verified {
			if !s.verifier.Verify(s.vals.Validators[i].PubKey, s.signMsg(v.BlockHash), v.Signature) {
				return nil
			}
			verified = true
		}
		if !o.verified[i] {
			s.settle(o, h, []int{i}, s.verifier.Verify(s.vals.Validators[i].PubKey, s.signMsg([]byte(h)), o.votes[i].Signature))
		}
		if o.verified[i] && conflict == nil {
			conflict = o.votes[i]
		}
	}
	t.votes[i] = v
	t.verified[i] = verified
	if verified {
		t.sum += s.vals.Validators[i].Power
	} else {
		t.pending += s.vals.Validators[i].Power
	}
	s.recount(i)
	return conflict
}

// recount updates validator i's contribution to the any-hash thresholds.
func (s *voteSet) recount(i int) {
	st := noVote
	for _, t := range s.tallies {
		if t.votes[i] != nil {
			if t.verified[i] {
				st = verifiedVote
				break
			}
			st = pendingVote
		}
	}
	p := s.vals.Validators[i].Power
	switch s.state[i] {
	case verifiedVote:
		s.anySum -= p
	case pendingVote:
		s.anyPending -= p
	}
	switch st {
	case verifiedVote:
		s.anySum += p
	case pendingVote:
		s.anyPending += p
	}
	s.state[i] = st
}

// settle marks pending votes of hash as verified (ok) or drops them.
func (s *voteSet) settle(t *tally, hash string, idx []int, ok bool) {
	for _, i := range idx {
		p := s.vals.Validators[i].Power
		t.pending -= p
		if ok {
			t.verified[i] = true
			t.sum += p
		} else {
			t.votes[i] = nil
		}
		s.recount(i)
	}
}

// verify checks all unverified votes for hash as one aggregate.
func (s *voteSet) verify(hash string) {
	t := s.tallies[hash]
	if t == nil || t.pending == 0 {
		return
	}
	var idx []int
	for i, v := range t.votes {
		if v != nil && !t.verified[i] {
			idx = append(idx, i)
		}
	}
	s.verifyGroup(t, hash, idx, s.signMsg([]byte(hash)))
}

func (s *voteSet) verifyGroup(t *tally, hash string, idx []int, msg []byte) {
	if len(idx) == 0 {
		return
	}
	var ok bool
	if len(idx) == 1 {
		ok = s.verifier.Verify(s.vals.Validators[idx[0]].PubKey, msg, t.votes[idx[0]].Signature)
	} else {
		sigs := make([][]byte, len(idx))
		pubs := make([][]byte, len(idx))
		for j, i := range idx {
			sigs[j], pubs[j] = t.votes[i].Signature, s.vals.Validators[i].PubKey
		}
		if agg, err := s.verifier.Aggregate(sigs); err == nil {
			ok = s.verifier.VerifyAggregate(pubs, msg, agg)
		}
		if !ok {
			s.verifyGroup(t, hash, idx[:len(idx)/2], msg)
			s.verifyGroup(t, hash, idx[len(idx)/2:], msg)
			return
		}
	}
	s.settle(t, hash, idx, ok)
}

// hasQuorumFor reports +2/3 of verified power for hash (nil: empty).
func (s *voteSet) hasQuorumFor(hash []byte) bool {
	t := s.tallies[string(hash)]
	if t == nil || t.sum+t.pending < s.vals.quorum {
		return false
	}
	if t.sum < s.vals.quorum {
		s.verify(string(hash))
	}
	return t.sum >= s.vals.quorum
}

// hasAny reports at least threshold of verified power over all hashes.
func (s *voteSet) hasAny(threshold int64) bool {
	if s.anySum >= threshold {
		return true
	}
	if s.anySum+s.anyPending < threshold {
		return false
	}
	for _, h := range s.order {
		s.verify(h)
	}
	return s.anySum >= threshold
}

// majority returns a hash with +2/3 of verified power, if any.
func (s *voteSet) majority() ([]byte, bool) {
	for _, h := range s.order {
		if s.hasQuorumFor([]byte(h)) {
			return []byte(h), true
		}
	}
	return nil, false
}

// signers returns the bitmap, signatures and power of the verified votes for hash.
func (s *voteSet) signers(hash []byte) (bitmap []byte, sigs [][]byte, power int64) {
	bitmap = make([]byte, (s.vals.size()+7)/8)
	t := s.tallies[string(hash)]
	if t == nil {
		return bitmap, nil, 0
	}
	for i, v := range t.votes {
		if v != nil && t.verified[i] {
			types.SetBit(bitmap, i)
			sigs = append(sigs, v.Signature)
			power += s.vals.Validators[i].Power
		}
	}
	return bitmap, sigs, power
}

// bitmap of validators we have a vote from (for Status).
func (s *voteSet) bitmap() []byte {
	b := make([]byte, (s.vals.size()+7)/8)
	for i, st := range s.state {
		if st != noVote {
			types.SetBit(b, i)
		}
	}
	return b
}

// missing returns our votes from validators outside the peer's bitmap.
func (s *voteSet) missing(peerHas []byte) []*Vote {
	var out []*Vote
	for _, h := range s.order {
		for i, v := range s.tallies[h].votes {
			if v != nil && !types.BitSet(peerHas, i) {
				out = append(out, proto.CloneOf(v))
			}
		}
	}
	return out
}

// votesFor returns our votes for hash.
func (s *voteSet) votesFor(hash []byte) []*Vote {
	t := s.tallies[string(hash)]
	if t == nil {
		return nil
	}
	var out []*Vote
	for _, v := range t.votes {
		if v != nil {
			out = append(out, proto.CloneOf(v))
		}
	}
	return out
}
