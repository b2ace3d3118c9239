package commands

import (
	"bytes"
	"errors"
	"fmt"
	"os/exec"
	"strings"

	"chain33node/crypto"

	"github.com/spf13/cobra"
)

// SendArgs are the arguments of `send <create command> -k KEY` split apart.
type SendArgs struct {
	Create       []string // the create command and its flags, -k/--key/--signAddrType removed
	Key          string   // private key or wallet address
	HasKey       bool
	SignAddrType string   // --signAddrType, "-1" by default
	RPCAddr      string   // --rpc_laddr if given ("" otherwise)
	Conn         []string // --ca_file and --token as given, for the sign and send steps too
}

// ParseSendArgs removes -k/--key and --signAddrType (as "-k v" or "-k=v")
// from args and notes --rpc_laddr, which stays in Create so that the create
// command talks to the same node.
func ParseSendArgs(args []string) (SendArgs, error) {
	s := SendArgs{SignAddrType: "-1"}
	for i := 0; i < len(args); i++ {
		arg := args[i]
		name, value, hasValue := strings.Cut(arg, "=")
		switch name {
		case "-k", "--key", "--signAddrType":
			if !hasValue {
				if i+1 >= len(args) {
					if name == "--signAddrType" {
						return s, errors.New("no signAddrType value found")
					}
					return s, errors.New("no private key found")
				}
				i++
				value = args[i]
			}
			if name == "--signAddrType" {
				s.SignAddrType = value
			} else {
				s.Key, s.HasKey = value, true
			}
			continue
		case "--ca_file", "--token":
			s.Conn = append(s.Conn, arg)
			if !hasValue && i+1 < len(args) {
				s.Conn = append(s.Conn, args[i+1])
				s.Create = append(s.Create, arg, args[i+1])
				i++
				continue
			}
		case "--rpc_laddr":
			if hasValue {
				s.RPCAddr = value
			} else if i+1 < len(args) {
				s.RPCAddr = args[i+1]
				s.Create = append(s.Create, arg, args[i+1])
				i++
				continue
			}
		}
		s.Create = append(s.Create, arg)
	}
	return s, nil
}

// SignArgs are the arguments of the `wallet sign` step.
func (s SendArgs) SignArgs(raw string) []string {
	keyFlag := "-k"
	if crypto.CheckAddress(s.Key) == nil {
		keyFlag = "-a" // a wallet account signs
	}
	args := []string{"wallet", "sign", "-d", raw, keyFlag, s.Key, "-p", s.SignAddrType}
	if s.RPCAddr != "" {
		args = append(args, "--rpc_laddr", s.RPCAddr)
	}
	return append(args, s.Conn...)
}

// SendTxArgs are the arguments of the `wallet send` step.
func (s SendArgs) SendTxArgs(signed string) []string {
	args := []string{"wallet", "send", "-d", signed}
	if s.RPCAddr != "" {
		args = append(args, "--rpc_laddr", s.RPCAddr)
	}
	return append(args, s.Conn...)
}

const sendHelp = `Use similarly as bty/token/trade/bind_miner raw transaction creation, in addition to the parameter of private key or from address input following "-k".
e.g.: cli send bty transfer -a 1 -n note -t toAddr -k privKey/fromAddr`

func (a *app) sendCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:                "send",
		Short:              "Send tx in one step",
		DisableFlagParsing: true,
		Run: a.run(func(_ *cobra.Command, args []string) error {
			return a.oneStepSend(args)
		}),
	}
	cmd.Flags().StringP("key", "k", "", "private key or from address for sign tx")
	return cmd
}

// oneStepSend runs the create command, `wallet sign` and `wallet send` as
// child processes of this binary and prints the transaction hash. Any
// output on stderr of a step aborts with that text.
func (a *app) oneStepSend(args []string) error {
	if len(args) == 0 || args[0] == "help" || args[0] == "--help" || args[0] == "-h" {
		return a.printRaw(sendHelp)
	}
	s, err := ParseSendArgs(args)
	if err != nil {
		return err
	}
	if a.env.Executable == "" {
		return errors.New("send: cannot locate the cli binary")
	}
	raw, err := a.step(s.Create)
	if err != nil {
		return err
	}
	if strings.Contains(raw, "\n") { // help or a message, not a transaction
		return a.printRaw(raw)
	}
	if !s.HasKey || s.Key == "" {
		return errors.New("no private key found")
	}
	signed, err := a.step(s.SignArgs(raw))
	if err != nil {
		return err
	}
	hash, err := a.step(s.SendTxArgs(signed))
	if err != nil {
		return err
	}
	return a.printRaw(hash)
}

// step runs this binary with args and returns its output without the final
// newline; stderr output or a failed exit is an error with that text.
func (a *app) step(args []string) (string, error) {
	c := exec.Command(a.env.Executable, args...)
	var out, errOut bytes.Buffer
	c.Stdout, c.Stderr = &out, &errOut
	runErr := c.Run()
	if msg := strings.TrimRight(errOut.String(), "\n"); msg != "" {
		return "", errors.New(msg)
	}
	if runErr != nil {
		return "", fmt.Errorf("%s: %w", strings.Join(args, " "), runErr)
	}
	return strings.TrimSuffix(out.String(), "\n"), nil
}
