package qbft

import (
	"bytes"
	"container/heap"
	"errors"
	"fmt"
	"log/slog"
	"maps"
	"math/rand/v2"
	"os"
	"runtime/debug"
	"slices"
	"strconv"
	"testing"
	"time"

	"chain33node/types"

	"google.golang.org/protobuf/proto"
)

// The simulation runs real drivers, each with its real core, over a
// simulated network in virtual time. Everything a driver touches is
// simulated and deterministic by seed: its clock (events on one queue), the
// network (delays, loss, reordering, partitions that heal), the WAL (in
// memory; unsynced records may be lost in a crash), the App (blocks that
// take time to execute, block sync that moves the head under the driver)
// and the signer (the production guard, over state that survives crashes).
// Nodes crash at random moments, right after signing and right after
// logging an own message (before it leaves), and restart from their "disk".
// Signatures are a cheap stand-in (SHA-256 of key and message; aggregates
// XOR them), since thousands of runs with BLS would take hours; BLS itself
// is exercised by the loopback tests.

type walEntry struct {
	kind   byte
	body   []byte // the driver's bytes: nobody modifies what it logs or sends
	synced bool
}

// simNode is one validator's machine: its disk (blocks, certificates, WAL,
// signer state), which survives crashes, and its running incarnation.
type simNode struct {
	id       int
	name     string // its peer name on the network
	pub      []byte
	byz      bool
	up       bool
	epoch    int // incarnation: the I/O of an earlier one is dead
	d        *Driver
	busy     time.Duration // executing a block until then
	last     LastSigned
	wal      map[int64][]walEntry
	walTop   int64          // highest WAL height written; consensus/wal refuses lower ones
	blocks   []*types.Block // committed, index = height
	hashes   [][]byte
	certs    [][]byte
	crashes  int
	evidence int64 // equivocations detected by earlier incarnations
	halts    int64 // storage-fault stops of earlier incarnations
	compact  Stats // compact-proposal counters of earlier incarnations
}

func (n *simNode) head() (int64, []byte) {
	h := len(n.blocks) - 1
	return int64(h), n.hashes[h]
}

type evKind uint8

const (
	evDeliver evKind = iota
	evClock          // a driver's timer
	evCrash
	evRestart
	evHeal
	evSync   // block sync: the node fetches committed blocks from a peer
	evAttack // the Byzantine node sends a burst of its attack
)

type event struct {
	at    time.Duration
	seq   int
	kind  evKind
	node  int
	from  int
	epoch int
	data  []byte
	f     func()
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

var simTrace = os.Getenv("QBFT_SIM_TRACE") != ""

// simLog is silent but with QBFT_SIM_TRACE, when the drivers log at debug
// level too.
var simLog = func() *slog.Logger {
	if simTrace {
		return slog.New(slog.NewTextHandler(os.Stdout, &slog.HandlerOptions{Level: slog.LevelDebug}))
	}
	return slog.New(slog.DiscardHandler)
}()

// The drivers' periods.
const (
	tickEvery = 500 * time.Millisecond
	pollEvery = 200 * time.Millisecond
)

// simConfig is one run's scenario, drawn from its seed.
type simConfig struct {
	powers     []int64
	sets       [][]int64 // powers of the sets that take turns (changingSets); nil: powers throughout
	byzantine  int       // index of the Byzantine validator, -1 for none
	byzKind    byzKind
	storage    int  // index of the node whose disk fails for a while, -1 for none
	storageWAL bool // its WAL fails (else its signer)
	storageAt  time.Duration
	storageEnd time.Duration
	drop       float64
	maxDelay   time.Duration
	partitions bool
	crashes    bool
	emptyWait  bool // some heights without transactions
	sync       bool // block sync runs beside consensus
	faultUntil time.Duration
	end        time.Duration
}

// simStats count what a run exercised.
type simStats struct {
	events                                int
	crashRandom, crashSigned, crashLogged int   // crashes: at a random moment, right after signing, right after logging an own message
	buffered, replayed                    int   // handlings that grew the driver's future buffer; that drained it
	synced, races                         int   // blocks written by block sync; syncs that beat a consensus commit
	evidence                              int64 // equivocations detected
	reports                               int   // Byzantine peers reported by honest nodes
	attacks, forgeries                    int   // bursts of attack and of rogue-key forgeries sent
	halts                                 int64 // storage faults that stopped a node's signing
	setChanges                            int   // heights committed under a set other than the first
	filled, fetched, txsFetched           int64 // compact proposals filled from the mempool; completed by asking; transactions asked for
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
	sets      []*types.ValidatorSet // take turns every setEvery heights
	banned    map[[2]int]time.Duration
	coreCfg   Config
	group     []int // partition group per node; nil = connected
	healed    bool
	committed map[int64][]byte
	stats     simStats
	gossiped  map[string]*types.Transaction // full hash → every transaction built: what mempools may hold
}

func newSim(t testing.TB, seed uint64, cfg simConfig) *sim {
	s := &sim{t: t, seed: seed, cfg: cfg, rng: rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15)), committed: map[int64][]byte{},
		banned: map[[2]int]time.Duration{}, gossiped: map[string]*types.Transaction{}}
	s.coreCfg = Config{ChainID: "chain33-sim", Timeouts: Timeouts{
		Propose: 300 * time.Millisecond, ProposeDelta: 100 * time.Millisecond,
		Prevote: 200 * time.Millisecond, PrevoteDelta: 100 * time.Millisecond,
		Precommit: 200 * time.Millisecond, PrecommitDelta: 100 * time.Millisecond,
		Commit: 50 * time.Millisecond,
	}, SkipTimeoutCommit: s.rng.IntN(2) == 0}
	if cfg.emptyWait {
		s.coreCfg.Timeouts.EmptyBlock = 150 * time.Millisecond
	}
	genesis := &types.Block{Height: 0, BlockTime: 1}
	for i := range cfg.powers {
		byz := i == cfg.byzantine
		n := &simNode{id: i, name: strconv.Itoa(i), pub: simPub(seed, i, byz && cfg.byzKind == byzRogue), byz: byz, wal: map[int64][]walEntry{},
			blocks: []*types.Block{genesis}, hashes: [][]byte{types.BlockHash(genesis)}, certs: [][]byte{nil}}
		s.nodes = append(s.nodes, n)
	}
	s.buildSets()
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

