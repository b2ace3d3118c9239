package types

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"sync"

	"chain33node/crypto"
)

// Verifier checks validators' signatures. Production uses BLS; the
// simulation uses a cheap stand-in so that thousands of runs stay fast.
//
// Groups of signatures are given as the keys of the whole validator set (in
// set order) and a bitmap of the signers (bit i = key i, as in a
// Certificate): an aggregate's coefficients depend on the whole set, which is
// what makes it safe when a validator chose its key after seeing the others'
// (a rogue key, see crypto.KeySet).
type Verifier interface {
	// Verify checks one signature.
	Verify(pub, msg, sig []byte) bool
	// VerifyBatch reports whether each of sigs (of the signers in bitmap, in
	// increasing order) is a valid signature over msg by its own key, so
	// that each may be counted and passed on alone.
	VerifyBatch(keys [][]byte, bitmap, msg []byte, sigs [][]byte) bool
	// Aggregate combines the signatures of the signers in bitmap (in
	// increasing order) into a multi-signature (certificate scheme 1).
	Aggregate(keys [][]byte, bitmap []byte, sigs [][]byte) ([]byte, error)
	// VerifyAggregate checks a multi-signature made by Aggregate.
	VerifyAggregate(keys [][]byte, bitmap, msg, agg []byte) bool
	// VerifyLegacyAggregate checks a plain sum of the signatures of pubs
	// (certificate scheme 0): forgeable by the owner of a rogue key.
	VerifyLegacyAggregate(pubs [][]byte, msg, agg []byte) bool
	// LegacyCertificatesBelow is the height below which certificates of
	// scheme 0 are accepted; 0: none.
	LegacyCertificatesBelow() int64
}

// BLSVerifier verifies herumi BLS signatures, keeping parsed public keys
// (parsing with the subgroup check costs about 60 µs) and the aggregation
// coefficients of the last few validator sets (computing them costs about
// one G1 multiplication per key).
type BLSVerifier struct {
	// LegacyBelow is LegacyCertificatesBelow ([consensus.sub.qbft]
	// legacyCertificatesBelow); set it before the verifier is used.
	LegacyBelow int64

	mu     sync.Mutex
	keys   map[string]*crypto.BLSPubKey
	sets   []cachedSet // most recently used first
	made   int         // key sets computed (tests check the cache)
	passed passedCache // multi-signatures that verified
	checks int         // multi-signature pairing checks done (tests check the caches)
}

// passedCache remembers the last multi-signature checks that passed (a
// hash of everything checked), so that a certificate checked ahead of time
// (block sync verifies the next blocks' certificates on other cores) costs
// no second pairing check when its block is applied.
type passedCache struct {
	set  map[[32]byte]struct{}
	ring [passedCacheSize][32]byte
	next int
}

const passedCacheSize = 4096

func (c *passedCache) has(k [32]byte) bool {
	_, ok := c.set[k]
	return ok
}

func (c *passedCache) add(k [32]byte) {
	if c.set == nil {
		c.set = make(map[[32]byte]struct{}, passedCacheSize)
	}
	if _, ok := c.set[k]; ok {
		return
	}
	if len(c.set) >= passedCacheSize {
		delete(c.set, c.ring[c.next])
	}
	c.ring[c.next] = k
	c.next = (c.next + 1) % passedCacheSize
	c.set[k] = struct{}{}
}

// checkKey identifies a multi-signature check by all of its inputs.
func checkKey(keys [][]byte, bitmap, msg, agg []byte) [32]byte {
	h := sha256.New()
	var n [4]byte
	put := func(b []byte) {
		binary.BigEndian.PutUint32(n[:], uint32(len(b)))
		h.Write(n[:])
		h.Write(b)
	}
	binary.BigEndian.PutUint32(n[:], uint32(len(keys)))
	h.Write(n[:])
	for _, k := range keys {
		put(k)
	}
	put(bitmap)
	put(msg)
	put(agg)
	return [32]byte(h.Sum(nil))
}

// keySetCache bounds the sets kept: a syncing node verifies certificates of
// one set after another, a live one of the current set and the next.
const keySetCache = 4

type cachedSet struct {
	id  []byte // the set's keys, concatenated
	set *crypto.KeySet
}

// NewBLSVerifier returns a verifier with empty caches.
func NewBLSVerifier() *BLSVerifier { return &BLSVerifier{keys: make(map[string]*crypto.BLSPubKey)} }

func (v *BLSVerifier) key(pub []byte) *crypto.BLSPubKey {
	v.mu.Lock()
	defer v.mu.Unlock()
	return v.keyLocked(pub)
}

