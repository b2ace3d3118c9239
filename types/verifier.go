package types

import (
	"sync"

	"chain33node/crypto"
)

// Verifier checks validators' signatures. Production uses BLS; the
// simulation uses a cheap stand-in so that thousands of runs stay fast.
type Verifier interface {
	Verify(pub, msg, sig []byte) bool
	// VerifyAggregate checks one aggregate signature of pubs over msg.
	VerifyAggregate(pubs [][]byte, msg, aggSig []byte) bool
	Aggregate(sigs [][]byte) ([]byte, error)
}

// BLSVerifier verifies herumi BLS signatures, keeping parsed public keys
// (parsing with the subgroup check costs about 60 µs).
type BLSVerifier struct {
	mu   sync.Mutex
	keys map[string]*crypto.BLSPubKey
}

// NewBLSVerifier returns a verifier with an empty key cache.
func NewBLSVerifier() *BLSVerifier { return &BLSVerifier{keys: make(map[string]*crypto.BLSPubKey)} }

func (v *BLSVerifier) key(pub []byte) *crypto.BLSPubKey {
	v.mu.Lock()
	defer v.mu.Unlock()
	if k, ok := v.keys[string(pub)]; ok {
		return k
	}
	k, err := crypto.BLSPubKeyFromBytes(pub)
	if err != nil {
		k = nil // remembered as invalid
	}
	if len(v.keys) > 10000 { // validator sets are small; bound the cache anyway
		clear(v.keys)
	}
	v.keys[string(pub)] = k
	return k
}

// Verify checks one signature.
func (v *BLSVerifier) Verify(pub, msg, sig []byte) bool {
	k := v.key(pub)
	return k != nil && k.Verify(msg, sig)
}

// VerifyAggregate checks an aggregate over one message with one pairing check.
func (v *BLSVerifier) VerifyAggregate(pubs [][]byte, msg, aggSig []byte) bool {
	keys := make([]*crypto.BLSPubKey, len(pubs))
	for i, p := range pubs {
		if keys[i] = v.key(p); keys[i] == nil {
			return false
		}
	}
	return crypto.BLSFastAggregateVerify(keys, msg, aggSig)
}

// Aggregate combines signatures.
func (v *BLSVerifier) Aggregate(sigs [][]byte) ([]byte, error) { return crypto.BLSAggregate(sigs) }
