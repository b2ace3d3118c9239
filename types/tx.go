package types

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"strconv"

	"chain33node/crypto"

	"google.golang.org/protobuf/encoding/protowire"
	"google.golang.org/protobuf/proto"
)

// MaxTxSize is the reference's limit on an encoded transaction.
const MaxTxSize = 100000

// Tx is a decoded transaction with the values derived from it computed once:
// every later stage (mempool, block building, execution, indexing) uses these
// instead of re-encoding or re-hashing.
type Tx struct {
	*Transaction
	Hash     []byte // SHA-256 of the encoding without signature and header
	FullHash []byte // SHA-256 of the full encoding (merkle leaf)
	Size     int    // length of the full encoding
	// Group holds the members of a group carrier (see Members), nil for a
	// plain transaction and for a group member.
	Group []*Tx
	from  string
}

// TxDetail is a committed transaction with where and how it executed.
type TxDetail struct {
	Tx        *Tx
	Receipt   *ReceiptData
	Height    int64
	Index     int32
	BlockTime int64
	Proofs    [][]byte // merkle branch of the full hash up to the block's tx root
}

// txBufSize holds the encoding of most transactions (a transfer is about 210
// bytes): the encodings hashed are built on the stack, not grown on the heap
// field by field.
const txBufSize = 512

// NewTx derives hash, full hash, size and sender of t.
func NewTx(t *Transaction) *Tx {
	full, size := hashTx(t, true, true)
	return &Tx{
		Transaction: t,
		Hash:        TxHash(t),
		FullHash:    full[:],
		Size:        size,
		from:        sender(t.GetSignature()),
	}
}

// hashTx is SHA-256 of t's encoding as AppendTx makes it, and the
// encoding's size.
func hashTx(t *Transaction, withSig, withHeader bool) ([32]byte, int) {
	var buf [txBufSize]byte
	enc := AppendTx(buf[:0], t, withSig, withHeader)
	return sha256.Sum256(enc), len(enc)
}

// MaxGroupCarrierSize bounds the encoding of a group carrier: its own
// fields and, in its header, up to 20 members of at most MaxTxSize each.
const MaxGroupCarrierSize = (MaxTxGroupSize + 1) * (MaxTxSize + 16)

// DecodeTx decodes a transaction from its protobuf encoding. Unknown fields are
// rejected: they would change the full hash without changing what we execute.
// A plain transaction is at most MaxTxSize bytes; a group carrier, which
// holds its members, at most MaxGroupCarrierSize (its members are checked
// one by one).
func DecodeTx(raw []byte) (*Tx, error) {
	if len(raw) > MaxGroupCarrierSize {
		return nil, ErrTxMsgSizeTooBig
	}
	t := new(Transaction)
	if err := proto.Unmarshal(raw, t); err != nil {
		return nil, err
	}
	if where := txUnknown(t); where != "" {
		return nil, fmt.Errorf("unknown fields in %s", where)
	}
	if t.GroupCount <= 0 && len(raw) > MaxTxSize {
		return nil, ErrTxMsgSizeTooBig
	}
	return NewTx(t), nil
}

// TxFromMessage is DecodeTx for a transaction decoded already (a gRPC
// request): the same checks and errors, without encoding it to decode it
// again.
func TxFromMessage(t *Transaction) (*Tx, error) {
	if txUnknown(t) != "" { // rare: the errors of its bytes, as they are
		raw, err := proto.Marshal(t)
		if err != nil {
			return nil, err
		}
		return DecodeTx(raw)
	}
	tx := NewTx(t)
	if tx.Size > MaxGroupCarrierSize || t.GroupCount <= 0 && tx.Size > MaxTxSize {
		return nil, ErrTxMsgSizeTooBig
	}
	return tx, nil
}

// From is the sender's address (address of the signing public key).
func (t *Tx) From() string { return t.from }

// Encode returns the full protobuf encoding.
func (t *Tx) Encode() []byte { return AppendTx(make([]byte, 0, t.Size), t.Transaction, true, true) }

// TxHash is the chain33 transaction hash: SHA-256 of the encoding with
// signature and header cleared.
func TxHash(t *Transaction) []byte {
	h, _ := hashTx(t, false, false)
	return h[:]
}

// TxFullHash is the hash a block's merkle tree takes of t: SHA-256 of its
// full encoding (Tx.FullHash).
func TxFullHash(t *Transaction) []byte {
	h, _ := hashTx(t, true, true)
	return h[:]
}

// SigningBytes is what a signature covers: the encoding without the signature
// (the header is kept).
func SigningBytes(t *Transaction) []byte {
	var buf [txBufSize]byte
	return bytes.Clone(AppendTx(buf[:0], t, false, true)) // one allocation of the size
}

