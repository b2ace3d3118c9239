package types

import (
	"encoding/hex"
	"encoding/json"
	"errors"
	"os"
	"testing"

	"chain33node/crypto"

	"google.golang.org/protobuf/proto"
)

// groupVectors are the reference's own group vectors (types/tx_test.go of
// 33cn/chain33), see testdata/txgroup_vectors.json.
type groupVectors struct {
	Key                string   `json:"key"`
	FeeRate            int64    `json:"feeRate"`
	Members            []string `json:"members"`
	UnsignedCarrier    string   `json:"unsignedCarrier"`
	SignedCarrier      string   `json:"signedCarrier"`
	UserWriteGroupOf10 string   `json:"userWriteGroupOf10"`
}

func loadGroupVectors(t *testing.T) *groupVectors {
	t.Helper()
	raw, err := os.ReadFile("testdata/txgroup_vectors.json")
	if err != nil {
		t.Fatal(err)
	}
	var v groupVectors
	if err := json.Unmarshal(raw, &v); err != nil {
		t.Fatal(err)
	}
	return &v
}

func decodeVec(t *testing.T, h string) *Tx {
	t.Helper()
	b, err := hex.DecodeString(h)
	if err != nil {
		t.Fatal(err)
	}
	tx, err := DecodeTx(b)
	if err != nil {
		t.Fatal(err)
	}
	return tx
}

// CreateTxGroup of the reference test's three transfers gives byte for byte
// the carrier the reference built (TestSignGroupTx), and signing each
// member with the test key gives byte for byte the signed carrier the
// reference's TestDecodeTx checks: group hash, next links, fees and
// signatures are the reference's.
func TestCreateTxGroupMatchesReference(t *testing.T) {
	v := loadGroupVectors(t)
	txs := make([]*Transaction, len(v.Members))
	for i, m := range v.Members {
		txs[i] = decodeVec(t, m).Transaction
	}
	if err := CreateTxGroup(txs, v.FeeRate); err != nil {
		t.Fatal(err)
	}
	if got := hex.EncodeToString(GroupCarrier(txs).encode()); got != v.UnsignedCarrier {
		t.Fatalf("carrier\n got %s\nwant %s", got, v.UnsignedCarrier)
	}
	kb, _ := hex.DecodeString(v.Key)
	k, err := crypto.PrivKeyFromBytes(kb)
	if err != nil {
		t.Fatal(err)
	}
	for _, tx := range txs {
		Sign(tx, k)
	}
	if got := hex.EncodeToString(GroupCarrier(txs).encode()); got != v.SignedCarrier {
		t.Fatalf("signed carrier\n got %s\nwant %s", got, v.SignedCarrier)
	}
}

func (t *Transaction) encode() []byte { return AppendTx(nil, t, true, true) }

// The reference's signed group decodes, verifies and passes the group rules
// here; its hash is its first member's.
func TestReferenceGroupAccepted(t *testing.T) {
	v := loadGroupVectors(t)
	c := decodeVec(t, v.SignedCarrier)
	if err := CheckTx(c, Rules{MinTxFeeRate: v.FeeRate, MaxTxFee: 1e9}); err != nil {
		t.Fatal(err)
	}
	if len(c.Group) != 3 || string(c.Hash) != string(c.Group[0].Hash) {
		t.Fatal("carrier hash is not the group hash")
	}
	for i, m := range c.Group {
		if !VerifySignature(m.Transaction) {
			t.Fatalf("member %d signature", i)
		}
		if m.From() != "14KEKbYtKKQm4wMthSK9J4La4nAiidGozt" {
			t.Fatalf("member %d from %s", i, m.From())
		}
	}
	// The carrier itself is not a signed transaction (its header holds the
	// group): only its members are verified.
	if VerifySignature(c.Transaction) {
		t.Fatal("carrier verified as a transaction")
	}
	// The reference's ten-member user.write group.
	w := decodeVec(t, v.UserWriteGroupOf10)
	if err := Members(w); err != nil || len(w.Group) != 10 {
		t.Fatalf("user.write group: %v", err)
	}
	if err := CheckGroup(w.Group, Rules{MinTxFeeRate: v.FeeRate}); err != nil {
		t.Fatal(err)
	}
}

