package chain

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"runtime"
	"sort"
	"sync"
	"sync/atomic"
	"time"

	"chain33node/crypto"
	"chain33node/executor"
	"chain33node/store"
	"chain33node/types"

	"google.golang.org/protobuf/encoding/protowire"
)

// Params are the block rules from the config.
type Params struct {
	Genesis      *types.Block      // genesis block without state hash (genesis.Block)
	Validators   []*types.QbftNode // genesis validator set
	Difficulty   uint32            // [mver.consensus] powLimitBits: every block carries it
	MaxTxNumber  int               // [mver.consensus] maxTxNumber
	Rules        types.Rules       // fee, chain id: what the mempool admits
	MaxClockSkew time.Duration     // how far a block time may be ahead of ours; 0 = 60 s
	Now          func() time.Time  // clock, for tests; nil = time.Now
	CertChainID  string            // chain id that commit certificates are signed for (genesis.json chain_id)
	Verifier     types.Verifier    // checks certificates; nil = a types.BLSVerifier
	Index        IndexConfig       // history indexes ([exec] keys)
}

// Chain is the validated, executed chain in a store.
type Chain struct {
	db   *store.DB
	exec *executor.Executor
	p    Params
	idx  *indexer

	// applyMu is held by the one writer: ApplyCertified, or ApplyDecided
	// from verification until its background write has told the listeners.
	applyMu   sync.Mutex
	listeners []func(*Executed, []byte)
	failed    *decided      // ApplyDecided's write given up at Close: written again first (applyMu)
	closing   chan struct{} // Close
	closeOnce sync.Once
	tip       atomic.Pointer[Executed] // ApplyDecided's block, being written or written

	execMu   sync.Mutex
	executed map[string]*Executed // Build and Validate results by block hash, for ApplyCertified

	admitState *headState // CheckTx's reads

	queried queriedBlocks // Tx's blocks
}

// Executed is a block that was executed on top of a head and can be
// committed on that head without executing it again.
type Executed struct {
	Block *types.Block
	Hash  []byte
	Txs   []*types.Tx
	res   *executor.Result
	index *preparedIndex // its index entries, computed ahead; nil: at commit

	txSetOnce sync.Once
	txSet     map[string]bool // the hashes of Txs (hasTx)
}

// change returns the value x's execution gave key (nil: deleted), false
// if it did not change key.
func (x *Executed) change(key []byte) ([]byte, bool) {
	if x == nil {
		return nil, false
	}
	kvs := x.res.State // sorted by key (executor.Result)
	i := sort.Search(len(kvs), func(i int) bool { return bytes.Compare(kvs[i].Key, key) >= 0 })
	if i < len(kvs) && bytes.Equal(kvs[i].Key, key) {
		return kvs[i].Value, true
	}
	return nil, false
}

// hasTx reports whether a transaction with hash is in x.
func (x *Executed) hasTx(hash []byte) bool {
	if x == nil {
		return false
	}
	x.txSetOnce.Do(func() {
		x.txSet = make(map[string]bool, len(x.Txs))
		for _, t := range x.Txs {
			x.txSet[string(t.Hash)] = true
		}
	})
	return x.txSet[string(hash)]
}

// ErrOtherChain is wrapped by Open's error when the store holds another
// chain than the genesis block of Params.
var ErrOtherChain = errors.New("the data directory holds another chain")

// Open attaches a chain to db; an empty db gets the genesis block.
func Open(db *store.DB, exec *executor.Executor, p Params) (*Chain, error) {
	if p.MaxTxNumber <= 0 {
		p.MaxTxNumber = 10000
	}
	if p.MaxClockSkew <= 0 {
		p.MaxClockSkew = time.Minute
	}
	if p.Now == nil {
		p.Now = time.Now
	}
	if p.Verifier == nil {
		p.Verifier = types.NewBLSVerifier()
	}
	c := &Chain{db: db, exec: exec, p: p, executed: make(map[string]*Executed), closing: make(chan struct{}),
		admitState: &headState{db: db, vals: make(map[string][]byte)}}
	var err error
	if c.idx, err = newIndexer(db, p.Index); err != nil {
		return nil, err
	}
	gen, err := c.genesis()
	if err != nil {
		return nil, err
	}
	if _, ok := db.Head(); !ok {
		return c, c.commit(gen, nil, true)
	}
	stored, err := db.Header(0)
	if err != nil {
		return nil, fmt.Errorf("read genesis block: %w", err)
	}
	if !bytes.Equal(stored.Hash, gen.Hash) {
		return nil, fmt.Errorf("%w: genesis 0x%x, this config gives 0x%x", ErrOtherChain, stored.Hash, gen.Hash)
	}
	return c, nil
}

