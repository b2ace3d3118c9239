package qbft

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"slices"
	"testing"

	"chain33node/types"
)

// testChainID is the chain id of the unit tests' sign bytes.
const testChainID = "chain33-test"

// simValidators returns a set with the simulation's cheap keys (48 distinct
// bytes each, address SHA-256(pub)[:20]), sorted by address as the chain
// keeps it. Priorities are zeroed so that with equal powers validator r%n
// proposes round r.
func simValidators(powers ...int64) *types.ValidatorSet {
	vals := &types.ValidatorSet{}
	for i, p := range powers {
		pub := bytes.Repeat([]byte{byte(i + 1)}, 48)
		addr := sha256.Sum256(pub)
		vals.Add(&types.Validator{Address: addr[:20], PubKey: pub, Power: p})
	}
	for _, v := range vals.Validators {
		v.Accum = 0
	}
	return vals
}

// hashOf names a test block hash: 32 bytes of b (nil for 0, the nil vote).
func hashOf(b byte) []byte {
	if b == 0 {
		return nil
	}
	return bytes.Repeat([]byte{b}, 32)
}

// simVote is validator i's vote, signed with its sim key.
func simVote(vals *types.ValidatorSet, i int, h int64, r int32, typ uint32, hash []byte) *Vote {
	msg := types.VoteSignBytes(testChainID, h, r, typ, hash)
	return &Vote{Height: h, Round: r, Type: typ, BlockHash: hash, ValidatorIndex: int32(i), Signature: simSig(vals.Validators[i].PubKey, msg)}
}

// forged is a vote claiming to be validator i's with a signature that is not.
func forged(vals *types.ValidatorSet, i int, hash []byte) *Vote {
	v := simVote(vals, i, 1, 0, types.Prevote, hash)
	v.Signature = bytes.Repeat([]byte{0xee}, 96)
	return v
}

// countingVerifier counts the signature checks a vote set makes.
type countingVerifier struct {
	simVerifier
	single, batch int
}

func (c *countingVerifier) Verify(pub, msg, sig []byte) bool {
	c.single++
	return c.simVerifier.Verify(pub, msg, sig)
}

func (c *countingVerifier) VerifyBatch(keys [][]byte, bitmap, msg []byte, sigs [][]byte) bool {
	c.batch++
	return c.simVerifier.VerifyBatch(keys, bitmap, msg, sigs)
}

func (c *countingVerifier) calls() string {
	return fmt.Sprintf("%d single, %d batch", c.single, c.batch)
}

// testSet is a vote set with the reports it made ("peer: detail").
type testSet struct {
	*voteSet
	reports []string
	kept    []*Vote // verified votes, for the WAL
}

// prevotes of height 1, round 0; votes arrive from peer "p".
func newTestVoteSet(vals *types.ValidatorSet, v types.Verifier) *testSet {
	return newTestVoteSetOf(vals, v, types.Prevote)
}

func newTestVoteSetOf(vals *types.ValidatorSet, v types.Verifier, typ uint32) *testSet {
	ts := &testSet{}
	ts.voteSet = newVoteSet(newValSet(vals), v, func(hash []byte) []byte { return types.VoteSignBytes(testChainID, 1, 0, typ, hash) },
		func([]byte) bool { return false }, func(from, detail string) { ts.reports = append(ts.reports, from+": "+detail) },
		func(v *Vote, _ string) { ts.kept = append(ts.kept, v) })
	return ts
}

func (s *testSet) add(v *Vote) *Vote {
	c, _ := s.voteSet.add(v, "p", false)
	return c
}

func addVotes(t *testing.T, s *testSet, votes ...*Vote) {
	t.Helper()
	for _, v := range votes {
		if c := s.add(v); c != nil {
			t.Fatalf("vote of validator %d reported as equivocation", v.ValidatorIndex)
		}
	}
}

func indices(votes []*Vote) []int {
	var out []int
	for _, v := range votes {
		out = append(out, int(v.ValidatorIndex))
	}
	return out
}

