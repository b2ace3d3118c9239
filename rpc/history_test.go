package rpc_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"chain33node/crypto"
	"chain33node/poll"
	"chain33node/types"

	"google.golang.org/grpc/codes"
	"google.golang.org/protobuf/proto"
)

// The history, sequence and push methods against the result shapes derived
// from the reference (testdata/history_shapes.json) and against values
// computed here from the chain itself.

type shapeSpec struct {
	Source string          `json:"source"`
	Result json.RawMessage `json:"result"`
}

func loadShapes(t *testing.T) map[string]shapeSpec {
	t.Helper()
	return loadShapesFrom(t, "testdata/history_shapes.json")
}

// loadShapesFrom reads a file of result shapes derived from the reference.
func loadShapesFrom(t *testing.T, file string) map[string]shapeSpec {
	t.Helper()
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]json.RawMessage
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	out := map[string]shapeSpec{}
	for k, v := range m {
		if strings.HasPrefix(k, "_") {
			continue
		}
		var s shapeSpec
		if err := json.Unmarshal(v, &s); err != nil {
			t.Fatalf("%s: %v", k, err)
		}
		out[k] = s
	}
	return out
}

// shape describes a JSON value: its type and, for an object, its members
// in order; for an array, its first element's shape.
func shape(t *testing.T, raw json.RawMessage) string {
	t.Helper()
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 {
		return "?"
	}
	switch raw[0] {
	case '{':
		var parts []string
		for _, k := range keys(t, raw) {
			parts = append(parts, k+":"+shape(t, member(t, raw, k)))
		}
		return "{" + strings.Join(parts, ",") + "}"
	case '[':
		var items []json.RawMessage
		if err := json.Unmarshal(raw, &items); err != nil {
			t.Fatal(err)
		}
		if len(items) == 0 {
			return "[]"
		}
		return "[" + shape(t, items[0]) + "]"
	case '"':
		return "string"
	case 'n':
		return "null"
	case 't', 'f':
		return "bool"
	}
	return "number"
}

// wantShape checks a result against the reference's shape of a method. An
// empty array on either side matches any array.
func wantShape(t *testing.T, shapes map[string]shapeSpec, method string, got json.RawMessage) {
	t.Helper()
	spec, ok := shapes[method]
	if !ok {
		t.Fatalf("no reference shape for %s", method)
	}
	g, w := shape(t, got), shape(t, spec.Result)
	if strings.ReplaceAll(g, "[]", "") != strings.ReplaceAll(w, "[]", "") && !emptyArraysMatch(g, w) {
		t.Errorf("%s: shape\n got %s\nwant %s (%s)\nin %s", method, g, w, spec.Source, got)
	}
}

// emptyArraysMatch compares shapes where "[]" stands for any array.
func emptyArraysMatch(g, w string) bool {
	for len(g) > 0 && len(w) > 0 {
		switch {
		case strings.HasPrefix(g, "[]") && w[0] == '[':
			g, w = g[2:], skipArray(w)
		case strings.HasPrefix(w, "[]") && g[0] == '[':
			w, g = w[2:], skipArray(g)
		case g[0] == w[0]:
			g, w = g[1:], w[1:]
		default:
			return false
		}
	}
	return g == w
}

func skipArray(s string) string {
	depth := 0
	for i, c := range s {
		switch c {
		case '[':
			depth++
		case ']':
			if depth--; depth == 0 {
				return s[i+1:]
			}
		}
	}
	return ""
}

// sendTransfer sends amount from superKey to to and waits until it commits;
// it returns the tx hash and the detail.
func sendTransfer(t *testing.T, to string, amount int64) (string, json.RawMessage) {
	t.Helper()
	tx := &rawTx{execer: "coins", payload: transferPayload(to, amount), fee: 100000, nonce: rand.Int64(), to: to}
	signed, hash := signTx(tx, superKey)
	mustCall(t, "Chain33.SendTransaction", map[string]string{"data": hex.EncodeToString(signed)})
	return hash, waitTx(t, hash)
}

type txPos struct {
	Height, Index int64
}

