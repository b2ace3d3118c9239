package qbft

import (
	"log/slog"
	"sync"
	"time"

	"chain33node/types"

	"golang.org/x/time/rate"
	"google.golang.org/protobuf/proto"
)

// ServeLimits bound what peers, validators and observers alike, may ask of
// this node: the commits a peer behind us lacks (catch-up, read from the
// store on the server's own goroutine, never the consensus loop's) and the
// proposal and votes of our height that its status says it lacks.
type ServeLimits struct {
	Commits   int           // commits per catch-up answer; default 32
	PeerRate  float64       // bytes per second sent to one peer on request; default 16 MiB/s
	TotalRate float64       // bytes per second sent on request in all; default 64 MiB/s
	Burst     int           // bytes sent at once (per peer, and in all); default 64 MiB: a largest block fits
	Repeat    time.Duration // an answer already sent to a peer is not sent again within this; default the status tick
	Queue     int           // catch-up requests waiting (one per peer); default 64
}

func (l *ServeLimits) setDefaults(tick time.Duration) {
	if l.Commits <= 0 {
		l.Commits = 32
	}
	if l.PeerRate <= 0 {
		l.PeerRate = 16 << 20
	}
	if l.TotalRate <= 0 {
		l.TotalRate = 64 << 20
	}
	if l.Burst <= 0 {
		l.Burst = 64 << 20
	}
	if l.Repeat <= 0 {
		l.Repeat = tick
	}
	if l.Queue <= 0 {
		l.Queue = 64
	}
}

// ServeStats count what was served and refused.
type ServeStats struct {
	Commits    int64 // commits sent to peers behind us
	Answers    int64 // proposals and votes sent to peers at our height
	Bytes      int64 // bytes of both
	Repeated   int64 // requests or answers not served again within ServeLimits.Repeat
	Limited    int64 // not served: over a rate, or the request queue full
	Unreadable int64 // commits that could not be read from the store
}

// server answers peers within ServeLimits. reply runs on the consensus
// loop; serveNext (catch-up) on the server's goroutine in production and on
// the simulation's timeline in tests.
type server struct {
	lim   ServeLimits
	app   App
	clock Clock
	log   *slog.Logger
	trans func() Transport
	reqs  chan string // peers with a catch-up request waiting

	mu      sync.Mutex
	pending map[string]int64 // the height each waiting request starts at
	peers   map[string]*servePeer
	total   *rate.Limiter
	st      ServeStats
}

type servePeer struct {
	limit    *rate.Limiter
	answered map[answerKey]time.Time // proposals and votes of our height sent
	from     int64                   // the last catch-up served began here
	at       time.Time               // and was served then
	seen     time.Time
}

func newServer(lim ServeLimits, tick time.Duration, app App, clock Clock, log *slog.Logger, trans func() Transport) *server {
	lim.setDefaults(tick)
	return &server{lim: lim, app: app, clock: clock, log: log, trans: trans, reqs: make(chan string, lim.Queue),
		pending: make(map[string]int64), peers: make(map[string]*servePeer),
		total: rate.NewLimiter(rate.Limit(lim.TotalRate), lim.Burst)}
}

func (s *server) stats() ServeStats {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.st
}

func (s *server) peerLocked(name string, now time.Time) *servePeer {
	p := s.peers[name]
	if p == nil {
		p = &servePeer{limit: rate.NewLimiter(rate.Limit(s.lim.PeerRate), s.lim.Burst), answered: make(map[answerKey]time.Time)}
		s.peers[name] = p
	}
	p.seen = now
	return p
}

// allowLocked takes n bytes from the peer's and the total budget, or
// neither.
func (s *server) allowLocked(p *servePeer, now time.Time, n int) bool {
	a := p.limit.ReserveN(now, n)
	if !a.OK() || a.DelayFrom(now) > 0 {
		a.CancelAt(now)
		s.st.Limited++
		return false
	}
	b := s.total.ReserveN(now, n)
	if !b.OK() || b.DelayFrom(now) > 0 {
		b.CancelAt(now)
		a.CancelAt(now)
		s.st.Limited++
		return false
	}
	s.st.Bytes += int64(n)
	return true
}

