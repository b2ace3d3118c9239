package chain

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"log/slog"
	"maps"
	"strconv"
	"sync"
	"time"

	"chain33node/crypto"
	"chain33node/store"
	"chain33node/types"

	"google.golang.org/protobuf/proto"
)

// The history indexes: local entries, derived from each block and its
// receipts alone (and the entries of the blocks before it), written in the
// block's own batch (those of the blocks block sync writes without sync,
// behind the commits and together: queueUnsynced), never part of the
// state hash. Their keys and values are the reference's localdb ones
// (chain33 executor/plugin_addrindex.go, plugin_addrfeeindex.go,
// plugin_fee.go, system/dapp/coins/executor/exec_local.go,
// types/const.go), so that its GetPrefixCount and GetAddrTxsCount queries,
// which take raw keys, mean the same here.
//
// A chain whose indexes are behind its head (a data directory from before
// the indexes, or whose [exec] index keys changed) catches up in the
// background (RebuildIndexes) while blocks keep committing: a block is
// indexed in its own batch only once every block before it is, and the
// rebuild indexes the rest in batches of its own. The last indexed height
// is recorded with the entries, so a rebuild interrupted by a stop resumes.

// IndexConfig selects the indexes, as the reference's [exec] keys do.
type IndexConfig struct {
	AddrIndex    bool   // !disableAddrIndex: TxAddrHash:, TxAddrDirHash:, AddrTxsCount:
	AddrFeeIndex bool   // enableAddrFeeIndex: TxFeeAddrDirHash:
	FeeIndex     bool   // !disableFeeIndex: TotalFeeKey:
	CoinSymbol   string // of the assets of indexed coins transactions
	Log          *slog.Logger
	// ProgressEvery is how often a rebuild logs its progress; 0: 10 s.
	ProgressEvery time.Duration
}

// Index key families.
const (
	keyTxAddrHash       = "TxAddrHash:"
	keyTxAddrDirHash    = "TxAddrDirHash:"
	keyTxFeeAddrDirHash = "TxFeeAddrDirHash:"
	keyAddrTxsCount     = "AddrTxsCount:"
	keyTotalFee         = "TotalFeeKey:"
	keyAddrReceived     = "LODB-coins-Addr:" // coins' amount received per address
)

// Directions of an address's transactions (TxAddrDirHash flags).
const (
	txIndexFrom = 1
	txIndexTo   = 2
)

// maxTxsPerBlock spaces the heights in index keys (types.MaxTxsPerBlock).
const maxTxsPerBlock = 100000

// Index kinds, as bits of the recorded state. The format bit changes when
// an index's encoding does, so that an old one is rebuilt.
const (
	idxReceived uint32 = 1 << iota // always: the coins executor's own local entries
	idxAddr
	idxAddrFee
	idxFee
	idxFormat1 uint32 = 1 << 16
)

var idxFamilies = []struct {
	kind     uint32
	prefixes []string
}{
	{idxReceived, []string{keyAddrReceived}},
	{idxAddr, []string{keyTxAddrHash, keyTxAddrDirHash, keyAddrTxsCount}},
	{idxAddrFee, []string{keyTxFeeAddrDirHash}},
	{idxFee, []string{keyTotalFee}},
}

func (c IndexConfig) kinds() uint32 {
	k := idxFormat1 | idxReceived
	if c.AddrIndex {
		k |= idxAddr
	}
	if c.AddrFeeIndex {
		k |= idxAddrFee
	}
	if c.FeeIndex {
		k |= idxFee
	}
	return k
}

// indexStateKey records what the index entries on disk are: kinds (4 bytes)
// and the last indexed height (8 bytes, -1: none).
var indexStateKey = []byte("chain-index-state")

func stateKV(kinds uint32, height int64) *types.KeyValue {
	v := binary.BigEndian.AppendUint32(nil, kinds)
	return &types.KeyValue{Key: indexStateKey, Value: binary.BigEndian.AppendUint64(v, uint64(height))}
}

// indexer keeps the indexes up to date. mu orders the writers of index
// entries: the commit path (which indexes a block only when every block
// before it is) and RebuildIndexes.
type indexer struct {
	db  *store.DB
	cfg IndexConfig
	log *slog.Logger

	mu         sync.Mutex
	want       uint32 // kinds the config asks for
	kinds      uint32 // kinds of the entries on disk
	height     int64  // last block indexed (pending included), -1: none
	rebuilding bool   // RebuildIndexes runs: it alone writes index entries
	// pending holds the entries of blocks committed without sync (block
	// sync), written together: see queueUnsynced.
	pending *localOverlay

	bg bgIndexer
}

