package crypto

import (
	"bytes"
	"crypto/rand"
	"math/big"
	"strings"
	"testing"

	"github.com/decred/dcrd/dcrec/secp256k1/v4"
	"github.com/emmansun/gmsm/sm2"
	gethsecp "github.com/ethereum/go-ethereum/crypto/secp256k1"
	"google.golang.org/protobuf/encoding/protowire"
)

// Vectors. Where they come from is in testdata/README.md: "reference" ones
// are files of 33cn/chain33, the others were made with the reference's
// algorithms and cross-checked with the reference's libraries.
const (
	specKey = "cc38546e9e659d15e6b4893f0ab32a06d103931a8230b0bde71459d2b27d6944" // spec §7.3 genesis key

	// system/crypto/sm2/test/authdir/crypto/keystore/751004e7…_sk and the
	// public key of signcerts/user1@org1-cert.pem, compressed.
	refSM2Key = "42e37115dec1d18568f9f4eae56d34ea1a8db07203c268b1a5e6ebdf7c07ccef"
	refSM2Pub = "038a053a18b997a133b8df08571cf2570b80161dd3023279268994b49c4ae3e867"
	// system/crypto/secp256r1/test/authdir/crypto/keystore/06ee5701…_sk and
	// the public key of signcerts/user1@org1-cert.pem, compressed.
	refR1Key = "abaeb9eb3bb6d110bd655f0f8bd5f39a0900e35e8ba18b52b8ba3da9cb849a43"
	refR1Pub = "033ae2b3c4b14c8b98c7792b21f5d081535210607599664e28102fc3bb38fee826"

	// system/crypto/sm2/test/authdir/crypto/signcerts/user1@org1-cert.pem:
	// its TBSCertificate, signed (SM2 with SM3, default user id) by the key
	// of intermediatecerts/org1-cert.pem.
	refSM2CertTBS = "30820182a003020102021006376085228e26815d53ab01349d7f3e300a06082a811ccf55018375304a310e300c060355040613054368696e613111300f060355040813085a68656a69616e673111300f0603550407130848616e677a686f753112301006035504031309436861696e33334341301e170d3231303330383038343630355a170d3231303631363038343630355a3047310e300c060355040613054368696e613111300f060355040813085a68656a69616e673111300f0603550407130848616e677a686f75310f300d060355040313066f72673143413059301306072a8648ce3d020106082a811ccf5501822d034200048a053a18b997a133b8df08571cf2570b80161dd3023279268994b49c4ae3e867b013775b578ea35c6ef1a5c49a47e75ae5b4b8279c0cc507f3a93b4eb6a6c5cda34d304b300e0603551d0f0101ff040403020780300c0603551d130101ff04023000302b0603551d230424302280200579e152376143223a70491961ab548781e1d81120733a2dfabb07a5623ff600"
	refSM2CertSig = "3045022100f5e8d1864faf525b4805b7ed96a071078cfceb417e2a07144cfdad844de684d4022004f01d802d239b1407bd82276a148d8f6a858bab8c24a2e473b3d5e206933a39"
	refSM2CAPub   = "0449a0f1d72bc253cb595efb5187b4656804749639df6c601e9b823f8924cd8de3492ba50fe3f992f9f60d26e47ea201b62c97f10ab548b8c9e085154da118ac57"

	vectorMsg = "chain33 signature vector"
)

type sigVector struct {
	name   string
	id     int32
	key    string
	pub    string
	sig    string
	btc    string // address of pub, btc driver
	eth    string // address of pub, eth driver
	determ bool   // the driver signs deterministically
}