func (v *BLSVerifier) keyLocked(pub []byte) *crypto.BLSPubKey {
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

// keySet returns the parsed key set with its coefficients, computed once per
// set; nil if a key is invalid.
func (v *BLSVerifier) keySet(keys [][]byte) *crypto.KeySet {
	id := bytes.Join(keys, nil)
	v.mu.Lock()
	defer v.mu.Unlock()
	for i, c := range v.sets {
		if bytes.Equal(c.id, id) {
			copy(v.sets[1:i+1], v.sets[:i])
			v.sets[0] = c
			return c.set
		}
	}
	parsed := make([]*crypto.BLSPubKey, len(keys))
	for i, k := range keys {
		if parsed[i] = v.keyLocked(k); parsed[i] == nil {
			return nil
		}
	}
	set, err := crypto.NewKeySet(parsed)
	if err != nil {
		return nil
	}
	v.made++
	if len(v.sets) < keySetCache {
		v.sets = append(v.sets, cachedSet{})
	}
	copy(v.sets[1:], v.sets)
	v.sets[0] = cachedSet{id: id, set: set}
	return set
}

// AggregateCheck is a VerifyAggregate call, for VerifyAggregates.
type AggregateCheck struct {
	Keys                [][]byte
	Bitmap, Msg, AggSig []byte
}

// VerifyAggregates reports whether every check passes, with one product of
// pairings for all (crypto.VerifyAggregates), and remembers them as passed
// if they do (none if one fails).
func (v *BLSVerifier) VerifyAggregates(checks []AggregateCheck) bool {
	var todo []crypto.AggregateCheck
	var keys [][32]byte
	for _, c := range checks {
		k := checkKey(c.Keys, c.Bitmap, c.Msg, c.AggSig)
		v.mu.Lock()
		done := v.passed.has(k)
		v.mu.Unlock()
		if done {
			continue
		}
		set := v.keySet(c.Keys)
		if set == nil {
			return false
		}
		todo = append(todo, crypto.AggregateCheck{Set: set, Bitmap: c.Bitmap, Msg: c.Msg, AggSig: c.AggSig})
		keys = append(keys, k)
	}
	ok := crypto.VerifyAggregates(todo)
	v.mu.Lock()
	defer v.mu.Unlock()
	v.checks++
	if ok {
		for _, k := range keys {
			v.passed.add(k)
		}
	}
	return ok
}

// remember records a multi-signature check as passed without making it.
func (v *BLSVerifier) remember(k [32]byte) {
	v.mu.Lock()
	defer v.mu.Unlock()
	v.passed.add(k)
}

// Verify checks one signature.
func (v *BLSVerifier) Verify(pub, msg, sig []byte) bool {
	k := v.key(pub)
	return k != nil && k.Verify(msg, sig)
}

// VerifyBatch checks each signature with one pairing check for all.
func (v *BLSVerifier) VerifyBatch(keys [][]byte, bitmap, msg []byte, sigs [][]byte) bool {
	set := v.keySet(keys)
	return set != nil && set.VerifyBatch(bitmap, msg, sigs)
}

// Aggregate makes a multi-signature with the set's coefficients.
func (v *BLSVerifier) Aggregate(keys [][]byte, bitmap []byte, sigs [][]byte) ([]byte, error) {
	set := v.keySet(keys)
	if set == nil {
		return nil, errInvalidKeySet
	}
	return set.Aggregate(bitmap, sigs)
}

// VerifyAggregate checks a multi-signature with one pairing check, or none
// if the same check passed recently.
func (v *BLSVerifier) VerifyAggregate(keys [][]byte, bitmap, msg, agg []byte) bool {
	k := checkKey(keys, bitmap, msg, agg)
	v.mu.Lock()
	done := v.passed.has(k)
	v.mu.Unlock()
	if done {
		return true
	}
	set := v.keySet(keys)
	if set == nil {
		return false
	}
	ok := set.Verify(bitmap, msg, agg)
	v.mu.Lock()
	defer v.mu.Unlock()
	v.checks++
	if ok {
		v.passed.add(k)
	}
	return ok
}

// VerifyLegacyAggregate checks a plain aggregate with one pairing check.
func (v *BLSVerifier) VerifyLegacyAggregate(pubs [][]byte, msg, agg []byte) bool {
	keys := make([]*crypto.BLSPubKey, len(pubs))
	for i, p := range pubs {
		if keys[i] = v.key(p); keys[i] == nil {
			return false
		}
	}
	return crypto.BLSFastAggregateVerify(keys, msg, agg)
}

// LegacyCertificatesBelow is LegacyBelow.
func (v *BLSVerifier) LegacyCertificatesBelow() int64 { return v.LegacyBelow }
