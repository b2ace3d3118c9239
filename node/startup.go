package node

import (
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"net"
	"path/filepath"
	"strconv"
	"syscall"

	"chain33node/chain"
	"chain33node/config"
	"chain33node/executor"
	"chain33node/genesis"
	"chain33node/health"
	"chain33node/netkit"
	"chain33node/store"
)

// Startup checks. Everything that would stop the node is looked for before
// it writes anything, so that a node that does not start leaves its data as
// it was, and its error says in one line what is wrong, where, and what to
// do. The order puts the most telling error first: a second node started on
// the same datadir hears that the datadir is in use, not that its ports are.

// paths are where a node keeps its data.
type paths struct {
	data    string // the datadir
	chain   string // LevelDB
	qbft    string // consensus WAL, signer state, consensus host key
	p2pKey  string // libp2p identity on the gossip network
	qbftKey string // libp2p identity on the consensus network
}

func dataPaths(cfg *config.Config, opt Options) paths {
	p := paths{data: opt.Datadir}
	if p.data == "" {
		p.data = cfg.Resolve(cfg.BlockChain.DBPath)
	}
	p.qbft = filepath.Join(p.data, "qbft")
	if opt.Datadir == "" {
		p.qbft = cfg.Resolve(cfg.Consensus.Sub.QBFT.DBPath)
	}
	p.chain = filepath.Join(p.data, "chain")
	p.p2pKey = filepath.Join(p.data, "p2p", "node_key")
	p.qbftKey = filepath.Join(p.qbft, "node_key")
	return p
}

// genesisError says what to do about a genesis.json that does not load.
func genesisError(path string, err error) error {
	if errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("genesis file %s ([consensus.sub.qbft] genesisFile) not found: copy the chain's genesis.json there (the same file on every node)", path)
	}
	return fmt.Errorf("%w: fix it, or copy the chain's genesis.json from another node", err)
}

// loadValidatorKey reads priv_validator.json and refuses it if group or
// others may read it (unless allowed).
func loadValidatorKey(path string, allowInsecure bool, log *slog.Logger) (*genesis.PrivValidator, error) {
	if err := checkKeyMode(path, allowInsecure, log); err != nil {
		return nil, err
	}
	pv, err := genesis.LoadPrivValidator(path)
	var pe *fs.PathError
	switch {
	case err == nil:
		return pv, nil
	case errors.Is(err, fs.ErrNotExist):
		return nil, fmt.Errorf("validator key %s ([consensus.sub.qbft] privFile) not found: put this validator's priv_validator.json there "+
			"(a new validator: cli qbft gen_file -n 1 -t bls), or set [consensus] minerstart=false to follow the chain without voting", path)
	case errors.As(err, &pe):
		return nil, fmt.Errorf("validator key %s cannot be read (%v): make it a file the user running the node can read (mode 0600)", path, pe.Err)
	}
	return nil, fmt.Errorf("%w: restore this validator's key file from its backup (a new key is another validator)", err)
}

// checkNodeKeys checks the libp2p identities the node has already made:
// private to their owner, and decodable (missing ones are made at start).
func checkNodeKeys(p paths, allowInsecure bool, log *slog.Logger) error {
	for _, path := range []string{p.p2pKey, p.qbftKey} {
		if err := checkKeyMode(path, allowInsecure, log); err != nil {
			return err
		}
		if _, err := netkit.LoadKey(path); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return err
		}
	}
	return nil
}

// checkKeyMode refuses a private key file that group or others may read,
// unless allowed (then it warns); a missing file is no error here.
func checkKeyMode(path string, allow bool, log *slog.Logger) error {
	err := genesis.CheckKeyFile(path)
	var ke *genesis.KeyFileError
	switch {
	case errors.As(err, &ke) && allow:
		log.Warn("INSECURE: a private key is readable by group or others (-allow-insecure-keys)", "file", path, "mode", fmt.Sprintf("%04o", ke.Mode.Perm()))
	case errors.As(err, &ke):
		return fmt.Errorf("%w (or start with -allow-insecure-keys)", err)
	}
	return nil
}

