package node

import (
	"errors"
	"fmt"

	"chain33node/chain"
	"chain33node/consensus/qbft"
	"chain33node/mempool"
	"chain33node/types"
)

// app connects consensus to the chain and the mempool (qbft.App).
type app struct {
	chain    *chain.Chain
	pool     *mempool.Pool
	maxTxs   int
	maxBytes int
}

// Validators and Head include the block whose write Commit left running:
// the consensus moves on to the next height meanwhile.
func (a *app) Validators() (*types.ValidatorSet, error) { return a.chain.TipValidators() }

func (a *app) Head() (int64, int64) { return a.chain.Tip() }

func (a *app) TxsAvailable() bool { return a.pool.Size() > 0 }

func (a *app) Txs(fullHashes [][]byte) []*types.Transaction { return a.pool.ByFullHash(fullHashes) }

func (a *app) Build(blockTime int64) (*types.Block, error) {
	x, err := a.chain.Build(a.pool.Pending(a.maxTxs, a.maxBytes, a.chain.Writing()), blockTime)
	if err != nil {
		return nil, err
	}
	return x.Block, nil
}

func (a *app) Validate(b *types.Block) error {
	x, err := a.chain.Validate(b, a.pool.Verified)
	if err == nil {
		a.pool.MarkVerified(x.Txs) // their gossip, if it comes later, is not verified again
	}
	return err
}

// Commit applies a decided block: chain reuses the execution that Build or
// Validate kept, writes it in the background (Build and Validate execute
// the next block over it meanwhile, the signer and the WAL wait for the
// write: see chain.ApplyDecided), and its listeners update the mempool and
// p2p.
func (a *app) Commit(b *types.Block, cert []byte) error {
	return a.chain.ApplyDecided(b, cert, a.pool.Verified)
}

// writtenSigner signs nothing at a height before the blocks below it that
// the consensus decided are durable: a vote at N+1 binds this node only
// once block N would survive a crash (chain.ApplyDecided).
type writtenSigner struct {
	qbft.Signer
	chain *chain.Chain
}

func (s writtenSigner) Sign(height int64, round int32, step uint8, msg []byte) ([]byte, error) {
	if err := s.chain.WrittenBelow(height); err != nil {
		return nil, fmt.Errorf("block %d not written: %w", height-1, err)
	}
	return s.Signer.Sign(height, round, step, msg)
}

// writtenWAL writes nothing of a height to the consensus WAL before the
// blocks below it are durable, for the same reason.
type writtenWAL struct {
	qbft.WAL
	chain *chain.Chain
}

func (w writtenWAL) Append(height int64, kind byte, body []byte, sync bool) error {
	if err := w.chain.WrittenBelow(height); err != nil {
		return fmt.Errorf("block %d not written: %w", height-1, err)
	}
	return w.WAL.Append(height, kind, body, sync)
}

func (a *app) Committed(h int64) (*types.Block, []byte, error) {
	b, err := a.chain.Block(h)
	if err != nil {
		return nil, nil, err
	}
	cert, err := a.chain.Cert(h)
	if err != nil {
		return nil, nil, err
	}
	if len(cert) == 0 {
		return nil, nil, errors.New("no certificate")
	}
	return b, cert, nil
}
