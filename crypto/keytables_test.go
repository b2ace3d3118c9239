package crypto

import (
	"testing"
	"time"

	"github.com/decred/dcrd/dcrec/secp256k1/v4"
	"github.com/decred/dcrd/dcrec/secp256k1/v4/ecdsa"

	"chain33node/poll"
)

// TestVerifyWithKeyTable: the second check by a key makes its table, and
// the checks with it answer as libsecp256k1 does: a valid signature (with
// a low or a high S), another message, a flipped bit, another key.
func TestVerifyWithKeyTable(t *testing.T) {
	k, _ := GeneratePrivKey()
	pk, _ := secp256k1.ParsePubKey(k.PubKey())
	full := [65]byte(pk.SerializeUncompressed())
	msg := []byte("with a table")
	sig := k.Sign(msg)
	for i := range 2 {
		if keyTables.get(full, false) != nil {
			t.Fatalf("a table before check %d", i+1)
		}
		if !VerifySecp256k1(k.PubKey(), msg, sig) {
			t.Fatal("rejected")
		}
	}
	waitTable(t, keyTables, full, "a table made after the key's second check")
	if !VerifySecp256k1(k.PubKey(), msg, highS(t, sig)) {
		t.Fatal("the same signature with a high S rejected")
	}
	if VerifySecp256k1(k.PubKey(), []byte("another"), sig) {
		t.Fatal("accepted for another message")
	}
	other, _ := GeneratePrivKey()
	for range 2 {
		if VerifySecp256k1(other.PubKey(), msg, sig) {
			t.Fatal("accepted by another key")
		}
	}
	for i := 0; i < len(sig); i++ {
		bad := append([]byte(nil), sig...)
		bad[i] ^= 0x10
		if VerifySecp256k1(k.PubKey(), msg, bad) {
			t.Fatalf("accepted with byte %d changed", i)
		}
	}
}

// waitTable waits until c has made the table of full (what: the test's
// words for it) and fails the test after 10 s.
func waitTable(t *testing.T, c *tableCache, full [65]byte, what string) {
	t.Helper()
	poll.Until(t, 10*time.Second, what, func() bool { return c.get(full, false) != nil })
}

// len is how many tables c keeps or is making.
func (c *tableCache) len() int {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return len(c.keys)
}

// highS re-encodes a DER signature with n - S.
func highS(t *testing.T, der []byte) []byte {
	s, err := ecdsa.ParseDERSignature(der)
	if err != nil {
		t.Fatal(err)
	}
	r, sv := s.R(), s.S()
	sv.Negate()
	return ecdsa.NewSignature(&r, &sv).Serialize()
}

func fullKey(t *testing.T) [65]byte {
	k, err := secp256k1.GeneratePrivateKey()
	if err != nil {
		t.Fatal(err)
	}
	return [65]byte(k.PubKey().SerializeUncompressed())
}

// TestTableCacheBounds: tables only for keys seen before, at most max at
// once, none beyond the builds the limiter allows, and an idle table goes.
func TestTableCacheBounds(t *testing.T) {
	c := newTableCache(3, 0.001, 100*time.Millisecond) // a burst of 3 builds, then none for 1,000 s
	var keys [][65]byte
	for range 5 {
		keys = append(keys, fullKey(t))
	}
	if c.get(keys[0], false) != nil || c.len() != 0 {
		t.Fatal("a table for a key not seen before")
	}
	for _, k := range keys {
		if c.get(k, true) != nil {
			t.Fatal("a table made on the check's path") // the builder makes it
		}
	}
	if n := c.len(); n != 3 {
		t.Fatalf("%d tables, bound 3", n)
	}
	for _, k := range keys[:3] {
		waitTable(t, c, k, "a kept table made")
	}
	poll.Until(t, 10*time.Second, "the idle tables dropped", func() bool { return c.len() == 0 })
	if c.get(keys[3], true) != nil || c.len() != 0 {
		t.Fatal("a table made beyond the builds allowed")
	}
}

