package qbft

import (
	"cmp"
	"fmt"
	"slices"

	"chain33node/crypto"
	"chain33node/types"
)

// OnMessage handles a message from peer ("" for our own WAL, replayed). It
// reports whether the core verified and kept the message as it came, for a
// restart to replay (the driver logs its bytes then, once: a proposal),
// or why it refused it. Votes are logged through Ready.Log once verified,
// which may be later. A refusal that proves the peer dishonest is also in
// Ready.Misbehaved; messages of other heights, rounds beyond the window and
// copies of what the core holds are ignored without error.
func (c *Core) OnMessage(peer string, m *Message) (logged bool, err error) {
	switch x := m.GetMsg().(type) {
	case *Message_Proposal:
		return c.onProposal(peer, x.Proposal)
	case *Message_Vote:
		return c.onVote(peer, x.Vote)
	case *Message_Status:
		c.onStatus(peer, x.Status)
		return false, nil
	case *Message_Commit:
		return false, c.onCommit(peer, x.Commit)
	}
	return false, c.reject(peer, OffenceMalformed, "empty message")
}

// reject reports peer's offence and returns it as an error.
func (c *Core) reject(peer string, o Offence, format string, args ...any) error {
	detail := fmt.Sprintf(format, args...)
	c.misbehaved(peer, o, detail)
	return fmt.Errorf("%s: %s", o, detail)
}

func (c *Core) misbehaved(peer string, o Offence, detail string) {
	if peer != "" {
		c.ready.Misbehaved = append(c.ready.Misbehaved, Misbehaviour{Peer: peer, Offence: o, Detail: detail})
	}
}

// onProposal keeps the first proposal of a round up to round+roundWindow,
// signed by that round's proposer, and has its block executed once the
// round is ours or over (a later round's waits: one per round, bounded).
func (c *Core) onProposal(peer string, p *Proposal) (bool, error) {
	if p.Block == nil || p.Block.Height != c.height {
		if p.Height != c.height {
			return false, nil // not ours to judge; the driver handles other heights
		}
		return false, c.reject(peer, OffenceMalformed, "proposal without a block of height %d", c.height)
	}
	hash := types.BlockHash(p.Block)
	if ok, err := c.checkProposal(peer, p, hash); !ok {
		return false, err
	}
	c.proposals[p.Round] = p
	c.propHashes[p.Round] = hash
	c.blocks[string(hash)] = p.Block
	if p.Round <= c.round {
		c.addBlock(hash, p.Block)
	}
	c.evaluate()
	return true, nil
}

// WantsProposal reports whether the core would keep p, whose block hashes
// to hash, if it came with its block's transactions: the driver asks before
// it fetches those of a compact proposal. A false with an error is a
// refusal (reported, as for a whole proposal).
func (c *Core) WantsProposal(peer string, p *Proposal, hash []byte) (bool, error) {
	if p.Block == nil || p.Block.Height != c.height {
		if p.Height != c.height {
			return false, nil
		}
		return false, c.reject(peer, OffenceMalformed, "proposal without a block of height %d", c.height)
	}
	return c.checkProposal(peer, p, hash)
}

// checkProposal is onProposal's checks of everything but the block's
// height: false without an error for a proposal to ignore.
func (c *Core) checkProposal(peer string, p *Proposal, hash []byte) (bool, error) {
	switch {
	case p.Height != c.height:
		return false, nil
	case p.Round < 0:
		return false, c.reject(peer, OffenceMalformed, "proposal round %d out of range", p.Round)
	case p.Round > c.round+roundWindow:
		return false, nil // comes again on the status exchange once we are there
	case p.PolRound < -1 || p.PolRound >= p.Round:
		return false, c.reject(peer, OffenceMalformed, "proposal POL round %d not in [-1, %d)", p.PolRound, p.Round)
	case int(p.ProposerIndex) != c.vals.proposer(p.Round):
		return false, c.reject(peer, OffenceMalformed, "proposal for round %d from validator %d, not the proposer", p.Round, p.ProposerIndex)
	case len(p.Signature) != crypto.BLSSigSize:
		return false, c.reject(peer, OffenceMalformed, "proposal signature of %d bytes", len(p.Signature))
	case c.proposals[p.Round] != nil:
		return false, nil // first one wins; a second, different one changes nothing
	}
	pub := c.vals.Validators[p.ProposerIndex].PubKey
	if !c.verifier.Verify(pub, types.ProposalSignBytes(c.cfg.ChainID, p.Height, p.Round, p.PolRound, hash), p.Signature) {
		return false, c.reject(peer, OffenceBadSignature, "proposal of round %d: invalid signature", p.Round)
	}
	return true, nil
}

// Proposal returns the proposal of round r of the current height, nil if
// none is held.
func (c *Core) Proposal(r int32) *Proposal { return c.proposals[r] }

