package p2p

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"chain33node/netkit"
	"chain33node/types"

	"github.com/libp2p/go-libp2p/core/network"
	"github.com/libp2p/go-libp2p/core/peer"
)

// Sync pipeline limits beyond those in config.go.
const (
	syncBufferMax  = 64 << 20               // bytes downloaded and not yet handed to the applier
	syncAhead      = 8 * syncRangeBlocks    // how far beyond our head we request
	syncCoolDown   = 5 * time.Second        // a peer that failed a request is not asked again for this long
	syncGrace      = time.Second            // one or two blocks behind: give gossip this long first
	syncTick       = 250 * time.Millisecond // the sync loop re-evaluates at least this often
	syncVerboseLag = 10                     // blocks behind from which catching up is logged at info level
	syncRetryMin   = 500 * time.Millisecond // after a local failure to apply, sync waits this long, doubling
	syncRetryMax   = 30 * time.Second
	syncUpWait     = 2 * time.Second // a range request from a peer not yet up waits this long for its status
)

// syncStartWait is how long after start sync waits for the seeds not yet connected, to spread the download
// over them; with every seed connected it starts at once. A variable for tests.
var syncStartWait = time.Second

type span struct{ start, end int64 }

type fetched struct {
	block  *types.Block
	cert   []byte
	signed bool // every transaction signature verified (Chain.Preverify)
}

// fetchResult is the outcome of one range request: the blocks received (a prefix of the span, consecutive,
// linked by parent hash) and why the rest is missing.
type fetchResult struct {
	gen    int64
	span   span
	peer   peer.ID
	blocks []fetched
	size   int
	err    error
	bad    bool // the peer broke the protocol: block it
}

func (r *fetchResult) end() int64 { return r.span.start + int64(len(r.blocks)) - 1 }

// batch is consecutive blocks handed to the applier.
type batch struct {
	gen    int64
	peer   peer.ID
	blocks []fetched
}

type applyResult struct {
	gen    int64
	peer   peer.ID
	height int64
	err    error
	bad    bool // the block was invalid: the peer that served it is to blame
	local  bool // applying failed for a reason of ours (disk full): retry later, blame nobody
}

// syncer is the state of the sync loop; only the loop goroutine touches it.
type syncer struct {
	h           *Host
	gen         int64
	genA        *atomic.Int64 // gen, for the applier
	next        int64         // first height not requested in this generation
	handed      int64         // last height handed to the applier
	requeue     []span        // spans to request again, sorted
	ready       map[int64]*fetchResult
	buffered    int
	inflight    int
	perPeer     map[peer.ID]int
	cool        map[peer.ID]time.Time
	behindSince time.Time
	retryDelay  time.Duration // after local failures to apply
	pausedUntil time.Time
	results     chan *fetchResult
	applyCh     chan *batch
}

func (h *Host) kickSync() {
	select {
	case h.syncKick <- struct{}{}:
	default:
	}
}

// syncLoop downloads blocks from peers that are ahead and hands them in order to the applier.
func (h *Host) syncLoop() {
	s := &syncer{
		h:       h,
		genA:    new(atomic.Int64),
		ready:   make(map[int64]*fetchResult),
		perPeer: make(map[peer.ID]int),
		cool:    make(map[peer.ID]time.Time),
		results: make(chan *fetchResult, syncMaxInFlight), // inflight never exceeds it: workers never block
		applyCh: make(chan *batch, 2),
	}
	applied := make(chan applyResult, 1)
	if !h.group.Go(func() { h.applier(s.applyCh, applied, s.genA) }) {
		return
	}
	tick := time.NewTicker(syncTick)
	defer tick.Stop()
	for {
		select {
		case <-h.ctx.Done():
			return
		case <-h.syncKick:
		case <-tick.C:
		case r := <-s.results:
			s.onFetch(r)
		case a := <-applied:
			s.onApplied(a)
		}
		s.step()
	}
}

func (s *syncer) step() {
	h := s.h
	head, _ := h.chain.Head()
	s.next = max(s.next, head+1)
	s.handed = max(s.handed, head)
	for len(s.requeue) > 0 && s.requeue[0].end <= head {
		s.requeue = s.requeue[1:]
	}
	if len(s.requeue) > 0 && s.requeue[0].start <= head {
		s.requeue[0].start = head + 1
	}
	for start, r := range s.ready {
		if r.end() <= head {
			delete(s.ready, start)
			s.buffered -= r.size
		}
	}
	now := time.Now()
	for id, until := range s.cool {
		if now.After(until) {
			delete(s.cool, id)
		}
	}
	s.handoff()
	if now.Before(s.pausedUntil) {
		return
	}

	peers := h.syncPeers()
	target := int64(-1)
	for _, p := range peers {
		target = max(target, p.height)
	}
	if target <= head {
		s.behindSince = time.Time{}
		h.progress.end(h.log, head)
		return
	}
	if s.behindSince.IsZero() {
		s.behindSince = now
	}
	if target-head <= 2 && now.Sub(s.behindSince) < syncGrace && !h.progress.isActive() {
		return // probably the next block is being gossiped
	}
	if h.waitingForSeeds(now, peers) {
		return // let the other seeds connect, to spread the download over them
	}
	h.progress.begin(h.log, head, target, len(peers))
	s.schedule(peers, head, target)
}

