package commands

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"

	"chain33node/genesis"
	"chain33node/txbuild"
	"chain33node/types"

	"github.com/spf13/cobra"
	"google.golang.org/protobuf/proto"
)

func (a *app) qbftCmd() *cobra.Command {
	info := &cobra.Command{
		Use:   "info",
		Short: "Get qbft consensus info",
		Run: a.run(func(cmd *cobra.Command, _ []string) error {
			h, _ := cmd.Flags().GetInt64("height")
			out, err := a.queryPB(cmd, types.ExecQbftNode, "GetBlockInfoByHeight",
				&types.ReqQbftBlockInfo{Height: h}, new(types.QbftBlockInfo))
			if err != nil {
				return err
			}
			return a.printRaw(out)
		}),
	}
	info.Flags().Int64P("height", "t", 0, "block height (larger than 0)")
	markRequired(info, "height")

	perf := &cobra.Command{
		Use:   "perf_stat",
		Short: "Get qbft performance statistics",
		Run: a.run(func(cmd *cobra.Command, _ []string) error {
			start, _ := cmd.Flags().GetInt64("start")
			end, _ := cmd.Flags().GetInt64("end")
			var st types.QbftPerfStat
			if err := a.query(cmd, types.ExecQbftNode, "GetPerfStat",
				&types.ReqQbftPerfStat{Start: start, End: end}, &st); err != nil {
				return err
			}
			return a.printJSON(&PerfStat{
				TotalTx: st.TotalTx, TotalBlock: st.TotalBlock, TxPerBlock: st.TxPerBlock,
				TotalSecond: st.TotalSecond, TxPerSecond: st.TxPerSecond,
			})
		}),
	}
	perf.Flags().Int64P("start", "s", 0, "start block height")
	perf.Flags().Int64P("end", "e", 0, "end block height")

	add := &cobra.Command{
		Use:   "add",
		Short: "Add qbft validator node",
		Run: a.run(func(cmd *cobra.Command, _ []string) error {
			pub, _ := cmd.Flags().GetString("pubkey")
			power, _ := cmd.Flags().GetInt64("power")
			return a.printRaw(EncodeTxHex(txbuild.NodeUpdate(pub, power)))
		}),
	}
	add.Flags().StringP("pubkey", "p", "", "public key")
	add.Flags().Int64P("power", "w", 0, "voting power")
	markRequired(add, "pubkey", "power")

	gen := &cobra.Command{
		Use:   "gen_file",
		Short: "Generate qbft genesis and priv file",
		Run: a.run(func(cmd *cobra.Command, _ []string) error {
			num, _ := cmd.Flags().GetString("num")
			ty, _ := cmd.Flags().GetString("type")
			if !validKeyTypes[ty] {
				return errors.New("type parameter is not valid")
			}
			n, err := strconv.Atoi(num)
			if err != nil {
				return errors.New("num parameter is not valid digit")
			}
			paths, err := genesis.GenFile(".", n, ty)
			if err != nil {
				return err
			}
			return a.printRaw(fmt.Sprintf("generate genesis file path %s", paths[len(paths)-1]))
		}),
	}
	gen.Flags().StringP("num", "n", "", "num of the keyfile to create")
	markRequired(gen, "num")
	// The reference's default is ed25519; this node's consensus signs with
	// BLS only, so that is the default here.
	gen.Flags().StringP("type", "t", genesis.KeyType, "sign type of the keyfile (secp256k1, ed25519, sm2, bls)")

	return groupCmd("qbft", "Construct qbft transactions",
		&cobra.Command{
			Use:   "is_sync",
			Short: "Query qbft consensus is sync",
			Run: a.run(func(cmd *cobra.Command, _ []string) error {
				return a.call(cmd, "qbftNode.IsSync", nil, new(bool))
			}),
		},
		info,
		&cobra.Command{
			Use:   "nodes",
			Short: "Get qbft validator nodes",
			Run: a.run(func(cmd *cobra.Command, _ []string) error {
				return a.call(cmd, "qbftNode.GetNodeInfo", nil, new(NodeInfoSet))
			}),
		},
		&cobra.Command{
			Use:   "state",
			Short: "Get qbft current consensus state",
			Run: a.run(func(cmd *cobra.Command, _ []string) error {
				out, err := a.queryPB(cmd, types.ExecQbftNode, "GetCurrentState", nil, new(types.QbftState))
				if err != nil {
					return err
				}
				return a.printRaw(out)
			}),
		},
		perf,
		add,
		gen,
	)
}

// validKeyTypes are the key types the reference's gen_file knows.
var validKeyTypes = map[string]bool{"secp256k1": true, "ed25519": true, "sm2": true, "bls": true}

// query does Chain33.Query with req (nil for none) rendered in chain33's
// jsonpb form and decodes the jsonpb result into res.
func (a *app) query(cmd *cobra.Command, execer, funcName string, req, res proto.Message) error {
	q := &Query{Execer: execer, FuncName: funcName}
	if req != nil {
		p, err := types.MarshalPB(req, false)
		if err != nil {
			return err
		}
		q.Payload = json.RawMessage(p)
	}
	var raw json.RawMessage
	if err := a.client(cmd).Call("Chain33.Query", q, &raw); err != nil {
		return err
	}
	return types.UnmarshalPB(raw, res)
}

// queryPB does query and renders the result as the qbft commands print it:
// chain33's jsonpb (int64 as strings, bytes as 0x-hex, defaults emitted),
// indented with 4 spaces.
func (a *app) queryPB(cmd *cobra.Command, execer, funcName string, req, res proto.Message) (string, error) {
	if err := a.query(cmd, execer, funcName, req, res); err != nil {
		return "", err
	}
	b, err := types.MarshalPB(res, false)
	if err != nil {
		return "", err
	}
	var buf bytes.Buffer
	if err := json.Indent(&buf, b, "", "    "); err != nil {
		return "", err
	}
	return buf.String(), nil
}
