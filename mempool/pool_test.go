package mempool

import (
	"bytes"
	"errors"
	"math/rand/v2"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"chain33node/crypto"
	"chain33node/types"

	"google.golang.org/protobuf/proto"
)

const (
	testChainID = 33
	testHeight  = 10
)

var (
	testNow  = time.Unix(1_700_000_000, 0)
	testTo   = crypto.ExecAddress("coins")
	testConf = Config{
		PoolCacheSize:      100,
		MaxTxNumPerAccount: 3,
		MinTxFeeRate:       100000,
		MaxTxFee:           1e9,
		ChainID:            testChainID,
	}
)

// fakeChain is an in-memory Chain.
type fakeChain struct {
	mu       sync.Mutex
	height   int64
	onChain  map[string]bool
	checkErr map[string]error
	readErr  error // HasTx fails with it
}

func newFakeChain() *fakeChain {
	return &fakeChain{height: testHeight, onChain: map[string]bool{}, checkErr: map[string]error{}}
}

func (f *fakeChain) Head() (int64, int64) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.height, testNow.Unix()
}

func (f *fakeChain) HasTx(hash []byte) (bool, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.onChain[string(hash)], f.readErr
}

func (f *fakeChain) CheckTx(tx *types.Tx) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.checkErr[string(tx.Hash)]
}

func newPool(cfg Config, c Chain) *Pool {
	p := New(cfg, c)
	p.Now = func() time.Time { return testNow }
	p.SetSynced(true)
	return p
}

func genKey(t testing.TB) *crypto.PrivKey {
	t.Helper()
	k, err := crypto.GeneratePrivKey()
	if err != nil {
		t.Fatal(err)
	}
	return k
}

// senderTxs signs each valid txs for each of senders new keys: the txs of
// sender i are result[i].
func senderTxs(t testing.TB, senders, each int) [][]*types.Tx {
	t.Helper()
	txs := make([][]*types.Tx, senders)
	for i := range txs {
		k := genKey(t)
		for range each {
			txs[i] = append(txs[i], mkTx(t, k, nil))
		}
	}
	return txs
}

// mkTx builds a valid tx, applies edit before signing and signs it with k.
func mkTx(t testing.TB, k *crypto.PrivKey, edit func(*types.Transaction)) *types.Tx {
	t.Helper()
	tr := &types.Transaction{
		Execer:  []byte("coins"),
		Payload: []byte("transfer payload"),
		Fee:     1e6,
		Nonce:   rand.Int64(),
		To:      testTo,
		ChainID: testChainID,
	}
	if edit != nil {
		edit(tr)
	}
	types.Sign(tr, k)
	return types.NewTx(tr)
}

// badSig returns tx with one signature byte flipped: same hash, invalid.
func badSig(tx *types.Tx) *types.Tx {
	tr := proto.Clone(tx.Transaction).(*types.Transaction)
	tr.Signature.Signature[len(tr.Signature.Signature)/2] ^= 0x01
	return types.NewTx(tr)
}

// fill admits n valid txs from k.
func fill(t testing.TB, p *Pool, k *crypto.PrivKey, n int) {
	t.Helper()
	for range n {
		if err := p.Add(mkTx(t, k, nil)); err != nil {
			t.Fatalf("fill: %v", err)
		}
	}
}