func TestValSetThresholds(t *testing.T) {
	for _, tc := range []struct {
		powers           []int64
		quorum, oneThird int64
	}{
		{[]int64{10, 10, 10, 10}, 27, 14},
		{[]int64{10, 10, 10}, 21, 11}, // 20 is exactly 2/3: not a quorum
		{[]int64{1, 2, 3, 4}, 7, 4},
		{[]int64{1, 1, 1}, 3, 2},
		{[]int64{1}, 1, 1},
	} {
		vs := newValSet(simValidators(tc.powers...))
		if vs.quorum != tc.quorum || vs.oneThird != tc.oneThird {
			t.Errorf("powers %v: quorum %d, one third %d; want %d, %d", tc.powers, vs.quorum, vs.oneThird, tc.quorum, tc.oneThird)
		}
	}
}

func TestVoteSetQuorumIsMoreThanTwoThirds(t *testing.T) {
	vals := simValidators(10, 10, 10, 10)
	s := newTestVoteSet(vals, simVerifier{})
	a := hashOf(0xa)

	addVotes(t, s, simVote(vals, 0, 1, 0, types.Prevote, a), simVote(vals, 1, 1, 0, types.Prevote, a))
	if s.hasQuorumFor(a) || s.hasAny(27) {
		t.Fatal("20 of 40 is a quorum")
	}
	if _, ok := s.majority(); ok {
		t.Fatal("majority with 20 of 40")
	}
	addVotes(t, s, simVote(vals, 2, 1, 0, types.Prevote, a))
	if !s.hasQuorumFor(a) || !s.hasAny(27) {
		t.Fatal("30 of 40 is not a quorum")
	}
	if h, ok := s.majority(); !ok || !bytes.Equal(h, a) {
		t.Fatalf("majority %x, %v; want %x", h, ok, a)
	}
	if s.hasQuorumFor(nil) || s.hasQuorumFor(hashOf(0xb)) {
		t.Fatal("quorum for a hash nobody voted for")
	}
}

func TestVoteSetUnequalPowers(t *testing.T) {
	vals := simValidators(1, 2, 3, 4) // total 10: quorum 7, one third 4
	byPower := map[int64]int{}
	for i, v := range vals.Validators {
		byPower[v.Power] = i
	}
	a := hashOf(0xa)
	for _, tc := range []struct {
		powers   []int64
		quorum   bool
		oneThird bool
	}{
		{[]int64{4, 3}, true, true},
		{[]int64{4, 2, 1}, true, true},
		{[]int64{4, 3, 2, 1}, true, true},
		{[]int64{3, 2, 1}, false, true}, // 6 of 10
		{[]int64{4, 2}, false, true},
		{[]int64{4, 1}, false, true},
		{[]int64{3, 2}, false, true},
		{[]int64{3, 1}, false, true},
		{[]int64{4}, false, true},
		{[]int64{3}, false, false},
		{[]int64{2, 1}, false, false},
	} {
		s := newTestVoteSet(vals, simVerifier{})
		for _, p := range tc.powers {
			addVotes(t, s, simVote(vals, byPower[p], 1, 0, types.Prevote, a))
		}
		if got := s.hasQuorumFor(a); got != tc.quorum {
			t.Errorf("powers %v: quorum %v, want %v", tc.powers, got, tc.quorum)
		}
		if got := s.hasAny(newValSet(vals).oneThird); got != tc.oneThird {
			t.Errorf("powers %v: one third %v, want %v", tc.powers, got, tc.oneThird)
		}
	}
	// Every subset: quorum exactly when 3·power > 2·total.
	for mask := 1; mask < 16; mask++ {
		s := newTestVoteSet(vals, simVerifier{})
		var power int64
		for i := range 4 {
			if mask&(1<<i) != 0 {
				addVotes(t, s, simVote(vals, i, 1, 0, types.Prevote, a))
				power += vals.Validators[i].Power
			}
		}
		if got, want := s.hasQuorumFor(a), 3*power > 20; got != want {
			t.Errorf("signers %04b (power %d): quorum %v, want %v", mask, power, got, want)
		}
	}
}

