package executor

import (
	"bytes"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"testing"

	"chain33node/crypto"
	"chain33node/types"

	"google.golang.org/protobuf/proto"
)

// memState is committed state for tests: the executor only needs reads.
type memState map[string][]byte

func (m memState) State(k []byte) ([]byte, error) { return m[string(k)], nil }

func (m memState) apply(kvs []*types.KeyValue) {
	for _, kv := range kvs {
		if kv.Value == nil {
			delete(m, string(kv.Key))
		} else {
			m[string(kv.Key)] = kv.Value
		}
	}
}

type memLocal []*types.KeyValue

func (l memLocal) LocalPrefix(p []byte) ([]*types.KeyValue, error) {
	var out []*types.KeyValue
	for _, kv := range l {
		if bytes.HasPrefix(kv.Key, p) {
			out = append(out, kv)
		}
	}
	return out, nil
}

const coin = 1e8

var superKey = mustKey("CC38546E9E659D15E6B4893F0AB32A06D103931A8230B0BDE71459D2B27D6944")

func mustKey(h string) *crypto.PrivKey {
	b, _ := hex.DecodeString(h)
	k, err := crypto.PrivKeyFromBytes(b)
	if err != nil {
		panic(err)
	}
	return k
}

func addr(k *crypto.PrivKey) string { return crypto.PubKeyToAddr(k.PubKey()) }

// chainEnv is a tiny chain over memState: genesis funds the super manager.
type chainEnv struct {
	t      *testing.T
	e      *Executor
	st     memState
	local  memLocal
	hash   []byte
	height int64
}

func newEnv(t *testing.T, validators int) *chainEnv {
	t.Helper()
	powers := make([]int64, validators)
	for i := range powers {
		powers[i] = 10
	}
	return newEnvPowers(t, powers...)
}

// newEnvPowers starts a chain whose genesis validators have these powers.
func newEnvPowers(t *testing.T, powers ...int64) *chainEnv {
	t.Helper()
	env := &chainEnv{t: t, e: New(Params{SuperManagers: []string{addr(superKey)}}), st: memState{}}
	var nodes []*types.QbftNode
	for _, p := range powers {
		nodes = append(nodes, &types.QbftNode{PubKey: newPub(), Power: p})
	}
	kv, err := GenesisValidators(nodes)
	if err != nil {
		t.Fatal(err)
	}
	env.st.apply([]*types.KeyValue{kv})
	gen := &types.Transaction{Execer: []byte("coins"), To: addr(superKey),
		Payload: mustMarshal(&types.CoinsAction{Ty: 2, Value: &types.CoinsAction_Genesis{Genesis: &types.AssetsGenesis{Amount: 1e8 * coin}}})}
	res, err := env.e.ExecBlock(env.st, nil, 0, 1000, []*types.Tx{types.NewTx(gen)}, false)
	if err != nil {
		t.Fatal(err)
	}
	if res.Receipts[0].Ty != types.ExecOk {
		t.Fatalf("genesis receipt %v", res.Receipts[0])
	}
	env.commit(res)
	return env
}

func (env *chainEnv) commit(res *Result) {
	env.st.apply(res.State)
	env.local = append(env.local, res.Local...)
	env.hash = res.StateHash
	env.height++
}

// block executes txs as the next block in validation mode and commits it.
func (env *chainEnv) block(txs ...*types.Tx) *Result {
	env.t.Helper()
	res, err := env.e.ExecBlock(env.st, env.hash, env.height, 1000+env.height, txs, false)
	if err != nil {
		env.t.Fatal(err)
	}
	env.commit(res)
	return res
}

func mustMarshal(m proto.Message) []byte {
	b, err := proto.Marshal(m)
	if err != nil {
		panic(err)
	}
	return b
}

func signed(k *crypto.PrivKey, execer, to string, fee int64, action proto.Message) *types.Tx {
	tx := &types.Transaction{Execer: []byte(execer), Payload: mustMarshal(action), Fee: fee, To: to, Nonce: int64(len(to)) + fee}
	types.Sign(tx, k)
	return types.NewTx(tx)
}

var nonce int64

