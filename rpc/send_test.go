package rpc_test

import (
	"bytes"
	"context"
	"encoding/hex"
	"encoding/json"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"chain33node/types"

	"google.golang.org/protobuf/proto"
)

// signedTransfer is a signed coins transfer from superKey, in hex, and its
// hash.
func signedTransfer(to string, amount int64) (string, string) {
	tx := &rawTx{execer: "coins", payload: transferPayload(to, amount), fee: 100000, nonce: rand.Int64(), to: to}
	signed, hash := signTx(tx, superKey)
	return hex.EncodeToString(signed), hash
}

// SendTransactions admits each tx on its own: the result lists hashes and,
// for a refused tx, its error, in request order.
func TestSendTransactions(t *testing.T) {
	shapes := loadShapesFrom(t, "testdata/apisweep_shapes.json")
	_, to := newAddr(t)
	tx1, h1 := signedTransfer(to, 1e6)
	tx2, h2 := signedTransfer(to, 2e6)
	res := mustCall(t, "Chain33.SendTransactions", map[string]any{"datas": []string{tx1, "zz", tx2, tx1}})
	wantShape(t, shapes, "Chain33.SendTransactions", res)
	var got []string
	if err := json.Unmarshal(res, &got); err != nil {
		t.Fatal(err)
	}
	if len(got) != 4 || got[0] != h1 || got[2] != h2 || !strings.Contains(got[1], "invalid") || got[3] != "ErrDupTx" {
		t.Fatalf("SendTransactions: %q (hashes %s %s)", got, h1, h2)
	}
	waitTx(t, h1)
	waitTx(t, h2)
	if res := mustCall(t, "Chain33.SendTransactions", map[string]any{"datas": []string{}}); string(res) != "null" {
		t.Errorf("no txs: %s", res)
	}
}

// SendTransactionSync answers once the tx is in a block: QueryTransaction
// finds it at once. A tx whose execution fails is committed too (its
// receipt says why); a refused tx is an error at once.
func TestSendTransactionSync(t *testing.T) {
	shapes := loadShapesFrom(t, "testdata/apisweep_shapes.json")
	_, to := newAddr(t)
	tx, hash := signedTransfer(to, 1e6)
	res := mustCall(t, "Chain33.SendTransactionSync", map[string]string{"data": tx})
	wantShape(t, shapes, "Chain33.SendTransactionSync", res)
	if str(t, res) != hash {
		t.Fatalf("hash %s, want %s", res, hash)
	}
	if _, e := call(t, "Chain33.QueryTransaction", map[string]string{"hash": hash}); e != "" {
		t.Fatalf("not committed when SendTransactionSync returned: %s", e)
	}

	failing, fhash := signedTransfer(to, 1<<62) // more than any balance
	if got := str(t, mustCall(t, "Chain33.SendTransactionSync", map[string]string{"data": failing})); got != fhash {
		t.Fatalf("hash %s, want %s", got, fhash)
	}
	d := mustCall(t, "Chain33.QueryTransaction", map[string]string{"hash": fhash})
	if r := string(member(t, d, "receipt")); !strings.Contains(r, `"ExecPack"`) || !strings.Contains(r, `"LogErr"`) {
		t.Fatalf("failed tx receipt %s", r)
	}

	start := time.Now()
	if _, e := call(t, "Chain33.SendTransactionSync", map[string]string{"data": tx}); e != "ErrDupTx" {
		t.Errorf("resend: %q, want ErrDupTx", e)
	}
	if _, e := call(t, "Chain33.SendTransactionSync", map[string]string{"data": "0a05"}); e == "" {
		t.Error("garbage: no error")
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("refusals took %v: they must not wait", d)
	}
}

