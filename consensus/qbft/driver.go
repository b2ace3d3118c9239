package qbft

import (
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
	// Committed returns a committed block and its certificate.
	Committed(height int64) (*types.Block, []byte, error)
	// TxsAvailable reports whether the mempool holds transactions.
	TxsAvailable() bool
}

// Transport moves encoded messages to other consensus nodes
// (consensus/transport in production, a simulated network in tests).
type Transport interface {
	// Broadcast sends data to every peer; data is not modified afterwards.
	Broadcast(data []byte)
	// Send sends data to one peer; data is not modified afterwards.
	Send(peer string, data []byte) error
}

// WAL is the consensus write-ahead log (consensus/wal in production): per
// height, records of a kind byte and a body.
type WAL interface {
	// Append appends kind‖body to height's log. With sync the record, and
	// every one before it, is durable when Append returns.
	Append(height int64, kind byte, body []byte, sync bool) error
	// Records returns height's records (kind‖body) in append order.
	Records(height int64) ([][]byte, error)
	// Prune drops the logs of the heights below below.
	Prune(below int64) error
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
	Catchup int           // commits sent at once to a peer that is behind; default 32
	Inbox   int           // received messages queued for the loop (more are dropped); default 8192
	Clock   Clock         // default SystemClock
	Logger  *slog.Logger
}

// Driver runs a core: timers, WAL, signer, transport and application calls,
// one input at a time. Production runs the inputs on the driver's goroutine
// (Start); the simulation feeds them to process on its virtual timeline.
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
	dropped atomic.Int64
	running atomic.Bool

	decided     *Decision // decided, not yet written (a local failure): retried
	commitFails int       // failed attempts to write decided
	retrying    bool      // a retry is scheduled

	mu       sync.Mutex // guards the fields below, read by Status
	height   int64
	round    int32
	step     string
	lastTime time.Time
	evidence []*Evidence // kept for queries, bounded
	proposed time.Time   // first proposal built or validated at this height (driver goroutine only)
	stats    Stats
}

// Stats are the driver's counters.
type Stats struct {
	Heights       int64         // blocks committed by consensus
	Rounds        int64         // rounds beyond round 0
	Equivocations int64         // conflicting votes detected
	LastInterval  time.Duration // time between the last two commits
	LastLatency   time.Duration // from the first proposal handled at a height to its commit
	Dropped       int64         // inbound messages dropped on a full queue
}

type inputKind uint8

const (
	inMessage inputKind = iota
	inTimeout
	inTick
	inPoll
	inRetry // of a commit that failed
)

// input is one event for the driver.
type input struct {
	kind    inputKind
	from    string
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
	if cfg.Catchup <= 0 {
		cfg.Catchup = 32
	}
	if cfg.Inbox <= 0 {
		cfg.Inbox = 8192
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
	return &Driver{
		cfg: cfg, core: NewCore(cfg.Core, pub, verifier), app: app, signer: signer, wal: w, trans: t,
		clock: cfg.Clock, log: cfg.Logger, inbox: make(chan input, cfg.Inbox), local: make(chan input, 64),
		stop: make(chan struct{}), done: make(chan struct{}),
		future: futureBuffer{maxMsgs: futureMaxMsgs, maxBytes: futureMaxBytes},
	}
}

// SetTransport sets the transport (built after the driver, since its
// handler is the driver's Receive). Call it before Start.
func (d *Driver) SetTransport(t Transport) { d.trans = t }

// Receive is the transport's handler: it decodes and queues a message
// without blocking (a full queue drops it; status exchange recovers it).
// The driver keeps data: it is what goes to the WAL.
func (d *Driver) Receive(from string, data []byte) {
	m, err := DecodeMessage(data)
	if err != nil {
		d.log.Debug("undecodable consensus message", "peer", from, "err", err)
		return
	}
	select {
	case d.inbox <- input{kind: inMessage, from: from, msg: m, data: data}:
	default:
		d.dropped.Add(1)
	}
}

// Start replays the WAL of the next height and runs the driver.
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
	defer d.mu.Unlock()
	s := d.stats
	s.Dropped = d.dropped.Load()
	return s
}

func (d *Driver) run() {
	defer close(d.done)
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
			d.walAppend(t.Height, walTimeout, encodeWALTimeout(t), false)
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
	}
	return 0
}

func (d *Driver) onMessage(in input) {
	m := in.msg
	h, mh := d.core.Height(), msgHeightOf(m)
	switch {
	case m.GetStatus() != nil && mh < h:
		d.catchup(in.from, mh)
		return
	case mh > h:
		if m.GetStatus() == nil {
			d.future.add(h, mh, in)
		}
		return
	case mh != h:
		return
	}
	if m.GetStatus() == nil && m.GetCommit() == nil {
		d.walAppend(h, walMessage, in.data, false)
	}
	if err := d.core.OnMessage(in.from, m); err != nil {
		d.log.Debug("rejected consensus message", "peer", in.from, "err", err)
	}
}

// catchup sends a peer that is behind the commits it needs, several at once.
func (d *Driver) catchup(peer string, from int64) {
	head, _ := d.app.Head()
	for h := max(from, 1); h <= head && h < from+int64(d.cfg.Catchup); h++ {
		b, cert, err := d.app.Committed(h)
		if err != nil {
			return
		}
		c, err := types.DecodeCertificate(cert)
		if err != nil {
			return
		}
		d.send(peer, &Message{Msg: &Message_Commit{Commit: &Commit{Block: b, Cert: c}}})
	}
}

