package p2p

import (
	"encoding/hex"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"chain33node/chain"
	"chain33node/crypto"
	"chain33node/executor"
	"chain33node/genesis"
	"chain33node/logtest"
	"chain33node/mempool"
	"chain33node/poll"
	"chain33node/store"
	"chain33node/types"

	"google.golang.org/protobuf/proto"
)

const (
	coin       = 1e8
	difficulty = 0x1f00ffff
	feeRate    = 100000
)

var superKey = func() *crypto.PrivKey {
	b, _ := hex.DecodeString("CC38546E9E659D15E6B4893F0AB32A06D103931A8230B0BDE71459D2B27D6944")
	k, _ := crypto.PrivKeyFromBytes(b)
	return k
}()

func addr(k *crypto.PrivKey) string { return crypto.PubKeyToAddr(k.PubKey()) }

// testNet is one chain: its genesis and its single BLS validator, which certifies every block.
type testNet struct {
	chainID string
	params  chain.Params
	bls     *crypto.BLSPrivKey
}

func newTestNet(t testing.TB) *testNet {
	t.Helper()
	gen, err := genesis.Block(genesis.BlockParams{Addr: addr(superKey), Amount: 1e8, CoinPrecision: coin,
		BlockTime: 1514533394, Difficulty: difficulty})
	if err != nil {
		t.Fatal(err)
	}
	k := crypto.GenerateBLSKey()
	const chainID = "chain33-p2p-test"
	return &testNet{
		chainID: chainID,
		bls:     k,
		params: chain.Params{Genesis: gen, Difficulty: difficulty, MaxTxNumber: 10000,
			Validators: []*types.QbftNode{{PubKey: hex.EncodeToString(k.PubKey().Bytes()), Power: 10}},
			Rules:      types.Rules{MinTxFeeRate: feeRate, MaxTxFee: 1e9}, CertChainID: chainID},
	}
}

// testNode is a real chain (LevelDB), a real mempool, and optionally a Host: the Chain of p2p is
// chain.Chain's ApplyCertified with the node's commit listeners, as the node wires it.
type testNode struct {
	t    testing.TB
	net  *testNet
	db   *store.DB
	c    *chain.Chain
	pool *mempool.Pool
	host *Host
	logs *logtest.Buffer
	// admits, when made before start, receives what the mempool admits (after the broadcast).
	admits chan []*types.Tx

	served    atomic.Int64 // blocks read by Block (served to peers)
	applied   atomic.Int64
	unsynced  atomic.Int64 // of applied: written without sync
	corrupt   atomic.Bool  // Block returns blocks with a broken certificate
	applyErr  atomic.Int64
	applyTime atomic.Int64         // total time in ApplyBlock, ns
	onApply   func(b *types.Block) // if set before start, called by ApplyBlock first
	claim     atomic.Int64         // if > 0, the height Head reports: a peer that claims a chain it lacks
}

func newTestNode(t testing.TB, n *testNet) *testNode {
	t.Helper()
	return newTestNodeAt(t, n, filepath.Join(t.TempDir(), "chain"))
}

// newTestNodeAt is newTestNode with its store in dir.
func newTestNodeAt(t testing.TB, n *testNet, dir string) *testNode {
	t.Helper()
	db, err := store.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	c, err := chain.Open(db, executor.New(executor.Params{}), n.params)
	if err != nil {
		db.Close()
		t.Fatal(err)
	}
	pool := mempool.New(mempool.Config{MinTxFeeRate: feeRate, MaxTxFee: 1e9, MaxTxNumPerAccount: 10000}, c)
	pool.SetSynced(true)
	tn := &testNode{t: t, net: n, db: db, c: c, pool: pool, logs: &logtest.Buffer{}}
	c.OnCommit(func(x *chain.Executed, cert []byte) {
		pool.Update(x.Block.Height, x.Block.BlockTime, x.Txs)
		if tn.host != nil {
			tn.host.AnnounceBlock(x.Block, x.Txs, cert)
		}
	})
	t.Cleanup(func() {
		if tn.host != nil {
			tn.host.Close()
		}
		_ = c.Written() // as a stopping node does: the index entries written behind sync (a test's disk fault may fail it)
		db.Close()
	})
	return tn
}