// onVote checks a vote's fields before anything else, then keeps it within
// the bounds of its round's vote set, or of the far-round record.
func (c *Core) onVote(peer string, v *Vote) (bool, error) {
	switch {
	case v.Height != c.height:
		return false, nil
	case v.Type != types.Prevote && v.Type != types.Precommit:
		return false, c.reject(peer, OffenceMalformed, "vote type %d", v.Type)
	case v.Round < 0:
		return false, c.reject(peer, OffenceMalformed, "vote round %d out of range", v.Round)
	case v.ValidatorIndex < 0 || int(v.ValidatorIndex) >= c.vals.size():
		return false, c.reject(peer, OffenceMalformed, "vote from validator index %d of %d", v.ValidatorIndex, c.vals.size())
	case len(v.BlockHash) != 0 && len(v.BlockHash) != 32:
		return false, c.reject(peer, OffenceMalformed, "vote block hash of %d bytes", len(v.BlockHash))
	case len(v.Signature) != crypto.BLSSigSize:
		return false, c.reject(peer, OffenceMalformed, "vote signature of %d bytes", len(v.Signature))
	}
	if v.Round > c.round+roundWindow {
		return false, c.onFarVote(peer, v)
	}
	c.addVote(v, peer, false)
	c.evaluate()
	return false, nil
}

// addVote puts a vote in its set, records an equivocation it reveals and
// restores our lock from our own precommit (replayed).
func (c *Core) addVote(v *Vote, peer string, trusted bool) bool {
	conflict, kept := c.votes(v.Type, v.Round).add(v, peer, trusted)
	if conflict != nil {
		c.recordEquivocation(conflict, v)
	}
	if kept {
		c.restoreLock(v)
	}
	return kept
}

// onFarVote keeps a validator's latest vote of a round beyond the window,
// verified (one per validator: bounded), for line 55. It is not logged: it
// comes again after a restart, and only moves the round.
func (c *Core) onFarVote(peer string, v *Vote) error {
	i := v.ValidatorIndex
	if f := c.far[i]; f != nil && v.Round <= f.Round {
		return nil
	}
	if !c.verifier.Verify(c.vals.Validators[i].PubKey, types.VoteSignBytes(c.cfg.ChainID, v.Height, v.Round, v.Type, v.BlockHash), v.Signature) {
		return c.reject(peer, OffenceBadSignature, "%s: invalid signature", voteName(v))
	}
	c.far[i] = v
	c.evaluate()
	return nil
}

// farRound is the highest round beyond the window that validators of more
// than a third of the power have reached (a vote of it or later), -1 if
// none: at least one of them is correct, so the round is live.
func (c *Core) farRound() int32 {
	type reached struct {
		round int32
		power int64
	}
	var rs []reached
	for i, v := range c.far {
		if v != nil {
			rs = append(rs, reached{v.Round, c.vals.Validators[i].Power})
		}
	}
	slices.SortFunc(rs, func(a, b reached) int { return cmp.Compare(b.round, a.round) })
	var sum int64
	for _, x := range rs {
		if sum += x.power; sum >= c.vals.oneThird {
			return x.round
		}
	}
	return -1
}

// restoreLock regains the lock after a restart: our own precommit for a
// block, replayed from the WAL, means we were locked on it in that round.
func (c *Core) restoreLock(v *Vote) {
	if int(v.ValidatorIndex) != c.self || v.Type != types.Precommit || len(v.BlockHash) == 0 || v.Round <= c.lockedRound {
		return
	}
	msg := types.VoteSignBytes(c.cfg.ChainID, v.Height, v.Round, v.Type, v.BlockHash)
	if c.verifier.Verify(c.vals.Validators[c.self].PubKey, msg, v.Signature) { // trusted only when our own
		c.lockedRound, c.lockedHash = v.Round, v.BlockHash
	}
}

func (c *Core) recordEquivocation(a, b *Vote) {
	key := fmt.Sprintf("%d/%d/%d/%d", a.Height, a.Round, a.Type, a.ValidatorIndex)
	if c.equivocated[key] {
		return
	}
	c.equivocated[key] = true
	e := &Evidence{Height: a.Height, Round: a.Round, Type: a.Type, Validator: c.vals.Validators[a.ValidatorIndex].Address, A: a, B: b}
	if len(c.evidence) >= 1000 {
		c.evidence = c.evidence[1:]
	}
	c.evidence = append(c.evidence, e)
	c.ready.Evidence = append(c.ready.Evidence, e)
}

// onCommit takes a decided block with its certificate from a peer (catch-up).
func (c *Core) onCommit(peer string, m *Commit) error {
	if m.GetCert().GetHeight() != c.height || m.Block == nil || c.step == stepCommit || c.commitCert != nil {
		return nil
	}
	hash := types.BlockHash(m.Block)
	if err := types.VerifyCertificate(c.cfg.ChainID, c.vals.ValidatorSet, c.verifier, m.Cert, m.Block.Height, hash); err != nil {
		return c.reject(peer, OffenceBadSignature, "commit of height %d: %v", c.height, err)
	}
	c.commitCert = m.Cert
	c.addBlock(hash, m.Block)
	c.evaluate()
	return nil
}