// bgIndexer is the queue of queueUnsynced and the goroutine that works it
// (running while the queue is not empty).
type bgIndexer struct {
	mu      sync.Mutex
	cond    *sync.Cond // on mu: the queue shrank or the goroutine ended
	queue   []bgItem
	txs     int // transactions of the queued blocks
	running bool
	failing bool // the last background write failed (logged once)
}

// bgItem is a block to index (x) or a request to write what is pending.
type bgItem struct{ x *Executed }

func newIndexer(db *store.DB, cfg IndexConfig) (*indexer, error) {
	ix := &indexer{db: db, cfg: cfg, log: cfg.Log, want: cfg.kinds(), height: -1}
	ix.bg.cond = sync.NewCond(&ix.bg.mu)
	if ix.log == nil {
		ix.log = slog.Default()
	}
	v, err := db.Local(indexStateKey)
	switch {
	case err != nil:
		return nil, err
	case v == nil:
		if _, ok := db.Head(); !ok {
			ix.kinds = ix.want // a new chain: indexed from genesis on
		}
	case len(v) != 12:
		return nil, fmt.Errorf("%w: index state: %d bytes", store.ErrCorrupt, len(v))
	default:
		ix.kinds, ix.height = binary.BigEndian.Uint32(v), int64(binary.BigEndian.Uint64(v[4:]))
	}
	return ix, nil
}

// behind reports whether the indexes need RebuildIndexes.
func (ix *indexer) behind() bool {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	head, ok := ix.db.Head()
	return ix.kinds != ix.want || (ok && ix.height < head.Height)
}

// forCommit writes the entries pending from blocks committed without sync,
// then returns the index entries of a block about to be committed on
// top of the indexed head, none if the indexes are behind, and holds mu
// until done is called with whether the block was committed. It takes the
// entries prepare computed while the block was voted on, when they were
// computed on the same indexed head.
func (ix *indexer) forCommit(x *Executed) (kvs []*types.KeyValue, done func(committed bool), err error) {
	ix.drain()
	ix.mu.Lock()
	if err := ix.flushLocked(); err != nil {
		ix.mu.Unlock()
		return nil, nil, err
	}
	if ix.rebuilding || ix.kinds != ix.want || ix.height != x.Block.Height-1 {
		return nil, func(bool) { ix.mu.Unlock() }, nil
	}
	if p := x.index; p != nil {
		<-p.done
		if p.err == nil && p.kinds == ix.kinds && p.height == ix.height {
			kvs = p.kvs
		}
	}
	if kvs == nil {
		if kvs, err = ix.entries(ix.db, x); err != nil {
			ix.mu.Unlock()
			return nil, nil, err
		}
	}
	return kvs, func(committed bool) {
		if committed {
			ix.height = x.Block.Height
		}
		ix.mu.Unlock()
	}, nil
}

// queueUnsynced is forCommit for a block committed without sync (block
// sync): a goroutine indexes it behind the commits, into pending over the
// entries of the blocks before it, and writes pending in one sorted batch
// when asked (flushLater, Written) or when it holds maxPendingIndex
// entries. A syncing follower's applier bounds how fast it catches up, and
// the index entries were half its work: computed on another core, and
// written together (an address's counters once a range instead of once a
// block, its entries next to each other, where LevelDB's memtable inserts
// each from the last one's place). Until then queries see the indexes of
// the ranges before; a crash loses the pending entries, never a block's,
// and RebuildIndexes at the next start indexes the blocks from the
// recorded height on. At most maxQueuedTxs transactions wait: the commits
// wait for the goroutine beyond that.
func (ix *indexer) queueUnsynced(x *Executed) {
	ix.bg.mu.Lock()
	defer ix.bg.mu.Unlock()
	for ix.bg.txs >= maxQueuedTxs {
		ix.bg.cond.Wait()
	}
	ix.enqueueLocked(bgItem{x: x})
}

// flushLater asks the goroutine to write the pending entries once it has
// indexed the blocks queued before.
func (ix *indexer) flushLater() {
	ix.bg.mu.Lock()
	defer ix.bg.mu.Unlock()
	ix.enqueueLocked(bgItem{})
}

