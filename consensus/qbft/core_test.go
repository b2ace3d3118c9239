package qbft

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"chain33node/types"

	"google.golang.org/protobuf/proto"
)

// Protocol traces of one core, rule by rule; the harness (coreTest) is in
// coretrace_test.go.

// (a) The proposer's height, from start to decision.
func TestCoreHappyPath(t *testing.T) {
	ct := newCoreTest(t, 0) // validator 0 proposes round 0
	B := ct.block("B")

	ct.expect(ct.startHeight(), "timeouts: NewHeight r0")
	ct.at(0, "NewHeight")
	ct.expect(ct.fire(stepNewHeight, 0)) // no transactions: wait, build nothing
	ct.at(0, "NewRound")
	ct.expect(ct.txs(), "timeouts: Propose r0", "build: h1 r0")
	ct.at(0, "Propose")
	ct.expect(ct.built(0, B), "broadcast: proposal r0 pol-1 B by v0, prevote r0 B by v0")
	ct.at(0, "Prevote")

	ct.expect(ct.deliver(ct.prevote(1, 0, B)))
	ct.expect(ct.deliver(ct.prevote(2, 0, B)), "broadcast: precommit r0 B by v0", "timeouts: Prevote r0")
	ct.at(0, "Precommit")
	ct.locked(0, B)
	ct.valid(0, B)

	ct.expect(ct.deliver(ct.precommit(1, 0, B)))
	rd := ct.deliver(ct.precommit(3, 0, B))
	ct.expect(rd, "decided: B r0")
	ct.at(0, "Commit")
	d := rd.Decided
	if !proto.Equal(d.Block, B) || !bytes.Equal(d.Hash, types.BlockHash(B)) {
		t.Fatalf("decision %v", d)
	}
	if d.Cert.Height != 1 || !bytes.Equal(d.Cert.Signers, []byte{0b1011}) {
		t.Fatalf("certificate of height %d signed by %08b, want 1 and v0, v1, v3", d.Cert.Height, d.Cert.Signers)
	}
	if err := types.VerifyCertificate(testChainID, ct.vals, simVerifier{}, d.Cert, 1, d.Hash); err != nil {
		t.Fatalf("own certificate: %v", err)
	}
	// Decided: later messages of the height change nothing.
	ct.expect(ct.deliver(ct.precommit(2, 0, B)))
	ct.expect(ct.fire(stepPropose, 0))
	ct.at(0, "Commit")
}

func TestCoreAllSignedAndNewHeightWithTxsFirst(t *testing.T) {
	ct := newCoreTest(t, 0)
	B := ct.block("B")
	ct.startHeight()
	ct.txs()
	ct.expect(ct.fire(stepNewHeight, 0), "timeouts: Propose r0", "build: h1 r0")
	ct.built(0, B)
	// The block is ours; precommits arrive before the prevotes.
	for _, i := range []int{1, 2, 3} {
		ct.expect(ct.deliver(ct.prevote(i, 0, B)), map[int][]string{
			1: nil,
			2: {"broadcast: precommit r0 B by v0", "timeouts: Prevote r0"},
			3: nil,
		}[i]...)
	}
	ct.expect(ct.deliver(ct.precommit(1, 0, B)))
	rd := ct.deliver(ct.precommit(2, 0, B))
	ct.expect(rd, "decided: B r0")
	if n := popcount(rd.Decided.Cert.Signers); n != 3 {
		t.Fatalf("certificate has %d signers, want the quorum of 3", n)
	}
}

func popcount(b []byte) int {
	n := 0
	for _, x := range b {
		for ; x != 0; x &= x - 1 {
			n++
		}
	}
	return n
}

// Signing leaves the core: it asks through Ready and sends nothing before
// the answer. A refused signature sends nothing, and the step stays moved on.
func TestCoreSignsThroughReady(t *testing.T) {
	ct := newCoreTest(t, 0)
	B := ct.block("B")
	ct.startHeight()
	ct.txs()
	ct.fire(stepNewHeight, 0)
	ct.c.OnBuilt(1, 0, B)
	rd := ct.c.Ready()
	ct.expect(rd) // nothing sent yet
	want := SignRequest{Height: 1, Round: 0, Step: stepSignProposal, Bytes: types.ProposalSignBytes(testChainID, 1, 0, -1, types.BlockHash(B))}
	if len(rd.Sign) != 1 || rd.Sign[0].Height != want.Height || rd.Sign[0].Round != want.Round || rd.Sign[0].Step != want.Step ||
		!bytes.Equal(rd.Sign[0].Bytes, want.Bytes) {
		t.Fatalf("sign requests %+v, want the proposal's %+v", rd.Sign, want)
	}
	sig, err := ct.signer().Sign(1, 0, stepSignProposal, rd.Sign[0].Bytes)
	if err != nil {
		t.Fatal(err)
	}
	ct.c.OnSigned(rd.Sign[0], sig)
	rd = ct.c.Ready()
	ct.expect(rd, "broadcast: proposal r0 pol-1 B by v0")
	if p := rd.Broadcast[0].GetProposal(); !bytes.Equal(p.Signature, sig) {
		t.Fatal("proposal sent without its signature")
	}
	if len(rd.Sign) != 1 || rd.Sign[0].Step != stepSignPrevote {
		t.Fatalf("sign requests %+v, want our prevote's", rd.Sign)
	}
	ct.c.OnSigned(rd.Sign[0], nil) // refused
	ct.expect(ct.ready())
	ct.at(0, "Prevote")
	if st := ct.c.status(); types.BitSet(st.Prevotes, 0) {
		t.Fatal("an unsigned prevote counted")
	}
	ct.c.OnSigned(rd.Sign[0], sig) // a late second answer changes nothing
	ct.expect(ct.ready())
}

