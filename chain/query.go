package chain

import (
	"chain33node/store"
	"chain33node/types"
)

// Block returns the block at height.
func (c *Chain) Block(height int64) (*types.Block, error) { return c.db.Block(height) }

// Header returns the header at height.
func (c *Chain) Header(height int64) (*types.Header, error) { return c.db.Header(height) }

// Receipts returns the receipts of the block at height.
func (c *Chain) Receipts(height int64) ([]*types.ReceiptData, error) { return c.db.Receipts(height) }

// Cert returns the commit certificate of the block at height.
func (c *Chain) Cert(height int64) ([]byte, error) { return c.db.Cert(height) }

// HeightOf returns the height of the block with hash.
func (c *Chain) HeightOf(hash []byte) (int64, error) { return c.db.HeightOf(hash) }

// Tx returns a committed transaction with its receipt and merkle proof, or
// types.ErrTxNotExist.
func (c *Chain) Tx(hash []byte) (*types.TxDetail, error) {
	snap, err := c.db.Snapshot()
	if err != nil {
		return nil, err
	}
	defer snap.Release()
	return txDetail(snap, hash)
}

func txDetail(snap *store.Snapshot, hash []byte) (*types.TxDetail, error) {
	height, index, err := snap.TxLoc(hash)
	if err != nil {
		return nil, types.ErrTxNotExist
	}
	b, err := snap.Block(height)
	if err != nil {
		return nil, err
	}
	receipts, err := snap.Receipts(height)
	if err != nil {
		return nil, err
	}
	if int(index) >= len(b.Txs) || int(index) >= len(receipts) {
		return nil, types.ErrTxNotExist
	}
	leaves := make([][]byte, len(b.Txs))
	var tx *types.Tx
	for i, t := range b.Txs {
		w := types.NewTx(t)
		leaves[i] = w.FullHash
		if i == int(index) {
			tx = w
		}
	}
	return &types.TxDetail{Tx: tx, Receipt: receipts[index], Height: height, Index: index, BlockTime: b.BlockTime,
		Proofs: types.MerkleBranch(leaves, int(index))}, nil
}

// Balance returns addr's coins account.
func (c *Chain) Balance(addr string) (*types.Account, error) { return c.exec.Balance(c.db, addr) }

// ConfigItem answers the manage query GetConfigItem.
func (c *Chain) ConfigItem(key string) (*types.ReplyConfig, error) {
	return c.exec.ConfigItem(c.db, key)
}

// QbftNodesByHeight answers the qbftNode query GetQbftNodeByHeight.
func (c *Chain) QbftNodesByHeight(height int64) (*types.QbftNodes, error) {
	return c.exec.QbftNodesByHeight(c.db, height)
}

// Validators returns the set that validates the next block.
func (c *Chain) Validators() (*types.ValidatorSet, error) { return c.exec.Validators(c.db) }

// DelayTxInfo answers the none query GetDelayTxInfo.
func (c *Chain) DelayTxInfo(hash []byte) (*types.CommitDelayTxLog, error) {
	return c.exec.DelayTxInfo(c.db, hash)
}