// AppendTx appends the canonical protobuf encoding of t (fields in number
// order, defaults omitted, as proto.Marshal does) without allocating a copy
// of t to clear fields. withSig/withHeader select the hash variants.
func AppendTx(b []byte, t *Transaction, withSig, withHeader bool) []byte {
	b = appendBytes(b, 1, t.Execer)
	b = appendBytes(b, 2, t.Payload)
	if withSig && t.Signature != nil {
		s := t.Signature
		n := 0
		if s.Ty != 0 {
			n += 1 + protowire.SizeVarint(uint64(int64(s.Ty)))
		}
		n += sizeBytes(s.Pubkey) + sizeBytes(s.Signature)
		b = protowire.AppendTag(b, 3, protowire.BytesType)
		b = protowire.AppendVarint(b, uint64(n))
		b = appendVarint(b, 1, uint64(int64(s.Ty)))
		b = appendBytes(b, 2, s.Pubkey)
		b = appendBytes(b, 3, s.Signature)
	}
	b = appendVarint(b, 4, uint64(t.Fee))
	b = appendVarint(b, 5, uint64(t.Expire))
	b = appendVarint(b, 6, uint64(t.Nonce))
	b = appendBytes(b, 7, []byte(t.To))
	b = appendVarint(b, 8, uint64(int64(t.GroupCount)))
	if withHeader {
		b = appendBytes(b, 9, t.Header)
	}
	b = appendBytes(b, 10, t.Next)
	b = appendVarint(b, 11, uint64(int64(t.ChainID)))
	return b
}

func appendVarint(b []byte, num protowire.Number, v uint64) []byte {
	if v == 0 {
		return b
	}
	b = protowire.AppendTag(b, num, protowire.VarintType)
	return protowire.AppendVarint(b, v)
}

func appendBytes(b []byte, num protowire.Number, v []byte) []byte {
	if len(v) == 0 {
		return b
	}
	b = protowire.AppendTag(b, num, protowire.BytesType)
	return protowire.AppendBytes(b, v)
}

func sizeBytes(v []byte) int {
	if len(v) == 0 {
		return 0
	}
	return 1 + protowire.SizeBytes(len(v))
}

// ExpireBound is the value of Transaction.expire above which it is a unix
// time rather than a block height.
const ExpireBound = 1000000000

// IsExpired reports whether t can no longer be included in a block at
// height/blockTime (chain33 types.Transaction.isExpire without TxHeight).
func IsExpired(t *Transaction, height, blockTime int64) bool {
	e := t.Expire
	switch {
	case e == 0:
		return false
	case e <= ExpireBound:
		return e <= height
	default:
		return e <= blockTime
	}
}

// MinFee returns the reference's minimum fee for a transaction of size bytes
// (FeeSize): (size/1000 + 1) × rate.
func MinFee(size int, rate int64) int64 { return (int64(size)/1000 + 1) * rate }

// FeeSize is the size the fee rule charges for a transaction whose encoding
// is size bytes: an unsigned one counts 300 bytes more, room for the
// signature to come (the reference's GetRealFee).
func FeeSize(size int, signed bool) int {
	if !signed {
		return size + 300
	}
	return size
}

// DefaultCoinPrecision is the base units per coin when the chain does not say
// (CoinPrecision; chain33's default).
const DefaultCoinPrecision int64 = 1e8

// FormatAmount renders base units with 4 decimals as chain33 does ("0.0010").
func FormatAmount(v, precision int64) string { return string(appendAmount(nil, v, precision)) }

// appendAmount appends FormatAmount(v, precision): what fmt's %.4f writes.
func appendAmount(b []byte, v, precision int64) []byte {
	if precision <= 0 {
		precision = DefaultCoinPrecision
	}
	return strconv.AppendFloat(b, float64(v)/float64(precision), 'f', 4, 64)
}

// Rules are the chain-wide limits every transaction must meet, in the mempool
// and in a block alike.
type Rules struct {
	MinTxFeeRate int64 // 0 disables the fee and chain id rules, as the reference
	MaxTxFee     int64 // 0 = no upper limit
	ChainID      int32
}

// CheckTx applies the stateless rules in the reference's order: size, fee
// range, chain id, groups, the `to` address. A group carrier (groupCount >
// 0) is checked as its group: its members are decoded into tx.Group and
// must pass CheckGroup.
func CheckTx(tx *Tx, r Rules) error {
	if tx.GroupCount != 0 {
		if err := Members(tx); err != nil {
			return err
		}
		return CheckGroup(tx.Group, r)
	}
	if len(tx.Next) != 0 || len(tx.Header) != 0 {
		return ErrNomalTx
	}
	if tx.Size > MaxTxSize {
		return ErrTxMsgSizeTooBig
	}
	if r.MinTxFeeRate > 0 {
		if tx.Fee < MinFee(FeeSize(tx.Size, tx.Signature != nil), r.MinTxFeeRate) {
			return ErrTxFeeTooLow
		}
		if r.MaxTxFee > 0 && tx.Fee > r.MaxTxFee {
			return ErrTxFeeTooHigh
		}
		if tx.ChainID != r.ChainID {
			return ErrTxChainID
		}
	}
	if crypto.CheckAddress(tx.To) != nil {
		return ErrInvalidAddress
	}
	return nil
}
