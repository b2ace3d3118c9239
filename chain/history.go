package chain

import (
	"bytes"
	"errors"
	"fmt"
	"strings"

	"chain33node/crypto"
	"chain33node/store"
	"chain33node/types"

	"google.golang.org/protobuf/proto"
)

// Queries of the history indexes (index.go), with the reference's
// parameter checks and error strings (chain33 blockchain/query_tx.go
// ProcGetTransactionByAddr, system/dapp/query.go GetTxsByAddr and
// GetTxsFeeByAddr, system/dapp/coins/executor/query.go).

// Errors of the address queries, as the reference words them.
var (
	ErrFlagUnknown = errors.New("flag unknown")
	ErrNoAddrTx    = errors.New("tx does not exist")
)

// MaxBlockCountPerTime is the reference's types.MaxBlockCountPerTime, the
// page of GetTxsFeeByAddr with an end height.
const MaxBlockCountPerTime = 1000

// TxsByAddr lists the transactions of an address as GetTxByAddr does:
// flag 0 all, 1 sent, 2 received; direction 0 newest first, 1 oldest first;
// height -1 from the newest (or oldest), else after the transaction at
// height:index in that direction; count entries at most (0: all). max
// bounds the answer whatever count says.
func (c *Chain) TxsByAddr(req *types.ReqAddr, max int) ([]*types.ReplyTxInfo, error) {
	head := c.HeadInfo().Height
	switch {
	case req.GetAddr() == "",
		req.GetHeight() > head || req.GetHeight() < -1,
		req.GetDirection() != 0 && req.GetDirection() != 1,
		req.GetIndex() < 0 || req.GetIndex() > maxTxsPerBlock:
		return nil, types.ErrInvalidParam
	case req.GetFlag() < 0:
		return nil, ErrFlagUnknown
	}
	prefix := keyTxAddrHash + crypto.FormatAddress(req.Addr) + ":"
	if req.Flag > 0 {
		prefix = fmt.Sprintf("%s%s:%d:", keyTxAddrDirHash, crypto.FormatAddress(req.Addr), req.Flag)
	}
	var out []*types.ReplyTxInfo
	err := c.listIndex(prefix, req, pageSize(req.Count, max), func(v []byte) (bool, error) {
		info := &types.ReplyTxInfo{}
		if err := proto.Unmarshal(v, info); err != nil {
			return false, err
		}
		out = append(out, info)
		return true, nil
	})
	if err != nil {
		return nil, err
	}
	if len(out) == 0 {
		return nil, ErrNoAddrTx
	}
	return out, nil
}

// TxFeesByAddr lists the fees an address paid, as the coins query
// GetTxsFeeByAddr does (needs [exec] enableAddrFeeIndex): like TxsByAddr,
// and with a heightEnd > 0 from height:index upwards to heightEnd, at most
// MaxBlockCountPerTime entries.
func (c *Chain) TxFeesByAddr(req *types.ReqAddr, max int) (*types.AddrTxFeeInfos, error) {
	prefix := fmt.Sprintf("%s%s:%d:", keyTxFeeAddrDirHash, crypto.FormatAddress(req.GetAddr()), txIndexFrom)
	q := proto.Clone(req).(*types.ReqAddr)
	count := q.Count
	if q.Height != -1 && q.HeightEnd > 0 {
		if q.HeightEnd < q.Height {
			return nil, fmt.Errorf("height end=%d < height start=%d: %w", q.HeightEnd, q.Height, types.ErrInvalidParam)
		}
		q.Direction, count = 1, MaxBlockCountPerTime
	}
	out := &types.AddrTxFeeInfos{}
	found := 0
	err := c.listIndex(prefix, q, pageSize(count, max), func(v []byte) (bool, error) {
		found++
		info := &types.AddrTxFeeInfo{}
		if err := proto.Unmarshal(v, info); err != nil {
			return false, err
		}
		if q.HeightEnd > 0 && q.Height != -1 && info.Height > q.HeightEnd {
			return false, nil
		}
		out.TxInfos = append(out.TxInfos, info)
		return true, nil
	})
	if err != nil {
		return nil, err
	}
	if found == 0 {
		return nil, ErrNoAddrTx
	}
	return out, nil
}

// pageSize is how many entries a listing returns: count (0: all), never
// more than max.
func pageSize(count int32, max int) int {
	if count <= 0 || int(count) > max {
		return max
	}
	return int(count)
}

// listIndex calls fn with the values of an index listing (the reference's
// ListHelper.List): after height:index of req unless its height is -1,
// newest first unless req.Direction is 1, n entries at most. fn returns
// false to stop.
func (c *Chain) listIndex(prefix string, req *types.ReqAddr, n int, fn func(v []byte) (bool, error)) error {
	snap, err := c.db.Snapshot()
	if err != nil {
		return local(err)
	}
	defer snap.Release()
	var after []byte
	if req.GetHeight() != -1 {
		after = []byte(prefix + heightIndex(req.GetHeight(), req.GetIndex()))
	}
	var ferr error
	seen := 0
	err = snap.LocalScan([]byte(prefix), after, req.GetDirection() != 1, func(_, v []byte) bool {
		var more bool
		if more, ferr = fn(v); ferr != nil || !more {
			return false
		}
		seen++
		return seen < n
	})
	if ferr != nil {
		return fmt.Errorf("%w: %s: %v", store.ErrCorrupt, prefix, ferr)
	}
	return err
}

