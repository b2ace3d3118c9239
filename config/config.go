package config

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"
)

// Config is the whole configuration file. Field tags are chain33's key names;
// tables nest as in the file ([consensus.sub.qbft] is Consensus.Sub.QBFT).
type Config struct {
	Title          string `toml:"Title"`
	TestNet        bool   `toml:"TestNet"`
	Version        string `toml:"version"`
	CoinSymbol     string `toml:"CoinSymbol"`
	CoinExec       string `toml:"CoinExec"`
	CoinPrecision  int64  `toml:"CoinPrecision"`
	TokenPrecision int64  `toml:"TokenPrecision"`
	ChainID        int32  `toml:"ChainID"`
	AddrVer        byte   `toml:"AddrVer"`
	// NtpHosts are NTP servers ("host:port") GetTimeStatus and
	// IsNtpClockSync ask (ours: the reference asks a built-in list).
	NtpHosts []string `toml:"ntpHosts"`

	Log        Log        `toml:"log"`
	BlockChain BlockChain `toml:"blockchain"`
	P2P        P2P        `toml:"p2p"`
	RPC        RPC        `toml:"rpc"`
	Mempool    Mempool    `toml:"mempool"`
	Consensus  Consensus  `toml:"consensus"`
	Mver       Mver       `toml:"mver"`
	Exec       Exec       `toml:"exec"`
	Wallet     Wallet     `toml:"wallet"`
	Metrics    Metrics    `toml:"metrics"`
	Pprof      Pprof      `toml:"pprof"`

	// File is the name used in messages (the path given to Load).
	File string `toml:"-"`
	// Dir is the directory of the config file; relative paths in the file
	// are resolved against it (see Resolve). Empty means the current directory.
	Dir string `toml:"-"`
	// Warnings lists ignored unknown keys, with their lines, for the caller to log.
	Warnings []string `toml:"-"`

	src *decoded // where keys are in the file, for ErrorAt
}

// Log is [log].
type Log struct {
	Loglevel        string `toml:"loglevel"`
	LogConsoleLevel string `toml:"logConsoleLevel"`
	LogFile         string `toml:"logFile"`
	MaxFileSize     uint32 `toml:"maxFileSize"` // MB
	MaxBackups      uint32 `toml:"maxBackups"`
	MaxAge          uint32 `toml:"maxAge"` // days
	LocalTime       bool   `toml:"localTime"`
	Compress        bool   `toml:"compress"`
}

// BlockChain is [blockchain].
type BlockChain struct {
	DefCacheSize     int64  `toml:"defCacheSize"`
	MaxFetchBlockNum int64  `toml:"maxFetchBlockNum"`
	TimeoutSeconds   int64  `toml:"timeoutSeconds"`
	Driver           string `toml:"driver"`
	DBPath           string `toml:"dbPath"`
	DBCache          int32  `toml:"dbCache"`
	// SingleMode is what is_sync reports while no peer is known.
	SingleMode bool `toml:"singleMode"`
	// IsRecordBlockSequence serves the block sequence methods (a block's
	// sequence is its height: this chain never rolls back) and allows push
	// subscriptions.
	IsRecordBlockSequence bool `toml:"isRecordBlockSequence"`
	// EnablePushSubscribe allows AddPushSubscribe and runs the pushes.
	EnablePushSubscribe bool `toml:"enablePushSubscribe"`
	// MaxPushSubscribers (ours) caps the push subscriptions; the
	// reference's fixed maxPushSubscriber is 100.
	MaxPushSubscribers int64 `toml:"maxPushSubscribers"`
}

// P2P is [p2p].
type P2P struct {
	Types   []string `toml:"types"`
	Enable  bool     `toml:"enable"` // false: no networking at all
	Driver  string   `toml:"driver"`
	DBPath  string   `toml:"dbPath"`
	DBCache int32    `toml:"dbCache"`
	Sub     P2PSub   `toml:"sub"`
}

// P2PSub is [p2p.sub].
type P2PSub struct {
	Gossip Gossip `toml:"gossip"`
}

