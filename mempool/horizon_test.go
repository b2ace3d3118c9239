package mempool

import (
	"errors"
	"testing"
	"time"

	"chain33node/crypto"
	"chain33node/types"

	"google.golang.org/protobuf/proto"
)

// horizonPool is a pool with a 1 s horizon and a floor of min txs, whose
// clock is *now.
func horizonPool(t *testing.T, min int, now *time.Time) (*Pool, *fakeChain) {
	cfg := testConf
	cfg.PoolCacheSize = 1000
	cfg.MaxTxNumPerAccount = 1000
	cfg.AdmitHorizon = time.Second
	cfg.AdmitMinTxs = min
	fc := newFakeChain()
	p := New(cfg, fc)
	p.Now = func() time.Time { return *now }
	p.SetSynced(true)
	return p, fc
}

// addFresh adds n txs of fresh senders and returns them; it fails the test
// unless exactly the first ok are admitted and the rest refused with
// ErrMemFull.
func addFresh(t *testing.T, p *Pool, n, ok int) []*types.Tx {
	t.Helper()
	var admitted []*types.Tx
	for i := range n {
		tx := mkTx(t, genKey(t), nil)
		err := p.Add(tx)
		switch {
		case i < ok && err != nil:
			t.Fatalf("tx %d of %d: %v, want admitted (capacity %+v)", i, n, err, p.Admission())
		case i >= ok && !errors.Is(err, types.ErrMemFull):
			t.Fatalf("tx %d of %d: %v, want ErrMemFull (capacity %+v)", i, n, err, p.Admission())
		case err == nil:
			admitted = append(admitted, tx)
		}
	}
	return admitted
}

// A pool fed faster than the chain commits admits the floor at start, then
// what the measured commit rate clears within the horizon, refuses the
// excess with ErrMemFull at once, and admits again as blocks commit.
func TestHorizonFollowsCommitRate(t *testing.T) {
	now := testNow
	p, _ := horizonPool(t, 10, &now)
	if a := p.Admission(); a.Capacity != 10 || a.Rate != 0 {
		t.Fatalf("at start: %+v, want the floor of 10", a)
	}
	block := addFresh(t, p, 15, 10)
	// The batch path refuses the same way.
	if errs := p.AddBatch([]*types.Tx{mkTx(t, genKey(t), nil)}); !errors.Is(errs[0], types.ErrMemFull) {
		t.Fatalf("AddBatch beyond the floor: %v", errs[0])
	}

	now = now.Add(500 * time.Millisecond) // 10 txs in 0.5 s: 20 tx/s
	p.Update(testHeight+1, now.Unix(), block)
	if a := p.Admission(); a.Rate != 20 || a.Capacity != 20 || a.Queued != 0 {
		t.Fatalf("after one block: %+v, want 20 tx/s and a capacity of 20", a)
	}
	block = addFresh(t, p, 25, 20)

	now = now.Add(500 * time.Millisecond) // 20 in 0.5 s; averages 13 txs per 0.5 s
	p.Update(testHeight+2, now.Unix(), block)
	if a := p.Admission(); a.Capacity != 26 {
		t.Fatalf("after two blocks: %+v, want a capacity of 26", a)
	}
	addFresh(t, p, 30, 26)

	// A slower chain shrinks it, down to the floor.
	for h := int64(3); h < 20; h++ {
		now = now.Add(5 * time.Second)
		p.Update(testHeight+h, now.Unix(), p.Pending(1, 0, nil))
	}
	if a := p.Admission(); a.Capacity != 10 || a.Queued != 26-17 {
		t.Fatalf("after slow blocks: %+v, want the floor", a)
	}
	addFresh(t, p, 3, 1)
}