func (ix *indexer) enqueueLocked(it bgItem) {
	ix.bg.queue = append(ix.bg.queue, it)
	if it.x != nil {
		ix.bg.txs += len(it.x.Txs)
	}
	if !ix.bg.running {
		ix.bg.running = true
		go ix.work()
	}
}

// drain waits until the goroutine has worked the whole queue.
func (ix *indexer) drain() {
	ix.bg.mu.Lock()
	defer ix.bg.mu.Unlock()
	for ix.bg.running {
		ix.bg.cond.Wait()
	}
}

// work indexes the queued blocks in order and writes when asked, and ends
// when the queue is empty. A failure is ours (the disk) and is logged: the
// entries of a failed write stay pending for the next one (Written reports
// its failure); a block that cannot be indexed leaves the indexes behind
// (its successors do not follow the indexed height) until RebuildIndexes
// at the next start.
func (ix *indexer) work() {
	for {
		ix.bg.mu.Lock()
		if len(ix.bg.queue) == 0 {
			ix.bg.running, ix.bg.queue = false, nil
			ix.bg.cond.Broadcast()
			ix.bg.mu.Unlock()
			return
		}
		it := ix.bg.queue[0]
		ix.bg.queue = ix.bg.queue[1:]
		ix.bg.mu.Unlock()
		beforeBackgroundIndex()

		ix.mu.Lock()
		write := it.x == nil || ix.pending != nil && len(ix.pending.w) >= maxPendingIndex
		var werr, ierr error
		if write {
			werr = ix.writePendingLocked(ix.db.PutLocalUnsynced)
		}
		if it.x != nil { // indexed even when the write failed: its entries wait with the others
			ierr = ix.addPendingLocked(it.x)
		}
		ix.mu.Unlock()

		if ierr != nil {
			ix.log.Error("cannot index a block; the history indexes stay behind until the next start rebuilds them", "err", ierr)
		}
		ix.bg.mu.Lock()
		if it.x != nil {
			ix.bg.txs -= len(it.x.Txs)
			ix.bg.cond.Broadcast()
		}
		switch {
		case werr != nil && !ix.bg.failing:
			ix.bg.failing = true
			ix.log.Error("history index entries not written, not a peer's fault; they stay pending", "err", werr)
		case write && werr == nil && ix.bg.failing:
			ix.bg.failing = false
			ix.log.Info("history index entries written again")
		}
		ix.bg.mu.Unlock()
	}
}

// addPendingLocked indexes x into pending if the indexes are at its parent.
func (ix *indexer) addPendingLocked(x *Executed) error {
	if ix.rebuilding || ix.kinds != ix.want || ix.height != x.Block.Height-1 {
		return nil
	}
	if ix.pending == nil {
		ix.pending = &localOverlay{r: ix.db, w: map[string][]byte{}}
	}
	ov, err := ix.blockEntries(ix.pending, x) // apart until whole: a failure leaves pending as it was
	if err != nil {
		return err
	}
	maps.Copy(ix.pending.w, ov.w)
	ix.height = x.Block.Height
	return nil
}

// beforeBackgroundIndex runs before the goroutine works an item: tests hold
// it back.
var beforeBackgroundIndex = func() {}

// Bounds of block sync's indexing behind the commits (variables for tests):
// the entries pending hold (some 100 bytes each; a range of large blocks is
// written in parts) and the transactions of the blocks queued.
var (
	maxPendingIndex = 1 << 17
	maxQueuedTxs    = 1 << 15
)

// flush indexes what is queued and writes the pending entries, synced.
func (ix *indexer) flush() error {
	ix.drain()
	ix.mu.Lock()
	defer ix.mu.Unlock()
	return ix.flushLocked()
}

func (ix *indexer) flushLocked() error { return ix.writePendingLocked(ix.db.PutLocal) }

// writePendingLocked writes the pending entries with the indexed height;
// on failure they stay pending.
func (ix *indexer) writePendingLocked(put func([]*types.KeyValue) error) error {
	if ix.pending == nil {
		return nil
	}
	if err := put(append(ix.pending.changes(), stateKV(ix.want, ix.height))); err != nil {
		return err
	}
	ix.pending = nil
	return nil
}

