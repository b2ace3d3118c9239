package chain

import (
	"bytes"
	"testing"

	"chain33node/crypto"
	"chain33node/store"
	"chain33node/types"

	"google.golang.org/protobuf/proto"
)

// TestStateTotals: GetTotalCoins and GetExecBalance read the accounts of a
// committed state: coins accounts only for the totals, executor accounts
// (which this chain's coins executor never opens, so written here
// directly) for the executor balances.
func TestStateTotals(t *testing.T) {
	db, err := store.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	account := func(key string, bal, frozen int64) *types.KeyValue {
		v, _ := proto.Marshal(&types.Account{Balance: bal, Frozen: frozen})
		return &types.KeyValue{Key: []byte(key), Value: v}
	}
	a, b := crypto.ExecAddress("user-a"), crypto.ExecAddress("user-b")
	manage, qbft := crypto.ExecAddress("manage"), crypto.ExecAddress("qbftNode")
	blk := &types.Block{ParentHash: make([]byte, 32), StateHash: bytes.Repeat([]byte{1}, 32), TxHash: make([]byte, 32)}
	err = db.CommitBlock(&store.BlockBatch{Block: blk, State: []*types.KeyValue{
		account("mavl-coins-bty-"+a, 5, 0),
		account("mavl-coins-bty-"+b, 7, 1),
		account("mavl-coins-bty-exec-"+manage+":"+a, 3, 2),
		account("mavl-coins-bty-exec-"+qbft+":"+a, 4, 0),
		account("mavl-coins-bty-exec-"+qbft+":"+b, 9, 0),
		{Key: []byte("mavl-coins-bty-zzz"), Value: []byte("not an account")},
	}})
	if err != nil {
		t.Fatal(err)
	}
	c := &Chain{db: db}
	tc, err := c.TotalCoins("coins", "bty", nil, 10)
	if err != nil || tc.Num != 2 || tc.Amount != 12 || tc.NextKey != nil {
		t.Fatalf("TotalCoins = %v, %v", tc, err)
	}
	tc, err = c.TotalCoins("coins", "bty", nil, 1)
	if err != nil || tc.Num != 1 || len(tc.NextKey) == 0 {
		t.Fatalf("TotalCoins count 1 = %v, %v", tc, err)
	}
	if tc, err = c.TotalCoins("coins", "bty", tc.NextKey, 1); err != nil || tc.Num != 1 || tc.NextKey != nil {
		t.Fatalf("TotalCoins from the next key = %v, %v", tc, err)
	}
	eb, err := c.ExecBalance("coins", "bty", a, "", nil, 10)
	if err != nil || eb.Amount != 9 || eb.AmountActive != 7 || eb.AmountFrozen != 2 || len(eb.Items) != 2 {
		t.Fatalf("ExecBalance of a = %v, %v", eb, err)
	}
	eb, err = c.ExecBalance("coins", "bty", a, qbft, nil, 1)
	if err != nil || eb.Amount != 4 || len(eb.Items) != 1 || string(eb.Items[0].ExecAddr) != qbft {
		t.Fatalf("ExecBalance of a at qbftNode = %v, %v", eb, err)
	}
	// One at a time: the next key is the next account of a.
	eb, err = c.ExecBalance("coins", "bty", a, "", nil, 1)
	if err != nil || len(eb.Items) != 1 || len(eb.NextKey) == 0 {
		t.Fatalf("ExecBalance of a, count 1 = %v, %v", eb, err)
	}
	first := string(eb.Items[0].ExecAddr)
	if eb, err = c.ExecBalance("coins", "bty", a, "", eb.NextKey, 1); err != nil || len(eb.Items) != 1 ||
		string(eb.Items[0].ExecAddr) == first || eb.NextKey != nil {
		t.Fatalf("ExecBalance of a from the next key = %v, %v", eb, err)
	}
	if eb, err = c.ExecBalance("coins", "bty", crypto.ExecAddress("nobody"), "", nil, 10); err != nil || eb.Amount != 0 || len(eb.Items) != 0 {
		t.Fatalf("ExecBalance of nobody = %v, %v", eb, err)
	}
}
