package node

import (
	"bytes"
	"fmt"
	"time"

	"chain33node/consensus/qbft"
	"chain33node/types"
)

// p2pChain is what the p2p layer reads and applies (p2p.Chain).
type p2pChain struct{ n *Node }

func (c p2pChain) Head() (int64, []byte) {
	h := c.n.chain.HeadInfo()
	return h.Height, h.Hash
}

func (c p2pChain) Header(h int64) (*types.Header, error) { return c.n.chain.Header(h) }

func (c p2pChain) Block(h int64) (*types.Block, []byte, error) {
	b, err := c.n.chain.Block(h)
	if err != nil {
		return nil, nil, err
	}
	cert, err := c.n.chain.Cert(h)
	return b, cert, err
}

// ApplyBlock takes a block from a peer: its certificate must verify against
// the validator set our own state gives for that height, then it is executed
// (state hash checked) and committed. It trusts no peer. Consensus commits
// the same blocks concurrently: whenever a step fails because the head
// moved, a block we already hold is not the peer's fault.
func (c p2pChain) ApplyBlock(b *types.Block, certBytes []byte) error {
	err := c.apply(b, certBytes)
	if err != nil && c.have(b) {
		return nil
	}
	return err
}

// have reports whether b is the block we committed at its height.
func (c p2pChain) have(b *types.Block) bool {
	h, err := c.n.chain.Header(b.GetHeight())
	return err == nil && bytes.Equal(h.Hash, types.BlockHash(b))
}

func (c p2pChain) apply(b *types.Block, certBytes []byte) error {
	n := c.n
	head := n.chain.HeadInfo()
	if b.GetHeight() != head.Height+1 {
		return fmt.Errorf("block %d does not follow head %d", b.GetHeight(), head.Height)
	}
	cert, err := qbft.DecodeCertificate(certBytes)
	if err != nil {
		return err
	}
	if cert.Height != b.Height {
		return fmt.Errorf("certificate of height %d for block %d", cert.Height, b.Height)
	}
	vals, err := n.chain.Validators()
	if err != nil {
		return err
	}
	if err := qbft.VerifyCertificate(n.genesis.ChainID, vals, n.verifier, cert, types.BlockHash(b)); err != nil {
		return fmt.Errorf("block %d: %w", b.Height, err)
	}
	x, err := n.chain.Validate(b, n.pool.Verified)
	if err != nil {
		return err
	}
	if err := n.chain.Commit(x, certBytes); err != nil {
		return err
	}
	n.pool.Update(b.Height, b.BlockTime, x.Txs)
	return nil
}

// IsSync is chain33's IsCaughtUp: at the height of the best connected peer;
// with no peer connected, [blockchain] singleMode decides.
func (n *Node) IsSync() bool {
	if n.p2p.IsCaughtUp() {
		return true
	}
	return n.cfg.BlockChain.SingleMode && len(n.p2p.Peers()) == 0
}

// watchSync latches the mempool's synced flag once the node is in sync, as
// the reference's mempool does (transactions are refused with ErrNotSync
// before, unless forceAccept).
func (n *Node) watchSync() {
	t := time.NewTicker(200 * time.Millisecond)
	defer t.Stop()
	for {
		if n.IsSync() {
			n.pool.SetSynced(true)
			return
		}
		select {
		case <-n.stopping:
			return
		case <-t.C:
		}
	}
}
