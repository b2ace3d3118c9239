package rpc

import (
	"cmp"
	"encoding/json"

	"chain33node/types"

	"google.golang.org/protobuf/proto"
)

// query is Chain33.Query: an executor's read-only function, with the payload
// in the request type's JSON (jsonpb) and the result in chain33's jsonpb
// form (int64 as strings, bytes as 0x-hex, defaults emitted).
func (s *Server) query(in *Query4Jrpc) (any, error) {
	res, err := s.queryExec(in.Execer, in.FuncName, func(req proto.Message) error { return payload(in.Payload, req) })
	if err != nil {
		return nil, err
	}
	b, err := types.MarshalPB(res, false)
	if err != nil {
		return nil, err
	}
	return json.RawMessage(b), nil
}

// ChainExecutor is rpctypes.ChainExecutor (QueryChain): Query with the
// executor named driver (both spellings are taken) and an optional state
// hash, which must be the head's (no older state is kept).
type ChainExecutor struct {
	Driver    string          `json:"execer"`
	Driver2   string          `json:"driver"`
	FuncName  string          `json:"funcName"`
	StateHash string          `json:"stateHash"`
	Payload   json.RawMessage `json:"payload"`
}

func (s *Server) queryChain(in *ChainExecutor) (any, error) {
	if in.StateHash != "" {
		h, err := types.DecodeHex(in.StateHash)
		if err != nil {
			return nil, err
		}
		if err := s.headState(h); err != nil {
			return nil, err
		}
	}
	return s.query(&Query4Jrpc{Execer: cmp.Or(in.Driver, in.Driver2), FuncName: in.FuncName, Payload: in.Payload})
}

// queryExec runs an executor's query; decode fills the request message from
// the caller's payload (JSON on JSON-RPC, protobuf on gRPC).
func (s *Server) queryExec(execer, funcName string, decode func(proto.Message) error) (proto.Message, error) {
	switch execer {
	case types.ExecManage:
		return s.queryManage(funcName, decode)
	case types.ExecQbftNode:
		return s.queryQbftNode(funcName, decode)
	case types.ExecNone:
		return s.queryNone(funcName, decode)
	case s.coinExec():
		return s.queryCoins(funcName, decode)
	}
	return nil, types.ErrNotSupport
}

// payload decodes a query payload into req as the reference's CreateQuery
// (jsonpb; absent or null leaves req empty).
func payload(raw json.RawMessage, req proto.Message) error {
	if len(raw) == 0 {
		raw = json.RawMessage("null")
	}
	return types.UnmarshalPB(raw, req)
}

func (s *Server) queryManage(fn string, decode func(proto.Message) error) (proto.Message, error) {
	switch fn {
	case "GetConfigItem":
		req := &types.ReqString{}
		if err := decode(req); err != nil {
			return nil, err
		}
		return s.b.ConfigItem(req.Data)
	}
	return s.queryManageIDs(fn, decode)
}

func (s *Server) queryQbftNode(fn string, decode func(proto.Message) error) (proto.Message, error) {
	switch fn {
	case "GetQbftNodeByHeight":
		req := &types.ReqQbftNodes{}
		if err := decode(req); err != nil {
			return nil, err
		}
		if req.Height <= 0 {
			return nil, types.ErrInvalidParam
		}
		return s.b.QbftNodesByHeight(req.Height)
	case "GetBlockInfoByHeight":
		req := &types.ReqQbftBlockInfo{}
		if err := decode(req); err != nil {
			return nil, err
		}
		if req.Height <= 0 {
			return nil, types.ErrInvalidParam
		}
		return s.blockInfo(req.Height)
	case "GetCurrentState":
		if err := decode(&types.ReqNil{}); err != nil {
			return nil, err
		}
		return s.consensusState()
	case "GetPerfStat":
		req := &types.ReqQbftPerfStat{}
		if err := decode(req); err != nil {
			return nil, err
		}
		return s.perfStat(req.Start, req.End)
	}
	return nil, types.ErrActionNotSupport
}

// perfStat is the qbftNode GetPerfStat query over blocks start..end (0: from
// 1 / to the head), with the reference's checks in its order.
func (s *Server) perfStat(start, end int64) (*types.QbftPerfStat, error) {
	c := s.b
	head := c.Height()
	if start < 0 || end < 0 || start > end || end > head {
		return nil, types.ErrInvalidParam
	}
	if start == 0 {
		start = 1
	}
	if end == 0 {
		end = head
	}
	if start > end {
		return nil, types.ErrNotFound // no block yet
	}
	sh, err := c.Header(start)
	if err != nil {
		return nil, err
	}
	eh, err := c.Header(end)
	if err != nil {
		return nil, err
	}
	sTotal, err := c.TotalTxs(start)
	if err != nil {
		return nil, err
	}
	eTotal, err := c.TotalTxs(end)
	if err != nil {
		return nil, err
	}
	st := &types.QbftPerfStat{
		TotalTx:     eTotal - sTotal + sh.TxCount,
		TotalBlock:  eh.Height - sh.Height + 1,
		TotalSecond: eh.BlockTime - sh.BlockTime + 1,
	}
	st.TxPerBlock = st.TotalTx / st.TotalBlock
	if st.TotalSecond > 0 {
		st.TxPerSecond = st.TotalTx / st.TotalSecond
	}
	return st, nil
}
