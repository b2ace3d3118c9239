package flood

import (
	"context"
	"io"
	"log/slog"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"chain33node/consensus/qbft"
	"chain33node/consensus/transport"
	"chain33node/crypto"
	"chain33node/types"

	"google.golang.org/protobuf/proto"
)

// validator is a real consensus transport with a validator key that
// broadcasts Status{7, 2} and a vote of validator 3 ten times a second, and
// counts what it receives.
type validator struct {
	host *transport.Host
	key  *crypto.BLSPrivKey

	mu   sync.Mutex
	got  map[string][]*qbft.Message // by attack name, decoded as the driver does
	junk int                        // frames that do not decode
	from map[string]bool
}

func startValidator(t *testing.T, onMessage func(v *validator, from transport.Peer)) *validator {
	t.Helper()
	v := &validator{key: crypto.GenerateBLSKey(), got: map[string][]*qbft.Message{}, from: map[string]bool{}}
	h, err := transport.New(transport.Config{
		ListenAddr: "127.0.0.1:0", KeyFile: filepath.Join(t.TempDir(), "node_key"), ChainID: "flood-test",
		GenesisHash: make([]byte, 32), NodeKey: v.key.PubKey().Bytes(), Sign: v.key.Sign,
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil)),
	}, func(from transport.Peer, data []byte) {
		v.receive(data)
		v.mu.Lock()
		v.from[from.ID] = true
		v.mu.Unlock()
		if onMessage != nil {
			onMessage(v, from)
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := h.Start(); err != nil {
		t.Fatal(err)
	}
	v.host = h
	stop := make(chan struct{})
	done := make(chan struct{})
	go func() {
		defer close(done)
		st, _ := proto.Marshal(&qbft.Message{Msg: &qbft.Message_Status{Status: &qbft.Status{Height: 7, Round: 2}}})
		vote, _ := proto.Marshal(&qbft.Message{Msg: &qbft.Message_Vote{Vote: &qbft.Vote{Height: 7, Round: 2, Type: types.Prevote, ValidatorIndex: 3}}})
		for {
			h.Broadcast(st)
			h.Broadcast(vote)
			select {
			case <-stop:
				return
			case <-time.After(100 * time.Millisecond):
			}
		}
	}()
	t.Cleanup(func() { close(stop); <-done; h.Close() })
	return v
}

func (v *validator) receive(data []byte) {
	v.mu.Lock()
	defer v.mu.Unlock()
	m, err := qbft.DecodeMessage(data)
	if err != nil {
		v.junk++
		return
	}
	kind := "?"
	switch {
	case m.GetVote() != nil && len(m.GetVote().Signature) == crypto.BLSSigSize:
		kind = Votes.String()
	case m.GetVote() != nil:
		kind = LongSigs.String()
	case m.GetStatus().GetHeight() == 1:
		kind = Catchup.String()
	case m.GetStatus() != nil:
		kind = Status.String()
	case m.GetProposal() != nil:
		kind = Proposals.String()
	}
	v.got[kind] = append(v.got[kind], m)
}

func (v *validator) messages(kind Kind) []*qbft.Message {
	v.mu.Lock()
	defer v.mu.Unlock()
	return v.got[kind.String()]
}

func runFor(t *testing.T, d time.Duration, cfg Config) *Report {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), d)
	defer cancel()
	cfg.Log = t.Logf
	rep, err := Run(ctx, cfg)
	if err != nil {
		t.Fatal(err)
	}
	return rep
}

