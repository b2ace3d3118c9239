package types

import (
	"bytes"
	"errors"

	"chain33node/crypto"

	"google.golang.org/protobuf/encoding/protowire"
	"google.golang.org/protobuf/proto"
)

// Transaction groups (chain33:types/tx.go CreateTxGroup, Transactions.Check,
// Transaction.GetTxGroup). A group of 2..20 transactions executes all or
// nothing. Every member carries groupCount = the member count and header =
// the group hash (the hash of the first member); next chains each member to
// the hash of the one after it (the last has none); the first member pays
// the fee of all, the others pay 0. On the wire (SendTransaction, gossip,
// the mempool) a group travels as its first member whose header holds the
// encoded Transactions of all members (the carrier); in a block the members
// stand one after another, each with the 32-byte group hash as header.

// MaxTxGroupSize is the reference's limit on the members of a group.
const MaxTxGroupSize = 20

// Group error names of the reference.
var (
	ErrTxGroupCountLessThanTwo    = errors.New("ErrTxGroupCountLessThanTwo")
	ErrTxGroupEmpty               = errors.New("ErrTxGroupEmpty")
	ErrTxGroupFeeNotZero          = errors.New("ErrTxGroupFeeNotZero")
	ErrTxGroupHeader              = errors.New("ErrTxGroupHeader")
	ErrTxGroupNext                = errors.New("ErrTxGroupNext")
	ErrTxGroupCount               = errors.New("ErrTxGroupCount")
	ErrTxGroupCountBigThanMaxSize = errors.New("ErrTxGroupCountBigThanMaxSize")
	ErrTxGroupFormat              = errors.New("ErrTxGroupFormat")
	ErrTxGroupParaCount           = errors.New("ErrTxGroupParaCount")
	ErrTxGroupParaMainMixed       = errors.New("ErrTxGroupParaMainMixed")
	ErrNomalTx                    = errors.New("ErrNomalTx")
	ErrIndex                      = errors.New("ErrIndex")
	ErrNilTransaction             = errors.New("ErrNilTransaction")
)

// maxGroupFee is what CreateTxGroup puts in the first member's fee while it
// sizes it: larger than any real fee, so the size it measures is never
// smaller than the final one (the reference's 1<<62).
const maxGroupFee = 1 << 62

// CreateTxGroup links txs into a group in place, as the reference's
// CreateTxGroup(txs, feeRate): from the last member to the first it sets
// groupCount, a provisional header and the fee (0 for all but the first),
// adds up each member's minimum fee at feeRate (an unsigned member is
// charged for its signature to come), and chains next to the following
// member's hash; the first member pays the larger of the members' original
// fees summed and their minimum fees summed; finally every header is the
// first member's hash. Signatures already present are kept (and no longer
// verify): sign the members afterwards. As the reference's, it links any
// number of members; more than 20 fail the group check.
func CreateTxGroup(txs []*Transaction, feeRate int64) error {
	if len(txs) < 2 {
		return ErrTxGroupCountLessThanTwo
	}
	for _, t := range txs {
		if t == nil {
			return ErrTxGroupEmpty
		}
	}
	var total, minimum int64
	header := TxHash(txs[0])
	for i := len(txs) - 1; i >= 0; i-- {
		t := txs[i]
		t.GroupCount = int32(len(txs))
		total += t.Fee
		t.Header = header
		t.Fee = 0
		if i == 0 {
			t.Fee = maxGroupFee
		}
		fee, err := realFee(t, feeRate)
		if err != nil {
			return err
		}
		minimum += fee
		if i == 0 {
			t.Fee = max(total, minimum)
			header = TxHash(t)
		} else {
			txs[i-1].Next = TxHash(t)
		}
	}
	for _, t := range txs {
		t.Header = header
	}
	return nil
}

// RebuildGroup recomputes next and header after a member changed (the
// reference's RebuiltGroup, used when signing changes the first member's
// expiry).
func RebuildGroup(txs []*Transaction) {
	header := TxHash(txs[0])
	for i := len(txs) - 1; i >= 0; i-- {
		txs[i].Header = header
		if i == 0 {
			header = TxHash(txs[0])
		} else {
			txs[i-1].Next = TxHash(txs[i])
		}
	}
	for _, t := range txs {
		t.Header = header
	}
}

// realFee is the reference's GetRealFee: the minimum fee of t as encoded
// now, counting 300 bytes for a signature still to come.
func realFee(t *Transaction, rate int64) (int64, error) {
	size := FeeSize(len(AppendTx(nil, t, true, true)), t.Signature != nil)
	if size > MaxTxSize {
		return 0, ErrTxMsgSizeTooBig
	}
	return MinFee(size, rate), nil
}

// RealFee is the reference's tx.GetRealFee(rate).
func RealFee(t *Transaction, rate int64) (int64, error) { return realFee(t, rate) }

// EncodeGroup is the encoding of Transactions{txs}, what a carrier's header
// holds.
func EncodeGroup(txs []*Transaction) []byte {
	var b []byte
	for _, t := range txs {
		enc := AppendTx(nil, t, true, true)
		b = protowire.AppendTag(b, 1, protowire.BytesType)
		b = protowire.AppendBytes(b, enc)
	}
	return b
}

// GroupCarrier is the transaction a group travels as (the reference's
// Transactions.Tx()): a copy of the first member whose header holds the
// encoded group. Its hash is the group hash.
func GroupCarrier(txs []*Transaction) *Transaction {
	c := proto.Clone(txs[0]).(*Transaction)
	c.Header = EncodeGroup(txs)
	return c
}

