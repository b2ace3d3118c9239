package executor

import (
	"encoding/hex"
	"errors"
	"fmt"
	"slices"
	"strings"

	"chain33node/crypto"
	"chain33node/types"

	"google.golang.org/protobuf/proto"
)

// QbftManagerKey is the manage config item listing who may change validators.
const QbftManagerKey = "qbft-manager"

// validatorsKey holds the current validator set with proposer priorities
// (types.QbftValidatorSet, sorted by address): state, so the state hash
// covers it.
var validatorsKey = []byte("mavl-qbftNode-validators")

// Errors of validator updates. The reference packs some of these as ExecOk
// and then ignores the update at consensus; we fail the receipt with the reason.
var (
	ErrNotValidManager  = errors.New("not valid manager")
	ErrEmptyPubKey      = errors.New("validator pubkey is empty")
	ErrNegativePower    = errors.New("validator power must not be negative")
	ErrPowerChangeLimit = errors.New("the change in voting power must be strictly less than 1/3")
	ErrEmptyValidators  = errors.New("the validator set must not become empty")
	ErrUnknownValidator = errors.New("cannot remove a validator that is not in the set")
)

func updateKey(height int64, index int) []byte {
	return fmt.Appendf(nil, "LODB-qbftNode-Update:%18d:%18d", height, index)
}

func updatePrefix(height int64) []byte {
	return fmt.Appendf(nil, "LODB-qbftNode-Update:%18d:", height)
}

type qbftDriver struct {
	noCheck
	e *Executor
}

// The reference's qbftNode executor is free: no fee, no balance needed.
func (qbftDriver) free() bool { return true }

func (qbftDriver) decode(tx *types.Tx) (proto.Message, error) {
	a := &types.QbftNodeAction{}
	if err := proto.Unmarshal(tx.Payload, a); err != nil {
		return nil, err
	}
	return a, nil
}

func (d qbftDriver) exec(x *txContext, tx *types.Tx, msg proto.Message) ([]*types.ReceiptLog, error) {
	a := msg.(*types.QbftNodeAction)
	n, ok := a.Value.(*types.QbftNodeAction_Node)
	if !ok || (a.Ty != 0 && a.Ty != 1) {
		// BlockInfo (ty 2) is the reference's per-block consensus tx; our
		// blocks carry certificates instead.
		return nil, types.ErrActionNotSupport
	}
	managers, err := d.e.ConfigValues(x.st, QbftManagerKey)
	if err != nil {
		return nil, err
	}
	if !slices.Contains(managers, tx.From()) {
		return nil, ErrNotValidManager
	}
	node := n.Node
	if node.GetPubKey() == "" {
		return nil, ErrEmptyPubKey
	}
	if node.Power < 0 {
		return nil, ErrNegativePower
	}
	pub, err := hex.DecodeString(strings.TrimPrefix(node.PubKey, "0x"))
	if err != nil {
		return nil, fmt.Errorf("validator pubkey is not hex: %v", err)
	}
	if _, err := crypto.BLSPubKeyFromBytes(pub); err != nil {
		return nil, fmt.Errorf("validator pubkey is invalid: %v", err)
	}
	if err := x.block.updateValidator(x.st, pub, node.Power); err != nil {
		return nil, err
	}
	rec := &types.QbftNode{PubKey: strings.ToUpper(hex.EncodeToString(pub)), Power: node.Power}
	raw, err := proto.Marshal(rec)
	if err != nil {
		return nil, err
	}
	x.local = append(x.local, &types.KeyValue{Key: updateKey(x.height, x.index), Value: raw})
	return nil, nil
}

// validatorRound tracks a block's validator changes for the 1/3 rule: the
// sum of |power change| in one block must stay below a third of the total
// power of the set that validates the block.
type validatorRound struct {
	threshold int64 // total/3 of the set at the start of the block; -1 until loaded
	acc       int64
}

