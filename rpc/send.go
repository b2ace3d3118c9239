package rpc

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"time"

	"chain33node/txbuild"
	"chain33node/types"
)

// Sending in bulk and synchronously, and rewriting a raw transaction
// (chain33 rpc/jrpchandler.go SendTransactions, SendTransactionSync,
// ReWriteRawTx; rpc/client.go ReWriteRawTx).

// ReqStrings is rpctypes.ReqStrings (SendTransactions).
type ReqStrings struct {
	Datas []string `json:"datas"`
}

// ReWriteRawTx is rpctypes.ReWriteRawTx.
type ReWriteRawTx struct {
	Tx     string `json:"tx"`
	To     string `json:"to"`
	Fee    int64  `json:"fee"`
	Expire string `json:"expire"`
	Index  int32  `json:"index"`
}

// ErrTimeout is the reference's answer to a SendTransactionSync whose
// transaction did not commit in time.
var ErrTimeout = errors.New("ErrTimeout")

// syncTimeout is how long SendTransactionSync waits for the commit: the
// reference polls QueryTransaction 100 times, a third of a second apart.
const syncTimeout = 100 * time.Second / 3

// maxSyncWaiters bounds the SendTransactionSync calls waiting at once (ours:
// the reference has no bound); more are refused before their transaction is
// admitted.
const maxSyncWaiters = 4096

// CommitWaiters wakes the SendTransactionSync calls waiting for their
// transactions. The node tells it of every committed block (Committed); a
// waiting call costs no CPU until its transaction commits or it times out.
type CommitWaiters struct {
	n     atomic.Int64 // waiting calls: lets Committed skip the lock when none wait
	mu    sync.Mutex
	m     map[string][]chan struct{}
	block atomic.Pointer[chan struct{}] // closed by the next Committed (nextBlock)
}

// NewCommitWaiters returns an empty set of waiters.
func NewCommitWaiters() *CommitWaiters {
	w := &CommitWaiters{m: make(map[string][]chan struct{})}
	ch := make(chan struct{})
	w.block.Store(&ch)
	return w
}

// nextBlock returns a channel closed when the next block commits.
func (w *CommitWaiters) nextBlock() <-chan struct{} { return *w.block.Load() }

// Committed wakes the calls waiting for any of txs, and those waiting for
// the next block.
func (w *CommitWaiters) Committed(txs []*types.Tx) {
	next := make(chan struct{})
	close(*w.block.Swap(&next))
	if w.n.Load() == 0 {
		return
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	for _, t := range txs {
		chs, ok := w.m[string(t.Hash)]
		if !ok {
			continue
		}
		delete(w.m, string(t.Hash))
		for _, ch := range chs {
			close(ch)
		}
		w.n.Add(-int64(len(chs)))
	}
}

// add registers a wait for hash; the channel is closed when it commits.
func (w *CommitWaiters) add(hash []byte) (chan struct{}, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.n.Load() >= maxSyncWaiters {
		return nil, fmt.Errorf("ErrServerBusy: %d SendTransactionSync calls are waiting", maxSyncWaiters)
	}
	ch := make(chan struct{})
	w.m[string(hash)] = append(w.m[string(hash)], ch)
	w.n.Add(1)
	return ch, nil
}

// remove drops a wait that ended without the commit.
func (w *CommitWaiters) remove(hash []byte, ch chan struct{}) {
	w.mu.Lock()
	defer w.mu.Unlock()
	chs := w.m[string(hash)]
	for i, c := range chs {
		if c == ch {
			chs = append(chs[:i], chs[i+1:]...)
			w.n.Add(-1)
			break
		}
	}
	if len(chs) == 0 {
		delete(w.m, string(hash))
	} else {
		w.m[string(hash)] = chs
	}
}

// submitSync admits a signed tx and waits until a block commits it (with
// any receipt, also a failed one), the wait times out (ErrTimeout) or ctx
// ends. It returns the tx hash.
func (s *Server) submitSync(ctx context.Context, raw []byte) ([]byte, error) {
	tx, err := types.DecodeTx(raw)
	if err != nil {
		return nil, protoError(err)
	}
	w := s.b.Commits()
	ch, err := w.add(tx.Hash) // before the tx can commit
	if err != nil {
		return nil, err
	}
	if err := s.b.Submit(tx); err != nil {
		w.remove(tx.Hash, ch)
		return nil, err
	}
	timer := time.NewTimer(s.syncTimeout)
	defer timer.Stop()
	select {
	case <-ch:
		return tx.Hash, nil
	case <-timer.C:
	case <-ctx.Done():
	}
	w.remove(tx.Hash, ch)
	select {
	case <-ch: // committed while giving up
		return tx.Hash, nil
	default:
		return nil, ErrTimeout
	}
}

func (s *Server) sendTransactionSync(in *RawParm) (any, error) {
	raw, err := types.DecodeHex(in.Data)
	if err != nil {
		return nil, err
	}
	hash, err := s.submitSync(context.Background(), raw)
	if err != nil {
		return nil, err
	}
	return types.HexWith0x(hash), nil
}

// sendTransactions admits each tx as SendTransaction would, one after
// another, with their signatures verified in parallel; the result lists, in
// request order, each one's hash or error text.
func (s *Server) sendTransactions(in *ReqStrings) (any, error) {
	if len(in.Datas) == 0 {
		return nil, nil
	}
	txs, decodeErrs := make([]*types.Tx, len(in.Datas)), make([]error, len(in.Datas))
	for i, d := range in.Datas {
		raw, err := types.DecodeHex(d)
		if err == nil {
			if txs[i], err = types.DecodeTx(raw); err != nil {
				err = protoError(err)
			}
		}
		decodeErrs[i] = err
	}
	hashes, errs := s.submitBatch(txs, decodeErrs)
	out := make([]string, len(in.Datas))
	for i, err := range errs {
		if err != nil {
			out[i] = err.Error()
			continue
		}
		out[i] = types.HexWith0x(hashes[i])
	}
	return out, nil
}

func (s *Server) reWriteRawTx(in *ReWriteRawTx) (any, error) {
	t, err := txbuild.ReWrite(txbuild.Rewrite(*in), time.Now())
	if err != nil {
		return nil, protoError(err)
	}
	return encodeUnsigned(t), nil
}

func (s *Server) registerSend() {
	s.methods["Chain33.SendTransactions"] = fn(s.sendTransactions)
	s.methods["Chain33.SendTransactionSync"] = fn(s.sendTransactionSync)
	s.methods["Chain33.ReWriteRawTx"] = fn(s.reWriteRawTx)
	s.methods["Chain33.QueryChain"] = fn(s.queryChain)
}
