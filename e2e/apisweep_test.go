package e2e

import (
	"compress/gzip"
	"encoding/hex"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"chain33node/crypto"
	"chain33node/poll"
	"chain33node/types"
)

// txSubscriber is a push subscriber that keeps the hash of every
// transaction in the blocks it acknowledges.
type txSubscriber struct {
	t      *testing.T
	mu     sync.Mutex
	hashes map[string]int64 // 0x-hash → height
}

// pushedBlocks decodes a push of blocks (gzip, JSON BlockSeqs); it fails t
// and returns nil on a malformed one.
func pushedBlocks(t *testing.T, r *http.Request) *types.BlockSeqs {
	zr, err := gzip.NewReader(r.Body)
	if err != nil {
		t.Errorf("push body: %v", err)
		return nil
	}
	body, err := io.ReadAll(zr)
	if err != nil {
		t.Errorf("push body: %v", err)
		return nil
	}
	var seqs types.BlockSeqs
	if err := types.UnmarshalPB(body, &seqs); err != nil {
		t.Errorf("push body %.200s: %v", body, err)
		return nil
	}
	return &seqs
}

func (s *txSubscriber) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	seqs := pushedBlocks(s.t, r)
	if seqs == nil {
		return
	}
	s.mu.Lock()
	for _, b := range seqs.Seqs {
		for _, tx := range b.Detail.Block.Txs {
			s.hashes[types.HexWith0x(types.TxHash(tx))] = b.Detail.Block.Height
		}
	}
	s.mu.Unlock()
	io.WriteString(w, "ok")
}

func (s *txSubscriber) has(hashes ...string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, h := range hashes {
		if _, ok := s.hashes[h]; !ok {
			return false
		}
	}
	return true
}

