package qbft

import (
	"bytes"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"chain33node/consensus/wal"
	"chain33node/types"

	"google.golang.org/protobuf/proto"
)

// The driver tests run one driver among four validators of equal power
// (validator r%4 proposes round r) by hand: a manual clock, a recording
// network, an in-memory chain (memApp) and a real consensus/wal, and step
// it as its goroutine would. The other validators' messages are signed with
// their sim keys.

// runQueued runs what d has queued, timers before messages, as its loop
// would, and the catch-up requests, as its server would, while alive (a
// simulated node may crash in the middle).
// It returns the number of inputs processed.
func runQueued(d *Driver, alive func() bool) (processed int) {
	for alive() {
		var in input
		select {
		case in = <-d.local:
		default:
			select {
			case in = <-d.inbox:
			case peer := <-d.serve.reqs:
				d.serve.serve(peer)
				continue
			default:
				return processed
			}
		}
		d.process(in)
		processed++
	}
	return processed
}

func always() bool { return true }

// manualClock fires its timers when the test advances it.
type manualClock struct {
	now    time.Time
	timers []manualTimer
}

type manualTimer struct {
	at time.Time
	f  func()
}

func (c *manualClock) Now() time.Time { return c.now }

func (c *manualClock) AfterFunc(d time.Duration, f func()) {
	c.timers = append(c.timers, manualTimer{c.now.Add(d), f})
}

// netRecorder is the transport: it keeps what the driver sends and reports.
type netRecorder struct {
	broadcasts [][]byte
	sends      []string   // "peer: message"
	sent       []*Message // the messages of sends
	names      blockNames
	validators [][]byte       // the last SetValidators
	misbehaved []Misbehaviour // reported peers
}

func (n *netRecorder) Broadcast(data []byte) { n.broadcasts = append(n.broadcasts, data) }

func (n *netRecorder) SetValidators(keys [][]byte) { n.validators = keys }

func (n *netRecorder) Misbehaved(peer string, o Offence, detail string) {
	n.misbehaved = append(n.misbehaved, Misbehaviour{peer, o, detail})
}

func (n *netRecorder) Send(peer string, data []byte) error {
	m := &Message{}
	if err := proto.Unmarshal(data, m); err != nil {
		return err
	}
	n.sends = append(n.sends, peer+": "+n.names.describe(m))
	n.sent = append(n.sent, m)
	return nil
}

// headApp is an App at a fixed head, for tests that need no more.
type headApp struct{ App }

func (headApp) Head() (int64, int64) { return 0, 0 }

// memApp is a chain in memory. sync writes a certified block beside the
// driver, as block sync does.
type memApp struct {
	mu            sync.Mutex
	vals          *types.ValidatorSet
	blocks        []*types.Block // index = height
	certs         [][]byte
	validated     []int64                    // heights of the blocks Validate was asked for
	pool          []*types.Transaction       // the mempool: Build puts all of it in its block
	commits       []int64                    // heights written by Commit
	beforeCommit  func(b *types.Block) error // runs first; its error is Commit's
	afterValidate func(b *types.Block)       // runs once b is found valid
	inValidate    func(b *types.Block)       // runs before b is checked
	committed     chan int64                 // if set, told each height Commit writes
	reads         int                        // calls of Committed
}

func newMemApp(vals *types.ValidatorSet) *memApp {
	return &memApp{vals: vals, blocks: []*types.Block{{Height: 0, BlockTime: 1}}, certs: [][]byte{nil}}
}

func (a *memApp) Txs(hashes [][]byte) []*types.Transaction {
	a.mu.Lock()
	defer a.mu.Unlock()
	out := make([]*types.Transaction, len(hashes))
	for i, h := range hashes {
		for _, tx := range a.pool {
			if bytes.Equal(types.TxFullHash(tx), h) {
				out[i] = tx
			}
		}
	}
	return out
}

func (a *memApp) Validators() (*types.ValidatorSet, error) { return a.vals.Copy(), nil }

func (a *memApp) Head() (int64, int64) {
	a.mu.Lock()
	defer a.mu.Unlock()
	b := a.blocks[len(a.blocks)-1]
	return b.Height, b.BlockTime
}

func (a *memApp) Build(blockTime int64) (*types.Block, error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	head := a.blocks[len(a.blocks)-1]
	return &types.Block{Height: head.Height + 1, ParentHash: types.BlockHash(head), BlockTime: blockTime, TxHash: []byte("built"), Txs: a.pool}, nil
}

func (a *memApp) Validate(b *types.Block) error {
	a.mu.Lock()
	a.validated = append(a.validated, b.Height)
	a.mu.Unlock()
	if a.inValidate != nil {
		a.inValidate(b)
	}
	if err := a.check(b); err != nil {
		return err
	}
	if a.afterValidate != nil {
		a.afterValidate(b)
	}
	return nil
}

