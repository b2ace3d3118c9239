package rpc_test

import (
	"encoding/hex"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"chain33node/crypto"
	"chain33node/types"
)

func str(t *testing.T, raw json.RawMessage) string {
	t.Helper()
	var s string
	if err := json.Unmarshal(raw, &s); err != nil {
		t.Fatalf("%s: %v", raw, err)
	}
	return s
}

func decodeHex(t *testing.T, h string) *types.Tx {
	t.Helper()
	raw, err := types.DecodeHex(h)
	if err != nil {
		t.Fatal(err)
	}
	tx, err := types.DecodeTx(raw)
	if err != nil {
		t.Fatal(err)
	}
	return tx
}

// signSend signs raw with the super key (SignRawTx index 0 for a group)
// and sends it; it returns the hash SendTransaction gives.
func signSend(t *testing.T, raw string, index int) string {
	t.Helper()
	signed := str(t, mustCall(t, "Chain33.SignRawTx", map[string]any{"privkey": superKeyHex, "txHex": raw, "expire": "300s", "index": index}))
	return str(t, mustCall(t, "Chain33.SendTransaction", map[string]string{"data": signed}))
}

// A notarisation built by CreateTransaction for a "user." executor: the
// payload is the request's JSON text; it commits as ExecPack with one
// LogFee; tx query shows no decoded payload and the action "unknown".
func TestNotarisationRPC(t *testing.T) {
	raw := str(t, mustCall(t, "Chain33.CreateTransaction", map[string]any{
		"execer": "user.evidence", "actionName": "write", "payload": json.RawMessage(`{"doc":"sha256:00ff"}`)}))
	tx := decodeHex(t, raw)
	if string(tx.Payload) != `{"doc":"sha256:00ff"}` || tx.To != crypto.ExecAddress("user.evidence") || tx.Fee != testCfg.Mempool.MinTxFeeRate {
		t.Fatalf("built %v", tx.Transaction)
	}
	d := waitTx(t, signSend(t, raw, 0))
	receipt := string(member(t, d, "receipt"))
	if !strings.HasPrefix(receipt, `{"ty":1,"tyName":"ExecPack","logs":[{"ty":2,"tyName":"LogFee",`) || strings.Count(receipt, `"tyName"`) != 2 {
		t.Fatalf("receipt %s", receipt)
	}
	if got := string(member(t, member(t, d, "tx"), "payload")); got != "null" {
		t.Fatalf("payload %s", got)
	}
	if got := string(member(t, d, "actionName")); got != `"unknown"` {
		t.Fatalf("action %s", got)
	}
	if got := string(member(t, member(t, d, "tx"), "rawPayload")); got != `"0x`+hex.EncodeToString(tx.Payload)+`"` {
		t.Fatalf("rawPayload %s", got)
	}
}

