package crypto

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"slices"
	"strconv"
	"testing"

	"github.com/herumi/bls-eth-go-binary/bls"
	blst "github.com/supranational/blst/bindings/go"
)

type blsSigner struct {
	sk  *BLSPrivKey
	pub *BLSPubKey
}

func blsSigners(t testing.TB, n int) ([]blsSigner, []*BLSPubKey) {
	t.Helper()
	s := make([]blsSigner, n)
	pubs := make([]*BLSPubKey, n)
	for i := range s {
		k := GenerateBLSKey()
		s[i] = blsSigner{sk: k, pub: k.PubKey()}
		pubs[i] = s[i].pub
	}
	return s, pubs
}

// bitmapOf sets bit i of byte i/8 (least significant first) for each index.
func bitmapOf(n int, idx ...int) []byte {
	b := make([]byte, (n+7)/8)
	for _, i := range idx {
		b[i/8] |= 1 << (i % 8)
	}
	return b
}

func TestKeySetAggregateSubsets(t *testing.T) {
	signers, pubs := blsSigners(t, 10)
	ks, err := NewKeySet(pubs)
	if err != nil {
		t.Fatal(err)
	}
	msg := []byte("precommit h=7 r=0")
	for _, subset := range [][]int{{0}, {3, 9}, {0, 1, 2, 3, 4, 5, 6}, {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}} {
		var sigs [][]byte
		for _, i := range subset {
			sigs = append(sigs, signers[i].sk.Sign(msg))
		}
		bm := bitmapOf(10, subset...)
		agg, err := ks.Aggregate(bm, sigs)
		if err != nil {
			t.Fatal(err)
		}
		if !ks.Verify(bm, msg, agg) {
			t.Fatalf("subset %v: aggregate rejected", subset)
		}
		// The aggregate key verifies it as a single signature.
		apk, err := ks.AggregateKey(bm)
		if err != nil || !apk.Verify(msg, agg) {
			t.Fatalf("subset %v: aggregate key %v", subset, err)
		}
		if ks.Verify(bm, []byte("other"), agg) {
			t.Fatalf("subset %v: accepted over another message", subset)
		}
		// Claiming one more or one fewer signer fails.
		if len(subset) < 10 {
			extra := append([]int{}, subset...)
			for i := range 10 {
				if !slices.Contains(subset, i) {
					extra = append(extra, i)
					break
				}
			}
			if ks.Verify(bitmapOf(10, extra...), msg, agg) {
				t.Fatalf("subset %v: accepted as %v", subset, extra)
			}
		}
		if len(subset) > 1 && ks.Verify(bitmapOf(10, subset[1:]...), msg, agg) {
			t.Fatalf("subset %v: accepted with signer %d dropped", subset, subset[0])
		}
		// Without coefficients the same signatures do not verify as a set.
		plain, _ := BLSAggregate(sigs)
		if len(subset) > 1 && ks.Verify(bm, msg, plain) {
			t.Fatalf("subset %v: plain aggregate accepted", subset)
		}
	}
}

func TestKeySetCoefficientsDependOnTheWholeSet(t *testing.T) {
	_, pubs := blsSigners(t, 4)
	a, _ := NewKeySet(pubs)
	b, _ := NewKeySet(pubs)
	c, _ := NewKeySet(pubs[:3])
	d, _ := NewKeySet([]*BLSPubKey{pubs[1], pubs[0], pubs[2], pubs[3]})
	for i := range 3 {
		if !a.coefs[i].IsEqual(&b.coefs[i]) {
			t.Fatal("coefficients not deterministic")
		}
		if a.coefs[i].IsEqual(&c.coefs[i]) {
			t.Fatalf("coefficient %d unchanged when the set lost a key", i)
		}
		if a.coefs[i].IsZero() {
			t.Fatal("zero coefficient")
		}
	}
	if a.coefs[2].IsEqual(&d.coefs[2]) {
		t.Fatal("coefficient unchanged when the set order changed")
	}
}