// AddrOverview is what GetAddrOverview takes from the indexes: the coins an
// address received (coins' GetAddrReciver) and its number of transactions
// (AddrTxsCount).
func (c *Chain) AddrOverview(addr string) (received, txCount int64, err error) {
	if received, err = c.AddrReceived(addr); err != nil && !errors.Is(err, types.ErrEmpty) {
		return 0, 0, err
	}
	txCount, err = c.LocalInt64([]byte(addrTxsCountKey(addr)))
	return received, txCount, err
}

// AddrReceived is the coins query GetAddrReciver: the coins addr received in
// successful transfers and genesis; types.ErrEmpty if it never did.
func (c *Chain) AddrReceived(addr string) (int64, error) {
	v, err := c.db.Local([]byte(addrReceivedKey(addr)))
	if err != nil {
		return 0, local(err)
	}
	if v == nil {
		return 0, types.ErrEmpty
	}
	return decodeInt64(v, addrReceivedKey(addr))
}

// LocalInt64 is the reference's GetAddrTxsCount: the types.Int64 at a local
// key, 0 if it is absent or not one.
func (c *Chain) LocalInt64(key []byte) (int64, error) {
	v, err := c.db.Local(key)
	if err != nil {
		return 0, local(err)
	}
	n, err := decodeInt64(v, string(key))
	if err != nil {
		return 0, nil
	}
	return n, nil
}

// LocalCount is the reference's GetPrefixCount: how many local keys start
// with prefix.
func (c *Chain) LocalCount(prefix []byte) (int64, error) {
	n, err := c.db.LocalCount(prefix)
	if err != nil {
		return 0, local(err)
	}
	return n, nil
}

// TotalFee is QueryTotalFee: the fees and transaction count of the chain up
// to the block with this hash (TotalFeeKey: is prepended when missing),
// zero if unknown.
func (c *Chain) TotalFee(key []byte) (*types.TotalFee, error) {
	if !strings.HasPrefix(string(key), keyTotalFee) {
		key = append([]byte(keyTotalFee), key...)
	}
	v, err := c.db.Local(key)
	if err != nil {
		return nil, local(err)
	}
	fee := &types.TotalFee{}
	if err := proto.Unmarshal(v, fee); err != nil {
		return nil, fmt.Errorf("%w: total fee %x: %v", store.ErrCorrupt, key, err)
	}
	return fee, nil
}

// TotalCoins is GetTotalCoins over the head state: the accounts of execer's
// symbol (keys mavl-execer-symbol-, not its executor accounts) from
// startKey (nil: the first), count of them at most, their number and sum,
// and the key to continue from if more remain.
func (c *Chain) TotalCoins(execer, symbol string, startKey []byte, count int64) (*types.ReplyGetTotalCoins, error) {
	start := []byte("mavl-" + execer + "-" + symbol + "-")
	end := []byte("mavl-" + execer + "-" + symbol + "-exec")
	if startKey != nil {
		start = startKey
	}
	out := &types.ReplyGetTotalCoins{Count: count}
	var ferr error
	err := c.db.StateScan(start, end, func(k, v []byte) bool {
		var acc types.Account
		if proto.Unmarshal(v, &acc) != nil {
			return true // not an account: skipped, as the reference does
		}
		if out.Num >= out.Count {
			out.NextKey = append([]byte(nil), k...)
			return false
		}
		out.Num++
		if out.Amount > (1<<63-1)-acc.Balance {
			ferr = fmt.Errorf("total of %s overflows", symbol)
			return false
		}
		out.Amount += acc.Balance
		return true
	})
	if err != nil {
		return nil, local(err)
	}
	return out, ferr
}

// ExecBalance is GetExecBalance over the head state: addr's coins held in
// executor accounts (keys mavl-execer-symbol-exec-<exec address>:<addr>),
// all of them or only execAddr's, from nextKey (nil: the first), count of
// them at most; NextKey is the first one left out (account/execaccount.go
// GetExecBalance over a prefix+suffix StoreList). This chain's coins
// executor opens no executor accounts, so the answer is empty unless one
// was made otherwise.
func (c *Chain) ExecBalance(execer, symbol, addr, execAddr string, nextKey []byte, count int64) (*types.ReplyGetExecBalance, error) {
	prefix := "mavl-" + execer + "-" + symbol + "-exec-"
	if execAddr != "" {
		prefix += execAddr + ":"
	}
	end := []byte(prefix)
	end[len(end)-1]++ // just past the prefix ('-' and ':' are below 0xff)
	start := []byte(prefix)
	if bytes.Compare(nextKey, start) > 0 {
		start = nextKey
	}
	out := &types.ReplyGetExecBalance{}
	var n int64
	err := c.db.StateScan(start, end, func(k, v []byte) bool {
		key := string(k)
		if !strings.HasSuffix(key, ":"+addr) {
			return true
		}
		if n >= count {
			out.NextKey = append([]byte(nil), k...)
			return false
		}
		var acc types.Account
		if proto.Unmarshal(v, &acc) != nil {
			return true
		}
		n++
		ea := strings.TrimSuffix(strings.TrimPrefix(key, "mavl-"+execer+"-"+symbol+"-exec-"), ":"+addr)
		out.Items = append(out.Items, &types.ExecBalanceItem{ExecAddr: []byte(ea), Frozen: acc.Frozen, Active: acc.Balance})
		out.AmountFrozen += acc.Frozen
		out.AmountActive += acc.Balance
		out.Amount += acc.Frozen + acc.Balance
		return true
	})
	if err != nil {
		return nil, local(err)
	}
	return out, nil
}