func TestAdmission(t *testing.T) {
	k, other := genKey(t), genKey(t)
	good := mkTx(t, k, nil)
	expireH := func(e int64) func(*types.Transaction) { return func(tr *types.Transaction) { tr.Expire = e } }
	big := func(tr *types.Transaction) { tr.Payload = make([]byte, types.MaxTxSize+1); tr.Fee = 2e7 }
	// Unsigned size ~860 bytes: minimum fee 1e5 signed, 2e5 with the +300.
	unsigned := func(fee int64) *types.Tx {
		tr := &types.Transaction{Execer: []byte("coins"), Payload: make([]byte, 760), Fee: fee, To: testTo, ChainID: testChainID}
		return types.NewTx(tr)
	}
	fillK := func(t *testing.T, p *Pool, _ *fakeChain, _ *types.Tx) { fill(t, p, k, testConf.MaxTxNumPerAccount) }
	onChain := func(t *testing.T, _ *Pool, fc *fakeChain, tx *types.Tx) { fc.onChain[string(tx.Hash)] = true }
	noBalance := func(t *testing.T, _ *Pool, fc *fakeChain, tx *types.Tx) {
		fc.checkErr[string(tx.Hash)] = types.ErrNoBalance
	}
	inPool := func(t *testing.T, p *Pool, _ *fakeChain, _ *types.Tx) {
		if err := p.Add(good); err != nil {
			t.Fatal(err)
		}
	}
	fullPool := func(t *testing.T, p *Pool, _ *fakeChain, _ *types.Tx) { fill(t, p, other, 1) }
	both := func(fs ...func(*testing.T, *Pool, *fakeChain, *types.Tx)) func(*testing.T, *Pool, *fakeChain, *types.Tx) {
		return func(t *testing.T, p *Pool, fc *fakeChain, tx *types.Tx) {
			for _, f := range fs {
				f(t, p, fc, tx)
			}
		}
	}
	poolOf1 := func(c *Config) { c.PoolCacheSize = 1 }

	tests := []struct {
		name     string
		cfg      func(*Config)
		unsynced bool
		setup    func(*testing.T, *Pool, *fakeChain, *types.Tx)
		tx       func() *types.Tx
		want     error
	}{
		{name: "valid", tx: func() *types.Tx { return mkTx(t, k, nil) }},
		{name: "valid expire height+2", tx: func() *types.Tx { return mkTx(t, k, expireH(testHeight+2)) }},
		{name: "valid expire now+60s", tx: func() *types.Tx { return mkTx(t, k, expireH(testNow.Unix()+60)) }},
		{name: "fee rate 0 skips fee and chainID", cfg: func(c *Config) { c.MinTxFeeRate = 0 },
			tx: func() *types.Tx { return mkTx(t, k, func(tr *types.Transaction) { tr.Fee = 0; tr.ChainID = 7 }) }},
		{name: "forceAccept before sync", unsynced: true, cfg: func(c *Config) { c.ForceAccept = true },
			tx: func() *types.Tx { return mkTx(t, k, nil) }},

		// Each tx violates exactly one rule.
		{name: "not synced", unsynced: true, tx: func() *types.Tx { return mkTx(t, k, nil) }, want: types.ErrNotSync},
		{name: "too big", tx: func() *types.Tx { return mkTx(t, k, big) }, want: types.ErrTxMsgSizeTooBig},
		{name: "fee too low", tx: func() *types.Tx { return mkTx(t, k, func(tr *types.Transaction) { tr.Fee = 99999 }) }, want: types.ErrTxFeeTooLow},
		{name: "unsigned fee counts +300", tx: func() *types.Tx { return unsigned(150000) }, want: types.ErrTxFeeTooLow},
		{name: "fee too high", tx: func() *types.Tx { return mkTx(t, k, func(tr *types.Transaction) { tr.Fee = 1e9 + 1 }) }, want: types.ErrTxFeeTooHigh},
		{name: "chainID", tx: func() *types.Tx { return mkTx(t, k, func(tr *types.Transaction) { tr.ChainID = 34 }) }, want: types.ErrTxChainID},
		{name: "group", tx: func() *types.Tx { return mkTx(t, k, func(tr *types.Transaction) { tr.GroupCount = 2 }) }, want: types.ErrTxGroupCountLessThanTwo},
		{name: "bad to", tx: func() *types.Tx { return mkTx(t, k, func(tr *types.Transaction) { tr.To = "1BadAddress" }) }, want: types.ErrInvalidAddress},
		{name: "many per account", setup: fillK, tx: func() *types.Tx { return mkTx(t, k, nil) }, want: types.ErrManyTx},
		{name: "expired height", tx: func() *types.Tx { return mkTx(t, k, expireH(testHeight+1)) }, want: types.ErrTxExpire},
		{name: "expired time", tx: func() *types.Tx { return mkTx(t, k, expireH(testNow.Unix())) }, want: types.ErrTxExpire},
		{name: "expire within 60s", tx: func() *types.Tx { return mkTx(t, k, expireH(testNow.Unix()+59)) }, want: types.ErrTxExpire},
		{name: "bad signature", tx: func() *types.Tx { return badSig(mkTx(t, k, nil)) }, want: types.ErrSign},
		{name: "unsigned", tx: func() *types.Tx { return unsigned(200000) }, want: types.ErrSign},
		{name: "on chain", setup: onChain, tx: func() *types.Tx { return good }, want: types.ErrDupTx},
		{name: "in pool", setup: inPool, tx: func() *types.Tx { return good }, want: types.ErrDupTx},
		{name: "exec check", setup: noBalance, tx: func() *types.Tx { return good }, want: types.ErrNoBalance},
		{name: "pool full", cfg: poolOf1, setup: fullPool, tx: func() *types.Tx { return mkTx(t, k, nil) }, want: types.ErrMemFull},

		// Each tx violates two rules: the earlier one wins.
		{name: "not synced > too big", unsynced: true, tx: func() *types.Tx { return mkTx(t, k, big) }, want: types.ErrNotSync},
		{name: "too big > fee too low", tx: func() *types.Tx {
			return mkTx(t, k, func(tr *types.Transaction) { big(tr); tr.Fee = 1e5 })
		}, want: types.ErrTxMsgSizeTooBig},
		{name: "fee too low > chainID", tx: func() *types.Tx {
			return mkTx(t, k, func(tr *types.Transaction) { tr.Fee = 1; tr.ChainID = 1 })
		}, want: types.ErrTxFeeTooLow},
		{name: "fee too high > chainID", tx: func() *types.Tx {
			return mkTx(t, k, func(tr *types.Transaction) { tr.Fee = 2e9; tr.ChainID = 1 })
		}, want: types.ErrTxFeeTooHigh},
		{name: "group > chainID", tx: func() *types.Tx {
			return mkTx(t, k, func(tr *types.Transaction) { tr.ChainID = 1; tr.GroupCount = 2 })
		}, want: types.ErrTxGroupCountLessThanTwo},
		{name: "group > bad to", tx: func() *types.Tx {
			return mkTx(t, k, func(tr *types.Transaction) { tr.GroupCount = 2; tr.To = "x" })
		}, want: types.ErrTxGroupCountLessThanTwo},
		{name: "bad to > many", setup: fillK, tx: func() *types.Tx {
			return mkTx(t, k, func(tr *types.Transaction) { tr.To = "x" })
		}, want: types.ErrInvalidAddress},
		{name: "many > expired", setup: fillK, tx: func() *types.Tx { return mkTx(t, k, expireH(1)) }, want: types.ErrManyTx},
		{name: "expired > bad signature", tx: func() *types.Tx { return badSig(mkTx(t, k, expireH(1))) }, want: types.ErrTxExpire},
		{name: "bad signature > on chain", setup: onChain, tx: func() *types.Tx { return badSig(good) }, want: types.ErrSign},
		{name: "bad signature > in pool", setup: inPool, tx: func() *types.Tx { return badSig(good) }, want: types.ErrSign},
		{name: "in pool > exec check", setup: both(inPool, noBalance), tx: func() *types.Tx { return good }, want: types.ErrDupTx},
		{name: "on chain > exec check", setup: both(onChain, noBalance), tx: func() *types.Tx { return good }, want: types.ErrDupTx},
		// Pool full comes before the signature and what follows (the reference checks it last): under
		// overload a refusal costs no verification. A pooled duplicate is still ErrDupTx.
		{name: "pool full > exec check", cfg: poolOf1, setup: both(fullPool, noBalance), tx: func() *types.Tx { return good }, want: types.ErrMemFull},
		{name: "pool full > bad signature", cfg: poolOf1, setup: fullPool, tx: func() *types.Tx { return badSig(mkTx(t, k, nil)) }, want: types.ErrMemFull},
		{name: "expired > pool full", cfg: poolOf1, setup: fullPool, tx: func() *types.Tx { return mkTx(t, k, expireH(testHeight+1)) }, want: types.ErrTxExpire},
	}
	for _, tc := range tests {
		tx := tc.tx()
		for _, batch := range []bool{false, true} {
			name := tc.name
			if batch {
				name += "/batch"
			}
			t.Run(name, func(t *testing.T) {
				cfg := testConf
				if tc.cfg != nil {
					tc.cfg(&cfg)
				}
				fc := newFakeChain()
				p := New(cfg, fc)
				p.Now = func() time.Time { return testNow }
				if !tc.unsynced {
					p.SetSynced(true)
				}
				if tc.setup != nil {
					tc.setup(t, p, fc, tx)
				}
				before := p.Size()
				var err error
				if batch {
					err = p.AddBatch([]*types.Tx{tx})[0]
				} else {
					err = p.Add(tx)
				}
				if !errors.Is(err, tc.want) {
					t.Fatalf("got %v, want %v", err, tc.want)
				}
				if tc.want == nil && (!p.Verified(tx) || p.Size() != before+1) {
					t.Fatal("admitted tx not in pool")
				}
				if tc.want != nil && p.Size() != before {
					t.Fatal("rejected tx changed the pool")
				}
			})
		}
	}
}

