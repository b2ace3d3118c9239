package rpc_test

import (
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"chain33node/crypto"
	"chain33node/types"
)

const superKeyHex = "CC38546E9E659D15E6B4893F0AB32A06D103931A8230B0BDE71459D2B27D6944"

var superKey = func() *crypto.PrivKey {
	b, _ := hex.DecodeString(superKeyHex)
	k, err := crypto.PrivKeyFromBytes(b)
	if err != nil {
		panic(err)
	}
	return k
}()

func newAddr(t testing.TB) (*crypto.PrivKey, string) {
	k, err := crypto.GeneratePrivKey()
	if err != nil {
		t.Fatal(err)
	}
	return k, crypto.PubKeyToAddr(k.PubKey())
}

func headerText(h *types.Header) string {
	return fmt.Sprintf(`{"version":%d,"parentHash":"0x%x","txHash":"0x%x","stateHash":"0x%x","height":%d,"blockTime":%d,"txCount":%d,"hash":"0x%x","difficulty":%d}`,
		h.Version, h.ParentHash, h.TxHash, h.StateHash, h.Height, h.BlockTime, h.TxCount, h.Hash, h.Difficulty)
}

// The raw curl exchanges of the transcript (§6), with this run's values.
func TestTranscriptExchanges(t *testing.T) {
	// GetLastHeader
	_, body := post(t, "/", `{"jsonrpc":"2.0","id":1,"method":"Chain33.GetLastHeader","params":[]}`)
	var r response
	if err := json.Unmarshal([]byte(body), &r); err != nil {
		t.Fatal(err)
	}
	var hh struct{ Height int64 }
	json.Unmarshal(r.Result, &hh)
	h, err := testNode.Chain().Header(hh.Height)
	if err != nil {
		t.Fatal(err)
	}
	if want := `{"id":1,"result":` + headerText(h) + `,"error":null}` + "\n"; body != want {
		t.Errorf("GetLastHeader:\n got %s\nwant %s", body, want)
	}
	if h.Difficulty != 0x1f00ffff {
		t.Errorf("difficulty %d", h.Difficulty)
	}

	// GetHeaders
	_, body = post(t, "/", `{"jsonrpc":"2.0","id":2,"method":"Chain33.GetHeaders","params":[{"start":0,"end":1,"isDetail":false}]}`)
	h0, _ := testNode.Chain().Header(0)
	h1, _ := testNode.Chain().Header(1)
	if want := `{"id":2,"result":{"items":[` + headerText(h0) + `,` + headerText(h1) + `]},"error":null}` + "\n"; body != want {
		t.Errorf("GetHeaders:\n got %s\nwant %s", body, want)
	}

	exact := []struct{ req, want string }{
		{`{"jsonrpc":"2.0","id":3,"method":"Chain33.QueryTransaction","params":[{"hash":"0x0000000000000000000000000000000000000000000000000000000000000000"}]}`,
			`{"id":3,"result":null,"error":"tx not exist"}`},
		{`{"jsonrpc":"2.0","id":4,"method":"Chain33.SendTransaction","params":[{"data":"00ff"}]}`,
			`{"id":4,"result":null,"error":"proto: cannot parse invalid wire-format data"}`},
		{`{"jsonrpc":"2.0","id":5,"method":"Chain33.IsSync","params":[]}`,
			`{"id":5,"result":true,"error":null}`},
		{`{"jsonrpc":"2.0","id":7,"method":"Chain33.GetBalance","params":[{"addresses":["12qyocayNF7Lv6C9qW4avxs2E7U41fKSfv"],"execer":"coins"}]}`,
			`{"id":7,"result":[{"currency":0,"balance":0,"frozen":0,"addr":"12qyocayNF7Lv6C9qW4avxs2E7U41fKSfv"}],"error":null}`},
		{`{"jsonrpc":"2.0","id":8,"method":"Chain33.Query","params":[{"execer":"manage","funcName":"GetConfigItem","payload":{"data":"no-such-key"}}]}`,
			`{"id":8,"result":{"key":"no-such-key","value":""},"error":null}`},
		{`{"jsonrpc":"2.0","id":9,"method":"Chain33.GetMempool","params":[{}]}`,
			`{"id":9,"result":{"txs":null},"error":null}`},
		{`{"jsonrpc":"2.0","id":10,"method":"Chain33.NoSuchMethod","params":[]}`,
			`{"id":10,"result":null,"error":"rpc: can't find method Chain33.NoSuchMethod"}`},
	}
	for _, c := range exact {
		status, body := post(t, "/", c.req)
		if status != 200 || body != c.want+"\n" {
			t.Errorf("%s:\n got %d %s\nwant 200 %s", c.req, status, body, c.want)
		}
	}

	// GetPeerInfo: our own entry, in the reference's shape.
	res := mustCall(t, "Chain33.GetPeerInfo", map[string]any{})
	var pl struct{ Peers []json.RawMessage }
	json.Unmarshal(res, &pl)
	if len(pl.Peers) != 1 {
		t.Fatalf("peers: %s", res)
	}
	wantKeys(t, "peer", pl.Peers[0], "addr", "port", "name", "mempoolSize", "self", "header", "finalized")
	if !strings.Contains(string(pl.Peers[0]), `"self":true`) || !strings.Contains(string(pl.Peers[0]), `"difficulty":0},"finalized":{"height":0,"hash":""}`) {
		t.Errorf("peer: %s", pl.Peers[0])
	}
}

