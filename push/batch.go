package push

import (
	"context"
	"errors"
	"fmt"

	"chain33node/types"

	"google.golang.org/protobuf/proto"
)

// addBlock is a sequence entry's type: a block added (2 would be one
// rolled back, which never happens here).
const addBlock = 1

// batch is what one delivery carries: the message for blocks through last.
type batch struct {
	last    int64
	msg     proto.Message // nil: none of the blocks has anything for the subscriber
	encoded []byte        // msg as posted
}

// batch builds the next delivery of req from sequence from, the head being
// head, as the reference's getPushData does.
func (s *Service) batch(req *types.PushSubscribeReq, from, head int64) (*batch, error) {
	var b *batch
	var err error
	switch req.Type {
	case TypeBlock:
		b, err = s.blockSeqs(from, min(head, from+blockMaxSeq-1))
	case TypeBlockHeader:
		b, err = s.headerSeqs(from, min(head, from+blockMaxSeq-1))
	case TypeTxReceipt:
		b, err = s.txReceipts(req.Contract, from, min(head, from+receiptMaxSeq-1))
	case TypeTxResult:
		b, err = s.txResults(from, min(head, from+blockMaxSeq-1))
	default:
		return nil, fmt.Errorf("push type %d", req.Type)
	}
	if err != nil || b.msg == nil || isStream(req) {
		return b, err
	}
	if req.Encode == EncodeJSON {
		b.encoded, err = types.MarshalPB(b.msg, false)
	} else {
		b.encoded, err = proto.MarshalOptions{Deterministic: true}.Marshal(b.msg)
	}
	return b, err
}

func (s *Service) sequence(h int64) (*types.Header, *types.BlockSequence, error) {
	hdr, err := s.chain.Header(h)
	if err != nil {
		return nil, nil, err
	}
	return hdr, &types.BlockSequence{Hash: hdr.Hash, Type: addBlock}, nil
}

// blockDetail is the block at h with its receipts and the state hash
// before it, as the reference's BlockDetail.
func (s *Service) blockDetail(h int64) (*types.BlockDetail, *types.BlockSequence, error) {
	_, seq, err := s.sequence(h)
	if err != nil {
		return nil, nil, err
	}
	b, err := s.chain.Block(h)
	if err != nil {
		return nil, nil, err
	}
	rs, err := s.chain.Receipts(h)
	if err != nil {
		return nil, nil, err
	}
	d := &types.BlockDetail{Block: b, Receipts: rs}
	if h > 0 {
		prev, err := s.chain.Header(h - 1)
		if err != nil {
			return nil, nil, err
		}
		d.PrevStatusHash = prev.StateHash
	}
	return d, seq, nil
}

// sized collects entry(h) for h = from..to while their encodings fit in
// batchMaxBytes (the first always).
func sized[T proto.Message](from, to int64, entry func(h int64) (T, error)) ([]T, error) {
	var out []T
	size := 0
	for h := from; h <= to; h++ {
		e, err := entry(h)
		if err != nil {
			return nil, err
		}
		n := proto.Size(e)
		if size > 0 && size+n >= batchMaxBytes {
			break
		}
		out = append(out, e)
		size += n
	}
	return out, nil
}

// blockSeqs: blocks from..to, as many as fit in a batch.
func (s *Service) blockSeqs(from, to int64) (*batch, error) {
	seqs, err := sized(from, to, func(h int64) (*types.BlockSeq, error) {
		d, seq, err := s.blockDetail(h)
		return &types.BlockSeq{Num: h, Seq: seq, Detail: d}, err
	})
	if err != nil {
		return nil, err
	}
	return &batch{last: from + int64(len(seqs)) - 1, msg: &types.BlockSeqs{Seqs: seqs}}, nil
}

func (s *Service) headerSeqs(from, to int64) (*batch, error) {
	seqs, err := sized(from, to, func(h int64) (*types.HeaderSeq, error) {
		hdr, seq, err := s.sequence(h)
		return &types.HeaderSeq{Num: h, Seq: seq, Header: hdr}, err
	})
	if err != nil {
		return nil, err
	}
	return &batch{last: from + int64(len(seqs)) - 1, msg: &types.HeaderSeqs{Seqs: seqs}}, nil
}

// txReceipts: the transactions of the subscribed executors (contract) with
// their receipts, per block that has any, scanning from..to while they fit
// in batchMaxBytes; no message if none of the blocks has any.
func (s *Service) txReceipts(contract map[string]bool, from, to int64) (*batch, error) {
	out := &types.TxReceipts4Subscribe{}
	size := 0
	last := from - 1
	for h := from; h <= to; h++ {
		hdr, _, err := s.sequence(h)
		if err != nil {
			return nil, err
		}
		b, err := s.chain.Block(h)
		if err != nil {
			return nil, err
		}
		rs, err := s.chain.Receipts(h)
		if err != nil {
			return nil, err
		}
		per := &types.TxReceipts4SubscribePerBlk{}
		for i, tx := range b.Txs {
			if contract[string(tx.Execer)] && i < len(rs) {
				per.Tx = append(per.Tx, tx)
				per.ReceiptData = append(per.ReceiptData, rs[i])
			}
		}
		if len(per.Tx) > 0 {
			per.Height, per.BlockHash, per.ParentHash = h, hdr.Hash, b.ParentHash
			per.PreviousHash, per.AddDelType, per.SeqNum = []byte{}, addBlock, h
			n := proto.Size(per)
			if size > 0 && size+n >= batchMaxBytes {
				break
			}
			out.TxReceipts = append(out.TxReceipts, per)
			size += n
		}
		last = h
	}
	b := &batch{last: last}
	if len(out.TxReceipts) > 0 {
		b.msg = out
	}
	return b, nil
}

