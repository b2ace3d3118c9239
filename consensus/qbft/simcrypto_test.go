package qbft

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"fmt"
	"maps"

	"chain33node/types"
)

// The simulation's stand-ins for BLS (sim_test.go says why), and the
// node's "disk": its WAL and its signer's guard.

type simVerifier struct{}

// simSig is the stand-in signature: SHA-256 of key and message, thrice, to
// make the 96 bytes of a BLS signature (the core checks the size).
func simSig(pub, msg []byte) []byte {
	h := sha256.New()
	h.Write(pub)
	h.Write(msg)
	sum := h.Sum(make([]byte, 0, 96))
	return append(append(sum, sum...), sum...)
}

func (simVerifier) Verify(pub, msg, sig []byte) bool { return bytes.Equal(simSig(pub, msg), sig) }

func (v simVerifier) VerifyBatch(keys [][]byte, bitmap, msg []byte, sigs [][]byte) bool {
	idx := bitmapIndexes(len(keys), bitmap)
	if idx == nil || len(idx) != len(sigs) {
		return false
	}
	for j, i := range idx {
		if !v.Verify(keys[i], msg, sigs[j]) {
			return false
		}
	}
	return true
}

// Aggregate stands for the coefficient scheme: a hash of the whole set, the
// signers and their signatures, which nobody makes without every signature.
func (simVerifier) Aggregate(keys [][]byte, bitmap []byte, sigs [][]byte) ([]byte, error) {
	idx := bitmapIndexes(len(keys), bitmap)
	if idx == nil || len(idx) != len(sigs) {
		return nil, errors.New("bad signer bitmap")
	}
	h := sha256.New()
	for _, k := range keys {
		h.Write(k)
	}
	h.Write(bitmap)
	for _, s := range sigs {
		if len(s) != 96 {
			return nil, errors.New("bad signature")
		}
		h.Write(s)
	}
	return append(h.Sum(nil), make([]byte, 64)...), nil
}

func (v simVerifier) VerifyAggregate(keys [][]byte, bitmap, msg, agg []byte) bool {
	idx := bitmapIndexes(len(keys), bitmap)
	sigs := make([][]byte, len(idx))
	for j, i := range idx {
		sigs[j] = simSig(keys[i], msg)
	}
	want, err := v.Aggregate(keys, bitmap, sigs)
	return err == nil && bytes.Equal(want, agg)
}

// VerifyLegacyAggregate stands for the plain sum, XOR here, with its flaw:
// the owner of a rogue key (simRogue) signs for any group that includes it.
func (simVerifier) VerifyLegacyAggregate(pubs [][]byte, msg, agg []byte) bool {
	want := make([]byte, 96)
	for _, p := range pubs {
		if simRogue(p) && bytes.Equal(agg, simSig(p, msg)) {
			return true
		}
		for i, b := range simSig(p, msg) {
			want[i] ^= b
		}
	}
	return len(pubs) > 0 && bytes.Equal(want, agg)
}

func (simVerifier) LegacyCertificatesBelow() int64 { return 0 }

// simRogue marks the simulation's rogue keys (pk* = x·g1 − Σ others').
func simRogue(pub []byte) bool { return len(pub) == 48 && pub[46] == 0xee }

// bitmapIndexes lists the bits set in a bitmap over n, nil if it is not one.
func bitmapIndexes(n int, bitmap []byte) []int {
	if len(bitmap) != (n+7)/8 {
		return nil
	}
	var idx []int
	for i := range len(bitmap) * 8 {
		if types.BitSet(bitmap, i) {
			if i >= n {
				return nil
			}
			idx = append(idx, i)
		}
	}
	return idx
}

// simSigner has the production double-sign guard over a LastSigned that
// survives crashes (it is the node's "disk").
type simSigner struct {
	pub  []byte
	last *LastSigned
}

func (s simSigner) PubKey() []byte { return s.pub }

func (s simSigner) Recover() error { return nil }

func (s simSigner) Sign(h int64, r int32, st uint8, msg []byte) ([]byte, error) {
	if sig, err := s.last.check(h, r, st, msg); sig != nil || err != nil {
		return sig, err
	}
	sig := simSig(s.pub, msg)
	*s.last = s.last.record(h, r, st, msg, sig)
	return sig, nil
}

// simWAL is the node's WAL: appends are in memory at once, and a crash may
// lose those after the last synced one.
type simWAL struct{ *proc }

func (w simWAL) Append(h int64, kind byte, body []byte, sync bool) error {
	if !w.alive() {
		return errCrashed
	}
	if err := w.s.storageFault(w.n, true); err != nil {
		return err
	}
	n := w.n
	if h < n.walTop {
		w.s.fail("node %d appended to the WAL of height %d after height %d (consensus/wal refuses that)", n.id, h, n.walTop)
	}
	n.walTop = h
	n.wal[h] = append(n.wal[h], walEntry{kind, body, sync})
	if sync {
		w.s.maybeCrash(n, &w.s.stats.crashLogged) // logged, not sent
	}
	return nil
}

func (w simWAL) Sync() error {
	if !w.alive() {
		return errCrashed
	}
	if err := w.s.storageFault(w.n, true); err != nil {
		return err
	}
	if es := w.n.wal[w.n.walTop]; len(es) > 0 {
		es[len(es)-1].synced = true
	}
	return nil
}

func (w simWAL) Records(h int64) ([][]byte, error) {
	if !w.alive() {
		return nil, errCrashed
	}
	var recs [][]byte
	for _, e := range w.n.wal[h] {
		recs = append(recs, append([]byte{e.kind}, e.body...))
	}
	return recs, nil
}

func (w simWAL) Recover() error { return w.s.storageFault(w.n, true) }

func (w simWAL) Prune(below int64) error {
	if !w.alive() {
		return errCrashed
	}
	maps.DeleteFunc(w.n.wal, func(h int64, _ []walEntry) bool { return h < below })
	return nil
}

type simNodeSigner struct {
	*proc
	simSigner
}

func (s simNodeSigner) Recover() error { return s.s.storageFault(s.n, false) }

func (s simNodeSigner) Sign(h int64, r int32, st uint8, msg []byte) ([]byte, error) {
	if !s.alive() {
		return nil, errCrashed
	}
	if err := s.s.storageFault(s.n, false); err != nil {
		return nil, err
	}
	sig, err := s.simSigner.Sign(h, r, st, msg)
	if simTrace {
		fmt.Printf("%v node %d signs %d/%d/%d %x: %v\n", s.s.now, s.n.id, h, r, st, msg[len(msg)-8:], err)
	}
	if err == nil {
		s.s.maybeCrash(s.n, &s.s.stats.crashSigned) // signed, neither logged nor sent
	}
	return sig, err
}
