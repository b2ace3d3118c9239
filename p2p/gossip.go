package p2p

import (
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"sync"
	"time"

	"chain33node/types"

	pubsub "github.com/libp2p/go-libp2p-pubsub"
	pb "github.com/libp2p/go-libp2p-pubsub/pb"
	"github.com/libp2p/go-libp2p/core/peer"
	"github.com/libp2p/go-libp2p/core/protocol"
)

// messageID identifies a gossip message by its content: messages are unsigned and carry no author or
// sequence number, so the same content is the same message whoever relays it.
func messageID(m *pb.Message) string {
	h := sha256.New()
	h.Write([]byte(m.GetTopic()))
	h.Write([]byte{0})
	h.Write(m.Data)
	return string(h.Sum(nil))
}

// startGossip creates the gossipsub router on our own protocol ID, joins both topics and registers their
// validators. Caller holds h.mu.
func (h *Host) startGossip() error {
	gossipProto := h.protos.gossip
	// Invalid messages cost a peer its score quickly (P4 counts squared): 3 invalid messages put it below
	// the gossip threshold, 5 below the graylist. Our own offence counter disconnects it earlier anyway.
	topicScore := &pubsub.TopicScoreParams{
		SkipAtomicValidation:           true,
		TopicWeight:                    1,
		TimeInMeshQuantum:              time.Second, // unused (weight 0) but divided by
		InvalidMessageDeliveriesWeight: -100,
		InvalidMessageDeliveriesDecay:  pubsub.ScoreParameterDecay(10 * time.Minute),
	}
	ps, err := pubsub.NewGossipSub(h.ctx, h.host,
		pubsub.WithGossipSubProtocols([]protocol.ID{gossipProto}, func(f pubsub.GossipSubFeature, p protocol.ID) bool {
			return p == gossipProto && (f == pubsub.GossipSubFeatureMesh || f == pubsub.GossipSubFeatureIdontwant)
		}),
		pubsub.WithMessageSignaturePolicy(pubsub.StrictNoSign),
		pubsub.WithNoAuthor(),
		pubsub.WithMessageIdFn(messageID),
		pubsub.WithValidateQueueSize(pubsubQueueSize),
		pubsub.WithPeerOutboundQueueSize(pubsubQueueSize),
		pubsub.WithMaxMessageSize(maxGossipMsg),
		pubsub.WithPeerFilter(func(id peer.ID, _ string) bool { return h.isUp(id) }),
		pubsub.WithPeerExchange(false),
		// Our own messages go to every subscribed peer, not only the mesh: the mesh forms at heartbeats, and
		// before it does a publish would reach nobody. Relays use the mesh.
		pubsub.WithFloodPublish(true),
		pubsub.WithPeerScore(&pubsub.PeerScoreParams{
			SkipAtomicValidation: true,
			Topics:               map[string]*pubsub.TopicScoreParams{h.protos.txTopic: topicScore, h.protos.blockTopic: topicScore},
			AppSpecificScore:     func(peer.ID) float64 { return 0 },
			DecayInterval:        pubsub.DefaultDecayInterval,
			DecayToZero:          pubsub.DefaultDecayToZero,
			RetainScore:          10 * time.Minute,
		}, &pubsub.PeerScoreThresholds{
			SkipAtomicValidation: true,
			GossipThreshold:      -250,
			PublishThreshold:     -500,
			GraylistThreshold:    -1000,
		}),
		// Errors only: pubsub warns on every delivery that it cannot tag the
		// peer, since our null connection manager keeps no decaying tags.
		pubsub.WithLogger(slog.New(minLevel{h.log.Handler(), slog.LevelError}).With("sub", "pubsub")),
	)
	if err != nil {
		return fmt.Errorf("p2p: gossipsub: %w", err)
	}
	h.ps = ps
	if h.txTopic, err = h.joinTopic(h.protos.txTopic, h.validateTxs); err != nil {
		return err
	}
	if h.blockTopic, err = h.joinTopic(h.protos.blockTopic, h.validateBlock); err != nil {
		return err
	}
	return nil
}