func TestHistoryMethods(t *testing.T) {
	shapes := loadShapes(t)
	_, to := newAddr(t)
	h1, d1 := sendTransfer(t, to, 3e8)
	h2, d2 := sendTransfer(t, to, 2e8)
	var p1, p2 txPos
	json.Unmarshal(d1, &p1)
	json.Unmarshal(d2, &p2)

	// GetTxByAddr, newest first, with the reference's values.
	res := mustCall(t, "Chain33.GetTxByAddr", map[string]any{"addr": to, "count": 10, "direction": 0, "height": -1})
	wantShape(t, shapes, "Chain33.GetTxByAddr", res)
	want := fmt.Sprintf(`{"txInfos":[{"hash":"%s","height":%d,"index":%d,"assets":[{"exec":"coins","symbol":"BTY","amount":200000000}]},`+
		`{"hash":"%s","height":%d,"index":%d,"assets":[{"exec":"coins","symbol":"BTY","amount":300000000}]}]}`,
		h2, p2.Height, p2.Index, h1, p1.Height, p1.Index)
	if string(res) != want {
		t.Errorf("GetTxByAddr:\n got %s\nwant %s", res, want)
	}
	// The page after the newest, oldest first, and the sender's side.
	res = mustCall(t, "Chain33.GetTxByAddr", map[string]any{"addr": to, "count": 1, "direction": 1, "height": p1.Height, "index": p1.Index})
	if !strings.Contains(string(res), h2) || strings.Contains(string(res), h1) {
		t.Errorf("GetTxByAddr after the first: %s", res)
	}
	from := crypto.PubKeyToAddr(superKey.PubKey())
	res = mustCall(t, "Chain33.GetTxByAddr", map[string]any{"addr": from, "flag": 1, "count": 2, "height": -1})
	if !strings.Contains(string(res), h2) {
		t.Errorf("GetTxByAddr of the sender: %s", res)
	}

	res = mustCall(t, "Chain33.GetAddrOverview", map[string]any{"addr": to})
	wantShape(t, shapes, "Chain33.GetAddrOverview", res)
	if string(res) != `{"reciver":500000000,"balance":500000000,"txCount":2}` {
		t.Errorf("GetAddrOverview: %s", res)
	}

	// The block of the second transfer.
	hdr, err := testNode.Chain().Header(p2.Height)
	if err != nil {
		t.Fatal(err)
	}
	hash := types.HexWith0x(hdr.Hash)
	res = mustCall(t, "Chain33.GetBlockOverview", map[string]string{"hash": hash})
	wantShape(t, shapes, "Chain33.GetBlockOverview", res)
	if string(member(t, res, "head")) != headerText(hdr) || !strings.Contains(string(member(t, res, "txHashes")), h2) ||
		string(member(t, res, "txCount")) != fmt.Sprint(hdr.TxCount) {
		t.Errorf("GetBlockOverview: %s", res)
	}
	res = mustCall(t, "Chain33.GetBlockByHashes", map[string]any{"hashes": []string{hash, "zz", "0x" + strings.Repeat("00", 32)}})
	wantShape(t, shapes, "Chain33.GetBlockByHashes", res)
	var items struct{ Items []json.RawMessage }
	json.Unmarshal(res, &items)
	if len(items.Items) != 3 || string(items.Items[1]) != "null" || string(items.Items[2]) != "null" || !strings.Contains(string(items.Items[0]), h2) {
		t.Errorf("GetBlockByHashes: %s", res)
	}

	// Fees: the running total at a block is the sum of the fees of every
	// transaction up to it, read here from the blocks themselves.
	var fees, count int64
	for h := int64(0); h <= p2.Height; h++ {
		b, err := testNode.Chain().Block(h)
		if err != nil {
			t.Fatal(err)
		}
		for _, tx := range b.Txs {
			fees += tx.Fee
		}
		count += int64(len(b.Txs))
	}
	res = mustCall(t, "Chain33.QueryTotalFee", map[string]any{"keys": [][]byte{hdr.Hash}})
	wantShape(t, shapes, "Chain33.QueryTotalFee", res)
	if string(res) != fmt.Sprintf(`{"fee":%d,"txCount":%d}`, fees, count) {
		t.Errorf("QueryTotalFee: %s, want fee %d, %d txs", res, fees, count)
	}
	if _, e := call(t, "Chain33.QueryTotalFee", map[string]any{"keys": [][]byte{}}); e != "ErrInvalidParam" {
		t.Errorf("QueryTotalFee without a key: %q", e)
	}

	// Coins in existence: the genesis amount less every fee, at one head.
	var total struct {
		Count, Num, Amount int64
		NextKey            []byte
	}
	for tries := 0; ; tries++ {
		head := testNode.Chain().HeadInfo()
		res = mustCall(t, "Chain33.GetTotalCoins", map[string]any{"symbol": "bty", "execer": "coins", "count": 1000, "stateHash": head.StateHash})
		fee := mustCall(t, "Chain33.QueryTotalFee", map[string]any{"keys": [][]byte{head.Hash}})
		var f struct{ Fee int64 }
		json.Unmarshal(fee, &f)
		json.Unmarshal(res, &total)
		if testNode.Chain().HeadInfo().Height == head.Height {
			wantShape(t, shapes, "Chain33.GetTotalCoins", res)
			if total.Count != 1000 || total.Num < 2 || total.Amount != int64(testCfg.Consensus.Sub.QBFT.GenesisAmount)*1e8-f.Fee || total.NextKey != nil {
				t.Errorf("GetTotalCoins: %s, fees %d", res, f.Fee)
			}
			break
		}
		if tries > 20 {
			t.Fatal("the head kept moving")
		}
	}
	res = mustCall(t, "Chain33.GetTotalCoins", map[string]any{"symbol": "bty", "execer": "coins", "count": 1})
	json.Unmarshal(res, &total)
	if total.Num != 1 || total.NextKey == nil {
		t.Errorf("GetTotalCoins of one account: %s", res)
	}
	if _, e := call(t, "Chain33.GetTotalCoins", map[string]any{"symbol": "bty", "execer": "coins", "count": 1, "stateHash": []byte{1}}); e != "ErrNotFound" {
		t.Errorf("GetTotalCoins at an old state: %q", e)
	}
	// No executor accounts on this chain: the empty reply, hex-encoded.
	if res := mustCall(t, "Chain33.GetExecBalance", map[string]any{"addr": []byte(to)}); string(res) != `""` {
		t.Errorf("GetExecBalance: %s", res)
	}

	// The coins executor's index queries (jsonpb results).
	query := func(fn string, payload any) (json.RawMessage, string) {
		return call(t, "Chain33.Query", map[string]any{"execer": "coins", "funcName": fn, "payload": payload})
	}
	if res, e := query("GetAddrReciver", map[string]string{"addr": to}); e != "" || string(res) != `{"data":"500000000"}` {
		t.Errorf("GetAddrReciver: %s %q", res, e)
	} else {
		wantShape(t, shapes, "Query coins.GetAddrReciver", res)
	}
	_, stranger := newAddr(t)
	if _, e := query("GetAddrReciver", map[string]string{"addr": stranger}); e != "ErrEmpty" {
		t.Errorf("GetAddrReciver of a stranger: %q", e)
	}
	if res, e := query("GetTxsByAddr", map[string]any{"addr": to, "count": 1, "height": -1}); e != "" ||
		string(res) != fmt.Sprintf(`{"txInfos":[{"hash":"%s","height":"%d","index":"%d","assets":[{"exec":"coins","symbol":"BTY","amount":"200000000"}]}]}`, h2, p2.Height, p2.Index) {
		t.Errorf("Query GetTxsByAddr: %s %q", res, e)
	} else {
		wantShape(t, shapes, "Query coins.GetTxsByAddr", res)
	}
	if res, e := query("GetAddrTxsCount", map[string]string{"key": "AddrTxsCount:" + to}); e != "" || string(res) != `{"data":"2"}` {
		t.Errorf("GetAddrTxsCount: %s %q", res, e)
	}
	if res, e := query("GetPrefixCount", map[string]string{"key": "TxAddrDirHash:" + to + ":2:"}); e != "" || string(res) != `{"data":"2"}` {
		t.Errorf("GetPrefixCount: %s %q", res, e)
	}
	if res, e := query("GetTxsFeeByAddr", map[string]any{"addr": from, "count": 1, "height": -1}); e != "" ||
		!strings.Contains(string(res), `"txHash":"`+h2+`"`) || !strings.Contains(string(res), `"fee":"100000"`) {
		t.Errorf("GetTxsFeeByAddr: %s %q", res, e)
	} else {
		wantShape(t, shapes, "Query coins.GetTxsFeeByAddr", res)
	}
	for _, fn := range []string{"GetConfigID", "ListConfigID"} {
		if _, e := call(t, "Chain33.Query", map[string]any{"execer": "manage", "funcName": fn, "payload": map[string]any{}}); e != "ErrNotFound" {
			t.Errorf("manage %s: %q", fn, e)
		}
	}

	// Errors with the reference's words.
	for _, c := range []struct {
		method string
		param  any
		want   string
	}{
		{"Chain33.GetTxByAddr", map[string]any{"addr": to, "height": 1 << 40}, "ErrInvalidParam"},
		{"Chain33.GetTxByAddr", map[string]any{"addr": to, "height": -1, "direction": 2}, "ErrInvalidParam"},
		{"Chain33.GetTxByAddr", map[string]any{"addr": to, "height": -1, "flag": -1}, "flag unknown"},
		{"Chain33.GetTxByAddr", map[string]any{"addr": stranger, "height": -1}, "tx does not exist"},
		{"Chain33.GetTxByAddr", map[string]any{"addr": to, "height": -1, "count": 10001}, "ErrMaxCountPerTime"},
		{"Chain33.GetTxByAddr", map[string]any{"addr": 5}, "json: cannot unmarshal number into Go struct field ReqAddr.addr of type string"},
		{"Chain33.GetAddrOverview", map[string]any{"addr": "nope"}, "ErrInvalidAddress"},
		{"Chain33.GetBlockOverview", map[string]any{"hash": "0x" + strings.Repeat("00", 32)}, "ErrHashNotExist"},
		{"Chain33.GetTotalCoins", map[string]any{"count": 100001}, "ErrMaxCountPerTime"},
	} {
		if _, e := call(t, c.method, c.param); e != c.want {
			t.Errorf("%s %v: error %q, want %q", c.method, c.param, e, c.want)
		}
	}

	// The same through gRPC.
	g := chain33Client(t)
	infos := must[*types.ReplyTxInfos](t, "GetTransactionByAddr")(g.GetTransactionByAddr(callCtx(t), &types.ReqAddr{Addr: to, Count: 1, Height: -1}))
	if len(infos.TxInfos) != 1 || types.HexWith0x(infos.TxInfos[0].Hash) != h2 {
		t.Errorf("gRPC GetTransactionByAddr: %v", infos)
	}
	ov := must[*types.AddrOverview](t, "GetAddrOverview")(g.GetAddrOverview(callCtx(t), &types.ReqAddr{Addr: to}))
	if ov.Reciver != 5e8 || ov.Balance != 5e8 || ov.TxCount != 2 {
		t.Errorf("gRPC GetAddrOverview: %v", ov)
	}
	bo := must[*types.BlockOverview](t, "GetBlockOverview")(g.GetBlockOverview(callCtx(t), &types.ReqHash{Hash: hdr.Hash}))
	if !proto.Equal(bo.Head, hdr) || bo.TxCount != hdr.TxCount {
		t.Errorf("gRPC GetBlockOverview: %v", bo)
	}
	bd := must[*types.BlockDetails](t, "GetBlockByHashes")(g.GetBlockByHashes(callCtx(t), &types.ReqHashes{Hashes: [][]byte{hdr.Hash, {1}}}))
	if len(bd.Items) != 2 || bd.Items[0].Block.Height != p2.Height || bd.Items[1].Block != nil {
		t.Errorf("gRPC GetBlockByHashes: %v", bd)
	}
	_, err = g.GetTransactionByAddr(callCtx(t), &types.ReqAddr{Addr: to, Height: -1, Direction: 3})
	wantStatus(t, "gRPC GetTransactionByAddr, bad direction", err, codes.Unknown, "ErrInvalidParam")
}

