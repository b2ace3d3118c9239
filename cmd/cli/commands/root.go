// Package commands is the operator CLI: chain33-cli's command tree (net, qbft,
// config, send, wallet, tx, block, account, coins, mempool, version) with its
// names, flags, defaults and output, over the node's JSON-RPC.
//
// Output follows the reference: JSON results re-marshalled with 4-space
// indentation, raw strings (transaction hex, hashes) printed as they are.
// Unlike the reference version pinned by the qbft plugin (and like chain33
// HEAD), every failure is reported on stderr and makes Run return 1.
package commands

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"

	"chain33node/rpc/client"

	"github.com/BurntSushi/toml"
	"github.com/spf13/cobra"
)

// DefaultRPCAddr is the reference CLI's node address before its TLS probe.
const DefaultRPCAddr = "http://localhost:8801"

// Env is what a CLI invocation runs with.
type Env struct {
	Args       []string // arguments after the program name
	Stdout     io.Writer
	Stderr     io.Writer
	Executable string // this binary, for `send` (which runs itself)
	// DefaultRPC is the --rpc_laddr default before the probe; "" means
	// DefaultRPCAddr.
	DefaultRPC string
	// NoProbe skips the TLS probe of the default address.
	NoProbe bool
}

// app is the state shared by the commands of one invocation.
type app struct {
	env    Env
	title  string
	failed bool
}

// Run executes one CLI invocation and returns the process exit status.
func Run(env Env) int {
	if env.Stdout == nil {
		env.Stdout = os.Stdout
	}
	if env.Stderr == nil {
		env.Stderr = os.Stderr
	}
	title, err := cliTitle(env.Args)
	if err != nil {
		fmt.Fprintln(env.Stderr, err)
		return 1
	}
	a := &app{env: env, title: title}
	def := env.DefaultRPC
	if def == "" {
		def = DefaultRPCAddr
	}
	if !env.NoProbe {
		def = client.Probe(def)
	}
	root := a.rootCmd(def)
	root.SetArgs(env.Args)
	root.SetErr(env.Stderr)
	if err := root.Execute(); err != nil {
		fmt.Fprintln(env.Stderr, err)
		return 1
	}
	if a.failed {
		return 1
	}
	return 0
}

func (a *app) rootCmd(rpcDefault string) *cobra.Command {
	root := &cobra.Command{
		Use:   a.title + "-cli",
		Short: a.title + " client tools",
	}
	root.AddCommand(
		a.accountCmd(),
		a.blockCmd(),
		a.coinsCmd(),
		a.mempoolCmd(),
		a.netCmd(),
		a.blacklistCmd(),
		a.txCmd(),
		a.walletCmd(),
		a.versionCmd(),
		a.configCmd(),
		a.sendCmd(),
		a.qbftCmd(),
		a.authCmd(),
		a.execCmd(),
		a.noneCmd(),
	)
	pf := root.PersistentFlags()
	pf.String("rpc_laddr", rpcDefault, "http url")
	pf.String("paraName", "", "parachain")
	pf.String("title", a.title, "get title name")
	_ = pf.MarkHidden("title")
	pf.String("conf", "", "cli config")
	// Ours, hidden so that the usage text stays chain33-cli's (README, auth help).
	pf.String("ca_file", "", "CA certificates (PEM) that sign the node's TLS certificate (https): verify it")
	pf.String("token", os.Getenv(TokenEnv), "RPC bearer token (auth create-token); default $"+TokenEnv)
	_ = pf.MarkHidden("ca_file")
	_ = pf.MarkHidden("token")
	root.PersistentPreRunE = func(cmd *cobra.Command, _ []string) error {
		_, err := a.connect(cmd)
		return err
	}
	return root
}

// TokenEnv is the environment variable the --token default comes from.
const TokenEnv = "CHAIN33_TOKEN"

