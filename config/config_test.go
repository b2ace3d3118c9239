package config

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
)

// writeFile writes a config file into a fresh temp dir and returns its path.
func writeFile(t *testing.T, content string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "chain.toml")
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

func mustLoad(t *testing.T, content string) *Config {
	t.Helper()
	cfg, err := Load(writeFile(t, content))
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	return cfg
}

func TestEmptyFileGivesDefaults(t *testing.T) {
	path := writeFile(t, "")
	cfg, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(cfg.Warnings) != 0 {
		t.Errorf("warnings: %v", cfg.Warnings)
	}

	// Every key equals Default(), except the rules that depend on other
	// keys: Title "local" forces TestNet, and TestNet makes channel 0 mean 256.
	want := Default()
	want.TestNet = true
	want.P2P.Sub.Gossip.Channel = 256
	want.File, want.Dir, want.src = cfg.File, cfg.Dir, cfg.src
	if !reflect.DeepEqual(cfg, want) {
		t.Errorf("empty file:\n got %+v\nwant %+v", cfg, want)
	}

	q := cfg.Consensus.Sub.QBFT
	g := cfg.P2P.Sub.Gossip
	for _, c := range []struct {
		key       string
		got, want any
	}{
		{"Title", cfg.Title, "local"},
		{"ChainID", cfg.ChainID, int32(0)},
		{"CoinSymbol", cfg.CoinSymbol, "bty"},
		{"CoinExec", cfg.CoinExec, "coins"},
		{"CoinPrecision", cfg.CoinPrecision, int64(1e8)},
		{"TokenPrecision", cfg.TokenPrecision, int64(1e8)},
		{"loglevel", cfg.Log.Loglevel, "info"},
		{"logFile", cfg.Log.LogFile, "logs/node.log"},
		{"maxFileSize", cfg.Log.MaxFileSize, uint32(300)},
		{"maxBackups", cfg.Log.MaxBackups, uint32(100)},
		{"maxAge", cfg.Log.MaxAge, uint32(28)},
		{"blockchain.dbPath", cfg.BlockChain.DBPath, "datadir"},
		{"singleMode", cfg.BlockChain.SingleMode, false},
		{"maxFetchBlockNum", cfg.BlockChain.MaxFetchBlockNum, int64(128)},
		{"timeoutSeconds", cfg.BlockChain.TimeoutSeconds, int64(5)},
		{"isRecordBlockSequence", cfg.BlockChain.IsRecordBlockSequence, false},
		{"enablePushSubscribe", cfg.BlockChain.EnablePushSubscribe, false},
		{"maxPushSubscribers", cfg.BlockChain.MaxPushSubscribers, int64(100)},
		{"disableAddrIndex", cfg.Exec.DisableAddrIndex, false},
		{"enableAddrFeeIndex", cfg.Exec.EnableAddrFeeIndex, false},
		{"disableFeeIndex", cfg.Exec.DisableFeeIndex, false},
		{"p2p.types", cfg.P2P.Types, []string{"gossip"}},
		{"p2p.enable", cfg.P2P.Enable, true},
		{"gossip.port", g.Port, int32(13802)},
		{"innerBounds", g.InnerBounds, int32(300)},
		{"lightTxTTL", g.LightTxTTL, int32(3)},
		{"maxTTL", g.MaxTTL, int32(25)},
		{"channel", g.Channel, int32(256)},
		{"serverStart", g.ServerStart, true},
		{"jrpcBindAddr", cfg.RPC.JrpcBindAddr, "localhost:8801"},
		{"grpcBindAddr", cfg.RPC.GrpcBindAddr, "localhost:8802"},
		{"jrpcFuncBlacklist", cfg.RPC.JrpcFuncBlacklist, []string{"CloseQueue"}},
		{"grpcFuncBlacklist", cfg.RPC.GrpcFuncBlacklist, []string{"CloseQueue"}},
		{"poolCacheSize", cfg.Mempool.PoolCacheSize, int64(10240)},
		{"maxTxNumPerAccount", cfg.Mempool.MaxTxNumPerAccount, int64(100)},
		{"maxTxLast", cfg.Mempool.MaxTxLast, int64(10)},
		{"minTxFeeRate", cfg.Mempool.MinTxFeeRate, int64(100000)},
		{"maxTxFeeRate", cfg.Mempool.MaxTxFeeRate, int64(1e7)},
		{"maxTxFee", cfg.Mempool.MaxTxFee, int64(1e9)},
		{"admitHorizon", cfg.Mempool.AdmitHorizon, int64(1000)},
		{"admitMinTxs", cfg.Mempool.AdmitMinTxs, int64(2000)},
		{"consensus.name", cfg.Consensus.Name, "qbft"},
		{"minerstart", cfg.Consensus.MinerStart, true},
		{"consensus.genesis", cfg.Consensus.Genesis, "14KEKbYtKKQm4wMthSK9J4La4nAiidGozt"},
		{"consensus.genesisBlockTime", cfg.Consensus.GenesisBlockTime, int64(1514533394)},
		{"powLimitBits", cfg.Mver.Consensus.PowLimitBits, "0x1f00ffff"},
		{"PowLimit", cfg.Mver.Consensus.PowLimit, uint32(0x1f00ffff)},
		{"maxTxNumber", cfg.Mver.Consensus.MaxTxNumber, int64(10000)},
		{"qbft.genesis", q.Genesis, "14KEKbYtKKQm4wMthSK9J4La4nAiidGozt"},
		{"genesisAmount", q.GenesisAmount, int64(100000000)},
		{"qbft.genesisBlockTime", q.GenesisBlockTime, int64(1514533394)},
		{"timeoutTxAvail", q.TimeoutTxAvail, int32(500)},
		{"timeoutPropose", q.TimeoutPropose, int32(3000)},
		{"timeoutProposeDelta", q.TimeoutProposeDelta, int32(500)},
		{"timeoutPrevote", q.TimeoutPrevote, int32(2000)},
		{"timeoutPrevoteDelta", q.TimeoutPrevoteDelta, int32(500)},
		{"timeoutPrecommit", q.TimeoutPrecommit, int32(2000)},
		{"timeoutPrecommitDelta", q.TimeoutPrecommitDelta, int32(500)},
		{"timeoutCommit", q.TimeoutCommit, int32(500)},
		{"skipTimeoutCommit", q.SkipTimeoutCommit, false},
		{"emptyBlockInterval", q.EmptyBlockInterval, int32(2)},
		{"genesisFile", q.GenesisFile, "genesis.json"},
		{"privFile", q.PrivFile, "priv_validator.json"},
		{"qbft.dbPath", q.DBPath, "datadir/qbft"},
		{"qbft.port", q.Port, int32(33001)},
		{"validatorNodes", q.ValidatorNodes, []string{"127.0.0.1:33001"}},
		{"signName", q.SignName, "bls"},
		{"useAggregateSignature", q.UseAggregateSignature, true},
		{"multiBlocks", q.MultiBlocks, int64(1)},
		{"messageInterval", q.MessageInterval, int32(100)},
		{"superManager", cfg.Exec.Sub.Manage.SuperManager, []string{"14KEKbYtKKQm4wMthSK9J4La4nAiidGozt"}},
		{"minFee", cfg.Wallet.MinFee, int64(100000)},
		{"signType", cfg.Wallet.SignType, "secp256k1"},
		{"metrics.listenAddr", cfg.Metrics.ListenAddr, ""},
		{"pprof.listenAddr", cfg.Pprof.ListenAddr, ""},
	} {
		if !reflect.DeepEqual(c.got, c.want) {
			t.Errorf("%s = %#v, want %#v", c.key, c.got, c.want)
		}
	}
}