func (a *memApp) check(b *types.Block) error {
	a.mu.Lock()
	defer a.mu.Unlock()
	head := a.blocks[len(a.blocks)-1]
	if b.Height != head.Height+1 || !bytes.Equal(b.ParentHash, types.BlockHash(head)) {
		return fmt.Errorf("block %d not on head %d", b.Height, head.Height)
	}
	return nil
}

func (a *memApp) Commit(b *types.Block, cert []byte) error {
	if a.beforeCommit != nil {
		if err := a.beforeCommit(b); err != nil {
			return err
		}
	}
	if err := a.sync(b, cert); err != nil {
		return err
	}
	a.mu.Lock()
	a.commits = append(a.commits, b.Height)
	a.mu.Unlock()
	if a.committed != nil {
		a.committed <- b.Height
	}
	return nil
}

func (a *memApp) sync(b *types.Block, cert []byte) error {
	if err := a.check(b); err != nil {
		return err
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	a.blocks = append(a.blocks, b)
	a.certs = append(a.certs, cert)
	return nil
}

func (a *memApp) Committed(h int64) (*types.Block, []byte, error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.reads++
	if h < 1 || h >= int64(len(a.blocks)) {
		return nil, nil, fmt.Errorf("no block %d", h)
	}
	return a.blocks[h], a.certs[h], nil
}

func (a *memApp) TxsAvailable() bool { return true }

// spyWAL records the body slices the driver appends.
type spyWAL struct {
	WAL
	bodies [][]byte
}

func (w *spyWAL) Append(h int64, kind byte, body []byte, sync bool) error {
	w.bodies = append(w.bodies, body)
	return w.WAL.Append(h, kind, body, sync)
}

type driverTest struct {
	t     testing.TB
	vals  *types.ValidatorSet
	self  int
	app   *memApp
	clock *manualClock
	net   *netRecorder
	dir   string // of the WAL
	wal   WAL
	last  *LastSigned
	logs  *bytes.Buffer
	d     *Driver
	names blockNames
	seen  int                 // broadcasts already looked at
	tune  func(*DriverConfig) // changes the drivers' configuration, if set
}

var driverTestConfig = DriverConfig{
	Core: Config{ChainID: testChainID, Timeouts: coreTestTimeouts}, Tick: time.Second, TxPoll: 500 * time.Millisecond,
}

// newDriverTest returns validator self's driver on a fresh chain and a real
// WAL in a temporary directory.
func newDriverTest(t testing.TB, self int) *driverTest {
	t.Helper()
	return newDriverTestIn(t, self, t.TempDir(), nil)
}

// newDriverTestIn is newDriverTest with the WAL in dir and the drivers'
// configuration changed by tune.
func newDriverTestIn(t testing.TB, self int, dir string, tune func(*DriverConfig)) *driverTest {
	t.Helper()
	vals := simValidators(10, 10, 10, 10)
	dt := &driverTest{t: t, vals: vals, self: self, app: newMemApp(vals), dir: dir, last: &LastSigned{}, names: blockNames{"": "nil"}, tune: tune}
	dt.wal = openWAL(t, dt.dir)
	dt.boot(dt.signer())
	return dt
}

func (dt *driverTest) signer() Signer {
	return simSigner{pub: dt.vals.Validators[dt.self].PubKey, last: dt.last}
}

// restart is a crash and restart: a new driver on the same chain, WAL
// directory and signer state.
func (dt *driverTest) restart() {
	dt.t.Helper()
	if err := dt.wal.(*wal.WAL).Close(); err != nil {
		dt.t.Fatal(err)
	}
	dt.wal = openWAL(dt.t, dt.dir)
	dt.boot(dt.signer())
}

func openWAL(t testing.TB, dir string) *wal.WAL {
	t.Helper()
	w, err := wal.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { w.Close() })
	return w
}

// boot makes a driver on dt's chain and WAL and starts it, with a new
// clock, network and log.
func (dt *driverTest) boot(signer Signer) {
	dt.t.Helper()
	dt.clock = &manualClock{now: time.Unix(1_700_000_000, 0)}
	dt.net = &netRecorder{names: dt.names}
	dt.logs = &bytes.Buffer{}
	cfg := driverTestConfig
	cfg.Clock = dt.clock
	cfg.Logger = slog.New(slog.NewTextHandler(dt.logs, &slog.HandlerOptions{Level: slog.LevelInfo}))
	if dt.tune != nil {
		dt.tune(&cfg)
	}
	dt.d = NewDriver(cfg, dt.app, signer, simVerifier{}, dt.wal, dt.net)
	dt.seen = 0
	if err := dt.d.start(); err != nil {
		dt.t.Fatal(err)
	}
	dt.advance(0)
}

