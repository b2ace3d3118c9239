// Package chain validates, executes and commits blocks and answers queries
// about them. It owns the rules that need the store: heights and parents,
// duplicate transactions, signatures (checked in parallel, skipping those the
// mempool already verified) and the state hash. Consensus drives it through
// Build, Validate and Commit; RPC reads through the query methods.
package chain
