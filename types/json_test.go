package types

import (
	"bytes"
	"encoding/json"
	"math/rand/v2"
	"os"
	"strconv"
	"strings"
	"testing"

	"chain33node/crypto"

	"google.golang.org/protobuf/proto"
)

// The expected outputs in testdata/cli_*.json are verbatim copies of the
// reference CLI's output in /work/shared/spec/chain33-transcript.md (the CLI
// prints json.MarshalIndent(result, "", "    ") and a newline).

const coinPrecision = 1e8

// transcript §2: the signed qbft-manager config tx (wallet send -d ...).
const manageTxHex = "0a066d616e61676512390a370a0c716266742d6d616e616765721222313271796f6361794e46374c7636433971573461767873324537553431664b5366761a036164641a6e0801122102504fa1c28caaf1d5a20fefb87c50a49724ff401043420cb3ba271997eb5a43871a4730450221008ba13d90b141d31148c3e9502f64bc6cb911c30892a1b1fe750f4c11f75dc6a4022023d8ae0842907fc6abf523892790016b609c7a3253b3fb2a4a6bca91f82ce6b020a08d0628baca84d80630f4a1f2a1c28fe4e3653a223151344e687572654a784b4e4266373164323642394a336642516f5163666d657a32"

// transcript §3: the unsigned coins transfer built by `coins transfer`.
const coinsTxHex = "0a05636f696e73122d18010a291080c2d72f2222313271796f6361794e46374c7636433971573461767873324537553431664b53667620a08d0630f6fb8f92d9c88fb2173a22313271796f6361794e46374c7636433971573461767873324537553431664b536676"

func mustDecodeTx(t *testing.T, h string) *Tx {
	t.Helper()
	raw, err := DecodeHex(h)
	if err != nil {
		t.Fatal(err)
	}
	tx, err := DecodeTx(raw)
	if err != nil {
		t.Fatal(err)
	}
	return tx
}

func cliPrint(t *testing.T, v any) string {
	t.Helper()
	b, err := json.MarshalIndent(v, "", "    ")
	if err != nil {
		t.Fatal(err)
	}
	return string(b) + "\n"
}