func (c *Chain) genesis() (*Executed, error) {
	b := c.p.Genesis
	if b == nil || b.Height != 0 {
		return nil, errors.New("no genesis block")
	}
	txs := make([]*types.Tx, len(b.Txs))
	for i, t := range b.Txs {
		txs[i] = types.NewTx(t)
	}
	res, err := c.exec.ExecGenesis(txs, b.BlockTime, c.p.Validators)
	if err != nil {
		return nil, fmt.Errorf("genesis: %w", err)
	}
	out := &types.Block{Version: b.Version, ParentHash: b.ParentHash, TxHash: types.TxRoot(txs), StateHash: res.StateHash,
		Height: 0, BlockTime: b.BlockTime, Txs: b.Txs, Difficulty: b.Difficulty}
	return &Executed{Block: out, Hash: types.BlockHash(out), Txs: txs, res: res}, nil
}

// GenesisHash identifies the chain (p2p and consensus handshakes carry it).
func (c *Chain) GenesisHash() []byte {
	h, err := c.db.Header(0)
	if err != nil {
		return nil
	}
	return h.Hash
}

// Head returns height and block time of the last block (mempool.Chain).
func (c *Chain) Head() (height, blockTime int64) {
	h, _ := c.db.Head()
	return h.Height, h.BlockTime
}

// HeadInfo returns the last block's height, hash, state hash and time.
func (c *Chain) HeadInfo() store.Head {
	h, _ := c.db.Head()
	return h
}

// HasTx reports whether a transaction is on chain (mempool.Chain); a read
// error is returned, wrapping store.ErrRead.
func (c *Chain) HasTx(hash []byte) (bool, error) { return c.db.HasTx(hash) }

// CheckTx runs the executor's admission check on the latest state (mempool.Chain).
func (c *Chain) CheckTx(tx *types.Tx) error { return c.exec.CheckTx(c.admitState, tx) }

// Build executes txs on top of the head and returns the block to propose
// (on the block ApplyDecided is writing, if any: see base).
// A group carrier (see types.Members) puts its members into the block, one
// after another, or none of them. Transactions that cannot be in a block
// (fee not payable, expired, already on chain or twice in txs) are left
// out, and so are those beyond MaxTxNumber or types.MaxBlockSize;
// signatures are assumed checked (the mempool admitted txs). The result is
// kept for ApplyCertified.
func (c *Chain) Build(txs []*types.Tx, blockTime int64) (*Executed, error) {
	on, err := c.base()
	if err != nil {
		return nil, err
	}
	defer on.release()
	head := on.head
	if blockTime < head.BlockTime {
		blockTime = head.BlockTime
	}
	seen := make(map[string]bool, len(txs))
	kept := make([]*types.Tx, 0, len(txs))
	size := blockHeaderRoom
txs:
	for _, tx := range txs {
		if c.checkTxRules(tx) != nil {
			continue
		}
		members := []*types.Tx{tx}
		if tx.Group != nil { // a group goes in whole, its members one after another
			members = tx.Group
		}
		if len(kept)+len(members) > c.p.MaxTxNumber {
			break
		}
		grow := 0
		for _, m := range members {
			switch dup, err := duplicate(on, seen, m.Hash); {
			case err != nil:
				return nil, local(err)
			case dup:
				continue txs
			}
			grow += 1 + protowire.SizeBytes(m.Size)
		}
		if size += grow; size > types.MaxBlockSize {
			break
		}
		for _, m := range members {
			seen[string(m.Hash)] = true
		}
		kept = append(kept, members...)
	}
	res, err := c.exec.ExecBlock(on, head.StateHash, head.Height+1, blockTime, kept, true)
	if err != nil {
		return nil, local(err) // dropping, it refuses no transaction: the state failed
	}
	b := &types.Block{ParentHash: head.Hash, TxHash: types.TxRoot(res.Txs), StateHash: res.StateHash,
		Height: head.Height + 1, BlockTime: blockTime, Difficulty: c.p.Difficulty, Txs: make([]*types.Transaction, len(res.Txs))}
	for i, t := range res.Txs {
		b.Txs[i] = t.Transaction
	}
	x := &Executed{Block: b, Hash: types.BlockHash(b), Txs: res.Txs, res: res}
	c.keep(x)
	return x, nil
}

// blockHeaderRoom bounds the encoding of a block's fields other than its
// transactions (hashes, height, time, difficulty), for Build's size limit.
const blockHeaderRoom = 1024

