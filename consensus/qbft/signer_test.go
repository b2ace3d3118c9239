package qbft

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"chain33node/atomicfile"
	"chain33node/crypto"
	"chain33node/disktest"
	"chain33node/types"
)

func TestLastSignedCheck(t *testing.T) {
	var l LastSigned
	if sig, err := l.check(1, 0, stepSignProposal, []byte("x")); sig != nil || err != nil {
		t.Fatalf("nothing signed yet: %x, %v", sig, err)
	}
	l = l.record(5, 2, stepSignPrevote, []byte("prevote A"), []byte("sig A"))

	for _, tc := range []struct {
		name    string
		h       int64
		r       int32
		step    uint8
		msg     string
		wantSig string // the stored signature handed out again
		wantErr bool   // ErrDoubleSign
	}{
		{"same bytes at the same position", 5, 2, stepSignPrevote, "prevote A", "sig A", false},
		{"other bytes at the same position", 5, 2, stepSignPrevote, "prevote B", "", true},
		{"later step of the round", 5, 2, stepSignPrecommit, "precommit", "", false},
		{"earlier step of the round", 5, 2, stepSignProposal, "proposal", "", true},
		{"lower round", 5, 1, stepSignPrecommit, "precommit", "", true},
		{"lower height, higher round", 4, 9, stepSignPrecommit, "precommit", "", true},
		{"higher round", 5, 3, stepSignProposal, "proposal", "", false},
		{"higher height", 6, 0, stepSignProposal, "proposal", "", false},
	} {
		sig, err := l.check(tc.h, tc.r, tc.step, []byte(tc.msg))
		if tc.wantErr != errors.Is(err, ErrDoubleSign) || (err != nil && !tc.wantErr) {
			t.Errorf("%s: error %v, want ErrDoubleSign %v", tc.name, err, tc.wantErr)
		}
		if string(sig) != tc.wantSig {
			t.Errorf("%s: signature %q, want %q", tc.name, sig, tc.wantSig)
		}
	}

	// Both steps of the round stay re-signable; a new round forgets the old one.
	l2 := l.record(5, 2, stepSignPrecommit, []byte("precommit A"), []byte("sig PA"))
	if sig, _ := l2.check(5, 2, stepSignPrevote, []byte("prevote A")); string(sig) != "sig A" {
		t.Fatalf("prevote after precommit: %q", sig)
	}
	if sig, _ := l2.check(5, 2, stepSignPrecommit, []byte("precommit A")); string(sig) != "sig PA" {
		t.Fatalf("precommit again: %q", sig)
	}
	if len(l.Signed) != 1 {
		t.Fatalf("record changed its receiver: %d steps", len(l.Signed))
	}
	l3 := l2.record(5, 3, stepSignPrevote, []byte("prevote r3"), []byte("sig 3"))
	if len(l3.Signed) != 1 || l3.Round != 3 {
		t.Fatalf("new round keeps %d steps at round %d", len(l3.Signed), l3.Round)
	}
	if _, err := l3.check(5, 2, stepSignPrecommit, []byte("precommit A")); !errors.Is(err, ErrDoubleSign) {
		t.Fatalf("back to round 2: %v", err)
	}
}

