package types

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"chain33node/crypto"

	"google.golang.org/protobuf/encoding/protowire"
	"google.golang.org/protobuf/proto"
)

// blsValidators is a validator set with real BLS keys, by validator index.
type blsValidators struct {
	vals *ValidatorSet
	keys []*crypto.BLSPrivKey
}

func newBLSValidators(tb testing.TB, powers ...int64) *blsValidators {
	tb.Helper()
	vals := &ValidatorSet{}
	byPub := map[string]*crypto.BLSPrivKey{}
	for _, p := range powers {
		k := crypto.GenerateBLSKey()
		pub := k.PubKey().Bytes()
		byPub[string(pub)] = k
		vals.Add(&Validator{Address: crypto.ValidatorAddress(pub), PubKey: pub, Power: p})
	}
	f := &blsValidators{vals: vals}
	for i, v := range vals.Validators {
		if i > 0 && bytes.Compare(vals.Validators[i-1].Address, v.Address) >= 0 {
			tb.Fatal("validator set not sorted by address")
		}
		f.keys = append(f.keys, byPub[string(v.PubKey)])
	}
	return f
}

const testChainID = "chain33-test"

// cert aggregates the signatures of signers over msg into a certificate
// claiming height h, round r and hash, as consensus makes them.
func (f *blsValidators) cert(tb testing.TB, h int64, r int32, hash, msg []byte, signers ...int) *Certificate {
	tb.Helper()
	bitmap, sigs := f.sign(msg, signers...)
	c, err := NewCertificate(NewBLSVerifier(), f.vals, testChainID, h, r, hash, bitmap, sigs)
	if err != nil {
		tb.Fatal(err)
	}
	return c
}

func (f *blsValidators) sign(msg []byte, signers ...int) (bitmap []byte, sigs [][]byte) {
	bitmap = make([]byte, (len(f.keys)+7)/8)
	for _, i := range slices.Sorted(slices.Values(signers)) {
		SetBit(bitmap, i)
		sigs = append(sigs, f.keys[i].Sign(msg))
	}
	return bitmap, sigs
}

// legacyCert is a certificate of scheme 0: the plain sum of earlier versions.
func (f *blsValidators) legacyCert(tb testing.TB, h int64, r int32, hash []byte, signers ...int) *Certificate {
	tb.Helper()
	bitmap, sigs := f.sign(VoteSignBytes(testChainID, h, r, Precommit, hash), signers...)
	agg, err := crypto.BLSAggregate(sigs)
	if err != nil {
		tb.Fatal(err)
	}
	return &Certificate{Height: h, Round: r, BlockHash: hash, Signers: bitmap, AggSig: agg}
}

// commitCert is the honest certificate: precommits of signers for hash.
func (f *blsValidators) commitCert(tb testing.TB, h int64, r int32, hash []byte, signers ...int) *Certificate {
	return f.cert(tb, h, r, hash, VoteSignBytes(testChainID, h, r, Precommit, hash), signers...)
}

func blockHash(name string) []byte {
	h := sha256.Sum256([]byte(name))
	return h[:]
}