func TestVoteSetVerifiesLazily(t *testing.T) {
	vals := simValidators(10, 10, 10, 10)
	cv := &countingVerifier{}
	s := newTestVoteSet(vals, cv)
	a := hashOf(0xa)

	addVotes(t, s, simVote(vals, 0, 1, 0, types.Prevote, a), simVote(vals, 1, 1, 0, types.Prevote, a))
	s.hasQuorumFor(a)
	s.hasAny(27)
	s.majority()
	if cv.single+cv.batch != 0 {
		t.Fatalf("20 pending of 40 cannot reach 27, yet verified: %s", cv.calls())
	}
	addVotes(t, s, simVote(vals, 2, 1, 0, types.Prevote, a))
	if cv.single+cv.batch != 0 {
		t.Fatalf("add verified: %s", cv.calls())
	}
	if !s.hasQuorumFor(a) {
		t.Fatal("no quorum with 3 good votes")
	}
	if cv.single != 0 || cv.batch != 1 {
		t.Fatalf("3 good votes: %s; want one batch check", cv.calls())
	}
	// Verified once: asking again, or over all hashes, checks nothing.
	s.hasQuorumFor(a)
	s.hasAny(27)
	s.majority()
	if cv.single != 0 || cv.batch != 1 {
		t.Fatalf("verified votes checked again: %s", cv.calls())
	}
	// A 4th vote once the quorum is known is stored, not verified.
	addVotes(t, s, simVote(vals, 3, 1, 0, types.Prevote, a))
	s.hasQuorumFor(a)
	if cv.single != 0 || cv.batch != 1 {
		t.Fatalf("vote beyond a verified quorum verified: %s", cv.calls())
	}
}

func TestVoteSetHasAnyVerifiesLazily(t *testing.T) {
	vals := simValidators(10, 10, 10, 10)
	cv := &countingVerifier{}
	s := newTestVoteSet(vals, cv)
	addVotes(t, s, simVote(vals, 0, 1, 0, types.Prevote, hashOf(0xa)), simVote(vals, 1, 1, 0, types.Prevote, nil))
	if s.hasAny(27) || cv.single+cv.batch != 0 {
		t.Fatalf("hasAny(27) over 20 pending: verified %s", cv.calls())
	}
	addVotes(t, s, simVote(vals, 2, 1, 0, types.Prevote, hashOf(0xb)))
	if !s.hasAny(27) {
		t.Fatal("three validly signed votes for three hashes are not +2/3 of any")
	}
	if cv.single+cv.batch != 3 {
		t.Fatalf("three hashes of one vote: %s; want 3 checks", cv.calls())
	}
}

func TestVoteSetBisectsBadSignature(t *testing.T) {
	vals := simValidators(10, 10, 10, 10)
	cv := &countingVerifier{}
	s := newTestVoteSet(vals, cv)
	a := hashOf(0xa)

	addVotes(t, s, simVote(vals, 0, 1, 0, types.Prevote, a), simVote(vals, 1, 1, 0, types.Prevote, a), forged(vals, 2, a), simVote(vals, 3, 1, 0, types.Prevote, a))
	if !s.hasQuorumFor(a) {
		t.Fatal("3 good votes of 4 do not make a quorum next to a forged one")
	}
	// [0 1 2 3] fails; [0 1] passes; [2 3] fails; [2] fails, [3] passes.
	if cv.batch != 3 || cv.single != 2 {
		t.Fatalf("bisection: %s; want 3 batch, 2 single", cv.calls())
	}
	if !slices.Equal(s.reports, []string{"p: " + voteName(forged(vals, 2, a)) + ": invalid signature"}) {
		t.Fatalf("reports %q", s.reports)
	}
	if got := indices(s.votesFor(a)); !slices.Equal(got, []int{0, 1, 3}) {
		t.Fatalf("votes for a after bisection from %v, want [0 1 3]", got)
	}
	if bm, _, power := s.signers(a); !bytes.Equal(bm, []byte{0b1011}) || power != 30 {
		t.Fatalf("signers %08b power %d", bm, power)
	}
	if !bytes.Equal(s.bitmap(), []byte{0b1011}) {
		t.Fatalf("status bitmap %08b still claims the forged vote", s.bitmap())
	}
	if s.hasAny(31) {
		t.Fatal("the forged vote counts in hasAny")
	}
}

