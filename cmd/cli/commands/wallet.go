package commands

import (
	"bufio"
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"
)

// ReqSignRawTx is the param of Chain33.SignRawTx (its protobuf Go JSON
// tags: zero fields omitted).
type ReqSignRawTx struct {
	Addr      string `json:"addr,omitempty"`
	Privkey   string `json:"privkey,omitempty"`
	TxHex     string `json:"txHex,omitempty"`
	Expire    string `json:"expire,omitempty"`
	Index     int32  `json:"index,omitempty"`
	Token     string `json:"token,omitempty"`
	Fee       int64  `json:"fee,omitempty"`
	NewToAddr string `json:"newToAddr,omitempty"`
	AddressID int32  `json:"addressID,omitempty"`
}

// rawParam is the param of Chain33.SendTransaction.
type rawParam struct {
	Token string `json:"token"`
	Data  string `json:"data"`
}

// expireNotice is what the reference prints when it raises a short expiry.
const expireNotice = "expire time must longer than 2 minutes, changed expire time into 2 minutes"

// CheckExpire validates an expiry option as the reference's CheckExpireOpt: a
// duration ("120s", "1h"; non-zero values under 2 minutes become "120s" and
// bumped is true), a block height ("123") or a TxHeight ("H:123").
func CheckExpire(expire string) (out string, bumped bool, err error) {
	if d, err := time.ParseDuration(expire); err == nil {
		if d < 2*time.Minute && d != 0 {
			return "120s", true, nil
		}
		return expire, false, nil
	}
	if h, err := strconv.Atoi(expire); err == nil {
		if h <= 0 {
			return "", false, errors.New("block height should be grate to 0")
		}
		return expire, false, nil
	}
	if expire == "" {
		return "", false, errors.New("expire string should not be empty")
	}
	if v, ok := strings.CutPrefix(expire, "H:"); ok {
		h, err := strconv.Atoi(v)
		if err != nil {
			return "", false, err
		}
		if h <= 0 {
			return "", false, errors.New("txHeight should be grate to 0")
		}
		return expire, false, nil
	}
	return "", false, errors.New(`Invalid expire format. Should be one of {time:"3600s/1min/1h" block:"123" txHeight:"H:123"}`)
}

func (a *app) walletCmd() *cobra.Command {
	sign := &cobra.Command{
		Use:   "sign",
		Short: "Sign transaction",
		Run:   a.run(a.walletSign),
	}
	f := sign.Flags()
	f.StringP("data", "d", "", "raw transaction hex data or data file")
	f.Int32P("index", "i", 0, "transaction index to be signed")
	f.StringP("key", "k", "", "private key (optional)")
	f.StringP("addr", "a", "", "account address (optional)")
	f.StringP("expire", "e", "120s", "transaction expire time")
	f.Float64P("fee", "f", 0, "transaction fee (optional), auto set proper fee if not set or zero fee")
	f.StringP("to", "t", "", "new to addr (optional)")
	f.Int32P("addressType", "p", -1, "address type ID, btc(0), btcMultiSign(1), eth(2)")
	f.Int32P("chainID", "c", 0, "for eth signn (optional)")
	f.StringP("out", "o", "sign.out", "output file, default sign.out")
	markRequired(sign, "data")

	send := &cobra.Command{
		Use:   "send",
		Short: "Send a transaction",
		Run:   a.run(a.walletSend),
	}
	f = send.Flags()
	f.StringP("data", "d", "", "tx data or tx file")
	f.StringP("out", "o", "send.out", "output file")
	f.StringP("token", "t", "BTY", "token name. (BTY supported)")
	f.BoolP("ethType", "e", false, "")
	markRequired(send, "data")

	return groupCmd("wallet", "Wallet management", sign, send, a.noBalanceCmd())
}

func (a *app) walletSign(cmd *cobra.Command, _ []string) error {
	f := cmd.Flags()
	data, _ := f.GetString("data")
	key, _ := f.GetString("key")
	addr, _ := f.GetString("addr")
	index, _ := f.GetInt32("index")
	to, _ := f.GetString("to")
	fee, _ := f.GetFloat64("fee")
	expire, _ := f.GetString("expire")
	addressType, _ := f.GetInt32("addressType")
	out, _ := f.GetString("out")

	expire, bumped, err := CheckExpire(expire)
	if err != nil {
		return err
	}
	if bumped {
		if err := a.printRaw(expireNotice); err != nil {
			return err
		}
	}
	cfg, err := a.chainConfig(cmd)
	if err != nil {
		return err
	}
	feeValue, err := AmountToValue(fee, coinPrecision(cfg))
	if err != nil {
		return err
	}
	req := &ReqSignRawTx{
		Addr: addr, Privkey: key, TxHex: data, Expire: expire, Index: index,
		Fee: feeValue, NewToAddr: to, AddressID: addressType,
	}
	if !isFile(data) {
		return a.callRaw(cmd, "Chain33.SignRawTx", req)
	}
	// -d names a file: sign each line, write the results to -o.
	lines, err := readLines(data)
	if err != nil {
		return err
	}
	c := a.client(cmd)
	var signed []string
	var failed error
	for i, raw := range lines {
		if raw == "" {
			continue
		}
		req.TxHex = raw
		var s string
		if err := c.Call("Chain33.SignRawTx", req, &s); err != nil {
			failed = fmt.Errorf("signRawTx err, line:%d, err:%s", i, err)
			fmt.Fprintln(a.env.Stderr, failed)
			continue
		}
		signed = append(signed, s)
	}
	if err := writeLines(out, signed); err != nil {
		fmt.Fprintln(a.env.Stderr, err)
		for _, s := range signed {
			if err := a.printRaw(s); err != nil {
				return err
			}
		}
	}
	if failed != nil {
		a.failed = true
	}
	return nil
}

func (a *app) walletSend(cmd *cobra.Command, _ []string) error {
	f := cmd.Flags()
	data, _ := f.GetString("data")
	token, _ := f.GetString("token")
	eth, _ := f.GetBool("ethType")
	if eth {
		return errors.New("ethType transactions are not supported by this node")
	}
	req := &rawParam{Token: token, Data: data}
	if !isFile(data) {
		return a.callRaw(cmd, "Chain33.SendTransaction", req)
	}
	// -d names a file: send each line, print the hashes.
	lines, err := readLines(data)
	if err != nil {
		return err
	}
	c := a.client(cmd)
	for i, tx := range lines {
		if tx == "" {
			continue
		}
		req.Data = tx
		var hash string
		if err := c.Call("Chain33.SendTransaction", req, &hash); err != nil {
			a.fail(fmt.Errorf("Error sendTx, line:%d, err:%s", i, err))
			continue
		}
		if err := a.printRaw(hash); err != nil {
			return err
		}
	}
	return nil
}

func isFile(name string) bool {
	fi, err := os.Stat(name)
	return err == nil && fi.Mode().IsRegular()
}

func readLines(name string) ([]string, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var lines []string
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 0, 64*1024), 1<<20)
	for sc.Scan() {
		lines = append(lines, strings.TrimSpace(sc.Text()))
	}
	return lines, sc.Err()
}

func writeLines(name string, lines []string) error {
	if len(lines) == 0 {
		return nil
	}
	var b strings.Builder
	for _, l := range lines {
		b.WriteString(l)
		b.WriteByte('\n')
	}
	return os.WriteFile(name, []byte(b.String()), 0o644)
}