func TestChainFacts(t *testing.T) {
	shapes := loadShapes(t)
	res := mustCall(t, "Chain33.PubKeyToAddr", map[string]string{"data": hex.EncodeToString(superKey.PubKey())})
	wantShape(t, shapes, "Chain33.PubKeyToAddr", res)
	if string(res) != `{"data":"14KEKbYtKKQm4wMthSK9J4La4nAiidGozt"}` {
		t.Errorf("PubKeyToAddr: %s", res)
	}
	if _, e := call(t, "Chain33.PubKeyToAddr", map[string]string{"data": ""}); e != "ErrInvalidParam" {
		t.Errorf("PubKeyToAddr of nothing: %q", e)
	}
	res = mustCall(t, "Chain33.GetServerTime", nil)
	wantShape(t, shapes, "Chain33.GetServerTime", res)
	var st struct{ CurrentTimestamp int64 }
	json.Unmarshal(res, &st)
	if d := time.Now().Unix() - st.CurrentTimestamp; d < 0 || d > 5 {
		t.Errorf("GetServerTime: %s", res)
	}
	res = mustCall(t, "Chain33.GetCryptoList", nil)
	wantShape(t, shapes, "Chain33.GetCryptoList", res)
	if string(res) != `{"cryptos":[{"name":"ed25519","typeID":2},{"name":"secp256k1","typeID":1},{"name":"secp256k1eth","typeID":260},{"name":"secp256r1","typeID":257},{"name":"sm2","typeID":258}]}` {
		t.Errorf("GetCryptoList: %s", res)
	}
	res = mustCall(t, "Chain33.GetAddressDrivers", nil)
	if string(res) != `{"drivers":[{"name":"btc"},{"name":"btcMultiSign","typeID":1},{"name":"eth","typeID":2}]}` {
		t.Errorf("GetAddressDrivers: %s", res)
	}
	if res := mustCall(t, "Chain33.GetFork", map[string][]byte{"key": []byte("ForkRootHash")}); string(res) != `{}` {
		t.Errorf("GetFork: %s", res)
	}
	before := testNode.Chain().HeadInfo().Height
	res = mustCall(t, "Chain33.GetFinalizedBlock", nil)
	wantShape(t, shapes, "Chain33.GetFinalizedBlock", res)
	var f struct {
		Height int64
		Hash   string
	}
	json.Unmarshal(res, &f)
	hdr, err := testNode.Chain().Header(f.Height)
	if err != nil || f.Height < before || f.Hash != types.HexWith0x(hdr.Hash) {
		t.Errorf("GetFinalizedBlock: %s (head was %d)", res, before)
	}
	g := chain33Client(t)
	if l := must[*types.CryptoList](t, "GetCryptoList")(g.GetCryptoList(callCtx(t), &types.ReqNil{})); len(l.Cryptos) != 5 {
		t.Errorf("gRPC GetCryptoList: %v", l)
	}
	if fb := must[*types.SnowChoice](t, "GetFinalizedBlock")(g.GetFinalizedBlock(callCtx(t), &types.ReqNil{})); fb.Height < f.Height {
		t.Errorf("gRPC GetFinalizedBlock: %v", fb)
	}
}