// A transfer encoded and signed in the test from the spec's rules alone is
// accepted, committed and shown as the reference shows it.
func TestTransferSignedOutside(t *testing.T) {
	_, to := newAddr(t)
	expire := time.Now().Unix() + 600
	tx := &rawTx{execer: "coins", payload: transferPayload(to, 1e8), fee: 100000, expire: expire, nonce: 1234567, to: to}
	signed, wantHash := signTx(tx, superKey)

	for _, data := range []string{hex.EncodeToString(signed), "0x" + hex.EncodeToString(signed)} {
		res, e := call(t, "Chain33.SendTransaction", map[string]string{"data": data})
		if data[:2] == "0x" {
			if e != "ErrDupTx" {
				t.Errorf("second send: %s %s", res, e)
			}
			continue
		}
		if e != "" || string(res) != `"`+wantHash+`"` {
			t.Fatalf("SendTransaction: %s %q, want %s", res, e, wantHash)
		}
	}
	// Pending: the mempool lists it with its amount.
	if res := mustCall(t, "Chain33.GetMempool", map[string]any{}); strings.Contains(string(res), wantHash) &&
		!strings.Contains(string(res), `"amount":100000000,"amountfmt":"1.0000"`) {
		t.Errorf("mempool: %s", res)
	}

	detail := waitTx(t, wantHash)
	wantKeys(t, "detail", detail, "tx", "receipt", "proofs", "height", "index", "blockTime", "amount", "fromAddr", "actionName", "assets", "txProofs", "fullHash")
	from := crypto.PubKeyToAddr(superKey.PubKey())
	wantTx := fmt.Sprintf(`{"execer":"coins","payload":{"transfer":{"cointoken":"","amount":"100000000","note":null,"to":"%s"},"ty":1},`+
		`"rawPayload":"0x%x","signature":{"ty":1,"pubkey":"0x%x","signature":"0x%x"},"fee":100000,"feefmt":"0.0010","expire":%d,`+
		`"nonce":1234567,"from":"%s","to":"%s","amount":100000000,"amountfmt":"1.0000","hash":"%s"}`,
		to, tx.payload, superKey.PubKey(), tx.sig, expire, from, to, wantHash)
	if got := string(member(t, detail, "tx")); got != wantTx {
		t.Errorf("tx:\n got %s\nwant %s", got, wantTx)
	}
	var d struct {
		Receipt struct {
			Ty     int32
			TyName string
			Logs   []struct {
				Ty     int32
				TyName string
				Log    json.RawMessage
				RawLog string
			}
		}
		Height, Index, Amount int64
		FromAddr, ActionName  string
		Assets                []map[string]any
		TxProofs              []struct {
			Proofs   []string
			Index    uint32
			RootHash string
		}
		FullHash string
		Proofs   []string
	}
	if err := json.Unmarshal(detail, &d); err != nil {
		t.Fatal(err)
	}
	if d.Receipt.Ty != 2 || d.Receipt.TyName != "ExecOk" || len(d.Receipt.Logs) != 3 || d.Receipt.Logs[0].TyName != "LogFee" ||
		d.Receipt.Logs[1].TyName != "LogTransfer" || !strings.HasPrefix(d.Receipt.Logs[0].RawLog, "0x") {
		t.Errorf("receipt: %s", member(t, detail, "receipt"))
	}
	wantKeys(t, "LogFee", d.Receipt.Logs[0].Log, "prev", "current")
	if !strings.Contains(string(d.Receipt.Logs[2].Log), `"balance":"100000000","frozen":"0","addr":"`+to+`"`) {
		t.Errorf("transfer log: %s", d.Receipt.Logs[2].Log)
	}
	if d.Amount != 1e8 || d.FromAddr != from || d.ActionName != "transfer" || d.Proofs != nil || len(d.TxProofs) != 1 ||
		d.TxProofs[0].RootHash != "" || d.TxProofs[0].Index != uint32(d.Index) || !strings.HasPrefix(d.FullHash, "0x") {
		t.Errorf("detail: %s", detail)
	}
	if a, _ := json.Marshal(d.Assets); string(a) != `[{"amount":100000000,"exec":"coins","symbol":"BTY"}]` {
		t.Errorf("assets: %s", a)
	}

	// The same tx by other routes.
	res := mustCall(t, "Chain33.GetTxByHashes", map[string]any{"hashes": []string{wantHash, "zz", "0x00"}, "disableDetail": true})
	var byHashes struct{ Txs []json.RawMessage }
	json.Unmarshal(res, &byHashes)
	if len(byHashes.Txs) != 3 || string(byHashes.Txs[1]) != "null" || string(byHashes.Txs[2]) != "null" ||
		string(member(t, byHashes.Txs[0], "receipt")) != `{"ty":2,"tyName":"ExecOk","logs":null}` {
		t.Errorf("GetTxByHashes: %s", res)
	}
	if res := mustCall(t, "Chain33.GetHexTxByHash", map[string]string{"hash": wantHash}); string(res) != `"0x`+hex.EncodeToString(signed)+`"` {
		t.Errorf("GetHexTxByHash: %s", res)
	}
	dec := mustCall(t, "Chain33.DecodeRawTransaction", map[string]string{"txHex": hex.EncodeToString(signed)})
	var txs struct{ Txs []json.RawMessage }
	json.Unmarshal(dec, &txs)
	wantDecoded := strings.Replace(wantTx, `"amount":100000000,"amountfmt":"1.0000",`, "", 1)
	if len(txs.Txs) != 1 || string(txs.Txs[0]) != wantDecoded {
		t.Errorf("DecodeRawTransaction:\n got %s\nwant {\"txs\":[%s]}", dec, wantDecoded)
	}
	if res := mustCall(t, "Chain33.GetBalance", map[string]any{"addresses": []string{to}, "execer": "coins"}); string(res) != `[{"currency":0,"balance":100000000,"frozen":0,"addr":"`+to+`"}]` {
		t.Errorf("GetBalance: %s", res)
	}
	if res := mustCall(t, "Chain33.GetAllExecBalance", map[string]any{"addr": to}); string(res) != `{"addr":"`+to+`","execAccount":[{"execer":"coins","account":{"currency":0,"balance":100000000,"frozen":0,"addr":""}}]}` {
		t.Errorf("GetAllExecBalance: %s", res)
	}
	_, empty := newAddr(t)
	if res := mustCall(t, "Chain33.GetAllExecBalance", map[string]any{"addr": empty}); string(res) != `{"addr":"`+empty+`","execAccount":null}` {
		t.Errorf("GetAllExecBalance of an empty account: %s", res)
	}

	// The block holding it, with and without receipts ("recipts").
	res = mustCall(t, "Chain33.GetBlocks", map[string]any{"start": d.Height, "end": d.Height, "isDetail": true})
	var blocks struct {
		Items []struct {
			Block   json.RawMessage
			Recipts []json.RawMessage
		}
	}
	json.Unmarshal(res, &blocks)
	if len(blocks.Items) != 1 || len(blocks.Items[0].Recipts) == 0 || !strings.Contains(string(res), wantHash) {
		t.Fatalf("GetBlocks detail: %s", res)
	}
	wantKeys(t, "block", blocks.Items[0].Block, "version", "parentHash", "txHash", "stateHash", "height", "blockTime", "txs", "difficulty")
	wantKeys(t, "block item", member(t, res, "items")[1:len(member(t, res, "items"))-1], "block", "recipts")
	res = mustCall(t, "Chain33.GetBlocks", map[string]any{"start": d.Height, "end": d.Height})
	if !strings.HasSuffix(string(res), `,"recipts":null}]}`) {
		t.Errorf("GetBlocks without detail: %s", res)
	}
	hdr, _ := testNode.Chain().Header(d.Height)
	if res := mustCall(t, "Chain33.GetBlockHash", map[string]int64{"height": d.Height}); string(res) != fmt.Sprintf(`{"hash":"0x%x"}`, hdr.Hash) {
		t.Errorf("GetBlockHash: %s", res)
	}
}

