package node

import (
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"chain33node/config"
	"chain33node/crypto"
	"chain33node/genesis"
	"chain33node/loopback"
	"chain33node/poll"
	"chain33node/store"
	"chain33node/types"

	"google.golang.org/protobuf/proto"
)

// testnet is a set of in-process nodes on loopback with real libp2p, LevelDB
// and BLS: genconfig's layout, each node on an IP of its own with fixed ports.
type testnet struct {
	t        testing.TB
	dir      string
	nodes    []*Node
	cfgs     []*config.Config
	ips      []string             // node i's IP (loopback.IP)
	peers    []string             // consensus addresses
	gossip   []string             // p2p addresses, every node's seeds
	datadirs map[int]string       // a node's datadir elsewhere than node<i>/datadir
	logs     map[int]*slog.Logger // a node's logger other than stderr at warn
}

// The ports of every node, on its own IP (not the defaults: a node of
// `make dev` may listen on them on every address).
const consensusPort, gossipPort = 23001, 23802

func newTestnet(t testing.TB, n int) *testnet {
	tn := &testnet{t: t, dir: t.TempDir(), datadirs: map[int]string{}, logs: map[int]*slog.Logger{}}
	if _, err := genesis.GenFile(tn.dir, n, "bls"); err != nil {
		t.Fatal(err)
	}
	for range n {
		tn.addAddrs()
	}
	for i := range n {
		tn.addNodeDir(i, filepath.Join(tn.dir, fmt.Sprintf("priv_validator_%d.json", i)))
	}
	return tn
}

// addAddrs gives the next node its IP, consensus and p2p addresses.
func (tn *testnet) addAddrs() {
	ip := loopback.IP()
	tn.ips = append(tn.ips, ip)
	tn.peers = append(tn.peers, fmt.Sprintf("%s:%d", ip, consensusPort))
	tn.gossip = append(tn.gossip, fmt.Sprintf("%s:%d", ip, gossipPort))
}

// addNodeDir lays out node i's directory as genconfig.sh does.
func (tn *testnet) addNodeDir(i int, privFile string) {
	dir := filepath.Join(tn.dir, fmt.Sprintf("node%d", i))
	if err := os.MkdirAll(dir, 0o755); err != nil {
		tn.t.Fatal(err)
	}
	copyFile(tn.t, filepath.Join(tn.dir, "genesis_file.json"), filepath.Join(dir, "genesis.json"))
	copyFile(tn.t, privFile, filepath.Join(dir, "priv_validator.json"))
	c := config.Default()
	c.Dir = dir
	q := &c.Consensus.Sub.QBFT
	q.BindAddr, q.Port, q.ValidatorNodes = tn.ips[i], consensusPort, tn.peers
	q.TimeoutTxAvail, q.TimeoutPropose, q.TimeoutPrevote, q.TimeoutPrecommit, q.TimeoutCommit = 20, 1500, 500, 500, 50
	q.EmptyBlockInterval = 1
	c.RPC.JrpcBindAddr, c.RPC.GrpcBindAddr = "127.0.0.1:0", "127.0.0.1:0"
	c.P2P.Sub.Gossip.BindAddr, c.P2P.Sub.Gossip.Port, c.P2P.Sub.Gossip.Seeds = tn.ips[i], gossipPort, tn.gossip
	c.BlockChain.SingleMode = true
	tn.cfgs = append(tn.cfgs, c)
	tn.nodes = append(tn.nodes, nil)
}

func copyFile(t testing.TB, from, to string) {
	b, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(to, b, 0o600); err != nil {
		t.Fatal(err)
	}
}

func (tn *testnet) start(i int) {
	tn.t.Helper()
	logger := tn.logs[i]
	if logger == nil {
		logger = slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn})).With("node", i)
	}
	datadir := tn.datadirs[i]
	if datadir == "" {
		datadir = filepath.Join(tn.cfgs[i].Dir, "datadir")
	}
	n, err := New(tn.cfgs[i], Options{Datadir: datadir, Logger: logger})
	if err != nil {
		tn.t.Fatal(err)
	}
	if err := n.Start(); err != nil {
		tn.t.Fatal(err)
	}
	tn.nodes[i] = n
}

func (tn *testnet) stop(i int) {
	if tn.nodes[i] != nil {
		if err := tn.nodes[i].Close(); err != nil {
			tn.t.Errorf("close node %d: %v", i, err)
		}
		tn.nodes[i] = nil
	}
}

