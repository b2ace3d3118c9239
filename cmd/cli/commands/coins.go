package commands

import (
	"github.com/spf13/cobra"
)

func (a *app) coinsCmd() *cobra.Command {
	transfer := &cobra.Command{
		Use:   "transfer",
		Short: "Create a transfer transaction",
		Run: a.run(func(cmd *cobra.Command, _ []string) error {
			to, _ := cmd.Flags().GetString("to")
			amount, _ := cmd.Flags().GetFloat64("amount")
			note, _ := cmd.Flags().GetString("note")
			para, _ := cmd.Flags().GetString("paraName")
			cfg, err := a.chainConfig(cmd)
			if err != nil {
				return err
			}
			tx, err := BuildTransfer(cfg, para, to, amount, note)
			if err != nil {
				return err
			}
			return a.printRaw(EncodeTxHex(tx))
		}),
	}
	transfer.Flags().StringP("to", "t", "", "receiver account address")
	transfer.Flags().Float64P("amount", "a", 0, "transaction amount")
	transfer.Flags().StringP("note", "n", "", "transaction note info")
	markRequired(transfer, "to", "amount")
	return groupCmd("coins", "Construct system coins transactions", transfer, a.txGroupCmd())
}
