package qbft

import (
	"bytes"
	"fmt"

	"chain33node/types"

	"google.golang.org/protobuf/proto"
)

// Compact proposals. A proposer sends its proposal with the full hashes of
// its block's transactions in place of the transactions (CompactProposal):
// the validators received them by gossip, so they fill the block from
// their mempools (App.Txs) and ask the sender only for what they lack
// (TxsRequest, answered by Txs). Once complete, the proposal goes to the
// core as if it had come whole, and the WAL logs it whole: a restart has no
// mempool to fill it from. A proposal answered to a peer's status goes
// whole, since a peer that missed it may lack its transactions as well.

// pendingProposal is a compact proposal whose transactions are being
// fetched. The core checked it (proposer, round, signature) before it was
// kept: one per round, as the core keeps proposals.
type pendingProposal struct {
	prop    *Proposal // its block's Txs filled in as they come
	from    string    // the peer it came from
	hashes  [][]byte  // full hashes, in block order
	missing int
	asked   map[string]bool // peers asked for the missing transactions
}

// compactOf encodes our proposal p in its compact form.
func compactOf(p *Proposal) ([]byte, error) {
	cp := &CompactProposal{
		Proposal: &Proposal{
			Height: p.Height, Round: p.Round, PolRound: p.PolRound, ProposerIndex: p.ProposerIndex, Signature: p.Signature,
			Block: types.WithoutTxs(p.Block),
		},
		TxHashes: types.TxFullHashes(p.Block),
	}
	return proto.Marshal(&Message{Msg: &Message_Compact{Compact: cp}})
}

// compactHash is the hash of the block a compact proposal stands for: its
// header counts the transactions it does not carry.
func compactHash(c *CompactProposal) []byte {
	h := types.HeaderOf(c.Proposal.Block)
	h.TxCount = int64(len(c.TxHashes))
	return types.HeaderHash(h)
}

// onCompact fills a compact proposal of our height from the mempool, or
// keeps it and asks its sender for the transactions we lack.
func (d *Driver) onCompact(in input) {
	c := in.msg.GetCompact()
	p := c.GetProposal()
	if p.GetBlock() == nil {
		d.misbehaved(Misbehaviour{Peer: in.from, Offence: OffenceMalformed, Detail: "compact proposal without a block"})
		return
	}
	if d.core.Proposal(p.Round) != nil {
		return
	}
	if pend := d.pending[p.Round]; pend != nil {
		// The same proposal from another peer: ask it too, if it is the same.
		if !pend.asked[in.from] && bytes.Equal(compactHash(c), types.HeaderOf(pend.prop.Block).Hash) {
			d.requestTxs(in.from, pend)
		}
		return
	}
	txs := d.app.Txs(c.TxHashes)
	missing := 0
	for _, tx := range txs {
		if tx == nil {
			missing++
		}
	}
	if missing == 0 {
		p.Block.Txs = txs
		d.count(func(s *Stats) { s.CompactFilled++ })
		d.proposalComplete(in.from, p)
		return
	}
	// Before we ask anything, the core checks that it wants the proposal:
	// the round's, signed by its proposer. A validator that is not the
	// proposer cannot hold up a round with one that is never completed.
	if ok, err := d.core.WantsProposal(in.from, p, compactHash(c)); !ok {
		if err != nil {
			d.log.Debug("rejected compact proposal", "peer", in.from, "err", err)
		}
		return
	}
	p.Block.Txs = txs
	pend := &pendingProposal{prop: p, from: in.from, hashes: c.TxHashes, missing: missing, asked: make(map[string]bool)}
	if d.trace.compact.IsZero() {
		d.trace.compact = d.clock.Now()
	}
	d.pending[p.Round] = pend
	d.count(func(s *Stats) { s.CompactFetched++ })
	d.requestTxs(in.from, pend)
}

// requestTxs asks peer for the transactions pend lacks.
func (d *Driver) requestTxs(peer string, pend *pendingProposal) {
	pend.asked[peer] = true
	req := &TxsRequest{Height: pend.prop.Height, Round: pend.prop.Round}
	for i, tx := range pend.prop.Block.Txs {
		if tx == nil {
			req.Indexes = append(req.Indexes, uint32(i))
		}
	}
	data, err := proto.Marshal(&Message{Msg: &Message_TxsRequest{TxsRequest: req}})
	if err == nil && d.trans != nil {
		if err := d.trans.Send(peer, data); err != nil {
			d.log.Debug("asking for a proposal's transactions failed", "peer", peer, "err", err)
		}
	}
}