// entries computes a block's index entries over r (the store, or a
// snapshot of it at the block's parent).
func (ix *indexer) entries(r interface{ Local([]byte) ([]byte, error) }, x *Executed) ([]*types.KeyValue, error) {
	ov, err := ix.blockEntries(r, x)
	if err != nil {
		return nil, err
	}
	return append(ov.changes(), stateKV(ix.want, x.Block.Height)), nil
}

// blockEntries computes x's index entries into an overlay over r.
func (ix *indexer) blockEntries(r interface{ Local([]byte) ([]byte, error) }, x *Executed) (*localOverlay, error) {
	ov := &localOverlay{r: r, w: make(map[string][]byte, 6*len(x.Txs)+1)} // about 6 entries a transfer
	if err := ix.index(ov, x.Block, x.Hash, x.Txs, x.res.Receipts); err != nil {
		return nil, fmt.Errorf("index block %d: %w", x.Block.Height, err)
	}
	return ov, nil
}

// preparedIndex is a block's index entries computed ahead, on a snapshot
// whose indexes were of kinds up to height.
type preparedIndex struct {
	done   chan struct{}
	kinds  uint32
	height int64
	kvs    []*types.KeyValue
	err    error
}

// errNotIndexed: the snapshot's indexes were not at the block's parent.
var errNotIndexed = errors.New("indexes not at the parent")

// prepare computes x's index entries on a goroutine, on a snapshot at x's
// parent, so that its commit finds them done: the work moves from the
// commit to the time the block is voted on. forCommit uses them only if the
// indexes are still those of the snapshot.
func (ix *indexer) prepare(x *Executed) *preparedIndex {
	p := &preparedIndex{done: make(chan struct{})}
	go func() {
		defer close(p.done)
		snap, err := ix.db.Snapshot()
		if err != nil {
			p.err = err
			return
		}
		defer snap.Release()
		head, _ := snap.Head()
		v, err := snap.Local(indexStateKey)
		switch {
		case err != nil:
			p.err = err
			return
		case len(v) != 12 || !bytes.Equal(head.Hash, x.Block.ParentHash):
			p.err = errNotIndexed
			return
		}
		p.kinds, p.height = binary.BigEndian.Uint32(v), int64(binary.BigEndian.Uint64(v[4:]))
		if p.kinds != ix.want || p.height != head.Height {
			p.err = errNotIndexed
			return
		}
		p.kvs, p.err = ix.entries(snap, x)
	}()
	return p
}

// localOverlay buffers index writes over the store, so that the entries of
// one batch see each other (counters, running totals).
type localOverlay struct {
	r interface{ Local([]byte) ([]byte, error) }
	w map[string][]byte
}

func (o *localOverlay) get(key string) ([]byte, error) {
	if v, ok := o.w[key]; ok {
		return v, nil
	}
	return o.r.Local([]byte(key))
}

// Local reads through the overlay: an overlay over another one.
func (o *localOverlay) Local(key []byte) ([]byte, error) { return o.get(string(key)) }

func (o *localOverlay) set(key string, v []byte) { o.w[key] = v }

func (o *localOverlay) changes() []*types.KeyValue {
	kvs := make([]*types.KeyValue, 0, len(o.w))
	for k, v := range o.w {
		kvs = append(kvs, &types.KeyValue{Key: []byte(k), Value: v})
	}
	return kvs
}

// addInt64 adds delta to the types.Int64 counter at key.
func (o *localOverlay) addInt64(key string, delta int64) error {
	n, err := o.int64(key)
	if err != nil {
		return err
	}
	o.set(key, encodeInt64(n+delta))
	return nil
}

func (o *localOverlay) int64(key string) (int64, error) {
	v, err := o.get(key)
	if err != nil {
		return 0, err
	}
	return decodeInt64(v, key)
}

func encodeInt64(n int64) []byte { return mustEncode(&types.Int64{Data: n}) }

func decodeInt64(v []byte, key string) (int64, error) {
	var n types.Int64
	if err := proto.Unmarshal(v, &n); err != nil {
		return 0, fmt.Errorf("%w: local %q: %v", store.ErrCorrupt, key, err)
	}
	return n.Data, nil
}

func mustEncode(m proto.Message) []byte {
	b, err := proto.MarshalOptions{Deterministic: true}.Marshal(m)
	if err != nil {
		panic(err) // plain messages always encode
	}
	return b
}