func TestSetSyncedLatches(t *testing.T) {
	p := New(testConf, newFakeChain())
	p.Now = func() time.Time { return testNow }
	k := genKey(t)
	if err := p.Add(mkTx(t, k, nil)); !errors.Is(err, types.ErrNotSync) {
		t.Fatalf("before sync: %v", err)
	}
	p.SetSynced(true)
	p.SetSynced(false)
	if err := p.Add(mkTx(t, k, nil)); err != nil {
		t.Fatalf("after latch: %v", err)
	}
}

// batchScenario returns a pool setup and a batch that exercises every path of
// AddBatch's planning, including the predictions that turn out wrong.
func batchScenario(t *testing.T) (setup func(*Pool, *fakeChain), batch []*types.Tx) {
	a, b, c, d := genKey(t), genKey(t), genKey(t), genKey(t)
	pooled := mkTx(t, d, nil)
	pooled2 := mkTx(t, d, nil)
	dup := mkTx(t, b, nil)
	sameHashGood := mkTx(t, b, nil)
	chained := mkTx(t, c, nil)
	poor := mkTx(t, c, nil)
	setup = func(p *Pool, fc *fakeChain) {
		for _, tx := range []*types.Tx{pooled, pooled2} {
			if err := p.Add(tx); err != nil {
				t.Fatal(err)
			}
		}
		fc.onChain[string(chained.Hash)] = true
		fc.checkErr[string(poor.Hash)] = types.ErrNoBalance
	}
	batch = []*types.Tx{
		mkTx(t, a, nil),
		mkTx(t, a, nil),
		badSig(mkTx(t, a, nil)), // frees the slot predicted for it
		mkTx(t, a, nil),         // predicted ErrManyTx, admitted
		mkTx(t, a, nil),         // ErrManyTx
		dup, dup, dup,           // verified once; ErrDupTx twice
		badSig(sameHashGood), sameHashGood, // ErrSign, then admitted though predicted dup
		pooled,         // ErrDupTx without verification
		badSig(pooled), // ErrSign
		chained, poor,  // ErrDupTx, ErrNoBalance
		mkTx(t, c, func(tr *types.Transaction) { tr.Expire = 5 }),
		mkTx(t, c, func(tr *types.Transaction) { tr.To = "nope" }),
		mkTx(t, d, nil), // d's 3rd
		mkTx(t, d, nil), // ErrManyTx
		mkTx(t, c, nil),
		mkTx(t, c, nil), // fills the pool
		mkTx(t, c, nil), // ErrMemFull
	}
	return setup, batch
}

