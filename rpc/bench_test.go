package rpc_test

import (
	"bytes"
	"context"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"chain33node/config"
	"chain33node/crypto"
	"chain33node/genesis"
	"chain33node/node"
	"chain33node/rpc"
	"chain33node/types"

	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/protobuf/proto"
)

// The ingestion benchmarks: a transaction sent over JSON-RPC (one, or 100 in
// a SendTransactions batch) or gRPC to a real node, through the real server
// and mempool (decode, checks, one signature verification, LevelDB duplicate
// and balance checks). The node runs no consensus, so nothing commits and the
// pool only grows; its caps and the admission horizon are out of the way.

var bench struct {
	once sync.Once
	srv  *rpc.Server
	url  string
	gRPC string
	err  error
}

func benchServer(b *testing.B) *rpc.Server {
	b.Helper()
	bench.once.Do(func() { bench.err = startBenchNode() })
	if bench.err != nil {
		b.Fatal(bench.err)
	}
	return bench.srv
}

func startBenchNode() error {
	dir, err := os.MkdirTemp("", "rpc-bench-")
	if err != nil {
		return err
	}
	if _, err := genesis.GenFile(dir, 1, "bls"); err != nil {
		return err
	}
	if err := os.Rename(filepath.Join(dir, "genesis_file.json"), filepath.Join(dir, "genesis.json")); err != nil {
		return err
	}
	c := config.Default()
	c.Dir = dir
	c.Consensus.MinerStart = false
	q := &c.Consensus.Sub.QBFT
	q.BindAddr, q.Port, q.ValidatorNodes = "127.0.0.1", 0, nil
	c.RPC.JrpcBindAddr, c.RPC.GrpcBindAddr = "127.0.0.1:0", "127.0.0.1:0"
	c.P2P.Sub.Gossip.BindAddr, c.P2P.Sub.Gossip.Port, c.P2P.Sub.Gossip.Seeds = "127.0.0.1", 0, nil
	c.BlockChain.SingleMode = true
	m := &c.Mempool
	m.PoolCacheSize, m.MaxTxNumPerAccount, m.AdmitHorizon, m.ForceAccept = 1<<22, 1<<22, 0, true
	quiet := slog.New(slog.NewTextHandler(io.Discard, nil))
	n, err := node.New(c, node.Options{Datadir: filepath.Join(dir, "datadir"), Logger: quiet})
	if err != nil {
		return err
	}
	if err := n.Start(); err != nil {
		return err
	}
	if bench.srv, err = rpc.NewServer(node.RPCSettings(c, n.Genesis()), n.RPCBackend(), quiet); err != nil {
		return err
	}
	bench.url = httptest.NewServer(bench.srv.Handler()).URL
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	go bench.srv.ServeGRPC(l)
	bench.gRPC = l.Addr().String()
	return nil
}

// benchTxs signs transfers from superKey, more as the benchmark asks for
// them (outside the timer).
type benchTxs struct {
	b    *testing.B
	to   string
	raws [][]byte
	next int
}

func newBenchTxs(b *testing.B) *benchTxs {
	k, err := crypto.GeneratePrivKey()
	if err != nil {
		b.Fatal(err)
	}
	return &benchTxs{b: b, to: crypto.PubKeyToAddr(k.PubKey())}
}

func (s *benchTxs) take() []byte {
	if s.next == len(s.raws) {
		s.b.StopTimer()
		for range 2000 {
			raw, _ := signTx(&rawTx{execer: "coins", payload: transferPayload(s.to, 1), fee: 100000, nonce: rand.Int64(), to: s.to}, superKey)
			s.raws = append(s.raws, raw)
		}
		s.b.StartTimer()
	}
	s.next++
	return s.raws[s.next-1]
}

// BenchmarkSendTransactionHTTP is one Chain33.SendTransaction over HTTP
// keep-alive, from a Go client that accepts gzip (the default) and from one
// that does not.
func BenchmarkSendTransactionHTTP(b *testing.B) {
	benchServer(b)
	for _, gz := range []bool{true, false} {
		b.Run(map[bool]string{true: "gzip", false: "plain"}[gz], func(b *testing.B) {
			txs := newBenchTxs(b)
			client := &http.Client{Transport: &http.Transport{DisableCompression: !gz}}
			defer client.CloseIdleConnections()
			b.ReportAllocs()
			for b.Loop() {
				body := `{"jsonrpc":"2.0","id":1,"method":"Chain33.SendTransaction","params":[{"data":"` + hex.EncodeToString(txs.take()) + `"}]}`
				resp, err := client.Post(bench.url, "application/json", strings.NewReader(body))
				if err != nil {
					b.Fatal(err)
				}
				out, _ := io.ReadAll(resp.Body)
				resp.Body.Close()
				if !bytes.Contains(out, []byte(`"error":null`)) {
					b.Fatalf("answer %s", out)
				}
			}
		})
	}
}

// BenchmarkSendTransactionHandler is the server's handler alone for one
// Chain33.SendTransaction (no TCP, no client): what the node spends per
// request. The request accepts gzip, as Go's client does.
func BenchmarkSendTransactionHandler(b *testing.B) {
	h := benchServer(b).Handler()
	txs := newBenchTxs(b)
	b.ReportAllocs()
	for b.Loop() {
		body := `{"jsonrpc":"2.0","id":1,"method":"Chain33.SendTransaction","params":[{"data":"` + hex.EncodeToString(txs.take()) + `"}]}`
		r := httptest.NewRequest("POST", "/", strings.NewReader(body))
		r.RemoteAddr = "127.0.0.1:40000"
		r.Header.Set("Accept-Encoding", "gzip")
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		if w.Code != 200 || w.Body.Len() == 0 {
			b.Fatalf("answer %d %q", w.Code, w.Body.String())
		}
	}
}