func newTestFileSigner(t *testing.T, key *crypto.BLSPrivKey, path string) *FileSigner {
	t.Helper()
	s, err := NewFileSigner(key, path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func mustSign(t *testing.T, s *FileSigner, h int64, r int32, step uint8, msg []byte) []byte {
	t.Helper()
	sig, err := s.Sign(h, r, step, msg)
	if err != nil {
		t.Fatalf("sign %d/%d/%d: %v", h, r, step, err)
	}
	return sig
}

func refuse(t *testing.T, s *FileSigner, h int64, r int32, step uint8, msg []byte) {
	t.Helper()
	if sig, err := s.Sign(h, r, step, msg); !errors.Is(err, ErrDoubleSign) || sig != nil {
		t.Fatalf("sign %d/%d/%d: %x, %v; want ErrDoubleSign", h, r, step, sig, err)
	}
}

func TestFileSignerDoubleSignGuard(t *testing.T) {
	key := crypto.GenerateBLSKey()
	s := newTestFileSigner(t, key, filepath.Join(t.TempDir(), "qbft_signer.json"))
	if !bytes.Equal(s.PubKey(), key.PubKey().Bytes()) {
		t.Fatal("PubKey is not the key's")
	}
	b, c := hashOf(0xb), hashOf(0xc)
	prevoteB := types.VoteSignBytes(testChainID, 10, 2, types.Prevote, b)

	sig := mustSign(t, s, 10, 2, stepSignPrevote, prevoteB)
	if !key.PubKey().Verify(prevoteB, sig) {
		t.Fatal("signature does not verify")
	}
	if again := mustSign(t, s, 10, 2, stepSignPrevote, prevoteB); !bytes.Equal(again, sig) {
		t.Fatal("same bytes at the same position: another signature")
	}
	refuse(t, s, 10, 2, stepSignPrevote, types.VoteSignBytes(testChainID, 10, 2, types.Prevote, c))
	refuse(t, s, 10, 2, stepSignPrevote, types.VoteSignBytes(testChainID, 10, 2, types.Prevote, nil))
	refuse(t, s, 10, 2, stepSignProposal, types.ProposalSignBytes(testChainID, 10, 2, -1, c))
	refuse(t, s, 10, 1, stepSignPrecommit, types.VoteSignBytes(testChainID, 10, 1, types.Precommit, b))
	refuse(t, s, 9, 7, stepSignPrevote, types.VoteSignBytes(testChainID, 9, 7, types.Prevote, b))

	mustSign(t, s, 10, 2, stepSignPrecommit, types.VoteSignBytes(testChainID, 10, 2, types.Precommit, b))
	mustSign(t, s, 10, 3, stepSignProposal, types.ProposalSignBytes(testChainID, 10, 3, 2, b))
	mustSign(t, s, 11, 0, stepSignPrevote, types.VoteSignBytes(testChainID, 11, 0, types.Prevote, c))
	refuse(t, s, 10, 3, stepSignPrevote, types.VoteSignBytes(testChainID, 10, 3, types.Prevote, b))
}

// A validator signs its prevote and precommit of a round, persists the
// guard, and is killed before the precommit leaves (the signature is lost).
// Restarted, it can sign exactly the same messages again (to send them),
// but nothing that conflicts with them.
func TestFileSignerRestartBetweenPersistAndSend(t *testing.T) {
	key := crypto.GenerateBLSKey()
	path := filepath.Join(t.TempDir(), "data", "qbft_signer.json") // the directory is created on first use
	b := hashOf(0xb)
	prevote := types.VoteSignBytes(testChainID, 7, 1, types.Prevote, b)
	precommit := types.VoteSignBytes(testChainID, 7, 1, types.Precommit, b)

	s1 := newTestFileSigner(t, key, path)
	sentPrevote := mustSign(t, s1, 7, 1, stepSignPrevote, prevote)
	_ = mustSign(t, s1, 7, 1, stepSignPrecommit, precommit) // killed before sending: dropped
	before := s1.Last()

	s2 := newTestFileSigner(t, key, path) // restart
	if got := s2.Last(); got.Height != 7 || got.Round != 1 || len(got.Signed) != 2 {
		t.Fatalf("restarted guard %+v, want both steps of 7/1", got)
	}
	resent := mustSign(t, s2, 7, 1, stepSignPrecommit, precommit)
	if !bytes.Equal(resent, before.Signed[1].Signature) || !key.PubKey().Verify(precommit, resent) {
		t.Fatal("the persisted precommit is not handed out again")
	}
	if again := mustSign(t, s2, 7, 1, stepSignPrevote, prevote); !bytes.Equal(again, sentPrevote) {
		t.Fatal("the identical prevote gets another signature after restart")
	}
	if after := s2.Last(); len(after.Signed) != 2 {
		t.Fatalf("re-signing identical bytes recorded them again: %d steps", len(after.Signed))
	}
	refuse(t, s2, 7, 1, stepSignPrevote, types.VoteSignBytes(testChainID, 7, 1, types.Prevote, nil))
	refuse(t, s2, 7, 1, stepSignPrevote, types.VoteSignBytes(testChainID, 7, 1, types.Prevote, hashOf(0xc)))
	refuse(t, s2, 7, 1, stepSignPrecommit, types.VoteSignBytes(testChainID, 7, 1, types.Precommit, nil))
	refuse(t, s2, 7, 1, stepSignProposal, types.ProposalSignBytes(testChainID, 7, 1, -1, b))
	refuse(t, s2, 7, 0, stepSignPrecommit, types.VoteSignBytes(testChainID, 7, 0, types.Precommit, b))
	mustSign(t, s2, 7, 2, stepSignPrevote, types.VoteSignBytes(testChainID, 7, 2, types.Prevote, nil))
}

// The guard is on disk when Sign returns, and a guard that cannot be
// persisted yields no signature.
func TestFileSignerPersistsBeforeReturning(t *testing.T) {
	key := crypto.GenerateBLSKey()
	dir := t.TempDir()
	path := filepath.Join(dir, "sub", "qbft_signer.json")
	s := newTestFileSigner(t, key, path)
	msg := types.VoteSignBytes(testChainID, 3, 0, types.Prevote, hashOf(0xb))
	sig := mustSign(t, s, 3, 0, stepSignPrevote, msg)

	disk := newTestFileSigner(t, key, path).Last() // as a restart reads it
	if disk.Height != 3 || disk.Round != 0 || len(disk.Signed) != 1 || !bytes.Equal(disk.Signed[0].Signature, sig) ||
		!bytes.Equal(disk.Signed[0].SignBytes, msg) || disk.Signed[0].Step != stepSignPrevote {
		t.Fatalf("on disk: %+v", disk)
	}

	// Make the directory unusable: a regular file where it was.
	if err := os.RemoveAll(filepath.Join(dir, "sub")); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "sub"), nil, 0o600); err != nil {
		t.Fatal(err)
	}
	next := types.VoteSignBytes(testChainID, 3, 0, types.Precommit, hashOf(0xb))
	if sig, err := s.Sign(3, 0, stepSignPrecommit, next); err == nil || sig != nil {
		t.Fatalf("unpersisted signature handed out: %x, %v", sig, err)
	}
	if got := s.Last(); len(got.Signed) != 1 {
		t.Fatalf("guard advanced without persisting: %+v", got)
	}
}

