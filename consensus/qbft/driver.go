package qbft

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"sync/atomic"
	"time"

	"chain33node/types"

	"google.golang.org/protobuf/proto"
)

// App is what consensus needs from the chain and the mempool.
type App interface {
	// Validators returns the set that validates the block after the head.
	Validators() (*types.ValidatorSet, error)
	// Head returns the height of the last committed block.
	Head() (height, blockTime int64)
	// Build cuts transactions from the mempool and executes a block on the head.
	Build(blockTime int64) (*types.Block, error)
	// Validate executes b on the head and checks it (the result is kept for Commit).
	Validate(b *types.Block) error
	// Commit writes a decided block with its certificate; a block already written is no error. The
	// block was validated, so an error is a local failure: the driver retries until Commit succeeds.
	Commit(b *types.Block, cert []byte) error
	// Committed returns a committed block and its certificate. It is called
	// from the catch-up server's goroutine, beside the driver's.
	Committed(height int64) (*types.Block, []byte, error)
	// TxsAvailable reports whether the mempool holds transactions.
	TxsAvailable() bool
	// Txs returns the transactions with these full hashes that the mempool
	// holds, in order, nil for each it does not (compact proposals).
	Txs(fullHashes [][]byte) []*types.Transaction
}

// Transport moves encoded messages to other consensus nodes
// (consensus/transport in production, a simulated network in tests).
type Transport interface {
	// Broadcast sends data to every peer; data is not modified afterwards.
	Broadcast(data []byte)
	// Send sends data to one peer; data is not modified afterwards.
	Send(peer string, data []byte) error
	// SetValidators names the keys that may send votes and proposals now:
	// those of the validators of the current height and of the height
	// before (peers still finishing it).
	SetValidators(keys [][]byte)
	// Misbehaved reports a peer that sent what no honest node sends; the
	// transport cuts it off for a while.
	Misbehaved(peer string, o Offence, detail string)
}

// WAL is the consensus write-ahead log (consensus/wal in production): per
// height, records of a kind byte and a body.
type WAL interface {
	// Append appends kind‖body to height's log. With sync the record, and
	// every one before it, is durable when Append returns.
	Append(height int64, kind byte, body []byte, sync bool) error
	// Sync makes every record appended so far durable.
	Sync() error
	// Records returns height's records (kind‖body) in append order.
	Records(height int64) ([][]byte, error)
	// Prune drops the logs of the heights below below.
	Prune(below int64) error
	// Recover makes the log writable again after a failed Append, if a
	// synced write to its directory succeeds now; records synced before the
	// failure are kept.
	Recover() error
}

// FaultReporter is told when a part cannot write ("wal", "signer") and
// when it can again (node passes its *health.Faults).
type FaultReporter interface {
	Set(component string, err error)
	Clear(component string)
}

// Clock is the driver's time: SystemClock in production, virtual time in
// the simulation.
type Clock interface {
	Now() time.Time
	// AfterFunc calls f once, after d, on a goroutine of the clock's choosing.
	AfterFunc(d time.Duration, f func())
}

// SystemClock is the real clock.
type SystemClock struct{}

// Now is time.Now.
func (SystemClock) Now() time.Time { return time.Now() }

// AfterFunc is time.AfterFunc.
func (SystemClock) AfterFunc(d time.Duration, f func()) { time.AfterFunc(d, f) }

// DriverConfig configures a driver.
type DriverConfig struct {
	Core    Config
	TxPoll  time.Duration // timeoutTxAvail: how often the mempool is checked
	Tick    time.Duration // status broadcast period; default 1 s
	Inbox   int           // received messages queued for the loop (more are dropped); default 8192
	Clock   Clock         // default SystemClock
	Logger  *slog.Logger
	Faults  FaultReporter // told of WAL and signer write failures; may be nil
	Serve   ServeLimits   // what peers may ask of us; zero fields = defaults
	Future  FutureLimits  // messages of later heights kept; zero fields = defaults
	ProbeIn time.Duration // how often a part that cannot write is tried again; default 1 s
	// BlockSync reports whether block sync is carrying the node up to a chain far ahead (nil: never).
	// Meanwhile the node announces no status: the answer, catch-up commits from every peer ahead, would
	// download, decode and validate again what block sync does, and cost those peers the reading and
	// sending. A follower synced a chain of 3,033 blocks of 78 transfers in 11.8-13.6 s without the
	// statuses, 14.4-16.2 s with them; before, catch-up answers took half the CPU of the validator
	// serving the sync (more than block sync's ranges did).
	BlockSync func() bool
}