// Each group rule, with the reference's error name.
func TestCheckGroupRules(t *testing.T) {
	v := loadGroupVectors(t)
	r := Rules{MinTxFeeRate: v.FeeRate, MaxTxFee: 1e9}
	fresh := func() []*Transaction {
		c := decodeVec(t, v.SignedCarrier)
		ms, err := DecodeGroup(c.Transaction)
		if err != nil {
			t.Fatal(err)
		}
		return ms
	}
	wrap := func(ms []*Transaction) []*Tx {
		out := make([]*Tx, len(ms))
		for i, m := range ms {
			out[i] = NewTx(m)
		}
		return out
	}
	for _, c := range []struct {
		name string
		edit func([]*Transaction) []*Transaction
		want error
	}{
		{"one member", func(ms []*Transaction) []*Transaction { return ms[:1] }, ErrTxGroupCountLessThanTwo},
		{"fee on second", func(ms []*Transaction) []*Transaction { ms[1].Fee = 1; return ms }, ErrTxGroupFeeNotZero},
		{"fee too low", func(ms []*Transaction) []*Transaction { ms[0].Fee = 299999; return ms }, ErrTxFeeTooLow},
		{"fee too high", func(ms []*Transaction) []*Transaction { ms[0].Fee = 1e9 + 1; return ms }, ErrTxFeeTooHigh},
		{"header of first", func(ms []*Transaction) []*Transaction { ms[0].Header = ms[1].Next; return ms }, ErrTxGroupHeader},
		{"header of member", func(ms []*Transaction) []*Transaction { ms[2].Header = ms[1].Next; return ms }, ErrTxGroupHeader},
		{"count", func(ms []*Transaction) []*Transaction { return ms[:2] }, ErrTxGroupCount},
		{"count 21", func(ms []*Transaction) []*Transaction {
			for _, m := range ms {
				m.GroupCount = 21
			}
			RebuildGroup(ms)
			return ms
		}, ErrTxGroupCountBigThanMaxSize},
		{"next", func(ms []*Transaction) []*Transaction { ms[1].Next = ms[0].Header; return ms }, ErrTxGroupNext},
		{"next of last", func(ms []*Transaction) []*Transaction { ms[2].Next = []byte{}; return ms }, ErrTxGroupNext},
		{"order", func(ms []*Transaction) []*Transaction { ms[1], ms[2] = ms[2], ms[1]; return ms }, ErrTxGroupNext},
		{"mixed parachain", func(ms []*Transaction) []*Transaction { ms[1].Execer = []byte("user.p.a.coins"); return ms }, ErrTxGroupParaMainMixed},
		{"two parachains", func(ms []*Transaction) []*Transaction {
			ms[0].Execer, ms[1].Execer, ms[2].Execer = []byte("user.p.a.coins"), []byte("user.p.b.coins"), []byte("user.p.a.none")
			return ms
		}, ErrTxGroupParaCount},
	} {
		if err := CheckGroup(wrap(c.edit(fresh())), r); !errors.Is(err, c.want) {
			t.Errorf("%s: %v, want %v", c.name, err, c.want)
		}
	}
	if err := CheckGroup(append(wrap(fresh()), nil), r); !errors.Is(err, ErrTxGroupEmpty) {
		t.Errorf("empty member: %v", err)
	}
}

func TestDecodeGroup(t *testing.T) {
	for _, c := range []struct {
		tx   *Transaction
		want error
	}{
		{&Transaction{GroupCount: 1}, ErrTxGroupCount},
		{&Transaction{GroupCount: -1}, ErrTxGroupCount},
		{&Transaction{GroupCount: 21}, ErrTxGroupCount},
		{&Transaction{Next: []byte{1}}, ErrNomalTx},
		{&Transaction{Header: []byte{1}}, ErrNomalTx},
	} {
		if _, err := DecodeGroup(c.tx); !errors.Is(err, c.want) {
			t.Errorf("%v: %v, want %v", c.tx, err, c.want)
		}
	}
	if g, err := DecodeGroup(&Transaction{Execer: []byte("coins")}); g != nil || err != nil {
		t.Fatal("plain transaction is a group")
	}
}

func TestExecNames(t *testing.T) {
	for in, want := range map[string]string{
		"user.evidence": "evidence", "user.a.b": "a", "user.": "user.", "coins": "coins",
		"user.p.para.coins": "coins", "user.p.para.": "user.p.para.", "user.p.x": "user.p.x",
	} {
		if got := RealExecName(in); got != want {
			t.Errorf("RealExecName(%q) = %q, want %q", in, got, want)
		}
	}
	for name, want := range map[string]bool{
		"user.evidence": true, "user.p.x.coins": true, "user": false, "evidence": false, "user.a-b": false,
		"user.a#b": false, "user." + string(make([]byte, 96)): false,
	} {
		if got := IsUserExecName(name); got != want {
			t.Errorf("IsUserExecName(%q) = %v", name, got)
		}
	}
}

// A none transaction shows its payload as the reference's NoneType decodes
// it: as a NoneAction when the bytes happen to parse as one (unknown fields
// ignored), null when they do not; a "user." name without an executor
// always shows null.
func TestNonePayloadJSON(t *testing.T) {
	for _, c := range []struct {
		execer, payload, want string
	}{
		{"none", "hi", `{"Ty":0}`},
		{"none", "no-fee-transaction", "null"},
		{"user.evidence", "hi", "null"},
	} {
		j := NewTxJSON(NewTx(&Transaction{Execer: []byte(c.execer), Payload: []byte(c.payload)}), DefaultCoinPrecision)
		got := string(j.Payload)
		if got == "" {
			got = "null"
		}
		if got != c.want {
			t.Errorf("%s %q: payload %s, want %s", c.execer, c.payload, got, c.want)
		}
	}
	delay := &NoneAction{Ty: NoneActionCommitDelayTx, Value: &NoneAction_CommitDelayTx{CommitDelayTx: &CommitDelayTx{DelayTx: "0x0a", RelativeDelayTime: 5}}}
	raw, _ := proto.Marshal(delay)
	j := NewTxJSON(NewTx(&Transaction{Execer: []byte("none"), Payload: raw}), DefaultCoinPrecision)
	if got := string(j.Payload); got != `{"commitDelayTx":{"delayTx":"0x0a","relativeDelayHeight":"0","relativeDelayTime":"5"},"Ty":101}` {
		t.Errorf("delay payload %s", got)
	}
}
