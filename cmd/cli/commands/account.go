package commands

import (
	"errors"

	"chain33node/crypto"
	"chain33node/types"

	"github.com/spf13/cobra"
)

type allExecBalanceParam struct {
	Addr      string `json:"addr"`
	StateHash string `json:"stateHash,omitempty"`
}

type balanceParam struct {
	Addresses []string `json:"addresses"`
	Execer    string   `json:"execer"`
	StateHash string   `json:"stateHash,omitempty"`
}

func (a *app) accountCmd() *cobra.Command {
	balance := &cobra.Command{
		Use:   "balance",
		Short: "Get balance of a account address",
		Run:   a.run(a.balance),
	}
	balance.Flags().StringP("addr", "a", "", "account addr")
	balance.Flags().StringP("exec", "e", "", `executer name ("coins", "manage", "qbftNode" and user-defined type supported)`)
	balance.Flags().Int("height", -1, "block height")
	markRequired(balance, "addr")
	return groupCmd("account", "Account management", balance, a.pubKeyToAddrCmd())
}

func (a *app) balance(cmd *cobra.Command, _ []string) error {
	addr, _ := cmd.Flags().GetString("addr")
	execer, _ := cmd.Flags().GetString("exec")
	height, _ := cmd.Flags().GetInt("height")
	if crypto.CheckAddress(addr) != nil {
		return types.ErrInvalidAddress
	}
	cfg, err := a.chainConfig(cmd)
	if err != nil {
		return err
	}
	c := a.client(cmd)
	stateHash := ""
	if height >= 0 {
		var hs types.HeadersJSON
		p := &blocksParam{Start: int64(height), End: int64(height)}
		if err := c.Call("Chain33.GetHeaders", p, &hs); err != nil {
			return err
		}
		if len(hs.Items) == 0 || hs.Items[0] == nil {
			return errors.New("ErrBlockNotFound")
		}
		stateHash = hs.Items[0].StateHash
	}
	prec := coinPrecision(cfg)
	if execer == "" {
		var res types.AllExecBalanceJSON
		if err := c.Call("Chain33.GetAllExecBalance", &allExecBalanceParam{Addr: addr, StateHash: stateHash}, &res); err != nil {
			return err
		}
		out := &AllExecBalanceResult{Addr: res.Addr}
		for _, ea := range res.ExecAccount {
			acc := ea.Account
			if acc == nil {
				acc = &types.AccountJSON{}
			}
			out.ExecAccount = append(out.ExecAccount, &ExecAccountResult{
				Execer: ea.Execer,
				Account: &AccountResult{
					Currency: acc.Currency,
					Balance:  FormatValue(acc.Balance, prec),
					Frozen:   FormatValue(acc.Frozen, prec),
				},
			})
		}
		return a.printJSON(out)
	}
	var res []*types.AccountJSON
	p := &balanceParam{Addresses: []string{addr}, Execer: execer, StateHash: stateHash}
	if err := c.Call("Chain33.GetBalance", p, &res); err != nil {
		return err
	}
	if len(res) == 0 || res[0] == nil {
		return errors.New("ErrEmpty")
	}
	return a.printJSON(&AccountResult{
		Addr:     res[0].Addr,
		Currency: res[0].Currency,
		Balance:  FormatValue(res[0].Balance, prec),
		Frozen:   FormatValue(res[0].Frozen, prec),
	})
}
