package executor

import (
	"fmt"

	"chain33node/crypto"
	"chain33node/types"

	"google.golang.org/protobuf/encoding/protowire"
	"google.golang.org/protobuf/proto"
)

// maxCoins is the reference's MaxCoin in whole coins: amounts at or above
// maxCoins×precision are ErrAmount.
const maxCoins = 1e9

func (e *Executor) accountKey(addr string) []byte {
	return []byte("mavl-" + e.p.CoinExec + "-" + e.p.CoinSymbol + "-" + addr)
}

// loadAccount reads the account of addr; every spelling of an eth address
// names the one account of its lower-case form (crypto.FormatAddress).
func (e *Executor) loadAccount(st *overlay, addr string) (*types.Account, error) {
	addr = crypto.FormatAddress(addr)
	raw, err := st.get(e.accountKey(addr))
	if err != nil {
		return nil, err
	}
	acc := &types.Account{}
	if raw != nil {
		if err := unmarshalAccount(raw, acc); err != nil {
			return nil, fmt.Errorf("account %s: %w", addr, err)
		}
	}
	acc.Addr = addr
	return acc, nil
}

var accountOpts = proto.MarshalOptions{Deterministic: true}

// addBalance changes addr's balance by delta and returns the log of it.
func (e *Executor) addBalance(st *overlay, addr string, delta int64, logTy int32) (*types.ReceiptLog, error) {
	acc, err := e.loadAccount(st, addr)
	if err != nil {
		return nil, err
	}
	if delta < 0 && acc.Balance < -delta {
		return nil, types.ErrNoBalance
	}
	if delta > 0 && acc.Balance > (1<<63-1)-delta {
		return nil, types.ErrAmount
	}
	prev := marshalAccount(acc)
	acc.Balance += delta
	cur := marshalAccount(acc)
	st.set(e.accountKey(acc.Addr), cur)
	return &types.ReceiptLog{Ty: logTy, Log: accountTransferLog(prev, cur)}, nil
}

// accountTransferLog is the encoding of ReceiptAccountTransfer{Prev, Current}
// built from the two accounts' encodings (a nested message is encoded as
// its own bytes), so that neither account is copied or encoded again.
func accountTransferLog(prev, cur []byte) []byte {
	b := make([]byte, 0, 2+protowire.SizeBytes(len(prev))+protowire.SizeBytes(len(cur)))
	b = protowire.AppendTag(b, 1, protowire.BytesType)
	b = protowire.AppendBytes(b, prev)
	b = protowire.AppendTag(b, 2, protowire.BytesType)
	return protowire.AppendBytes(b, cur)
}

// Balance returns addr's coins account from committed state.
func (e *Executor) Balance(st StateReader, addr string) (*types.Account, error) {
	return e.loadAccount(newOverlay(st), addr)
}

func (e *Executor) checkAmount(amount int64) bool {
	return amount > 0 && amount < maxCoins*e.p.CoinPrecision
}

type coinsDriver struct {
	noCheck
	e *Executor
}

func (coinsDriver) free() bool { return false }

func (d coinsDriver) decode(tx *types.Tx) (proto.Message, error) {
	return types.UnmarshalCoinsAction(tx.Payload)
}

func (d coinsDriver) exec(x *txContext, tx *types.Tx, msg proto.Message) ([]*types.ReceiptLog, error) {
	a := msg.(*types.CoinsAction)
	switch v := a.Value.(type) {
	case *types.CoinsAction_Transfer:
		if a.Ty != 0 && a.Ty != 1 {
			return nil, types.ErrActionNotSupport
		}
		return d.transfer(x, tx.From(), tx.To, v.Transfer.GetAmount())
	case *types.CoinsAction_Genesis:
		if x.height != 0 {
			return nil, fmt.Errorf("ErrReRunGenesis")
		}
		amount := v.Genesis.GetAmount()
		if amount < 0 {
			return nil, types.ErrAmount
		}
		l, err := d.e.addBalance(x.st, tx.To, amount, types.TyLogGenesis)
		if err != nil {
			return nil, err
		}
		return []*types.ReceiptLog{l}, nil
	default:
		// Withdraw and transfer-to-executor need executor accounts, which no
		// executor of a consortium chain uses.
		return nil, types.ErrActionNotSupport
	}
}

func (d coinsDriver) transfer(x *txContext, from, to string, amount int64) ([]*types.ReceiptLog, error) {
	if !d.e.checkAmount(amount) {
		return nil, types.ErrAmount
	}
	if err := checkAddr(to); err != nil {
		return nil, err
	}
	l1, err := d.e.addBalance(x.st, from, -amount, types.TyLogTransfer)
	if err != nil {
		return nil, err
	}
	l2, err := d.e.addBalance(x.st, to, amount, types.TyLogTransfer)
	if err != nil {
		return nil, err
	}
	return []*types.ReceiptLog{l1, l2}, nil
}