// The CLI's three-step flow: create (node builds the tx), sign (node signs
// with a given key), send.
func TestCreateSignSend(t *testing.T) {
	_, manager := newAddr(t)
	raw := mustCall(t, "Chain33.CreateTransaction", map[string]any{"execer": "manage", "actionName": "Modify",
		"payload": map[string]string{"key": "qbft-manager", "value": manager, "op": "add", "addr": ""}})
	var unsigned string
	json.Unmarshal(raw, &unsigned)
	if !strings.HasPrefix(unsigned, "0x0a066d616e61676512") {
		t.Fatalf("CreateTransaction: %s", raw)
	}
	dec := mustCall(t, "Chain33.DecodeRawTransaction", map[string]string{"txHex": unsigned})
	if !strings.Contains(string(dec), `"payload":{"modify":{"key":"qbft-manager","value":"`+manager+`","op":"add","addr":""},"Ty":0}`) ||
		!strings.Contains(string(dec), `"signature":{"ty":0,"pubkey":"","signature":""},"fee":100000,"feefmt":"0.0010","expire":0,`) ||
		!strings.Contains(string(dec), `"to":"1Q4NhureJxKNBf71d26B9J3fBQoQcfmez2"`) {
		t.Errorf("decoded create: %s", dec)
	}
	before := time.Now().Unix()
	signedRes := mustCall(t, "Chain33.SignRawTx", map[string]any{"privkey": "0x" + superKeyHex, "txHex": unsigned, "expire": "120s", "fee": 0})
	var signed string
	json.Unmarshal(signedRes, &signed)
	if strings.HasPrefix(signed, "0x") || !strings.HasPrefix(signed, "0a066d616e61676512") {
		t.Fatalf("SignRawTx: %s", signedRes)
	}
	var sd struct{ Txs []struct{ Expire, Fee int64 } }
	json.Unmarshal(mustCall(t, "Chain33.DecodeRawTransaction", map[string]string{"txHex": signed}), &sd)
	if e := sd.Txs[0].Expire; e < before+120 || e > time.Now().Unix()+120 || sd.Txs[0].Fee != 100000 {
		t.Errorf("signed: expire %d (now %d), fee %d", e, before, sd.Txs[0].Fee)
	}
	hash := mustCall(t, "Chain33.SendTransaction", map[string]string{"data": signed})
	var h string
	json.Unmarshal(hash, &h)
	detail := waitTx(t, h)
	if !strings.Contains(string(member(t, detail, "receipt")), `"tyName":"ExecOk"`) || !strings.Contains(string(detail), `"actionName":"modify"`) {
		t.Fatalf("config tx: %s", detail)
	}
	if _, body := post(t, "/", `{"id":8,"method":"Chain33.Query","params":[{"execer":"manage","funcName":"GetConfigItem","payload":{"data":"qbft-manager"}}]}`); !strings.HasPrefix(body, `{"id":8,"result":{"key":"qbft-manager","value":"[`) ||
		!strings.HasSuffix(body, manager+`]"},"error":null}`+"\n") { // earlier runs (-count) added others before

		t.Errorf("GetConfigItem: %s", body)
	}

	// CreateRawTransaction (fee 0 ⇒ proper fee), signed with a bare hex key.
	_, to := newAddr(t)
	raw = mustCall(t, "Chain33.CreateRawTransaction", map[string]any{"to": to, "amount": int64(5e7), "note": "hi"})
	json.Unmarshal(raw, &unsigned)
	dec = mustCall(t, "Chain33.DecodeRawTransaction", map[string]string{"txHex": unsigned})
	if !strings.HasPrefix(unsigned, "0x0a05636f696e7312") || !strings.Contains(string(dec), `"rawPayload":"0x18010a`) ||
		!strings.Contains(string(dec), `"payload":{"transfer":{"cointoken":"","amount":"50000000","note":"hi","to":"`+to+`"},"ty":1}`) ||
		!strings.Contains(string(dec), `"fee":100000,`) {
		t.Errorf("CreateRawTransaction: %s %s", unsigned, dec)
	}
	signedRes = mustCall(t, "Chain33.SignRawTx", map[string]any{"privkey": strings.ToLower(superKeyHex), "txHex": unsigned, "expire": "1000000"})
	json.Unmarshal(signedRes, &signed)
	json.Unmarshal(mustCall(t, "Chain33.SendTransaction", map[string]string{"data": signed}), &h)
	if d := waitTx(t, h); !strings.Contains(string(member(t, d, "receipt")), `"tyName":"ExecOk"`) || !strings.Contains(string(member(t, d, "tx")), `"expire":1000000,`) {
		t.Errorf("raw transfer: %s", d)
	}

	// qbftNode NodeUpdate: built with the Ty first, as the reference.
	pub := strings.Repeat("AB", 48)
	raw = mustCall(t, "Chain33.CreateTransaction", map[string]any{"execer": "qbftNode", "actionName": "NodeUpdate", "payload": map[string]any{"pubKey": pub, "power": 10}})
	json.Unmarshal(raw, &unsigned)
	dec = mustCall(t, "Chain33.DecodeRawTransaction", map[string]string{"txHex": unsigned})
	if !strings.Contains(string(dec), `"payload":{"node":{"pubKey":"`+pub+`","power":"10"},"Ty":1},"rawPayload":"0x18010a64`) ||
		!strings.Contains(string(dec), `"to":"1LSkmQRZiFDeL6YSKTbYDadhyfNFQZznHT"`) {
		t.Errorf("NodeUpdate: %s", dec)
	}
}