// heightIndex is the reference's HeightIndexStr: the position of a
// transaction, 18 digits, so that keys sort in chain order.
func heightIndex(height, index int64) string {
	n := height*maxTxsPerBlock + index
	if n < 0 {
		return fmt.Sprintf("%018d", n)
	}
	d := strconv.FormatInt(n, 10)
	return "000000000000000000"[min(len(d), 18):] + d
}

func txAddrKey(addr, hi string) string { return keyTxAddrHash + crypto.FormatAddress(addr) + ":" + hi }

func txAddrDirKey(addr string, flag int32, hi string) string {
	return keyTxAddrDirHash + crypto.FormatAddress(addr) + ":" + strconv.Itoa(int(flag)) + ":" + hi
}

func txFeeAddrKey(addr, hi string) string {
	return keyTxFeeAddrDirHash + crypto.FormatAddress(addr) + ":" + strconv.Itoa(txIndexFrom) + ":" + hi
}

func addrTxsCountKey(addr string) string  { return keyAddrTxsCount + crypto.FormatAddress(addr) }
func addrReceivedKey(addr string) string  { return keyAddrReceived + crypto.FormatAddress(addr) }
func totalFeeKey(blockHash []byte) string { return keyTotalFee + string(blockHash) }

// index writes the entries of one block into ov. A block's counters
// (transactions per address, coins received) are summed first and each is
// read and written once.
func (ix *indexer) index(ov *localOverlay, b *types.Block, hash []byte, txs []*types.Tx, receipts []*types.ReceiptData) error {
	if len(receipts) != len(txs) {
		return fmt.Errorf("%d txs, %d receipts", len(txs), len(receipts))
	}
	want := ix.want
	sums := make(map[string]int64, len(txs))
	for i, tx := range txs {
		hi := heightIndex(b.Height, int64(i))
		from, to := tx.From(), tx.To
		action, coins := types.DecodeCoinsAction(tx.Transaction)
		if want&idxAddr != 0 {
			reply := &types.ReplyTxInfo{Hash: tx.Hash, Height: b.Height, Index: int64(i)}
			if coins {
				for _, a := range types.CoinsAssets(action, ix.cfg.CoinSymbol) {
					reply.Assets = append(reply.Assets, &types.Asset{Exec: a.Exec, Symbol: a.Symbol, Amount: a.Amount})
				}
			}
			info := mustEncode(reply)
			for _, side := range []struct {
				addr string
				flag int32
			}{{from, txIndexFrom}, {to, txIndexTo}} {
				if side.addr == "" {
					continue
				}
				ov.set(txAddrDirKey(side.addr, side.flag, hi), info)
				ov.set(txAddrKey(side.addr, hi), info)
				sums[addrTxsCountKey(side.addr)]++
			}
		}
		if want&idxAddrFee != 0 && from != "" {
			ov.set(txFeeAddrKey(from, hi), mustEncode(&types.AddrTxFeeInfo{
				TxHash: types.HexWith0x(tx.Hash), Height: b.Height, Index: int64(i), Fee: tx.Fee,
				Exec: string(tx.Execer), TxStatus: receipts[i].GetTy(), FromAddr: from, ToAddr: to}))
		}
		if coins && receipts[i].GetTy() == types.ExecOk {
			if amount := received(action); amount != 0 {
				sums[addrReceivedKey(tx.To)] += amount
			}
		}
	}
	for key, delta := range sums {
		if err := ov.addInt64(key, delta); err != nil {
			return err
		}
	}
	if want&idxFee != 0 {
		total := &types.TotalFee{}
		if b.Height > 0 {
			v, err := ov.get(totalFeeKey(b.ParentHash))
			if err != nil {
				return err
			}
			if err := proto.Unmarshal(v, total); err != nil {
				return fmt.Errorf("%w: total fee of block %d: %v", store.ErrCorrupt, b.Height-1, err)
			}
		}
		for _, tx := range txs {
			total.Fee += tx.Fee
		}
		total.TxCount += int64(len(txs))
		ov.set(totalFeeKey(hash), mustEncode(total))
	}
	return nil
}

// received is what a successful coins transaction with action a credited
// to its recipient in the coins executor's reckoning (its ExecLocal): a
// transfer or genesis.
func received(a *types.CoinsAction) int64 {
	switch {
	case a.GetTransfer() != nil:
		return a.GetTransfer().GetAmount()
	case a.GetGenesis() != nil:
		return a.GetGenesis().GetAmount()
	}
	return 0
}

