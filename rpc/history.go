package rpc

import (
	"bytes"
	"encoding/hex"
	"errors"

	"chain33node/crypto"
	"chain33node/types"

	"google.golang.org/protobuf/proto"
)

// The history methods for applications and explorers: transactions by
// address, address and block overviews, blocks by hash, statistics
// (chain33 rpc/jrpchandler.go, rpc/grpchandler.go, rpc/client/client.go,
// blockchain/query_tx.go; shapes in rpc/types/types.go). The indexes
// behind them are package chain's (History).

// History is the node's history indexes (package chain's queries).
type History interface {
	HeightOf(hash []byte) (int64, error) // of a block on chain, types.ErrNotFound if not
	TxsByAddr(req *types.ReqAddr, max int) ([]*types.ReplyTxInfo, error)
	TxFeesByAddr(req *types.ReqAddr, max int) (*types.AddrTxFeeInfos, error)
	AddrOverview(addr string) (received, txCount int64, err error)
	AddrReceived(addr string) (int64, error) // types.ErrEmpty if never
	LocalInt64(key []byte) (int64, error)    // 0 if absent
	LocalCount(prefix []byte) (int64, error)
	TotalFee(key []byte) (*types.TotalFee, error)
	TotalCoins(execer, symbol string, startKey []byte, count int64) (*types.ReplyGetTotalCoins, error)
	ExecBalance(execer, symbol, addr, execAddr string, nextKey []byte, count int64) (*types.ReplyGetExecBalance, error)
}

// Limits of the history methods. The reference lists an address's
// transactions without bound (count 0: all); we answer at most
// maxAddrTxsPerCall entries and ErrMaxCountPerTime past it. GetTotalCoins
// and GetExecBalance take a count of at most maxTotalCoinsCount accounts.
const (
	maxAddrTxsPerCall  = 10000
	maxTotalCoinsCount = 100000
)

// chain33 error names of these methods.
var (
	ErrHashNotExist   = errors.New("ErrHashNotExist")
	ErrHeightNotExist = errors.New("ErrHeightNotExist")
)

func (s *Server) registerHistory() {
	for name, m := range map[string]*method{
		"Chain33.GetTxByAddr":          fn(s.getTxByAddr),
		"Chain33.GetAddrOverview":      fn(s.getAddrOverview),
		"Chain33.GetBlockOverview":     fn(s.getBlockOverview),
		"Chain33.GetBlockByHashes":     fn(s.getBlockByHashes),
		"Chain33.GetExecBalance":       fn(s.getExecBalance),
		"Chain33.GetTotalCoins":        fn(s.getTotalCoins),
		"Chain33.QueryTotalFee":        fn(s.queryTotalFee),
		"Chain33.GetLastBlockSequence": fn(s.getLastBlockSequence),
		"Chain33.GetBlockSequences":    fn(s.getBlockSequences),
		"Chain33.GetBlockBySeq":        fn(s.getBlockBySeq),
		"Chain33.GetSequenceByHash":    fn(s.getSequenceByHash),
		"Chain33.AddPushSubscribe":     fn(s.addPushSubscribe),
		"Chain33.ListPushes":           fn(s.listPushes),
		"Chain33.GetPushSeqLastNum":    fn(s.getPushSeqLastNum),
		"Chain33.PubKeyToAddr":         fn(s.pubKeyToAddr),
		"Chain33.GetServerTime":        fn(s.getServerTime),
		"Chain33.GetCryptoList":        fn(s.getCryptoList),
		"Chain33.GetAddressDrivers":    fn(s.getAddressDrivers),
		"Chain33.GetFork":              fn(s.getFork),
		"Chain33.GetFinalizedBlock":    fn(s.getFinalizedBlock),
	} {
		s.methods[name] = m
	}
}

func init() {
	bulkMethods["Chain33.GetBlockByHashes"] = true
}

// txsByAddr is GetTxByAddr's listing with our bound.
func (s *Server) txsByAddr(req *types.ReqAddr) ([]*types.ReplyTxInfo, error) {
	if req.GetCount() > maxAddrTxsPerCall {
		return nil, ErrMaxCountPerTime
	}
	infos, err := s.b.History().TxsByAddr(req, maxAddrTxsPerCall+1)
	if err == nil && len(infos) > maxAddrTxsPerCall {
		return nil, ErrMaxCountPerTime
	}
	return infos, err
}

// ReplyTxInfoJSON is rpctypes.ReplyTxInfo.
type ReplyTxInfoJSON struct {
	Hash   string             `json:"hash"`
	Height int64              `json:"height"`
	Index  int64              `json:"index"`
	Assets []*types.AssetJSON `json:"assets"`
}