// advance moves the clock on by d, firing the timers that fall due.
func (dt *driverTest) advance(d time.Duration) {
	c := dt.clock
	until := c.now.Add(d)
	for {
		runQueued(dt.d, always)
		i := -1
		for j, tm := range c.timers {
			if !tm.at.After(until) && (i < 0 || tm.at.Before(c.timers[i].at)) {
				i = j
			}
		}
		if i < 0 {
			c.now = until
			return
		}
		tm := c.timers[i]
		c.timers = slices.Delete(c.timers, i, i+1)
		c.now = tm.at
		tm.f()
	}
}

// deliver hands the driver a message from validator from (peer "from",
// with its key), as the transport does, and returns the bytes it was given.
func (dt *driverTest) deliver(from int, m *Message) []byte {
	return dt.deliverAs(fmt.Sprint(from), dt.vals.Validators[from].PubKey, m)
}

// deliverAs hands the driver a message from any peer with any proved key.
func (dt *driverTest) deliverAs(peer string, key []byte, m *Message) []byte {
	data, err := proto.Marshal(m)
	if err != nil {
		dt.t.Fatal(err)
	}
	dt.d.Receive(peer, key, data)
	runQueued(dt.d, always)
	return data
}

// block is the block of height h on the chain whose blocks are named
// name+height: its parent is that chain's block below (genesis for h=1).
func (dt *driverTest) block(name string, h int64) *types.Block {
	parent := types.BlockHash(dt.app.blocks[0])
	if h > 1 {
		parent = types.BlockHash(dt.block(name, h-1))
	}
	b := &types.Block{Height: h, ParentHash: parent, BlockTime: h + 1, TxHash: []byte(name)}
	dt.names[string(types.BlockHash(b))] = fmt.Sprintf("%s%d", name, h)
	return b
}

func (dt *driverTest) proposal(h int64, r int32, b *types.Block) *Message {
	i := int(r % 4)
	sig := simSig(dt.vals.Validators[i].PubKey, types.ProposalSignBytes(testChainID, h, r, -1, types.BlockHash(b)))
	return &Message{Msg: &Message_Proposal{Proposal: &Proposal{Height: h, Round: r, PolRound: -1, Block: b, ProposerIndex: int32(i), Signature: sig}}}
}

func (dt *driverTest) vote(i int, h int64, r int32, typ uint32, b *types.Block) *Message {
	return &Message{Msg: &Message_Vote{Vote: simVote(dt.vals, i, h, r, typ, hashOfBlock(b))}}
}

// cert is a certificate of b (round 0) by validators 0, 2 and 3.
func (dt *driverTest) cert(b *types.Block) *types.Certificate {
	hash := types.BlockHash(b)
	var sigs [][]byte
	for _, i := range []int{0, 2, 3} {
		sigs = append(sigs, simSig(dt.vals.Validators[i].PubKey, types.VoteSignBytes(testChainID, b.Height, 0, types.Precommit, hash)))
	}
	c, err := types.NewCertificate(simVerifier{}, dt.vals, testChainID, b.Height, 0, hash, []byte{0b1101}, sigs)
	if err != nil {
		dt.t.Fatal(err)
	}
	return c
}

// syncBlock writes b with a certificate beside the driver, as block sync does.
func (dt *driverTest) syncBlock(b *types.Block) {
	dt.t.Helper()
	if err := dt.app.sync(b, types.EncodeCertificate(dt.cert(b))); err != nil {
		dt.t.Fatal(err)
	}
}

func (dt *driverTest) commitMsg(b *types.Block) *Message {
	return &Message{Msg: &Message_Commit{Commit: &Commit{Block: b, Cert: dt.cert(b)}}}
}

// sent describes the proposals and votes broadcast since the last call.
func (dt *driverTest) sent() []string {
	dt.t.Helper()
	var out []string
	for _, data := range dt.net.broadcasts[dt.seen:] {
		m := &Message{}
		if err := proto.Unmarshal(data, m); err != nil {
			dt.t.Fatal(err)
		}
		if m.GetStatus() == nil {
			out = append(out, fmt.Sprintf("h%d %s", msgHeightOf(m), dt.names.describe(m)))
		}
	}
	dt.seen = len(dt.net.broadcasts)
	return out
}

func (dt *driverTest) expectSent(want ...string) {
	dt.t.Helper()
	if got := dt.sent(); !slices.Equal(got, want) {
		dt.t.Fatalf("driver sent\n\t%s\nwant\n\t%s", strings.Join(got, "\n\t"), strings.Join(want, "\n\t"))
	}
}

func (dt *driverTest) at(h int64, r int32, s string) {
	dt.t.Helper()
	if gh, gr, gs := dt.d.Status(); gh != h || gr != r || gs != s {
		dt.t.Fatalf("driver at h%d r%d %s, want h%d r%d %s", gh, gr, gs, h, r, s)
	}
}

