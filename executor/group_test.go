package executor

import (
	"errors"
	"testing"

	"chain33node/crypto"
	"chain33node/types"
)

// groupOf links txs into a group at fee rate 100000 and signs member i with
// keys[i].
func groupOf(t *testing.T, keys []*crypto.PrivKey, txs ...*types.Transaction) []*types.Tx {
	t.Helper()
	if err := types.CreateTxGroup(txs, 100000); err != nil {
		t.Fatal(err)
	}
	out := make([]*types.Tx, len(txs))
	for i, tx := range txs {
		types.Sign(tx, keys[i])
		out[i] = types.NewTx(tx)
	}
	if err := types.CheckGroup(out, types.Rules{MinTxFeeRate: 100000}); err != nil {
		t.Fatal(err)
	}
	return out
}

func rawTransfer(to string, amount int64) *types.Transaction {
	nonce++
	return &types.Transaction{Execer: []byte("coins"), To: to, Nonce: nonce,
		Payload: mustMarshal(&types.CoinsAction{Ty: 1, Value: &types.CoinsAction_Transfer{Transfer: &types.AssetsTransfer{Amount: amount, To: to}}})}
}

func rawNote(execer, note string) *types.Transaction {
	nonce++
	return &types.Transaction{Execer: []byte(execer), To: crypto.ExecAddress(execer), Nonce: nonce, Payload: []byte(note)}
}

func logTypes(r *types.ReceiptData) []int32 {
	var out []int32
	for _, l := range r.Logs {
		out = append(out, l.Ty)
	}
	return out
}

func sameTypes(a []int32, b ...int32) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestGroupAllSucceed(t *testing.T) {
	env := newEnv(t, 4)
	alice, _ := crypto.GeneratePrivKey()
	env.block(transfer(superKey, addr(alice), 10*coin))
	bob, _ := crypto.GeneratePrivKey()
	g := groupOf(t, []*crypto.PrivKey{superKey, alice, superKey},
		rawTransfer(addr(bob), coin), rawNote("user.evidence", "hash of a contract"), rawTransfer(addr(alice), 2*coin))
	superBefore := env.balance(addr(superKey))
	res := env.block(g...)
	r := res.Receipts
	if r[0].Ty != types.ExecOk || !sameTypes(logTypes(r[0]), types.TyLogFee, types.TyLogTransfer, types.TyLogTransfer) {
		t.Fatalf("member 0: %d %v", r[0].Ty, logTypes(r[0]))
	}
	// A notarisation member has nothing to execute: ExecPack without logs.
	if r[1].Ty != types.ExecPack || len(r[1].Logs) != 0 {
		t.Fatalf("member 1: %d %v", r[1].Ty, logTypes(r[1]))
	}
	if r[2].Ty != types.ExecOk || !sameTypes(logTypes(r[2]), types.TyLogTransfer, types.TyLogTransfer) {
		t.Fatalf("member 2: %d %v", r[2].Ty, logTypes(r[2]))
	}
	// The first member paid the fee of all three; the others paid none.
	if got, want := env.balance(addr(superKey)), superBefore-g[0].Fee-coin-2*coin; got != want {
		t.Fatalf("super balance %d, want %d", got, want)
	}
	if g[1].Fee != 0 || g[2].Fee != 0 || g[0].Fee < 3*100000 {
		t.Fatalf("fees %d %d %d", g[0].Fee, g[1].Fee, g[2].Fee)
	}
	if env.balance(addr(bob)) != coin || env.balance(addr(alice)) != 12*coin {
		t.Fatalf("bob %d alice %d", env.balance(addr(bob)), env.balance(addr(alice)))
	}
}

// One member failing undoes the whole group but the fee: every member is
// packed ExecPack, the first with its LogFee, the failing one with LogErr.
func TestGroupMemberFailsRollsBack(t *testing.T) {
	env := newEnv(t, 4)
	alice, _ := crypto.GeneratePrivKey()
	env.block(transfer(superKey, addr(alice), coin))
	bob, _ := crypto.GeneratePrivKey()
	g := groupOf(t, []*crypto.PrivKey{superKey, superKey, alice},
		rawTransfer(addr(bob), coin), rawNote("none", "x"), rawTransfer(addr(bob), 5*coin)) // alice has 1
	superBefore := env.balance(addr(superKey))
	res := env.block(g...)
	r := res.Receipts
	if len(r) != 3 {
		t.Fatalf("%d receipts", len(r))
	}
	if r[0].Ty != types.ExecPack || !sameTypes(logTypes(r[0]), types.TyLogFee) {
		t.Fatalf("member 0: %d %v", r[0].Ty, logTypes(r[0]))
	}
	if r[1].Ty != types.ExecPack || len(r[1].Logs) != 0 {
		t.Fatalf("member 1: %d %v", r[1].Ty, logTypes(r[1]))
	}
	if r[2].Ty != types.ExecPack || !sameTypes(logTypes(r[2]), types.TyLogErr) || string(r[2].Logs[0].Log) != "ErrNoBalance" {
		t.Fatalf("member 2: %d %v", r[2].Ty, r[2].Logs)
	}
	if got := env.balance(addr(superKey)); got != superBefore-g[0].Fee {
		t.Fatalf("super balance %d, want only the fee taken from %d", got, superBefore)
	}
	if env.balance(addr(bob)) != 0 || env.balance(addr(alice)) != coin {
		t.Fatal("a member's transfer survived the rollback")
	}
}

