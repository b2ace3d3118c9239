package config

import (
	"fmt"
	"math"
	"net"
	"sort"
	"strconv"
	"strings"

	"github.com/BurntSushi/toml"
)

// validate checks the finished config and returns every problem, by line.
func (d *decoded) validate() []error {
	c := d.cfg
	d.pow10("", "CoinPrecision", c.CoinPrecision)
	d.pow10("", "TokenPrecision", c.TokenPrecision)
	d.peers("", "ntpHosts", c.NtpHosts)

	d.level("log", "loglevel", c.Log.Loglevel)
	d.level("log", "logConsoleLevel", c.Log.LogConsoleLevel)

	d.min("blockchain", "maxFetchBlockNum", c.BlockChain.MaxFetchBlockNum, 1)
	d.min("blockchain", "timeoutSeconds", c.BlockChain.TimeoutSeconds, 1)
	d.min("blockchain", "maxPushSubscribers", c.BlockChain.MaxPushSubscribers, 1)

	if len(c.P2P.Types) == 0 {
		d.fail("p2p", "types", "must not be empty, e.g. [\"gossip\"]")
	}
	g := &c.P2P.Sub.Gossip
	d.port("p2p.sub.gossip", "port", int64(g.Port))
	d.ip("p2p.sub.gossip", "bindAddr", g.BindAddr)
	d.peers("p2p.sub.gossip", "seeds", g.Seeds)

	d.bindAddr("rpc", "jrpcBindAddr", c.RPC.JrpcBindAddr)
	d.bindAddr("rpc", "grpcBindAddr", c.RPC.GrpcBindAddr)
	r := &c.RPC
	d.min("rpc", "maxConnections", r.MaxConnections, 1)
	d.min("rpc", "maxConnectionsPerIP", r.MaxConnectionsPerIP, 1)
	d.min("rpc", "readTimeout", r.ReadTimeout, 1)
	d.min("rpc", "maxResponseBytes", r.MaxResponseBytes, 1<<20)
	if r.RateLimit < 0 || math.IsNaN(r.RateLimit) || math.IsInf(r.RateLimit, 0) {
		d.fail("rpc", "rateLimit", "must be >= 0 requests per second (0: no limit), got %v", r.RateLimit)
	}
	d.min("rpc", "rateBurst", r.RateBurst, 0)
	if c.Metrics.ListenAddr != "" {
		d.bindAddr("metrics", "listenAddr", c.Metrics.ListenAddr)
	}
	if c.Pprof.ListenAddr != "" {
		d.bindAddr("pprof", "listenAddr", c.Pprof.ListenAddr)
	}

	m := &c.Mempool
	d.min("mempool", "poolCacheSize", m.PoolCacheSize, 1)
	d.min("mempool", "maxTxNumPerAccount", m.MaxTxNumPerAccount, 1)
	d.min("mempool", "minTxFeeRate", m.MinTxFeeRate, 0)
	d.min("mempool", "maxTxFeeRate", m.MaxTxFeeRate, 0)
	d.min("mempool", "maxTxFee", m.MaxTxFee, 0)
	d.min("mempool", "admitHorizon", m.AdmitHorizon, 0)
	d.min("mempool", "admitMinTxs", m.AdmitMinTxs, 1)

	if c.Consensus.Name != "qbft" {
		d.fail("consensus", "name", "must be \"qbft\" (the only consensus this node runs), got %q", c.Consensus.Name)
	}

	mv := &c.Mver.Consensus
	bits, err := strconv.ParseUint(strings.TrimPrefix(strings.TrimPrefix(mv.PowLimitBits, "0x"), "0X"), 16, 32)
	if err != nil || mv.PowLimitBits == "" {
		d.fail("mver.consensus", "powLimitBits", "must be a 32-bit hex number like \"0x1f00ffff\", got %q", mv.PowLimitBits)
	}
	mv.PowLimit = uint32(bits)
	d.min("mver.consensus", "maxTxNumber", mv.MaxTxNumber, 1)
	if mv.MaxTxNumber > 100000 {
		// Index keys place a transaction at height*100000+index (the
		// reference's MaxTxsPerBlock).
		d.fail("mver.consensus", "maxTxNumber", "must be at most 100000 (transactions per block), got %d", mv.MaxTxNumber)
	}

	d.validateQBFT(&c.Consensus.Sub.QBFT)

	for i, a := range c.Exec.Sub.Manage.SuperManager {
		if strings.TrimSpace(a) == "" {
			d.failElem("exec.sub.manage", "superManager", i, "entry %d must not be empty", i)
		}
	}

	if c.Wallet.MinFee < m.MinTxFeeRate {
		d.fail("wallet", "minFee", "must be >= [mempool] minTxFeeRate (%d, %s), got %d",
			m.MinTxFeeRate, d.where("mempool", "minTxFeeRate"), c.Wallet.MinFee)
	}

	sort.SliceStable(d.errs, func(i, j int) bool { return order(d.errs[i]) < order(d.errs[j]) })
	return d.errs
}