func TestAppendixB(t *testing.T) {
	cfg, err := Load("testdata/chain33.toml")
	if err != nil {
		t.Fatal(err)
	}
	if len(cfg.Warnings) != 0 {
		t.Errorf("warnings:\n%s", strings.Join(cfg.Warnings, "\n"))
	}
	q := cfg.Consensus.Sub.QBFT
	for _, c := range []struct {
		key       string
		got, want any
	}{
		{"Title", cfg.Title, "chain33"},
		{"TestNet", cfg.TestNet, true},
		{"logFile", cfg.Log.LogFile, "logs/chain33.log"},
		{"seeds", cfg.P2P.Sub.Gossip.Seeds, []string{"172.27.0.2:13802", "172.27.0.5:13802", "172.27.0.9:13802", "172.27.0.15:13802"}},
		{"innerSeedEnable", cfg.P2P.Sub.Gossip.InnerSeedEnable, false},
		{"channel", cfg.P2P.Sub.Gossip.Channel, int32(1099)},
		{"jrpcBindAddr", cfg.RPC.JrpcBindAddr, ":8801"},
		{"whitelist", cfg.RPC.Whitelist, []string{"*"}},
		{"maxTxNumPerAccount", cfg.Mempool.MaxTxNumPerAccount, int64(10000)},
		{"fundKeyAddr", cfg.Mver.Consensus.FundKeyAddr, "1BQXS6TxaYYG5mADaWij4AxhZZUTpw95a5"},
		{"maxTxNumber", cfg.Mver.Consensus.MaxTxNumber, int64(10000)},
		{"validatorNodes", q.ValidatorNodes, []string{"172.27.0.2:33001", "172.27.0.5:33001", "172.27.0.9:33001", "172.27.0.15:33001"}},
		{"fastSync", q.FastSync, true},
		{"preExec", q.PreExec, true},
		{"multiBlocks", q.MultiBlocks, int64(2)},
		{"emptyBlockInterval", q.EmptyBlockInterval, int32(2)},
		{"consensus.genesis", cfg.Consensus.Genesis, "14KEKbYtKKQm4wMthSK9J4La4nAiidGozt"},
	} {
		if !reflect.DeepEqual(c.got, c.want) {
			t.Errorf("%s = %#v, want %#v", c.key, c.got, c.want)
		}
	}
	abs, _ := filepath.Abs("testdata")
	if cfg.Dir != abs {
		t.Errorf("Dir = %q, want %q", cfg.Dir, abs)
	}
}

