package rpc

import (
	"bytes"
	"encoding/json"
	"errors"
	"net/http/httptest"
	"testing"

	"chain33node/crypto"
	"chain33node/types"

	"google.golang.org/protobuf/proto"
)

// The renderings a single test node cannot show (it has no peers, no
// equivocations and one validator), from made-up data.

// Evidence is shown with the validator in upper-case hex and hashes and
// signatures in 0x-hex, a nil vote as "".
func TestEvidenceList(t *testing.T) {
	if b, _ := json.Marshal(evidenceList(nil)); string(b) != "[]" {
		t.Errorf("no evidence: %s", b)
	}
	ev := []*Evidence{{Height: 7, Round: 1, Type: 2, Validator: []byte{0xab, 0x01}, HashA: []byte{1, 2}, HashB: nil,
		SigA: []byte{0xaa}, SigB: []byte{0xbb}}}
	b, err := json.Marshal(evidenceList(ev))
	if err != nil {
		t.Fatal(err)
	}
	const want = `[{"height":7,"round":1,"type":2,"validator":"AB01","hashA":"0x0102","hashB":"","signatureA":"0xaa","signatureB":"0xbb"}]`
	if string(b) != want {
		t.Errorf("got  %s\nwant %s", b, want)
	}
}

// A validator's IP is the one its consensus connection comes from, ours for
// ourselves, UNKOWN (sic) when it is not connected.
func TestNodeInfoSet(t *testing.T) {
	key := func(b byte) []byte { return bytes.Repeat([]byte{b}, 48) }
	set := &types.ValidatorSet{Validators: []*types.Validator{
		{Address: []byte{0x0a}, PubKey: key(1), Power: 10, Accum: -5},
		{Address: []byte{0x0b}, PubKey: key(2), Power: 20},
		{Address: []byte{0x0c}, PubKey: key(3), Power: 30},
	}}
	peers := []*ConsensusPeer{{Key: key(1), IP: "10.0.0.1"}, {Key: key(2), IP: "10.0.0.2"}, {Key: nil, IP: "10.0.0.9"}}
	got := nodeInfoSet(set, peers)
	want := []string{"10.0.0.1", "10.0.0.2", "UNKOWN"}
	if len(got.Nodes) != 3 {
		t.Fatalf("nodes %v", got.Nodes)
	}
	for i, n := range got.Nodes {
		if n.NodeIP != want[i] {
			t.Errorf("validator %d: ip %s, want %s", i, n.NodeIP, want[i])
		}
	}
	if n := got.Nodes[0]; n.Address != "0A" || n.PubKey != string(bytes.Repeat([]byte("01"), 48)) || n.VotingPower != 10 || n.Accum != -5 || len(n.NodeID) != 40 {
		t.Errorf("node %v", n)
	}
}

// The signer bitmap is as long as the current set when it has not changed
// size since the block, else the certificate's bytes × 8.
func TestQbftBlockInfoBitmap(t *testing.T) {
	h := &types.Header{Height: 5, Hash: []byte{5}, ParentHash: []byte{4}, BlockTime: 1700000000, TxCount: 3}
	c := &Commit{Round: 2, Signers: []byte{0b101, 0b1}, AggSig: []byte{0xee}} // validators 0, 2 and 8
	for _, tc := range []struct {
		validators int
		bits       int32
	}{{9, 9}, {16, 16}, {4, 16}, {-1, 16}} {
		info := qbftBlockInfo("chain", h, c, 42, tc.validators)
		av := info.Block.LastCommit.AggVote
		if av.ValidatorArray.Bits != tc.bits || len(av.ValidatorArray.Elems) != 1 || av.ValidatorArray.Elems[0] != 1|1<<2|1<<8 {
			t.Errorf("%d validators: bitmap %v", tc.validators, av.ValidatorArray)
		}
		hd := info.Block.Header
		if hd.ChainID != "chain" || hd.Height != 5 || hd.Round != 2 || hd.TotalTxs != 42 || hd.NumTxs != 3 ||
			!bytes.Equal(hd.LastBlockID.Hash, []byte{4}) || av.Round != 2 || !bytes.Equal(av.Signature, []byte{0xee}) {
			t.Errorf("block info %v", info)
		}
	}
}