// BenchmarkSendTransactions100 is Chain33.SendTransactions with 100
// transactions per request; ns/tx is the cost of one.
func BenchmarkSendTransactions100(b *testing.B) {
	benchServer(b)
	txs := newBenchTxs(b)
	client := &http.Client{}
	defer client.CloseIdleConnections()
	b.ReportAllocs()
	n := 0
	for b.Loop() {
		var sb strings.Builder
		sb.WriteString(`{"jsonrpc":"2.0","id":1,"method":"Chain33.SendTransactions","params":[{"datas":[`)
		for i := range 100 {
			if i > 0 {
				sb.WriteByte(',')
			}
			fmt.Fprintf(&sb, "%q", hex.EncodeToString(txs.take()))
		}
		sb.WriteString(`]}]}`)
		resp, err := client.Post(bench.url, "application/json", strings.NewReader(sb.String()))
		if err != nil {
			b.Fatal(err)
		}
		out, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if bytes.Count(out, []byte(`"0x`)) != 100 {
			b.Fatalf("answer %s", out)
		}
		n += 100
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(n), "ns/tx")
}

// BenchmarkGRPCSendTransaction is one gRPC SendTransaction.
func BenchmarkGRPCSendTransaction(b *testing.B) {
	benchServer(b)
	conn, err := dial(bench.gRPC, insecure.NewCredentials())
	if err != nil {
		b.Fatal(err)
	}
	defer conn.Close()
	client := types.NewChain33Client(conn)
	txs := newBenchTxs(b)
	b.ReportAllocs()
	for b.Loop() {
		b.StopTimer()
		tx := new(types.Transaction)
		if err := proto.Unmarshal(txs.take(), tx); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		if r, err := client.SendTransaction(context.Background(), tx); err != nil || !r.IsOk {
			b.Fatalf("%v %v", r, err)
		}
	}
}

// BenchmarkGetBlocks is one Chain33.GetBlocks over HTTP keep-alive for the
// blocks holding 2,000 transfers, from the package's test node (which
// commits them first, outside the timer), without receipts (as a watcher
// asks) and with them (isDetail, as an explorer asks); ns/tx is the cost of
// one transaction's JSON (and its receipt's).
func BenchmarkGetBlocks(b *testing.B) {
	const n = 2000
	from, to := blocksOfTransfers(b, n)
	for _, detail := range []bool{false, true} {
		b.Run(fmt.Sprintf("isDetail=%v", detail), func(b *testing.B) {
			body := fmt.Sprintf(`{"jsonrpc":"2.0","id":1,"method":"Chain33.GetBlocks","params":[{"start":%d,"end":%d,"isDetail":%v}]}`, from, to, detail)
			client := &http.Client{Transport: &http.Transport{DisableCompression: true}}
			defer client.CloseIdleConnections()
			b.ReportAllocs()
			for b.Loop() {
				_, out := postWith(b, client, "", body)
				if got := bytes.Count(out, []byte(`"execer":`)); got < n {
					b.Fatalf("%d transactions in the answer, want %d or more: %.300s", got, n, out)
				}
				if got := bytes.Count(out, []byte(`"tyName":"LogFee"`)); detail && got < n {
					b.Fatalf("%d fees in the receipts, want %d or more: %.300s", got, n, out)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/tx")
		})
	}
}

// blocksOfTransfers sends n transfers from superKey to the test node in
// SendTransactions batches, waits for them to commit and returns the heights
// holding them.
func blocksOfTransfers(b *testing.B, n int) (from, to int64) {
	b.Helper()
	_, dst := newAddr(b)
	var first, last string
	for sent := 0; sent < n; sent += 100 {
		datas := make([]string, 100)
		for i := range datas {
			datas[i], last = signedTransfer(dst, 1)
			if first == "" {
				first = last
			}
		}
		var hashes []string
		if err := json.Unmarshal(mustCall(b, "Chain33.SendTransactions", map[string]any{"datas": datas}), &hashes); err != nil {
			b.Fatal(err)
		}
		for _, h := range hashes {
			if !strings.HasPrefix(h, "0x") {
				b.Fatalf("SendTransactions refused one: %q", h)
			}
		}
	}
	height := func(hash string) int64 {
		var d struct{ Height int64 }
		if err := json.Unmarshal(waitTx(b, hash), &d); err != nil {
			b.Fatal(err)
		}
		return d.Height
	}
	return height(first), height(last)
}

// BenchmarkQueryTransaction is one Chain33.QueryTransaction of a committed
// transfer over HTTP keep-alive, as a client confirming its transactions
// asks for each.
func BenchmarkQueryTransaction(b *testing.B) {
	_, dst := newAddr(b)
	data, hash := signedTransfer(dst, 1)
	mustCall(b, "Chain33.SendTransaction", map[string]any{"data": data})
	waitTx(b, hash)
	body := `{"jsonrpc":"2.0","id":1,"method":"Chain33.QueryTransaction","params":[{"hash":"` + hash + `"}]}`
	client := &http.Client{Transport: &http.Transport{DisableCompression: true}}
	defer client.CloseIdleConnections()
	b.ReportAllocs()
	for b.Loop() {
		if _, out := postWith(b, client, "", body); !bytes.Contains(out, []byte(`"tyName":"LogFee"`)) {
			b.Fatalf("answer %.300s", out)
		}
	}
}
