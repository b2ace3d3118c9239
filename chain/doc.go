// Package chain validates, executes and commits blocks and answers queries
// about them. It owns the rules that need the store: heights and parents,
// duplicate transactions, signatures (checked in parallel, skipping those the
// mempool already verified) and the state hash.
//
// A block joins the chain one way, ApplyCertified: the certificate is
// verified against the validator set our own state gives for the block's
// height, the block is validated and executed (or the execution that Build
// or Validate kept for it is reused), committed, and the OnCommit listeners
// are told. Block sync commits through it what peers serve; consensus its
// decisions through ApplyDecided, the same with the write behind: it
// returns once the certificate is verified; the next height's Build and
// Validate execute over the block being written, and what binds this node
// at that height waits for the write (Written, WrittenBelow). Its errors say whose
// fault a failure is: a *BlockError (types.ErrInvalidBlock) blames the
// sender, types.ErrLocal this node.
//
// Every commit is one synced store batch, except what block sync applies
// with ApplyCertifiedUnsynced: a downloaded range is written without an
// fsync per block and made durable once (Written). The rule: nothing is
// committed, signed or logged on a block that is not durable.
// ApplyCertified, ApplyDecided, Written and WrittenBelow (so a signature or
// WAL entry at the next height, and Build and Validate unless a decided
// block is being written) first make such blocks durable, and so does
// closing the store; a crash before loses a suffix of final blocks, which
// sync fetches again.
// RPC reads through the query methods.
package chain