func TestCreateErrors(t *testing.T) {
	for _, c := range []struct {
		method string
		param  any
		want   string
	}{
		{"Chain33.CreateTransaction", map[string]any{"execer": "manage", "actionName": "Apply", "payload": map[string]any{}}, "ErrNotSupport"},
		{"Chain33.CreateTransaction", map[string]any{"execer": "qbftNode", "actionName": "BlockInfo", "payload": map[string]any{}}, "ErrNotSupport"},
		{"Chain33.CreateTransaction", map[string]any{"execer": "coins", "actionName": "Withdraw", "payload": map[string]any{}}, "ErrActionNotSupport"},
		{"Chain33.CreateTransaction", map[string]any{"execer": "token", "actionName": "Transfer", "payload": map[string]any{}}, "ErrExecNotFound"},
		{"Chain33.CreateTransaction", map[string]any{"execer": "qbftNode", "actionName": "NodeUpdate", "payload": map[string]any{"power": "x"}}, "ErrInvalidParam"},
		{"Chain33.CreateTransaction", map[string]any{"execer": "manage", "actionName": "Modify"}, "ErrInvalidParam"},
		{"Chain33.CreateTransaction", map[string]any{"execer": "coins", "actionName": "Transfer", "payload": map[string]any{"to": "1abc", "amount": 1}}, "ErrInvalidAddress"},
		{"Chain33.CreateRawTransaction", map[string]any{"to": "1abc", "amount": 1}, "ErrInvalidAddress"},
		{"Chain33.CreateRawTransaction", map[string]any{"amount": -1}, "ErrAmount"},
		{"Chain33.CreateRawTransaction", map[string]any{"isToken": true, "amount": 1}, "ErrExecNotFound"},
		{"Chain33.SignRawTx", map[string]any{"txHex": "0a05636f696e73", "expire": "120s"}, "ErrNoPrivKeyOrAddr"},
		{"Chain33.SignRawTx", map[string]any{"privkey": "0x1234", "txHex": "0a05636f696e73", "expire": "120s"}, "invalid priv key byte"},
		{"Chain33.SignRawTx", map[string]any{"privkey": "zz", "txHex": "0a05636f696e73", "expire": "120s"}, "encoding/hex: invalid byte: U+007A 'z'"},
		{"Chain33.SignRawTx", map[string]any{"privkey": superKeyHex, "txHex": "0a05636f696e73"}, "ErrInvalidParam"},
		{"Chain33.SignRawTx", map[string]any{"privkey": superKeyHex, "txHex": "0a05636f696e73", "expire": "H:100"}, "ErrInvalidParam"},
		{"Chain33.SignRawTx", map[string]any{"privkey": superKeyHex, "txHex": "0a05636f696e73", "expire": "soon"}, `time: invalid duration "soon"`},
		{"Chain33.SignRawTx", map[string]any{"privkey": superKeyHex, "txHex": "00ff", "expire": "120s"}, "proto: cannot parse invalid wire-format data"},
		{"Chain33.SendTransaction", map[string]any{"data": "0xzz"}, "encoding/hex: invalid byte: U+007A 'z'"},
		{"Chain33.QueryTransaction", map[string]any{"hash": "0x12"}, "tx not exist"},
		{"Chain33.GetBalance", map[string]any{"addresses": []string{"14KEKbYtKKQm4wMthSK9J4La4nAiidGozt", "bad"}, "execer": "coins"}, "ErrInvalidAddress"},
		{"Chain33.GetAllExecBalance", map[string]any{"addr": ""}, "ErrInvalidAddress"},
		{"Chain33.GetBlockHash", map[string]any{"height": -1}, "ErrInvalidParam"},
		{"Chain33.GetBlockHash", map[string]any{"height": 1 << 40}, "ErrInvalidParam"},
		{"Chain33.GetHeaders", map[string]any{"start": 2, "end": 1}, "ErrEndLessThanStartHeight"},
		{"Chain33.GetHeaders", map[string]any{"start": 1 << 40, "end": 1 << 41}, "ErrStartHeight"},
		{"Chain33.GetBlocks", map[string]any{"start": 1 << 40, "end": 1}, "ErrStartHeight"},
		{"Chain33.GetBlocks", map[string]any{"start": -1, "end": 0}, "ErrInvalidParam"},
		{"Chain33.Query", map[string]any{"execer": "qbftNode", "funcName": "GetQbftNodeByHeight", "payload": map[string]any{"height": 0}}, "ErrInvalidParam"},
		{"Chain33.Query", map[string]any{"execer": "qbftNode", "funcName": "GetQbftNodeByHeight", "payload": map[string]any{"height": 1}}, "ErrNotFound"},
		{"Chain33.Query", map[string]any{"execer": "qbftNode", "funcName": "GetBlockInfoByHeight", "payload": map[string]any{"height": 1 << 40}}, "ErrNotFound"},
		{"Chain33.Query", map[string]any{"execer": "qbftNode", "funcName": "GetPerfStat", "payload": map[string]any{"start": 5, "end": 0}}, "ErrInvalidParam"},
		{"Chain33.Query", map[string]any{"execer": "qbftNode", "funcName": "Nope"}, "ErrActionNotSupport"},
		{"Chain33.Query", map[string]any{"execer": "coins", "funcName": "Nope"}, "ErrActionNotSupport"},
		{"Chain33.Query", map[string]any{"execer": "coins", "funcName": "GetTxsByAddr"}, "ErrInvalidParam"},
		{"Chain33.Query", map[string]any{"execer": "nosuch", "funcName": "X"}, "ErrNotSupport"},
	} {
		if res, e := call(t, c.method, c.param); e != c.want {
			t.Errorf("%s %v: got %s %q, want %q", c.method, c.param, res, e, c.want)
		}
	}
}

