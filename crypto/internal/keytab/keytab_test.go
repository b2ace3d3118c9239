package keytab

import (
	"crypto/rand"
	"fmt"
	"math/big"
	"testing"

	"github.com/decred/dcrd/dcrec/secp256k1/v4"
	geth "github.com/ethereum/go-ethereum/crypto/secp256k1"
)

// The reference is libsecp256k1's own check, as the node uses it
// (go-ethereum's VerifySignature: uncompressed key, R||S, low S only).

func newKey(t testing.TB) (pub65, sec []byte) {
	t.Helper()
	k, err := secp256k1.GeneratePrivateKey()
	if err != nil {
		t.Fatal(err)
	}
	return k.PubKey().SerializeUncompressed(), k.Serialize()
}

func randBytes(n int) []byte {
	b := make([]byte, n)
	rand.Read(b)
	return b
}

// agree checks that the table and libsecp256k1 give the same answer, and
// returns it; and that VerifyBatch gives it too, with the check among
// others (valid signatures of other keys) at a position of its own.
func agree(t *testing.T, tab *Table, pub65, sig, hash []byte, what string) bool {
	t.Helper()
	want := geth.VerifySignature(pub65, hash, sig)
	got, decided := tab.Verify(sig, hash)
	if !decided || got != want {
		t.Fatalf("%s: table says %v (decided %v), libsecp256k1 %v\nkey %x\nsig %x\nhash %x", what, got, decided, want, pub65, sig, hash)
	}
	cs := companions(t)
	at := int(randBytes(1)[0]) % (len(cs) + 1)
	cs = append(cs[:at], append([]Check{{Table: tab, Sig: sig, Hash: hash}}, cs[at:]...)...)
	VerifyBatch(cs)
	for i, c := range cs {
		if i == at {
			if !c.Decided || c.Valid != want {
				t.Fatalf("%s: in a batch (at %d of %d), the table says %v (decided %v), libsecp256k1 %v\nkey %x\nsig %x\nhash %x", what, at, len(cs), c.Valid, c.Decided, want, pub65, sig, hash)
			}
		} else if !c.Valid || !c.Decided {
			t.Fatalf("%s: in a batch with it, a valid companion (%d of %d) is refused", what, i, len(cs))
		}
	}
	return got
}

// companions are 2 to 8 valid checks by other keys, a fresh copy for each
// batch.
var companionChecks []Check

func companions(t testing.TB) []Check {
	if companionChecks == nil {
		companionChecks = validChecks(t, 4, 2)
	}
	n := minBatch - 1 + int(randBytes(1)[0])%(len(companionChecks)-minBatch+2) // the batch is never checked one at a time
	return append([]Check(nil), companionChecks[:n]...)
}

func TestVerifyAgreesWithLibsecp256k1(t *testing.T) {
	for k := 0; k < 16; k++ {
		pub, sec := newKey(t)
		tab := New(pub[1:])
		if tab == nil {
			t.Fatal("no table for a valid key")
		}
		other, _ := newKey(t)
		otherTab := New(other[1:])
		for i := 0; i < 200; i++ {
			hash := randBytes(32)
			sig, err := geth.Sign(hash, sec)
			if err != nil {
				t.Fatal(err)
			}
			sig = sig[:64]
			if !agree(t, tab, pub, sig, hash, "a valid signature") {
				t.Fatal("a valid signature is refused")
			}
			bad := append([]byte(nil), sig...)
			bad[i%64] ^= 1 << (i % 8)
			agree(t, tab, pub, bad, hash, "a signature with a flipped bit")
			badHash := append([]byte(nil), hash...)
			badHash[i%32] ^= 1 << (i % 8)
			if agree(t, tab, pub, sig, badHash, "another hash") {
				t.Fatal("a signature of another hash is accepted")
			}
			if agree(t, otherTab, other, sig, hash, "another key") {
				t.Fatal("a signature by another key is accepted")
			}
		}
	}
}

var order = secp256k1.S256().N

func scalarBytes(n *big.Int) []byte { return n.FillBytes(make([]byte, 32)) }