// A load under the chain's capacity does not lower it: blocks that commit
// slower while the pool holds less than three quarters of its capacity are
// the load's rate, not the chain's; a faster one still raises it, and a
// pool near its capacity lowers it again.
func TestHorizonKeepsCapacityUnderLightLoad(t *testing.T) {
	now := testNow
	p, _ := horizonPool(t, 10, &now)
	block := addFresh(t, p, 15, 10) // the floor
	now = now.Add(500 * time.Millisecond)
	p.Update(testHeight+1, now.Unix(), block) // 10 in 0.5 s: 20 tx/s
	block = addFresh(t, p, 20, 20)
	now = now.Add(500 * time.Millisecond)
	p.Update(testHeight+2, now.Unix(), block) // 20 in 0.5 s, the pool at its capacity
	want := p.Admission().Capacity
	if want <= 20 {
		t.Fatalf("after two blocks at capacity: %+v, want more than 20", p.Admission())
	}

	h := int64(3)
	for range 10 { // 2 txs a second: a pool of 2, far under its capacity
		block = addFresh(t, p, 2, 2)
		now = now.Add(time.Second)
		p.Update(testHeight+h, now.Unix(), block)
		h++
	}
	if a := p.Admission(); a.Capacity != want {
		t.Fatalf("after a light load: %+v, want the capacity of %d kept", a, want)
	}
	// A faster block raises it, the pool near its capacity or not.
	block = addFresh(t, p, 10, 10)
	now = now.Add(100 * time.Millisecond)
	p.Update(testHeight+h, now.Unix(), block)
	h++
	raised := p.Admission().Capacity
	if raised <= want {
		t.Fatalf("after a fast block: %+v, want more than %d", p.Admission(), want)
	}
	// A burst up to the capacity is admitted, not refused at the light load's rate.
	block = addFresh(t, p, raised+5, raised)

	// That pool is at its capacity: its slow block counts.
	now = now.Add(5 * time.Second)
	p.Update(testHeight+h, now.Unix(), block)
	if a := p.Admission(); a.Capacity >= raised {
		t.Fatalf("after a slow block of a full pool: %+v, want less than %d", a, raised)
	}
}

// Idle time is not slowness: the interval of the first block after a pause
// starts when transactions arrived, and empty blocks over an empty pool are
// no samples.
func TestHorizonIgnoresIdleTime(t *testing.T) {
	now := testNow
	p, _ := horizonPool(t, 10, &now)
	block := addFresh(t, p, 10, 10)
	now = now.Add(time.Second)
	p.Update(testHeight+1, now.Unix(), block) // 10 tx/s
	for h := int64(2); h < 30; h++ {
		now = now.Add(2 * time.Second)
		p.Update(testHeight+h, now.Unix(), nil)
	}
	if a := p.Admission(); a.Rate != 10 {
		t.Fatalf("after idle empty blocks: %+v, want 10 tx/s still", a)
	}
	now = now.Add(time.Minute)
	block = addFresh(t, p, 10, 10)
	now = now.Add(time.Second / 2)
	p.Update(testHeight+31, now.Unix(), block) // 10 in 0.5 s since they arrived
	if a := p.Admission(); a.Rate < 11 || a.Rate > 12 {
		t.Fatalf("after a pause: %+v, want 10/0.85 tx/s", a)
	}
}

