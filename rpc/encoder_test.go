package rpc_test

import (
	"crypto/sha256"
	"encoding/hex"

	"chain33node/crypto"
)

// A protobuf encoder for the few chain33 messages the tests send, written
// from the spec (§7.1, §7.2) alone, independent of the project's encoder:
// proto3, fields in ascending number order, default values omitted.

func pbVarint(b []byte, v uint64) []byte {
	for v >= 0x80 {
		b = append(b, byte(v)|0x80)
		v >>= 7
	}
	return append(b, byte(v))
}

func pbTag(b []byte, field, wireType int) []byte { return pbVarint(b, uint64(field<<3|wireType)) }

func pbInt(b []byte, field int, v int64) []byte {
	if v == 0 {
		return b
	}
	return pbVarint(pbTag(b, field, 0), uint64(v))
}

func pbBytes(b []byte, field int, v []byte) []byte {
	if len(v) == 0 {
		return b
	}
	b = pbVarint(pbTag(b, field, 2), uint64(len(v)))
	return append(b, v...)
}

// transferPayload is CoinsAction{ty:1, transfer{amount, to}}, with ty first
// as the reference encodes it.
func transferPayload(to string, amount int64) []byte {
	transfer := pbBytes(pbInt(nil, 2, amount), 4, []byte(to))
	return pbBytes(pbInt(nil, 3, 1), 1, transfer)
}

type rawTx struct {
	execer        string
	payload       []byte
	sigTy         int64
	pubkey, sig   []byte
	fee, expire   int64
	nonce         int64
	to            string
	chainID       int64
	signedPresent bool
}

func (t *rawTx) encode() []byte {
	b := pbBytes(nil, 1, []byte(t.execer))
	b = pbBytes(b, 2, t.payload)
	if t.signedPresent {
		s := pbInt(nil, 1, t.sigTy)
		s = pbBytes(s, 2, t.pubkey)
		s = pbBytes(s, 3, t.sig)
		b = pbBytes(b, 3, s)
	}
	b = pbInt(b, 4, t.fee)
	b = pbInt(b, 5, t.expire)
	b = pbInt(b, 6, t.nonce)
	b = pbBytes(b, 7, []byte(t.to))
	return pbInt(b, 11, t.chainID)
}

// signTx signs as chain33: secp256k1 over SHA-256 of the encoding without
// the signature; returns the signed encoding and the tx hash (SHA-256 of the
// encoding without signature and header).
func signTx(t *rawTx, k *crypto.PrivKey) (signed []byte, hash string) {
	t.signedPresent = false
	unsigned := t.encode()
	t.sigTy, t.pubkey, t.sig, t.signedPresent = 1, k.PubKey(), k.Sign(unsigned), true
	h := sha256.Sum256(unsigned)
	return t.encode(), "0x" + hex.EncodeToString(h[:])
}
