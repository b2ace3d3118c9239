package qbft

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"chain33node/crypto"
	"chain33node/disktest"
	"chain33node/types"

	"google.golang.org/protobuf/proto"
)

// Attacks on the driver: who may send what, what goes to the WAL, what a
// peer may ask of us, and storage that fails under us.

// Votes and proposals of our height are taken from the validators of the
// height only: anyone else is reported (and dropped before it is queued);
// of a later height from an unknown key they are dropped unreported (it may
// be a validator of that height). Observers' status is answered.
func TestDriverRoles(t *testing.T) {
	dt := newDriverTest(t, 1)
	if len(dt.net.validators) != 4 {
		t.Fatalf("SetValidators got %d keys, want the 4 of height 1", len(dt.net.validators))
	}
	B := dt.block("B", 1)
	outsider := bytes.Repeat([]byte{0x99}, 48)
	dt.deliverAs("x", outsider, dt.proposal(1, 0, B))
	dt.deliverAs("y", nil, dt.vote(0, 1, 0, types.Prevote, B))
	if len(dt.net.misbehaved) != 2 || dt.net.misbehaved[0].Offence != OffenceNotValidator || dt.net.misbehaved[1].Peer != "y" {
		t.Fatalf("reported %+v", dt.net.misbehaved)
	}
	if p, v := walMessages(t, dt.wal, 1); len(dt.app.validated) != 0 || p+v != 0 {
		t.Fatalf("a non-validator's proposal was handled: validated %v, %d WAL records", dt.app.validated, p+v)
	}
	dt.deliverAs("z", outsider, dt.vote(0, 2, 0, types.Prevote, nil))
	if len(dt.net.misbehaved) != 2 || dt.d.future.held() != 0 {
		t.Fatalf("a later height's vote from an unknown key: reported %+v, %d kept", dt.net.misbehaved, dt.d.future.held())
	}
	// A validator relays; an observer's status gets answers.
	dt.deliver(0, dt.proposal(1, 0, B))
	dt.deliverAs("obs", nil, &Message{Msg: &Message_Status{Status: &Status{Height: 1, ValidRound: -1}}})
	if len(dt.net.sends) == 0 || !strings.HasPrefix(dt.net.sends[0], "obs: proposal") {
		t.Fatalf("observer's status answered with %v", dt.net.sends)
	}

	// The set changes at height 2: the transport is told the new keys and
	// the old ones (peers still finishing height 1).
	joined := bytes.Repeat([]byte{5}, 48)
	next := dt.vals.Copy()
	next.Add(&types.Validator{Address: crypto.ValidatorAddress(joined), PubKey: joined, Power: 10})
	dt.app.mu.Lock()
	dt.app.vals = next
	dt.app.mu.Unlock()
	dt.deliver(2, dt.commitMsg(B))
	dt.at(2, 0, "NewHeight")
	if len(dt.net.validators) != 5 {
		t.Fatalf("SetValidators at height 2 got %d keys, want 5", len(dt.net.validators))
	}
	if r := dt.d.roles.Load(); r.height != 2 || !r.cur[string(joined)] {
		t.Fatal("the joined validator may not vote at height 2")
	}
}

// walMessages counts height h's message records in the WAL by kind of message.
func walMessages(t *testing.T, w WAL, h int64) (proposals, votes int) {
	t.Helper()
	recs, err := w.Records(h)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range recs {
		if r[0] != walMessage {
			continue
		}
		m := &Message{}
		if err := proto.Unmarshal(r[1:], m); err != nil {
			t.Fatal(err)
		}
		if m.GetProposal() != nil {
			proposals++
		} else if m.GetVote() != nil {
			votes++
		}
	}
	return proposals, votes
}