func TestVerifyEdgeScalars(t *testing.T) {
	pub, sec := newKey(t)
	tab := New(pub[1:])
	hash := randBytes(32)
	sig, _ := geth.Sign(hash, sec)
	r, s := new(big.Int).SetBytes(sig[:32]), new(big.Int).SetBytes(sig[32:64])
	max := new(big.Int).Sub(new(big.Int).Lsh(big.NewInt(1), 256), big.NewInt(1))
	cases := map[string][2]*big.Int{
		"high S":      {r, new(big.Int).Sub(order, s)},
		"r zero":      {big.NewInt(0), s},
		"s zero":      {r, big.NewInt(0)},
		"r = n":       {order, s},
		"s = n":       {r, order},
		"r + n":       {new(big.Int).Add(r, order), s},
		"r = 2^256-1": {max, s},
		"s = 2^256-1": {r, max},
		"s = 1":       {r, big.NewInt(1)},
		"r = 1":       {big.NewInt(1), s},
	}
	for name, c := range cases {
		if c[0].BitLen() > 256 || c[1].BitLen() > 256 {
			continue // r + n may not fit: nothing to encode
		}
		if agree(t, tab, pub, append(scalarBytes(c[0]), scalarBytes(c[1])...), hash, name) {
			t.Fatalf("%s: accepted", name)
		}
	}
	for _, h := range [][]byte{make([]byte, 32), scalarBytes(order), scalarBytes(max)} {
		sig, err := geth.Sign(h, sec) // a hash at or over n is reduced mod n
		if err != nil {
			t.Fatal(err)
		}
		if !agree(t, tab, pub, sig[:64], h, "hash 0, n or 2^256-1") {
			t.Fatal("refused")
		}
	}
}

// TestVerifyXOverOrder makes the rare valid signature whose R has an x at
// or above n, so that r = x - n (libsecp256k1's second comparison), and
// one whose R is the point at infinity: both need a key made for them.
func TestVerifyXOverOrder(t *testing.T) {
	curve := secp256k1.S256()
	// An x in (n, p) that is on the curve (n itself is, but r would be 0).
	x := new(big.Int).Add(order, big.NewInt(1))
	var R secp256k1.JacobianPoint
	for {
		var fx, fy secp256k1.FieldVal
		fx.SetByteSlice(scalarBytes(x))
		if secp256k1.DecompressY(&fx, false, &fy) {
			R = secp256k1.JacobianPoint{X: fx, Y: fy, Z: *new(secp256k1.FieldVal).SetInt(1)}
			break
		}
		x.Add(x, big.NewInt(1))
	}
	if x.Cmp(curve.P) >= 0 {
		t.Fatal("no x in [n, p)")
	}
	r := new(big.Int).Sub(x, order)
	hash := randBytes(32)
	var rs, ss, ms secp256k1.ModNScalar
	rs.SetByteSlice(scalarBytes(r))
	ms.SetByteSlice(hash)
	for {
		ss.SetByteSlice(randBytes(32))
		if !ss.IsOverHalfOrder() && !ss.IsZero() {
			break
		}
	}
	// u1 = m/s, u2 = r/s; the key P = (R - u1*G)/u2 makes u1*G + u2*P = R.
	sinv := new(secp256k1.ModNScalar).InverseValNonConst(&ss)
	u1 := new(secp256k1.ModNScalar).Mul2(&ms, sinv)
	u2 := new(secp256k1.ModNScalar).Mul2(&rs, sinv)
	u2inv := new(secp256k1.ModNScalar).InverseValNonConst(u2)
	var negU1G, diff, P secp256k1.JacobianPoint
	secp256k1.ScalarBaseMultNonConst(new(secp256k1.ModNScalar).NegateVal(u1), &negU1G)
	secp256k1.AddNonConst(&R, &negU1G, &diff)
	diff.ToAffine() // ScalarMultNonConst wants it normalized
	secp256k1.ScalarMultNonConst(u2inv, &diff, &P)
	P.ToAffine()
	pub := secp256k1.NewPublicKey(&P.X, &P.Y).SerializeUncompressed()
	tab := New(pub[1:])
	sb := ss.Bytes()
	sig := append(scalarBytes(r), sb[:]...)
	if !agree(t, tab, pub, sig, hash, "R.x over n") {
		t.Fatal("the signature with R.x over n is refused")
	}

	// P = -(u1/u2)*G: u1*G + u2*P is the point at infinity.
	k := new(secp256k1.ModNScalar).Mul2(u1, u2inv)
	k.Negate()
	var Q secp256k1.JacobianPoint
	secp256k1.ScalarBaseMultNonConst(k, &Q)
	Q.ToAffine()
	pub = secp256k1.NewPublicKey(&Q.X, &Q.Y).SerializeUncompressed()
	if agree(t, New(pub[1:]), pub, sig, hash, "R at infinity") {
		t.Fatal("accepted with R at infinity")
	}
}