// VerifyAll answers as Verify does, one signature at a time, for a mix of
// every type: secp256k1 keys with tables (checked together), without, and
// compressed and uncompressed; good signatures, changed ones (each byte of
// the signature in turn), another message, another key, a high S.
func TestVerifyAllAgreesWithVerify(t *testing.T) {
	var tabled []*PrivKey
	for range 4 {
		k, _ := GeneratePrivKey()
		pk, _ := secp256k1.ParsePubKey(k.PubKey())
		for range 2 {
			VerifySecp256k1(k.PubKey(), []byte("seen"), k.Sign([]byte("seen")))
		}
		waitTable(t, keyTables, [65]byte(pk.SerializeUncompressed()), "a table made after the key's second check")
		tabled = append(tabled, k)
	}
	var sigs []Sig
	for i := range 96 {
		k := tabled[i%len(tabled)]
		msg := []byte{byte(i), 'm'}
		sig := k.Sign(msg)
		s := Sig{CryptoID: SignTypeSecp256k1, Pub: k.PubKey(), Msg: msg, Sig: sig}
		switch i % 6 {
		case 1:
			s.Sig = append([]byte(nil), sig...)
			s.Sig[i%len(sig)] ^= 0x10
		case 2:
			s.Msg = []byte("another")
		case 3:
			s.Pub = tabled[(i+1)%len(tabled)].PubKey()
		case 4:
			s.Sig = highS(t, sig)
		}
		sigs = append(sigs, s)
	}
	untabled, _ := GeneratePrivKey()
	pk, _ := secp256k1.ParsePubKey(untabled.PubKey())
	for _, pub := range [][]byte{untabled.PubKey(), pk.SerializeUncompressed()} {
		sigs = append(sigs, Sig{CryptoID: SignTypeSecp256k1, Pub: pub, Msg: []byte("u"), Sig: untabled.Sign([]byte("u"))})
	}
	for _, id := range []int32{SignTypeED25519, SignTypeSecp256r1, SignTypeSM2, SignTypeSecp256k1Eth} {
		k, err := GenerateSigner(id)
		if err != nil {
			t.Fatal(err)
		}
		sigs = append(sigs, Sig{CryptoID: id, Pub: k.PubKey(), Msg: []byte("t"), Sig: k.Sign([]byte("t"))},
			Sig{CryptoID: id, Pub: k.PubKey(), Msg: []byte("other"), Sig: k.Sign([]byte("t"))})
	}
	ok := make([]bool, len(sigs))
	VerifyAll(sigs, ok)
	good := 0
	for i, s := range sigs {
		if want := Verify(s.CryptoID, s.Pub, s.Msg, s.Sig); ok[i] != want {
			t.Errorf("signature %d (type %d): VerifyAll %v, Verify %v", i, s.CryptoID, ok[i], want)
		}
		if ok[i] {
			good++
		}
	}
	if want := 96/6*3 + 2 + 4; good != want { // cases 0, 4 (high S) and 5 of every six
		t.Errorf("%d signatures valid, want %d", good, want)
	}
}

// TestWarmKeyTables: warm makes, before it returns, the tables of the keys
// that sign at least twice among its keys, taking those waiting in the
// builder's queue out of it; not of a key signing once, of one off the curve
// or beyond the cache's bounds.
func TestWarmKeyTables(t *testing.T) {
	c := newTableCache(3, 1000, time.Minute)
	c.building = true // no builder: the queue stays as get leaves it
	compressed := func() ([]byte, [65]byte) {
		k, _ := GeneratePrivKey()
		pk, _ := secp256k1.ParsePubKey(k.PubKey())
		return k.PubKey(), [65]byte(pk.SerializeUncompressed())
	}
	twice, twiceFull := compressed()
	once, onceFull := compressed()
	queued, queuedFull := compressed()
	uncompressed(queued)
	if c.get(queuedFull, true) != nil || len(c.queue) != 1 {
		t.Fatal("the key seen before is not queued")
	}
	offCurve := append([]byte{2}, make([]byte, 32)...)
	for offCurve[32] = 1; ; offCurve[32]++ { // an x whose x³ + 7 is no square
		if _, err := secp256k1.ParsePubKey(offCurve); err != nil {
			break
		}
	}
	c.warm([][]byte{twice, once, queued, twice, offCurve, queued, offCurve})
	for _, k := range []struct {
		full [65]byte
		what string
	}{{twiceFull, "a key signing twice"}, {queuedFull, "a queued key signing twice"}} {
		if c.get(k.full, false) == nil {
			t.Errorf("no table for %s after warm", k.what)
		}
	}
	if c.get(onceFull, false) != nil || c.len() != 2 {
		t.Errorf("%d tables (want 2): one for a key signing once, or the key off the curve", c.len())
	}
	if len(c.queue) != 0 {
		t.Errorf("%d keys still queued", len(c.queue))
	}

	more := make([][]byte, 0, 6)
	var fulls [][65]byte
	for range 3 {
		pub, full := compressed()
		more = append(more, pub, pub)
		fulls = append(fulls, full)
	}
	c.warm(more)
	made := 0
	for _, f := range fulls {
		if c.get(f, false) != nil {
			made++
		}
	}
	if made != 1 || c.len() != 3 {
		t.Errorf("%d new tables, %d in all: the bound is 3", made, c.len())
	}
}

// TestWarmWaitsForTablesBeingMade: a key whose table another goroutine is
// making (the builder, another warm) is waited for, not checked without.
func TestWarmWaitsForTablesBeingMade(t *testing.T) {
	c := newTableCache(3, 1000, time.Minute)
	k, _ := GeneratePrivKey()
	full, _, _ := uncompressed(k.PubKey())
	c.mu.Lock()
	c.keys[full] = newKeyTable(time.Now().UnixNano()) // taken by another, not queued
	c.mu.Unlock()
	madeAtReturn := make(chan bool)
	go func() {
		c.warm([][]byte{k.PubKey(), k.PubKey()})
		madeAtReturn <- c.get(full, false) != nil
	}()
	c.makeTable(full)
	if !<-madeAtReturn {
		t.Fatal("warm returned before the table being made elsewhere was made")
	}
}