// checkWritable checks, without writing, that the node may write its
// directories: each, or its nearest existing parent, must be writable
// (access(2) also tells a read-only file system).
func checkWritable(p paths) error {
	for _, dir := range []string{p.data, p.chain, p.qbft, filepath.Dir(p.p2pKey)} {
		at := dir
		err := syscall.Access(at, 2 /* W_OK */)
		for errors.Is(err, fs.ErrNotExist) && filepath.Dir(at) != at {
			at = filepath.Dir(at)
			err = syscall.Access(at, 2)
		}
		if err != nil {
			fix := health.DiskHint(err)
			if errors.Is(err, syscall.EROFS) {
				fix = "remount it read-write"
			}
			where := "datadir " + p.data
			if at != p.data {
				where += ": " + at
			}
			return fmt.Errorf("%s is not writable (%v): %s, or point -datadir or [blockchain] dbPath at a writable directory", where, err, fix)
		}
	}
	return nil
}

// checkChainData looks at the chain data read-only: not in use by another
// node, and of this chain.
func checkChainData(dir string, exec *executor.Executor, params chain.Params) error {
	db, err := store.OpenReadOnly(dir)
	switch {
	case errors.Is(err, store.ErrNoDB):
		return nil // a new node
	case errors.Is(err, store.ErrLocked):
		return fmt.Errorf("chain data %s is in use by another node (its LevelDB LOCK is held): stop that node, "+
			"or give this one its own -datadir or [blockchain] dbPath", dir)
	case err != nil:
		return fmt.Errorf("chain data %s cannot be opened: %w: restore the datadir from a backup, or move it away to sync the chain anew", dir, err)
	}
	defer db.Close()
	if _, ok := db.Head(); !ok {
		return nil // created, then stopped before the genesis block: Open writes it
	}
	if _, err := chain.Open(db, exec, params); err != nil {
		if errors.Is(err, chain.ErrOtherChain) {
			return fmt.Errorf("chain data %s: %w: move it away to start this chain here, or use that chain's genesis.json and [consensus] genesis settings", dir, err)
		}
		return fmt.Errorf("chain data %s: %w", dir, err)
	}
	return nil
}

// listener is an address the node listens on and the key that sets it.
type listener struct{ table, key, addr string }

func listeners(cfg *config.Config) []listener {
	g, q := cfg.P2P.Sub.Gossip, cfg.Consensus.Sub.QBFT
	ls := []listener{
		{"rpc", "jrpcBindAddr", cfg.RPC.JrpcBindAddr},
		{"rpc", "grpcBindAddr", cfg.RPC.GrpcBindAddr},
		{"p2p.sub.gossip", "port", net.JoinHostPort(g.BindAddr, strconv.Itoa(int(g.Port)))},
		{"consensus.sub.qbft", "port", net.JoinHostPort(q.BindAddr, strconv.Itoa(int(q.Port)))},
	}
	if cfg.Metrics.ListenAddr != "" {
		ls = append(ls, listener{"metrics", "listenAddr", cfg.Metrics.ListenAddr})
	}
	if cfg.Pprof.ListenAddr != "" {
		ls = append(ls, listener{"pprof", "listenAddr", cfg.Pprof.ListenAddr})
	}
	return ls
}

// checkPorts listens on every address at once (a port given twice fails
// too), then lets go, so that a taken port stops the node before it writes.
func checkPorts(cfg *config.Config) error {
	var held []net.Listener
	defer func() {
		for _, l := range held {
			l.Close()
		}
	}()
	for _, l := range listeners(cfg) {
		if _, port, err := net.SplitHostPort(l.addr); err == nil && port == "0" {
			continue // any free port
		}
		ln, err := net.Listen("tcp", l.addr)
		if err == nil {
			held = append(held, ln)
			continue
		}
		msg := fmt.Sprintf("cannot listen on %s (%v): set it to an address of this host", l.addr, unwrapSyscall(err))
		if errors.Is(err, syscall.EADDRINUSE) {
			msg = fmt.Sprintf("%s is in use by another process or by another key of this file: stop that process or change this key "+
				"(nodes on one machine need their own address or port)", l.addr)
		}
		return cfg.ErrorAt(l.table, l.key, -1, msg)
	}
	return nil
}

// unwrapSyscall is the system's error without the net package's wrapping.
func unwrapSyscall(err error) error {
	var se syscall.Errno
	if errors.As(err, &se) {
		return se
	}
	return err
}
