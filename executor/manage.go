package executor

import (
	"fmt"
	"slices"

	"chain33node/crypto"
	"chain33node/types"

	"google.golang.org/protobuf/proto"
)

// manage Modify ops.
const (
	opAdd    = "add"
	opDelete = "delete"
)

type manageDriver struct {
	noCheck
	e *Executor
}

func (manageDriver) free() bool { return false }

func (manageDriver) decode(tx *types.Tx) (proto.Message, error) {
	a := &types.ManageAction{}
	if err := proto.Unmarshal(tx.Payload, a); err != nil {
		return nil, err
	}
	return a, nil
}

func configKey(key string) []byte       { return []byte("mavl-manage-" + key) }
func legacyConfigKey(key string) []byte { return []byte("mavl-config--" + key) }

// loadConfigItem reads a config item, falling back to the reference's legacy
// key. An absent item is an empty array item, as the reference creates it.
func loadConfigItem(st *overlay, key string) (*types.ConfigItem, error) {
	raw, err := st.get(configKey(key))
	if err == nil && raw == nil {
		raw, err = st.get(legacyConfigKey(key))
	}
	if err != nil {
		return nil, err
	}
	item := &types.ConfigItem{}
	if raw == nil {
		item.Key = key
		item.Value = &types.ConfigItem_Arr{Arr: &types.ArrayConfig{}}
		return item, nil
	}
	if err := proto.Unmarshal(raw, item); err != nil {
		return nil, fmt.Errorf("config item %s: %w", key, err)
	}
	return item, nil
}

func (d manageDriver) exec(x *txContext, tx *types.Tx, msg proto.Message) ([]*types.ReceiptLog, error) {
	a := msg.(*types.ManageAction)
	m, ok := a.Value.(*types.ManageAction_Modify)
	if !ok || a.Ty != 0 {
		// Apply/Approve belong to the autonomy-governed flow, not used by consortium chains.
		return nil, types.ErrActionNotSupport
	}
	if d.e.p.AutonomyExec != "" {
		return nil, types.ErrNotAllow
	}
	mod := m.Modify
	// An eth superManager may be configured in any case (the reference
	// lower-cases it, ForkEthAddressFormat); a sender's eth address is lower-case.
	if !slices.ContainsFunc(d.e.p.SuperManagers, func(m string) bool { return crypto.FormatAddress(m) == tx.From() }) {
		return nil, types.ErrNoPrivilege
	}
	if mod.GetKey() == "" {
		return nil, types.ErrBadConfigKey
	}
	if mod.Op != opAdd && mod.Op != opDelete {
		return nil, types.ErrBadConfigOp
	}
	prev, err := loadConfigItem(x.st, mod.Key)
	if err != nil {
		return nil, err
	}
	cur := proto.Clone(prev).(*types.ConfigItem)
	arr := cur.GetArr()
	if arr == nil {
		arr = &types.ArrayConfig{}
		cur.Value = &types.ConfigItem_Arr{Arr: arr}
	}
	if mod.Op == opAdd {
		arr.Value = append(arr.Value, mod.Value)
	} else {
		arr.Value = slices.DeleteFunc(arr.Value, func(v string) bool { return v == mod.Value })
	}
	raw, err := proto.MarshalOptions{Deterministic: true}.Marshal(cur)
	if err != nil {
		return nil, err
	}
	x.st.set(configKey(mod.Key), raw)
	logRaw, err := proto.Marshal(&types.ReceiptConfig{Prev: prev, Current: cur})
	if err != nil {
		return nil, err
	}
	return []*types.ReceiptLog{{Ty: types.TyLogModifyConfig, Log: logRaw}}, nil
}

// ConfigItem answers the manage query GetConfigItem: the value is the
// reference's fmt.Sprint of the array ("[a b]"), empty when absent.
func (e *Executor) ConfigItem(st StateReader, key string) (*types.ReplyConfig, error) {
	item, err := loadConfigItem(newOverlay(st), key)
	if err != nil {
		return nil, err
	}
	reply := &types.ReplyConfig{Key: key}
	if arr := item.GetArr(); arr != nil && len(arr.Value) > 0 {
		reply.Value = fmt.Sprint(arr.Value)
	}
	return reply, nil
}

// ConfigValues returns the array values of a config item.
func (e *Executor) ConfigValues(st StateReader, key string) ([]string, error) {
	item, err := loadConfigItem(newOverlay(st), key)
	if err != nil {
		return nil, err
	}
	return item.GetArr().GetValue(), nil
}
