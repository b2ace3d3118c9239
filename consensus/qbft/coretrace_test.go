package qbft

import (
	"bytes"
	"cmp"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"chain33node/types"

	"google.golang.org/protobuf/proto"
)

// The scenarios drive one core by hand, as its driver would, among four
// validators of equal power: validator r%4 proposes round r. Messages of the
// other validators are signed with their sim keys. Outputs are compared as
// short descriptions ("prevote r0 B by v1") so that each test reads like a
// protocol trace.

var coreTestTimeouts = Timeouts{
	Propose: 3 * time.Second, ProposeDelta: 500 * time.Millisecond,
	Prevote: time.Second, PrevoteDelta: 500 * time.Millisecond,
	Precommit: time.Second, PrecommitDelta: 500 * time.Millisecond,
	Commit: time.Second,
}

type coreTest struct {
	t         *testing.T
	vals      *types.ValidatorSet
	self      int // -1: observer
	last      *LastSigned
	c         *Core
	names     blockNames
	scheduled []Timeout
	wal       [][]byte // what the driver writes: received and own messages, fired timeouts
}

// newCoreTest returns a core for validator self (-1: an observer without
// signer) of four equal validators.
func newCoreTest(t *testing.T, self int) *coreTest {
	t.Helper()
	ct := &coreTest{t: t, vals: simValidators(10, 10, 10, 10), self: self, last: &LastSigned{}, names: blockNames{"": "nil"}}
	vs := newValSet(ct.vals)
	for r := range int32(8) {
		if p := vs.proposer(r); p != int(r%4) {
			t.Fatalf("proposer of round %d is %d, the traces assume %d", r, p, r%4)
		}
	}
	ct.c = ct.newCore()
	return ct
}

func (ct *coreTest) newCore() *Core {
	var pub []byte
	if ct.self >= 0 {
		pub = ct.vals.Validators[ct.self].PubKey
	}
	return NewCore(Config{ChainID: testChainID, Timeouts: coreTestTimeouts}, pub, simVerifier{})
}

// signer is the validator's double-sign guard over ct.last, its "disk".
func (ct *coreTest) signer() Signer {
	return simSigner{pub: ct.vals.Validators[ct.self].PubKey, last: ct.last}
}

// restart is the node after a crash: a new core, the same signer state
// ("disk") and WAL.
func (ct *coreTest) restart() *coreTest {
	n := *ct
	n.c = ct.newCore()
	n.scheduled = nil
	n.wal = slices.Clone(ct.wal)
	return &n
}

// block returns a block of height 1 named name.
func (ct *coreTest) block(name string) *types.Block {
	b := &types.Block{Height: 1, ParentHash: blockHash("genesis"), TxHash: blockHash(name), BlockTime: 1}
	ct.names[string(types.BlockHash(b))] = name
	return b
}

func hashOfBlock(b *types.Block) []byte {
	if b == nil {
		return nil
	}
	return types.BlockHash(b)
}

func (ct *coreTest) vote(i int, r int32, typ uint32, b *types.Block) *Message {
	return &Message{Msg: &Message_Vote{Vote: simVote(ct.vals, i, 1, r, typ, hashOfBlock(b))}}
}

func (ct *coreTest) prevote(i int, r int32, b *types.Block) *Message {
	return ct.vote(i, r, types.Prevote, b)
}
func (ct *coreTest) precommit(i int, r int32, b *types.Block) *Message {
	return ct.vote(i, r, types.Precommit, b)
}

// proposal is round r's proposal of b by its proposer (r%4).
func (ct *coreTest) proposal(r, pol int32, b *types.Block) *Message {
	return ct.proposalBy(int(r%4), r, pol, b)
}

func (ct *coreTest) proposalBy(i int, r, pol int32, b *types.Block) *Message {
	sig := simSig(ct.vals.Validators[i].PubKey, types.ProposalSignBytes(testChainID, 1, r, pol, types.BlockHash(b)))
	return &Message{Msg: &Message_Proposal{Proposal: &Proposal{Height: 1, Round: r, PolRound: pol, Block: b, ProposerIndex: int32(i), Signature: sig}}}
}

// certFor is a commit certificate of b signed by the given validators
// (ascending).
func (ct *coreTest) certFor(r int32, b *types.Block, signers ...int) *types.Certificate {
	hash := types.BlockHash(b)
	bitmap := make([]byte, 1)
	var sigs [][]byte
	for _, i := range signers {
		types.SetBit(bitmap, i)
		sigs = append(sigs, simSig(ct.vals.Validators[i].PubKey, types.VoteSignBytes(testChainID, 1, r, types.Precommit, hash)))
	}
	c, err := types.NewCertificate(simVerifier{}, ct.vals, testChainID, 1, r, hash, bitmap, sigs)
	if err != nil {
		ct.t.Fatal(err)
	}
	return c
}