func TestAddBatchMatchesAdd(t *testing.T) {
	setup, batch := batchScenario(t)
	cfg := testConf
	cfg.PoolCacheSize = 10
	seqFC, batFC := newFakeChain(), newFakeChain()
	seq, bat := newPool(cfg, seqFC), newPool(cfg, batFC)
	setup(seq, seqFC)
	setup(bat, batFC)

	var gossiped []*types.Tx
	bat.OnAdmit = func(txs []*types.Tx) { gossiped = append(gossiped, txs...) }
	want := make([]error, len(batch))
	for i, tx := range batch {
		want[i] = seq.Add(tx)
	}
	got := bat.AddBatch(batch)
	sign, dupe, many := types.ErrSign, types.ErrDupTx, types.ErrManyTx
	expect := []error{nil, nil, sign, nil, many, nil, dupe, dupe, sign, nil, dupe, sign, dupe,
		types.ErrNoBalance, types.ErrTxExpire, types.ErrInvalidAddress, nil, many, nil, nil, types.ErrMemFull}
	if len(expect) != len(batch) {
		t.Fatalf("scenario has %d txs, expectations %d", len(batch), len(expect))
	}
	for i := range batch {
		if want[i] != expect[i] {
			t.Errorf("tx %d: sequential Add %v, scenario expects %v", i, want[i], expect[i])
		}
	}
	for i := range batch {
		if got[i] != want[i] {
			t.Errorf("tx %d: batch %v, sequential %v", i, got[i], want[i])
		}
	}
	if !sameTxs(seq.Txs(0), bat.Txs(0)) {
		t.Fatal("pools differ after batch and sequential admission")
	}
	if !sameTxs(gossiped, bat.Txs(0)[2:]) {
		t.Fatalf("OnAdmit got %d txs, want the %d admitted", len(gossiped), bat.Size()-2)
	}
	if bat.Size() != cfg.PoolCacheSize {
		t.Fatalf("scenario should fill the pool, size %d", bat.Size())
	}
}