// Gossip is [p2p.sub.gossip].
type Gossip struct {
	Port            int32    `toml:"port"`
	BindAddr        string   `toml:"bindAddr"` // ours: IP to listen on; "" = all interfaces
	Seeds           []string `toml:"seeds"`    // "host:port"
	IsSeed          bool     `toml:"isSeed"`
	FixedSeed       bool     `toml:"fixedSeed"`
	InnerSeedEnable bool     `toml:"innerSeedEnable"`
	UseGithub       bool     `toml:"useGithub"`
	ServerStart     bool     `toml:"serverStart"`
	InnerBounds     int32    `toml:"innerBounds"`
	LightTxTTL      int32    `toml:"lightTxTTL"`
	MaxTTL          int32    `toml:"maxTTL"`
	Channel         int32    `toml:"channel"`
	MinLtBlockSize  int32    `toml:"minLtBlockSize"` // KB
	EnableTLS       bool     `toml:"enableTLS"`
	CACert          string   `toml:"caCert"`
	CertFile        string   `toml:"certFile"`
	KeyFile         string   `toml:"keyFile"`
}

// RPC is [rpc].
type RPC struct {
	JrpcBindAddr string   `toml:"jrpcBindAddr"`
	GrpcBindAddr string   `toml:"grpcBindAddr"`
	Whitelist    []string `toml:"whitelist"`
	// Whitlist is chain33's legacy spelling; Parse merges it into Whitelist.
	Whitlist          []string `toml:"whitlist"`
	JrpcFuncWhitelist []string `toml:"jrpcFuncWhitelist"`
	GrpcFuncWhitelist []string `toml:"grpcFuncWhitelist"`
	JrpcFuncBlacklist []string `toml:"jrpcFuncBlacklist"`
	GrpcFuncBlacklist []string `toml:"grpcFuncBlacklist"`
	EnableTLS         bool     `toml:"enableTLS"`
	CertFile          string   `toml:"certFile"`
	KeyFile           string   `toml:"keyFile"`
	JrpcUserName      string   `toml:"jrpcUserName"`
	JrpcUserPasswd    string   `toml:"jrpcUserPasswd"`

	// Ours: limits that keep RPC from taking the memory and file descriptors
	// consensus and storage need.
	MaxConnections      int64   `toml:"maxConnections"`      // JSON-RPC and gRPC together, never above half the open-file limit
	MaxConnectionsPerIP int64   `toml:"maxConnectionsPerIP"` // loopback not counted
	ReadTimeout         int64   `toml:"readTimeout"`         // seconds to read one request from its first byte (a slow body ends here)
	MaxResponseBytes    int64   `toml:"maxResponseBytes"`    // one JSON-RPC response (a batch in total), one gRPC reply
	RateLimit           float64 `toml:"rateLimit"`           // requests per second per remote IP, loopback exempt; 0: no limit
	RateBurst           int64   `toml:"rateBurst"`           // 0: rateLimit
}

// Mempool is [mempool].
type Mempool struct {
	Name               string `toml:"name"`
	PoolCacheSize      int64  `toml:"poolCacheSize"`
	MaxTxNumPerAccount int64  `toml:"maxTxNumPerAccount"`
	MaxTxLast          int64  `toml:"maxTxLast"`
	MinTxFeeRate       int64  `toml:"minTxFeeRate"` // 0: no fee (and chainID) checks
	MaxTxFeeRate       int64  `toml:"maxTxFeeRate"`
	MaxTxFee           int64  `toml:"maxTxFee"`
	IsLevelFee         bool   `toml:"isLevelFee"`
	ForceAccept        bool   `toml:"forceAccept"`
	DisableExecCheck   bool   `toml:"disableExecCheck"`
	// Ours: clients' transactions are admitted only while the pool holds
	// less than the chain commits in AdmitHorizon ms at its measured rate,
	// and never fewer than AdmitMinTxs (ErrMemFull beyond); 0 = no horizon.
	AdmitHorizon int64 `toml:"admitHorizon"`
	AdmitMinTxs  int64 `toml:"admitMinTxs"`
}