// ready collects the core's output as the driver would: signature requests
// are answered by the signer (the outputs that follow are merged in), own
// messages go to the WAL, timeouts are scheduled. Own messages must be
// validly signed.
func (ct *coreTest) ready() Ready {
	ct.t.Helper()
	var all Ready
	for {
		rd := ct.c.Ready()
		ct.record(rd)
		all.Sign = append(all.Sign, rd.Sign...)
		all.Broadcast = append(all.Broadcast, rd.Broadcast...)
		all.Send = append(all.Send, rd.Send...)
		all.Timeouts = append(all.Timeouts, rd.Timeouts...)
		all.Validate = append(all.Validate, rd.Validate...)
		all.Evidence = append(all.Evidence, rd.Evidence...)
		all.Misbehaved = append(all.Misbehaved, rd.Misbehaved...)
		all.Log = append(all.Log, rd.Log...)
		all.Build = cmp.Or(rd.Build, all.Build)
		all.Decided = cmp.Or(rd.Decided, all.Decided)
		if len(rd.Sign) == 0 {
			return all
		}
		if ct.self < 0 {
			ct.t.Fatalf("observer asked for %d signatures", len(rd.Sign))
		}
		for _, req := range rd.Sign {
			sig, _ := ct.signer().Sign(req.Height, req.Round, req.Step, req.Bytes)
			ct.c.OnSigned(req, sig)
		}
	}
}

func walRecord(m *Message) []byte {
	b, err := proto.Marshal(m)
	if err != nil {
		panic(err)
	}
	return append([]byte{walMessage}, b...)
}

func (ct *coreTest) record(rd Ready) {
	ct.t.Helper()
	for _, m := range rd.Log {
		ct.wal = append(ct.wal, walRecord(m))
	}
	for _, m := range rd.Broadcast {
		if m.GetStatus() != nil {
			continue
		}
		ct.wal = append(ct.wal, walRecord(m))
		if ct.self < 0 {
			ct.t.Fatalf("observer broadcast %s", ct.describe(m))
		}
		pub := ct.vals.Validators[ct.self].PubKey
		if v := m.GetVote(); v != nil && (int(v.ValidatorIndex) != ct.self || !simVerifier{}.Verify(pub, types.VoteSignBytes(testChainID, v.Height, v.Round, v.Type, v.BlockHash), v.Signature)) {
			ct.t.Fatalf("own vote badly signed: %s", ct.describe(m))
		}
		if p := m.GetProposal(); p != nil && !(simVerifier{}).Verify(pub, types.ProposalSignBytes(testChainID, p.Height, p.Round, p.PolRound, types.BlockHash(p.Block)), p.Signature) {
			ct.t.Fatalf("own proposal badly signed: %s", ct.describe(m))
		}
	}
	ct.scheduled = append(ct.scheduled, rd.Timeouts...)
}

func (ct *coreTest) startHeight() Ready {
	ct.c.StartHeight(1, ct.vals.Copy(), 0)
	return ct.ready()
}

// deliver hands the core a message from a peer; it must be accepted.
func (ct *coreTest) deliver(m *Message) Ready {
	ct.t.Helper()
	if err := ct.receive(m); err != nil {
		ct.t.Fatalf("%s: %v", ct.describe(m), err)
	}
	return ct.ready()
}

// receive hands the core a message from "peer" and logs it, as the driver
// does, if the core kept it.
func (ct *coreTest) receive(m *Message) error {
	logged, err := ct.c.OnMessage("peer", m)
	if logged {
		ct.wal = append(ct.wal, walRecord(m))
	}
	return err
}

// fire fires a timeout the core scheduled.
func (ct *coreTest) fire(s step, r int32) Ready {
	ct.t.Helper()
	i := slices.IndexFunc(ct.scheduled, func(t Timeout) bool { return t.Step == s && t.Round == r && t.Height == ct.c.Height() })
	if i < 0 {
		ct.t.Fatalf("timeout %s r%d was not scheduled (scheduled: %v)", s, r, ct.timeouts(ct.scheduled))
	}
	to := ct.scheduled[i]
	ct.scheduled = slices.Delete(ct.scheduled, i, i+1)
	ct.wal = append(ct.wal, append([]byte{walTimeout}, encodeWALTimeout(to)...))
	ct.c.OnTimeout(to)
	return ct.ready()
}

func (ct *coreTest) txs() Ready { ct.c.OnTxsAvailable(); return ct.ready() }

func (ct *coreTest) validated(b *types.Block, ok bool) Ready {
	ct.c.OnValidated(1, types.BlockHash(b), ok)
	return ct.ready()
}

func (ct *coreTest) built(r int32, b *types.Block) Ready {
	ct.c.OnBuilt(1, r, b)
	return ct.ready()
}

// enterRound0 starts height 1 with transactions waiting: step Propose of round 0.
func (ct *coreTest) enterRound0() {
	ct.t.Helper()
	ct.expect(ct.startHeight(), "timeouts: NewHeight r0")
	ct.txs()
	ct.expect(ct.fire(stepNewHeight, 0), "timeouts: Propose r0")
	ct.at(0, "Propose")
}

// blockNames names blocks by hash in test output ("" is the nil vote).
type blockNames map[string]string

func (n blockNames) name(hash []byte) string {
	if name, ok := n[string(hash)]; ok {
		return name
	}
	return fmt.Sprintf("%x", hash)
}

