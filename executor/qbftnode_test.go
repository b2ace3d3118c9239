package executor

import (
	"errors"
	"math"
	"strings"
	"testing"

	"chain33node/crypto"
	"chain33node/types"

	"google.golang.org/protobuf/proto"
)

// capErr is what a receipt refused for the cap says.
const capErr = "total voting power above the cap MaxTotalVotingPower = 1152921504606846975"

func (env *chainEnv) total() int64 {
	env.t.Helper()
	set, err := env.e.Validators(env.st)
	if err != nil {
		env.t.Fatal(err)
	}
	if err := set.CheckPower(); err != nil {
		env.t.Fatal(err)
	}
	return set.TotalPower()
}

func withManager(t *testing.T, env *chainEnv) *crypto.PrivKey {
	t.Helper()
	manager, err := crypto.GeneratePrivKey()
	if err != nil {
		t.Fatal(err)
	}
	env.block(modify(superKey, QbftManagerKey, "add", addr(manager)))
	return manager
}

// The case: two updates in one block, the second so large that the
// block's sum of changes wrapped to a negative number and passed the 1/3
// rule, and the total wrapped with it.
func TestQbftNodeTwoUpdatesCannotWrap(t *testing.T) {
	env := newEnv(t, 4) // 4×10: a block may change less than 13
	manager := withManager(t, env)
	res := env.block(nodeUpdate(manager, newPub(), 10), nodeUpdate(manager, newPub(), math.MaxInt64-5))
	if res.Receipts[0].Ty != types.ExecOk {
		t.Fatalf("first update: %v", res.Receipts[0])
	}
	if got := logErr(t, res.Receipts[1]); !strings.Contains(got, capErr) {
		t.Fatalf("second update: %q", got)
	}
	if p := env.powers(); len(p) != 5 || env.total() != 50 {
		t.Fatalf("set after the block: %v", p)
	}
}

// Near the cap, updates of one block are checked against the total with
// the block's earlier updates: the one that would pass the cap fails, one
// that reaches it exactly passes.
func TestQbftNodeUpdatesNearTheCap(t *testing.T) {
	q := int64(types.MaxTotalVotingPower / 4)
	env := newEnvPowers(t, q, q, q, q-100) // total: the cap - 103
	manager := withManager(t, env)
	if env.total() != types.MaxTotalVotingPower-103 {
		t.Fatalf("total %d", env.total())
	}
	a, b, c := newPub(), newPub(), newPub()
	res := env.block(nodeUpdate(manager, a, 50), nodeUpdate(manager, b, 54), nodeUpdate(manager, c, 53))
	if res.Receipts[0].Ty != types.ExecOk || res.Receipts[2].Ty != types.ExecOk {
		t.Fatalf("receipts %v / %v", res.Receipts[0], res.Receipts[2])
	}
	if got := logErr(t, res.Receipts[1]); !strings.Contains(got, capErr) || !strings.Contains(got, "validator power 54") {
		t.Fatalf("past the cap: %q", got)
	}
	if env.total() != types.MaxTotalVotingPower {
		t.Fatalf("total %d, want the cap", env.total())
	}
	// At the cap: one more unit fails, for a newcomer and for a validator
	// that grows; a single power past the cap fails whatever the set.
	for _, tx := range []*types.Tx{
		nodeUpdate(manager, newPub(), 1),
		nodeUpdate(manager, a, 51),
		nodeUpdate(manager, newPub(), types.MaxTotalVotingPower+1),
		nodeUpdate(manager, a, math.MaxInt64),
	} {
		if got := logErr(t, env.block(tx).Receipts[0]); !strings.Contains(got, capErr) {
			t.Errorf("past the cap: %q", got)
		}
	}
	// Shrinking and moving power within the cap still work.
	res = env.block(nodeUpdate(manager, a, 10), nodeUpdate(manager, c, 93))
	if res.Receipts[0].Ty != types.ExecOk || res.Receipts[1].Ty != types.ExecOk || env.total() != types.MaxTotalVotingPower {
		t.Fatalf("within the cap: %v %v, total %d", res.Receipts[0], res.Receipts[1], env.total())
	}
}

