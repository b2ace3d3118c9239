// Package node assembles a node from its config: store, chain, mempool,
// consensus and its transport. cmd/node and the multi-node tests use it.
//
// New checks everything that would stop the node before it writes anything
// (startup.go). While it runs, its parts report disk faults into one
// health.Faults (the store through OnWriteFault, the consensus WAL and
// signer through the driver's fail-stop); a fault makes IsSync false
// and, with the other reasons of Unhealthy, the answer of GET /health on the
// metrics listener.
package node

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"path/filepath"
	"strconv"
	"time"

	"chain33node/chain"
	"chain33node/config"
	"chain33node/consensus/qbft"
	"chain33node/consensus/transport"
	"chain33node/consensus/wal"
	"chain33node/executor"
	"chain33node/genesis"
	"chain33node/health"
	"chain33node/mempool"
	"chain33node/metrics"
	"chain33node/p2p"
	"chain33node/push"
	"chain33node/rpc"
	"chain33node/rpc/auth"
	"chain33node/sntp"
	"chain33node/store"
	"chain33node/types"
)

// Options override what the config file gives.
type Options struct {
	Datadir           string       // chain data directory; "" = [blockchain] dbPath
	Logger            *slog.Logger // nil = slog.Default()
	AllowInsecureKeys bool         // start with key files that group or others may read (warns)
	RebindDatadir     bool         // bind the datadir to this node's validator key (or none) after a key change (identity.go)
}

// Node is a running node.
type Node struct {
	cfg     *config.Config
	genesis *genesis.Doc
	chain   *chain.Chain
	pool    *mempool.Pool
	exec    *executor.Executor

	log       *slog.Logger
	faults    *health.Faults
	db        *store.DB
	wal       *wal.WAL
	trans     *transport.Host
	consensus *qbft.Driver
	app       *app
	signer    *qbft.FileSigner
	metrics   *http.Server
	pprof     *http.Server // [pprof] listenAddr; nil: off
	rpc       *rpc.Server
	p2p       *p2p.Host
	push      *push.Service
	commits   *rpc.CommitWaiters // SendTransactionSync calls waiting for a commit
	clock     *sntp.Clock        // ntpHosts; nil: none
	verifier  *types.BLSVerifier
	stopping  chan struct{}
	indexing  chan struct{} // closed when the index rebuild returns
}