// A three-transaction group built by CreateRawTxGroup, signed by SignRawTx
// and sent as one: DecodeRawTransaction shows its members, the hash is the
// group hash, each member is queried on its own.
func TestGroupRPC(t *testing.T) {
	_, to := newAddr(t)
	var hexes []string
	for _, amount := range []int64{1e6, 2e6, 3e6} {
		hexes = append(hexes, str(t, mustCall(t, "Chain33.CreateRawTransaction", map[string]any{"to": to, "amount": amount})))
	}
	raw := str(t, mustCall(t, "Chain33.CreateRawTxGroup", map[string]any{"txs": hexes}))
	if !strings.HasPrefix(raw, "0x") {
		t.Fatalf("raw %s", raw)
	}
	var list struct {
		Txs []struct {
			Execer     string `json:"execer"`
			Fee        int64  `json:"fee"`
			GroupCount int32  `json:"groupCount"`
			Header     string `json:"header"`
			Next       string `json:"next"`
			Hash       string `json:"hash"`
		} `json:"txs"`
	}
	// Signing the whole group (index 0) sets the first member's expiry and so
	// relinks the group: the hashes to follow are the signed group's.
	signed := str(t, mustCall(t, "Chain33.SignRawTx", map[string]any{"privkey": superKeyHex, "txHex": raw, "expire": "300s"}))
	if err := json.Unmarshal(mustCall(t, "Chain33.DecodeRawTransaction", map[string]string{"txHex": signed}), &list); err != nil {
		t.Fatal(err)
	}
	if len(list.Txs) != 3 {
		t.Fatalf("%d txs decoded", len(list.Txs))
	}
	for i, m := range list.Txs {
		if m.GroupCount != 3 || m.Header != list.Txs[0].Hash || (i < 2) != (m.Next != "") || i > 0 && m.Fee != 0 {
			t.Fatalf("member %d: %+v", i, m)
		}
		if i < 2 && m.Next != list.Txs[i+1].Hash {
			t.Fatalf("member %d next %s", i, m.Next)
		}
	}
	hash := str(t, mustCall(t, "Chain33.SendTransaction", map[string]string{"data": signed}))
	for i, m := range list.Txs {
		d := waitTx(t, m.Hash)
		if !strings.Contains(string(member(t, d, "receipt")), `"tyName":"ExecOk"`) {
			t.Fatalf("member %d: %s", i, member(t, d, "receipt"))
		}
		if got := string(member(t, member(t, d, "tx"), "groupCount")); got != "3" {
			t.Fatalf("member %d groupCount %s", i, got)
		}
	}
	if hash != list.Txs[0].Hash {
		t.Fatalf("SendTransaction gave %s, not the group hash %s", hash, list.Txs[0].Hash)
	}
	if _, e := call(t, "Chain33.CreateRawTxGroup", map[string]any{"txs": hexes[:1]}); e != "ErrTxGroupCountLessThanTwo" {
		t.Fatalf("one tx: %q", e)
	}
	if _, e := call(t, "Chain33.SignRawTx", map[string]any{"privkey": superKeyHex, "txHex": raw, "expire": "300s", "index": 4}); e != "ErrIndex" {
		t.Fatalf("index 4: %q", e)
	}
	// A member whose signature is broken: the group is refused.
	again := decodeHex(t, str(t, mustCall(t, "Chain33.SignRawTx", map[string]any{"privkey": superKeyHex, "txHex": raw, "expire": "600s"})))
	ms, _ := types.DecodeGroup(again.Transaction)
	ms[2].Signature.Signature[5] ^= 1
	bad := types.HexWith0x(types.AppendTx(nil, types.GroupCarrier(ms), true, true))
	if _, e := call(t, "Chain33.SendTransaction", map[string]string{"data": bad}); e != "ErrSign" {
		t.Fatalf("tampered member: %q", e)
	}
}

// CreateNoBalanceTransaction: a none transaction signed by the payer pays
// for a transaction whose sender holds nothing.
func TestNoBalanceRPC(t *testing.T) {
	poor, _ := newAddr(t)
	inner := &types.Transaction{Execer: []byte("user.evidence"), Payload: []byte("doc"), To: crypto.ExecAddress("user.evidence"), Nonce: time.Now().UnixNano()}
	innerHex := hex.EncodeToString(types.AppendTx(nil, inner, true, true))
	raw := str(t, mustCall(t, "Chain33.CreateNoBalanceTransaction", map[string]any{"txHex": innerHex, "privkey": superKeyHex}))
	var list struct {
		Txs []struct {
			Execer     string `json:"execer"`
			GroupCount int32  `json:"groupCount"`
			From       string `json:"from"`
			Hash       string `json:"hash"`
		} `json:"txs"`
	}
	if err := json.Unmarshal(mustCall(t, "Chain33.DecodeRawTransaction", map[string]string{"txHex": raw}), &list); err != nil {
		t.Fatal(err)
	}
	if len(list.Txs) != 2 || list.Txs[0].Execer != "none" || list.Txs[1].Execer != "user.evidence" || list.Txs[1].GroupCount != 2 ||
		list.Txs[0].From != crypto.PubKeyToAddr(superKey.PubKey()) {
		t.Fatalf("decoded %+v", list.Txs)
	}
	// The poor sender signs its own member (index 2) and the group goes in.
	signed := decodeHex(t, raw)
	ms, _ := types.DecodeGroup(signed.Transaction)
	types.Sign(ms[1], poor)
	hash := str(t, mustCall(t, "Chain33.SendTransaction", map[string]string{"data": types.HexWith0x(types.AppendTx(nil, types.GroupCarrier(ms), true, true))}))
	d := waitTx(t, hash)
	if !strings.HasPrefix(string(member(t, d, "receipt")), `{"ty":1,"tyName":"ExecPack","logs":[{"ty":2,"tyName":"LogFee"`) {
		t.Fatalf("receipt %s", member(t, d, "receipt"))
	}
	if got := string(member(t, waitTx(t, list.Txs[1].Hash), "receipt")); got != `{"ty":1,"tyName":"ExecPack","logs":null}` {
		t.Fatalf("member receipt %s", got)
	}
	var list2 struct{ Txs []json.RawMessage }
	raw2 := str(t, mustCall(t, "Chain33.CreateNoBlanaceTxs", map[string]any{"txHexs": []string{innerHex, innerHex}}))
	json.Unmarshal(mustCall(t, "Chain33.DecodeRawTransaction", map[string]string{"txHex": raw2}), &list2)
	if len(list2.Txs) != 3 {
		t.Fatalf("CreateNoBlanaceTxs: %d members", len(list2.Txs))
	}
}

