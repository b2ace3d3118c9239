package qbft

import (
	"bytes"
	"math/rand/v2"
	"strings"
	"testing"

	"chain33node/crypto"
	"chain33node/types"
)

// Attacks on one core, as a hostile peer or validator mounts them: what it
// sends is checked before it is kept, what is kept is bounded, and what no
// honest node sends is reported against the peer that sent it.

// junkVote is a vote "by" validator i with a random hash and a garbage
// 96-byte signature.
func junkVote(rng *rand.Rand, i int, r int32, typ uint32) *Message {
	hash := make([]byte, 32)
	sig := make([]byte, 96)
	for j := range hash {
		hash[j] = byte(rng.IntN(256))
	}
	for j := range sig {
		sig[j] = byte(rng.IntN(256))
	}
	return &Message{Msg: &Message_Vote{Vote: &Vote{Height: 1, Round: r, Type: typ, BlockHash: hash, ValidatorIndex: int32(i), Signature: sig}}}
}

// Votes for the current height with random hashes and garbage signatures
// (the two-connection halt): each validator has one unverified vote at a
// time, so the sets stay at one pending vote per validator, each junk vote
// costs its sender a report, and the genuine votes still decide.
func TestCoreJunkVotesAreBounded(t *testing.T) {
	ct := newCoreTest(t, 1)
	B := ct.block("B")
	ct.enterRound0()
	rng := rand.New(rand.NewPCG(1, 2))
	const perSlot = 50
	junk := 0
	for r := range int32(roundWindow + 1) {
		for _, typ := range []uint32{types.Prevote, types.Precommit} {
			for i := range 4 {
				for range perSlot {
					if logged, err := ct.c.OnMessage("evil", junkVote(rng, i, r, typ)); err != nil || logged {
						t.Fatalf("junk vote: logged %v, %v", logged, err)
					}
					junk++
				}
			}
		}
	}
	// Far rounds: verified at once, and refused.
	for r := int32(roundWindow + 1); r < 1000; r++ {
		if _, err := ct.c.OnMessage("evil", junkVote(rng, int(r%4), r, types.Prevote)); err == nil {
			t.Fatalf("junk vote of round %d accepted", r)
		}
		junk++
	}
	rd := ct.ready()
	for _, m := range rd.Misbehaved {
		if m.Peer != "evil" || m.Offence != OffenceBadSignature {
			t.Fatalf("reported %+v", m)
		}
	}
	// Every junk vote is reported, except those still waiting in a slot.
	waiting := 0
	for _, sets := range []map[int32]*voteSet{ct.c.prevotes, ct.c.precommits} {
		for _, s := range sets {
			for _, p := range s.pending {
				if p.vote != nil {
					waiting++
				}
			}
		}
	}
	if len(rd.Misbehaved)+waiting != junk {
		t.Fatalf("%d reports and %d waiting for %d junk votes", len(rd.Misbehaved), waiting, junk)
	}
	if len(ct.c.rounds) != roundWindow+1 {
		t.Fatalf("vote sets for rounds %v, want the window only", ct.c.rounds)
	}
	for _, sets := range []map[int32]*voteSet{ct.c.prevotes, ct.c.precommits} {
		for r, s := range sets {
			if len(s.tallies) > 4 || len(s.order) > 4 || s.anySum != 0 {
				t.Fatalf("round %d: %d tallies, %d verified power after junk", r, len(s.tallies), s.anySum)
			}
		}
	}
	if len(ct.wal) != 1 { // the NewHeight timeout: no junk
		t.Fatalf("%d WAL records", len(ct.wal))
	}
	// The genuine votes replace the junk (which is reported) and decide.
	ct.deliver(ct.proposal(0, -1, B))
	ct.validated(B, true)
	for _, m := range []*Message{ct.prevote(0, 0, B), ct.prevote(2, 0, B), ct.precommit(0, 0, B), ct.precommit(2, 0, B)} {
		ct.deliver(m)
	}
	ct.at(0, "Commit")
}

