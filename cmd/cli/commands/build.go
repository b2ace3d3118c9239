package commands

import (
	"encoding/hex"
	"strings"

	"chain33node/crypto"
	"chain33node/txbuild"
	"chain33node/types"
)

// Transactions the CLI builds itself, unsigned, as the reference CLI does
// (with txbuild, as the node's CreateRawTransaction).

// EncodeTxHex is the unsigned transaction as the CLI prints it: lower-case
// protobuf hex without 0x.
func EncodeTxHex(tx *types.Transaction) string {
	return hex.EncodeToString(types.AppendTx(nil, tx, true, true))
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
	coinExec := cfg.CoinExec
	if coinExec == "" {
		coinExec = types.ExecCoins
	}
	return txbuild.CoinsTx(txbuild.Coins{To: to, Amount: value, Note: note}, txbuild.Chain{
		ChainID: cfg.ChainID, FeeRate: cfg.MinTxFeeRate, CoinExec: paraExecName(paraName, coinExec), Para: paraName != "",
	})
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
