package chain

import (
	"bytes"
	"errors"
	"fmt"

	"chain33node/types"
)

// BlockError says why a block was rejected: the block or its certificate is
// wrong, so whoever sent it is at fault (errors.Is types.ErrInvalidBlock).
type BlockError struct {
	Height int64
	Err    error
}

func (e *BlockError) Error() string { return fmt.Sprintf("block %d: %v", e.Height, e.Err) }
func (e *BlockError) Unwrap() error { return e.Err }

// Is makes every BlockError a types.ErrInvalidBlock.
func (e *BlockError) Is(target error) bool { return target == types.ErrInvalidBlock }

// local marks a failure of this node (store, disk): no peer is to blame.
func local(err error) error { return fmt.Errorf("%w: %w", types.ErrLocal, err) }

// ApplyCertified is the one way a block decided elsewhere joins the chain:
// consensus commits through it what the validators decided, block sync what
// peers serve. It checks that b is the next block and that cert (an encoded
// types.Certificate) proves b committed by the validator set that our own
// state gives for b's height, validates and executes b (reusing what Build
// or Validate computed for the same block), commits it with cert and calls
// the OnCommit listeners. verified is as for Validate.
//
// A block we already hold at its height is no error: consensus and sync race
// to apply the same block. Errors say whose fault a failure is: a
// *BlockError when b or cert is wrong; an error wrapping types.ErrLocal when
// this node failed (a full disk, a failing store): the chain is then
// unchanged and the same call may succeed once the cause is gone.
func (c *Chain) ApplyCertified(b *types.Block, cert []byte, verified func(*types.Tx) bool) error {
	if b == nil {
		return &BlockError{Err: errors.New("no block")}
	}
	c.applyMu.Lock()
	defer c.applyMu.Unlock()
	hash := types.BlockHash(b)
	head := c.HeadInfo()
	if b.Height <= head.Height {
		return c.held(b.Height, hash)
	}
	if b.Height != head.Height+1 {
		return &BlockError{Height: b.Height, Err: fmt.Errorf("does not follow head %d", head.Height)}
	}
	vals, err := c.exec.Validators(c.db)
	if err != nil {
		return local(fmt.Errorf("validators for block %d: %w", b.Height, err))
	}
	dc, err := types.DecodeCertificate(cert)
	if err == nil {
		err = types.VerifyCertificate(c.p.CertChainID, vals, c.p.Verifier, dc, b.Height, hash)
	}
	if err != nil {
		return &BlockError{Height: b.Height, Err: err}
	}
	x := c.takeExecuted(hash, head.Hash)
	if x == nil {
		if x, err = c.validate(b, verified); err != nil {
			return err
		}
	}
	if err := c.commit(x, cert); err != nil {
		return local(err)
	}
	c.execMu.Lock()
	clear(c.executed) // executed on the old head
	c.execMu.Unlock()
	for _, f := range c.listeners {
		f(x, cert)
	}
	return nil
}

// held judges a block at a height we have committed: the same block is no
// error, another one is.
func (c *Chain) held(height int64, hash []byte) error {
	h, err := c.db.Header(height)
	if err != nil {
		return local(err)
	}
	if !bytes.Equal(h.Hash, hash) {
		return &BlockError{Height: height, Err: fmt.Errorf("0x%x conflicts with the committed block 0x%x", hash, h.Hash)}
	}
	return nil
}

// OnCommit registers f to be told of every block ApplyCertified commits,
// with its certificate, in height order and before ApplyCertified returns
// (the mempool's Update, the p2p announcement). f must not apply blocks.
// Register listeners before blocks are applied.
func (c *Chain) OnCommit(f func(x *Executed, cert []byte)) {
	c.applyMu.Lock()
	defer c.applyMu.Unlock()
	c.listeners = append(c.listeners, f)
}

// keep remembers a block Build or Validate executed on the head, so that
// committing it once it is decided does not execute it again.
func (c *Chain) keep(x *Executed) {
	c.execMu.Lock()
	defer c.execMu.Unlock()
	if len(c.executed) >= 64 { // many rounds of one height: keep memory bounded
		clear(c.executed)
	}
	c.executed[string(x.Hash)] = x
}

// takeExecuted returns the kept execution of the block with hash if it was
// executed on the head with headHash.
func (c *Chain) takeExecuted(hash, headHash []byte) *Executed {
	c.execMu.Lock()
	defer c.execMu.Unlock()
	x := c.executed[string(hash)]
	if x == nil || !bytes.Equal(x.Block.ParentHash, headHash) {
		return nil
	}
	return x
}
