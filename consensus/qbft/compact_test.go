package qbft

import (
	"bytes"
	"fmt"
	"testing"
	"time"

	"chain33node/types"

	"google.golang.org/protobuf/proto"
)

func testTxs(n int) []*types.Transaction {
	var txs []*types.Transaction
	for i := range n {
		txs = append(txs, &types.Transaction{Execer: []byte("coins"), Payload: []byte{byte(i)}, Fee: 100000, Nonce: int64(i + 1)})
	}
	return txs
}

// blockWith is dt's block B<h> holding txs.
func (dt *driverTest) blockWith(h int64, txs []*types.Transaction) *types.Block {
	b := dt.block("B", h)
	b.Txs = txs
	dt.names[string(types.BlockHash(b))] = fmt.Sprintf("B%d", h)
	return b
}

// compact is validator r%4's proposal of b in round r, in its compact form.
func (dt *driverTest) compact(h int64, r int32, b *types.Block) *Message {
	data, err := compactOf(dt.proposal(h, r, b).GetProposal())
	if err != nil {
		dt.t.Fatal(err)
	}
	m, err := DecodeMessage(data)
	if err != nil {
		dt.t.Fatal(err)
	}
	return m
}

// The proposer sends its proposal compact: the block's header and its
// transactions' full hashes, signed as the whole proposal. It answers a
// request for some of them with their encodings.
func TestCompactProposalSent(t *testing.T) {
	dt := newDriverTest(t, 1) // the proposer of round 1
	txs := testTxs(3)
	dt.app.pool = txs
	for _, i := range []int{0, 2, 3} { // round 0 ends with nil votes
		dt.deliver(i, dt.vote(i, 1, 0, types.Prevote, nil))
		dt.deliver(i, dt.vote(i, 1, 0, types.Precommit, nil))
	}
	dt.advance(5 * time.Second)
	dt.at(1, 1, "Prevote") // its own proposal, prevoted
	var cp *CompactProposal
	for _, data := range dt.net.broadcasts {
		m, err := DecodeMessage(data)
		if err != nil {
			t.Fatal(err)
		}
		if m.GetProposal() != nil {
			t.Fatal("the proposal went whole")
		}
		if c := m.GetCompact(); c != nil {
			cp = c
		}
	}
	if cp == nil {
		t.Fatal("no compact proposal sent")
	}
	if len(cp.Proposal.Block.Txs) != 0 || len(cp.TxHashes) != 3 {
		t.Fatalf("compact proposal with %d transactions and %d hashes", len(cp.Proposal.Block.Txs), len(cp.TxHashes))
	}
	whole := dt.d.core.Proposal(1)
	for i, tx := range txs {
		if !bytes.Equal(cp.TxHashes[i], types.TxFullHash(tx)) {
			t.Fatalf("hash %d is not the transaction's", i)
		}
	}
	if !bytes.Equal(compactHash(cp), types.BlockHash(whole.Block)) || !bytes.Equal(cp.Proposal.Signature, whole.Signature) {
		t.Fatal("the compact proposal does not stand for the block proposed")
	}

	dt.deliver(2, &Message{Msg: &Message_TxsRequest{TxsRequest: &TxsRequest{Height: 1, Round: 1, Indexes: []uint32{2, 0}}}})
	if len(dt.net.sent) != 1 {
		t.Fatalf("sent %v, want one answer", dt.net.sends)
	}
	ans := dt.net.sent[0].GetTxs()
	if ans == nil || dt.net.sends[0] != "2: txs r1 [2 0]" {
		t.Fatalf("answered %v", dt.net.sends)
	}
	for i, idx := range ans.Indexes {
		if !bytes.Equal(ans.Txs[i], types.AppendTx(nil, txs[idx], true, true)) {
			t.Fatalf("answer %d is not transaction %d", i, idx)
		}
	}
	// The same request again within the repeat window is not answered (nor
	// encoded): a validator cannot make the proposer encode its block again
	// and again.
	dt.deliver(2, &Message{Msg: &Message_TxsRequest{TxsRequest: &TxsRequest{Height: 1, Round: 1, Indexes: []uint32{1}}}})
	if len(dt.net.sent) != 1 || dt.d.Stats().Served.Repeated != 1 {
		t.Fatalf("a repeated request: sent %v, %+v", dt.net.sends, dt.d.Stats().Served)
	}
	// A request past the end of the block proves the peer dishonest.
	dt.deliver(2, &Message{Msg: &Message_TxsRequest{TxsRequest: &TxsRequest{Height: 1, Round: 1, Indexes: []uint32{3}}}})
	if len(dt.net.misbehaved) != 1 || dt.net.misbehaved[0].Peer != "2" || len(dt.net.sent) != 1 {
		t.Fatalf("a request past the block: reported %v, sent %v", dt.net.misbehaved, dt.net.sends)
	}
}

// A validator whose mempool holds every transaction of a compact proposal
// votes on it without asking anything, and logs it whole: after a restart
// with an empty mempool, the proposal is back.
func TestCompactProposalFilledFromMempool(t *testing.T) {
	dt := newDriverTest(t, 1)
	txs := testTxs(3)
	dt.app.pool = txs
	B1 := dt.blockWith(1, txs)
	dt.deliver(0, dt.compact(1, 0, B1))
	dt.expectSent("h1 prevote r0 B1 by v1")
	if len(dt.net.sends) != 0 || dt.d.Stats().CompactFilled != 1 {
		t.Fatalf("asked %v; stats %+v", dt.net.sends, dt.d.Stats())
	}
	dt.app.pool = nil
	dt.restart()
	p := dt.d.core.Proposal(0)
	if p == nil || !proto.Equal(p.Block, B1) {
		t.Fatal("the proposal replayed from the WAL is not the whole block")
	}
}