// The WAL holds what the core verified and kept, once: copies of a message
// and junk are not logged.
func TestDriverLogsOnceWhatTheCoreKept(t *testing.T) {
	dt := newDriverTest(t, 3)
	B := dt.block("B", 1)
	for range 3 {
		dt.deliver(0, dt.proposal(1, 0, B))
	}
	junk := dt.vote(0, 1, 0, types.Prevote, B)
	junk.GetVote().Signature = bytes.Repeat([]byte{1}, 96)
	dt.deliver(2, junk)
	for range 3 {
		dt.deliver(0, dt.vote(0, 1, 0, types.Prevote, B))
		dt.deliver(1, dt.vote(1, 1, 0, types.Prevote, B))
	}
	dt.expectSent("h1 prevote r0 B1 by v3", "h1 precommit r0 B1 by v3")
	if p, v := walMessages(t, dt.wal, 1); p != 1 || v != 4 { // the proposal; v0's, v1's and our two votes
		t.Fatalf("WAL holds %d proposals and %d votes", p, v)
	}
	if len(dt.net.misbehaved) != 1 || dt.net.misbehaved[0].Peer != "2" {
		t.Fatalf("the junk's sender not reported: %+v", dt.net.misbehaved)
	}
}

// commitChain writes heights 1..n beside the driver, as block sync does.
func (dt *driverTest) commitChain(n int64) {
	dt.t.Helper()
	for h := int64(1); h <= n; h++ {
		b := dt.block("S", h)
		dt.syncBlock(b)
	}
}

// statusFrom is a Status of height h from a peer.
func statusFrom(h int64, prevotes []byte) *Message {
	return &Message{Msg: &Message_Status{Status: &Status{Height: h, ValidRound: -1, Prevotes: prevotes, Precommits: prevotes}}}
}

// Catch-up is served apart from the consensus loop, from the store, within
// the peer's rate, once per window for the same request (the 20-byte Status
// that pulled 32 blocks each time).
func TestDriverCatchupServedApart(t *testing.T) {
	commitSize := 0
	dt := newDriverTestIn(t, 1, t.TempDir(), func(c *DriverConfig) {
		if commitSize > 0 {
			c.Serve.Burst, c.Serve.PeerRate = 4*commitSize, float64(commitSize) // 4 at once, then 1 a second
		}
	})
	dt.commitChain(40)
	b, raw, _ := dt.app.Committed(1)
	cert, _ := types.DecodeCertificate(raw)
	commitSize = proto.Size(&Message{Msg: &Message_Commit{Commit: &Commit{Block: b, Cert: cert}}}) + 8
	dt.boot(dt.signer())
	if h, _, _ := dt.d.Status(); h != 41 {
		t.Fatalf("driver at height %d on head 40", h)
	}

	data, _ := proto.Marshal(statusFrom(1, nil))
	dt.d.Receive("lag", nil, data)
	reads := dt.app.reads
	dt.d.process(<-dt.d.inbox) // the loop only queues the request
	if dt.app.reads != reads || len(dt.d.serve.reqs) != 1 {
		t.Fatalf("the loop read %d commits; %d requests queued", dt.app.reads-reads, len(dt.d.serve.reqs))
	}
	runQueued(dt.d, always) // the server
	if n := len(dt.net.sends); n != 4 {
		t.Fatalf("%d commits sent at once, the burst allows 4", n)
	}
	dt.deliverAs("lag", nil, statusFrom(1, nil)) // the same request again, at once
	if n := len(dt.net.sends); n != 4 || dt.d.Stats().Served.Repeated != 1 {
		t.Fatalf("a repeated request served again: %d sends, %+v", n, dt.d.Stats().Served)
	}
	dt.advance(3 * time.Second) // the rate refills 3 commits; the window is over
	dt.deliverAs("lag", nil, statusFrom(5, nil))
	if n := len(dt.net.sends); n < 6 || n > 8 || !strings.HasPrefix(dt.net.sends[4], "lag: commit") {
		t.Fatalf("after 3 s: %d commits sent in all, want 6 to 8: %v", n, dt.net.sends[4:])
	}
	if st := dt.d.Stats().Served; st.Limited < 2 || st.Commits != int64(len(dt.net.sends)) {
		t.Fatalf("serve stats %+v", st)
	}
}

