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
// would, while alive (a simulated node may crash in the middle).
func runQueued(d *Driver, alive func() bool) {
	for alive() {
		var in input
		select {
		case in = <-d.local:
		default:
			select {
			case in = <-d.inbox:
			default:
				return
			}
		}
		d.process(in)
	}
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

// netRecorder is the transport: it keeps what the driver sends.
type netRecorder struct {
	broadcasts [][]byte
	sends      []string // "peer: message"
	names      blockNames
}

func (n *netRecorder) Broadcast(data []byte) { n.broadcasts = append(n.broadcasts, data) }

func (n *netRecorder) Send(peer string, data []byte) error {
	m := &Message{}
	if err := proto.Unmarshal(data, m); err != nil {
		return err
	}
	n.sends = append(n.sends, peer+": "+n.names.describe(m))
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
	commits       []int64                    // heights written by Commit
	beforeCommit  func(b *types.Block) error // runs first; its error is Commit's
	afterValidate func(b *types.Block)       // runs once b is found valid
	committed     chan int64                 // if set, told each height Commit writes
}

func newMemApp(vals *types.ValidatorSet) *memApp {
	return &memApp{vals: vals, blocks: []*types.Block{{Height: 0, BlockTime: 1}}, certs: [][]byte{nil}}
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
	return &types.Block{Height: head.Height + 1, ParentHash: types.BlockHash(head), BlockTime: blockTime, TxHash: []byte("built")}, nil
}

func (a *memApp) Validate(b *types.Block) error {
	a.mu.Lock()
	a.validated = append(a.validated, b.Height)
	a.mu.Unlock()
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
	t     *testing.T
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
	seen  int // broadcasts already looked at
}

var driverTestConfig = DriverConfig{
	Core: Config{ChainID: testChainID, Timeouts: coreTestTimeouts}, Tick: time.Second, TxPoll: 500 * time.Millisecond,
}

// newDriverTest returns validator self's driver on a fresh chain and a real
// WAL in a temporary directory.
func newDriverTest(t *testing.T, self int) *driverTest {
	t.Helper()
	vals := simValidators(10, 10, 10, 10)
	dt := &driverTest{t: t, vals: vals, self: self, app: newMemApp(vals), dir: t.TempDir(), last: &LastSigned{}, names: blockNames{"": "nil"}}
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

func openWAL(t *testing.T, dir string) *wal.WAL {
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

// deliver hands the driver a message from validator from, as the transport
// does, and returns the bytes it was given.
func (dt *driverTest) deliver(from int, m *Message) []byte {
	data, err := proto.Marshal(m)
	if err != nil {
		dt.t.Fatal(err)
	}
	dt.d.Receive(fmt.Sprint(from), data)
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
	agg, _ := simVerifier{}.Aggregate(sigs)
	return &types.Certificate{Height: b.Height, Round: 0, BlockHash: hash, Signers: []byte{0b1101}, AggSig: agg}
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
	if dt.d.future.msgs != 1 || len(dt.app.validated) != 0 {
		t.Fatalf("height-2 proposal at height 1: %d buffered, validated %v", dt.d.future.msgs, dt.app.validated)
	}
	// A catch-up commit decides height 1; height 2 starts with the proposal.
	dt.deliver(2, dt.commitMsg(B1))
	if h, _ := dt.app.Head(); h != 1 || !slices.Equal(dt.app.validated, []int64{1, 2}) {
		t.Fatalf("head %d, validated %v; want 1 and [1 2]", h, dt.app.validated)
	}
	if dt.d.future.msgs != 0 {
		t.Fatalf("%d messages still buffered", dt.d.future.msgs)
	}
	dt.advance(coreTestTimeouts.Commit)
	dt.expectSent("h2 prevote r0 B2 by v1")
	dt.at(2, 0, "Prevote")

	// Bounded: nothing beyond the window, and at most maxMsgs.
	if dt.d.future.maxMsgs != futureMaxMsgs || dt.d.future.maxBytes != futureMaxBytes {
		t.Fatalf("bounds %d messages, %d bytes", dt.d.future.maxMsgs, dt.d.future.maxBytes)
	}
	dt.deliver(0, dt.vote(0, 2+futureWindow+1, 0, types.Prevote, nil))
	if dt.d.future.msgs != 0 {
		t.Fatal("message beyond the window kept")
	}
	dt.d.future.maxMsgs = 8
	for r := range int32(10) {
		dt.deliver(0, dt.vote(0, 3, r, types.Prevote, nil))
	}
	if dt.d.future.msgs != 8 {
		t.Fatalf("%d messages buffered, bound 8", dt.d.future.msgs)
	}
}

func TestFutureBufferBytes(t *testing.T) {
	f := futureBuffer{maxMsgs: 10, maxBytes: 100}
	half := input{data: make([]byte, 50)}
	if !f.add(1, 2, half) || !f.add(1, 3, half) {
		t.Fatal("messages within the byte bound refused")
	}
	if f.add(1, 2, input{data: []byte{1}}) {
		t.Fatal("message beyond the byte bound kept")
	}
	if got := f.take(2); len(got) != 1 || f.bytes != 50 || f.msgs != 1 {
		t.Fatalf("take(2): %d messages, %d bytes and %d messages left", len(got), f.bytes, f.msgs)
	}
	if !f.add(2, 4, input{data: []byte{1}}) {
		t.Fatal("room made by take not reused")
	}
}

// Block sync writes blocks beside the driver: on its next input the driver
// moves to the height after the head, and handles what it buffered for it.
func TestDriverFollowsHead(t *testing.T) {
	dt := newDriverTest(t, 1)
	B1, B2, B3 := dt.block("B", 1), dt.block("B", 2), dt.block("B", 3)
	dt.deliver(0, dt.proposal(3, 0, B3))
	for _, b := range []*types.Block{B1, B2} {
		if err := dt.app.sync(b, types.EncodeCertificate(dt.cert(b))); err != nil {
			t.Fatal(err)
		}
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
			if err := dt.app.sync(b, types.EncodeCertificate(dt.cert(b))); err != nil {
				t.Fatal(err)
			}
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
		dt.app.afterValidate = func(b *types.Block) {
			if err := dt.app.sync(b, types.EncodeCertificate(dt.cert(b))); err != nil {
				t.Fatal(err)
			}
		}
		dt.deliver(2, dt.commitMsg(B1)) // decided with the head already there
		dt.at(2, 0, "NewHeight")
		if len(dt.app.commits) != 0 || strings.Contains(dt.logs.String(), "commit failed") {
			t.Fatalf("commits %v, logs %s", dt.app.commits, dt.logs)
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
		{"persist failure", `level=ERROR msg="signer state not persisted: nothing signed"`, errors.New("persist last signed: no space left on device")},
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
