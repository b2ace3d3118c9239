package e2e

import (
	"encoding/hex"
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"chain33node/crypto"
	"chain33node/poll"
)

var clusterIPs = []string{"127.0.0.2", "127.0.0.3", "127.0.0.4", "127.0.0.5"}

func rpcOf(ip string) string { return ip + ":8801" }

func heightOf(t *testing.T, dir, ip string) int64 {
	out, _, code := cli(t, dir, rpcOf(ip), "block", "last_header")
	if code != 0 {
		return -1
	}
	var h struct {
		Height int64 `json:"height"`
	}
	json.Unmarshal([]byte(out), &h)
	return h.Height
}

func isSync(t *testing.T, dir, ip string) bool {
	out, _, code := cli(t, dir, rpcOf(ip), "net", "is_sync")
	return code == 0 && out == "true"
}

func peerNames(t *testing.T, dir, ip string) (self string, others []string) {
	out := mustCLI(t, dir, rpcOf(ip), "net", "peer")
	var pl struct {
		Peers []struct {
			Name string `json:"name"`
			Self bool   `json:"self"`
		} `json:"peers"`
	}
	if err := json.Unmarshal([]byte(out), &pl); err != nil {
		t.Fatalf("net peer: %v\n%s", err, out)
	}
	for _, p := range pl.Peers {
		if p.Self {
			self = p.Name
		} else {
			others = append(others, p.Name)
		}
	}
	return self, others
}

// nodeDir prepares a server directory for a node that joins later, as the
// deployment doc says: node, cli, chain.toml and genesis.json copied from
// an existing server, and its own key from `cli qbft gen_file -n 1`.
func nodeDir(t *testing.T, from, ip string) (dir, pub string) {
	dir = filepath.Join(filepath.Dir(from), ip)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"node", "cli", "chain.toml", "genesis.json"} {
		b, err := os.ReadFile(filepath.Join(from, f))
		if err != nil {
			t.Fatal(err)
		}
		os.WriteFile(filepath.Join(dir, f), b, 0o755)
	}
	cfg := filepath.Join(dir, "chain.toml")
	edit(t, cfg, "bindAddr", `"`+ip+`"`)
	edit(t, cfg, "jrpcBindAddr", `"`+ip+`:8801"`)
	edit(t, cfg, "grpcBindAddr", `"`+ip+`:8802"`)
	if out, err := runScript(t, dir, "./cli", "qbft", "gen_file", "-n", "1", "-t", "bls"); err != nil {
		t.Fatalf("gen_file: %v %s", err, out)
	}
	os.Rename(filepath.Join(dir, "priv_validator_0.json"), filepath.Join(dir, "priv_validator.json"))
	os.Remove(filepath.Join(dir, "genesis_file.json"))
	var pv struct {
		PubKey struct {
			Data string `json:"data"`
		} `json:"pub_key"`
	}
	b, _ := os.ReadFile(filepath.Join(dir, "priv_validator.json"))
	if err := json.Unmarshal(b, &pv); err != nil {
		t.Fatal(err)
	}
	return dir, pv.PubKey.Data
}

// validatorIndex is pub's position in `qbft nodes` (the set's order), -1 if absent.
func validatorIndex(t *testing.T, dir, ip, pub string) (int, int) {
	out := mustCLI(t, dir, rpcOf(ip), "qbft", "nodes")
	var ns struct {
		Nodes []struct {
			PubKey string `json:"pubKey"`
		} `json:"nodes"`
	}
	if err := json.Unmarshal([]byte(out), &ns); err != nil {
		t.Fatal(err)
	}
	for i, n := range ns.Nodes {
		if strings.EqualFold(n.PubKey, pub) {
			return i, len(ns.Nodes)
		}
	}
	return -1, len(ns.Nodes)
}