// Messages for later heights wait in the future buffer and are handled when
// the driver gets there; the buffer is bounded.
func TestDriverFutureHeights(t *testing.T) {
	dt := newDriverTest(t, 1)
	B1, B2 := dt.block("B", 1), dt.block("B", 2)
	dt.deliver(0, dt.proposal(2, 0, B2))
	if dt.d.future.held() != 1 || len(dt.app.validated) != 0 {
		t.Fatalf("height-2 proposal at height 1: %d buffered, validated %v", dt.d.future.held(), dt.app.validated)
	}
	// A catch-up commit decides height 1; height 2 starts with the proposal.
	dt.deliver(2, dt.commitMsg(B1))
	if h, _ := dt.app.Head(); h != 1 || !slices.Equal(dt.app.validated, []int64{1, 2}) {
		t.Fatalf("head %d, validated %v; want 1 and [1 2]", h, dt.app.validated)
	}
	if dt.d.future.held() != 0 {
		t.Fatalf("%d messages still buffered", dt.d.future.held())
	}
	dt.advance(coreTestTimeouts.Commit)
	dt.expectSent("h2 prevote r0 B2 by v1")
	dt.at(2, 0, "Prevote")

	// Nothing beyond the window of heights.
	dt.deliver(0, dt.vote(0, 2+dt.d.future.lim.Heights+1, 0, types.Prevote, nil))
	if dt.d.future.held() != 0 || dt.d.Stats().FutureDropped != 1 {
		t.Fatalf("message beyond the window: %d kept, %d dropped", dt.d.future.held(), dt.d.Stats().FutureDropped)
	}
}

// The future buffer is bounded in bytes per peer and in all: a peer over its
// budget loses its farthest messages (the new one if it is the farthest);
// over the total, the peer holding the most loses its farthest.
func TestFutureBufferBounds(t *testing.T) {
	msg := func(peer string, size int) input { return input{from: peer, data: make([]byte, size)} }
	const unit = 1000 - futureOverhead // costs 1000
	f := newFutureBuffer(FutureLimits{Heights: 10, PeerBytes: 3000, TotalBytes: 5000})
	for h := int64(2); h <= 4; h++ {
		if !f.add(1, h, msg("a", unit)) {
			t.Fatalf("height %d within a's budget refused", h)
		}
	}
	if f.add(1, 5, msg("a", unit)) {
		t.Fatal("a's farthest message kept over its budget")
	}
	if !f.add(1, 2, msg("a", unit)) || f.held() != 3 || len(f.peers["a"].msgs[4]) != 0 {
		t.Fatalf("a nearer message did not push out a's farthest (height 4): %d held", f.held())
	}
	if f.add(1, 12, msg("b", 1)) || f.add(1, 2, msg("b", 4000)) {
		t.Fatal("beyond the window of heights, or larger than a peer's budget, kept")
	}
	for h := int64(2); h <= 3; h++ {
		if !f.add(1, h, msg("b", unit)) {
			t.Fatalf("b's height %d refused", h)
		}
	}
	// Full (5000): c's message pushes out the farthest of a, who holds most.
	if !f.add(1, 2, msg("c", unit)) || len(f.peers["a"].msgs[3]) != 0 || f.bytes != 5000 {
		t.Fatalf("total bound: a holds %v, %d bytes in all", f.peers["a"].heights, f.bytes)
	}
	if f.droppedCount() != 5 {
		t.Fatalf("%d dropped, want 5", f.droppedCount())
	}
	got := f.take(2)
	if len(got) != 4 || got[0].from != "a" || got[3].from != "c" || f.held() != 1 || f.bytes != 1000 {
		t.Fatalf("take(2): %d messages, %d left, %d bytes", len(got), f.held(), f.bytes)
	}
	if f.take(3); f.held() != 0 || len(f.peers) != 0 || f.bytes != 0 {
		t.Fatalf("after take(3): %d held by %d peers", f.held(), len(f.peers))
	}
}

// Block sync writes blocks beside the driver: on its next input the driver
// moves to the height after the head, and handles what it buffered for it.
func TestDriverFollowsHead(t *testing.T) {
	dt := newDriverTest(t, 1)
	B1, B2, B3 := dt.block("B", 1), dt.block("B", 2), dt.block("B", 3)
	dt.deliver(0, dt.proposal(3, 0, B3))
	for _, b := range []*types.Block{B1, B2} {
		dt.syncBlock(b)
	}
	dt.advance(driverTestConfig.TxPoll) // the poll is the next input
	if !slices.Equal(dt.app.validated, []int64{3}) {
		t.Fatalf("validated %v, want the buffered height-3 block", dt.app.validated)
	}
	dt.expectSent("h3 prevote r0 B3 by v1")
	dt.at(3, 0, "Prevote")
	// Height 1 is over: its messages change nothing and are not logged.
	before, _ := dt.wal.Records(1)
	dt.deliver(0, dt.proposal(1, 0, B1))
	if after, _ := dt.wal.Records(1); len(after) != len(before) || strings.Contains(dt.logs.String(), "WAL write failed") {
		t.Fatalf("%d records logged at height 1, then %d; logs %s", len(before), len(after), dt.logs)
	}
	dt.expectSent()
}