func TestVerifyCertificateBLS(t *testing.T) {
	f := newBLSValidators(t, 10, 10, 10, 10)
	v := NewBLSVerifier()
	b, c := blockHash("B"), blockHash("C")
	const h, r = 12, 3
	good := f.commitCert(t, h, r, b, 0, 1, 3)
	if err := VerifyCertificate(testChainID, f.vals, v, good, h, b); err != nil {
		t.Fatalf("3 of 4 precommits: %v", err)
	}
	if err := VerifyCertificate(testChainID, f.vals, v, f.commitCert(t, h, r, b, 0, 1, 2, 3), h, b); err != nil {
		t.Fatalf("4 of 4 precommits: %v", err)
	}

	with := func(change func(c *Certificate)) *Certificate {
		c := proto.CloneOf(good)
		change(c)
		return c
	}
	for _, tc := range []struct {
		name    string
		cert    *Certificate
		chainID string
		height  int64
		hash    []byte
		errHas  string
	}{
		{"no certificate", nil, testChainID, h, b, "no certificate"},
		{"other block than the certificate's", good, testChainID, h, c, "certificate is for block"},
		{"certificate renamed to another block", with(func(x *Certificate) { x.BlockHash = c }), testChainID, h, c, "signature invalid"},
		{"signers hold 20 of 40", f.commitCert(t, h, r, b, 1, 3), testChainID, h, b, "power 20 of 40, need 27"},
		{"bitmap names 2 of the 3 signers", with(func(x *Certificate) { x.Signers = []byte{0b0011} }), testChainID, h, b, "power 20"},
		{"bitmap of 2 bytes for 4 validators", with(func(x *Certificate) { x.Signers = append(x.Signers, 0) }), testChainID, h, b, "bitmap of 2 bytes"},
		{"empty bitmap", with(func(x *Certificate) { x.Signers = nil }), testChainID, h, b, "bitmap of 0 bytes"},
		{"bit beyond the set", with(func(x *Certificate) { x.Signers[0] |= 1 << 4 }), testChainID, h, b, "beyond 4 validators"},
		{"bitmap names a non-signer", with(func(x *Certificate) { x.Signers = []byte{0b0111} }), testChainID, h, b, "signature invalid"},
		{"signed at another height", f.cert(t, h, r, b, VoteSignBytes(testChainID, h+1, r, Precommit, b), 0, 1, 3), testChainID, h, b, "signature invalid"},
		{"claims another height", with(func(x *Certificate) { x.Height = h - 1 }), testChainID, h, b, "certificate of height 11 for block 12"},
		{"claims another height, signed for it", f.cert(t, h-1, r, b, VoteSignBytes(testChainID, h-1, r, Precommit, b), 0, 1, 3), testChainID, h, b, "certificate of height 11 for block 12"},
		{"signed in another round", f.cert(t, h, r, b, VoteSignBytes(testChainID, h, r+1, Precommit, b), 0, 1, 3), testChainID, h, b, "signature invalid"},
		{"block of another height", good, testChainID, h + 1, b, "certificate of height 12 for block 13"},
		{"claims another round", with(func(x *Certificate) { x.Round = 0 }), testChainID, h, b, "signature invalid"},
		{"other chain", good, "chain33-other", h, b, "signature invalid"},
		{"signed on another chain", f.cert(t, h, r, b, VoteSignBytes("chain33-other", h, r, Precommit, b), 0, 1, 3), testChainID, h, b, "signature invalid"},
		{"prevotes, not precommits", f.cert(t, h, r, b, VoteSignBytes(testChainID, h, r, Prevote, b), 0, 1, 3), testChainID, h, b, "signature invalid"},
		{"precommits for another block", f.cert(t, h, r, b, VoteSignBytes(testChainID, h, r, Precommit, c), 0, 1, 3), testChainID, h, b, "signature invalid"},
		{"nil precommits", f.cert(t, h, r, b, VoteSignBytes(testChainID, h, r, Precommit, nil), 0, 1, 3), testChainID, h, b, "signature invalid"},
		{"proposal signatures", f.cert(t, h, r, b, ProposalSignBytes(testChainID, h, r, -1, b), 0, 1, 3), testChainID, h, b, "signature invalid"},
		{"tampered aggregate", with(func(x *Certificate) { x.AggSig[40] ^= 1 }), testChainID, h, b, "signature invalid"},
		{"truncated aggregate", with(func(x *Certificate) { x.AggSig = x.AggSig[:95] }), testChainID, h, b, "signature invalid"},
		{"aggregate of 2 under a bitmap of 3", with(func(x *Certificate) { x.AggSig = f.commitCert(t, h, r, b, 0, 1).AggSig }), testChainID, h, b, "signature invalid"},
		{"one signature, not the aggregate", with(func(x *Certificate) { x.AggSig = f.keys[0].Sign(VoteSignBytes(testChainID, h, r, Precommit, b)) }), testChainID, h, b, "signature invalid"},
		{"plain sum (scheme 0)", f.legacyCert(t, h, r, b, 0, 1, 3), testChainID, h, b, "scheme 0"},
		{"multi-signature labelled scheme 0", with(func(x *Certificate) { x.Scheme = CertSchemeLegacy }), testChainID, h, b, "scheme 0"},
		{"plain sum labelled scheme 1", with(func(x *Certificate) { x.AggSig = f.legacyCert(t, h, r, b, 0, 1, 3).AggSig }), testChainID, h, b, "signature invalid"},
		{"unknown scheme", with(func(x *Certificate) { x.Scheme = 2 }), testChainID, h, b, "unknown scheme 2"},
	} {
		err := VerifyCertificate(tc.chainID, f.vals, v, tc.cert, tc.height, tc.hash)
		if !errors.Is(err, ErrBadCertificate) || !strings.Contains(err.Error(), tc.errHas) {
			t.Errorf("%s: error %v, want one with %q", tc.name, err, tc.errHas)
		}
	}
	// The table changed copies only.
	if err := VerifyCertificate(testChainID, f.vals, v, good, h, b); err != nil {
		t.Fatalf("good certificate after the table: %v", err)
	}
}