// SignRawTx's fee: never below the size-based minimum of the signed tx; a
// higher requested fee is kept.
func TestSignRawTxFee(t *testing.T) {
	_, to := newAddr(t)
	big := strings.Repeat("n", 2500) // a note that makes the tx ~2.6 kB
	raw := mustCall(t, "Chain33.CreateRawTransaction", map[string]any{"to": to, "amount": 1, "note": big, "fee": 1})
	var unsigned, signed string
	json.Unmarshal(raw, &unsigned)
	for _, c := range []struct {
		fee, want int64
	}{{0, 300000}, {1, 300000}, {777777, 777777}} {
		json.Unmarshal(mustCall(t, "Chain33.SignRawTx", map[string]any{"privkey": superKeyHex, "txHex": unsigned, "expire": "0s", "fee": c.fee}), &signed)
		b, _ := hex.DecodeString(signed)
		dec, err := types.DecodeTx(b)
		if err != nil {
			t.Fatal(err)
		}
		if dec.Fee != c.want || dec.Fee < types.MinFee(dec.Size, 100000) || dec.Expire != 0 || !types.VerifySignature(dec.Transaction) {
			t.Errorf("fee %d: signed fee %d size %d expire %d", c.fee, dec.Fee, dec.Size, dec.Expire)
		}
	}
}