// ReWriteRawTx changes to, fee and expiry of a tx, and of a group the first
// member's fee and one or every member's expiry, relinking the group.
func TestReWriteRawTx(t *testing.T) {
	shapes := loadShapesFrom(t, "testdata/apisweep_shapes.json")
	_, to := newAddr(t)
	_, to2 := newAddr(t)
	raw := str(t, mustCall(t, "Chain33.CreateRawTransaction", map[string]any{"to": to, "amount": 1e6}))
	res := mustCall(t, "Chain33.ReWriteRawTx", map[string]any{"tx": raw, "to": to2, "fee": 3e6, "expire": "1h"})
	wantShape(t, shapes, "Chain33.ReWriteRawTx", res)
	tx := decodeHex(t, str(t, res))
	if tx.To != to2 || tx.Fee != 3e6 || tx.Expire < time.Now().Unix()+3500 || tx.Expire > time.Now().Unix()+3700 {
		t.Fatalf("rewritten %v", tx.Transaction)
	}
	// A lower fee is not applied; nothing to change keeps the tx.
	low := decodeHex(t, str(t, mustCall(t, "Chain33.ReWriteRawTx", map[string]any{"tx": raw, "fee": 1})))
	if orig := decodeHex(t, raw); low.Fee != orig.Fee || !bytes.Equal(low.Hash, orig.Hash) {
		t.Fatalf("fee lowered: %v", low.Transaction)
	}

	var hexes []string
	for range 3 {
		hexes = append(hexes, str(t, mustCall(t, "Chain33.CreateRawTransaction", map[string]any{"to": to, "amount": 1e6})))
	}
	group := str(t, mustCall(t, "Chain33.CreateRawTxGroup", map[string]any{"txs": hexes}))
	members := func(h string) []*types.Transaction {
		t.Helper()
		ms, err := types.DecodeGroup(decodeHex(t, h).Transaction)
		if err != nil {
			t.Fatal(err)
		}
		return ms
	}
	before := members(group)
	one := members(str(t, mustCall(t, "Chain33.ReWriteRawTx", map[string]any{"tx": group, "expire": "2h", "index": 2, "fee": 9e6})))
	if one[1].Expire == before[1].Expire || one[0].Expire != before[0].Expire || one[2].Expire != before[2].Expire {
		t.Errorf("index 2 expiry: %d %d %d, was %d %d %d", one[0].Expire, one[1].Expire, one[2].Expire,
			before[0].Expire, before[1].Expire, before[2].Expire)
	}
	if one[0].Fee != before[0].Fee {
		t.Errorf("index 2 changed the first member's fee")
	}
	all := members(str(t, mustCall(t, "Chain33.ReWriteRawTx", map[string]any{"tx": group, "expire": "2h", "fee": 9e6})))
	for i, m := range all {
		if m.Expire == before[i].Expire {
			t.Errorf("index 0: member %d expiry unchanged", i)
		}
	}
	if all[0].Fee != 9e6 {
		t.Errorf("first member fee %d", all[0].Fee)
	}
	// The group is relinked: signed and sent, it commits.
	rewritten := str(t, mustCall(t, "Chain33.ReWriteRawTx", map[string]any{"tx": group, "expire": "300s"}))
	waitTx(t, signSend(t, rewritten, 0))

	for _, bad := range []map[string]any{{"tx": group, "index": 4}, {"tx": ""}, {"tx": raw, "to": "nope"}, {"tx": raw, "expire": "H:5"}} {
		if _, e := call(t, "Chain33.ReWriteRawTx", bad); e == "" {
			t.Errorf("ReWriteRawTx %v: no error", bad)
		}
	}

	// gRPC ReWriteTx rewrites alike.
	c := chain33Client(t)
	ctx := callCtx(t)
	u, err := c.ReWriteTx(ctx, &types.ReWriteRawTx{Tx: raw, To: to2, Fee: 3e6})
	if err != nil {
		t.Fatal(err)
	}
	var g types.Transaction
	if err := proto.Unmarshal(u.Data, &g); err != nil || g.To != to2 || g.Fee != 3e6 {
		t.Fatalf("gRPC ReWriteTx: %v %v", &g, err)
	}
}

// QueryChain is Query under the reference's other name, with an optional
// state hash that must be the head's.
func TestQueryChain(t *testing.T) {
	shapes := loadShapesFrom(t, "testdata/apisweep_shapes.json")
	q := map[string]any{"execer": "manage", "funcName": "GetConfigItem", "payload": map[string]string{"data": "qbft-manager"}}
	want := mustCall(t, "Chain33.Query", q)
	got := mustCall(t, "Chain33.QueryChain", q)
	wantShape(t, shapes, "Chain33.QueryChain", got)
	if string(got) != string(want) {
		t.Fatalf("QueryChain %s, Query %s", got, want)
	}
	q["stateHash"] = "0x" + strings.Repeat("ab", 32)
	if _, e := call(t, "Chain33.QueryChain", q); e != "ErrNotFound" {
		t.Errorf("old state hash: %q", e)
	}
}

