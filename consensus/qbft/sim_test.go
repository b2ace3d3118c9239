package qbft

import (
	"bytes"
	"container/heap"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"strconv"
	"testing"
	"time"

	"chain33node/types"

	"google.golang.org/protobuf/proto"
)

// The simulation drives real cores over a simulated network in virtual time.
// Signatures are a cheap stand-in (SHA-256 of key and message; aggregates
// XOR them), since thousands of runs with BLS would take hours; BLS itself is
// exercised by the loopback tests.

type simVerifier struct{}

func simSig(pub, msg []byte) []byte {
	h := sha256.New()
	h.Write(pub)
	h.Write(msg)
	return h.Sum(nil)
}

func (simVerifier) Verify(pub, msg, sig []byte) bool { return bytes.Equal(simSig(pub, msg), sig) }

func (simVerifier) Aggregate(sigs [][]byte) ([]byte, error) {
	agg := make([]byte, 32)
	for _, s := range sigs {
		if len(s) != 32 {
			return nil, errors.New("bad signature")
		}
		for i := range agg {
			agg[i] ^= s[i]
		}
	}
	return agg, nil
}

func (v simVerifier) VerifyAggregate(pubs [][]byte, msg, agg []byte) bool {
	sigs := make([][]byte, len(pubs))
	for i, p := range pubs {
		sigs[i] = simSig(p, msg)
	}
	want, _ := v.Aggregate(sigs)
	return len(pubs) > 0 && bytes.Equal(want, agg)
}

// simSigner has the production double-sign guard over a LastSigned that
// survives crashes (it is the node's "disk").
type simSigner struct {
	pub  []byte
	last *LastSigned
}

func (s simSigner) PubKey() []byte { return s.pub }

func (s simSigner) Sign(h int64, r int32, st uint8, msg []byte) ([]byte, error) {
	if sig, err := s.last.check(h, r, st, msg); sig != nil || err != nil {
		return sig, err
	}
	sig := simSig(s.pub, msg)
	*s.last = s.last.record(h, r, st, msg, sig)
	return sig, nil
}

type walEntry struct {
	rec    []byte
	synced bool
}

type simNode struct {
	id      int
	pub     []byte
	byz     bool
	up      bool
	epoch   int
	core    *Core
	last    LastSigned
	wal     map[int64][]walEntry
	blocks  []*types.Block // committed, index = height
	certs   []*types.Certificate
	future  []*Message // messages for the next height, replayed when we get there
	crashes int
}

func (n *simNode) head() (int64, []byte) {
	b := n.blocks[len(n.blocks)-1]
	return b.Height, types.BlockHash(b)
}

type evKind uint8

const (
	evDeliver evKind = iota
	evTimeout
	evValidated
	evBuilt
	evCrash
	evRestart
	evHeal
	evTick
)

type event struct {
	at    time.Duration
	seq   int
	kind  evKind
	node  int
	from  int
	epoch int
	msg   *Message
	to    Timeout
	block *types.Block
}

type queue []*event

func (q queue) Len() int { return len(q) }
func (q queue) Less(i, j int) bool {
	if q[i].at != q[j].at {
		return q[i].at < q[j].at
	}
	return q[i].seq < q[j].seq
}
func (q queue) Swap(i, j int) { q[i], q[j] = q[j], q[i] }
func (q *queue) Push(x any)   { *q = append(*q, x.(*event)) }
func (q *queue) Pop() any {
	old := *q
	e := old[len(old)-1]
	*q = old[:len(old)-1]
	return e
}

// simConfig is one run's scenario, drawn from its seed.
var simTrace = os.Getenv("QBFT_SIM_TRACE") != ""

// tickEvery is the driver's status period.
const tickEvery = 500 * time.Millisecond

type simConfig struct {
	powers     []int64
	byzantine  int // index of the equivocating validator, -1 for none
	drop       float64
	maxDelay   time.Duration
	partitions bool
	crashes    bool
	emptyWait  bool // some heights without transactions
	faultUntil time.Duration
	end        time.Duration
}