func TestCoreLateOrStaleBuild(t *testing.T) {
	ct := newCoreTest(t, 0)
	B := ct.block("B")
	ct.startHeight()
	ct.txs()
	ct.expect(ct.fire(stepNewHeight, 0), "timeouts: Propose r0", "build: h1 r0")
	ct.expect(ct.built(1, B)) // for another round: ignored
	ct.expect(ct.fire(stepPropose, 0), "broadcast: prevote r0 nil by v0")
	ct.expect(ct.built(0, B)) // too late: the round moved on without a proposal
	if len(ct.c.proposals) != 0 {
		t.Fatal("late block proposed")
	}
}

func TestCoreEmptyBlockInterval(t *testing.T) {
	ct := newCoreTest(t, 0)
	ct.c.cfg.Timeouts.EmptyBlock = 10 * time.Second
	ct.startHeight()
	ct.expect(ct.fire(stepNewHeight, 0), "timeouts: NewRound r0") // no transactions
	ct.at(0, "NewRound")
	ct.expect(ct.fire(stepNewRound, 0), "timeouts: Propose r0", "build: h1 r0")
	ct.at(0, "Propose")
}

// (b) A validator that is not the proposer.
func TestCoreNonProposer(t *testing.T) {
	t.Run("valid proposal: prevote the block", func(t *testing.T) {
		ct := newCoreTest(t, 1)
		B := ct.block("B")
		ct.enterRound0()
		ct.expect(ct.deliver(ct.proposal(0, -1, B)), "validate: B")
		ct.at(0, "Propose") // waits for the verdict
		ct.expect(ct.validated(B, true), "broadcast: prevote r0 B by v1")
		ct.at(0, "Prevote")
	})
	t.Run("invalid proposal: prevote nil", func(t *testing.T) {
		ct := newCoreTest(t, 1)
		B := ct.block("B")
		ct.enterRound0()
		ct.expect(ct.deliver(ct.proposal(0, -1, B)), "validate: B")
		ct.expect(ct.validated(B, false), "broadcast: prevote r0 nil by v1")
		ct.at(0, "Prevote")
	})
	t.Run("no proposal: prevote nil on timeout", func(t *testing.T) {
		ct := newCoreTest(t, 1)
		ct.enterRound0()
		ct.expect(ct.fire(stepPropose, 0), "broadcast: prevote r0 nil by v1")
		ct.at(0, "Prevote")
		// Prevotes for nil: precommit nil, then the next round.
		ct.expect(ct.deliver(ct.prevote(0, 0, nil)))
		ct.expect(ct.deliver(ct.prevote(2, 0, nil)), "broadcast: precommit r0 nil by v1", "timeouts: Prevote r0")
		ct.at(0, "Precommit")
		ct.locked(-1, nil)
		ct.deliver(ct.precommit(0, 0, nil))
		ct.expect(ct.deliver(ct.precommit(2, 0, nil)), "timeouts: Precommit r0")
		ct.expect(ct.fire(stepPrecommit, 0), "timeouts: Propose r1", "build: h1 r1") // we propose round 1
		ct.at(1, "Propose")
	})
	t.Run("proposal before round 0 starts", func(t *testing.T) {
		ct := newCoreTest(t, 1)
		B := ct.block("B")
		ct.startHeight()
		ct.expect(ct.deliver(ct.proposal(0, -1, B)), "validate: B")
		ct.expect(ct.validated(B, true)) // not started: no vote
		ct.at(0, "NewHeight")
		ct.expect(ct.fire(stepNewHeight, 0), "broadcast: prevote r0 B by v1", "timeouts: Propose r0")
		ct.at(0, "Prevote")
	})
}

// lockOn brings validator 3 to round 1, locked on b from round 0: it
// prevoted and precommitted b with v0 and v1, whose precommits were nil.
func lockOn(t *testing.T, b *types.Block, ct *coreTest) {
	t.Helper()
	ct.enterRound0()
	ct.expect(ct.deliver(ct.proposal(0, -1, b)), "validate: B")
	ct.expect(ct.validated(b, true), "broadcast: prevote r0 B by v3")
	ct.deliver(ct.prevote(0, 0, b))
	ct.expect(ct.deliver(ct.prevote(1, 0, b)), "broadcast: precommit r0 B by v3", "timeouts: Prevote r0")
	ct.locked(0, b)
	ct.deliver(ct.precommit(0, 0, nil))
	ct.expect(ct.deliver(ct.precommit(1, 0, nil)), "timeouts: Precommit r0")
	ct.expect(ct.fire(stepPrecommit, 0), "timeouts: Propose r1")
	ct.at(1, "Propose")
	ct.locked(0, b)
}