func (n *testNode) Head() (int64, []byte) {
	h := n.c.HeadInfo()
	if c := n.claim.Load(); c > 0 {
		return c, h.Hash
	}
	return h.Height, h.Hash
}

func (n *testNode) Header(height int64) (*types.Header, error) { return n.c.Header(height) }

func (n *testNode) Block(height int64) (*types.Block, []byte, error) {
	b, err := n.c.Block(height)
	if err != nil {
		return nil, nil, err
	}
	cert, err := n.c.Cert(height)
	if err != nil {
		return nil, nil, err
	}
	n.served.Add(1)
	if n.corrupt.Load() {
		c, err := types.DecodeCertificate(cert)
		if err == nil && len(c.AggSig) > 0 {
			c.AggSig = n.net.bls.Sign([]byte("something else"))
			cert = types.EncodeCertificate(c)
		}
	}
	return b, cert, nil
}

func (n *testNode) ApplyBlock(b *types.Block, cert []byte, signed, synced bool) error {
	if n.onApply != nil {
		n.onApply(b)
	}
	start := time.Now()
	verified := n.pool.Verified
	if signed {
		verified = func(*types.Tx) bool { return true }
	}
	apply := n.c.ApplyCertified
	if !synced {
		apply = n.c.ApplyCertifiedUnsynced
	}
	err := apply(b, cert, verified)
	n.applyTime.Add(int64(time.Since(start)))
	switch {
	case err != nil:
		n.applyErr.Add(1)
	case !synced:
		n.unsynced.Add(1)
		fallthrough
	default:
		n.applied.Add(1)
	}
	return err
}

func (n *testNode) Flush() error { return n.c.Flush() }

func (n *testNode) Preverify(blocks []*types.Block, certs [][]byte) []bool {
	return n.c.Preverify(blocks, certs)
}

func (n *testNode) CheckCertificate(b *types.Block, cert []byte) error {
	return n.c.CheckCertificate(b, cert)
}

// certify returns the commit certificate of the net's validator for a block.
func (tn *testNet) certify(height int64, hash []byte) []byte {
	sig := tn.bls.Sign(types.VoteSignBytes(tn.chainID, height, 0, types.Precommit, hash))
	vals := &types.ValidatorSet{Validators: []*types.Validator{{PubKey: tn.bls.PubKey().Bytes(), Power: 1}}}
	c, err := types.NewCertificate(types.NewBLSVerifier(), vals, tn.chainID, height, 0, hash, []byte{1}, [][]byte{sig})
	if err != nil {
		panic(err)
	}
	return types.EncodeCertificate(c)
}

// produce builds, certifies and commits the next block with txs (the mempool's if txs is nil).
func (n *testNode) produce(txs []*types.Tx) (*types.Block, []byte) {
	n.t.Helper()
	if txs == nil {
		txs = n.pool.Pending(10000, 32<<20, nil)
	}
	_, bt := n.c.Head()
	x, err := n.c.Build(txs, max(bt, time.Now().Unix()-3600))
	if err != nil {
		n.t.Fatal(err)
	}
	cert := n.net.certify(x.Block.Height, x.Hash)
	if err := n.c.ApplyCertified(x.Block, cert, nil); err != nil {
		n.t.Fatal(err)
	}
	return x.Block, cert
}

// copyChain applies src's blocks from our head+1 to its head.
func (n *testNode) copyChain(src *testNode) {
	n.t.Helper()
	h, _ := n.Head()
	top, _ := src.Head()
	for height := h + 1; height <= top; height++ {
		b, cert, err := src.Block(height)
		if err != nil {
			n.t.Fatal(err)
		}
		if err := n.ApplyBlock(b, cert, false, true); err != nil {
			n.t.Fatal(err)
		}
	}
}

var nonceSeq atomic.Int64