func TestVerifyCertificateWeighted(t *testing.T) {
	f := newBLSValidators(t, 1, 2, 3, 4) // quorum 7 of 10
	byPower := map[int64]int{}
	for i, v := range f.vals.Validators {
		byPower[v.Power] = i
	}
	b := blockHash("B")
	for _, tc := range []struct {
		powers []int64
		ok     bool
	}{
		{[]int64{4, 3}, true},
		{[]int64{4, 2, 1}, true},
		{[]int64{3, 2, 1}, false},
		{[]int64{4, 2}, false},
		{[]int64{4}, false},
	} {
		var signers []int
		for _, p := range tc.powers {
			signers = append(signers, byPower[p])
		}
		err := VerifyCertificate(testChainID, f.vals, NewBLSVerifier(), f.commitCert(t, 5, 0, b, signers...), 5, b)
		if (err == nil) != tc.ok {
			t.Errorf("signers of power %v: %v, want ok=%v", tc.powers, err, tc.ok)
		}
	}
	// Exactly two thirds is not enough.
	three := newBLSValidators(t, 10, 10, 10)
	if err := VerifyCertificate(testChainID, three.vals, NewBLSVerifier(), three.commitCert(t, 5, 0, b, 0, 2), 5, b); err == nil {
		t.Error("20 of 30 accepted")
	}
	if err := VerifyCertificate(testChainID, three.vals, NewBLSVerifier(), three.commitCert(t, 5, 0, b, 0, 1, 2), 5, b); err != nil {
		t.Errorf("30 of 30: %v", err)
	}
}

func TestCertificateEncodeDecode(t *testing.T) {
	f := newBLSValidators(t, 10, 10, 10, 10)
	b := blockHash("B")
	cert := f.commitCert(t, 42, 1, b, 0, 2, 3)
	raw := EncodeCertificate(cert)
	got, err := DecodeCertificate(raw)
	if err != nil {
		t.Fatal(err)
	}
	if !proto.Equal(got, cert) {
		t.Fatalf("round trip: %v, want %v", got, cert)
	}
	if err := VerifyCertificate(testChainID, f.vals, NewBLSVerifier(), got, 42, b); err != nil {
		t.Fatalf("decoded certificate: %v", err)
	}
	if !bytes.Equal(EncodeCertificate(got), raw) {
		t.Fatal("encoding is not stable")
	}
	unknown := protowire.AppendVarint(protowire.AppendTag(bytes.Clone(raw), 9, protowire.VarintType), 1)
	repeated := protowire.AppendVarint(protowire.AppendTag(bytes.Clone(raw), 1, protowire.VarintType), 42)
	huge := append(bytes.Clone(raw), protowire.AppendBytes(protowire.AppendTag(nil, 9, protowire.BytesType), make([]byte, MaxCertificateSize))...)
	for _, bad := range [][]byte{{0xff}, raw[:len(raw)-1], {0x0a, 0x05, 0x01}, unknown, repeated, huge} {
		if _, err := DecodeCertificate(bad); !errors.Is(err, ErrBadCertificate) {
			t.Errorf("decoded %x: %v", bad[:min(len(bad), 64)], err)
		}
	}
}