// proc is one incarnation of a node. The driver's App, WAL, clock, network
// and signer act for it, and do nothing once it has crashed.
type proc struct {
	s     *sim
	n     *simNode
	epoch int
}

var errCrashed = errors.New("crashed")

func (p *proc) alive() bool { return p.n.up && p.n.epoch == p.epoch }

// now is the node's time. Executing a block keeps the node busy: inputs
// that arrive meanwhile are handled in order, and what it sends and the
// timers it sets start when it is done (a queue with one server).
func (p *proc) now() time.Duration { return max(p.s.now, p.n.busy) }

func (p *proc) compute(minMs, maxMs int) {
	p.n.busy = p.now() + time.Duration(minMs+p.s.rng.IntN(maxMs-minMs+1))*time.Millisecond
}

type simClock struct{ *proc }

var simEpoch = time.Unix(1_700_000_000, 0)

func (c simClock) Now() time.Time { return simEpoch.Add(c.now()) }

func (c simClock) AfterFunc(d time.Duration, f func()) {
	if c.alive() {
		c.s.push(&event{at: c.now() + d, kind: evClock, node: c.n.id, epoch: c.epoch, f: f})
	}
}

type simNet struct{ *proc }

func (t simNet) Broadcast(data []byte) {
	if !t.alive() {
		return
	}
	var m *Message
	for to := range t.s.nodes {
		out := data
		if t.n.byz && t.s.cfg.byzKind == byzEquivocate && to != t.n.id && t.s.rng.IntN(2) == 0 {
			if m == nil {
				m = &Message{}
				if err := proto.Unmarshal(data, m); err != nil {
					t.s.fail("node %d broadcast undecodable bytes: %v", t.n.id, err)
				}
			}
			out = t.s.equivocate(t.n, m)
		}
		t.s.send(t.proc, to, out)
	}
}

func (t simNet) Send(peer string, data []byte) error {
	if !t.alive() {
		return errCrashed
	}
	to, err := strconv.Atoi(peer)
	if err != nil || to < 0 || to >= len(t.s.nodes) {
		return fmt.Errorf("no peer %q", peer)
	}
	t.s.send(t.proc, to, data)
	return nil
}

func (t simNet) SetValidators([][]byte) {}

func (t simNet) Misbehaved(peer string, o Offence, detail string) {
	if t.alive() {
		t.s.misbehaved(t.n, peer, o, detail)
	}
}

