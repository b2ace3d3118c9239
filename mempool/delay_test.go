package mempool

import (
	"errors"
	"testing"

	"chain33node/types"
)

// A delayed transaction enters the pool, with every check, once a block
// with a time of at least its due time is committed, and not before.
func TestDelayedAdmission(t *testing.T) {
	k := genKey(t)
	cfg := testConf
	cfg.PoolCacheSize = 4
	p := newPool(cfg, newFakeChain())
	due := testNow.Unix() + 100
	tx := mkTx(t, k, nil)
	if err := p.Delay(tx, due); err != nil {
		t.Fatal(err)
	}
	if err := p.Delay(tx, due); !errors.Is(err, types.ErrDupTx) {
		t.Fatalf("held twice: %v", err)
	}
	bad := badSig(mkTx(t, k, nil))
	if err := p.Delay(bad, due-1); err != nil {
		t.Fatal(err)
	}
	if err := p.Delay(mkTx(t, k, nil), due); !errors.Is(err, types.ErrMemFull) {
		t.Fatalf("beyond half the pool: %v", err)
	}
	p.Update(testHeight+1, due-2, nil)
	if p.Size() != 0 || p.DelayedLen() != 2 {
		t.Fatal("released before due")
	}
	var admitted []*types.Tx
	p.OnAdmit = func(txs []*types.Tx) { admitted = append(admitted, txs...) }
	p.Update(testHeight+2, due, nil)
	if p.DelayedLen() != 0 || p.Size() != 1 || !p.Has(tx.Hash) || len(admitted) != 1 {
		t.Fatalf("after due: pool %d, held %d, gossiped %d", p.Size(), p.DelayedLen(), len(admitted))
	}
}