func TestQueries(t *testing.T) {
	st := mustCall(t, "Chain33.Query", map[string]any{"execer": "qbftNode", "funcName": "GetCurrentState", "payload": map[string]any{}})
	wantKeys(t, "QbftState", st, "chainID", "lastBlockHeight", "lastBlockTotalTx", "lastBlockID", "lastBlockTime", "validators",
		"lastValidators", "lastHeightValidatorsChanged", "consensusParams", "lastHeightConsensusParamsChanged", "lastResultsHash",
		"appHash", "sequence", "lastSequence", "lastCommitRound")
	if !strings.Contains(string(st), `"consensusParams":{"blockSize":{"maxBytes":22020096,"maxTxs":100000,"maxGas":"-1"}`) {
		t.Errorf("state: %s", st)
	}
	ps := mustCall(t, "Chain33.Query", map[string]any{"execer": "qbftNode", "funcName": "GetPerfStat", "payload": map[string]any{"start": 1, "end": 2}})
	h1, _ := testNode.Chain().Header(1)
	h2, _ := testNode.Chain().Header(2)
	t1, _ := testNode.Chain().TotalTxs(1)
	t2, _ := testNode.Chain().TotalTxs(2)
	total, secs := t2-t1+h1.TxCount, h2.BlockTime-h1.BlockTime+1
	if want := fmt.Sprintf(`{"totalTx":"%d","totalBlock":"2","txPerBlock":"%d","totalSecond":"%d","txPerSecond":"%d"}`, total, total/2, secs, total/secs); string(ps) != want {
		t.Errorf("GetPerfStat: %s, want %s", ps, want)
	}
	ps = mustCall(t, "Chain33.Query", map[string]any{"execer": "qbftNode", "funcName": "GetPerfStat"})
	wantKeys(t, "perf", ps, "totalTx", "totalBlock", "txPerBlock", "totalSecond", "txPerSecond")

	ni := mustCall(t, "qbftNode.GetNodeInfo", nil)
	var nodes struct{ Nodes []json.RawMessage }
	json.Unmarshal(ni, &nodes)
	if len(nodes.Nodes) != 1 {
		t.Fatalf("GetNodeInfo: %s", ni)
	}
	k := keys(t, nodes.Nodes[0])
	if strings.Join(k[:5], ",") != "nodeIP,nodeID,address,pubKey,votingPower" || !strings.Contains(string(nodes.Nodes[0]), `"votingPower":10`) {
		t.Errorf("node info: %s", nodes.Nodes[0])
	}
	if res := mustCall(t, "qbftNode.IsSync", nil); string(res) != "true" && string(res) != "false" {
		t.Errorf("qbftNode.IsSync: %s", res)
	}
}