func (s *sim) send(p *proc, to int, data []byte) {
	if to == p.n.id || (!s.healed && s.rng.Float64() < s.cfg.drop) || s.isBanned(p.n.id, to) {
		return
	}
	d := time.Duration(s.rng.Int64N(int64(s.cfg.maxDelay))) + time.Millisecond
	s.push(&event{at: p.now() + d, kind: evDeliver, node: to, from: p.n.id, data: data})
}

// simApp is the node's chain: blocks with one transaction each, executed in
// a few milliseconds of the node's time.
type simApp struct{ *proc }

func (a simApp) Validators() (*types.ValidatorSet, error) {
	h, _ := a.n.head()
	return a.s.valsAt(h + 1).Copy(), nil
}

func (a simApp) Head() (int64, int64) {
	b := a.n.blocks[len(a.n.blocks)-1]
	return b.Height, b.BlockTime
}

func (a simApp) Build(int64) (*types.Block, error) {
	if !a.alive() {
		return nil, errCrashed
	}
	a.compute(1, 10)
	return a.s.buildBlock(a.n), nil
}

func (a simApp) Validate(b *types.Block) error {
	if !a.alive() {
		return errCrashed
	}
	a.compute(1, 20)
	if h, hash := a.n.head(); b.Height != h+1 || !bytes.Equal(b.ParentHash, hash) || len(b.Txs) != 1 {
		return errors.New("invalid block")
	}
	return nil
}

// Commit writes the block. Now and then block sync has just written the
// same height from a peer: then there is nothing to write (no error, as the
// App's contract says), and the head may be beyond the block.
func (a simApp) Commit(b *types.Block, cert []byte) error {
	if !a.alive() {
		return errCrashed
	}
	if a.s.cfg.sync && a.s.rng.IntN(4) == 0 {
		if src := a.s.syncSource(a.n, b.Height); src != nil {
			a.s.stats.races++
			top, _ := src.head()
			a.s.syncFrom(a.n, src, min(top, b.Height+a.s.rng.Int64N(3)))
			return nil
		}
	}
	a.s.write(a.n, b, cert)
	return nil
}

func (a simApp) Committed(h int64) (*types.Block, []byte, error) {
	if h < 1 || h >= int64(len(a.n.blocks)) {
		return nil, nil, fmt.Errorf("no block %d", h)
	}
	return a.n.blocks[h], a.n.certs[h], nil
}

// Txs finds each transaction in the node's mempool half of the time: the
// other half of the compact proposals are completed by asking their sender.
func (a simApp) Txs(hashes [][]byte) []*types.Transaction {
	out := make([]*types.Transaction, len(hashes))
	for i, h := range hashes {
		if a.s.rng.IntN(2) == 0 {
			out[i] = a.s.gossiped[string(h)]
		}
	}
	return out
}

func (a simApp) TxsAvailable() bool { return !a.s.cfg.emptyWait || a.s.rng.IntN(3) > 0 }

func (s *sim) buildBlock(n *simNode) *types.Block {
	h, hash := n.head()
	tx := &types.Transaction{Execer: []byte("coins"), Nonce: s.rng.Int64()}
	s.gossiped[string(types.TxFullHash(tx))] = tx
	return &types.Block{Height: h + 1, ParentHash: hash, BlockTime: h + 1, Txs: []*types.Transaction{tx}, TxHash: []byte{byte(n.id)}}
}

// write commits a certified block to n's chain: by consensus or by sync.
func (s *sim) write(n *simNode, b *types.Block, cert []byte) {
	h, hash := b.Height, types.BlockHash(b)
	if want, ok := s.committed[h]; ok && !bytes.Equal(want, hash) {
		s.fail("SAFETY: node %d committed 0x%x at height %d, another node committed 0x%x", n.id, hash, h, want)
	}
	s.committed[h] = hash
	c, err := types.DecodeCertificate(cert)
	if err == nil {
		err = types.VerifyCertificate(s.coreCfg.ChainID, s.valsAt(h), simVerifier{}, c, h, hash)
	}
	if err != nil {
		s.fail("node %d: certificate of height %d: %v", n.id, h, err)
	}
	if head, headHash := n.head(); head+1 != h || !bytes.Equal(b.ParentHash, headHash) {
		s.fail("node %d committed height %d on head %d", n.id, h, head)
	}
	n.blocks = append(n.blocks, b)
	n.hashes = append(n.hashes, hash)
	n.certs = append(n.certs, cert)
}