// joinTopic joins a topic with an inline validator (run on pubsub's validation workers, so the validate
// queue is the backpressure) and drains its subscription: the validator does the work.
func (h *Host) joinTopic(name string, v pubsub.ValidatorEx) (*pubsub.Topic, error) {
	if err := h.ps.RegisterTopicValidator(name, v, pubsub.WithValidatorInline(true)); err != nil {
		return nil, fmt.Errorf("p2p: validator for %s: %w", name, err)
	}
	t, err := h.ps.Join(name)
	if err != nil {
		return nil, fmt.Errorf("p2p: join %s: %w", name, err)
	}
	sub, err := t.Subscribe(pubsub.WithBufferSize(256))
	if err != nil {
		return nil, fmt.Errorf("p2p: subscribe %s: %w", name, err)
	}
	h.group.Go(func() {
		for {
			if _, err := sub.Next(h.ctx); err != nil {
				return
			}
		}
	})
	return t, nil
}

// validateTxs decodes every transaction of a batch and hands the batch to the mempool. Mempool rejections
// (duplicates, balance, expiry) are normal for gossip; only undecodable data is invalid.
func (h *Host) validateTxs(_ context.Context, from peer.ID, msg *pubsub.Message) pubsub.ValidationResult {
	if from == h.self {
		return pubsub.ValidationAccept
	}
	if !h.isUp(from) {
		return pubsub.ValidationIgnore
	}
	txs, err := decodeTxBatch(msg.Data)
	if err != nil {
		h.offence(from, false, err.Error())
		return pubsub.ValidationReject
	}
	h.received.add(txs)
	errs := h.pool.AddRelayed(txs)
	if h.log.Enabled(context.Background(), slog.LevelDebug) {
		admitted := 0
		for _, err := range errs {
			if err == nil {
				admitted++
			}
		}
		h.log.Debug("tx batch received", "peer", from.String(), "txs", len(txs), "admitted", admitted)
	}
	return pubsub.ValidationAccept
}

// validateBlock applies an announced block that is our next one, filled from the mempool; a higher one, or one
// whose transactions we lack, starts a sync; an older one is ignored (not relayed: every node announces its own
// commits).
func (h *Host) validateBlock(_ context.Context, from peer.ID, msg *pubsub.Message) pubsub.ValidationResult {
	if from == h.self {
		return pubsub.ValidationAccept
	}
	if !h.isUp(from) {
		return pubsub.ValidationIgnore
	}
	b, cert, hashes, err := decodeLightBlock(msg.Data)
	if err != nil {
		h.offence(from, false, fmt.Sprintf("undecodable block announce: %v", err))
		return pubsub.ValidationReject
	}
	h.applyMu.Lock()
	head, _ := h.chain.Head()
	if b.Height != head+1 {
		h.applyMu.Unlock()
		if b.Height > head+1 {
			h.kickSync()
		}
		return pubsub.ValidationIgnore
	}
	b.Txs = h.pool.ByFullHash(hashes)
	if slices.Contains(b.Txs, nil) {
		h.applyMu.Unlock()
		// The certificate is checked before anything is fetched: a peer cannot make us sync for made-up blocks
		// without being blocked. Its check is remembered for the synced block.
		if err := h.chain.CheckCertificate(b, cert); err != nil {
			if errors.Is(err, types.ErrInvalidBlock) {
				h.offence(from, true, fmt.Sprintf("announced block %d with an invalid certificate: %v", b.Height, err))
				return pubsub.ValidationReject
			}
			return pubsub.ValidationIgnore // our failure: sync tries again
		}
		h.lightMissed.Add(1)
		h.kickSync()
		return pubsub.ValidationIgnore
	}
	peerFault, err := h.applyLocked(b, cert, false, true)
	h.applyMu.Unlock()
	switch {
	case peerFault:
		h.offence(from, true, fmt.Sprintf("announced invalid block %d: %v", b.Height, err))
		return pubsub.ValidationReject
	case err != nil:
		return pubsub.ValidationIgnore // our failure, logged: sync tries again
	}
	h.statusChanged()
	return pubsub.ValidationAccept
}

// LightBlocksMissed counts announced blocks whose transactions the mempool lacked: they were synced instead.
func (h *Host) LightBlocksMissed() int64 { return h.lightMissed.Load() }

