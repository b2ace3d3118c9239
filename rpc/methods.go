package rpc

import (
	"errors"
	"time"

	"chain33node/crypto"
	"chain33node/types"
)

// method is one JSON-RPC method: a fresh parameter value to decode params[0]
// into, and the call.
type method struct {
	newArg func() any
	call   func(arg any) (any, error)
}

func fn[T any](f func(*T) (any, error)) *method {
	return &method{
		newArg: func() any { return new(T) },
		call:   func(a any) (any, error) { return f(a.(*T)) },
	}
}

// Query limits: the reference's types.MaxBlockCountPerTime (1000) and
// types.MaxHeaderCountPerTime (10000) in chain33 types/const.go, past which
// it answers ErrMaxCountPerTime; and ours for hash lists, which the
// reference leaves unbounded. Sizes are bounded by [rpc] maxResponseBytes.
const (
	maxBlocksPerCall  = 1000
	maxHeadersPerCall = 10000
	maxHashesPerCall  = 1000
)

func (s *Server) register() {
	s.svcs = map[string]bool{"Chain33": true, "qbftNode": true}
	s.methods = map[string]*method{
		"Chain33.IsSync":               fn(s.isSync),
		"Chain33.IsNtpClockSync":       fn(s.isNtpClockSync),
		"Chain33.GetPeerInfo":          fn(s.getPeerInfo),
		"Chain33.GetNetInfo":           fn(s.getNetInfo),
		"Chain33.GetLastHeader":        fn(s.getLastHeader),
		"Chain33.GetHeaders":           fn(s.getHeaders),
		"Chain33.GetBlocks":            fn(s.getBlocks),
		"Chain33.GetBlockHash":         fn(s.getBlockHash),
		"Chain33.QueryTransaction":     fn(s.queryTransaction),
		"Chain33.GetTxByHashes":        fn(s.getTxByHashes),
		"Chain33.GetHexTxByHash":       fn(s.getHexTxByHash),
		"Chain33.GetMempool":           fn(s.getMempool),
		"Chain33.GetLastMemPool":       fn(s.getLastMemPool),
		"Chain33.GetProperFee":         fn(s.getProperFee),
		"Chain33.CreateRawTransaction": fn(s.createRawTransaction),
		"Chain33.CreateTransaction":    fn(s.createTransaction),
		"Chain33.SignRawTx":            fn(s.signRawTx),
		"Chain33.SendTransaction":      fn(s.sendTransaction),
		"Chain33.DecodeRawTransaction": fn(s.decodeRawTransaction),
		"Chain33.GetBalance":           fn(s.getBalance),
		"Chain33.GetAllExecBalance":    fn(s.getAllExecBalance),
		"Chain33.Query":                fn(s.query),
		"Chain33.GetChainConfig":       fn(s.getChainConfig),
		"Chain33.ConvertExectoAddr":    fn(s.convertExectoAddr),
		"Chain33.Version":              fn(s.version),
		"Chain33.GetTimeStatus":        fn(s.getTimeStatus),
		"Chain33.GetFatalFailure":      fn(s.getFatalFailure),
		"Chain33.GetCoinSymbol":        fn(s.getCoinSymbol),
		"Chain33.GetChainID":           fn(s.getChainID),
		"qbftNode.IsSync":              fn(s.qbftIsSync),
		"qbftNode.GetNodeInfo":         fn(s.qbftGetNodeInfo),
		"qbftNode.GetEvidence":         fn(s.qbftGetEvidence),
	}
	s.registerTxKinds()
	s.registerHistory()
	s.registerSend()
	s.registerAdmin()
}

func (s *Server) coinPrecision() int64 {
	if p := s.cfg.CoinPrecision; p > 0 {
		return p
	}
	return types.DefaultCoinPrecision
}

func (s *Server) coinExec() string {
	if e := s.cfg.CoinExec; e != "" {
		return e
	}
	return types.ExecCoins
}

func (s *Server) isSync(*ReqNil) (any, error) { return s.b.IsSync(), nil }

func (s *Server) isNtpClockSync(*ReqNil) (any, error) { return s.ntpClockSynced(), nil }

// maxClockDrift is how far our clock may be from the NTP time and count as
// synced: the 60 s a block time may be ahead of a node's clock.
const maxClockDrift = time.Minute