func (d *decoded) validateQBFT(q *QBFT) {
	const s = "consensus.sub.qbft"
	if strings.TrimSpace(q.Genesis) == "" {
		if !d.has(s+".genesis") && d.has("consensus.genesis") {
			d.fail("consensus", "genesis", "must not be empty")
		} else {
			d.fail(s, "genesis", "must not be empty")
		}
	}
	d.min(s, "genesisAmount", q.GenesisAmount, 0)
	if p := d.cfg.CoinPrecision; p > 0 && q.GenesisAmount > math.MaxInt64/p {
		d.fail(s, "genesisAmount", "%d coins × CoinPrecision %d overflows int64", q.GenesisAmount, p)
	}
	d.min(s, "genesisBlockTime", q.GenesisBlockTime, 0)

	d.min(s, "timeoutTxAvail", int64(q.TimeoutTxAvail), 1)
	d.min(s, "timeoutPropose", int64(q.TimeoutPropose), 1)
	d.min(s, "timeoutProposeDelta", int64(q.TimeoutProposeDelta), 0)
	d.min(s, "timeoutPrevote", int64(q.TimeoutPrevote), 1)
	d.min(s, "timeoutPrevoteDelta", int64(q.TimeoutPrevoteDelta), 0)
	d.min(s, "timeoutPrecommit", int64(q.TimeoutPrecommit), 1)
	d.min(s, "timeoutPrecommitDelta", int64(q.TimeoutPrecommitDelta), 0)
	d.min(s, "timeoutCommit", int64(q.TimeoutCommit), 1)
	d.min(s, "emptyBlockInterval", int64(q.EmptyBlockInterval), 0)
	d.min(s, "messageInterval", int64(q.MessageInterval), 1)
	d.min(s, "multiBlocks", q.MultiBlocks, 1)
	d.min(s, "legacyCertificatesBelow", q.LegacyCertificatesBelow, 0)
	d.port(s, "port", int64(q.Port))
	d.ip(s, "bindAddr", q.BindAddr)
	d.peers(s, "validatorNodes", q.ValidatorNodes)
	if q.SignName != "bls" {
		d.fail(s, "signName", "must be \"bls\" (the only consensus key type supported), got %q", q.SignName)
	}
}

// fail records a problem with a key of a table ("" = top level). key is
// chain33's spelling, matched case-insensitively to find the line.
func (d *decoded) fail(table, key, format string, args ...any) {
	d.errs = append(d.errs, &Error{File: d.cfg.File, Line: d.line(lowerPath(table, key)),
		Key: display(keyOf(table, key)), Msg: fmt.Sprintf(format, args...)})
}

// failElem is fail for element i of an array value, on the element's line.
func (d *decoded) failElem(table, key string, i int, format string, args ...any) {
	d.fail(table, key, format, args...)
	if lines := d.elems[lowerPath(table, key)]; i < len(lines) {
		d.errs[len(d.errs)-1].(*Error).Line = lines[i]
	}
}

// where tells where a key's value comes from, for messages naming two keys.
func (d *decoded) where(table, key string) string {
	if l := d.line(lowerPath(table, key)); l > 0 {
		return "line " + strconv.Itoa(l)
	}
	return "default"
}

func (d *decoded) min(table, key string, v, min int64) {
	if v < min {
		rel := ">= " + strconv.FormatInt(min, 10)
		if min == 1 {
			rel = "> 0"
		}
		d.fail(table, key, "must be %s, got %d", rel, v)
	}
}

func (d *decoded) pow10(table, key string, v int64) {
	p := v
	for p >= 10 && p%10 == 0 {
		p /= 10
	}
	if p != 1 {
		d.fail(table, key, "must be a power of 10 (e.g. 100000000), got %d", v)
	}
}

var levels = []string{"debug", "info", "warn", "error", "crit"}

func (d *decoded) level(table, key, v string) {
	for _, l := range levels {
		if v == l {
			return
		}
	}
	d.fail(table, key, "must be one of %s, got %q", strings.Join(levels, "/"), v)
}

func (d *decoded) port(table, key string, v int64) {
	if v < 1 || v > 65535 {
		d.fail(table, key, "must be a port in 1..65535, got %d", v)
	}
}

// peers checks a list of "host:port" addresses to dial.
func (d *decoded) peers(table, key string, list []string) {
	for i, a := range list {
		host, port, err := net.SplitHostPort(a)
		n, perr := strconv.Atoi(port)
		if err != nil || host == "" || perr != nil || n < 1 || n > 65535 {
			d.failElem(table, key, i, "entry %d %q: must be host:port with a port in 1..65535", i, a)
		}
	}
}

// ip checks an optional IP address to listen on.
func (d *decoded) ip(table, key, a string) {
	if a != "" && net.ParseIP(a) == nil {
		d.fail(table, key, "must be an IP address (or empty for all interfaces), got %q", a)
	}
}

// bindAddr checks a listen address; the host may be empty (all interfaces)
// and port 0 lets the system choose (used by tests).
func (d *decoded) bindAddr(table, key, a string) {
	_, port, err := net.SplitHostPort(a)
	n, perr := strconv.Atoi(port)
	if err != nil || perr != nil || n < 0 || n > 65535 {
		d.fail(table, key, "must be [host]:port with a port in 0..65535, got %q", a)
	}
}

func lowerPath(table, key string) string {
	if table == "" {
		return strings.ToLower(key)
	}
	return strings.ToLower(table + "." + key)
}

func keyOf(table, key string) toml.Key {
	if table == "" {
		return toml.Key{key}
	}
	return append(toml.Key(strings.Split(table, ".")), key)
}

// order sorts errors by line, those without a line last.
func order(err error) int {
	if e, ok := err.(*Error); ok && e.Line > 0 {
		return e.Line
	}
	return math.MaxInt
}