// New opens the node's data and prepares its services; Start runs them.
// Whatever would stop the node (startup.go) is found before anything is
// written; the error says in one line what is wrong, where, and what to do.
func New(cfg *config.Config, opt Options) (n *Node, err error) {
	log := opt.Logger
	if log == nil {
		log = slog.Default()
	}
	n = &Node{cfg: cfg, log: log, faults: health.NewFaults(log), verifier: types.NewBLSVerifier(), stopping: make(chan struct{})}
	n.verifier.LegacyBelow = cfg.Consensus.Sub.QBFT.LegacyCertificatesBelow
	built := n // `return nil, err` clears n before this runs
	defer func() {
		if err != nil {
			built.Close()
		}
	}()
	q := &cfg.Consensus.Sub.QBFT
	genesisFile := cfg.Resolve(q.GenesisFile)
	if n.genesis, err = genesis.LoadDoc(genesisFile); err != nil {
		return nil, genesisError(genesisFile, err)
	}
	gvals, err := n.genesis.Validators()
	if err != nil {
		return nil, genesisError(genesisFile, err)
	}
	var nodes []*types.QbftNode
	for _, v := range gvals {
		nodes = append(nodes, &types.QbftNode{PubKey: fmt.Sprintf("%X", v.PubKey), Power: v.Power})
	}
	genBlock, err := genesis.Block(genesis.BlockParams{
		Addr: cfg.Consensus.Genesis, Amount: q.GenesisAmount, CoinPrecision: cfg.CoinPrecision,
		BlockTime: cfg.Consensus.GenesisBlockTime, Difficulty: cfg.Mver.Consensus.PowLimit, CoinExec: cfg.CoinExec,
	})
	if err != nil {
		return nil, cfg.ErrorAt("consensus", "genesis", -1, err.Error()+": set it to the chain's genesis account (the same on every node)")
	}
	n.exec = executor.New(executor.Params{
		CoinExec: cfg.CoinExec, CoinSymbol: cfg.CoinSymbol, CoinPrecision: cfg.CoinPrecision,
		SuperManagers: cfg.Exec.Sub.Manage.SuperManager, AutonomyExec: cfg.Exec.Sub.Manage.AutonomyExec,
	})
	rules := types.Rules{MinTxFeeRate: cfg.Mempool.MinTxFeeRate, MaxTxFee: cfg.Mempool.MaxTxFee, ChainID: cfg.ChainID}
	chainParams := chain.Params{
		Genesis: genBlock, Validators: nodes, Difficulty: cfg.Mver.Consensus.PowLimit,
		MaxTxNumber: int(cfg.Mver.Consensus.MaxTxNumber), Rules: rules,
		CertChainID: n.genesis.ChainID, Verifier: n.verifier,
		Index: chain.IndexConfig{AddrIndex: !cfg.Exec.DisableAddrIndex, AddrFeeIndex: cfg.Exec.EnableAddrFeeIndex,
			FeeIndex: !cfg.Exec.DisableFeeIndex, CoinSymbol: cfg.CoinSymbol, Log: log.With("module", "chain")},
	}
	dirs := dataPaths(cfg, opt)
	var pv *genesis.PrivValidator
	if cfg.Consensus.MinerStart {
		privFile := cfg.Resolve(q.PrivFile)
		if pv, err = loadValidatorKey(privFile, opt.AllowInsecureKeys, log); err != nil {
			return nil, err
		}
		signState := filepath.Join(dirs.qbft, "sign_state.json")
		if n.signer, err = qbft.NewFileSigner(pv.Key(), signState); err != nil {
			return nil, fmt.Errorf("%w: restore it from a backup of this node (without it the node could sign twice)", err)
		}
	}
	if err := checkNodeKeys(dirs, opt.AllowInsecureKeys, log); err != nil {
		return nil, err
	}
	if err := checkWritable(dirs); err != nil {
		return nil, err
	}
	if err := checkChainData(dirs.chain, n.exec, chainParams); err != nil {
		return nil, err
	}
	id := identity{ChainID: n.genesis.ChainID}
	if n.signer != nil {
		id.Validator = fmt.Sprintf("%X", n.signer.PubKey())
	}
	bound, existed, err := checkIdentity(dirs, id, n.signer, opt.RebindDatadir)
	if err != nil {
		return nil, err
	}
	if err := checkPorts(cfg); err != nil {
		return nil, err
	}
	rs := RPCSettings(cfg, n.genesis) // checks the [rpc] values; serves nothing before Start
	rs.TokenFile = filepath.Join(dirs.data, auth.FileName)
	if n.rpc, err = rpc.NewServer(rs, n.RPCBackend(), log.With("module", "rpc")); err != nil {
		return nil, rpcSettingError(cfg, err)
	}

	// From here on the node writes.
	if n.db, err = store.Open(dirs.chain); err != nil {
		return nil, fmt.Errorf("%w: %s", err, health.DiskHint(err))
	}
	n.db.OnWriteFault(func(err error) { n.faults.Set("store", err) })
	if n.chain, err = chain.Open(n.db, n.exec, chainParams); err != nil {
		return nil, err
	}
	if n.push, err = push.New(push.Config{Enabled: cfg.BlockChain.EnablePushSubscribe, Sequences: cfg.BlockChain.IsRecordBlockSequence,
		MaxSubscribers: int(cfg.BlockChain.MaxPushSubscribers), Log: log.With("module", "push")}, backend{n}, n.db); err != nil {
		return nil, err
	}
	n.pool = mempool.New(mempool.Config{
		PoolCacheSize: int(cfg.Mempool.PoolCacheSize), MaxTxNumPerAccount: int(cfg.Mempool.MaxTxNumPerAccount),
		MinTxFeeRate: rules.MinTxFeeRate, MaxTxFee: rules.MaxTxFee, ChainID: rules.ChainID, ForceAccept: cfg.Mempool.ForceAccept,
		AdmitHorizon: time.Duration(cfg.Mempool.AdmitHorizon) * time.Millisecond, AdmitMinTxs: int(cfg.Mempool.AdmitMinTxs),
	}, n.chain)

	var nodeKey []byte
	var signHello func([]byte) []byte // proves nodeKey in the consensus transport's handshake
	if n.signer != nil {
		nodeKey, signHello = n.signer.PubKey(), pv.Key().Sign
	}
	if n.wal, err = wal.Open(filepath.Join(dirs.qbft, "wal")); err != nil {
		return nil, fmt.Errorf("consensus WAL: %w: %s", err, health.DiskHint(err))
	}
	for _, w := range n.wal.Warnings {
		log.Warn("consensus WAL salvaged", "detail", w)
	}
	t := q.Timeouts()
	dcfg := qbft.DriverConfig{
		Core: qbft.Config{ChainID: n.genesis.ChainID, SkipTimeoutCommit: q.SkipTimeoutCommit, Timeouts: qbft.Timeouts{
			Propose: t.Propose, ProposeDelta: t.ProposeDelta, Prevote: t.Prevote, PrevoteDelta: t.PrevoteDelta,
			Precommit: t.Precommit, PrecommitDelta: t.PrecommitDelta, Commit: t.Commit, EmptyBlock: t.EmptyBlockInterval,
		}},
		TxPoll: t.TxAvail, Logger: log.With("module", "consensus"), Faults: n.faults,
		BlockSync: func() bool { return n.p2p != nil && n.p2p.CatchingUp() }, // n.p2p is made below
	}
	var signer qbft.Signer // a follower's is nil, not a nil *FileSigner
	if n.signer != nil {
		signer = writtenSigner{Signer: n.signer, chain: n.chain}
	}
	maxTxs := int(cfg.Mver.Consensus.MaxTxNumber)
	n.app = &app{chain: n.chain, pool: n.pool, maxTxs: maxTxs, maxBytes: types.MaxBlockSize}
	n.consensus = qbft.NewDriver(dcfg, n.app, signer, n.verifier, writtenWAL{WAL: n.wal, chain: n.chain}, nil)
	n.trans, err = transport.New(transport.Config{
		ListenAddr:  net.JoinHostPort(q.BindAddr, strconv.Itoa(int(q.Port))),
		Peers:       q.ValidatorNodes,
		KeyFile:     dirs.qbftKey,
		ChainID:     n.genesis.ChainID,
		GenesisHash: n.chain.GenesisHash(),
		NodeKey:     nodeKey,
		Sign:        signHello,
		Logger:      log,
	}, func(from transport.Peer, data []byte) { n.consensus.Receive(from.ID, from.Key, data) })
	if err != nil {
		return nil, err
	}
	n.consensus.SetTransport(consensusNet{n.trans})
	g := cfg.P2P.Sub.Gossip
	if n.p2p, err = p2p.New(p2p.Config{
		ListenAddr: net.JoinHostPort(g.BindAddr, strconv.Itoa(int(g.Port))), Seeds: g.Seeds, FixedSeed: g.FixedSeed,
		InnerBounds: int(g.InnerBounds), Channel: g.Channel, GenesisHash: n.chain.GenesisHash(),
		KeyFile: dirs.p2pKey, Logger: log,
	}, p2pChain{n}, n.pool); err != nil {
		return nil, err
	}
	n.pool.OnAdmit = n.p2p.BroadcastTxs
	id.Genesis, id.P2P = fmt.Sprintf("0x%x", n.chain.GenesisHash()), n.p2p.ID()
	if err := bindIdentity(dirs, bound, existed, id, log); err != nil {
		return nil, err
	}
	n.commits = rpc.NewCommitWaiters()
	if len(cfg.NtpHosts) > 0 {
		n.clock = &sntp.Clock{Hosts: cfg.NtpHosts}
	}
	n.chain.OnCommit(func(x *chain.Executed, cert []byte) {
		for _, d := range x.Delayed() {
			_ = n.pool.Delay(d.Tx, d.Due) // held already, or the queue is full (as the reference, dropped)
		}
		n.pool.Update(x.Block.Height, x.Block.BlockTime, x.Txs)
		n.p2p.AnnounceBlock(x.Block, x.Txs, cert)
		n.push.Notify()
		n.commits.Committed(x.Txs)
	})
	return n, nil
}