// A remote peer is shown in JSON and gRPC alike: no difficulty, an empty
// finalized pointer.
func TestPeerShapes(t *testing.T) {
	p := &Peer{Addr: "10.0.0.1", Port: 13802, Name: "02ab", MempoolSize: 3,
		Header: &types.Header{Height: 9, Hash: []byte{9}, ParentHash: []byte{8}, Difficulty: 520159231, Signature: &types.Signature{Ty: 1}}}
	b, err := json.Marshal(peersJSON([]*Peer{p}))
	if err != nil {
		t.Fatal(err)
	}
	const want = `[{"addr":"10.0.0.1","port":13802,"name":"02ab","mempoolSize":3,"self":false,"header":{"version":0,"parentHash":"0x08","txHash":"","stateHash":"","height":9,"blockTime":0,"txCount":0,"hash":"0x09","difficulty":0},"finalized":{"height":0,"hash":""}}]`
	if string(b) != want {
		t.Errorf("JSON\n got %s\nwant %s", b, want)
	}
	wantPB := &types.Peer{Addr: "10.0.0.1", Port: 13802, Name: "02ab", MempoolSize: 3, Finalized: &types.SnowChoice{},
		Header: &types.Header{Height: 9, Hash: []byte{9}, ParentHash: []byte{8}}}
	if got := peerPB(p); !proto.Equal(got, wantPB) {
		t.Errorf("gRPC\n got %v\nwant %v", got, wantPB)
	}
}

// A block is rendered a transaction and a receipt at a time (out.block)
// to the bytes encoding types.NewBlockDetailJSON gives, with and without
// transactions and receipts, HTML and line separators escaped.
func TestBlockDetailRendering(t *testing.T) {
	k, err := crypto.GenerateSigner(crypto.SignTypeSecp256k1)
	if err != nil {
		t.Fatal(err)
	}
	transfer := func(note string) *types.Transaction {
		payload, _ := proto.Marshal(&types.CoinsAction{Ty: 1, Value: &types.CoinsAction_Transfer{Transfer: &types.AssetsTransfer{Amount: 1e8, To: "1To", Note: []byte(note)}}})
		tx := &types.Transaction{Execer: []byte("coins"), Payload: payload, Fee: 100000, Nonce: 7, To: "1To<&>"}
		types.Sign(tx, k)
		return tx
	}
	txs := []*types.Transaction{transfer("<a>&\u2028"), transfer(""), {Execer: []byte("user.x"), Payload: []byte{1, 2}, ChainID: 3}}
	transferLog, _ := proto.Marshal(&types.ReceiptAccountTransfer{Prev: &types.Account{Balance: 1, Addr: "<a>"}, Current: &types.Account{Balance: 2}})
	receipts := []*types.ReceiptData{{Ty: 2, Logs: []*types.ReceiptLog{{Ty: 3, Log: transferLog}, {Ty: 999, Log: []byte("x")}}}, {Ty: 1}, {Ty: 2}}
	sig := &types.Signature{Ty: 5, Pubkey: []byte{2, 0xab}, Signature: []byte{0x30, 0x44}}
	header := func(txs []*types.Transaction) *types.Block {
		return &types.Block{Version: 1, ParentHash: []byte{1}, TxHash: []byte{2}, StateHash: []byte{3}, Height: 9, BlockTime: 1700000000,
			Txs: txs, Difficulty: 5, MainHash: []byte{4}, MainHeight: 9, Signature: sig}
	}
	for _, d := range []*types.BlockDetail{
		{Block: header(txs)},
		{Block: header(txs), Receipts: receipts},
		{Block: header(nil)},
		{Block: &types.Block{Txs: []*types.Transaction{}}, Receipts: []*types.ReceiptData{}},
		{Block: &types.Block{Height: 1, Txs: txs[:1]}, Receipts: receipts[:1]},
	} {
		for _, precision := range []int64{1e8, 1e4} {
			want, err := marshalJSON(types.NewBlockDetailJSON(d.Block, d.Receipts, precision))
			if err != nil {
				t.Fatal(err)
			}
			o := &out{b: []byte("prefix,"), max: 1 << 20}
			if err := o.value(blockJSON{d, precision}); err != nil {
				t.Fatal(err)
			}
			if got := string(o.b); got != "prefix,"+string(want) {
				t.Errorf("got  %s\nwant prefix,%s", got, want)
			}
		}
	}

	// Over the cap, at any point of the block, it is refused.
	d := blockJSON{&types.BlockDetail{Block: header(txs), Receipts: receipts}, 1e8}
	whole, _ := marshalJSON(types.NewBlockDetailJSON(d.Block, d.Receipts, d.coinPrecision))
	for limit := 0; limit < len(whole); limit += 7 {
		o := &out{max: limit}
		if err := o.value(d); !errors.Is(err, ErrResponseTooLarge) {
			t.Fatalf("cap %d of %d: %v", limit, len(whole), err)
		}
	}
	o := &out{max: len(whole)}
	if err := o.value(d); err != nil || !bytes.Equal(o.b, whole) {
		t.Fatalf("at the cap: %v %s", err, o.b)
	}
}