// Consensus decides a height that block sync is writing at the same time:
// the driver goes on from the head and reports no failure.
func TestDriverCommitRacesSync(t *testing.T) {
	t.Run("sync writes the height just before Commit", func(t *testing.T) {
		dt := newDriverTest(t, 1)
		B1 := dt.block("B", 1)
		dt.app.beforeCommit = func(b *types.Block) error {
			dt.syncBlock(b)
			return errors.New("block 1 already committed")
		}
		dt.deliver(2, dt.commitMsg(B1))
		dt.at(2, 0, "NewHeight")
		if len(dt.app.commits) != 0 || dt.d.Stats().Heights != 1 || strings.Contains(dt.logs.String(), "commit failed") {
			t.Fatalf("commits %v, stats %+v, logs %s", dt.app.commits, dt.d.Stats(), dt.logs)
		}
	})
	t.Run("sync writes the height just after the driver validated it", func(t *testing.T) {
		dt := newDriverTest(t, 1)
		B1 := dt.block("B", 1)
		dt.app.afterValidate = dt.syncBlock
		dt.deliver(2, dt.commitMsg(B1)) // decided with the head already there
		dt.at(2, 0, "NewHeight")
		if len(dt.app.commits) != 0 || strings.Contains(dt.logs.String(), "commit failed") {
			t.Fatalf("commits %v, logs %s", dt.app.commits, dt.logs)
		}
	})
	t.Run("sync writes the height while the driver validates its proposal", func(t *testing.T) {
		dt := newDriverTest(t, 1)
		B1 := dt.block("B", 1)
		dt.app.inValidate = dt.syncBlock
		dt.deliver(0, dt.proposal(1, 0, B1)) // found invalid: the head has passed it
		if !slices.Equal(dt.app.validated, []int64{1}) {
			t.Fatalf("validated %v", dt.app.validated)
		}
		dt.at(2, 0, "NewHeight")
		for _, l := range strings.Split(dt.logs.String(), "\n") {
			if strings.Contains(l, "proposed block rejected") && !strings.Contains(l, "DEBUG") {
				t.Fatalf("a proposal passed by block sync is reported: %s", l)
			}
		}
	})
	t.Run("a local commit failure is retried until the commit succeeds", func(t *testing.T) {
		dt := newDriverTest(t, 1)
		fails := 3
		dt.app.beforeCommit = func(*types.Block) error {
			if fails == 0 {
				return nil
			}
			fails--
			return errors.New("no space left on device")
		}
		dt.deliver(2, dt.commitMsg(dt.block("B", 1)))
		dt.at(1, 0, "Commit")
		if !strings.Contains(dt.logs.String(), "commit failed, retrying") {
			t.Fatalf("logs %s", dt.logs)
		}
		dt.advance(commitRetryMin + 2*commitRetryMin) // the second and third attempts
		dt.at(1, 0, "Commit")
		dt.advance(4 * commitRetryMin)
		dt.at(2, 0, "NewHeight")
		if !slices.Equal(dt.app.commits, []int64{1}) || !strings.Contains(dt.logs.String(), "commit succeeded") {
			t.Fatalf("commits %v, logs %s", dt.app.commits, dt.logs)
		}
	})
}

// A restarted driver replays the WAL of its height and is locked again:
// it prevotes nil for another block, as it would have without the crash.
func TestDriverWALReplayRestoresLock(t *testing.T) {
	dt := newDriverTest(t, 3)
	B, C := dt.block("B", 1), dt.block("C", 1)
	dt.deliver(0, dt.proposal(1, 0, B))
	dt.deliver(0, dt.vote(0, 1, 0, types.Prevote, B))
	dt.deliver(1, dt.vote(1, 1, 0, types.Prevote, B))
	dt.expectSent("h1 prevote r0 B1 by v3", "h1 precommit r0 B1 by v3")
	dt.deliver(0, dt.vote(0, 1, 0, types.Precommit, nil))
	dt.deliver(1, dt.vote(1, 1, 0, types.Precommit, nil))
	dt.advance(coreTestTimeouts.Precommit)
	dt.at(1, 1, "Propose")

	dt.restart()
	dt.at(1, 1, "Propose")
	if c := dt.d.core; c.lockedRound != 0 || !bytes.Equal(c.lockedHash, types.BlockHash(B)) {
		t.Fatalf("after replay locked on %s in r%d, want B1 in r0", dt.names.name(c.lockedHash), c.lockedRound)
	}
	dt.sent() // what the restart sends again
	dt.deliver(1, dt.proposal(1, 1, C))
	dt.expectSent("h1 prevote r1 nil by v3")
}

