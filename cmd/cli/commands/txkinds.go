package commands

import (
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"chain33node/crypto"
	"chain33node/txbuild"
	"chain33node/types"

	"github.com/spf13/cobra"
)

// Notarisation, group, no-balance and delayed transactions, as chain33-cli
// builds them: `exec addr|userdata` (system/dapp/commands/exec.go),
// `coins txgroup` (coins.go), `wallet nobalance` (wallet.go), `none delay`
// (none.go). Each prints the unsigned transaction; `send <command> ... -k
// KEY` signs and sends it.

// txChain is what the CLI's own builders take from the node's chain config.
func txChain(cfg *types.ChainConfigJSON) txbuild.Chain {
	return txbuild.Chain{ChainID: cfg.ChainID, FeeRate: cfg.MinTxFeeRate, CoinExec: cfg.CoinExec, MaxTxFee: cfg.MaxTxFee}
}

// allowedExecName is the reference CLI's IsAllowExecName(name, name): one
// of the chain's executors or a "user." name.
func allowedExecName(name string) bool {
	switch name {
	case types.ExecCoins, types.ExecManage, types.ExecQbftNode, types.ExecNone:
		return true
	}
	return types.IsUserExecName(name)
}

func (a *app) execCmd() *cobra.Command {
	addr := &cobra.Command{
		Use:   "addr",
		Short: "Get address of executor",
		Run: a.run(func(cmd *cobra.Command, _ []string) error {
			execer, _ := cmd.Flags().GetString("exec")
			if !allowedExecName(execer) {
				return a.printRaw(types.ErrExecNameNotAllow.Error())
			}
			return a.printRaw(crypto.ExecAddress(execer))
		}),
	}
	addr.Flags().StringP("exec", "e", "", `executor name ("none", "coins", "manage", "qbftNode" and user-defined type supported)`)
	markRequired(addr, "exec")

	userData := &cobra.Command{
		Use:   "userdata",
		Short: "Write data to user defined executor",
		Run: a.run(func(cmd *cobra.Command, _ []string) error {
			execer, _ := cmd.Flags().GetString("exec")
			topic, _ := cmd.Flags().GetString("topic")
			data, _ := cmd.Flags().GetString("data")
			switch {
			case !strings.HasPrefix(execer, types.UserPrefix):
				return a.printRaw(`user defined executor should start with "user."`)
			case len(execer) > 50:
				return a.printRaw("executor name too long")
			case topic == "" && data == "":
				return a.printRaw("write empty data")
			}
			cfg, err := a.chainConfig(cmd)
			if err != nil {
				return err
			}
			tx, err := txbuild.UserData(execer, topic, data, txChain(cfg))
			if err != nil {
				return err
			}
			return a.printRaw(EncodeTxHex(tx))
		}),
	}
	f := userData.Flags()
	f.StringP("exec", "e", "", `executor name must contain prefix "user"`)
	f.StringP("topic", "t", "", `add #topic# before data, if empty add nothing`)
	f.StringP("data", "d", "", `payload data that users want to write`)
	markRequired(userData, "exec", "data")
	return groupCmd("exec", "Executor operation", addr, userData)
}

// txGroupCmd is `coins txgroup -t "hex hex" | -f file`: the transactions
// linked into a group at the node's fee rate and checked, printed unsigned.
func (a *app) txGroupCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "txgroup",
		Short: "Create a transaction group",
		Run: a.run(func(cmd *cobra.Command, _ []string) error {
			txs, _ := cmd.Flags().GetString("txs")
			file, _ := cmd.Flags().GetString("file")
			var hexes []string
			switch {
			case txs != "":
				hexes = strings.Split(txs, " ")
			case file != "":
				var err error
				if hexes, err = a.groupFile(file); err != nil {
					return err
				}
			default:
				return a.printRaw("please input -t or -f; else, input -h to see help")
			}
			members := make([]*types.Transaction, len(hexes))
			for i, h := range hexes {
				raw, err := hex.DecodeString(h)
				if err != nil {
					return err
				}
				tx, err := types.DecodeTx(raw)
				if err != nil {
					return err
				}
				members[i] = tx.Transaction
			}
			cfg, err := a.chainConfig(cmd)
			if err != nil {
				return err
			}
			carrier, err := txbuild.CheckedGroup(members, txChain(cfg))
			if err != nil {
				return err
			}
			return a.printRaw(EncodeTxHex(carrier))
		}),
	}
	cmd.Flags().StringP("txs", "t", "", "transactions in hex, separated by space")
	cmd.Flags().StringP("file", "f", "", "name of file which contains hex style transactions, separated by new line")
	return cmd
}