func TestVoteSetDroppedForgeryMakesRoomForGenuineVote(t *testing.T) {
	vals := simValidators(10, 10, 10, 10)
	s := newTestVoteSet(vals, simVerifier{})
	a := hashOf(0xa)
	addVotes(t, s, forged(vals, 0, a), simVote(vals, 1, 1, 0, types.Prevote, a), simVote(vals, 2, 1, 0, types.Prevote, a))
	if s.hasQuorumFor(a) {
		t.Fatal("quorum with a forged vote")
	}
	if types.BitSet(s.bitmap(), 0) {
		t.Fatal("forged vote still claimed in the bitmap: peers will not send the genuine one")
	}
	addVotes(t, s, simVote(vals, 0, 1, 0, types.Prevote, a))
	if !s.hasQuorumFor(a) {
		t.Fatal("genuine vote after a dropped forgery does not count")
	}
}

func TestVoteSetForgedVoteDoesNotCount(t *testing.T) {
	vals := simValidators(10, 10, 10, 10)
	a, b := hashOf(0xa), hashOf(0xb)

	t.Run("forged first, genuine for another hash later", func(t *testing.T) {
		s := newTestVoteSet(vals, simVerifier{})
		addVotes(t, s, forged(vals, 0, a))
		if c := s.add(simVote(vals, 0, 1, 0, types.Prevote, b)); c != nil {
			t.Fatal("a forged vote and a genuine one reported as equivocation")
		}
		if got := s.votesFor(a); len(got) != 0 {
			t.Fatalf("forged vote kept: %v", got)
		}
		if got := indices(s.votesFor(b)); !slices.Equal(got, []int{0}) {
			t.Fatalf("votes for b from %v, want [0]", got)
		}
		addVotes(t, s, simVote(vals, 1, 1, 0, types.Prevote, b), simVote(vals, 2, 1, 0, types.Prevote, b))
		if !s.hasQuorumFor(b) {
			t.Fatal("genuine vote not counted for b")
		}
	})
	t.Run("genuine first, forged for another hash later", func(t *testing.T) {
		s := newTestVoteSet(vals, simVerifier{})
		addVotes(t, s, simVote(vals, 0, 1, 0, types.Prevote, a))
		if c := s.add(forged(vals, 0, b)); c != nil {
			t.Fatal("forged vote reported as equivocation")
		}
		if len(s.votesFor(b)) != 0 || len(s.votesFor(a)) != 1 {
			t.Fatalf("after forgery: %d votes for a, %d for b", len(s.votesFor(a)), len(s.votesFor(b)))
		}
	})
	t.Run("forged votes alone", func(t *testing.T) {
		s := newTestVoteSet(vals, simVerifier{})
		addVotes(t, s, forged(vals, 0, a), forged(vals, 1, a), forged(vals, 2, a), forged(vals, 3, a))
		if s.hasQuorumFor(a) || s.hasAny(1) {
			t.Fatal("forged votes count")
		}
		if _, sigs, power := s.signers(a); len(sigs) != 0 || power != 0 {
			t.Fatalf("forged votes as signers: %d, power %d", len(sigs), power)
		}
	})
}

