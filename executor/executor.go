package executor

import (
	"fmt"

	"chain33node/crypto"
	"chain33node/types"

	"google.golang.org/protobuf/proto"
)

// Params are the chain settings the executors depend on.
type Params struct {
	CoinExec      string   // "coins"
	CoinSymbol    string   // "bty"
	CoinPrecision int64    // 1e8
	SuperManagers []string // [exec.sub.manage] superManager
	AutonomyExec  string   // [exec.sub.manage] autonomyExec: non-empty forbids direct Modify
}

// driver is one executor.
type driver interface {
	free() bool // no fee charged
	decode(tx *types.Tx) (proto.Message, error)
	exec(x *txContext, tx *types.Tx, action proto.Message) ([]*types.ReceiptLog, error)
}

// Executor executes transactions of the known executors.
type Executor struct {
	p       Params
	drivers map[string]driver
}

// New returns an executor with coins, manage and qbftNode.
func New(p Params) *Executor {
	if p.CoinExec == "" {
		p.CoinExec = "coins"
	}
	if p.CoinSymbol == "" {
		p.CoinSymbol = "bty"
	}
	if p.CoinPrecision <= 0 {
		p.CoinPrecision = types.DefaultCoinPrecision
	}
	e := &Executor{p: p}
	e.drivers = map[string]driver{
		p.CoinExec: coinsDriver{e},
		"manage":   manageDriver{e},
		"qbftNode": qbftDriver{e},
	}
	return e
}

// txContext is what an action sees.
type txContext struct {
	st     *overlay
	height int64
	index  int
	block  *validatorRound
	local  []*types.KeyValue
}

// Result is the outcome of executing a block's transactions.
type Result struct {
	Txs       []*types.Tx          // the transactions kept (all of them unless dropping)
	Receipts  []*types.ReceiptData // one per kept tx
	State     []*types.KeyValue    // sorted state changes
	Local     []*types.KeyValue    // local index entries
	StateHash []byte
}

// ExecError is a transaction that cannot be in a block (ExecErr).
type ExecError struct {
	Index int
	Hash  []byte
	Err   error
}

func (e *ExecError) Error() string {
	return fmt.Sprintf("tx %d (0x%x): %v", e.Index, e.Hash, e.Err)
}

func (e *ExecError) Unwrap() error { return e.Err }

// CheckTx is the mempool's executor check against committed state: a known
// executor, a decodable payload, and the fee payable.
func (e *Executor) CheckTx(st StateReader, tx *types.Tx) error {
	d, ok := e.drivers[string(tx.Execer)]
	if !ok {
		return types.ErrExecNotFound
	}
	if _, err := d.decode(tx); err != nil {
		return types.ErrActionNotSupport
	}
	if d.free() {
		return nil
	}
	acc, err := e.Balance(st, tx.From())
	if err != nil {
		return err
	}
	if acc.Balance < tx.Fee {
		return types.ErrNoBalance
	}
	return nil
}

// ExecBlock executes txs for block height/blockTime over st (the state after
// the previous block, whose state hash is prevStateHash). Signatures and
// duplicates are the caller's to check. With drop (block building) a
// transaction that cannot be in a block is left out; without it (block
// validation) such a transaction fails the whole block with an *ExecError.
func (e *Executor) ExecBlock(st StateReader, prevStateHash []byte, height, blockTime int64, txs []*types.Tx, drop bool) (*Result, error) {
	blockSt := newOverlay(st)
	round := &validatorRound{threshold: -1}
	res := &Result{Txs: txs, Receipts: make([]*types.ReceiptData, 0, len(txs))}
	if drop {
		res.Txs = make([]*types.Tx, 0, len(txs))
	}
	if height > 0 {
		if err := advanceProposer(blockSt); err != nil {
			return nil, err
		}
	}
	for i, tx := range txs {
		index := len(res.Receipts)
		rec, local, err := e.execTx(blockSt, round, height, blockTime, index, tx)
		if err != nil {
			if drop {
				continue
			}
			return nil, &ExecError{Index: i, Hash: tx.Hash, Err: err}
		}
		if drop {
			res.Txs = append(res.Txs, tx)
		}
		res.Receipts = append(res.Receipts, rec)
		res.Local = append(res.Local, local...)
	}
	res.State = blockSt.changes()
	res.StateHash = StateHash(prevStateHash, res.State)
	return res, nil
}

// execTx returns the receipt of one transaction, or an error when the
// transaction is ExecErr.
func (e *Executor) execTx(blockSt *overlay, round *validatorRound, height, blockTime int64, index int, tx *types.Tx) (*types.ReceiptData, []*types.KeyValue, error) {
	d, ok := e.drivers[string(tx.Execer)]
	if !ok {
		return nil, nil, types.ErrExecNotFound
	}
	if height > 0 && types.IsExpired(tx.Transaction, height, blockTime) {
		return nil, nil, types.ErrTxExpire
	}
	if tx.To != "" || height > 0 {
		if err := checkAddr(tx.To); err != nil {
			return nil, nil, err
		}
	}
	rec := &types.ReceiptData{Ty: types.ExecPack}
	if !d.free() && height > 0 {
		if tx.Fee < 0 {
			return nil, nil, types.ErrTxFeeTooLow
		}
		l, err := e.addBalance(blockSt, tx.From(), -tx.Fee, types.TyLogFee)
		if err != nil {
			return nil, nil, err // fee not payable: ExecErr
		}
		rec.Logs = append(rec.Logs, l)
	}
	x := &txContext{st: blockSt.child(), height: height, index: index, block: round}
	action, err := d.decode(tx)
	var logs []*types.ReceiptLog
	if err == nil {
		logs, err = d.exec(x, tx, action)
	} else {
		err = types.ErrActionNotSupport
	}
	if err != nil {
		rec.Logs = append(rec.Logs, &types.ReceiptLog{Ty: types.TyLogErr, Log: []byte(err.Error())})
		return rec, nil, nil
	}
	x.st.merge()
	rec.Ty = types.ExecOk
	rec.Logs = append(rec.Logs, logs...)
	return rec, x.local, nil
}

func checkAddr(addr string) error {
	if crypto.CheckAddress(addr) != nil {
		return types.ErrInvalidAddress
	}
	return nil
}

// ExecGenesis executes the genesis block's transactions on empty state and
// installs the genesis validator set in the same state change set.
func (e *Executor) ExecGenesis(txs []*types.Tx, blockTime int64, validators []*types.QbftNode) (*Result, error) {
	kv, err := GenesisValidators(validators)
	if err != nil {
		return nil, err
	}
	base := newOverlay(emptyState{})
	base.set(kv.Key, kv.Value)
	res, err := e.ExecBlock(base, nil, 0, blockTime, txs, false)
	if err != nil {
		return nil, err
	}
	for _, r := range res.Receipts {
		if r.Ty != types.ExecOk {
			return nil, fmt.Errorf("genesis transaction failed: %s", r.Logs[len(r.Logs)-1].Log)
		}
	}
	base.w = map[string][]byte{string(kv.Key): kv.Value}
	for _, c := range res.State {
		base.set(c.Key, c.Value)
	}
	res.State = base.changes()
	res.StateHash = StateHash(nil, res.State)
	return res, nil
}

type emptyState struct{}

func (emptyState) State([]byte) ([]byte, error) { return nil, nil }