// (c) Locking: line 28 of the paper.
func TestCoreLocking(t *testing.T) {
	t.Run("locked on B: a new proposal C gets a nil prevote", func(t *testing.T) {
		ct := newCoreTest(t, 3)
		B, C := ct.block("B"), ct.block("C")
		lockOn(t, B, ct)
		ct.expect(ct.deliver(ct.proposal(1, -1, C)), "validate: C")
		ct.expect(ct.validated(C, true), "broadcast: prevote r1 nil by v3")
		ct.locked(0, B)
	})
	t.Run("locked on B: B again with its round-0 POL gets a prevote", func(t *testing.T) {
		ct := newCoreTest(t, 3)
		B := ct.block("B")
		lockOn(t, B, ct)
		// The proposer sends the round-0 prevotes with it (already known here).
		ct.expect(ct.deliver(ct.proposal(1, 0, B)), "broadcast: prevote r1 B by v3")
		for _, i := range []int{0, 1} {
			ct.expect(ct.deliver(ct.prevote(i, 0, B)))
		}
	})
	t.Run("locked on B: B with a POL round lacking the polka waits", func(t *testing.T) {
		ct := newCoreTest(t, 3)
		B, C := ct.block("B"), ct.block("C")
		lockOn(t, B, ct)
		ct.expect(ct.deliver(ct.proposal(1, 0, C)), "validate: C")
		ct.expect(ct.validated(C, true)) // no +2/3 for C in round 0: nothing to prevote yet
		ct.expect(ct.fire(stepPropose, 1), "broadcast: prevote r1 nil by v3")
	})
	t.Run("locked on B: C with a later polka unlocks", func(t *testing.T) {
		ct := newCoreTest(t, 3)
		B, C := ct.block("B"), ct.block("C")
		lockOn(t, B, ct)
		// Round 1: C's proposal does not reach us; we prevote nil.
		ct.expect(ct.fire(stepPropose, 1), "broadcast: prevote r1 nil by v3")
		ct.deliver(ct.prevote(0, 1, C))
		ct.expect(ct.deliver(ct.prevote(1, 1, C)), "timeouts: Prevote r1")
		ct.expect(ct.fire(stepPrevote, 1), "broadcast: precommit r1 nil by v3")
		ct.deliver(ct.precommit(0, 1, nil))
		ct.expect(ct.deliver(ct.precommit(1, 1, nil)), "timeouts: Precommit r1")
		ct.expect(ct.fire(stepPrecommit, 1), "timeouts: Propose r2")
		ct.at(2, "Propose")
		// Round 2: v2 proposes C with POL round 1 and the round-1 prevotes.
		ct.expect(ct.deliver(ct.proposal(2, 1, C)), "validate: C")
		ct.expect(ct.deliver(ct.prevote(2, 1, C))) // the polka completes: v0, v1, v2
		ct.expect(ct.validated(C, true), "broadcast: prevote r2 C by v3")
		ct.locked(0, B) // prevoting C is allowed; the lock moves with a polka of this round
		ct.deliver(ct.prevote(0, 2, C))
		ct.expect(ct.deliver(ct.prevote(1, 2, C)), "broadcast: precommit r2 C by v3", "timeouts: Prevote r2")
		ct.locked(2, C)
		ct.valid(2, C)
	})
	t.Run("relocked on C in round 1: B with its round-0 POL gets nil", func(t *testing.T) {
		ct := newCoreTest(t, 3)
		B, C := ct.block("B"), ct.block("C")
		// Round 0: B locked. Round 1: a polka for C locks C (lines 36-43).
		lockOn(t, B, ct)
		ct.expect(ct.deliver(ct.proposal(1, -1, C)), "validate: C")
		ct.expect(ct.validated(C, true), "broadcast: prevote r1 nil by v3")
		ct.deliver(ct.prevote(0, 1, C))
		ct.deliver(ct.prevote(1, 1, C))
		ct.expect(ct.deliver(ct.prevote(2, 1, C)), "broadcast: precommit r1 C by v3")
		ct.locked(1, C)
		ct.deliver(ct.precommit(0, 1, nil))
		ct.expect(ct.deliver(ct.precommit(1, 1, nil)), "timeouts: Precommit r1")
		ct.fire(stepPrecommit, 1)
		// Round 2: B with its round-0 POL is older than our lock on C.
		ct.expect(ct.deliver(ct.proposal(2, 0, B)), "broadcast: prevote r2 nil by v3")
		ct.locked(1, C)
	})
}

