package load

import (
	"fmt"
	"sync/atomic"
	"time"
)

// Block is one committed block as the watcher saw it.
type Block struct {
	Height    int64
	BlockTime int64         // header time, unix seconds
	Seen      time.Duration // first seen by GetLastHeader, from the run's start
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

// Watcher follows the chain head on one node and records, for every block
// after From, when it was first seen and which of our transactions it holds.
// Block contents are fetched from the nodes in turn (GetBlocks without
// receipts) so that rendering them does not load one node only.
type Watcher struct {
	RPC     *RPC
	Head    string   // node polled with GetLastHeader
	Fetch   []string // nodes the blocks are fetched from
	Poll    time.Duration
	From    int64 // last height before the run
	Start   time.Time
	Index   map[string]int // tx hash → item
	Sched   *Sched
	Blocks  []Block
	Errors  atomic.Int64 // failed polls and fetches (retried)
	LastErr atomic.Value // string
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

// Run polls the head until stop is closed (then once more) and fetches the
// new blocks in the background, so that a slow fetch does not delay when a
// height is seen.
func (w *Watcher) Run(stop <-chan struct{}) {
	spans := make(chan span, 4096)
	done := make(chan struct{})
	var stopping atomic.Bool
	go func() {
		defer close(done)
		for sp := range spans {
			from := sp.from
			for try := 0; ; try++ {
				// The rotation's node may lag the head node: retry there.
				got, err := w.fetch(from, sp.to, sp.seen, try > 0)
				if err == nil {
					break
				}
				w.Errors.Add(1)
				w.LastErr.Store(err.Error())
				if stopping.Load() && try >= 50 {
					break
				}
				from = got + 1
				time.Sleep(100 * time.Millisecond)
			}
		}
	}()
	t := time.NewTicker(w.Poll)
	defer t.Stop()
	last := w.From
	for {
		final := false
		select {
		case <-stop:
			final = true
		case <-t.C:
		}
		h, err := Height(w.RPC, w.Head)
		seen := time.Now()
		if err != nil {
			w.Errors.Add(1)
			w.LastErr.Store(err.Error())
		} else if h > last {
			spans <- span{last + 1, h, seen}
			last = h
		}
		if final {
			stopping.Store(true)
			close(spans)
			<-done
			return
		}
	}
}

// fetch records blocks from..to, seen at seen, from the nodes in turn (or
// from the head node); it returns the last height recorded.
func (w *Watcher) fetch(from, to int64, seen time.Time, fromHead bool) (int64, error) {
	const chunk = 20
	off := seen.Sub(w.Start)
	done := from - 1
	for s := from; s <= to; s += chunk {
		e := min(s+chunk-1, to)
		url := w.Fetch[int(s)%len(w.Fetch)]
		if fromHead {
			url = w.Head
		}
		var r blocksReply
		if err := w.RPC.Call(url, "Chain33.GetBlocks", map[string]any{"start": s, "end": e, "isDetail": false}, &r); err != nil {
			return done, err
		}
		if len(r.Items) != int(e-s+1) {
			return done, fmt.Errorf("GetBlocks %d..%d: %d blocks", s, e, len(r.Items))
		}
		for _, it := range r.Items {
			b := Block{Height: it.Block.Height, BlockTime: it.Block.BlockTime, Seen: off, Txs: len(it.Block.Txs)}
			for _, tx := range it.Block.Txs {
				if i, ok := w.Index[tx.Hash]; ok {
					if w.Sched.Committed(i, b.Height, off, seen) {
						b.Ours++
					}
				}
			}
			w.Blocks = append(w.Blocks, b)
			done = b.Height
		}
	}
	return done, nil
}
