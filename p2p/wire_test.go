package p2p

import (
	"bytes"
	"math/rand/v2"
	"testing"

	"chain33node/types"

	"google.golang.org/protobuf/encoding/protowire"
)

func TestWireRoundTrip(t *testing.T) {
	net := newTestNet(t)
	n := newTestNode(t, net)
	blk, cert := n.produce(transfers(2))
	hd, _ := n.c.Header(1)

	st := status{channel: -3, genesis: n.c.GenesisHash(), height: 1, hash: hd.Hash, mempoolSize: 7,
		listenAddr: "0.0.0.0:13802", header: hd, observed: "10.0.0.9"}
	var got status
	if err := got.unmarshal(st.marshal()); err != nil {
		t.Fatal(err)
	}
	if err := got.check(); err != nil {
		t.Fatal(err)
	}
	if got.channel != -3 || got.height != 1 || got.mempoolSize != 7 || got.listenAddr != st.listenAddr ||
		got.observed != st.observed || !bytes.Equal(got.header.Hash, hd.Hash) {
		t.Fatalf("status round trip: %+v", got)
	}
	got.header.StateHash = []byte("other")
	if err := got.check(); err == nil {
		t.Fatal("header not matching the head hash accepted")
	}

	data, err := encodeBlockEntry(blk, cert)
	if err != nil {
		t.Fatal(err)
	}
	b2, c2, err := decodeBlockEntry(data)
	if err != nil || !bytes.Equal(types.BlockHash(b2), types.BlockHash(blk)) || !bytes.Equal(c2, cert) {
		t.Fatalf("block entry: %v", err)
	}
	if _, _, err := decodeBlockEntry(append(bytes.Clone(data[:len(data)-len(cert)-2]), 0x12, 0)); err == nil {
		t.Fatal("block without certificate accepted")
	}

	// A light block: the block without its transactions and their full hashes, which fill it again.
	fullTxs := transfers(2)
	full := &types.Block{Height: 2, ParentHash: make([]byte, 32), Txs: []*types.Transaction{fullTxs[0].Transaction, fullTxs[1].Transaction}}
	light, err := encodeLightBlock(full, fullTxs, cert)
	if err != nil {
		t.Fatal(err)
	}
	lb, lc, hashes, err := decodeLightBlock(light)
	if err != nil || len(lb.Txs) != 0 || !bytes.Equal(lc, cert) || len(hashes) != 2 || !bytes.Equal(hashes[1], types.TxFullHash(full.Txs[1])) {
		t.Fatalf("light block: %v", err)
	}
	lb.Txs = full.Txs
	if !bytes.Equal(types.BlockHash(lb), types.BlockHash(full)) {
		t.Fatal("the light block does not fill back to the block")
	}
	if _, _, _, err := decodeLightBlock(data); err == nil { // a block entry with its transactions
		t.Fatal("light block with transactions accepted")
	}
	if _, _, _, err := decodeLightBlock(protowire.AppendBytes(protowire.AppendTag(bytes.Clone(light), 3, protowire.BytesType), []byte{1})); err == nil {
		t.Fatal("light block with a 1-byte hash accepted")
	}

	txs := transfers(3)
	raw := [][]byte{txs[0].Encode(), txs[1].Encode(), txs[2].Encode()}
	dec, err := decodeTxBatch(encodeTxBatch(raw))
	if err != nil || len(dec) != 3 || !bytes.Equal(dec[2].Hash, txs[2].Hash) {
		t.Fatalf("tx batch: %v", err)
	}
	if _, err := decodeTxBatch(encodeTxBatch([][]byte{raw[0], {1, 2, 3}})); err == nil {
		t.Fatal("batch with an undecodable tx accepted")
	}

	as := []peerAddr{{id: []byte("id1"), addr: "1.2.3.4:13802"}, {id: []byte("id2"), addr: "[::1]:1"}}
	if got, err := decodeAddrs(encodeAddrs(as)); err != nil || len(got) != 2 || got[1].addr != "[::1]:1" {
		t.Fatalf("addrs: %+v %v", got, err)
	}
	var r syncRequest
	if err := r.unmarshal(syncRequest{start: 5, count: 128}.marshal()); err != nil || r.start != 5 || r.count != 128 {
		t.Fatalf("sync request: %+v %v", r, err)
	}
}

// FuzzDecoders feeds arbitrary bytes to every decoder of data from peers: none may panic.
func FuzzDecoders(f *testing.F) {
	f.Add([]byte{})
	f.Add([]byte{0x0a, 0x03, 1, 2, 3})
	f.Add(status{channel: 1, genesis: []byte{1}, height: 3, hash: make([]byte, 32), header: &types.Header{Height: 3}}.marshal())
	f.Add(syncRequest{start: 1, count: 2}.marshal())
	f.Add(encodeAddrs([]peerAddr{{id: []byte("x"), addr: "1.1.1.1:1"}}))
	blk := &types.Block{Height: 1, Txs: []*types.Transaction{{Execer: []byte("coins")}}}
	entry, _ := encodeBlockEntry(blk, []byte("cert"))
	f.Add(entry)
	f.Fuzz(func(t *testing.T, data []byte) {
		var st status
		if st.unmarshal(data) == nil {
			_ = st.check()
		}
		var r syncRequest
		_ = r.unmarshal(data)
		_, _ = decodeAddrs(data)
		_, _, _ = decodeBlockEntry(data)
		_, _, _, _ = decodeLightBlock(data)
		_, _ = decodeTxBatch(data)
	})
}

// Random garbage, and random corruptions of valid messages, never panic a decoder.
func TestDecodersGarbage(t *testing.T) {
	blk := &types.Block{Height: 1, ParentHash: make([]byte, 32), Txs: []*types.Transaction{{Execer: []byte("coins"), Payload: []byte("p")}}}
	entry, _ := encodeBlockEntry(blk, []byte("cert"))
	light, _ := encodeLightBlock(blk, []*types.Tx{types.NewTx(blk.Txs[0])}, []byte("cert"))
	seeds := [][]byte{entry, light, encodeTxBatch([][]byte{transfers(1)[0].Encode()}),
		status{channel: 1, genesis: []byte{1}, height: 3, hash: make([]byte, 32), header: &types.Header{Height: 3}}.marshal()}
	rng := rand.New(rand.NewPCG(1, 2))
	for i := range 20000 {
		var data []byte
		if i%2 == 0 {
			data = make([]byte, rng.IntN(200))
			for j := range data {
				data[j] = byte(rng.Uint32())
			}
		} else {
			data = bytes.Clone(seeds[i%len(seeds)])
			for range 1 + rng.IntN(4) {
				data[rng.IntN(len(data))] = byte(rng.Uint32())
			}
		}
		var st status
		if st.unmarshal(data) == nil {
			_ = st.check()
		}
		_, _, _ = decodeBlockEntry(data)
		_, _, _, _ = decodeLightBlock(data)
		_, _ = decodeTxBatch(data)
		_, _ = decodeAddrs(data)
	}
}

func TestTxSet(t *testing.T) {
	txs := transfers(4)
	var s txSet
	if got := s.filter(txs); len(got) != 4 {
		t.Fatal("empty set filtered")
	}
	s.add(txs[1:3])
	got := s.filter(txs)
	if len(got) != 2 || got[0] != txs[0] || got[1] != txs[3] {
		t.Fatalf("filtered %d", len(got))
	}
	if got := s.filter(txs[1:2]); len(got) != 0 {
		t.Fatal("known tx kept")
	}
}