// (d) Line 55: f+1 messages of a later round move the core there.
func TestCoreRoundSkip(t *testing.T) {
	for _, typ := range []uint32{types.Prevote, types.Precommit} {
		t.Run(map[uint32]string{types.Prevote: "prevotes", types.Precommit: "precommits"}[typ], func(t *testing.T) {
			ct := newCoreTest(t, 1)
			ct.enterRound0()
			ct.expect(ct.deliver(ct.vote(0, 3, typ, nil))) // 10 of 40: not f+1
			ct.at(0, "Propose")
			ct.expect(ct.deliver(ct.vote(2, 3, typ, nil)), "timeouts: Propose r3") // 20 > 40/3
			ct.at(3, "Propose")
			if d := ct.scheduled[len(ct.scheduled)-1].After; d != coreTestTimeouts.Propose+3*coreTestTimeouts.ProposeDelta {
				t.Fatalf("round 3 propose timeout %v", d)
			}
		})
	}
	t.Run("one each of prevote and precommit from one validator", func(t *testing.T) {
		ct := newCoreTest(t, 1)
		ct.enterRound0()
		ct.deliver(ct.prevote(0, 3, nil))
		ct.expect(ct.deliver(ct.precommit(0, 3, nil)))
		ct.at(0, "Propose")
	})
	t.Run("far rounds: each validator's latest vote, verified", func(t *testing.T) {
		ct := newCoreTest(t, 1)
		ct.enterRound0()
		far := ct.prevote(0, 1000, nil)
		forgedFar := ct.prevote(2, 1001, nil)
		forgedFar.GetVote().Signature[0] ^= 1
		ct.expect(ct.deliver(far))
		if err := ct.receive(forgedFar); err == nil || !strings.Contains(err.Error(), "invalid signature") {
			t.Fatalf("forged far vote: %v", err)
		}
		ct.expect(ct.ready(), "misbehaved: peer bad signature")
		ct.expect(ct.deliver(ct.prevote(0, 999, nil))) // older than v0's kept one: nothing
		ct.at(0, "Propose")
		if len(ct.c.rounds) != 1 || len(ct.wal) != 1 { // round 0's sets; only the timeout logged
			t.Fatalf("far votes made vote sets for rounds %v, %d WAL records", ct.c.rounds, len(ct.wal))
		}
		// f+1: v2 reached round 1001, v0 round 1000: round 1000 is live.
		ct.expect(ct.deliver(ct.prevote(2, 1001, nil)), "timeouts: Propose r1000")
		ct.at(1000, "Propose")
		if !types.BitSet(ct.c.status().Prevotes, 0) || ct.c.far[0] != nil || ct.c.far[2] != nil {
			t.Fatal("far votes within the new window not moved into its vote sets")
		}
	})
}

