package rpc

import (
	"context"
	"fmt"
	"sort"
	"time"

	"chain33node/crypto"
	"chain33node/types"
)

// Block sequences, push subscriptions and the chain's fixed facts. A
// block's sequence is its height: this chain never rolls a block back, so
// every sequence entry is an addition (type 1) of the block at that height.

// Pusher is the push subscriptions (package push's Service).
type Pusher interface {
	Subscribe(req *types.PushSubscribeReq) error
	List() ([]*types.PushSubscribeReq, error)
	LastSeq(name string) (int64, error)
	Stream(ctx context.Context, req *types.ReqSubscribe, send func(*types.PushData) error) error
}

// addBlockSeq is a sequence entry's type for an added block.
const addBlockSeq = 1

func (s *Server) sequences() error {
	if !s.cfg.IsRecordBlockSequence {
		return types.ErrRecordBlockSequence
	}
	return nil
}

func (s *Server) lastSequence() (int64, error) {
	if err := s.sequences(); err != nil {
		return 0, err
	}
	return s.b.Height(), nil
}

func (s *Server) getLastBlockSequence(*ReqNil) (any, error) { return s.lastSequence() }

// blockSequences is GetBlockSequences with the reference's checks
// (blockchain/sequences.go); sequences before 0 come as empty entries, as
// there.
func (s *Server) blockSequences(start, end int64) ([]*types.BlockSequence, error) {
	last, err := s.lastSequence()
	if err != nil {
		return nil, err
	}
	switch {
	case start > last:
		return nil, ErrStartHeight
	case start > end:
		return nil, ErrEndLessThanStartHeight
	case end-start >= maxBlocksPerCall:
		return nil, ErrMaxCountPerTime
	}
	end = min(end, last)
	var out []*types.BlockSequence
	for seq := start; seq <= end; seq++ {
		e := &types.BlockSequence{}
		if seq >= 0 {
			hdr, err := s.b.Header(seq)
			if err != nil {
				return nil, err
			}
			e.Hash, e.Type = hdr.Hash, addBlockSeq
		}
		out = append(out, e)
	}
	return out, nil
}

// ReplyBlkSeqJSON is rpctypes.ReplyBlkSeq.
type ReplyBlkSeqJSON struct {
	Hash string `json:"hash"`
	Type int64  `json:"type"`
}

// ReplyBlkSeqsJSON is rpctypes.ReplyBlkSeqs (GetBlockSequences).
type ReplyBlkSeqsJSON struct {
	BlkSeqInfos []*ReplyBlkSeqJSON `json:"blkseqInfos"`
}

func (s *Server) getBlockSequences(in *BlockParam) (any, error) {
	seqs, err := s.blockSequences(in.Start, in.End)
	if err != nil {
		return nil, err
	}
	out := &ReplyBlkSeqsJSON{}
	for _, e := range seqs {
		out.BlkSeqInfos = append(out.BlkSeqInfos, &ReplyBlkSeqJSON{Hash: types.HexWith0x(e.Hash), Type: e.Type})
	}
	return out, nil
}

// blockBySeq is the block of a sequence with its receipts.
func (s *Server) blockBySeq(seq int64) (*types.BlockSeq, error) {
	last, err := s.lastSequence()
	if err != nil {
		return nil, err
	}
	if seq < 0 || seq > last {
		return nil, ErrHeightNotExist
	}
	d, err := s.blockDetail(seq, true)
	if err != nil {
		return nil, err
	}
	hdr, err := s.b.Header(seq)
	if err != nil {
		return nil, err
	}
	return &types.BlockSeq{Num: seq, Seq: &types.BlockSequence{Hash: hdr.Hash, Type: addBlockSeq}, Detail: d}, nil
}

func (s *Server) getBlockBySeq(in *types.Int64) (any, error) {
	b, err := s.blockBySeq(in.Data)
	if err != nil {
		return nil, err
	}
	return blockSeq(b, s.coinPrecision()), nil
}

// blockSeq renders b as the reference's rpctypes.BlockSeq ({"num", "seq",
// "detail"}), its detail as GetBlocks writes a block.
func blockSeq(b *types.BlockSeq, coinPrecision int64) renderer {
	return func(o *out) error {
		seq, err := marshalJSON(&ReplyBlkSeqJSON{Hash: types.HexWith0x(b.Seq.GetHash()), Type: b.Seq.GetType()})
		if err != nil {
			return fmt.Errorf("%w: %v", errEncode, err)
		}
		if err := o.chunk(fmt.Appendf(nil, `{"num":%d,"seq":%s,"detail":`, b.Num, seq)); err != nil {
			return err
		}
		if err := o.block(blockJSON{b.Detail, coinPrecision}); err != nil {
			return err
		}
		return o.chunk([]byte{'}'})
	}
}