type sim struct {
	t         testing.TB
	seed      uint64
	cfg       simConfig
	rng       *rand.Rand
	now       time.Duration
	seq       int
	q         queue
	nodes     []*simNode
	vals      *types.ValidatorSet
	coreCfg   Config
	group     []int // partition group per node; nil = connected
	healed    bool
	committed map[int64][]byte
	evidence  int
	events    int
}

func newSim(t testing.TB, seed uint64, cfg simConfig) *sim {
	s := &sim{t: t, seed: seed, cfg: cfg, rng: rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15)), committed: map[int64][]byte{}}
	s.coreCfg = Config{ChainID: "chain33-sim", Timeouts: Timeouts{
		Propose: 300 * time.Millisecond, ProposeDelta: 100 * time.Millisecond,
		Prevote: 200 * time.Millisecond, PrevoteDelta: 100 * time.Millisecond,
		Precommit: 200 * time.Millisecond, PrecommitDelta: 100 * time.Millisecond,
		Commit: 50 * time.Millisecond,
	}, SkipTimeoutCommit: s.rng.IntN(2) == 0}
	if cfg.emptyWait {
		s.coreCfg.Timeouts.EmptyBlock = 150 * time.Millisecond
	}
	s.vals = &types.ValidatorSet{}
	genesis := &types.Block{Height: 0, BlockTime: 1}
	for i, p := range cfg.powers {
		pub := make([]byte, 48)
		binary.BigEndian.PutUint64(pub, seed)
		pub[47] = byte(i)
		addr := sha256.Sum256(pub)
		s.vals.Add(&types.Validator{Address: addr[:20], PubKey: pub, Power: p})
		n := &simNode{id: i, pub: pub, byz: i == cfg.byzantine, up: true, wal: map[int64][]walEntry{},
			blocks: []*types.Block{genesis}, certs: []*types.Certificate{nil}}
		s.nodes = append(s.nodes, n)
	}
	for _, v := range s.vals.Validators {
		v.Accum = 0
	}
	return s
}

func (s *sim) push(e *event) {
	s.seq++
	e.seq = s.seq
	heap.Push(&s.q, e)
}

func (s *sim) fail(format string, args ...any) {
	s.t.Helper()
	s.t.Fatalf("seed %d (replay: QBFT_SIM_SEED=%d go test -run TestSimulation ./consensus/qbft): %s", s.seed, s.seed, fmt.Sprintf(format, args...))
}

// start boots node n from its disk: committed blocks, WAL and signer state.
func (s *sim) start(n *simNode) {
	n.up = true
	n.epoch++
	n.core = NewCore(s.coreCfg, simSigner{pub: n.pub, last: &n.last}, simVerifier{})
	h, _ := n.head()
	n.core.StartHeight(h+1, s.vals.Copy(), 0)
	if simTrace {
		fmt.Printf("%v start node %d at %d with %d wal records\n", s.now, n.id, h+1, len(n.wal[h+1]))
	}
	var recs [][]byte
	for _, e := range n.wal[h+1] {
		recs = append(recs, e.rec)
	}
	if err := replayWAL(n.core, recs); err != nil {
		s.fail("node %d replay: %v", n.id, err)
	}
	s.txs(n)
	s.process(n)
}

func (s *sim) txs(n *simNode) {
	if !s.cfg.emptyWait || s.rng.IntN(3) > 0 {
		n.core.OnTxsAvailable()
	} else {
		n.core.OnTxsGone()
	}
}

func (s *sim) connected(a, b int) bool { return s.group == nil || s.group[a] == s.group[b] }

func (s *sim) send(from, to int, m *Message) {
	if to == from || (!s.healed && s.rng.Float64() < s.cfg.drop) {
		return
	}
	d := time.Duration(s.rng.Int64N(int64(s.cfg.maxDelay))) + time.Millisecond
	s.push(&event{at: s.now + d, kind: evDeliver, node: to, from: from, msg: m})
}

