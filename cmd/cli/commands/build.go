package commands

import (
	"crypto/rand"
	"encoding/binary"
	"encoding/hex"
	"strings"

	"chain33node/crypto"
	"chain33node/types"

	"google.golang.org/protobuf/proto"
)

// Transactions the CLI builds itself, unsigned, as the reference CLI does.

// nonce is the reference's rand.Int63(): a random non-negative int63 (never
// 0 here, so that a nonce is always present in the encoding).
func nonce() int64 {
	var b [8]byte
	for {
		if _, err := rand.Read(b[:]); err != nil {
			panic(err) // crypto/rand does not fail on supported systems
		}
		if n := int64(binary.BigEndian.Uint64(b[:]) >> 1); n != 0 {
			return n
		}
	}
}

// EncodeTxHex is the unsigned transaction as the CLI prints it: lower-case
// protobuf hex without 0x.
func EncodeTxHex(tx *types.Transaction) string {
	return hex.EncodeToString(types.AppendTx(nil, tx, true, true))
}

// BuildQbftAdd is `qbft add -p pubkey -w power`: a qbftNode Node update with
// a random nonce, To the qbftNode executor address, no fee, no expiry and
// chainID 0 (`wallet sign` sets fee and expiry).
func BuildQbftAdd(pubKey string, power int64) (*types.Transaction, error) {
	payload, err := proto.Marshal(&types.QbftNodeAction{
		Ty:    types.QbftNodeActionNode,
		Value: &types.QbftNodeAction_Node{Node: &types.QbftNode{PubKey: pubKey, Power: power}},
	})
	if err != nil {
		return nil, err
	}
	return &types.Transaction{
		Execer:  []byte(types.ExecQbftNode),
		Payload: payload,
		Nonce:   nonce(),
		To:      crypto.ExecAddress(types.ExecQbftNode),
	}, nil
}

// maxCoinAmount is the largest amount (in coins) the reference accepts.
const maxCoinAmount = 1e17

// BuildTransfer is `coins transfer -t to -a amount -n note`: a coins
// transfer of amount coins (at most 4 decimals count) with the node's
// chainID, a random nonce and the minimum fee for its size at the node's
// minTxFeeRate, as the reference's CreateRawTx + FormatTxExt. On a parachain
// (paraName set) the executor is paraName+coins and To its address.
func BuildTransfer(cfg *types.ChainConfigJSON, paraName, to string, amount float64, note string) (*types.Transaction, error) {
	if amount < 0 || amount > maxCoinAmount {
		return nil, types.ErrAmount
	}
	if to != "" && crypto.CheckAddress(to) != nil {
		return nil, types.ErrInvalidAddress
	}
	value, err := AmountToValue(amount, coinPrecision(cfg))
	if err != nil {
		return nil, err
	}
	payload, err := proto.Marshal(&types.CoinsAction{
		Ty: types.CoinsActionTransfer,
		Value: &types.CoinsAction_Transfer{Transfer: &types.AssetsTransfer{
			Amount: value, Note: []byte(note), To: to,
		}},
	})
	if err != nil {
		return nil, err
	}
	coinExec := cfg.CoinExec
	if coinExec == "" {
		coinExec = types.ExecCoins
	}
	execer := paraExecName(paraName, coinExec)
	tx := &types.Transaction{Execer: []byte(execer), Payload: payload, To: to}
	if paraName != "" || tx.To == "" {
		tx.To = crypto.ExecAddress(execer)
	}
	tx.Nonce = nonce()
	tx.ChainID = cfg.ChainID
	fee, err := unsignedMinFee(tx, cfg.MinTxFeeRate)
	if err != nil {
		return nil, err
	}
	tx.Fee = fee
	return tx, nil
}

// unsignedMinFee is the reference's tx.GetRealFee for an unsigned
// transaction: its size plus room for a signature, in started kilobytes,
// times the rate.
func unsignedMinFee(tx *types.Transaction, rate int64) (int64, error) {
	size := len(types.AppendTx(nil, tx, true, true))
	if tx.Signature == nil {
		size += 300
	}
	if size > types.MaxTxSize {
		return 0, types.ErrTxMsgSizeTooBig
	}
	return types.MinFee(size, rate), nil
}

// paraExecName is the reference's GetParaExecName/getRealExecName: a
// parachain prefixes executor names with its title, unless the name is
// already a parachain name.
func paraExecName(paraName, name string) string {
	if paraName == "" || strings.HasPrefix(name, "user.p.") {
		return name
	}
	return paraName + name
}