// Senders at different rates all get in: two senders share the pool as
// their rates; one busy sender among slower ones is held, once the pool is
// three-quarters full, to twice the average of the senders in the pool,
// and the slower ones take the rest.
func TestHorizonFairAmongSenders(t *testing.T) {
	now := testNow
	run := func(p *Pool, senders []*crypto.PrivKey, rounds int) map[*crypto.PrivKey]int {
		got := map[*crypto.PrivKey]int{}
		for range rounds {
			for _, k := range senders {
				err := p.Add(mkTx(t, k, nil))
				switch {
				case err == nil:
					got[k]++
				case !errors.Is(err, types.ErrManyTx) && !errors.Is(err, types.ErrMemFull):
					t.Fatalf("refused with %v", err)
				}
			}
		}
		return got
	}
	p, _ := horizonPool(t, 20, &now)
	fast, slow := genKey(t), genKey(t)
	got := run(p, []*crypto.PrivKey{fast, fast, fast, slow}, 20)
	if got[fast] != 15 || got[slow] != 5 {
		t.Fatalf("two senders 3:1: admitted %d and %d, want 15 and 5", got[fast], got[slow])
	}

	p, _ = horizonPool(t, 40, &now)
	busy := genKey(t)
	senders := []*crypto.PrivKey{busy, busy, busy, busy, busy, busy}
	var slowOnes []*crypto.PrivKey
	for range 4 {
		k := genKey(t)
		slowOnes = append(slowOnes, k)
		senders = append(senders, k)
	}
	got = run(p, senders, 10)
	// At 30 of 40 (three quarters) the busy sender holds 18 of the 5
	// senders' 30 txs, more than twice the average (12): it stays at 18
	// while the others fill the pool.
	if got[busy] != 18 || p.Size() != 40 {
		t.Fatalf("busy sender admitted %d (pool %d), want 18 of 40", got[busy], p.Size())
	}
	for _, k := range slowOnes {
		if got[k] < 5 {
			t.Errorf("a slow sender admitted %d, want at least 5", got[k])
		}
	}
	// Without the horizon the busy sender takes its rate's part.
	p, _ = horizonPool(t, 40, &now)
	p.cfg.AdmitHorizon = 0
	p.cfg.PoolCacheSize = 40
	if got = run(p, senders, 10); got[busy] != 24 {
		t.Fatalf("without the horizon the busy sender admitted %d, want 24", got[busy])
	}
}

// The reference's per-account limit holds for clients and peers alike.
func TestHorizonPerAccountLimit(t *testing.T) {
	now := testNow
	p, _ := horizonPool(t, 100, &now)
	k := genKey(t)
	p.cfg.MaxTxNumPerAccount = 3
	fill(t, p, k, 3)
	if err := p.Add(mkTx(t, k, nil)); !errors.Is(err, types.ErrManyTx) {
		t.Fatalf("client: %v", err)
	}
	if errs := p.AddRelayed([]*types.Tx{mkTx(t, k, nil)}); !errors.Is(errs[0], types.ErrManyTx) {
		t.Fatalf("peer: %v", errs[0])
	}
}

// What a peer admitted is admitted beyond the horizon, up to poolCacheSize,
// and counts against the horizon of this node's clients (the pool is the
// network's). Committed or duplicate gossip, or gossip into a full pool,
// costs no signature verification.
func TestRelayedBeyondHorizon(t *testing.T) {
	now := testNow
	p, fc := horizonPool(t, 5, &now)
	p.cfg.PoolCacheSize = 12
	var gossip []*types.Tx
	for range 10 {
		gossip = append(gossip, mkTx(t, genKey(t), nil))
	}
	for i, err := range p.AddRelayed(gossip) {
		if err != nil {
			t.Fatalf("relayed tx %d: %v", i, err)
		}
	}
	if err := p.Add(mkTx(t, genKey(t), nil)); !errors.Is(err, types.ErrMemFull) {
		t.Fatalf("client beyond the horizon filled by peers: %v", err)
	}

	n := countVerify(t)
	committed := mkTx(t, genKey(t), nil)
	fc.onChain[string(committed.Hash)] = true
	resigned := proto.Clone(gossip[1].Transaction).(*types.Transaction)
	types.Sign(resigned, genKey(t)) // the same hash, other bytes
	more := []*types.Tx{gossip[0], types.NewTx(resigned), committed, mkTx(t, genKey(t), nil), mkTx(t, genKey(t), nil), mkTx(t, genKey(t), nil)}
	errs := p.AddRelayed(more)
	want := []error{types.ErrDupTx, types.ErrDupTx, types.ErrDupTx, nil, nil, types.ErrMemFull}
	for i := range want {
		if !errors.Is(errs[i], want[i]) {
			t.Errorf("relayed tx %d: %v, want %v", i, errs[i], want[i])
		}
	}
	if got := n.Load(); got != 2 {
		t.Errorf("%d verifications, want 2 (the admitted)", got)
	}
	if p.Size() != 12 {
		t.Errorf("pool size %d, want poolCacheSize 12", p.Size())
	}
}