// (e) Malformed and unauthorized messages are rejected and change nothing.
func TestCoreRejects(t *testing.T) {
	ct0 := newCoreTest(t, 1)
	B := ct0.block("B")
	wrongHeight := proto.CloneOf(B)
	wrongHeight.Height = 2
	mutVote := func(f func(v *Vote)) *Message {
		m := ct0.prevote(2, 0, B)
		f(m.GetVote())
		return m
	}
	mutProp := func(f func(p *Proposal)) *Message {
		m := ct0.proposal(0, -1, B)
		f(m.GetProposal())
		return m
	}
	for _, tc := range []struct {
		name   string
		msg    *Message
		errHas string
	}{
		{"vote with a 95-byte signature", mutVote(func(v *Vote) { v.Signature = v.Signature[:95] }), "signature of 95 bytes"},
		{"vote with a 4 MB signature", mutVote(func(v *Vote) { v.Signature = make([]byte, 4<<20) }), "signature of 4194304 bytes"},
		{"proposal with a 97-byte signature", mutProp(func(p *Proposal) { p.Signature = append(p.Signature, 0) }), "signature of 97 bytes"},
		{"proposal from a non-proposer", ct0.proposalBy(2, 0, -1, B), "not the proposer"},
		{"proposal index out of range", mutProp(func(p *Proposal) { p.ProposerIndex = 9 }), "not the proposer"},
		{"proposal with a bad signature", mutProp(func(p *Proposal) { p.Signature[0] ^= 1 }), "invalid signature"},
		{"proposal with another round's signature", mutProp(func(p *Proposal) {
			p.PolRound = -1
			p.Round = 0
			p.Signature = ct0.proposal(4, 2, B).GetProposal().Signature
		}), "invalid signature"},
		{"proposal without a block", mutProp(func(p *Proposal) { p.Block = nil }), "without a block"},
		{"proposal of a block of another height", ct0.proposal(0, -1, wrongHeight), "without a block"},
		{"proposal with POL round = round", mutProp(func(p *Proposal) { p.PolRound = 0 }), "POL round"},
		{"proposal with POL round < -1", mutProp(func(p *Proposal) { p.PolRound = -2 }), "POL round"},
		{"proposal of a negative round", mutProp(func(p *Proposal) { p.Round = -1 }), "out of range"},
		{"vote index 4 of 4", mutVote(func(v *Vote) { v.ValidatorIndex = 4 }), "index 4"},
		{"vote index -1", mutVote(func(v *Vote) { v.ValidatorIndex = -1 }), "index -1"},
		{"vote type 3", mutVote(func(v *Vote) { v.Type = 3 }), "vote type"},
		{"vote type 0", mutVote(func(v *Vote) { v.Type = 0 }), "vote type"},
		{"vote with a 31-byte hash", mutVote(func(v *Vote) { v.BlockHash = v.BlockHash[:31] }), "31 bytes"},
		{"vote with a 33-byte hash", mutVote(func(v *Vote) { v.BlockHash = append(v.BlockHash, 0) }), "33 bytes"},
		{"vote of a negative round", mutVote(func(v *Vote) { v.Round = -1 }), "out of range"},
		{"empty message", &Message{}, "empty"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ct := newCoreTest(t, 1)
			ct.names = ct0.names
			ct.enterRound0()
			before := proto.CloneOf(ct.c.status())
			err := ct.receive(tc.msg)
			if err == nil || !strings.Contains(err.Error(), tc.errHas) {
				t.Fatalf("error %v, want one with %q", err, tc.errHas)
			}
			offence := "malformed"
			if strings.Contains(tc.errHas, "invalid signature") {
				offence = "bad signature"
			}
			ct.expect(ct.ready(), "misbehaved: peer "+offence)
			ct.at(0, "Propose")
			if after := ct.c.status(); !proto.Equal(before, after) || len(ct.c.proposals) != 0 || len(ct.c.blocks) != 0 || len(ct.wal) != 1 {
				t.Fatalf("state changed: status %v -> %v, %d proposals, %d blocks", before, after, len(ct.c.proposals), len(ct.c.blocks))
			}
			// The genuine proposal is still taken.
			ct.expect(ct.deliver(ct.proposal(0, -1, B)), "validate: B")
		})
	}
	t.Run("messages of other heights are ignored", func(t *testing.T) {
		ct := newCoreTest(t, 1)
		ct.enterRound0()
		v := ct.prevote(0, 0, nil)
		v.GetVote().Height = 2
		p := ct.proposal(0, -1, B)
		p.GetProposal().Height = 0
		for _, m := range []*Message{v, p} {
			if err := ct.receive(m); err != nil {
				t.Fatal(err)
			}
		}
		ct.expect(ct.ready())
	})
	t.Run("a second proposal for the round changes nothing", func(t *testing.T) {
		ct := newCoreTest(t, 1)
		ct.names = ct0.names
		C := ct.block("C")
		ct.enterRound0()
		ct.expect(ct.deliver(ct.proposal(0, -1, B)), "validate: B")
		ct.expect(ct.deliver(ct.proposal(0, -1, C)))
		ct.expect(ct.validated(B, true), "broadcast: prevote r0 B by v1")
	})
}

// (f) Catch-up: a Commit with a certificate decides once the block is valid.
func TestCoreCommitMessage(t *testing.T) {
	t.Run("valid certificate", func(t *testing.T) {
		ct := newCoreTest(t, 1)
		B := ct.block("B")
		ct.enterRound0()
		cert := ct.certFor(2, B, 0, 2, 3)
		ct.expect(ct.deliver(&Message{Msg: &Message_Commit{Commit: &Commit{Block: B, Cert: cert}}}), "validate: B")
		ct.at(0, "Propose")
		rd := ct.validated(B, true)
		ct.expect(rd, "decided: B r2")
		if !proto.Equal(rd.Decided.Cert, cert) || !proto.Equal(rd.Decided.Block, B) {
			t.Fatalf("decided %v", rd.Decided)
		}
		ct.at(0, "Commit")
	})
	t.Run("valid certificate, invalid block", func(t *testing.T) {
		ct := newCoreTest(t, 1)
		B := ct.block("B")
		ct.enterRound0()
		ct.deliver(&Message{Msg: &Message_Commit{Commit: &Commit{Block: B, Cert: ct.certFor(0, B, 0, 2, 3)}}})
		ct.expect(ct.validated(B, false))
		ct.at(0, "Propose")
	})
	ct0 := newCoreTest(t, 1)
	B, C := ct0.block("B"), ct0.block("C")
	tampered := ct0.certFor(0, B, 0, 2, 3)
	tampered.AggSig[0] ^= 1
	for _, tc := range []struct {
		name  string
		block *types.Block
		cert  *types.Certificate
	}{
		{"two signers", B, ct0.certFor(0, B, 0, 2)},
		{"tampered aggregate", B, tampered},
		{"certificate of another block", C, ct0.certFor(0, B, 0, 2, 3)},
		{"bitmap naming a non-signer", B, func() *types.Certificate { c := ct0.certFor(0, B, 0, 2, 3); c.Signers = []byte{0b0111}; return c }()},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ct := newCoreTest(t, 1)
			ct.names = ct0.names
			ct.enterRound0()
			if err := ct.receive(&Message{Msg: &Message_Commit{Commit: &Commit{Block: tc.block, Cert: tc.cert}}}); err == nil {
				t.Fatal("bad certificate accepted")
			}
			ct.expect(ct.ready(), "misbehaved: peer bad signature")
			if len(ct.c.blocks) != 0 || ct.c.commitCert != nil {
				t.Fatal("bad certificate kept")
			}
		})
	}
}

