package node

import (
	"errors"
	"sync"

	"chain33node/chain"
	"chain33node/mempool"
	"chain33node/types"
)

// app connects consensus to the chain and the mempool (qbft.App). It keeps
// the executed form of the blocks it built or validated, so that committing
// a decided block does not execute it again.
type app struct {
	chain    *chain.Chain
	pool     *mempool.Pool
	maxTxs   int
	maxBytes int
	announce func(b *types.Block, cert []byte) // tell p2p peers about a commit

	mu       sync.Mutex
	executed map[string]*chain.Executed // by block hash, on the current head
}

func newApp(c *chain.Chain, p *mempool.Pool, maxTxs, maxBytes int) *app {
	return &app{chain: c, pool: p, maxTxs: maxTxs, maxBytes: maxBytes, executed: make(map[string]*chain.Executed)}
}

func (a *app) Validators() (*types.ValidatorSet, error) { return a.chain.Validators() }

func (a *app) Head() (int64, int64) { return a.chain.Head() }

func (a *app) TxsAvailable() bool { return a.pool.Size() > 0 }

func (a *app) Build(blockTime int64) (*types.Block, error) {
	x, err := a.chain.Build(a.pool.Pending(a.maxTxs, a.maxBytes), blockTime)
	if err != nil {
		return nil, err
	}
	a.keep(x)
	return x.Block, nil
}

func (a *app) Validate(b *types.Block) error {
	x, err := a.chain.Validate(b, a.pool.Verified)
	if err != nil {
		return err
	}
	a.keep(x)
	return nil
}

func (a *app) keep(x *chain.Executed) {
	a.mu.Lock()
	defer a.mu.Unlock()
	if len(a.executed) > 64 { // many rounds of one height: keep memory bounded
		clear(a.executed)
	}
	a.executed[string(x.Hash)] = x
}

func (a *app) Commit(b *types.Block, cert []byte) error {
	hash := types.BlockHash(b)
	a.mu.Lock()
	x := a.executed[string(hash)]
	a.mu.Unlock()
	if x == nil {
		var err error
		if x, err = a.chain.Validate(b, a.pool.Verified); err != nil {
			return err
		}
	}
	if err := a.chain.Commit(x, cert); err != nil {
		return err
	}
	a.mu.Lock()
	clear(a.executed) // executed on the old head: stale now
	a.mu.Unlock()
	a.pool.Update(b.Height, b.BlockTime, x.Txs)
	if a.announce != nil {
		a.announce(b, cert)
	}
	return nil
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
