package commands

import (
	"strings"

	"chain33node/types"

	"github.com/spf13/cobra"
)

// The history commands of chain33-cli (system/dapp/commands/tx.go
// query_addr and addr_overview, block.go view, query_hashs, last_sequence
// and sequences, account.go p2addr): the reference's flags, requests and
// output forms.

type reqAddrParam struct {
	Addr      string `json:"addr"`
	Flag      int32  `json:"flag"`
	Count     int32  `json:"count"`
	Direction int32  `json:"direction"`
	Height    int64  `json:"height"`
	Index     int64  `json:"index"`
}

// replyTxInfos is rpctypes.ReplyTxInfos.
type replyTxInfos struct {
	TxInfos []*struct {
		Hash   string             `json:"hash"`
		Height int64              `json:"height"`
		Index  int64              `json:"index"`
		Assets []*types.AssetJSON `json:"assets"`
	} `json:"txInfos"`
}

// addrOverview is the node's answer (types.AddrOverview in Go JSON) and
// addrOverviewResult the CLI's form of it (commands/types
// AddrOverviewResult).
type addrOverview struct {
	Reciver int64 `json:"reciver"`
	Balance int64 `json:"balance"`
	TxCount int64 `json:"txCount"`
}

type addrOverviewResult struct {
	Receiver string `json:"receiver"`
	Balance  string `json:"balance"`
	TxCount  int64  `json:"txCount"`
}

// blockOverview is rpctypes.BlockOverview.
type blockOverview struct {
	Head     *types.HeaderJSON `json:"head"`
	TxCount  int64             `json:"txCount"`
	TxHashes []string          `json:"txHashes"`
}

// replyBlkSeqs is rpctypes.ReplyBlkSeqs.
type replyBlkSeqs struct {
	BlkSeqInfos []*struct {
		Hash string `json:"hash"`
		Type int64  `json:"type"`
	} `json:"blkseqInfos"`
}

type blockHashesParam struct {
	Hashes []string `json:"hashes"`
}

type dataParam struct {
	Data string `json:"data"`
}

type replyString struct {
	Data string `json:"data,omitempty"`
}

func (a *app) queryAddrCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "query_addr",
		Short: "Query transaction by account address",
		Run: a.run(func(cmd *cobra.Command, _ []string) error {
			f := cmd.Flags()
			var p reqAddrParam
			p.Addr, _ = f.GetString("addr")
			p.Flag, _ = f.GetInt32("flag")
			p.Count, _ = f.GetInt32("count")
			p.Direction, _ = f.GetInt32("direction")
			p.Height, _ = f.GetInt64("height")
			p.Index, _ = f.GetInt64("index")
			return a.call(cmd, "Chain33.GetTxByAddr", &p, new(replyTxInfos))
		}),
	}
	f := cmd.Flags()
	f.StringP("addr", "a", "", "account address")
	f.Int32P("flag", "f", 0, "transaction type(0: all txs relevant to addr, 1: addr as sender, 2: addr as receiver) (default 0)")
	f.Int32P("count", "c", 10, "maximum return number of transactions")
	f.Int32P("direction", "d", 0, "query direction from height:index(0: positive order -1:negative order) (default 0)")
	f.Int64P("height", "t", -1, "transaction's block height(-1: from latest txs, >=0: query from height)")
	f.Int64P("index", "i", 0, "query from index of tx in block height[0-100000] (default 0)")
	markRequired(cmd, "addr")
	return cmd
}

func (a *app) addrOverviewCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "addr_overview",
		Short: "View transactions of address",
		Run: a.run(func(cmd *cobra.Command, _ []string) error {
			addr, _ := cmd.Flags().GetString("addr")
			cfg, err := a.chainConfig(cmd)
			if err != nil {
				return err
			}
			var res addrOverview
			if err := a.client(cmd).Call("Chain33.GetAddrOverview", &struct {
				Addr string `json:"addr"`
			}{addr}, &res); err != nil {
				return err
			}
			prec := coinPrecision(cfg)
			return a.printJSON(&addrOverviewResult{Receiver: FormatValue(res.Reciver, prec),
				Balance: FormatValue(res.Balance, prec), TxCount: res.TxCount})
		}),
	}
	cmd.Flags().StringP("addr", "a", "", "account address")
	markRequired(cmd, "addr")
	return cmd
}

func (a *app) blockViewCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "view",
		Short: "View block info by block hash",
		Run: a.run(func(cmd *cobra.Command, _ []string) error {
			hash, _ := cmd.Flags().GetString("hash")
			return a.call(cmd, "Chain33.GetBlockOverview", &hashParam{Hash: hash}, new(blockOverview))
		}),
	}
	cmd.Flags().StringP("hash", "s", "", "block hash at height")
	markRequired(cmd, "hash")
	return cmd
}

// blockByHashesCmd: the reference decodes the answer into the protobuf
// BlockDetails, which cannot take the node's hex hashes; this prints the
// details as the node gives them.
func (a *app) blockByHashesCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "query_hashs",
		Short: "Query block by hashs",
		Run: a.run(func(cmd *cobra.Command, _ []string) error {
			hashes, _ := cmd.Flags().GetString("hashes")
			return a.call(cmd, "Chain33.GetBlockByHashes", &blockHashesParam{Hashes: strings.Split(hashes, " ")},
				new(types.BlockDetailsJSON))
		}),
	}
	cmd.Flags().StringP("hashes", "s", "", "block hash(es), separated by space")
	markRequired(cmd, "hashes")
	return cmd
}

func (a *app) lastSequenceCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "last_sequence",
		Short: "View last block sequence",
		Run: a.run(func(cmd *cobra.Command, _ []string) error {
			return a.call(cmd, "Chain33.GetLastBlockSequence", nil, new(int64))
		}),
	}
}

func (a *app) sequencesCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "sequences",
		Short: "Get block sequences between [start, end]",
		Run: a.run(func(cmd *cobra.Command, _ []string) error {
			start, _ := cmd.Flags().GetInt64("start")
			end, _ := cmd.Flags().GetInt64("end")
			return a.call(cmd, "Chain33.GetBlockSequences", &blocksParam{Start: start, End: end}, new(replyBlkSeqs))
		}),
	}
	cmd.Flags().Int64P("start", "s", 0, "block start sequence")
	cmd.Flags().Int64P("end", "e", 0, "block end sequence")
	markRequired(cmd, "start", "end")
	return cmd
}

func (a *app) pubKeyToAddrCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "p2addr",
		Short: "Get addr by pubkey",
		Run: a.run(func(cmd *cobra.Command, _ []string) error {
			pub, _ := cmd.Flags().GetString("pub")
			return a.call(cmd, "Chain33.PubKeyToAddr", &dataParam{Data: pub}, new(replyString))
		}),
	}
	cmd.Flags().StringP("pub", "p", "", "pub key string")
	markRequired(cmd, "pub")
	return cmd
}
