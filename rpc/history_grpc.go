package rpc

import (
	"context"
	"errors"
	"runtime/debug"

	"chain33node/types"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
)

// The gRPC counterparts of history.go and sequence.go, in the reference's
// message shapes (bytes, not hex).

func (g *chain33Service) GetTransactionByAddr(_ context.Context, in *types.ReqAddr) (*types.ReplyTxInfos, error) {
	infos, err := g.s.txsByAddr(in)
	if err != nil {
		return nil, err
	}
	return &types.ReplyTxInfos{TxInfos: infos}, nil
}

func (g *chain33Service) GetBlockOverview(_ context.Context, in *types.ReqHash) (*types.BlockOverview, error) {
	return g.s.blockOverview(in.GetHash())
}

func (g *chain33Service) GetAddrOverview(_ context.Context, in *types.ReqAddr) (*types.AddrOverview, error) {
	return g.s.addrOverview(in.GetAddr())
}

func (g *chain33Service) GetLastBlockSequence(context.Context, *types.ReqNil) (*types.Int64, error) {
	n, err := g.s.lastSequence()
	if err != nil {
		return nil, err
	}
	return &types.Int64{Data: n}, nil
}

func (g *chain33Service) GetSequenceByHash(_ context.Context, in *types.ReqHash) (*types.Int64, error) {
	return g.s.sequenceByHash(in.GetHash())
}

// GetBlockByHashes answers in request order; an unknown hash gets an empty
// detail.
func (g *chain33Service) GetBlockByHashes(ctx context.Context, in *types.ReqHashes) (*types.BlockDetails, error) {
	if len(in.GetHashes()) > maxBlocksPerCall {
		return nil, ErrMaxCountPerTime
	}
	release, err := g.s.bulkSlot(ctx)
	if err != nil {
		return nil, err
	}
	defer release()
	out := &types.BlockDetails{}
	c := sizeCap{max: g.s.maxResp}
	for _, h := range in.GetHashes() {
		d, err := g.s.blockDetailByHash(h)
		if err != nil {
			return nil, err
		}
		if d == nil {
			d = &types.BlockDetail{}
		}
		if err := c.add(d); err != nil {
			return nil, err
		}
		out.Items = append(out.Items, d)
	}
	return out, nil
}

func (g *chain33Service) GetBlockBySeq(_ context.Context, in *types.Int64) (*types.BlockSeq, error) {
	return g.s.blockBySeq(in.GetData())
}

func (g *chain33Service) GetBlockSequences(_ context.Context, in *types.ReqBlocks) (*types.BlockSequences, error) {
	seqs, err := g.s.blockSequences(in.GetStart(), in.GetEnd())
	if err != nil {
		return nil, err
	}
	return &types.BlockSequences{Items: seqs}, nil
}

func (g *chain33Service) GetFork(context.Context, *types.ReqKey) (*types.Int64, error) {
	return &types.Int64{}, nil
}

func (g *chain33Service) GetServerTime(context.Context, *types.ReqNil) (*types.ServerTime, error) {
	return serverTime(), nil
}

func (g *chain33Service) GetCryptoList(context.Context, *types.ReqNil) (*types.CryptoList, error) {
	return cryptoList(), nil
}

func (g *chain33Service) GetAddressDrivers(context.Context, *types.ReqNil) (*types.AddressDrivers, error) {
	return addressDrivers(), nil
}

func (g *chain33Service) GetFinalizedBlock(context.Context, *types.ReqNil) (*types.SnowChoice, error) {
	return g.s.finalized()
}

// AddPushSubscribe answers a refused subscription in the reply, as the
// JSON-RPC does.
func (g *chain33Service) AddPushSubscribe(_ context.Context, in *types.PushSubscribeReq) (*types.ReplySubscribePush, error) {
	return pushReply(g.s.b.Push().Subscribe(in)), nil
}

func (g *chain33Service) ListPushes(context.Context, *types.ReqNil) (*types.PushSubscribes, error) {
	list, err := g.s.b.Push().List()
	if err != nil {
		return nil, err
	}
	return &types.PushSubscribes{Pushes: list}, nil
}

func (g *chain33Service) GetPushSeqLastNum(_ context.Context, in *types.ReqString) (*types.Int64, error) {
	n, err := g.s.b.Push().LastSeq(in.GetData())
	if err != nil {
		return nil, err
	}
	return &types.Int64{Data: n}, nil
}

// SubEvent streams a subscription's batches (PushData) until the client
// goes away; reconnecting with the same name resumes after the last batch
// sent. Access control ran when the call arrived (screen).
func (g *chain33Service) SubEvent(in *types.ReqSubscribe, stream types.Chain33_SubEventServer) (err error) {
	defer func() {
		if r := recover(); r != nil {
			g.s.log.Error("gRPC SubEvent panic", "panic", r, "stack", string(debug.Stack()))
			err = status.Error(codes.Internal, errInternal.Error())
		}
	}()
	err = g.s.b.Push().Stream(stream.Context(), in, stream.Send)
	switch {
	case err == nil, errors.Is(err, context.Canceled):
		return nil
	case errors.Is(err, context.DeadlineExceeded):
		return status.FromContextError(err).Err()
	}
	return grpcError(err)
}