func (r *validatorRound) updateValidator(st *overlay, pub []byte, power int64) error {
	set, err := loadValidators(st)
	if err != nil {
		return err
	}
	if r.threshold < 0 {
		r.threshold = set.TotalPower() / 3
	}
	addr := crypto.ValidatorAddress(pub)
	i := set.Index(addr)
	var change int64
	switch {
	case i < 0 && power == 0:
		return ErrUnknownValidator
	case i < 0:
		change = power
	default:
		change = power - set.Validators[i].Power
		if change < 0 {
			change = -change
		}
	}
	if i >= 0 && power == 0 && len(set.Validators) == 1 {
		return ErrEmptyValidators
	}
	// The cap before the 1/3 rule: below it change ≤ MaxTotalVotingPower and
	// acc < threshold, so acc+change cannot overflow. The set read here holds
	// the block's earlier updates, so their sum is checked too.
	others := set.TotalPower()
	if i >= 0 {
		others -= set.Validators[i].Power
	}
	if _, err := types.AddVotingPower(others, power); err != nil {
		return fmt.Errorf("validator power %d: %w", power, err)
	}
	if r.acc+change >= r.threshold {
		return fmt.Errorf("%w: block total %d + %d ≥ %d", ErrPowerChangeLimit, r.acc, change, r.threshold)
	}
	switch {
	case i < 0:
		set.Add(&types.Validator{Address: addr, PubKey: pub, Power: power})
	case power == 0:
		set.Validators = slices.Delete(set.Validators, i, i+1)
	default:
		set.Validators[i].Power = power
	}
	r.acc += change
	return saveValidators(st, set)
}

// advanceProposer moves the proposer schedule one step: done once per block,
// so the schedule is a function of state (see types.ValidatorSet).
func advanceProposer(st *overlay) error {
	set, err := loadValidators(st)
	if err != nil {
		return err
	}
	set.Step()
	set.Normalize()
	return saveValidators(st, set)
}

func loadValidators(st *overlay) (*types.ValidatorSet, error) {
	raw, err := st.get(validatorsKey)
	if err != nil {
		return nil, err
	}
	pb := &types.QbftValidatorSet{}
	if err := proto.Unmarshal(raw, pb); err != nil {
		return nil, fmt.Errorf("validator set: %w", err)
	}
	return types.ValidatorSetFromProto(pb)
}

func saveValidators(st *overlay, set *types.ValidatorSet) error {
	raw, err := proto.MarshalOptions{Deterministic: true}.Marshal(set.Proto())
	if err != nil {
		return err
	}
	st.set(validatorsKey, raw)
	return nil
}

// GenesisValidators returns the state change that installs the genesis
// validator set (sorted by validator address, priorities zero).
func GenesisValidators(nodes []*types.QbftNode) (*types.KeyValue, error) {
	if len(nodes) == 0 {
		return nil, ErrEmptyValidators
	}
	set := &types.ValidatorSet{}
	for _, n := range nodes {
		pub, err := hex.DecodeString(strings.TrimPrefix(n.PubKey, "0x"))
		if err != nil || n.Power <= 0 {
			return nil, fmt.Errorf("genesis validator %q power %d: invalid", n.PubKey, n.Power)
		}
		addr := crypto.ValidatorAddress(pub)
		if set.Index(addr) >= 0 {
			return nil, fmt.Errorf("genesis validator %X listed twice", pub)
		}
		if _, err := types.AddVotingPower(set.TotalPower(), n.Power); err != nil {
			return nil, fmt.Errorf("genesis validator %X: %w", pub, err)
		}
		set.Add(&types.Validator{Address: addr, PubKey: pub, Power: n.Power})
	}
	for _, v := range set.Validators {
		v.Accum = 0
	}
	raw, err := proto.MarshalOptions{Deterministic: true}.Marshal(set.Proto())
	if err != nil {
		return nil, err
	}
	return &types.KeyValue{Key: validatorsKey, Value: raw}, nil
}

// Validators returns the validator set in committed state: the set that
// validates the next block, with its proposer priorities.
func (e *Executor) Validators(st StateReader) (*types.ValidatorSet, error) {
	return loadValidators(newOverlay(st))
}

// LocalReader reads the executors' local indexes.
type LocalReader interface {
	LocalPrefix(prefix []byte) ([]*types.KeyValue, error)
}

// QbftNodesByHeight answers GetQbftNodeByHeight: the validator updates
// executed in block height, in transaction order.
func (e *Executor) QbftNodesByHeight(lr LocalReader, height int64) (*types.QbftNodes, error) {
	if height <= 0 {
		return nil, types.ErrInvalidParam
	}
	kvs, err := lr.LocalPrefix(updatePrefix(height))
	if err != nil {
		return nil, err
	}
	if len(kvs) == 0 {
		return nil, types.ErrNotFound
	}
	out := &types.QbftNodes{}
	for _, kv := range kvs {
		n := &types.QbftNode{}
		if err := proto.Unmarshal(kv.Value, n); err != nil {
			return nil, fmt.Errorf("validator update %q: %w", kv.Key, err)
		}
		out.Nodes = append(out.Nodes, n)
	}
	return out, nil
}