func (tn *testnet) stopAll() {
	for i := range tn.nodes {
		tn.stop(i)
	}
}

func height(n *Node) int64 {
	h, _ := n.Chain().Head()
	return h
}

// waitHeight waits until every running node has committed height h.
func (tn *testnet) waitHeight(h int64, within time.Duration) {
	tn.t.Helper()
	err := poll.Wait(within, func() error {
		var behind []string
		for i, n := range tn.nodes {
			if n != nil && height(n) < h {
				ch, cr, cs := n.Consensus().Status()
				behind = append(behind, fmt.Sprintf("node%d h=%d consensus %d/%d/%s peers %d", i, height(n), ch, cr, cs, len(n.ConsensusPeers())))
			}
		}
		if behind != nil {
			return errors.New(strings.Join(behind, "; "))
		}
		return nil
	})
	if err != nil {
		tn.t.Fatalf("height %d not reached in %v: %v", h, within, err)
	}
}

// submit gives tx to every running node's mempool (p2p gossip does this in
// a full node, and may be first: ErrDupTx).
func (tn *testnet) submit(tx *types.Tx) {
	tn.t.Helper()
	for i, n := range tn.nodes {
		if n != nil {
			// A node just started may still be catching up and refuse clients'
			// txs (ErrNotSync, as the reference); the others admit and gossip it,
			// and waitTx fails if none did.
			if err := n.Submit(tx); err != nil && !errors.Is(err, types.ErrDupTx) && !errors.Is(err, types.ErrNotSync) {
				tn.t.Fatalf("node %d: submit: %v", i, err)
			}
		}
	}
}

// waitTx waits until tx is committed on every running node and returns its receipt.
func (tn *testnet) waitTx(tx *types.Tx, within time.Duration) *types.ReceiptData {
	tn.t.Helper()
	var rec *types.ReceiptData
	err := poll.Wait(within, func() error {
		for i, n := range tn.nodes {
			if n == nil {
				continue
			}
			d, err := n.Chain().Tx(tx.Hash)
			if err != nil {
				return fmt.Errorf("node%d at %d: %w", i, height(n), err)
			}
			rec = d.Receipt
		}
		return nil
	})
	if err != nil {
		tn.t.Fatalf("tx 0x%x not committed in %v: %v", tx.Hash, within, err)
	}
	return rec
}

var superKey = func() *crypto.PrivKey {
	b, _ := hex.DecodeString("CC38546E9E659D15E6B4893F0AB32A06D103931A8230B0BDE71459D2B27D6944")
	k, _ := crypto.PrivKeyFromBytes(b)
	return k
}()

var nonce int64

func signTx(k *crypto.PrivKey, execer, to string, action proto.Message) *types.Tx {
	nonce++
	payload, _ := proto.Marshal(action)
	tx := &types.Transaction{Execer: []byte(execer), Payload: payload, To: to, Fee: 100000, Nonce: nonce + time.Now().UnixNano()}
	types.Sign(tx, k)
	return types.NewTx(tx)
}

func transferTx(k *crypto.PrivKey, to string, amount int64) *types.Tx {
	return signTx(k, "coins", to, &types.CoinsAction{Ty: 1, Value: &types.CoinsAction_Transfer{Transfer: &types.AssetsTransfer{Amount: amount, To: to}}})
}