func TestSequenceMethods(t *testing.T) {
	shapes := loadShapes(t)
	res := mustCall(t, "Chain33.GetLastBlockSequence", nil)
	wantShape(t, shapes, "Chain33.GetLastBlockSequence", res)
	var last int64
	json.Unmarshal(res, &last)
	if last < 1 || last > testNode.Chain().HeadInfo().Height {
		t.Fatalf("GetLastBlockSequence: %s", res)
	}
	h0, _ := testNode.Chain().Header(0)
	h1, _ := testNode.Chain().Header(1)
	res = mustCall(t, "Chain33.GetBlockSequences", map[string]any{"start": 0, "end": 1, "isDetail": false})
	wantShape(t, shapes, "Chain33.GetBlockSequences", res)
	if want := fmt.Sprintf(`{"blkseqInfos":[{"hash":"0x%x","type":1},{"hash":"0x%x","type":1}]}`, h0.Hash, h1.Hash); string(res) != want {
		t.Errorf("GetBlockSequences: %s, want %s", res, want)
	}
	res = mustCall(t, "Chain33.GetBlockBySeq", map[string]int64{"data": 1})
	wantShape(t, shapes, "Chain33.GetBlockBySeq", res)
	if string(member(t, res, "num")) != "1" || string(member(t, res, "seq")) != fmt.Sprintf(`{"hash":"0x%x","type":1}`, h1.Hash) {
		t.Errorf("GetBlockBySeq: %s", res)
	}
	res = mustCall(t, "Chain33.GetSequenceByHash", map[string]any{"hashes": []string{types.HexWith0x(h1.Hash)}})
	wantShape(t, shapes, "Chain33.GetSequenceByHash", res)
	if string(res) != `{"data":1}` {
		t.Errorf("GetSequenceByHash: %s", res)
	}
	for _, c := range []struct {
		method string
		param  any
		want   string
	}{
		{"Chain33.GetBlockSequences", map[string]any{"start": last + 1000, "end": last + 1001}, "ErrStartHeight"},
		{"Chain33.GetBlockSequences", map[string]any{"start": 1, "end": 0}, "ErrEndLessThanStartHeight"},
		{"Chain33.GetBlockSequences", map[string]any{"start": 0, "end": 1000}, "ErrMaxCountPerTime"},
		{"Chain33.GetBlockBySeq", map[string]int64{"data": -1}, "ErrHeightNotExist"},
		{"Chain33.GetSequenceByHash", map[string]any{"hashes": []string{}}, "ErrInvalidParam"},
		{"Chain33.GetSequenceByHash", map[string]any{"hashes": []string{"0x" + strings.Repeat("11", 32)}}, "ErrHashNotExist"},
	} {
		if _, e := call(t, c.method, c.param); e != c.want {
			t.Errorf("%s %v: error %q, want %q", c.method, c.param, e, c.want)
		}
	}
	// Sequences off: the reference's error.
	sc := settings(testCfg.RPC)
	sc.IsRecordBlockSequence = false
	off := newServer(t, sc)
	body := `{"id":1,"method":"Chain33.GetLastBlockSequence","params":[null]}`
	rec := httptest.NewRecorder()
	req := httptest.NewRequest(http.MethodPost, "/", strings.NewReader(body))
	req.RemoteAddr = "127.0.0.1:5"
	off.Handler().ServeHTTP(rec, req)
	if !strings.Contains(rec.Body.String(), `"error":"ErrRecordBlockSequence"`) {
		t.Errorf("sequences off: %s", rec.Body)
	}
	g := chain33Client(t)
	seqs := must[*types.BlockSequences](t, "GetBlockSequences")(g.GetBlockSequences(callCtx(t), &types.ReqBlocks{Start: 0, End: 1}))
	if len(seqs.Items) != 2 || !bytes.Equal(seqs.Items[1].Hash, h1.Hash) || seqs.Items[1].Type != 1 {
		t.Errorf("gRPC GetBlockSequences: %v", seqs)
	}
	bs := must[*types.BlockSeq](t, "GetBlockBySeq")(g.GetBlockBySeq(callCtx(t), &types.Int64{Data: 1}))
	if bs.Num != 1 || bs.Detail.Block.Height != 1 || !bytes.Equal(bs.Seq.Hash, h1.Hash) {
		t.Errorf("gRPC GetBlockBySeq: %v", bs)
	}
}