func sameTxs(a, b []*types.Tx) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if !bytes.Equal(a[i].FullHash, b[i].FullHash) {
			return false
		}
	}
	return true
}

// countVerify counts signature verifications for the rest of the test.
func countVerify(t *testing.T) *atomic.Int64 {
	var n atomic.Int64
	verifySignatures = func(ts []*types.Transaction, ok []bool) {
		n.Add(int64(len(ts)))
		types.VerifySignatures(ts, ok)
	}
	t.Cleanup(func() { verifySignatures = types.VerifySignatures })
	return &n
}

// A duplicate check that cannot read the chain refuses the tx with that
// error, from a client or a peer: taking it for "not on chain" could admit
// a tx committed already.
func TestHasTxReadErrorRefuses(t *testing.T) {
	k := genKey(t)
	c := newFakeChain()
	p := newPool(testConf, c)
	readErr := errors.New("store: read: tx index: input/output error")
	c.readErr = readErr
	if err := p.Add(mkTx(t, k, nil)); !errors.Is(err, readErr) {
		t.Fatalf("Add with an unreadable chain: %v, want the read error", err)
	}
	errs := p.AddBatch([]*types.Tx{mkTx(t, k, nil), mkTx(t, k, nil)})
	relayed := p.AddRelayed([]*types.Tx{mkTx(t, k, nil)})
	for i, err := range append(errs, relayed...) {
		if !errors.Is(err, readErr) {
			t.Fatalf("batch tx %d with an unreadable chain: %v, want the read error", i, err)
		}
	}
	if p.Size() != 0 {
		t.Fatalf("%d txs pooled while the chain could not be read", p.Size())
	}
	c.readErr = nil
	if err := p.Add(mkTx(t, k, nil)); err != nil {
		t.Fatalf("Add once the chain reads again: %v", err)
	}
}

func TestVerifyOnce(t *testing.T) {
	k, full := genKey(t), genKey(t)
	p := newPool(testConf, newFakeChain())
	fill(t, p, full, testConf.MaxTxNumPerAccount)
	n := countVerify(t)

	tx := mkTx(t, k, nil)
	if err := p.Add(tx); err != nil {
		t.Fatal(err)
	}
	if err := p.Add(tx); !errors.Is(err, types.ErrDupTx) {
		t.Fatalf("resubmit: %v", err)
	}
	if got := n.Load(); got != 1 {
		t.Fatalf("Add verified %d times, want 1", got)
	}

	n.Store(0)
	fresh := mkTx(t, k, nil)
	errs := p.AddBatch([]*types.Tx{tx, fresh, fresh, fresh, mkTx(t, full, nil), mkTx(t, k, func(tr *types.Transaction) { tr.Fee = 1 })})
	want := []error{types.ErrDupTx, nil, types.ErrDupTx, types.ErrDupTx, types.ErrManyTx, types.ErrTxFeeTooLow}
	for i := range want {
		if errs[i] != want[i] {
			t.Errorf("tx %d: %v, want %v", i, errs[i], want[i])
		}
	}
	if got := n.Load(); got != 1 {
		t.Fatalf("AddBatch verified %d times, want 1 (only the fresh tx)", got)
	}
}

func TestVerified(t *testing.T) {
	k, k2 := genKey(t), genKey(t)
	p := newPool(testConf, newFakeChain())
	tx := mkTx(t, k, nil)
	if p.Verified(tx) {
		t.Fatal("Verified before admission")
	}
	if err := p.Add(tx); err != nil {
		t.Fatal(err)
	}
	// The same bytes decoded again are verified.
	again, err := types.DecodeTx(tx.Encode())
	if err != nil {
		t.Fatal(err)
	}
	// Same hash, other signer: a different full hash, not verified.
	tr := proto.Clone(tx.Transaction).(*types.Transaction)
	types.Sign(tr, k2)
	resigned := types.NewTx(tr)
	if !bytes.Equal(resigned.Hash, tx.Hash) || bytes.Equal(resigned.FullHash, tx.FullHash) {
		t.Fatal("test setup: want same hash, different full hash")
	}
	for _, c := range []struct {
		name string
		tx   *types.Tx
		want bool
	}{
		{"same tx", tx, true},
		{"same bytes decoded", again, true},
		{"resigned", resigned, false},
		{"bad signature", badSig(tx), false},
	} {
		if got := p.Verified(c.tx); got != c.want {
			t.Errorf("%s: Verified = %v, want %v", c.name, got, c.want)
		}
	}
	if !p.Has(resigned.Hash) || p.Get(tx.Hash) != tx {
		t.Fatal("Has/Get by hash")
	}
	p.Update(testHeight+1, testNow.Unix(), []*types.Tx{tx})
	if p.Has(tx.Hash) || p.Get(tx.Hash) != nil {
		t.Fatal("committed tx still in pool")
	}
	// Its verdict is remembered, as that of a tx refused after verification:
	// a block carrying it is not verified again.
	refused := mkTx(t, genKey(t), nil)
	fc := newFakeChain()
	fc.checkErr[string(refused.Hash)] = types.ErrNoBalance
	poor := newPool(testConf, fc)
	if err := poor.Add(refused); !errors.Is(err, types.ErrNoBalance) {
		t.Fatalf("setup: %v", err)
	}
	if !p.Verified(tx) || !poor.Verified(refused) || poor.Verified(badSig(refused)) {
		t.Error("remembered verdicts: committed or refused txs not counted as verified, or a bad one is")
	}
}