// A file shaped like the reference's chain33.qbft.toml: the keys chain33
// itself ignores there draw warnings, its other tables do not.
func TestReferenceStyleWarnings(t *testing.T) {
	path := writeFile(t, `Title="local"
[p2p]
types=["dht"]
msgCacheSize=10240
grpcLogFile="grpc33.log"
[p2p.sub.dht]
channel=123
[mver.consensus]
maxTxNumber = 1600
[mver.consensus.ForkChainParamV1]
maxTxNumber = 10000
[consensus.sub.qbft]
createEmptyBlocks=true
createEmptyBlocksInterval=2
[store.sub.kvmvcc]
enableMVCC=false
[wallet.sub.ticket]
minerwhitelist=["*"]
[exec.sub.cert]
enable=false
[[consensus.sub.ticket.genesis]]
count=10000
[metrics]
enableMetrics=false
[metrics.sub.influxdb]
duration=1000000000
`)
	cfg, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		path + ":4: unknown key [p2p] msgCacheSize ignored",
		path + ":13: unknown key [consensus.sub.qbft] createEmptyBlocks ignored",
		path + ":14: unknown key [consensus.sub.qbft] createEmptyBlocksInterval ignored",
	}
	if !reflect.DeepEqual(cfg.Warnings, want) {
		t.Errorf("warnings:\n%s\nwant:\n%s", strings.Join(cfg.Warnings, "\n"), strings.Join(want, "\n"))
	}
}

func TestUnknownKeys(t *testing.T) {
	path := writeFile(t, `Title = "local"
Bogus = 1
[p2p]
enable = true
msgCacheSize = 5
[mempol]
name = "x"
size = 1
[p2p.sub.gossip]
inline = { a = 1 }
[fork.system]
ForkBlockHash = 1
[mver.consensus]
maxTxNumbr = 5
[mver.consensus.ForkChainParamV1]
maxTxNumber = 5
[health]
listenAddr = "localhost:8805"
`)
	cfg, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		path + ":2: unknown key Bogus ignored",
		path + ":5: unknown key [p2p] msgCacheSize ignored",
		path + ":6: unknown table [mempol] ignored",
		path + ":10: unknown table [p2p.sub.gossip.inline] ignored",
		path + ":14: unknown key [mver.consensus] maxTxNumbr ignored",
	}
	if !reflect.DeepEqual(cfg.Warnings, want) {
		t.Errorf("warnings:\n%s\nwant:\n%s", strings.Join(cfg.Warnings, "\n"), strings.Join(want, "\n"))
	}
}

