package commands

import (
	"fmt"
	"os"
	"path/filepath"
	"time"

	"chain33node/rpc/auth"

	"github.com/spf13/cobra"
)

// authCmd manages the node's RPC bearer tokens (ours; the model of
// venus-auth). It writes the token file in the node's data directory
// directly: issuing a token is a local operation of whoever may write the
// node's files, and works whether the node runs or not (a running node
// picks the change up within a second).
func (a *app) authCmd() *cobra.Command {
	datadir := func(cmd *cobra.Command) {
		cmd.Flags().String("datadir", "datadir", "the node's data directory ([blockchain] dbPath or node -datadir)")
	}
	file := func(cmd *cobra.Command) (string, error) {
		d, _ := cmd.Flags().GetString("datadir")
		if fi, err := os.Stat(d); err != nil || !fi.IsDir() {
			return "", fmt.Errorf("no node data directory %q: run in the node's directory or pass --datadir", d)
		}
		return filepath.Join(d, auth.FileName), nil
	}
	create := &cobra.Command{
		Use:   "create-token",
		Short: "Issue an RPC token (printed once; the node keeps only its hash)",
		Long: `Issue an RPC token. From the first token on, every JSON-RPC and gRPC call must carry
"Authorization: Bearer <token>" with a level that the method needs:
  read   queries (blocks, transactions, balances, peers, ...)
  write  + SendTransaction
  sign   + SignRawTx
  admin  everything
Clients send it with --token <token> (or $CHAIN33_TOKEN); with enableTLS, --rpc_laddr https://host:8801
and --ca_file ca.pem verify the node's certificate.`,
		Run: a.run(func(cmd *cobra.Command, _ []string) error {
			permName, _ := cmd.Flags().GetString("perm")
			perm, err := auth.ParsePerm(permName)
			if err != nil {
				return err
			}
			name, _ := cmd.Flags().GetString("name")
			if name == "" {
				name = fmt.Sprintf("%s-%s", perm, time.Now().UTC().Format("20060102T150405Z"))
			}
			path, err := file(cmd)
			if err != nil {
				return err
			}
			token, err := auth.Create(path, name, perm)
			if err != nil {
				return err
			}
			return a.printRaw(token)
		}),
	}
	create.Flags().String("perm", "", "permission level: read, write, sign or admin")
	create.Flags().String("name", "", "a name to revoke it by (default: level and time)")
	markRequired(create, "perm")
	datadir(create)

	list := &cobra.Command{
		Use:   "list",
		Short: "List the issued RPC tokens (names and levels)",
		Run: a.run(func(cmd *cobra.Command, _ []string) error {
			path, err := file(cmd)
			if err != nil {
				return err
			}
			entries, err := auth.Load(path)
			if err != nil {
				return err
			}
			type shown struct {
				Name    string    `json:"name"`
				Perm    string    `json:"perm"`
				Created time.Time `json:"created"`
			}
			out := []shown{}
			for _, e := range entries {
				out = append(out, shown{e.Name, e.Perm, e.Created})
			}
			return a.printJSON(out)
		}),
	}
	datadir(list)

	revoke := &cobra.Command{
		Use:   "revoke",
		Short: "Revoke an RPC token by name",
		Run: a.run(func(cmd *cobra.Command, _ []string) error {
			path, err := file(cmd)
			if err != nil {
				return err
			}
			name, _ := cmd.Flags().GetString("name")
			return auth.Revoke(path, name)
		}),
	}
	revoke.Flags().String("name", "", "the token's name (auth list)")
	markRequired(revoke, "name")
	datadir(revoke)

	return groupCmd("auth", "RPC bearer tokens of a node on this host", create, list, revoke)
}
