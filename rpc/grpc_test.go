package rpc_test

import (
	"bytes"
	"context"
	"crypto/tls"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"net"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"chain33node/config"
	"chain33node/logtest"
	"chain33node/poll"
	"chain33node/rpc"
	"chain33node/types"

	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/credentials"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/proto"
)

// The gRPC interface through the generated client stubs, against the test
// node's server on a loopback listener; answers are checked against the
// JSON-RPC's.

var (
	grpcOnce sync.Once
	grpcConn *grpc.ClientConn
	grpcErr  error
)

func dial(addr string, creds credentials.TransportCredentials) (*grpc.ClientConn, error) {
	return grpc.NewClient("passthrough:///"+addr, grpc.WithTransportCredentials(creds))
}

// chain33Client is a client of testSrv's gRPC, served from the first use.
func chain33Client(t testing.TB) types.Chain33Client {
	t.Helper()
	grpcOnce.Do(func() {
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			grpcErr = err
			return
		}
		go testSrv.ServeGRPC(l)
		grpcConn, grpcErr = dial(l.Addr().String(), insecure.NewCredentials())
	})
	if grpcErr != nil {
		t.Fatal(grpcErr)
	}
	return types.NewChain33Client(grpcConn)
}

func qbftClient(t testing.TB) types.QbftNodeClient {
	chain33Client(t)
	return types.NewQbftNodeClient(grpcConn)
}

func callCtx(t testing.TB) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	t.Cleanup(cancel)
	return ctx
}

func must[T any](t testing.TB, what string) func(T, error) T {
	return func(v T, err error) T {
		t.Helper()
		if err != nil {
			t.Fatalf("%s: %v", what, err)
		}
		return v
	}
}

// wantStatus checks a gRPC error's code and message (the chain33 error name).
func wantStatus(t testing.TB, what string, err error, code codes.Code, msg string) {
	t.Helper()
	st, ok := status.FromError(err)
	if err == nil || !ok || st.Code() != code || st.Message() != msg {
		t.Errorf("%s: error %v, want %v %q", what, err, code, msg)
	}
}