func transfer(k *crypto.PrivKey, to string, amount int64) *types.Tx {
	nonce++
	tx := &types.Transaction{Execer: []byte("coins"), To: to, Fee: 100000, Nonce: nonce,
		Payload: mustMarshal(&types.CoinsAction{Ty: 1, Value: &types.CoinsAction_Transfer{Transfer: &types.AssetsTransfer{Amount: amount, To: to}}})}
	types.Sign(tx, k)
	return types.NewTx(tx)
}

func (env *chainEnv) balance(a string) int64 {
	acc, err := env.e.Balance(env.st, a)
	if err != nil {
		env.t.Fatal(err)
	}
	return acc.Balance
}

func logErr(t *testing.T, rec *types.ReceiptData) string {
	t.Helper()
	if rec.Ty != types.ExecPack {
		t.Fatalf("receipt type %d, want ExecPack", rec.Ty)
	}
	last := rec.Logs[len(rec.Logs)-1]
	if last.Ty != types.TyLogErr {
		t.Fatalf("last log type %d, want LogErr", last.Ty)
	}
	return string(last.Log)
}

func TestCoinsTransfer(t *testing.T) {
	env := newEnv(t, 4)
	to, _ := crypto.GeneratePrivKey()
	res := env.block(transfer(superKey, addr(to), 1*coin))
	rec := res.Receipts[0]
	if rec.Ty != types.ExecOk || len(rec.Logs) != 3 {
		t.Fatalf("receipt %v", rec)
	}
	wantTys := []int32{types.TyLogFee, types.TyLogTransfer, types.TyLogTransfer}
	for i, l := range rec.Logs {
		if l.Ty != wantTys[i] {
			t.Errorf("log %d type %d want %d", i, l.Ty, wantTys[i])
		}
	}
	// The LogFee of the reference: prev/current of the sender's account.
	var fee types.ReceiptAccountTransfer
	if err := proto.Unmarshal(rec.Logs[0].Log, &fee); err != nil {
		t.Fatal(err)
	}
	if fee.Prev.Balance != 1e8*coin || fee.Current.Balance != 1e8*coin-100000 || fee.Current.Addr != addr(superKey) {
		t.Errorf("fee log %v", &fee)
	}
	if got := env.balance(addr(to)); got != coin {
		t.Errorf("recipient balance %d", got)
	}
	if got := env.balance(addr(superKey)); got != 1e8*coin-coin-100000 {
		t.Errorf("sender balance %d", got)
	}
}

func TestCoinsFailures(t *testing.T) {
	env := newEnv(t, 4)
	poor, _ := crypto.GeneratePrivKey()
	env.block(transfer(superKey, addr(poor), coin))

	cases := []struct {
		name string
		tx   *types.Tx
		want string
	}{
		{"over balance", transfer(poor, addr(superKey), 2*coin), "ErrNoBalance"},
		{"reference MaxCoin", transfer(poor, addr(superKey), 1e9*coin), "ErrAmount"},
		{"zero amount", transfer(poor, addr(superKey), 0), "ErrAmount"},
		{"negative amount", transfer(poor, addr(superKey), -1), "ErrAmount"},
		{"genesis after height 0", signed(poor, "coins", addr(poor), 100000,
			&types.CoinsAction{Ty: 2, Value: &types.CoinsAction_Genesis{Genesis: &types.AssetsGenesis{Amount: 5}}}), "ErrReRunGenesis"},
		{"withdraw", signed(poor, "coins", addr(poor), 100000,
			&types.CoinsAction{Ty: 3, Value: &types.CoinsAction_Withdraw{Withdraw: &types.AssetsWithdraw{Amount: 5}}}), "ErrActionNotSupport"},
	}
	for _, c := range cases {
		before := env.balance(addr(poor))
		res := env.block(c.tx)
		if got := logErr(t, res.Receipts[0]); got != c.want {
			t.Errorf("%s: LogErr %q want %q", c.name, got, c.want)
		}
		// ExecPack: the fee is charged, nothing else changes.
		if got := env.balance(addr(poor)); got != before-100000 {
			t.Errorf("%s: balance %d, want fee-only change from %d", c.name, got, before)
		}
	}
}

