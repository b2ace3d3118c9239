package txbuild

import (
	"encoding/hex"
	"errors"
	"strings"
	"testing"
	"time"

	"chain33node/crypto"
	"chain33node/types"

	"google.golang.org/protobuf/proto"
)

func encHex(t *types.Transaction) string {
	return hex.EncodeToString(types.AppendTx(nil, t, true, true))
}

// A coins transfer is the reference's byte for byte (the transcript's
// `coins transfer -a 1 -t 12qy...`, nonce aside): Ty before the oneof, fee
// for the formatted size plus a signature to come.
func TestCoinsTxReference(t *testing.T) {
	const want = "0a05636f696e73122d18010a291080c2d72f2222313271796f6361794e46374c7636433971573461767873324537553431664b53667620a08d0630f6fb8f92d9c88fb2173a22313271796f6361794e46374c7636433971573461767873324537553431664b536676"
	const to = "12qyocayNF7Lv6C9qW4avxs2E7U41fKSfv"
	tx, err := CoinsTx(Coins{To: to, Amount: 1e8}, Chain{FeeRate: 100000})
	if err != nil {
		t.Fatal(err)
	}
	if tx.Nonce <= 0 {
		t.Errorf("nonce %d", tx.Nonce)
	}
	tx.Nonce = 1685540629071003126
	if got := encHex(tx); got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}

	// A parachain sends to its coins executor's address; the action keeps to.
	para, err := CoinsTx(Coins{To: to, Amount: 1}, Chain{CoinExec: "user.p.test.coins", Para: true, ChainID: 7})
	if err != nil {
		t.Fatal(err)
	}
	var a types.CoinsAction
	if err := proto.Unmarshal(para.Payload, &a); err != nil {
		t.Fatal(err)
	}
	if string(para.Execer) != "user.p.test.coins" || para.To != crypto.ExecAddress("user.p.test.coins") ||
		a.GetTransfer().GetTo() != to || para.ChainID != 7 || para.Fee != 0 {
		t.Errorf("parachain transfer: execer %s to %s action to %s chainID %d fee %d",
			para.Execer, para.To, a.GetTransfer().GetTo(), para.ChainID, para.Fee)
	}
}

func TestCoinsTxActions(t *testing.T) {
	c := Chain{FeeRate: 100000}
	for _, tc := range []struct {
		in Coins
		ty int32
	}{
		{Coins{Amount: 1}, types.CoinsActionTransfer},
		{Coins{Amount: 1, ExecName: "manage"}, types.CoinsActionTransferToExec},
		{Coins{Amount: 1, ExecName: "manage", IsWithdraw: true}, types.CoinsActionWithdraw},
	} {
		tx, err := CoinsTx(tc.in, c)
		if err != nil {
			t.Fatal(err)
		}
		var a types.CoinsAction
		if err := proto.Unmarshal(tx.Payload, &a); err != nil || a.Ty != tc.ty {
			t.Errorf("%+v: action %v %v", tc.in, &a, err)
		}
		if tx.To != crypto.ExecAddress("coins") || tx.Fee != 100000 {
			t.Errorf("%+v: to %s fee %d", tc.in, tx.To, tx.Fee)
		}
	}
	for _, tc := range []struct {
		in  Coins
		err error
	}{
		{Coins{To: "1abc"}, types.ErrInvalidAddress},
		{Coins{Amount: -1}, types.ErrAmount},
		{Coins{Execer: "manage"}, types.ErrNotSupport},
		{Coins{IsToken: true}, types.ErrExecNotFound},
		{Coins{ExecName: "token"}, ErrExecNameNotMatch},
		{Coins{Note: strings.Repeat("n", types.MaxTxSize)}, types.ErrTxMsgSizeTooBig},
	} {
		if _, err := CoinsTx(tc.in, c); !errors.Is(err, tc.err) {
			t.Errorf("%+v: %v, want %v", tc.in, err, tc.err)
		}
	}
}

