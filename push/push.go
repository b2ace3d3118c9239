package push

import (
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"sort"
	"strings"
	"sync"
	"time"

	"chain33node/types"

	"google.golang.org/protobuf/proto"
)

// Subscription types (PushSubscribeReq.type), the reference's.
const (
	TypeBlock       = 0
	TypeBlockHeader = 1
	TypeTxReceipt   = 2
	TypeTxResult    = 3
	TypeEVMEvent    = 4 // EVM logs: no EVM on this chain
)

// Encodings (PushSubscribeReq.encode): json posts chain33's jsonpb form,
// anything else protobuf; grpc is a SubEvent stream's.
const (
	EncodeJSON = "json"
	EncodeGRPC = "grpc"
)

// The reference's limits (blockchain/push.go).
const (
	maxNameLen     = 128
	maxURLLen      = 1024
	maxContracts   = 128
	blockMaxSeq    = 10  // blocks or headers per batch
	receiptMaxSeq  = 100 // blocks scanned for receipts per batch
	batchMaxBytes  = 1 << 20
	statusActive   = 1
	defaultMaxSubs = 100
)

// Errors, with the reference's names.
var (
	ErrPushNotSupport      = errors.New("ErrPushNotSupport")
	ErrRecordBlockSequence = types.ErrRecordBlockSequence
	ErrNotAllowModifyPush  = errors.New("ErrNotAllowModifyPush")
	ErrTooManySeqCB        = errors.New("ErrTooManySeqCB")
	ErrPushNotSubscribed   = errors.New("ErrPushNotSubscribed")
	ErrSequenceTooBig      = errors.New("ErrSequenceTooBig")
	ErrInvalidParam        = types.ErrInvalidParam
)

// Chain is the committed chain the pushes read; a block's sequence is its
// height.
type Chain interface {
	Height() int64
	Header(height int64) (*types.Header, error)
	Block(height int64) (*types.Block, error)
	Receipts(height int64) ([]*types.ReceiptData, error)
}

// Store keeps the subscriptions and how far each got (the node's local
// entries: store.DB).
type Store interface {
	Local(key []byte) ([]byte, error)
	LocalScan(prefix, after []byte, reverse bool, fn func(key, value []byte) bool) error
	PutLocal(kvs []*types.KeyValue) error
}

// Config is [blockchain]'s push settings and the delivery policy.
type Config struct {
	Enabled        bool // enablePushSubscribe
	Sequences      bool // isRecordBlockSequence
	MaxSubscribers int  // <= 0: 100
	// Client posts to subscribers; nil: one with the reference's dial and
	// header timeouts and an overall timeout of a minute.
	Client *http.Client
	// Retry backoff after a failed delivery: MinBackoff, doubling up to
	// MaxBackoff; zero values: 1 s and 60 s (the reference's pause).
	MinBackoff, MaxBackoff time.Duration
	Log                    *slog.Logger
}

// Keys of the local entries: the subscription (types.PushWithStatus) and
// the last acknowledged sequence (types.Int64) per name.
const (
	subPrefix = "push:"
	seqPrefix = "push-seq:"
)

// Service runs the push subscriptions.
type Service struct {
	cfg   Config
	chain Chain
	st    Store
	log   *slog.Logger

	mu      sync.Mutex
	workers map[string]*worker
	started bool
	closed  bool
	wg      sync.WaitGroup
}

// New loads the persisted subscriptions; Start runs them.
func New(cfg Config, chain Chain, st Store) (*Service, error) {
	if cfg.MaxSubscribers <= 0 {
		cfg.MaxSubscribers = defaultMaxSubs
	}
	if cfg.MinBackoff <= 0 {
		cfg.MinBackoff = time.Second
	}
	if cfg.MaxBackoff < cfg.MinBackoff {
		cfg.MaxBackoff = max(60*time.Second, cfg.MinBackoff)
	}
	if cfg.Client == nil {
		cfg.Client = defaultClient()
	}
	if cfg.Log == nil {
		cfg.Log = slog.Default()
	}
	s := &Service{cfg: cfg, chain: chain, st: st, log: cfg.Log, workers: map[string]*worker{}}
	var derr error
	err := st.LocalScan([]byte(subPrefix), nil, false, func(k, v []byte) bool {
		rec := &types.PushWithStatus{}
		if err := proto.Unmarshal(v, rec); err != nil || rec.Push == nil {
			derr = fmt.Errorf("push subscription %q: undecodable record", k[len(subPrefix):])
			return false
		}
		s.workers[rec.Push.Name] = s.newWorker(rec.Push)
		return true
	})
	if err == nil {
		err = derr
	}
	if err != nil {
		return nil, err
	}
	for name, w := range s.workers {
		if w.last, err = s.lastSeq(name); err != nil {
			return nil, err
		}
	}
	return s, nil
}

// Start runs a goroutine per subscription. Pushing runs only if
// enablePushSubscribe is set; otherwise subscriptions stay stored.
func (s *Service) Start() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.started || s.closed || !s.cfg.Enabled || !s.cfg.Sequences {
		return
	}
	s.started = true
	for _, w := range s.workers {
		s.run(w)
	}
	if len(s.workers) > 0 {
		s.log.Info("push subscriptions resumed", "count", len(s.workers))
	}
}

func (s *Service) run(w *worker) {
	s.wg.Add(1)
	go func() {
		defer s.wg.Done()
		w.loop()
	}()
}

// Close stops the pushes and waits for them.
func (s *Service) Close() {
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		return
	}
	s.closed = true
	for _, w := range s.workers {
		close(w.stop)
	}
	s.mu.Unlock()
	s.wg.Wait()
}