// (g) Equivocation yields evidence, once per validator, round and type.
func TestCoreEquivocation(t *testing.T) {
	ct := newCoreTest(t, 1)
	B, C := ct.block("B"), ct.block("C")
	ct.enterRound0()
	first := ct.prevote(2, 0, B)
	ct.expect(ct.deliver(first))
	second := ct.prevote(2, 0, nil)
	rd := ct.deliver(second)
	addr := ct.vals.Validators[2].Address
	ct.expect(rd, fmt.Sprintf("evidence: prevote r0 nil by v2 by %x", addr))
	e := rd.Evidence[0]
	if e.Height != 1 || e.Round != 0 || e.Type != types.Prevote || !proto.Equal(e.A, first.GetVote()) || !proto.Equal(e.B, second.GetVote()) {
		t.Fatalf("evidence %+v", e)
	}
	if got := ct.c.Evidence(); len(got) != 1 || got[0] != e {
		t.Fatalf("Evidence() = %v", got)
	}
	// A third vote of the same validator, round and type: no new evidence.
	ct.expect(ct.deliver(ct.prevote(2, 0, C)))
	// Its precommits are another type.
	ct.deliver(ct.precommit(2, 0, B))
	ct.expect(ct.deliver(ct.precommit(2, 0, C)), fmt.Sprintf("evidence: precommit r0 C by v2 by %x", addr))
	if len(ct.c.Evidence()) != 2 {
		t.Fatalf("%d pieces of evidence, want 2", len(ct.c.Evidence()))
	}
	// A forged second vote is no evidence.
	forgedVote := ct.prevote(3, 0, B)
	ct.deliver(ct.prevote(3, 0, nil))
	forgedVote.GetVote().Signature[0] ^= 1
	ct.expect(ct.deliver(forgedVote), "misbehaved: peer bad signature")
	if len(ct.c.Evidence()) != 2 {
		t.Fatal("a forged vote made evidence")
	}
}

// A forged prevote relayed ahead of a validator's genuine one shadows it
// (see TestVoteSetForgeryDoesNotShadowGenuineVote); the polka then waits
// until the genuine vote is sent again, which our status asks for.
func TestCoreForgedVoteDoesNotHideGenuine(t *testing.T) {
	ct := newCoreTest(t, 1)
	B := ct.block("B")
	ct.enterRound0()
	ct.deliver(ct.proposal(0, -1, B))
	ct.expect(ct.validated(B, true), "broadcast: prevote r0 B by v1")
	fake := ct.prevote(0, 0, B)
	fake.GetVote().Signature[0] ^= 1
	ct.expect(ct.deliver(fake))
	ct.expect(ct.deliver(ct.prevote(0, 0, B)), "misbehaved: peer bad signature") // the genuine vote replaces the forgery
	ct.expect(ct.deliver(ct.prevote(2, 0, B)), "broadcast: precommit r0 B by v1", "timeouts: Prevote r0")
	if st := ct.c.status(); !types.BitSet(st.Prevotes, 0) {
		t.Fatal("v0's genuine prevote lost")
	}
}

