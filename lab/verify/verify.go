// Package verify reads every block of every node over JSON-RPC, as any
// client could, and checks what a cluster must keep whatever happened to it:
// one chain (every node holds the same block at every height it has), no node
// going back below a height it showed, every transaction committed at most
// once, and every acknowledged transaction committed.
//
// Reading is incremental: each call reads the blocks a node added since the
// last one, and checks that the new blocks extend the ones already read
// (parent hashes), so a node cannot rewrite what was read without it showing.
package verify

import (
	"crypto/sha256"
	"fmt"
	"strings"
	"sync"

	"chain33node/lab/load"
)

// Fork is a height at which a node holds another block than the first node
// that showed one there (or rewrote a block below what was read).
type Fork struct {
	Node   int
	Height int64
	Detail string
}

// Dup is a transaction committed at two heights.
type Dup struct {
	Hash   string
	First  int64
	Second int64
}

// Rollback is a node whose head went below what it showed before.
type Rollback struct {
	Node     int
	From, To int64
}

// Chain is what has been read of the nodes' chains.
type Chain struct {
	RPC  *load.RPC
	URLs []string

	mu        sync.Mutex
	hash      map[int64]string   // the block hash first read at each height
	digest    map[int64][32]byte // its transaction list
	txs       map[string]int64   // transaction → height of its commit
	read      []int64            // per node: heights read and checked
	nodeHash  []string           // per node: the hash at read
	forks     []Fork
	dups      []Dup
	rollbacks []Rollback
}

// New returns a reader of the nodes at urls that starts at block 1.
func New(rpc *load.RPC, urls []string) *Chain {
	return &Chain{RPC: rpc, URLs: urls, hash: map[int64]string{}, digest: map[int64][32]byte{},
		txs: map[string]int64{}, read: make([]int64, len(urls)), nodeHash: make([]string, len(urls))}
}

type headersReply struct {
	Items []struct {
		Height     int64  `json:"height"`
		Hash       string `json:"hash"`
		ParentHash string `json:"parentHash"`
	} `json:"items"`
}

type blocksReply struct {
	Items []struct {
		Block struct {
			Height int64 `json:"height"`
			Txs    []struct {
				Hash string `json:"hash"`
			} `json:"txs"`
		} `json:"block"`
	} `json:"items"`
}

// Read reads the new blocks of every node (in parallel) and returns the
// heads it saw; a node that does not answer has head -1 and err set.
func (c *Chain) Read() ([]int64, []error) {
	heads := make([]int64, len(c.URLs))
	errs := make([]error, len(c.URLs))
	var wg sync.WaitGroup
	for i := range c.URLs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			heads[i], errs[i] = c.readNode(i)
		}()
	}
	wg.Wait()
	return heads, errs
}

// chunk is how many blocks one GetBlocks asks for: their transactions' JSON
// is large.
const chunk = 20

func (c *Chain) readNode(i int) (int64, error) {
	u := c.URLs[i]
	head, err := load.Height(c.RPC, u)
	if err != nil {
		return -1, err
	}
	c.mu.Lock()
	from := c.read[i]
	if head < from {
		c.rollbacks = append(c.rollbacks, Rollback{Node: i, From: from, To: head})
		c.read[i] = head
		c.nodeHash[i] = c.hash[head]
		from = head
	}
	c.mu.Unlock()
	for s := from + 1; s <= head; s += chunk {
		e := min(s+chunk-1, head)
		var hs headersReply
		if err := c.RPC.Call(u, "Chain33.GetHeaders", map[string]any{"start": s, "end": e, "isDetail": false}, &hs); err != nil {
			return head, err
		}
		var bs blocksReply
		if err := c.RPC.Call(u, "Chain33.GetBlocks", map[string]any{"start": s, "end": e, "isDetail": false}, &bs); err != nil {
			return head, err
		}
		if len(hs.Items) != int(e-s+1) || len(bs.Items) != len(hs.Items) {
			return head, fmt.Errorf("%s: heights %d..%d: %d headers, %d blocks", u, s, e, len(hs.Items), len(bs.Items))
		}
		c.mu.Lock()
		for k, h := range hs.Items {
			b := bs.Items[k].Block
			if h.Height != s+int64(k) || b.Height != h.Height {
				c.mu.Unlock()
				return head, fmt.Errorf("%s: asked height %d, got header %d block %d", u, s+int64(k), h.Height, b.Height)
			}
			hashes := make([]string, len(b.Txs))
			for t, tx := range b.Txs {
				hashes[t] = tx.Hash
			}
			c.add(i, h.Height, h.Hash, h.ParentHash, hashes)
		}
		c.mu.Unlock()
	}
	return head, nil
}