// process carries out what n's core asks, in the driver's order: own
// messages into the WAL (synced) before they leave.
func (s *sim) process(n *simNode) {
	rd := n.core.Ready()
	h := n.core.Height()
	for _, m := range rd.Broadcast {
		if m.GetStatus() == nil {
			n.wal[h] = append(n.wal[h], walEntry{encodeWALMessage(m), true})
		}
		if s.cfg.crashes && !s.healed && n.crashes < 3 && s.rng.IntN(400) == 0 {
			s.crash(n) // between persisting and sending
			return
		}
		for to := range s.nodes {
			out := m
			if n.byz && s.rng.IntN(2) == 0 {
				out = s.equivocate(n, m)
			}
			s.send(n.id, to, out)
		}
	}
	for _, d := range rd.Send {
		if to, err := strconv.Atoi(d.To); err == nil && to >= 0 && to < len(s.nodes) {
			s.send(n.id, to, d.Msg) // replayed and buffered messages have no sender
		}
	}
	for _, t := range rd.Timeouts {
		s.push(&event{at: s.now + t.After, kind: evTimeout, node: n.id, epoch: n.epoch, to: t})
	}
	for _, b := range rd.Validate {
		s.push(&event{at: s.now + time.Duration(1+s.rng.IntN(20))*time.Millisecond, kind: evValidated, node: n.id, epoch: n.epoch, block: b})
	}
	if rd.Build != nil {
		s.push(&event{at: s.now + time.Duration(1+s.rng.IntN(10))*time.Millisecond, kind: evBuilt, node: n.id, epoch: n.epoch,
			block: s.buildBlock(n, rd.Build.Round), to: Timeout{Height: rd.Build.Height, Round: rd.Build.Round}})
	}
	s.evidence += len(rd.Evidence)
	if d := rd.Decided; d != nil {
		s.commit(n, d)
	}
}

func (s *sim) buildBlock(n *simNode, round int32) *types.Block {
	h, hash := n.head()
	tx := &types.Transaction{Execer: []byte("coins"), Nonce: s.rng.Int64()}
	return &types.Block{Height: h + 1, ParentHash: hash, BlockTime: h + 1, Txs: []*types.Transaction{tx}, TxHash: []byte{byte(n.id), byte(round)}}
}

// equivocate returns a conflicting version of a byzantine node's message,
// properly signed with its key.
func (s *sim) equivocate(n *simNode, m *Message) *Message {
	switch x := m.Msg.(type) {
	case *Message_Vote:
		v := proto.CloneOf(x.Vote)
		v.BlockHash = nil
		if len(x.Vote.BlockHash) == 0 {
			v.BlockHash = bytes.Repeat([]byte{byte(s.rng.IntN(256))}, 32)
		}
		v.Signature = simSig(n.pub, types.VoteSignBytes(s.coreCfg.ChainID, v.Height, v.Round, v.Type, v.BlockHash))
		return &Message{Msg: &Message_Vote{Vote: v}}
	case *Message_Proposal:
		p := proto.CloneOf(x.Proposal)
		p.Block = s.buildBlock(n, p.Round)
		p.Signature = simSig(n.pub, types.ProposalSignBytes(s.coreCfg.ChainID, p.Height, p.Round, p.PolRound, types.BlockHash(p.Block)))
		return &Message{Msg: &Message_Proposal{Proposal: p}}
	}
	return m
}

func (s *sim) commit(n *simNode, d *Decision) {
	h := d.Block.Height
	if want, ok := s.committed[h]; ok && !bytes.Equal(want, d.Hash) {
		s.fail("SAFETY: node %d committed 0x%x at height %d, another node committed 0x%x", n.id, d.Hash, h, want)
	}
	s.committed[h] = d.Hash
	if err := types.VerifyCertificate(s.coreCfg.ChainID, s.vals, simVerifier{}, d.Cert, h, d.Hash); err != nil {
		s.fail("node %d: certificate of height %d: %v", n.id, h, err)
	}
	if hh, _ := n.head(); hh+1 != h {
		s.fail("node %d committed height %d on head %d", n.id, h, hh)
	}
	n.blocks = append(n.blocks, d.Block)
	n.certs = append(n.certs, d.Cert)
	delete(n.wal, h)
	wait := s.coreCfg.Timeouts.Commit
	if s.coreCfg.SkipTimeoutCommit {
		wait = 0
	}
	n.core.StartHeight(h+1, s.vals.Copy(), wait)
	s.txs(n)
	future := n.future
	n.future = nil
	for _, m := range future {
		s.deliver(n, -1, m)
	}
	s.process(n)
}