// ReplyTxInfosJSON is rpctypes.ReplyTxInfos (GetTxByAddr).
type ReplyTxInfosJSON struct {
	TxInfos []*ReplyTxInfoJSON `json:"txInfos"`
}

func (s *Server) getTxByAddr(in *types.ReqAddr) (any, error) {
	infos, err := s.txsByAddr(in)
	if err != nil {
		return nil, err
	}
	out := &ReplyTxInfosJSON{}
	for _, i := range infos {
		j := &ReplyTxInfoJSON{Hash: types.HexWith0x(i.Hash), Height: i.Height, Index: i.Index}
		for _, a := range i.Assets {
			j.Assets = append(j.Assets, &types.AssetJSON{Exec: a.Exec, Symbol: a.Symbol, Amount: a.Amount})
		}
		out.TxInfos = append(out.TxInfos, j)
	}
	return out, nil
}

// addrOverview is GetAddrOverview: coins received, balance, transactions.
func (s *Server) addrOverview(addr string) (*types.AddrOverview, error) {
	if crypto.CheckAddress(addr) != nil {
		return nil, types.ErrInvalidAddress
	}
	received, txCount, err := s.b.History().AddrOverview(addr)
	if err != nil {
		return nil, err
	}
	acc, err := s.b.Balance(addr)
	if err != nil {
		return nil, err
	}
	return &types.AddrOverview{Reciver: received, Balance: acc.Balance, TxCount: txCount}, nil
}

func (s *Server) getAddrOverview(in *types.ReqAddr) (any, error) { return s.addrOverview(in.Addr) }

// heightByHash is the height of the block with this hash on chain,
// ErrHashNotExist if there is none.
func (s *Server) heightByHash(hash []byte) (int64, error) {
	h, err := s.b.History().HeightOf(hash)
	if errors.Is(err, types.ErrNotFound) {
		return 0, ErrHashNotExist
	}
	return h, err
}

func (s *Server) blockOverview(hash []byte) (*types.BlockOverview, error) {
	h, err := s.heightByHash(hash)
	if err != nil {
		return nil, err
	}
	hdr, err := s.b.Header(h)
	if err != nil {
		return nil, err
	}
	b, err := s.b.Block(h)
	if err != nil {
		return nil, err
	}
	out := &types.BlockOverview{Head: hdr, TxCount: int64(len(b.Txs))}
	for _, t := range b.Txs {
		out.TxHashes = append(out.TxHashes, types.TxHash(t))
	}
	return out, nil
}

// BlockOverviewJSON is rpctypes.BlockOverview.
type BlockOverviewJSON struct {
	Head     *types.HeaderJSON `json:"head"`
	TxCount  int64             `json:"txCount"`
	TxHashes []string          `json:"txHashes"`
}

func (s *Server) getBlockOverview(in *QueryParm) (any, error) {
	hash, err := types.DecodeHex(in.Hash)
	if err != nil {
		return nil, err
	}
	o, err := s.blockOverview(hash)
	if err != nil {
		return nil, err
	}
	out := &BlockOverviewJSON{Head: types.NewHeaderJSON(o.Head), TxCount: o.TxCount}
	for _, h := range o.TxHashes {
		out.TxHashes = append(out.TxHashes, types.HexWith0x(h))
	}
	return out, nil
}