func TestFeeNotPayableIsExecErr(t *testing.T) {
	env := newEnv(t, 4)
	broke, _ := crypto.GeneratePrivKey()
	ok := transfer(superKey, addr(broke), coin)
	bad := transfer(broke, addr(superKey), 1) // no balance for the fee
	// Block building drops it.
	res, err := env.e.ExecBlock(env.st, env.hash, 1, 1001, []*types.Tx{bad, ok}, true)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Txs) != 1 || res.Txs[0] != ok || len(res.Receipts) != 1 {
		t.Fatalf("kept %d txs", len(res.Txs))
	}
	// Block validation rejects the block (bad comes after another tx, which
	// does not fund it).
	other := transfer(superKey, addr(superKey), coin)
	_, err = env.e.ExecBlock(env.st, env.hash, 1, 1001, []*types.Tx{other, bad}, false)
	var ee *ExecError
	if !errors.As(err, &ee) || ee.Index != 1 || !errors.Is(err, types.ErrNoBalance) {
		t.Fatalf("validation error %v", err)
	}
	// An expired tx is ExecErr too.
	exp := &types.Transaction{Execer: []byte("coins"), To: addr(broke), Fee: 100000, Expire: 1,
		Payload: mustMarshal(&types.CoinsAction{Ty: 1, Value: &types.CoinsAction_Transfer{Transfer: &types.AssetsTransfer{Amount: 1}}})}
	types.Sign(exp, superKey)
	if _, err := env.e.ExecBlock(env.st, env.hash, 1, 1001, []*types.Tx{types.NewTx(exp)}, false); !errors.Is(err, types.ErrTxExpire) {
		t.Fatalf("expired: %v", err)
	}
	if _, err := env.e.ExecBlock(env.st, env.hash, 1, 1001, []*types.Tx{signed(superKey, "nosuch", addr(broke), 100000, &types.ReqNil{})}, false); !errors.Is(err, types.ErrExecNameNotAllow) {
		t.Fatalf("unknown executor: %v", err)
	}
}

func modify(k *crypto.PrivKey, key, op, value string) *types.Tx {
	nonce++
	tx := &types.Transaction{Execer: []byte("manage"), To: crypto.ExecAddress("manage"), Fee: 100000, Nonce: nonce,
		Payload: mustMarshal(&types.ManageAction{Ty: 0, Value: &types.ManageAction_Modify{Modify: &types.ModifyConfig{Key: key, Value: value, Op: op}}})}
	types.Sign(tx, k)
	return types.NewTx(tx)
}

func TestManageModify(t *testing.T) {
	env := newEnv(t, 4)
	other, _ := crypto.GeneratePrivKey()
	env.block(transfer(superKey, addr(other), coin))

	res := env.block(modify(superKey, "qbft-manager", "add", "1A"), modify(superKey, "qbft-manager", "add", "1B"))
	for _, r := range res.Receipts {
		if r.Ty != types.ExecOk || r.Logs[len(r.Logs)-1].Ty != types.TyLogModifyConfig {
			t.Fatalf("receipt %v", r)
		}
	}
	var rc types.ReceiptConfig
	if err := proto.Unmarshal(res.Receipts[1].Logs[1].Log, &rc); err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(rc.Prev.GetArr().GetValue()) != "[1A]" || fmt.Sprint(rc.Current.GetArr().GetValue()) != "[1A 1B]" || rc.Current.Key != "qbft-manager" {
		t.Fatalf("log %v", &rc)
	}
	reply, _ := env.e.ConfigItem(env.st, "qbft-manager")
	if reply.Value != "[1A 1B]" {
		t.Fatalf("GetConfigItem %q", reply.Value)
	}
	env.block(modify(superKey, "qbft-manager", "delete", "1A"))
	if reply, _ = env.e.ConfigItem(env.st, "qbft-manager"); reply.Value != "[1B]" {
		t.Fatalf("after delete %q", reply.Value)
	}
	if reply, _ = env.e.ConfigItem(env.st, "absent"); reply.Value != "" || reply.Key != "absent" {
		t.Fatalf("absent item %v", reply)
	}

	for _, c := range []struct {
		tx   *types.Tx
		want string
	}{
		{modify(other, "qbft-manager", "add", "1C"), "ErrNoPrivilege"},
		{modify(superKey, "", "add", "1C"), "ErrBadConfigKey"},
		{modify(superKey, "k", "bogus", "1C"), "ErrBadConfigOp"},
	} {
		if got := logErr(t, env.block(c.tx).Receipts[0]); got != c.want {
			t.Errorf("LogErr %q want %q", got, c.want)
		}
	}
	if reply, _ = env.e.ConfigItem(env.st, "qbft-manager"); reply.Value != "[1B]" {
		t.Fatalf("failed modifies changed state: %q", reply.Value)
	}
}

