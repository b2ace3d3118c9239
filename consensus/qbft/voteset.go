package qbft

import (
	"bytes"
	"slices"

	"chain33node/types"

	"google.golang.org/protobuf/proto"
)

// voteSet holds the votes of one type in one round, tallied per block hash
// ("" = nil). Nothing unverified is counted or passed on, and nothing a peer
// sends grows it beyond a bound fixed by the validator set:
//
//   - A validator's first vote waits unverified in its one pending slot. The
//     pending votes of one hash are verified together (one pairing check,
//     Verifier.VerifyBatch) only when their power could change an answer; a
//     failed batch is bisected to find the bad ones.
//   - Any other vote of a validator that has one (pending or verified) is
//     verified alone at once: the pending one first, so that a forgery
//     relayed ahead of the genuine vote cannot hide it.
//   - Every invalid signature is reported against the peer that sent it.
//
// A validator that signs two different votes (equivocation) is counted in
// each hash's tally, as Tendermint does when a peer claims +2/3 for a block:
// with less than a third of the power faulty no two hashes can both reach
// +2/3, and a polka that includes an equivocator's vote stays provable to
// nodes that saw its other vote first. Thresholds over all hashes count
// every validator once. An equivocator has at most two votes kept, plus its
// votes for blocks the core holds (which a proof of lock may need); the rest
// is dropped unverified.
type voteSet struct {
	vals     *valSet
	signMsg  func(hash []byte) []byte
	verifier types.Verifier
	known    func(hash []byte) bool           // the core holds a block of this hash
	report   func(from string, detail string) // an invalid signature that from sent
	kept     func(v *Vote, from string)       // a vote of from verified and kept: the WAL logs it

	votes   [][]*Vote  // per validator: its verified votes, distinct hashes, in arrival order
	pending []heldVote // per validator: a vote waiting for verification; only while votes[i] is empty
	tallies map[string]*tally
	order   []string // hashes with a tally, in arrival order: deterministic iteration

	state      []voteState // what each validator counts for in anySum or anyPending
	anySum     int64       // power of validators with a verified vote
	anyPending int64       // power of validators with only a pending vote
}

// maxVotesPerValidator bounds an equivocator's votes kept for hashes of
// blocks the core does not hold.
const maxVotesPerValidator = 2

type heldVote struct {
	vote *Vote
	from string // the peer that sent it: blamed if it is invalid
}

type tally struct {
	sum, pending int64 // power of verified and of pending votes
}

func newVoteSet(vals *valSet, v types.Verifier, signMsg func(hash []byte) []byte, known func([]byte) bool,
	report func(string, string), kept func(*Vote, string)) *voteSet {
	n := vals.size()
	return &voteSet{vals: vals, signMsg: signMsg, verifier: v, known: known, report: report, kept: kept,
		votes: make([][]*Vote, n), pending: make([]heldVote, n), state: make([]voteState, n), tallies: make(map[string]*tally)}
}

func (s *voteSet) tally(hash string) *tally {
	t, ok := s.tallies[hash]
	if !ok {
		t = &tally{}
		s.tallies[hash] = t
		s.order = append(s.order, hash)
	}
	return t
}

// dropTally forgets a hash whose votes all turned out invalid.
func (s *voteSet) dropTally(hash string) {
	if t := s.tallies[hash]; t != nil && t.sum == 0 && t.pending == 0 {
		delete(s.tallies, hash)
		s.order = slices.DeleteFunc(s.order, func(h string) bool { return h == hash })
	}
}

// add takes a vote whose height, round, type, validator index, hash and
// signature sizes the core checked; from is the peer that sent it ("" for
// our own WAL), trusted marks a vote verified before (our own). It reports
// whether the vote was kept (new to the set, maybe still unverified) and
// returns an earlier vote of the same validator for another hash when both
// are validly signed (equivocation). A vote of a peer is passed to kept once
// it is verified.
func (s *voteSet) add(v *Vote, from string, trusted bool) (conflict *Vote, kept bool) {
	i := int(v.ValidatorIndex)
	for _, o := range s.votes[i] {
		if bytes.Equal(o.BlockHash, v.BlockHash) {
			return nil, false
		}
	}
	if p := s.pending[i].vote; p != nil {
		if bytes.Equal(p.BlockHash, v.BlockHash) && bytes.Equal(p.Signature, v.Signature) {
			return nil, false
		}
		s.verifyGroup(string(p.BlockHash), []int{i})
		return s.add(v, from, trusted)
	}
	power := s.vals.Validators[i].Power
	if len(s.votes[i]) == 0 && !trusted {
		s.pending[i] = heldVote{vote: v, from: from}
		s.tally(string(v.BlockHash)).pending += power
		s.recount(i)
		return nil, true
	}
	if len(s.votes[i]) >= maxVotesPerValidator && !s.known(v.BlockHash) {
		return nil, false
	}
	if !trusted && !s.verifier.Verify(s.vals.Validators[i].PubKey, s.signMsg(v.BlockHash), v.Signature) {
		s.report(from, voteName(v)+": invalid signature")
		return nil, false
	}
	if len(s.votes[i]) > 0 {
		conflict = s.votes[i][0]
	}
	s.votes[i] = append(s.votes[i], v)
	s.tally(string(v.BlockHash)).sum += power
	s.recount(i)
	if !trusted {
		s.kept(v, from)
	}
	return conflict, true
}