var sigVectors = []sigVector{
	{name: "secp256k1", id: SignTypeSecp256k1, key: specKey, determ: true,
		pub: "02504fa1c28caaf1d5a20fefb87c50a49724ff401043420cb3ba271997eb5a4387",
		sig: "3044022034c73376e8d4f4f333f3cc1685da23f7dedd429654922234e62bee9553cef8e40220186e317a8f137edd94a74a0b798b79ba2cab26dfd433b8b4962c4b6baf44c537",
		btc: "14KEKbYtKKQm4wMthSK9J4La4nAiidGozt", eth: "0xf39e69a8f2c1041edd7616cf079c7084bb7a5242"},
	{name: "ed25519", id: SignTypeED25519, key: specKey + strings.Repeat("00", 32), determ: true,
		pub: "108a70cda386f598e564e4af825f05e67cc385032fc879ae1863fa6a960a85c2",
		sig: "65064f09caef49e1f1a6a79ef2040a4860d60c6f45282df8d81fb6f4fd7e5695a64d9c7be851c64d5cfa4f068312adcdb930ca8ef83a45ccedf2ee66dceff802",
		btc: "1FQSonRWLRxC96oHex49tpXsuT1v2zyaEx", eth: "0x5cef6b0da43a891e87b02cbd18aba4be05f0b45c"},
	{name: "secp256r1", id: SignTypeSecp256r1, key: refR1Key, pub: refR1Pub,
		sig: "3044022043ad6a43a0d363b78815585cb005cdc3235b84c435856dcf277d4e603ac43ba802205d50f569f1ba7f91c59c9389f02cef04197b9310dcc9574624548b1382ff4c34",
		btc: "16h8i9TPnRStZ3e856GNkKAhRwTGSiFKos", eth: "0x9029599a505264288a5c56c995c08fe157de52e8"},
	{name: "sm2", id: SignTypeSM2, key: refSM2Key, pub: refSM2Pub,
		sig: "3046022100bcf1d5c258ff1737f3cebaf87476ae2702e2a9bb8dbd101a7acd25b6e34feee5022100a6ece1eaeb3f4390d90c80d6172f26803ef692028897fefb9b1589eb54ef087f",
		btc: "1DTetEu7hnEdEa8hecsutXJA8hxYa4M8Sg", eth: "0x3e3c064e11a82a84a160f69293820a1ff3a2981f"},
	{name: "secp256k1eth", id: SignTypeSecp256k1Eth, key: specKey, determ: true,
		pub: "04504fa1c28caaf1d5a20fefb87c50a49724ff401043420cb3ba271997eb5a43879f2f7508d37165db9d9721b819ccaa3ef08a20bbab986c18b79d44a7e4201b8e",
		sig: "0175ea02a633c862cd2f8065a06553c04a615a4cf1f7237398379ef96de3ed6f4dc7afbf4796950e9d7ee8af480b4d65d23a9738f8be9ea100e1e51ed3f01e2a01",
		btc: "1KTqKgpWDDtK86xumDVEv8XVVw1BKwTREx", eth: "0xf39e69a8f2c1041edd7616cf079c7084bb7a5242"},
}

func TestSignIDEncoding(t *testing.T) {
	for _, c := range []struct{ crypto, addr, want int32 }{
		{SignTypeSecp256k1, AddressIDBTC, 1},
		{SignTypeSecp256k1, -1, 1}, // the CLI's default
		{SignTypeSecp256k1, 8, 1},  // out of range: default
		{SignTypeSecp256k1, AddressIDEth, 8193},
		{SignTypeSecp256k1Eth, AddressIDEth, 8452}, // types.IsEthSignID
		{SignTypeSM2, AddressIDBTCMultiSign, 4354},
	} {
		got := EncodeSignID(c.crypto, c.addr)
		if got != c.want {
			t.Errorf("EncodeSignID(%d, %d) = %d, want %d", c.crypto, c.addr, got, c.want)
		}
		if cr, _ := SplitSignID(got); cr != c.crypto {
			t.Errorf("SplitSignID(%d) crypto %d", got, cr)
		}
	}
	// Bits 30-31 are outside both fields and ignored.
	if cr, a := SplitSignID(1<<30 | 2<<12 | SignTypeSM2); cr != SignTypeSM2 || a != 2 {
		t.Errorf("SplitSignID high bits: %d %d", cr, a)
	}
	if !KnownAddressID(2) || KnownAddressID(3) || KnownAddressID(7) {
		t.Error("known address ids are 0, 1, 2")
	}
}

func TestSignatureVectors(t *testing.T) {
	msg := []byte(vectorMsg)
	for _, v := range sigVectors {
		t.Run(v.name, func(t *testing.T) {
			s, err := NewSigner(v.id, mustHex(t, v.key))
			if err != nil {
				t.Fatal(err)
			}
			pub, sig := mustHex(t, v.pub), mustHex(t, v.sig)
			if !bytes.Equal(s.PubKey(), pub) || s.CryptoID() != v.id {
				t.Fatalf("public key %x", s.PubKey())
			}
			if !Verify(v.id, pub, msg, sig) {
				t.Fatal("vector rejected")
			}
			if fresh := s.Sign(msg); v.determ != bytes.Equal(fresh, sig) || !Verify(v.id, pub, msg, fresh) {
				t.Fatalf("fresh signature %x (deterministic: %v)", fresh, v.determ)
			}
			if Verify(v.id, pub, []byte(vectorMsg+"."), sig) {
				t.Fatal("accepted over another message")
			}
			for i := range sig {
				bad := bytes.Clone(sig)
				bad[i] ^= 0x01
				if Verify(v.id, pub, msg, bad) {
					t.Fatalf("accepted with byte %d changed", i)
				}
			}
			if Verify(v.id, pub, msg, append(bytes.Clone(sig), 0)) {
				t.Fatal("accepted with a trailing byte")
			}
			other, _ := GenerateSigner(v.id)
			if Verify(v.id, other.PubKey(), msg, sig) {
				t.Fatal("accepted under another key")
			}
			for _, id := range []int32{SignTypeSecp256k1, SignTypeED25519, SignTypeSecp256r1, SignTypeSM2, SignTypeSecp256k1Eth, SignTypeBLS, 0, 3} {
				if id != v.id && Verify(id, pub, msg, sig) {
					t.Fatalf("accepted as signature type %d", id)
				}
			}
			if a, _ := PubKeyToAddress(AddressIDBTC, pub); a != v.btc {
				t.Errorf("btc address %s", a)
			}
			if a, _ := PubKeyToAddress(AddressIDEth, pub); a != v.eth {
				t.Errorf("eth address %s", a)
			}
		})
	}
}

