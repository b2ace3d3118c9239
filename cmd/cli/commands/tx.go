package commands

import (
	"errors"
	"strings"

	"chain33node/types"

	"github.com/spf13/cobra"
)

// ErrHashNotExist is what `tx query` reports for a hash that is not
// 0x + 64 hex digits long.
const ErrHashNotExist = "ErrHashNotExist"

type hashParam struct {
	Hash string `json:"hash"`
}

type hashesParam struct {
	Hashes        []string `json:"hashes"`
	DisableDetail bool     `json:"disableDetail"`
}

type txHexParam struct {
	TxHex string `json:"txHex"`
}

func (a *app) txCmd() *cobra.Command {
	query := &cobra.Command{
		Use:   "query",
		Short: "Query transaction by hash",
		Run: a.run(func(cmd *cobra.Command, _ []string) error {
			hash, _ := cmd.Flags().GetString("hash")
			if len(hash) != 66 {
				return errors.New(ErrHashNotExist)
			}
			cfg, err := a.chainConfig(cmd)
			if err != nil {
				return err
			}
			var d types.TxDetailJSON
			if err := a.client(cmd).Call("Chain33.QueryTransaction", &hashParam{Hash: hash}, &d); err != nil {
				return err
			}
			return a.printJSON(cliTxDetail(&d, coinPrecision(cfg)))
		}),
	}
	query.Flags().StringP("hash", "s", "", "transaction hash")
	markRequired(query, "hash")

	queryHash := &cobra.Command{
		Use:   "query_hash",
		Short: "Get transactions by hashes",
		Run: a.run(func(cmd *cobra.Command, _ []string) error {
			hashes, _ := cmd.Flags().GetString("hashes")
			cfg, err := a.chainConfig(cmd)
			if err != nil {
				return err
			}
			var res types.TxDetailsJSON
			if err := a.client(cmd).Call("Chain33.GetTxByHashes",
				&hashesParam{Hashes: strings.Split(hashes, " ")}, &res); err != nil {
				return err
			}
			var out types.CLITxDetailsJSON
			for _, d := range res.Txs {
				if d == nil {
					out.Txs = append(out.Txs, nil)
					continue
				}
				cd := cliTxDetail(d, coinPrecision(cfg))
				cd.TxProofs, cd.FullHash = nil, "" // query_hash does not copy them
				out.Txs = append(out.Txs, cd)
			}
			return a.printJSON(&out)
		}),
	}
	queryHash.Flags().StringP("hashes", "s", "", "transaction hash(es), separated by space")
	markRequired(queryHash, "hashes")

	getHex := &cobra.Command{
		Use:   "get_hex",
		Short: "Get transaction hex by hash",
		Run: a.run(func(cmd *cobra.Command, _ []string) error {
			hash, _ := cmd.Flags().GetString("hash")
			return a.callRaw(cmd, "Chain33.GetHexTxByHash", &hashParam{Hash: hash})
		}),
	}
	getHex.Flags().StringP("hash", "s", "", "transaction hash")
	markRequired(getHex, "hash")

	decode := &cobra.Command{
		Use:   "decode",
		Short: "Decode a hex format transaction",
		Run: a.run(func(cmd *cobra.Command, _ []string) error {
			data, _ := cmd.Flags().GetString("data")
			if _, err := types.DecodeHex(data); err != nil {
				return err
			}
			var res types.TxListJSON
			if err := a.client(cmd).Call("Chain33.DecodeRawTransaction", &txHexParam{TxHex: data}, &res); err != nil {
				return err
			}
			return a.printJSON(cliTxList(&res))
		}),
	}
	decode.Flags().StringP("data", "d", "", "transaction content")
	markRequired(decode, "data")

	return groupCmd("tx", "Transaction management", query, queryHash, getHex, decode, a.queryAddrCmd(), a.addrOverviewCmd())
}

// cliTxDetail is the CLI form of a transaction detail (tolerating a missing
// tx or receipt in the node's answer).
func cliTxDetail(d *types.TxDetailJSON, precision int64) *types.CLITxDetailJSON {
	if d.Tx == nil {
		d.Tx = &types.TxJSON{}
	}
	return types.NewCLITxDetailJSON(d, precision)
}

// cliTxList is the CLI form of a transaction list (tx decode, mempool list).
func cliTxList(l *types.TxListJSON) *types.CLITxListJSON {
	var out types.CLITxListJSON
	for _, t := range l.Txs {
		if t == nil {
			out.Txs = append(out.Txs, nil)
			continue
		}
		out.Txs = append(out.Txs, types.NewCLITxJSON(t))
	}
	return &out
}
