package node

import (
	"errors"

	"chain33node/chain"
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

func (a *app) Validators() (*types.ValidatorSet, error) { return a.chain.Validators() }

func (a *app) Head() (int64, int64) { return a.chain.Head() }

func (a *app) TxsAvailable() bool { return a.pool.Size() > 0 }

func (a *app) Build(blockTime int64) (*types.Block, error) {
	x, err := a.chain.Build(a.pool.Pending(a.maxTxs, a.maxBytes), blockTime)
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
// Validate kept, and its listeners update the mempool and p2p.
func (a *app) Commit(b *types.Block, cert []byte) error {
	return a.chain.ApplyCertified(b, cert, a.pool.Verified)
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