func TestPending(t *testing.T) {
	cfg := testConf
	cfg.MaxTxNumPerAccount = 100
	p := newPool(cfg, newFakeChain())
	k := genKey(t)
	var txs []*types.Tx
	for _, n := range []int{100, 300, 200, 10, 50} {
		tx := mkTx(t, k, func(tr *types.Transaction) { tr.Payload = make([]byte, n) })
		if err := p.Add(tx); err != nil {
			t.Fatal(err)
		}
		txs = append(txs, tx)
	}
	sz := func(n int) int {
		s := 0
		for _, tx := range txs[:n] {
			s += tx.Size
		}
		return s
	}
	tests := []struct {
		name             string
		maxTxs, maxBytes int
		want             int
	}{
		{"no limits", 0, 0, 5},
		{"count", 3, 0, 3},
		{"count over size", 10, 0, 5},
		{"bytes exact", 0, sz(2), 2},
		{"stops at first misfit, no skipping", 0, sz(3) - 1, 2},
		{"both, count binds", 2, sz(5), 2},
		{"both, bytes bind", 4, sz(1), 1},
		{"first does not fit", 5, txs[0].Size - 1, 0},
	}
	for _, tc := range tests {
		got := p.Pending(tc.maxTxs, tc.maxBytes, nil)
		if !sameTxs(got, txs[:tc.want]) {
			t.Errorf("%s: got %d txs, want the first %d", tc.name, len(got), tc.want)
		}
	}
	// The txs of a block being written are passed over, and count against no limit.
	inWrite := func(tx *types.Tx) bool { return tx == txs[0] || tx == txs[2] }
	if got := p.Pending(2, 0, inWrite); !sameTxs(got, []*types.Tx{txs[1], txs[3]}) {
		t.Errorf("leaving txs 0 and 2: got %d txs, want txs 1 and 3", len(got))
	}
	if p.Size() != 5 || !sameTxs(p.Txs(0), txs) || !sameTxs(p.Txs(2), txs[:2]) {
		t.Fatal("Pending removed txs or Txs order wrong")
	}
}

func TestUpdate(t *testing.T) {
	k, k2 := genKey(t), genKey(t)
	p := newPool(testConf, newFakeChain())
	byHeight := mkTx(t, k, func(tr *types.Transaction) { tr.Expire = testHeight + 3 })
	byTime := mkTx(t, k, func(tr *types.Transaction) { tr.Expire = testNow.Unix() + 100 })
	never := mkTx(t, k, nil)
	other := mkTx(t, k2, func(tr *types.Transaction) { tr.Expire = testHeight + 2 })
	for _, tx := range []*types.Tx{byHeight, byTime, never, other} {
		if err := p.Add(tx); err != nil {
			t.Fatal(err)
		}
	}
	extra := mkTx(t, k, nil)
	if err := p.Add(extra); !errors.Is(err, types.ErrManyTx) {
		t.Fatalf("4th tx of k: %v", err)
	}

	steps := []struct {
		name      string
		height    int64
		blockTime int64
		committed []*types.Tx
		left      []*types.Tx
	}{
		{"nothing due", testHeight, testNow.Unix(), nil, []*types.Tx{byHeight, byTime, never, other}},
		{"commit one, unknown ignored", testHeight, testNow.Unix(), []*types.Tx{never, extra}, []*types.Tx{byHeight, byTime, other}},
		{"expire at height+1", testHeight + 1, testNow.Unix(), nil, []*types.Tx{byHeight, byTime}},
		{"expire by block time", testHeight + 1, testNow.Unix() + 100, nil, []*types.Tx{byHeight}},
		{"last height expires", testHeight + 2, testNow.Unix() + 100, nil, nil},
	}
	for _, s := range steps {
		p.Update(s.height, s.blockTime, s.committed)
		if !sameTxs(p.Txs(0), s.left) || p.Size() != len(s.left) {
			t.Fatalf("%s: %d txs left, want %d", s.name, p.Size(), len(s.left))
		}
		if s.name == "commit one, unknown ignored" {
			if err := p.Add(extra); err != nil { // the committed tx freed a slot
				t.Fatalf("slot not freed: %v", err)
			}
			p.Update(s.height, s.blockTime, []*types.Tx{extra})
		}
	}
	if len(p.perAcct) != 0 || len(p.byHeight) != 0 || len(p.byTime) != 0 || len(p.byFull) != 0 {
		t.Fatal("indexes not empty")
	}
}

