package rpc

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"

	"chain33node/types"

	"google.golang.org/protobuf/proto"
)

// out is a JSON-RPC response being built: the bytes so far (the whole batch)
// and the most it may hold ([rpc] maxResponseBytes). spent counts every
// result byte rendered, also those of a result refused and dropped: a
// batch's work, not only its answer, is bounded.
type out struct {
	b     []byte
	max   int
	spent int
	full  bool // a request was refused for lack of room in the mempool (holdRefused)
}

// add appends b, growing the buffer at most to the cap (and a margin for
// the envelope) instead of doubling past it.
func (o *out) add(b []byte) {
	if need := len(o.b) + len(b); need > cap(o.b) {
		c := max(2*cap(o.b), need, 512)
		if limit := o.max + 64<<10; c > limit && need <= limit {
			c = limit
		}
		nb := make([]byte, len(o.b), c)
		copy(nb, o.b)
		o.b = nb
	}
	o.b = append(o.b, b...)
}

// exhausted reports whether the response has used its cap.
func (o *out) exhausted() bool { return o.spent > o.max }

// renderer is a result too large to build whole before its size is known
// (lists of blocks, headers, transactions): it appends itself item by item
// and stops at the size cap.
type renderer func(o *out) error

// bulkMethods return renderers: a request calling one waits for one of
// bulkSlots.
var bulkMethods = map[string]bool{
	"Chain33.GetBlocks": true, "Chain33.GetHeaders": true, "Chain33.GetTxByHashes": true, "Chain33.GetMempool": true,
}

// errEncode marks a result that does not encode (a bug, logged).
var errEncode = errors.New("rpc: result does not encode")

// ErrResponseTooLarge is the error of a response over [rpc] maxResponseBytes.
var ErrResponseTooLarge = errors.New("ErrResponseTooLarge")

func tooLarge(max int) error {
	return fmt.Errorf("%w: the response exceeds %d bytes ([rpc] maxResponseBytes): ask for fewer items", ErrResponseTooLarge, max)
}

// Write appends p: json.Encoder writes a result straight into the response.
func (o *out) Write(p []byte) (int, error) {
	o.add(p)
	return len(p), nil
}

// value appends the JSON of a result.
func (o *out) value(v any) error {
	switch v := v.(type) {
	case renderer:
		return v(o)
	case blockJSON:
		return o.block(v)
	case txDetailOut:
		return o.appendWith(func(b []byte) []byte {
			return types.AppendTxDetailJSON(b, v.Tx, v.Receipt, v.Height, v.Index, v.BlockTime, v.Proofs, v.coinPrecision, v.symbol)
		})
	}
	return o.encode(v)
}

// appendWith appends to the response what f appends, counted against the
// cap.
func (o *out) appendWith(f func(b []byte) []byte) error {
	n := len(o.b)
	o.b = f(o.b)
	o.spent += len(o.b) - n
	return o.check()
}

// encode appends v as marshalJSON renders it, unless that would exceed the
// cap.
func (o *out) encode(v any) error {
	n := len(o.b)
	if err := json.NewEncoder(o).Encode(v); err != nil {
		o.b = o.b[:n]
		return fmt.Errorf("%w: %v", errEncode, err)
	}
	o.b = o.b[:len(o.b)-1] // Encode's newline
	o.spent += len(o.b) - n
	if o.exhausted() || n > o.max {
		o.b = o.b[:n]
		return tooLarge(o.max)
	}
	return nil
}

// blockJSON is a block and its receipts (nil: none asked for) as GetBlocks
// lists them: the JSON of types.NewBlockDetailJSON.
type blockJSON struct {
	*types.BlockDetail
	coinPrecision int64
}

// block appends d a transaction and a receipt at a time, without
// encoding/json (types.AppendBlockTxJSON, types.AppendReceiptJSON): encoded
// whole, a block (about 1 KB of JSON a transfer) took 8 µs a transaction,
// and an encoder buffer of its size and a copy for every block fetched.
func (o *out) block(d blockJSON) error {
	shell, err := marshalJSON(types.NewBlockShellJSON(d.Block))
	if err != nil {
		return fmt.Errorf("%w: %v", errEncode, err)
	}
	// The shell's strings are hex and its numbers numbers: each key occurs once.
	txs := bytes.Index(shell, []byte(`"txs":null`))
	recs := bytes.LastIndex(shell, []byte(`"recipts":null`))
	if txs < 0 || recs < txs {
		return fmt.Errorf("%w: no txs or recipts in %.200s", errEncode, shell)
	}
	if err := o.chunk(shell[:txs+len(`"txs":`)]); err != nil {
		return err
	}
	if err := o.items(len(d.Block.Txs), func(i int) error {
		return o.appendWith(func(b []byte) []byte { return types.AppendBlockTxJSON(b, d.Block.Txs[i], d.coinPrecision) })
	}); err != nil {
		return err
	}
	if err := o.chunk(shell[txs+len(`"txs":null`) : recs+len(`"recipts":`)]); err != nil {
		return err
	}
	if err := o.items(len(d.Receipts), func(i int) error {
		return o.appendWith(func(b []byte) []byte { return types.AppendReceiptJSON(b, d.Receipts[i]) })
	}); err != nil {
		return err
	}
	return o.chunk(shell[recs+len(`"recipts":null`):])
}

// items appends [item(0),...,item(n-1)], or null for none (what
// NewBlockDetailJSON's nil slices encode to).
func (o *out) items(n int, item func(i int) error) error {
	if n == 0 {
		return o.chunk([]byte("null"))
	}
	if err := o.chunk([]byte{'['}); err != nil {
		return err
	}
	for i := range n {
		if i > 0 {
			o.add([]byte{','})
		}
		if err := item(i); err != nil {
			return err
		}
	}
	return o.chunk([]byte{']'})
}

// chunk appends b, part of a result.
func (o *out) chunk(b []byte) error {
	o.spent += len(b)
	if err := o.check(); err != nil {
		return err
	}
	o.add(b)
	return nil
}

func (o *out) check() error {
	if o.exhausted() || len(o.b) > o.max {
		return tooLarge(o.max)
	}
	return nil
}

// list appends {"<key>":[item(0),...,item(n-1)]} ({"<key>":null} for n = 0,
// as encoding/json writes an empty slice field), checking the size after
// each item.
func (o *out) list(key string, n int, item func(i int) (any, error)) error {
	o.add([]byte(`{"` + key + `":`))
	if n == 0 {
		o.add([]byte("null}"))
		return o.check()
	}
	o.add([]byte{'['})
	for i := range n {
		if i > 0 {
			o.add([]byte{','})
		}
		v, err := item(i)
		if err != nil {
			return err
		}
		if err := o.value(v); err != nil {
			return err
		}
	}
	o.add([]byte("]}"))
	return o.check()
}

// sizeCap bounds a gRPC reply built item by item (MaxSendMsgSize would only
// refuse it after it is built).
type sizeCap struct{ n, max int }

func (c *sizeCap) add(m proto.Message) error {
	c.n += proto.Size(m) + 6 // field tag and length of a repeated item
	if c.n > c.max {
		return tooLarge(c.max)
	}
	return nil
}