func nodeUpdate(k *crypto.PrivKey, pub string, power int64) *types.Tx {
	nonce++
	tx := &types.Transaction{Execer: []byte("qbftNode"), To: crypto.ExecAddress("qbftNode"), Nonce: nonce,
		Payload: mustMarshal(&types.QbftNodeAction{Ty: 1, Value: &types.QbftNodeAction_Node{Node: &types.QbftNode{PubKey: pub, Power: power}}})}
	types.Sign(tx, k)
	return types.NewTx(tx)
}

func newPub() string { return hex.EncodeToString(crypto.GenerateBLSKey().PubKey().Bytes()) }

func (env *chainEnv) powers() map[string]int64 {
	set, err := env.e.Validators(env.st)
	if err != nil {
		env.t.Fatal(err)
	}
	m := map[string]int64{}
	for _, v := range set.Validators {
		m[strings.ToUpper(hex.EncodeToString(v.PubKey))] = v.Power
	}
	return m
}

func TestQbftNodeRules(t *testing.T) {
	env := newEnv(t, 4) // 4×10: total 40, a block may change less than 13
	manager, _ := crypto.GeneratePrivKey()
	env.block(modify(superKey, QbftManagerKey, "add", addr(manager)))

	// Unauthorised sender: the super manager is not a qbft-manager.
	pub := newPub()
	if got := logErr(t, env.block(nodeUpdate(superKey, pub, 10)).Receipts[0]); got != "not valid manager" {
		t.Fatalf("unauthorised: %q", got)
	}
	// The 1/3 boundary: 13 fails, 10 passes.
	if got := logErr(t, env.block(nodeUpdate(manager, pub, 13)).Receipts[0]); !strings.Contains(got, ErrPowerChangeLimit.Error()) {
		t.Fatalf("13 on 4×10: %q", got)
	}
	res := env.block(nodeUpdate(manager, pub, 10))
	if res.Receipts[0].Ty != types.ExecOk {
		t.Fatalf("10 on 4×10: %v", res.Receipts[0])
	}
	if p := env.powers(); len(p) != 5 || p[strings.ToUpper(pub)] != 10 {
		t.Fatalf("set after add: %v", p)
	}
	nodes, err := env.e.QbftNodesByHeight(env.local, env.height-1)
	if err != nil || len(nodes.Nodes) != 1 || nodes.Nodes[0].Power != 10 {
		t.Fatalf("GetQbftNodeByHeight: %v %v", nodes, err)
	}
	if _, err := env.e.QbftNodesByHeight(env.local, 1); !errors.Is(err, types.ErrNotFound) {
		t.Fatalf("height without updates: %v", err)
	}
	// The limit is cumulative within a block: total 50 → threshold 16; 10 passes, then 7 fails.
	a, b := newPub(), newPub()
	res = env.block(nodeUpdate(manager, a, 10), nodeUpdate(manager, b, 7))
	if res.Receipts[0].Ty != types.ExecOk {
		t.Fatalf("first of block: %v", res.Receipts[0])
	}
	if got := logErr(t, res.Receipts[1]); !strings.Contains(got, ErrPowerChangeLimit.Error()) {
		t.Fatalf("cumulative: %q", got)
	}
	// Removal by power 0.
	if env.block(nodeUpdate(manager, pub, 0)).Receipts[0].Ty != types.ExecOk {
		t.Fatal("removal failed")
	}
	if _, ok := env.powers()[strings.ToUpper(pub)]; ok {
		t.Fatal("removed validator still in set")
	}
	for _, c := range []struct {
		name string
		tx   *types.Tx
		want string
	}{
		{"negative power", nodeUpdate(manager, newPub(), -1), ErrNegativePower.Error()},
		{"empty key", nodeUpdate(manager, "", 1), ErrEmptyPubKey.Error()},
		{"not hex", nodeUpdate(manager, "zz", 1), "not hex"},
		{"not a curve point", nodeUpdate(manager, strings.Repeat("ab", 48), 1), "invalid"},
		{"remove unknown", nodeUpdate(manager, newPub(), 0), ErrUnknownValidator.Error()},
	} {
		if got := logErr(t, env.block(c.tx).Receipts[0]); !strings.Contains(got, c.want) {
			t.Errorf("%s: %q want %q", c.name, got, c.want)
		}
	}
}