func TestPoolFull(t *testing.T) {
	cfg := testConf
	cfg.PoolCacheSize = 4
	p := newPool(cfg, newFakeChain())
	keys := []*crypto.PrivKey{genKey(t), genKey(t)}
	var first *types.Tx
	for i := range 4 {
		tx := mkTx(t, keys[i%2], nil)
		if err := p.Add(tx); err != nil {
			t.Fatal(err)
		}
		if i == 0 {
			first = tx
		}
	}
	errs := p.AddBatch([]*types.Tx{mkTx(t, keys[0], nil), mkTx(t, genKey(t), nil)})
	if errs[0] != types.ErrMemFull || errs[1] != types.ErrMemFull {
		t.Fatalf("full pool: %v", errs)
	}
	p.Update(testHeight, testNow.Unix(), []*types.Tx{first})
	if err := p.Add(mkTx(t, keys[0], nil)); err != nil {
		t.Fatalf("after commit: %v", err)
	}
}

func TestConcurrent(t *testing.T) {
	cfg := testConf
	cfg.MaxTxNumPerAccount = 1000
	cfg.PoolCacheSize = 1000
	fc := newFakeChain()
	p := newPool(cfg, fc)
	var admitted atomic.Int64
	p.OnAdmit = func(txs []*types.Tx) { admitted.Add(int64(len(txs))) }

	const writers, perWriter = 4, 40
	sets := senderTxs(t, writers, perWriter)
	var wg, readers sync.WaitGroup
	stop := make(chan struct{})
	for w, set := range sets {
		wg.Go(func() {
			if w%2 == 0 {
				for _, tx := range set {
					if err := p.Add(tx); err != nil {
						t.Error(err)
					}
				}
				return
			}
			for i := 0; i < len(set); i += 10 {
				for _, err := range p.AddBatch(set[i : i+10]) {
					if err != nil {
						t.Error(err)
					}
				}
			}
		})
	}
	readers.Go(func() { // proposer: commit what is pending
		for h := int64(testHeight); ; h++ {
			select {
			case <-stop:
				return
			default:
			}
			txs := p.Pending(16, 1<<20, nil)
			for _, tx := range txs {
				if !p.Verified(tx) {
					t.Error("pending tx not verified")
				}
			}
			p.Update(h, testNow.Unix(), txs)
		}
	})
	readers.Go(func() {
		for {
			select {
			case <-stop:
				return
			default:
			}
			for _, tx := range p.Txs(50) {
				_ = p.Has(tx.Hash) && p.Get(tx.Hash) != nil
			}
			_ = p.Size()
		}
	})
	wg.Wait()
	close(stop)
	readers.Wait()
	if got := admitted.Load(); got != writers*perWriter {
		t.Fatalf("admitted %d, want %d", got, writers*perWriter)
	}
}