func TestMiscMethods(t *testing.T) {
	exact := map[string]string{
		"Chain33.GetChainConfig":  `{"title":"local","coinExec":"coins","coinSymbol":"bty","coinPrecision":100000000,"tokenPrecision":100000000,"maxTxFee":1000000000,"minTxFeeRate":100000,"maxTxFeeRate":10000000,"defaultAddressID":0}`,
		"Chain33.IsNtpClockSync":  `true`,
		"Chain33.GetFatalFailure": `0`,
		"Chain33.GetProperFee":    `{"properFee":100000}`,
		"Chain33.GetLastMemPool":  `{"txs":null}`,
		"Chain33.GetCoinSymbol":   `{"data":"bty"}`,
		"Chain33.GetChainID":      `{"chainID":0}`,
		"Chain33.Version":         `{"title":"local","app":"0.1.0","chain33":"1.69.0","localDb":"2.0.0"}`,
	}
	for m, want := range exact {
		if res := mustCall(t, m, nil); string(res) != want {
			t.Errorf("%s: %s, want %s", m, res, want)
		}
	}
	if res := mustCall(t, "Chain33.ConvertExectoAddr", map[string]string{"execname": "coins"}); string(res) != `"1GaHYpWmqAJsqRwrpoNcB8VvgKtSwjcHqt"` {
		t.Errorf("ConvertExectoAddr: %s", res)
	}
	wantKeys(t, "net info", mustCall(t, "Chain33.GetNetInfo", map[string]any{}), "externalAddr", "localAddr", "service", "outbounds",
		"inbounds", "routingtable", "peerstore", "ratein", "rateout", "ratetotal")
	ts := mustCall(t, "Chain33.GetTimeStatus", nil)
	wantKeys(t, "time status", ts, "ntpTime", "localTime", "diff")
	var tsv struct {
		NtpTime, LocalTime string
		Diff               int64
	}
	json.Unmarshal(ts, &tsv)
	local, err := time.ParseInLocation("2006-01-02 15:04:05", tsv.LocalTime, time.Local)
	if err != nil {
		t.Errorf("localTime %q: %v", tsv.LocalTime, err)
	}
	// The test node asks its NTP server (ntpHosts), whose clock is ntpSkew ahead.
	ntp, err := time.ParseInLocation("2006-01-02 15:04:05", tsv.NtpTime, time.Local)
	if err != nil || (ntp.Sub(local)-ntpSkew).Abs() > 2*time.Second || (tsv.Diff+int64(ntpSkew/time.Second)) > 1 ||
		(tsv.Diff+int64(ntpSkew/time.Second)) < -1 {
		t.Errorf("time status %s: want the NTP time %v ahead and diff -%d", ts, ntpSkew, int64(ntpSkew/time.Second))
	}
	// Zero-valued params ([] and [null]) are accepted as the reference's.
	for _, p := range []string{`[]`, `[null]`, `[{}]`, `[{}, 5, "extra"]`} {
		_, body := post(t, "/", `{"id":0,"method":"Chain33.GetProperFee","params":`+p+`}`)
		if body != `{"id":0,"result":{"properFee":100000},"error":null}`+"\n" {
			t.Errorf("params %s: %s", p, body)
		}
	}
	res := mustCall(t, "Chain33.GetBlocks", map[string]any{"start": 0, "end": 1 << 40})
	var b struct{ Items []json.RawMessage }
	json.Unmarshal(res, &b)
	if h := testNode.Chain().HeadInfo().Height; int64(len(b.Items)) < 2 || int64(len(b.Items)) > h+1 {
		t.Errorf("GetBlocks 0..∞: %d items at height %d", len(b.Items), h)
	}
}

