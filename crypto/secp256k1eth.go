package crypto

import (
	"bytes"
	"unicode/utf8"

	"github.com/decred/dcrd/dcrec/secp256k1/v4"
	"github.com/decred/dcrd/dcrec/secp256k1/v4/ecdsa"
	gethsecp "github.com/ethereum/go-ethereum/crypto/secp256k1"
	"golang.org/x/crypto/sha3"
	"google.golang.org/protobuf/encoding/protowire"
)

// Keccak256 is Ethereum's hash (legacy Keccak, not SHA3-256).
func Keccak256(b []byte) []byte {
	h := sha3.NewLegacyKeccak256()
	h.Write(b)
	return h.Sum(nil)
}

// ethKey is a secp256k1 key as chain33's secp256k1eth driver uses it:
// Ethereum signatures R ‖ S ‖ V (V = recovery id 0/1) over Keccak-256 of the
// message, 65-byte uncompressed public keys.
type ethKey struct {
	k   *secp256k1.PrivateKey
	pub []byte // uncompressed, computed once
}

func newEthKey(b []byte) (*ethKey, error) {
	k, err := parseSecp256k1PrivKey(b)
	if err != nil {
		return nil, err
	}
	return &ethKey{k: k, pub: k.PubKey().SerializeUncompressed()}, nil
}

func (k *ethKey) CryptoID() int32 { return SignTypeSecp256k1Eth }
func (k *ethKey) PubKey() []byte  { return k.pub }

// Sign is go-ethereum's crypto.Sign(Keccak256(msg)): deterministic (RFC
// 6979), low S.
func (k *ethKey) Sign(msg []byte) []byte {
	c := ecdsa.SignCompact(k.k, Keccak256(msg), false) // 27+V ‖ R ‖ S
	return append(c[1:], c[0]-27)
}

// VerifySecp256k1Eth checks a signature as chain33's secp256k1eth driver
// does for msg, the signing bytes of a transaction: the key recovered from
// the 65-byte signature over Keccak-256(msg) must be pub (65 bytes, or 33
// compressed), and S must be low.
//
// The reference reads msg as a transaction first: a coins transfer with a
// note, or an "evm" action with a hex note, is taken for a MetaMask
// transaction (the raw Ethereum transaction in the note, built by its
// eth_sendRawTransaction) and checked against that transaction's hash
// instead; a note that is not one fails. This node has no Ethereum RPC to
// build such transactions and refuses all of them (ethTxNote).
func VerifySecp256k1Eth(pub, msg, sig []byte) bool {
	if ethTxNote(msg) {
		return false
	}
	return verifyEthHash(pub, Keccak256(msg), sig)
}

func verifyEthHash(pub, hash, sig []byte) bool {
	if len(sig) != 65 {
		return false
	}
	full := pub
	switch len(pub) {
	case 65:
	case 33:
		p, err := secp256k1.ParsePubKey(pub)
		if err != nil {
			return false
		}
		full = p.SerializeUncompressed()
	default:
		return false
	}
	var s secp256k1.ModNScalar
	if overflow := s.SetByteSlice(sig[32:64]); overflow || s.IsOverHalfOrder() {
		return false
	}
	rec, err := gethsecp.RecoverPubkey(hash, sig) // libsecp256k1
	return err == nil && bytes.Equal(rec, full)
}

// ethTxNote reproduces the reference's secp256k1eth DecodeTxAction on msg:
// it reports whether msg decodes as a transaction whose action carries a
// non-empty note (see VerifySecp256k1Eth). The decoding follows protobuf-go:
// unknown fields and fields of another wire type are skipped, the last
// occurrence wins, embedded messages must be well formed and strings UTF-8.
func ethTxNote(msg []byte) bool {
	var execer, payload []byte
	ok := walkProto(msg, func(num protowire.Number, typ protowire.Type, v []byte, _ uint64) bool {
		if typ != protowire.BytesType {
			return true
		}
		switch num {
		case 1:
			execer = v
		case 2:
			payload = v
		case 3: // Signature{ty=1 int32, pubkey=2, signature=3}
			return walkProto(v, acceptAll)
		case 7: // to
			return utf8.Valid(v)
		}
		return true
	})
	if !ok {
		return false
	}
	if bytes.Contains(execer, []byte("evm")) {
		if note, ok := evmActionNote(payload); ok {
			return hexNoteNonEmpty(note)
		}
	}
	note, ok := coinsTransferNote(payload)
	return ok && len(note) > 0
}

func acceptAll(protowire.Number, protowire.Type, []byte, uint64) bool { return true }

// stringFields checks the UTF-8 of a message's string fields.
func stringFields(nums ...protowire.Number) func(protowire.Number, protowire.Type, []byte, uint64) bool {
	return func(num protowire.Number, typ protowire.Type, v []byte, _ uint64) bool {
		for _, n := range nums {
			if num == n && typ == protowire.BytesType {
				return utf8.Valid(v)
			}
		}
		return true
	}
}

// evmActionNote decodes EVMContractAction{amount=1, gasLimit=2, gasPrice=3,
// code=4, para=5, alias=6 string, note=7 string, contractAddr=8 string}.
func evmActionNote(b []byte) (note []byte, ok bool) {
	strs := stringFields(6, 7, 8)
	ok = walkProto(b, func(num protowire.Number, typ protowire.Type, v []byte, u uint64) bool {
		if num == 7 && typ == protowire.BytesType {
			note = v
		}
		return strs(num, typ, v, u)
	})
	return note, ok
}

// hexNoteNonEmpty is len(go-ethereum common.FromHex(note)) > 0: FromHex
// drops a 0x prefix, pads an odd length with a leading 0 and keeps the bytes
// decoded before the first non-hex digit.
func hexNoteNonEmpty(note []byte) bool {
	if len(note) >= 2 && note[0] == '0' && (note[1] == 'x' || note[1] == 'X') {
		note = note[2:]
	}
	switch {
	case len(note) == 0:
		return false
	case len(note)%2 == 1:
		return isHexDigit(note[0])
	}
	return isHexDigit(note[0]) && isHexDigit(note[1])
}

func isHexDigit(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

// coinsTransferNote decodes CoinsAction{oneof transfer=1 AssetsTransfer,
// transferToExec=2 AssetsTransferToExec; ty=3} and returns the transfer's
// note; ok is false unless the message decodes and the transfer is set.
// Repeated occurrences of the set oneof member merge, as in protobuf-go.
func coinsTransferNote(b []byte) (note []byte, ok bool) {
	var member protowire.Number
	transfer := stringFields(1, 4)  // cointoken, to
	toExec := stringFields(1, 4, 5) // cointoken, execName, to
	ok = walkProto(b, func(num protowire.Number, typ protowire.Type, v []byte, _ uint64) bool {
		if typ != protowire.BytesType || (num != 1 && num != 2) {
			return true
		}
		if num == 2 {
			member = 2
			return walkProto(v, toExec)
		}
		if member != 1 {
			member, note = 1, nil
		}
		return walkProto(v, func(n protowire.Number, t protowire.Type, f []byte, u uint64) bool {
			if n == 3 && t == protowire.BytesType {
				note = f
			}
			return transfer(n, t, f, u)
		})
	})
	return note, ok && member == 1
}
