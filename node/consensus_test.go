package node

import (
	"bytes"
	"path/filepath"
	"testing"
	"time"

	"chain33node/consensus/qbft"
	"chain33node/consensus/transport"
	"chain33node/poll"
	"chain33node/types"

	"google.golang.org/protobuf/proto"
)

// A peer that sends what no honest node sends is banned by the node, with
// the transport's reason for the driver's report: a vote of the current
// height from a peer that is no validator of it, bytes that are no
// consensus message.
func TestConsensusBansMisbehavingPeers(t *testing.T) {
	tn := newTestnet(t, 1)
	tn.cfgs[0].Consensus.Sub.QBFT.EmptyBlockInterval = 0 // no transactions: it stays at height 1
	tn.start(0)
	defer tn.stopAll()
	n := tn.nodes[0]
	poll.Until(t, 10*time.Second, "consensus at height 1", func() bool { h, _, _ := n.consensus.Status(); return h == 1 })
	vote, err := proto.Marshal(&qbft.Message{Msg: &qbft.Message_Vote{Vote: &qbft.Vote{
		Height: 1, Type: types.Prevote, BlockHash: bytes.Repeat([]byte{7}, 32), Signature: bytes.Repeat([]byte{9}, 96)}}})
	if err != nil {
		t.Fatal(err)
	}
	for i, tc := range []struct {
		name   string
		data   []byte
		reason transport.Reason
	}{
		{"vote from an observer", vote, transport.ReasonNotValidator},
		{"not a consensus message", []byte{0xff, 0xff, 0xff}, transport.ReasonMalformed},
	} {
		t.Run(tc.name, func(t *testing.T) {
			obs, err := transport.New(transport.Config{
				ListenAddr: "127.0.0.1:0", Peers: []string{n.trans.Addr()}, KeyFile: filepath.Join(t.TempDir(), "key"),
				ChainID: n.Genesis().ChainID, GenesisHash: n.Chain().GenesisHash(),
			}, func(transport.Peer, []byte) {})
			if err != nil {
				t.Fatal(err)
			}
			if err := obs.Start(); err != nil {
				t.Fatal(err)
			}
			defer obs.Close()
			poll.Until(t, 10*time.Second, "observer connected", func() bool { return len(obs.Peers()) == 1 })
			obs.Broadcast(tc.data)
			poll.Until(t, 10*time.Second, "observer banned for "+tc.reason.String(), func() bool {
				return n.trans.Stats().Bans[tc.reason] == 1
			})
			if st := n.trans.Stats(); st.Banned != i+1 {
				t.Fatalf("%d peers banned, want %d: %+v", st.Banned, i+1, st.Bans)
			}
		})
	}
}
