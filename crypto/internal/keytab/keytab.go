// Package keytab checks secp256k1 ECDSA signatures by a public key with a
// table of that key's multiples computed once (about 0.8 ms, 136 KiB), in
// under half the time libsecp256k1's own check takes: that check doubles
// a point 128 times and builds a small table of the key for every call,
// and a key that signs often need not. The curve arithmetic is
// libsecp256k1's (third_party/libsecp256k1); the answers are
// secp256k1_ecdsa_verify's.
package keytab

/*
#cgo CFLAGS: -I${SRCDIR}/../../../third_party/libsecp256k1/src
#include "keytab.h"
*/
import "C"

import (
	"runtime"
	"sync"
	"unsafe"
)

// generator makes the generator's table (768 KiB, about 5 ms) before the
// first key's: a process that makes no table (the cli) does not pay for it.
var generator = sync.OnceFunc(func() {
	if C.kt_init() == 0 {
		panic("keytab: cannot build the generator's table")
	}
})

// Size is the memory a Table holds.
const Size = int(unsafe.Sizeof(C.kt_table{}))

// Table is a public key's precomputed multiples. It is read-only once
// made, so any number of goroutines may verify with it at once.
type Table struct{ t C.kt_table }

// New computes the table of a public key given as its 64-byte X||Y
// (the uncompressed encoding without its 0x04 prefix); nil if that is not
// a point of the curve.
func New(xy []byte) *Table {
	if len(xy) != 64 {
		return nil
	}
	generator()
	t := new(Table)
	if C.kt_build(&t.t, (*C.uchar)(unsafe.Pointer(&xy[0]))) == 0 {
		return nil
	}
	return t
}

// Verify checks the signature R||S (64 bytes; a high S is invalid, as in
// libsecp256k1) of a 32-byte hash by the table's key. decided is false
// only if the scalar split libsecp256k1 promises to bound was not bounded:
// never seen, and then the caller asks libsecp256k1 itself.
func (t *Table) Verify(sig, hash []byte) (valid, decided bool) {
	if len(sig) != 64 || len(hash) != 32 {
		return false, true
	}
	switch C.kt_verify(&t.t, (*C.uchar)(unsafe.Pointer(&sig[0])), (*C.uchar)(unsafe.Pointer(&hash[0]))) {
	case 1:
		return true, true
	case 0:
		return false, true
	}
	return false, false
}

// Check is one signature for VerifyBatch: Sig (R||S, 64 bytes) of Hash (32
// bytes) by Table's key, and the answer, as Verify's.
type Check struct {
	Table          *Table
	Sig, Hash      []byte
	Valid, Decided bool
}

// minBatch is the fewest checks VerifyBatch checks together: a batch pays
// six field inversions, and under three checks one at a time cost less
// (BenchmarkVerifyBatch: 21.6 µs a check alone in a batch, 16.4 two, 13.4
// four, 12.0 eight; Verify 15-16).
const minBatch = 3

// MaxBatch is the most checks VerifyBatch checks together (more are checked
// in turns): a check's scratch is about 9 KiB, and larger batches gain
// nothing (BenchmarkVerifyBatch: 10.3-11.4 µs a check at 64, 10.7-12.7 at 16).
const MaxBatch = 64

// VerifyBatch answers every check as Verify would, a quarter faster from
// eight checks on (11-12 µs a check): the checks' sums are added in pairs,
// level by level, in affine coordinates, every addition of a level sharing
// one field inversion (keytab.h, kt_verify_batch).
func VerifyBatch(cs []Check) {
	for len(cs) > MaxBatch {
		VerifyBatch(cs[:MaxBatch])
		cs = cs[MaxBatch:]
	}
	if len(cs) < minBatch {
		for i := range cs {
			cs[i].Valid, cs[i].Decided = cs[i].Table.Verify(cs[i].Sig, cs[i].Hash)
		}
		return
	}
	var pin runtime.Pinner
	defer pin.Unpin()
	tabs := make([]*C.kt_table, 0, len(cs))
	sigs := make([]byte, 0, 64*len(cs))
	hashes := make([]byte, 0, 32*len(cs))
	at := make([]int, 0, len(cs))
	for i := range cs {
		c := &cs[i]
		if len(c.Sig) != 64 || len(c.Hash) != 32 {
			c.Valid, c.Decided = false, true
			continue
		}
		pin.Pin(c.Table)
		tabs = append(tabs, &c.Table.t)
		sigs = append(sigs, c.Sig...)
		hashes = append(hashes, c.Hash...)
		at = append(at, i)
	}
	if len(at) == 0 {
		return
	}
	res := make([]C.schar, len(at))
	if C.kt_verify_batch(&tabs[0], (*C.uchar)(&sigs[0]), (*C.uchar)(&hashes[0]), C.int(len(at)), &res[0]) == 0 {
		for _, i := range at { // out of memory: one at a time
			cs[i].Valid, cs[i].Decided = cs[i].Table.Verify(cs[i].Sig, cs[i].Hash)
		}
		return
	}
	for k, i := range at {
		cs[i].Valid, cs[i].Decided = res[k] == 1, res[k] >= 0
	}
}
