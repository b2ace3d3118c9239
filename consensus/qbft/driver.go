package qbft

import (
	"fmt"
	"log/slog"
	"sync"
	"sync/atomic"
	"time"

	"chain33node/consensus/wal"
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

// Transport moves encoded messages to other consensus nodes.
type Transport interface {
	Broadcast(data []byte)
	Send(peer string, data []byte) error
}

// DriverConfig configures a driver.
type DriverConfig struct {
	Core    Config
	TxPoll  time.Duration // timeoutTxAvail: how often the mempool is checked
	Tick    time.Duration // status broadcast period; default 1 s
	Catchup int           // commits sent at once to a peer that is behind; default 32
	Logger  *slog.Logger
}

// Driver runs a core: timers, WAL, transport and application calls, on one
// goroutine.
type Driver struct {
	cfg    DriverConfig
	core   *Core
	app    App
	wal    *wal.WAL
	trans  Transport
	log    *slog.Logger
	inbox  chan inbound
	timers chan Timeout
	stop   chan struct{}
	done   chan struct{}

	future  map[int64][]inbound // messages for heights above the core's, by height
	dropped atomic.Int64
	running atomic.Bool

	decided     *Decision     // decided, not yet written (a local failure): retried
	commitFails int           // failed attempts to write decided
	retry       chan struct{} // a commit retry is due

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

type inbound struct {
	from string
	msg  *Message
}

// futureWindow bounds how far ahead messages are buffered.
const futureWindow = 256

// NewDriver returns a driver; signer may be nil for an observer.
func NewDriver(cfg DriverConfig, app App, signer Signer, verifier types.Verifier, w *wal.WAL, t Transport) *Driver {
	if cfg.Tick <= 0 {
		cfg.Tick = time.Second
	}
	if cfg.TxPoll <= 0 {
		cfg.TxPoll = 500 * time.Millisecond
	}
	if cfg.Catchup <= 0 {
		cfg.Catchup = 32
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	return &Driver{
		cfg: cfg, core: NewCore(cfg.Core, signer, verifier), app: app, wal: w, trans: t, log: cfg.Logger,
		inbox: make(chan inbound, 8192), timers: make(chan Timeout, 1024),
		stop: make(chan struct{}), done: make(chan struct{}), future: make(map[int64][]inbound),
		retry: make(chan struct{}, 1),
	}
}

// SetTransport sets the transport (built after the driver, since its
// handler is the driver's Receive). Call it before Start.
func (d *Driver) SetTransport(t Transport) { d.trans = t }

// Receive is the transport's handler: it decodes and queues a message
// without blocking (a full queue drops it; status exchange recovers it).
func (d *Driver) Receive(from string, data []byte) {
	m, err := DecodeMessage(data)
	if err != nil {
		d.log.Debug("undecodable consensus message", "peer", from, "err", err)
		return
	}
	select {
	case d.inbox <- inbound{from, m}:
	default:
		d.dropped.Add(1)
	}
}

// Start replays the WAL of the next height and runs the driver.
func (d *Driver) Start() error {
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
		if err := replayWAL(d.core, recs); err != nil {
			d.log.Warn("WAL replay stopped early", "height", h+1, "err", err)
		}
	}
	d.lastTime = time.Now()
	d.running.Store(true)
	go d.run()
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
	tick := time.NewTicker(d.cfg.Tick)
	defer tick.Stop()
	poll := time.NewTicker(d.cfg.TxPoll)
	defer poll.Stop()
	d.handle()
	for {
		select {
		case <-d.stop:
			return
		case in := <-d.inbox:
			d.onMessage(in.from, in.msg)
		case t := <-d.timers:
			if t.Height == d.core.Height() {
				d.walAppend(encodeWALTimeout(t), false)
				d.core.OnTimeout(t)
			}
		case <-d.retry:
			d.commitDecided()
		case <-tick.C:
			d.core.OnTick()
		case <-poll.C:
			if !d.followHead() {
				if d.app.TxsAvailable() {
					d.core.OnTxsAvailable()
				} else {
					d.core.OnTxsGone()
				}
			}
		}
		d.handle()
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

func (d *Driver) onMessage(from string, m *Message) {
	h, mh := d.core.Height(), msgHeightOf(m)
	switch {
	case m.GetStatus() != nil && mh < h:
		d.catchup(from, mh)
		return
	case mh > h && mh <= h+futureWindow:
		if m.GetStatus() == nil && len(d.future[mh]) < 4096 {
			d.future[mh] = append(d.future[mh], inbound{from, m})
		}
		return
	case mh != h:
		return
	}
	if m.GetStatus() == nil && m.GetCommit() == nil {
		d.walAppend(encodeWALMessage(m), false)
	}
	if err := d.core.OnMessage(from, m); err != nil {
		d.log.Debug("rejected consensus message", "peer", from, "err", err)
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

func (d *Driver) walAppend(rec []byte, sync bool) {
	if err := d.wal.Append(d.core.Height(), rec[0], rec[1:], sync); err != nil {
		d.log.Error("consensus WAL write failed", "err", err)
	}
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

// handle carries out what the core asks until it asks nothing more.
func (d *Driver) handle() {
	for {
		rd := d.core.Ready()
		if isEmpty(rd) {
			break
		}
		h := d.core.Height()
		for _, m := range rd.Broadcast {
			if m.GetStatus() == nil {
				d.walAppend(encodeWALMessage(m), true) // durable before it leaves
			}
			if d.trans != nil {
				b, err := proto.Marshal(m)
				if err == nil {
					d.trans.Broadcast(b)
				}
			}
		}
		for _, s := range rd.Send {
			d.send(s.To, s.Msg)
		}
		for _, t := range rd.Timeouts {
			d.schedule(t)
		}
		if (rd.Build != nil || len(rd.Validate) > 0) && d.proposed.IsZero() {
			d.proposed = time.Now()
		}
		if b := rd.Build; b != nil {
			blk, err := d.app.Build(time.Now().Unix())
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
			d.core.OnValidated(h, types.BlockHash(b), err == nil)
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

func isEmpty(r Ready) bool {
	return len(r.Broadcast) == 0 && len(r.Send) == 0 && len(r.Timeouts) == 0 && r.Build == nil &&
		len(r.Validate) == 0 && r.Decided == nil && len(r.Evidence) == 0
}

func (d *Driver) schedule(t Timeout) {
	time.AfterFunc(t.After, func() {
		select {
		case d.timers <- t:
		case <-d.stop:
		}
	})
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
	time.AfterFunc(min(commitRetryMin<<min(d.commitFails-1, 6), commitRetryMax), func() {
		select {
		case d.retry <- struct{}{}:
		default: // one is pending already
		}
	})
}

// commit writes the decided block, then starts the next height.
func (d *Driver) commit(dec *Decision) error {
	h := dec.Block.Height
	if head, _ := d.app.Head(); head < h { // block sync may have written it already
		if err := d.app.Commit(dec.Block, types.EncodeCertificate(dec.Cert)); err != nil {
			if head, _ := d.app.Head(); head < h { // not the race with sync: a real failure
				return err
			}
		}
	}
	vals, err := d.app.Validators()
	if err != nil {
		return fmt.Errorf("validators after %d: %w", h, err)
	}
	now := time.Now()
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
	if d.cfg.Core.SkipTimeoutCommit {
		wait = 0
	}
	d.startHeight(h, vals, wait)
	return nil
}

// startHeight starts the height after committed and replays what was
// buffered for it.
func (d *Driver) startHeight(committed int64, vals *types.ValidatorSet, wait time.Duration) {
	h := committed
	d.core.StartHeight(h+1, vals, wait)
	d.proposed = time.Time{}
	if d.app.TxsAvailable() {
		d.core.OnTxsAvailable()
	} else {
		d.core.OnTxsGone()
	}
	for k := range d.future {
		if k <= h {
			delete(d.future, k)
		}
	}
	msgs := d.future[h+1]
	delete(d.future, h+1)
	for _, in := range msgs {
		d.onMessage(in.from, in.msg)
	}
}