// The long way: every block raises a validator's power by just under
// a third of the total, which the 1/3 rule allows. Without a cap about 150
// such blocks wrapped the total; now growth stops at the cap with a failed
// receipt that names it, and the set stays usable.
func TestQbftNodePowerGrowthStopsAtTheCap(t *testing.T) {
	env := newEnv(t, 4)
	manager := withManager(t, env)
	var pub string
	for k := range env.powers() {
		pub = k
		break
	}
	blocks := 0
	for {
		total := env.total()
		power := env.powers()[pub] + (total/3 - 1)
		rec := env.block(nodeUpdate(manager, pub, power)).Receipts[0]
		if rec.Ty != types.ExecOk {
			if got := logErr(t, rec); !strings.Contains(got, capErr) {
				t.Fatalf("after %d blocks, at total %d: %q", blocks, total, got)
			}
			break
		}
		blocks++
		if env.total() > types.MaxTotalVotingPower {
			t.Fatalf("total %d past the cap", env.total())
		}
	}
	if blocks < 100 {
		t.Fatalf("growth stopped after %d blocks, far below the cap (total %d)", blocks, env.total())
	}
	// The room left is less than a third: fill it exactly, then nothing more.
	room := types.MaxTotalVotingPower - env.total()
	if rec := env.block(nodeUpdate(manager, pub, env.powers()[pub]+room)).Receipts[0]; rec.Ty != types.ExecOk {
		t.Fatalf("filling the last %d: %v", room, rec)
	}
	if got := logErr(t, env.block(nodeUpdate(manager, pub, env.powers()[pub]+1)).Receipts[0]); !strings.Contains(got, capErr) {
		t.Fatalf("one past the cap: %q", got)
	}
	set, err := env.e.Validators(env.st)
	if err != nil {
		t.Fatal(err)
	}
	if set.TotalPower() != types.MaxTotalVotingPower || set.Quorum() != 768614336404564651 {
		t.Fatalf("at the cap after %d blocks: total %d quorum %d", blocks, set.TotalPower(), set.Quorum())
	}
	t.Logf("%d blocks of legal growth reached the cap", blocks)
}

// A set past the cap in state (which no rule lets in) is refused where it is
// read, never used.
func TestValidatorsPastTheCapInStateRefused(t *testing.T) {
	env := newEnv(t, 2)
	set, err := env.e.Validators(env.st)
	if err != nil {
		t.Fatal(err)
	}
	set.Validators[0].Power = types.MaxTotalVotingPower
	raw, err := proto.Marshal(set.Proto())
	if err != nil {
		t.Fatal(err)
	}
	env.st[string(validatorsKey)] = raw
	if _, err := env.e.Validators(env.st); !errors.Is(err, types.ErrVotingPowerCap) {
		t.Fatalf("Validators: %v", err)
	}
	if _, err := env.e.ExecBlock(env.st, env.hash, env.height, 2000, nil, false); !errors.Is(err, types.ErrVotingPowerCap) {
		t.Fatalf("ExecBlock: %v", err)
	}
}

func TestGenesisValidatorsCap(t *testing.T) {
	if _, err := GenesisValidators([]*types.QbftNode{{PubKey: newPub(), Power: types.MaxTotalVotingPower - 1}, {PubKey: newPub(), Power: 1}}); err != nil {
		t.Fatalf("at the cap: %v", err)
	}
	for _, powers := range [][]int64{{types.MaxTotalVotingPower, 1}, {math.MaxInt64, math.MaxInt64}, {types.MaxTotalVotingPower + 1}} {
		var nodes []*types.QbftNode
		for _, p := range powers {
			nodes = append(nodes, &types.QbftNode{PubKey: newPub(), Power: p})
		}
		if _, err := GenesisValidators(nodes); !errors.Is(err, types.ErrVotingPowerCap) {
			t.Errorf("powers %v: %v", powers, err)
		}
	}
}
