package qbft

import (
	"bytes"
	"fmt"
	"slices"
	"time"

	"chain33node/types"

	"google.golang.org/protobuf/proto"
)

// step is where a height's current round is.
type step uint8

const (
	stepNewHeight step = iota // waiting timeoutCommit before round 0
	stepNewRound              // round 0, waiting for transactions (or emptyBlockInterval)
	stepPropose
	stepPrevote
	stepPrecommit
	stepCommit // decided; waiting for the driver to apply the commit
)

var stepNames = [...]string{"NewHeight", "NewRound", "Propose", "Prevote", "Precommit", "Commit"}

func (s step) String() string { return stepNames[s] }

// roundWindow bounds the rounds ahead of ours whose votes and proposals are
// kept in full: up to round+roundWindow. Of a later round only each
// validator's latest vote is kept (verified at once), which is all that
// line 55 of the paper (f+1 of a later round: go there) needs.
const roundWindow = 2

// Timeouts are the chain33 qbft timing keys.
type Timeouts struct {
	Propose, ProposeDelta     time.Duration
	Prevote, PrevoteDelta     time.Duration
	Precommit, PrecommitDelta time.Duration
	Commit                    time.Duration // after a commit, before the next height's round 0
	EmptyBlock                time.Duration // propose without transactions after this long; 0 = never
}

// Config configures a core.
type Config struct {
	ChainID           string
	Timeouts          Timeouts
	SkipTimeoutCommit bool // start the next height right after a commit (no timeoutCommit)
}

// Timeout asks the driver to call OnTimeout with it after After.
type Timeout struct {
	Height int64
	Round  int32
	Step   step
	After  time.Duration
}

// BuildRequest asks the driver for a new block to propose; it answers with OnBuilt.
type BuildRequest struct {
	Height int64
	Round  int32
}

// Decision is a committed block with its certificate.
type Decision struct {
	Block *types.Block
	Hash  []byte
	Cert  *types.Certificate
}

// Directed is a message for one peer.
type Directed struct {
	To  string
	Msg *Message
}

// Evidence is a validator caught signing two different votes.
type Evidence struct {
	Height    int64
	Round     int32
	Type      uint32
	Validator []byte // validator address
	A, B      *Vote
}

// SignRequest asks the driver for this validator's signature over Bytes at
// (Height, Round, Step); the driver answers with OnSigned. Signing persists
// the double-sign guard (an fsync), so it happens outside the core, as
// etcd raft hands out the entries to persist.
type SignRequest struct {
	Height int64
	Round  int32
	Step   uint8  // stepSignProposal, stepSignPrevote or stepSignPrecommit
	Bytes  []byte // the sign bytes
	msg    *Message
}

// Offence is what a peer sent that no honest node sends.
type Offence uint8

const (
	OffenceMalformed    Offence = iota + 1 // a message that breaks the protocol's rules: a field out of range, not the round's proposer, ...
	OffenceBadSignature                    // an invalid signature on a vote, proposal or certificate
	OffenceNotValidator                    // a vote or proposal from a peer that is not a validator of its height
)

var offenceNames = [...]string{OffenceMalformed: "malformed", OffenceBadSignature: "bad signature", OffenceNotValidator: "not a validator"}

func (o Offence) String() string {
	if int(o) < len(offenceNames) && offenceNames[o] != "" {
		return offenceNames[o]
	}
	return fmt.Sprintf("offence %d", o)
}

// Misbehaviour is a peer caught sending what no honest node sends. A peer
// that relays another's message vouches for it: it verified it first.
type Misbehaviour struct {
	Peer    string
	Offence Offence
	Detail  string
}

// Ready is what the core asks the driver to do after an input.
type Ready struct {
	Sign       []SignRequest // answer each with OnSigned, in order, before other inputs
	Broadcast  []*Message    // own proposals and votes (write them to the WAL, synced, before sending) and status
	Send       []Directed
	Timeouts   []Timeout
	Validate   []*types.Block // execute and answer with OnValidated
	Build      *BuildRequest
	Decided    *Decision // commit it, then call StartHeight
	Evidence   []*Evidence
	Misbehaved []Misbehaviour // peers to cut off
	Log        []*Message     // peers' votes verified and kept: write them to the WAL (not synced), once
}

// validity of a block as the application judged it.
type validity uint8

const (
	unknown validity = iota
	pending
	valid
	invalid
)

type firedKey struct {
	round int32
	rule  uint8
}

// once-per-round rules of the paper.
const (
	rulePrevoteWait uint8 = iota
	rulePrecommitWait
	ruleLock
)