// RealFee charges an unsigned tx for 300 bytes of signature to come, in the
// size limit as in the fee, as the reference's GetRealFee.
func TestRealFee(t *testing.T) {
	tx := &types.Transaction{Execer: []byte("coins")}
	fill := func(size int) {
		tx.Payload = nil
		base := len(types.AppendTx(nil, tx, true, true))
		for n := size - base - 5; ; n++ { // tag and length take 2-4 bytes
			tx.Payload = make([]byte, n)
			if got := len(types.AppendTx(nil, tx, true, true)); got >= size {
				if got != size {
					t.Fatalf("cannot make a tx of %d bytes", size)
				}
				return
			}
		}
	}
	fill(699)
	if fee, err := RealFee(tx, 100000); err != nil || fee != 100000 {
		t.Errorf("699 bytes unsigned: %d %v", fee, err)
	}
	fill(700)
	if fee, err := RealFee(tx, 100000); err != nil || fee != 200000 {
		t.Errorf("700 bytes unsigned: %d %v", fee, err)
	}
	fill(types.MaxTxSize - 300)
	if _, err := RealFee(tx, 1); err != nil {
		t.Errorf("largest unsigned tx: %v", err)
	}
	fill(types.MaxTxSize - 299)
	if _, err := RealFee(tx, 1); !errors.Is(err, types.ErrTxMsgSizeTooBig) {
		t.Errorf("unsigned tx too big with its signature: %v", err)
	}
}

// Sign's fee covers the signed size and keeps a higher requested fee; the
// result is a valid signed transaction.
func TestSign(t *testing.T) {
	key, err := crypto.GeneratePrivKey()
	if err != nil {
		t.Fatal(err)
	}
	tx := NodeUpdate(strings.Repeat("AB", 48), 10)
	tx.Payload = append(tx.Payload, make([]byte, 1500)...) // 1.6 kB
	for _, c := range []struct{ fee, want int64 }{{0, 200000}, {1, 200000}, {777777, 777777}} {
		enc, err := Sign(tx, key, crypto.AddressIDBTC, c.fee, 100000)
		if err != nil {
			t.Fatal(err)
		}
		dec, err := types.DecodeTx(enc)
		if err != nil {
			t.Fatal(err)
		}
		if dec.Fee != c.want || dec.Fee < types.MinFee(dec.Size, 100000) || !types.VerifySignature(dec.Transaction) {
			t.Errorf("fee %d: signed fee %d, size %d", c.fee, dec.Fee, dec.Size)
		}
	}
}

func TestNodeUpdate(t *testing.T) {
	tx := NodeUpdate("AB", 7)
	dec, err := types.DecodeTx(types.AppendTx(nil, tx, true, true))
	if err != nil {
		t.Fatal(err)
	}
	var a types.QbftNodeAction
	if err := proto.Unmarshal(dec.Payload, &a); err != nil {
		t.Fatal(err)
	}
	if a.Ty != types.QbftNodeActionNode || a.GetNode().GetPubKey() != "AB" || a.GetNode().GetPower() != 7 {
		t.Errorf("payload %v", &a)
	}
	if dec.To != "1LSkmQRZiFDeL6YSKTbYDadhyfNFQZznHT" || dec.Nonce <= 0 || dec.Fee != 0 || dec.Expire != 0 || dec.ChainID != 0 {
		t.Errorf("tx %v", dec.Transaction)
	}
	// Ty before the oneof, as the reference's.
	if !strings.HasPrefix(hex.EncodeToString(dec.Payload), "18010a") {
		t.Errorf("payload %x", dec.Payload)
	}
}

func TestExpire(t *testing.T) {
	now := time.Unix(1700000000, 0)
	for _, c := range []struct {
		in   string
		want int64 // Transaction.expire; -1: refused
	}{
		{"0s", 0},
		{"100", 100},
		{"60s", 1700000000 + 120}, // at least 120 s
		{"1h", 1700000000 + 3600},
		{"H:100", -1}, // no TxHeight here
		{"-5", -1},
		{"-1h", -1},
		{"", -1},
		{"soon", -1},
		{"4611686018427387904", -1}, // the TxHeight flag
	} {
		e, err := ParseExpire(c.in)
		if c.want < 0 {
			if err == nil {
				t.Errorf("ParseExpire(%q) = %d, want an error", c.in, e)
			}
			continue
		}
		tx := &types.Transaction{}
		if err == nil {
			SetExpire(tx, e, now)
		}
		if err != nil || tx.Expire != c.want {
			t.Errorf("expire %q: %d %v, want %d", c.in, tx.Expire, err, c.want)
		}
	}
}