// blockDetailByHash is the block with this hash and its receipts, nil if
// the hash is not a block of the chain.
func (s *Server) blockDetailByHash(hash []byte) (*types.BlockDetail, error) {
	h, err := s.heightByHash(hash)
	if errors.Is(err, ErrHashNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	return s.blockDetail(h, true)
}

func (s *Server) getBlockByHashes(in *ReqHashes) (any, error) {
	if len(in.Hashes) > maxBlocksPerCall {
		return nil, ErrMaxCountPerTime
	}
	return renderer(func(o *out) error {
		return o.list("items", len(in.Hashes), func(i int) (any, error) {
			hash, err := types.DecodeHex(in.Hashes[i])
			if err != nil {
				return (*types.BlockDetailJSON)(nil), nil
			}
			d, err := s.blockDetailByHash(hash)
			if err != nil || d == nil {
				return (*types.BlockDetailJSON)(nil), err
			}
			return blockJSON{d, s.coinPrecision()}, nil
		})
	}), nil
}

// headState checks a request's state hash: this node keeps only the head
// state, so any other is unknown.
func (s *Server) headState(stateHash []byte) error {
	if len(stateHash) == 0 {
		return nil
	}
	head, err := s.lastHeader()
	if err != nil {
		return err
	}
	if !bytes.Equal(stateHash, head.StateHash) {
		return types.ErrNotFound
	}
	return nil
}

func (s *Server) execBalance(in *types.ReqGetExecBalance) (*types.ReplyGetExecBalance, error) {
	if crypto.CheckAddress(string(in.Addr)) != nil {
		return nil, types.ErrInvalidAddress
	}
	if err := s.headState(in.StateHash); err != nil {
		return nil, err
	}
	execer, symbol := in.Execer, in.Symbol
	if execer == "" {
		execer = s.coinExec()
	}
	if symbol == "" {
		symbol = s.cfg.CoinSymbol
	}
	if in.Count > maxTotalCoinsCount {
		return nil, ErrMaxCountPerTime
	}
	return s.b.History().ExecBalance(execer, symbol, string(in.Addr), string(in.ExecAddr), in.NextKey, in.Count)
}

// getExecBalance answers the reply's protobuf encoding in hex (no 0x), as
// the reference does.
func (s *Server) getExecBalance(in *types.ReqGetExecBalance) (any, error) {
	r, err := s.execBalance(in)
	if err != nil {
		return nil, err
	}
	b, err := encode(r)
	if err != nil {
		return nil, err
	}
	return hex.EncodeToString(b), nil
}

func (s *Server) totalCoins(in *types.ReqGetTotalCoins) (*types.ReplyGetTotalCoins, error) {
	if in.Count > maxTotalCoinsCount {
		return nil, ErrMaxCountPerTime
	}
	if err := s.headState(in.StateHash); err != nil {
		return nil, err
	}
	return s.b.History().TotalCoins(in.Execer, in.Symbol, in.StartKey, in.Count)
}

func (s *Server) getTotalCoins(in *types.ReqGetTotalCoins) (any, error) { return s.totalCoins(in) }

func (s *Server) queryTotalFee(in *types.LocalDBGet) (any, error) {
	if len(in.Keys) != 1 {
		return nil, types.ErrInvalidParam
	}
	fee, err := s.b.History().TotalFee(in.Keys[0])
	if err != nil {
		return nil, err
	}
	return fee, nil
}

// queryCoins answers the coins executor's queries (Chain33.Query,
// QueryChain): its index queries (system/dapp/coins/executor/query.go,
// system/dapp/query.go).
func (s *Server) queryCoins(fn string, decode func(proto.Message) error) (proto.Message, error) {
	h := s.b.History()
	switch fn {
	case "GetAddrReciver":
		req := &types.ReqAddr{}
		if err := decode(req); err != nil {
			return nil, err
		}
		n, err := h.AddrReceived(req.Addr)
		if err != nil {
			return nil, err
		}
		return &types.Int64{Data: n}, nil
	case "GetTxsByAddr":
		req := &types.ReqAddr{}
		if err := decode(req); err != nil {
			return nil, err
		}
		infos, err := s.txsByAddr(req)
		if err != nil {
			return nil, err
		}
		return &types.ReplyTxInfos{TxInfos: infos}, nil
	case "GetTxsFeeByAddr":
		req := &types.ReqAddr{}
		if err := decode(req); err != nil {
			return nil, err
		}
		return h.TxFeesByAddr(req, maxAddrTxsPerCall)
	case "GetAddrTxsCount", "GetPrefixCount":
		req := &types.ReqKey{}
		if err := decode(req); err != nil {
			return nil, err
		}
		var n int64
		var err error
		if fn == "GetPrefixCount" {
			n, err = h.LocalCount(req.Key)
		} else {
			n, err = h.LocalInt64(req.Key)
		}
		if err != nil {
			return nil, err
		}
		return &types.Int64{Data: n}, nil
	}
	return nil, types.ErrActionNotSupport
}

// queryManageIDs answers manage's GetConfigID and ListConfigID: the
// records of its apply/approve flow, which this chain's manage executor
// does not run, so there are none.
func (s *Server) queryManageIDs(fn string, decode func(proto.Message) error) (proto.Message, error) {
	switch fn {
	case "GetConfigID":
		if err := decode(&types.ReqString{}); err != nil {
			return nil, err
		}
		return nil, types.ErrNotFound
	case "ListConfigID":
		if err := decode(&types.ReqQueryConfigList{}); err != nil {
			return nil, err
		}
		return nil, types.ErrNotFound
	}
	return nil, types.ErrActionNotSupport
}