func TestFileSignerRefusesCorruptState(t *testing.T) {
	key := crypto.GenerateBLSKey()
	dir := t.TempDir()
	good := filepath.Join(dir, "good.json")
	mustSign(t, newTestFileSigner(t, key, good), 4, 1, stepSignPrevote, types.VoteSignBytes(testChainID, 4, 1, types.Prevote, nil))
	raw, err := os.ReadFile(good)
	if err != nil {
		t.Fatal(err)
	}
	torn := func(offsets ...int) []byte {
		b := bytes.Clone(raw)
		for _, o := range offsets {
			b[o] ^= 1
		}
		return b
	}
	for name, content := range map[string][]byte{
		"garbage":    []byte("not json"),
		"truncated":  raw[:len(raw)/2],
		"empty":      {},
		"zeros":      make([]byte, len(raw)),
		"wrong type": []byte(`{"height":"four"}`),
		"json wrong": []byte(`{"height":"four"}` + strings.Repeat(" ", 2*guardSlotSize-17)),
		"slot torn":  torn(guardSlotSize + guardHeader + 3), // the only slot written (sequence number 1)
		"seq torn":   torn(guardSlotSize + len(guardMagic) + 7),
	} {
		path := filepath.Join(dir, name+".json")
		if err := os.WriteFile(path, content, 0o600); err != nil {
			t.Fatal(err)
		}
		if s, err := NewFileSigner(key, path); err == nil || s != nil {
			t.Errorf("%s state file: signer %v, error %v; want a refusal", name, s, err)
		}
	}
	// A path that cannot be read (a directory) is an error too, not "nothing signed".
	if _, err := NewFileSigner(key, dir); err == nil {
		t.Error("unreadable state path accepted")
	}
}