// TestPushMethods: AddPushSubscribe makes the node post header batches (as
// chain33's jsonpb) to a subscriber; the listing, progress and refusals.
func TestPushMethods(t *testing.T) {
	shapes := loadShapes(t)
	var mu sync.Mutex
	var heights []int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		zr, err := gzip.NewReader(r.Body)
		if err != nil {
			t.Errorf("push body: %v", err)
			return
		}
		body, _ := io.ReadAll(zr)
		var hs types.HeaderSeqs
		if err := types.UnmarshalPB(body, &hs); err != nil {
			t.Errorf("push body %s: %v", body, err)
			return
		}
		mu.Lock()
		for _, s := range hs.Seqs {
			heights = append(heights, s.Header.Height)
		}
		mu.Unlock()
		io.WriteString(w, "ok")
	}))
	defer srv.Close()
	name := fmt.Sprintf("headers-%d", rand.Int64())
	sub := map[string]any{"name": name, "URL": srv.URL, "encode": "json", "type": 1}
	res := mustCall(t, "Chain33.AddPushSubscribe", sub)
	wantShape(t, shapes, "Chain33.AddPushSubscribe", res)
	if string(res) != `{"isOk":true}` {
		t.Fatalf("AddPushSubscribe: %s", res)
	}
	poll.Until(t, 20*time.Second, "pushes of three headers", func() bool {
		mu.Lock()
		defer mu.Unlock()
		return len(heights) >= 3
	})
	mu.Lock()
	for i, h := range heights {
		if h != int64(i) {
			t.Fatalf("pushed heights %v", heights)
		}
	}
	mu.Unlock()
	res = mustCall(t, "Chain33.ListPushes", nil)
	wantShape(t, shapes, "Chain33.ListPushes", res)
	if !strings.Contains(string(res), fmt.Sprintf(`{"name":"%s","URL":"%s","encode":"json","type":1}`, name, srv.URL)) {
		t.Errorf("ListPushes: %s", res)
	}
	// The acknowledged sequence is recorded once the POST has returned.
	poll.Until(t, 20*time.Second, "GetPushSeqLastNum at 2 or more", func() bool {
		res = mustCall(t, "Chain33.GetPushSeqLastNum", map[string]string{"data": name})
		wantShape(t, shapes, "Chain33.GetPushSeqLastNum", res)
		var last struct{ Data int64 }
		json.Unmarshal(res, &last)
		return last.Data >= 2
	})
	sub["URL"] = srv.URL + "/other"
	if res := mustCall(t, "Chain33.AddPushSubscribe", sub); string(res) != `{"msg":"ErrNotAllowModifyPush"}` {
		t.Errorf("same name, other URL: %s", res)
	}
	if _, e := call(t, "Chain33.GetPushSeqLastNum", map[string]string{"data": "nobody"}); e != "ErrPushNotSubscribed" {
		t.Errorf("GetPushSeqLastNum of an unknown name: %q", e)
	}
	if res := mustCall(t, "Chain33.AddPushSubscribe", map[string]any{"name": "x", "URL": "not a url"}); !strings.Contains(string(res), "ErrInvalidParam") {
		t.Errorf("bad URL: %s", res)
	}
}