// onTxsRequest answers a peer with transactions of the proposal we hold
// for a round of our height, within the limits of what peers may ask
// (serve.go: a request repeated within the window is not answered again).
func (d *Driver) onTxsRequest(in input) {
	r := in.msg.GetTxsRequest()
	p := d.core.Proposal(r.Round)
	if p == nil {
		return // gone or never held: the peer gets the proposal whole on its status
	}
	txs := p.Block.Txs
	if len(r.Indexes) > len(txs) {
		d.misbehaved(Misbehaviour{Peer: in.from, Offence: OffenceMalformed, Detail: fmt.Sprintf("asked for %d transactions of a block of %d", len(r.Indexes), len(txs))})
		return
	}
	for _, idx := range r.Indexes {
		if int(idx) >= len(txs) {
			d.misbehaved(Misbehaviour{Peer: in.from, Offence: OffenceMalformed, Detail: fmt.Sprintf("asked for transaction %d of a block of %d", idx, len(txs))})
			return
		}
	}
	d.serve.replyWith(in.from, answerKey{height: r.Height, round: r.Round, typ: answerTxs}, func() *Message {
		ans := &Txs{Height: r.Height, Round: r.Round, Indexes: r.Indexes, Txs: make([][]byte, len(r.Indexes))}
		for i, idx := range r.Indexes {
			ans.Txs[i] = types.AppendTx(nil, txs[idx], true, true)
		}
		return &Message{Msg: &Message_Txs{Txs: ans}}
	})
}

// onTxs fills a pending proposal with transactions a peer sent. Each must
// be the one whose full hash the proposal names at its index.
func (d *Driver) onTxs(in input) {
	t := in.msg.GetTxs()
	pend := d.pending[t.Round]
	if pend == nil {
		return
	}
	txs := pend.prop.Block.Txs
	for i, idx := range t.Indexes {
		if int(idx) >= len(txs) {
			d.misbehaved(Misbehaviour{Peer: in.from, Offence: OffenceMalformed, Detail: fmt.Sprintf("sent transaction %d of a block of %d", idx, len(txs))})
			return
		}
		if txs[idx] != nil {
			continue
		}
		tx, err := types.DecodeTx(t.Txs[i])
		if err == nil && !bytes.Equal(tx.FullHash, pend.hashes[idx]) {
			err = fmt.Errorf("full hash %x, the proposal names %x", tx.FullHash, pend.hashes[idx])
		}
		if err != nil {
			d.misbehaved(Misbehaviour{Peer: in.from, Offence: OffenceMalformed, Detail: fmt.Sprintf("transaction %d of the proposal of round %d: %v", idx, t.Round, err)})
			return
		}
		txs[idx] = tx.Transaction
		pend.missing--
		d.count(func(s *Stats) { s.TxsFetched++ })
	}
	if pend.missing == 0 {
		if d.trace.fetched.IsZero() {
			d.trace.fetched = d.clock.Now()
		}
		delete(d.pending, t.Round)
		d.proposalComplete(pend.from, pend.prop)
	}
}

// proposalComplete hands a filled compact proposal to the core, as it
// would have come whole from peer, and logs it whole if the core kept it.
func (d *Driver) proposalComplete(peer string, p *Proposal) {
	if n := proto.Size(p.Block); n > types.MaxBlockSize {
		d.misbehaved(Misbehaviour{Peer: peer, Offence: OffenceMalformed, Detail: fmt.Sprintf("compact proposal of round %d stands for a block of %d bytes, limit %d", p.Round, n, types.MaxBlockSize)})
		return
	}
	m := &Message{Msg: &Message_Proposal{Proposal: p}}
	logged, err := d.core.OnMessage(peer, m)
	if err != nil {
		d.log.Debug("rejected consensus message", "peer", peer, "err", err)
	}
	if logged {
		if data, err := proto.Marshal(m); err == nil {
			d.walAppend(p.Height, walMessage, data, false)
		}
	}
}

// count updates the driver's counters.
func (d *Driver) count(f func(*Stats)) {
	d.mu.Lock()
	f(&d.stats)
	d.mu.Unlock()
}