// Core is the qbft state machine for one node: Tendermint's algorithm with
// weighted voting power. It changes only through its On* methods and
// StartHeight, and says what to do through Ready. No clocks, goroutines or
// I/O (signing included): the driver owns those, the simulation replaces them.
type Core struct {
	cfg      Config
	pub      []byte // our BLS public key; nil: observer
	verifier types.Verifier
	ready    Ready

	height int64
	round  int32
	step   step
	vals   *valSet
	self   int // our validator index at this height, -1 when not a validator

	lockedRound int32
	lockedHash  []byte
	validRound  int32
	validHash   []byte

	proposals  map[int32]*Proposal
	propHashes map[int32][]byte // block hash of each round's proposal: the rules ask often, hashing marshals
	blocks     map[string]*types.Block
	validity   map[string]validity
	prevotes   map[int32]*voteSet
	precommits map[int32]*voteSet
	rounds     []int32 // rounds with a vote set, ascending
	far        []*Vote // per validator: its latest vote of a round beyond round+roundWindow, verified
	fired      map[firedKey]bool
	txs        bool               // the mempool has transactions
	commitCert *types.Certificate // a verified certificate for this height received from a peer
	building   bool
	signing    map[*Message]bool // own messages waiting for their signature
	unsigned   []SignRequest     // answered without a signature: asked again by Retry

	evidence    []*Evidence
	equivocated map[string]bool
}

// NewCore returns a core; call StartHeight to begin. pub is the validator's
// public key, nil for a node that only follows.
func NewCore(cfg Config, pub []byte, verifier types.Verifier) *Core {
	return &Core{cfg: cfg, pub: pub, verifier: verifier, self: -1, equivocated: make(map[string]bool)}
}

// Ready returns and clears what the core asks the driver to do.
func (c *Core) Ready() Ready {
	r := c.ready
	c.ready = Ready{}
	return r
}

// Height, Round and Step report the position.
func (c *Core) Height() int64 { return c.height }
func (c *Core) Round() int32  { return c.round }
func (c *Core) Step() string  { return c.step.String() }

// Evidence returns the equivocations seen (most recent last).
func (c *Core) Evidence() []*Evidence { return c.evidence }

// IsValidator reports whether this node votes at the current height.
func (c *Core) IsValidator() bool { return c.self >= 0 }

// StartHeight begins height h with the validator set that validates it
// (from the state after h-1). wait is how long to wait before round 0
// (timeoutCommit, or 0).
func (c *Core) StartHeight(h int64, vals *types.ValidatorSet, wait time.Duration) {
	c.height, c.round, c.step = h, 0, stepNewHeight
	c.vals = newValSet(vals)
	c.self = -1
	if c.pub != nil {
		for i, v := range vals.Validators {
			if bytes.Equal(v.PubKey, c.pub) {
				c.self = i
			}
		}
	}
	c.lockedRound, c.lockedHash, c.validRound, c.validHash = -1, nil, -1, nil
	c.proposals = make(map[int32]*Proposal)
	c.propHashes = make(map[int32][]byte)
	c.blocks = make(map[string]*types.Block)
	c.validity = make(map[string]validity)
	c.prevotes = make(map[int32]*voteSet)
	c.precommits = make(map[int32]*voteSet)
	c.rounds = c.rounds[:0]
	c.far = make([]*Vote, c.vals.size())
	c.fired = make(map[firedKey]bool)
	c.commitCert, c.building = nil, false
	c.signing = make(map[*Message]bool)
	c.unsigned = nil
	clear(c.equivocated) // keyed by height: earlier ones cannot recur
	c.schedule(0, stepNewHeight, wait)
}

func (c *Core) schedule(r int32, s step, d time.Duration) {
	c.ready.Timeouts = append(c.ready.Timeouts, Timeout{Height: c.height, Round: r, Step: s, After: d})
}

func (c *Core) votes(typ uint32, r int32) *voteSet {
	m := c.prevotes
	if typ == types.Precommit {
		m = c.precommits
	}
	s, ok := m[r]
	if !ok {
		h := c.height
		s = newVoteSet(c.vals, c.verifier, func(hash []byte) []byte { return types.VoteSignBytes(c.cfg.ChainID, h, r, typ, hash) },
			func(hash []byte) bool { return c.blocks[string(hash)] != nil },
			func(from, detail string) { c.misbehaved(from, OffenceBadSignature, detail) },
			func(v *Vote, from string) {
				if from != "" { // not what the WAL replays
					c.ready.Log = append(c.ready.Log, &Message{Msg: &Message_Vote{Vote: v}})
				}
			})
		m[r] = s
		if i, found := slices.BinarySearch(c.rounds, r); !found {
			c.rounds = slices.Insert(c.rounds, i, r)
		}
	}
	return s
}

