package types

import "errors"

// Fault classes of a failure to apply a block decided elsewhere, so that
// callers blame the right party (errors.Is).
var (
	// ErrInvalidBlock: the block or its certificate is wrong. Whoever sent
	// it is at fault.
	ErrInvalidBlock = errors.New("invalid block")
	// ErrLocal: this node failed (a full disk, an I/O error, a damaged
	// store). No peer is at fault, and the same block may apply once the
	// cause is gone.
	ErrLocal = errors.New("local failure")
)