// Own messages are marshalled once: the bytes in the WAL are the bytes
// sent. Received messages are logged as they were received.
func TestDriverLogsTheBytesItSendsAndReceives(t *testing.T) {
	dt := newDriverTest(t, 1)
	spy := &spyWAL{WAL: dt.wal}
	dt.wal = spy
	dt.boot(dt.signer())
	B := dt.block("B", 1)
	received := dt.deliver(0, dt.proposal(1, 0, B))
	dt.expectSent("h1 prevote r0 B1 by v1")
	sent := dt.net.broadcasts[len(dt.net.broadcasts)-1]
	var sameReceived, sameSent bool
	for _, b := range spy.bodies {
		sameReceived = sameReceived || &b[0] == &received[0]
		sameSent = sameSent || &b[0] == &sent[0]
	}
	if !sameReceived || !sameSent {
		t.Fatalf("WAL got the received bytes: %v, the sent bytes: %v", sameReceived, sameSent)
	}
}

// errSigner fails every signature with err.
type errSigner struct {
	Signer
	err error
}

func (s errSigner) Sign(int64, int32, uint8, []byte) ([]byte, error) { return nil, s.err }

// A refusal by the double-sign guard and a failure to persist the guard are
// told apart; in both cases nothing is sent.
func TestDriverSignerErrors(t *testing.T) {
	for _, tc := range []struct {
		name, log string
		err       error
	}{
		{"double sign", `level=INFO msg="double-sign guard refused a signature"`, fmt.Errorf("%w: test", ErrDoubleSign)},
		{"persist failure", `level=ERROR msg="consensus signer cannot write: nothing is signed or sent until it can"`, errors.New("persist last signed: no space left on device")},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dt := newDriverTest(t, 1)
			dt.boot(errSigner{dt.signer(), tc.err})
			dt.deliver(0, dt.proposal(1, 0, dt.block("B", 1)))
			dt.expectSent()
			dt.at(1, 0, "Prevote")
			if !strings.Contains(dt.logs.String(), tc.log) {
				t.Fatalf("log lacks %s:\n%s", tc.log, dt.logs)
			}
		})
	}
}

// Equivocation evidence from the core is counted, logged and kept for queries.
func TestDriverKeepsEvidence(t *testing.T) {
	dt := newDriverTest(t, 1)
	B := dt.block("B", 1)
	dt.deliver(2, dt.vote(2, 1, 0, types.Prevote, B))
	dt.deliver(2, dt.vote(2, 1, 0, types.Prevote, nil))
	got := dt.d.Evidence()
	if len(got) != 1 || got[0].Height != 1 || got[0].Type != types.Prevote || !bytes.Equal(got[0].Validator, dt.vals.Validators[2].Address) {
		t.Fatalf("evidence %v", got)
	}
	if dt.d.Stats().Equivocations != 1 || !strings.Contains(dt.logs.String(), "validator equivocated") {
		t.Fatalf("stats %+v, logs %s", dt.d.Stats(), dt.logs)
	}
}

func TestDriverStopBeforeStart(t *testing.T) {
	vals := simValidators(10)
	d := NewDriver(driverTestConfig, newMemApp(vals), nil, simVerifier{}, openWAL(t, t.TempDir()), nil)
	d.Stop()
	d.Stop()
	if err := d.Start(); err != nil { // a stopped driver's loop returns at once
		t.Fatal(err)
	}
	d.Stop()
}

// Start runs the loop on its own goroutine with the system clock: a single
// validator commits on its own, and Stop ends it.
func TestDriverRuns(t *testing.T) {
	vals := simValidators(10)
	app := newMemApp(vals)
	app.committed = make(chan int64)
	cfg := driverTestConfig
	cfg.Core.SkipTimeoutCommit = true
	cfg.Logger = slog.New(slog.DiscardHandler)
	d := NewDriver(cfg, app, simSigner{pub: vals.Validators[0].PubKey, last: &LastSigned{}}, simVerifier{}, openWAL(t, t.TempDir()), &netRecorder{})
	if err := d.Start(); err != nil {
		t.Fatal(err)
	}
	for want := int64(1); want <= 3; want++ {
		if h := <-app.committed; h != want {
			t.Fatalf("committed %d, want %d", h, want)
		}
	}
	go func() {
		for range app.committed { // commits after the third, until Stop returns
		}
	}()
	d.Stop()
	close(app.committed)
	if h, _, _ := d.Status(); h < 4 {
		t.Fatalf("status height %d after 3 commits", h)
	}
}

