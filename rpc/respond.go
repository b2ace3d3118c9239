package rpc

import (
	"errors"
	"fmt"

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

// value appends the JSON of a result.
func (o *out) value(v any) error {
	if r, ok := v.(renderer); ok {
		return r(o)
	}
	b, err := marshalJSON(v)
	if err != nil {
		return fmt.Errorf("%w: %v", errEncode, err)
	}
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