// TestReferenceSM2Signature verifies a signature the reference's tooling
// made: the SM2 signature of its test user certificate.
func TestReferenceSM2Signature(t *testing.T) {
	ca := compressPoint(mustHex(t, refSM2CAPub))
	tbs, sig := mustHex(t, refSM2CertTBS), mustHex(t, refSM2CertSig)
	if !VerifySM2(ca, tbs, sig) {
		t.Fatal("reference SM2 signature rejected")
	}
	// The same with the default user id spelled out in a CertSignature.
	if !VerifySM2(ca, tbs, certSig(sig, nil, []byte("1234567812345678"))) {
		t.Fatal("CertSignature with the default uid rejected")
	}
	if VerifySM2(ca, tbs, certSig(sig, nil, []byte("someone else"))) {
		t.Fatal("accepted under another user id")
	}
	if VerifySM2(mustHex(t, refSM2CAPub), tbs, sig) {
		t.Fatal("uncompressed key accepted (the reference refuses it)")
	}
	tbs[len(tbs)-1] ^= 1
	if VerifySM2(ca, tbs, sig) {
		t.Fatal("accepted over changed bytes")
	}
}

func certSig(sig, cert, uid []byte) []byte {
	var b []byte
	for i, f := range [][]byte{sig, cert, uid} {
		if len(f) > 0 {
			b = protowire.AppendTag(b, protowire.Number(i+1), protowire.BytesType)
			b = protowire.AppendBytes(b, f)
		}
	}
	return b
}

func TestCertSignatureWrapper(t *testing.T) {
	msg := []byte("tx")
	r1, _ := GenerateSigner(SignTypeSecp256r1)
	sig := r1.Sign(msg)
	if !VerifySecp256r1(r1.PubKey(), msg, certSig(sig, []byte("cert"), nil)) {
		t.Error("secp256r1 signature in a CertSignature with a certificate rejected")
	}
	if VerifySecp256r1(r1.PubKey(), msg, certSig(sig, nil, nil)) {
		t.Error("secp256r1 CertSignature without certificate is not unwrapped by the reference")
	}
	k, _ := GenerateSigner(SignTypeSM2)
	uid := []byte("alice@org1")
	sm2sig, err := k.(*sm2Key).k.Sign(rand.Reader, msg, sm2.NewSM2SignerOption(true, uid))
	if err != nil {
		t.Fatal(err)
	}
	if !VerifySM2(k.PubKey(), msg, certSig(sm2sig, []byte("cert"), uid)) {
		t.Error("sm2 signature with its user id rejected")
	}
	if VerifySM2(k.PubKey(), msg, sm2sig) {
		t.Error("sm2 signature with a user id accepted under the default one")
	}
	if VerifySM2(k.PubKey(), msg, certSig(k.Sign(msg), nil, bytes.Repeat([]byte{1}, 8192))) {
		t.Error("user id of 8192 bytes accepted")
	}
	for _, bad := range [][]byte{nil, {0x0a}, {0xff, 0xff}} { // not protobuf, not DER
		if VerifySM2(k.PubKey(), msg, bad) || VerifySecp256r1(r1.PubKey(), msg, bad) {
			t.Errorf("garbage %x accepted", bad)
		}
	}
}

