package commands

import (
	"strconv"

	"chain33node/types"

	"github.com/spf13/cobra"
)

type blocksParam struct {
	Start    int64 `json:"start"`
	End      int64 `json:"end"`
	IsDetail bool  `json:"isDetail"`
}

type heightParam struct {
	Height int64 `json:"height"`
}

// blockRange reads -s, -e and the string flag -d (0/f/false, 1/t/true).
func blockRange(cmd *cobra.Command) (*blocksParam, error) {
	start, _ := cmd.Flags().GetInt64("start")
	end, _ := cmd.Flags().GetInt64("end")
	detail, _ := cmd.Flags().GetString("detail")
	d, err := strconv.ParseBool(detail)
	if err != nil {
		return nil, err
	}
	return &blocksParam{Start: start, End: end, IsDetail: d}, nil
}

func addRangeFlags(cmd *cobra.Command, what string) {
	cmd.Flags().Int64P("start", "s", 0, "block start height")
	cmd.Flags().Int64P("end", "e", 0, "block end height")
	cmd.Flags().StringP("detail", "d", "f", "whether print "+what+" detail info (0/f/false for No; 1/t/true for Yes)")
	markRequired(cmd, "start", "end")
}

func (a *app) blockCmd() *cobra.Command {
	get := &cobra.Command{
		Use:   "get",
		Short: "Get blocks between [start, end]",
		Run: a.run(func(cmd *cobra.Command, _ []string) error {
			p, err := blockRange(cmd)
			if err != nil {
				return err
			}
			var res types.BlockDetailsJSON
			if err := a.client(cmd).Call("Chain33.GetBlocks", p, &res); err != nil {
				return err
			}
			var out types.CLIBlockDetailsJSON
			for _, d := range res.Items {
				if d == nil || d.Block == nil {
					continue
				}
				out.Items = append(out.Items, types.NewCLIBlockDetailJSON(d))
			}
			return a.printJSON(&out)
		}),
	}
	addRangeFlags(get, "block")

	hash := &cobra.Command{
		Use:   "hash",
		Short: "Get hash of block at height",
		Run: a.run(func(cmd *cobra.Command, _ []string) error {
			h, _ := cmd.Flags().GetInt64("height")
			var res struct {
				Hash string `json:"hash"`
			}
			return a.call(cmd, "Chain33.GetBlockHash", &heightParam{Height: h}, &res)
		}),
	}
	hash.Flags().Int64P("height", "t", 0, "block height")
	markRequired(hash, "height")

	headers := &cobra.Command{
		Use:   "headers",
		Short: "Get block headers between [start, end]",
		Run: a.run(func(cmd *cobra.Command, _ []string) error {
			p, err := blockRange(cmd)
			if err != nil {
				return err
			}
			return a.call(cmd, "Chain33.GetHeaders", p, new(types.HeadersJSON))
		}),
	}
	addRangeFlags(headers, "header")

	last := &cobra.Command{
		Use:   "last_header",
		Short: "View last block header",
		Run: a.run(func(cmd *cobra.Command, _ []string) error {
			return a.call(cmd, "Chain33.GetLastHeader", nil, new(types.HeaderJSON))
		}),
	}

	return groupCmd("block", "Get block header or body info", get, hash, headers, last,
		a.blockViewCmd(), a.blockByHashesCmd(), a.lastSequenceCmd(), a.sequencesCmd())
}