// Start runs the services.
func (n *Node) Start() error {
	// The history indexes catch up in the background (a data directory
	// from before them); blocks commit meanwhile.
	n.indexing = make(chan struct{})
	ctx, cancel := context.WithCancel(context.Background())
	go func() {
		<-n.stopping
		cancel()
	}()
	go func() {
		defer close(n.indexing)
		if err := n.chain.RebuildIndexes(ctx); err != nil && ctx.Err() == nil {
			n.log.Error("history index rebuild failed: history queries stay incomplete until a restart", "err", err)
		}
	}()
	n.push.Start()
	if err := n.p2p.Start(); err != nil {
		return err
	}
	go n.watchSync()
	if err := n.trans.Start(); err != nil {
		return err
	}
	if err := n.consensus.Start(); err != nil {
		return err
	}
	if err := n.rpc.Start(); err != nil {
		return err
	}
	if addr := n.cfg.Metrics.ListenAddr; addr != "" {
		r := &metrics.Registry{}
		n.registerMetrics(r)
		var err error
		if n.metrics, err = metrics.Serve(addr, r, map[string]http.Handler{"/health": health.Handler(n.Unhealthy)}); err != nil {
			return err
		}
	}
	if addr := n.cfg.Pprof.ListenAddr; addr != "" {
		var err error
		if n.pprof, err = servePprof(addr); err != nil {
			return err
		}
		n.log.Info("pprof listening", "addr", n.pprof.Addr)
	}
	h, _ := n.chain.Head()
	n.log.Info("node started", "height", h, "validator", n.signer != nil, "consensus", n.trans.Addr())
	return nil
}