func TestQbftNodeNeverEmpty(t *testing.T) {
	env := newEnv(t, 1)
	manager, _ := crypto.GeneratePrivKey()
	env.block(modify(superKey, QbftManagerKey, "add", addr(manager)))
	var only string
	for k := range env.powers() {
		only = k
	}
	if got := logErr(t, env.block(nodeUpdate(manager, only, 0)).Receipts[0]); got != ErrEmptyValidators.Error() {
		t.Fatalf("removing the last validator: %q", got)
	}
	if len(env.powers()) != 1 {
		t.Fatal("set changed")
	}
}

func TestStateHash(t *testing.T) {
	kv := func(k, v string) *types.KeyValue { return &types.KeyValue{Key: []byte(k), Value: []byte(v)} }
	a := StateHash(nil, []*types.KeyValue{kv("a", "1"), kv("b", "2")})
	if !bytes.Equal(a, StateHash(make([]byte, 32), []*types.KeyValue{kv("a", "1"), kv("b", "2")})) {
		t.Fatal("nil prev must equal zero prev")
	}
	for _, other := range [][]*types.KeyValue{
		{kv("a", "1"), kv("b", "3")},
		{kv("a", "1")},
		{kv("a", "1b"), kv("", "2")}, // framing: moving bytes between fields changes the hash
		{kv("a", "1"), {Key: []byte("b")}},
	} {
		if bytes.Equal(a, StateHash(nil, other)) {
			t.Errorf("collision with %v", other)
		}
	}
	if bytes.Equal(a, StateHash(a, []*types.KeyValue{kv("a", "1"), kv("b", "2")})) {
		t.Fatal("prev not chained")
	}
	// Execution is deterministic: two environments give equal hashes for equal blocks.
	env1, env2 := newEnv(t, 1), newEnv(t, 1)
	env2.st = memState{}
	for k, v := range env1.st {
		env2.st[k] = v
	}
	env2.hash = env1.hash
	tx := transfer(superKey, addr(superKey), 5)
	if !bytes.Equal(env1.block(tx).StateHash, env2.block(tx).StateHash) {
		t.Fatal("same block, different state hash")
	}
}

func BenchmarkExecBlock1000Transfers(b *testing.B) {
	t := &testing.T{}
	env := newEnv(t, 4)
	var txs []*types.Tx
	for i := range 1000 {
		k, _ := crypto.GeneratePrivKey()
		_ = i
		txs = append(txs, transfer(superKey, addr(k), coin))
	}
	for b.Loop() {
		if _, err := env.e.ExecBlock(env.st, env.hash, 1, 1001, txs, false); err != nil {
			b.Fatal(err)
		}
	}
}

func TestProposerScheduleAdvancesPerBlock(t *testing.T) {
	env := newEnv(t, 4)
	set, _ := env.e.Validators(env.st)
	next := set.Proposer(1).Address
	env.block() // an empty block still advances the schedule
	set, _ = env.e.Validators(env.st)
	if !bytes.Equal(set.Proposer(0).Address, next) {
		t.Fatal("round 0 proposer after a block is not the previous height's next pick")
	}
	seen := map[string]bool{}
	for range 4 {
		set, _ = env.e.Validators(env.st)
		seen[string(set.Proposer(0).Address)] = true
		env.block()
	}
	if len(seen) != 4 {
		t.Fatalf("4 blocks of 4 equal validators had %d proposers", len(seen))
	}
}

