// Command node runs a chain33-compatible node: `node -f chain.toml`.
// Without -f it runs a one-validator dev chain from built-in defaults.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"

	"chain33node/config"
	"chain33node/genesis"
	"chain33node/node"
)

// version is set at build time (-ldflags "-X main.version=...").
var version = "dev"

func main() {
	if err := run(); err != nil {
		// One line: an error that lists several problems (the config's) joins them.
		fmt.Fprintln(os.Stderr, "node:", strings.ReplaceAll(strings.TrimSpace(err.Error()), "\n", "; "))
		os.Exit(1)
	}
}

func run() error {
	cfgFile := flag.String("f", "", "config file (chain.toml); without it, a one-validator dev chain")
	datadir := flag.String("datadir", "", "data directory (overrides [blockchain] dbPath)")
	showVersion := flag.Bool("v", false, "print the version")
	insecureKeys := flag.Bool("allow-insecure-keys", false, "start even if priv_validator.json or a node_key is readable by group or others (warns)")
	rebind := flag.Bool("rebind-datadir", false, "bind the datadir to this node's validator key (or to none) after the key was replaced on purpose: only on the node's own datadir")
	flag.Parse()
	if *showVersion {
		fmt.Println(version)
		return nil
	}

	var cfg *config.Config
	var err error
	dev := *cfgFile == ""
	if dev {
		if cfg, err = devConfig(*datadir); err != nil {
			return err
		}
	} else if cfg, err = config.Load(*cfgFile); err != nil {
		return err
	}
	log, closeLog, err := setupLogging(cfg)
	if err != nil {
		return err
	}
	defer closeLog()
	for _, w := range cfg.Warnings {
		log.Warn("config: " + w)
	}
	soft, hard, err := raiseFileLimit()
	if err != nil {
		log.Warn("cannot raise the open-file limit", "soft", soft, "hard", hard, "err", err)
	}
	// From before the node opens anything: a signal during the start is a
	// clean stop once started, never the default (killed mid-write).
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	n, err := node.New(cfg, node.Options{Datadir: *datadir, Logger: log, AllowInsecureKeys: *insecureKeys, RebindDatadir: *rebind})
	if err != nil {
		return err
	}
	if err := n.Start(); err != nil {
		n.Close()
		return err
	}
	log.Info("open-file limit", "soft", soft, "hard", hard)
	if dev {
		printDevHelp(cfg)
	}
	<-ctx.Done()
	log.Info("shutting down")
	if err := n.Close(); err != nil {
		log.Error("shutdown", "err", err)
		return err
	}
	log.Info("stopped")
	return nil
}

// raiseFileLimit raises the soft limit on open files to the hard limit:
// LevelDB, the WAL, p2p and RPC connections share it (RPC takes at most half).
func raiseFileLimit() (soft, hard uint64, err error) {
	var r syscall.Rlimit
	if err := syscall.Getrlimit(syscall.RLIMIT_NOFILE, &r); err != nil {
		return 0, 0, err
	}
	if r.Cur < r.Max {
		want := r
		want.Cur = r.Max
		if err := syscall.Setrlimit(syscall.RLIMIT_NOFILE, &want); err != nil {
			return r.Cur, r.Max, err
		}
		r = want
	}
	return r.Cur, r.Max, nil
}

// devConfig lays out a one-validator chain in dir (default ./devnet) on
// first use and returns its config: the built-in defaults, on loopback.
func devConfig(dir string) (*config.Config, error) {
	if dir == "" {
		dir = "devnet"
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	gen, priv := filepath.Join(abs, "genesis.json"), filepath.Join(abs, "priv_validator.json")
	if _, err := os.Stat(gen); errors.Is(err, os.ErrNotExist) {
		if err := os.MkdirAll(abs, 0o755); err != nil {
			return nil, err
		}
		if _, err := genesis.GenFile(abs, 1, "bls"); err != nil {
			return nil, err
		}
		if err := os.Rename(filepath.Join(abs, "priv_validator_0.json"), priv); err != nil {
			return nil, err
		}
		if err := os.Rename(filepath.Join(abs, genesis.GenesisFileName), gen); err != nil {
			return nil, err
		}
	}
	cfg := config.Default()
	cfg.Dir = abs
	q := &cfg.Consensus.Sub.QBFT
	q.BindAddr, q.ValidatorNodes = "127.0.0.1", []string{"127.0.0.1:33001"}
	cfg.P2P.Sub.Gossip.BindAddr = "127.0.0.1"
	cfg.BlockChain.SingleMode = true
	return cfg, nil
}

func printDevHelp(cfg *config.Config) {
	fmt.Printf(`dev chain running: one validator, data in %s
  JSON-RPC  http://%s   gRPC %s
  genesis account %s holds %d coins and is the superManager;
  its private key (a well-known test key, never use it on a real chain):
    CC38546E9E659D15E6B4893F0AB32A06D103931A8230B0BDE71459D2B27D6944
  try:
    ./cli net is_sync
    ./cli block last_header
    ./cli send coins transfer -a 1 -t 1CbEVT9RnM5oZhWMj4fxUrJX94VtRotzvs -k CC38546E9E659D15E6B4893F0AB32A06D103931A8230B0BDE71459D2B27D6944
  stop with Ctrl-C
`, cfg.Dir, cfg.RPC.JrpcBindAddr, cfg.RPC.GrpcBindAddr, cfg.Consensus.Genesis, cfg.Consensus.Sub.QBFT.GenesisAmount)
}
