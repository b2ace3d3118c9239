package qbft

import (
	"cmp"
	"slices"
	"sync/atomic"
)

// FutureLimits bound the messages of later heights that the driver keeps
// until its core gets there (a peer a height ahead, catch-up commits sent
// several at once). What does not fit is dropped: it comes again on the
// status exchange.
type FutureLimits struct {
	Heights    int64 // how far ahead of the core; default 64 (more than a catch-up batch)
	PeerBytes  int   // kept from one peer; default 16 MiB
	TotalBytes int   // kept in all; default 64 MiB
}

// futureOverhead is what a kept message costs besides its bytes (the
// decoded message and the bookkeeping), so that a flood of tiny messages is
// bounded too.
const futureOverhead = 512

func (l *FutureLimits) setDefaults() {
	if l.Heights <= 0 {
		l.Heights = 64
	}
	if l.PeerBytes <= 0 {
		l.PeerBytes = 16 << 20
	}
	if l.TotalBytes <= 0 {
		l.TotalBytes = 64 << 20
	}
}

// futureBuffer keeps messages per peer and height. A peer over its budget
// loses its farthest messages first (the new one if it is the farthest);
// over the total budget, the peer holding the most loses its farthest.
type futureBuffer struct {
	lim     FutureLimits
	peers   map[string]*futurePeer
	bytes   int
	seq     uint64
	dropped atomic.Int64
}

type futurePeer struct {
	heights []int64 // ascending, each with messages
	msgs    map[int64][]futureMsg
	bytes   int
}

type futureMsg struct {
	seq  uint64 // arrival order, to hand messages back as they came
	in   input
	cost int
}

func newFutureBuffer(lim FutureLimits) futureBuffer {
	lim.setDefaults()
	return futureBuffer{lim: lim, peers: make(map[string]*futurePeer)}
}

func (f *futureBuffer) droppedCount() int64 { return f.dropped.Load() }

// add keeps in, a message of height h above current, if the bounds allow.
func (f *futureBuffer) add(current, h int64, in input) bool {
	cost := len(in.data) + futureOverhead
	if h > current+f.lim.Heights || cost > f.lim.PeerBytes || cost > f.lim.TotalBytes {
		f.dropped.Add(1)
		return false
	}
	p := f.peers[in.from]
	if p == nil {
		p = &futurePeer{msgs: make(map[int64][]futureMsg)}
		f.peers[in.from] = p
	}
	for p.bytes+cost > f.lim.PeerBytes {
		if p.heights[len(p.heights)-1] <= h {
			f.dropped.Add(1)
			return false
		}
		f.evictFarthest(in.from, p)
	}
	for f.bytes+cost > f.lim.TotalBytes {
		name, heaviest := f.heaviest()
		if name == in.from && heaviest.heights[len(heaviest.heights)-1] <= h {
			f.dropped.Add(1)
			return false
		}
		f.evictFarthest(name, heaviest)
	}
	f.peers[in.from] = p // again, if eviction emptied it
	if _, ok := p.msgs[h]; !ok {
		i, _ := slices.BinarySearch(p.heights, h)
		p.heights = slices.Insert(p.heights, i, h)
	}
	f.seq++
	p.msgs[h] = append(p.msgs[h], futureMsg{seq: f.seq, in: in, cost: cost})
	p.bytes += cost
	f.bytes += cost
	return true
}

// heaviest is the peer holding the most bytes (the smallest name on a tie:
// deterministic).
func (f *futureBuffer) heaviest() (string, *futurePeer) {
	var name string
	var best *futurePeer
	for n, p := range f.peers {
		if best == nil || p.bytes > best.bytes || p.bytes == best.bytes && n < name {
			name, best = n, p
		}
	}
	return name, best
}

// evictFarthest drops the newest message of p's farthest height.
func (f *futureBuffer) evictFarthest(name string, p *futurePeer) {
	h := p.heights[len(p.heights)-1]
	ms := p.msgs[h]
	last := ms[len(ms)-1]
	p.bytes -= last.cost
	f.bytes -= last.cost
	f.dropped.Add(1)
	if len(ms) == 1 {
		delete(p.msgs, h)
		p.heights = p.heights[:len(p.heights)-1]
	} else {
		p.msgs[h] = ms[:len(ms)-1]
	}
	if len(p.heights) == 0 {
		delete(f.peers, name)
	}
}

// take removes the messages of heights up to h and returns those of h, in
// arrival order.
func (f *futureBuffer) take(h int64) []input {
	var got []futureMsg
	for name, p := range f.peers {
		for len(p.heights) > 0 && p.heights[0] <= h {
			k := p.heights[0]
			if k == h {
				got = append(got, p.msgs[k]...)
			}
			for _, m := range p.msgs[k] {
				p.bytes -= m.cost
				f.bytes -= m.cost
			}
			delete(p.msgs, k)
			p.heights = p.heights[1:]
		}
		if len(p.heights) == 0 {
			delete(f.peers, name)
		}
	}
	slices.SortFunc(got, func(a, b futureMsg) int { return cmp.Compare(a.seq, b.seq) })
	out := make([]input, len(got))
	for i, m := range got {
		out[i] = m.in
	}
	return out
}

// held is the number of messages kept.
func (f *futureBuffer) held() int {
	n := 0
	for _, p := range f.peers {
		for _, ms := range p.msgs {
			n += len(ms)
		}
	}
	return n
}