func fixture(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func compareText(t *testing.T, name, got, want string) {
	t.Helper()
	if got == want {
		return
	}
	gl, wl := strings.Split(got, "\n"), strings.Split(want, "\n")
	for i := 0; i < len(gl) || i < len(wl); i++ {
		var g, w string
		if i < len(gl) {
			g = gl[i]
		}
		if i < len(wl) {
			w = wl[i]
		}
		if g != w {
			t.Fatalf("%s: first difference at line %d:\n got: %q\nwant: %q", name, i+1, g, w)
		}
	}
}

func TestCLITxDecode(t *testing.T) {
	for _, c := range []struct{ hex, file string }{
		{manageTxHex, "cli_tx_decode_manage.json"},
		{coinsTxHex, "cli_tx_decode_coins.json"},
	} {
		tx := mustDecodeTx(t, c.hex)
		out := &CLITxListJSON{Txs: []*CLITxJSON{NewCLITxJSON(NewTxJSON(tx, coinPrecision))}}
		compareText(t, c.file, cliPrint(t, out), fixture(t, c.file))
	}
}

// TestRPCTxJSON checks the JSON-RPC form (rpctypes.Transaction tags:
// rawPayload, feefmt, from before to, chainID omitted when 0). The transcript
// has no raw RPC transaction; the expected text follows the reference struct.
func TestRPCTxJSON(t *testing.T) {
	tx := mustDecodeTx(t, manageTxHex)
	b, err := json.Marshal(NewTxJSON(tx, coinPrecision))
	if err != nil {
		t.Fatal(err)
	}
	want := `{"execer":"manage","payload":{"modify":{"key":"qbft-manager","value":"12qyocayNF7Lv6C9qW4avxs2E7U41fKSfv","op":"add","addr":""},"Ty":0},` +
		`"rawPayload":"0x0a370a0c716266742d6d616e616765721222313271796f6361794e46374c7636433971573461767873324537553431664b5366761a03616464",` +
		`"signature":{"ty":1,"pubkey":"0x02504fa1c28caaf1d5a20fefb87c50a49724ff401043420cb3ba271997eb5a4387","signature":"0x30450221008ba13d90b141d31148c3e9502f64bc6cb911c30892a1b1fe750f4c11f75dc6a4022023d8ae0842907fc6abf523892790016b609c7a3253b3fb2a4a6bca91f82ce6b0"},` +
		`"fee":100000,"feefmt":"0.0010","expire":1795237178,"nonce":7333989381054435572,"from":"14KEKbYtKKQm4wMthSK9J4La4nAiidGozt",` +
		`"to":"1Q4NhureJxKNBf71d26B9J3fBQoQcfmez2","hash":"0xf3145173e45d9fb93c58df3daead7b86548a98cac725e0d3abdd531ddfb5db4d"}`
	if string(b) != want {
		t.Fatalf("got  %s\nwant %s", b, want)
	}

	// Unknown executor: payload null; amount, header, next, chainID appear
	// only when set.
	raw := &Transaction{Execer: []byte("user.evidence"), Payload: []byte("hi"), Fee: 1, Nonce: 2, To: "x",
		Header: []byte{1}, Next: []byte{2}, GroupCount: 2, ChainID: 33}
	j := NewTxJSON(NewTx(raw), coinPrecision)
	j.SetAmount(150000000, coinPrecision)
	b, _ = json.Marshal(j)
	want = `{"execer":"user.evidence","payload":null,"rawPayload":"0x6869","signature":{"ty":0,"pubkey":"","signature":""},` +
		`"fee":1,"feefmt":"0.0000","expire":0,"nonce":2,"from":"1HT7xU2Ngenf7D4yocz2SAcnNLW7rK8d4E","to":"x",` +
		`"amount":150000000,"amountfmt":"1.5000","groupCount":2,"header":"0x01","next":"0x02","hash":"` + HexWith0x(TxHash(raw)) + `","chainID":33}`
	if string(b) != want {
		t.Fatalf("got  %s\nwant %s", b, want)
	}
}

// rebuildTx rebuilds a transaction from the reference CLI's print of it and
// checks that its hash is the one printed.
func rebuildTx(t *testing.T, w *CLITxJSON) *Tx {
	t.Helper()
	fee, err := strconv.ParseFloat(w.Fee, 64)
	if err != nil {
		t.Fatal(err)
	}
	payload, _ := DecodeHex(w.RawPayload)
	pub, _ := DecodeHex(w.Signature.Pubkey)
	sig, _ := DecodeHex(w.Signature.Signature)
	tx := NewTx(&Transaction{
		Execer:    []byte(w.Execer),
		Payload:   payload,
		Signature: &Signature{Ty: w.Signature.Ty, Pubkey: pub, Signature: sig},
		Fee:       int64(fee*1e4+0.5) * 1e4,
		Expire:    w.Expire,
		Nonce:     w.Nonce,
		To:        w.To,
		ChainID:   w.ChainID,
	})
	if HexWith0x(tx.Hash) != w.Hash {
		t.Fatalf("rebuilt tx hash %x, transcript %s", tx.Hash, w.Hash)
	}
	return tx
}

// replayTxQuery rebuilds the transaction and receipt shown by a reference
// `tx query` output and renders them again.
func replayTxQuery(t *testing.T, want *CLITxDetailJSON) *TxDetailJSON {
	t.Helper()
	tx := rebuildTx(t, want.Tx)
	rd := &ReceiptData{Ty: want.Receipt.Ty}
	for _, l := range want.Receipt.Logs {
		b, err := DecodeHex(l.RawLog)
		if err != nil {
			t.Fatal(err)
		}
		rd.Logs = append(rd.Logs, &ReceiptLog{Ty: l.Ty, Log: b})
	}
	var proofs [][]byte
	for _, p := range want.TxProofs[0].Proofs {
		b, _ := DecodeHex(p)
		proofs = append(proofs, b)
	}
	return NewTxDetailJSON(tx, rd, want.Height, int32(want.Index), want.BlockTime, proofs, coinPrecision, "bty")
}

func TestCLITxQuery(t *testing.T) {
	for _, file := range []string{
		"cli_tx_query_manage.json",   // manage modify: LogFee + LogModifyConfig, no amount, assets null
		"cli_tx_query_coins.json",    // coins transfer: LogFee + 2×LogTransfer, assets BTY
		"cli_tx_query_coins2.json",   // same, core CLI, two proofs
		"cli_tx_query_execpack.json", // ExecPack with LogErr "ErrAmount"
	} {
		text := fixture(t, file)
		var want CLITxDetailJSON
		if err := json.Unmarshal([]byte(text), &want); err != nil {
			t.Fatal(err)
		}
		d := replayTxQuery(t, &want)
		compareText(t, file, cliPrint(t, NewCLITxDetailJSON(d, coinPrecision)), text)
	}

	// tx query_hash prints the same without txProofs and fullHash.
	text := fixture(t, "cli_tx_query_hash.json")
	var want CLITxDetailsJSON
	if err := json.Unmarshal([]byte(text), &want); err != nil {
		t.Fatal(err)
	}
	var q CLITxDetailJSON
	if err := json.Unmarshal([]byte(fixture(t, "cli_tx_query_coins.json")), &q); err != nil {
		t.Fatal(err)
	}
	c := NewCLITxDetailJSON(replayTxQuery(t, &q), coinPrecision)
	c.TxProofs, c.FullHash = nil, ""
	compareText(t, "cli_tx_query_hash.json", cliPrint(t, &CLITxDetailsJSON{Txs: []*CLITxDetailJSON{c}}), text)
}

func TestRPCTxDetailJSON(t *testing.T) {
	var q CLITxDetailJSON
	if err := json.Unmarshal([]byte(fixture(t, "cli_tx_query_coins.json")), &q); err != nil {
		t.Fatal(err)
	}
	d := replayTxQuery(t, &q)
	b, err := json.Marshal(d)
	if err != nil {
		t.Fatal(err)
	}
	s := string(b)
	// Key order and names of rpctypes.TransactionDetail; the legacy proofs
	// are null after ForkRootHash (the CLI output omits them).
	for _, frag := range []string{
		`"to":"12qyocayNF7Lv6C9qW4avxs2E7U41fKSfv","amount":100000000,"amountfmt":"1.0000","hash":`,
		`},"proofs":null,"height":34,"index":1,"blockTime":1795237065,"amount":100000000,"fromAddr":"14KEKbYtKKQm4wMthSK9J4La4nAiidGozt","actionName":"transfer",` +
			`"assets":[{"exec":"coins","symbol":"BTY","amount":100000000}],"txProofs":[{"proofs":["0x10ed0bc14dd4a93fc7f97e1f216182b4531c85ed76cf1854d22b7b3250b98780"],"index":1,"rootHash":""}],` +
			`"fullHash":"0x413975d552bf7191e50b496517ae80357be67b51219368625509c8cc21a2e85a"}`,
		`{"tx":{"execer":"coins","payload":{"transfer":{"cointoken":"","amount":"100000000","note":null,"to":"12qyocayNF7Lv6C9qW4avxs2E7U41fKSfv"},"ty":1},"rawPayload":`,
		`"receipt":{"ty":2,"tyName":"ExecOk","logs":[{"ty":2,"tyName":"LogFee","log":{"prev":{"currency":0,"balance":"9999999999900000","frozen":"0","addr":"14KEKbYtKKQm4wMthSK9J4La4nAiidGozt"},`,
	} {
		if !strings.Contains(s, frag) {
			t.Errorf("missing %s\nin %s", frag, s)
		}
	}
	// The CLI decodes this JSON back into the RPC struct: it round-trips.
	var back TxDetailJSON
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	b2, _ := json.Marshal(&back)
	if !bytes.Equal(b, b2) {
		t.Fatalf("round trip changed:\n%s\n%s", b, b2)
	}
}

func TestCLIBlockGet(t *testing.T) {
	text := fixture(t, "cli_block_get.json")
	var want CLIBlockDetailsJSON
	if err := json.Unmarshal([]byte(text), &want); err != nil {
		t.Fatal(err)
	}
	wb := want.Items[0].Block
	parent, _ := DecodeHex(wb.ParentHash)
	txHash, _ := DecodeHex(wb.TxHash)
	state, _ := DecodeHex(wb.StateHash)
	blk := &Block{ParentHash: parent, TxHash: txHash, StateHash: state, Height: wb.Height, BlockTime: wb.BlockTime, Difficulty: 523239423}
	for _, w := range wb.Txs {
		blk.Txs = append(blk.Txs, rebuildTx(t, w).Transaction)
	}
	rpc := NewBlockDetailJSON(blk, []*ReceiptData{{Ty: ExecOk}}, coinPrecision)
	got := &CLIBlockDetailsJSON{Items: []*CLIBlockDetailJSON{NewCLIBlockDetailJSON(rpc)}}
	compareText(t, "cli_block_get.json", cliPrint(t, got), text)

	// The RPC form: "recipts", camelCase hashes, difficulty when non-zero.
	b, _ := json.Marshal(&BlockDetailsJSON{Items: []*BlockDetailJSON{rpc}})
	s := string(b)
	for _, frag := range []string{
		`{"items":[{"block":{"version":0,"parentHash":"0xfd39dbdbd2cdeb9f34bcec3612735671b35e2e2dbf9a4e6e3ed0c34804a757bb","txHash":"0xe431`,
		`"height":1,"blockTime":1795236977,"txs":[{"execer":"qbftNode","payload":{"blockInfo":`,
		`"chainID":"chain33-8SE7aV"`,
		`"hash":"0xda216cd06440125281a88a2d833d5b516de907b976217e1c52314ed56125864b"}],"difficulty":523239423},"recipts":[{"ty":2,"tyName":"ExecOk","logs":null}]}]}`,
	} {
		if !strings.Contains(s, frag) {
			t.Errorf("missing %s\nin %s", frag, s)
		}
	}
	b, _ = json.Marshal(NewBlockDetailJSON(&Block{}, nil, coinPrecision))
	if want := `{"block":{"version":0,"parentHash":"","txHash":"","stateHash":"","height":0,"blockTime":0,"txs":null},"recipts":null}`; string(b) != want {
		t.Fatalf("got %s want %s", b, want)
	}
}

func TestHeaderJSON(t *testing.T) {
	// transcript §6, curl Chain33.GetLastHeader (the result member).
	want := `{"version":0,"parentHash":"0xc31b0b113daebebddd79348ebc5db5a1c1c91e68537f4eda6c6d2918f51d80a7","txHash":"0x9633f38d7fea41ecd237ed3836fdf0bc939603b2b5f626f81dfd1d1d14af124c","stateHash":"0x68fff97fe2a82ecf396a56e6f64af7adb3b4b1c392d6b1de23c041e2b7687bdc","height":39,"blockTime":1795237078,"txCount":1,"hash":"0xce45b078ab979711973dd3e214c7eea3423880a0fc0e1109f638b64cf19eba36","difficulty":523239423}`
	var hj HeaderJSON
	if err := json.Unmarshal([]byte(want), &hj); err != nil {
		t.Fatal(err)
	}
	h := &Header{Height: hj.Height, BlockTime: hj.BlockTime, TxCount: hj.TxCount, Difficulty: hj.Difficulty}
	h.ParentHash, _ = DecodeHex(hj.ParentHash)
	h.TxHash, _ = DecodeHex(hj.TxHash)
	h.StateHash, _ = DecodeHex(hj.StateHash)
	h.Hash, _ = DecodeHex(hj.Hash)
	b, _ := json.Marshal(NewHeaderJSON(h))
	if string(b) != want {
		t.Fatalf("got  %s\nwant %s", b, want)
	}
}

func TestReceiptJSON(t *testing.T) {
	b, _ := json.Marshal(NewReceiptJSON(&ReceiptData{Ty: ExecOk}))
	if want := `{"ty":2,"tyName":"ExecOk","logs":null}`; string(b) != want {
		t.Fatalf("got %s want %s", b, want)
	}
	b, _ = json.Marshal(NewReceiptJSON(&ReceiptData{Ty: 7, Logs: []*ReceiptLog{{Ty: 999, Log: []byte{1}}, {Ty: TyLogFee, Log: []byte{0xff}}, {Ty: TyLogErr}}}))
	want := `{"ty":7,"tyName":"Unknown","logs":[{"ty":999,"tyName":"unkownType","log":null,"rawLog":"0x01"},` +
		`{"ty":2,"tyName":"LogFee","log":null,"rawLog":"0xff"},{"ty":1,"tyName":"LogErr","log":"","rawLog":""}]}`
	if string(b) != want {
		t.Fatalf("got  %s\nwant %s", b, want)
	}
}

func TestHex(t *testing.T) {
	if HexWith0x(nil) != "" || HexWith0x([]byte{0xAB, 1}) != "0xab01" {
		t.Fatal("HexWith0x")
	}
	for in, want := range map[string]string{"0xab01": "ab01", "0XAB01": "ab01", "ab01": "ab01", "0xabc": "0abc", "": ""} {
		b, err := DecodeHex(in)
		if err != nil || hexString(b) != want {
			t.Errorf("DecodeHex(%q) = %x, %v", in, b, err)
		}
	}
	if _, err := DecodeHex("0xzz"); err == nil {
		t.Error("DecodeHex accepted 0xzz")
	}
}

func hexString(b []byte) string { return strings.TrimPrefix(HexWith0x(b), "0x") }

// BenchmarkBlockDetailJSON renders a block of 1,000 coins transfers from 256
// senders: "encoding" as push does (NewBlockDetailJSON, then encoding/json),
// "append" its transactions as GetBlocks does (AppendBlockTxJSON).
func BenchmarkBlockDetailJSON(b *testing.B) {
	var keys []*crypto.PrivKey
	for range 256 {
		k, _ := crypto.GeneratePrivKey()
		keys = append(keys, k)
	}
	blk := &Block{Height: 7, BlockTime: 1795236977, ParentHash: make([]byte, 32), TxHash: make([]byte, 32), StateHash: make([]byte, 32)}
	for i := range 1000 {
		k := keys[i%len(keys)]
		tx := coinsTransfer(b, crypto.PubKeyToAddr(keys[(i+1)%len(keys)].PubKey()), nil)
		tx.Nonce = int64(i)
		Sign(tx, k)
		blk.Txs = append(blk.Txs, tx)
	}
	b.Run("encoding", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := json.Marshal(NewBlockDetailJSON(blk, nil, coinPrecision)); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("append", func(b *testing.B) {
		b.ReportAllocs()
		var out []byte
		for b.Loop() {
			out = out[:0]
			for _, tx := range blk.Txs {
				out = AppendBlockTxJSON(out, tx, coinPrecision)
			}
		}
	})
}

// AppendBlockTxJSON writes what encoding/json writes for the TxJSON that
// NewBlockDetailJSON makes, for transactions of every field's shapes: each
// payload type, undecodable and unknown payloads, notes and addresses that
// need escaping (HTML, line separators, invalid UTF-8), every signature type
// and none, group fields, a chain id, negative numbers, any coin precision;
// and AppendTxDetailJSON what it writes for NewTxDetailJSON of the same
// transactions, with receipts, proofs and coin symbols.
func TestAppendBlockTxJSON(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	texts := []string{"", "note", "<a href='x'>&amp;</a>", "line\u2028sep\u2029", "\x00\x1f\"\\", "\xff\xfe bad utf-8", "中文", "0x6c0d7BE0d2C8350042890a77393158181716b0d6"}
	text := func() string { return texts[rng.IntN(len(texts))] }
	blob := func() []byte {
		if rng.IntN(3) == 0 {
			return nil
		}
		b := make([]byte, rng.IntN(40))
		for i := range b {
			b[i] = byte(rng.IntN(256))
		}
		return b
	}
	payload := func() []byte {
		var m proto.Message
		switch rng.IntN(6) {
		case 0:
			m = &CoinsAction{Ty: 1, Value: &CoinsAction_Transfer{Transfer: &AssetsTransfer{Cointoken: text(), Amount: rng.Int64() - rng.Int64(), Note: []byte(text()), To: text()}}}
		case 1:
			m = &CoinsAction{Ty: 3, Value: &CoinsAction_Withdraw{Withdraw: &AssetsWithdraw{Amount: 5, Note: blob(), ExecName: text(), To: text()}}}
		case 2:
			m = &ManageAction{Ty: 1, Value: &ManageAction_Modify{Modify: &ModifyConfig{Key: text(), Value: text(), Op: "add", Addr: text()}}}
		case 3:
			m = &QbftNodeAction{Ty: 1, Value: &QbftNodeAction_Node{Node: &QbftNode{PubKey: text(), Power: rng.Int64N(100)}}}
		case 4:
			return blob() // mostly undecodable for execer
		default:
			return nil
		}
		b, err := proto.Marshal(m)
		if err != nil { // a string field of invalid UTF-8: none
			return nil
		}
		return b
	}
	execers := []string{ExecCoins, ExecManage, ExecQbftNode, ExecNone, "user.p.x.coins", "evm", "<x>", ""}
	var signers []crypto.Signer
	for _, id := range allSignTypes {
		k, err := crypto.GenerateSigner(id)
		if err != nil {
			t.Fatal(err)
		}
		signers = append(signers, k)
	}
	seen := map[string]int{`"payload":{`: 0, `"from":`: 0, `\u003c`: 0, `\ufffd`: 0, `"chainID":`: 0, `"next":`: 0,
		`"amountfmt":`: 0, `"assets":[{`: 0, `"proofs":["`: 0, `"actionName":"withdraw"`: 0, `"receipt":{"ty":0,"tyName":"ExecErr","logs":null}`: 0}
	for i := range 3000 {
		execer := execers[rng.IntN(len(execers))]
		tx := &Transaction{Execer: []byte(execer), Payload: payload(), Fee: rng.Int64N(1e9) - 1e8, Expire: rng.Int64(), Nonce: rng.Int64() - rng.Int64(), To: text()}
		if rng.IntN(4) == 0 {
			tx.GroupCount, tx.Header, tx.Next = int32(rng.IntN(5)), blob(), blob()
		}
		if rng.IntN(3) == 0 {
			tx.ChainID = rng.Int32()
		}
		switch rng.IntN(8) {
		case 0: // unsigned
		case 1:
			tx.Signature = &Signature{Ty: rng.Int32N(1 << 20), Pubkey: blob(), Signature: blob()}
		default:
			SignAs(tx, signers[rng.IntN(len(signers))], []int32{crypto.AddressIDBTC, crypto.AddressIDBTCMultiSign, crypto.AddressIDEth}[rng.IntN(3)])
		}
		precision := []int64{0, 1, 1e4, 1e8, 3}[rng.IntN(5)]
		var want bytes.Buffer
		if err := json.NewEncoder(&want).Encode(NewBlockDetailJSON(&Block{Txs: []*Transaction{tx}}, nil, precision).Block.Txs[0]); err != nil {
			t.Fatal(err)
		}
		got := AppendBlockTxJSON([]byte("prefix"), tx, precision)
		if string(got) != "prefix"+strings.TrimSuffix(want.String(), "\n") {
			t.Fatalf("transaction %d (%v):\n got %s\nwant prefix%s", i, tx, got, want.Bytes())
		}
		d := NewTx(tx)
		var receipt *ReceiptData
		if rng.IntN(4) > 0 {
			log, _ := proto.Marshal(&ReceiptAccountTransfer{Prev: &Account{Balance: rng.Int64(), Addr: text()}})
			receipt = &ReceiptData{Ty: rng.Int32N(3), Logs: []*ReceiptLog{{Ty: TyLogFee, Log: log}, {Ty: TyLogErr, Log: []byte(text())}}}
		}
		var proofs [][]byte
		for range rng.IntN(4) {
			proofs = append(proofs, blob())
		}
		height, index, blockTime, symbol := rng.Int64(), rng.Int32()-rng.Int32(), rng.Int64(), text()
		wantDetail, err := json.Marshal(NewTxDetailJSON(d, receipt, height, index, blockTime, proofs, precision, symbol))
		if err != nil {
			t.Fatal(err)
		}
		detail := AppendTxDetailJSON([]byte("prefix"), d, receipt, height, index, blockTime, proofs, precision, symbol)
		if string(detail) != "prefix"+string(wantDetail) {
			t.Fatalf("transaction %d's detail (%v):\n got %s\nwant prefix%s", i, tx, detail, wantDetail)
		}
		countSeen(seen, append(got, detail...))
	}
	checkSeen(t, seen, "transactions")
}

// countSeen counts in seen each of its strings that out contains.
func countSeen(seen map[string]int, out []byte) {
	for c := range seen {
		if bytes.Contains(out, []byte(c)) {
			seen[c]++
		}
	}
}

// checkSeen fails t unless each string of seen was met at least 50 times:
// a random test's cases were met.
func checkSeen(t *testing.T, seen map[string]int, what string) {
	for c, n := range seen {
		if n < 50 {
			t.Errorf("%d %s with %s", n, what, c)
		}
	}
}

// TestAppendReceiptJSON: AppendReceiptJSON writes what encoding/json writes
// for NewReceiptJSON, for random receipts: account transfers with accounts
// unset, odd addresses and any amounts, the other log types, unknown and
// undecodable logs.
func TestAppendReceiptJSON(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	texts := []string{"", "14KEKbYtKKQm4wMthSK9J4La4nAiidGozt", "<a>&", "line\u2028sep", "\x00\"\\", "中文"}
	account := func() *Account {
		if rng.IntN(5) == 0 {
			return nil
		}
		return &Account{Currency: rng.Int32() - rng.Int32(), Balance: rng.Int64() - rng.Int64(), Frozen: rng.Int64N(3) - 1, Addr: texts[rng.IntN(len(texts))]}
	}
	blob := func() []byte {
		b := make([]byte, rng.IntN(30))
		for i := range b {
			b[i] = byte(rng.IntN(256))
		}
		return b
	}
	logTys := []int32{TyLogFee, TyLogTransfer, TyLogGenesis, TyLogDeposit, TyLogGenesisTransfer, TyLogExecTransfer, TyLogModifyConfig, TyLogErr, TyLogReserved, 999}
	log := func() *ReceiptLog {
		l := &ReceiptLog{Ty: logTys[rng.IntN(len(logTys))]}
		switch rng.IntN(6) {
		case 0:
			l.Log = blob() // mostly undecodable
		case 1:
			l.Log, _ = proto.Marshal(&ReceiptExecAccountTransfer{ExecAddr: texts[rng.IntN(len(texts))], Prev: account(), Current: account()})
		case 2:
			l.Log = append(blob()[:0], []byte{0x12, 0x04, 0xc3, 0x28, 0x01, 0x02}...) // current: a bad account
		default:
			l.Log, _ = proto.Marshal(&ReceiptAccountTransfer{Prev: account(), Current: account()})
		}
		return l
	}
	seen := map[string]int{`"log":{"prev":{`: 0, `"prev":null`: 0, `"log":null`: 0, `"execAddr":`: 0, `\u003c`: 0, `"logs":null`: 0, `"unkownType"`: 0}
	for i := range 3000 {
		r := &ReceiptData{Ty: rng.Int32N(5)}
		for range rng.IntN(4) {
			r.Logs = append(r.Logs, log())
		}
		want, err := json.Marshal(NewReceiptJSON(r))
		if err != nil {
			t.Fatal(err)
		}
		got := AppendReceiptJSON([]byte("prefix"), r)
		if string(got) != "prefix"+string(want) {
			t.Fatalf("receipt %d (%v):\n got %s\nwant prefix%s", i, r, got, want)
		}
		countSeen(seen, got)
	}
	checkSeen(t, seen, "receipts")
}

// BenchmarkReceiptJSON renders a transfer's receipt (its fee and two
// transfers): "encoding" as NewReceiptJSON and encoding/json, "append" as
// GetBlocks does (AppendReceiptJSON).
func BenchmarkReceiptJSON(b *testing.B) {
	transfer := func(prev, cur int64) []byte {
		raw, _ := proto.Marshal(&ReceiptAccountTransfer{
			Prev:    &Account{Balance: prev, Addr: "14KEKbYtKKQm4wMthSK9J4La4nAiidGozt"},
			Current: &Account{Balance: cur, Addr: "14KEKbYtKKQm4wMthSK9J4La4nAiidGozt"}})
		return raw
	}
	r := &ReceiptData{Ty: ExecOk, Logs: []*ReceiptLog{{Ty: TyLogFee, Log: transfer(9999999999900000, 9999999999800000)},
		{Ty: TyLogTransfer, Log: transfer(9999999999800000, 9999999899800000)}, {Ty: TyLogTransfer, Log: transfer(0, 100000000)}}}
	b.Run("encoding", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := json.Marshal(NewReceiptJSON(r)); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("append", func(b *testing.B) {
		b.ReportAllocs()
		var out []byte
		for b.Loop() {
			out = AppendReceiptJSON(out[:0], r)
		}
	})
}

// BenchmarkTxDetailJSON renders a committed transfer as QueryTransaction
// does: "encoding" NewTxDetailJSON and encoding/json, "append"
// AppendTxDetailJSON.
func BenchmarkTxDetailJSON(b *testing.B) {
	k, err := crypto.GeneratePrivKey()
	if err != nil {
		b.Fatal(err)
	}
	tx := coinsTransfer(b, crypto.PubKeyToAddr(k.PubKey()), nil)
	Sign(tx, k)
	d := NewTx(tx)
	log, _ := proto.Marshal(&ReceiptAccountTransfer{Prev: &Account{Balance: 9999999999900000, Addr: "14KEKbYtKKQm4wMthSK9J4La4nAiidGozt"},
		Current: &Account{Balance: 9999999999800000, Addr: "14KEKbYtKKQm4wMthSK9J4La4nAiidGozt"}})
	r := &ReceiptData{Ty: ExecOk, Logs: []*ReceiptLog{{Ty: TyLogFee, Log: log}, {Ty: TyLogTransfer, Log: log}, {Ty: TyLogTransfer, Log: log}}}
	proofs := make([][]byte, 11) // a block of 2,000
	for i := range proofs {
		proofs[i] = make([]byte, 32)
	}
	b.Run("encoding", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := json.Marshal(NewTxDetailJSON(d, r, 100, 7, 1795236977, proofs, coinPrecision, "bty")); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("append", func(b *testing.B) {
		b.ReportAllocs()
		var out []byte
		for b.Loop() {
			out = AppendTxDetailJSON(out[:0], d, r, 100, 7, 1795236977, proofs, coinPrecision, "bty")
		}
	})
}

// A coins withdraw's detail shows from and to swapped, as the reference's
// fmtTxDetail: fromAddr is the tx's to, tx.to the sender (tx.from stays the
// sender); a transfer's are as signed. Amount and assets are the action's.
func TestTxDetailFields(t *testing.T) {
	k, err := crypto.GeneratePrivKey()
	if err != nil {
		t.Fatal(err)
	}
	sender := crypto.PubKeyToAddr(k.PubKey())
	for _, c := range []struct {
		action       *CoinsAction
		fromAddr, to string
		name         string
	}{
		{&CoinsAction{Ty: CoinsActionWithdraw, Value: &CoinsAction_Withdraw{Withdraw: &AssetsWithdraw{Amount: 9, ExecName: "trade"}}}, "1Exec", sender, "withdraw"},
		{&CoinsAction{Ty: CoinsActionTransfer, Value: &CoinsAction_Transfer{Transfer: &AssetsTransfer{Amount: 9, To: "1Exec"}}}, sender, "1Exec", "transfer"},
	} {
		payload, _ := proto.Marshal(c.action)
		tx := &Transaction{Execer: []byte(ExecCoins), Payload: payload, Fee: 100000, To: "1Exec"}
		Sign(tx, k)
		d := NewTxDetailJSON(NewTx(tx), nil, 1, 0, 0, nil, coinPrecision, "bty")
		if d.FromAddr != c.fromAddr || d.Tx.To != c.to || d.Tx.From != sender || d.ActionName != c.name || d.Amount != 9 ||
			len(d.Assets) != 1 || *d.Assets[0] != (AssetJSON{Exec: ExecCoins, Symbol: "BTY", Amount: 9}) {
			t.Errorf("%s: fromAddr %s, tx from %s to %s, action %s, amount %d, assets %v", c.name, d.FromAddr, d.Tx.From, d.Tx.To, d.ActionName, d.Amount, d.Assets)
		}
	}
}