// checkTxRules are the admission rules a block must also respect, so that a
// faulty proposer cannot include what no mempool would admit.
func (c *Chain) checkTxRules(tx *types.Tx) error {
	return types.CheckTx(tx, c.p.Rules)
}

// checkBlockTxRules applies the admission rules to a block's transactions:
// a plain one alone, the members of a group (groupCount > 0: the next
// groupCount transactions, each with the group hash as header) together
// with the group rules, so that a broken or tampered group is refused with
// the reference's error name.
func (c *Chain) checkBlockTxRules(txs []*types.Tx) error {
	for i := 0; i < len(txs); {
		gc := int(txs[i].GroupCount)
		if gc == 0 {
			if err := c.checkTxRules(txs[i]); err != nil {
				return fmt.Errorf("tx %d: %w", i, err)
			}
			i++
			continue
		}
		if gc < 0 || gc == 1 || gc > types.MaxTxGroupSize || i+gc > len(txs) {
			return fmt.Errorf("tx %d: %w", i, types.ErrTxGroupCount)
		}
		if err := types.CheckGroup(txs[i:i+gc], c.p.Rules); err != nil {
			return fmt.Errorf("group at tx %d: %w", i, err)
		}
		i += gc
	}
	return nil
}

// Validate checks b as the next block and executes it (on the block
// ApplyDecided is writing, if any: see base). verified reports
// whether a transaction's signature was already checked (the mempool's
// Verified); it may be nil. An invalid block gives a *BlockError, a failure
// of this node an error wrapping types.ErrLocal. The result is kept for
// ApplyCertified.
func (c *Chain) Validate(b *types.Block, verified func(*types.Tx) bool) (*Executed, error) {
	on, err := c.base()
	if err != nil {
		return nil, err
	}
	defer on.release()
	x, err := c.validate(on, b, verified)
	if err != nil {
		return nil, err
	}
	c.keep(x)
	return x, nil
}

// validate returns a *BlockError for an invalid block and an error wrapping
// types.ErrLocal when the store fails.
func (c *Chain) validate(on *base, b *types.Block, verified func(*types.Tx) bool) (*Executed, error) {
	x, err := c.check(on, b, verified)
	if err != nil && !errors.Is(err, types.ErrLocal) {
		err = &BlockError{Height: b.GetHeight(), Err: err}
	}
	return x, err
}

func (c *Chain) check(on *base, b *types.Block, verified func(*types.Tx) bool) (*Executed, error) {
	head := on.head
	switch {
	case b == nil:
		return nil, errors.New("no block")
	case b.Height != head.Height+1:
		return nil, fmt.Errorf("height %d does not follow head %d", b.Height, head.Height)
	case !bytes.Equal(b.ParentHash, head.Hash):
		return nil, fmt.Errorf("parent 0x%x is not head 0x%x", b.ParentHash, head.Hash)
	case b.Version != 0 || b.Signature != nil || len(b.MainHash) != 0 || b.MainHeight != 0:
		return nil, errors.New("unexpected version, signature or main-chain fields")
	case b.Difficulty != c.p.Difficulty:
		return nil, fmt.Errorf("difficulty 0x%x, want 0x%x", b.Difficulty, c.p.Difficulty)
	case b.BlockTime < head.BlockTime:
		return nil, fmt.Errorf("block time %d before parent's %d", b.BlockTime, head.BlockTime)
	case b.BlockTime > c.p.Now().Add(c.p.MaxClockSkew).Unix():
		return nil, fmt.Errorf("block time %d is in the future", b.BlockTime)
	case len(b.Txs) > c.p.MaxTxNumber:
		return nil, fmt.Errorf("%d transactions, limit %d", len(b.Txs), c.p.MaxTxNumber)
	}
	txs := make([]*types.Tx, len(b.Txs))
	for i, t := range b.Txs {
		if t == nil {
			return nil, fmt.Errorf("tx %d: empty", i)
		}
		txs[i] = types.NewTx(t)
	}
	if err := c.checkBlockTxRules(txs); err != nil {
		return nil, err
	}
	seen := make(map[string]bool, len(b.Txs))
	for i, tx := range txs {
		switch dup, err := duplicate(on, seen, tx.Hash); {
		case err != nil:
			return nil, local(err) // not the block's fault
		case dup:
			return nil, fmt.Errorf("tx %d (0x%x): %w", i, tx.Hash, types.ErrDupTx)
		}
		seen[string(tx.Hash)] = true
	}
	if root := types.TxRoot(txs); !bytes.Equal(root, b.TxHash) {
		return nil, fmt.Errorf("tx root 0x%x, header says 0x%x", root, b.TxHash)
	}
	if i := firstBadSignature(txs, verified); i >= 0 {
		return nil, fmt.Errorf("tx %d (0x%x): %w", i, txs[i].Hash, types.ErrSign)
	}
	res, err := c.exec.ExecBlock(on, head.StateHash, b.Height, b.BlockTime, txs, false)
	var refused *executor.ExecError
	switch {
	case err == nil:
	case !errors.As(err, &refused) || errors.Is(err, store.ErrRead) || errors.Is(err, store.ErrCorrupt):
		return nil, local(err) // reading the state failed, not the block
	default:
		return nil, err
	}
	if !bytes.Equal(res.StateHash, b.StateHash) {
		return nil, fmt.Errorf("state hash 0x%x, header says 0x%x", res.StateHash, b.StateHash)
	}
	return &Executed{Block: b, Hash: types.BlockHash(b), Txs: txs, res: res}, nil
}