// newHeight forgets the answers of the height before and the peers idle
// for a while.
func (s *server) newHeight() {
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.clock.Now()
	for name, p := range s.peers {
		if now.Sub(p.seen) > time.Minute {
			delete(s.peers, name)
			continue
		}
		clear(p.answered)
	}
}

// answerKey names a proposal (typ 0), vote or transactions of a proposal
// for the repeat window.
type answerKey struct {
	height int64
	round  int32
	typ    uint32
	index  int32
	hash   string
}

const answerTxs = 3 // answerKey.typ of transactions of a proposal (votes are 1 and 2)

func keyOf(m *Message) answerKey {
	if v := m.GetVote(); v != nil {
		return answerKey{v.Height, v.Round, v.Type, v.ValidatorIndex, string(v.BlockHash)}
	}
	p := m.GetProposal()
	return answerKey{height: p.GetHeight(), round: p.GetRound()}
}

// reply sends a peer at our height a message its status says it lacks,
// unless it was sent to it within Repeat or the peer is over its rate.
func (s *server) reply(peer string, m *Message) {
	s.replyWith(peer, keyOf(m), func() *Message { return m })
}

// replyWith is reply for an answer that costs to build: build runs only if
// the answer is not a repeat.
func (s *server) replyWith(peer string, key answerKey, build func() *Message) {
	t := s.trans()
	if peer == "" || t == nil {
		return
	}
	now := s.clock.Now()
	s.mu.Lock()
	p := s.peerLocked(peer, now)
	if at, ok := p.answered[key]; ok && now.Sub(at) < s.lim.Repeat {
		s.st.Repeated++
		s.mu.Unlock()
		return
	}
	s.mu.Unlock()
	data, err := proto.Marshal(build())
	if err != nil {
		return
	}
	s.mu.Lock()
	ok := s.allowLocked(p, now, len(data))
	if ok {
		p.answered[key] = now
		s.st.Answers++
	}
	s.mu.Unlock()
	if ok {
		if err := t.Send(peer, data); err != nil {
			s.log.Debug("send failed", "peer", peer, "err", err)
		}
	}
}

// request queues a catch-up for a peer whose status says it is at height
// from, below ours. A peer has one request waiting at most; one served
// lately from the same height is not served again within Repeat.
func (s *server) request(peer string, from int64) {
	from = max(from, 1)
	now := s.clock.Now()
	s.mu.Lock()
	defer s.mu.Unlock()
	p := s.peerLocked(peer, now)
	if p.from == from && now.Sub(p.at) < s.lim.Repeat {
		s.st.Repeated++
		return
	}
	if _, waiting := s.pending[peer]; waiting {
		s.pending[peer] = from
		return
	}
	select {
	case s.reqs <- peer:
		s.pending[peer] = from
	default:
		s.st.Limited++
	}
}

// run serves catch-up requests until stop is closed.
func (s *server) run(stop <-chan struct{}) {
	for {
		select {
		case <-stop:
			return
		case peer := <-s.reqs:
			s.serve(peer)
		}
	}
}

// serve sends a waiting peer up to Commits commits from its height on,
// read from the store, as long as its rate allows.
func (s *server) serve(peer string) {
	s.mu.Lock()
	from, ok := s.pending[peer]
	delete(s.pending, peer)
	s.mu.Unlock()
	t := s.trans()
	if !ok || t == nil {
		return
	}
	head, _ := s.app.Head()
	for h := from; h <= head && h < from+int64(s.lim.Commits); h++ {
		b, raw, err := s.app.Committed(h)
		var cert *types.Certificate
		if err == nil {
			cert, err = types.DecodeCertificate(raw)
		}
		var data []byte
		if err == nil {
			data, err = proto.Marshal(&Message{Msg: &Message_Commit{Commit: &Commit{Block: b, Cert: cert}}})
		}
		now := s.clock.Now()
		s.mu.Lock()
		if err != nil {
			s.st.Unreadable++
			s.mu.Unlock()
			s.log.Debug("catch-up: commit unreadable", "height", h, "err", err)
			return
		}
		p := s.peerLocked(peer, now)
		if !s.allowLocked(p, now, len(data)) {
			s.mu.Unlock()
			return
		}
		s.st.Commits++
		p.from, p.at = from, now
		s.mu.Unlock()
		if err := t.Send(peer, data); err != nil {
			s.log.Debug("catch-up send failed", "peer", peer, "err", err)
			return
		}
	}
}