func TestGRPCReadsAgreeWithJSON(t *testing.T) {
	c, ctx := chain33Client(t), callCtx(t)

	hs := must[*types.Headers](t, "GetHeaders")(c.GetHeaders(ctx, &types.ReqBlocks{Start: 0, End: 1}))
	var jh struct{ Items []json.RawMessage }
	json.Unmarshal(mustCall(t, "Chain33.GetHeaders", map[string]any{"start": 0, "end": 1}), &jh)
	if len(hs.Items) != 2 || len(jh.Items) != 2 {
		t.Fatalf("headers: %d over gRPC, %d over JSON", len(hs.Items), len(jh.Items))
	}
	for i, h := range hs.Items {
		if headerText(h) != string(jh.Items[i]) {
			t.Errorf("header %d:\n gRPC %s\n JSON %s", i, headerText(h), jh.Items[i])
		}
	}

	last := must[*types.Header](t, "GetLastHeader")(c.GetLastHeader(ctx, &types.ReqNil{}))
	if h, err := testNode.Chain().Header(last.Height); err != nil || headerText(h) != headerText(last) {
		t.Errorf("last header %s, chain %v %v", headerText(last), h, err)
	}
	hash := must[*types.ReplyHash](t, "GetBlockHash")(c.GetBlockHash(ctx, &types.ReqInt{Height: last.Height}))
	if res := mustCall(t, "Chain33.GetBlockHash", map[string]int64{"height": last.Height}); !bytes.Equal(hash.Hash, last.Hash) ||
		string(res) != fmt.Sprintf(`{"hash":"0x%x"}`, hash.Hash) {
		t.Errorf("GetBlockHash: gRPC %x, JSON %s, header %x", hash.Hash, res, last.Hash)
	}

	reply := must[*types.Reply](t, "GetBlocks")(c.GetBlocks(ctx, &types.ReqBlocks{Start: 0, End: 1, IsDetail: true}))
	var details types.BlockDetails
	if err := proto.Unmarshal(reply.Msg, &details); err != nil || !reply.IsOk || len(details.Items) != 2 {
		t.Fatalf("GetBlocks: %v %v %d items", reply.IsOk, err, len(details.Items))
	}
	var jb struct {
		Items []struct {
			Block struct {
				ParentHash, TxHash, StateHash string
				Height, BlockTime             int64
				Txs                           []json.RawMessage
			}
			Recipts []json.RawMessage
		}
	}
	json.Unmarshal(mustCall(t, "Chain33.GetBlocks", map[string]any{"start": 0, "end": 1, "isDetail": true}), &jb)
	for i, d := range details.Items {
		b, j := d.Block, jb.Items[i].Block
		if fmt.Sprintf("0x%x 0x%x 0x%x", b.ParentHash, b.TxHash, b.StateHash) != j.ParentHash+" "+j.TxHash+" "+j.StateHash ||
			b.Height != j.Height || b.BlockTime != j.BlockTime || len(b.Txs) != len(j.Txs) ||
			len(d.Receipts) != len(jb.Items[i].Recipts) || !bytes.Equal(types.BlockHash(b), hs.Items[i].Hash) {
			t.Errorf("block %d: gRPC %v, JSON %+v", i, b, j)
		}
	}

	v := must[*types.VersionInfo](t, "Version")(c.Version(ctx, &types.ReqNil{}))
	if got := fmt.Sprintf(`{"title":%q,"app":%q,"chain33":%q,"localDb":%q}`, v.Title, v.App, v.Chain33, v.LocalDb); got != string(mustCall(t, "Chain33.Version", nil)) ||
		v.ChainID != testCfg.ChainID {
		t.Errorf("Version: %v", v)
	}
	cc := must[*types.ChainConfigInfo](t, "GetChainConfig")(c.GetChainConfig(ctx, &types.ReqNil{}))
	var jc types.ChainConfigJSON
	json.Unmarshal(mustCall(t, "Chain33.GetChainConfig", nil), &jc)
	if cc.Title != jc.Title || cc.CoinExec != jc.CoinExec || cc.CoinSymbol != jc.CoinSymbol || cc.CoinPrecision != jc.CoinPrecision ||
		cc.TokenPrecision != jc.TokenPrecision || cc.ChainID != jc.ChainID || cc.MaxTxFee != jc.MaxTxFee ||
		cc.MinTxFeeRate != jc.MinTxFeeRate || cc.MaxTxFeeRate != jc.MaxTxFeeRate || cc.IsPara || cc.DefaultAddressID != 0 {
		t.Errorf("GetChainConfig: gRPC %v, JSON %+v", cc, jc)
	}
	fee := must[*types.ReplyProperFee](t, "GetProperFee")(c.GetProperFee(ctx, &types.ReqProperFee{TxCount: 1, TxSize: 200}))
	if fmt.Sprintf(`{"properFee":%d}`, fee.ProperFee) != string(mustCall(t, "Chain33.GetProperFee", nil)) {
		t.Errorf("GetProperFee: %v", fee)
	}
	if r := must[*types.Reply](t, "IsSync")(c.IsSync(ctx, &types.ReqNil{})); !r.IsOk || string(mustCall(t, "Chain33.IsSync", nil)) != "true" {
		t.Errorf("IsSync: %v", r)
	}
	if r := must[*types.Reply](t, "IsNtpClockSync")(c.IsNtpClockSync(ctx, &types.ReqNil{})); !r.IsOk {
		t.Errorf("IsNtpClockSync: %v", r)
	}
	if r := must[*types.Int32](t, "GetFatalFailure")(c.GetFatalFailure(ctx, &types.ReqNil{})); r.Data != 0 {
		t.Errorf("GetFatalFailure: %v", r)
	}
	if r := must[*types.ReplyString](t, "ConvertExectoAddr")(c.ConvertExectoAddr(ctx, &types.ReqString{Data: "coins"})); r.Data != "1GaHYpWmqAJsqRwrpoNcB8VvgKtSwjcHqt" {
		t.Errorf("ConvertExectoAddr: %v", r)
	}
	if r := must[*types.ReplyString](t, "GetCoinSymbol")(c.GetCoinSymbol(ctx, &types.ReqNil{})); fmt.Sprintf(`{"data":%q}`, r.Data) != string(mustCall(t, "Chain33.GetCoinSymbol", nil)) {
		t.Errorf("GetCoinSymbol: %v", r)
	}

	peers := must[*types.PeerList](t, "GetPeerInfo")(c.GetPeerInfo(ctx, &types.P2PGetPeerReq{}))
	var jp types.PeerListJSON
	json.Unmarshal(mustCall(t, "Chain33.GetPeerInfo", map[string]any{}), &jp)
	if len(peers.Peers) != 1 || len(jp.Peers) != 1 {
		t.Fatalf("peers: %v / %s", peers, mustCall(t, "Chain33.GetPeerInfo", map[string]any{}))
	}
	p, jq := peers.Peers[0], jp.Peers[0]
	if !p.Self || p.Addr != jq.Addr || p.Port != jq.Port || p.Name != jq.Name || p.Header == nil ||
		len(p.Header.Hash) != 32 || p.Header.Height < last.Height || p.Finalized == nil {
		t.Errorf("peer: gRPC %v, JSON %+v", p, jq)
	}
	ni := must[*types.NodeNetInfo](t, "NetInfo")(c.NetInfo(ctx, &types.P2PGetNetInfoReq{}))
	var jn types.NetInfoJSON
	json.Unmarshal(mustCall(t, "Chain33.GetNetInfo", map[string]any{}), &jn)
	if ni.Externaladdr != jn.ExternalAddr || ni.Localaddr != jn.LocalAddr || ni.Service != jn.Service || ni.Outbounds != jn.Outbounds {
		t.Errorf("NetInfo: gRPC %v, JSON %+v", ni, jn)
	}
	must[*types.ReplyTxList](t, "GetMemPool")(c.GetMemPool(ctx, &types.ReqGetMempool{}))
	must[*types.ReplyTxList](t, "GetLastMemPool")(c.GetLastMemPool(ctx, &types.ReqNil{}))

	q := qbftClient(t)
	must[*types.QbftIsHealthy](t, "qbftNode.IsSync")(q.IsSync(ctx, &types.ReqNil{}))
	nodes := must[*types.QbftNodeInfoSet](t, "qbftNode.GetNodeInfo")(q.GetNodeInfo(ctx, &types.ReqNil{}))
	var jnodes struct{ Nodes []*types.QbftNodeInfo }
	json.Unmarshal(mustCall(t, "qbftNode.GetNodeInfo", nil), &jnodes)
	if len(nodes.Nodes) != 1 || len(jnodes.Nodes) != 1 || nodes.Nodes[0].PubKey != jnodes.Nodes[0].PubKey ||
		nodes.Nodes[0].Address != jnodes.Nodes[0].Address || nodes.Nodes[0].VotingPower != 10 {
		t.Errorf("GetNodeInfo: gRPC %v, JSON %v", nodes, jnodes.Nodes)
	}

	// QueryChain: the request and the result protobuf-encoded.
	query := func(driver, fn string, req proto.Message, res proto.Message) error {
		param, _ := proto.Marshal(req)
		r, err := c.QueryChain(ctx, &types.ChainExecutor{Driver: driver, FuncName: fn, Param: param})
		if err != nil {
			return err
		}
		if !r.IsOk {
			t.Errorf("%s: not ok", fn)
		}
		return proto.Unmarshal(r.Msg, res)
	}
	var item types.ReplyConfig
	if err := query("manage", "GetConfigItem", &types.ReqString{Data: "no-such-key"}, &item); err != nil || item.Key != "no-such-key" || item.Value != "" {
		t.Errorf("GetConfigItem: %v %v", &item, err)
	}
	var perf types.QbftPerfStat
	if err := query("qbftNode", "GetPerfStat", &types.ReqQbftPerfStat{Start: 1, End: 1}, &perf); err != nil {
		t.Fatal(err)
	}
	if got := fmt.Sprintf(`{"totalTx":"%d","totalBlock":"%d","txPerBlock":"%d","totalSecond":"%d","txPerSecond":"%d"}`,
		perf.TotalTx, perf.TotalBlock, perf.TxPerBlock, perf.TotalSecond, perf.TxPerSecond); got != string(mustCall(t, "Chain33.Query",
		map[string]any{"execer": "qbftNode", "funcName": "GetPerfStat", "payload": map[string]any{"start": 1, "end": 1}})) {
		t.Errorf("GetPerfStat: %s", got)
	}
	var st types.QbftState
	if err := query("qbftNode", "GetCurrentState", &types.ReqNil{}, &st); err != nil || len(st.GetValidators().GetValidators()) != 1 || st.LastBlockHeight < 1 {
		t.Errorf("GetCurrentState: %v %v", &st, err)
	}
	wantStatus(t, "GetQbftNodeByHeight 0", query("qbftNode", "GetQbftNodeByHeight", &types.ReqQbftNodes{}, &types.QbftNodes{}), codes.Unknown, "ErrInvalidParam")
	wantStatus(t, "query coins", query("coins", "Nope", &types.ReqNil{}, &types.ReqNil{}), codes.Unknown, "ErrActionNotSupport")
	wantStatus(t, "query token", query("token", "GetTokens", &types.ReqNil{}, &types.ReqNil{}), codes.Unknown, "ErrNotSupport")
}

