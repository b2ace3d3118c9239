//go:build go1.22

package memdb

import (
	"bytes"
	"fmt"
	"math/rand"
	"slices"
	"testing"

	"github.com/syndtr/goleveldb/leveldb/comparer"
)

// nodeKeys are keys shaped like a node's local index: a long shared prefix,
// an address, a height and an index.
func nodeKeys(r *rand.Rand, n int, height int) [][]byte {
	const alphabet = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
	keys := make([][]byte, n)
	for i := range keys {
		addr := make([]byte, 34)
		for j := range addr {
			addr[j] = alphabet[r.Intn(len(alphabet))]
		}
		keys[i] = fmt.Appendf(nil, "lTxAddrHash:%s:%018d", addr, height*100000+i)
	}
	return keys
}

// check walks every level of the skip list: each is in order and holds
// exactly the nodes of its height and above, and level 0 holds want.
func check(t *testing.T, p *DB, want [][]byte) {
	t.Helper()
	for h := p.maxHeight - 1; h >= 0; h-- {
		var last []byte
		n := 0
		for node := p.nodeData[nNext+h]; node != 0; node = p.nodeData[node+nNext+h] {
			if p.nodeData[node+nHeight] <= h {
				t.Fatalf("level %d holds a node of height %d", h, p.nodeData[node+nHeight])
			}
			o := p.nodeData[node]
			k := p.kvData[o : o+p.nodeData[node+nKey]]
			if last != nil && p.cmp.Compare(last, k) >= 0 {
				t.Fatalf("level %d: %q before %q", h, last, k)
			}
			last = k
			if h == 0 {
				if n >= len(want) || !bytes.Equal(k, want[n]) {
					t.Fatalf("entry %d is %q", n, k)
				}
			}
			n++
		}
		if h == 0 && n != len(want) {
			t.Fatalf("%d entries, want %d", n, len(want))
		}
	}
}

// TestPutRandomOps: runs of ascending puts (the search from the last
// insert) mixed with puts before it, overwrites and deletes over a small key
// space, against a map: the skip list stays in order on every level and
// holds what the map holds.
func TestPutRandomOps(t *testing.T) {
	r := rand.New(rand.NewSource(2))
	p := New(comparer.DefaultComparer, 0)
	model := map[string]string{}
	key := func(i int) []byte { return fmt.Appendf(nil, "k%05d", i) }
	last := 0
	for op := range 30000 {
		if op == 15000 { // an insert, then a reset: the next put may not start from it
			p.Put(key(9999), nil)
			p.Reset()
			clear(model)
		}
		i := last
		switch x := r.Intn(100); {
		case x < 50:
			i = last + 1 + r.Intn(20)
		case x < 65:
			i = r.Intn(5000)
		case x < 80, x < 90 && len(model) > 0:
			for k := range model {
				if x < 80 {
					p.Delete([]byte(k))
					delete(model, k)
				} else {
					fmt.Sscanf(k, "k%d", &i)
				}
				break
			}
			if x < 80 {
				continue
			}
		default:
			i = max(0, last-1-r.Intn(20))
		}
		k, v := key(i%5000), fmt.Sprint(op)
		if err := p.Put(k, []byte(v)); err != nil {
			t.Fatal(err)
		}
		model[string(k)] = v
		last = i % 5000
		if op%500 == 0 || op == 29999 {
			want := make([][]byte, 0, len(model))
			for k := range model {
				want = append(want, []byte(k))
			}
			slices.SortFunc(want, bytes.Compare)
			check(t, p, want)
			for _, k := range want {
				if v, err := p.Get(k); err != nil || string(v) != model[string(k)] {
					t.Fatalf("%s: %q %v, want %q", k, v, err, model[string(k)])
				}
			}
		}
	}
}

// BenchmarkPutSortedBatch: a batch of 11,000 ascending keys (a block of
// 1,000 transfers writes about that many) into a memtable that holds
// 150,000 (a 32 MiB write buffer of such entries).
func BenchmarkPutSortedBatch(b *testing.B) {
	r := rand.New(rand.NewSource(1))
	p := New(comparer.DefaultComparer, 64<<20) // room for all, as a write buffer has
	p.nodeData = slices.Grow(p.nodeData, 4<<20)
	for h := range 15 {
		for _, k := range nodeKeys(r, 10000, h) {
			p.Put(k, make([]byte, 60))
		}
	}
	batch := nodeKeys(r, 11000, 99)
	slices.SortFunc(batch, bytes.Compare)
	v := make([]byte, 60)
	for b.Loop() {
		for _, k := range batch {
			p.Put(k, v)
		}
		b.StopTimer()
		for _, k := range batch {
			p.Delete(k)
		}
		b.StartTimer()
	}
}

type countingComparer struct{ n *int }

func (c countingComparer) Compare(a, b []byte) int { *c.n++; return bytes.Compare(a, b) }

// TestPutSortedBatchComparisons: a batch of ascending keys into a full
// memtable costs about 11 comparisons a key with the search from the last
// insert, 34 with every search from the head (the benchmark's shape).
func TestPutSortedBatchComparisons(t *testing.T) {
	var n int
	r := rand.New(rand.NewSource(1))
	p := New(countingComparer{&n}, 0)
	for h := range 15 {
		for _, k := range nodeKeys(r, 10000, h) {
			p.Put(k, nil)
		}
	}
	batch := nodeKeys(r, 11000, 99)
	slices.SortFunc(batch, bytes.Compare)
	n = 0
	for _, k := range batch {
		p.Put(k, nil)
	}
	t.Logf("%.1f comparisons a put", float64(n)/float64(len(batch)))
	if per := float64(n) / float64(len(batch)); per > 15 {
		t.Fatalf("%.1f comparisons a put", per)
	}
}

// BenchmarkFillNew fills a new 32 MiB memtable, as a rotation that finds no
// pooled one does, with sorted batches shaped like a node's blocks.
func BenchmarkFillNew(b *testing.B) {
	r := rand.New(rand.NewSource(1))
	var batches [][][]byte
	for h := range 30 {
		batch := nodeKeys(r, 11000, h)
		slices.SortFunc(batch, bytes.Compare)
		batches = append(batches, batch)
	}
	v := make([]byte, 60)
	for b.Loop() {
		p := New(comparer.DefaultComparer, 32<<20)
		for _, batch := range batches {
			if p.Free() < len(batch)*(len(batch[0])+len(v)) {
				break
			}
			for _, k := range batch {
				p.Put(k, v)
			}
		}
	}
}

// TestNewReservesSkipList: filling a new memtable with entries a little over
// the size nodeRoom allows for (85.3 bytes on average) never grows (copies)
// its skip list.
func TestNewReservesSkipList(t *testing.T) {
	p := New(comparer.DefaultComparer, 1<<20)
	reserved := cap(p.nodeData)
	v := make([]byte, 90-24)
	for i := 0; p.Free() >= 90; i++ {
		p.Put(fmt.Appendf(nil, "key:%020d", i*7919%1000003), v)
	}
	if got := cap(p.nodeData); got != reserved {
		t.Fatalf("skip list grew from %d to %d ints over %d entries", reserved, got, p.Len())
	}
}