func TestValidation(t *testing.T) {
	const q = "[consensus.sub.qbft]\n"
	tests := []struct {
		name    string
		content string
		line    int // 0: "(default)"
		want    []string
	}{
		{"syntax", "[log]\nloglevel = \"info\"\nthis is not toml\n", 3, []string{"syntax error"}},
		{"type string for int", q + "port = \"abc\"\n", 2, []string{"[consensus.sub.qbft] port", "want integer, got string"}},
		{"type top level", "Title = \"x\"\nChainID = \"one\"\n", 2, []string{"ChainID", "want integer"}},
		{"type array element", "[p2p.sub.gossip]\nseeds = [1]\n", 2, []string{"[p2p.sub.gossip] seeds", "want string"}},
		{"type table", "log = 5\n", 1, []string{"log", "want table"}},
		{"int32 range", q + "\ntimeoutPropose = 3000000000\n", 3, []string{"timeoutPropose", "out of range"}},
		{"gossip port 0", "[p2p.sub.gossip]\nport = 0\n", 2, []string{"[p2p.sub.gossip] port", "1..65535"}},
		{"gossip port high", "[p2p.sub.gossip]\nport = 70000\n", 2, []string{"[p2p.sub.gossip] port"}},
		{"qbft port", q + "port = -1\n", 2, []string{"[consensus.sub.qbft] port"}},
		{"timeoutTxAvail 0", q + "timeoutTxAvail = 0\n", 2, []string{"timeoutTxAvail: must be > 0, got 0"}},
		{"timeoutPropose", q + "timeoutPropose = -5\n", 2, []string{"[consensus.sub.qbft] timeoutPropose: must be > 0, got -5"}},
		{"timeoutPrevote", q + "timeoutPrevote = 0\n", 2, []string{"timeoutPrevote: must be > 0"}},
		{"timeoutPrecommit", q + "timeoutPrecommit = 0\n", 2, []string{"timeoutPrecommit: must be > 0"}},
		{"timeoutCommit", q + "timeoutCommit = 0\n", 2, []string{"timeoutCommit: must be > 0"}},
		{"timeoutProposeDelta", q + "timeoutProposeDelta = -1\n", 2, []string{"timeoutProposeDelta: must be >= 0"}},
		{"timeoutPrevoteDelta", q + "timeoutPrevoteDelta = -1\n", 2, []string{"timeoutPrevoteDelta: must be >= 0"}},
		{"timeoutPrecommitDelta", q + "timeoutPrecommitDelta = -1\n", 2, []string{"timeoutPrecommitDelta: must be >= 0"}},
		{"emptyBlockInterval", q + "emptyBlockInterval = -1\n", 2, []string{"emptyBlockInterval: must be >= 0"}},
		{"messageInterval", q + "messageInterval = 0\n", 2, []string{"messageInterval: must be > 0"}},
		{"multiBlocks", q + "multiBlocks = 0\n", 2, []string{"multiBlocks: must be > 0"}},
		{"signName", q + "signName = \"ed25519\"\n", 2, []string{"signName", "bls", "ed25519"}},
		{"qbft genesis empty", q + "genesis = \"\"\n", 2, []string{"[consensus.sub.qbft] genesis: must not be empty"}},
		{"consensus genesis empty", "[consensus]\ngenesis = \"\"\n", 2, []string{"[consensus] genesis: must not be empty"}},
		{"genesisAmount negative", q + "genesisAmount = -1\n", 2, []string{"genesisAmount: must be >= 0"}},
		{"genesisAmount overflow", q + "genesisAmount = 100000000000000\n", 2, []string{"genesisAmount", "overflows"}},
		{"validatorNodes no port", q + "validatorNodes = [\"10.0.0.1\"]\n", 2, []string{"validatorNodes", "host:port"}},
		{"validatorNodes element line", q + "validatorNodes = [\n  \"10.0.0.1:33001\",\n  \"10.0.0.2:0\",\n]\n", 4, []string{"validatorNodes", "entry 1"}},
		{"seeds bad port", "[p2p.sub.gossip]\nseeds = [\"1.2.3.4:abc\"]\n", 2, []string{"[p2p.sub.gossip] seeds", "host:port"}},
		{"seeds no host", "[p2p.sub.gossip]\nseeds = [\":13802\"]\n", 2, []string{"seeds"}},
		{"ntpHosts no port", "ntpHosts = [\"pool.ntp.org\"]\n", 1, []string{"ntpHosts", "entry 0", "host:port"}},
		{"rpc maxConnections", "[rpc]\nmaxConnections = 0\n", 2, []string{"[rpc] maxConnections: must be > 0"}},
		{"rpc maxConnectionsPerIP", "[rpc]\nmaxConnectionsPerIP = 0\n", 2, []string{"[rpc] maxConnectionsPerIP: must be > 0"}},
		{"rpc readTimeout", "[rpc]\nreadTimeout = 0\n", 2, []string{"[rpc] readTimeout: must be > 0"}},
		{"rpc maxResponseBytes", "[rpc]\nmaxResponseBytes = 1000\n", 2, []string{"[rpc] maxResponseBytes: must be >= 1048576"}},
		{"rpc rateLimit", "[rpc]\nrateLimit = -1.5\n", 2, []string{"[rpc] rateLimit: must be >= 0"}},
		{"rpc rateBurst", "[rpc]\nrateBurst = -1\n", 2, []string{"[rpc] rateBurst: must be >= 0"}},
		{"maxTxNumber", "[mver.consensus]\nmaxTxNumber = 0\n", 2, []string{"[mver.consensus] maxTxNumber: must be > 0"}},
		{"powLimitBits", "[mver.consensus]\npowLimitBits = \"0xzz\"\n", 2, []string{"powLimitBits", "hex"}},
		{"powLimitBits too big", "[mver.consensus]\npowLimitBits = \"0x1ffffffff\"\n", 2, []string{"powLimitBits"}},
		{"minTxFeeRate", "[mempool]\nminTxFeeRate = -1\n", 2, []string{"[mempool] minTxFeeRate: must be >= 0"}},
		{"maxTxFee", "[mempool]\nmaxTxFee = -1\n", 2, []string{"[mempool] maxTxFee: must be >= 0"}},
		{"maxTxFeeRate", "[mempool]\nmaxTxFeeRate = -1\n", 2, []string{"[mempool] maxTxFeeRate: must be >= 0"}},
		{"poolCacheSize", "[mempool]\npoolCacheSize = 0\n", 2, []string{"[mempool] poolCacheSize: must be > 0"}},
		{"maxTxNumPerAccount", "[mempool]\nmaxTxNumPerAccount = 0\n", 2, []string{"[mempool] maxTxNumPerAccount: must be > 0"}},
		{"admitHorizon", "[mempool]\nadmitHorizon = -1\n", 2, []string{"[mempool] admitHorizon: must be >= 0"}},
		{"admitMinTxs", "[mempool]\nadmitMinTxs = 0\n", 2, []string{"[mempool] admitMinTxs: must be > 0"}},
		{"CoinPrecision 0", "CoinPrecision = 0\n", 1, []string{"CoinPrecision: must be a power of 10"}},
		{"CoinPrecision not pow10", "\nCoinPrecision = 12345\n", 2, []string{"CoinPrecision", "12345"}},
		{"CoinPrecision negative", "CoinPrecision = -100\n", 1, []string{"CoinPrecision"}},
		{"TokenPrecision", "TokenPrecision = 3\n", 1, []string{"TokenPrecision"}},
		{"superManager empty", "[exec.sub.manage]\nsuperManager = [\"\"]\n", 2, []string{"[exec.sub.manage] superManager", "must not be empty"}},
		{"minFee below minTxFeeRate", "[mempool]\nminTxFeeRate = 200000\n[wallet]\nminFee = 100000\n", 4, []string{"[wallet] minFee", "[mempool] minTxFeeRate (200000, line 2)"}},
		{"minFee default below minTxFeeRate", "[mempool]\nminTxFeeRate = 200000\n", 0, []string{"[wallet] minFee", "minTxFeeRate"}},
		{"loglevel", "[log]\nloglevel = \"verbose\"\n", 2, []string{"[log] loglevel", "debug/info/warn/error/crit"}},
		{"logConsoleLevel", "[log]\nlogConsoleLevel = \"x\"\n", 2, []string{"[log] logConsoleLevel"}},
		{"consensus name", "[consensus]\nname = \"tendermint\"\n", 2, []string{"[consensus] name", "qbft"}},
		{"p2p types empty", "[p2p]\ntypes = []\n", 2, []string{"[p2p] types: must not be empty"}},
		{"jrpcBindAddr", "[rpc]\njrpcBindAddr = \"8801\"\n", 2, []string{"[rpc] jrpcBindAddr"}},
		{"grpcBindAddr", "[rpc]\ngrpcBindAddr = \"localhost:99999\"\n", 2, []string{"[rpc] grpcBindAddr"}},
		{"metrics listenAddr", "[metrics]\nlistenAddr = \"nope\"\n", 2, []string{"[metrics] listenAddr"}},
		{"pprof listenAddr", "[pprof]\nlistenAddr = \"localhost\"\n", 2, []string{"[pprof] listenAddr"}},
		{"maxFetchBlockNum", "[blockchain]\nmaxFetchBlockNum = 0\n", 2, []string{"[blockchain] maxFetchBlockNum"}},
		{"timeoutSeconds", "[blockchain]\ntimeoutSeconds = 0\n", 2, []string{"[blockchain] timeoutSeconds"}},
		{"maxPushSubscribers", "[blockchain]\nmaxPushSubscribers = 0\n", 2, []string{"[blockchain] maxPushSubscribers: must be > 0, got 0"}},
		{"maxTxNumber above a block's index room", "[mver.consensus]\nmaxTxNumber = 100001\n", 2, []string{"[mver.consensus] maxTxNumber: must be at most 100000"}},
		{"disableAddrIndex not a bool", "[exec]\ndisableAddrIndex = 1\n", 2, []string{"disableAddrIndex"}},
		{"case-insensitive key", "[Consensus.Sub.QBFT]\nTimeoutPropose = -5\n", 2, []string{"timeoutPropose: must be > 0, got -5"}},
		{"duplicate in other case", q + "timeoutPropose = 1\nTimeoutPropose = 2\n", 3, []string{"TimeoutPropose", "duplicate of timeoutPropose on line 2"}},
		{"inline table", "[consensus.sub]\nqbft = { port = 0 }\n", 2, []string{"[consensus.sub.qbft] port"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := writeFile(t, tt.content)
			_, err := Load(path)
			if err == nil {
				t.Fatal("no error")
			}
			pos := fmt.Sprintf("%s:%d: ", path, tt.line)
			if tt.line == 0 {
				pos = path + ":(default): "
			}
			msg := err.Error()
			if !strings.Contains(msg, pos) {
				t.Errorf("error %q does not contain %q", msg, pos)
			}
			for _, w := range tt.want {
				if !strings.Contains(msg, w) {
					t.Errorf("error %q does not contain %q", msg, w)
				}
			}
			var e *Error
			if !errors.As(err, &e) {
				t.Errorf("error is not an *Error: %T", err)
			}
		})
	}
}

