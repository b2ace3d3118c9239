package types

import (
	"encoding/json"
	"errors"
	"testing"

	"google.golang.org/protobuf/proto"
)

func encode(t *testing.T, m proto.Message) []byte {
	t.Helper()
	b, err := proto.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestActionNameAndAmount(t *testing.T) {
	coins := func(a *CoinsAction) *Transaction {
		return &Transaction{Execer: []byte(ExecCoins), Payload: encode(t, a)}
	}
	for _, c := range []struct {
		tx     *Transaction
		name   string
		amount int64
	}{
		{coins(&CoinsAction{Ty: 1, Value: &CoinsAction_Transfer{Transfer: &AssetsTransfer{Amount: 7}}}), "transfer", 7},
		{coins(&CoinsAction{Ty: 2, Value: &CoinsAction_Genesis{Genesis: &AssetsGenesis{Amount: 8}}}), "genesis", 8},
		{coins(&CoinsAction{Ty: 3, Value: &CoinsAction_Withdraw{Withdraw: &AssetsWithdraw{Amount: 9}}}), "withdraw", 9},
		{coins(&CoinsAction{Ty: 10, Value: &CoinsAction_TransferToExec{TransferToExec: &AssetsTransferToExec{Amount: 10}}}), "transferToExec", 10},
		// The reference names the action by ty and counts an amount only
		// when ty and the oneof member agree.
		{coins(&CoinsAction{Ty: 3, Value: &CoinsAction_Transfer{Transfer: &AssetsTransfer{Amount: 7}}}), "withdraw", 0},
		{coins(&CoinsAction{Ty: 99}), "unknown", 0},
		{&Transaction{Execer: []byte(ExecCoins), Payload: []byte{0xff}}, "unknown-err", 0},
		{&Transaction{Execer: []byte(ExecManage), Payload: encode(t, &ManageAction{Value: &ManageAction_Modify{Modify: &ModifyConfig{}}})}, "modify", 0},
		{&Transaction{Execer: []byte(ExecManage), Payload: encode(t, &ManageAction{Ty: 1})}, "apply", 0},
		{&Transaction{Execer: []byte(ExecManage), Payload: encode(t, &ManageAction{Ty: 2})}, "approve", 0},
		{&Transaction{Execer: []byte(ExecQbftNode), Payload: encode(t, &QbftNodeAction{Ty: 1, Value: &QbftNodeAction_Node{Node: &QbftNode{PubKey: "AB", Power: 10}}})}, "node", 0},
		{&Transaction{Execer: []byte(ExecQbftNode), Payload: encode(t, &QbftNodeAction{Ty: 2, Value: &QbftNodeAction_BlockInfo{BlockInfo: &QbftBlockInfo{}}})}, "blockInfo", 0},
		{&Transaction{Execer: []byte("none"), Payload: []byte("x")}, "notary", 0},
		{&Transaction{Execer: []byte("user.evidence"), Payload: []byte("x")}, "unknown", 0},
		{&Transaction{Execer: []byte("none"), Payload: encode(t, &NoneAction{Ty: 101})}, "CommitDelayTx", 0},
		{&Transaction{Execer: []byte("user.coins"), Payload: encode(t, &CoinsAction{Ty: 1})}, "transfer", 0},
	} {
		if got := ActionName(string(c.tx.Execer), c.tx.Payload); got != c.name {
			t.Errorf("ActionName(%s %x) = %q, want %q", c.tx.Execer, c.tx.Payload, got, c.name)
		}
		if got := TxAmount(c.tx); got != c.amount {
			t.Errorf("TxAmount(%s %x) = %d, want %d", c.tx.Execer, c.tx.Payload, got, c.amount)
		}
	}
	// The transcript's transactions.
	for h, name := range map[string]string{manageTxHex: "modify", coinsTxHex: "transfer"} {
		tx := mustDecodeTx(t, h)
		if got := ActionName(string(tx.Execer), tx.Payload); got != name {
			t.Errorf("ActionName = %q, want %q", got, name)
		}
	}
	if got := TxAmount(mustDecodeTx(t, coinsTxHex).Transaction); got != 100000000 {
		t.Errorf("TxAmount = %d", got)
	}
}

func TestDecodePayload(t *testing.T) {
	m, err := DecodePayload(ExecManage, mustDecodeTx(t, manageTxHex).Payload)
	if err != nil {
		t.Fatal(err)
	}
	if mod := m.(*ManageAction).GetModify(); mod.GetKey() != "qbft-manager" || mod.GetOp() != "add" {
		t.Fatalf("decoded %v", m)
	}
	if _, err := DecodePayload("evm", nil); !errors.Is(err, ErrExecNotFound) {
		t.Fatalf("unknown execer: %v", err)
	}
	if _, err := DecodePayload(ExecCoins, []byte{0xff}); err == nil {
		t.Fatal("bad payload decoded")
	}
}

func TestAssets(t *testing.T) {
	tx := &Transaction{Execer: []byte(ExecCoins), Payload: encode(t, &CoinsAction{Ty: 1, Value: &CoinsAction_Transfer{Transfer: &AssetsTransfer{Amount: 5}}})}
	b, _ := json.Marshal(TxAssets(tx, "bty"))
	if string(b) != `[{"exec":"coins","symbol":"BTY","amount":5}]` {
		t.Fatalf("assets %s", b)
	}
	gen := &Transaction{Execer: []byte(ExecCoins), Payload: encode(t, &CoinsAction{Ty: 2, Value: &CoinsAction_Genesis{Genesis: &AssetsGenesis{Amount: 5}}})}
	if a := TxAssets(gen, "bty"); a != nil {
		t.Fatalf("genesis assets %v", a)
	}
}

func TestLogs(t *testing.T) {
	names := map[int32]string{
		ExecErr: "ExecErr", ExecPack: "ExecPack", ExecOk: "ExecOk", 3: "Unknown",
	}
	for ty, want := range names {
		if got := ReceiptTyName(ty); got != want {
			t.Errorf("ReceiptTyName(%d) = %q", ty, got)
		}
	}
	for ty, want := range map[int32]string{
		TyLogErr: "LogErr", TyLogFee: "LogFee", TyLogTransfer: "LogTransfer", TyLogGenesis: "LogGenesis",
		TyLogDeposit: "LogDeposit", TyLogExecTransfer: "LogExecTransfer", TyLogExecWithdraw: "LogExecWithdraw",
		TyLogExecDeposit: "LogExecDeposit", TyLogExecFrozen: "LogExecFrozen", TyLogExecActive: "LogExecActive",
		TyLogGenesisTransfer: "LogGenesisTransfer", TyLogGenesisDeposit: "LogGenesisDeposit",
		TyLogModifyConfig: "LogModifyConfig", 0: "LogReserved", 12345: "LogReserved",
	} {
		if got := LogName(ty); got != want {
			t.Errorf("LogName(%d) = %q, want %q", ty, got, want)
		}
	}

	if v := DecodeLog(TyLogErr, []byte("ErrAmount")); v != "ErrAmount" {
		t.Errorf("LogErr decoded %v", v)
	}
	if v := DecodeLog(12345, []byte{1}); v != nil {
		t.Errorf("unknown log decoded %v", v)
	}
	// transcript §2 tx query: the LogModifyConfig rawLog.
	raw, _ := DecodeHex("0x0a100a0c716266742d6d616e616765721a0012340a0c716266742d6d616e616765721a241a22313271796f6361794e46374c7636433971573461767873324537553431664b536676")
	rc, ok := DecodeLog(TyLogModifyConfig, raw).(*ReceiptConfig)
	if !ok {
		t.Fatalf("LogModifyConfig decoded %T", DecodeLog(TyLogModifyConfig, raw))
	}
	want := `{"prev":{"key":"qbft-manager","addr":"","arr":{"value":[]},"Ty":0},"current":{"key":"qbft-manager","addr":"","arr":{"value":["12qyocayNF7Lv6C9qW4avxs2E7U41fKSfv"]},"Ty":0}}`
	if got := marshalPB(t, rc, false); got != want {
		t.Errorf("LogModifyConfig JSON\n got  %s\n want %s", got, want)
	}
	// transcript §3 tx query: a LogTransfer whose prev balance is 0.
	raw, _ = DecodeHex("0x0a242222313271796f6361794e46374c7636433971573461767873324537553431664b53667612291080c2d72f2222313271796f6361794e46374c7636433971573461767873324537553431664b536676")
	if _, ok := DecodeLog(TyLogTransfer, raw).(*ReceiptAccountTransfer); !ok {
		t.Fatal("LogTransfer not a ReceiptAccountTransfer")
	}
	want = `{"prev":{"currency":0,"balance":"0","frozen":"0","addr":"12qyocayNF7Lv6C9qW4avxs2E7U41fKSfv"},"current":{"currency":0,"balance":"100000000","frozen":"0","addr":"12qyocayNF7Lv6C9qW4avxs2E7U41fKSfv"}}`
	if got := string(logJSON(TyLogTransfer, raw)); got != want {
		t.Errorf("LogTransfer JSON\n got  %s\n want %s", got, want)
	}
	if _, ok := DecodeLog(TyLogExecDeposit, nil).(*ReceiptExecAccountTransfer); !ok {
		t.Error("LogExecDeposit not a ReceiptExecAccountTransfer")
	}
}