// Every attack reaches a real transport and decodes as the driver decodes
// it, aimed at what the target announced: its height, round and validators.
func TestAttacksReachTheTarget(t *testing.T) {
	v := startValidator(t, nil)
	var rates [NumKinds]float64
	for k := range rates {
		rates[k] = 20
	}
	rep := runFor(t, 3*time.Second, Config{Targets: []string{v.host.Addr()}, Conns: 2, Rates: rates, Block: 1000, LongSig: 500})
	tr := rep.Targets[0]
	if tr.ChainID != "flood-test" || tr.Height != 7 || tr.Sessions != 2 || tr.EndedByTarget != 0 || tr.CutOff || tr.MsgsReceived == 0 {
		t.Fatalf("report %+v", tr)
	}
	for _, m := range v.messages(Votes) {
		vt := m.GetVote()
		if vt.Height != 7 || vt.Round != 2 || vt.ValidatorIndex < 0 || vt.ValidatorIndex > 3 || len(vt.BlockHash) != 32 {
			t.Fatalf("junk vote %v", vt)
		}
	}
	for _, m := range v.messages(LongSigs) {
		if len(m.GetVote().Signature) != 500 {
			t.Fatalf("long signature of %d bytes", len(m.GetVote().Signature))
		}
	}
	for _, m := range v.messages(Status) {
		if s := m.GetStatus(); s.Height != 7 || s.Round != 0 || len(s.Prevotes)+len(s.Precommits) != 0 {
			t.Fatalf("status request %v", s)
		}
	}
	for _, m := range v.messages(Proposals) {
		p := m.GetProposal()
		if p.Height <= 7 || p.Height > 7+futureHeights || p.Block.GetHeight() != p.Height || len(p.Block.Txs[0].Payload) != 1000 {
			t.Fatalf("proposal at %d of a block at %d", p.Height, p.Block.GetHeight())
		}
	}
	for k := range NumKinds {
		got := len(v.messages(k))
		if k == Garbage {
			v.mu.Lock()
			got = v.junk
			v.mu.Unlock()
		}
		// Some garbage decodes by chance as some message; nothing else may be lost.
		if sent := tr.Sent[k.String()]; sent < 20 || got < int(sent)*9/10 || got > int(sent) {
			t.Errorf("%s: sent %d, the target received %d", k, sent, got)
		}
	}
}

// A target that bans whoever sends it anything (as a hardened driver bans an
// observer's vote) has the outsider cut off: each identity is banned, and
// after a few the outsider's IP is refused.
func TestBannedOutsiderIsCutOff(t *testing.T) {
	v := startValidator(t, func(v *validator, from transport.Peer) {
		v.host.Ban(from.ID, transport.ReasonNotValidator, "a vote from an observer", time.Minute)
	})
	var rates [NumKinds]float64
	rates[Votes] = 50
	rep := runFor(t, 6*time.Second, Config{Targets: []string{v.host.Addr()}, Rates: rates, Redial: 200 * time.Millisecond})
	tr := rep.Targets[0]
	if !tr.CutOff || tr.EndedByTarget == 0 || tr.Refused == 0 || tr.FirstCutOff < 0 {
		t.Fatalf("not cut off: %+v", tr)
	}
	if st := v.host.Stats(); st.Bans[transport.ReasonNotValidator] != uint64(tr.EndedByTarget) {
		t.Errorf("%d bans, %d sessions ended", st.Bans[transport.ReasonNotValidator], tr.EndedByTarget)
	}
}

// Claiming the target's own validator key without holding it fails the
// proof of possession: the target bans that identity in the handshake.
func TestClaimedKeyIsBanned(t *testing.T) {
	v := startValidator(t, nil)
	var rates [NumKinds]float64
	rates[Catchup] = 5
	rep := runFor(t, 4*time.Second, Config{Targets: []string{v.host.Addr()}, Rates: rates, Claim: "target", Redial: 200 * time.Millisecond})
	tr := rep.Targets[0]
	if bans := v.host.Stats().Bans[transport.ReasonBadProof]; bans == 0 {
		t.Fatalf("no bad_proof ban; report %+v", tr)
	}
	if tr.Sessions == 0 || tr.Refused == 0 || !tr.CutOff {
		t.Fatalf("report %+v", tr)
	}
}