// waitGRPCTx polls QueryTransaction until hash is committed.
func waitGRPCTx(t *testing.T, c types.Chain33Client, hash []byte) *types.TransactionDetail {
	t.Helper()
	var d *types.TransactionDetail
	poll.Until(t, 20*time.Second, fmt.Sprintf("tx %x committed", hash), func() bool {
		var err error
		d, err = c.QueryTransaction(callCtx(t), &types.ReqHash{Hash: hash})
		if err != nil {
			wantStatus(t, "QueryTransaction pending", err, codes.Unknown, "tx not exist")
		}
		return err == nil
	})
	return d
}

// A transfer created, signed and sent over gRPC is committed; every view of
// it agrees with the JSON-RPC's.
func TestGRPCSendTransaction(t *testing.T) {
	c, ctx := chain33Client(t), callCtx(t)
	_, to := newAddr(t)
	u := must[*types.UnsignTx](t, "CreateRawTransaction")(c.CreateRawTransaction(ctx, &types.CreateTx{To: to, Amount: 1e8, Note: []byte("grpc")}))
	var jhex string
	json.Unmarshal(mustCall(t, "Chain33.CreateRawTransaction", map[string]any{"to": to, "amount": int64(1e8), "note": "grpc"}), &jhex)
	var unsigned, junsigned types.Transaction
	jraw, _ := types.DecodeHex(jhex)
	if err := proto.Unmarshal(u.Data, &unsigned); err != nil || proto.Unmarshal(jraw, &junsigned) != nil {
		t.Fatalf("unsigned: %x %v", u.Data, err)
	}
	if junsigned.Nonce = unsigned.Nonce; !proto.Equal(&unsigned, &junsigned) {
		t.Errorf("CreateRawTransaction: gRPC %v, JSON %v", &unsigned, &junsigned)
	}

	signed := must[*types.ReplySignRawTx](t, "SignRawTx")(c.SignRawTx(ctx, &types.ReqSignRawTx{Privkey: superKeyHex, TxHex: hex.EncodeToString(u.Data), Expire: "120s"}))
	raw, err := hex.DecodeString(signed.TxHex)
	if err != nil {
		t.Fatalf("SignRawTx: %q", signed.TxHex)
	}
	tx := &types.Transaction{}
	if err := proto.Unmarshal(raw, tx); err != nil || tx.Signature == nil || tx.Expire < time.Now().Unix()+100 {
		t.Fatalf("signed tx %v: %v", tx, err)
	}
	reply := must[*types.Reply](t, "SendTransaction")(c.SendTransaction(ctx, tx))
	if !reply.IsOk || !bytes.Equal(reply.Msg, types.TxHash(tx)) {
		t.Fatalf("SendTransaction: %v, want hash %x", reply, types.TxHash(tx))
	}
	_, err = c.SendTransaction(ctx, tx)
	wantStatus(t, "second send", err, codes.Unknown, "ErrDupTx")

	d := waitGRPCTx(t, c, reply.Msg)
	jd := waitTx(t, fmt.Sprintf("0x%x", reply.Msg))
	var j struct {
		Receipt struct {
			Ty   int32
			Logs []struct {
				Ty     int32
				RawLog string
			}
		}
		Height, Index, BlockTime, Amount int64
		FromAddr, ActionName, FullHash   string
		Assets                           []struct {
			Exec, Symbol string
			Amount       int64
		}
		TxProofs []struct {
			Proofs   []string
			Index    uint32
			RootHash string
		}
	}
	if err := json.Unmarshal(jd, &j); err != nil {
		t.Fatal(err)
	}
	if !proto.Equal(d.Tx, tx) || d.Height != j.Height || d.Index != j.Index || d.Blocktime != j.BlockTime || d.Amount != j.Amount || d.Amount != 1e8 ||
		d.Fromaddr != j.FromAddr || d.ActionName != j.ActionName || fmt.Sprintf("0x%x", d.FullHash) != j.FullHash || d.Proofs != nil {
		t.Errorf("QueryTransaction:\n gRPC %v\n JSON %s", d, jd)
	}
	if d.Receipt.GetTy() != j.Receipt.Ty || len(d.Receipt.GetLogs()) != len(j.Receipt.Logs) {
		t.Errorf("receipt: gRPC %v, JSON %+v", d.Receipt, j.Receipt)
	}
	for i, l := range d.Receipt.GetLogs() {
		if l.Ty != j.Receipt.Logs[i].Ty || fmt.Sprintf("0x%x", l.Log) != j.Receipt.Logs[i].RawLog {
			t.Errorf("log %d: gRPC %v, JSON %+v", i, l, j.Receipt.Logs[i])
		}
	}
	if len(d.Assets) != 1 || len(j.Assets) != 1 || d.Assets[0].Exec != j.Assets[0].Exec || d.Assets[0].Symbol != j.Assets[0].Symbol || d.Assets[0].Amount != j.Assets[0].Amount {
		t.Errorf("assets: gRPC %v, JSON %+v", d.Assets, j.Assets)
	}
	if len(d.TxProofs) != 1 || len(j.TxProofs) != 1 || d.TxProofs[0].Index != j.TxProofs[0].Index || len(d.TxProofs[0].Proofs) != len(j.TxProofs[0].Proofs) {
		t.Fatalf("txProofs: gRPC %v, JSON %+v", d.TxProofs, j.TxProofs)
	}
	for i, p := range d.TxProofs[0].Proofs {
		if fmt.Sprintf("0x%x", p) != j.TxProofs[0].Proofs[i] {
			t.Errorf("proof %d: %x, JSON %s", i, p, j.TxProofs[0].Proofs[i])
		}
	}

	byHashes := must[*types.TransactionDetails](t, "GetTransactionByHashes")(c.GetTransactionByHashes(ctx, &types.ReqHashes{Hashes: [][]byte{reply.Msg, make([]byte, 32)}}))
	if len(byHashes.Txs) != 2 || !proto.Equal(byHashes.Txs[0], d) || proto.Size(byHashes.Txs[1]) != 0 {
		t.Errorf("GetTransactionByHashes: %v", byHashes)
	}
	hexTx := must[*types.HexTx](t, "GetHexTxByHash")(c.GetHexTxByHash(ctx, &types.ReqHash{Hash: reply.Msg}))
	if res := mustCall(t, "Chain33.GetHexTxByHash", map[string]string{"hash": fmt.Sprintf("0x%x", reply.Msg)}); `"`+hexTx.Tx+`"` != string(res) || hexTx.Tx != "0x"+signed.TxHex {
		t.Errorf("GetHexTxByHash: gRPC %s, JSON %s", hexTx.Tx, res)
	}
	accs := must[*types.Accounts](t, "GetBalance")(c.GetBalance(ctx, &types.ReqBalance{Addresses: []string{to}, Execer: "coins"}))
	if len(accs.Acc) != 1 || fmt.Sprintf(`[{"currency":%d,"balance":%d,"frozen":%d,"addr":%q}]`, accs.Acc[0].Currency, accs.Acc[0].Balance, accs.Acc[0].Frozen, accs.Acc[0].Addr) !=
		string(mustCall(t, "Chain33.GetBalance", map[string]any{"addresses": []string{to}, "execer": "coins"})) || accs.Acc[0].Balance != 1e8 {
		t.Errorf("GetBalance: %v", accs)
	}
	all := must[*types.AllExecBalance](t, "GetAllExecBalance")(c.GetAllExecBalance(ctx, &types.ReqAllExecBalance{Addr: to}))
	if len(all.ExecAccount) != 1 || all.Addr != to || all.ExecAccount[0].Execer != "coins" || all.ExecAccount[0].Account.Balance != 1e8 {
		t.Errorf("GetAllExecBalance: %v", all)
	}
	br := must[*types.Reply](t, "GetBlocks")(c.GetBlocks(ctx, &types.ReqBlocks{Start: d.Height, End: d.Height}))
	var blocks types.BlockDetails
	proto.Unmarshal(br.Msg, &blocks)
	if len(blocks.Items) != 1 || len(blocks.Items[0].Receipts) != 0 || !proto.Equal(blocks.Items[0].Block.Txs[d.Index], tx) {
		t.Errorf("GetBlocks %d: %v", d.Height, &blocks)
	}

	// Mempool refusals come back with the chain33 error name.
	_, to2 := newAddr(t)
	low := &rawTx{execer: "coins", payload: transferPayload(to2, 1), fee: 1, expire: time.Now().Unix() + 600, nonce: rand.Int64N(1 << 60), to: to2}
	lowRaw, _ := signTx(low, superKey)
	lowTx := &types.Transaction{}
	proto.Unmarshal(lowRaw, lowTx)
	_, err = c.SendTransaction(ctx, lowTx)
	wantStatus(t, "fee too low", err, codes.Unknown, "ErrTxFeeTooLow")
	lowTx.Fee = 100000
	_, err = c.SendTransaction(ctx, lowTx) // the signature no longer matches
	wantStatus(t, "bad signature", err, codes.Unknown, "ErrSign")
}