// groupFile reads one transaction per non-empty line, echoing each as the
// reference does ("tx 1: <hex>").
func (a *app) groupFile(name string) ([]string, error) {
	lines, err := readLines(name)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, line := range lines {
		if line == "" {
			continue
		}
		out = append(out, line)
		if _, err := fmt.Fprintf(a.env.Stdout, "tx %d: %s\n", len(out), line); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// NoBalanceTx is the param of Chain33.CreateNoBalanceTransaction (its Go
// JSON tags: zero fields omitted).
type NoBalanceTx struct {
	TxHex   string `json:"txHex,omitempty"`
	PayAddr string `json:"payAddr,omitempty"`
	Privkey string `json:"privkey,omitempty"`
	Expire  string `json:"expire,omitempty"`
}

// noBalanceCmd is `wallet nobalance -d raw [-k key] [-a payaddr] [-e
// expire]`: the node's CreateNoBalanceTransaction, printed as it answers.
func (a *app) noBalanceCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "nobalance",
		Short: "Create nobalance transaction",
		Run: a.run(func(cmd *cobra.Command, _ []string) error {
			data, _ := cmd.Flags().GetString("data")
			addr, _ := cmd.Flags().GetString("payaddr")
			key, _ := cmd.Flags().GetString("key")
			expire, _ := cmd.Flags().GetString("expire")
			d, err := time.ParseDuration(expire)
			if err != nil {
				return err
			}
			if d != 0 && d < 2*time.Minute {
				expire = "120s"
				if err := a.printRaw(expireNotice); err != nil {
					return err
				}
			}
			return a.callRaw(cmd, "Chain33.CreateNoBalanceTransaction", &NoBalanceTx{TxHex: data, PayAddr: addr, Privkey: key, Expire: expire})
		}),
	}
	f := cmd.Flags()
	f.StringP("data", "d", "", "raw transaction data")
	f.StringP("key", "k", "", "private key of pay fee account (optional)")
	f.StringP("payaddr", "a", "", "account address of pay fee (optional)")
	f.StringP("expire", "e", "120s", "transaction expire time")
	markRequired(cmd, "data")
	return cmd
}

// noneCmd is `none delay -d <signed tx hex> -t <seconds>`: a CommitDelayTx
// built by the node's CreateTransaction.
func (a *app) noneCmd() *cobra.Command {
	delay := &cobra.Command{
		Use:   "delay",
		Short: "create commit delay tx",
		Run: a.run(func(cmd *cobra.Command, _ []string) error {
			delayTx, _ := cmd.Flags().GetString("delaytx")
			seconds, _ := cmd.Flags().GetInt64("delaytime")
			if delayTx == "" {
				return fmt.Errorf("empty delay tx param")
			}
			if seconds < 1 {
				return fmt.Errorf("negetive delay height param")
			}
			payload, err := types.MarshalPB(&types.CommitDelayTx{DelayTx: delayTx, RelativeDelayTime: seconds}, false)
			if err != nil {
				return err
			}
			para, _ := cmd.Flags().GetString("paraName")
			return a.callRaw(cmd, "Chain33.CreateTransaction", &CreateTxIn{
				Execer: paraExecName(para, types.ExecNone), ActionName: types.NoneActionCommitDelayTxName, Payload: json.RawMessage(payload),
			})
		}),
	}
	delay.Flags().StringP("delaytx", "d", "", "delay transaction data(hex format)")
	delay.Flags().Int64P("delaytime", "t", 10, "relative delay time(seconds)")
	markRequired(delay, "delaytx", "delaytime")
	return groupCmd("none", "dapp none", delay)
}