// The gRPC counterparts: SendTransactions (Replies), SendTransactionSync,
// CreateRawTxGroup, CreateNoBalanceTxs, SendDelayTransaction,
// QueryConsensus.
func TestGRPCSending(t *testing.T) {
	c := chain33Client(t)
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	_, to := newAddr(t)
	tx := func(amount int64) (*types.Transaction, []byte) {
		h, hash := signedTransfer(to, amount)
		raw, _ := hex.DecodeString(h)
		var m types.Transaction
		if err := proto.Unmarshal(raw, &m); err != nil {
			t.Fatal(err)
		}
		hb, _ := types.DecodeHex(hash)
		return &m, hb
	}
	t1, h1 := tx(1e6)
	reps, err := c.SendTransactions(ctx, &types.Transactions{Txs: []*types.Transaction{t1, {}, t1}})
	if err != nil {
		t.Fatal(err)
	}
	r := reps.GetReplyList()
	if len(r) != 3 || !r[0].IsOk || !bytes.Equal(r[0].Msg, h1) || r[1].IsOk || len(r[1].Msg) == 0 || r[2].IsOk || string(r[2].Msg) != "ErrDupTx" {
		t.Fatalf("SendTransactions: %v", reps)
	}

	t2, h2 := tx(2e6)
	rep, err := c.SendTransactionSync(ctx, t2)
	if err != nil || !rep.IsOk || !bytes.Equal(rep.Msg, h2) {
		t.Fatalf("SendTransactionSync: %v %v", rep, err)
	}
	if _, err := c.QueryTransaction(ctx, &types.ReqHash{Hash: h2}); err != nil {
		t.Fatalf("not committed when SendTransactionSync returned: %v", err)
	}
	if _, err := c.SendTransactionSync(ctx, t2); err == nil || !strings.Contains(err.Error(), "ErrDupTx") {
		t.Errorf("resend: %v", err)
	}

	var hexes []string
	for range 2 {
		hexes = append(hexes, str(t, mustCall(t, "Chain33.CreateRawTransaction", map[string]any{"to": to, "amount": 1e6})))
	}
	ug, err := c.CreateRawTxGroup(ctx, &types.CreateTransactionGroup{Txs: hexes})
	if err != nil {
		t.Fatal(err)
	}
	jg := decodeHex(t, str(t, mustCall(t, "Chain33.CreateRawTxGroup", map[string]any{"txs": hexes})))
	var gg types.Transaction
	if err := proto.Unmarshal(ug.Data, &gg); err != nil || gg.GroupCount != 2 || len(gg.Header) == 0 || jg.GroupCount != 2 {
		t.Fatalf("gRPC CreateRawTxGroup: %v %v", &gg, err)
	}

	nb, err := c.CreateNoBalanceTxs(ctx, &types.NoBalanceTxs{TxHexs: hexes[:1], Privkey: superKeyHex})
	if err != nil || !strings.HasPrefix(nb.TxHex, "0x") {
		t.Fatalf("CreateNoBalanceTxs: %v %v", nb, err)
	}
	if nbt := decodeHex(t, nb.TxHex); nbt.GroupCount != 2 || nbt.Signature == nil {
		t.Fatalf("no-balance group %v", nbt.Transaction)
	}

	t3, h3 := tx(3e6)
	dr, err := c.SendDelayTransaction(ctx, &types.DelayTx{Tx: t3, EndDelayTime: time.Now().Unix() + 1})
	if err != nil || !dr.IsOk || !bytes.Equal(dr.Msg, h3) {
		t.Fatalf("SendDelayTransaction: %v %v", dr, err)
	}
	waitGRPCTx(t, c, h3)

	qr, err := c.QueryConsensus(ctx, &types.ChainExecutor{Driver: "qbft", FuncName: "IsHealthy"})
	var healthy types.QbftIsHealthy
	if err != nil || proto.Unmarshal(qr.Msg, &healthy) != nil || !healthy.IsHealthy {
		t.Fatalf("QueryConsensus IsHealthy: %v %v", qr, err)
	}
	qr, err = c.QueryConsensus(ctx, &types.ChainExecutor{Driver: "qbft", FuncName: "NodeInfo"})
	var nodes types.QbftNodeInfoSet
	if err != nil || proto.Unmarshal(qr.Msg, &nodes) != nil || len(nodes.Nodes) != 1 {
		t.Fatalf("QueryConsensus NodeInfo: %v %v", qr, err)
	}
	if _, err := c.QueryConsensus(ctx, &types.ChainExecutor{Driver: "qbft", FuncName: "Nope"}); err == nil ||
		!strings.Contains(err.Error(), "ErrActionNotSupport") {
		t.Errorf("unknown consensus query: %v", err)
	}
}