// walAppend reports whether the record was written.
func (d *Driver) walAppend(h int64, kind byte, body []byte, sync bool) bool {
	if err := d.wal.Append(h, kind, body, sync); err != nil {
		d.log.Error("consensus WAL write failed", "height", h, "err", err)
		return false
	}
	return true
}

func (d *Driver) send(peer string, m *Message) {
	if peer == "" || d.trans == nil {
		return
	}
	b, err := proto.Marshal(m)
	if err == nil {
		err = d.trans.Send(peer, b)
	}
	if err != nil {
		d.log.Debug("send failed", "peer", peer, "err", err)
	}
}

// broadcast marshals a message of ours once; an own proposal or vote goes
// to the WAL, synced, before the same bytes leave, so that a restart knows
// what we signed. One of a height already decided (its signature came
// back after the decision) is only sent: no replay needs it.
func (d *Driver) broadcast(m *Message) {
	data, err := proto.Marshal(m)
	if err != nil {
		d.log.Error("encoding an own consensus message", "err", err)
		return
	}
	if h := msgHeightOf(m); m.GetStatus() == nil && h == d.core.Height() && !d.walAppend(h, walMessage, data, true) {
		return // unlogged, it must not leave
	}
	if d.trans != nil {
		d.trans.Broadcast(data)
	}
}

// sign answers the core's signature requests. The signer makes its
// double-sign guard durable before it returns a signature; a refusal by the
// guard and a failure to persist it are told apart in the log.
func (d *Driver) sign(reqs []SignRequest) {
	for _, r := range reqs {
		sig, err := d.signer.Sign(r.Height, r.Round, r.Step, r.Bytes)
		switch {
		case errors.Is(err, ErrDoubleSign):
			d.log.Info("double-sign guard refused a signature", "height", r.Height, "round", r.Round, "step", r.Step, "err", err)
		case err != nil:
			d.log.Error("signer state not persisted: nothing signed", "height", r.Height, "round", r.Round, "step", r.Step, "err", err)
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
		d.sign(rd.Sign)
		for _, m := range rd.Broadcast {
			d.broadcast(m)
		}
		for _, s := range rd.Send {
			d.send(s.To, s.Msg)
		}
		for _, t := range rd.Timeouts {
			d.after(t.After, input{kind: inTimeout, timeout: t})
		}
		if (rd.Build != nil || len(rd.Validate) > 0) && d.proposed.IsZero() {
			d.proposed = d.clock.Now()
		}
		if b := rd.Build; b != nil {
			blk, err := d.app.Build(d.clock.Now().Unix())
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
			err := d.app.Validate(b)
			if err != nil {
				d.log.Warn("proposed block rejected", "height", b.GetHeight(), "err", err)
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
			d.decided, d.commitFails = dec, 0
			d.commitDecided()
		}
		d.followHead()
	}
	d.mu.Lock()
	d.height, d.round, d.step = d.core.Height(), d.core.Round(), d.core.Step()
	d.mu.Unlock()
}

func (r *Ready) empty() bool {
	return len(r.Sign) == 0 && len(r.Broadcast) == 0 && len(r.Send) == 0 && len(r.Timeouts) == 0 && r.Build == nil &&
		len(r.Validate) == 0 && r.Decided == nil && len(r.Evidence) == 0
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
	commitRetryMax = 5 * time.Second
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
		if err := d.app.Commit(dec.Block, types.EncodeCertificate(dec.Cert)); err != nil {
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
	d.lastTime, d.proposed = now, time.Time{}
	d.mu.Unlock()
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
	d.proposed = time.Time{}
	d.pollTxs()
	for _, in := range d.future.take(committed + 1) {
		d.onMessage(in)
	}
}

// Bounds of the future buffer.
const (
	futureWindow   = 256       // heights ahead
	futureMaxMsgs  = 4096      // messages in all
	futureMaxBytes = 128 << 20 // their encoded size in all
)

// futureBuffer keeps messages for heights above the core's, to be handled
// when the core gets there (a peer one height ahead, catch-up commits sent
// several at once). What does not fit is dropped: it comes again on the
// status exchange.
type futureBuffer struct {
	byHeight          map[int64][]input
	msgs, bytes       int
	maxMsgs, maxBytes int
}

func (f *futureBuffer) add(current, h int64, in input) bool {
	if h > current+futureWindow || f.msgs >= f.maxMsgs || f.bytes+len(in.data) > f.maxBytes {
		return false
	}
	if f.byHeight == nil {
		f.byHeight = make(map[int64][]input)
	}
	f.byHeight[h] = append(f.byHeight[h], in)
	f.msgs++
	f.bytes += len(in.data)
	return true
}

// take removes the messages of heights up to h and returns those of h.
func (f *futureBuffer) take(h int64) []input {
	var out []input
	for k, ins := range f.byHeight {
		if k > h {
			continue
		}
		if k == h {
			out = ins
		}
		for _, in := range ins {
			f.bytes -= len(in.data)
		}
		f.msgs -= len(ins)
		delete(f.byHeight, k)
	}
	return out
}