// ntpClockSynced reports whether our clock is within maxClockDrift of the
// NTP time; without ntpHosts, or when no server answers, it is taken as
// synced (the reference keeps its last verdict, true at start).
func (s *Server) ntpClockSynced() bool {
	t, ok, err := s.b.NTPTime()
	if !ok || err != nil {
		return true
	}
	return time.Since(t).Abs() <= maxClockDrift
}

func (s *Server) getPeerInfo(*P2PGetPeerReq) (any, error) {
	return &types.PeerListJSON{Peers: peersJSON(s.b.Peers())}, nil
}

func (s *Server) getNetInfo(*P2PGetNetInfoReq) (any, error) { return netInfoJSON(s.b.NetInfo()), nil }

// peersJSON renders the peer list of GetPeerInfo: no versions, no
// difficulty in the headers, an empty finalized pointer, as the reference's
// qbft nodes show it.
func peersJSON(peers []*Peer) []*types.PeerJSON {
	var out []*types.PeerJSON
	for _, p := range peers {
		pj := &types.PeerJSON{Addr: p.Addr, Port: p.Port, Name: p.Name, MempoolSize: int32(p.MempoolSize), Self: p.Self,
			Finalized: &types.FinalizedJSON{}}
		if p.Header != nil {
			pj.Header = types.NewHeaderJSON(p.Header)
			pj.Header.Difficulty = 0
		}
		out = append(out, pj)
	}
	return out
}

func netInfoJSON(n *NetInfo) *types.NetInfoJSON {
	return &types.NetInfoJSON{ExternalAddr: n.External, LocalAddr: n.Local, Service: n.Service,
		Inbounds: int32(n.Inbounds), Outbounds: int32(n.Outbounds)}
}

func (s *Server) getLastHeader(*ReqNil) (any, error) {
	h, err := s.lastHeader()
	if err != nil {
		return nil, err
	}
	return types.NewHeaderJSON(h), nil
}

func (s *Server) lastHeader() (*types.Header, error) {
	return s.b.Header(s.b.Height())
}

// heightRange applies the reference's checks of a block range and clamps end
// to the chain height.
func (s *Server) heightRange(start, end int64, limit int64, startFirst bool) (int64, int64, error) {
	head := s.b.Height()
	if startFirst && start > head {
		return 0, 0, ErrStartHeight
	}
	if start > end {
		return 0, 0, ErrEndLessThanStartHeight
	}
	if start > head {
		return 0, 0, ErrStartHeight
	}
	if start < 0 {
		return 0, 0, types.ErrInvalidParam
	}
	end = min(end, head)
	if end-start+1 > limit {
		return 0, 0, ErrMaxCountPerTime
	}
	return start, end, nil
}

func (s *Server) getHeaders(in *ReqBlocks) (any, error) {
	start, end, err := s.heightRange(in.Start, in.End, maxHeadersPerCall, false)
	if err != nil {
		return nil, err
	}
	return renderer(func(o *out) error {
		return o.list("items", int(end-start+1), func(i int) (any, error) {
			h, err := s.b.Header(start + int64(i))
			if err != nil {
				return nil, err
			}
			return types.NewHeaderJSON(h), nil
		})
	}), nil
}

func (s *Server) getBlocks(in *BlockParam) (any, error) {
	start, end, err := s.heightRange(in.Start, in.End, maxBlocksPerCall, true)
	if err != nil {
		return nil, err
	}
	return renderer(func(o *out) error {
		return o.list("items", int(end-start+1), func(i int) (any, error) {
			d, err := s.blockDetail(start+int64(i), in.Isdetail)
			if err != nil {
				return nil, err
			}
			return blockJSON{d, s.coinPrecision()}, nil
		})
	}), nil
}

// blockDetail is the block at height h, with its receipts if withReceipts.
func (s *Server) blockDetail(h int64, withReceipts bool) (*types.BlockDetail, error) {
	b, err := s.b.Block(h)
	if err != nil {
		return nil, err
	}
	d := &types.BlockDetail{Block: b}
	if withReceipts {
		if d.Receipts, err = s.b.Receipts(h); err != nil {
			return nil, err
		}
	}
	return d, nil
}