// A Byzantine proposer signs proposals for every round it will propose, up
// to a thousand rounds ahead: none is executed before its round (and those
// beyond the window are not even kept), so it cannot make us execute
// hundreds of blocks a height.
func TestCoreFutureProposalsNotExecuted(t *testing.T) {
	ct := newCoreTest(t, 1)
	ct.enterRound0()
	var validate int
	for r := int32(4); r <= 1000; r += 4 { // v0 proposes rounds 0, 4, 8, ...
		b := ct.block("F" + string(rune('A'+r%26)))
		b.BlockTime = int64(r)
		logged, err := ct.c.OnMessage("peer", ct.proposalBy(0, r, -1, b))
		if err != nil || logged {
			t.Fatalf("round %d proposal: logged %v, %v", r, logged, err)
		}
		validate += len(ct.ready().Validate)
	}
	if validate != 0 || len(ct.c.proposals) != 0 {
		t.Fatalf("%d future proposals executed, %d kept", validate, len(ct.c.proposals))
	}
	// Within the window a proposal is held, and executed when its round starts.
	C := ct.block("C")
	ct.expect(ct.deliver(ct.proposal(2, -1, C)))
	if ct.c.proposals[2] == nil {
		t.Fatal("round-2 proposal within the window not held")
	}
	ct.fire(stepPropose, 0)
	for _, i := range []int{0, 2, 3} {
		ct.deliver(ct.precommit(i, 0, nil))
	}
	ct.fire(stepPrecommit, 0)
	ct.fire(stepPropose, 1)
	for _, i := range []int{0, 2, 3} {
		ct.deliver(ct.precommit(i, 1, nil))
	}
	ct.expect(ct.fire(stepPrecommit, 1), "timeouts: Propose r2", "validate: C")
}

// A node that is not a validator of the height relays no vote or proposal:
// it would be cut off for it (OffenceNotValidator).
func TestCoreObserverRelaysNothing(t *testing.T) {
	ct := newCoreTest(t, -1)
	B := ct.block("B")
	ct.enterRound0()
	ct.deliver(ct.proposal(0, -1, B))
	ct.validated(B, true)
	ct.deliver(ct.prevote(0, 0, B))
	ct.expect(ct.deliver(&Message{Msg: &Message_Status{Status: &Status{Height: 1, ValidRound: -1}}}))
}

// A validator relays only verified votes: one that waits unverified is
// checked first, and a forgery is reported, not passed on.
func TestCoreRelaysVerifiedVotesOnly(t *testing.T) {
	ct := newCoreTest(t, 1)
	B := ct.block("B")
	ct.enterRound0()
	fake := ct.prevote(0, 0, B)
	fake.GetVote().Signature[5] ^= 1
	ct.deliver(fake)
	ct.deliver(ct.prevote(2, 0, nil))
	ct.expect(ct.deliver(&Message{Msg: &Message_Status{Status: &Status{Height: 1, ValidRound: -1}}}),
		"send: peer <- prevote r0 nil by v2", "misbehaved: peer bad signature")
}

// rogueSet is three honest validators with real BLS keys and a fourth, with
// little power, whose key is x·g1 − (the first two's keys): its owner knows
// x, not its own secret key, yet x·H(m) is the plain sum of signatures by
// those three, who together hold a quorum.
type rogueSet struct {
	vals    *types.ValidatorSet
	keys    map[string]*crypto.BLSPrivKey // honest keys by public key
	x       *crypto.BLSPrivKey
	forgers []int // indexes of the two cancelled validators, then the rogue
	rogue   int
}

func newRogueSet(t *testing.T) *rogueSet {
	rs := &rogueSet{vals: &types.ValidatorSet{}, keys: map[string]*crypto.BLSPrivKey{}, x: crypto.GenerateBLSKey()}
	var pubs []*crypto.BLSPubKey
	for range 3 {
		k := crypto.GenerateBLSKey()
		pubs = append(pubs, k.PubKey())
		rs.keys[string(k.PubKey().Bytes())] = k
		rs.vals.Add(&types.Validator{Address: crypto.ValidatorAddress(k.PubKey().Bytes()), PubKey: k.PubKey().Bytes(), Power: 10})
	}
	rogue, err := crypto.RogueKey(rs.x, pubs[:2])
	if err != nil {
		t.Fatal(err)
	}
	rs.vals.Add(&types.Validator{Address: crypto.ValidatorAddress(rogue.Bytes()), PubKey: rogue.Bytes(), Power: 1}) // 1 of 31; quorum 21
	for _, v := range rs.vals.Validators {
		v.Accum = 0
	}
	for _, p := range []*crypto.BLSPubKey{pubs[0], pubs[1], rogue} {
		for i, v := range rs.vals.Validators {
			if bytes.Equal(v.PubKey, p.Bytes()) {
				rs.forgers = append(rs.forgers, i)
			}
		}
	}
	rs.rogue = rs.forgers[2]
	return rs
}