// Consensus is [consensus]. Genesis and GenesisBlockTime hold the effective
// values: [consensus.sub.qbft] overrides them, as in the reference.
type Consensus struct {
	Name             string       `toml:"name"`
	MinerStart       bool         `toml:"minerstart"` // false: sync only, never vote
	Genesis          string       `toml:"genesis"`
	GenesisBlockTime int64        `toml:"genesisBlockTime"`
	Sub              ConsensusSub `toml:"sub"`
}

// ConsensusSub is [consensus.sub].
type ConsensusSub struct {
	QBFT QBFT `toml:"qbft"`
}

// QBFT is [consensus.sub.qbft]. Timeouts are milliseconds, except
// EmptyBlockInterval which is seconds; see Timeouts.
type QBFT struct {
	Genesis               string   `toml:"genesis"`
	GenesisAmount         int64    `toml:"genesisAmount"` // whole coins
	GenesisBlockTime      int64    `toml:"genesisBlockTime"`
	TimeoutTxAvail        int32    `toml:"timeoutTxAvail"`
	TimeoutPropose        int32    `toml:"timeoutPropose"`
	TimeoutProposeDelta   int32    `toml:"timeoutProposeDelta"`
	TimeoutPrevote        int32    `toml:"timeoutPrevote"`
	TimeoutPrevoteDelta   int32    `toml:"timeoutPrevoteDelta"`
	TimeoutPrecommit      int32    `toml:"timeoutPrecommit"`
	TimeoutPrecommitDelta int32    `toml:"timeoutPrecommitDelta"`
	TimeoutCommit         int32    `toml:"timeoutCommit"`
	SkipTimeoutCommit     bool     `toml:"skipTimeoutCommit"`
	EmptyBlockInterval    int32    `toml:"emptyBlockInterval"` // seconds; 0: no empty blocks
	GenesisFile           string   `toml:"genesisFile"`
	PrivFile              string   `toml:"privFile"`
	DBPath                string   `toml:"dbPath"`
	Port                  int32    `toml:"port"`
	BindAddr              string   `toml:"bindAddr"`       // ours: IP to listen on; "" = all interfaces
	ValidatorNodes        []string `toml:"validatorNodes"` // "host:port"
	FastSync              bool     `toml:"fastSync"`
	PreExec               bool     `toml:"preExec"`
	SignName              string   `toml:"signName"`
	UseAggregateSignature bool     `toml:"useAggregateSignature"`
	MultiBlocks           int64    `toml:"multiBlocks"`
	MessageInterval       int32    `toml:"messageInterval"`
	DetachExecution       bool     `toml:"detachExecution"`
	SameBlocktime         bool     `toml:"sameBlocktime"`
	// LegacyCertificatesBelow (ours): commit certificates of earlier versions
	// (plain aggregates, forgeable by a rogue validator key) are accepted for
	// heights below it; 0 = never. Set it to the upgrade height on every node
	// of a chain that ran an earlier version.
	LegacyCertificatesBelow int64 `toml:"legacyCertificatesBelow"`
}

// Mver is [mver]; only the base [mver.consensus] values are used.
type Mver struct {
	Consensus MverConsensus `toml:"consensus"`
}

// MverConsensus is [mver.consensus].
type MverConsensus struct {
	PowLimitBits string `toml:"powLimitBits"` // hex, e.g. "0x1f00ffff"
	MaxTxNumber  int64  `toml:"maxTxNumber"`  // per block
	FundKeyAddr  string `toml:"fundKeyAddr"`
	// PowLimit is PowLimitBits parsed; every block's difficulty equals it.
	PowLimit uint32 `toml:"-"`
}

// Exec is [exec]: the history indexes and [exec.sub.manage].
type Exec struct {
	DisableAddrIndex   bool    `toml:"disableAddrIndex"`   // no TxAddrHash/TxAddrDirHash/AddrTxsCount index
	EnableAddrFeeIndex bool    `toml:"enableAddrFeeIndex"` // index each sender's fees (GetTxsFeeByAddr)
	DisableFeeIndex    bool    `toml:"disableFeeIndex"`    // no running fee total per block (QueryTotalFee)
	Sub                ExecSub `toml:"sub"`
}