// startRound enters round r (lines 11-21 of the paper).
func (c *Core) startRound(r int32) {
	c.round = r
	for i, v := range c.far { // now within the window
		if v != nil && v.Round <= r+roundWindow {
			c.far[i] = nil
			c.addVote(v, "", true) // verified when it came
		}
	}
	if p := c.proposals[r]; p != nil { // held until now
		c.addBlock(c.propHashes[r], p.Block)
	}
	c.broadcastStatus()
	if r == 0 && !c.txs && c.proposals[0] == nil {
		c.step = stepNewRound
		if c.cfg.Timeouts.EmptyBlock > 0 {
			c.schedule(0, stepNewRound, c.cfg.Timeouts.EmptyBlock)
		}
		return
	}
	c.enterPropose()
}

func (c *Core) enterPropose() {
	c.step = stepPropose
	t := c.cfg.Timeouts
	c.schedule(c.round, stepPropose, t.Propose+time.Duration(c.round)*t.ProposeDelta)
	if c.self < 0 || c.vals.proposer(c.round) != c.self {
		return
	}
	if p := c.proposals[c.round]; p != nil { // ours, replayed from the WAL
		c.ready.Broadcast = append(c.ready.Broadcast, c.withPOL(p)...)
		return
	}
	if c.validHash != nil {
		c.propose(c.blocks[string(c.validHash)], c.validHash, c.validRound)
		return
	}
	if !c.building {
		c.building = true
		c.ready.Build = &BuildRequest{Height: c.height, Round: c.round}
	}
}

// OnBuilt takes the block the driver built for a BuildRequest (nil if it
// could not build one).
func (c *Core) OnBuilt(h int64, r int32, b *types.Block) {
	if h != c.height || r != c.round {
		return
	}
	c.building = false
	if b == nil || c.step != stepPropose || c.proposals[r] != nil {
		return
	}
	hash := types.BlockHash(b)
	c.validity[string(hash)] = valid // we executed it
	c.propose(b, hash, -1)
	c.evaluate()
}

// propose asks for the signature of our proposal of b; OnSigned sends it.
func (c *Core) propose(b *types.Block, hash []byte, polRound int32) {
	c.blocks[string(hash)] = b
	p := &Proposal{Height: c.height, Round: c.round, PolRound: polRound, Block: b, ProposerIndex: int32(c.self)}
	c.sign(stepSignProposal, types.ProposalSignBytes(c.cfg.ChainID, c.height, c.round, polRound, hash), &Message{Msg: &Message_Proposal{Proposal: p}})
}

func (c *Core) sign(step uint8, signBytes []byte, m *Message) {
	c.signing[m] = true
	c.ready.Sign = append(c.ready.Sign, SignRequest{Height: c.height, Round: c.round, Step: step, Bytes: signBytes, msg: m})
}

// OnSigned completes a SignRequest with its signature: our vote counts and
// goes out, our proposal becomes the round's. A nil signature (the
// double-sign guard refused, or the signer or the WAL could not write)
// leaves the message unsent: the step has moved on as if it had been sent
// and lost, and Retry asks for it again.
func (c *Core) OnSigned(req SignRequest, sig []byte) {
	if !c.signing[req.msg] { // answered before, or of an earlier height
		return
	}
	delete(c.signing, req.msg)
	if len(sig) == 0 {
		c.unsigned = append(c.unsigned, req)
		return
	}
	switch x := req.msg.Msg.(type) {
	case *Message_Vote:
		v := x.Vote
		v.Signature = sig
		c.votes(v.Type, v.Round).add(v, "", true)
		c.ready.Broadcast = append(c.ready.Broadcast, req.msg)
	case *Message_Proposal:
		p := x.Proposal
		if c.proposals[p.Round] != nil {
			return
		}
		p.Signature = sig
		c.proposals[p.Round] = p
		c.propHashes[p.Round] = types.BlockHash(p.Block)
		c.ready.Broadcast = append(c.ready.Broadcast, c.withPOL(p)...)
	}
	c.evaluate()
}

// Signed returns the message req asks to sign as it goes out with sig: what
// the driver logs before it answers OnSigned.
func (req SignRequest) Signed(sig []byte) *Message {
	m := proto.CloneOf(req.msg)
	switch x := m.Msg.(type) {
	case *Message_Vote:
		x.Vote.Signature = sig
	case *Message_Proposal:
		x.Proposal.Signature = sig
	}
	return m
}

