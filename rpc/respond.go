package rpc

import (
	"errors"
	"fmt"

	"google.golang.org/protobuf/proto"
)

// out is a JSON-RPC response being built: the bytes so far (the whole batch)
// and the most it may hold ([rpc] maxResponseBytes).
type out struct {
	b   []byte
	max int
}

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
	o.b = append(o.b, b...)
	return o.check()
}

func (o *out) check() error {
	if len(o.b) > o.max {
		return tooLarge(o.max)
	}
	return nil
}

// list appends {"<key>":[item(0),...,item(n-1)]} ({"<key>":null} for n = 0,
// as encoding/json writes an empty slice field), checking the size after
// each item.
func (o *out) list(key string, n int, item func(i int) (any, error)) error {
	o.b = append(append(append(o.b, `{"`...), key...), `":`...)
	if n == 0 {
		o.b = append(o.b, "null}"...)
		return o.check()
	}
	o.b = append(o.b, '[')
	for i := range n {
		if i > 0 {
			o.b = append(o.b, ',')
		}
		v, err := item(i)
		if err != nil {
			return err
		}
		if err := o.value(v); err != nil {
			return err
		}
	}
	o.b = append(o.b, "]}"...)
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