// (h) Status: peers get what they lack.
func TestCoreStatus(t *testing.T) {
	bits := func(idx ...int) []byte {
		b := make([]byte, 1)
		for _, i := range idx {
			types.SetBit(b, i)
		}
		return b
	}
	status := func(r, validRound int32, hasProposal bool, prevotes, precommits []byte) *Message {
		return &Message{Msg: &Message_Status{Status: &Status{Height: 1, Round: r, ValidRound: validRound, HasProposal: hasProposal, Prevotes: prevotes, Precommits: precommits}}}
	}
	t.Run("missing votes", func(t *testing.T) {
		ct := newCoreTest(t, 1)
		B := ct.block("B")
		ct.enterRound0()
		ct.deliver(ct.proposal(0, -1, B))
		ct.validated(B, true)
		ct.deliver(ct.prevote(0, 0, B))
		ct.expect(ct.deliver(ct.prevote(2, 0, nil)), "timeouts: Prevote r0") // no polka
		ct.expect(ct.deliver(status(0, -1, true, bits(0), nil)),
			"send: peer <- prevote r0 B by v1, peer <- prevote r0 nil by v2")
		ct.expect(ct.deliver(status(0, -1, true, bits(0, 1, 2), nil)))
		ct.expect(ct.deliver(status(0, -1, false, bits(0, 1, 2), nil)), "send: peer <- proposal r0 pol-1 B by v0")
		// A peer at another height, or a later round, gets nothing of this round.
		ct.expect(ct.deliver(&Message{Msg: &Message_Status{Status: &Status{Height: 2, ValidRound: -1}}}))
		ct.expect(ct.deliver(status(1, -1, false, nil, nil)))
		// Our own status reports what we have.
		ct.c.OnTick()
		rd := ct.ready()
		if len(rd.Broadcast) != 1 {
			t.Fatalf("tick: %d messages", len(rd.Broadcast))
		}
		want := &Status{Height: 1, Round: 0, HasProposal: true, ValidRound: -1, Prevotes: bits(0, 1, 2), Precommits: bits()}
		if got := rd.Broadcast[0].GetStatus(); !proto.Equal(got, want) {
			t.Fatalf("status %v, want %v", got, want)
		}
	})
	t.Run("polka for a peer with a lower valid round", func(t *testing.T) {
		ct := newCoreTest(t, 1)
		B := ct.block("B")
		ct.enterRound0()
		ct.deliver(ct.proposal(0, -1, B))
		ct.validated(B, true)
		ct.deliver(ct.prevote(0, 0, B))
		ct.expect(ct.deliver(ct.prevote(2, 0, B)), "broadcast: precommit r0 B by v1", "timeouts: Prevote r0")
		ct.valid(0, B)
		all := bits(0, 1, 2, 3)
		ct.expect(ct.deliver(status(0, -1, true, all, all)),
			"send: peer <- proposal r0 pol-1 B by v0, peer <- prevote r0 B by v0, peer <- prevote r0 B by v1, peer <- prevote r0 B by v2")
		ct.expect(ct.deliver(status(0, 0, true, all, all)))
		// Also to a peer in a later round, which gets nothing else of ours.
		ct.expect(ct.deliver(status(5, -1, true, nil, nil)),
			"send: peer <- proposal r0 pol-1 B by v0, peer <- prevote r0 B by v0, peer <- prevote r0 B by v1, peer <- prevote r0 B by v2")
	})
	t.Run("peer in an earlier round gets our round too", func(t *testing.T) {
		ct := newCoreTest(t, 1)
		ct.enterRound0()
		ct.fire(stepPropose, 0)
		ct.deliver(ct.prevote(0, 0, nil))
		ct.deliver(ct.prevote(2, 0, nil))
		ct.deliver(ct.precommit(0, 0, nil))
		ct.deliver(ct.precommit(2, 0, nil))
		ct.fire(stepPrecommit, 0)
		ct.at(1, "Propose")
		ct.deliver(ct.prevote(3, 1, nil))
		all := bits(0, 1, 2, 3)
		ct.expect(ct.deliver(status(0, -1, true, all, bits(0, 2))),
			"send: peer <- precommit r0 nil by v1, peer <- prevote r1 nil by v3")
	})
}

// (i) An observer follows the height to its decision and never votes.
func TestCoreObserver(t *testing.T) {
	for _, tc := range []struct {
		name string
		make func(t *testing.T) *coreTest
	}{
		{"nil signer", func(t *testing.T) *coreTest { return newCoreTest(t, -1) }},
		{"signer outside the set", func(t *testing.T) *coreTest {
			ct := newCoreTest(t, -1)
			ct.c = NewCore(Config{ChainID: testChainID, Timeouts: coreTestTimeouts}, bytes.Repeat([]byte{0x77}, 48), simVerifier{})
			return ct
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ct := tc.make(t) // ready() fails the test on any own vote or proposal
			B := ct.block("B")
			ct.startHeight()
			if ct.c.IsValidator() {
				t.Fatal("observer is a validator")
			}
			ct.txs()
			ct.expect(ct.fire(stepNewHeight, 0), "timeouts: Propose r0")
			ct.expect(ct.fire(stepPropose, 0)) // no proposal: no nil prevote either
			ct.expect(ct.deliver(ct.proposal(0, -1, B)), "validate: B")
			ct.expect(ct.validated(B, true))
			for _, i := range []int{0, 1, 2} {
				ct.deliver(ct.prevote(i, 0, B))
			}
			ct.deliver(ct.precommit(0, 0, B))
			ct.deliver(ct.precommit(1, 0, B))
			rd := ct.deliver(ct.precommit(3, 0, B))
			ct.expect(rd, "decided: B r0")
			if err := types.VerifyCertificate(testChainID, ct.vals, simVerifier{}, rd.Decided.Cert, 1, types.BlockHash(B)); err != nil {
				t.Fatal(err)
			}
			ct.at(0, "Commit")
		})
	}
	t.Run("observer moves rounds without building", func(t *testing.T) {
		ct := newCoreTest(t, -1)
		ct.enterRound0()
		ct.deliver(ct.precommit(0, 0, nil))
		ct.deliver(ct.precommit(1, 0, nil))
		ct.expect(ct.deliver(ct.precommit(2, 0, nil)), "timeouts: Precommit r0")
		ct.expect(ct.fire(stepPrecommit, 0), "timeouts: Propose r1")
	})
}