// syncSource is a connected peer that has committed height h.
func (s *sim) syncSource(n *simNode, h int64) *simNode {
	var best *simNode
	for _, p := range s.nodes {
		if p != n && p.up && s.connected(p.id, n.id) && int64(len(p.blocks)) > h && (best == nil || len(p.blocks) > len(best.blocks)) {
			best = p
		}
	}
	return best
}

// syncFrom writes src's blocks after n's head up to height to, as block
// sync does: beside the driver, which finds its head moved.
func (s *sim) syncFrom(n, src *simNode, to int64) {
	for h, _ := n.head(); h < to; h++ {
		s.write(n, src.blocks[h+1], src.certs[h+1])
		s.stats.synced++
	}
}

// equivocate returns a conflicting version of a byzantine node's message,
// properly signed with its key.
func (s *sim) equivocate(n *simNode, m *Message) []byte {
	switch x := m.Msg.(type) {
	case *Message_Vote:
		v := proto.CloneOf(x.Vote)
		v.BlockHash = nil
		if len(x.Vote.BlockHash) == 0 {
			v.BlockHash = bytes.Repeat([]byte{byte(s.rng.IntN(256))}, 32)
		}
		v.Signature = simSig(n.pub, types.VoteSignBytes(s.coreCfg.ChainID, v.Height, v.Round, v.Type, v.BlockHash))
		m = &Message{Msg: &Message_Vote{Vote: v}}
	case *Message_Proposal:
		p := proto.CloneOf(x.Proposal)
		p.Block = s.buildBlock(n)
		p.Signature = simSig(n.pub, types.ProposalSignBytes(s.coreCfg.ChainID, p.Height, p.Round, p.PolRound, types.BlockHash(p.Block)))
		m = &Message{Msg: &Message_Proposal{Proposal: p}}
	}
	b, err := proto.Marshal(m)
	if err != nil {
		s.fail("marshal: %v", err)
	}
	return b
}

// start boots node n from its disk: committed blocks, WAL and signer state.
func (s *sim) start(n *simNode) {
	n.up = true
	n.epoch++
	if simTrace {
		h, _ := n.head()
		fmt.Printf("%v start node %d at %d with %d wal records\n", s.now, n.id, h+1, len(n.wal[h+1]))
	}
	p := &proc{s: s, n: n, epoch: n.epoch}
	// One input is queued at a time here: a small inbox spares the allocation.
	cfg := DriverConfig{Core: s.coreCfg, Tick: tickEvery, TxPoll: pollEvery, Inbox: 16, Clock: simClock{p}, Logger: simLog}
	var signer Signer = simNodeSigner{p, simSigner{pub: n.pub, last: &n.last}}
	if n.byz && s.cfg.byzKind == byzRogue {
		signer = nil // it holds no secret key of its own key
	}
	n.d = NewDriver(cfg, simApp{p}, signer, simVerifier{}, simWAL{p}, simNet{p})
	if err := n.d.start(); err != nil {
		s.fail("node %d start: %v", n.id, err)
	}
	s.drain(n)
}

// drain runs what n's driver has queued, then checks that it follows its
// head.
func (s *sim) drain(n *simNode) {
	d := n.d
	before := d.future.held()
	processed := runQueued(d, func() bool { return n.up && n.d == d })
	if !n.up || n.d != d {
		return // crashed meanwhile
	}
	if after := d.future.held(); after > before {
		s.stats.buffered++
	} else if after < before {
		s.stats.replayed++
	}
	if h, _ := n.head(); processed > 0 && d.core.Height() != h+1 {
		s.fail("node %d: driver at height %d on head %d", n.id, d.core.Height(), h)
	}
}

// maybeCrash crashes n now and then during the fault period.
func (s *sim) maybeCrash(n *simNode, count *int) {
	if s.cfg.crashes && !s.healed && n.crashes < 3 && s.rng.IntN(800) == 0 {
		*count++
		s.crash(n)
	}
}