func (s *Server) getBlockHash(in *ReqInt) (any, error) {
	h, err := s.blockHash(in.Height)
	if err != nil {
		return nil, err
	}
	return &ReplyHash{Hash: types.HexWith0x(h)}, nil
}

func (s *Server) blockHash(height int64) ([]byte, error) {
	if height < 0 || height > s.b.Height() {
		return nil, types.ErrInvalidParam
	}
	h, err := s.b.Header(height)
	if err != nil {
		return nil, err
	}
	return h.Hash, nil
}

// txDetail is the committed tx with hash; with disableDetail its receipt
// keeps only its type.
func (s *Server) txDetail(hash []byte, disableDetail bool) (*types.TxDetail, error) {
	d, err := s.b.Tx(hash)
	if err != nil {
		return nil, err
	}
	if disableDetail {
		c := *d
		c.Receipt = &types.ReceiptData{Ty: d.Receipt.GetTy()}
		d = &c
	}
	return d, nil
}

// txDetailJSON is the reference's rendering of a committed tx (both
// interfaces take amount, action name and assets from it).
func (s *Server) txDetailJSON(d *types.TxDetail) *types.TxDetailJSON {
	return types.NewTxDetailJSON(d.Tx, d.Receipt, d.Height, d.Index, d.BlockTime, d.Proofs,
		s.coinPrecision(), s.cfg.CoinSymbol)
}

// txDetailOut is a committed tx as QueryTransaction and GetTxByHashes answer
// it: the JSON of txDetailJSON, which out.value writes without making it
// (types.AppendTxDetailJSON).
type txDetailOut struct {
	*types.TxDetail
	coinPrecision int64
	symbol        string
}

func (s *Server) txDetailOut(d *types.TxDetail) txDetailOut {
	return txDetailOut{d, s.coinPrecision(), s.cfg.CoinSymbol}
}

func (s *Server) queryTransaction(in *QueryParm) (any, error) {
	hash, err := types.DecodeHex(in.Hash)
	if err != nil {
		return nil, err
	}
	d, err := s.txDetail(hash, false)
	if err != nil {
		return nil, err
	}
	return s.txDetailOut(d), nil
}

func (s *Server) getTxByHashes(in *ReqHashes) (any, error) {
	if len(in.Hashes) > maxHashesPerCall {
		return nil, ErrMaxCountPerTime
	}
	return renderer(func(o *out) error {
		return o.list("txs", len(in.Hashes), func(i int) (any, error) {
			hash, err := types.DecodeHex(in.Hashes[i])
			if err != nil {
				return (*types.TxDetailJSON)(nil), nil
			}
			d, err := s.txDetail(hash, in.DisableDetail)
			switch {
			case errors.Is(err, types.ErrTxNotExist):
				return (*types.TxDetailJSON)(nil), nil
			case err != nil:
				return nil, err
			}
			return s.txDetailOut(d), nil
		})
	}), nil
}

func (s *Server) getHexTxByHash(in *QueryParm) (any, error) {
	hash, err := types.DecodeHex(in.Hash)
	if err != nil {
		return nil, err
	}
	return s.hexTx(hash)
}

// hexTx is the committed tx's encoding in 0x-hex.
func (s *Server) hexTx(hash []byte) (string, error) {
	d, err := s.b.Tx(hash)
	if err != nil {
		return "", err
	}
	return types.HexWith0x(d.Tx.Encode()), nil
}

func (s *Server) txList(txs []*types.Tx, withAmount bool) *types.TxListJSON {
	out := &types.TxListJSON{}
	for _, t := range txs {
		out.Txs = append(out.Txs, s.txJSON(t, withAmount))
	}
	return out
}

func (s *Server) txJSON(t *types.Tx, withAmount bool) *types.TxJSON {
	j := types.NewTxJSON(t, s.coinPrecision())
	if withAmount {
		j.SetAmount(types.TxAmount(t.Transaction), s.coinPrecision())
	}
	return j
}

func (s *Server) getMempool(*ReqGetMempool) (any, error) {
	txs := s.b.MempoolTxs()
	return renderer(func(o *out) error {
		return o.list("txs", len(txs), func(i int) (any, error) { return s.txJSON(txs[i], true), nil })
	}), nil
}

func (s *Server) getLastMemPool(*ReqNil) (any, error) {
	return s.txList(s.lastMempoolTxs(), false), nil
}