// Driver runs a core: timers, WAL, signer, transport and application calls,
// one input at a time. Production runs the inputs on the driver's goroutine
// (Start); the simulation feeds them to process on its virtual timeline.
// Catch-up requests are served apart (catchup.go), so that no peer can keep
// the loop reading blocks.
type Driver struct {
	cfg    DriverConfig
	core   *Core
	app    App
	signer Signer
	wal    WAL
	trans  Transport
	clock  Clock
	log    *slog.Logger
	inbox  chan input // messages from peers; dropped when full
	local  chan input // timeouts, ticks and polls; never dropped (a full queue holds up their timers)
	stop   chan struct{}
	done   chan struct{}

	future  futureBuffer
	serve   *server
	roles   atomic.Pointer[roles]
	dropped atomic.Int64
	running atomic.Bool

	decided     *Decision // decided, not yet written (a local failure): retried
	commitFails int       // failed attempts to write decided
	retrying    bool      // a retry is scheduled
	prevVals    *types.ValidatorSet
	halt        failStop
	ownBytes    map[any][]byte             // own proposals and votes signed and logged, to send as logged
	pending     map[int32]*pendingProposal // compact proposals of this height whose transactions are fetched
	walUnsynced bool                       // records were appended since the last sync
	walHeld     []byte                     // a NewHeight timeout of height walHeldAt, not yet written (logTimeout)
	walHeldAt   int64

	mu       sync.Mutex // guards the fields below, read by Status
	height   int64
	round    int32
	step     string
	lastTime time.Time
	evidence []*Evidence // kept for queries, bounded
	proposed time.Time   // first proposal built or validated at this height (driver goroutine only)
	stats    Stats

	trace heightTrace // where the current height's time goes (driver goroutine only)
}

// heightTrace times the phases of a height, logged at its commit: every
// height at debug level, and at info level one whose proposal took longer
// than slowHeight to be decided and written, so that an operator sees which
// phase held the chain up. Waiting for transactions is not slow.
type heightTrace struct {
	start    time.Time     // the height started (the commit before, or a restart)
	compact  time.Time     // the first compact proposal that lacked transactions arrived
	fetched  time.Time     // its transactions were all fetched
	build    time.Duration // in App.Build
	validate time.Duration // in App.Validate
	decided  time.Time
	commit   time.Duration // in App.Commit
	wal      time.Duration // logging what the core accepted (writtenWAL waits for the block below)
	sign     time.Duration // in sign: the WAL's and the guard's syncs, the signatures, the wait for the block below (writtenSigner)
	sent     time.Time     // our proposal left
}

// slowHeight is how long a height may take from its first proposal (or a
// compact one's arrival) to its commit before its phases are logged at
// info level: 0.3-1 s under full load on two shared cores.
const slowHeight = 2 * time.Second

// Stats are the driver's counters.
type Stats struct {
	Heights        int64         // blocks committed by consensus
	Rounds         int64         // rounds beyond round 0
	Equivocations  int64         // conflicting votes detected
	LastInterval   time.Duration // time between the last two commits
	LastLatency    time.Duration // from the first proposal handled at a height to its commit
	Dropped        int64         // inbound messages dropped on a full queue
	Misbehaved     int64         // peers reported to the transport
	FutureDropped  int64         // messages of later heights dropped over the future buffer's bounds
	Halts          int64         // times signing stopped because the WAL or the signer could not write
	Halted         bool          // signing and sending are stopped now
	CompactFilled  int64         // compact proposals filled from the mempool alone
	CompactFetched int64         // compact proposals that needed transactions from a peer
	TxsFetched     int64         // transactions received for them
	Served         ServeStats
}

type inputKind uint8