// The record is rewritten in place, in two slots in turn, and a restart
// reads the newest intact one: a slot torn by a crash leaves the one
// before, whose signature never left.
func TestFileSignerSlots(t *testing.T) {
	key := crypto.GenerateBLSKey()
	path := filepath.Join(t.TempDir(), "sign_state.json")
	s := newTestFileSigner(t, key, path)
	b := hashOf(0xb)
	mustSign(t, s, 5, 0, stepSignPrevote, types.VoteSignBytes(testChainID, 5, 0, types.Prevote, b))
	first, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	var states []LastSigned
	for h := int64(6); h < 10; h++ {
		mustSign(t, s, h, 0, stepSignPrevote, types.VoteSignBytes(testChainID, h, 0, types.Prevote, b))
		states = append(states, s.Last())
	}
	now, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if !os.SameFile(first, now) || now.Size() != 2*guardSlotSize {
		t.Fatalf("not written in place: same file %v, size %d", os.SameFile(first, now), now.Size())
	}
	if got := newTestFileSigner(t, key, path).Last(); !reflect.DeepEqual(got, states[3]) {
		t.Fatalf("restart reads %+v, want %+v", got, states[3])
	}

	// Tear the newest slot (sequence number 5, slot 1): the one before is the record.
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	raw[guardSlotSize+guardHeader+10] ^= 0xff
	if err := os.WriteFile(path, raw, 0o600); err != nil {
		t.Fatal(err)
	}
	s2 := newTestFileSigner(t, key, path)
	if got := s2.Last(); !reflect.DeepEqual(got, states[2]) {
		t.Fatalf("with the newest slot torn, restart reads %+v, want %+v", got, states[2])
	}
	// Signing again goes on from there, into the torn slot.
	mustSign(t, s2, 9, 0, stepSignPrevote, types.VoteSignBytes(testChainID, 9, 0, types.Prevote, b))
	mustSign(t, s2, 9, 0, stepSignPrecommit, types.VoteSignBytes(testChainID, 9, 0, types.Precommit, b))
	if got := newTestFileSigner(t, key, path).Last(); !reflect.DeepEqual(got, s2.Last()) || len(got.Signed) != 2 {
		t.Fatalf("restart reads %+v, want %+v", got, s2.Last())
	}
}

// The JSON record of earlier versions is read, and rewritten slotted at the
// next signature.
func TestFileSignerReadsJSONRecord(t *testing.T) {
	key := crypto.GenerateBLSKey()
	path := filepath.Join(t.TempDir(), "sign_state.json")
	b := hashOf(0xb)
	prevote := types.VoteSignBytes(testChainID, 7, 1, types.Prevote, b)
	old := LastSigned{Height: 7, Round: 1, Signed: []SignedStep{{Step: stepSignPrevote, SignBytes: prevote, Signature: key.Sign(prevote)}}}
	raw, err := json.Marshal(old)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, raw, 0o600); err != nil {
		t.Fatal(err)
	}
	s := newTestFileSigner(t, key, path)
	if !reflect.DeepEqual(s.Last(), old) {
		t.Fatalf("read %+v, want %+v", s.Last(), old)
	}
	refuse(t, s, 7, 1, stepSignPrevote, types.VoteSignBytes(testChainID, 7, 1, types.Prevote, nil))
	mustSign(t, s, 7, 1, stepSignPrecommit, types.VoteSignBytes(testChainID, 7, 1, types.Precommit, b))
	if raw, err := os.ReadFile(path); err != nil || !isSlotted(raw) {
		t.Fatalf("not rewritten slotted: %d bytes, %v", len(raw), err)
	}
	if got := newTestFileSigner(t, key, path).Last(); !reflect.DeepEqual(got, s.Last()) || len(got.Signed) != 2 {
		t.Fatalf("restart reads %+v, want %+v", got, s.Last())
	}
}