func (n blockNames) describe(m *Message) string {
	switch x := m.GetMsg().(type) {
	case *Message_Proposal:
		p := x.Proposal
		return fmt.Sprintf("proposal r%d pol%d %s by v%d", p.Round, p.PolRound, n.name(types.BlockHash(p.Block)), p.ProposerIndex)
	case *Message_Vote:
		v := x.Vote
		typ := map[uint32]string{types.Prevote: "prevote", types.Precommit: "precommit"}[v.Type]
		return fmt.Sprintf("%s r%d %s by v%d", typ, v.Round, n.name(v.BlockHash), v.ValidatorIndex)
	case *Message_Status:
		return fmt.Sprintf("status r%d", x.Status.Round)
	case *Message_Commit:
		return "commit " + n.name(types.BlockHash(x.Commit.Block))
	case *Message_Compact:
		p := x.Compact.Proposal
		return fmt.Sprintf("proposal r%d pol%d %s by v%d", p.Round, p.PolRound, n.name(compactHash(x.Compact)), p.ProposerIndex)
	case *Message_TxsRequest:
		return fmt.Sprintf("txs request r%d %v", x.TxsRequest.Round, x.TxsRequest.Indexes)
	case *Message_Txs:
		return fmt.Sprintf("txs r%d %v", x.Txs.Round, x.Txs.Indexes)
	}
	return "empty"
}

func (ct *coreTest) name(hash []byte) string { return ct.names.name(hash) }

func (ct *coreTest) describe(m *Message) string { return ct.names.describe(m) }

func (ct *coreTest) timeouts(ts []Timeout) string {
	var out []string
	for _, t := range ts {
		out = append(out, fmt.Sprintf("%s r%d", t.Step, t.Round))
	}
	return strings.Join(out, ", ")
}

// summary describes a Ready, one line per kind, statuses left out.
func (ct *coreTest) summary(rd Ready) []string {
	var out []string
	var bc []string
	for _, m := range rd.Broadcast {
		if m.GetStatus() == nil {
			bc = append(bc, ct.describe(m))
		}
	}
	if len(bc) > 0 {
		out = append(out, "broadcast: "+strings.Join(bc, ", "))
	}
	if len(rd.Send) > 0 {
		var s []string
		for _, d := range rd.Send {
			s = append(s, d.To+" <- "+ct.describe(d.Msg))
		}
		out = append(out, "send: "+strings.Join(s, ", "))
	}
	if len(rd.Timeouts) > 0 {
		out = append(out, "timeouts: "+ct.timeouts(rd.Timeouts))
	}
	if len(rd.Validate) > 0 {
		var s []string
		for _, b := range rd.Validate {
			s = append(s, ct.name(types.BlockHash(b)))
		}
		out = append(out, "validate: "+strings.Join(s, ", "))
	}
	if rd.Build != nil {
		out = append(out, fmt.Sprintf("build: h%d r%d", rd.Build.Height, rd.Build.Round))
	}
	if d := rd.Decided; d != nil {
		out = append(out, fmt.Sprintf("decided: %s r%d", ct.name(d.Hash), d.Cert.GetRound()))
	}
	for _, e := range rd.Evidence {
		out = append(out, fmt.Sprintf("evidence: %s by %x", ct.describe(&Message{Msg: &Message_Vote{Vote: e.B}}), e.Validator))
	}
	for _, m := range rd.Misbehaved {
		out = append(out, fmt.Sprintf("misbehaved: %s %s", m.Peer, m.Offence))
	}
	return out
}

// expect checks a Ready against its summary lines (statuses aside).
func (ct *coreTest) expect(rd Ready, want ...string) {
	ct.t.Helper()
	if got := ct.summary(rd); !slices.Equal(got, want) {
		ct.t.Fatalf("core did\n\t%s\nwant\n\t%s", strings.Join(got, "\n\t"), strings.Join(want, "\n\t"))
	}
}

// at checks the core's position.
func (ct *coreTest) at(r int32, s string) {
	ct.t.Helper()
	if ct.c.Round() != r || ct.c.Step() != s {
		ct.t.Fatalf("core at r%d %s, want r%d %s", ct.c.Round(), ct.c.Step(), r, s)
	}
}

// locked checks the lock (nil block: unlocked) and valid value.
func (ct *coreTest) locked(r int32, b *types.Block) {
	ct.t.Helper()
	if ct.c.lockedRound != r || !bytes.Equal(ct.c.lockedHash, hashOfBlock(b)) {
		ct.t.Fatalf("locked on %s in r%d, want %s in r%d", ct.name(ct.c.lockedHash), ct.c.lockedRound, ct.name(hashOfBlock(b)), r)
	}
}

func (ct *coreTest) valid(r int32, b *types.Block) {
	ct.t.Helper()
	if ct.c.validRound != r || !bytes.Equal(ct.c.validHash, hashOfBlock(b)) {
		ct.t.Fatalf("valid value %s of r%d, want %s of r%d", ct.name(ct.c.validHash), ct.c.validRound, ct.name(hashOfBlock(b)), r)
	}
}