// ExecSub is [exec.sub].
type ExecSub struct {
	Manage Manage `toml:"manage"`
}

// Manage is [exec.sub.manage].
type Manage struct {
	SuperManager []string `toml:"superManager"`
	AutonomyExec string   `toml:"autonomyExec"`
}

// Wallet is [wallet].
type Wallet struct {
	MinFee   int64  `toml:"minFee"`
	SignType string `toml:"signType"`
}

// Metrics is [metrics]. ListenAddr is ours (Prometheus); chain33's influxdb
// keys in the same table are accepted and ignored.
type Metrics struct {
	ListenAddr string `toml:"listenAddr"` // "" = off
}

// Pprof is [pprof], chain33's profiling listener: Go's net/http/pprof at
// http://<listenAddr>/debug/pprof/. Off unless set (the reference's
// template sets "localhost:6060"); it exposes the node's internals, so bind
// it to a private address.
type Pprof struct {
	ListenAddr string `toml:"listenAddr"` // "" = off
}

const defaultAddr = "14KEKbYtKKQm4wMthSK9J4La4nAiidGozt"

// Default returns the configuration used for every key the file leaves out.
func Default() *Config {
	return &Config{
		Title:          "local",
		CoinSymbol:     "bty",
		CoinExec:       "coins",
		CoinPrecision:  1e8, // types.DefaultCoinPrecision (config imports nothing; a node test keeps them equal)
		TokenPrecision: 1e8,
		Log: Log{
			Loglevel:        "info",
			LogConsoleLevel: "info",
			LogFile:         "logs/node.log",
			MaxFileSize:     300,
			MaxBackups:      100,
			MaxAge:          28,
		},
		BlockChain: BlockChain{
			DefCacheSize:     128,
			MaxFetchBlockNum: 128,
			TimeoutSeconds:   5,
			Driver:           "leveldb",
			DBPath:           "datadir",
			DBCache:          64,

			MaxPushSubscribers: 100,
		},
		P2P: P2P{
			Types:   []string{"gossip"},
			Enable:  true,
			Driver:  "leveldb",
			DBPath:  "datadir/addrbook",
			DBCache: 4,
			Sub: P2PSub{Gossip: Gossip{
				Port:           13802,
				ServerStart:    true,
				InnerBounds:    300,
				LightTxTTL:     3,
				MaxTTL:         25,
				MinLtBlockSize: 100,
			}},
		},
		RPC: RPC{
			JrpcBindAddr:      "localhost:8801",
			GrpcBindAddr:      "localhost:8802",
			JrpcFuncBlacklist: []string{"CloseQueue"},
			GrpcFuncBlacklist: []string{"CloseQueue"},
			CertFile:          "cert.pem",
			KeyFile:           "key.pem",

			MaxConnections:      4096,     // rpc.DefaultMaxConnections
			MaxConnectionsPerIP: 2048,     // rpc.DefaultMaxConnectionsPerIP
			ReadTimeout:         30,       // rpc.DefaultReadTimeout
			MaxResponseBytes:    32 << 20, // rpc.DefaultMaxResponseBytes
		},
		Mempool: Mempool{
			Name:               "timeline",
			PoolCacheSize:      10240,
			MaxTxNumPerAccount: 100,
			MaxTxLast:          10,
			MinTxFeeRate:       100000,
			MaxTxFeeRate:       1e7,
			MaxTxFee:           1e9,
			AdmitHorizon:       1000,
			AdmitMinTxs:        2000,
		},
		Consensus: Consensus{
			Name:             "qbft",
			MinerStart:       true,
			Genesis:          defaultAddr,
			GenesisBlockTime: 1514533394,
			Sub: ConsensusSub{QBFT: QBFT{
				Genesis:               defaultAddr,
				GenesisAmount:         100000000,
				GenesisBlockTime:      1514533394,
				TimeoutTxAvail:        500,
				TimeoutPropose:        3000,
				TimeoutProposeDelta:   500,
				TimeoutPrevote:        2000,
				TimeoutPrevoteDelta:   500,
				TimeoutPrecommit:      2000,
				TimeoutPrecommitDelta: 500,
				TimeoutCommit:         500,
				EmptyBlockInterval:    2,
				GenesisFile:           "genesis.json",
				PrivFile:              "priv_validator.json",
				DBPath:                "datadir/qbft",
				Port:                  33001,
				ValidatorNodes:        []string{"127.0.0.1:33001"},
				SignName:              "bls",
				UseAggregateSignature: true,
				MultiBlocks:           1,
				MessageInterval:       100,
			}},
		},
		Mver: Mver{Consensus: MverConsensus{
			PowLimitBits: "0x1f00ffff",
			MaxTxNumber:  10000,
			PowLimit:     0x1f00ffff,
		}},
		Exec: Exec{Sub: ExecSub{Manage: Manage{
			SuperManager: []string{defaultAddr},
		}}},
		Wallet: Wallet{
			MinFee:   100000,
			SignType: "secp256k1",
		},
	}
}