func TestFourValidatorsInProcess(t *testing.T) {
	if testing.Short() {
		t.Skip("multi-node test")
	}
	tn := newTestnet(t, 4)
	defer tn.stopAll()
	for i := range 4 {
		tn.start(i)
	}
	tn.waitHeight(1, 20*time.Second)

	// Transfers in consecutive blocks (BenchmarkFourValidatorsThroughput
	// measures how fast).
	to, _ := crypto.GeneratePrivKey()
	const transfers = 10
	for range transfers {
		tx := transferTx(superKey, crypto.PubKeyToAddr(to.PubKey()), 1e8)
		tn.submit(tx)
		if r := tn.waitTx(tx, 10*time.Second); r.Ty != types.ExecOk {
			t.Fatalf("transfer receipt %v", r)
		}
	}
	acc, _ := tn.nodes[2].Chain().Balance(crypto.PubKeyToAddr(to.PubKey()))
	if acc.Balance != transfers*1e8 {
		t.Fatalf("balance %d", acc.Balance)
	}
	// Gossip: blocks committed by consensus and announced over p2p at the
	// same time never get a peer blocked, and a transaction given to one
	// node reaches every mempool.
	for i, n := range tn.nodes {
		if p := len(n.p2p.Peers()); p != 3 {
			t.Fatalf("node %d has %d gossip peers after %d blocks, want 3", i, p, height(n))
		}
	}
	one := transferTx(superKey, crypto.PubKeyToAddr(to.PubKey()), 1)
	if err := tn.nodes[1].Submit(one); err != nil {
		t.Fatal(err)
	}
	tn.waitTx(one, 10*time.Second)
	// A transaction group given to one node travels as one transaction (its
	// carrier) and commits as its members on every node.
	members := []*types.Transaction{transferTx(superKey, crypto.PubKeyToAddr(to.PubKey()), 1).Transaction,
		transferTx(superKey, crypto.PubKeyToAddr(to.PubKey()), 2).Transaction}
	if err := types.CreateTxGroup(members, 100000); err != nil {
		t.Fatal(err)
	}
	for _, m := range members {
		types.Sign(m, superKey)
	}
	if err := tn.nodes[2].Submit(types.NewTx(types.GroupCarrier(members))); err != nil {
		t.Fatal(err)
	}
	for _, m := range members {
		if r := tn.waitTx(types.NewTx(m), 10*time.Second); r.Ty != types.ExecOk {
			t.Fatalf("group member receipt %v", r)
		}
	}

	// Proposals travel compact: the validators filled them from their
	// mempools, or asked the proposer for what they lacked.
	var compact int64
	for _, n := range tn.nodes {
		st := n.consensus.Stats()
		compact += st.CompactFilled + st.CompactFetched
	}
	if compact < transfers {
		t.Fatalf("%d compact proposals completed for %d blocks with transfers", compact, transfers)
	}

	// One validator stopped: the other three (30 of 40) keep committing.
	tn.stop(3)
	h := height(tn.nodes[0])
	tn.waitHeight(h+3, 30*time.Second)
	// Restarted, it catches up and takes part again.
	tn.start(3)
	tn.waitHeight(height(tn.nodes[0])+2, 30*time.Second)

	// qbft add by transaction: the super manager authorises a qbft-manager,
	// which adds a fifth validator with power 10, then removes it.
	manager, _ := crypto.GeneratePrivKey()
	cfgTx := signTx(superKey, "manage", crypto.ExecAddress("manage"), &types.ManageAction{Ty: 0,
		Value: &types.ManageAction_Modify{Modify: &types.ModifyConfig{Key: "qbft-manager", Op: "add", Value: crypto.PubKeyToAddr(manager.PubKey())}}})
	tn.submit(cfgTx)
	if r := tn.waitTx(cfgTx, 10*time.Second); r.Ty != types.ExecOk {
		t.Fatalf("config tx receipt %v", r)
	}
	fund := transferTx(superKey, crypto.PubKeyToAddr(manager.PubKey()), 1e8)
	tn.submit(fund)
	tn.waitTx(fund, 10*time.Second)

	newKey := crypto.GenerateBLSKey()
	pv := genesis.NewPrivValidator(newKey)
	pvPath := filepath.Join(tn.dir, "priv_validator_new.json")
	if err := pv.Save(pvPath); err != nil {
		t.Fatal(err)
	}
	tn.addAddrs()
	tn.addNodeDir(4, pvPath)
	tn.start(4) // an observer until the add
	pub := strings.ToUpper(hex.EncodeToString(newKey.PubKey().Bytes()))
	add := signTx(manager, "qbftNode", crypto.ExecAddress("qbftNode"), &types.QbftNodeAction{Ty: 1,
		Value: &types.QbftNodeAction_Node{Node: &types.QbftNode{PubKey: pub, Power: 10}}})
	tn.submit(add)
	if r := tn.waitTx(add, 15*time.Second); r.Ty != types.ExecOk {
		t.Fatalf("qbft add receipt %v", r)
	}
	set, _ := tn.nodes[0].Chain().Validators()
	idx := set.Index(crypto.ValidatorAddress(newKey.PubKey().Bytes()))
	if len(set.Validators) != 5 || idx < 0 {
		t.Fatalf("validator set after add: %d validators, new at %d", len(set.Validators), idx)
	}
	// The new validator votes without a restart: its precommit appears in a certificate.
	poll.Until(t, 30*time.Second, "the added validator's precommit in a certificate", func() bool {
		tx := transferTx(superKey, crypto.PubKeyToAddr(to.PubKey()), 1)
		tn.submit(tx)
		tn.waitTx(tx, 15*time.Second)
		h := height(tn.nodes[0])
		raw, _ := tn.nodes[0].Chain().Cert(h)
		cert, err := types.DecodeCertificate(raw)
		if err != nil {
			t.Fatal(err)
		}
		set, _ := tn.nodes[0].Chain().Validators() // unchanged since the add
		b, _ := tn.nodes[0].Chain().Block(h)
		if err := types.VerifyCertificate(tn.nodes[0].Genesis().ChainID, set, types.NewBLSVerifier(), cert, h, types.BlockHash(b)); err != nil {
			t.Fatalf("certificate of %d: %v", h, err)
		}
		return cert.Signers[idx/8]&(1<<(idx%8)) != 0
	})

	// Removal with power 0: it stops voting; the set is back to four.
	rm := signTx(manager, "qbftNode", crypto.ExecAddress("qbftNode"), &types.QbftNodeAction{Ty: 1,
		Value: &types.QbftNodeAction_Node{Node: &types.QbftNode{PubKey: pub, Power: 0}}})
	tn.submit(rm)
	if r := tn.waitTx(rm, 15*time.Second); r.Ty != types.ExecOk {
		t.Fatalf("removal receipt %v", r)
	}
	if set, _ := tn.nodes[0].Chain().Validators(); len(set.Validators) != 4 {
		t.Fatalf("validators after removal: %d", len(set.Validators))
	}
	// The removed validator keeps following the chain.
	h = height(tn.nodes[0]) + 2
	tn.waitHeight(h, 20*time.Second)
	if height(tn.nodes[4]) < h {
		t.Fatalf("removed validator stopped following at %d (chain at %d)", height(tn.nodes[4]), h)
	}
}

