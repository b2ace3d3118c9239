package chain

import (
	"slices"
	"testing"

	"chain33node/crypto"
	"chain33node/types"
)

// A proposer's index entries are computed ahead (Build keeps the block and
// prepares them) and equal those a follower computes at commit; prepared
// entries that are not of the indexed head (other kinds, another height, a
// failure) are not used.
func TestPreparedIndexEntries(t *testing.T) {
	proposer, follower := newIndexedPair(t)
	a, _ := crypto.GeneratePrivKey()
	b, _ := crypto.GeneratePrivKey()
	bogus := []*types.KeyValue{{Key: []byte(keyTxAddrHash + "bogus"), Value: []byte("x")}}
	stale := []*preparedIndex{
		nil, // the follower's first block: computed at commit
		{kinds: allIndexes.kinds(), height: 0, kvs: bogus},                     // another height (block 2's parent is 1)
		{kinds: allIndexes.kinds() &^ idxFee, height: 2, kvs: bogus},           // other kinds
		{kinds: allIndexes.kinds(), height: 3, kvs: bogus, err: errNotIndexed}, // failed
	}
	for i, tx := range []*types.Tx{transfer(superKey, addr(a), 50*coin), transfer(superKey, addr(b), 7*coin),
		transfer(a, addr(b), coin), transfer(b, addr(a), 2)} {
		x := proposer.commit(t, tx)
		if x.index == nil {
			t.Fatal("Build prepared no index entries")
		}
		<-x.index.done
		if x.index.err != nil || x.index.height != int64(i) {
			t.Fatalf("block %d: prepared at %d: %v", x.Block.Height, x.index.height, x.index.err)
		}
		y, err := follower.c.Validate(x.Block, nil)
		if err != nil {
			t.Fatal(err)
		}
		<-y.index.done
		if s := stale[i]; s != nil {
			s.done = make(chan struct{})
			close(s.done)
			y.index = s
		}
		follower.apply(t, x.Block)
	}
	want, got := indexEntries(t, proposer.db), indexEntries(t, follower.db)
	if len(want) == 0 || !slices.Equal(got, want) {
		t.Fatalf("follower's entries differ from the proposer's: %s", firstDiff(got, want))
	}
}
