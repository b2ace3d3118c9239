// Package load is the load generator's logic: pre-signed coins transfers, a
// submission scheduler that respects the mempool's per-sender limit, a
// committed-block watcher and the report. cmd/loadgen wires it to flags.
package load

import (
	"crypto/rand"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"runtime"
	"sync"

	"chain33node/crypto"
	"chain33node/types"

	"google.golang.org/protobuf/proto"
)

// Sender is one sending account.
type Sender struct {
	Key  *crypto.PrivKey
	Addr string
}

// NewSender wraps a key.
func NewSender(k *crypto.PrivKey) Sender {
	return Sender{Key: k, Addr: crypto.PubKeyToAddr(k.PubKey())}
}

// NewSenders generates n fresh accounts.
func NewSenders(n int) ([]Sender, error) {
	out := make([]Sender, n)
	for i := range out {
		k, err := crypto.GeneratePrivKey()
		if err != nil {
			return nil, err
		}
		out[i] = NewSender(k)
	}
	return out, nil
}

// Item is one pre-signed transaction, ready to post.
type Item struct {
	Sender int    // index into the senders
	Hash   string // "0x" + lower-case hex, as the node's JSON shows it
	Raw    []byte // protobuf encoding
	Fee    int64
	Body   []byte // the complete Chain33.SendTransaction request
}

// Params of the transfers.
type Params struct {
	Execer  string // "coins"
	Amount  int64  // base units per transfer
	FeeRate int64  // minTxFeeRate
	ChainID int32
}

// nonce is a random non-negative, non-zero int63 as chain33 clients use.
func nonce() int64 {
	var b [8]byte
	for {
		if _, err := rand.Read(b[:]); err != nil {
			panic(err)
		}
		if n := int64(binary.BigEndian.Uint64(b[:]) >> 1); n != 0 {
			return n
		}
	}
}

// Transfer builds and signs a coins transfer of amount to `to`, with the
// minimum fee for its signed size: fee = rate × (size/1000 + 1), expire 0,
// a random nonce.
func Transfer(k *crypto.PrivKey, to string, p Params) (*types.Tx, error) {
	payload, err := proto.Marshal(&types.CoinsAction{
		Ty:    types.CoinsActionTransfer,
		Value: &types.CoinsAction_Transfer{Transfer: &types.AssetsTransfer{Amount: p.Amount, To: to}},
	})
	if err != nil {
		return nil, err
	}
	t := &types.Transaction{
		Execer:  []byte(p.Execer),
		Payload: payload,
		Fee:     p.FeeRate,
		Nonce:   nonce(),
		To:      to,
		ChainID: p.ChainID,
	}
	for range 4 { // the fee's varint may grow the tx: sign until it covers its own size
		types.Sign(t, k)
		tx := types.NewTx(t)
		need := types.MinFee(tx.Size, p.FeeRate)
		if t.Fee >= need {
			return tx, nil
		}
		t.Fee = need
	}
	return nil, fmt.Errorf("fee does not converge")
}

// SendBody is the JSON-RPC request posting raw.
func SendBody(raw []byte) []byte {
	b := make([]byte, 0, 2*len(raw)+80)
	b = append(b, `{"method":"Chain33.SendTransaction","params":[{"data":"`...)
	b = hex.AppendEncode(b, raw)
	b = append(b, `"}],"id":1}`...)
	return b
}

// Presign signs n transfers in submission order: transaction i is sent by
// sender i mod len(senders) to the next sender, so any window of k
// consecutive transactions holds at most ceil(k/len(senders)) per sender.
// Signing runs on all cores.
func Presign(senders []Sender, n int, p Params) ([]Item, error) {
	if len(senders) == 0 {
		return nil, fmt.Errorf("no senders")
	}
	items := make([]Item, n)
	workers := runtime.GOMAXPROCS(0)
	var wg sync.WaitGroup
	errs := make([]error, workers)
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w; i < n; i += workers {
				s := i % len(senders)
				to := senders[(s+1)%len(senders)].Addr
				tx, err := Transfer(senders[s].Key, to, p)
				if err != nil {
					errs[w] = err
					return
				}
				raw := tx.Encode()
				items[i] = Item{Sender: s, Hash: types.HexWith0x(tx.Hash), Raw: raw, Fee: tx.Fee, Body: SendBody(raw)}
			}
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	return items, nil
}

// Needs is what each sender spends on its items (fees plus amounts).
func Needs(items []Item, senders int, amount int64) []int64 {
	out := make([]int64, senders)
	for _, it := range items {
		out[it.Sender] += it.Fee + amount
	}
	return out
}

// MaxPerWindow is the largest number of items of one sender among any k
// consecutive items (a bound on what one sender has pending when k
// transactions are in flight).
func MaxPerWindow(items []Item, senders, k int) int {
	cnt := make([]int, senders)
	best := 0
	for i, it := range items {
		cnt[it.Sender]++
		if i >= k {
			cnt[items[i-k].Sender]--
		}
		best = max(best, cnt[it.Sender])
	}
	return best
}