// BroadcastTxs queues transactions admitted locally for gossip. Transactions that arrived by gossip shortly
// before are left out (pubsub relays them already), so wiring the mempool's admission hook for every
// admission is safe. It never blocks: the queue (txqueue.go) publishes them in batches of txBatchBytes or
// after txBatchDelay; beyond txPendingMax waiting transactions new ones are dropped (counted and logged).
func (h *Host) BroadcastTxs(txs []*types.Tx) {
	if txs = h.received.filter(txs); len(txs) > 0 {
		h.txq.add(txs)
	}
}

func (h *Host) txBatcher() {
	var lastDropLog time.Time
	dropped := 0
	h.txq.run(h.ctx, func(batch []*types.Tx, d int) {
		if len(batch) > 0 {
			raw := make([][]byte, len(batch))
			for i, tx := range batch {
				raw[i] = tx.Encode()
			}
			h.publish(h.txTopic, encodeTxBatch(raw)) // a fresh buffer each time: Publish keeps it
		}
		if dropped += d; dropped > 0 && time.Since(lastDropLog) > 10*time.Second {
			h.log.Warn("gossip queue full, transactions not broadcast", "dropped", dropped, "limit", txPendingMax)
			lastDropLog, dropped = time.Now(), 0
		}
	})
}

func (h *Host) publish(t *pubsub.Topic, data []byte) {
	ctx, cancel := context.WithTimeout(h.ctx, 10*time.Second)
	defer cancel()
	if err := t.Publish(ctx, data); err != nil && h.ctx.Err() == nil {
		h.log.Warn("gossip publish failed", "topic", t.String(), "size", len(data), "err", err)
	}
}

// AnnounceBlock gossips a block this node committed (txs: its transactions, decoded), with its commit
// certificate. It returns at once; if
// announcements pile up the oldest waiting one is dropped. While catching up nothing is announced: the peers
// we download from have the blocks already.
func (h *Host) AnnounceBlock(b *types.Block, txs []*types.Tx, cert []byte) {
	h.statusChanged()
	if h.progress.isActive() {
		return
	}
	data, err := encodeLightBlock(b, txs, cert)
	if err != nil {
		h.log.Error("cannot encode block for gossip", "height", b.GetHeight(), "err", err)
		return
	}
	if len(data) > maxGossipMsg {
		h.log.Warn("block too large for gossip, peers will sync it", "height", b.Height, "size", len(data))
		return
	}
	for {
		select {
		case h.announceQ <- data:
			return
		default:
		}
		select {
		case <-h.announceQ:
		default:
		}
	}
}

func (h *Host) announcer() {
	for {
		select {
		case <-h.ctx.Done():
			return
		case data := <-h.announceQ:
			h.publish(h.blockTopic, data)
		}
	}
}

// minLevel drops records below a level (pubsub logs much at info).
type minLevel struct {
	slog.Handler
	level slog.Level
}

func (m minLevel) Enabled(ctx context.Context, l slog.Level) bool {
	return l >= m.level && m.Handler.Enabled(ctx, l)
}

func (m minLevel) WithAttrs(as []slog.Attr) slog.Handler {
	return minLevel{m.Handler.WithAttrs(as), m.level}
}

func (m minLevel) WithGroup(name string) slog.Handler {
	return minLevel{m.Handler.WithGroup(name), m.level}
}

// txSet remembers the hashes of recently gossiped-in transactions: two generations of at most txSetGen each.
type txSet struct {
	mu        sync.Mutex
	cur, prev map[string]struct{}
}

const txSetGen = 1 << 16

func (s *txSet) add(txs []*types.Tx) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, tx := range txs {
		if len(s.cur) >= txSetGen || s.cur == nil {
			s.prev, s.cur = s.cur, make(map[string]struct{}, min(txSetGen, 4096))
		}
		s.cur[string(tx.Hash)] = struct{}{}
	}
}

// filter returns txs without those in the set (txs itself if none is).
func (s *txSet) filter(txs []*types.Tx) []*types.Tx {
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.cur) == 0 && len(s.prev) == 0 {
		return txs
	}
	var out []*types.Tx
	for i, tx := range txs {
		_, a := s.cur[string(tx.Hash)]
		_, b := s.prev[string(tx.Hash)]
		switch {
		case (a || b) && out == nil:
			out = append(make([]*types.Tx, 0, len(txs)), txs[:i]...)
		case !a && !b && out != nil:
			out = append(out, tx)
		}
	}
	if out == nil {
		return txs
	}
	return out
}
