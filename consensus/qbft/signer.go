package qbft

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sync"

	"chain33node/atomicfile"
	"chain33node/crypto"
)

// Signing steps, in the order a validator signs within one round.
const (
	stepSignProposal  uint8 = 1
	stepSignPrevote   uint8 = 2
	stepSignPrecommit uint8 = 3
)

// ErrDoubleSign is returned instead of a signature that would conflict with
// one given before (same height/round/step, other bytes) or go back in time.
var ErrDoubleSign = errors.New("refusing to sign: conflicts with an earlier signature")

// Signer signs this validator's consensus messages.
type Signer interface {
	PubKey() []byte
	// Sign returns ErrDoubleSign (wrapped) when the guard refuses, any other
	// error when the guard's state could not be made durable.
	Sign(height int64, round int32, step uint8, msg []byte) ([]byte, error)
	// Recover reports whether the guard's state can be made durable again
	// (after Sign failed to), by writing it again.
	Recover() error
}

// LastSigned is the double-sign guard: everything signed at the latest
// height and round. Keeping all steps of that round (not only the last) lets
// a validator that crashed after signing several messages at once, before
// they reached its WAL, sign each of them again, identically, after restart.
type LastSigned struct {
	Height int64        `json:"height"`
	Round  int32        `json:"round"`
	Signed []SignedStep `json:"signed"`
}

// SignedStep is one signature of the latest round.
type SignedStep struct {
	Step      uint8  `json:"step"`
	SignBytes []byte `json:"sign_bytes"`
	Signature []byte `json:"signature"`
}

// check returns the earlier signature when msg is exactly what was signed at
// this position, ErrDoubleSign when signing would conflict or go back, and
// nil, nil when msg may be signed.
func (l *LastSigned) check(h int64, r int32, step uint8, msg []byte) ([]byte, error) {
	if h > l.Height || h == l.Height && r > l.Round {
		return nil, nil
	}
	if h == l.Height && r == l.Round {
		var top uint8
		for _, s := range l.Signed {
			if s.Step == step {
				if bytes.Equal(s.SignBytes, msg) {
					return s.Signature, nil
				}
				return nil, fmt.Errorf("%w: other bytes already signed at %d/%d/%d", ErrDoubleSign, h, r, step)
			}
			top = max(top, s.Step)
		}
		if step > top {
			return nil, nil
		}
	}
	return nil, fmt.Errorf("%w: at %d/%d/%d after %d/%d", ErrDoubleSign, h, r, step, l.Height, l.Round)
}

// record returns the guard after signing msg at (h, r, step).
func (l LastSigned) record(h int64, r int32, step uint8, msg, sig []byte) LastSigned {
	if h != l.Height || r != l.Round {
		l = LastSigned{Height: h, Round: r}
	}
	l.Signed = append(slices.Clone(l.Signed), SignedStep{Step: step, SignBytes: msg, Signature: sig})
	return l
}

// FileSigner is the production signer: a BLS key and a last-signed record
// that is made durable (fsync) before any signature leaves it, so that no
// restart can make it sign a conflicting message.
type FileSigner struct {
	mu   sync.Mutex
	key  *crypto.BLSPrivKey
	pub  []byte
	path string
	last LastSigned
}

// NewFileSigner loads the last-signed record at path (absent: nothing signed).
func NewFileSigner(key *crypto.BLSPrivKey, path string) (*FileSigner, error) {
	s := &FileSigner{key: key, pub: key.PubKey().Bytes(), path: path}
	raw, err := os.ReadFile(path)
	switch {
	case errors.Is(err, os.ErrNotExist):
	case err != nil:
		return nil, err
	default:
		if err := json.Unmarshal(raw, &s.last); err != nil {
			return nil, fmt.Errorf("%s: %w (refusing to sign without knowing what was signed)", path, err)
		}
	}
	return s, nil
}

// PubKey is the validator's BLS public key.
func (s *FileSigner) PubKey() []byte { return s.pub }

// Last returns the last-signed record.
func (s *FileSigner) Last() LastSigned {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.last
}

// Sign signs msg at (h, r, step) unless that would double-sign.
func (s *FileSigner) Sign(h int64, r int32, step uint8, msg []byte) ([]byte, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if sig, err := s.last.check(h, r, step, msg); sig != nil || err != nil {
		return sig, err
	}
	sig := s.key.Sign(msg)
	next := s.last.record(h, r, step, msg, sig)
	if err := writeFileSync(s.path, next); err != nil {
		return nil, fmt.Errorf("persist double-sign guard %s: %w", s.path, err)
	}
	s.last = next
	return sig, nil
}

// Recover writes the last-signed record again, durably.
func (s *FileSigner) Recover() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := writeFileSync(s.path, s.last); err != nil {
		return fmt.Errorf("persist double-sign guard %s: %w", s.path, err)
	}
	return nil
}

// writeFileSync replaces path atomically and durably with v as JSON.
func writeFileSync(path string, v any) error {
	raw, err := json.Marshal(v)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return err
	}
	return atomicfile.Write(path, raw, 0o600)
}