// Retry asks again for the signatures of this height that were not given
// (the driver resumes after a storage fault): a vote of ours that was lost
// may be all that a quorum lacks. The guard gives the same signature for the
// same bytes, or refuses what conflicts with what it gave since.
func (c *Core) Retry() {
	for _, r := range c.unsigned {
		if r.Height == c.height {
			c.signing[r.msg] = true
			c.ready.Sign = append(c.ready.Sign, r)
		}
	}
	c.unsigned = nil
}

// OnTxsAvailable tells the core that the mempool holds transactions.
func (c *Core) OnTxsAvailable() {
	c.txs = true
	if c.step == stepNewRound {
		c.enterPropose()
		c.evaluate()
	}
}

// OnTxsGone tells the core the mempool is empty again.
func (c *Core) OnTxsGone() { c.txs = false }

// OnTimeout handles a timeout the core scheduled.
func (c *Core) OnTimeout(t Timeout) {
	if t.Height != c.height {
		return
	}
	switch t.Step {
	case stepNewHeight:
		if c.step == stepNewHeight {
			c.startRound(0)
		}
	case stepNewRound:
		if c.step == stepNewRound && c.round == 0 {
			c.enterPropose()
		}
	case stepPropose: // line 57
		if t.Round == c.round && (c.step == stepPropose || c.step == stepNewRound) {
			c.vote(types.Prevote, nil)
			c.step = stepPrevote
		}
	case stepPrevote: // line 61
		if t.Round == c.round && c.step == stepPrevote {
			c.vote(types.Precommit, nil)
			c.step = stepPrecommit
		}
	case stepPrecommit: // line 65
		if t.Round == c.round && c.step != stepCommit {
			c.startRound(c.round + 1)
		}
	}
	if t.Step != stepNewHeight {
		c.broadcastStatus() // lets peers send what we miss
	}
	c.evaluate()
}

// vote asks for the signature of our vote; OnSigned counts and sends it.
func (c *Core) vote(typ uint32, hash []byte) {
	if c.self < 0 {
		return
	}
	step := stepSignPrevote
	if typ == types.Precommit {
		step = stepSignPrecommit
	}
	v := &Vote{Height: c.height, Round: c.round, Type: typ, BlockHash: hash, ValidatorIndex: int32(c.self)}
	c.sign(step, types.VoteSignBytes(c.cfg.ChainID, c.height, c.round, typ, hash), &Message{Msg: &Message_Vote{Vote: v}})
}

// OnValidated takes the application's verdict on a block.
func (c *Core) OnValidated(h int64, hash []byte, ok bool) {
	if h != c.height || c.validity[string(hash)] != pending {
		return
	}
	c.validity[string(hash)] = invalid
	if ok {
		c.validity[string(hash)] = valid
	}
	c.evaluate()
}

// addBlock keeps a block and asks for its validation once.
func (c *Core) addBlock(hash []byte, b *types.Block) {
	c.blocks[string(hash)] = b
	if c.validity[string(hash)] == unknown {
		c.validity[string(hash)] = pending
		c.ready.Validate = append(c.ready.Validate, b)
	}
}

// evaluate applies the paper's "upon" rules until none fires.
func (c *Core) evaluate() {
	for c.step != stepNewHeight && c.step != stepCommit && c.applyRule() {
	}
}