// Eth addresses: a transfer to any spelling of one credits its lower-case
// account, the account signs for itself with an Ethereum key (secp256k1eth,
// eth address) and pays its fee, and an eth superManager configured in
// checksum case is recognised.
func TestEthAddressAccounts(t *testing.T) {
	env := newEnv(t, 4)
	ethKey, _ := crypto.GenerateSigner(crypto.SignTypeSecp256k1Eth)
	lower := crypto.EthAddress(ethKey.PubKey())
	upper := "0x" + strings.ToUpper(lower[2:])
	res := env.block(transfer(superKey, upper, 3*coin), transfer(superKey, lower, 2*coin))
	for i, rec := range res.Receipts {
		if rec.Ty != types.ExecOk {
			t.Fatalf("transfer %d: receipt %v", i, rec)
		}
	}
	if env.balance(lower) != 5*coin || env.balance(upper) != 5*coin {
		t.Fatalf("balances %d %d", env.balance(lower), env.balance(upper))
	}
	acc, _ := env.e.Balance(env.st, upper)
	if acc.Addr != lower {
		t.Fatalf("account address %s", acc.Addr)
	}

	back := &types.Transaction{Execer: []byte("coins"), To: addr(superKey), Fee: 100000, Nonce: 99,
		Payload: mustMarshal(&types.CoinsAction{Ty: 1, Value: &types.CoinsAction_Transfer{Transfer: &types.AssetsTransfer{Amount: coin, To: addr(superKey)}}})}
	types.SignAs(back, ethKey, crypto.AddressIDEth)
	tx := types.NewTx(back)
	if tx.From() != lower || !types.VerifySignature(back) {
		t.Fatalf("eth-signed tx from %s", tx.From())
	}
	if rec := env.block(tx).Receipts[0]; rec.Ty != types.ExecOk {
		t.Fatalf("eth-signed transfer: %v", rec)
	}
	if got := env.balance(lower); got != 4*coin-100000 {
		t.Fatalf("balance after sending %d", got)
	}

	// superKey signs for its eth address; the superManager is configured
	// with that address in upper case.
	managerEth := crypto.EthAddress(superKey.PubKey())
	env.block(transfer(superKey, managerEth, coin))
	env.e = New(Params{SuperManagers: []string{"0x" + strings.ToUpper(managerEth[2:])}})
	mod := &types.Transaction{Execer: []byte("manage"), To: crypto.ExecAddress("manage"), Fee: 100000, Nonce: 5,
		Payload: mustMarshal(&types.ManageAction{Value: &types.ManageAction_Modify{Modify: &types.ModifyConfig{Key: "k", Value: "v", Op: "add"}}})}
	types.SignAs(mod, superKey, crypto.AddressIDEth)
	if !types.VerifySignature(mod) {
		t.Fatal("secp256k1 signature for an eth address rejected")
	}
	if rec := env.block(types.NewTx(mod)).Receipts[0]; rec.Ty != types.ExecOk {
		t.Fatalf("eth superManager refused: %v", rec)
	}
}

// A transfer's logs are byte for byte proto.Marshal of the reference's
// ReceiptAccountTransfer{Prev, Current}: for a new recipient (prev holds
// only the address) and for the sender's existing account.
func TestTransferLogBytes(t *testing.T) {
	env := newEnv(t, 4)
	to, _ := crypto.GeneratePrivKey()
	rec := env.block(transfer(superKey, addr(to), 1*coin)).Receipts[0]
	want := []*types.ReceiptAccountTransfer{
		{Prev: &types.Account{Balance: 1e8 * coin, Addr: addr(superKey)}, Current: &types.Account{Balance: 1e8*coin - 100000, Addr: addr(superKey)}},
		{Prev: &types.Account{Balance: 1e8*coin - 100000, Addr: addr(superKey)}, Current: &types.Account{Balance: 1e8*coin - 100000 - coin, Addr: addr(superKey)}},
		{Prev: &types.Account{Addr: addr(to)}, Current: &types.Account{Balance: coin, Addr: addr(to)}},
	}
	if len(rec.Logs) != len(want) {
		t.Fatalf("%d logs", len(rec.Logs))
	}
	for i, w := range want {
		b, err := proto.Marshal(w)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(rec.Logs[i].Log, b) {
			t.Errorf("log %d: %x, want %x (%v)", i, rec.Logs[i].Log, b, w)
		}
	}
	if b := accountTransferLog(nil, nil); !bytes.Equal(b, []byte{0x0a, 0, 0x12, 0}) {
		t.Errorf("empty accounts: %x", b) // both fields present, as Marshal of two empty non-nil accounts gives
	}
}