func TestAllErrorsReported(t *testing.T) {
	path := writeFile(t, "[consensus.sub.qbft]\ntimeoutCommit = 0\nport = 0\n[mempool]\npoolCacheSize = 0\n")
	_, err := Load(path)
	if err == nil {
		t.Fatal("no error")
	}
	lines := strings.Split(err.Error(), "\n")
	want := []string{":2: [consensus.sub.qbft] timeoutCommit", ":3: [consensus.sub.qbft] port", ":5: [mempool] poolCacheSize"}
	if len(lines) != len(want) {
		t.Fatalf("got %d errors, want %d:\n%v", len(lines), len(want), err)
	}
	for i, w := range want {
		if !strings.Contains(lines[i], w) {
			t.Errorf("error %d = %q, want it to contain %q", i, lines[i], w)
		}
	}
}

func TestCaseInsensitiveKeys(t *testing.T) {
	cfg := mustLoad(t, "title = \"chain33\"\nCHAINID = 7\n[CONSENSUS.sub.Qbft]\nTimeoutPropose = 1234\nVALIDATORNODES = [\"a:1\"]\n[P2P.Sub.Gossip]\nPORT = 2000\n")
	if cfg.Title != "chain33" || cfg.ChainID != 7 {
		t.Errorf("Title %q ChainID %d", cfg.Title, cfg.ChainID)
	}
	q := cfg.Consensus.Sub.QBFT
	if q.TimeoutPropose != 1234 || !reflect.DeepEqual(q.ValidatorNodes, []string{"a:1"}) {
		t.Errorf("qbft = %+v", q)
	}
	if cfg.P2P.Sub.Gossip.Port != 2000 {
		t.Errorf("gossip port %d", cfg.P2P.Sub.Gossip.Port)
	}
	if len(cfg.Warnings) != 0 {
		t.Errorf("warnings: %v", cfg.Warnings)
	}
}

