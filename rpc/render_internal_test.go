package rpc

import (
	"bytes"
	"encoding/json"
	"errors"
	"testing"

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

// A block is rendered a transaction and a receipt at a time (out.blockDetail)
// to the bytes encoding it whole gives, with or without transactions and
// receipts, HTML and line separators escaped, raw payloads compacted.
func TestBlockDetailRendering(t *testing.T) {
	sig := &types.SignatureJSON{Ty: 1, Pubkey: "0x02ab", Signature: "0x3044"}
	tx := func(i int) *types.TxJSON {
		return &types.TxJSON{Execer: "coins", Payload: json.RawMessage(`{ "transfer" : {"note":"<a>&` + "\u2028" + `", "n": ` + string(rune('0'+i)) + `} }`),
			RawPayload: "0x18", Signature: sig, Fee: 100000, FeeFmt: "0.0010", Nonce: int64(i), From: "1From<>", To: "1To&", Hash: "0xabcd"}
	}
	rec := &types.ReceiptJSON{Ty: 2, TyName: "ExecOk", Logs: []*types.ReceiptLogJSON{{Ty: 3, TyName: "LogTransfer", Log: json.RawMessage(`{"x": "<y>"}`), RawLog: "0x01"}}}
	block := func(txs ...*types.TxJSON) *types.BlockJSON {
		return &types.BlockJSON{Version: 1, ParentHash: "0x01", TxHash: "0x02", StateHash: "0x03", Height: 9, BlockTime: 1700000000, Txs: txs,
			Difficulty: 5, MainHash: "0x04", MainHeight: 9, Signature: sig}
	}
	for _, d := range []*types.BlockDetailJSON{
		{Block: block(tx(1), tx(2), tx(3))},
		{Block: block(tx(1), tx(2)), Receipts: []*types.ReceiptJSON{rec, {Ty: 1, TyName: "ExecPack"}}},
		{Block: block()},
		{Block: &types.BlockJSON{Txs: []*types.TxJSON{}}, Receipts: []*types.ReceiptJSON{}},
		{Block: &types.BlockJSON{Height: 1, Txs: []*types.TxJSON{tx(4)}}, Receipts: []*types.ReceiptJSON{rec}},
		{},
		nil,
	} {
		want, err := marshalJSON(d)
		if err != nil {
			t.Fatal(err)
		}
		o := &out{b: []byte("prefix,"), max: 1 << 20}
		if err := o.value(d); err != nil {
			t.Fatal(err)
		}
		if got := string(o.b); got != "prefix,"+string(want) {
			t.Errorf("got  %s\nwant prefix,%s", got, want)
		}
	}

	// Over the cap, at any point of the block, it is refused.
	d := &types.BlockDetailJSON{Block: block(tx(1), tx(2)), Receipts: []*types.ReceiptJSON{rec, rec}}
	whole, _ := marshalJSON(d)
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