// Close stops everything and flushes the data.
func (n *Node) Close() error {
	if n.stopping != nil {
		select {
		case <-n.stopping:
		default:
			close(n.stopping)
		}
	}
	var errs []error
	if n.chain != nil {
		n.chain.Close() // a decided block that cannot be written holds up no one
	}
	if n.consensus != nil {
		n.consensus.Stop()
		// A decided block still being written is written before its
		// listeners' services close.
		errs = append(errs, n.chain.Written())
	}
	if n.rpc != nil {
		errs = append(errs, n.rpc.Close())
	}
	if n.metrics != nil {
		errs = append(errs, n.metrics.Close())
	}
	if n.pprof != nil {
		errs = append(errs, n.pprof.Close())
	}
	if n.trans != nil {
		errs = append(errs, n.trans.Close())
	}
	if n.p2p != nil {
		errs = append(errs, n.p2p.Close())
	}
	if n.wal != nil {
		errs = append(errs, n.wal.Close())
	}
	if n.signer != nil {
		errs = append(errs, n.signer.Close())
	}
	if n.push != nil {
		n.push.Close()
	}
	if n.indexing != nil {
		<-n.indexing
	}
	if n.chain != nil && n.p2p != nil {
		// Block sync's last blocks and index entries, written behind it.
		errs = append(errs, n.chain.Written())
	}
	if n.db != nil {
		errs = append(errs, n.db.Close())
	}
	return errors.Join(errs...)
}

// Consensus reports consensus progress.
func (n *Node) Consensus() *qbft.Driver { return n.consensus }

// ConsensusPeers lists the connected consensus peers.
func (n *Node) ConsensusPeers() []transport.PeerInfo { return n.trans.Peers() }

// ValidatorKey returns this node's BLS public key, nil for an observer.
func (n *Node) ValidatorKey() []byte {
	if n.signer == nil {
		return nil
	}
	return n.signer.PubKey()
}

// Submit admits a transaction to the mempool.
func (n *Node) Submit(tx *types.Tx) error { return n.pool.Add(tx) }

// Genesis is the genesis document.
func (n *Node) Genesis() *genesis.Doc { return n.genesis }

// Chain is the node's chain.
func (n *Node) Chain() *chain.Chain { return n.chain }

// consensusNet is the consensus transport as the driver uses it: a peer it
// reports is banned for the transport's BanDuration, with the reason that
// names the offence.
type consensusNet struct{ *transport.Host }

var banReasons = map[qbft.Offence]transport.Reason{
	qbft.OffenceMalformed:    transport.ReasonMalformed,
	qbft.OffenceBadSignature: transport.ReasonBadSignature,
	qbft.OffenceNotValidator: transport.ReasonNotValidator,
}

func (c consensusNet) Misbehaved(peer string, o qbft.Offence, detail string) {
	reason, ok := banReasons[o]
	if !ok {
		reason = transport.ReasonMalformed
	}
	c.Ban(peer, reason, detail, 0)
}
