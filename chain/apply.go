package chain

import (
	"bytes"
	"errors"
	"fmt"
	"time"

	"chain33node/executor"
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
	return c.applyCertified(b, cert, verified, true)
}

// ApplyCertifiedUnsynced is ApplyCertified without waiting for the disk
// (store.CommitBlockUnsynced), for block sync: it applies a downloaded range
// so and then calls Written once. A crash of the machine may lose those
// blocks, never part of one; they are final and are fetched again. The
// node builds on nothing that is not durable: ApplyCertified,
// ApplyDecided, Written and WrittenBelow make such blocks durable first,
// and so does closing the store.
func (c *Chain) ApplyCertifiedUnsynced(b *types.Block, cert []byte, verified func(*types.Tx) bool) error {
	return c.applyCertified(b, cert, verified, false)
}

func (c *Chain) applyCertified(b *types.Block, cert []byte, verified func(*types.Tx) bool, sync bool) error {
	c.applyMu.Lock()
	defer c.applyMu.Unlock()
	x, err := c.certified(b, cert, verified)
	if x == nil {
		return err
	}
	return c.write(x, cert, sync)
}

// ApplyDecided is ApplyCertified for the consensus, pipelined: once the
// certificate is verified and the execution found (or done), it returns and
// the block is written (one synced batch), indexed and told to the
// listeners on a goroutine, while the consensus starts the next height:
// the write overlaps the commit timeout and the next proposal's wait.
// Meanwhile Tip reports the block as the head, Build and Validate execute
// the next block over it (base), and Written waits for it: what makes the
// next height binding (a signature, a consensus WAL record) calls Written
// first, so block N is durable before this node votes at N+1, and a crash in between
// restarts at N-1 with the consensus WAL of N (kept until N+1 commits),
// which replays to N. A write that fails (a full disk) is tried again,
// after 100 ms doubling up to 1 s, until it succeeds or Close.
func (c *Chain) ApplyDecided(b *types.Block, cert []byte, verified func(*types.Tx) bool) error {
	c.applyMu.Lock() // waits for the previous block's write
	x, err := c.certified(b, cert, verified)
	if x == nil {
		c.applyMu.Unlock()
		return err
	}
	c.tip.Store(x)
	go func() {
		defer c.applyMu.Unlock()
		defer c.tip.Store(nil) // the head now, or again the parent after Close
		for wait := writeRetryMin; ; wait = min(2*wait, writeRetryMax) {
			err := c.write(x, cert, true)
			if err == nil {
				return
			}
			select {
			case <-c.closing:
				c.failed = &decided{x: x, cert: cert}
				return
			case <-time.After(wait):
			}
		}
	}()
	return nil
}

// How ApplyDecided tries a failed write again.
const (
	writeRetryMin = 100 * time.Millisecond
	writeRetryMax = time.Second // a failing write is cheap; a repaired disk is used within a second
)

// Close stops ApplyDecided's attempts to write a block that cannot be
// written (the node is stopping): Written then returns the error.
func (c *Chain) Close() {
	c.closeOnce.Do(func() { close(c.closing) })
}

// decided is a block whose background write was given up at Close.
type decided struct {
	x    *Executed
	cert []byte
}

// Written waits until the block of the last ApplyDecided is written and
// durable, and makes the blocks ApplyCertifiedUnsynced wrote durable, with
// their index entries (queueUnsynced). If the decided block's writes were
// given up (Close) it tries once more; a failure is local (types.ErrLocal).
func (c *Chain) Written() error {
	c.applyMu.Lock()
	defer c.applyMu.Unlock()
	if err := c.retryFailed(); err != nil {
		return err
	}
	if err := c.idx.flush(); err != nil {
		return local(err)
	}
	return c.sync()
}

// Flush is Written for block sync, after each downloaded range: the blocks
// are durable when it returns, and their index entries are written behind
// the next range's commits (a failure there is logged, and Written reports
// it).
func (c *Chain) Flush() error {
	c.applyMu.Lock()
	defer c.applyMu.Unlock()
	if err := c.retryFailed(); err != nil {
		return err
	}
	if err := c.sync(); err != nil {
		return err
	}
	c.idx.flushLater()
	return nil
}

// WrittenBelow is Written for what happens at height: it waits only when
// a block below height is not yet in the store, and syncs only when one is
// not yet durable.
func (c *Chain) WrittenBelow(height int64) error {
	if height <= c.HeadInfo().Height+1 {
		return c.sync()
	}
	return c.Written()
}

// sync makes the blocks ApplyCertifiedUnsynced wrote durable.
func (c *Chain) sync() error {
	if err := c.db.Sync(); err != nil {
		return local(err)
	}
	return nil
}

// Tip is the head including a block ApplyDecided is writing: what the
// consensus builds on next (the store's head, Head, is what queries see).
func (c *Chain) Tip() (height, blockTime int64) {
	x := c.tip.Load() // before the head: the write moves the head, then clears tip
	h := c.HeadInfo()
	if x != nil && x.Block.Height > h.Height {
		return x.Block.Height, x.Block.BlockTime
	}
	return h.Height, h.BlockTime
}