func TestKeySetRejectsBadInput(t *testing.T) {
	signers, pubs := blsSigners(t, 9)
	ks, _ := NewKeySet(pubs)
	msg := []byte("m")
	sig := signers[0].sk.Sign(msg)
	for name, bm := range map[string][]byte{
		"short":       {1},
		"long":        {1, 0, 0},
		"empty":       {0, 0},
		"beyond keys": {1, 2}, // bit 9 of 9 keys
	} {
		if _, err := ks.AggregateKey(bm); err == nil {
			t.Errorf("%s bitmap: aggregate key made", name)
		}
		if ks.Verify(bm, msg, sig) {
			t.Errorf("%s bitmap: verified", name)
		}
	}
	if _, err := ks.Aggregate(bitmapOf(9, 0, 1), [][]byte{sig}); err == nil {
		t.Error("aggregate with a signature missing")
	}
	if _, err := ks.Aggregate(bitmapOf(9, 0), [][]byte{make([]byte, BLSSigSize)}); err == nil {
		t.Error("aggregate of a garbage signature")
	}
	if ks.Verify(bitmapOf(9, 0), msg, sig[:95]) {
		t.Error("short signature verified")
	}
	if _, err := NewKeySet(nil); err == nil {
		t.Error("empty key set")
	}
}

// rogueKey returns pk* = x·g1 − Σ keys, whose owner knows x.
func rogueKey(t *testing.T, x *bls.SecretKey, keys []bls.PublicKey) *BLSPubKey {
	t.Helper()
	sum := keys[0]
	for i := range keys[1:] {
		sum.Add(&keys[i+1])
	}
	var neg, rogue bls.G1
	bls.G1Neg(&neg, bls.CastFromPublicKey(&sum))
	bls.G1Add(&rogue, bls.CastFromPublicKey(x.GetPublicKey()), &neg)
	pub, err := BLSPubKeyFromBytes(bls.CastToPublicKey(&rogue).Serialize())
	if err != nil {
		t.Fatal(err) // a valid subgroup point: a joining validator's key check accepts it
	}
	return pub
}

// TestRogueKeyForgery shows the attack on plain aggregation and that the
// coefficient scheme stops it: an attacker who registers pk* = x·g1 − Σ pk_j
// signs alone, with x, for the whole set.
func TestRogueKeyForgery(t *testing.T) {
	_, honest := blsSigners(t, 6)
	var x bls.SecretKey
	x.SetByCSPRNG()
	honestKeys := make([]bls.PublicKey, len(honest))
	for i, p := range honest {
		honestKeys[i] = p.pk
	}
	rogue := rogueKey(t, &x, honestKeys)
	set := append(append([]*BLSPubKey{}, honest...), rogue)
	msg := []byte("precommit h=9 r=0 block=attacker's")
	forged := x.SignByte(msg).Serialize()

	if !BLSFastAggregateVerify(set, msg, forged) {
		t.Fatal("the attack should work against plain aggregation")
	}
	ks, err := NewKeySet(set)
	if err != nil {
		t.Fatal(err)
	}
	all := bitmapOf(len(set), 0, 1, 2, 3, 4, 5, 6)
	if ks.Verify(all, msg, forged) {
		t.Fatal("rogue-key forgery accepted with coefficients")
	}
	// Adapting pk* to the coefficients of a set containing the previous
	// pk* fails too: the new key changes every coefficient.
	for range 3 {
		weighted := make([]bls.PublicKey, len(honest))
		copy(weighted, ks.weighted[:len(honest)])
		rogue = rogueKeyWeighted(t, &x, weighted, &ks.coefs[len(honest)])
		set[len(honest)] = rogue
		if ks, err = NewKeySet(set); err != nil {
			t.Fatal(err)
		}
		if ks.Verify(all, msg, forged) {
			t.Fatal("adaptive rogue key accepted")
		}
	}
}