// signedBy reports whether validator idx signed block h's certificate (qbft info).
func signedBy(t *testing.T, dir, ip string, h int64, idx int) bool {
	out, _, code := cli(t, dir, rpcOf(ip), "qbft", "info", "-t", strconv.FormatInt(h, 10))
	if code != 0 {
		return false
	}
	var info struct {
		Block struct {
			LastCommit struct {
				AggVote struct {
					ValidatorArray struct {
						Elems []string `json:"elems"`
					} `json:"validatorArray"`
				} `json:"aggVote"`
			} `json:"lastCommit"`
		} `json:"block"`
	}
	json.Unmarshal([]byte(out), &info)
	elems := info.Block.LastCommit.AggVote.ValidatorArray.Elems
	if idx/64 >= len(elems) {
		return false
	}
	v, _ := strconv.ParseUint(elems[idx/64], 10, 64)
	return v&(1<<(idx%64)) != 0
}

// The consortium workflow of the reference's deployment doc, with the real
// binaries and genconfig.sh, loopback addresses standing in for servers.
func TestClusterWorkflow(t *testing.T) {
	root := layout(t)
	edit(t, filepath.Join(root, "chain.toml"), "emptyBlockInterval", "1")
	edit(t, filepath.Join(root, "chain.toml"), "timeoutTxAvail", "100")
	if out, err := runScript(t, root, "./genconfig.sh", strings.Join(clusterIPs, ",")); err != nil {
		t.Fatalf("genconfig: %v\n%s", err, out)
	}
	dirs := map[string]string{}
	procs := map[string]*proc{}
	start := time.Now()
	for _, ip := range clusterIPs {
		dirs[ip] = filepath.Join(root, ip)
		procs[ip] = startNode(t, dirs[ip])
	}
	d0, ip0 := dirs[clusterIPs[0]], clusterIPs[0]
	poll.Until(t, 10*time.Second, "all four in sync and committing (10 s budget)", func() bool {
		for _, ip := range clusterIPs {
			if !isSync(t, dirs[ip], ip) || heightOf(t, dirs[ip], ip) < 1 {
				return false
			}
		}
		return true
	})
	t.Logf("4 nodes in sync and committing %v after start", time.Since(start).Round(100*time.Millisecond))
	poll.Until(t, 10*time.Second, "net peer lists the 3 others", func() bool {
		_, others := peerNames(t, d0, ip0)
		return len(others) == 3
	})
	selfA, _ := peerNames(t, d0, ip0)

	// A transaction sent to any node is committed.
	to, _ := crypto.GeneratePrivKey()
	last := clusterIPs[3]
	hash := mustCLI(t, dirs[last], rpcOf(last), "send", "coins", "transfer", "-a", "2", "-t", crypto.PubKeyToAddr(to.PubKey()), "-k", superKey)
	if ty, _ := receiptOf(t, waitTx(t, d0, rpcOf(ip0), hash)); ty != 2 {
		t.Fatalf("transfer sent to %s: receipt %d", last, ty)
	}

	// Authorise a qbft-manager (three steps, signed by the superManager).
	mgr, _ := crypto.GeneratePrivKey()
	mgrAddr, mgrKey := crypto.PubKeyToAddr(mgr.PubKey()), hex.EncodeToString(mgr.Bytes())
	raw := mustCLI(t, d0, rpcOf(ip0), "config", "config_tx", "-c", "qbft-manager", "-o", "add", "-v", mgrAddr)
	hash = mustCLI(t, d0, rpcOf(ip0), "wallet", "send", "-d", mustCLI(t, d0, rpcOf(ip0), "wallet", "sign", "-d", raw, "-k", superKey))
	waitTx(t, d0, rpcOf(ip0), hash)
	if q := mustCLI(t, dirs[clusterIPs[2]], rpcOf(clusterIPs[2]), "config", "query", "-k", "qbft-manager"); !strings.Contains(q, mgrAddr) {
		t.Fatalf("config query on another node:\n%s", q)
	}

	// A second chain on other addresses with another channel and the same
	// seeds never peers with the first.
	rootB := layout(t)
	edit(t, filepath.Join(rootB, "chain.toml"), "channel", "2000")
	if out, err := runScript(t, rootB, "./genconfig.sh", "-f", "127.0.0.10"); err != nil {
		t.Fatalf("genconfig B: %v\n%s", err, out)
	}
	dirB := filepath.Join(rootB, "127.0.0.10")
	var seeds []string
	for _, ip := range append(clusterIPs, "127.0.0.10") {
		seeds = append(seeds, `"`+ip+`:13802"`)
	}
	edit(t, filepath.Join(dirB, "chain.toml"), "seeds", "["+strings.Join(seeds, ",")+"]")
	edit(t, filepath.Join(dirB, "chain.toml"), "singleMode", "true")
	startNode(t, dirB)
	poll.Until(t, 15*time.Second, "second chain running", func() bool { return heightOf(t, dirB, "127.0.0.10") >= 1 })

	// A fifth node joins later with only genesis.json and chain.toml, syncs
	// the whole chain and reports is_sync.
	dir5, pub5 := nodeDir(t, d0, "127.0.0.6")
	target := heightOf(t, d0, ip0)
	startNode(t, dir5)
	poll.Until(t, 30*time.Second, "the fifth node syncs", func() bool {
		return heightOf(t, dir5, "127.0.0.6") >= target && isSync(t, dir5, "127.0.0.6")
	})

	selfB, peersB := peerNames(t, dirB, "127.0.0.10")
	for _, ip := range clusterIPs {
		_, others := peerNames(t, dirs[ip], ip)
		for _, o := range others {
			if o == selfB {
				t.Fatalf("%s peers with the other chain's node", ip)
			}
		}
	}
	if len(peersB) != 0 {
		t.Fatalf("the other chain's node peers with %v (first chain's node: %s)", peersB, selfA)
	}

	// Validator changes by transaction, under the 1/3 rule: 4×10 may change
	// less than 13 per block.
	_, pubOther := nodeDir(t, d0, "127.0.0.7")
	hash = mustCLI(t, d0, rpcOf(ip0), "send", "qbft", "add", "-p", pubOther, "-w", "13", "-k", mgrKey)
	ty, logs := receiptOf(t, waitTx(t, d0, rpcOf(ip0), hash))
	if ty != 1 || !strings.Contains(strings.Join(logs, " "), "1/3") {
		t.Fatalf("over-weight add: ty %d logs %v", ty, logs)
	}
	hash = mustCLI(t, d0, rpcOf(ip0), "send", "qbft", "add", "-p", pub5, "-w", "10", "-k", mgrKey)
	if ty, logs := receiptOf(t, waitTx(t, d0, rpcOf(ip0), hash)); ty != 2 {
		t.Fatalf("add the fifth: ty %d logs %v", ty, logs)
	}
	idx, n := validatorIndex(t, d0, ip0, pub5)
	if idx < 0 || n != 5 {
		t.Fatalf("qbft nodes after add: index %d of %d", idx, n)
	}
	poll.Until(t, 30*time.Second, "the fifth validator's signature in a certificate", func() bool {
		h := heightOf(t, d0, ip0)
		return signedBy(t, d0, ip0, h, idx) || signedBy(t, d0, ip0, h-1, idx)
	})

	// Removal with power 0.
	hash = mustCLI(t, dir5, rpcOf("127.0.0.6"), "send", "qbft", "add", "-p", pub5, "-w", "0", "-k", mgrKey)
	if ty, logs := receiptOf(t, waitTx(t, d0, rpcOf(ip0), hash)); ty != 2 {
		t.Fatalf("removal: ty %d logs %v", ty, logs)
	}
	if idx, n := validatorIndex(t, d0, ip0, pub5); idx >= 0 || n != 4 {
		t.Fatalf("qbft nodes after removal: index %d of %d", idx, n)
	}

	// A validator stopped for a while catches up after a restart.
	stopped := clusterIPs[1]
	procs[stopped].stop(t)
	h := heightOf(t, d0, ip0)
	poll.Until(t, 20*time.Second, "three validators go on", func() bool { return heightOf(t, d0, ip0) >= h+5 })
	startNode(t, dirs[stopped])
	poll.Until(t, 30*time.Second, "the restarted node catches up", func() bool {
		return heightOf(t, dirs[stopped], stopped) >= heightOf(t, d0, ip0)-1 && isSync(t, dirs[stopped], stopped)
	})
	// After all this, honest nodes still peer with each other (blocks that
	// consensus and gossip deliver at the same time never get a peer blocked).
	if _, others := peerNames(t, d0, ip0); len(others) < 4 {
		t.Fatalf("%s has %d peers at the end (4 validators + the fifth node expected)", ip0, len(others))
	}
}