// TipValidators is the validator set after Tip: it reads the state changes
// of a block being written over the store.
func (c *Chain) TipValidators() (*types.ValidatorSet, error) {
	if x := c.tip.Load(); x != nil && x.Block.Height > c.HeadInfo().Height { // tip first, as in Tip
		return c.exec.Validators(pendingState{x, c.db})
	}
	return c.Validators()
}

// pendingState reads a block's state changes over the state before it.
type pendingState struct {
	x    *Executed // nil: no changes
	base executor.StateReader
}

func (p pendingState) State(key []byte) ([]byte, error) {
	if v, ok := p.x.change(key); ok {
		return v, nil
	}
	return p.base.State(key)
}

// retryFailed writes again a decided block whose background write failed,
// unless the chain got it another way since (applyMu held).
func (c *Chain) retryFailed() error {
	f := c.failed
	if f == nil {
		return nil
	}
	if c.HeadInfo().Height >= f.x.Block.Height {
		c.failed = nil
		return c.held(f.x.Block.Height, f.x.Hash)
	}
	if err := c.write(f.x, f.cert, true); err != nil {
		return err
	}
	c.failed = nil
	return nil
}

// certified checks b and cert as ApplyCertified says and returns b's
// execution on the head, or nil with the error (nil when b is held
// already). applyMu held.
func (c *Chain) certified(b *types.Block, cert []byte, verified func(*types.Tx) bool) (*Executed, error) {
	if b == nil {
		return nil, &BlockError{Err: errors.New("no block")}
	}
	if err := c.retryFailed(); err != nil {
		return nil, err
	}
	hash := types.BlockHash(b)
	head := c.HeadInfo()
	if b.Height <= head.Height {
		return nil, c.held(b.Height, hash)
	}
	if b.Height != head.Height+1 {
		return nil, &BlockError{Height: b.Height, Err: fmt.Errorf("does not follow head %d", head.Height)}
	}
	vals, err := c.exec.Validators(c.db)
	if err != nil {
		return nil, local(fmt.Errorf("validators for block %d: %w", b.Height, err))
	}
	dc, err := types.DecodeCertificate(cert)
	if err == nil {
		err = types.VerifyCertificate(c.p.CertChainID, vals, c.p.Verifier, dc, b.Height, hash)
	}
	if err != nil {
		return nil, &BlockError{Height: b.Height, Err: err}
	}
	if x := c.takeExecuted(hash, head.Hash); x != nil {
		return x, nil
	}
	on, err := c.snapshotBase()
	if err != nil {
		return nil, err
	}
	defer on.release()
	return c.validate(on, b, verified)
}

// PreverifyCertificates checks the certificates of consecutive blocks
// (certs[i] of blocks[i]) against the validators of the tip, ahead of
// ApplyCertified, on the caller's goroutine and with one product of
// pairings for all: block sync checks a downloaded range on other cores
// while it applies earlier blocks. The verifier remembers checks that
// passed, so ApplyCertified, which checks each block against its own
// validator set, costs no pairing when that set is the tip's. It reports
// whether all passed.
func (c *Chain) PreverifyCertificates(blocks []*types.Block, certs [][]byte) bool {
	vals, err := c.TipValidators()
	if err != nil {
		return false
	}
	dcs := make([]*types.Certificate, len(blocks))
	heights := make([]int64, len(blocks))
	hashes := make([][]byte, len(blocks))
	for i, b := range blocks {
		if dcs[i], err = types.DecodeCertificate(certs[i]); err != nil {
			return false
		}
		heights[i], hashes[i] = b.Height, types.BlockHash(b)
	}
	return types.PreverifyCertificates(c.p.CertChainID, vals, c.p.Verifier, dcs, heights, hashes)
}

// write commits an executed, certified block, synced or not, and tells
// the listeners (applyMu held).
func (c *Chain) write(x *Executed, cert []byte, sync bool) error {
	if err := c.commit(x, cert, sync); err != nil {
		return local(err)
	}
	c.execMu.Lock()
	for h, e := range c.executed { // keep those executed on x while it was written (base)
		if !bytes.Equal(e.Block.ParentHash, x.Hash) {
			delete(c.executed, h)
		}
	}
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
	if old := c.executed[string(x.Hash)]; old != nil {
		x.index = old.index // the same block on the same head (another round)
	} else {
		x.index = c.idx.prepare(x)
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

// CheckCertificate verifies cert for b, the block after the head, against
// the tip's validators, without b's transactions (only their number is
// hashed): a light block announcement is checked before the node syncs the
// block it could not fill. It returns a *BlockError for a certificate that
// does not verify and an error wrapping types.ErrLocal when the store fails.
func (c *Chain) CheckCertificate(b *types.Block, cert []byte) error {
	vals, err := c.TipValidators()
	if err != nil {
		return local(fmt.Errorf("validators for block %d: %w", b.Height, err))
	}
	dc, err := types.DecodeCertificate(cert)
	if err == nil {
		err = types.VerifyCertificate(c.p.CertChainID, vals, c.p.Verifier, dc, b.Height, types.BlockHash(b))
	}
	if err != nil {
		return &BlockError{Height: b.Height, Err: err}
	}
	return nil
}