// A validator that lacks transactions of a compact proposal asks its sender
// for those, refuses transactions that are not the proposal's (reporting
// the peer), and votes once it has them all.
func TestCompactProposalFetched(t *testing.T) {
	dt := newDriverTest(t, 1)
	txs := testTxs(3)
	dt.app.pool = txs[:1]
	B1 := dt.blockWith(1, txs)
	dt.deliver(0, dt.compact(1, 0, B1))
	if got := fmt.Sprint(dt.net.sends); got != "[0: txs request r0 [1 2]]" {
		t.Fatalf("asked %s", got)
	}
	dt.expectSent()

	enc := func(tx *types.Transaction) []byte { return types.AppendTx(nil, tx, true, true) }
	other := testTxs(5)[4]
	dt.deliver(0, &Message{Msg: &Message_Txs{Txs: &Txs{Height: 1, Round: 0, Indexes: []uint32{1, 2}, Txs: [][]byte{enc(txs[1]), enc(other)}}}})
	if len(dt.net.misbehaved) != 1 || dt.net.misbehaved[0].Offence != OffenceMalformed {
		t.Fatalf("a transaction that is not the proposal's: reported %v", dt.net.misbehaved)
	}
	dt.expectSent()

	dt.deliver(0, &Message{Msg: &Message_Txs{Txs: &Txs{Height: 1, Round: 0, Indexes: []uint32{2}, Txs: [][]byte{enc(txs[2])}}}})
	dt.expectSent("h1 prevote r0 B1 by v1")
	if st := dt.d.Stats(); st.CompactFetched != 1 || st.TxsFetched != 2 {
		t.Fatalf("stats %+v", st)
	}
	if p := dt.d.core.Proposal(0); p == nil || !proto.Equal(p.Block, B1) {
		t.Fatal("the proposal completed is not the block proposed")
	}
}

// A compact proposal whose signature is not its proposer's asks for
// nothing, and cannot keep the real one out: a validator that is not the
// round's proposer cannot hold up a round with one never completed.
func TestCompactProposalForgedAsksNothing(t *testing.T) {
	dt := newDriverTest(t, 1)
	txs := testTxs(2)
	B1 := dt.blockWith(1, txs)
	forged := dt.compact(1, 0, B1)
	forged.GetCompact().Proposal.Signature = bytes.Repeat([]byte{1}, 96)
	dt.deliver(2, forged)
	if len(dt.net.sends) != 0 || len(dt.net.misbehaved) != 1 || dt.net.misbehaved[0].Peer != "2" || dt.net.misbehaved[0].Offence != OffenceBadSignature {
		t.Fatalf("a forged compact proposal: asked %v, reported %v", dt.net.sends, dt.net.misbehaved)
	}
	dt.app.pool = txs
	dt.deliver(0, dt.compact(1, 0, B1))
	dt.expectSent("h1 prevote r0 B1 by v1")
}

// Transactions fetched for a proposal of an earlier height, or never asked
// for, change nothing; a new height forgets what was pending.
func TestCompactProposalPendingEndsWithHeight(t *testing.T) {
	dt := newDriverTest(t, 1)
	txs := testTxs(2)
	B1 := dt.blockWith(1, txs)
	dt.deliver(0, dt.compact(1, 0, B1))
	if len(dt.d.pending) != 1 {
		t.Fatalf("%d pending", len(dt.d.pending))
	}
	dt.deliver(2, dt.commitMsg(B1)) // a catch-up commit decides height 1
	dt.advance(time.Second)
	if h, _, _ := dt.d.Status(); h != 2 || len(dt.d.pending) != 0 {
		t.Fatalf("at height %d with %d pending", h, len(dt.d.pending))
	}
	enc := types.AppendTx(nil, txs[0], true, true)
	dt.deliver(0, &Message{Msg: &Message_Txs{Txs: &Txs{Height: 1, Round: 0, Indexes: []uint32{0}, Txs: [][]byte{enc}}}})
	dt.deliver(0, &Message{Msg: &Message_Txs{Txs: &Txs{Height: 2, Round: 0, Indexes: []uint32{0}, Txs: [][]byte{enc}}}})
	if len(dt.net.misbehaved) != 0 || dt.d.Stats().TxsFetched != 0 {
		t.Fatalf("reported %v, stats %+v", dt.net.misbehaved, dt.d.Stats())
	}
}

// DecodeMessage refuses compact proposals that carry transactions or hashes
// of the wrong length, and answers whose transactions and indexes differ in
// number.
func TestDecodeCompactStrict(t *testing.T) {
	dt := newDriverTest(t, 1)
	B1 := dt.blockWith(1, testTxs(2))
	good := dt.compact(1, 0, B1)
	withTxs := proto.CloneOf(good)
	withTxs.GetCompact().Proposal.Block.Txs = testTxs(1)
	shortHash := proto.CloneOf(good)
	shortHash.GetCompact().TxHashes[1] = []byte{1, 2, 3}
	uneven := &Message{Msg: &Message_Txs{Txs: &Txs{Height: 1, Indexes: []uint32{0, 1}, Txs: [][]byte{{1}}}}}
	for name, m := range map[string]*Message{"transactions in the block": withTxs, "a short hash": shortHash, "uneven answer": uneven} {
		data, _ := proto.Marshal(m)
		if _, err := DecodeMessage(data); err == nil {
			t.Errorf("%s: decoded", name)
		}
	}
	data, _ := proto.Marshal(good)
	if _, err := DecodeMessage(data); err != nil {
		t.Fatal(err)
	}
}
