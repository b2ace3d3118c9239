package executor

import "chain33node/types"

// execGroup executes the members of a transaction group all or nothing, as
// the reference's execTxGroup (chain33:executor/executor.go, with
// ForkExecRollback and ForkResetTx0): the group's structure and fees are
// the caller's to check (types.CheckGroup).
//
//   - A member expired, an executor name not allowed or the first member's
//     fee (the fee of the whole group) not payable: the error is returned
//     and the whole group is ExecErr (left out of a block).
//   - Otherwise the fee is charged and the members execute in order. If all
//     succeed, each keeps its receipt (the first one's starts with the
//     LogFee). If member i fails, every state change but the fee is undone
//     and every member is ExecPack: the first keeps only its LogFee (and
//     the LogErr if it is the one that failed), member i gets the LogErr,
//     the others have no logs.
func (e *Executor) execGroup(b *blockRun, members []*types.Tx) ([]*types.ReceiptData, error) {
	drivers := make([]driver, len(members))
	for i, m := range members {
		d, err := e.driverOf(m.Execer)
		if err != nil {
			return nil, err
		}
		drivers[i] = d
		if b.height > 0 && types.IsExpired(m.Transaction, b.height, b.blockTime) {
			return nil, types.ErrTxExpire
		}
	}
	var feeLogs []*types.ReceiptLog
	if first := members[0]; !drivers[0].free() && b.height > 0 {
		if first.Fee < 0 {
			return nil, types.ErrTxFeeTooLow
		}
		l, err := e.addBalance(b.st, first.From(), -first.Fee, types.TyLogFee)
		if err != nil {
			return nil, err
		}
		feeLogs = []*types.ReceiptLog{l}
	}
	recs := make([]*types.ReceiptData, len(members))
	for i := range recs {
		recs[i] = &types.ReceiptData{Ty: types.ExecPack}
	}
	recs[0].Logs = feeLogs
	group := b.st.child()
	round := *b.round
	done := make([]*txContext, 0, len(members))
	for i, m := range members {
		x, err := e.runMember(b, group, drivers[i], m, b.index+i)
		if err != nil {
			*b.round = round // the validator changes of earlier members are undone too
			for k := range recs {
				recs[k] = &types.ReceiptData{Ty: types.ExecPack}
			}
			recs[0].Logs = append(recs[0].Logs, feeLogs...)
			recs[i].Logs = append(recs[i].Logs, errLog(err))
			return recs, nil
		}
		x.st.merge()
		x.fill(recs[i])
		done = append(done, x)
	}
	group.merge()
	for _, x := range done {
		b.keep(x)
	}
	return recs, nil
}

// runMember executes one member: its `to` must be an address (the
// reference checks it in Exec, so a bad one fails the member, not the
// group's admission into the block).
func (e *Executor) runMember(b *blockRun, st *overlay, d driver, m *types.Tx, index int) (*txContext, error) {
	if err := checkAddr(m.To); err != nil {
		return nil, err
	}
	return e.runAction(b, st, d, m, index)
}
