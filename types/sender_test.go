package types

import (
	"fmt"
	"testing"

	"chain33node/crypto"
)

// The sender is the address of the signature's public key under its address
// driver, whether derived or remembered, and the cache stays bounded.
func TestSenderCache(t *testing.T) {
	k, _ := crypto.GeneratePrivKey()
	pub := k.PubKey()
	for _, id := range []int32{crypto.AddressIDBTC, crypto.AddressIDBTCMultiSign, crypto.AddressIDEth} {
		want, err := crypto.PubKeyToAddress(id, pub)
		if err != nil {
			t.Fatal(err)
		}
		s := &Signature{Ty: crypto.EncodeSignID(crypto.SignTypeSecp256k1, id), Pubkey: pub}
		for range 2 { // derived, then remembered
			if got := sender(s); got != want {
				t.Fatalf("address id %d: sender %q, want %q", id, got, want)
			}
		}
	}
	if got := sender(&Signature{Ty: crypto.EncodeSignID(crypto.SignTypeSecp256k1, 5), Pubkey: pub}); got != "" {
		t.Fatalf("unknown address driver: sender %q", got)
	}
	for i := range maxSenders + 1 {
		sender(&Signature{Ty: crypto.EncodeSignID(crypto.SignTypeSecp256k1, crypto.AddressIDBTC), Pubkey: fmt.Appendf(nil, "key %d", i)})
	}
	if n := senders.Len(); n > maxSenders {
		t.Fatalf("%d senders remembered, at most %d", n, maxSenders)
	}
}

// BenchmarkNewTx derives a transfer's hashes and sender, as a block's
// validation does for every transaction it holds (256 senders).
func BenchmarkNewTx(b *testing.B) {
	var txs []*Transaction
	for range 256 {
		k, _ := crypto.GeneratePrivKey()
		t := &Transaction{Execer: []byte("coins"), To: crypto.PubKeyToAddr(k.PubKey()), Fee: 100000, Nonce: 1, Payload: []byte("transfer")}
		Sign(t, k)
		txs = append(txs, t)
	}
	i := 0
	for b.Loop() {
		NewTx(txs[i%len(txs)])
		i++
	}
}

// BenchmarkSender is a transaction's sender: derived from the public key
// (as before senders) and as sender finds it (256 signers, remembered).
func BenchmarkSender(b *testing.B) {
	var sigs []*Signature
	for range 256 {
		k, _ := crypto.GeneratePrivKey()
		sigs = append(sigs, &Signature{Ty: crypto.EncodeSignID(crypto.SignTypeSecp256k1, crypto.AddressIDBTC), Pubkey: k.PubKey()})
	}
	b.Run("derived", func(b *testing.B) {
		i := 0
		for b.Loop() {
			s := sigs[i%len(sigs)]
			_, id := crypto.SplitSignID(s.Ty)
			if _, err := crypto.PubKeyToAddress(id, s.Pubkey); err != nil {
				b.Fatal(err)
			}
			i++
		}
	})
	b.Run("sender", func(b *testing.B) {
		i := 0
		for b.Loop() {
			sender(sigs[i%len(sigs)])
			i++
		}
	})
}