// lastMempoolTxs are the most recently admitted txs ([mempool] maxTxLast,
// 10 by default), oldest first.
func (s *Server) lastMempoolTxs() []*types.Tx {
	n := s.cfg.MaxTxLast
	if n <= 0 {
		n = 10
	}
	txs := s.b.MempoolTxs()
	if len(txs) > n {
		txs = txs[len(txs)-n:]
	}
	return txs
}

// properFeeRate is the fee per started 1000 bytes the mempool wants now.
func (s *Server) properFeeRate() int64 { return s.cfg.MinTxFeeRate }

func (s *Server) getProperFee(*ReqProperFee) (any, error) {
	return &ReplyProperFee{ProperFee: s.properFeeRate()}, nil
}

func (s *Server) sendTransaction(in *RawParm) (any, error) {
	raw, err := types.DecodeHex(in.Data)
	if err != nil {
		return nil, err
	}
	hash, err := s.submit(raw)
	if err != nil {
		return nil, err
	}
	return types.HexWith0x(hash), nil
}

// submit decodes a signed tx and admits it to the mempool; it returns the
// tx hash.
func (s *Server) submit(raw []byte) ([]byte, error) {
	tx, err := types.DecodeTx(raw)
	if err != nil {
		return nil, protoError(err)
	}
	if err := s.b.Submit(tx); err != nil {
		return nil, err
	}
	return tx.Hash, nil
}

// submitBatch admits many txs as submit would each (decodeErrs[i] set:
// tx i did not decode); the signatures are verified in parallel. It returns
// each one's hash or error.
func (s *Server) submitBatch(txs []*types.Tx, decodeErrs []error) (hashes [][]byte, errs []error) {
	var ok []*types.Tx
	for i, tx := range txs {
		if decodeErrs[i] == nil {
			ok = append(ok, tx)
		}
	}
	admitErrs := s.b.SubmitBatch(ok)
	hashes, errs = make([][]byte, len(txs)), make([]error, len(txs))
	k := 0
	for i, tx := range txs {
		if errs[i] = decodeErrs[i]; errs[i] != nil {
			continue
		}
		if errs[i] = admitErrs[k]; errs[i] == nil {
			hashes[i] = tx.Hash
		}
		k++
	}
	return hashes, errs
}

func (s *Server) decodeRawTransaction(in *ReqDecodeRawTransaction) (any, error) {
	raw, err := types.DecodeHex(in.TxHex)
	if err != nil {
		return nil, err
	}
	tx, err := types.DecodeTx(raw)
	if err != nil {
		return nil, protoError(err)
	}
	txs, err := decodedTxs(tx)
	if err != nil {
		return nil, protoError(err)
	}
	return s.txList(txs, false), nil
}

// accounts loads the balances of addrs in execer's view: the coins accounts
// for the coin executor, and addrs' coins in execer's executor accounts
// (mavl-coins-<symbol>-exec-<execer's address>:<addr>) for any other.
func (s *Server) accounts(addrs []string, execer, stateHash, assetExec, assetSymbol string) ([]*types.AccountJSON, error) {
	for _, a := range addrs {
		if crypto.CheckAddress(a) != nil {
			return nil, types.ErrInvalidAddress
		}
	}
	if stateHash != "" {
		h, err := types.DecodeHex(stateHash)
		if err != nil {
			return nil, err
		}
		head, err := s.lastHeader()
		if err != nil {
			return nil, err
		}
		if string(h) != string(head.StateHash) {
			return nil, types.ErrNotFound // no historical state is kept
		}
	}
	coins := execer == s.coinExec() && (assetExec == "" || assetSymbol == "" || assetExec == s.coinExec())
	var out []*types.AccountJSON
	for _, a := range addrs {
		acc := &types.AccountJSON{Addr: a}
		if coins {
			b, err := s.b.Balance(a)
			if err != nil {
				return nil, err
			}
			acc.Currency, acc.Balance, acc.Frozen = b.Currency, b.Balance, b.Frozen
		} else if assetExec == "" || assetSymbol == "" || assetExec == s.coinExec() {
			eb, err := s.b.History().ExecBalance(s.coinExec(), s.cfg.CoinSymbol, a, crypto.ExecAddress(execer), nil, 1)
			if err != nil {
				return nil, err
			}
			acc.Balance, acc.Frozen = eb.AmountActive, eb.AmountFrozen
		}
		out = append(out, acc)
	}
	return out, nil
}

