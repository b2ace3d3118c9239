// Package mempool admits transactions, keeps them in arrival order and hands
// them to the block proposer.
//
// Admission follows chain33's order (system/mempool/check.go) and stops at the
// first failure, so a client sees the same error name as from the reference:
//
//	ErrNotSync → ErrNomalTx → ErrTxMsgSizeTooBig → ErrTxFeeTooLow /
//	ErrTxFeeTooHigh / ErrTxChainID (only when minTxFeeRate > 0) →
//	ErrInvalidAddress → ErrManyTx → ErrTxExpire → ErrSign → ErrDupTx (chain,
//	then pool) → Chain.CheckTx (e.g. ErrNoBalance) → ErrMemFull
//
// (ErrManyTx also for a sender over its share of the horizon, ErrMemFull
// also beyond the horizon: horizon.go.)
//
// A transaction group arrives as its carrier (the first member, its header
// holding every member, see types.Members) and is admitted as one unit: the
// group rules (types.CheckGroup: ErrTxGroupCount, ErrTxGroupFeeNotZero,
// ErrTxGroupHeader, ErrTxGroupNext, ...) take the place of the single
// transaction's fee rules, and every member must pass the per-sender cap,
// expiry, signature and on-chain duplicate checks. The pool holds the group
// under its hash (the first member's), counts it against the first sender,
// and hands it out whole to the proposer, which puts the members into the
// block one after another.
//
// Delayed transactions (a committed none CommitDelayTx, or
// SendDelayTransaction) wait in a queue beside the pool until a block with
// a time of at least their due time is committed, then go through
// admission like any other (Delay, Update).
//
// Signature verification (~30 µs for secp256k1 in libsecp256k1) dominates
// the cost of a transaction, so every signature is verified exactly once per
// node: the cheap checks run first so that a bad transaction costs no
// verification, AddBatch verifies a batch in parallel on GOMAXPROCS workers,
// verdicts are remembered by full hash (also of transactions refused or
// committed since, and of a validated block's, [Pool.MarkVerified]), and
// block validation asks [Pool.Verified] instead of re-verifying. Verification and
// calls into [Chain] never run under the pool lock; the final decision
// (per-account cap, duplicate, capacity, insert) is taken atomically under it.
//
// Admission is tied to commit capacity (horizon.go): a client's transaction
// (Add, AddBatch) is admitted only while the pool holds less than what the
// chain commits within Config.AdmitHorizon at the rate measured from recent
// blocks, else ErrMemFull at once; a transaction a peer gossiped
// (AddRelayed) is admitted up to PoolCacheSize, its checks run cheapest
// first since nobody waits for its error.
//
// The pool is FIFO (chain33's "timeline" mempool): [Pool.Pending] returns the
// oldest transactions first and [Pool.Update] removes committed and expired
// ones after each block, both in time proportional to the transactions they
// touch, not to the pool size.
package mempool
