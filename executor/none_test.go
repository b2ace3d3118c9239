package executor

import (
	"errors"
	"testing"

	"chain33node/crypto"
	"chain33node/types"

	"google.golang.org/protobuf/proto"
)

func note(k *crypto.PrivKey, execer, to, payload string) *types.Tx {
	nonce++
	tx := &types.Transaction{Execer: []byte(execer), To: to, Fee: 100000, Nonce: nonce, Payload: []byte(payload)}
	types.Sign(tx, k)
	return types.NewTx(tx)
}

// A notarisation (none or a "user." name) is packed ExecPack with the one
// LogFee, as the reference cluster shows, and changes nothing but the fee.
func TestNotarisation(t *testing.T) {
	env := newEnv(t, 4)
	for _, execer := range []string{"none", "user.evidence", "user.coins", "user.p.x.coins"} {
		before := env.balance(addr(superKey))
		tx := note(superKey, execer, crypto.ExecAddress(execer), "sha256:00ff")
		if err := env.e.CheckTx(env.st, tx); err != nil {
			t.Fatalf("%s: CheckTx %v", execer, err)
		}
		res := env.block(tx)
		r := res.Receipts[0]
		if r.Ty != types.ExecPack || !sameTypes(logTypes(r), types.TyLogFee) {
			t.Fatalf("%s: receipt %d %v", execer, r.Ty, logTypes(r))
		}
		for _, kv := range res.State {
			if k := string(kv.Key); k != string(env.e.accountKey(addr(superKey))) && k != string(validatorsKey) {
				t.Fatalf("%s: state change %s", execer, k)
			}
		}
		if env.balance(addr(superKey)) != before-100000 {
			t.Fatalf("%s: balance %d", execer, env.balance(addr(superKey)))
		}
	}
}

func TestNoneChecks(t *testing.T) {
	env := newEnv(t, 4)
	for _, c := range []struct {
		execer, to string
		want       error
	}{
		{"none", addr(superKey), types.ErrToAddrNotSameToExecAddr},
		{"user.evidence", crypto.ExecAddress("none"), types.ErrToAddrNotSameToExecAddr},
		{"nosuch", crypto.ExecAddress("nosuch"), types.ErrExecNameNotAllow},
		{"user-x.y", crypto.ExecAddress("user-x.y"), types.ErrExecNameNotAllow},
		{"user.a#b", crypto.ExecAddress("user.a#b"), types.ErrExecNameNotAllow},
		{"us", crypto.ExecAddress("us"), types.ErrExecNameNotAllow},
	} {
		if err := env.e.CheckTx(env.st, note(superKey, c.execer, c.to, "x")); !errors.Is(err, c.want) {
			t.Errorf("%s to %s: %v, want %v", c.execer, c.to, err, c.want)
		}
	}
	// In a block the wrong `to` is a failed action: fee charged, LogErr.
	res := env.block(note(superKey, "none", addr(superKey), "x"))
	r := res.Receipts[0]
	if r.Ty != types.ExecPack || !sameTypes(logTypes(r), types.TyLogFee, types.TyLogErr) || string(r.Logs[1].Log) != "ErrToAddrNotSameToExecAddr" {
		t.Fatalf("receipt %d %v", r.Ty, r.Logs)
	}
}

func commitDelay(t *testing.T, k *crypto.PrivKey, delayed *types.Tx, seconds int64) *types.Tx {
	t.Helper()
	a := &types.NoneAction{Ty: types.NoneActionCommitDelayTx, Value: &types.NoneAction_CommitDelayTx{
		CommitDelayTx: &types.CommitDelayTx{DelayTx: types.HexWith0x(delayed.Encode()), RelativeDelayTime: seconds}}}
	nonce++
	tx := &types.Transaction{Execer: []byte("none"), To: crypto.ExecAddress("none"), Fee: 200000, Nonce: nonce, Payload: mustMarshal(a)}
	types.Sign(tx, k)
	return types.NewTx(tx)
}

func TestCommitDelayTx(t *testing.T) {
	env := newEnv(t, 4)
	bob, _ := crypto.GeneratePrivKey()
	delayed := transfer(superKey, addr(bob), coin)
	commit := commitDelay(t, superKey, delayed, 60)
	if err := env.e.CheckTx(env.st, commit); err != nil {
		t.Fatal(err)
	}
	res := env.block(commit)
	r := res.Receipts[0]
	if r.Ty != types.ExecOk || !sameTypes(logTypes(r), types.TyLogFee, types.TyLogCommitDelayTx) {
		t.Fatalf("receipt %d %v", r.Ty, logTypes(r))
	}
	var l types.CommitDelayTxLog
	if err := proto.Unmarshal(r.Logs[1].Log, &l); err != nil {
		t.Fatal(err)
	}
	blockTime := 1000 + env.height - 1
	if l.Submitter != addr(superKey) || l.DelayTxHash != types.HexWith0x(delayed.Hash) || l.DelayBeginTimestamp != blockTime || l.DelayBeginHeight != env.height-1 {
		t.Fatalf("log %v", &l)
	}
	if len(res.Delayed) != 1 || res.Delayed[0].Due != blockTime+60 || string(res.Delayed[0].Tx.Hash) != string(delayed.Hash) {
		t.Fatalf("delayed %v", res.Delayed)
	}
	info, err := env.e.DelayTxInfo(env.st, delayed.Hash)
	if err != nil || info.DelayBeginTimestamp != blockTime || info.Submitter != addr(superKey) || info.DelayTxHash != "" {
		t.Fatalf("info %v %v", info, err)
	}
	if _, err := env.e.DelayTxInfo(env.st, []byte{1}); !errors.Is(err, ErrGetStateDB) {
		t.Fatalf("unknown hash: %v", err)
	}
	if _, err := env.e.DelayTxInfo(env.st, nil); !errors.Is(err, types.ErrInvalidParam) {
		t.Fatalf("no hash: %v", err)
	}
	// The same delayed transaction cannot be committed twice.
	if err := env.e.CheckTx(env.st, commitDelay(t, superKey, delayed, 60)); !errors.Is(err, errDuplicateDelayTx) {
		t.Fatalf("duplicate: %v", err)
	}
	if err := env.e.CheckTx(env.st, commitDelay(t, superKey, transfer(superKey, addr(bob), 1), 0)); !errors.Is(err, errInvalidDelayTime) {
		t.Fatalf("no delay: %v", err)
	}
	unsigned := types.NewTx(&types.Transaction{Execer: []byte("none"), Payload: []byte("u")})
	if err := env.e.CheckTx(env.st, commitDelay(t, superKey, unsigned, 10)); !errors.Is(err, errNilDelayTx) {
		t.Fatalf("unsigned delayed tx: %v", err)
	}
	empty := &types.Transaction{Execer: []byte("none"), To: crypto.ExecAddress("none"), Fee: 100000,
		Payload: mustMarshal(&types.NoneAction{Ty: types.NoneActionCommitDelayTx})}
	types.Sign(empty, superKey)
	if err := env.e.CheckTx(env.st, types.NewTx(empty)); !errors.Is(err, errNilDelayTx) {
		t.Fatalf("no delayed tx: %v", err)
	}
}
