package qbft

import "chain33node/types"

// withPOL returns the proposal message followed by the prevotes that justify
// its POL round, so that validators which missed that round can check the
// POL instead of prevoting nil forever.
func (c *Core) withPOL(p *Proposal) []*Message {
	out := []*Message{{Msg: &Message_Proposal{Proposal: p}}}
	if p.PolRound < 0 {
		return out
	}
	return append(out, c.polka(p.PolRound, c.propHashes[p.Round])...)
}

// polka returns our prevotes for hash in round r.
func (c *Core) polka(r int32, hash []byte) []*Message {
	var out []*Message
	for _, v := range c.votes(types.Prevote, r).votesFor(hash) {
		out = append(out, &Message{Msg: &Message_Vote{Vote: v}})
	}
	return out
}

func (c *Core) broadcastStatus() {
	c.ready.Broadcast = append(c.ready.Broadcast, &Message{Msg: &Message_Status{Status: c.status()}})
}

// status is where we are and what we hold of our round. Pending votes are
// verified first: a bitmap claims only verified votes, so that a forgery
// waiting in a slot does not keep peers from sending the genuine vote.
func (c *Core) status() *Status {
	c.votes(types.Prevote, c.round).verifyAll()
	c.votes(types.Precommit, c.round).verifyAll()
	return &Status{
		Height: c.height, Round: c.round, HasProposal: c.proposals[c.round] != nil, ValidRound: c.validRound,
		Prevotes: c.votes(types.Prevote, c.round).bitmap(), Precommits: c.votes(types.Precommit, c.round).bitmap(),
	}
}

// onStatus sends a peer at our height what it lacks: the proposal and votes
// of its round, and those of ours when we are ahead, so it can catch up. A
// node that is not a validator of the height relays nothing: votes and
// proposals from it are refused (OffenceNotValidator).
func (c *Core) onStatus(peer string, s *Status) {
	if s.Height != c.height || s.Round < 0 || c.self < 0 || peer == "" {
		return
	}
	send := func(ms ...*Message) {
		for _, m := range ms {
			c.ready.Send = append(c.ready.Send, Directed{To: peer, Msg: m})
		}
	}
	// A peer that has not seen our latest polka gets it, so that it proposes
	// that block too and locked validators are not left waiting.
	if c.validRound > s.ValidRound {
		if p := c.proposals[c.validRound]; p != nil {
			send(&Message{Msg: &Message_Proposal{Proposal: p}})
			send(c.polka(c.validRound, c.validHash)...)
		}
	}
	if s.Round > c.round {
		return
	}
	if p := c.proposals[s.Round]; p != nil && !s.HasProposal {
		send(c.withPOL(p)...)
	}
	for _, v := range c.votes(types.Prevote, s.Round).missing(s.Prevotes) {
		send(&Message{Msg: &Message_Vote{Vote: v}})
	}
	for _, v := range c.votes(types.Precommit, s.Round).missing(s.Precommits) {
		send(&Message{Msg: &Message_Vote{Vote: v}})
	}
	if s.Round < c.round {
		if p := c.proposals[c.round]; p != nil {
			send(c.withPOL(p)...)
		}
		for _, v := range c.votes(types.Prevote, c.round).missing(nil) {
			send(&Message{Msg: &Message_Vote{Vote: v}})
		}
		for _, v := range c.votes(types.Precommit, c.round).missing(nil) {
			send(&Message{Msg: &Message_Vote{Vote: v}})
		}
	}
}

// OnTick is the driver's periodic nudge: broadcast our status, so peers fill
// our gaps even when no timeout is pending (e.g. waiting for transactions).
func (c *Core) OnTick() { c.broadcastStatus() }