// Stored certificates were written by consensus.proto's Certificate: the
// field numbers must not change.
func TestCertificateWireFormat(t *testing.T) {
	var raw []byte
	raw = protowire.AppendVarint(protowire.AppendTag(raw, 1, protowire.VarintType), 7)
	raw = protowire.AppendVarint(protowire.AppendTag(raw, 2, protowire.VarintType), 2)
	raw = protowire.AppendBytes(protowire.AppendTag(raw, 3, protowire.BytesType), []byte("hash"))
	raw = protowire.AppendBytes(protowire.AppendTag(raw, 4, protowire.BytesType), []byte{0b1011})
	raw = protowire.AppendBytes(protowire.AppendTag(raw, 5, protowire.BytesType), []byte("sig"))
	c, err := DecodeCertificate(raw)
	if err != nil {
		t.Fatal(err)
	}
	want := &Certificate{Height: 7, Round: 2, BlockHash: []byte("hash"), Signers: []byte{0b1011}, AggSig: []byte("sig")}
	if !proto.Equal(c, want) || !bytes.Equal(EncodeCertificate(want), raw) {
		t.Fatalf("decoded %v, encodes to %x; want %v and %x", c, EncodeCertificate(want), want, raw)
	}
}

// Domain separation: a vote's sign bytes never equal a proposal's, and each
// field changes them.
func TestSignBytesBindEveryField(t *testing.T) {
	b := blockHash("B")
	base := VoteSignBytes(testChainID, 5, 1, Precommit, b)
	for name, other := range map[string][]byte{
		"chain":    VoteSignBytes("chain33-other", 5, 1, Precommit, b),
		"height":   VoteSignBytes(testChainID, 6, 1, Precommit, b),
		"round":    VoteSignBytes(testChainID, 5, 2, Precommit, b),
		"type":     VoteSignBytes(testChainID, 5, 1, Prevote, b),
		"hash":     VoteSignBytes(testChainID, 5, 1, Precommit, blockHash("C")),
		"nil":      VoteSignBytes(testChainID, 5, 1, Precommit, nil),
		"proposal": ProposalSignBytes(testChainID, 5, 1, -1, b),
	} {
		if bytes.Equal(base, other) {
			t.Errorf("%s does not change the sign bytes", name)
		}
	}
	if bytes.Equal(ProposalSignBytes(testChainID, 5, 1, -1, b), ProposalSignBytes(testChainID, 5, 1, 0, b)) {
		t.Error("POL round does not change the proposal sign bytes")
	}
}

func benchmarkVerifyCertificate(b *testing.B, n, signers int) {
	powers := make([]int64, n)
	for i := range powers {
		powers[i] = 10
	}
	f := newBLSValidators(b, powers...)
	idx := make([]int, signers)
	for i := range idx {
		idx[i] = i
	}
	hash := blockHash("B")
	cert := f.commitCert(b, 100, 0, hash, idx...)
	v := NewBLSVerifier()
	if err := VerifyCertificate(testChainID, f.vals, v, cert, 100, hash); err != nil { // parses the keys once, as a node does
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		clear(v.passed.set) // measure the check, not the cache of passed checks
		if err := VerifyCertificate(testChainID, f.vals, v, cert, 100, hash); err != nil {
			b.Fatal(err)
		}
	}
}

