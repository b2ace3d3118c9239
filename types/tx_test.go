package types

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"testing"

	"chain33node/crypto"

	"google.golang.org/protobuf/proto"
)

func unhex(t testing.TB, s string) []byte {
	t.Helper()
	if len(s) >= 2 && s[:2] == "0x" {
		s = s[2:]
	}
	b, err := hex.DecodeString(s)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// indep is an independent protobuf encoder written from the spec's rules
// (§7.1: proto3, fields in ascending number order, defaults omitted), so the
// production encoder is checked against something it does not share code with.
type indep []byte

func (e indep) varint(v uint64) indep {
	for v >= 0x80 {
		e = append(e, byte(v)|0x80)
		v >>= 7
	}
	return append(e, byte(v))
}

func (e indep) intField(num int, v int64) indep {
	if v == 0 {
		return e
	}
	return e.varint(uint64(num<<3 | 0)).varint(uint64(v))
}

func (e indep) bytesField(num int, v []byte) indep {
	if len(v) == 0 {
		return e
	}
	return append(e.varint(uint64(num<<3|2)).varint(uint64(len(v))), v...)
}

type indepTx struct {
	execer, payload    []byte
	sigTy              int64
	pubkey, sig        []byte
	fee, expire, nonce int64
	to                 string
	chainID            int64
}

func (x indepTx) encode(withSig bool) []byte {
	var e indep
	e = e.bytesField(1, x.execer).bytesField(2, x.payload)
	if withSig && x.sigTy != 0 {
		var s indep
		s = s.intField(1, x.sigTy).bytesField(2, x.pubkey).bytesField(3, x.sig)
		e = e.bytesField(3, s)
	}
	e = e.intField(4, x.fee).intField(5, x.expire).intField(6, x.nonce).bytesField(7, []byte(x.to)).intField(11, x.chainID)
	return e
}

func sha(b []byte) []byte { h := sha256.Sum256(b); return h[:] }

// Transactions read off the reference cluster (chain33-transcript.md §3, §6).
func referenceTxs(t testing.TB) []struct {
	tx             indepTx
	hash, fullHash string
	from           string
} {
	pub14 := unhex(t, "02504fa1c28caaf1d5a20fefb87c50a49724ff401043420cb3ba271997eb5a4387")
	return []struct {
		tx             indepTx
		hash, fullHash string
		from           string
	}{
		{indepTx{[]byte("coins"), unhex(t, "18010a291080c2d72f2222313271796f6361794e46374c7636433971573461767873324537553431664b536676"), 1, pub14,
			unhex(t, "3045022100c900366457b3e95767f0627820a16ccba072f5798d34cfb79b8aadffe5b7e42d022040f229a00fb65f6d1cc4c1b279c505ad10b7244a83d9e4d86945fbd4af6773c3"),
			100000, 1795237185, 2218005537971684455, "12qyocayNF7Lv6C9qW4avxs2E7U41fKSfv", 0},
			"aa02f1458d1d54956c870a04d3dac671ecb06d598691ab0fc4a474c64a432436", "413975d552bf7191e50b496517ae80357be67b51219368625509c8cc21a2e85a",
			"14KEKbYtKKQm4wMthSK9J4La4nAiidGozt"},
		{indepTx{[]byte("coins"), unhex(t, "18010a2e108080a8ec85afd1b101222231344b454b6259744b4b516d34774d7468534b394a344c61346e41696964476f7a74"), 1,
			unhex(t, "0320bbac09528e19c55b0f89cb37ab265e7e856b1a8c388780322dbbfd194b52ba"),
			unhex(t, "3045022100d0f8e0f2c7bc1d88c7e6118cc5b977af25c7e663ef0f39afaeee5c27e3b0571d02206b5832562711055ce94e5537899728c78949915a4b30196a6c169c9a306a4007"),
			100000, 1795237192, 1745522326976551667, "14KEKbYtKKQm4wMthSK9J4La4nAiidGozt", 0},
			"a0fbdaac589d876d6b103000670b5bbcbc682845a54ae7c8e3ac2d184b49c92d", "a0e0eaec1f05c42154391ff90fe7b1dfa585e6f316de86907347953756e376a3",
			"12qyocayNF7Lv6C9qW4avxs2E7U41fKSfv"},
		{indepTx{[]byte("coins"), unhex(t, "18010a29108084af5f2222313271796f6361794e46374c7636433971573461767873324537553431664b536676"), 1, pub14,
			unhex(t, "3045022100e4ae2cd8cf182146fab6f1b00813c55ff3d935a8b6a206be45ed1dfe38498fc302203eba8e97e307f61ecf20fb8d007188fae22fc8dcceef8e0778d44faab212bebc"),
			100000, 1795237193, 1595346633147259076, "12qyocayNF7Lv6C9qW4avxs2E7U41fKSfv", 0},
			"a050df20bc487992c542a625e287ddfbc8d6c9a8c4749b2f0ad6a23ad4893b54", "dd61c17d2fbd718b5fe7d04ae907c4c818ec84da360107829318d2a3f9f6e0e2",
			"14KEKbYtKKQm4wMthSK9J4La4nAiidGozt"},
	}
}

func TestReferenceTransactions(t *testing.T) {
	for _, rt := range referenceTxs(t) {
		raw := rt.tx.encode(true)
		// The independent encoding hashes to the reference's values: this pins the spec rules.
		if got := hex.EncodeToString(sha(rt.tx.encode(false))); got != rt.hash {
			t.Fatalf("independent hash %s want %s", got, rt.hash)
		}
		if got := hex.EncodeToString(sha(raw)); got != rt.fullHash {
			t.Fatalf("independent full hash %s want %s", got, rt.fullHash)
		}
		tx, err := DecodeTx(raw)
		if err != nil {
			t.Fatal(err)
		}
		if got := hex.EncodeToString(tx.Hash); got != rt.hash {
			t.Errorf("hash %s want %s", got, rt.hash)
		}
		if got := hex.EncodeToString(tx.FullHash); got != rt.fullHash {
			t.Errorf("full hash %s want %s", got, rt.fullHash)
		}
		if tx.Size != len(raw) || !bytes.Equal(tx.Encode(), raw) {
			t.Errorf("re-encoding differs")
		}
		if tx.From() != rt.from {
			t.Errorf("from %s want %s", tx.From(), rt.from)
		}
		if !VerifySignature(tx.Transaction) {
			t.Errorf("reference signature rejected for %s", rt.hash)
		}
		// Tampering with any signed field breaks the signature.
		tampered := rt.tx
		tampered.fee++
		tt, _ := DecodeTx(tampered.encode(true))
		if VerifySignature(tt.Transaction) {
			t.Errorf("tampered fee accepted")
		}
	}
}

// The signed manage tx of transcript §2 (wallet sign output) and the unsigned
// coins transfer of §3 (coins transfer output).
const (
	refSignedManageHex  = "0a066d616e61676512390a370a0c716266742d6d616e616765721222313271796f6361794e46374c7636433971573461767873324537553431664b5366761a036164641a6e0801122102504fa1c28caaf1d5a20fefb87c50a49724ff401043420cb3ba271997eb5a43871a4730450221008ba13d90b141d31148c3e9502f64bc6cb911c30892a1b1fe750f4c11f75dc6a4022023d8ae0842907fc6abf523892790016b609c7a3253b3fb2a4a6bca91f82ce6b020a08d0628baca84d80630f4a1f2a1c28fe4e3653a223151344e687572654a784b4e4266373164323642394a336642516f5163666d657a32"
	refUnsignedCoinsHex = "0a05636f696e73122d18010a291080c2d72f2222313271796f6361794e46374c7636433971573461767873324537553431664b53667620a08d0630f6fb8f92d9c88fb2173a22313271796f6361794e46374c7636433971573461767873324537553431664b536676"
	testPrivKeyHex      = "CC38546E9E659D15E6B4893F0AB32A06D103931A8230B0BDE71459D2B27D6944"
)

func TestReferenceSignedManageTx(t *testing.T) {
	tx, err := DecodeTx(unhex(t, refSignedManageHex))
	if err != nil {
		t.Fatal(err)
	}
	if got := hex.EncodeToString(tx.Hash); got != "f3145173e45d9fb93c58df3daead7b86548a98cac725e0d3abdd531ddfb5db4d" {
		t.Fatalf("hash %s", got)
	}
	if got := hex.EncodeToString(tx.FullHash); got != "e74e9ee9748f30109bb585d86010e61fc7d4dd2ac38f5ebee983324febbad7b4" {
		t.Fatalf("full hash %s", got)
	}
	if tx.From() != "14KEKbYtKKQm4wMthSK9J4La4nAiidGozt" || tx.To != crypto.ExecAddress("manage") {
		t.Fatalf("from %s to %s", tx.From(), tx.To)
	}
	if !VerifySignature(tx.Transaction) {
		t.Fatal("reference signature rejected")
	}
	// RFC 6979 makes signing deterministic: re-signing with the same key
	// reproduces the reference's signature byte for byte.
	k, err := crypto.PrivKeyFromBytes(unhex(t, testPrivKeyHex))
	if err != nil {
		t.Fatal(err)
	}
	want := proto.Clone(tx.Signature).(*Signature)
	Sign(tx.Transaction, k)
	if !proto.Equal(tx.Signature, want) {
		t.Fatalf("re-signed %x\nwant %x", tx.Signature.Signature, want.Signature)
	}
}

func TestReferenceUnsignedTx(t *testing.T) {
	tx, err := DecodeTx(unhex(t, refUnsignedCoinsHex))
	if err != nil {
		t.Fatal(err)
	}
	if got := hex.EncodeToString(tx.Hash); got != "d7f13d20006822e83f79364f4ea35f8de444305a64ece36d19c8e829c833e2c9" {
		t.Fatalf("hash %s", got)
	}
	if tx.From() != "1HT7xU2Ngenf7D4yocz2SAcnNLW7rK8d4E" { // address of an empty public key
		t.Fatalf("from %s", tx.From())
	}
	if VerifySignature(tx.Transaction) {
		t.Fatal("unsigned tx verified")
	}
}

func TestDecodeTxRejects(t *testing.T) {
	if _, err := DecodeTx([]byte{0x00, 0xff}); err == nil {
		t.Error("garbage accepted")
	}
	if _, err := DecodeTx(append(unhex(t, refUnsignedCoinsHex), 0xa0, 0x06, 0x01)); err == nil { // field 100
		t.Error("unknown field accepted")
	}
	big := AppendTx(nil, &Transaction{Execer: []byte("none"), Payload: make([]byte, MaxTxSize)}, true, true)
	if _, err := DecodeTx(big); err != ErrTxMsgSizeTooBig {
		t.Errorf("oversize: %v", err)
	}
	if _, err := DecodeTx(make([]byte, MaxGroupCarrierSize+1)); err != ErrTxMsgSizeTooBig {
		t.Errorf("oversize carrier: %v", err)
	}
}

// TxFromMessage gives what DecodeTx gives for the message's encoding: the
// same Tx, or the same error.
func TestTxFromMessageMatchesDecodeTx(t *testing.T) {
	for name, raw := range map[string][]byte{
		"plain":         unhex(t, refUnsignedCoinsHex),
		"unknown field": append(unhex(t, refUnsignedCoinsHex), 0xa0, 0x06, 0x01),
		"oversize":      AppendTx(nil, &Transaction{Execer: []byte("none"), Payload: make([]byte, MaxTxSize)}, true, true),
		"oversize with unknown field": append(AppendTx(nil, &Transaction{Execer: []byte("none"), Payload: make([]byte, MaxGroupCarrierSize)}, true, true),
			0xa0, 0x06, 0x01),
	} {
		m := new(Transaction)
		if err := proto.Unmarshal(raw, m); err != nil {
			t.Fatal(err)
		}
		want, wantErr := DecodeTx(raw)
		got, err := TxFromMessage(m)
		if fmt.Sprint(err) != fmt.Sprint(wantErr) {
			t.Errorf("%s: error %v, DecodeTx's %v", name, err, wantErr)
			continue
		}
		if err == nil && (!bytes.Equal(got.FullHash, want.FullHash) || !bytes.Equal(got.Hash, want.Hash) || got.Size != want.Size || got.From() != want.From()) {
			t.Errorf("%s: a different Tx", name)
		}
	}
}

func TestAppendTxMatchesProtoMarshal(t *testing.T) {
	k, _ := crypto.GeneratePrivKey()
	tx := &Transaction{Execer: []byte("coins"), Payload: []byte{1, 2, 3}, Fee: -5, Expire: 7, Nonce: -9,
		To: "1GaHYpWmqAJsqRwrpoNcB8VvgKtSwjcHqt", GroupCount: 2, Header: []byte{4}, Next: []byte{5}, ChainID: -1}
	Sign(tx, k)
	want, err := proto.MarshalOptions{Deterministic: true}.Marshal(tx)
	if err != nil {
		t.Fatal(err)
	}
	if got := AppendTx(nil, tx, true, true); !bytes.Equal(got, want) {
		t.Fatalf("AppendTx %x\nproto     %x", got, want)
	}
	if !VerifySignature(tx) {
		t.Fatal("own signature rejected")
	}
	tx.Signature = &Signature{} // present but empty still encodes as a field
	want, _ = proto.Marshal(tx)
	if got := AppendTx(nil, tx, true, true); !bytes.Equal(got, want) {
		t.Fatalf("empty signature: %x vs %x", got, want)
	}
}

// Block 37 of the reference cluster: three txs, their full hashes, the proofs
// served by QueryTransaction, the header's txHash and the block hash.
func TestReferenceBlockMerkleAndHash(t *testing.T) {
	leaves := [][]byte{
		unhex(t, "70ceddf3578d7a34af8839ebea9c51ed893200b679a5049945d23e4e4b3cf6ba"),
		unhex(t, "a0e0eaec1f05c42154391ff90fe7b1dfa585e6f316de86907347953756e376a3"),
		unhex(t, "dd61c17d2fbd718b5fe7d04ae907c4c818ec84da360107829318d2a3f9f6e0e2"),
	}
	root := MerkleRoot(leaves)
	if got := hex.EncodeToString(root); got != "c7b4e83b83de360dc4835926248fdec966c3159c2e8360d786c446f3a8e82dac" {
		t.Fatalf("root %s", got)
	}
	wantProofs := map[int][]string{
		1: {"70ceddf3578d7a34af8839ebea9c51ed893200b679a5049945d23e4e4b3cf6ba", "e9bc94e7f5f00dc8077763e1087ed4923bb00dbd4f6831ac3010220aff75dc36"},
		2: {"dd61c17d2fbd718b5fe7d04ae907c4c818ec84da360107829318d2a3f9f6e0e2", "751073e19dc6181c705f19ddb905397db81eda3020436658e0be13d45ad80791"},
	}
	for i, want := range wantProofs {
		br := MerkleBranch(leaves, i)
		if len(br) != len(want) {
			t.Fatalf("branch %d len %d", i, len(br))
		}
		for j := range want {
			if hex.EncodeToString(br[j]) != want[j] {
				t.Errorf("branch %d[%d] = %x want %s", i, j, br[j], want[j])
			}
		}
		if !bytes.Equal(MerkleRootFromBranch(leaves[i], br, i), root) {
			t.Errorf("branch %d does not lead to the root", i)
		}
	}
	b := &Block{
		ParentHash: unhex(t, "37fd55bf0d34dce92534f7299cee6fc15e45c6e09998bc790447c56fe7941f3f"),
		TxHash:     root,
		StateHash:  unhex(t, "10dac6387829b11c7d918fb815781493e7d52d3c8cefb57742182d2686cdf046"),
		Height:     37, BlockTime: 1795237073, Difficulty: 523239423,
		Txs: make([]*Transaction, 3),
	}
	if got := hex.EncodeToString(BlockHash(b)); got != "57728c68c7e146e0f9199455304da9a600669a8018bafac76404abaae89348ec" {
		t.Fatalf("block hash %s", got)
	}
	if got := hex.EncodeToString(MerkleRoot(nil)); got != hex.EncodeToString(make([]byte, 32)) {
		t.Fatalf("empty root %s", got)
	}
	if !bytes.Equal(MerkleRoot(leaves[:1]), leaves[0]) {
		t.Fatal("single-leaf root must be the leaf")
	}
}

func TestExpiry(t *testing.T) {
	cases := []struct {
		expire, height, time int64
		want                 bool
	}{
		{0, 1 << 40, 1 << 40, false},
		{10, 9, 0, false}, {10, 10, 0, true},
		{ExpireBound + 100, 1 << 20, ExpireBound + 99, false}, {ExpireBound + 100, 0, ExpireBound + 100, true},
	}
	for _, c := range cases {
		if got := IsExpired(&Transaction{Expire: c.expire}, c.height, c.time); got != c.want {
			t.Errorf("IsExpired(%d, h=%d, t=%d) = %v", c.expire, c.height, c.time, got)
		}
	}
	if MinFee(999, 100000) != 100000 || MinFee(1000, 100000) != 200000 {
		t.Error("MinFee")
	}
	if FeeSize(700, true) != 700 || FeeSize(700, false) != 1000 {
		t.Error("FeeSize: an unsigned tx is charged for 300 bytes of signature to come")
	}
	if FormatAmount(100000, 1e8) != "0.0010" || FormatAmount(9999999899800000, 1e8) != "99999998.9980" {
		t.Errorf("FormatAmount %s", FormatAmount(9999999899800000, 1e8))
	}
}

func BenchmarkDecodeVerifyTx(b *testing.B) {
	raw := unhex(b, refSignedManageHex)
	for b.Loop() {
		tx, err := DecodeTx(raw)
		if err != nil || !VerifySignature(tx.Transaction) {
			b.Fatal("bad")
		}
	}
}

// WithoutTxs keeps every field of a block but its transactions: with the
// count of those set, its header hashes as the whole block's.
func TestWithoutTxs(t *testing.T) {
	b := &Block{Version: 1, ParentHash: []byte("p"), TxHash: []byte("t"), StateHash: []byte("s"), Height: 7, BlockTime: 9,
		Signature: &Signature{Ty: 1, Pubkey: []byte("k")}, Difficulty: 3, MainHash: []byte("m"), MainHeight: 5,
		Txs: []*Transaction{{Execer: []byte("coins")}, {Execer: []byte("none")}}}
	w := WithoutTxs(b)
	if len(w.Txs) != 0 {
		t.Fatal("transactions kept")
	}
	w.Txs = b.Txs
	if !proto.Equal(w, b) {
		t.Fatal("a field was lost")
	}
	w.Txs = nil
	h := HeaderOf(w)
	h.TxCount = int64(len(b.Txs))
	if !bytes.Equal(HeaderHash(h), BlockHash(b)) {
		t.Fatal("header hash differs")
	}
	if hs := TxFullHashes(b); len(hs) != 2 || !bytes.Equal(hs[1], NewTx(b.Txs[1]).FullHash) {
		t.Fatal("full hashes")
	}
}

// The hashes, size and signing bytes of a transaction are those of its
// protobuf encoding, whether it fits the stack buffer they are built in or
// not (a payload of 4 KiB).
func TestTxHashesAnySize(t *testing.T) {
	k, _ := crypto.GeneratePrivKey()
	for _, n := range []int{3, txBufSize, 4096} {
		tx := &Transaction{Execer: []byte("coins"), Payload: bytes.Repeat([]byte{7}, n), Fee: 100000, Nonce: 1,
			To: "1GaHYpWmqAJsqRwrpoNcB8VvgKtSwjcHqt", Header: []byte{4}}
		Sign(tx, k)
		full, _ := proto.Marshal(tx)
		bare := proto.Clone(tx).(*Transaction)
		bare.Signature = nil
		signing, _ := proto.Marshal(bare)
		bare.Header = nil
		hashed, _ := proto.Marshal(bare)
		x := NewTx(tx)
		wantFull, wantHash := sha256.Sum256(full), sha256.Sum256(hashed)
		if !bytes.Equal(x.FullHash, wantFull[:]) || !bytes.Equal(TxFullHash(tx), wantFull[:]) || x.Size != len(full) {
			t.Errorf("payload %d: full hash or size not that of the encoding", n)
		}
		if !bytes.Equal(x.Hash, wantHash[:]) || !bytes.Equal(TxHash(tx), wantHash[:]) {
			t.Errorf("payload %d: hash not that of the encoding without signature and header", n)
		}
		if !bytes.Equal(SigningBytes(tx), signing) || !VerifySignature(tx) {
			t.Errorf("payload %d: signing bytes not the encoding without the signature", n)
		}
	}
}
