package types

import (
	"chain33node/crypto"

	lru "github.com/hashicorp/golang-lru/v2"
)

// Sign signs t with k as chain33's wallet does, for the default (btc)
// address of k's public key.
func Sign(t *Transaction, k crypto.Signer) { SignAs(t, k, crypto.AddressIDBTC) }

// SignAs signs t with k for the address of k's public key under the address
// driver addressID (the signature type carries both, crypto.EncodeSignID).
func SignAs(t *Transaction, k crypto.Signer, addressID int32) {
	t.Signature = nil
	sig := k.Sign(SigningBytes(t))
	t.Signature = &Signature{Ty: crypto.EncodeSignID(k.CryptoID(), addressID), Pubkey: k.PubKey(), Signature: sig}
}

// VerifySignature checks the signature of t over its signing bytes with the
// algorithm its signature type names: secp256k1, ed25519, secp256r1, sm2 or
// secp256k1eth, each signed for a btc, btcMultiSign or eth address (every
// type the reference enables by default; see crypto/testdata/README.md).
func VerifySignature(t *Transaction) bool {
	s := t.GetSignature()
	if s == nil {
		return false
	}
	cryptoID, addressID := crypto.SplitSignID(s.Ty)
	if !crypto.KnownAddressID(addressID) {
		return false
	}
	return crypto.Verify(cryptoID, s.Pubkey, SigningBytes(t), s.Signature)
}

// VerifySignatures answers VerifySignature for each of ts (nil: false) into
// ok (as long as ts), checking secp256k1 signatures together
// (crypto.VerifyAll).
func VerifySignatures(ts []*Transaction, ok []bool) {
	sigs := make([]crypto.Sig, 0, len(ts))
	at := make([]int, 0, len(ts))
	for i, t := range ts {
		ok[i] = false
		s := t.GetSignature()
		if s == nil {
			continue
		}
		cryptoID, addressID := crypto.SplitSignID(s.Ty)
		if !crypto.KnownAddressID(addressID) {
			continue
		}
		sigs = append(sigs, crypto.Sig{CryptoID: cryptoID, Pub: s.Pubkey, Msg: SigningBytes(t), Sig: s.Signature})
		at = append(at, i)
	}
	res := make([]bool, len(sigs))
	crypto.VerifyAll(sigs, res)
	for k, i := range at {
		ok[i] = res[k]
	}
}

// sender is the address of the signer: its public key under the address
// driver of the signature type. A type naming no driver has no sender (and
// never verifies).
func sender(s *Signature) string {
	_, addressID := crypto.SplitSignID(s.GetTy())
	key := string(append([]byte{byte(addressID)}, s.GetPubkey()...))
	if addr, ok := senders.Get(key); ok {
		return addr
	}
	addr, err := crypto.PubKeyToAddress(addressID, s.GetPubkey())
	if err != nil {
		return ""
	}
	senders.Add(key, addr)
	return addr
}

// senders remembers the addresses of recent signers (address id and public
// key): deriving one hashes twice and encodes base58, and a node derives the
// sender of every transaction it decodes, from clients, gossip and blocks,
// while the same accounts send again and again. The last maxSenders
// (about 10 MB).
var senders, _ = lru.New[string, string](maxSenders) // it errs only on a size below 1

const maxSenders = 1 << 16