// waitingForSeeds reports whether sync should wait before downloading from
// peers: within syncStartWait of the start while a seed is not among them
// (a peer that connected to us first does not stand in for a seed).
func (h *Host) waitingForSeeds(now time.Time, peers []syncPeer) bool {
	h.mu.Lock()
	defer h.mu.Unlock()
	if now.Sub(h.startedAt) >= syncStartWait {
		return false
	}
	up := make(map[peer.ID]bool, len(peers))
	for _, p := range peers {
		up[p.id] = true
	}
	seeds := 0
	for _, id := range h.seedIDs {
		if up[id] {
			seeds++
		}
	}
	return seeds < h.seedCount
}

type syncPeer struct {
	id     peer.ID
	height int64
}

// syncPeers lists the peers we may download from.
func (h *Host) syncPeers() []syncPeer {
	h.mu.Lock()
	defer h.mu.Unlock()
	var out []syncPeer
	for id, ps := range h.peers {
		if ps.up && !h.blockedLocked(id) {
			out = append(out, syncPeer{id, ps.st.height})
		}
	}
	return out
}

// schedule starts range requests while there is room in the pipeline.
func (s *syncer) schedule(peers []syncPeer, head, target int64) {
	for s.inflight < syncMaxInFlight && s.buffered < syncBufferMax {
		var sp span
		fromQueue := len(s.requeue) > 0
		switch {
		case fromQueue:
			sp = s.requeue[0]
		case s.next <= target && s.next <= head+syncAhead:
			sp = span{s.next, min(s.next+syncRangeBlocks-1, target)}
		default:
			return
		}
		p, ok := s.pickPeer(peers, sp.start)
		if !ok {
			return
		}
		sp.end = min(sp.end, p.height, sp.start+syncRangeBlocks-1)
		if fromQueue {
			if sp.end < s.requeue[0].end {
				s.requeue[0].start = sp.end + 1
			} else {
				s.requeue = s.requeue[1:]
			}
		} else {
			s.next = sp.end + 1
		}
		s.launch(sp, p.id)
	}
}

// pickPeer picks the least busy peer that has height start, at random among equals.
func (s *syncer) pickPeer(peers []syncPeer, start int64) (syncPeer, bool) {
	var best []syncPeer
	bestLoad := syncPerPeer
	for _, p := range peers {
		if p.height < start {
			continue
		}
		if _, cooling := s.cool[p.id]; cooling {
			continue
		}
		switch load := s.perPeer[p.id]; {
		case load >= syncPerPeer: // the peer would refuse it (syncServePeer)
		case load < bestLoad:
			best, bestLoad = []syncPeer{p}, load
		case load == bestLoad:
			best = append(best, p)
		}
	}
	if len(best) == 0 {
		return syncPeer{}, false
	}
	return best[rand.IntN(len(best))], true
}

func (s *syncer) launch(sp span, id peer.ID) {
	gen := s.gen
	started := s.h.group.Go(func() {
		r := s.h.fetch(id, sp)
		r.gen = gen
		s.results <- r
	})
	if started {
		s.inflight++
		s.perPeer[id]++
	}
}

func (s *syncer) onFetch(r *fetchResult) {
	s.inflight--
	if s.perPeer[r.peer]--; s.perPeer[r.peer] <= 0 {
		delete(s.perPeer, r.peer)
	}
	if r.gen != s.gen {
		return
	}
	if len(r.blocks) > 0 {
		s.ready[r.span.start] = r
		s.buffered += r.size
	}
	switch {
	case r.bad:
		s.h.block(r.peer, blockDuration, fmt.Sprintf("bad sync response: %v", r.err))
	case r.err != nil || len(r.blocks) == 0:
		s.cool[r.peer] = time.Now().Add(syncCoolDown)
		s.h.log.Debug("sync request failed", "peer", r.peer.String(), "from", r.span.start, "to", r.span.end,
			"got", len(r.blocks), "err", r.err)
	}
	if got := r.span.start + int64(len(r.blocks)); got <= r.span.end {
		s.requeue = append(s.requeue, span{got, r.span.end})
		slices.SortFunc(s.requeue, func(a, b span) int { return int(a.start - b.start) })
	}
}