// Notify tells the pushes that a block committed.
func (s *Service) Notify() {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, w := range s.workers {
		w.signal(w.wake)
	}
}

// available is the reference's order of checks: sequences, then push.
func (s *Service) available() error {
	if !s.cfg.Sequences {
		return ErrRecordBlockSequence
	}
	if !s.cfg.Enabled {
		return ErrPushNotSupport
	}
	return nil
}

// Subscribe is AddPushSubscribe: a new name starts pushing from the block
// after lastSequence (if lastSequence, lastHeight and lastBlockHash name a
// block of this chain; otherwise from genesis); a known name with the same
// URL and type resumes at once what it had acknowledged (its stored
// request stands); another URL or type is ErrNotAllowModifyPush.
func (s *Service) Subscribe(req *types.PushSubscribeReq) error {
	if !s.cfg.Enabled {
		return ErrPushNotSupport
	}
	if !s.cfg.Sequences {
		return ErrRecordBlockSequence
	}
	if err := s.check(req); err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return errors.New("push: stopped")
	}
	if w, ok := s.workers[req.Name]; ok {
		if w.req.URL != req.URL || w.req.Type != req.Type {
			return ErrNotAllowModifyPush
		}
		w.signal(w.retry)
		return nil
	}
	if len(s.workers) >= s.cfg.MaxSubscribers {
		return ErrTooManySeqCB
	}
	req = proto.Clone(req).(*types.PushSubscribeReq)
	start := int64(-1)
	if req.LastSequence > 0 {
		if req.LastSequence > s.chain.Height() {
			return ErrSequenceTooBig
		}
		h, err := s.chain.Header(req.LastSequence)
		if err != nil {
			return err
		}
		if types.HexWith0x(h.Hash) == req.LastBlockHash {
			start = req.LastSequence
		}
	}
	kvs := []*types.KeyValue{{Key: []byte(subPrefix + req.Name),
		Value: mustEncode(&types.PushWithStatus{Push: req, Status: statusActive})}}
	if start >= 0 {
		kvs = append(kvs, &types.KeyValue{Key: []byte(seqPrefix + req.Name), Value: mustEncode(&types.Int64{Data: start})})
	}
	if err := s.st.PutLocal(kvs); err != nil {
		return err
	}
	w := s.newWorker(req)
	w.last = start
	s.workers[req.Name] = w
	if s.started {
		s.run(w)
	}
	s.log.Info("push subscription added", "name", req.Name, "url", req.URL, "type", req.Type, "from", start+1)
	return nil
}

// check applies the reference's request checks and ours: a name, an
// absolute http(s) URL (but for a stream), a known type and encoding, all
// three resume fields or none.
func (s *Service) check(req *types.PushSubscribeReq) error {
	switch {
	case req == nil,
		req.Name == "" || len(req.Name) > maxNameLen,
		len(req.URL) > maxURLLen,
		req.Type < TypeBlock || req.Type > TypeEVMEvent,
		len(req.Contract) > maxContracts:
		return ErrInvalidParam
	case req.Type == TypeEVMEvent:
		return types.ErrNotSupport
	}
	if req.LastBlockHash != "" || req.LastSequence != 0 || req.LastHeight != 0 {
		if req.LastBlockHash == "" || req.LastSequence == 0 || req.LastHeight == 0 {
			return ErrInvalidParam
		}
	}
	switch req.Encode {
	case EncodeGRPC:
		return nil
	case "", EncodeJSON, "proto":
	default:
		return fmt.Errorf("encode %q: must be json or proto: %w", req.Encode, ErrInvalidParam)
	}
	u, err := url.Parse(req.URL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return fmt.Errorf("URL %q: must be an absolute http or https URL: %w", req.URL, ErrInvalidParam)
	}
	return nil
}

// List is ListPushes: the subscriptions as they were requested, by name.
func (s *Service) List() ([]*types.PushSubscribeReq, error) {
	if err := s.available(); err != nil {
		return nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]*types.PushSubscribeReq, 0, len(s.workers))
	for _, w := range s.workers {
		out = append(out, w.req)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out, nil
}

// LastSeq is GetPushSeqLastNum: the last sequence the subscriber
// acknowledged, -1 if none yet.
func (s *Service) LastSeq(name string) (int64, error) {
	if err := s.available(); err != nil {
		return -1, err
	}
	s.mu.Lock()
	_, ok := s.workers[name]
	s.mu.Unlock()
	if !ok {
		return -1, ErrPushNotSubscribed
	}
	return s.lastSeq(name)
}

func (s *Service) lastSeq(name string) (int64, error) {
	v, err := s.st.Local([]byte(seqPrefix + name))
	if err != nil || v == nil {
		return -1, err
	}
	var n types.Int64
	if err := proto.Unmarshal(v, &n); err != nil {
		return -1, fmt.Errorf("push subscription %q: undecodable progress: %w", name, err)
	}
	return n.Data, nil
}

func (s *Service) setLastSeq(name string, seq int64) error {
	return s.st.PutLocal([]*types.KeyValue{{Key: []byte(seqPrefix + name), Value: mustEncode(&types.Int64{Data: seq})}})
}

func mustEncode(m proto.Message) []byte {
	b, err := proto.MarshalOptions{Deterministic: true}.Marshal(m)
	if err != nil {
		panic(err) // plain messages always encode
	}
	return b
}

// isStream reports a SubEvent subscription.
func isStream(req *types.PushSubscribeReq) bool { return strings.EqualFold(req.Encode, EncodeGRPC) }
