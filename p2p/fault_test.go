package p2p

import (
	"bytes"
	"errors"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"chain33node/consensus/qbft"
	"chain33node/poll"
	"chain33node/types"

	"google.golang.org/protobuf/encoding/protowire"
	"google.golang.org/protobuf/proto"
)

// A node whose disk fails cannot apply the blocks its peers serve or
// announce. That is not the peers' fault: they stay connected and unblocked,
// the failure is logged once, and the node catches up by itself once the
// disk works again.
func TestLocalApplyFailureBlamesNoPeer(t *testing.T) {
	net := newTestNet(t)
	a := newTestNode(t, net)
	for range 5 {
		a.produce(nil)
	}
	a.start(a.hostConfig("127.0.0.1:0"))
	b := newTestNode(t, net)
	diskFull := errors.New("no space left on device")
	var failing, failedAt6 atomic.Bool
	var attempts atomic.Int64 // failed writes above the genesis: while syncing, block commits only
	failing.Store(true)
	b.db.SetWriteFault(func(h int64) error {
		if !failing.Load() {
			return nil
		}
		// The history indexer's writes (PutLocal) fail too, with the head's
		// height (0 while sync fails, 5 at the gossiped block 6); they are
		// not attempts to apply a block.
		switch {
		case h == 6:
			failedAt6.Store(true)
		case h > 0:
			attempts.Add(1)
		}
		return diskFull
	})
	b.start(b.hostConfig("127.0.0.1:0", a.addr()))

	// Sync: the served blocks fail to commit, again and again.
	poll.Until(t, 20*time.Second, "sync retried", func() bool { return attempts.Load() >= 3 })
	notBlamed := func(when string) {
		t.Helper()
		if b.host.isBlocked(a.host.self) {
			t.Fatalf("%s: the peer that served the blocks was blocked", when)
		}
		if _, ok := peerIDs(b)[a.host.ID()]; !ok {
			t.Fatalf("%s: the peer that served the blocks was disconnected", when)
		}
		if strings.Contains(b.logs.String(), "disconnecting and blocking peer") {
			t.Fatalf("%s: a peer was blamed:\n%s", when, b.logs)
		}
	}
	notBlamed("sync")
	if h, _ := b.Head(); h != 0 {
		t.Fatalf("head %d on a full disk", h)
	}
	if n := b.logs.Count("not the peer's fault"); n != 1 {
		t.Fatalf("local failure logged %d times, want once:\n%s", n, b.logs)
	}
	failing.Store(false)
	poll.Until(t, 30*time.Second, "b synced after the disk recovered", func() bool { h, _ := b.Head(); return h == 5 })
	if b.logs.Count("blocks apply again") != 1 {
		t.Fatalf("recovery not logged:\n%s", b.logs)
	}

	// Gossip: an announced block fails to commit; nobody is blamed and sync
	// fetches it once the disk works.
	poll.Until(t, 10*time.Second, "gossip subscriptions", gossipReady(a, b))
	failing.Store(true)
	a.produce(nil)
	poll.Until(t, 10*time.Second, "announced block tried", failedAt6.Load)
	failing.Store(false)
	poll.Until(t, 30*time.Second, "b at 6", func() bool { h, _ := b.Head(); return h == 6 })
	notBlamed("gossip")
	if n := b.logs.Count("not the peer's fault"); n != 2 {
		t.Fatalf("local failures logged %d times, want once per episode:\n%s", n, b.logs)
	}
}

// A block whose transaction carries an unknown protobuf field, or that has
// trailing bytes, is refused by p2p and by consensus with the same error:
// both decode blocks with types.DecodeBlock's rules.
func TestStrictBlockDecodingMatchesConsensus(t *testing.T) {
	net := newTestNet(t)
	a := newTestNode(t, net)
	x, err := a.c.Build(transfers(2), time.Now().Unix())
	if err != nil {
		t.Fatal(err)
	}
	cert := net.certify(1, x.Hash)
	raw, err := proto.Marshal(x.Block)
	if err != nil {
		t.Fatal(err)
	}
	unknownTx := proto.CloneOf(x.Block)
	unknownTx.Txs[1].ProtoReflect().SetUnknown(protowire.AppendVarint(protowire.AppendTag(nil, 99, protowire.VarintType), 1))
	unknownRaw, err := proto.Marshal(unknownTx)
	if err != nil {
		t.Fatal(err)
	}
	trailing := protowire.AppendVarint(protowire.AppendTag(bytes.Clone(raw), 5, protowire.VarintType), 1)
	field := func(b []byte, num protowire.Number, v []byte) []byte {
		return protowire.AppendBytes(protowire.AppendTag(b, num, protowire.BytesType), v)
	}
	for name, rawBlock := range map[string][]byte{"unknown tx field": unknownRaw, "trailing bytes": trailing} {
		_, _, p2pErr := decodeBlockEntry(field(field(nil, 1, rawBlock), 2, cert))
		proposal, err := proto.Marshal(&qbft.Proposal{Height: 1, PolRound: -1, Signature: []byte{1}})
		if err != nil {
			t.Fatal(err)
		}
		_, consensusErr := qbft.DecodeMessage(field(nil, 1, field(proposal, 4, rawBlock)))
		if !errors.Is(p2pErr, types.ErrBlockEncoding) || p2pErr.Error() != consensusErr.Error() {
			t.Errorf("%s: p2p %v, consensus %v; want the same %v", name, p2pErr, consensusErr, types.ErrBlockEncoding)
		}
	}
	// The canonical block passes both.
	if _, _, err := decodeBlockEntry(field(field(nil, 1, raw), 2, cert)); err != nil {
		t.Fatal(err)
	}
}