// Rebuild batches: at most this many blocks or transactions per synced
// write (variables for tests).
var (
	rebuildMaxBlocks int64 = 500
	rebuildMaxTxs          = 5000
)

// RebuildIndexes brings the history indexes up to the head, if a data
// directory from before them or a change of the [exec] index keys left them
// behind, logging its progress; it returns when they are caught up (from
// then on every block is indexed as it commits) or ctx ends. It deletes the
// entries of an index set that no longer matches first. Blocks keep
// committing meanwhile; queries see the indexes as far as they got.
func (c *Chain) RebuildIndexes(ctx context.Context) error {
	ix := c.idx
	if !ix.behind() {
		return nil
	}
	ix.mu.Lock()
	ix.rebuilding = true
	if ix.kinds != ix.want {
		ix.kinds, ix.height = ix.want, -1
		if err := ix.db.PutLocal([]*types.KeyValue{stateKV(ix.want, -1)}); err != nil {
			ix.mu.Unlock()
			return local(err)
		}
	}
	start := ix.height + 1
	ix.mu.Unlock()
	if start == 0 {
		// A rebuild from the start begins clean: leftovers of other index
		// sets or of an interrupted cleanup would skew counters.
		for _, f := range idxFamilies {
			for _, p := range f.prefixes {
				if _, err := ix.db.DeleteLocalPrefix([]byte(p), 0); err != nil {
					return local(err)
				}
			}
		}
	}
	every := ix.cfg.ProgressEvery
	if every <= 0 {
		every = 10 * time.Second
	}
	began, lastLog := time.Now(), time.Now()
	head, _ := ix.db.Head()
	ix.log.Info("rebuilding history indexes", "from", start, "to", head.Height)
	indexed := int64(0)
	for {
		if err := ctx.Err(); err != nil {
			return err
		}
		to, err := ix.rebuildBatch()
		if err != nil {
			return local(err)
		}
		if to < 0 {
			break
		}
		indexed = to - start + 1
		if time.Since(lastLog) >= every {
			head, _ = ix.db.Head()
			ix.log.Info("rebuilding history indexes", "height", to, "head", head.Height,
				"blocksPerSecond", int(float64(indexed)/time.Since(began).Seconds()))
			lastLog = time.Now()
		}
	}
	ix.log.Info("history indexes rebuilt", "blocks", indexed, "seconds", time.Since(began).Round(time.Millisecond).Seconds())
	return nil
}

// rebuildBatch indexes the next blocks after the indexed height and
// returns the last of them, -1 when the indexes are at the head.
func (ix *indexer) rebuildBatch() (int64, error) {
	ix.mu.Lock()
	from := ix.height + 1
	ix.mu.Unlock()
	head, _ := ix.db.Head()
	if from > head.Height {
		// Caught up with the head we saw. Under mu no block commits, so if
		// that is still the head, the commits take over from here.
		ix.mu.Lock()
		defer ix.mu.Unlock()
		if h, _ := ix.db.Head(); ix.height >= h.Height {
			ix.rebuilding = false
			return -1, nil
		}
		return ix.height, nil
	}
	// While rebuilding, only this goroutine writes index entries (commits
	// leave them out), so the batch is computed without holding mu.
	ov := &localOverlay{r: ix.db, w: map[string][]byte{}}
	to, txs := from-1, 0
	for to < head.Height && to-from+1 < rebuildMaxBlocks && txs < rebuildMaxTxs {
		h := to + 1
		b, err := ix.db.Block(h)
		if err != nil {
			return 0, err
		}
		rs, err := ix.db.Receipts(h)
		if err != nil {
			return 0, err
		}
		hdr, err := ix.db.Header(h)
		if err != nil {
			return 0, err
		}
		wtxs := make([]*types.Tx, len(b.Txs))
		for i, t := range b.Txs {
			wtxs[i] = types.NewTx(t)
		}
		if err := ix.index(ov, b, hdr.Hash, wtxs, rs); err != nil {
			return 0, fmt.Errorf("index block %d: %w", h, err)
		}
		to, txs = h, txs+len(b.Txs)
	}
	ix.mu.Lock()
	defer ix.mu.Unlock()
	if err := ix.db.PutLocal(append(ov.changes(), stateKV(ix.want, to))); err != nil {
		return 0, err
	}
	ix.height = to
	return to, nil
}