// CreateTransaction takes the action protobuf-encoded; the tx is the
// JSON-RPC's; a config change made over gRPC shows in QueryChain.
func TestGRPCCreateTransaction(t *testing.T) {
	c, ctx := chain33Client(t), callCtx(t)
	pub := strings.Repeat("CD", 48)
	payload, _ := proto.Marshal(&types.QbftNode{PubKey: pub, Power: 10})
	u := must[*types.UnsignTx](t, "CreateTransaction")(c.CreateTransaction(ctx, &types.CreateTxIn{Execer: []byte("qbftNode"), ActionName: "NodeUpdate", Payload: payload}))
	var jhex string
	json.Unmarshal(mustCall(t, "Chain33.CreateTransaction", map[string]any{"execer": "qbftNode", "actionName": "NodeUpdate", "payload": map[string]any{"pubKey": pub, "power": 10}}), &jhex)
	var got, want types.Transaction
	jraw, _ := types.DecodeHex(jhex)
	if proto.Unmarshal(u.Data, &got) != nil || proto.Unmarshal(jraw, &want) != nil {
		t.Fatalf("decode %x / %s", u.Data, jhex)
	}
	if want.Nonce = got.Nonce; !proto.Equal(&got, &want) {
		t.Errorf("NodeUpdate: gRPC %v, JSON %v", &got, &want)
	}

	_, manager := newAddr(t)
	payload, _ = proto.Marshal(&types.ModifyConfig{Key: "qbft-manager", Value: manager, Op: "add"})
	u = must[*types.UnsignTx](t, "CreateTransaction")(c.CreateTransaction(ctx, &types.CreateTxIn{Execer: []byte("manage"), ActionName: "Modify", Payload: payload}))
	signed := must[*types.ReplySignRawTx](t, "SignRawTx")(c.SignRawTx(ctx, &types.ReqSignRawTx{Privkey: "0x" + superKeyHex, TxHex: hex.EncodeToString(u.Data), Expire: "120s"}))
	raw, _ := hex.DecodeString(signed.TxHex)
	tx := &types.Transaction{}
	proto.Unmarshal(raw, tx)
	reply := must[*types.Reply](t, "SendTransaction")(c.SendTransaction(ctx, tx))
	if d := waitGRPCTx(t, c, reply.Msg); d.Receipt.GetTy() != 2 || d.ActionName != "modify" {
		t.Fatalf("config tx: %v", d)
	}
	param, _ := proto.Marshal(&types.ReqString{Data: "qbft-manager"})
	r := must[*types.Reply](t, "QueryChain")(c.QueryChain(ctx, &types.ChainExecutor{Driver: "manage", FuncName: "GetConfigItem", Param: param}))
	var item types.ReplyConfig
	if proto.Unmarshal(r.Msg, &item) != nil || item.Key != "qbft-manager" || !strings.HasSuffix(item.Value, manager+"]") {
		t.Errorf("GetConfigItem: %v", &item)
	}

	for _, e := range []struct {
		in   *types.CreateTxIn
		want string
	}{
		{&types.CreateTxIn{Execer: []byte("token"), ActionName: "Transfer"}, "ErrExecNotFound"},
		{&types.CreateTxIn{Execer: []byte("manage"), ActionName: "Apply"}, "ErrNotSupport"},
		{&types.CreateTxIn{Execer: []byte("coins"), ActionName: "Withdraw"}, "ErrActionNotSupport"},
		{&types.CreateTxIn{Execer: []byte("qbftNode"), ActionName: "NodeUpdate", Payload: []byte{0xff}}, "ErrInvalidParam"},
		{&types.CreateTxIn{ActionName: "Transfer"}, "ErrInvalidParam"},
	} {
		_, err := c.CreateTransaction(ctx, e.in)
		if st, _ := status.FromError(err); err == nil || st.Message() != e.want {
			t.Errorf("CreateTransaction %v: %v, want %s", e.in, err, e.want)
		}
	}
}