func TestVoteSetEquivocation(t *testing.T) {
	vals := simValidators(10, 10, 10, 10)
	s := newTestVoteSet(vals, simVerifier{})
	a, b := hashOf(0xa), hashOf(0xb)

	first := simVote(vals, 0, 1, 0, types.Prevote, a)
	addVotes(t, s, first)
	second := simVote(vals, 0, 1, 0, types.Prevote, b)
	c := s.add(second)
	if c != first {
		t.Fatalf("equivocation: conflict %v, want the first vote", c)
	}
	if c := s.add(second); c != nil {
		t.Fatal("the same vote again reported as a new equivocation")
	}
	addVotes(t, s, simVote(vals, 1, 1, 0, types.Prevote, a), simVote(vals, 2, 1, 0, types.Prevote, a), simVote(vals, 3, 1, 0, types.Prevote, b))
	// Validator 0 counts for a (0,1,2: 30, a quorum) and for b (0,3: 20)...
	if !s.hasQuorumFor(a) {
		t.Fatal("equivocator's vote not counted for a")
	}
	if got := indices(s.votesFor(b)); !slices.Equal(got, []int{0, 3}) {
		t.Fatalf("votes for b from %v, want [0 3]", got)
	}
	if s.hasQuorumFor(b) {
		t.Fatal("quorum for b with 20 of 40")
	}
	// ...but once in hasAny: 0, 1, 2, 3 hold 40, not 50.
	if !s.hasAny(40) || s.hasAny(41) {
		t.Fatal("equivocator counted twice over all hashes")
	}
	if !bytes.Equal(s.bitmap(), []byte{0b1111}) {
		t.Fatalf("bitmap %08b", s.bitmap())
	}
}

func TestVoteSetEquivocationAgainstNil(t *testing.T) {
	vals := simValidators(10, 10, 10, 10)
	s := newTestVoteSet(vals, simVerifier{})
	addVotes(t, s, simVote(vals, 3, 1, 0, types.Prevote, nil))
	if c := s.add(simVote(vals, 3, 1, 0, types.Prevote, hashOf(0xa))); c == nil || len(c.BlockHash) != 0 {
		t.Fatalf("nil then a: conflict %v", c)
	}
	if !s.hasAny(10) || s.hasAny(11) {
		t.Fatal("one validator's two votes count more than once")
	}
}

func TestVoteSetBitmapMissingVotesFor(t *testing.T) {
	vals := simValidators(1, 1, 1, 1, 1, 1, 1, 1, 1) // 9: two bitmap bytes
	s := newTestVoteSet(vals, simVerifier{})
	a := hashOf(0xa)
	if !bytes.Equal(s.bitmap(), []byte{0, 0}) {
		t.Fatalf("empty bitmap %x", s.bitmap())
	}
	v0, v2, v8 := simVote(vals, 0, 1, 0, types.Prevote, a), simVote(vals, 2, 1, 0, types.Prevote, nil), simVote(vals, 8, 1, 0, types.Prevote, a)
	addVotes(t, s, v0, v2, v8)
	if !bytes.Equal(s.bitmap(), []byte{0, 0}) {
		t.Fatalf("bitmap %08b claims pending votes", s.bitmap())
	}
	s.verifyAll()
	if want := []byte{0b101, 0b1}; !bytes.Equal(s.bitmap(), want) {
		t.Fatalf("bitmap %08b, want %08b", s.bitmap(), want)
	}
	// missing: validators ascending.
	for _, tc := range []struct {
		peerHas []byte
		want    []int
	}{
		{nil, []int{0, 2, 8}},
		{[]byte{0b1}, []int{2, 8}},
		{[]byte{0b101}, []int{8}}, // a short bitmap lacks the rest
		{[]byte{0b101, 0b1}, nil},
		{[]byte{0xff, 0xff}, nil},
	} {
		if got := indices(s.missing(tc.peerHas)); !slices.Equal(got, tc.want) {
			t.Errorf("missing(%08b) = %v, want %v", tc.peerHas, got, tc.want)
		}
	}
	// Copies: a caller changing them does not change the set.
	s.missing(nil)[0].BlockHash = hashOf(0xb)
	s.votesFor(a)[0].Signature = nil
	if got := s.votesFor(a); len(got) != 2 || !bytes.Equal(got[0].BlockHash, a) || got[0].Signature == nil {
		t.Fatal("missing/votesFor return the stored votes, not copies")
	}
	if got := indices(s.votesFor(a)); !slices.Equal(got, []int{0, 8}) {
		t.Errorf("votesFor(a) = %v", got)
	}
	if got := indices(s.votesFor(nil)); !slices.Equal(got, []int{2}) {
		t.Errorf("votesFor(nil) = %v", got)
	}
	if got := s.votesFor(hashOf(0xc)); got != nil {
		t.Errorf("votesFor(unknown) = %v", got)
	}
}