func (s *sim) crash(n *simNode) {
	if simTrace {
		c := n.d.core
		fmt.Printf("%v crash node %d at %d/%d/%s wal %d\n", s.now, n.id, c.height, c.round, c.step, len(n.wal[c.height]))
	}
	n.up = false
	n.crashes++
	n.busy = 0
	n.evidence += n.d.Stats().Equivocations
	n.halts += n.d.Stats().Halts
	st := n.d.Stats()
	n.compact.CompactFilled += st.CompactFilled
	n.compact.CompactFetched += st.CompactFetched
	n.compact.TxsFetched += st.TxsFetched
	// Unsynced WAL records after the last synced one may be lost.
	for _, h := range slices.Sorted(maps.Keys(n.wal)) {
		es := n.wal[h]
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
	s.push(&event{at: s.now + time.Duration(100+s.rng.IntN(2000))*time.Millisecond, kind: evRestart, node: n.id})
}

// misbehaved is n's report of a peer, which it then refuses for banFor, as
// the transport does. An honest node never reports an honest one: that
// would cut off a correct validator.
func (s *sim) misbehaved(n *simNode, peer string, o Offence, detail string) {
	from, err := strconv.Atoi(peer)
	if err != nil || from < 0 || from >= len(s.nodes) {
		s.fail("node %d reported unknown peer %q", n.id, peer)
	}
	if n.byz {
		return
	}
	if !s.nodes[from].byz {
		s.fail("node %d reported honest node %d: %s: %s", n.id, from, o, detail)
	}
	s.stats.reports++
	s.banned[[2]int{n.id, from}] = s.now + banFor
}

// isBanned reports whether a or b refuses the other now.
func (s *sim) isBanned(a, b int) bool {
	return s.banned[[2]int{a, b}] > s.now || s.banned[[2]int{b, a}] > s.now
}

func (s *sim) connected(a, b int) bool { return s.group == nil || s.group[a] == s.group[b] }

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
		if s.cfg.sync {
			s.push(&event{at: s.syncDelay(), kind: evSync, node: n.id})
		}
	}
	if b := s.cfg.byzantine; b >= 0 && s.cfg.byzKind != byzEquivocate && len(s.nodes) > 1 {
		s.push(&event{at: s.attackDelay(), kind: evAttack, node: b})
	}
	healHeight := int64(-1)
	for s.q.Len() > 0 {
		e := heap.Pop(&s.q).(*event)
		if e.at > s.cfg.end {
			break
		}
		s.now = e.at
		s.stats.events++
		var n *simNode
		if e.node >= 0 && e.node < len(s.nodes) {
			n = s.nodes[e.node]
		}
		switch e.kind {
		case evDeliver:
			if !n.up || !s.connected(e.from, e.node) {
				break
			}
			if simTrace {
				if m, err := DecodeMessage(e.data); err == nil && m.GetVote() != nil {
					fmt.Printf("%v %d->%d %s\n", s.now, e.from, e.node, voteName(m.GetVote()))
				} else if err == nil && m.GetStatus() != nil {
					fmt.Printf("%v %d->%d status %v\n", s.now, e.from, e.node, m.GetStatus())
				}
			}
			n.d.Receive(s.nodes[e.from].name, s.nodes[e.from].pub, e.data)
			s.drain(n)
		case evClock:
			if !n.up || e.epoch != n.epoch {
				break
			}
			e.f()
			s.drain(n)
		case evCrash:
			if n.up && !s.healed && n.crashes < 3 {
				s.stats.crashRandom++
				s.crash(n)
			}
		case evRestart:
			if !n.up {
				s.start(n)
			}
		case evSync:
			if h, _ := n.head(); n.up {
				if src := s.syncSource(n, h+1); src != nil {
					top, _ := src.head()
					s.syncFrom(n, src, min(top, h+8))
				}
			}
			s.push(&event{at: s.now + s.syncDelay(), kind: evSync, node: n.id})
		case evAttack:
			if to := s.rng.IntN(len(s.nodes)); n.up && to != n.id {
				if s.cfg.byzKind == byzRogue {
					s.forge(n, to)
				} else {
					s.attack(n, to)
				}
			}
			s.push(&event{at: s.now + s.attackDelay(), kind: evAttack, node: n.id})
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
		st := n.d.Stats()
		if st.Halted {
			s.fail("node %d still stopped by a storage fault that ended at %v", n.id, s.cfg.storageEnd)
		}
		s.stats.evidence += n.evidence + st.Equivocations
		s.stats.halts += n.halts + st.Halts
		s.stats.filled += n.compact.CompactFilled + st.CompactFilled
		s.stats.fetched += n.compact.CompactFetched + st.CompactFetched
		s.stats.txsFetched += n.compact.TxsFetched + st.TxsFetched
	}
	if s.cfg.sets != nil {
		for h := int64(1); h <= top; h++ {
			if s.valsAt(h) != s.sets[0] {
				s.stats.setChanges++
			}
		}
	}
}