// TestApplicationAPI: two validators whose p2p networks know nothing of
// each other until `net dial` connects them at run time (and `net close`,
// `blacklist` part them); a notarisation, a 3-transaction group, a transfer
// to and from an ETH address (secp256k1eth, address id 2) and a
// SendTransactionSync through the real node and cli, read back by `tx
// query`, the history queries (`tx query_addr`) and a push subscriber.
func TestApplicationAPI(t *testing.T) {
	dir := layout(t)
	if out, err := runScript(t, dir, "./genconfig.sh", "-f", "127.0.0.7,127.0.0.8"); err != nil {
		t.Fatalf("genconfig: %v\n%s", err, out)
	}
	dirs := []string{filepath.Join(dir, "127.0.0.7"), filepath.Join(dir, "127.0.0.8")}
	for _, d := range dirs {
		cfg := filepath.Join(d, "chain.toml")
		edit(t, cfg, "singleMode", "true")
		edit(t, cfg, "emptyBlockInterval", "1")
		edit(t, cfg, "timeoutTxAvail", "50")
		edit(t, cfg, "seeds", "[]") // p2p: no peer until net dial
		edit(t, cfg, "isRecordBlockSequence", "true")
		edit(t, cfg, "enablePushSubscribe", "true")
		startNode(t, d)
	}
	ndir, rpc := dirs[0], "127.0.0.7:8801"
	poll.Until(t, 30*time.Second, "blocks", func() bool { return heightOf(t, ndir, "127.0.0.7") >= 2 })

	// GetTimeStatus without ntpHosts: our clock, difference 0.
	var ts types.TimeStatusJSON
	if err := json.Unmarshal([]byte(mustCLI(t, ndir, rpc, "net", "time")), &ts); err != nil || ts.NtpTime == "" || ts.Diff != 0 {
		t.Fatalf("net time: %+v %v", ts, err)
	}

	// Peer administration at run time.
	self8, others := peerNames(t, dirs[1], "127.0.0.8")
	if _, o := peerNames(t, ndir, "127.0.0.7"); len(o) != 0 || len(others) != 0 {
		t.Fatalf("p2p peers before the dial: %v %v", o, others)
	}
	if out := mustCLI(t, ndir, rpc, "net", "dial", "-p", "127.0.0.8:13802"); !strings.Contains(out, `"isOk": true`) {
		t.Fatalf("net dial: %s", out)
	}
	poll.Until(t, 10*time.Second, "the dialed peer in net peer", func() bool {
		_, o := peerNames(t, ndir, "127.0.0.7")
		return slices.Equal(o, []string{self8})
	})
	if out := mustCLI(t, ndir, rpc, "net", "protocols"); !strings.Contains(out, `"protocol": "/chain33node/p2p/`) {
		t.Fatalf("net protocols: %s", out)
	}
	if out := mustCLI(t, ndir, rpc, "net", "close", "--pid", self8); !strings.Contains(out, "closed success") {
		t.Fatalf("net close: %s", out)
	}
	poll.Until(t, 10*time.Second, "the peer gone", func() bool { _, o := peerNames(t, ndir, "127.0.0.7"); return len(o) == 0 })
	mustCLI(t, ndir, rpc, "blacklist", "add", "--pid", self8, "-t", "1hour")
	if out := mustCLI(t, ndir, rpc, "net", "dial", "-p", "127.0.0.8:13802"); !strings.Contains(out, `"isOk": false`) {
		t.Fatalf("net dial of a blacklisted peer: %s", out)
	}
	if out := mustCLI(t, ndir, rpc, "blacklist", "show"); !strings.Contains(out, `"peerName": "16Uiu2`) {
		t.Fatalf("blacklist show: %s", out)
	}
	mustCLI(t, ndir, rpc, "blacklist", "del", "--pid", self8)
	if out := mustCLI(t, ndir, rpc, "net", "dial", "-p", "127.0.0.8:13802", "--seed"); !strings.Contains(out, `"isOk": true`) {
		t.Fatalf("net dial after blacklist del: %s", out)
	}
	poll.Until(t, 10*time.Second, "connected again", func() bool { _, o := peerNames(t, ndir, "127.0.0.7"); return len(o) == 1 })

	// A push subscriber from the first block on.
	sub := &txSubscriber{t: t, hashes: map[string]int64{}}
	srv := httptest.NewServer(sub)
	defer srv.Close()
	var reply struct {
		IsOk bool   `json:"isOk"`
		Msg  string `json:"msg"`
	}
	rpcCall(t, rpc, "Chain33.AddPushSubscribe", map[string]any{"name": "app", "URL": srv.URL, "encode": "json", "type": 0}, &reply)
	if !reply.IsOk {
		t.Fatalf("AddPushSubscribe: %+v", reply)
	}

	superAddr := crypto.PubKeyToAddr(mustKey(t, superKey).PubKey())
	bob, _ := crypto.GeneratePrivKey()
	bobAddr := crypto.PubKeyToAddr(bob.PubKey())

	// A notarisation.
	notary := mustCLI(t, ndir, rpc, "send", "exec", "userdata", "-e", "user.evidence", "-t", "contract", "-d", "sha256:beef", "-k", superKey)
	if q := queryTx(t, ndir, rpc, notary); q.Tx.Execer != "user.evidence" || q.Receipt.TyName != "ExecPack" {
		t.Fatalf("notarisation: %+v", q)
	}

	// A group of three.
	group := mustCLI(t, ndir, rpc, "send", "coins", "txgroup", "-t", strings.Join([]string{
		mustCLI(t, ndir, rpc, "coins", "transfer", "-a", "2", "-t", bobAddr),
		mustCLI(t, ndir, rpc, "exec", "userdata", "-e", "user.evidence", "-d", "doc-2"),
		mustCLI(t, ndir, rpc, "coins", "transfer", "-a", "3", "-t", bobAddr)}, " "), "-k", superKey)
	var members []string
	for next := group; next != ""; {
		m := queryTx(t, ndir, rpc, next)
		if m.Tx.GroupCount != 3 || m.Tx.Header != group {
			t.Fatalf("member %d of %s: %+v", len(members), group, m.Tx)
		}
		members = append(members, next)
		next = m.Tx.Next
	}
	if len(members) != 3 {
		t.Fatalf("%d members", len(members))
	}

	// To and from an ETH address: the eth key's address (id 2) is funded,
	// then signs a transfer with --signAddrType 2.
	eth, _ := crypto.GeneratePrivKey()
	ethAddr := crypto.EthAddress(eth.PubKey())
	fund := mustCLI(t, ndir, rpc, "send", "coins", "transfer", "-a", "5", "-t", ethAddr, "-k", superKey)
	waitTx(t, ndir, rpc, fund)
	fromEth := mustCLI(t, ndir, rpc, "send", "coins", "transfer", "-a", "1", "-t", bobAddr, "-k", hex.EncodeToString(eth.Bytes()), "--signAddrType", "2")
	var detail struct {
		Fromaddr string `json:"fromaddr"`
		Receipt  struct {
			TyName string `json:"tyName"`
		} `json:"receipt"`
	}
	if err := json.Unmarshal([]byte(waitTx(t, ndir, rpc, fromEth)), &detail); err != nil || detail.Fromaddr != ethAddr || detail.Receipt.TyName != "ExecOk" {
		t.Fatalf("transfer from the eth address: %+v %v", detail, err)
	}

	// SendTransactionSync: answered once committed, queryable at once.
	signed := mustCLI(t, ndir, rpc, "wallet", "sign", "-d", mustCLI(t, ndir, rpc, "coins", "transfer", "-a", "1", "-t", bobAddr), "-k", superKey)
	var syncHash string
	rpcCall(t, rpc, "Chain33.SendTransactionSync", map[string]string{"data": signed}, &syncHash)
	if out, errOut, code := cli(t, ndir, rpc, "tx", "query", "-s", syncHash); code != 0 || !strings.Contains(out, `"tyName": "ExecOk"`) {
		t.Fatalf("tx query right after SendTransactionSync: %s %s", out, errOut)
	}

	// History: each address lists its transactions.
	for addr, want := range map[string][]string{
		ethAddr:   {fund, fromEth},
		bobAddr:   {members[0], members[2], fromEth, syncHash},
		superAddr: {notary, members[0], fund, syncHash},
	} {
		out := mustCLI(t, ndir, rpc, "tx", "query_addr", "-a", addr, "-c", "100")
		for _, h := range want {
			if !strings.Contains(out, h) {
				t.Errorf("tx query_addr -a %s lacks %s:\n%s", addr, h, out)
			}
		}
	}
	// The other node has them too (validators commit the same blocks).
	if out := mustCLI(t, dirs[1], "127.0.0.8:8801", "tx", "query_addr", "-a", ethAddr); !strings.Contains(out, fromEth) {
		t.Errorf("node 2: query_addr of the eth address:\n%s", out)
	}

	// The push subscriber received every one of them.
	all := append([]string{notary, fund, fromEth, syncHash}, members...)
	poll.Until(t, 30*time.Second, "the pushed blocks with every transaction", func() bool { return sub.has(all...) })
}

func mustKey(t *testing.T, h string) *crypto.PrivKey {
	t.Helper()
	b, err := hex.DecodeString(h)
	if err != nil {
		t.Fatal(err)
	}
	k, err := crypto.PrivKeyFromBytes(b)
	if err != nil {
		t.Fatal(err)
	}
	return k
}