// Preverify checks a downloaded range of consecutive blocks (certs[i] of
// blocks[i]) ahead of ApplyCertified, on the caller's goroutine and spread
// over the cores: block sync checks a range while it applies earlier
// blocks. It checks their certificates (PreverifyCertificates) and, if all
// passed, their transactions' signatures; signed[i] reports whether all of
// block i's are valid, and ApplyCertified then checks them no more. A range
// with a certificate that does not pass (a hostile peer's, or one past a
// change of validators) gets no signature checks ahead: ApplyCertified
// checks each of its blocks in turn, and the first bad one ends the range.
func (c *Chain) Preverify(blocks []*types.Block, certs [][]byte) (signed []bool) {
	if !c.PreverifyCertificates(blocks, certs) {
		return make([]bool, len(blocks))
	}
	return preverifySignatures(blocks)
}

// preverifySignatures verifies the signatures of blocks' transactions,
// spread over the cores, and reports for each block whether all are valid.
func preverifySignatures(blocks []*types.Block) []bool {
	var ts []*types.Transaction
	var of []int // block index of each of ts
	for i, b := range blocks {
		ts = append(ts, b.Txs...)
		for range b.Txs {
			of = append(of, i)
		}
	}
	ok := make([]bool, len(blocks))
	for i := range ok {
		ok[i] = true
	}
	var pubs [][]byte
	for _, t := range ts {
		if s := t.GetSignature(); s != nil {
			if id, _ := crypto.SplitSignID(s.Ty); id == crypto.SignTypeSecp256k1 {
				pubs = append(pubs, s.Pubkey)
			}
		}
	}
	crypto.WarmKeyTables(pubs)
	for k, bad := range badSignatures(ts) {
		if bad {
			ok[of[k]] = false
		}
	}
	return ok
}

// firstBadSignature verifies the signatures not yet verified, spread over
// the cores, and returns the index of the first invalid one or -1.
func firstBadSignature(txs []*types.Tx, verified func(*types.Tx) bool) int {
	var todo []int
	var ts []*types.Transaction
	for i, tx := range txs {
		if verified == nil || !verified(tx) {
			todo = append(todo, i)
			ts = append(ts, tx.Transaction)
		}
	}
	for k, bad := range badSignatures(ts) {
		if bad {
			return todo[k]
		}
	}
	return -1
}

// base is the state Build and Validate execute on: a store snapshot and,
// over it, the decided block ApplyDecided is still writing, if the snapshot
// does not hold it yet. So the next block executes while the previous one is
// made durable; what binds this node at the next height, its signatures and
// its consensus WAL records, waits for that write (node.writtenSigner,
// node.writtenWAL).
type base struct {
	x    *Executed // the block being written; nil if none
	snap *store.Snapshot
	head store.Head
}

// base returns the state after the last decided block, written or not.
func (c *Chain) base() (*base, error) {
	if x := c.tip.Load(); x != nil { // before the snapshot: the write stores the block, then clears tip
		on, err := c.snapshotBase()
		if err != nil {
			return nil, err
		}
		if on.head.Height == x.Block.Height-1 && bytes.Equal(on.head.Hash, x.Block.ParentHash) {
			on.x = x
			on.head = store.Head{Height: x.Block.Height, Hash: x.Hash, StateHash: x.res.StateHash, BlockTime: x.Block.BlockTime}
			return on, nil
		}
		on.release() // written meanwhile
	}
	if err := c.Written(); err != nil { // the blocks block sync wrote unsynced, a write given up
		return nil, err
	}
	return c.snapshotBase()
}