// DecodeGroup is the reference's GetTxGroup: the members a carrier holds,
// nil for a plain transaction. A groupCount of 1, below 0 or above 20 is
// ErrTxGroupCount; a plain transaction with a header or next is ErrNomalTx.
// Members with fields unknown to the reference are refused: they would
// change hashes without changing what executes.
func DecodeGroup(t *Transaction) ([]*Transaction, error) {
	gc := t.GetGroupCount()
	if gc < 0 || gc == 1 || gc > MaxTxGroupSize {
		return nil, ErrTxGroupCount
	}
	if gc == 0 {
		if len(t.GetNext()) != 0 || len(t.GetHeader()) != 0 {
			return nil, ErrNomalTx
		}
		return nil, nil
	}
	var g Transactions
	if err := proto.Unmarshal(t.GetHeader(), &g); err != nil {
		return nil, err
	}
	if len(g.ProtoReflect().GetUnknown()) > 0 {
		return nil, ErrTxGroupFormat
	}
	for _, m := range g.Txs {
		if txUnknown(m) != "" {
			return nil, ErrTxGroupFormat
		}
	}
	return g.Txs, nil
}

// Members decodes the group a carrier holds into tx.Group (nil for a plain
// transaction) and checks that the carrier is its first member: the
// reference trusts the carrier's own fields blindly, which would let a
// carrier be pooled and gossiped under a hash that is not the group's.
func Members(tx *Tx) error {
	if tx.Group != nil {
		return nil
	}
	ms, err := DecodeGroup(tx.Transaction)
	if err != nil || ms == nil {
		return err
	}
	if len(ms) < 2 {
		return ErrTxGroupCountLessThanTwo
	}
	if ms[0] == nil {
		return ErrTxGroupEmpty
	}
	if !bytes.Equal(AppendTx(nil, tx.Transaction, true, false), AppendTx(nil, ms[0], true, false)) {
		return ErrTxGroupFormat
	}
	group := make([]*Tx, len(ms))
	for i, m := range ms {
		if m == nil {
			return ErrTxGroupEmpty
		}
		group[i] = NewTx(m)
	}
	tx.Group = group
	return nil
}

// CheckGroup applies the reference's group rules (Transactions.Check) to the
// members of a group in order: at least two; none empty; fees on the first
// only, covering the minimum fee of every member at r.MinTxFeeRate and not
// above r.MaxTxFee; one header equal to the first member's hash; groupCount
// at most 20 and equal to the member count; next chaining each member to the
// following one. Beyond the reference, every member must carry the chain's
// id (it skips that check for groups, letting a member signed for another
// chain replay here) and a valid `to` address, and parachain members are
// not mixed (ErrTxGroupParaCount, ErrTxGroupParaMainMixed).
func CheckGroup(txs []*Tx, r Rules) error {
	if len(txs) < 2 {
		return ErrTxGroupCountLessThanTwo
	}
	para := map[string]bool{}
	for _, t := range txs {
		if t == nil || t.Transaction == nil {
			return ErrTxGroupEmpty
		}
		if t.Size > MaxTxSize {
			return ErrTxMsgSizeTooBig
		}
		if title, ok := paraTitle(string(t.Execer)); ok {
			para[title] = true
		}
	}
	if len(para) > 1 {
		return ErrTxGroupParaCount
	}
	if len(para) == 1 {
		for _, t := range txs {
			if _, ok := paraTitle(string(t.Execer)); !ok {
				return ErrTxGroupParaMainMixed
			}
		}
	}
	for _, t := range txs[1:] {
		if t.Fee != 0 {
			return ErrTxGroupFeeNotZero
		}
	}
	var total int64
	for _, t := range txs {
		fee, err := realFee(t.Transaction, r.MinTxFeeRate)
		if err != nil {
			return err
		}
		total += fee
	}
	if txs[0].Fee < total {
		return ErrTxFeeTooLow
	}
	if r.MaxTxFee > 0 && txs[0].Fee > r.MaxTxFee {
		return ErrTxFeeTooHigh
	}
	for i, t := range txs {
		if i == 0 && !bytes.Equal(t.Hash, t.Header) || i > 0 && !bytes.Equal(txs[0].Header, t.Header) {
			return ErrTxGroupHeader
		}
		if t.GroupCount > MaxTxGroupSize {
			return ErrTxGroupCountBigThanMaxSize
		}
		if t.GroupCount != int32(len(txs)) {
			return ErrTxGroupCount
		}
		if i < len(txs)-1 && !bytes.Equal(t.Next, txs[i+1].Hash) || i == len(txs)-1 && t.Next != nil {
			return ErrTxGroupNext
		}
	}
	for _, t := range txs {
		if r.MinTxFeeRate > 0 && t.ChainID != r.ChainID {
			return ErrTxChainID
		}
		if crypto.CheckAddress(t.To) != nil {
			return ErrInvalidAddress
		}
	}
	return nil
}

// paraTitle returns the parachain title ("user.p.name.") of a parachain
// executor name (the reference's GetParaExecTitleName).
func paraTitle(execer string) (string, bool) {
	const prefix = "user.p."
	if len(execer) <= len(prefix) || execer[:len(prefix)] != prefix {
		return "", false
	}
	for i := len(prefix); i < len(execer); i++ {
		if execer[i] == '.' {
			return execer[:i+1], true
		}
	}
	return "", false
}
