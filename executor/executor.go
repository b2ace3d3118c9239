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
	// check is the executor's CheckTx, run at admission against committed
	// state and again before the action executes (a failure then is
	// ExecPack).
	check(st *overlay, tx *types.Tx, action proto.Message) error
	exec(x *txContext, tx *types.Tx, action proto.Message) ([]*types.ReceiptLog, error)
}

// noCheck is the check of the executors that check in exec.
type noCheck struct{}

func (noCheck) check(*overlay, *types.Tx, proto.Message) error { return nil }

// Executor executes transactions of the known executors.
type Executor struct {
	p       Params
	drivers map[string]driver
}

// New returns an executor with coins, manage, qbftNode and none.
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
		p.CoinExec: coinsDriver{e: e},
		"manage":   manageDriver{e: e},
		"qbftNode": qbftDriver{e: e},
		"none":     noneDriver{e: e},
	}
	return e
}

// driverOf is the executor a transaction of execer runs in: the one of that
// name, or none for a "user." name no executor bears; any other name is
// ErrExecNameNotAllow (the reference's loadDriver and IsAllowExecName).
func (e *Executor) driverOf(execer []byte) (driver, error) {
	if d, ok := e.drivers[string(execer)]; ok {
		return d, nil
	}
	if types.IsUserExecName(string(execer)) {
		return e.drivers[types.ExecNone], nil
	}
	return nil, types.ErrExecNameNotAllow
}

// txContext is what an action sees.
type txContext struct {
	st        *overlay
	height    int64
	blockTime int64
	index     int
	block     *validatorRound
	local     []*types.KeyValue
	noReceipt bool         // the action had nothing to apply: the receipt stays ExecPack
	delayed   []*DelayedTx // transactions committed for later (none CommitDelayTx)
	logs      []*types.ReceiptLog
}

// Result is the outcome of executing a block's transactions.
type Result struct {
	Txs       []*types.Tx          // the transactions kept (all of them unless dropping)
	Receipts  []*types.ReceiptData // one per kept tx
	State     []*types.KeyValue    // sorted state changes
	Local     []*types.KeyValue    // local index entries
	StateHash []byte
	Delayed   []*DelayedTx // delayed transactions the block committed, in block order
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

// CheckTx is the mempool's executor check against committed state: an
// allowed executor name, a decodable payload passing the executor's check,
// and the fee payable. A group carrier (tx.Group set, see types.Members) is
// checked member by member, and its first member's sender must hold the
// fee of the whole group.
func (e *Executor) CheckTx(st StateReader, tx *types.Tx) error {
	members := tx.Group
	if members == nil {
		members = []*types.Tx{tx}
	}
	view := newOverlay(st)
	var first driver
	for i, m := range members {
		d, err := e.driverOf(m.Execer)
		if err != nil {
			return err
		}
		action, err := d.decode(m)
		if err != nil {
			return types.ErrActionNotSupport
		}
		if err := d.check(view, m, action); err != nil {
			return err
		}
		if i == 0 {
			first = d
		}
	}
	if first.free() {
		return nil
	}
	acc, err := e.Balance(st, members[0].From())
	if err != nil {
		return err
	}
	if acc.Balance < members[0].Fee {
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
	b := &blockRun{st: blockSt, round: round, height: height, blockTime: blockTime}
	for i := 0; i < len(txs); i++ {
		tx := txs[i]
		n := 1
		if gc := tx.GroupCount; gc != 0 {
			if gc < 0 || gc == 1 || gc > types.MaxTxGroupSize || i+int(gc) > len(txs) {
				if drop {
					continue
				}
				return nil, &ExecError{Index: i, Hash: tx.Hash, Err: types.ErrTxGroupCount}
			}
			n = int(gc)
		}
		members := txs[i : i+n]
		b.index = len(res.Receipts)
		var recs []*types.ReceiptData
		var err error
		if n == 1 {
			var rec *types.ReceiptData
			rec, err = e.execTx(b, tx)
			recs = []*types.ReceiptData{rec}
		} else {
			recs, err = e.execGroup(b, members)
		}
		i += n - 1
		if err != nil {
			if drop {
				continue
			}
			return nil, &ExecError{Index: i - n + 1, Hash: tx.Hash, Err: err}
		}
		if drop {
			res.Txs = append(res.Txs, members...)
		}
		res.Receipts = append(res.Receipts, recs...)
	}
	res.Local, res.Delayed = b.local, b.delayed
	res.State = blockSt.changes()
	res.StateHash = StateHash(prevStateHash, res.State)
	return res, nil
}

// blockRun is the state of one block's execution.
type blockRun struct {
	st        *overlay
	round     *validatorRound
	height    int64
	blockTime int64
	index     int // receipt index of the transaction being executed
	local     []*types.KeyValue
	delayed   []*DelayedTx
}

// execTx returns the receipt of one transaction, or an error when the
// transaction is ExecErr.
func (e *Executor) execTx(b *blockRun, tx *types.Tx) (*types.ReceiptData, error) {
	d, err := e.driverOf(tx.Execer)
	if err != nil {
		return nil, err
	}
	if b.height > 0 && types.IsExpired(tx.Transaction, b.height, b.blockTime) {
		return nil, types.ErrTxExpire
	}
	if tx.To != "" || b.height > 0 {
		if err := checkAddr(tx.To); err != nil {
			return nil, err
		}
	}
	if b.height > 0 && (len(tx.Header) != 0 || len(tx.Next) != 0) {
		return nil, types.ErrNomalTx
	}
	rec := &types.ReceiptData{Ty: types.ExecPack}
	if !d.free() && b.height > 0 {
		if tx.Fee < 0 {
			return nil, types.ErrTxFeeTooLow
		}
		l, err := e.addBalance(b.st, tx.From(), -tx.Fee, types.TyLogFee)
		if err != nil {
			return nil, err // fee not payable: ExecErr
		}
		rec.Logs = append(rec.Logs, l)
	}
	x, err := e.runAction(b, b.st, d, tx, b.index)
	if err != nil {
		rec.Logs = append(rec.Logs, errLog(err))
		return rec, nil
	}
	x.st.merge()
	b.keep(x)
	x.fill(rec)
	return rec, nil
}

// runAction decodes, checks and executes tx's action in a child of st; the
// caller merges the child's writes if it keeps the outcome.
func (e *Executor) runAction(b *blockRun, st *overlay, d driver, tx *types.Tx, index int) (*txContext, error) {
	x := &txContext{st: st.child(), height: b.height, blockTime: b.blockTime, index: index, block: b.round}
	action, err := d.decode(tx)
	if err != nil {
		return nil, types.ErrActionNotSupport
	}
	if err := d.check(x.st, tx, action); err != nil {
		return nil, err
	}
	logs, err := d.exec(x, tx, action)
	if err != nil {
		return nil, err
	}
	x.logs = logs
	return x, nil
}

// keep records what a kept action produced besides state.
func (b *blockRun) keep(x *txContext) {
	b.local = append(b.local, x.local...)
	b.delayed = append(b.delayed, x.delayed...)
}

// fill completes a receipt with a successful action's logs: ExecOk, unless
// the action had nothing to apply (a notarisation), which stays ExecPack.
func (x *txContext) fill(rec *types.ReceiptData) {
	if !x.noReceipt {
		rec.Ty = types.ExecOk
	}
	rec.Logs = append(rec.Logs, x.logs...)
}

func errLog(err error) *types.ReceiptLog {
	return &types.ReceiptLog{Ty: types.TyLogErr, Log: []byte(err.Error())}
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