// A record file removed or replaced while the node runs is not written
// through the old open file, which no restart would read: the record is
// written whole at its path again.
func TestFileSignerFileReplaced(t *testing.T) {
	key := crypto.GenerateBLSKey()
	path := filepath.Join(t.TempDir(), "sign_state.json")
	s := newTestFileSigner(t, key, path)
	b := hashOf(0xb)
	mustSign(t, s, 3, 0, stepSignPrevote, types.VoteSignBytes(testChainID, 3, 0, types.Prevote, b))
	for _, replace := range []func(){
		func() { os.Remove(path) },
		func() { os.Rename(path, path+".old"); os.WriteFile(path, []byte("{}"), 0o600) },
	} {
		replace()
		h := s.Last().Height + 1
		mustSign(t, s, h, 0, stepSignPrevote, types.VoteSignBytes(testChainID, h, 0, types.Prevote, b))
		if got := newTestFileSigner(t, key, path).Last(); !reflect.DeepEqual(got, s.Last()) {
			t.Fatalf("restart reads %+v, want %+v", got, s.Last())
		}
	}
}

// BenchmarkGuardWrite times making the guard's record durable, in place
// (FileSigner) and as before (a new file written, fsynced and renamed, the
// directory fsynced), alone and while another goroutine writes 64 MiB
// files and fsyncs them, as LevelDB's flushes and compactions do:
//
//	go test -run '^$' -bench GuardWrite ./consensus/qbft
func BenchmarkGuardWrite(b *testing.B) {
	key := crypto.GenerateBLSKey()
	msg := types.VoteSignBytes(testChainID, 3, 0, types.Prevote, hashOf(0xb))
	for _, storm := range []bool{false, true} {
		for _, inPlace := range []bool{true, false} {
			name := map[bool]string{false: "quiet", true: "storm"}[storm] + "/" + map[bool]string{true: "in-place", false: "rename"}[inPlace]
			b.Run(name, func(b *testing.B) {
				dir := b.TempDir()
				if storm {
					stop := make(chan struct{})
					done := make(chan struct{})
					go writeStorm(dir, stop, done)
					defer func() { close(stop); <-done }()
				}
				s, err := NewFileSigner(key, filepath.Join(dir, "sign_state.json"))
				if err != nil {
					b.Fatal(err)
				}
				defer s.Close()
				if _, err := s.Sign(3, 0, stepSignPrevote, msg); err != nil {
					b.Fatal(err)
				}
				record, _ := json.Marshal(s.Last())
				for b.Loop() {
					if inPlace {
						err = s.Recover()
					} else {
						err = atomicfile.Write(filepath.Join(dir, "renamed.json"), record, 0o600)
					}
					if err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}

func writeStorm(dir string, stop, done chan struct{}) {
	defer close(done)
	buf := make([]byte, 1<<20)
	for i := 0; ; i++ {
		f, err := os.Create(filepath.Join(dir, fmt.Sprintf("storm%d", i%4)))
		if err != nil {
			return
		}
		for range 64 {
			select {
			case <-stop:
				f.Close()
				return
			default:
			}
			f.Write(buf)
		}
		f.Sync()
		f.Close()
	}
}

// What Sign returned survives a power loss right after, once the record is
// written in place (ext4 mounted so that unsynced data is lost), and a disk
// that turns read-only yields no signature and leaves the guard where it was.
func TestFileSignerInPlaceDurable(t *testing.T) {
	ext := disktest.MountExt4(t, 64<<20)
	key := crypto.GenerateBLSKey()
	path := filepath.Join(ext.Dir, "sign_state.json")
	s, err := NewFileSigner(key, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	b := hashOf(0xb)
	for h := int64(1); h <= 3; h++ { // the first writes the file whole, the others in place
		mustSign(t, s, h, 0, stepSignPrevote, types.VoteSignBytes(testChainID, h, 0, types.Prevote, b))
		lost := newTestFileSigner(t, key, filepath.Join(ext.PowerLoss(t), "sign_state.json")).Last()
		if !reflect.DeepEqual(lost, s.Last()) {
			t.Fatalf("after a power loss at height %d the guard reads %+v, want %+v", h, lost, s.Last())
		}
	}
	before := s.Last()
	ext.ForceReadOnly(t)
	if sig, err := s.Sign(4, 0, stepSignPrevote, types.VoteSignBytes(testChainID, 4, 0, types.Prevote, b)); err == nil || sig != nil {
		t.Fatalf("signed on a read-only disk: %x, %v", sig, err)
	}
	if !reflect.DeepEqual(s.Last(), before) {
		t.Fatalf("guard advanced without persisting: %+v", s.Last())
	}
}