// A Status of our height gets what the peer lacks, once per window; one
// that lacks nothing gets nothing.
func TestDriverAnswersStatusOncePerWindow(t *testing.T) {
	dt := newDriverTest(t, 1)
	B := dt.block("B", 1)
	dt.deliver(0, dt.proposal(1, 0, B))
	dt.deliver(0, dt.vote(0, 1, 0, types.Prevote, B))
	dt.advance(driverTestConfig.Tick) // our status verifies v0's vote
	all := []byte{0b1111}
	dt.deliverAs("p", nil, statusFrom(1, all))
	if len(dt.net.sends) != 1 { // the proposal only
		t.Fatalf("status lacking only the proposal got %v", dt.net.sends)
	}
	full := statusFrom(1, all)
	full.GetStatus().HasProposal = true
	dt.deliverAs("p", nil, full)
	if len(dt.net.sends) != 1 {
		t.Fatalf("a status that lacks nothing got %v", dt.net.sends)
	}
	for range 5 {
		dt.deliverAs("p", nil, statusFrom(1, nil))
	}
	if len(dt.net.sends) != 3 { // and v0's and our prevote, once
		t.Fatalf("five empty statuses got %d answers: %v", len(dt.net.sends), dt.net.sends)
	}
	dt.advance(driverTestConfig.Tick)
	dt.deliverAs("p", nil, statusFrom(1, nil))
	if len(dt.net.sends) != 6 {
		t.Fatalf("after the window: %d answers", len(dt.net.sends))
	}
}

// faultRecorder is the node's health.Faults as the driver sees it.
type faultRecorder struct{ events []string }

func (f *faultRecorder) Set(c string, err error) {
	f.events = append(f.events, "set "+c+": "+err.Error())
}
func (f *faultRecorder) Clear(c string) { f.events = append(f.events, "clear "+c) }

// countingSigner counts the signatures asked of it.
type countingSigner struct {
	Signer
	n int
}

func (s *countingSigner) Sign(h int64, r int32, st uint8, msg []byte) ([]byte, error) {
	s.n++
	return s.Signer.Sign(h, r, st, msg)
}