func (s *Server) sequenceByHash(hash []byte) (*types.Int64, error) {
	if err := s.sequences(); err != nil {
		return nil, err
	}
	h, err := s.heightByHash(hash)
	if err != nil {
		return nil, err
	}
	return &types.Int64{Data: h}, nil
}

// getSequenceByHash takes the first hash of a ReqHashes (hex; the
// reference's HexToHash keeps the last 32 bytes, left-padding shorter).
func (s *Server) getSequenceByHash(in *ReqHashes) (any, error) {
	if len(in.Hashes) == 0 {
		return nil, types.ErrInvalidParam
	}
	h, err := types.DecodeHex(in.Hashes[0])
	if err != nil {
		return nil, types.ErrInvalidParam
	}
	if len(h) > 32 {
		h = h[len(h)-32:]
	} else if len(h) < 32 {
		h = append(make([]byte, 32-len(h)), h...)
	}
	return s.sequenceByHash(h)
}

// addPushSubscribe answers {"isOk":false,"msg":"<error>"} for a refused
// subscription, as the reference's blockchain module replies.
func (s *Server) addPushSubscribe(in *types.PushSubscribeReq) (any, error) {
	return pushReply(s.b.Push().Subscribe(in)), nil
}

func pushReply(err error) *types.ReplySubscribePush {
	if err != nil {
		return &types.ReplySubscribePush{Msg: err.Error()}
	}
	return &types.ReplySubscribePush{IsOk: true}
}

func (s *Server) listPushes(*ReqNil) (any, error) {
	list, err := s.b.Push().List()
	if err != nil {
		return nil, err
	}
	return &types.PushSubscribes{Pushes: list}, nil
}

func (s *Server) getPushSeqLastNum(in *types.ReqString) (any, error) {
	n, err := s.b.Push().LastSeq(in.Data)
	if err != nil {
		return nil, err
	}
	return &types.Int64{Data: n}, nil
}

// pubKeyToAddr is the address (default driver: btc) of a hex public key.
func (s *Server) pubKeyToAddr(in *types.ReqString) (any, error) {
	pub, err := types.DecodeHex(in.Data)
	if err != nil {
		return nil, err
	}
	if len(pub) == 0 {
		return nil, types.ErrInvalidParam
	}
	return &types.ReplyString{Data: crypto.PubKeyToAddr(pub)}, nil
}

func serverTime() *types.ServerTime { return &types.ServerTime{CurrentTimestamp: time.Now().Unix()} }

func (s *Server) getServerTime(*ReqNil) (any, error) { return serverTime(), nil }

// cryptoList is the transaction signature types this node verifies, by name.
func cryptoList() *types.CryptoList {
	out := &types.CryptoList{}
	for _, name := range []string{"ed25519", "secp256k1", "secp256k1eth", "secp256r1", "sm2"} {
		id, _ := crypto.CryptoIDByName(name)
		out.Cryptos = append(out.Cryptos, &types.Crypto{Name: name, TypeID: id})
	}
	return out
}

func (s *Server) getCryptoList(*ReqNil) (any, error) { return cryptoList(), nil }

// addressDrivers are the address formats, by id (the reference's btc,
// btcMultiSign and eth drivers, enabled from genesis).
func addressDrivers() *types.AddressDrivers {
	names := map[int32]string{crypto.AddressIDBTC: "btc", crypto.AddressIDBTCMultiSign: "btcMultiSign", crypto.AddressIDEth: "eth"}
	out := &types.AddressDrivers{}
	for id, name := range names {
		out.Drivers = append(out.Drivers, &types.AddressDriver{Name: name, TypeID: id})
	}
	sort.Slice(out.Drivers, func(i, j int) bool { return out.Drivers[i].TypeID < out.Drivers[j].TypeID })
	return out
}

func (s *Server) getAddressDrivers(*ReqNil) (any, error) { return addressDrivers(), nil }

// getFork: every fork of the reference is active from genesis on this
// chain (as under Title "local"), so each one's height is 0.
func (s *Server) getFork(*types.ReqKey) (any, error) { return &types.Int64{}, nil }

// finalized is the head block: a committed block is final here.
func (s *Server) finalized() (*types.SnowChoice, error) {
	h, err := s.lastHeader()
	if err != nil {
		return nil, err
	}
	return &types.SnowChoice{Height: h.Height, Hash: h.Hash}, nil
}

func (s *Server) getFinalizedBlock(*ReqNil) (any, error) {
	f, err := s.finalized()
	if err != nil {
		return nil, err
	}
	return &types.FinalizedJSON{Height: f.Height, Hash: types.HexWith0x(f.Hash)}, nil
}