// A validator whose key is pk* = x·g1 − Σ (the other validators' keys),
// added with less than a third of the power, signs alone, with x, for the
// whole set: its certificate passes a plain-sum check (scheme 0) but not the
// multi-signature check that every certificate gets at and above
// legacyCertificatesBelow.
func TestVerifyCertificateRogueKey(t *testing.T) {
	f := newBLSValidators(t, 10, 10, 10)
	var honest []*crypto.BLSPubKey
	for _, k := range f.keys {
		honest = append(honest, k.PubKey())
	}
	x := crypto.GenerateBLSKey()
	rogue, err := crypto.RogueKey(x, honest)
	if err != nil {
		t.Fatal(err)
	}
	vals := f.vals.Copy()
	vals.Add(&Validator{Address: crypto.ValidatorAddress(rogue.Bytes()), PubKey: rogue.Bytes(), Power: 9}) // 9 of 39
	b := blockHash("attacker's block")
	const h = 7
	all := make([]byte, 1)
	for i := range vals.Validators {
		SetBit(all, i)
	}
	forged := x.Sign(VoteSignBytes(testChainID, h, 0, Precommit, b))
	for _, scheme := range []uint32{CertSchemeLegacy, CertSchemeBDN} {
		c := &Certificate{Height: h, BlockHash: b, Signers: all, AggSig: forged, Scheme: scheme}
		if err := VerifyCertificate(testChainID, vals, NewBLSVerifier(), c, h, b); !errors.Is(err, ErrBadCertificate) {
			t.Errorf("forged certificate of scheme %d: %v", scheme, err)
		}
	}
	// Where plain sums are still accepted (below the upgrade height of an
	// existing chain) the attack works: that is why the window must end.
	legacy := NewBLSVerifier()
	legacy.LegacyBelow = h + 1
	c := &Certificate{Height: h, BlockHash: b, Signers: all, AggSig: forged}
	if err := VerifyCertificate(testChainID, vals, legacy, c, h, b); err != nil {
		t.Fatalf("the forgery should pass a plain-sum check: %v", err)
	}
}

// Plain-sum certificates (scheme 0, as stored by earlier versions) are
// accepted below LegacyCertificatesBelow and nowhere else.
func TestVerifyCertificateLegacyBelow(t *testing.T) {
	f := newBLSValidators(t, 10, 10, 10, 10)
	b := blockHash("B")
	v := NewBLSVerifier()
	v.LegacyBelow = 100
	for _, tc := range []struct {
		h  int64
		ok bool
	}{{1, true}, {99, true}, {100, false}, {101, false}} {
		err := VerifyCertificate(testChainID, f.vals, v, f.legacyCert(t, tc.h, 0, b, 0, 1, 2), tc.h, b)
		if (err == nil) != tc.ok {
			t.Errorf("scheme 0 at height %d below 100: %v, want ok=%v", tc.h, err, tc.ok)
		}
		if err := VerifyCertificate(testChainID, f.vals, v, f.commitCert(t, tc.h, 0, b, 0, 1, 2), tc.h, b); err != nil {
			t.Errorf("scheme 1 at height %d: %v", tc.h, err)
		}
	}
	tampered := f.legacyCert(t, 5, 0, b, 0, 1, 2)
	tampered.AggSig = f.legacyCert(t, 5, 0, b, 0, 1, 3).AggSig
	if err := VerifyCertificate(testChainID, f.vals, v, tampered, 5, b); err == nil {
		t.Error("scheme 0 with another aggregate accepted")
	}
}

