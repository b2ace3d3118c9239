package lab

import (
	"context"
	"encoding/hex"
	"fmt"
	"time"

	"chain33node/lab/load"
)

// MakeChain has the lab's (first) validator commit blocks of perBlock transfers
// until its height reaches blocks. It posts perBlock transfers in one
// Chain33.SendTransactions call and waits for the next block: the
// validator proposes as soon as its pool holds transactions and takes them
// all, so a block holds one call's (now and then it starts on part of them
// and the next block takes the rest, more often on a busy machine), and
// the chain has about the same shape on any machine (a paced load of 1,000
// tx/s made blocks of 6 transfers on a fast one and of 16 on a slow one).
// The transfers are signed a chunk ahead, from 256 accounts in turn (up to
// 256 a block, one each).
func (l *Lab) MakeChain(ctx context.Context, blocks int64, perBlock int) error {
	url := l.URLs[0]
	senders, err := load.NewSenders(256)
	if err != nil {
		return err
	}
	p := load.ChainParams(l.RPC, url, 1)
	if err := l.fund(l.RPC, senders, nil, p); err != nil {
		return err
	}
	chunks := make(chan []load.Item, 1)
	stop := make(chan struct{})
	defer close(stop)
	signed := make(chan error, 1)
	go func() {
		for {
			items, err := load.Presign(senders, 64*perBlock, p)
			if err != nil {
				signed <- err
				return
			}
			select {
			case chunks <- items:
			case <-stop:
				return
			}
		}
	}()
	h, err := load.Height(l.RPC, url)
	if err != nil {
		return err
	}
	t0, last := time.Now(), time.Now()
	var items []load.Item
	for h < blocks && ctx.Err() == nil {
		if len(items) < perBlock {
			select {
			case more := <-chunks:
				items = append(items, more...)
			case err := <-signed:
				return fmt.Errorf("signing: %w", err)
			}
		}
		batch := items[:perBlock]
		items = items[perBlock:]
		datas := make([]string, len(batch))
		for i, it := range batch {
			datas[i] = hex.EncodeToString(it.Raw)
		}
		var answers []string
		if err := l.RPC.Call(url, "Chain33.SendTransactions", map[string]any{"datas": datas}, &answers); err != nil {
			return fmt.Errorf("SendTransactions at height %d: %w", h, err)
		}
		if len(answers) != len(batch) {
			return fmt.Errorf("SendTransactions at height %d: %d answers to %d transfers", h, len(answers), len(batch))
		}
		for i, a := range answers {
			if a != batch[i].Hash {
				return fmt.Errorf("a transfer refused at height %d: %s", h, a)
			}
		}
		for start := h; h == start && ctx.Err() == nil; {
			time.Sleep(time.Millisecond)
			if h, err = load.Height(l.RPC, url); err != nil {
				return err
			}
		}
		if time.Since(last) > 15*time.Second {
			last = time.Now()
			l.Log("chain: height %d of %d after %.0f s", h, blocks, time.Since(t0).Seconds())
		}
	}
	return nil
}