// recount updates validator i's contribution to the any-hash thresholds.
func (s *voteSet) recount(i int) {
	p := s.vals.Validators[i].Power
	switch s.state[i] {
	case verifiedVote:
		s.anySum -= p
	case pendingVote:
		s.anyPending -= p
	}
	st := noVote
	switch {
	case len(s.votes[i]) > 0:
		st, s.anySum = verifiedVote, s.anySum+p
	case s.pending[i].vote != nil:
		st, s.anyPending = pendingVote, s.anyPending+p
	}
	s.state[i] = st
}

type voteState uint8

const (
	noVote voteState = iota
	pendingVote
	verifiedVote
)

// verify checks the pending votes for hash, together.
func (s *voteSet) verify(hash string) {
	t := s.tallies[hash]
	if t == nil || t.pending == 0 {
		return
	}
	var idx []int
	for i, p := range s.pending {
		if p.vote != nil && string(p.vote.BlockHash) == hash {
			idx = append(idx, i)
		}
	}
	s.verifyGroup(hash, idx)
}

// verifyAll checks every pending vote.
func (s *voteSet) verifyAll() {
	for _, h := range slices.Clone(s.order) {
		s.verify(h)
	}
}

// verifyGroup checks the pending votes of validators idx (ascending), all
// for hash: one batch check, bisected when it fails.
func (s *voteSet) verifyGroup(hash string, idx []int) {
	if len(idx) == 0 {
		return
	}
	msg := s.signMsg([]byte(hash))
	if len(idx) == 1 {
		i := idx[0]
		s.settle(i, s.verifier.Verify(s.vals.Validators[i].PubKey, msg, s.pending[i].vote.Signature))
		return
	}
	bitmap := make([]byte, (s.vals.size()+7)/8)
	sigs := make([][]byte, len(idx))
	for j, i := range idx {
		types.SetBit(bitmap, i)
		sigs[j] = s.pending[i].vote.Signature
	}
	if s.verifier.VerifyBatch(s.vals.keys, bitmap, msg, sigs) {
		for _, i := range idx {
			s.settle(i, true)
		}
		return
	}
	s.verifyGroup(hash, idx[:len(idx)/2])
	s.verifyGroup(hash, idx[len(idx)/2:])
}

// settle ends validator i's pending vote: counted as verified (ok), or
// dropped and its sender reported.
func (s *voteSet) settle(i int, ok bool) {
	p := s.pending[i]
	hash := string(p.vote.BlockHash)
	power := s.vals.Validators[i].Power
	t := s.tallies[hash]
	t.pending -= power
	s.pending[i] = heldVote{}
	if ok {
		s.votes[i] = []*Vote{p.vote}
		t.sum += power
		s.kept(p.vote, p.from)
	}
	s.recount(i)
	if !ok {
		s.report(p.from, voteName(p.vote)+": invalid signature")
		s.dropTally(hash)
	}
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
	s.verifyAll()
	return s.anySum >= threshold
}

// majority returns a hash with +2/3 of verified power, if any.
func (s *voteSet) majority() ([]byte, bool) {
	for _, h := range slices.Clone(s.order) {
		if s.hasQuorumFor([]byte(h)) {
			return []byte(h), true
		}
	}
	return nil, false
}

// signers returns the bitmap, signatures and power of the verified votes for hash.
func (s *voteSet) signers(hash []byte) (bitmap []byte, sigs [][]byte, power int64) {
	bitmap = make([]byte, (s.vals.size()+7)/8)
	for i, vs := range s.votes {
		for _, v := range vs {
			if bytes.Equal(v.BlockHash, hash) {
				types.SetBit(bitmap, i)
				sigs = append(sigs, v.Signature)
				power += s.vals.Validators[i].Power
			}
		}
	}
	return bitmap, sigs, power
}

// bitmap of validators we have a verified vote from (for Status: a pending
// one may be a forgery, which must not stop peers from sending the genuine
// vote).
func (s *voteSet) bitmap() []byte {
	b := make([]byte, (s.vals.size()+7)/8)
	for i, vs := range s.votes {
		if len(vs) > 0 {
			types.SetBit(b, i)
		}
	}
	return b
}

// missing returns our votes of validators outside the peer's bitmap,
// verifying pending ones first: only verified votes are passed on.
func (s *voteSet) missing(peerHas []byte) []*Vote {
	s.verifyAll()
	var out []*Vote
	for i, vs := range s.votes {
		if types.BitSet(peerHas, i) {
			continue
		}
		for _, v := range vs {
			out = append(out, proto.CloneOf(v))
		}
	}
	return out
}

// votesFor returns our votes for hash, verified.
func (s *voteSet) votesFor(hash []byte) []*Vote {
	s.verify(string(hash))
	var out []*Vote
	for _, vs := range s.votes {
		for _, v := range vs {
			if bytes.Equal(v.BlockHash, hash) {
				out = append(out, proto.CloneOf(v))
			}
		}
	}
	return out
}