// transfers returns n signed coin transfers from the super account.
func transfers(n int) []*types.Tx {
	to, _ := crypto.GeneratePrivKey()
	out := make([]*types.Tx, n)
	for i := range out {
		payload, _ := proto.Marshal(&types.CoinsAction{Ty: 1, Value: &types.CoinsAction_Transfer{
			Transfer: &types.AssetsTransfer{Amount: 1, To: addr(to)}}})
		tx := &types.Transaction{Execer: []byte("coins"), To: addr(to), Fee: feeRate,
			Nonce: rand.Int64() + nonceSeq.Add(1), Payload: payload}
		types.Sign(tx, superKey)
		out[i] = types.NewTx(tx)
	}
	return out
}

// hostConfig is a Config for n on listen, logging to n.logs (and to stderr with -v when P2P_TEST_LOG is set).
func (n *testNode) hostConfig(listen string, seeds ...string) Config {
	var w io.Writer = n.logs
	if os.Getenv("P2P_TEST_LOG") != "" {
		w = io.MultiWriter(n.logs, os.Stderr)
	}
	return Config{
		ListenAddr:  listen,
		Seeds:       seeds,
		GenesisHash: n.c.GenesisHash(),
		KeyFile:     filepath.Join(n.t.TempDir(), "p2p.key"),
		Logger:      slog.New(slog.NewTextHandler(w, &slog.HandlerOptions{Level: slog.LevelDebug})).With("node", listen),
	}
}

// start runs a Host for n with cfg; the mempool's admissions are broadcast as the node wires it.
func (n *testNode) start(cfg Config) *testNode {
	n.t.Helper()
	h, err := New(cfg, n, n.pool)
	if err != nil {
		n.t.Fatal(err)
	}
	n.pool.OnAdmit = h.BroadcastTxs
	if n.admits != nil {
		n.pool.OnAdmit = func(txs []*types.Tx) { h.BroadcastTxs(txs); n.admits <- txs }
	}
	n.host = h // before Start: the commit listener reads it from sync's goroutine
	if err := h.Start(); err != nil {
		n.t.Fatal(err)
	}
	return n
}

// addr is the host's listen address.
func (n *testNode) addr() string { return n.host.Addr() }

// logLines counts the lines of n's log that contain every one of subs.
func logLines(n *testNode, subs ...string) int {
	c := 0
	for _, l := range n.logs.Lines() {
		if !slices.ContainsFunc(subs, func(s string) bool { return !strings.Contains(l, s) }) {
			c++
		}
	}
	return c
}

// refused is how many connections n's gater has refused.
func refused(n *testNode) int {
	n.host.mu.Lock()
	defer n.host.mu.Unlock()
	return n.host.refused
}

// peerIDs returns the IDs in n's peer list.
func peerIDs(n *testNode) map[string]PeerStatus {
	out := map[string]PeerStatus{}
	for _, p := range n.host.Peers() {
		out[p.ID] = p
	}
	return out
}

// connectedTo reports whether every node lists exactly the others.
func meshOf(nodes ...*testNode) func() bool {
	return func() bool {
		for _, a := range nodes {
			ps := peerIDs(a)
			if len(ps) != len(nodes)-1 {
				return false
			}
			for _, b := range nodes {
				if _, ok := ps[b.host.ID()]; !ok && a != b {
					return false
				}
			}
		}
		return true
	}
}

// gossipReady reports whether every node sees the others subscribed to both topics.
func gossipReady(nodes ...*testNode) func() bool {
	return func() bool {
		for _, a := range nodes {
			for _, topic := range []string{a.host.protos.txTopic, a.host.protos.blockTopic} {
				if len(a.host.ps.ListPeers(topic)) < len(nodes)-1 {
					return false
				}
			}
		}
		return true
	}
}

// checkGoroutines fails the test if goroutines started during it outlive it and its cleanups.
func checkGoroutines(t *testing.T) {
	before := runtime.NumGoroutine()
	t.Cleanup(func() {
		err := poll.Wait(10*time.Second, func() error {
			if n := runtime.NumGoroutine(); n > before+2 { // libp2p keeps a couple of process-wide workers
				buf := make([]byte, 1<<20)
				return fmt.Errorf("goroutine leak: %d before, %d after\n%s", before, n, buf[:runtime.Stack(buf, true)])
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	})
}