// fakeRemote makes every accepted connection come from addr.
type fakeRemote struct {
	net.Listener
	addr net.Addr
}

func (l fakeRemote) Accept() (net.Conn, error) {
	c, err := l.Listener.Accept()
	if err != nil {
		return nil, err
	}
	return remoteConn{c, l.addr}, nil
}

type remoteConn struct {
	net.Conn
	addr net.Addr
}

func (c remoteConn) RemoteAddr() net.Addr { return c.addr }

// serveGRPC serves a new server for cfg (from remote if set) and returns a
// connection to it.
func serveGRPC(t *testing.T, cfg config.RPC, remote string) *grpc.ClientConn {
	t.Helper()
	s := newServer(t, settings(cfg))
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	if remote != "" {
		ra, err := net.ResolveTCPAddr("tcp", remote)
		if err != nil {
			t.Fatal(err)
		}
		l = fakeRemote{l, ra}
	}
	done := make(chan error, 1)
	go func() { done <- s.ServeGRPC(l) }()
	conn, err := dial(addr, insecure.NewCredentials())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		conn.Close()
		s.Close()
		if err := <-done; err != nil {
			t.Errorf("ServeGRPC: %v", err)
		}
	})
	return conn
}

func TestGRPCAccessControl(t *testing.T) {
	const closed = "closed"
	def := config.Default().RPC
	with := func(f func(*config.RPC)) config.RPC { c := def; f(&c); return c }
	star := func(c *config.RPC) { c.Whitelist = []string{"*"} }
	isSync := func(conn *grpc.ClientConn) error {
		_, err := types.NewChain33Client(conn).IsSync(callCtx(t), &types.ReqNil{})
		return err
	}
	version := func(conn *grpc.ClientConn) error {
		_, err := types.NewChain33Client(conn).Version(callCtx(t), &types.ReqNil{})
		return err
	}
	nodeInfo := func(conn *grpc.ClientConn) error {
		_, err := types.NewQbftNodeClient(conn).GetNodeInfo(callCtx(t), &types.ReqNil{})
		return err
	}
	balance := func(conn *grpc.ClientConn) error {
		_, err := types.NewChain33Client(conn).GetBalance(callCtx(t), &types.ReqBalance{Execer: "coins"})
		return err
	}
	for _, c := range []struct {
		name   string
		cfg    config.RPC
		remote string
		call   func(*grpc.ClientConn) error
		want   string // "" = allowed
	}{
		{"default: loopback", def, "", isSync, ""},
		{"default: other loopback", def, "127.0.0.3:5000", isSync, ""},
		{"default: remote", def, "10.1.2.3:5000", isSync, closed},
		{"whitelisted", with(func(c *config.RPC) { c.Whitelist = []string{"10.1.2.3"} }), "10.1.2.3:5000", isSync, ""},
		{"not whitelisted", with(func(c *config.RPC) { c.Whitelist = []string{"10.1.2.4"} }), "10.1.2.3:5000", isSync, closed},
		{"whitelisted range", with(func(c *config.RPC) { c.Whitelist = []string{"10.1.2.0/24"} }), "10.1.2.3:5000", isSync, ""},
		{"outside the range", with(func(c *config.RPC) { c.Whitelist = []string{"10.1.3.0/24"} }), "10.1.2.3:5000", isSync, closed},
		{"star", with(star), "192.0.2.9:1", version, ""},
		{"func blacklist", with(func(c *config.RPC) { star(c); c.GrpcFuncBlacklist = []string{"GetBalance"} }), "192.0.2.9:1", balance,
			"The GetBalance method is not authorized!"},
		{"func blacklist, loopback", with(func(c *config.RPC) { star(c); c.GrpcFuncBlacklist = []string{"IsSync"} }), "", isSync, ""},
		{"func whitelist: listed", with(func(c *config.RPC) { star(c); c.GrpcFuncWhitelist = []string{"IsSync"} }), "192.0.2.9:1", isSync, ""},
		{"func whitelist: not listed", with(func(c *config.RPC) { star(c); c.GrpcFuncWhitelist = []string{"IsSync"} }), "192.0.2.9:1", version,
			"The Version method is not authorized!"},
		{"func whitelist: other service", with(func(c *config.RPC) { star(c); c.GrpcFuncWhitelist = []string{"IsSync"} }), "192.0.2.9:1", nodeInfo,
			"The GetNodeInfo method is not authorized!"},
		{"jrpc lists do not apply", with(func(c *config.RPC) {
			star(c)
			c.JrpcFuncWhitelist = []string{"Version"}
			c.JrpcFuncBlacklist = []string{"IsSync"}
		}),
			"192.0.2.9:1", isSync, ""},
	} {
		err := c.call(serveGRPC(t, c.cfg, c.remote))
		switch c.want {
		case "":
			if err != nil {
				t.Errorf("%s: %v", c.name, err)
			}
			continue
		case closed: // disconnected at accept, before anything was read
			if status.Code(err) != codes.Unavailable {
				t.Errorf("%s: error %v, want the connection closed (Unavailable)", c.name, err)
			}
			continue
		}
		wantStatus(t, c.name, err, codes.PermissionDenied, c.want)
	}
}