// applyRule fires at most one rule and reports whether it did.
func (c *Core) applyRule() bool {
	r := c.round
	// Lines 49-54: a decision in any round (or a certificate from a peer).
	if c.decide() {
		return true
	}
	// Line 55: f+1 of a later round moves us there (the highest such round).
	rounds := c.roundsWithVotes()
	for i := len(rounds) - 1; i >= 0 && rounds[i] > r; i-- {
		rr := rounds[i]
		if c.votes(types.Prevote, rr).hasAny(c.vals.oneThird) || c.votes(types.Precommit, rr).hasAny(c.vals.oneThird) {
			c.startRound(rr)
			return true
		}
	}
	if rr := c.farRound(); rr > r {
		c.startRound(rr)
		return true
	}
	prop := c.proposals[r]
	var hash []byte
	var v validity
	if prop != nil {
		hash = c.propHashes[r]
		v = c.validity[string(hash)]
	}
	// Lines 22-33: prevote on the proposal.
	if (c.step == stepPropose || c.step == stepNewRound) && prop != nil && v != pending {
		switch {
		case prop.PolRound == -1:
			if v == valid && (c.lockedRound == -1 || bytes.Equal(c.lockedHash, hash)) {
				c.vote(types.Prevote, hash)
			} else {
				c.vote(types.Prevote, nil)
			}
			c.step = stepPrevote
			return true
		case c.votes(types.Prevote, prop.PolRound).hasQuorumFor(hash):
			if v == valid && (c.lockedRound <= prop.PolRound || bytes.Equal(c.lockedHash, hash)) {
				c.vote(types.Prevote, hash)
			} else {
				c.vote(types.Prevote, nil)
			}
			c.step = stepPrevote
			return true
		}
	}
	prevotes := c.votes(types.Prevote, r)
	// Line 34: +2/3 prevotes of any kind start the prevote timer.
	if c.step == stepPrevote && !c.fired[firedKey{r, rulePrevoteWait}] && prevotes.hasAny(c.vals.quorum) {
		c.fired[firedKey{r, rulePrevoteWait}] = true
		t := c.cfg.Timeouts
		c.schedule(r, stepPrevote, t.Prevote+time.Duration(r)*t.PrevoteDelta)
		return true
	}
	// Lines 36-43: +2/3 prevotes for a valid proposal: lock and precommit.
	if prop != nil && v == valid && c.step >= stepPrevote && !c.fired[firedKey{r, ruleLock}] && prevotes.hasQuorumFor(hash) {
		c.fired[firedKey{r, ruleLock}] = true
		if c.step == stepPrevote {
			c.lockedRound, c.lockedHash = r, hash
			c.vote(types.Precommit, hash)
			c.step = stepPrecommit
		}
		c.validRound, c.validHash = r, hash
		return true
	}
	// Lines 44-46: +2/3 prevotes for nil.
	if c.step == stepPrevote && prevotes.hasQuorumFor(nil) {
		c.vote(types.Precommit, nil)
		c.step = stepPrecommit
		return true
	}
	// A polka in an earlier round than ours but later than our valid round
	// (learnt late, e.g. after a partition) becomes our valid value: what we
	// propose when it is our turn. Only proposals change, so safety does not.
	for _, rr := range c.roundsWithVotes() {
		if rr <= c.validRound || rr >= r {
			continue
		}
		if p := c.proposals[rr]; p != nil {
			h := c.propHashes[rr]
			if c.validity[string(h)] == valid && c.votes(types.Prevote, rr).hasQuorumFor(h) {
				c.validRound, c.validHash = rr, h
				return true
			}
		}
	}
	// Line 47: +2/3 precommits of any kind start the precommit timer.
	if !c.fired[firedKey{r, rulePrecommitWait}] && c.votes(types.Precommit, r).hasAny(c.vals.quorum) {
		c.fired[firedKey{r, rulePrecommitWait}] = true
		t := c.cfg.Timeouts
		c.schedule(r, stepPrecommit, t.Precommit+time.Duration(r)*t.PrecommitDelta)
		return true
	}
	return false
}

// decide commits a block with +2/3 precommits in some round (or a verified
// certificate from a peer) once we have the block and it is valid.
func (c *Core) decide() bool {
	if cert := c.commitCert; cert != nil && c.validity[string(cert.BlockHash)] == valid {
		c.commit(c.blocks[string(cert.BlockHash)], cert.BlockHash, cert)
		return true
	}
	for _, r := range c.roundsWithVotes() {
		s, ok := c.precommits[r]
		if !ok {
			continue
		}
		hash, ok := s.majority()
		if !ok || len(hash) == 0 {
			continue
		}
		b := c.blocks[string(hash)]
		if b == nil {
			continue // wait for the block (peers send it on our status)
		}
		if c.validity[string(hash)] == unknown { // a later round's proposal, held
			c.addBlock(hash, b)
		}
		if c.validity[string(hash)] != valid {
			continue // wait for its validation
		}
		bitmap, sigs, _ := s.signers(hash)
		cert, err := types.NewCertificate(c.verifier, c.vals.ValidatorSet, c.cfg.ChainID, c.height, r, hash, bitmap, sigs)
		if err != nil {
			continue
		}
		c.commit(b, hash, cert)
		return true
	}
	return false
}

// roundsWithVotes lists the rounds holding votes, ascending, so that the
// core behaves the same on every run (map order is random). The slice is the
// core's: valid until the next vote set is made.
func (c *Core) roundsWithVotes() []int32 { return c.rounds }

func (c *Core) commit(b *types.Block, hash []byte, cert *types.Certificate) {
	c.step = stepCommit
	c.ready.Decided = &Decision{Block: b, Hash: hash, Cert: proto.CloneOf(cert)}
}