// connect returns a JSON-RPC client for the command's --rpc_laddr,
// --ca_file and --token.
func (a *app) connect(cmd *cobra.Command) (*client.Client, error) {
	addr, _ := cmd.Flags().GetString("rpc_laddr")
	ca, _ := cmd.Flags().GetString("ca_file")
	token, _ := cmd.Flags().GetString("token")
	return client.NewWith(addr, client.Options{CAFile: ca, Token: token})
}

// cliTitle is the chain title the CLI names itself after: Title of the file
// given by --conf (default chain33.toml in the current directory) if it
// exists, else the --paraName if given, else "local".
func cliTitle(args []string) (string, error) {
	path := ""
	for i, arg := range args {
		if arg == "--conf" && i+1 < len(args) {
			path = args[i+1]
			break
		}
		if v, ok := strings.CutPrefix(arg, "--conf="); ok {
			path = v
			break
		}
	}
	if path == "" {
		path = "chain33.toml"
	}
	if _, err := os.Stat(path); err == nil {
		var cfg struct{ Title string }
		if _, err := toml.DecodeFile(path, &cfg); err != nil {
			return "", fmt.Errorf("cli config %s: %w", path, err)
		}
		if cfg.Title != "" {
			return cfg.Title, nil
		}
	}
	for i, arg := range args {
		if arg == "--paraName" && i+1 < len(args) && args[i+1] != "" {
			return args[i+1], nil
		}
		if v, ok := strings.CutPrefix(arg, "--paraName="); ok && v != "" {
			return v, nil
		}
	}
	return "local", nil
}

// run adapts a command body: its error is printed on stderr (as the
// reference prints it) and marks the invocation failed.
func (a *app) run(fn func(cmd *cobra.Command, args []string) error) func(*cobra.Command, []string) {
	return func(cmd *cobra.Command, args []string) {
		if err := fn(cmd, args); err != nil {
			a.fail(err)
		}
	}
}

func (a *app) fail(err error) {
	fmt.Fprintln(a.env.Stderr, err)
	a.failed = true
}

// client returns the command's JSON-RPC client (connect succeeded before
// the command ran).
func (a *app) client(cmd *cobra.Command) *client.Client {
	c, err := a.connect(cmd)
	if err != nil {
		panic(err) // PersistentPreRunE refused it
	}
	return c
}

// printJSON prints v as the reference's RPC context does.
func (a *app) printJSON(v any) error {
	b, err := MarshalIndent(v)
	if err != nil {
		return err
	}
	_, err = a.env.Stdout.Write(b)
	return err
}

// printRaw prints a string result as-is with a newline.
func (a *app) printRaw(s string) error {
	_, err := fmt.Fprintln(a.env.Stdout, s)
	return err
}

// MarshalIndent is the CLI's output form: Go JSON with 4-space indentation
// and a final newline.
func MarshalIndent(v any) ([]byte, error) {
	b, err := json.MarshalIndent(v, "", "    ")
	if err != nil {
		return nil, err
	}
	return append(b, '\n'), nil
}

// call does one RPC and prints the result re-marshalled from res.
func (a *app) call(cmd *cobra.Command, method string, params, res any) error {
	if err := a.client(cmd).Call(method, params, res); err != nil {
		return err
	}
	return a.printJSON(res)
}

// callRaw does one RPC whose result is a string and prints it as-is.
func (a *app) callRaw(cmd *cobra.Command, method string, params any) error {
	var s string
	if err := a.client(cmd).Call(method, params, &s); err != nil {
		return err
	}
	return a.printRaw(s)
}

// groupCmd is a command that only holds subcommands (chain33's
// Args: cobra.MinimumNArgs(1)).
func groupCmd(use, short string, subs ...*cobra.Command) *cobra.Command {
	cmd := &cobra.Command{Use: use, Short: short, Args: cobra.MinimumNArgs(1)}
	cmd.AddCommand(subs...)
	return cmd
}

func markRequired(cmd *cobra.Command, names ...string) {
	for _, n := range names {
		if err := cmd.MarkFlagRequired(n); err != nil {
			panic(err) // a flag name typo: a programming error
		}
	}
}