// A delayed transaction: committed by a none CommitDelayTx, shown by
// GetDelayTxInfo, and in a block once its delay has passed; and one handed
// over by SendDelayTransaction.
func TestDelayedTxRPC(t *testing.T) {
	_, to := newAddr(t)
	signedTransfer := func(amount int64) (string, string) {
		unsigned := str(t, mustCall(t, "Chain33.CreateRawTransaction", map[string]any{"to": to, "amount": amount}))
		s := str(t, mustCall(t, "Chain33.SignRawTx", map[string]any{"privkey": superKeyHex, "txHex": unsigned, "expire": "1h"}))
		return s, types.HexWith0x(decodeHex(t, s).Hash)
	}
	delayed, delayedHash := signedTransfer(1e6)
	raw := str(t, mustCall(t, "Chain33.CreateTransaction", map[string]any{"execer": "none", "actionName": "CommitDelayTx",
		"payload": map[string]any{"delayTx": delayed, "relativeDelayTime": "1"}}))
	d := waitTx(t, signSend(t, raw, 0))
	receipt := string(member(t, d, "receipt"))
	if !strings.Contains(receipt, `"tyName":"ExecOk"`) || !strings.Contains(receipt, `"tyName":"CommitDelayTxLog","log":{"submitter":"`+crypto.PubKeyToAddr(superKey.PubKey())+`","delayTxHash":"`+delayedHash+`"`) {
		t.Fatalf("receipt %s", receipt)
	}
	if got := string(member(t, d, "actionName")); got != `"CommitDelayTx"` {
		t.Fatalf("action %s", got)
	}
	info := string(mustCall(t, "Chain33.Query", map[string]any{"execer": "none", "funcName": "GetDelayTxInfo", "payload": map[string]string{"data": delayedHash}}))
	if !strings.HasPrefix(info, `{"submitter":"`+crypto.PubKeyToAddr(superKey.PubKey())+`","delayTxHash":"","delayBeginHeight":"`) {
		t.Fatalf("GetDelayTxInfo %s", info)
	}
	if d := waitTx(t, delayedHash); !strings.Contains(string(member(t, d, "receipt")), `"tyName":"ExecOk"`) {
		t.Fatalf("delayed tx %s", d)
	}
	if _, e := call(t, "Chain33.Query", map[string]any{"execer": "none", "funcName": "GetDelayTxInfo", "payload": map[string]string{"data": "0x01"}}); e != "ErrGetStateDB" {
		t.Fatalf("unknown hash: %q", e)
	}

	s, h := signedTransfer(2e6)
	got := str(t, mustCall(t, "Chain33.SendDelayTransaction", map[string]any{"tx": decodeHex(t, s).Transaction, "endDelayTime": time.Now().Unix() + 1}))
	if got != h {
		t.Fatalf("hash %s, want %s", got, h)
	}
	waitTx(t, h)
	if _, e := call(t, "Chain33.SendDelayTransaction", map[string]any{"endDelayTime": 5}); e != "ErrNilTransaction" {
		t.Fatalf("no tx: %q", e)
	}
}