// A WAL that cannot write (a full disk) stops the validator at once: the
// vote that could not be logged is not sent, nothing more is signed, the
// fault is reported once with the file and the cause; once the disk has
// room it resumes, and a restart finds its lock in the WAL.
func TestDriverWALFailureStopsSigning(t *testing.T) {
	mnt := disktest.Mount(t, 1<<20)
	faults := &faultRecorder{}
	dt := newDriverTestIn(t, 3, filepath.Join(mnt, "wal"), func(c *DriverConfig) { c.Faults = faults })
	signer := &countingSigner{Signer: dt.signer()}
	dt.boot(signer)
	B, C := dt.block("B", 1), dt.block("C", 1)
	dt.deliver(0, dt.proposal(1, 0, B))
	dt.deliver(0, dt.vote(0, 1, 0, types.Prevote, B))
	dt.deliver(1, dt.vote(1, 1, 0, types.Prevote, B))
	dt.expectSent("h1 prevote r0 B1 by v3", "h1 precommit r0 B1 by v3") // locked on B
	dt.deliver(0, dt.vote(0, 1, 0, types.Precommit, nil))
	dt.deliver(1, dt.vote(1, 1, 0, types.Precommit, nil))
	dt.advance(coreTestTimeouts.Precommit)
	dt.at(1, 1, "Propose")

	fillSegment(t, dt.wal, dt.dir, 1)
	free := disktest.Fill(t, mnt, 0)
	dt.deliver(1, dt.proposal(1, 1, C)) // we prevote nil: signed, not logged, not sent
	dt.expectSent()
	st := dt.d.Stats()
	if !st.Halted || st.Halts != 1 || len(faults.events) != 1 || !strings.HasPrefix(faults.events[0], "set wal: consensus stopped signing and sending") ||
		!strings.Contains(faults.events[0], mnt) || !strings.Contains(faults.events[0], syscall.ENOSPC.Error()) {
		t.Fatalf("stats %+v, faults %q", st, faults.events)
	}
	signed := signer.n
	for _, i := range []int{0, 1, 2} {
		dt.deliver(i, dt.vote(i, 1, 1, types.Prevote, nil))
	}
	dt.advance(coreTestTimeouts.Prevote + coreTestTimeouts.PrevoteDelta) // a precommit nil is due: not signed
	dt.expectSent()
	if signer.n != signed {
		t.Fatalf("%d signatures asked while halted", signer.n-signed)
	}
	dt.advance(3 * time.Second) // probes fail: still halted
	if !dt.d.Stats().Halted || len(faults.events) != 1 {
		t.Fatalf("resumed on a full disk: %q", faults.events)
	}

	free()
	dt.advance(time.Second) // the next probe succeeds; the votes not given are given now
	if dt.d.Stats().Halted || len(faults.events) != 2 || faults.events[1] != "clear wal" {
		t.Fatalf("not resumed: %q", faults.events)
	}
	dt.expectSent("h1 prevote r1 nil by v3", "h1 precommit r1 nil by v3")
	for _, i := range []int{0, 1, 2} {
		dt.deliver(i, dt.vote(i, 1, 1, types.Precommit, nil))
	}
	dt.advance(coreTestTimeouts.Precommit + coreTestTimeouts.PrecommitDelta)
	dt.at(1, 2, "Propose")
	dt.deliver(2, dt.proposal(1, 2, C))
	dt.expectSent("h1 prevote r2 nil by v3") // signing again, still locked on B

	dt.restart()
	if c := dt.d.core; c.lockedRound != 0 || !bytes.Equal(c.lockedHash, types.BlockHash(B)) {
		t.Fatalf("after restart locked on %s in r%d, want B1 in r0", dt.names.name(c.lockedHash), c.lockedRound)
	}
}

// Records not yet synced when a WAL write fails are lost with it (here the
// prevotes of our polka, when the sync before signing the precommit fails).
// Once the WAL recovers the precommit is signed and logged, and a restart
// finds the lock through it.
func TestDriverLockSurvivesLostRecords(t *testing.T) {
	mnt := disktest.Mount(t, 1<<20)
	dt := newDriverTestIn(t, 3, filepath.Join(mnt, "wal"), nil)
	B := dt.block("B", 1)
	dt.deliver(0, dt.proposal(1, 0, B))
	dt.expectSent("h1 prevote r0 B1 by v3")

	fillSegment(t, dt.wal, dt.dir, 1)
	free := disktest.Fill(t, mnt, 0)
	dt.deliver(0, dt.vote(0, 1, 0, types.Prevote, B)) // buffered by the WAL, not written
	dt.deliver(1, dt.vote(1, 1, 0, types.Prevote, B)) // a polka: the sync before signing fails
	dt.expectSent()
	if !dt.d.Stats().Halted {
		t.Fatal("not halted by the failed sync")
	}
	free()
	dt.advance(time.Second) // the probe succeeds: the precommit is signed now
	dt.expectSent("h1 precommit r0 B1 by v3")

	dt.restart()
	recs, err := dt.wal.Records(1)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range recs {
		if m, err := DecodeMessage(r[1:]); err == nil && m.GetVote().GetValidatorIndex() == 1 {
			t.Fatal("v1's prevote survived the failed write: the test no longer loses records")
		}
	}
	if c := dt.d.core; c.lockedRound != 0 || !bytes.Equal(c.lockedHash, types.BlockHash(B)) {
		t.Fatalf("after restart locked on %s in r%d, want B1 in r0", dt.names.name(c.lockedHash), c.lockedRound)
	}
}

// keyedSigner is a signer that stands for validator pub (its signatures are
// its own key's, which the sim verifier does not check).
type keyedSigner struct {
	Signer
	pub []byte
}

func (k keyedSigner) PubKey() []byte { return k.pub }