func (s *sim) attackDelay() time.Duration {
	return time.Duration(100+s.rng.IntN(300)) * time.Millisecond
}

func (s *sim) syncDelay() time.Duration {
	return time.Duration(200+s.rng.IntN(800)) * time.Millisecond
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
	out := fmt.Sprintf("powers %v sets %v byz %d (%s) storage %d", s.cfg.powers, s.cfg.sets, s.cfg.byzantine, s.cfg.byzKind, s.cfg.storage)
	for _, n := range s.nodes {
		h, _ := n.head()
		c := n.d.core
		out += fmt.Sprintf(" [n%d h%d %d/%d/%s]", n.id, h, c.Height(), c.Round(), c.Step())
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
	c.sync = rng.IntN(2) == 0
	if len(c.powers) > 1 && rng.IntN(2) == 0 {
		// The Byzantine validator must hold less than a third of the power.
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
		c.byzKind = []byzKind{byzEquivocate, byzEquivocate, byzAttack, byzRogue}[rng.IntN(4)]
	}
	if len(c.powers) > 1 && rng.IntN(4) == 0 {
		c.sets = changingSets(c.powers, c.byzantine)
	}
	c.storage = -1
	if i := rng.IntN(len(c.powers)); rng.IntN(5) == 0 && i != c.byzantine {
		c.storage, c.storageWAL = i, rng.IntN(2) == 0
		c.storageAt = time.Duration(rng.Int64N(int64(7 * time.Second)))
		c.storageEnd = c.storageAt + time.Duration(300+rng.IntN(2700))*time.Millisecond
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
// (default 300), QBFT_SIM_SEED replays one. Over many runs every fault and
// every path of the driver named in simStats must have been taken.
func TestSimulation(t *testing.T) {
	// The runs make much short-lived garbage and keep little (tens of MB):
	// collecting less often saves a fifth of the time.
	defer debug.SetGCPercent(debug.SetGCPercent(400))
	if v := os.Getenv("QBFT_SIM_SEED"); v != "" {
		seed, err := strconv.ParseUint(v, 10, 64)
		if err != nil {
			t.Fatal(err)
		}
		s := runSeed(t, seed)
		t.Logf("seed %d: height %d, %+v, %s", seed, s.maxHeight(), s.stats, s.describe())
		return
	}
	runs := 300
	if v := os.Getenv("QBFT_SIM_RUNS"); v != "" {
		runs, _ = strconv.Atoi(v)
	}
	if testing.Short() {
		runs = 50
		if raceDetector {
			runs = 10 // the concurrent parts (Start, the catch-up server) have tests of their own
		}
	}
	var heights int64
	var total simStats
	for i := range runs {
		s := runSeed(t, uint64(i)+1)
		heights += s.maxHeight()
		st := s.stats
		total.events += st.events
		total.crashRandom += st.crashRandom
		total.crashSigned += st.crashSigned
		total.crashLogged += st.crashLogged
		total.buffered += st.buffered
		total.replayed += st.replayed
		total.synced += st.synced
		total.races += st.races
		total.evidence += st.evidence
		total.reports += st.reports
		total.attacks += st.attacks
		total.forgeries += st.forgeries
		total.halts += st.halts
		total.setChanges += st.setChanges
		total.filled += st.filled
		total.fetched += st.fetched
		total.txsFetched += st.txsFetched
	}
	t.Logf("%d runs, %d heights committed, %+v", runs, heights, total)
	if runs < 50 {
		return
	}
	for name, n := range map[string]int64{
		"random crashes": int64(total.crashRandom), "crashes after signing": int64(total.crashSigned),
		"crashes after logging": int64(total.crashLogged), "future messages buffered": int64(total.buffered),
		"future messages replayed": int64(total.replayed), "blocks synced": int64(total.synced),
		"commits racing sync": int64(total.races), "equivocations detected": total.evidence,
		"Byzantine peers reported": int64(total.reports), "attack bursts": int64(total.attacks),
		"compact proposals filled from the mempool": total.filled, "compact proposals completed by asking": total.fetched,
		"transactions asked for": total.txsFetched,
		"rogue-key forgeries":    int64(total.forgeries), "storage faults that stopped signing": total.halts,
		"heights under a changed validator set": int64(total.setChanges),
	} {
		if n == 0 {
			t.Errorf("no %s in %d runs: the simulation no longer covers them", name, runs)
		}
	}
}