const (
	inMessage inputKind = iota
	inTimeout
	inTick
	inPoll
	inRetry // of a commit that failed
	inProbe // of a part that could not write
)

// input is one event for the driver.
type input struct {
	kind    inputKind
	from    string
	key     []byte // the validator key the sender proved, nil if none
	msg     *Message
	data    []byte // msg as received: what the WAL keeps
	timeout Timeout
}

// NewDriver returns a driver; signer may be nil for an observer.
func NewDriver(cfg DriverConfig, app App, signer Signer, verifier types.Verifier, w WAL, t Transport) *Driver {
	if cfg.Tick <= 0 {
		cfg.Tick = time.Second
	}
	if cfg.TxPoll <= 0 {
		cfg.TxPoll = 500 * time.Millisecond
	}
	if cfg.Inbox <= 0 {
		cfg.Inbox = 8192
	}
	if cfg.ProbeIn <= 0 {
		cfg.ProbeIn = time.Second
	}
	if cfg.Clock == nil {
		cfg.Clock = SystemClock{}
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	var pub []byte
	if signer != nil {
		pub = signer.PubKey()
	}
	d := &Driver{
		cfg: cfg, core: NewCore(cfg.Core, pub, verifier), app: app, signer: signer, wal: w, trans: t,
		clock: cfg.Clock, log: cfg.Logger, inbox: make(chan input, cfg.Inbox), local: make(chan input, 64),
		stop: make(chan struct{}), done: make(chan struct{}),
		future: newFutureBuffer(cfg.Future), ownBytes: make(map[any][]byte), pending: make(map[int32]*pendingProposal),
	}
	d.serve = newServer(cfg.Serve, cfg.Tick, app, cfg.Clock, d.log, func() Transport { return d.trans })
	return d
}

// SetTransport sets the transport (built after the driver, since its
// handler is the driver's Receive). Call it before Start.
func (d *Driver) SetTransport(t Transport) { d.trans = t }

// roles is who may send votes and proposals of the core's height: its
// validators. Receive reads it beside the loop.
type roles struct {
	height int64
	cur    map[string]bool
}

// Receive is the transport's handler: key is the validator key the peer
// proved (nil: none). It decodes the message and queues it without
// blocking (a full queue drops it; the status exchange recovers it). What
// no honest peer sends (bytes that do not decode, a vote or proposal of the
// current height from a peer that is not one of its validators) is
// reported and dropped here, before it takes room in the queue. The
// driver keeps data: it is what goes to the WAL.
func (d *Driver) Receive(from string, key []byte, data []byte) {
	m, err := DecodeMessage(data)
	if err != nil {
		d.misbehaved(Misbehaviour{Peer: from, Offence: OffenceMalformed, Detail: err.Error()})
		return
	}
	if m.GetVote() != nil || m.GetProposal() != nil || m.GetCompact() != nil {
		r := d.roles.Load()
		switch mh := msgHeightOf(m); {
		case r == nil:
		case mh < r.height:
			return // over for us
		case mh == r.height && !r.cur[string(key)]:
			d.misbehaved(Misbehaviour{Peer: from, Offence: OffenceNotValidator, Detail: describeFrom(m)})
			return
		case mh > r.height && !r.cur[string(key)]:
			return // maybe a validator of that height: the status exchange brings it again once we are there
		}
	}
	select {
	case d.inbox <- input{kind: inMessage, from: from, key: key, msg: m, data: data}:
	default:
		d.dropped.Add(1)
	}
}

func describeFrom(m *Message) string {
	if v := m.GetVote(); v != nil {
		return voteName(v) + " from a peer that is not a validator of that height"
	}
	return fmt.Sprintf("proposal of height %d from a peer that is not a validator of that height", msgHeightOf(m))
}

// misbehaved reports a peer to the transport (safe beside the loop).
func (d *Driver) misbehaved(m Misbehaviour) {
	if m.Peer == "" || d.trans == nil {
		return
	}
	d.mu.Lock()
	d.stats.Misbehaved++
	d.mu.Unlock()
	d.trans.Misbehaved(m.Peer, m.Offence, m.Detail)
}

// Start replays the WAL of the next height and runs the driver and its
// catch-up server.
func (d *Driver) Start() error {
	if err := d.start(); err != nil {
		return err
	}
	d.running.Store(true)
	go d.run()
	return nil
}

// start brings the core to where it was (the App's head, then the WAL of
// the next height), arms the tick and the mempool poll and carries out what
// the core asks. The simulation calls it instead of Start.
func (d *Driver) start() error {
	h, _ := d.app.Head()
	vals, err := d.app.Validators()
	if err != nil {
		return err
	}
	d.core.StartHeight(h+1, vals, 0)
	d.setRoles(vals)
	recs, err := d.wal.Records(h + 1)
	if err != nil {
		return err
	}
	if len(recs) > 0 {
		d.log.Info("replaying consensus WAL", "height", h+1, "records", len(recs))
		// The core asks again for the signatures of what it replays; the
		// signer's guard answers them after the replay, as it did before.
		if err := replayWAL(d.core, recs); err != nil {
			d.log.Warn("WAL replay stopped early", "height", h+1, "err", err)
		}
	}
	d.pollTxs()
	d.lastTime = d.clock.Now()
	d.trace = heightTrace{start: d.lastTime}
	d.after(d.cfg.Tick, input{kind: inTick})
	d.after(d.cfg.TxPoll, input{kind: inPoll})
	d.handle()
	return nil
}

// Stop ends the driver and waits for it; a driver never started just stops.
func (d *Driver) Stop() {
	select {
	case <-d.stop:
	default:
		close(d.stop)
	}
	if d.running.Load() {
		<-d.done
	}
}

// Status reports where consensus is.
func (d *Driver) Status() (height int64, round int32, step string) {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.height, d.round, d.step
}

// Evidence returns the equivocations detected (most recent last).
func (d *Driver) Evidence() []*Evidence {
	d.mu.Lock()
	defer d.mu.Unlock()
	return append([]*Evidence(nil), d.evidence...)
}

// Stats returns the counters.
func (d *Driver) Stats() Stats {
	d.mu.Lock()
	s := d.stats
	d.mu.Unlock()
	s.Dropped = d.dropped.Load()
	s.FutureDropped = d.future.droppedCount()
	s.Served = d.serve.stats()
	return s
}

func (d *Driver) run() {
	defer close(d.done)
	served := make(chan struct{})
	go func() {
		defer close(served)
		d.serve.run(d.stop)
	}()
	defer func() { <-served }()
	for {
		select {
		case <-d.stop:
			return
		case in := <-d.local:
			d.process(in)
		case in := <-d.inbox:
			d.process(in)
		}
	}
}

// process handles one input, then carries out what the core asks.
func (d *Driver) process(in input) {
	moved := d.followHead() // block sync may have moved the head since the last input
	switch in.kind {
	case inMessage:
		d.onMessage(in)
	case inTimeout:
		if t := in.timeout; t.Height == d.core.Height() {
			d.logTimeout(t)
			d.core.OnTimeout(t)
		}
	case inTick:
		d.core.OnTick()
		d.after(d.cfg.Tick, in)
	case inPoll:
		if !moved {
			d.pollTxs()
		}
		d.after(d.cfg.TxPoll, in)
	case inRetry:
		d.retrying = false
		d.commitDecided()
	case inProbe:
		d.probe()
	}
	d.handle()
}

// after queues in for the loop after dt.
func (d *Driver) after(dt time.Duration, in input) {
	d.clock.AfterFunc(dt, func() {
		select {
		case d.local <- in:
		case <-d.stop:
		}
	})
}

func (d *Driver) pollTxs() {
	if d.app.TxsAvailable() {
		d.core.OnTxsAvailable()
	} else {
		d.core.OnTxsGone()
	}
}

func msgHeightOf(m *Message) int64 {
	switch x := m.Msg.(type) {
	case *Message_Proposal:
		return x.Proposal.GetHeight()
	case *Message_Vote:
		return x.Vote.GetHeight()
	case *Message_Status:
		return x.Status.GetHeight()
	case *Message_Commit:
		return x.Commit.GetCert().GetHeight()
	case *Message_Compact:
		return x.Compact.GetProposal().GetHeight()
	case *Message_TxsRequest:
		return x.TxsRequest.GetHeight()
	case *Message_Txs:
		return x.Txs.GetHeight()
	}
	return 0
}

func (d *Driver) onMessage(in input) {
	m := in.msg
	h, mh := d.core.Height(), msgHeightOf(m)
	switch {
	case m.GetStatus() != nil && mh < h:
		d.serve.request(in.from, mh)
		return
	case mh > h:
		if m.GetStatus() == nil && m.GetTxsRequest() == nil && m.GetTxs() == nil {
			d.future.add(h, mh, in)
		}
		return
	case mh != h:
		return
	}
	if (m.GetVote() != nil || m.GetProposal() != nil || m.GetCompact() != nil) && !d.roles.Load().cur[string(in.key)] {
		d.misbehaved(Misbehaviour{Peer: in.from, Offence: OffenceNotValidator, Detail: describeFrom(m)})
		return
	}
	switch m.Msg.(type) {
	case *Message_Compact:
		d.onCompact(in)
		return
	case *Message_TxsRequest:
		d.onTxsRequest(in)
		return
	case *Message_Txs:
		d.onTxs(in)
		return
	}
	logged, err := d.core.OnMessage(in.from, m)
	if err != nil {
		d.log.Debug("rejected consensus message", "peer", in.from, "err", err)
	}
	if logged {
		d.walAppend(h, walMessage, in.data, false)
	}
}

// walAppend writes a record unless the WAL failed: then consensus
// participation stops (failstop.go) until it can write again. A node that
// is not a validator of the height (h is always the core's) writes none: it
// signs nothing there, so a restart has nothing to stay consistent with,
// and the block it follows comes again from its peers. Following a chain
// that block sync writes, such a node would otherwise start a WAL segment,
// and make the synced blocks durable first, at every height.
func (d *Driver) walAppend(h int64, kind byte, body []byte, sync bool) bool {
	if !d.core.IsValidator() {
		return true
	}
	if !d.writeHeld(h) {
		return false
	}
	if d.halt.down(componentWAL) {
		return false
	}
	if err := d.wal.Append(h, kind, body, sync); err != nil {
		d.fail(componentWAL, err)
		return false
	}
	d.walUnsynced = !sync
	return true
}

// logTimeout logs a timeout. A height's first, NewHeight, is held until the
// height's next record or sync: a validator catching up passes heights that
// see only that one, and writing it would start a WAL segment (and make the
// blocks below durable first) at every height passed. Held, it is lost in a
// crash as an unsynced record may be, with nothing signed after it, and the
// restart schedules it again (Core.StartHeight).
func (d *Driver) logTimeout(t Timeout) {
	if t.Step == stepNewHeight {
		d.walHeld, d.walHeldAt = encodeWALTimeout(t), t.Height
		return
	}
	d.walAppend(t.Height, walTimeout, encodeWALTimeout(t), false)
}

// writeHeld writes the timeout logTimeout held, before height h's next
// record or sync; one of a height passed is dropped. It is kept while the
// WAL cannot write.
func (d *Driver) writeHeld(h int64) bool {
	held := d.walHeld
	d.walHeld = nil
	if held == nil || d.walHeldAt != h {
		return true
	}
	if !d.walAppend(h, walTimeout, held, false) {
		d.walHeld = held
		return false
	}
	return true
}

// walSync makes what the core accepted durable before it makes us sign:
// a restart that lost the causes of a signature would decide otherwise, and
// the guard would then refuse our vote for the rest of the round.
func (d *Driver) walSync() bool {
	if d.core.IsValidator() && !d.writeHeld(d.core.Height()) {
		return false
	}
	if !d.walUnsynced {
		return true
	}
	if d.halt.down(componentWAL) {
		return false
	}
	if err := d.wal.Sync(); err != nil {
		d.fail(componentWAL, err)
		return false
	}
	d.walUnsynced = false
	return true
}

// broadcast sends a message of ours: an own proposal or vote as sign
// logged it, the same bytes (own messages that sign did not see are replays
// of the WAL, or of a height decided meanwhile: no restart needs them
// logged). While the WAL or the signer cannot write, nothing of ours but
// status leaves; while block sync carries us (DriverConfig.BlockSync), no
// status does.
func (d *Driver) broadcast(m *Message) {
	own := m.GetStatus() == nil
	if !own && d.cfg.BlockSync != nil && d.cfg.BlockSync() {
		return
	}
	if own && d.halt.stopped() {
		return
	}
	data, ok := d.ownBytes[ownKey(m)]
	if p := m.GetProposal(); p != nil {
		var err error
		if data, err = compactOf(p); err != nil {
			d.log.Error("encoding an own proposal", "err", err)
			return
		}
	} else if !ok {
		var err error
		if data, err = proto.Marshal(m); err != nil {
			d.log.Error("encoding an own consensus message", "err", err)
			return
		}
	}
	if d.trans != nil {
		d.trans.Broadcast(data)
	}
	if m.GetProposal() != nil && d.trace.sent.IsZero() {
		d.trace.sent = d.clock.Now()
	}
}

// ownKey names an own proposal or vote by what stays the same from signing
// to sending: the core broadcasts the vote it was asked to sign, and its
// proposal in a new message.
func ownKey(m *Message) any {
	if p := m.GetProposal(); p != nil {
		return p
	}
	return m.GetVote()
}

// sign answers the core's signature requests. The signer makes its
// double-sign guard durable before it returns a signature, and the signed
// message goes to the WAL, synced, before the core counts it or it leaves,
// so that a restart knows what we signed (and is locked as we were). A
// refusal by the guard (INFO: the guard works) and a failure to persist the
// guard or the WAL (fail-stop) are different outcomes. While stopped
// nothing is signed.
func (d *Driver) sign(reqs []SignRequest) {
	t0 := d.clock.Now()
	defer func() { d.trace.sign += d.clock.Now().Sub(t0) }()
	for _, r := range reqs {
		var sig []byte
		if !d.halt.stopped() && d.walSync() {
			var err error
			sig, err = d.signer.Sign(r.Height, r.Round, r.Step, r.Bytes)
			switch {
			case errors.Is(err, ErrDoubleSign):
				d.log.Info("double-sign guard refused a signature", "height", r.Height, "round", r.Round, "step", r.Step, "err", err)
			case err != nil:
				d.fail(componentSigner, err)
			}
		}
		if sig != nil {
			m := r.Signed(sig)
			data, err := proto.Marshal(m)
			if err != nil || r.Height == d.core.Height() && !d.walAppend(r.Height, walMessage, data, true) {
				sig = nil // unlogged, it must neither count nor leave
			} else {
				d.ownBytes[ownKey(r.msg)] = data
			}
		}
		d.core.OnSigned(r, sig)
	}
}

// handle carries out what the core asks until it asks nothing more.
func (d *Driver) handle() {
	for {
		rd := d.core.Ready()
		if rd.empty() {
			break
		}
		// What the core accepted is logged, and synced (sign), before what
		// it made us sign.
		logged := d.clock.Now()
		for _, m := range rd.Log {
			if h := msgHeightOf(m); h == d.core.Height() {
				if data, err := proto.Marshal(m); err == nil {
					d.walAppend(h, walMessage, data, false)
				}
			}
		}
		d.trace.wal += d.clock.Now().Sub(logged)
		d.sign(rd.Sign)
		for _, m := range rd.Broadcast {
			d.broadcast(m)
		}
		for _, s := range rd.Send {
			d.serve.reply(s.To, s.Msg)
		}
		for _, m := range rd.Misbehaved {
			d.misbehaved(m)
		}
		for _, t := range rd.Timeouts {
			d.after(t.After, input{kind: inTimeout, timeout: t})
		}
		if (rd.Build != nil || len(rd.Validate) > 0) && d.proposed.IsZero() {
			d.proposed = d.clock.Now()
		}
		if b := rd.Build; b != nil {
			t0 := d.clock.Now()
			blk, err := d.app.Build(t0.Unix())
			d.trace.build += d.clock.Now().Sub(t0)
			if err != nil {
				d.log.Warn("building a block failed", "height", b.Height, "err", err)
				blk = nil
			}
			d.core.OnBuilt(b.Height, b.Round, blk)
		}
		for _, b := range rd.Validate {
			if head, _ := d.app.Head(); head >= b.GetHeight() {
				continue // block sync committed this height: followHead moves on below
			}
			t0 := d.clock.Now()
			err := d.app.Validate(b)
			d.trace.validate += d.clock.Now().Sub(t0)
			if err != nil {
				if head, _ := d.app.Head(); head >= b.GetHeight() {
					// Block sync committed the height while we validated: not the proposer's fault.
					d.log.Debug("proposed block rejected", "height", b.GetHeight(), "head", head, "err", err)
				} else {
					d.log.Warn("proposed block rejected", "height", b.GetHeight(), "err", err)
				}
			}
			d.core.OnValidated(b.GetHeight(), types.BlockHash(b), err == nil)
		}
		for _, e := range rd.Evidence {
			d.mu.Lock()
			d.stats.Equivocations++
			if len(d.evidence) >= 1000 {
				d.evidence = d.evidence[1:]
			}
			d.evidence = append(d.evidence, e)
			d.mu.Unlock()
			d.log.Warn("validator equivocated", "height", e.Height, "round", e.Round, "type", e.Type,
				"validator", fmt.Sprintf("%X", e.Validator), "hashA", fmt.Sprintf("%x", e.A.BlockHash), "hashB", fmt.Sprintf("%x", e.B.BlockHash))
		}
		if dec := rd.Decided; dec != nil {
			d.trace.decided = d.clock.Now()
			d.decided, d.commitFails = dec, 0
			d.commitDecided()
		}
		d.followHead()
	}
	clear(d.ownBytes)
	d.mu.Lock()
	d.height, d.round, d.step = d.core.Height(), d.core.Round(), d.core.Step()
	d.mu.Unlock()
}

// logHeight logs the phases of the height dec committed at now.
func (d *Driver) logHeight(dec *Decision, now time.Time) {
	t := &d.trace
	if t.start.IsZero() {
		return
	}
	first := d.proposed
	if !t.compact.IsZero() && (first.IsZero() || t.compact.Before(first)) {
		first = t.compact
	}
	level := slog.LevelDebug
	if !first.IsZero() && now.Sub(first) > slowHeight {
		level = slog.LevelInfo
	}
	if !d.log.Enabled(context.Background(), level) {
		return
	}
	since := func(at time.Time) time.Duration {
		if at.IsZero() {
			return 0
		}
		return at.Sub(t.start).Round(time.Millisecond)
	}
	var fetch time.Duration
	if !t.compact.IsZero() && !t.fetched.IsZero() {
		fetch = t.fetched.Sub(t.compact).Round(time.Millisecond)
	}
	msg := "height committed"
	if level == slog.LevelInfo {
		msg = "slow height"
	}
	d.log.Log(context.Background(), level, msg, "height", dec.Block.Height, "round", dec.Cert.Round, "txs", len(dec.Block.Txs),
		"took", now.Sub(t.start).Round(time.Millisecond), "proposal_at", since(d.proposed), "fetch", fetch,
		"build", t.build.Round(time.Millisecond), "validate", t.validate.Round(time.Millisecond),
		"decided_at", since(t.decided), "commit", t.commit.Round(time.Millisecond),
		"wal", t.wal.Round(time.Millisecond), "sign", t.sign.Round(time.Millisecond), "proposal_sent_at", since(t.sent))
}

func (r *Ready) empty() bool {
	return len(r.Sign) == 0 && len(r.Broadcast) == 0 && len(r.Send) == 0 && len(r.Timeouts) == 0 && r.Build == nil &&
		len(r.Validate) == 0 && r.Decided == nil && len(r.Evidence) == 0 && len(r.Misbehaved) == 0 && len(r.Log) == 0
}

// followHead moves the core past blocks that block sync committed while
// consensus was at an older height. It reports whether it moved.
func (d *Driver) followHead() bool {
	head, _ := d.app.Head()
	if head < d.core.Height() {
		return false
	}
	vals, err := d.app.Validators()
	if err != nil {
		d.log.Error("validators", "err", err)
		return false
	}
	d.startHeight(head, vals, 0)
	return true
}

// Commit retries: a decided block was validated before it was decided, so a
// failure to write it is local (a full disk). It is written again after
// commitRetryMin, doubling up to commitRetryMax, until it is (or block sync
// wrote it); meanwhile the core waits in its Commit step.
const (
	commitRetryMin = 100 * time.Millisecond
	commitRetryMax = time.Second // a failing write is cheap; a repaired disk is used within a second
)

// commitDecided writes the decided block, or schedules another attempt.
func (d *Driver) commitDecided() {
	dec := d.decided
	if dec == nil {
		return
	}
	if dec.Block.Height < d.core.Height() { // followHead moved on: sync wrote it
		d.decided = nil
		return
	}
	err := d.commit(dec)
	if err == nil {
		if d.commitFails > 0 {
			d.log.Info("commit succeeded", "height", dec.Block.Height, "attempts", d.commitFails+1)
		}
		d.decided = nil
		return
	}
	d.commitFails++
	if d.commitFails == 1 {
		d.log.Error("commit failed, retrying until it succeeds", "height", dec.Block.Height, "err", err)
	} else {
		d.log.Debug("commit failed again", "height", dec.Block.Height, "attempts", d.commitFails, "err", err)
	}
	if !d.retrying {
		d.retrying = true
		d.after(min(commitRetryMin<<min(d.commitFails-1, 6), commitRetryMax), input{kind: inRetry})
	}
}

// commit writes the decided block, unless block sync wrote it first, then
// starts the height after the head.
func (d *Driver) commit(dec *Decision) error {
	h := dec.Block.Height
	if head, _ := d.app.Head(); head < h {
		t0 := d.clock.Now()
		err := d.app.Commit(dec.Block, types.EncodeCertificate(dec.Cert))
		d.trace.commit += d.clock.Now().Sub(t0)
		if err != nil {
			if head, _ := d.app.Head(); head < h { // not the race with sync: a real failure
				return err
			}
		}
	}
	head, _ := d.app.Head()
	vals, err := d.app.Validators() // the set after head, which sync may have moved past h
	if err != nil {
		return fmt.Errorf("validators after %d: %w", head, err)
	}
	now := d.clock.Now()
	d.mu.Lock()
	d.stats.Heights++
	d.stats.Rounds += int64(dec.Cert.Round)
	d.stats.LastInterval = now.Sub(d.lastTime)
	if !d.proposed.IsZero() {
		d.stats.LastLatency = now.Sub(d.proposed)
	}
	d.lastTime = now
	d.mu.Unlock()
	d.logHeight(dec, now)
	if err := d.wal.Prune(h); err != nil {
		d.log.Warn("consensus WAL prune failed", "err", err)
	}
	wait := d.cfg.Core.Timeouts.Commit
	if d.cfg.Core.SkipTimeoutCommit || head > h {
		wait = 0
	}
	d.startHeight(head, vals, wait)
	return nil
}

// startHeight starts the height after committed and replays what was
// buffered for it.
func (d *Driver) startHeight(committed int64, vals *types.ValidatorSet, wait time.Duration) {
	d.core.StartHeight(committed+1, vals, wait)
	d.setRoles(vals)
	d.serve.newHeight()
	clear(d.pending)
	d.proposed, d.trace = time.Time{}, heightTrace{start: d.clock.Now()}
	d.pollTxs()
	for _, in := range d.future.take(committed + 1) {
		d.onMessage(in)
	}
}

// setRoles tells Receive and the transport who may vote now: the
// validators of the core's height and of the one before.
func (d *Driver) setRoles(vals *types.ValidatorSet) {
	r := &roles{height: d.core.Height(), cur: make(map[string]bool)}
	var keys [][]byte
	for _, v := range vals.Validators {
		r.cur[string(v.PubKey)] = true
		keys = append(keys, v.PubKey)
	}
	if d.prevVals != nil { // peers still finishing the height before are not cut off as observers
		for _, v := range d.prevVals.Validators {
			if !r.cur[string(v.PubKey)] {
				keys = append(keys, v.PubKey)
			}
		}
	}
	d.prevVals = vals
	d.roles.Store(r)
	if d.trans != nil {
		d.trans.SetValidators(keys)
	}
}