func TestEthSignIsLibsecp256k1Sign(t *testing.T) {
	key := mustHex(t, specKey)
	s, _ := NewSigner(SignTypeSecp256k1Eth, key)
	for _, m := range []string{"", "a", vectorMsg, strings.Repeat("x", 1000)} {
		want, err := gethsecp.Sign(Keccak256([]byte(m)), key) // go-ethereum crypto.Sign
		if err != nil {
			t.Fatal(err)
		}
		if got := s.Sign([]byte(m)); !bytes.Equal(got, want) {
			t.Fatalf("%q: %x, libsecp256k1 %x", m, got, want)
		}
	}
	// A compressed key verifies the same signature.
	comp, _ := NewSigner(SignTypeSecp256k1, key)
	if !VerifySecp256k1Eth(comp.PubKey(), []byte(vectorMsg), mustHex(t, sigVectors[4].sig)) {
		t.Fatal("compressed key rejected")
	}
}

func TestHighSRejected(t *testing.T) {
	msg := []byte(vectorMsg)
	// secp256r1: (r, n-s) is the same signature's mirror; the reference
	// refuses high S.
	r1, _ := NewSigner(SignTypeSecp256r1, mustHex(t, refR1Key))
	r, s, ok := parseDERSignature(r1.Sign(msg), p256N)
	if !ok {
		t.Fatal("own signature not DER")
	}
	high := encodeDERSignature(r, new(big.Int).Sub(p256N, s))
	if VerifySecp256r1(r1.PubKey(), msg, high) {
		t.Error("secp256r1 high S accepted")
	}
	// secp256k1eth: S ↦ n-S with the recovery id flipped recovers the same
	// key; libsecp256k1 verification refuses it in the reference.
	eth, _ := NewSigner(SignTypeSecp256k1Eth, mustHex(t, specKey))
	sig := eth.Sign(msg)
	var sc secp256k1.ModNScalar
	sc.SetByteSlice(sig[32:64])
	sc.Negate()
	mal := bytes.Clone(sig)
	b := sc.Bytes()
	copy(mal[32:64], b[:])
	mal[64] ^= 1
	if rec, err := gethsecp.RecoverPubkey(Keccak256(msg), mal); err != nil || !bytes.Equal(rec, eth.PubKey()) {
		t.Fatal("test setup: mirrored signature should recover the key")
	}
	if VerifySecp256k1Eth(eth.PubKey(), msg, mal) {
		t.Error("secp256k1eth high S accepted")
	}
	mal = bytes.Clone(sig)
	mal[64] = 4
	if VerifySecp256k1Eth(eth.PubKey(), msg, mal) {
		t.Error("recovery id 4 accepted")
	}
}

func TestDERStrict(t *testing.T) {
	n := p256N
	good := encodeDERSignature(big.NewInt(5), big.NewInt(7))
	if _, _, ok := parseDERSignature(good, n); !ok {
		t.Fatalf("%x rejected", good)
	}
	for name, sig := range map[string][]byte{
		"padded r":   {0x30, 0x07, 0x02, 0x02, 0x00, 0x05, 0x02, 0x01, 0x07},
		"negative s": {0x30, 0x06, 0x02, 0x01, 0x05, 0x02, 0x01, 0x87},
		"zero r":     {0x30, 0x06, 0x02, 0x01, 0x00, 0x02, 0x01, 0x07},
		"bad length": {0x30, 0x07, 0x02, 0x01, 0x05, 0x02, 0x01, 0x07},
		"trailing":   append(bytes.Clone(good), 0),
		"r = n":      encodeDERSignature(n, big.NewInt(7)),
		"empty":      nil,
	} {
		if _, _, ok := parseDERSignature(sig, n); ok {
			t.Errorf("%s: %x accepted", name, sig)
		}
	}
}

func TestNewSignerRejects(t *testing.T) {
	n := p256N.Bytes()
	sm2n := sm2.P256().Params().N.Bytes()
	for _, c := range []struct {
		id  int32
		key []byte
	}{
		{SignTypeSecp256k1, make([]byte, 32)},
		{SignTypeSecp256k1, make([]byte, 31)},
		{SignTypeSecp256k1Eth, bytes.Repeat([]byte{0xff}, 32)},
		{SignTypeED25519, make([]byte, 32)}, // the reference's ed25519 keys are 64 bytes
		{SignTypeSecp256r1, make([]byte, 32)},
		{SignTypeSecp256r1, n},
		{SignTypeSM2, make([]byte, 32)},
		{SignTypeSM2, sm2n},
		{SignTypeBLS, make([]byte, 32)},
	} {
		if _, err := NewSigner(c.id, c.key); err == nil {
			t.Errorf("type %d key %x accepted", c.id, c.key)
		}
	}
	for _, id := range []int32{SignTypeSecp256k1, SignTypeED25519, SignTypeSecp256r1, SignTypeSM2, SignTypeSecp256k1Eth} {
		s, err := GenerateSigner(id)
		if err != nil {
			t.Fatal(err)
		}
		msg := []byte("round trip")
		if !Verify(id, s.PubKey(), msg, s.Sign(msg)) {
			t.Errorf("type %d: own signature rejected", id)
		}
	}
}