func (s *sim) crash(n *simNode) {
	if simTrace {
		fmt.Printf("%v crash node %d at %d/%d/%s wal %d\n", s.now, n.id, n.core.height, n.core.round, n.core.step, len(n.wal[n.core.height]))
	}
	n.up = false
	n.crashes++
	// Unsynced WAL records after the last synced one may be lost.
	for h, es := range n.wal {
		last := -1
		for i, e := range es {
			if e.synced {
				last = i
			}
		}
		if s.rng.IntN(2) == 0 {
			n.wal[h] = es[:last+1]
		}
	}
	n.future = nil
	s.push(&event{at: s.now + time.Duration(100+s.rng.IntN(2000))*time.Millisecond, kind: evRestart, node: n.id})
}

func msgHeight(m *Message) int64 {
	switch x := m.Msg.(type) {
	case *Message_Proposal:
		return x.Proposal.Height
	case *Message_Vote:
		return x.Vote.Height
	case *Message_Status:
		return x.Status.Height
	case *Message_Commit:
		return x.Commit.GetCert().GetHeight()
	}
	return 0
}

// deliver is the driver's handling of a received message.
func (s *sim) deliver(n *simNode, from int, m *Message) {
	h := n.core.Height()
	mh := msgHeight(m)
	switch {
	case mh == h+1:
		if len(n.future) < 1000 {
			n.future = append(n.future, m)
		}
		return
	case m.GetStatus() != nil && mh < h && from >= 0:
		// A peer behind us: send it the commit it needs.
		s.send(n.id, from, &Message{Msg: &Message_Commit{Commit: &Commit{Block: n.blocks[mh], Cert: n.certs[mh]}}})
		return
	case mh != h:
		return
	}
	if m.GetStatus() == nil {
		n.wal[h] = append(n.wal[h], walEntry{encodeWALMessage(m), false})
	}
	_ = n.core.OnMessage(strconv.Itoa(from), m)
	s.process(n)
}

func (s *sim) run() {
	if s.cfg.partitions {
		s.push(&event{at: time.Duration(s.rng.Int64N(int64(s.cfg.faultUntil))), kind: evHeal})
	}
	if s.cfg.crashes {
		for range 1 + s.rng.IntN(3) {
			s.push(&event{at: time.Duration(s.rng.Int64N(int64(s.cfg.faultUntil))), kind: evCrash, node: s.rng.IntN(len(s.nodes))})
		}
	}
	s.push(&event{at: s.cfg.faultUntil, kind: evHeal, node: -1})
	for _, n := range s.nodes {
		s.start(n)
		s.push(&event{at: tickEvery, kind: evTick, node: n.id})
	}
	healHeight := int64(-1)
	for s.q.Len() > 0 {
		e := heap.Pop(&s.q).(*event)
		if e.at > s.cfg.end {
			break
		}
		s.now = e.at
		s.events++
		var n *simNode
		if e.node >= 0 && e.node < len(s.nodes) {
			n = s.nodes[e.node]
		}
		switch e.kind {
		case evDeliver:
			if n.up && s.connected(e.from, e.node) {
				s.deliver(n, e.from, e.msg)
			}
		case evTimeout:
			if n.up && e.epoch == n.epoch && e.to.Height == n.core.Height() {
				n.wal[e.to.Height] = append(n.wal[e.to.Height], walEntry{encodeWALTimeout(e.to), false})
				n.core.OnTimeout(e.to)
				s.process(n)
			}
		case evValidated:
			if n.up && e.epoch == n.epoch {
				h, hash := n.head()
				ok := e.block.Height == h+1 && bytes.Equal(e.block.ParentHash, hash) && len(e.block.Txs) == 1
				n.core.OnValidated(e.block.Height, types.BlockHash(e.block), ok)
				s.process(n)
			}
		case evBuilt:
			if n.up && e.epoch == n.epoch {
				n.core.OnBuilt(e.to.Height, e.to.Round, e.block)
				s.process(n)
			}
		case evCrash:
			if n.up && !s.healed && n.crashes < 3 {
				s.crash(n)
			}
		case evRestart:
			if !n.up {
				s.start(n)
			}
		case evHeal:
			if e.node == -1 { // end of the fault period: heal everything, restart everyone
				s.healed, s.group = true, nil
				for _, n := range s.nodes {
					if !n.up {
						s.start(n)
					}
				}
				healHeight = s.maxHeight()
			} else if s.group == nil && !s.healed { // open a partition; heals at the end of the fault period
				s.group = make([]int, len(s.nodes))
				for i := range s.group {
					s.group[i] = s.rng.IntN(2)
				}
			}
		case evTick: // the driver's periodic status
			if n.up {
				n.core.OnTick()
				s.process(n)
			}
			s.push(&event{at: s.now + tickEvery, kind: evTick, node: n.id})
		}
	}
	// Liveness: after healing, with everyone up, the chain keeps growing and
	// every node follows.
	top := s.maxHeight()
	if top < healHeight+3 {
		s.fail("LIVENESS: height %d at heal, %d at the end (%v)", healHeight, top, s.describe())
	}
	for _, n := range s.nodes {
		if h, _ := n.head(); h < healHeight+1 {
			s.fail("LIVENESS: node %d stuck at %d (heal %d, top %d) %v", n.id, h, healHeight, top, s.describe())
		}
	}
}