// GetBlockInfoByHeight (qbft info -t H) shows the block's certificate as the
// reference's aggregate vote: the single validator's bit is set.
func TestQueryBlockInfo(t *testing.T) {
	res := mustCall(t, "Chain33.Query", map[string]any{"execer": "qbftNode", "funcName": "GetBlockInfoByHeight", "payload": map[string]any{"height": 1}})
	var info struct {
		Block struct {
			Header struct {
				Height string `json:"height"`
			} `json:"header"`
			LastCommit struct {
				AggVote struct {
					ValidatorArray struct {
						Bits  int      `json:"bits"`
						Elems []string `json:"elems"`
					} `json:"validatorArray"`
					Type      int    `json:"type"`
					Signature string `json:"signature"`
				} `json:"aggVote"`
			} `json:"lastCommit"`
		} `json:"block"`
	}
	if err := json.Unmarshal(res, &info); err != nil {
		t.Fatal(err)
	}
	av := info.Block.LastCommit.AggVote
	if info.Block.Header.Height != "1" || av.ValidatorArray.Bits != 1 || len(av.ValidatorArray.Elems) != 1 ||
		av.ValidatorArray.Elems[0] != "1" || av.Type != 2 || len(av.Signature) != 2+2*96 {
		t.Fatalf("block info:\n%s", res)
	}
}

// qbftNode.GetEvidence lists equivocations; an honest single validator has none.
func TestGetEvidence(t *testing.T) {
	if res := mustCall(t, "qbftNode.GetEvidence", nil); string(res) != "[]" {
		t.Fatalf("evidence %s", res)
	}
}