// opsWAL and opsSigner note, in one list, the WAL's appends and syncs and
// the signatures given.
type opsWAL struct {
	WAL
	ops *[]string
}

func (w opsWAL) Append(h int64, kind byte, body []byte, sync bool) error {
	*w.ops = append(*w.ops, map[bool]string{false: "append", true: "append+sync"}[sync])
	return w.WAL.Append(h, kind, body, sync)
}

func (w opsWAL) Sync() error {
	*w.ops = append(*w.ops, "sync")
	return w.WAL.Sync()
}

type opsSigner struct {
	Signer
	ops *[]string
}

func (s opsSigner) Sign(h int64, r int32, st uint8, msg []byte) ([]byte, error) {
	*s.ops = append(*s.ops, "sign")
	return s.Signer.Sign(h, r, st, msg)
}

// What made the core sign (a proposal, a quorum of prevotes) is durable
// before the signer is asked: a crash between the two would otherwise
// restart a node that decides otherwise, and its guard would refuse that
// vote for the rest of the round.
func TestDriverSyncsCausesBeforeSigning(t *testing.T) {
	dt := newDriverTest(t, 3)
	var ops []string
	dt.wal = opsWAL{dt.wal, &ops}
	dt.boot(opsSigner{dt.signer(), &ops})
	B := dt.block("B", 1)
	dt.deliver(0, dt.proposal(1, 0, B))
	dt.deliver(0, dt.vote(0, 1, 0, types.Prevote, B))
	dt.deliver(1, dt.vote(1, 1, 0, types.Prevote, B))
	dt.expectSent("h1 prevote r0 B1 by v3", "h1 precommit r0 B1 by v3")
	signs, unsynced := 0, false
	for _, op := range ops {
		switch op {
		case "append":
			unsynced = true
		case "sync", "append+sync":
			unsynced = false
		case "sign":
			signs++
			if unsynced {
				t.Fatalf("signed with records not synced: %v", ops)
			}
		}
	}
	if signs != 2 {
		t.Fatalf("%d signatures, want 2: %v", signs, ops)
	}
}

// An observer (its key is not among the height's validators) signs nothing, so it logs nothing: neither the
// timeouts of the heights it passes nor the validators' messages it counts. It still decides with them. A
// validator in the same height logs both (the control).
func TestDriverObserverLogsNothing(t *testing.T) {
	for _, observer := range []bool{false, true} {
		dt := newDriverTest(t, 1)
		if observer {
			if err := dt.wal.(*wal.WAL).Close(); err != nil {
				t.Fatal(err)
			}
			dt.wal = openWAL(t, t.TempDir())
			dt.boot(nil)
		}
		B1 := dt.block("B", 1)
		dt.advance(coreTestTimeouts.Propose) // the height's first timeouts fire
		dt.deliver(0, dt.proposal(1, 0, B1))
		for _, typ := range []uint32{types.Prevote, types.Precommit} {
			for _, i := range []int{0, 2, 3} {
				dt.deliver(i, dt.vote(i, 1, 0, typ, B1))
			}
		}
		if h, _ := dt.app.Head(); h != 1 {
			t.Fatalf("observer %v: head %d, want 1", observer, h)
		}
		recs, err := dt.wal.Records(1)
		if err != nil {
			t.Fatal(err)
		}
		if observer != (len(recs) == 0) {
			t.Fatalf("observer %v: %d WAL records at height 1", observer, len(recs))
		}
	}
}

// A validator that block sync carries past heights writes no WAL record at them: they see only their first
// timeout (NewHeight), which is held until the height's next record (else a WAL segment, and a sync of the
// store, at every height passed). At the height it takes part in, the held timeout is written before the first
// record, and a restart replays them.
func TestDriverCatchingUpLogsNothing(t *testing.T) {
	dt := newDriverTest(t, 1)
	const behind = 5
	for h := int64(1); h <= behind; h++ {
		dt.syncBlock(dt.block("B", h))
		dt.advance(2 * time.Second) // the driver follows the head, and the next height's first timeout fires
	}
	dt.at(behind+1, 0, "Propose")
	for h := int64(1); h <= behind+1; h++ {
		if recs, err := dt.wal.Records(h); err != nil || len(recs) > 0 {
			t.Fatalf("height %d: %d WAL records (err %v), want none", h, len(recs), err)
		}
	}
	dt.deliver(0, dt.proposal(behind+1, 0, dt.block("B", behind+1)))
	dt.expectSent("h6 prevote r0 B6 by v1")
	recs, err := dt.wal.Records(behind + 1)
	if err != nil || len(recs) < 3 || recs[0][0] != walTimeout || recs[len(recs)-1][0] != walMessage {
		t.Fatalf("records at height %d: %q (err %v), want the held timeout, then the proposal and our prevote", behind+1, recs, err)
	}
	dt.restart()
	dt.at(behind+1, 0, "Prevote")
}