// Load reads and validates the config file at path. Relative paths in the
// file are later resolved against the file's directory (see Resolve).
func Load(path string) (*Config, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("load config: %w", err)
	}
	cfg, err := Parse(data, path)
	if err != nil {
		return nil, err
	}
	cfg.Dir = filepath.Dir(path)
	if abs, err := filepath.Abs(cfg.Dir); err == nil {
		cfg.Dir = abs
	}
	return cfg, nil
}

// Parse decodes and validates a config file's contents. name is used in
// messages. The error, if any, lists every problem found, one per line; each
// is an *Error (use errors.As, or errors.Join's Unwrap() []error).
func Parse(data []byte, name string) (*Config, error) {
	if name == "" {
		name = "config"
	}
	d, err := decode(data, name)
	if err != nil {
		return nil, err
	}
	d.finish()
	if errs := d.validate(); len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return d.cfg, nil
}

// ErrorAt is a problem with a value that the part using it found after
// Load, located as Load's own errors are: key of table, and entry elem of a
// list value (-1: the key).
func (c *Config) ErrorAt(table, key string, elem int, msg string) error {
	e := &Error{File: c.File, Key: display(keyOf(table, key)), Msg: msg}
	if e.File == "" {
		e.File = "config"
	}
	if d := c.src; d != nil {
		e.Line = d.line(lowerPath(table, key))
		if lines := d.elems[lowerPath(table, key)]; elem >= 0 && elem < len(lines) {
			e.Line = lines[elem]
		}
	}
	return e
}

// Resolve returns p relative to the config file's directory; absolute paths
// and empty strings are returned unchanged.
func (c *Config) Resolve(p string) string {
	if p == "" || c.Dir == "" || filepath.IsAbs(p) {
		return p
	}
	return filepath.Join(c.Dir, p)
}

// Timeouts are the qbft timing keys as durations.
type Timeouts struct {
	TxAvail        time.Duration
	Propose        time.Duration
	ProposeDelta   time.Duration
	Prevote        time.Duration
	PrevoteDelta   time.Duration
	Precommit      time.Duration
	PrecommitDelta time.Duration
	Commit         time.Duration
	// EmptyBlockInterval is 0 when empty blocks are never proposed.
	EmptyBlockInterval time.Duration
	MessageInterval    time.Duration
}

// Timeouts converts the millisecond keys (and emptyBlockInterval, in seconds).
func (q *QBFT) Timeouts() Timeouts {
	ms := func(v int32) time.Duration { return time.Duration(v) * time.Millisecond }
	return Timeouts{
		TxAvail:            ms(q.TimeoutTxAvail),
		Propose:            ms(q.TimeoutPropose),
		ProposeDelta:       ms(q.TimeoutProposeDelta),
		Prevote:            ms(q.TimeoutPrevote),
		PrevoteDelta:       ms(q.TimeoutPrevoteDelta),
		Precommit:          ms(q.TimeoutPrecommit),
		PrecommitDelta:     ms(q.TimeoutPrecommitDelta),
		Commit:             ms(q.TimeoutCommit),
		EmptyBlockInterval: time.Duration(q.EmptyBlockInterval) * time.Second,
		MessageInterval:    ms(q.MessageInterval),
	}
}