// rawCodec sends and receives message bytes as given.
type rawCodec struct{}

func (rawCodec) Marshal(v any) ([]byte, error) { return *v.(*[]byte), nil }
func (rawCodec) Unmarshal(data []byte, v any) error {
	*v.(*[]byte) = append([]byte(nil), data...)
	return nil
}
func (rawCodec) Name() string { return "proto" }

// Malformed requests get an error (or an answer), never a crash.
func TestGRPCMalformedRequests(t *testing.T) {
	c, ctx := chain33Client(t), callCtx(t)
	r := rand.New(rand.NewPCG(1, 2))
	garbage := [][]byte{
		{0xff}, {0x08}, {0x0a, 0xff, 0xff, 0xff, 0xff, 0x0f}, {0x12, 0x05, 'a'}, {0x0d, 1, 2, 3}, {0x1a, 0x02, 0x0a, 0xff},
		bytes.Repeat([]byte{0x1a, 0x80}, 1000), {0x08, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01},
	}
	for range 20 {
		b := make([]byte, r.IntN(64))
		for i := range b {
			b[i] = byte(r.Uint32())
		}
		garbage = append(garbage, b)
	}
	var methods []string
	for _, d := range []grpc.ServiceDesc{types.Chain33_ServiceDesc, types.QbftNode_ServiceDesc} {
		for _, m := range d.Methods {
			methods = append(methods, "/"+d.ServiceName+"/"+m.MethodName)
		}
	}
	for _, m := range methods {
		for _, g := range garbage {
			var out []byte
			_ = grpcConn.Invoke(ctx, m, &g, &out, grpc.ForceCodec(rawCodec{}))
		}
	}
	var out []byte
	in := []byte{}
	err := grpcConn.Invoke(ctx, "/types.chain33/CloseQueue", &in, &out, grpc.ForceCodec(rawCodec{}))
	if status.Code(err) != codes.Unimplemented {
		t.Errorf("CloseQueue: %v", err)
	}

	// Handler errors come as the reference's do: codes.Unknown, the chain33
	// error name as the message.
	for _, e := range []struct {
		name string
		call func() error
		code codes.Code
		msg  string
	}{
		{"QueryTransaction no hash", func() error { _, err := c.QueryTransaction(ctx, &types.ReqHash{}); return err }, codes.Unknown, "tx not exist"},
		{"GetBlocks past head", func() error { _, err := c.GetBlocks(ctx, &types.ReqBlocks{Start: 1 << 40, End: 1}); return err }, codes.Unknown, "ErrStartHeight"},
		{"GetHeaders reversed", func() error { _, err := c.GetHeaders(ctx, &types.ReqBlocks{Start: 2, End: 1}); return err }, codes.Unknown, "ErrEndLessThanStartHeight"},
		{"GetBlockHash negative", func() error { _, err := c.GetBlockHash(ctx, &types.ReqInt{Height: -1}); return err }, codes.Unknown, "ErrInvalidParam"},
		{"GetBalance bad address", func() error {
			_, err := c.GetBalance(ctx, &types.ReqBalance{Addresses: []string{"bad"}, Execer: "coins"})
			return err
		}, codes.Unknown, "ErrInvalidAddress"},
		{"GetAllExecBalance no address", func() error { _, err := c.GetAllExecBalance(ctx, &types.ReqAllExecBalance{}); return err }, codes.Unknown, "ErrInvalidAddress"},
		{"SignRawTx no key", func() error {
			_, err := c.SignRawTx(ctx, &types.ReqSignRawTx{TxHex: "0a05636f696e73", Expire: "120s"})
			return err
		}, codes.Unknown, "ErrNoPrivKeyOrAddr"},
		{"CreateRawTransaction negative", func() error { _, err := c.CreateRawTransaction(ctx, &types.CreateTx{Amount: -1}); return err }, codes.Unknown, "ErrAmount"},
		{"GetTransactionByHashes too many", func() error {
			_, err := c.GetTransactionByHashes(ctx, &types.ReqHashes{Hashes: make([][]byte, 1001)})
			return err
		}, codes.Unknown, "ErrMaxCountPerTime"},
		{"SendTransaction empty", func() error { _, err := c.SendTransaction(ctx, &types.Transaction{}); return err }, codes.Unknown, ""},
	} {
		err := e.call()
		if e.msg == "" {
			if err == nil {
				t.Errorf("%s: no error", e.name)
			}
			continue
		}
		wantStatus(t, e.name, err, e.code, e.msg)
	}
	if r, err := c.IsSync(ctx, &types.ReqNil{}); err != nil || !r.IsOk {
		t.Errorf("IsSync after malformed requests: %v %v", r, err)
	}
	if n := logs.count("panic"); n > 0 {
		t.Errorf("panics logged: %v", logs.messages())
	}
}