func TestNewRefusesPointsOffTheCurve(t *testing.T) {
	pub, _ := newKey(t)
	bad := append([]byte(nil), pub[1:]...)
	bad[63] ^= 1
	p := secp256k1.S256().P
	for name, xy := range map[string][]byte{
		"y changed": bad,
		"zero":      make([]byte, 64),
		"x = p":     append(scalarBytes(p), pub[33:]...),
		"too short": pub[1:64],
		"with 0x04": pub,
	} {
		if New(xy) != nil {
			t.Errorf("%s: a table for a point off the curve", name)
		}
	}
}

// BenchmarkVerify checks 256 signatures of one key in turn: each check
// reads other entries of the tables, as the node's checks do.
func BenchmarkVerify(b *testing.B) {
	pub, sec := newKey(b)
	var hashes, sigs [256][]byte
	for i := range hashes {
		hashes[i] = randBytes(32)
		sig, _ := geth.Sign(hashes[i], sec)
		sigs[i] = sig[:64]
	}
	b.Run("table", func(b *testing.B) {
		tab := New(pub[1:])
		i := 0
		for b.Loop() {
			if ok, _ := tab.Verify(sigs[i%256], hashes[i%256]); !ok {
				b.Fatal("refused")
			}
			i++
		}
	})
	b.Run("libsecp256k1", func(b *testing.B) {
		i := 0
		for b.Loop() {
			if !geth.VerifySignature(pub, hashes[i%256], sigs[i%256]) {
				b.Fatal("refused")
			}
			i++
		}
	})
}

// BenchmarkVerifyManyKeys checks one signature of each of 256 keys in turn,
// n a call, as a node checks its senders': their tables (34 MiB) do not stay
// in the caches. The -cold cases write 4 MiB before each call (untimed), as a
// node's other work does between its checks.
func BenchmarkVerifyManyKeys(b *testing.B) {
	all := validChecks(b, 256, 1)
	junk := make([]byte, 4<<20)
	flush := func() {
		for k := 0; k < len(junk); k += 64 {
			junk[k]++
		}
	}
	for _, n := range []int{1, 8} {
		b.Run(fmt.Sprint(n), func(b *testing.B) { benchChecks(b, all, n, 1, nil) })
		b.Run(fmt.Sprint(n, "-cold"), func(b *testing.B) { benchChecks(b, all, n, 1, flush) })
	}
}

// benchChecks verifies n checks of all a call (stride apart in all, the next
// call starting n further on) and reports one check's share; before each
// call it runs before, if any, untimed.
func benchChecks(b *testing.B, all []Check, n, stride int, before func()) {
	cs := make([]Check, n)
	i := 0
	for b.Loop() {
		if before != nil {
			b.StopTimer()
			before()
			b.StartTimer()
		}
		for k := range cs {
			cs[k] = all[(i+k*stride)%len(all)]
		}
		i += n
		VerifyBatch(cs)
		for _, c := range cs {
			if !c.Valid {
				b.Fatal("refused")
			}
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/check")
}

// validChecks are each valid signatures by each of keys new keys, key after
// key.
func validChecks(t testing.TB, keys, each int) []Check {
	var cs []Check
	for range keys {
		pub, sec := newKey(t)
		tab := New(pub[1:])
		for range each {
			hash := randBytes(32)
			sig, _ := geth.Sign(hash, sec)
			cs = append(cs, Check{Table: tab, Sig: sig[:64], Hash: hash})
		}
	}
	return cs
}

// BenchmarkVerifyBatch checks n signatures a call, of 16 keys (256
// signatures in turn); ns/check is one's share.
func BenchmarkVerifyBatch(b *testing.B) {
	all := validChecks(b, 16, 16)
	for _, n := range []int{1, 2, 4, 8, 16, 64} {
		b.Run(fmt.Sprint(n), func(b *testing.B) { benchChecks(b, all, n, 17, nil) })
	}
}

func BenchmarkNew(b *testing.B) {
	pub, _ := newKey(b)
	for b.Loop() {
		New(pub[1:])
	}
}

// A batch larger than maxBatch is checked in turns, with the same answers:
// every fifth signature of 150 is made invalid.
func TestVerifyBatchLarge(t *testing.T) {
	cs := validChecks(t, 3, 50)
	for i := range cs {
		if i%5 == 0 {
			cs[i].Sig = append([]byte(nil), cs[i].Sig...)
			cs[i].Sig[i%64] ^= 1
		}
	}
	VerifyBatch(cs)
	for i, c := range cs {
		want, _ := c.Table.Verify(c.Sig, c.Hash)
		if !c.Decided || c.Valid != want || c.Valid != (i%5 != 0) {
			t.Fatalf("check %d of %d: %v (decided %v), alone %v", i, len(cs), c.Valid, c.Decided, want)
		}
	}
}
