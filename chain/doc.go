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
// returns once the certificate is verified, and what happens at the next
// height waits for the write (Written, WrittenBelow). Its errors say whose
// fault a failure is: a *BlockError (types.ErrInvalidBlock) blames the
// sender, types.ErrLocal this node.
// RPC reads through the query methods.
package chain