func TestGenesisOverride(t *testing.T) {
	const def = "14KEKbYtKKQm4wMthSK9J4La4nAiidGozt"
	tests := []struct {
		name     string
		content  string
		genesis  string
		blockTim int64
	}{
		{"none", "", def, 1514533394},
		{"consensus only", "[consensus]\ngenesis = \"A\"\ngenesisBlockTime = 10\n", "A", 10},
		{"qbft only", "[consensus.sub.qbft]\ngenesis = \"B\"\ngenesisBlockTime = 20\n", "B", 20},
		{"qbft wins", "[consensus]\ngenesis = \"A\"\ngenesisBlockTime = 10\n[consensus.sub.qbft]\ngenesis = \"B\"\ngenesisBlockTime = 20\n", "B", 20},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := mustLoad(t, tt.content)
			c, q := cfg.Consensus, cfg.Consensus.Sub.QBFT
			if c.Genesis != tt.genesis || q.Genesis != tt.genesis {
				t.Errorf("genesis: consensus %q qbft %q, want %q", c.Genesis, q.Genesis, tt.genesis)
			}
			if c.GenesisBlockTime != tt.blockTim || q.GenesisBlockTime != tt.blockTim {
				t.Errorf("genesisBlockTime: consensus %d qbft %d, want %d", c.GenesisBlockTime, q.GenesisBlockTime, tt.blockTim)
			}
		})
	}
}