// Start serves gRPC on grpcBindAddr (plain or TLS), Close stops it.
func TestGRPCStartClose(t *testing.T) {
	cfg := config.Default().RPC
	cfg.JrpcBindAddr, cfg.GrpcBindAddr = "127.0.0.1:0", "127.0.0.1:0"
	s := newServer(t, settings(cfg))
	if err := s.Start(); err != nil {
		t.Fatal(err)
	}
	var addr net.Addr
	poll.Until(t, 5*time.Second, "the gRPC listener after Start", func() bool { addr = s.GRPCAddr(); return addr != nil })
	conn, err := dial(addr.String(), insecure.NewCredentials())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if r, err := types.NewChain33Client(conn).IsSync(callCtx(t), &types.ReqNil{}); err != nil || !r.IsOk {
		t.Fatalf("IsSync: %v %v", r, err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	if _, err := types.NewChain33Client(conn).IsSync(ctx, &types.ReqNil{}); err == nil {
		t.Error("still serving after Close")
	}
	l, _ := net.Listen("tcp", "127.0.0.1:0")
	if err := s.ServeGRPC(l); err != nil {
		t.Errorf("ServeGRPC after Close: %v", err)
	}

	// No grpcBindAddr: JSON-RPC only. Start says what it listens on before
	// it returns; the JSON-RPC listener serving proves the gRPC one had time.
	cfg.GrpcBindAddr = ""
	log, logs := logtest.New(slog.LevelInfo)
	s, err = rpc.NewServer(settings(cfg), testNode.RPCBackend(), log)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Start(); err != nil {
		t.Fatal(err)
	}
	poll.Until(t, 5*time.Second, "the JSON-RPC listener after Start", func() bool { return s.Addr() != nil })
	if s.GRPCAddr() != nil || logs.Count("gRPC listening") != 0 || logs.Count("JSON-RPC listening") != 1 {
		t.Errorf("gRPC served without grpcBindAddr:\n%s", logs)
	}
	s.Close()

	// TLS: a missing key pair is refused; a self-signed one serves.
	cfg.GrpcBindAddr, cfg.EnableTLS, cfg.CertFile, cfg.KeyFile = "127.0.0.1:0", true, "/nonexistent/cert.pem", "/nonexistent/key.pem"
	l, _ = net.Listen("tcp", "127.0.0.1:0")
	if err := newServer(t, settings(cfg)).ServeGRPC(l); err == nil || !strings.Contains(err.Error(), "grpc TLS") {
		t.Errorf("TLS without a key pair: %v", err)
	}
	dir := t.TempDir()
	cfg.CertFile, cfg.KeyFile = filepath.Join(dir, "cert.pem"), filepath.Join(dir, "key.pem")
	writeSelfSigned(t, cfg.CertFile, cfg.KeyFile)
	ts := newServer(t, settings(cfg))
	l, err = net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- ts.ServeGRPC(l) }()
	tconn, err := dial(l.Addr().String(), credentials.NewTLS(&tls.Config{InsecureSkipVerify: true}))
	if err != nil {
		t.Fatal(err)
	}
	defer tconn.Close()
	if r, err := types.NewChain33Client(tconn).IsSync(callCtx(t), &types.ReqNil{}); err != nil || !r.IsOk {
		t.Errorf("over TLS: %v %v", r, err)
	}
	pconn, _ := dial(l.Addr().String(), insecure.NewCredentials())
	defer pconn.Close()
	ctx2, cancel2 := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel2()
	if _, err := types.NewChain33Client(pconn).IsSync(ctx2, &types.ReqNil{}); err == nil {
		t.Error("plaintext call to a TLS server succeeded")
	}
	ts.Close()
	if err := <-done; err != nil {
		t.Errorf("ServeGRPC after Close: %v", err)
	}
}