// The bulk slot keeps the buffer its last response was built in for the
// next one, unless it grew past bulkKept.
func TestBulkSlotKeepsItsBuffer(t *testing.T) {
	s := &Server{bulk: make(chan []byte, 1)}
	s.bulk <- nil
	r := httptest.NewRequest("POST", "/", nil)
	build := func(n int) *out {
		o := &out{max: 2 * bulkKept}
		if !s.takeBulk(r, o) {
			t.Fatal("slot not taken")
		}
		if len(o.b) != 0 {
			t.Fatalf("a response starts with %d bytes", len(o.b))
		}
		o.add(make([]byte, n))
		s.releaseBulk(o)
		return o
	}
	first := build(1 << 20)
	if second := build(10); &second.b[0] != &first.b[0] {
		t.Error("the second response did not reuse the first's buffer")
	}
	build(bulkKept + 1)
	if b := <-s.bulk; b != nil {
		t.Errorf("a buffer of %d bytes was kept", cap(b))
	}
}

// GetBlockBySeq's answer is the reference's BlockSeq as encoding/json writes
// it, its detail with the block's transactions and receipts.
func TestBlockSeqRendering(t *testing.T) {
	k, err := crypto.GenerateSigner(crypto.SignTypeSecp256k1)
	if err != nil {
		t.Fatal(err)
	}
	payload, _ := proto.Marshal(&types.CoinsAction{Ty: 1, Value: &types.CoinsAction_Transfer{Transfer: &types.AssetsTransfer{Amount: 1e8, To: "1To"}}})
	tx := &types.Transaction{Execer: []byte("coins"), Payload: payload, Fee: 100000, To: "1To"}
	types.Sign(tx, k)
	log, _ := proto.Marshal(&types.ReceiptAccountTransfer{Prev: &types.Account{Balance: 3, Addr: "1To"}, Current: &types.Account{Balance: 2, Addr: "1To"}})
	b := &types.BlockSeq{Num: 7, Seq: &types.BlockSequence{Hash: []byte{0xab, 1}, Type: addBlockSeq}, Detail: &types.BlockDetail{
		Block:    &types.Block{Height: 7, ParentHash: []byte{1}, Txs: []*types.Transaction{tx}},
		Receipts: []*types.ReceiptData{{Ty: types.ExecOk, Logs: []*types.ReceiptLog{{Ty: types.TyLogFee, Log: log}}}}}}
	type blockSeqJSON struct { // rpctypes.BlockSeq
		Num    int64                  `json:"num"`
		Seq    *ReplyBlkSeqJSON       `json:"seq"`
		Detail *types.BlockDetailJSON `json:"detail"`
	}
	want, err := marshalJSON(&blockSeqJSON{Num: 7, Seq: &ReplyBlkSeqJSON{Hash: "0xab01", Type: addBlockSeq},
		Detail: types.NewBlockDetailJSON(b.Detail.Block, b.Detail.Receipts, 1e8)})
	if err != nil {
		t.Fatal(err)
	}
	o := &out{max: 1 << 20}
	if err := o.value(blockSeq(b, 1e8)); err != nil || string(o.b) != string(want) {
		t.Fatalf("got  %s (%v)\nwant %s", o.b, err, want)
	}
}