// TestSubEvent: a gRPC stream of block batches from a given height; after
// reconnecting under the same name it continues after the last batch sent.
func TestSubEvent(t *testing.T) {
	g := chain33Client(t)
	name := fmt.Sprintf("stream-%d", rand.Int64())
	next := int64(2) // fromBlock 1: from block 2 on
	for round := range 2 {
		ctx, cancel := context.WithCancel(context.Background())
		req := &types.ReqSubscribe{Name: name, Type: 0}
		if round == 0 {
			req.FromBlock = 1
		}
		stream, err := g.SubEvent(ctx, req)
		if err != nil {
			t.Fatal(err)
		}
		for got := 0; got < 3; {
			d, err := stream.Recv()
			if err != nil {
				t.Fatalf("round %d: %v", round, err)
			}
			if d.Name != name || d.GetBlockSeqs() == nil {
				t.Fatalf("push data %v", d)
			}
			for _, s := range d.GetBlockSeqs().Seqs {
				if got == 0 && round == 1 && s.Num > next {
					// Batches gRPC accepted for sending before the cancel
					// count as pushed, as in the reference; the resumed
					// stream goes on after them, without a repeat.
					next = s.Num
				}
				if s.Num != next || s.Detail.Block.Height != next || s.Seq.Type != 1 {
					t.Fatalf("round %d: block %d (seq %d), want %d", round, s.Detail.Block.Height, s.Num, next)
				}
				next++
				got++
			}
		}
		cancel()
	}
	// The same name with another type is refused.
	stream, err := g.SubEvent(callCtx(t), &types.ReqSubscribe{Name: name, Type: 1})
	if err == nil {
		_, err = stream.Recv()
	}
	wantStatus(t, "SubEvent of another type", err, codes.Unknown, "ErrNotAllowModifyPush")
}