func (s *syncer) onApplied(a applyResult) {
	if a.gen != s.gen {
		return
	}
	if a.err == nil {
		s.retryDelay = 0
		return
	}
	switch {
	case a.bad:
		s.h.block(a.peer, blockDuration, fmt.Sprintf("served invalid block %d: %v", a.height, a.err))
	case a.local: // logged by applyLocked
		s.retryDelay = min(max(2*s.retryDelay, syncRetryMin), syncRetryMax)
		s.pausedUntil = time.Now().Add(s.retryDelay)
	default:
		s.h.log.Warn("sync applier stopped", "height", a.height, "err", a.err)
	}
	// Start over from our head: what is buffered or in flight of this generation is dropped.
	s.gen++
	s.genA.Store(s.gen)
	clear(s.ready)
	s.requeue, s.buffered, s.next, s.handed = nil, 0, 0, 0
}

// handoff gives the applier the ready blocks that follow what it already has.
func (s *syncer) handoff() {
	for len(s.applyCh) < cap(s.applyCh) {
		want := s.handed + 1
		var r *fetchResult
		for start, x := range s.ready {
			if start <= want && want <= x.end() {
				r = x
				break
			}
		}
		if r == nil {
			return
		}
		delete(s.ready, r.span.start)
		s.buffered -= r.size
		s.applyCh <- &batch{gen: s.gen, peer: r.peer, blocks: r.blocks[want-r.span.start:]}
		s.handed = r.end()
	}
}

// applier applies handed batches in order, one block at a time under applyMu (gossip applies too).
func (h *Host) applier(in <-chan *batch, out chan<- applyResult, gen *atomic.Int64) {
	for {
		var b *batch
		select {
		case <-h.ctx.Done():
			return
		case b = <-in:
		}
		if b.gen != gen.Load() {
			continue
		}
		res := h.applyBatch(b, gen)
		select {
		case out <- res:
		case <-h.ctx.Done():
			return
		}
	}
}

// applyBatch applies a batch without waiting for the disk and then makes what it applied durable with one
// Flush, however the batch ends: one fsync per downloaded range instead of one per block.
func (h *Host) applyBatch(b *batch, gen *atomic.Int64) applyResult {
	res := applyResult{gen: b.gen, peer: b.peer}
	defer h.statusChanged()
	applied := false
	defer func() {
		if applied {
			h.flush()
		}
	}()
	for _, f := range b.blocks {
		if gen.Load() != b.gen || h.ctx.Err() != nil {
			return res
		}
		res.height = f.block.Height
		h.applyMu.Lock()
		head, _ := h.chain.Head()
		if f.block.Height <= head {
			h.applyMu.Unlock()
			continue
		}
		if f.block.Height != head+1 {
			h.applyMu.Unlock()
			res.err = fmt.Errorf("block %d does not follow head %d", f.block.Height, head)
			return res
		}
		peerFault, err := h.applyLocked(f.block, f.cert, f.signed, false)
		h.applyMu.Unlock()
		if err != nil {
			res.err, res.bad, res.local = err, peerFault, !peerFault
			return res
		}
		applied = true
		h.synced.Store(time.Now().UnixNano())
		h.progress.add(h.log, f.block, h.maxPeerHeight())
	}
	return res
}

// flush makes the blocks a batch applied durable. A failure is ours (a failing disk): it is logged once, and
// flush tries again (as sync after a local failure to apply) until it succeeds or the host closes; the
// applier applies nothing meanwhile.
func (h *Host) flush() {
	failed := false
	for wait := syncRetryMin; ; wait = min(2*wait, syncRetryMax) {
		err := h.chain.Flush()
		switch {
		case err == nil:
			if failed {
				h.log.Info("applied blocks durable again")
			}
			return
		case !failed:
			failed = true
			h.log.Error("cannot make applied blocks durable, not the peer's fault; retrying", "err", err)
		default:
			h.log.Debug("cannot make applied blocks durable", "err", err)
		}
		select {
		case <-h.ctx.Done():
			return
		case <-time.After(wait):
		}
	}
}

