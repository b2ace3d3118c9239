package crypto

import (
	"bytes"
	"encoding/binary"
	"encoding/hex"
	"strings"
	"testing"

	"github.com/decred/dcrd/dcrec/secp256k1/v4"
	"github.com/decred/dcrd/dcrec/secp256k1/v4/ecdsa"
	gethsecp "github.com/ethereum/go-ethereum/crypto/secp256k1"
)

func mustHex(t testing.TB, s string) []byte {
	t.Helper()
	b, err := hex.DecodeString(s)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// Appendix A of the reference spec.
func TestSecp256k1Vector(t *testing.T) {
	k, err := PrivKeyFromBytes(mustHex(t, "CC38546E9E659D15E6B4893F0AB32A06D103931A8230B0BDE71459D2B27D6944"))
	if err != nil {
		t.Fatal(err)
	}
	pub := k.PubKey()
	if got := hex.EncodeToString(pub); got != "02504fa1c28caaf1d5a20fefb87c50a49724ff401043420cb3ba271997eb5a4387" {
		t.Fatalf("pubkey %s", got)
	}
	if got := PubKeyToAddr(pub); got != "14KEKbYtKKQm4wMthSK9J4La4nAiidGozt" {
		t.Fatalf("address %s", got)
	}
}

func TestExecAddressVectors(t *testing.T) {
	for name, want := range map[string]string{
		"coins":    "1GaHYpWmqAJsqRwrpoNcB8VvgKtSwjcHqt",
		"qbftNode": "1LSkmQRZiFDeL6YSKTbYDadhyfNFQZznHT",
		"manage":   "1Q4NhureJxKNBf71d26B9J3fBQoQcfmez2",
		"none":     "1DzTdTLa5JPpLdNNP2PrV1a6JCtULA7GsT",
		"ticket":   "16htvcBNSEA7fZhAdLJphDwQRQJaHpyHTp",
		"evm":      "19tjS51kjwrCoSQS13U3owe7gYBLfSfoFm",
	} {
		if got := ExecAddress(name); got != want {
			t.Errorf("ExecAddress(%q) = %s, want %s", name, got, want)
		}
		if err := CheckAddress(want); err != nil {
			t.Errorf("CheckAddress(%s): %v", want, err)
		}
	}
}

func TestCheckAddressRejects(t *testing.T) {
	good := "14KEKbYtKKQm4wMthSK9J4La4nAiidGozt"
	bad := []string{
		"",
		"abc",
		good[:len(good)-1] + "u",           // checksum broken
		strings.Replace(good, "K", "0", 1), // '0' is not in the base58 alphabet
		AddressFromHash160(7, make([]byte, 20)),
	}
	for range 2 { // the second time the good one is known valid
		if CheckAddress(good) != nil {
			t.Errorf("CheckAddress(%q) rejected", good)
		}
		for _, a := range bad {
			if CheckAddress(a) == nil {
				t.Errorf("CheckAddress(%q) accepted", a)
			}
			if validAddrs.Contains(a) {
				t.Errorf("%q kept as valid", a)
			}
		}
	}
	if CheckAddress(AddressFromHash160(MultiSigVer, make([]byte, 20))) != nil {
		t.Error("multisig version rejected")
	}
	for i := range maxValidAddrs + 10 {
		CheckAddress(AddressFromHash160(NormalVer, binary.BigEndian.AppendUint64(make([]byte, 12), uint64(i))))
	}
	if n := validAddrs.Len(); n > maxValidAddrs {
		t.Fatalf("%d addresses kept, bound %d", n, maxValidAddrs)
	}
}

// BenchmarkCheckAddress is a recipient's check, once known.
func BenchmarkCheckAddress(b *testing.B) {
	a := AddressFromHash160(NormalVer, make([]byte, 20))
	for b.Loop() {
		if CheckAddress(a) != nil {
			b.Fatal("rejected")
		}
	}
}

func TestSecp256k1SignVerify(t *testing.T) {
	k, err := GeneratePrivKey()
	if err != nil {
		t.Fatal(err)
	}
	msg := []byte("chain33 tx bytes")
	sig := k.Sign(msg)
	if !VerifySecp256k1(k.PubKey(), msg, sig) {
		t.Fatal("valid signature rejected")
	}
	if VerifySecp256k1(k.PubKey(), []byte("other"), sig) {
		t.Fatal("signature over other message accepted")
	}
	sig[len(sig)-1] ^= 1
	if VerifySecp256k1(k.PubKey(), msg, sig) {
		t.Fatal("tampered signature accepted")
	}
	if VerifySecp256k1([]byte{1, 2, 3}, msg, k.Sign(msg)) {
		t.Fatal("garbage pubkey accepted")
	}
	// Deterministic (RFC 6979): same key and message give the same signature.
	if !bytes.Equal(k.Sign(msg), k.Sign(msg)) {
		t.Fatal("signature not deterministic")
	}
	if _, err := PrivKeyFromBytes(make([]byte, 32)); err == nil {
		t.Fatal("zero key accepted")
	}
}

func TestBLSVectorAddresses(t *testing.T) {
	pub := mustHex(t, "982CCC34E95551D9B0C08426CCAAF0BAEC5A80F1974B19F5FF8F5FA12A5CA211E194652D669F3A500D25E87B22850261")
	if got := strings.ToUpper(hex.EncodeToString(ValidatorAddress(pub))); got != "2BA80E3DE367F01E438BED8718861D390848CCC3" {
		t.Errorf("validator address %s", got)
	}
	if got := NodeID(pub); got != "e40bae313439b31fe3cc8c3e62d52e4faf238fe2" {
		t.Errorf("node id %s", got)
	}
	if got := PubKeyToAddr(pub); got != "1LqZoPtBg89CKpf2hgQDJXtTVFWZYpe5oD" {
		t.Errorf("account address %s", got)
	}
}

func TestBLSSignAggregate(t *testing.T) {
	msg := []byte("vote h=5 r=0")
	var pubs []*BLSPubKey
	var sigs [][]byte
	for range 4 {
		k := GenerateBLSKey()
		k2, err := BLSPrivKeyFromBytes(k.Bytes())
		if err != nil {
			t.Fatal(err)
		}
		pub, err := BLSPubKeyFromBytes(k2.PubKey().Bytes())
		if err != nil {
			t.Fatal(err)
		}
		sig := k2.Sign(msg)
		if len(sig) != BLSSigSize || len(pub.Bytes()) != BLSPubKeySize {
			t.Fatalf("sizes %d %d", len(sig), len(pub.Bytes()))
		}
		if !pub.Verify(msg, sig) {
			t.Fatal("single verify failed")
		}
		pubs = append(pubs, pub)
		sigs = append(sigs, sig)
	}
	agg, err := BLSAggregate(sigs)
	if err != nil {
		t.Fatal(err)
	}
	if !BLSFastAggregateVerify(pubs, msg, agg) {
		t.Fatal("aggregate rejected")
	}
	if BLSFastAggregateVerify(pubs[:3], msg, agg) {
		t.Fatal("aggregate accepted with a signer missing")
	}
	if BLSFastAggregateVerify(pubs, []byte("other"), agg) {
		t.Fatal("aggregate accepted over other message")
	}
	if pubs[0].Verify(msg, sigs[1]) {
		t.Fatal("signature accepted under wrong key")
	}
}

func TestBLSPubKeyRejectsGarbage(t *testing.T) {
	for _, b := range [][]byte{nil, make([]byte, 48), bytes.Repeat([]byte{0xff}, 48), make([]byte, 47)} {
		if _, err := BLSPubKeyFromBytes(b); err == nil {
			t.Errorf("accepted %x", b)
		}
	}
}

// BenchmarkSecp256k1Verify is a check by a key that signs often (with its
// table, keyTables) and libsecp256k1's own check of the same signature,
// which a key without a table gets (and lab/bench.SignatureCheck times).
func BenchmarkSecp256k1Verify(b *testing.B) {
	k, _ := GeneratePrivKey()
	msg := make([]byte, 200)
	sig, pub := k.Sign(msg), k.PubKey()
	b.Run("table", func(b *testing.B) {
		for b.Loop() {
			if !VerifySecp256k1(pub, msg, sig) {
				b.Fatal("rejected")
			}
		}
	})
	full, _, _ := uncompressed(pub)
	s, _ := ecdsa.ParseDERSignature(sig)
	r, sv := s.R(), s.S()
	rb, sb := r.Bytes(), sv.Bytes() // a low S: Sign makes it so
	compact := append(rb[:], sb[:]...)
	h := Sha256(msg)
	b.Run("libsecp256k1", func(b *testing.B) {
		for b.Loop() {
			if !gethsecp.VerifySignature(full[:], h, compact[:]) {
				b.Fatal("rejected")
			}
		}
	})
}

// TestSecp256k1PubKeyCache: a compressed key verifies through its cached
// uncompressed form, which must be the same point (parity included); keys
// off the curve are refused and not cached; the cache stays bounded.
func TestSecp256k1PubKeyCache(t *testing.T) {
	k, _ := GeneratePrivKey()
	msg := []byte("cached")
	sig := k.Sign(msg)
	for range 2 { // a miss, then a hit
		if !VerifySecp256k1(k.PubKey(), msg, sig) {
			t.Fatal("rejected")
		}
	}
	full, _, _ := uncompressed(k.PubKey())
	pk, _ := secp256k1.ParsePubKey(k.PubKey())
	if !bytes.Equal(full[:], pk.SerializeUncompressed()) {
		t.Fatalf("cached %x, want %x", full, pk.SerializeUncompressed())
	}
	other := k.PubKey()
	other[0] ^= 1 // 02 <-> 03: the point with the other y
	if VerifySecp256k1(other, msg, sig) {
		t.Fatal("accepted by the key of the other parity")
	}
	// x = 5 is not the x of a point of secp256k1 (5^3 + 7 is not a square).
	off := append([]byte{2}, make([]byte, 32)...)
	off[32] = 5
	for _, bad := range [][]byte{off, append([]byte{5}, k.PubKey()[1:]...)} {
		if VerifySecp256k1(bad, msg, sig) {
			t.Fatalf("accepted by %x", bad)
		}
		if pubKeys.Contains([Secp256k1PubKeySize]byte(bad)) {
			t.Fatalf("%x cached", bad)
		}
	}
	for i := range maxPubKeys + 10 {
		s, _ := PrivKeyFromBytes(binary.BigEndian.AppendUint64(make([]byte, 24), uint64(i+1)))
		uncompressed(s.PubKey())
	}
	if n := pubKeys.Len(); n > maxPubKeys {
		t.Fatalf("%d keys cached, bound %d", n, maxPubKeys)
	}
}

// BenchmarkSecp256k1VerifyNewKey is a verification by a key not seen
// before (the cache's miss): what a stream of fresh senders costs.
func BenchmarkSecp256k1VerifyNewKey(b *testing.B) {
	k, _ := GeneratePrivKey()
	msg := make([]byte, 200)
	sig, pub := k.Sign(msg), k.PubKey()
	for b.Loop() {
		pubKeys.Purge()
		VerifySecp256k1(pub, msg, sig)
	}
}

func BenchmarkBLSVerify(b *testing.B) {
	k := GenerateBLSKey()
	msg := make([]byte, 80)
	sig, pub := k.Sign(msg), k.PubKey()
	for b.Loop() {
		pub.Verify(msg, sig)
	}
}

// chain33 (btcec) accepts high-S signatures; libsecp256k1 only low-S, so
// the verifier normalises S: both forms of one signature verify.
func TestSecp256k1HighS(t *testing.T) {
	k, _ := GeneratePrivKey()
	msg := []byte("malleable")
	low, err := ecdsa.ParseDERSignature(k.Sign(msg))
	if err != nil {
		t.Fatal(err)
	}
	r, s := low.R(), low.S()
	s.Negate()
	high := ecdsa.NewSignature(&r, &s).Serialize()
	if !VerifySecp256k1(k.PubKey(), msg, high) {
		t.Fatal("high-S form rejected")
	}
	if VerifySecp256k1(k.PubKey(), []byte("other"), high) {
		t.Fatal("high-S form accepted over another message")
	}
	// Uncompressed public keys verify too.
	pk, _ := secp256k1.ParsePubKey(k.PubKey())
	if !VerifySecp256k1(pk.SerializeUncompressed(), msg, k.Sign(msg)) {
		t.Fatal("uncompressed key rejected")
	}
}
