package node

import (
	"errors"

	"chain33node/consensus/qbft"
	"chain33node/health"
)

// The consensus engine's WAL and signer write to disk too; these wrappers
// report their write failures into the node's health.Faults as the store
// does (OnWriteFault), so that /health, the metrics and is_sync say why a
// validator stopped signing. A write that succeeds clears the fault.

// faultWAL reports failed appends and prunes of w as the "wal" fault.
type faultWAL struct {
	qbft.WAL
	faults *health.Faults
}

func (w faultWAL) Append(height int64, kind byte, body []byte, sync bool) error {
	err := w.WAL.Append(height, kind, body, sync)
	w.faults.Set("wal", err)
	return err
}

func (w faultWAL) Prune(below int64) error {
	err := w.WAL.Prune(below)
	w.faults.Set("wal", err)
	return err
}

// faultSigner reports signatures refused because the last-signed record
// could not be written as the "signer" fault (a refusal to double-sign is
// no disk fault).
type faultSigner struct {
	qbft.Signer
	faults *health.Faults
}

func (s faultSigner) Sign(height int64, round int32, step uint8, msg []byte) ([]byte, error) {
	sig, err := s.Signer.Sign(height, round, step, msg)
	if !errors.Is(err, qbft.ErrDoubleSign) {
		s.faults.Set("signer", err)
	}
	return sig, err
}