// AddBatch gives what sequential Add gives under the horizon too (shares,
// capacity), whatever its planning predicted.
func TestAddBatchMatchesAddUnderHorizon(t *testing.T) {
	keys := []*crypto.PrivKey{genKey(t), genKey(t), genKey(t)}
	var batch []*types.Tx
	for i := range 40 {
		k := keys[0] // the busy one: two of every three
		if i%3 == 2 {
			k = keys[1+i%2]
		}
		batch = append(batch, mkTx(t, k, nil))
	}
	for range 4 {
		batch = append(batch, mkTx(t, genKey(t), nil))
	}
	now := testNow
	seq, _ := horizonPool(t, 24, &now)
	bat, _ := horizonPool(t, 24, &now)
	want := make([]error, len(batch))
	for i, tx := range batch {
		want[i] = seq.Add(tx)
	}
	var many, full int
	for i, err := range bat.AddBatch(batch) {
		if err != want[i] {
			t.Errorf("tx %d: batch %v, sequential %v", i, err, want[i])
		}
		switch err {
		case types.ErrManyTx:
			many++
		case types.ErrMemFull:
			full++
		}
	}
	if many == 0 || full == 0 || !sameTxs(seq.Txs(0), bat.Txs(0)) {
		t.Fatalf("scenario: %d ErrManyTx, %d ErrMemFull (want both); pools equal %v", many, full, sameTxs(seq.Txs(0), bat.Txs(0)))
	}
}

// The transactions of a validated block are known good: their gossip,
// arriving after the proposal, is admitted without a second verification.
func TestMarkVerified(t *testing.T) {
	now := testNow
	p, _ := horizonPool(t, 10, &now)
	late := []*types.Tx{mkTx(t, genKey(t), nil), mkTx(t, genKey(t), nil)}
	p.MarkVerified(late)
	n := countVerify(t)
	for i, err := range p.AddRelayed(late) {
		if err != nil {
			t.Fatalf("tx %d: %v", i, err)
		}
	}
	if n.Load() != 0 || !p.Verified(late[0]) {
		t.Fatalf("%d verifications of txs of a validated block", n.Load())
	}
}

// Beyond the chain's capacity the excess is refused at once, and what is
// admitted commits within the horizon and two heights, though the pool
// holds the block in flight as well as what waits: every height lasts
// 0.6 s, and at its end the block proposed at the height before commits and
// the next takes at most 50 pooled transactions (83 tx/s), while fresh
// senders offer 120 a height (200 tx/s), evenly.
func TestHorizonBoundsLatencyOverCapacity(t *testing.T) {
	const (
		height    = 600 * time.Millisecond
		heights   = 40
		warmup    = 5 // heights before refusals are counted
		perHeight = 120
		maxBlock  = 50
	)
	now := testNow
	p, _ := horizonPool(t, 10, &now)
	admitted := map[string]time.Time{}
	var inFlight []*types.Tx
	var refused int
	var longest time.Duration
	for h := range heights {
		for range perHeight {
			now = now.Add(height / perHeight)
			tx := mkTx(t, genKey(t), nil)
			switch err := p.Add(tx); {
			case err == nil:
				admitted[string(tx.Hash)] = now
			case errors.Is(err, types.ErrMemFull):
				if h >= warmup {
					refused++
				}
			default:
				t.Fatalf("height %d: %v", h, err)
			}
		}
		p.Update(testHeight+int64(h)+1, now.Unix(), inFlight)
		for _, tx := range inFlight {
			longest = max(longest, now.Sub(admitted[string(tx.Hash)]))
		}
		inFlight = p.Pending(maxBlock, 0, nil)
	}
	excess := (heights - warmup) * (perHeight - maxBlock)
	if refused < excess*9/10 {
		t.Fatalf("refused %d after %d heights, want about the excess, %d", refused, warmup, excess)
	}
	if bound := p.cfg.AdmitHorizon + 2*height; longest > bound {
		t.Fatalf("longest admission to commit %v, want at most %v (%+v)", longest, bound, p.Admission())
	}
}