// applyLocked applies a block from a peer (applyMu held) and reports whether the peer is to blame for a
// failure: only for an invalid block (types.ErrInvalidBlock). Any other failure is ours (a full disk, a
// failing store): it is logged once until a block applies again, and the caller tries again later.
func (h *Host) applyLocked(b *types.Block, cert []byte, signed, synced bool) (peerFault bool, err error) {
	err = h.chain.ApplyBlock(b, cert, signed, synced)
	switch {
	case err == nil:
		if h.applyFailing {
			h.applyFailing = false
			h.log.Info("blocks apply again", "height", b.Height)
		}
	case errors.Is(err, types.ErrInvalidBlock):
		return true, err
	case !h.applyFailing:
		h.applyFailing = true
		h.log.Error("cannot apply block, not the peer's fault; retrying", "height", b.Height, "err", err)
	default:
		h.log.Debug("cannot apply block", "height", b.Height, "err", err)
	}
	return false, err
}

func (h *Host) maxPeerHeight() int64 {
	h.mu.Lock()
	defer h.mu.Unlock()
	m := int64(-1)
	for _, ps := range h.peers {
		if ps.up {
			m = max(m, ps.st.height)
		}
	}
	return m
}

var errBadResponse = errors.New("bad response")

// fetch requests a span from a peer and reads what it sends, checking every frame as it arrives.
func (h *Host) fetch(id peer.ID, sp span) *fetchResult {
	r := &fetchResult{span: sp, peer: id}
	ctx, cancel := context.WithTimeout(h.ctx, syncTimeout)
	defer cancel()
	s, err := h.openStream(ctx, id, h.protos.sync)
	if err != nil {
		r.err = err
		return r
	}
	defer s.Reset()
	_ = s.SetDeadline(time.Now().Add(syncTimeout))
	if err := netkit.WriteFrame(s, syncRequest{start: sp.start, count: sp.end - sp.start + 1}.marshal()); err != nil {
		r.err = err
		return r
	}
	_ = s.CloseWrite()
	br := bufio.NewReaderSize(s, 64<<10)
	var prev []byte
	for height := sp.start; height <= sp.end; height++ {
		frame, err := netkit.ReadFrame(br, maxBlockEntry)
		if err == io.EOF {
			r.preverify(h.chain)
			return r // the peer sent what it had
		}
		if err != nil {
			r.err, r.bad = err, errors.Is(err, netkit.ErrFrameTooLarge)
			return r
		}
		if r.size > 0 && r.size+len(frame) > syncRespBytes {
			r.err, r.bad = fmt.Errorf("%w: more than %d bytes", errBadResponse, syncRespBytes), true
			return r
		}
		b, cert, err := decodeBlockEntry(frame)
		if err != nil {
			r.err, r.bad = fmt.Errorf("%w: height %d: %v", errBadResponse, height, err), true
			return r
		}
		if b.Height != height {
			r.err, r.bad = fmt.Errorf("%w: block %d where %d was requested", errBadResponse, b.Height, height), true
			return r
		}
		if prev != nil && !bytes.Equal(b.ParentHash, prev) {
			r.err, r.bad = fmt.Errorf("%w: block %d does not follow block %d", errBadResponse, height, height-1), true
			return r
		}
		prev = types.BlockHash(b)
		r.blocks = append(r.blocks, fetched{block: b, cert: cert})
		r.size += len(frame)
	}
	r.preverify(h.chain)
	return r
}

// preverify checks the blocks received ahead of the applier, on the fetching goroutine: a node catching
// up uses every core while blocks are applied one by one.
func (r *fetchResult) preverify(c Chain) {
	blocks := make([]*types.Block, len(r.blocks))
	certs := make([][]byte, len(r.blocks))
	for i, f := range r.blocks {
		blocks[i], certs[i] = f.block, f.cert
	}
	for i, ok := range c.Preverify(blocks, certs) {
		r.blocks[i].signed = ok
	}
}

// handleSync serves a range request: consecutive committed blocks with certificates from start, at most
// syncRangeBlocks and syncRespBytes (but at least one block).
func (h *Host) handleSync(s network.Stream) {
	id := s.Conn().RemotePeer()
	h.mu.Lock()
	ps := h.peers[id]
	ok := ps != nil && ps.serving < syncServePeer
	if ok {
		ps.serving++
	}
	h.mu.Unlock()
	if !ok {
		h.log.Debug("sync request refused: too many in flight from the peer", "peer", id.String())
		s.Reset()
		return
	}
	h.waitUp(ps) // counting against the peer's own limit meanwhile, not against all peers'
	h.mu.Lock()
	up := ps.up
	ok = up && h.serving < syncServeMax
	if ok {
		h.serving++
	} else {
		ps.serving--
	}
	h.mu.Unlock()
	if !ok {
		h.log.Debug("sync request refused: peer not up, or too many in flight from all peers", "peer", id.String(), "up", up)
		s.Reset()
		return
	}
	var once sync.Once
	release := func() {
		once.Do(func() {
			h.mu.Lock()
			ps.serving--
			h.serving--
			h.mu.Unlock()
		})
	}
	ok = h.serveRange(s, release)
	release()
	if ok {
		_ = s.Close()
		return
	}
	s.Reset()
}