// add checks block height of node i against what was read (c.mu held).
func (c *Chain) add(i int, height int64, hash, parent string, txs []string) {
	if height > 1 && c.nodeHash[i] != "" && !strings.EqualFold(parent, c.nodeHash[i]) {
		c.forks = append(c.forks, Fork{Node: i, Height: height - 1,
			Detail: fmt.Sprintf("block %d's parent is %s, the node showed %s there before", height, short(parent), short(c.nodeHash[i]))})
	}
	d := sha256.Sum256([]byte(strings.Join(txs, ",")))
	if agreed, ok := c.hash[height]; !ok {
		c.hash[height], c.digest[height] = hash, d
		for _, tx := range txs {
			if h, ok := c.txs[tx]; ok {
				c.dups = append(c.dups, Dup{Hash: tx, First: h, Second: height})
				continue
			}
			c.txs[tx] = height
		}
	} else if !strings.EqualFold(agreed, hash) {
		c.forks = append(c.forks, Fork{Node: i, Height: height, Detail: fmt.Sprintf("hash %s, others %s", short(hash), short(agreed))})
	} else if c.digest[height] != d {
		c.forks = append(c.forks, Fork{Node: i, Height: height, Detail: "same hash, other transactions"})
	}
	c.read[i], c.nodeHash[i] = height, hash
}

func short(h string) string {
	if len(h) > 12 {
		return h[:12]
	}
	return h
}

// Missing returns the transactions of hashes not read in any block.
func (c *Chain) Missing(hashes []string) []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	var out []string
	for _, h := range hashes {
		if _, ok := c.txs[h]; !ok {
			out = append(out, h)
		}
	}
	return out
}

// Findings is what went wrong so far.
type Findings struct {
	Forks     []Fork
	Dups      []Dup
	Rollbacks []Rollback
}

// Findings returns the forks, duplicates and rollbacks found so far.
func (c *Chain) Findings() Findings {
	c.mu.Lock()
	defer c.mu.Unlock()
	return Findings{Forks: append([]Fork(nil), c.forks...), Dups: append([]Dup(nil), c.dups...),
		Rollbacks: append([]Rollback(nil), c.rollbacks...)}
}

// ForkHeights is the number of distinct heights with a fork.
func (f Findings) ForkHeights() int {
	hs := map[int64]bool{}
	for _, k := range f.Forks {
		hs[k.Height] = true
	}
	return len(hs)
}

// Since returns the findings after the first a (an earlier Findings).
func (f Findings) Since(a Findings) Findings {
	return Findings{Forks: f.Forks[len(a.Forks):], Dups: f.Dups[len(a.Dups):], Rollbacks: f.Rollbacks[len(a.Rollbacks):]}
}

// String lists the findings, at most a few of each kind.
func (f Findings) String() string {
	var parts []string
	for k, x := range f.Forks {
		if k == 3 {
			parts = append(parts, fmt.Sprintf("… %d more forks", len(f.Forks)-3))
			break
		}
		parts = append(parts, fmt.Sprintf("fork at %d on node %d: %s", x.Height, x.Node+1, x.Detail))
	}
	for k, x := range f.Dups {
		if k == 3 {
			parts = append(parts, fmt.Sprintf("… %d more duplicates", len(f.Dups)-3))
			break
		}
		parts = append(parts, fmt.Sprintf("tx %s committed at %d and %d", short(x.Hash), x.First, x.Second))
	}
	for _, x := range f.Rollbacks {
		parts = append(parts, fmt.Sprintf("node %d went back from height %d to %d", x.Node+1, x.From, x.To))
	}
	return strings.Join(parts, "; ")
}