func (s *sim) maxHeight() int64 {
	var m int64
	for _, n := range s.nodes {
		if h, _ := n.head(); h > m {
			m = h
		}
	}
	return m
}

func (s *sim) describe() string {
	out := fmt.Sprintf("powers %v byz %d", s.cfg.powers, s.cfg.byzantine)
	for _, n := range s.nodes {
		h, _ := n.head()
		out += fmt.Sprintf(" [n%d h%d %d/%d/%s]", n.id, h, n.core.Height(), n.core.Round(), n.core.Step())
	}
	return out
}

func randomConfig(rng *rand.Rand) simConfig {
	sets := [][]int64{{10}, {10, 10, 10, 10}, {10, 10, 10, 10, 10, 10, 10}, {1, 2, 3, 4}, {5, 1, 1, 1, 1}, {3, 3, 3, 2, 2, 2, 1}}
	c := simConfig{powers: sets[rng.IntN(len(sets))], byzantine: -1, maxDelay: time.Duration(1+rng.IntN(100)) * time.Millisecond,
		faultUntil: 10 * time.Second, end: 40 * time.Second}
	c.drop = []float64{0, 0, 0.05, 0.2, 0.4}[rng.IntN(5)]
	c.partitions = rng.IntN(3) == 0
	c.crashes = rng.IntN(2) == 0
	c.emptyWait = rng.IntN(4) == 0
	if len(c.powers) > 1 && rng.IntN(2) == 0 {
		// The equivocator must hold less than a third of the power.
		total := int64(0)
		for _, p := range c.powers {
			total += p
		}
		for range 10 {
			i := rng.IntN(len(c.powers))
			if 3*c.powers[i] < total {
				c.byzantine = i
				break
			}
		}
	}
	return c
}

func runSeed(t testing.TB, seed uint64) *sim {
	rng := rand.New(rand.NewPCG(seed, 1))
	s := newSim(t, seed, randomConfig(rng))
	s.run()
	return s
}

// TestSimulation runs randomized scenarios; QBFT_SIM_RUNS sets how many
// (default 300), QBFT_SIM_SEED replays one.
func TestSimulation(t *testing.T) {
	if v := os.Getenv("QBFT_SIM_SEED"); v != "" {
		seed, err := strconv.ParseUint(v, 10, 64)
		if err != nil {
			t.Fatal(err)
		}
		s := runSeed(t, seed)
		t.Logf("seed %d: height %d, %d events, %d equivocations, %s", seed, s.maxHeight(), s.events, s.evidence, s.describe())
		return
	}
	runs := 300
	if v := os.Getenv("QBFT_SIM_RUNS"); v != "" {
		runs, _ = strconv.Atoi(v)
	}
	if testing.Short() {
		runs = 50
	}
	var heights, equivocations int64
	for i := range runs {
		s := runSeed(t, uint64(i)+1)
		heights += s.maxHeight()
		equivocations += int64(s.evidence)
	}
	t.Logf("%d runs, %d heights committed, %d equivocations detected", runs, heights, equivocations)
}