func TestVoteSetSigners(t *testing.T) {
	vals := simValidators(1, 2, 3, 4)
	s := newTestVoteSet(vals, simVerifier{})
	a := hashOf(0xa)
	if bm, sigs, power := s.signers(a); !bytes.Equal(bm, []byte{0}) || sigs != nil || power != 0 {
		t.Fatalf("signers of an empty set: %08b %d %d", bm, len(sigs), power)
	}
	var byPower [5]int
	for i, v := range vals.Validators {
		byPower[v.Power] = i
	}
	addVotes(t, s, simVote(vals, byPower[4], 1, 0, types.Prevote, a), simVote(vals, byPower[3], 1, 0, types.Prevote, a))
	if bm, sigs, _ := s.signers(a); len(sigs) != 0 || bm[0] != 0 {
		t.Fatal("unverified votes reported as signers")
	}
	if !s.hasQuorumFor(a) {
		t.Fatal("4+3 of 10 is not a quorum")
	}
	addVotes(t, s, simVote(vals, byPower[1], 1, 0, types.Prevote, a)) // pending: not a signer yet
	bm, sigs, power := s.signers(a)
	wantBM := byte(1<<byPower[4] | 1<<byPower[3])
	if !bytes.Equal(bm, []byte{wantBM}) || power != 7 || len(sigs) != 2 {
		t.Fatalf("signers %08b power %d sigs %d; want %08b, 7, 2", bm, power, len(sigs), wantBM)
	}
	// The signatures, in bitmap order, aggregate into a certificate.
	cert, err := types.NewCertificate(simVerifier{}, vals, testChainID, 1, 0, a, bm, sigs)
	if err != nil {
		t.Fatal(err)
	}
	// A prevote certificate does not pass as a precommit one...
	if err := types.VerifyCertificate(testChainID, vals, simVerifier{}, cert, 1, a); err == nil {
		t.Fatal("prevotes accepted as a commit certificate")
	}
	// ...but the same signers over precommits do.
	pc := newTestVoteSetOf(vals, simVerifier{}, types.Precommit)
	addVotes(t, pc, simVote(vals, byPower[4], 1, 0, types.Precommit, a), simVote(vals, byPower[3], 1, 0, types.Precommit, a))
	if !pc.hasQuorumFor(a) {
		t.Fatal("no precommit quorum")
	}
	bm, sigs, _ = pc.signers(a)
	if cert, err = types.NewCertificate(simVerifier{}, vals, testChainID, 1, 0, a, bm, sigs); err != nil {
		t.Fatal(err)
	}
	if err := types.VerifyCertificate(testChainID, vals, simVerifier{}, cert, 1, a); err != nil {
		t.Fatalf("certificate from signers(): %v", err)
	}
}

// A forged vote stored (unverified) ahead of the validator's genuine vote
// for the same hash makes the set discard the genuine one as "seen"; when
// the forgery is found out and dropped, the genuine vote is gone too, and
// the quorum it completes waits for someone to send it again.
func TestVoteSetForgeryDoesNotShadowGenuineVote(t *testing.T) {
	vals := simValidators(10, 10, 10, 10)
	s := newTestVoteSet(vals, simVerifier{})
	a := hashOf(0xa)
	addVotes(t, s, forged(vals, 0, a)) // relayed by any peer, ahead of the real one
	addVotes(t, s, simVote(vals, 0, 1, 0, types.Prevote, a), simVote(vals, 1, 1, 0, types.Prevote, a), simVote(vals, 2, 1, 0, types.Prevote, a))
	if !s.hasQuorumFor(a) {
		t.Fatal("genuine votes of 0, 1, 2 for a (30 of 40) are not a quorum: 0's was discarded behind its forgery")
	}
}
