package txbuild

import (
	"encoding/hex"
	"encoding/json"
	"errors"
	"os"
	"testing"
	"time"

	"chain33node/crypto"
	"chain33node/types"

	"google.golang.org/protobuf/proto"
)

type groupVectors struct {
	Key             string   `json:"key"`
	FeeRate         int64    `json:"feeRate"`
	Members         []string `json:"members"`
	UnsignedCarrier string   `json:"unsignedCarrier"`
	SignedCarrier   string   `json:"signedCarrier"`
}

// The reference's vectors (../types/testdata/txgroup_vectors.json, from
// 33cn/chain33 types/tx_test.go).
func vectors(t *testing.T) *groupVectors {
	t.Helper()
	raw, err := os.ReadFile("../types/testdata/txgroup_vectors.json")
	if err != nil {
		t.Fatal(err)
	}
	var v groupVectors
	if err := json.Unmarshal(raw, &v); err != nil {
		t.Fatal(err)
	}
	return &v
}

func enc(t *types.Transaction) string { return hex.EncodeToString(types.AppendTx(nil, t, true, true)) }

// CreateRawTxGroup and SignRawTx (index 0) of the reference's transfers give
// the reference's carriers byte for byte.
func TestRawGroupAndSignMatchReference(t *testing.T) {
	v := vectors(t)
	c := Chain{FeeRate: v.FeeRate}
	carrier, err := RawGroup(v.Members, c)
	if err != nil {
		t.Fatal(err)
	}
	if enc(carrier) != v.UnsignedCarrier {
		t.Fatalf("carrier %s", enc(carrier))
	}
	kb, _ := hex.DecodeString(v.Key)
	k, _ := crypto.PrivKeyFromBytes(kb)
	signed, err := SignGroup(carrier, 0, k, 0, 0, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	if hex.EncodeToString(signed) != v.SignedCarrier {
		t.Fatalf("signed %x", signed)
	}
	if _, err := RawGroup(v.Members[:1], c); !errors.Is(err, types.ErrTxGroupCountLessThanTwo) {
		t.Fatalf("one tx: %v", err)
	}
}

// Signing one member (index i) signs member i-1 only and keeps the links;
// an index past the members is ErrIndex; index 0 with an expiry relinks.
func TestSignGroupIndex(t *testing.T) {
	v := vectors(t)
	carrier, err := RawGroup(v.Members, Chain{FeeRate: v.FeeRate})
	if err != nil {
		t.Fatal(err)
	}
	k, _ := crypto.GeneratePrivKey()
	signed, err := SignGroup(carrier, 2, k, 0, 0, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	tx, err := types.DecodeTx(signed)
	if err != nil {
		t.Fatal(err)
	}
	ms, err := types.DecodeGroup(tx.Transaction)
	if err != nil {
		t.Fatal(err)
	}
	if ms[0].Signature != nil || ms[2].Signature != nil || !types.VerifySignature(ms[1]) {
		t.Fatal("index 2 must sign the second member only")
	}
	if _, err := SignGroup(carrier, 4, k, 0, 0, time.Now()); !errors.Is(err, types.ErrIndex) {
		t.Fatalf("index 4: %v", err)
	}
	now := time.Unix(1700000000, 0)
	signed, err = SignGroup(carrier, 0, k, 0, int64(300*time.Second), now)
	if err != nil {
		t.Fatal(err)
	}
	tx, _ = types.DecodeTx(signed)
	if err := types.CheckTx(tx, types.Rules{MinTxFeeRate: v.FeeRate}); err != nil {
		t.Fatalf("relinked group: %v", err)
	}
	if tx.Group[0].Expire != now.Unix()+300 {
		t.Fatalf("expire %d", tx.Group[0].Expire)
	}
}

// A no-balance group: a none transaction paying for the others.
func TestNoBalance(t *testing.T) {
	v := vectors(t)
	c := Chain{FeeRate: v.FeeRate, MaxTxFee: 1e9}
	inner, err := DecodeHexTx(v.Members[0])
	if err != nil {
		t.Fatal(err)
	}
	now := time.Unix(1700000000, 0)
	carrier, err := NoBalance([]*types.Transaction{inner}, int64(300*time.Second), now, c)
	if err != nil {
		t.Fatal(err)
	}
	tx := types.NewTx(carrier)
	if err := types.CheckTx(tx, types.Rules{MinTxFeeRate: v.FeeRate, MaxTxFee: 1e9}); err != nil {
		t.Fatal(err)
	}
	none, member := tx.Group[0], tx.Group[1]
	if string(none.Execer) != "none" || string(none.Payload) != "no-fee-transaction" || none.To != crypto.ExecAddress("none") ||
		none.Expire != now.Unix()+300 || none.Nonce == 0 {
		t.Fatalf("none tx %v", none.Transaction)
	}
	if member.Fee != 0 || none.Fee < 2*v.FeeRate || member.GroupCount != 2 {
		t.Fatalf("fees %d %d", none.Fee, member.Fee)
	}
}

func TestUserData(t *testing.T) {
	tx, err := UserData("user.evidence", "contract", "sha256:00ff", Chain{FeeRate: 100000, ChainID: 3})
	if err != nil {
		t.Fatal(err)
	}
	if string(tx.Payload) != "#contract#sha256:00ff" || tx.To != crypto.ExecAddress("user.evidence") || tx.Fee != 100000 || tx.ChainID != 3 || tx.Nonce == 0 {
		t.Fatalf("%v", tx)
	}
	u, err := UserTx("user.evidence", []byte(`{"key":"value"}`), Chain{FeeRate: 100000})
	if err != nil || string(u.Payload) != `{"key":"value"}` || u.To != crypto.ExecAddress("user.evidence") {
		t.Fatalf("%v %v", u, err)
	}
}

func TestCommitDelayAction(t *testing.T) {
	want := &types.CommitDelayTx{DelayTx: "0x0a05", RelativeDelayTime: 10}
	tx, err := ActionTx("none", "CommitDelayTx", func(m proto.Message) error { proto.Merge(m, want); return nil }, Chain{FeeRate: 100000})
	if err != nil {
		t.Fatal(err)
	}
	// Ty first, then the oneof, as the reference encodes actions.
	if hex.EncodeToString(tx.Payload) != "10650a0a0a06307830613035180a" || tx.To != crypto.ExecAddress("none") {
		t.Fatalf("payload %x", tx.Payload)
	}
	if _, err := ActionTx("none", "Other", func(proto.Message) error { return nil }, Chain{}); !errors.Is(err, types.ErrActionNotSupport) {
		t.Fatalf("other action: %v", err)
	}
}