// BenchmarkDriverCatchUp is a validator that block sync carries past heights, each of which sees its first
// timeout, with a real WAL in a temporary directory (without the sync of the store that starting a WAL
// segment waits for in a node).
func BenchmarkDriverCatchUp(b *testing.B) {
	dt := newDriverTest(b, 1)
	blocks := make([]*types.Block, b.N)
	prev := dt.app.blocks[0]
	for i := range blocks {
		h := int64(i + 1)
		blocks[i] = &types.Block{Height: h, ParentHash: types.BlockHash(prev), BlockTime: h + 1, TxHash: []byte("B")}
		prev = blocks[i]
	}
	b.ResetTimer()
	for _, blk := range blocks {
		dt.syncBlock(blk)
		dt.advance(2 * time.Second) // the driver follows the head, and the next height's first timeout fires
	}
}

// A node that block sync carries up to a chain far ahead announces no status: the answer, catch-up commits from
// every peer ahead, would download again what block sync downloads. Once block sync is done (near the tip), the
// status goes out again, and catch-up serves the last heights.
func TestDriverQuietWhileBlockSyncCarries(t *testing.T) {
	carrying := true
	dt := newDriverTestIn(t, 1, t.TempDir(), func(c *DriverConfig) { c.BlockSync = func() bool { return carrying } })
	statuses := func() (n int) {
		for _, data := range dt.net.broadcasts {
			m := &Message{}
			if err := proto.Unmarshal(data, m); err != nil {
				t.Fatal(err)
			}
			if m.GetStatus() != nil {
				n++
			}
		}
		dt.net.broadcasts = nil
		return n
	}
	for h := int64(1); h <= 5; h++ {
		dt.syncBlock(dt.block("B", h))
		dt.advance(2 * time.Second) // the driver follows the head, and ticks
	}
	if n := statuses(); n != 0 {
		t.Fatalf("%d statuses broadcast while block sync carried the node", n)
	}
	carrying = false
	dt.advance(driverTestConfig.Tick)
	if n := statuses(); n == 0 {
		t.Fatal("no status once block sync was done")
	}
}

// A height whose proposal took longer than slowHeight to be decided and
// written is logged at info level with its phases; one that only waited
// long for its proposal is not.
func TestDriverLogsSlowHeight(t *testing.T) {
	slowLines := func(dt *driverTest) (lines []string) {
		for _, l := range strings.Split(dt.logs.String(), "\n") {
			if strings.Contains(l, "slow height") {
				lines = append(lines, l)
			}
		}
		return lines
	}
	commit := func(dt *driverTest, B1 *types.Block) {
		dt.deliver(0, dt.proposal(1, 0, B1))
		for _, i := range []int{0, 2, 3} {
			dt.deliver(i, dt.vote(i, 1, 0, types.Prevote, B1))
		}
		for _, i := range []int{0, 2, 3} {
			dt.deliver(i, dt.vote(i, 1, 0, types.Precommit, B1))
		}
		dt.at(2, 0, "NewHeight")
	}
	t.Run("slow validation and commit", func(t *testing.T) {
		dt := newDriverTest(t, 1)
		dt.app.inValidate = func(*types.Block) { dt.clock.now = dt.clock.now.Add(1500 * time.Millisecond) }
		dt.app.beforeCommit = func(*types.Block) error {
			dt.clock.now = dt.clock.now.Add(700 * time.Millisecond)
			return nil
		}
		dt.advance(200 * time.Millisecond)
		commit(dt, dt.block("B", 1))
		slow := slowLines(dt)
		if len(slow) != 1 || !strings.Contains(slow[0], "level=INFO") {
			t.Fatalf("slow height lines %q, logs %s", slow, dt.logs)
		}
		for _, w := range []string{"height=1 ", "round=0 ", "took=2.4s ", "proposal_at=200ms ", "validate=1.5s ", "decided_at=1.7s ", "commit=700ms "} {
			if !strings.Contains(slow[0], w) {
				t.Errorf("slow height line lacks %q: %s", w, slow[0])
			}
		}
	})
	t.Run("a long wait for the proposal", func(t *testing.T) {
		dt := newDriverTest(t, 1)
		dt.advance(2500 * time.Millisecond) // within the propose timeout
		commit(dt, dt.block("B", 1))
		if dt.d.Stats().Heights != 1 || len(slowLines(dt)) != 0 {
			t.Fatalf("heights %d, logs %s", dt.d.Stats().Heights, dt.logs)
		}
	})
}