func TestFinishRules(t *testing.T) {
	tests := []struct {
		name    string
		content string
		check   func(*Config) bool
	}{
		{"local forces TestNet and channel 256", `Title="local"`, func(c *Config) bool {
			return c.TestNet && c.P2P.Sub.Gossip.Channel == 256
		}},
		{"main net keeps channel 0", `Title="chain33"`, func(c *Config) bool {
			return !c.TestNet && c.P2P.Sub.Gossip.Channel == 0
		}},
		{"explicit channel kept", "Title=\"chain33\"\nTestNet=true\n[p2p.sub.gossip]\nchannel=1099", func(c *Config) bool {
			return c.P2P.Sub.Gossip.Channel == 1099
		}},
		{"gossip zero values", "[p2p.sub.gossip]\ninnerBounds=0\nlightTxTTL=1\nmaxTTL=0", func(c *Config) bool {
			g := c.P2P.Sub.Gossip
			return g.InnerBounds == 500 && g.LightTxTTL == 3 && g.MaxTTL == 25
		}},
		{"empty blacklists", "[rpc]\njrpcFuncBlacklist=[]\ngrpcFuncBlacklist=[]", func(c *Config) bool {
			return reflect.DeepEqual(c.RPC.JrpcFuncBlacklist, []string{"CloseQueue"}) &&
				reflect.DeepEqual(c.RPC.GrpcFuncBlacklist, []string{"CloseQueue"})
		}},
		{"legacy whitlist merged", "[rpc]\nwhitlist=[\"1.1.1.1\",\"2.2.2.2\"]\nwhitelist=[\"2.2.2.2\"]", func(c *Config) bool {
			return reflect.DeepEqual(c.RPC.Whitelist, []string{"2.2.2.2", "1.1.1.1"})
		}},
		{"fee zero means default", "[mempool]\nmaxTxFee=0\nmaxTxFeeRate=0", func(c *Config) bool {
			return c.Mempool.MaxTxFee == 1e9 && c.Mempool.MaxTxFeeRate == 1e7
		}},
		{"log level aliases", "[log]\nloglevel=\"dbug\"\nlogConsoleLevel=\"EROR\"", func(c *Config) bool {
			return c.Log.Loglevel == "debug" && c.Log.LogConsoleLevel == "error"
		}},
		{"powLimitBits parsed", "[mver.consensus]\npowLimitBits=\"0x1f2fffff\"", func(c *Config) bool {
			return c.Mver.Consensus.PowLimit == 0x1f2fffff
		}},
		{"zero fee rate allows zero minFee", "[mempool]\nminTxFeeRate=0\n[wallet]\nminFee=0", func(c *Config) bool {
			return c.Mempool.MinTxFeeRate == 0 && c.Wallet.MinFee == 0
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if cfg := mustLoad(t, tt.content); !tt.check(cfg) {
				t.Errorf("unexpected config: %+v", cfg)
			}
		})
	}
}

func TestTimeouts(t *testing.T) {
	cfg := mustLoad(t, "[consensus.sub.qbft]\ntimeoutTxAvail=100\ntimeoutPropose=3000\ntimeoutProposeDelta=0\nemptyBlockInterval=5\n")
	got := cfg.Consensus.Sub.QBFT.Timeouts()
	want := Timeouts{
		TxAvail:            100 * time.Millisecond,
		Propose:            3 * time.Second,
		ProposeDelta:       0,
		Prevote:            2 * time.Second,
		PrevoteDelta:       500 * time.Millisecond,
		Precommit:          2 * time.Second,
		PrecommitDelta:     500 * time.Millisecond,
		Commit:             500 * time.Millisecond,
		EmptyBlockInterval: 5 * time.Second,
		MessageInterval:    100 * time.Millisecond,
	}
	if got != want {
		t.Errorf("Timeouts() = %+v, want %+v", got, want)
	}
}

func TestResolve(t *testing.T) {
	path := writeFile(t, "")
	cfg, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Dir(path)
	abs := filepath.Join(string(filepath.Separator), "var", "lib", "x.json")
	for _, c := range []struct{ in, want string }{
		{"genesis.json", filepath.Join(dir, "genesis.json")},
		{"datadir/qbft", filepath.Join(dir, "datadir", "qbft")},
		{"../up", filepath.Join(filepath.Dir(dir), "up")},
		{abs, abs},
		{"", ""},
	} {
		if got := cfg.Resolve(c.in); got != c.want {
			t.Errorf("Resolve(%q) = %q, want %q", c.in, got, c.want)
		}
	}

	// A relative config path still yields an absolute directory.
	rel, err := Load("testdata/chain33.toml")
	if err != nil {
		t.Fatal(err)
	}
	wd, _ := os.Getwd()
	if got, want := rel.Resolve("genesis.json"), filepath.Join(wd, "testdata", "genesis.json"); got != want {
		t.Errorf("Resolve = %q, want %q", got, want)
	}

	// Parse has no file: paths stay relative to the current directory.
	parsed, err := Parse(nil, "mem")
	if err != nil {
		t.Fatal(err)
	}
	if got := parsed.Resolve("a/b"); got != "a/b" {
		t.Errorf("Resolve without Dir = %q", got)
	}
}

func TestLoadMissingFile(t *testing.T) {
	_, err := Load(filepath.Join(t.TempDir(), "nope.toml"))
	if err == nil || !errors.Is(err, os.ErrNotExist) {
		t.Errorf("err = %v, want not-exist", err)
	}
}

