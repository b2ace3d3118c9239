package types

import (
	"bytes"
	"encoding/json"
	"testing"

	"google.golang.org/protobuf/proto"
)

// FuzzDecodeTx: any bytes either fail to decode or give a transaction whose
// encoding round-trips and whose JSON forms render without panicking.
func FuzzDecodeTx(f *testing.F) {
	f.Add(unhex(f, refSignedManageHex))
	f.Add(unhex(f, refUnsignedCoinsHex))
	f.Add([]byte{})
	f.Add([]byte{0x0a, 0x05, 'c', 'o', 'i', 'n', 's', 0x12, 0x02, 0x18, 0x01})
	f.Fuzz(func(t *testing.T, raw []byte) {
		tx, err := DecodeTx(raw)
		if err != nil {
			return
		}
		again, err := DecodeTx(tx.Encode())
		if err != nil {
			t.Fatalf("re-decode: %v", err)
		}
		if !bytes.Equal(again.Hash, tx.Hash) || !bytes.Equal(again.FullHash, tx.FullHash) {
			t.Fatal("hash changed across a round trip")
		}
		VerifySignature(tx.Transaction)
		if _, err := json.Marshal(NewCLITxJSON(NewTxJSON(tx, 1e8))); err != nil {
			t.Fatalf("json: %v", err)
		}
		ActionName(string(tx.Execer), tx.Payload)
		TxAmount(tx.Transaction)
	})
}

// FuzzDecodeLog: receipt logs from storage or peers never crash the JSON form.
func FuzzDecodeLog(f *testing.F) {
	for _, ty := range []int32{TyLogErr, TyLogFee, TyLogTransfer, TyLogExecTransfer, TyLogModifyConfig, 999} {
		f.Add(ty, []byte{0x0a, 0x02, 0x10, 0x01})
	}
	f.Fuzz(func(t *testing.T, ty int32, raw []byte) {
		r := NewReceiptJSON(&ReceiptData{Ty: ExecOk, Logs: []*ReceiptLog{{Ty: ty, Log: raw}}})
		if _, err := json.Marshal(r); err != nil {
			t.Fatalf("json: %v", err)
		}
	})
}

// FuzzDecodeBlock: what DecodeBlock accepts is a canonical encoding, so the
// decoded block encodes back to the same bytes up to field order (same length,
// same decoded value): nothing a hash does not cover survives.
func FuzzDecodeBlock(f *testing.F) {
	f.Add(marshal(f, codecTestBlock()))
	f.Add([]byte{})
	f.Add([]byte{0x28, 0x05, 0x28, 0x06})
	f.Fuzz(func(t *testing.T, raw []byte) {
		b, err := DecodeBlock(raw)
		if err != nil {
			return
		}
		again := marshal(t, b)
		if len(again) != len(raw) {
			t.Fatalf("%d bytes accepted, %d re-encoded", len(raw), len(again))
		}
		if b2, err := DecodeBlock(again); err != nil || !proto.Equal(b, b2) {
			t.Fatalf("re-decode: %v", err)
		}
	})
}