// fillSegment pads the WAL segment of height h to a whole number of pages
// with a record that replays as nothing, so that on a full tmpfs the next
// write needs a page (the slack of the last one would take small records).
func fillSegment(t *testing.T, w WAL, dir string, h int64) {
	t.Helper()
	if _, err := w.Records(h); err != nil { // flushes
		t.Fatal(err)
	}
	fi, err := os.Stat(filepath.Join(dir, fmt.Sprintf("%020d.wal", h)))
	if err != nil {
		t.Fatal(err)
	}
	const page = 4096
	slack := (page - int(fi.Size())%page) % page
	if slack < 16 {
		slack += page
	}
	// frame: 8 header + kind + body; body: a vote of height 0 (replay
	// ignores it) whose signature takes the slack.
	var body []byte
	for n := slack - 9; n > 0 && len(body)+9 != slack; n-- {
		var err error
		if body, err = proto.Marshal(&Message{Msg: &Message_Vote{Vote: &Vote{Signature: make([]byte, n)}}}); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Append(h, walMessage, body, true); err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Stat(filepath.Join(dir, fmt.Sprintf("%020d.wal", h))); err != nil || fi.Size()%page != 0 {
		t.Fatalf("segment not page-aligned: %v %v", fi.Size(), err)
	}
}

// A signer that cannot persist its guard stops the validator (it is not the
// guard refusing); it is tried again, not signing, until it can.
func TestDriverSignerFailureStopsSigning(t *testing.T) {
	mnt := disktest.Mount(t, 1<<20)
	faults := &faultRecorder{}
	dt := newDriverTestIn(t, 1, t.TempDir(), func(c *DriverConfig) { c.Faults = faults })
	fs, err := NewFileSigner(crypto.GenerateBLSKey(), filepath.Join(mnt, "sign_state.json"))
	if err != nil {
		t.Fatal(err)
	}
	signer := &countingSigner{Signer: keyedSigner{fs, dt.vals.Validators[1].PubKey}}
	dt.boot(signer)
	free := disktest.Fill(t, mnt, 0)
	dt.deliver(0, dt.proposal(1, 0, dt.block("B", 1)))
	dt.expectSent()
	if st := dt.d.Stats(); !st.Halted || len(faults.events) != 1 || !strings.HasPrefix(faults.events[0], "set signer: ") ||
		!strings.Contains(faults.events[0], filepath.Join(mnt, "sign_state.json")) {
		t.Fatalf("stats %+v, faults %q, %d signed\n%s", st, faults.events, signer.n, dt.logs)
	}
	if signer.n != 1 || fs.Last().Height != 0 {
		t.Fatalf("%d signatures asked; guard at %+v", signer.n, fs.Last())
	}
	dt.advance(coreTestTimeouts.Propose) // more is due; nothing is asked
	if signer.n != 1 {
		t.Fatalf("%d signatures asked while halted", signer.n)
	}
	free()
	dt.advance(time.Second)
	if dt.d.Stats().Halted || faults.events[len(faults.events)-1] != "clear signer" {
		t.Fatalf("not resumed: %q", faults.events)
	}
	if strings.Contains(dt.logs.String(), "double-sign guard refused") {
		t.Fatalf("a failure to persist logged as a refusal:\n%s", dt.logs)
	}
}

// The guard refusing is the guard working: logged at INFO, never a halt.
func TestDriverDoubleSignRefusalIsNoFault(t *testing.T) {
	faults := &faultRecorder{}
	dt := newDriverTestIn(t, 1, t.TempDir(), func(c *DriverConfig) { c.Faults = faults })
	dt.boot(errSigner{dt.signer(), fmt.Errorf("%w: test", ErrDoubleSign)})
	dt.deliver(0, dt.proposal(1, 0, dt.block("B", 1)))
	if dt.d.Stats().Halted || len(faults.events) != 0 || strings.Contains(dt.logs.String(), "level=ERROR") {
		t.Fatalf("a refusal halted: %+v %q\n%s", dt.d.Stats(), faults.events, dt.logs)
	}
}
