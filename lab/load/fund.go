package load

import (
	"encoding/hex"
	"fmt"
	"io"
	"strings"
	"time"

	"chain33node/crypto"
)

// GenesisKey is the well-known chain33 test key of the shipped chain.toml's
// genesis account (14KEKbYtKKQm4wMthSK9J4La4nAiidGozt).
const GenesisKey = "CC38546E9E659D15E6B4893F0AB32A06D103931A8230B0BDE71459D2B27D6944"

// ParseKey reads a hex private key ("0x" optional).
func ParseKey(h string) (*crypto.PrivKey, error) {
	b, err := hex.DecodeString(strings.TrimPrefix(h, "0x"))
	if err != nil {
		return nil, err
	}
	return crypto.PrivKeyFromBytes(b)
}

// ChainParams are coins transfers of amount with the chain's chainID and
// proper fee rate as node url reports them (the defaults if it does not).
func ChainParams(c *RPC, url string, amount int64) Params {
	p := Params{Execer: "coins", Amount: amount, FeeRate: 100000}
	var cid struct {
		ChainID int32 `json:"chainID"`
	}
	if err := c.Call(url, "Chain33.GetChainID", nil, &cid); err == nil {
		p.ChainID = cid.ChainID
	}
	var fee struct {
		ProperFee int64 `json:"properFee"`
	}
	if err := c.Call(url, "Chain33.GetProperFee", map[string]any{}, &fee); err == nil && fee.ProperFee > 0 {
		p.FeeRate = fee.ProperFee
	}
	return p
}

type account struct {
	Addr    string `json:"addr"`
	Balance int64  `json:"balance"`
}

// Balances returns the coins balances of addrs.
func Balances(c *RPC, url, execer string, addrs []string) (map[string]int64, error) {
	var accs []account
	if err := c.Call(url, "Chain33.GetBalance", map[string]any{"addresses": addrs, "execer": execer}, &accs); err != nil {
		return nil, err
	}
	out := make(map[string]int64, len(accs))
	for _, a := range accs {
		out[a.Addr] = a.Balance
	}
	return out, nil
}

// Fund sends every sender with a balance below needs[i] needs[i] from the
// funder, batch transfers at a time (below maxTxNumPerAccount), each batch
// waited for until the balances show it.
func Fund(c *RPC, url string, funder *crypto.PrivKey, senders []Sender, needs []int64, p Params,
	batch int, timeout time.Duration, log io.Writer) error {
	for lo := 0; lo < len(senders); lo += batch {
		hi := min(lo+batch, len(senders))
		addrs := make([]string, 0, hi-lo)
		for _, s := range senders[lo:hi] {
			addrs = append(addrs, s.Addr)
		}
		bal, err := Balances(c, url, p.Execer, addrs)
		if err != nil {
			return fmt.Errorf("GetBalance: %w", err)
		}
		sent := 0
		for i := lo; i < hi; i++ {
			if bal[senders[i].Addr] >= needs[i] {
				continue
			}
			q := p
			q.Amount = needs[i]
			tx, err := Transfer(funder, senders[i].Addr, q)
			if err != nil {
				return err
			}
			for try := 0; ; try++ {
				_, err := c.Post(url, SendBody(tx.Encode()))
				if err == nil {
					break
				}
				if !Retryable(ErrorClass(err)) || try == 50 {
					return fmt.Errorf("funding %s: %w", senders[i].Addr, err)
				}
				time.Sleep(200 * time.Millisecond)
			}
			sent++
		}
		sentAt := time.Now()
		deadline := sentAt.Add(timeout)
		for sent > 0 {
			time.Sleep(200 * time.Millisecond)
			bal, err := Balances(c, url, p.Execer, addrs)
			if err == nil {
				ok := 0
				for i := lo; i < hi; i++ {
					if bal[senders[i].Addr] >= needs[i] {
						ok++
					}
				}
				if ok == hi-lo {
					break
				}
			}
			if time.Now().After(deadline) {
				return fmt.Errorf("funding batch %d..%d not committed within %s", lo, hi-1, timeout)
			}
		}
		fmt.Fprintf(log, "funded senders %d..%d (%d transfers, committed after %s)\n", lo, hi-1, sent,
			time.Since(sentAt).Round(time.Millisecond))
	}
	return nil
}
