// Package executor holds the deterministic state transitions of the chain:
// the coins, manage, qbftNode and none executors with the reference's
// payloads, receipts and error names, and the loop that executes a block's
// transactions against a state view and yields receipts, state changes and
// the state hash. A transaction whose execer is a "user." name that no
// executor bears runs in none (notarisation: stored, fee charged, receipt
// ExecPack with its LogFee); any other unknown name is ErrExecNameNotAllow.
// The members of a transaction group execute all or nothing (group.go).
//
// A transaction's result is one of:
//   - ExecErr: it cannot be in a block at all (fee not payable, unknown
//     executor, expired); the proposer drops it, a validator rejects a block
//     holding it.
//   - ExecPack: the fee is charged but the action failed; the receipt carries
//     a LogErr with the reason and no other state change.
//   - ExecOk: fee and action applied.
//
// State hash of a block = SHA-256(previous state hash ‖ hash of the block's
// sorted state changes), so it is cheap and covers the validator set, which
// lives in state.
package executor