// waitUp waits, for at most syncUpWait, until a peer is up: it may ask for blocks as soon as it has taken our
// status, before we have taken its (each side takes the other's on the stream it opened and on the one it
// accepted, in either order), and a refusal would cool it down for seconds.
func (h *Host) waitUp(ps *peerState) {
	t := time.NewTimer(syncUpWait)
	defer t.Stop()
	select {
	case <-ps.upCh:
	case <-ps.ctx.Done():
	case <-t.C:
	}
}

// syncServed, if set, is called when a range response is written, before the stream closes (tests).
var syncServed func()

// serveRange answers one range request on s; false if s is to be reset. It calls release before the
// response's last frame leaves: the peer may ask again as soon as it has read it, and must not be refused
// (and cool down) for a request we were still counting.
func (h *Host) serveRange(s network.Stream, release func()) bool {
	_ = s.SetDeadline(time.Now().Add(syncTimeout))
	b, err := netkit.ReadFrame(bufio.NewReader(s), 64)
	if err != nil {
		return false
	}
	var req syncRequest
	if err := req.unmarshal(b); err != nil || req.start < 1 || req.count < 1 {
		return false
	}
	head, _ := h.chain.Head()
	end := min(req.start+min(req.count, syncRangeBlocks)-1, head)
	total := 0
	// Buffered: a frame a block would be a stream write (an encrypted frame, a syscall) a block.
	bw := bufio.NewWriterSize(s, 64<<10)
	for height := req.start; height <= end; height++ {
		blk, cert, err := h.chain.Block(height)
		if err != nil || len(cert) == 0 {
			h.log.Debug("cannot serve block", "height", height, "err", err)
			break
		}
		data, err := encodeBlockEntry(blk, cert)
		if err != nil || len(data) > maxBlockEntry || (total > 0 && total+len(data) > syncRespBytes) {
			break
		}
		if height == end {
			release() // a large frame leaves as it is written, not at the flush
		}
		if err := netkit.WriteFrame(bw, data); err != nil {
			return false
		}
		total += len(data)
	}
	release() // a response cut short ends only when the stream closes
	if bw.Flush() != nil {
		return false
	}
	if syncServed != nil {
		syncServed()
	}
	return true
}

// syncProgress tracks and logs catching up.
type syncProgress struct {
	mu          sync.Mutex
	active      bool
	start       time.Time
	startHeight int64
	target      int64
	blocks      int64
	txs         int64
	nextLog     int64
	verbose     bool // far enough behind to log at info level
}

func (p *syncProgress) isActive() bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.active
}

func (p *syncProgress) begin(log *slog.Logger, head, target int64, peers int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.target = max(p.target, target)
	if p.active {
		return
	}
	p.active, p.start, p.startHeight, p.target, p.blocks, p.txs, p.nextLog = true, time.Now(), head, target, 0, 0, syncLogEvery
	p.verbose = target-head >= syncVerboseLag
	p.level(log)("catching up", "height", head, "target", target, "peers", peers)
}

func (p *syncProgress) add(log *slog.Logger, b *types.Block, target int64) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if !p.active {
		return
	}
	p.blocks++
	p.txs += int64(len(b.Txs))
	p.target = max(p.target, target)
	if p.blocks >= p.nextLog {
		p.nextLog += syncLogEvery
		secs := time.Since(p.start).Seconds()
		log.Info("sync progress", "height", b.Height, "target", p.target, "blocks", p.blocks,
			"blocks_per_s", rate(p.blocks, secs), "tx_per_s", rate(p.txs, secs))
	}
}

func (p *syncProgress) end(log *slog.Logger, head int64) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if !p.active {
		return
	}
	p.active = false
	secs := time.Since(p.start).Seconds()
	p.level(log)("caught up", "height", head, "blocks", p.blocks, "txs", p.txs, "seconds", rate(int64(secs*10), 10),
		"blocks_per_s", rate(p.blocks, secs), "tx_per_s", rate(p.txs, secs))
}

// level is Info when far behind, Debug for the odd block that gossip did not bring in time.
func (p *syncProgress) level(log *slog.Logger) func(string, ...any) {
	if p.verbose {
		return log.Info
	}
	return log.Debug
}

func rate(n int64, secs float64) float64 {
	if secs <= 0 {
		return 0
	}
	return float64(int64(float64(n)/secs*10)) / 10
}
