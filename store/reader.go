package store

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"sync/atomic"

	"chain33node/types"

	"github.com/syndtr/goleveldb/leveldb"
	"github.com/syndtr/goleveldb/leveldb/iterator"
	"github.com/syndtr/goleveldb/leveldb/opt"
	"github.com/syndtr/goleveldb/leveldb/util"
	"google.golang.org/protobuf/proto"
)

// getter is what *leveldb.DB and *leveldb.Snapshot have in common.
type getter interface {
	Get(key []byte, ro *opt.ReadOptions) ([]byte, error)
	NewIterator(slice *util.Range, ro *opt.ReadOptions) iterator.Iterator
}

// reader holds the read methods shared by DB and Snapshot.
type reader struct {
	g      getter
	txs    *txFilter                           // answers most HasTx misses; nil: none
	fault  *atomic.Pointer[func(string) error] // SetReadFault
	recent *recentValues                       // nil: none
	at     int64                               // the head recent serves reads at: a snapshot's, or atHead
}

// ErrRead is wrapped by every error of a read that failed in LevelDB (I/O,
// a closed database), as opposed to an absent or undecodable record.
var ErrRead = errors.New("store: read")

// get returns the value of key, types.ErrNotFound when absent. Other errors
// wrap ErrRead and name the record kind.
func (r reader) get(key []byte, kind string) (v []byte, err error) {
	if f := r.fault.Load(); f != nil {
		err = (*f)(kind)
	}
	if err == nil {
		v, err = r.g.Get(key, nil)
	}
	switch {
	case err == nil:
		return v, nil
	case errors.Is(err, leveldb.ErrNotFound):
		return nil, types.ErrNotFound
	default:
		return nil, fmt.Errorf("%w %s: %w", ErrRead, kind, err)
	}
}

func (r reader) getAtHeight(prefix byte, kind string, height int64) ([]byte, error) {
	if height < 0 {
		return nil, types.ErrNotFound
	}
	v, err := r.get(heightKey(prefix, height), kind)
	if err != nil && !errors.Is(err, types.ErrNotFound) {
		err = fmt.Errorf("%w (height %d)", err, height)
	}
	return v, err
}

func (r reader) head() (Head, bool, error) {
	v, err := r.get(headKey, "head")
	if errors.Is(err, types.ErrNotFound) {
		return Head{}, false, nil
	}
	if err != nil {
		return Head{}, false, err
	}
	h, err := decodeHead(v)
	if err != nil {
		return Head{}, false, err
	}
	return h, true, nil
}

// Block returns the block at height, types.ErrNotFound when absent.
func (r reader) Block(height int64) (*types.Block, error) {
	v, err := r.getAtHeight(pBlock, "block", height)
	if err != nil {
		return nil, err
	}
	b, err := types.DecodeBlock(v)
	if err != nil {
		return nil, corrupt("block", height, err)
	}
	if b.Height != height {
		return nil, corrupt("block", height, fmt.Sprintf("record says height %d", b.Height))
	}
	return b, nil
}

// Header returns the header (with Hash and TxCount) at height,
// types.ErrNotFound when absent.
func (r reader) Header(height int64) (*types.Header, error) {
	v, err := r.getAtHeight(pHeader, "header", height)
	if err != nil {
		return nil, err
	}
	h := new(types.Header)
	if err := proto.Unmarshal(v, h); err != nil {
		return nil, corrupt("header", height, err)
	}
	if h.Height != height || len(h.Hash) == 0 {
		return nil, corrupt("header", height, fmt.Sprintf("record says height %d, hash %x", h.Height, h.Hash))
	}
	return h, nil
}

// HeightOf returns the height of the block with this hash,
// types.ErrNotFound when it is not on chain.
func (r reader) HeightOf(hash []byte) (int64, error) {
	v, err := r.get(prefixed(pHashIndex, hash), "block hash index")
	if err != nil {
		return 0, err
	}
	if len(v) != 8 {
		return 0, corruptHash("block hash index", hash, fmt.Sprintf("%d bytes", len(v)))
	}
	h := int64(binary.BigEndian.Uint64(v))
	if h < 0 {
		return 0, corruptHash("block hash index", hash, fmt.Sprintf("height %d", h))
	}
	return h, nil
}

// Receipts returns the receipts of the block at height, one per transaction,
// types.ErrNotFound when absent.
func (r reader) Receipts(height int64) ([]*types.ReceiptData, error) {
	v, err := r.getAtHeight(pReceipts, "receipts", height)
	if err != nil {
		return nil, err
	}
	return decodeReceipts(v, height)
}

// Cert returns the commit certificate of the block at height (nil for
// genesis), types.ErrNotFound when there is no block at height.
func (r reader) Cert(height int64) ([]byte, error) {
	v, err := r.getAtHeight(pCert, "certificate", height)
	if err != nil || len(v) == 0 {
		return nil, err
	}
	return v, nil
}