// A node that fails to start (here: its gossip port is taken between New,
// which checks it, and Start) closes cleanly instead of hanging on services
// that never ran.
func TestStartFailureCloses(t *testing.T) {
	tn := newTestnet(t, 1)
	c := tn.cfgs[0]
	n, err := New(c, Options{Datadir: filepath.Join(c.Dir, "datadir"), Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		t.Fatal(err)
	}
	busy, err := net.Listen("tcp", tn.gossip[0])
	if err != nil {
		t.Fatal(err)
	}
	defer busy.Close()
	if err := n.Start(); err == nil {
		t.Fatal("started on a taken port")
	}
	done := make(chan error, 1)
	go func() { done <- n.Close() }()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("Close hung after a failed Start")
	}
}

// An [rpc] value the RPC server refuses stops the node with one line that
// names the file, line, key and entry.
func TestBadRPCSettingNamesLine(t *testing.T) {
	tn := newTestnet(t, 1)
	base := tn.cfgs[0]
	c, err := config.Parse([]byte("[rpc]\njrpcBindAddr=\"127.0.0.1:0\"\ngrpcBindAddr=\"127.0.0.1:0\"\nwhitelist=[\"10.0.0.1\", \"1.2.3.400\"]\n"), "chain.toml")
	if err != nil {
		t.Fatal(err)
	}
	c.Dir, c.Consensus, c.P2P, c.BlockChain = base.Dir, base.Consensus, base.P2P, base.BlockChain
	n, err := New(c, Options{Datadir: filepath.Join(c.Dir, "datadir"), Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err == nil {
		n.Close()
		t.Fatal("started with a whitelist entry that is not an IP")
	}
	want := `chain.toml:4: [rpc] whitelist: entry 1 "1.2.3.400": not an IP address or CIDR range`
	if !strings.HasPrefix(err.Error(), want) || strings.Contains(err.Error(), "\n") {
		t.Errorf("error %q, want one line starting %q", err, want)
	}
}

// A datadir whose database was created but holds no block yet (stopped
// before the genesis block was written) starts like a new one.
func TestStartOnEmptyStore(t *testing.T) {
	tn := newTestnet(t, 1)
	db, err := store.Open(filepath.Join(tn.cfgs[0].Dir, "datadir", "chain"))
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	tn.start(0)
	defer tn.stopAll()
	tn.waitHeight(1, 20*time.Second)
}
