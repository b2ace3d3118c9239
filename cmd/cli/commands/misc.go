package commands

import (
	"chain33node/types"

	"github.com/spf13/cobra"
)

type mempoolParam struct {
	IsAll bool `json:"isAll"`
}

func (a *app) mempoolCmd() *cobra.Command {
	list := &cobra.Command{
		Use:   "list",
		Short: "List mempool txs",
		Run: a.run(func(cmd *cobra.Command, _ []string) error {
			all, _ := cmd.Flags().GetBool("all")
			var res types.TxListJSON
			if err := a.client(cmd).Call("Chain33.GetMempool", &mempoolParam{IsAll: all}, &res); err != nil {
				return err
			}
			return a.printJSON(cliTxList(&res))
		}),
	}
	list.Flags().BoolP("all", "a", false, "show all tx in mempool")
	return groupCmd("mempool", "Mempool management", list)
}

func (a *app) versionCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Get node version",
		Run: a.run(func(cmd *cobra.Command, _ []string) error {
			return a.call(cmd, "Chain33.Version", nil, new(VersionInfo))
		}),
	}
}