// The coefficients of a validator set are computed once: certificates of
// one set, however many, cost one key set; a few sets stay cached.
func TestBLSVerifierCachesKeySets(t *testing.T) {
	sets := []*blsValidators{newBLSValidators(t, 10, 10, 10, 10), newBLSValidators(t, 10, 10, 10, 10)}
	b := blockHash("B")
	v := NewBLSVerifier()
	for h := int64(1); h <= 6; h++ {
		for _, f := range sets {
			if err := VerifyCertificate(testChainID, f.vals, v, f.commitCert(t, h, 0, b, 0, 1, 2), h, b); err != nil {
				t.Fatal(err)
			}
		}
	}
	if v.made != 2 {
		t.Fatalf("%d key sets computed for 12 certificates of 2 sets", v.made)
	}
	for range keySetCache {
		sets = append(sets, newBLSValidators(t, 10, 10))
	}
	for _, f := range sets[2:] {
		if err := VerifyCertificate(testChainID, f.vals, v, f.commitCert(t, 1, 0, b, 0, 1), 1, b); err != nil {
			t.Fatal(err)
		}
	}
	if err := VerifyCertificate(testChainID, sets[0].vals, v, sets[0].commitCert(t, 1, 0, b, 0, 1, 3), 1, b); err != nil || v.made != 3+keySetCache {
		t.Fatalf("after %d other sets: %v, %d key sets computed", keySetCache, err, v.made)
	}
}

