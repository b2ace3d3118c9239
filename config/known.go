package config

import (
	"fmt"
	"strings"

	"github.com/BurntSushi/toml"
)

// unusedKeys are chain33 keys (spec §1) that this node accepts and ignores,
// by table; "" is the top level. A key of one of these tables that is neither
// here nor in Config draws a warning. Lower case: keys match case-insensitively.
var unusedKeys = map[string][]string{
	"":    {"fixtime", "txheight", "enableparafork", "disableforkcheck"},
	"log": {"callerfile", "callerfunction"},
	"blockchain": {"batchblocknum", "isstrongconsistency", "batchsync",
		"isparachain", "enabletxquickindex", "enablereexeclocal", "enablereducelocaldb", "disableshard",
		"chunkblocknum", "enablefetchp2pstore", "enableifdellocalchunk", "onchaintimeout",
		"maxactiveblocknum", "maxactiveblocksize", "highallowpackheight",
		"lowallowpackheight", "disableblockbroadcast", "disableclockdriftcheck", "enablesaveblockkvs",
		"blockfinalizeenableheight", "blockfinalizegapheight", "rollbackblock"},
	"p2p":                {"grpclogfile", "waitpid"},
	"p2p.sub.gossip":     {"caserver"},
	"rpc":                {"erpcbindaddr", "enabletrace"},
	"mempool":            {},
	"consensus":          {"hotkeyaddr", "forcemining", "minerexecs", "enablebestblockcmp", "nonerollback", "committer", "finalizer"},
	"mver.consensus":     {},
	"consensus.sub.qbft": {},
	"store":              {"name", "driver", "dbpath", "dbcache", "localdbversion", "storedbversion"},
	"wallet":             {"driver", "dbpath", "dbcache", "cointype"},
	"exec": {"enablestat", "enablemvcc", "alias", "savetokentxlist", "disabletxindex", "disabletxdupcheck",
		"disableexeclocal", "proxyexecaddress"},
	"exec.sub.manage": {},
	"health":          {"listenaddr", "checkinterval", "unsyncmaxtimes"},
	"metrics":         {"enablemetrics", "dataemitmode", "duration", "url", "database", "username", "password", "namespace"},
}

// openTables are chain33 tables whose whole content is accepted silently:
// fork heights, multi-version overrides, other plugins' sub-configurations.
// A trailing dot means "the tables below it". The longest match among these
// and the tables of unusedKeys decides, so [p2p.sub.dht] is open while
// [p2p.sub.gossip] is checked key by key.
var openTables = []string{
	"fork", "mver", "mver.consensus.", "address", "crypto",
	"p2p.sub", "rpc.sub", "rpc.parachain", "mempool.sub", "consensus.sub",
	"store.sub", "wallet.sub", "exec.sub", "metrics.sub",
}

var unused = func() map[string]map[string]bool {
	m := map[string]map[string]bool{}
	for table, keys := range unusedKeys {
		m[table] = map[string]bool{}
		for _, k := range keys {
			m[table][k] = true
		}
	}
	return m
}()

// known reports whether a lower-cased dotted path is a key or table that
// chain33 defines (Config's own keys are decoded and never asked about).
func known(path string, isTable bool) bool {
	if !isTable {
		parent, name := "", path
		if i := strings.LastIndexByte(path, '.'); i >= 0 {
			parent, name = path[:i], path[i+1:]
		}
		if keys, ok := unused[parent]; ok {
			return keys[name]
		}
	}
	best, ok := -1, false
	for t := range unused {
		if t != "" && len(t) > best && (path == t || strings.HasPrefix(path, t+".")) {
			best, ok = len(t), path == t // below a checked table, unknown
		}
	}
	for _, t := range openTables {
		under := path == t || strings.HasPrefix(path, t+".")
		if strings.HasSuffix(t, ".") {
			under = strings.HasPrefix(path, t)
		}
		if under && len(t) > best {
			best, ok = len(t), true
		}
	}
	return ok
}

// unknownKeys returns a warning for each key of the file that the node
// neither decodes nor knows as a chain33 key. Keys in an unknown table are
// covered by one warning for the table.
func (d *decoded) unknownKeys(md toml.MetaData) []string {
	var warns []string
	var tables []string // unknown tables already warned about
	for _, k := range md.Undecoded() {
		path := strings.ToLower(strings.Join(k, "."))
		if underAny(path, tables) {
			continue
		}
		isTable := md.Type(k...) == "Hash" || md.Type(k...) == "ArrayHash"
		if known(path, isTable) {
			continue
		}
		pos := d.cfg.File
		if l := d.line(path); l > 0 {
			pos = fmt.Sprintf("%s:%d", pos, l)
		}
		if isTable {
			tables = append(tables, path)
			warns = append(warns, fmt.Sprintf("%s: unknown table [%s] ignored", pos, strings.Join(k, ".")))
		} else {
			warns = append(warns, fmt.Sprintf("%s: unknown key %s ignored", pos, display(k)))
		}
	}
	return warns
}

func underAny(path string, tables []string) bool {
	for _, t := range tables {
		if strings.HasPrefix(path, t+".") {
			return true
		}
	}
	return false
}