// The rogue-key forgery against a live validator: a certificate "signed" by
// the two cancelled validators and the rogue one (x·H(m) as the aggregate),
// and a group of precommits "by" them whose plain sum is x·H(m), are both
// refused and reported; the block is not decided. (With plain aggregation
// both pass.)
func TestCoreRejectsRogueKeyForgeries(t *testing.T) {
	rs := newRogueSet(t)
	vs := newValSet(rs.vals)
	proposer := vs.proposer(0)
	if proposer == rs.rogue {
		t.Fatal("the rogue validator proposes round 0: it could not sign the proposal")
	}
	me := 0
	for me == rs.forgers[0] || me == rs.forgers[1] || me == rs.rogue {
		me++
	}
	c := NewCore(Config{ChainID: testChainID, Timeouts: coreTestTimeouts}, rs.vals.Validators[me].PubKey, types.NewBLSVerifier())
	c.StartHeight(1, rs.vals.Copy(), 0)
	c.OnTxsAvailable()
	c.OnTimeout(Timeout{Height: 1, Step: stepNewHeight})
	b := &types.Block{Height: 1, ParentHash: blockHash("genesis"), TxHash: blockHash("attacker's"), BlockTime: 1}
	hash := types.BlockHash(b)
	sig := rs.keys[string(rs.vals.Validators[proposer].PubKey)].Sign(types.ProposalSignBytes(testChainID, 1, 0, -1, hash))
	if _, err := c.OnMessage("peer", &Message{Msg: &Message_Proposal{Proposal: &Proposal{Height: 1, Round: 0, PolRound: -1, Block: b, ProposerIndex: int32(proposer), Signature: sig}}}); err != nil {
		t.Fatal(err)
	}
	c.OnValidated(1, hash, true)
	c.Ready()

	msg := types.VoteSignBytes(testChainID, 1, 0, types.Precommit, hash)
	signers := make([]byte, 1)
	for _, i := range rs.forgers {
		types.SetBit(signers, i)
	}
	for _, scheme := range []uint32{types.CertSchemeLegacy, types.CertSchemeBDN} {
		cert := &types.Certificate{Height: 1, BlockHash: hash, Signers: signers, AggSig: rs.x.Sign(msg), Scheme: scheme}
		_, err := c.OnMessage("evil", &Message{Msg: &Message_Commit{Commit: &Commit{Block: b, Cert: cert}}})
		if err == nil || c.commitCert != nil {
			t.Fatalf("forged certificate of scheme %d accepted", scheme)
		}
	}
	forged := crypto.RogueVotes(rs.x, msg, 3)
	for j, i := range rs.forgers { // the rogue's last: the group reaches a quorum whole
		v := &Vote{Height: 1, Type: types.Precommit, BlockHash: hash, ValidatorIndex: int32(i), Signature: forged[j]}
		if _, err := c.OnMessage("evil", &Message{Msg: &Message_Vote{Vote: v}}); err != nil {
			t.Fatal(err)
		}
	}
	rd := c.Ready()
	if rd.Decided != nil || c.Step() == "Commit" {
		t.Fatal("decided on a forged vote group")
	}
	reports := 0
	for _, m := range rd.Misbehaved {
		if m.Peer != "evil" || m.Offence != OffenceBadSignature {
			t.Fatalf("reported %+v", m)
		}
		if strings.Contains(m.Detail, "precommit") {
			reports++
		}
	}
	if reports != 3 || c.precommits[0].anySum != 0 {
		t.Fatalf("%d forged precommits reported, %d power counted", reports, c.precommits[0].anySum)
	}
}