// Overload: the full pool refuses a client's transaction before verifying
// its signature, alone or in a batch, however often it is retried; a
// transaction refused after its verification (no balance) costs one
// verification for all its retries; another signature over the same
// transaction is verified on its own.
func TestOverloadCostsNoVerification(t *testing.T) {
	cfg := testConf
	cfg.PoolCacheSize = 3
	fc := newFakeChain()
	p := newPool(cfg, fc)
	fill(t, p, genKey(t), 3)
	n := countVerify(t)
	tx := mkTx(t, genKey(t), nil)
	for range 5 {
		if err := p.Add(tx); err != types.ErrMemFull {
			t.Fatalf("Add: %v, want ErrMemFull", err)
		}
		if errs := p.AddBatch([]*types.Tx{tx}); errs[0] != types.ErrMemFull {
			t.Fatalf("AddBatch: %v, want ErrMemFull", errs[0])
		}
	}
	if got := n.Load(); got != 0 {
		t.Fatalf("%d verifications for 10 refusals of a full pool, want 0", got)
	}
	roomy := newPool(testConf, fc)
	poor := mkTx(t, genKey(t), nil)
	fc.checkErr[string(poor.Hash)] = types.ErrNoBalance
	for range 5 {
		if err := roomy.Add(poor); err != types.ErrNoBalance {
			t.Fatalf("Add: %v, want ErrNoBalance", err)
		}
	}
	if got := n.Load(); got != 1 {
		t.Fatalf("%d verifications for 5 tries of one transaction refused after its check, want 1", got)
	}
	bad := types.NewTx(proto.Clone(poor.Transaction).(*types.Transaction))
	bad.Signature.Signature[5] ^= 1
	bad = types.NewTx(bad.Transaction)
	if err := roomy.Add(bad); err != types.ErrSign {
		t.Fatalf("tampered: %v", err)
	}
}

// However many callers admit at once, from clients (Add, AddBatch) or peers
// (AddRelayed), at most GOMAXPROCS signature checks run at once, and every
// tx is admitted. The check here parks for a moment, as a long cgo call
// hands its processor on: without the bound all 64 callers would be inside.
func TestChecksBoundedByProcs(t *testing.T) {
	var in, peak atomic.Int32
	verifySignatures = func(ts []*types.Transaction, ok []bool) {
		n := in.Add(1)
		for p := peak.Load(); n > p && !peak.CompareAndSwap(p, n); p = peak.Load() {
		}
		time.Sleep(100 * time.Microsecond)
		in.Add(-1)
		types.VerifySignatures(ts, ok)
	}
	t.Cleanup(func() { verifySignatures = types.VerifySignatures })
	cfg := testConf
	cfg.PoolCacheSize, cfg.MaxTxNumPerAccount = 1<<16, 1<<16
	p := newPool(cfg, newFakeChain())
	const callers, each = 64, 8
	txs := senderTxs(t, callers, each)
	var wg sync.WaitGroup
	var failed atomic.Int32
	for g := range callers {
		wg.Go(func() {
			var errs []error
			switch g % 3 {
			case 0:
				for _, tx := range txs[g] {
					errs = append(errs, p.Add(tx))
				}
			case 1:
				errs = p.AddBatch(txs[g])
			default:
				errs = p.AddRelayed(txs[g])
			}
			for _, err := range errs {
				if err != nil {
					failed.Add(1)
				}
			}
		})
	}
	wg.Wait()
	if n := failed.Load(); n > 0 || p.Size() != callers*each {
		t.Fatalf("%d refused, %d pooled, want all %d", n, p.Size(), callers*each)
	}
	if got, procs := peak.Load(), int32(runtime.GOMAXPROCS(0)); got < 1 || got > procs {
		t.Fatalf("%d checks at once, want 1..%d", got, procs)
	}
}

// A peer's batch is verified in batches (checked together), not a
// transaction at a time: 100 fresh transactions take one call a processor
// (two with one), each verified once; one bad signature among them is
// still refused alone.
func TestRelayedVerifiedTogether(t *testing.T) {
	var calls, checked atomic.Int64
	verifySignatures = func(ts []*types.Transaction, ok []bool) {
		calls.Add(1)
		checked.Add(int64(len(ts)))
		types.VerifySignatures(ts, ok)
	}
	t.Cleanup(func() { verifySignatures = types.VerifySignatures })
	cfg := testConf
	cfg.PoolCacheSize, cfg.MaxTxNumPerAccount = 1<<16, 1<<16
	p := newPool(cfg, newFakeChain())
	var batch []*types.Tx
	for _, txs := range senderTxs(t, 10, 10) {
		batch = append(batch, txs...)
	}
	batch[37] = badSig(batch[37])
	for i, err := range p.AddRelayed(batch) {
		want := error(nil)
		if i == 37 {
			want = types.ErrSign
		}
		if err != want {
			t.Fatalf("tx %d: %v, want %v", i, err, want)
		}
	}
	if n, most := calls.Load(), int64(max(runtime.GOMAXPROCS(0), 2)); checked.Load() != 100 || n > most {
		t.Fatalf("%d transactions verified in %d calls, want 100 in at most %d", checked.Load(), n, most)
	}
}
