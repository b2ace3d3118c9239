package node

import (
	"time"

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

// ApplyBlock takes a block from a peer through the chain's one path for
// certified blocks; its errors tell p2p whether to blame the peer.
func (c p2pChain) ApplyBlock(b *types.Block, cert []byte, signed, synced bool) error {
	verified := c.n.pool.Verified
	if signed {
		verified = func(*types.Tx) bool { return true }
	}
	if !synced {
		return c.n.chain.ApplyCertifiedUnsynced(b, cert, verified)
	}
	return c.n.chain.ApplyCertified(b, cert, verified)
}

// Flush makes the blocks ApplyBlock wrote without sync durable.
func (c p2pChain) Flush() error { return c.n.chain.Flush() }

func (c p2pChain) CheckCertificate(b *types.Block, cert []byte) error {
	return c.n.chain.CheckCertificate(b, cert)
}

func (c p2pChain) Preverify(blocks []*types.Block, certs [][]byte) []bool {
	return c.n.chain.Preverify(blocks, certs)
}

// IsSync is chain33's IsCaughtUp: at the height of the best connected peer;
// with no peer connected, [blockchain] singleMode decides. A node that
// cannot write (a disk fault) is not in sync: it cannot follow the chain.
func (n *Node) IsSync() bool {
	return len(n.faults.List()) == 0 && n.caughtUp()
}

func (n *Node) caughtUp() bool {
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
