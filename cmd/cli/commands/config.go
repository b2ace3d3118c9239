package commands

import (
	"encoding/json"

	"chain33node/types"

	"github.com/spf13/cobra"
)

// manageExec is the manage executor name, prefixed on a parachain.
func manageExec(cmd *cobra.Command) string {
	para, _ := cmd.Flags().GetString("paraName")
	return paraExecName(para, types.ExecManage)
}

func (a *app) configCmd() *cobra.Command {
	tx := &cobra.Command{
		Use:   "config_tx",
		Short: "set system config",
		Run: a.run(func(cmd *cobra.Command, _ []string) error {
			key, _ := cmd.Flags().GetString("config_key")
			op, _ := cmd.Flags().GetString("operation")
			value, _ := cmd.Flags().GetString("value")
			payload, err := types.MarshalPB(&types.ModifyConfig{Key: key, Value: value, Op: op}, false)
			if err != nil {
				return err
			}
			return a.callRaw(cmd, "Chain33.CreateTransaction", &CreateTxIn{
				Execer: manageExec(cmd), ActionName: "Modify", Payload: json.RawMessage(payload),
			})
		}),
	}
	tx.Flags().StringP("config_key", "c", "", "config key string")
	tx.Flags().StringP("operation", "o", "", "add or delete object")
	tx.Flags().StringP("value", "v", "", "operating object")
	markRequired(tx, "config_key", "operation", "value")

	query := &cobra.Command{
		Use:   "query",
		Short: "Query config item",
		Run: a.run(func(cmd *cobra.Command, _ []string) error {
			key, _ := cmd.Flags().GetString("key")
			payload, err := types.MarshalPB(&types.ReqString{Data: key}, false)
			if err != nil {
				return err
			}
			return a.call(cmd, "Chain33.Query", &Query{
				Execer: manageExec(cmd), FuncName: "GetConfigItem", Payload: json.RawMessage(payload),
			}, new(ReplyConfig))
		}),
	}
	query.Flags().StringP("key", "k", "", "key string")
	markRequired(query, "key")

	return groupCmd("config", "Configuration", tx, query)
}