// A certificate checked twice costs one pairing check; what passed does not
// vouch for anything else: another block, round, signer set, signature or
// validator set is checked in full. The cache stays bounded.
func TestBLSVerifierRemembersPassedChecks(t *testing.T) {
	f := newBLSValidators(t, 10, 10, 10, 10)
	other := newBLSValidators(t, 10, 10, 10, 10)
	b, c := blockHash("B"), blockHash("C")
	v := NewBLSVerifier()
	good := f.commitCert(t, 7, 0, b, 0, 1, 2)
	for range 2 {
		if err := VerifyCertificate(testChainID, f.vals, v, good, 7, b); err != nil {
			t.Fatal(err)
		}
	}
	if len(v.passed.set) != 1 || v.checks != 1 {
		t.Fatalf("%d passed checks remembered after %d pairing checks, want 1 after 1", len(v.passed.set), v.checks)
	}
	moved := func(mod func(*Certificate)) *Certificate {
		x := proto.Clone(good).(*Certificate)
		mod(x)
		return x
	}
	for name, tc := range map[string]struct {
		cert   *Certificate
		vals   *ValidatorSet
		height int64
		hash   []byte
	}{
		"another block":     {moved(func(x *Certificate) { x.BlockHash = c }), f.vals, 7, c},
		"another height":    {moved(func(x *Certificate) { x.Height = 8 }), f.vals, 8, b},
		"another round":     {moved(func(x *Certificate) { x.Round = 1 }), f.vals, 7, b},
		"another signer":    {moved(func(x *Certificate) { x.Signers[0] ^= 0x09 }), f.vals, 7, b},
		"another signature": {moved(func(x *Certificate) { x.AggSig = f.commitCert(t, 7, 0, c, 0, 1, 2).AggSig }), f.vals, 7, b},
		"another set":       {good, other.vals, 7, b},
	} {
		if err := VerifyCertificate(testChainID, tc.vals, v, tc.cert, tc.height, tc.hash); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
	var pc passedCache
	key := func(i int) [32]byte { return [32]byte{byte(i), byte(i >> 8)} }
	last := passedCacheSize + 9
	for i := range last + 1 {
		pc.add(key(i))
	}
	if len(pc.set) != passedCacheSize || pc.has(key(0)) || !pc.has(key(last)) {
		t.Fatalf("cache of %d holds %d, oldest kept %v, newest %v", passedCacheSize, len(pc.set), pc.has(key(0)), pc.has(key(last)))
	}
}

// A certificate this node aggregated from valid votes is checked without a
// pairing when its block is committed (the verifier that made it remembers
// it); any other verifier, and any change to it, is checked in full.
func TestNewCertificateRemembered(t *testing.T) {
	f := newBLSValidators(t, 10, 10, 10, 10)
	b := blockHash("B")
	v := NewBLSVerifier()
	bitmap, sigs := f.sign(VoteSignBytes(testChainID, 7, 1, Precommit, b), 0, 2, 3)
	c, err := NewCertificate(v, f.vals, testChainID, 7, 1, b, bitmap, sigs)
	if err != nil {
		t.Fatal(err)
	}
	if err := VerifyCertificate(testChainID, f.vals, v, c, 7, b); err != nil || v.checks != 0 {
		t.Fatalf("own certificate: err %v after %d pairing checks, want nil after 0", err, v.checks)
	}
	fresh := NewBLSVerifier()
	if err := VerifyCertificate(testChainID, f.vals, fresh, c, 7, b); err != nil || fresh.checks != 1 {
		t.Fatalf("on another verifier: err %v after %d pairing checks, want nil after 1", err, fresh.checks)
	}
	other := proto.Clone(c).(*Certificate)
	other.Round = 2
	if err := VerifyCertificate(testChainID, f.vals, v, other, 7, b); err == nil || v.checks != 1 {
		t.Fatalf("another round: err %v after %d pairing checks, want an error after 1", err, v.checks)
	}
}

// Certificates of consecutive blocks checked together: all pass and are
// remembered (their VerifyCertificate costs no pairing), or one is bad (its
// aggregate, its quorum, its height) and none is remembered.
func TestPreverifyCertificates(t *testing.T) {
	f := newBLSValidators(t, 10, 10, 10, 10)
	const n = 5
	certs := make([]*Certificate, n)
	heights := make([]int64, n)
	hashes := make([][]byte, n)
	for i := range n {
		heights[i], hashes[i] = int64(10+i), blockHash(fmt.Sprint("B", i))
		certs[i] = f.commitCert(t, heights[i], 0, hashes[i], 0, 1, 2+i%2)
	}
	for name, mod := range map[string]func(c []*Certificate){
		"another aggregate": func(c []*Certificate) { c[2] = proto.Clone(c[2]).(*Certificate); c[2].AggSig = c[3].AggSig },
		"no quorum":         func(c []*Certificate) { c[2] = f.commitCert(t, heights[2], 0, hashes[2], 0, 1) },
		"another height":    func(c []*Certificate) { c[2] = f.commitCert(t, heights[2]+1, 0, hashes[2], 0, 1, 2) },
	} {
		v := NewBLSVerifier()
		c := slices.Clone(certs)
		mod(c)
		if PreverifyCertificates(testChainID, f.vals, v, c, heights, hashes) {
			t.Errorf("%s: passed", name)
		}
		if len(v.passed.set) != 0 {
			t.Errorf("%s: %d checks remembered", name, len(v.passed.set))
		}
	}
	v := NewBLSVerifier()
	if !PreverifyCertificates(testChainID, f.vals, v, certs, heights, hashes) {
		t.Fatal("valid certificates failed")
	}
	if len(v.passed.set) != n || v.checks != 1 {
		t.Fatalf("%d checks remembered after %d pairing checks, want %d after 1", len(v.passed.set), v.checks, n)
	}
	for i := range n {
		if err := VerifyCertificate(testChainID, f.vals, v, certs[i], heights[i], hashes[i]); err != nil {
			t.Fatal(err)
		}
	}
	if v.checks != 1 {
		t.Fatalf("VerifyCertificate after PreverifyCertificates: %d pairing checks in all, want 1", v.checks)
	}
}

// BenchmarkVerifyCertificate4: 3 of 4 validators signed.
func BenchmarkVerifyCertificate4(b *testing.B) { benchmarkVerifyCertificate(b, 4, 3) }

// BenchmarkVerifyCertificate100: 67 of 100 equal validators (the least quorum).
func BenchmarkVerifyCertificate100(b *testing.B) { benchmarkVerifyCertificate(b, 100, 67) }