func TestKeyLines(t *testing.T) {
	src := "a = 1 # c\r\n" +
		"s = \"\"\"\nx = 2\n\"\"\"\n" + // a key-like line inside a string is not a key
		"[t . \"q.k\"]\n" +
		"arr = [\n  1, # one\n  [2, 3],\n  { y = 4 },\n]\n" +
		"d.e = { f = 'g', h = [5] }\n" +
		"[[u]]\n" +
		"v = '''\n]\n'''\n" +
		"w = 6\n"
	got := map[string]int{}
	elems := map[string][]int{}
	for _, kp := range keyLines(src) {
		k := strings.Join(kp.path, "|")
		if kp.elem >= 0 {
			elems[k] = append(elems[k], kp.line)
		} else if _, ok := got[k]; !ok {
			got[k] = kp.line
		}
	}
	want := map[string]int{
		"a": 1, "s": 2, "t|q.k": 5, "t|q.k|arr": 6, "t|q.k|d": 11, "t|q.k|d|e": 11, "t|q.k|d|e|f": 11,
		"t|q.k|d|e|h": 11, "u": 12, "u|v": 13, "u|w": 16,
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("keyLines:\n got %v\nwant %v", got, want)
	}
	if !reflect.DeepEqual(elems["t|q.k|arr"], []int{7, 8, 9}) {
		t.Errorf("array element lines = %v", elems["t|q.k|arr"])
	}
}

func FuzzParse(f *testing.F) {
	if data, err := os.ReadFile("testdata/chain33.toml"); err == nil {
		f.Add(data)
	}
	for _, s := range []string{
		"", "a = 1", "[consensus.sub.qbft]\nport = \"abc\"", "x = [\n1,\n", "s = '''\n",
		"[p2p.sub]\ngossip = { port = 0, seeds = [\"a\"] }", "\"q\\\"k\".b = 1", "[[a]]\n[[a]]\nb = 1",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		cfg, err := Parse(data, "fuzz.toml")
		if (cfg == nil) == (err == nil) {
			t.Fatalf("cfg %v, err %v", cfg, err)
		}
		keyLines(string(data)) // also on input the parser rejects
	})
}

func TestBindAddr(t *testing.T) {
	c, err := Parse([]byte("[consensus.sub.qbft]\nbindAddr=\"127.0.0.2\"\n[p2p.sub.gossip]\nbindAddr=\"127.0.0.2\"\n"), "chain.toml")
	if err != nil || c.Consensus.Sub.QBFT.BindAddr != "127.0.0.2" || c.P2P.Sub.Gossip.BindAddr != "127.0.0.2" || len(c.Warnings) != 0 {
		t.Fatalf("%v %+v", err, c)
	}
	_, err = Parse([]byte("[consensus.sub.qbft]\nbindAddr=\"nohost:1\"\n"), "chain.toml")
	if err == nil || !strings.Contains(err.Error(), "chain.toml:2: [consensus.sub.qbft] bindAddr") {
		t.Fatalf("bad bindAddr: %v", err)
	}
}

// The chain.toml shipped at the repository root loads without warnings.
func TestShippedTemplate(t *testing.T) {
	c, err := Load("../chain.toml")
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Warnings) != 0 {
		t.Fatalf("warnings: %v", c.Warnings)
	}
	if c.P2P.Sub.Gossip.Channel != 1099 || c.Consensus.Sub.QBFT.Port != 33001 || c.RPC.JrpcBindAddr != ":8801" {
		t.Fatalf("unexpected values: %+v", c)
	}
}

// ErrorAt locates a problem found after Load (by the RPC server) as Load's
// own errors: at the list entry's line, else the key's, else "(default)".
func TestErrorAt(t *testing.T) {
	c, err := Parse([]byte("Title=\"x\"\n[rpc]\nwhitelist = [\n  \"10.0.0.1\",\n  \"1.2.3.400\",\n]\njrpcFuncWhitelist=[\"X\"]\n"), "chain.toml")
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		key  string
		elem int
		want string
	}{
		{"whitelist", 1, "chain.toml:5: [rpc] whitelist: bad"},
		{"jrpcFuncWhitelist", 0, "chain.toml:7: [rpc] jrpcFuncWhitelist: bad"},
		{"whitelist", -1, "chain.toml:3: [rpc] whitelist: bad"},
		{"grpcFuncWhitelist", 0, "chain.toml:(default): [rpc] grpcFuncWhitelist: bad"},
	} {
		if got := c.ErrorAt("rpc", tc.key, tc.elem, "bad").Error(); got != tc.want {
			t.Errorf("%s %d: %q, want %q", tc.key, tc.elem, got, tc.want)
		}
	}
}
