package load

import (
	"fmt"
	"sync"
	"sync/atomic"
	"time"
)

// Block is one committed block as the watcher saw it.
type Block struct {
	Height    int64
	BlockTime int64         // header time, unix seconds
	Seen      time.Duration // first seen at a node's head, from the run's start
	Txs       int           // all transactions
	Ours      int           // of this run
}

type header struct {
	Height int64 `json:"height"`
}

type blocksReply struct {
	Items []struct {
		Block struct {
			Height    int64 `json:"height"`
			BlockTime int64 `json:"blockTime"`
			Txs       []struct {
				Hash string `json:"hash"`
			} `json:"txs"`
		} `json:"block"`
	} `json:"items"`
}

// Tracker is told when one of its transactions is seen committed: the closed
// loop's Sched and the open loop's Open.
type Tracker interface {
	// Commit records that the transaction hash was seen in block height at
	// at (from the run's start; now is the wall clock); it returns false if
	// the hash is not the tracker's or was seen before.
	Commit(hash string, height int64, at time.Duration, now time.Time) bool
}

// Watcher follows the chain head on every node and records, for every block
// after From, when it was first seen at any node's head and which of the
// tracked transactions it holds. Each node's head is polled on its own, so a
// node that is down or stopped delays nothing; block contents are fetched
// (GetBlocks without receipts) from the nodes that have them, in turn, so
// that rendering them does not load one node only.
type Watcher struct {
	RPC     *RPC
	Nodes   []string
	Poll    time.Duration
	From    int64 // last height before the run
	Start   time.Time
	Track   Tracker
	Blocks  []Block
	Errors  atomic.Int64 // failed polls and fetches (retried)
	LastErr atomic.Value // string

	heads []atomic.Int64
	chunk int64 // blocks per GetBlocks: halved when a fetch fails (blocks of 10,000 txs are megabytes of JSON)
}

// Height returns the head height of url.
func Height(c *RPC, url string) (int64, error) {
	var h header
	err := c.Call(url, "Chain33.GetLastHeader", nil, &h)
	return h.Height, err
}

type span struct {
	from, to int64
	seen     time.Time
}

func (w *Watcher) fail(err error) {
	w.Errors.Add(1)
	w.LastErr.Store(err.Error())
}

// Run polls the heads until stop is closed, then fetches what is left and
// returns; the blocks are fetched in the background, so that a slow fetch
// does not delay when a height is seen.
func (w *Watcher) Run(stop <-chan struct{}) {
	w.heads = make([]atomic.Int64, len(w.Nodes))
	w.chunk = 20
	quit := make(chan struct{})
	var pollers sync.WaitGroup
	for i, u := range w.Nodes {
		w.heads[i].Store(-1)
		pollers.Add(1)
		go func() {
			defer pollers.Done()
			t := time.NewTicker(w.Poll)
			defer t.Stop()
			for {
				if h, err := Height(w.RPC, u); err == nil {
					w.heads[i].Store(h)
				} else {
					w.fail(err)
				}
				select {
				case <-quit:
					return
				case <-t.C:
				}
			}
		}()
	}
	spans := make(chan span, 4096)
	done := make(chan struct{})
	var stopping atomic.Bool
	go func() {
		defer close(done)
		for sp := range spans {
			from := sp.from
			for try := 0; ; try++ {
				got, err := w.fetch(from, sp.to, sp.seen, try)
				if err == nil {
					break
				}
				w.fail(err)
				w.chunk = max(1, w.chunk/2)
				if stopping.Load() && try >= 50 {
					break
				}
				from = got + 1
				time.Sleep(100 * time.Millisecond)
			}
		}
	}()
	t := time.NewTicker(w.Poll / 2)
	defer t.Stop()
	last := w.From
	for {
		final := false
		select {
		case <-stop:
			final = true
		case <-t.C:
		}
		h := w.top()
		if h > last {
			spans <- span{last + 1, h, time.Now()}
			last = h
		}
		if final {
			close(quit)
			pollers.Wait()
			stopping.Store(true)
			close(spans)
			<-done
			return
		}
	}
}

// top is the highest head seen at any node.
func (w *Watcher) top() int64 {
	top := int64(-1)
	for j := range w.heads {
		top = max(top, w.heads[j].Load())
	}
	return top
}

// source is a node whose head is at least h, in turn by k; -1 if none.
func (w *Watcher) source(h int64, k int) int {
	n := len(w.heads)
	for j := range n {
		i := (k + j) % n
		if w.heads[i].Load() >= h {
			return i
		}
	}
	return -1
}

// fetch records blocks from..to, seen at seen, from the nodes that have
// them (in turn, shifted by try); it returns the last height recorded.
func (w *Watcher) fetch(from, to int64, seen time.Time, try int) (int64, error) {
	chunk := w.chunk
	off := seen.Sub(w.Start)
	done := from - 1
	for s := from; s <= to; s += chunk {
		e := min(s+chunk-1, to)
		i := w.source(e, int(s/chunk)+try)
		if i < 0 {
			return done, fmt.Errorf("no node has height %d yet", e)
		}
		var r blocksReply
		if err := w.RPC.Call(w.Nodes[i], "Chain33.GetBlocks", map[string]any{"start": s, "end": e, "isDetail": false}, &r); err != nil {
			return done, err
		}
		if len(r.Items) != int(e-s+1) {
			return done, fmt.Errorf("GetBlocks %d..%d: %d blocks", s, e, len(r.Items))
		}
		for _, it := range r.Items {
			b := Block{Height: it.Block.Height, BlockTime: it.Block.BlockTime, Seen: off, Txs: len(it.Block.Txs)}
			for _, tx := range it.Block.Txs {
				if w.Track.Commit(tx.Hash, b.Height, off, seen) {
					b.Ours++
				}
			}
			w.Blocks = append(w.Blocks, b)
			done = b.Height
		}
	}
	return done, nil
}
