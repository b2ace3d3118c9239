package rpc

import (
	"time"

	"chain33node/txbuild"
	"chain33node/types"

	"google.golang.org/protobuf/proto"
)

// The JSON-RPC methods of transaction groups, no-balance transactions and
// delayed transactions (chain33:rpc/jrpchandler.go, rpc/client.go).

// CreateTransactionGroup is types.CreateTransactionGroup (CreateRawTxGroup).
type CreateTransactionGroup struct {
	Txs []string `json:"txs"`
}

// NoBalanceTx is types.NoBalanceTx (CreateNoBalanceTransaction).
type NoBalanceTx struct {
	TxHex   string `json:"txHex"`
	PayAddr string `json:"payAddr"`
	Privkey string `json:"privkey"`
	Expire  string `json:"expire"`
}

// NoBalanceTxs is types.NoBalanceTxs (CreateNoBlanaceTxs, sic).
type NoBalanceTxs struct {
	TxHexs  []string `json:"txHexs"`
	PayAddr string   `json:"payAddr"`
	Privkey string   `json:"privkey"`
	Expire  string   `json:"expire"`
}

// DelayTx is types.DelayTx in Go JSON (SendDelayTransaction): the signed
// transaction (its bytes fields base64, as encoding/json renders the
// reference's protobuf struct) and the unix time from which it may enter
// the mempool.
type DelayTx struct {
	Tx           *types.Transaction `json:"tx"`
	EndDelayTime int64              `json:"endDelayTime"`
}

func (s *Server) registerTxKinds() {
	s.methods["Chain33.CreateRawTxGroup"] = fn(s.createRawTxGroup)
	s.methods["Chain33.CreateNoBalanceTransaction"] = fn(s.createNoBalanceTransaction)
	s.methods["Chain33.CreateNoBlanaceTxs"] = fn(s.createNoBalanceTxs)
	s.methods["Chain33.SendDelayTransaction"] = fn(s.sendDelayTransaction)
}

func (s *Server) createRawTxGroup(in *CreateTransactionGroup) (any, error) {
	t, err := txbuild.RawGroup(in.Txs, s.txChain())
	if err != nil {
		return nil, protoError(err)
	}
	return encodeUnsigned(t), nil
}

func (s *Server) createNoBalanceTransaction(in *NoBalanceTx) (any, error) {
	return s.createNoBalanceTxs(&NoBalanceTxs{TxHexs: []string{in.TxHex}, PayAddr: in.PayAddr, Privkey: in.Privkey, Expire: in.Expire})
}

// createNoBalanceTxs is the reference's CreateNoBalanceTxs: a none
// transaction paying for txHexs (expiring after expire, "0" by default),
// signed (member 1 only, as SignRawTx index 1) when a key is given.
func (s *Server) createNoBalanceTxs(in *NoBalanceTxs) (any, error) {
	if in.Expire == "" {
		in.Expire = "0"
	}
	expire, err := txbuild.ParseExpire(in.Expire)
	if err != nil {
		return nil, err
	}
	txs := make([]*types.Transaction, len(in.TxHexs))
	for i, h := range in.TxHexs {
		if txs[i], err = txbuild.DecodeHexTx(h); err != nil {
			return nil, protoError(err)
		}
	}
	carrier, err := txbuild.NoBalance(txs, expire, time.Now(), s.txChain())
	if err != nil {
		return nil, err
	}
	if in.PayAddr == "" && in.Privkey == "" {
		return encodeUnsigned(carrier), nil
	}
	signed, err := s.signRaw(&ReqSignRawTx{Addr: in.PayAddr, Privkey: in.Privkey, Expire: in.Expire, Index: 1,
		TxHex: types.HexWith0x(types.AppendTx(nil, carrier, true, true))})
	if err != nil {
		return nil, err
	}
	return types.HexWith0x(signed), nil
}

// sendDelayTransaction holds a signed transaction for the mempool until a
// block with a time of at least endDelayTime is committed; the result is its
// hash.
func (s *Server) sendDelayTransaction(in *DelayTx) (any, error) {
	hash, err := s.submitDelayed(in.Tx, in.EndDelayTime)
	if err != nil {
		return nil, err
	}
	return types.HexWith0x(hash), nil
}

// submitDelayed holds t for the mempool until a block with a time of at
// least end; it returns t's hash.
func (s *Server) submitDelayed(t *types.Transaction, end int64) ([]byte, error) {
	if t == nil {
		return nil, ErrNilTransaction
	}
	if end <= types.ExpireBound {
		return nil, types.ErrInvalidParam // height-based delays are not offered
	}
	tx, err := types.DecodeTx(types.AppendTx(nil, t, true, true))
	if err != nil {
		return nil, protoError(err)
	}
	if err := s.b.SubmitDelayed(tx, end); err != nil {
		return nil, err
	}
	return tx.Hash, nil
}

// ErrNilTransaction is the reference's error for a request without its
// transaction.
var ErrNilTransaction = types.ErrNilTransaction

// queryNone answers the none executor's query GetDelayTxInfo.
func (s *Server) queryNone(fn string, decode func(proto.Message) error) (proto.Message, error) {
	if fn != "GetDelayTxInfo" {
		return nil, types.ErrActionNotSupport
	}
	req := &types.ReqBytes{}
	if err := decode(req); err != nil {
		return nil, err
	}
	return s.b.DelayTxInfo(req.Data)
}

// decodedTxs are the transactions a raw transaction stands for: the members
// of a group carrier, or itself (DecodeRawTransaction shows a group as its
// members, as the reference's).
func decodedTxs(tx *types.Tx) ([]*types.Tx, error) {
	if err := types.Members(tx); err != nil {
		return nil, err
	}
	if tx.Group != nil {
		return tx.Group, nil
	}
	return []*types.Tx{tx}, nil
}