// (j) A restarted node replays its WAL to the same round, step and lock,
// signing nothing that conflicts with what it signed before.
func TestCoreWALReplay(t *testing.T) {
	ct := newCoreTest(t, 3)
	B, C := ct.block("B"), ct.block("C")
	ct.enterRound0()
	ct.expect(ct.deliver(ct.proposal(0, -1, B)), "validate: B")
	ct.expect(ct.validated(B, true), "broadcast: prevote r0 B by v3")
	// The round-0 propose timer still fires (and is logged): a no-op here,
	// but on replay it comes before the block is validated again, and the
	// signer must refuse the nil prevote it asks for.
	ct.expect(ct.fire(stepPropose, 0))
	ct.deliver(ct.prevote(0, 0, B))
	ct.expect(ct.deliver(ct.prevote(1, 0, B)), "broadcast: precommit r0 B by v3", "timeouts: Prevote r0")
	ct.deliver(ct.precommit(0, 0, nil))
	ct.expect(ct.deliver(ct.precommit(1, 0, nil)), "timeouts: Precommit r0")
	ct.expect(ct.fire(stepPrecommit, 0), "timeouts: Propose r1")
	ct.expect(ct.fire(stepPropose, 1), "broadcast: prevote r1 nil by v3")
	ct.deliver(ct.prevote(0, 1, C))
	ct.expect(ct.deliver(ct.prevote(1, 1, nil)), "timeouts: Prevote r1")
	ct.expect(ct.fire(stepPrevote, 1), "broadcast: precommit r1 nil by v3")
	ct.at(1, "Precommit")
	ct.locked(0, B)
	ct.valid(0, B)
	signed := ct.last.Signed
	own := map[string]bool{}
	for _, rec := range ct.wal {
		own[string(rec)] = true
	}

	// Crash; restart from the WAL, as the driver does.
	re := ct.restart()
	re.c.StartHeight(1, re.vals.Copy(), 0)
	if err := replayWAL(re.c, re.wal); err != nil {
		t.Fatal(err)
	}
	re.c.OnTxsAvailable()
	rd := re.ready() // the signer answers what the replay asks again
	re.at(1, "Precommit")
	re.locked(0, B)
	for _, m := range rd.Broadcast {
		if m.GetStatus() == nil && !own[string(walRecord(m))] {
			t.Fatalf("replay broadcast %s, which the node had not signed", re.describe(m))
		}
	}
	if !slices.EqualFunc(ct.last.Signed, signed, func(a, b SignedStep) bool { return bytes.Equal(a.Signature, b.Signature) }) {
		t.Fatal("replay signed something new")
	}
	// The driver answers the validations the replay asked for.
	for _, b := range rd.Validate {
		re.validated(b, true)
	}
	re.valid(0, B)

	// Both go on alike.
	for _, n := range []*coreTest{ct, re} {
		n.deliver(n.precommit(0, 1, nil))
		n.expect(n.deliver(n.precommit(1, 1, nil)), "timeouts: Precommit r1")
		n.expect(n.fire(stepPrecommit, 1), "timeouts: Propose r2")
		n.expect(n.deliver(n.proposal(2, -1, C)), "validate: C")
		n.expect(n.validated(C, true), "broadcast: prevote r2 nil by v3") // still locked on B
		n.at(2, "Prevote")
		n.locked(0, B)
	}
}

// A replay that is cut short stops at the first bad record.
func TestCoreWALReplayBadRecord(t *testing.T) {
	ct := newCoreTest(t, 1)
	c := ct.newCore()
	c.StartHeight(1, ct.vals.Copy(), 0)
	for _, recs := range [][][]byte{
		{{}},
		{{'x'}},
		{{walTimeout, 1, 2}},
		{{walMessage, 0xff, 0xff}},
	} {
		if err := replayWAL(c, recs); err == nil {
			t.Errorf("replay of %x succeeded", recs)
		}
	}
}

// The proposer crashes after its proposal and prevote reached the WAL: on
// restart it sends the same proposal again and builds nothing new.
func TestCoreWALReplayProposer(t *testing.T) {
	ct := newCoreTest(t, 0)
	B := ct.block("B")
	ct.startHeight()
	ct.txs()
	ct.fire(stepNewHeight, 0)
	ct.expect(ct.built(0, B), "broadcast: proposal r0 pol-1 B by v0, prevote r0 B by v0")

	re := ct.restart()
	re.c.StartHeight(1, re.vals.Copy(), 0)
	if err := replayWAL(re.c, re.wal); err != nil {
		t.Fatal(err)
	}
	re.expect(re.ready(), "timeouts: NewHeight r0", "validate: B") // its own block, to execute again
	re.expect(re.txs(), "broadcast: proposal r0 pol-1 B by v0", "timeouts: Propose r0")
	re.expect(re.validated(B, true), "broadcast: prevote r0 B by v0")
	if len(ct.last.Signed) != 2 {
		t.Fatalf("signer state after replay: %+v", ct.last)
	}
	re.deliver(re.prevote(1, 0, B))
	re.expect(re.deliver(re.prevote(2, 0, B)), "broadcast: precommit r0 B by v0", "timeouts: Prevote r0")
}