// TxLoc returns where a transaction is on chain, types.ErrNotFound when it
// is not.
func (r reader) TxLoc(hash []byte) (height int64, index int32, err error) {
	if r.txs.absent(hash) { // QueryTransaction polling a pending tx: 0.13 µs, not 4.2-4.7 (BenchmarkHasTxMiss)
		return 0, 0, types.ErrNotFound
	}
	v, err := r.get(prefixed(pTxIndex, hash), "tx index")
	if err != nil {
		return 0, 0, err
	}
	if len(v) != txLocLen {
		return 0, 0, corruptHash("tx index", hash, fmt.Sprintf("%d bytes", len(v)))
	}
	height = int64(binary.BigEndian.Uint64(v))
	index = int32(binary.BigEndian.Uint32(v[8:]))
	if height < 0 || index < 0 {
		return 0, 0, corruptHash("tx index", hash, fmt.Sprintf("height %d index %d", height, index))
	}
	return height, index, nil
}

// HasTx reports whether a transaction with this hash is on chain. A read
// error is returned (wrapping ErrRead), never taken for absent: the caller
// would admit a transaction that may be committed already.
func (r reader) HasTx(hash []byte) (bool, error) {
	if r.txs.absent(hash) {
		return false, nil
	}
	_, err := r.get(prefixed(pTxIndex, hash), "tx index")
	if errors.Is(err, types.ErrNotFound) {
		return false, nil
	}
	return err == nil, err
}

// State returns the state value of key, nil and no error when absent.
func (r reader) State(key []byte) ([]byte, error) { return r.value(pState, "state", key) }

// Local returns the local index value of key, nil and no error when absent.
func (r reader) Local(key []byte) ([]byte, error) { return r.value(pLocal, "local", key) }

func (r reader) value(prefix byte, kind string, key []byte) ([]byte, error) {
	k := prefixed(prefix, key)
	var gen uint64
	keep := false
	if r.recent != nil && r.fault.Load() == nil {
		var v []byte
		var hit bool
		if v, hit, gen, keep = r.recent.get(k, r.at); hit {
			return bytes.Clone(v), nil
		}
	}
	v, err := r.get(k, kind)
	if errors.Is(err, types.ErrNotFound) {
		v, err = nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("%w (key %q)", err, key)
	}
	if keep {
		r.recent.keep(k, v, gen)
	}
	return v, nil
}

// LocalPrefix returns the local entries whose keys start with prefix, in key
// order. The returned slices are copies.
func (r reader) LocalPrefix(prefix []byte) ([]*types.KeyValue, error) {
	it := r.g.NewIterator(util.BytesPrefix(prefixed(pLocal, prefix)), nil)
	defer it.Release()
	var out []*types.KeyValue
	for it.Next() {
		k, v := it.Key(), it.Value()
		// One allocation for key and value of each entry.
		buf := make([]byte, len(k)-1+len(v))
		n := copy(buf, k[1:])
		copy(buf[n:], v)
		kv := &types.KeyValue{Key: buf[:n:n], Value: buf[n:]}
		out = append(out, kv)
	}
	if err := it.Error(); err != nil {
		return nil, fmt.Errorf("store: scan local prefix %q: %w", prefix, err)
	}
	return out, nil
}

// checkHead verifies that the header at the head height exists and carries
// the head hash.
func (r reader) checkHead(h Head) error {
	hdr, err := r.Header(h.Height)
	if errors.Is(err, types.ErrNotFound) {
		return corrupt("head", h.Height, "no header at head height")
	}
	if err != nil {
		return err
	}
	if !bytes.Equal(hdr.Hash, h.Hash) {
		return corrupt("head", h.Height, fmt.Sprintf("head hash %x, header hash %x", h.Hash, hdr.Hash))
	}
	return r.checkBelowHead(h.Height)
}

// checkBelowHead verifies that the headers of the maxUnsynced blocks below
// the head exist. A power failure can lose a journal block in the middle of
// unsynced writes (the disk need not write in order), and goleveldb's
// recovery skips the batches in it and replays the later ones: the database
// would then lack a block below its head, whose header is gone with it.
func (r reader) checkBelowHead(head int64) error {
	from := max(0, head-maxUnsynced)
	it := r.g.NewIterator(&util.Range{Start: heightKey(pHeader, from), Limit: heightKey(pHeader, head)}, nil)
	defer it.Release()
	want := from
	for ; it.Next(); want++ {
		if got := int64(binary.BigEndian.Uint64(it.Key()[1:])); got != want {
			break
		}
	}
	if err := it.Error(); err != nil {
		return fmt.Errorf("%w header: %w", ErrRead, err)
	}
	if want < head {
		return corrupt("header", want, fmt.Sprintf("missing below the head %d: a crash lost a block written without sync; "+
			"start this node again from an empty data directory", head))
	}
	return nil
}
