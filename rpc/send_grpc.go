package rpc

import (
	"context"
	"time"

	"chain33node/txbuild"
	"chain33node/types"

	"google.golang.org/protobuf/proto"
)

// The gRPC counterparts of send.go and groups.go (chain33
// rpc/grpchandler.go), and QueryConsensus.

// SendTransactions admits each tx (signatures verified in parallel); a
// refused one's Reply carries the error text in msg (isOk false), as the
// reference's (gRPC cannot return a reply with an error).
func (g *chain33Service) SendTransactions(_ context.Context, in *types.Transactions) (*types.Replies, error) {
	if len(in.GetTxs()) == 0 {
		return &types.Replies{}, nil
	}
	txs, decodeErrs := make([]*types.Tx, len(in.GetTxs())), make([]error, len(in.GetTxs()))
	for i, t := range in.GetTxs() {
		if txs[i], decodeErrs[i] = types.TxFromMessage(t); decodeErrs[i] != nil {
			decodeErrs[i] = protoError(decodeErrs[i])
		}
	}
	hashes, errs := g.s.submitBatch(txs, decodeErrs)
	out := &types.Replies{ReplyList: make([]*types.Reply, 0, len(txs))}
	for i, err := range errs {
		if err != nil {
			out.ReplyList = append(out.ReplyList, &types.Reply{Msg: []byte(err.Error())})
			continue
		}
		out.ReplyList = append(out.ReplyList, &types.Reply{IsOk: true, Msg: hashes[i]})
	}
	return out, nil
}

// SendTransactionSync answers once the tx is committed; Reply.msg is its
// hash.
func (g *chain33Service) SendTransactionSync(ctx context.Context, in *types.Transaction) (*types.Reply, error) {
	raw, err := proto.Marshal(in)
	if err != nil {
		return nil, err
	}
	hash, err := g.s.submitSync(ctx, raw)
	if err != nil {
		return nil, err
	}
	return &types.Reply{IsOk: true, Msg: hash}, nil
}

func (g *chain33Service) ReWriteTx(_ context.Context, in *types.ReWriteRawTx) (*types.UnsignTx, error) {
	t, err := txbuild.ReWrite(txbuild.Rewrite{Tx: in.GetTx(), To: in.GetTo(), Fee: in.GetFee(), Expire: in.GetExpire(),
		Index: in.GetIndex()}, time.Now())
	if err != nil {
		return nil, protoError(err)
	}
	return &types.UnsignTx{Data: types.AppendTx(nil, t, true, true)}, nil
}

func (g *chain33Service) CreateRawTxGroup(_ context.Context, in *types.CreateTransactionGroup) (*types.UnsignTx, error) {
	t, err := txbuild.RawGroup(in.GetTxs(), g.s.txChain())
	if err != nil {
		return nil, protoError(err)
	}
	return &types.UnsignTx{Data: types.AppendTx(nil, t, true, true)}, nil
}

func (g *chain33Service) CreateNoBalanceTransaction(ctx context.Context, in *types.NoBalanceTx) (*types.ReplySignRawTx, error) {
	return g.CreateNoBalanceTxs(ctx, &types.NoBalanceTxs{TxHexs: []string{in.GetTxHex()}, PayAddr: in.GetPayAddr(),
		Privkey: in.GetPrivkey(), Expire: in.GetExpire()})
}

// CreateNoBalanceTxs answers the group in 0x-hex, signed by the payer when
// a key is given (as the JSON-RPC's).
func (g *chain33Service) CreateNoBalanceTxs(_ context.Context, in *types.NoBalanceTxs) (*types.ReplySignRawTx, error) {
	res, err := g.s.createNoBalanceTxs(&NoBalanceTxs{TxHexs: in.GetTxHexs(), PayAddr: in.GetPayAddr(),
		Privkey: in.GetPrivkey(), Expire: in.GetExpire()})
	if err != nil {
		return nil, err
	}
	return &types.ReplySignRawTx{TxHex: res.(string)}, nil
}

// SendDelayTransaction answers Reply{isOk, msg = the tx hash}.
func (g *chain33Service) SendDelayTransaction(_ context.Context, in *types.DelayTx) (*types.Reply, error) {
	hash, err := g.s.submitDelayed(in.GetTx(), in.GetEndDelayTime())
	if err != nil {
		return nil, err
	}
	return &types.Reply{IsOk: true, Msg: hash}, nil
}

// QueryConsensus runs a query of the qbft consensus (driver "qbft"):
// IsHealthy and NodeInfo, what the qbftNode service answers; Reply.msg is
// the encoded result.
func (g *chain33Service) QueryConsensus(_ context.Context, in *types.ChainExecutor) (*types.Reply, error) {
	res, err := g.s.queryConsensus(in.GetDriver(), in.GetFuncName())
	if err != nil {
		return nil, err
	}
	msg, err := encode(res)
	if err != nil {
		return nil, err
	}
	return &types.Reply{IsOk: true, Msg: msg}, nil
}

// queryConsensus is the qbft consensus's Query_IsHealthy and Query_NodeInfo
// (plugin/consensus/qbft/qbft.go).
func (s *Server) queryConsensus(driver, funcName string) (proto.Message, error) {
	if driver != "qbft" {
		return nil, types.ErrNotSupport
	}
	switch funcName {
	case "IsHealthy":
		return &types.QbftIsHealthy{IsHealthy: s.consensusHealthy()}, nil
	case "NodeInfo":
		return s.consensusNodes(), nil
	}
	return nil, types.ErrActionNotSupport
}