func (s *Server) getBalance(in *ReqBalance) (any, error) {
	accs, err := s.accounts(in.Addresses, in.Execer, in.StateHash, in.AssetExec, in.AssetSymbol)
	if err != nil {
		return nil, err
	}
	return accs, nil
}

func (s *Server) getAllExecBalance(in *ReqAllExecBalance) (any, error) {
	return s.allExecBalance(in)
}

// allExecBalance lists addr's non-empty accounts per executor: its coins
// account, then its executor accounts (rpc/client GetAllExecBalance over
// this node's executors).
func (s *Server) allExecBalance(in *ReqAllExecBalance) (*types.AllExecBalanceJSON, error) {
	if crypto.CheckAddress(in.Addr) != nil {
		return nil, types.ErrInvalidAddress
	}
	out := &types.AllExecBalanceJSON{Addr: in.Addr}
	for _, execer := range []string{s.coinExec(), "none", types.ExecManage, types.ExecQbftNode} {
		accs, err := s.accounts([]string{in.Addr}, execer, in.StateHash, in.AssetExec, in.AssetSymbol)
		if err != nil {
			if execer == s.coinExec() {
				return nil, err
			}
			continue // as the reference skips an executor it cannot read
		}
		if a := accs[0]; a.Balance != 0 || a.Frozen != 0 {
			out.ExecAccount = append(out.ExecAccount, &types.ExecAccountJSON{Execer: execer,
				Account: &types.AccountJSON{Currency: a.Currency, Balance: a.Balance, Frozen: a.Frozen}})
		}
	}
	return out, nil
}

func (s *Server) getChainConfig(*ReqNil) (any, error) { return s.chainConfig(), nil }

func (s *Server) chainConfig() *types.ChainConfigJSON {
	c := &s.cfg
	return &types.ChainConfigJSON{
		Title:          c.Title,
		CoinExec:       c.CoinExec,
		CoinSymbol:     c.CoinSymbol,
		CoinPrecision:  c.CoinPrecision,
		TokenPrecision: c.TokenPrecision,
		ChainID:        c.ChainID,
		MaxTxFee:       c.MaxTxFee,
		MinTxFeeRate:   c.MinTxFeeRate,
		MaxTxFeeRate:   c.MaxTxFeeRate,
	}
}

func (s *Server) convertExectoAddr(in *ExecNameParm) (any, error) {
	return crypto.ExecAddress(in.ExecName), nil
}

func (s *Server) version(*ReqNil) (any, error) { return s.versionInfo(), nil }

func (s *Server) versionInfo() *VersionInfo {
	return &VersionInfo{Title: s.cfg.Title, App: AppVersion, Chain33: Chain33Version, LocalDb: LocalDBVersion}
}

// getTimeStatus reports the NTP time, our time and the difference (local
// minus NTP, whole seconds). Without ntpHosts our clock stands for the NTP
// time (difference 0); when no server answers, ntpTime is empty and the
// difference 0, as the reference's.
func (s *Server) getTimeStatus(*ReqNil) (any, error) {
	const layout = "2006-01-02 15:04:05"
	t, ok, err := s.b.NTPTime()
	local := time.Now()
	out := &types.TimeStatusJSON{LocalTime: local.Format(layout)}
	switch {
	case !ok:
		out.NtpTime = out.LocalTime
	case err != nil:
		s.log.Debug("no NTP server answered", "err", err)
	default:
		out.NtpTime = t.Format(layout)
		out.Diff = int64(local.Sub(t) / time.Second)
	}
	return out, nil
}

func (s *Server) getFatalFailure(*ReqNil) (any, error) { return s.fatalFailure(), nil }

// fatalFailure is the wallet's fatal-failure flag; this node has no wallet.
func (s *Server) fatalFailure() int32 { return 0 }

func (s *Server) getCoinSymbol(*ReqNil) (any, error) {
	return &ReplyString{Data: s.cfg.CoinSymbol}, nil
}

func (s *Server) getChainID(*ReqNil) (any, error) {
	return &ChainIDInfo{ChainID: s.cfg.ChainID}, nil
}