func TestVerifyRejectsBadPublicKeys(t *testing.T) {
	msg := []byte(vectorMsg)
	for _, v := range sigVectors {
		sig, pub := mustHex(t, v.sig), mustHex(t, v.pub)
		for _, bad := range [][]byte{nil, pub[:len(pub)-1], append(bytes.Clone(pub), 0), make([]byte, len(pub))} {
			if Verify(v.id, bad, msg, sig) {
				t.Errorf("%s: key %x accepted", v.name, bad)
			}
		}
	}
	// secp256r1 keys must be compressed, as the reference's.
	r1, _ := NewSigner(SignTypeSecp256r1, mustHex(t, refR1Key))
	x, y := decompressP256(t, r1.PubKey())
	if VerifySecp256r1(append(append([]byte{4}, x...), y...), msg, r1.Sign(msg)) {
		t.Error("secp256r1 uncompressed key accepted")
	}
}

func decompressP256(t *testing.T, pub []byte) (x, y []byte) {
	t.Helper()
	k, err := newP256Key(mustHex(t, refR1Key))
	if err != nil || !bytes.Equal(k.pub, pub) {
		t.Fatal("test key")
	}
	u, _ := k.k.PublicKey.Bytes()
	return u[1:33], u[33:]
}

func TestAddressDrivers(t *testing.T) {
	// go-ethereum's crypto test vector (testPrivHex → testAddrHex).
	k, _ := NewSigner(SignTypeSecp256k1Eth, mustHex(t, "289c2857d4598e37fb9647507e47a309d6133539bf21a8b9cb6df88fd5232032"))
	if a := EthAddress(k.PubKey()); a != "0x970e8128ab834e8eac17ab8e3812f010678cf791" {
		t.Errorf("eth address %s", a)
	}
	if got := Keccak256([]byte("abc")); !bytes.Equal(got, mustHex(t, "4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45")) {
		t.Errorf("keccak %x", got)
	}
	pub := mustHex(t, sigVectors[0].pub)
	if a, _ := PubKeyToAddress(AddressIDBTCMultiSign, pub); a != AddressFromHash160(MultiSigVer, Hash160(pub)) || CheckAddress(a) != nil {
		t.Errorf("multisign address %s", a)
	}
	if _, err := PubKeyToAddress(3, pub); err == nil {
		t.Error("address id 3 has no driver")
	}
	if EthAddress(nil) == "" {
		t.Error("empty key: an address still (the reference would panic)")
	}
}

func TestEthAddressForms(t *testing.T) {
	lower := "0x6c0d7be0d2c8350042890a77393158181716b0d6" // chain33 system/address/eth TestHexAddr
	for _, a := range []string{lower, "0x6c0d7BE0d2C8350042890a77393158181716b0d6", "0X6C0D7BE0D2C8350042890A77393158181716B0D6", "6c0d7be0d2c8350042890a77393158181716b0d6"} {
		if !IsEthAddress(a) || CheckAddress(a) != nil {
			t.Errorf("%s rejected", a)
		}
		if f := FormatAddress(a); f != lower {
			t.Errorf("FormatAddress(%s) = %s", a, f)
		}
	}
	for _, a := range []string{"0x", "0x6c0d7be0d2c8350042890a77393158181716b0d", "0x6c0d7be0d2c8350042890a77393158181716b0d6a", "0x6c0d7be0d2c8350042890a77393158181716b0dg", "0x 6c0d7be0d2c8350042890a77393158181716b0d"} {
		if IsEthAddress(a) || CheckAddress(a) == nil {
			t.Errorf("%q accepted", a)
		}
	}
	if FormatAddress("14KEKbYtKKQm4wMthSK9J4La4nAiidGozt") != "14KEKbYtKKQm4wMthSK9J4La4nAiidGozt" {
		t.Error("btc address changed")
	}
}

func BenchmarkVerify(b *testing.B) {
	msg := make([]byte, 200) // a transfer's signing bytes are about this long
	for _, v := range sigVectors {
		s, _ := NewSigner(v.id, mustHex(b, v.key))
		pub, sig := s.PubKey(), s.Sign(msg)
		b.Run(v.name, func(b *testing.B) {
			for b.Loop() {
				if !Verify(v.id, pub, msg, sig) {
					b.Fatal("rejected")
				}
			}
		})
	}
}