// snapshotBase is a base of the store's head alone.
func (c *Chain) snapshotBase() (*base, error) {
	snap, err := c.db.Snapshot()
	if err != nil {
		return nil, local(err)
	}
	head, _ := snap.Head()
	return &base{snap: snap, head: head}, nil
}

func (on *base) release() { on.snap.Release() }

// State reads the block being written over the snapshot.
func (on *base) State(key []byte) ([]byte, error) { return pendingState{on.x, on.snap}.State(key) }

// HasTx reports whether a transaction is on chain or in the block being
// written.
func (on *base) HasTx(hash []byte) (bool, error) {
	if on.x.hasTx(hash) {
		return true, nil
	}
	return on.snap.HasTx(hash)
}

// Writing returns whether a transaction is in the decided block being
// written, for Build's caller to leave out (the mempool drops them once the
// write is done); nil when no block is being written.
func (c *Chain) Writing() func(*types.Tx) bool {
	x := c.tip.Load()
	if x == nil || x.Block.Height <= c.HeadInfo().Height {
		return nil
	}
	return func(tx *types.Tx) bool { return x.hasTx(tx.Hash) }
}

// duplicate reports whether a tx hash is in seen (earlier in the block) or
// on chain in on; an error is the store's.
func duplicate(on *base, seen map[string]bool, hash []byte) (bool, error) {
	if seen[string(hash)] {
		return true, nil
	}
	return on.HasTx(hash)
}

// badSignatures verifies ts spread over the cores, in batches (checked
// together: types.VerifySignatures); bad[i] says ts[i] is missing or its
// signature invalid.
func badSignatures(ts []*types.Transaction) (bad []bool) {
	bad = make([]bool, len(ts))
	ok := make([]bool, len(ts))
	workers := min(runtime.GOMAXPROCS(0), len(ts))
	size := min(crypto.MaxBatch, (len(ts)+workers-1)/max(workers, 1))
	var next atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for {
				i := int(next.Add(int64(size))) - size
				if i >= len(ts) {
					return
				}
				j := min(i+size, len(ts))
				types.VerifySignatures(ts[i:j], ok[i:j])
			}
		})
	}
	wg.Wait()
	for i := range ok {
		bad[i] = !ok[i]
	}
	return bad
}

// commit writes an executed block with its commit certificate. The head must
// not have moved since the block was built or validated.
func (c *Chain) commit(x *Executed, cert []byte, sync bool) error {
	hashes := make([][]byte, len(x.Txs))
	for i, t := range x.Txs {
		hashes[i] = t.Hash
	}
	total := int64(len(x.Txs))
	if x.Block.Height > 0 {
		prev, err := c.TotalTxs(x.Block.Height - 1)
		if err != nil {
			return err
		}
		total += prev
	}
	index := append(x.res.Local[:len(x.res.Local):len(x.res.Local)], &types.KeyValue{Key: totalTxsKey(x.Block.Height), Value: binary.BigEndian.AppendUint64(nil, uint64(total))})
	commit := c.db.CommitBlock
	var history []*types.KeyValue
	var done func(bool)
	var err error
	if sync {
		history, done, err = c.idx.forCommit(x)
	} else {
		commit = c.db.CommitBlockUnsynced
		done = func(committed bool) {
			if committed {
				c.idx.queueUnsynced(x)
			}
		}
	}
	if err != nil {
		return err
	}
	err = commit(&store.BlockBatch{
		Block: x.Block, Hash: x.Hash, Cert: cert, Receipts: x.res.Receipts, TxHashes: hashes,
		State: x.res.State, Local: append(index, history...), StateHash: x.res.StateHash,
	})
	done(err == nil)
	return err
}

func totalTxsKey(height int64) []byte {
	return binary.BigEndian.AppendUint64([]byte("chain-total-txs:"), uint64(height))
}

// TotalTxs is the number of transactions in blocks 0..height.
func (c *Chain) TotalTxs(height int64) (int64, error) {
	v, err := c.db.Local(totalTxsKey(height))
	if err != nil {
		return 0, err
	}
	if len(v) != 8 {
		return 0, fmt.Errorf("total transactions at %d: %w", height, types.ErrNotFound)
	}
	return int64(binary.BigEndian.Uint64(v)), nil
}

// Receipts of an executed block, one per transaction.
func (x *Executed) Receipts() []*types.ReceiptData { return x.res.Receipts }

// Delayed are the transactions the block committed for later (none
// CommitDelayTx), for the mempool to hold until they are due.
func (x *Executed) Delayed() []*executor.DelayedTx { return x.res.Delayed }