// txResults: each transaction's hash and receipt type, per block.
func (s *Service) txResults(from, to int64) (*batch, error) {
	out := &types.TxResultSeqs{}
	for h := from; h <= to; h++ {
		hdr, _, err := s.sequence(h)
		if err != nil {
			return nil, err
		}
		b, err := s.chain.Block(h)
		if err != nil {
			return nil, err
		}
		rs, err := s.chain.Receipts(h)
		if err != nil {
			return nil, err
		}
		per := &types.TxResultPerBlock{Height: h, BlockHash: hdr.Hash, ParentHash: b.ParentHash, AddDelType: addBlock, SeqNum: h}
		for i, tx := range b.Txs {
			per.Items = append(per.Items, &types.TxHashWithReceiptType{Hash: types.TxHash(tx), Ty: rs[i].GetTy()})
		}
		out.Items = append(out.Items, per)
	}
	return &batch{last: to, msg: out}, nil
}

// pushData wraps a batch for a SubEvent stream.
func (b *batch) pushData(name string) *types.PushData {
	d := &types.PushData{Name: name}
	switch m := b.msg.(type) {
	case *types.BlockSeqs:
		d.Value = &types.PushData_BlockSeqs{BlockSeqs: m}
	case *types.HeaderSeqs:
		d.Value = &types.PushData_HeaderSeqs{HeaderSeqs: m}
	case *types.TxReceipts4Subscribe:
		d.Value = &types.PushData_TxReceipts{TxReceipts: m}
	case *types.TxResultSeqs:
		d.Value = &types.PushData_TxResult{TxResult: m}
	}
	return d
}

// stream is a connected SubEvent client: the worker hands it batches, the
// gRPC handler sends them (a gRPC stream is sent on from its handler only).
type stream struct {
	in   chan *types.PushData
	res  chan error
	kill chan error    // the worker ends the stream
	done chan struct{} // closed when the handler returns
}

func (st *stream) send(name string, b *batch) error {
	select {
	case st.in <- b.pushData(name):
	case <-st.done:
		return errNoStream
	}
	select {
	case err := <-st.res:
		return err
	case <-st.done:
		return errNoStream
	}
}

// end asks the handler to return err (st may be nil).
func (st *stream) end(err error) {
	if st == nil {
		return
	}
	select {
	case st.kill <- err:
	default:
	}
}

// Stream is SubEvent: it subscribes name (encode grpc, persisted like a
// push: reconnecting with the same name resumes after the last batch sent)
// and sends each batch with send until ctx ends, send fails, or another
// Stream of the same name takes over. fromBlock > 0 starts after that
// block, as the reference does.
func (s *Service) Stream(ctx context.Context, in *types.ReqSubscribe, send func(*types.PushData) error) error {
	if in == nil || in.Name == "" {
		return ErrInvalidParam
	}
	req := &types.PushSubscribeReq{Name: in.Name, Encode: EncodeGRPC, Type: in.Type, Contract: in.Contract}
	if in.FromBlock != 0 {
		hdr, err := s.chain.Header(in.FromBlock)
		if err != nil {
			return err
		}
		req.LastSequence, req.LastHeight, req.LastBlockHash = in.FromBlock, in.FromBlock, types.HexWith0x(hdr.Hash)
	}
	s.mu.Lock()
	w := s.workers[in.Name]
	s.mu.Unlock()
	if w != nil && (!isStream(w.req) || w.req.Type != req.Type) {
		return ErrNotAllowModifyPush // the name is an HTTP push's, or of another type
	}
	if w == nil {
		if err := s.Subscribe(req); err != nil {
			return err
		}
		s.mu.Lock()
		w = s.workers[in.Name]
		s.mu.Unlock()
	} else if err := s.available(); err != nil {
		return err
	}
	st := &stream{in: make(chan *types.PushData), res: make(chan error), kill: make(chan error, 1), done: make(chan struct{})}
	defer close(st.done)
	select {
	case old := <-w.streams: // not yet picked up: replaced
		old.end(errors.New("another stream took over the subscription"))
	default:
	}
	w.streams <- st
	for {
		select {
		case d := <-st.in:
			err := send(d)
			st.res <- err
			if err != nil {
				return err
			}
		case err := <-st.kill:
			return err
		case <-ctx.Done():
			return ctx.Err()
		}
	}
}
