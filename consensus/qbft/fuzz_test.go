package qbft

import (
	"os"
	"path/filepath"
	"testing"

	"chain33node/types"

	"google.golang.org/protobuf/proto"
)

// Seed corpora: testdata/fuzz/<Name>/ (a proposal, a vote, a status and a
// commit as peers send them; WAL segments that drivers wrote), run by plain
// `go test`; `make fuzz` runs each target briefly.

// FuzzMessage: any bytes from a peer, a validator or not, are decoded once
// and either refused (the peer reported, nothing queued) or handled by a
// validator's driver without a panic; what decodes re-encodes to bytes that
// decode again (what we relay, peers accept).
func FuzzMessage(f *testing.F) {
	f.Fuzz(func(t *testing.T, from byte, data []byte) {
		m, err := DecodeMessage(data)
		if err == nil {
			again, merr := proto.Marshal(m)
			if merr != nil {
				t.Fatalf("decoded message does not encode: %v", merr)
			}
			if _, err := DecodeMessage(again); err != nil {
				t.Fatalf("re-encoded message refused: %v", err)
			}
		}
		dt := newDriverTest(t, 3)
		var key []byte // an observer's
		if i := int(from) % 5; i < 4 {
			key = dt.vals.Validators[i].PubKey
		}
		reported := len(dt.net.misbehaved)
		dt.d.Receive("peer", key, data)
		if err != nil && (len(dt.net.misbehaved) != reported+1 || len(dt.d.inbox) != 0) {
			t.Fatalf("undecodable message (%v): %d reports, %d queued", err, len(dt.net.misbehaved)-reported, len(dt.d.inbox))
		}
		runQueued(dt.d, always)
		dt.advance(coreTestTimeouts.Propose + coreTestTimeouts.Prevote + coreTestTimeouts.Precommit)
		if h := dt.d.core.Height(); h < 1 || h > 2 {
			t.Fatalf("driver at height %d after one message", h)
		}
	})
}

// FuzzWALReplay: whatever the WAL segment of the next height holds (torn,
// corrupt, records of any kind and content), a validator starts on it:
// wal.Open truncates or salvages the segment, the replay stops at the first
// record it cannot use, and the driver goes on at that height.
func FuzzWALReplay(f *testing.F) {
	f.Fuzz(func(t *testing.T, segment []byte) {
		dir := t.TempDir()
		if err := os.WriteFile(filepath.Join(dir, "00000000000000000001.wal"), segment, 0o600); err != nil {
			t.Fatal(err)
		}
		dt := newDriverTestIn(t, 3, dir, nil)
		if h := dt.d.core.Height(); h != 1 {
			t.Fatalf("started at height %d on an empty chain", h)
		}
		B := dt.block("B", 1)
		for i := range 3 {
			dt.deliver(i, dt.vote(i, 1, dt.d.core.Round(), types.Precommit, B))
		}
		dt.deliver(0, dt.commitMsg(B))
		if h, _ := dt.app.Head(); h != 1 {
			t.Fatalf("after a certified commit of height 1 the head is %d", h)
		}
	})
}