// rogueKeyWeighted solves a·pk* = x·g1 − Σ weighted for pk* given a guess
// a of the rogue key's own coefficient.
func rogueKeyWeighted(t *testing.T, x *bls.SecretKey, weighted []bls.PublicKey, a *bls.Fr) *BLSPubKey {
	t.Helper()
	target := rogueKey(t, x, weighted) // x·g1 − Σ a_j·pk_j
	var inv bls.Fr
	bls.FrInv(&inv, a)
	var pk bls.G1
	bls.G1Mul(&pk, bls.CastFromPublicKey(&target.pk), &inv)
	pub, err := BLSPubKeyFromBytes(bls.CastToPublicKey(&pk).Serialize())
	if err != nil {
		t.Fatal(err)
	}
	return pub
}

func BenchmarkNewKeySet(b *testing.B) {
	for _, n := range []int{4, 100} {
		_, pubs := blsSigners(b, n)
		b.Run(strconv.Itoa(n)+"keys", func(b *testing.B) {
			for b.Loop() {
				if _, err := NewKeySet(pubs); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// bench67of100 is a set of 100 keys with signatures of the first 67.
func bench67of100(b *testing.B) (*KeySet, []byte, []byte, [][]byte) {
	signers, pubs := blsSigners(b, 100)
	ks, err := NewKeySet(pubs)
	if err != nil {
		b.Fatal(err)
	}
	msg := []byte("precommit h=1000 r=0")
	idx := make([]int, 67)
	sigs := make([][]byte, 67)
	for i := range idx {
		idx[i] = i
		sigs[i] = signers[i].sk.Sign(msg)
	}
	return ks, bitmapOf(100, idx...), msg, sigs
}

func BenchmarkKeySetAggregateKey67of100(b *testing.B) {
	ks, bm, _, _ := bench67of100(b)
	for b.Loop() {
		if _, err := ks.AggregateKey(bm); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkKeySetAggregate67(b *testing.B) {
	ks, bm, _, sigs := bench67of100(b)
	for b.Loop() {
		if _, err := ks.Aggregate(bm, sigs); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkKeySetVerify67of100(b *testing.B) {
	ks, bm, msg, sigs := bench67of100(b)
	agg, _ := ks.Aggregate(bm, sigs)
	for b.Loop() {
		if !ks.Verify(bm, msg, agg) {
			b.Fatal("rejected")
		}
	}
}

// BenchmarkBLSFastAggregateVerify67 is the plain check the coefficient
// scheme replaces, for comparison.
func BenchmarkBLSFastAggregateVerify67(b *testing.B) {
	ks, _, msg, sigs := bench67of100(b)
	pubs := ks.keys[:67]
	agg, _ := BLSAggregate(sigs)
	for b.Loop() {
		if !BLSFastAggregateVerify(pubs, msg, agg) {
			b.Fatal("rejected")
		}
	}
}

// VerifyBatch vouches for each signature: errors that cancel out in a sum
// (which a multi-signature check cannot see) and a rogue key's group of
// forged votes fail it.
func TestKeySetVerifyBatch(t *testing.T) {
	signers, pubs := blsSigners(t, 5)
	ks, err := NewKeySet(pubs)
	if err != nil {
		t.Fatal(err)
	}
	msg := []byte("prevote h=3 r=1")
	sigs := make([][]byte, 5)
	for i, s := range signers {
		sigs[i] = s.sk.Sign(msg)
	}
	all := bitmapOf(5, 0, 1, 2, 3, 4)
	if !ks.VerifyBatch(all, msg, sigs) {
		t.Fatal("valid batch rejected")
	}
	if !ks.VerifyBatch(bitmapOf(5, 1, 3), msg, [][]byte{sigs[1], sigs[3]}) {
		t.Fatal("valid sub-batch rejected")
	}
	if ks.VerifyBatch(all, []byte("other"), sigs) || ks.VerifyBatch(bitmapOf(5, 0, 1), msg, [][]byte{sigs[1], sigs[0]}) {
		t.Fatal("batch over another message or in another order accepted")
	}
	// σ0+Δ and σ1−Δ: each invalid, their sum still that of σ0 and σ1.
	var delta, s0, s1 bls.Sign
	var x bls.SecretKey
	x.SetByCSPRNG()
	delta = *x.SignByte([]byte("anything"))
	if s0.Deserialize(sigs[0]) != nil || s1.Deserialize(sigs[1]) != nil {
		t.Fatal("parse")
	}
	var neg bls.G2
	bls.G2Neg(&neg, bls.CastFromSign(&delta))
	bls.G2Add(bls.CastFromSign(&s0), bls.CastFromSign(&s0), bls.CastFromSign(&delta))
	bls.G2Add(bls.CastFromSign(&s1), bls.CastFromSign(&s1), &neg)
	cancelling := [][]byte{s0.Serialize(), s1.Serialize()}
	plain, _ := BLSAggregate(cancelling)
	if !BLSFastAggregateVerify(pubs[:2], msg, plain) {
		t.Fatal("the cancelling pair should pass a plain aggregate check")
	}
	if ks.VerifyBatch(bitmapOf(5, 0, 1), msg, cancelling) {
		t.Fatal("cancelling invalid signatures accepted")
	}
	for name, bad := range map[string][][]byte{
		"garbage":   {sigs[0], make([]byte, BLSSigSize)},
		"short":     {sigs[0], sigs[1][:95]},
		"one fewer": {sigs[0]},
	} {
		if ks.VerifyBatch(bitmapOf(5, 0, 1), msg, bad) {
			t.Errorf("%s: accepted", name)
		}
	}
	// A rogue key's owner makes votes for everybody whose plain sum is x·H(m).
	honestKeys := make([]bls.PublicKey, 4)
	for i := range honestKeys {
		honestKeys[i] = pubs[i].pk
	}
	rogue := rogueKey(t, &x, honestKeys)
	set, _ := NewKeySet(append(append([]*BLSPubKey{}, pubs[:4]...), rogue))
	forged := make([][]byte, 5)
	var sum bls.G2
	for i := range 4 {
		var k bls.SecretKey
		k.SetByCSPRNG()
		forged[i] = k.SignByte(msg).Serialize()
		var p bls.Sign
		_ = p.Deserialize(forged[i])
		bls.G2Add(&sum, &sum, bls.CastFromSign(&p))
	}
	var last bls.G2
	bls.G2Neg(&sum, &sum)
	bls.G2Add(&last, bls.CastFromSign(x.SignByte(msg)), &sum)
	forged[4] = bls.CastToSign(&last).Serialize()
	plain, _ = BLSAggregate(forged)
	if !BLSFastAggregateVerify(append(append([]*BLSPubKey{}, pubs[:4]...), rogue), msg, plain) {
		t.Fatal("the forged group should pass a plain aggregate check")
	}
	if set.VerifyBatch(all, msg, forged) {
		t.Fatal("rogue key's forged vote group accepted")
	}
}

func BenchmarkKeySetVerifyBatch67of100(b *testing.B) {
	ks, bm, msg, sigs := bench67of100(b)
	for b.Loop() {
		if !ks.VerifyBatch(bm, msg, sigs) {
			b.Fatal("rejected")
		}
	}
}

// RogueKey and RogueVotes mount the attack that plain aggregation falls
// to (and that the coefficient and batch checks stop).
func TestRogueKeyHelpers(t *testing.T) {
	_, honest := blsSigners(t, 3)
	x := GenerateBLSKey()
	rogue, err := RogueKey(x, honest)
	if err != nil {
		t.Fatal(err)
	}
	set := append(append([]*BLSPubKey{}, honest...), rogue)
	msg := []byte("precommit")
	if !BLSFastAggregateVerify(set, msg, x.Sign(msg)) {
		t.Fatal("x·H(m) is not the plain aggregate of the set")
	}
	votes := RogueVotes(x, msg, len(set))
	plain, err := BLSAggregate(votes)
	if err != nil || !BLSFastAggregateVerify(set, msg, plain) {
		t.Fatalf("forged votes do not pass a plain aggregate check: %v", err)
	}
	for i, v := range votes {
		if set[i].Verify(msg, v) {
			t.Fatalf("forged vote %d valid", i)
		}
	}
	ks, _ := NewKeySet(set)
	all := bitmapOf(4, 0, 1, 2, 3)
	if ks.Verify(all, msg, x.Sign(msg)) || ks.VerifyBatch(all, msg, votes) {
		t.Fatal("coefficient or batch check accepted the forgery")
	}
}

// aggChecks makes n valid multi-signature checks over two key sets, each of
// its own message and signer subset.
func aggChecks(t testing.TB, n int) []AggregateCheck {
	t.Helper()
	var sets []*KeySet
	var signers [][]blsSigner
	for range 2 {
		s, pubs := blsSigners(t, 4)
		ks, err := NewKeySet(pubs)
		if err != nil {
			t.Fatal(err)
		}
		sets, signers = append(sets, ks), append(signers, s)
	}
	checks := make([]AggregateCheck, n)
	for k := range checks {
		ks, s := sets[k%2], signers[k%2]
		subset := []int{0, 1, 2, 3}[:2+k%3]
		msg := []byte("precommit h=" + strconv.Itoa(k))
		var sigs [][]byte
		for _, i := range subset {
			sigs = append(sigs, s[i].sk.Sign(msg))
		}
		bm := bitmapOf(4, subset...)
		agg, err := ks.Aggregate(bm, sigs)
		if err != nil {
			t.Fatal(err)
		}
		checks[k] = AggregateCheck{Set: ks, Bitmap: bm, Msg: msg, AggSig: agg}
	}
	return checks
}

// VerifyAggregates passes exactly when each check passes alone: one bad
// check (another message, another signer set, another aggregate, garbage)
// fails the whole batch, and so do two bad aggregates whose errors cancel
// out in a sum. Checks k and k+6 have the same signers (one pairing for
// both), the others not.
func TestVerifyAggregates(t *testing.T) {
	checks := aggChecks(t, 12)
	for _, c := range checks {
		if !c.Set.Verify(c.Bitmap, c.Msg, c.AggSig) {
			t.Fatal("test setup: a check fails alone")
		}
	}
	if !bytes.Equal(checks[0].Bitmap, checks[6].Bitmap) || checks[0].Set != checks[6].Set {
		t.Fatal("test setup: checks 0 and 6 have other signers")
	}
	if !VerifyAggregates(checks) || !VerifyAggregates(checks[:1]) || !VerifyAggregates(nil) {
		t.Fatal("valid checks rejected")
	}
	bad := map[string]func(c []AggregateCheck){
		"another message":       func(c []AggregateCheck) { c[3].Msg = []byte("other") },
		"another signer":        func(c []AggregateCheck) { c[3].Bitmap = bitmapOf(4, 0, 1, 2, 3) },
		"another aggregate":     func(c []AggregateCheck) { c[3].AggSig = c[5].AggSig },
		"swapped":               func(c []AggregateCheck) { c[1].AggSig, c[3].AggSig = c[3].AggSig, c[1].AggSig },
		"swapped, same signers": func(c []AggregateCheck) { c[0].AggSig, c[6].AggSig = c[6].AggSig, c[0].AggSig },
		"another message, same signers as another check": func(c []AggregateCheck) { c[6].Msg = c[0].Msg },
		"garbage":      func(c []AggregateCheck) { c[3].AggSig = make([]byte, BLSSigSize) },
		"short":        func(c []AggregateCheck) { c[3].AggSig = c[3].AggSig[:95] },
		"empty bitmap": func(c []AggregateCheck) { c[3].Bitmap = bitmapOf(4) },
		"cancelling": func(c []AggregateCheck) { // σ1+Δ and σ3−Δ over the same message: their sum is valid
			c[3].Msg, c[3].AggSig = c[1].Msg, nil
			var s1, s3 bls.Sign
			_ = s1.Deserialize(c[1].AggSig)
			s3 = s1
			var x bls.SecretKey
			x.SetByCSPRNG()
			delta := x.SignByte([]byte("anything"))
			var neg bls.G2
			bls.G2Neg(&neg, bls.CastFromSign(delta))
			bls.G2Add(bls.CastFromSign(&s1), bls.CastFromSign(&s1), bls.CastFromSign(delta))
			bls.G2Add(bls.CastFromSign(&s3), bls.CastFromSign(&s3), &neg)
			c[1].AggSig, c[3].AggSig = s1.Serialize(), s3.Serialize()
			c[3].Set, c[3].Bitmap = c[1].Set, c[1].Bitmap
		},
	}
	for name, mod := range bad {
		c := slices.Clone(checks)
		mod(c)
		if VerifyAggregates(c) {
			t.Errorf("%s: accepted", name)
		}
	}
}

// VerifyAggregates (blst) and Verify (herumi) agree on every encoding of an
// aggregate signature: flags flipped, a coordinate not below the field's
// modulus, the point at infinity, the wrong length, random bytes.
func TestVerifyAggregatesEncodings(t *testing.T) {
	c := aggChecks(t, 1)[0]
	p := []byte{0x1a, 0x01, 0x11, 0xea, 0x39, 0x7f, 0xe6, 0x9a, 0x4b, 0x1b, 0xa7, 0xb6, 0x43, 0x4b, 0xac, 0xd7,
		0x64, 0x77, 0x4b, 0x84, 0xf3, 0x85, 0x12, 0xbf, 0x67, 0x30, 0xd2, 0xa0, 0xf6, 0xb0, 0xf6, 0x24,
		0x1e, 0xab, 0xff, 0xfe, 0xb1, 0x53, 0xff, 0xff, 0xb9, 0xfe, 0xff, 0xff, 0xff, 0xff, 0xaa, 0xab} // the modulus
	mods := map[string]func([]byte) []byte{
		"valid":                    func(b []byte) []byte { return b },
		"compression flag cleared": func(b []byte) []byte { b[0] &^= 0x80; return b },
		"infinity flag set":        func(b []byte) []byte { b[0] |= 0x40; return b },
		"sign flag flipped":        func(b []byte) []byte { b[0] ^= 0x20; return b },
		"x.c1 = p":                 func(b []byte) []byte { copy(b, p); b[0] |= 0x80 | b[0]&0x20; return b },
		"x.c0 = p":                 func(b []byte) []byte { copy(b[48:], p); return b },
		"infinity":                 func(b []byte) []byte { clear(b); b[0] = 0xc0; return b },
		"short":                    func(b []byte) []byte { return b[:95] },
		"random": func(b []byte) []byte {
			if _, err := rand.Read(b); err != nil {
				t.Fatal(err)
			}
			return b
		},
	}
	for name, mod := range mods {
		sig := mod(slices.Clone(c.AggSig))
		herumi := c.Set.Verify(c.Bitmap, c.Msg, sig)
		if got := VerifyAggregates([]AggregateCheck{{Set: c.Set, Bitmap: c.Bitmap, Msg: c.Msg, AggSig: sig}}); got != herumi {
			t.Errorf("%s: VerifyAggregates %v, Verify %v", name, got, herumi)
		}
		if herumi != (name == "valid") {
			t.Errorf("%s: Verify %v", name, herumi)
		}
	}
}

// BenchmarkVerifyAggregates is the cost per check of a batch of 128 (a
// range of blocks synced at once), against BenchmarkVerifyAggregateAlone.
func BenchmarkVerifyAggregates(b *testing.B) {
	checks := aggChecks(b, 128)
	for b.Loop() {
		if !VerifyAggregates(checks) {
			b.Fatal("rejected")
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(checks)), "ns/check")
}

func BenchmarkVerifyAggregateAlone(b *testing.B) {
	c := aggChecks(b, 1)[0]
	for b.Loop() {
		if !c.Set.Verify(c.Bitmap, c.Msg, c.AggSig) {
			b.Fatal("rejected")
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N), "ns/check")
}

// Our patch of blst (third_party/blst, PATCH.md) splits the hash to G2 in
// two: HashToG2Uncleared gives Q0 + Q1, the sum of the two mapped points
// of RFC 9380 §3 before clear_cofactor, and ClearCofactor the rest. Checked
// against the RFC's own vectors (Appendix J.10.1, suite
// BLS12381G2_XMD:SHA-256_SSWU_RO_, the messages up to 16 bytes), which
// give Q0, Q1 and P for each message; and a sum of uncleared hashes,
// cleared once, must be the sum of the hashes (as VerifyAggregates uses
// it), at sizes on both sides of blst's switch to Pippenger's method (32).
func TestHashToG2Uncleared(t *testing.T) {
	dst := []byte("QUUX-V01-CS02-with-BLS12381G2_XMD:SHA-256_SSWU_RO_")
	point := func(h string) *blst.P2Affine {
		b, err := hex.DecodeString(h)
		if err != nil {
			t.Fatal(err)
		}
		p := new(blst.P2Affine).Deserialize(b) // on the curve; Q0 and Q1 are not in G2
		if p == nil {
			t.Fatalf("vector point %.16s... does not decode", h)
		}
		return p
	}
	for _, v := range []struct{ msg, q0, q1, p string }{
		{"",
			"171c88b0b0efb5eb2b88913a9e74fe111a4f68867b59db252ce5868af4d1254bfab77ebde5d61cd1a86fb2fe4a5a1c1d019ad3fc9c72425a998d7ab1ea0e646a1f6093444fc6965f1cad5a3195a7b1e099c050d57f45e3fa191cc6d75ed7458c0eb22c7a543d3d376e9716a49b72e79a89c9bfe9feee8533ed931cbb5373dde1fbcd7411d8052e02693654f71e15410a0ba10604e62bdd9eeeb4156652066167b72c8d743b050fb4c1016c31b505129374f76e03fa127d6a156213576910fef3",
			"13855912321c5cb793e9d1e88f6f8d342d49c0b0dbac613ee9e17e3c0b3c97dfbb5a49cc3fb45102fdbaf65e0efe2632113d2b9cd4bd98aee53470b27abc658d91b47a78a51584f3d4b950677cfb8a3e99c24222c406128c91296ef6b45608be056f617902b3c0d0f78a9a8cbda43a26b65f602f8786540b9469b060db7b38417915b413ca65f875c130bebfaa59790c0fd3def0b7574a1d801be44fde617162aa2e89da47f464317d9bb5abc3a7071763ce74180883ad7ad9a723a9afafcdca",
			"05cb8437535e20ecffaef7752baddf98034139c38452458baeefab379ba13dff5bf5dd71b72418717047f5b0f37da03d0141ebfbdca40eb85b87142e130ab689c673cf60f1a3e98d69335266f30d9b8d4ac44c1038e9dcdd5393faf5c41fb78a12424ac32561493f3fe3c260708a12b7c620e7be00099a974e259ddc7d1f6395c3c811cdd19f1e8dbf3e9ecfdcbab8d60503921d7f6a12805e72940b963c0cf3471c7b2a524950ca195d11062ee75ec076daf2d4bc358c4b190c0c98064fdd92"},
		{"abc",
			"05d8a724db78e570e34100c0bc4a5fa84ad5839359b40398151f37cff5a51de945c563463c9efbdda569850ee5a53e7712b2e525281b5f4d2276954e84ac4f42cf4e13b6ac4228624e17760faf94ce5706d53f0ca1952f1c5ef75239aeed55ad04bbe48bfd5814648d0b9e30f0717b34015d45a861425fabc1ee06fdfce36384ae2c808185e693ae97dcde118f34de4102eacdc556d0bdb5d18d22f23dcb086dd106cad713777c7e6407943edbe0b3d1efe391eedf11e977fac55f9b94f2489c",
			"15b0dadc256a258b4c68ea43605dffa6d312eef215c19e6474b3e101d33b661dfee43b51abbf96fee68fc6043ac56a5819f18cc5ec0c2f055e47c802acc3b0e40c337256a208001dde14b25afced146f37ea3d3ce16834c78175b3ed61f3c53719f98db2f4a1fcdf56a9ced7b320ea9deecf57c8e59236b0dc21f6ee7229aa9705ce9ac7fe7a31c72edca0d92370c09605e47c1781286e61c7ade887512bd9c2cb9f640d3be9cf87ea0bad24bd0ebfe946497b48a581ab6c7d4ca74b5147287f",
			"139cddbccdc5e91b9623efd38c49f81a6f83f175e80b06fc374de9eb4b41dfe4ca3a230ed250fbe3a2acf73a41177fd802c2d18e033b960562aae3cab37a27ce00d80ccd5ba4b7fe0e7a210245129dbec7780ccc7954725f4168aff2787776e600aa65dae3c8d732d10ecd2c50f8a1baf3001578f71c694e03866e9f3d49ac1e1ce70dd94a733534f106d4cec0eddd161787327b68159716a37440985269cf584bcb1e621d3a7202be6ea05c4cfe244aeb197642555a0645fb87bf7466b2ba48"},
		{"abcdef0123456789",
			"06051467c8f85da5ba2540974758f7a1e0239a5981de441fdd87680a995649c211054869c50edbac1f3a86c561ba31620f48f1ea1318ddb713697708f7327781fb39718971d72a9245b9731faaca4dbaa7cca433d6c434a820c28b18e20ea208134e0e8331cee8cb12f9c2d0742714ed9eee78a84d634c9a95f6a7391b37125ed48bfc6e90bf3546e99930ff67cc97bc168b3d6df80069dbbedb714d41b32961ad064c227355e1ce5fac8e105de5e49d77f0c64867f3834848f152497eb76333",
			"1674338ea298281b636b2eb0fe593008d03171195fd6dcd4531e8a1ed1f02a72da238a17a635de307d7d24aa2d969a47004fd03968cd1c99a0dd84551f44c206c84dcbdb78076c5bfee24e89a92c8508b52b88b68a92258403cbe1ea2da3495f169585e164c131103d85324f2d7747b23b91d66ae5d947c449c8194a347969fc6bbd967729768da485ba71868df8aed20dc7fa13fff6b12558419e0a1e94bfc3cfaf67238009991c5f24ee94b632c3d09e27eca329989aee348a67b50d5e236c",
			"190d119345b94fbd15497bcba94ecf7db2cbfd1e1fe7da034d26cbba169fb3968288b3fafb265f9ebd380512a71c3f2c121982811d2491fde9ba7ed31ef9ca474f0e1501297f68c298e9f4c0028add35aea8bb83d53c08cfc007c1e005723cd00bb5e7572275c567462d91807de765611490205a941a5a6af3b1691bfe596c31225d3aabdf15faff860cb4ef17c7c3be05571a0f8d3c08d094576981f4a3b8eda0a8e771fcdcc8ecceaf1356a6acf17574518acb506e435b639353c2e14827c8"},
	} {
		var sum blst.P2
		sum.FromAffine(point(v.q0))
		sum.AddAssign(point(v.q1))
		u := blst.HashToG2Uncleared([]byte(v.msg), dst)
		if !u.ToAffine().Equals(sum.ToAffine()) {
			t.Errorf("msg %q: HashToG2Uncleared is not Q0 + Q1", v.msg)
		}
		if u.ToAffine().InG2() {
			t.Errorf("msg %q: the uncleared hash is in G2", v.msg)
		}
		if p := point(v.p); !u.ClearCofactor().ToAffine().Equals(p) || !blst.HashToG2([]byte(v.msg), dst).ToAffine().Equals(p) {
			t.Errorf("msg %q: the cleared hash is not P", v.msg)
		}
	}
	for _, n := range []int{1, 2, 31, 32, 33, 128} {
		rs := make([]byte, 8*n)
		if _, err := rand.Read(rs); err != nil {
			t.Fatal(err)
		}
		var hs, us blst.P2s
		for k := range n {
			msg := []byte(fmt.Sprintf("block %d", k))
			hs = append(hs, *blst.HashToG2(msg, blsDST))
			us = append(us, *blst.HashToG2Uncleared(msg, blsDST))
		}
		if !hs.Mult(rs, 64).ToAffine().Equals(us.Mult(rs, 64).ClearCofactor().ToAffine()) {
			t.Errorf("%d hashes: the cleared sum of uncleared hashes is not the sum of hashes", n)
		}
	}
}