func TestGroupFirstMemberFails(t *testing.T) {
	env := newEnv(t, 4)
	alice, _ := crypto.GeneratePrivKey()
	env.block(transfer(superKey, addr(alice), coin))
	// alice pays the fee (she can) but cannot transfer 5 coins.
	g := groupOf(t, []*crypto.PrivKey{alice, superKey}, rawTransfer(addr(superKey), 5*coin), rawNote("none", "y"))
	res := env.block(g...)
	r := res.Receipts
	if r[0].Ty != types.ExecPack || !sameTypes(logTypes(r[0]), types.TyLogFee, types.TyLogErr) || r[1].Ty != types.ExecPack || len(r[1].Logs) != 0 {
		t.Fatalf("receipts %d %v / %d %v", r[0].Ty, logTypes(r[0]), r[1].Ty, logTypes(r[1]))
	}
	if got := env.balance(addr(alice)); got != coin-g[0].Fee {
		t.Fatalf("alice %d", got)
	}
}

// A group whose fee cannot be paid, or with an expired member, cannot be
// in a block at all: block building drops all its members, validation
// rejects the block.
func TestGroupExecErr(t *testing.T) {
	env := newEnv(t, 4)
	broke, _ := crypto.GeneratePrivKey()
	g := groupOf(t, []*crypto.PrivKey{broke, superKey}, rawNote("none", "a"), rawNote("none", "b"))
	ok := transfer(superKey, addr(broke), coin)
	res, err := env.e.ExecBlock(env.st, env.hash, env.height, 1001, append(append([]*types.Tx{}, g...), ok), true)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Txs) != 1 || res.Txs[0] != ok {
		t.Fatalf("kept %d txs", len(res.Txs))
	}
	_, err = env.e.ExecBlock(env.st, env.hash, env.height, 1001, g, false)
	var ee *ExecError
	if !errors.As(err, &ee) || ee.Index != 0 || !errors.Is(err, types.ErrNoBalance) {
		t.Fatalf("validation: %v", err)
	}

	exp := rawNote("none", "c")
	exp.Expire = 1
	g = groupOf(t, []*crypto.PrivKey{superKey, superKey}, rawNote("none", "d"), exp)
	if _, err := env.e.ExecBlock(env.st, env.hash, env.height, 1001, g, false); !errors.Is(err, types.ErrTxExpire) {
		t.Fatalf("expired member: %v", err)
	}
	// A groupCount that runs past the block's end.
	g = groupOf(t, []*crypto.PrivKey{superKey, superKey, superKey}, rawNote("none", "e"), rawNote("none", "f"), rawNote("none", "g"))
	if _, err := env.e.ExecBlock(env.st, env.hash, env.height, 1001, g[:2], false); !errors.Is(err, types.ErrTxGroupCount) {
		t.Fatalf("truncated group: %v", err)
	}
}

// The validator changes of members are undone with the group, the block's
// 1/3 budget included: a later change in the same block still fits.
func TestGroupRollbackUndoesValidatorRound(t *testing.T) {
	env := newEnv(t, 4)
	env.block(modify(superKey, QbftManagerKey, "add", addr(superKey)))
	nodeAdd := func() *types.QbftNodeAction {
		return &types.QbftNodeAction{Ty: 1, Value: &types.QbftNodeAction_Node{Node: &types.QbftNode{PubKey: newPub(), Power: 10}}}
	}
	add := &types.Transaction{Execer: []byte("qbftNode"), To: crypto.ExecAddress("qbftNode"), Payload: mustMarshal(nodeAdd())}
	broke, _ := crypto.GeneratePrivKey()
	g := groupOf(t, []*crypto.PrivKey{superKey, broke}, add, rawTransfer(addr(superKey), coin))
	later := signed(superKey, "qbftNode", crypto.ExecAddress("qbftNode"), 100000, nodeAdd())
	res := env.block(append(g, later)...)
	if res.Receipts[0].Ty != types.ExecPack || res.Receipts[1].Ty != types.ExecPack {
		t.Fatal("group not rolled back")
	}
	if res.Receipts[2].Ty != types.ExecOk {
		t.Fatalf("later add: %v", res.Receipts[2].Logs)
	}
	vals, err := env.e.Validators(env.st)
	if err != nil {
		t.Fatal(err)
	}
	if len(vals.Validators) != 5 {
		t.Fatalf("%d validators, want 4 + the later add", len(vals.Validators))
	}
}
