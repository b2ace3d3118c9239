package chain

import (
	"sync"

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
	height, index, err := snap.TxLoc(hash)
	if err != nil {
		return nil, types.ErrTxNotExist
	}
	b, err := c.queried.get(snap, height)
	if err != nil {
		return nil, err
	}
	if int(index) >= len(b.txs) || int(index) >= len(b.receipts) {
		return nil, types.ErrTxNotExist
	}
	return &types.TxDetail{Tx: b.txs[index], Receipt: b.receipts[index], Height: height, Index: index,
		BlockTime: b.time, Proofs: b.tree.Branch(int(index))}, nil
}

// queriedBlocks keeps what QueryTransaction needs of the blocks it was
// last asked about: their transactions (hashed), receipts and merkle trees.
// A block is decoded whole and each of its transactions hashed to prove one
// of them, so a client confirming its transactions one by one, most of them
// in the same few blocks, would otherwise cost a core for every 180 a second
// (BenchmarkTxDetail, a block of 3,000 transfers: 5.3-5.5 ms a query, 1.9 µs
// once the block is kept).
// Committed blocks do not change, so what is kept never goes stale. At most
// maxQueriedTxs transactions are kept (and one block, however large); the
// blocks loaded first go first.
type queriedBlocks struct {
	mu     sync.Mutex
	blocks map[int64]*blockTxs
	order  []int64 // heights, in the order they were loaded
	txs    int     // transactions of the loaded blocks
}

// maxQueriedTxs bounds the transactions queriedBlocks keeps: a few seconds
// of blocks at the cluster's peak, about 25 MB.
var maxQueriedTxs = 20000

type blockTxs struct {
	once     sync.Once
	err      error
	txs      []*types.Tx
	receipts []*types.ReceiptData
	time     int64
	tree     types.MerkleTree // over the full hashes
}

// get returns the block at height, loading it through snap if it is not
// kept; callers only read what it returns.
func (q *queriedBlocks) get(snap *store.Snapshot, height int64) (*blockTxs, error) {
	q.mu.Lock()
	if q.blocks == nil {
		q.blocks = map[int64]*blockTxs{}
	}
	b := q.blocks[height]
	if b == nil {
		b = &blockTxs{}
		q.blocks[height] = b
	}
	q.mu.Unlock()
	b.once.Do(func() {
		b.err = b.load(snap, height)
		q.settle(height, b)
	})
	return b, b.err
}

// settle drops a block that failed to load (a later query tries again) or
// counts one just loaded, dropping the oldest others past maxQueriedTxs.
func (q *queriedBlocks) settle(height int64, b *blockTxs) {
	q.mu.Lock()
	defer q.mu.Unlock()
	if b.err != nil {
		if q.blocks[height] == b {
			delete(q.blocks, height)
		}
		return
	}
	q.order = append(q.order, height)
	q.txs += len(b.txs)
	for q.txs > maxQueriedTxs && len(q.order) > 1 {
		old := q.order[0]
		q.order = q.order[1:]
		if ob := q.blocks[old]; ob != nil {
			q.txs -= len(ob.txs)
			delete(q.blocks, old)
		}
	}
}

func (b *blockTxs) load(snap *store.Snapshot, height int64) error {
	blk, err := snap.Block(height)
	if err != nil {
		return err
	}
	if b.receipts, err = snap.Receipts(height); err != nil {
		return err
	}
	b.time = blk.BlockTime
	b.txs = make([]*types.Tx, len(blk.Txs))
	leaves := make([][]byte, len(blk.Txs))
	for i, t := range blk.Txs {
		b.txs[i] = types.NewTx(t)
		leaves[i] = b.txs[i].FullHash
	}
	b.tree = types.MerkleLevels(leaves)
	return nil
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
