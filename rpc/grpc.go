package rpc

import (
	"context"
	"encoding/hex"
	"errors"
	"fmt"
	"net"
	"runtime/debug"
	"strings"
	"time"

	"chain33node/crypto"
	"chain33node/txbuild"
	"chain33node/types"

	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/credentials"
	"google.golang.org/grpc/keepalive"
	"google.golang.org/grpc/metadata"
	"google.golang.org/grpc/peer"
	"google.golang.org/grpc/status"
	"google.golang.org/grpc/tap"
	"google.golang.org/protobuf/proto"
)

// The gRPC interface on grpcBindAddr: the reference's services types.chain33
// and types.qbftNode (proto/rpc.proto), answering as the JSON-RPC methods of
// the same names do (both call the same code), in the reference's message
// shapes: bytes instead of hex, GetBlocks and QueryChain results encoded in
// Reply.msg, SendTransaction's hash in Reply.msg.

// gRPC limits. MaxGRPCRecvMsgSize is the reference's: its server sets no
// MaxRecvMsgSize (chain33 rpc/server.go NewGRpcServer), so grpc-go's default
// of 4 MiB applies; the largest request is a transaction (types.MaxTxSize,
// 100 kB), and it is below any max block size (genesis block_size max_bytes).
// A reply is bounded by [rpc] maxResponseBytes.
const (
	MaxGRPCRecvMsgSize = 4 << 20
	// maxGRPCStreams is the most concurrent calls on one connection; clients
	// queue further calls on their side.
	maxGRPCStreams = 16
	// maxGRPCCalls is the most calls in progress on all connections: each
	// may hold a request of up to MaxGRPCRecvMsgSize while it is read.
	maxGRPCCalls = 64
)

// ServeGRPC serves gRPC on l (TLS when enableTLS) until Close; it returns
// nil after Close.
func (s *Server) ServeGRPC(l net.Listener) error {
	g, err := s.grpcServer()
	if err != nil {
		l.Close()
		return err
	}
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		l.Close()
		return nil
	}
	// A caller outside the whitelist is disconnected before TLS and HTTP/2
	// read anything from it.
	l = s.guard.listen(l, s.ips.allows, refuseSilently)
	s.glisteners = append(s.glisteners, l)
	s.mu.Unlock()
	if err := g.Serve(l); err != nil && !errors.Is(err, grpc.ErrServerStopped) {
		return err
	}
	return nil
}

// GRPCAddr returns the address of the first gRPC listener, nil before one
// serves.
func (s *Server) GRPCAddr() net.Addr {
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.glisteners) == 0 {
		return nil
	}
	return s.glisteners[0].Addr()
}

// grpcServer builds the gRPC server once: limits, keepalive policy (the
// reference's, and idle connections closed), access control before a
// message is read (screen), TLS, the two services.
func (s *Server) grpcServer() (*grpc.Server, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.gsrv != nil {
		return s.gsrv, nil
	}
	read := s.cfg.ReadTimeout
	if read <= 0 {
		read = DefaultReadTimeout
	}
	opts := []grpc.ServerOption{
		grpc.MaxRecvMsgSize(MaxGRPCRecvMsgSize),
		grpc.MaxSendMsgSize(s.maxResp),
		grpc.MaxConcurrentStreams(maxGRPCStreams),
		grpc.ConnectionTimeout(read),
		grpc.InTapHandle(s.screen),
		grpc.UnaryInterceptor(s.intercept),
		grpc.KeepaliveEnforcementPolicy(keepalive.EnforcementPolicy{MinTime: 10 * time.Second, PermitWithoutStream: true}),
		grpc.KeepaliveParams(keepalive.ServerParameters{MaxConnectionIdle: 2 * time.Minute}),
	}
	if s.cfg.EnableTLS {
		creds, err := credentials.NewServerTLSFromFile(s.cfg.CertFile, s.cfg.KeyFile)
		if err != nil {
			return nil, fmt.Errorf("rpc: grpc TLS (enableTLS): %w", err)
		}
		opts = append(opts, grpc.Creds(creds))
	}
	g := grpc.NewServer(opts...)
	types.RegisterChain33Server(g, &chain33Service{s: s})
	types.RegisterQbftNodeServer(g, &qbftNodeService{s: s})
	s.gsrv = g
	return g, nil
}

// stopGRPC lets running calls finish until ctx ends, then closes the
// connections.
func stopGRPC(ctx context.Context, g *grpc.Server) {
	done := make(chan struct{})
	go func() {
		g.GracefulStop()
		close(done)
	}()
	select {
	case <-done:
	case <-ctx.Done():
		g.Stop()
		<-done
	}
}

// screen admits a call when its headers arrive, before its message is
// read: the IP whitelist, the token and the function lists, the rate limit,
// and the cap on calls in progress (a slot freed when the call ends).
func (s *Server) screen(ctx context.Context, info *tap.Info) (context.Context, error) {
	if err := s.grpcAuth(ctx, info.FullMethodName, info.Header); err != nil {
		return nil, err
	}
	if p, ok := peer.FromContext(ctx); ok && !s.guard.allow(remoteIP(p.Addr.String()), 1) {
		host, _, _ := net.SplitHostPort(p.Addr.String())
		return nil, status.Errorf(codes.ResourceExhausted, "The %s Address sends more than %g requests per second ([rpc] rateLimit)!", host, s.cfg.RateLimit)
	}
	if s.calls.Add(1) > maxGRPCCalls {
		s.calls.Add(-1)
		return nil, status.Errorf(codes.ResourceExhausted, "ErrServerBusy: %d gRPC calls in progress", maxGRPCCalls)
	}
	context.AfterFunc(ctx, func() { s.calls.Add(-1) }) // the stream's context ends with the call
	return ctx, nil
}

// intercept is every call's access control again (as the JSON-RPC's; screen
// applied it before the message was read), panic recovery, and the
// conversion of errors to gRPC status errors whose message is the chain33
// error name.
func (s *Server) intercept(ctx context.Context, req any, info *grpc.UnaryServerInfo, handler grpc.UnaryHandler) (resp any, err error) {
	md, _ := metadata.FromIncomingContext(ctx)
	if err := s.grpcAuth(ctx, info.FullMethod, md); err != nil {
		return nil, err
	}
	defer func() {
		if r := recover(); r != nil {
			s.log.Error("gRPC method panic", "method", info.FullMethod, "panic", r, "stack", string(debug.Stack()))
			resp, err = nil, status.Error(codes.Internal, errInternal.Error())
		}
	}()
	resp, err = handler(ctx, req)
	if err != nil {
		s.log.Debug("gRPC call failed", "method", info.FullMethod, "err", err)
		return nil, grpcError(err)
	}
	return resp, nil
}

// grpcAuth checks a call as serveHTTP checks a request: the IP whitelist
// (loopback always allowed), the token (metadata
// "authorization: Bearer <token>") or basic auth, and the grpcFunc lists
// (non-loopback callers) and the token's level on the method name.
func (s *Server) grpcAuth(ctx context.Context, fullMethod string, md metadata.MD) error {
	p, ok := peer.FromContext(ctx)
	if !ok || p.Addr == nil {
		return status.Error(codes.PermissionDenied, "Can't get remote ip!")
	}
	host, _, _ := net.SplitHostPort(p.Addr.String())
	ip := remoteIP(p.Addr.String())
	if !ip.IsValid() || !s.ips.allows(ip) {
		return status.Errorf(codes.PermissionDenied, "The %s Address is not authorized!", host)
	}
	var authz string
	if v := md.Get("authorization"); len(v) > 0 {
		authz = v[0]
	}
	c, err := s.authorize(authz, func() bool { return true }) // basic auth is JSON-RPC's only, as the reference
	if err != nil {
		return status.Error(codes.Unauthenticated, err.Error())
	}
	c.loopback = ip.IsLoopback()
	name := fullMethod[strings.LastIndex(fullMethod, "/")+1:]
	if !c.methodAllowed(name, s.grpcFuncs) {
		return status.Errorf(codes.PermissionDenied, "The %s method is not authorized!", name)
	}
	return nil
}

// bulkSlot waits for one of bulkSlots (large replies); release frees it.
func (s *Server) bulkSlot(ctx context.Context) (release func(), err error) {
	select {
	case b := <-s.bulk:
		return func() { s.bulk <- b }, nil
	case <-ctx.Done():
		return nil, status.FromContextError(ctx.Err()).Err()
	}
}

// grpcError is err as the reference sends a handler's error: a plain error,
// which gRPC sends as codes.Unknown with the error text (the chain33 error
// name) as the message. Only our own limits use other codes: a reply over
// maxResponseBytes is ResourceExhausted, as are the rate limit and the cap
// on calls in progress (screen); access control answers PermissionDenied
// and Unauthenticated (grpcAuth); a context that ended, its status.
func grpcError(err error) error {
	if _, ok := err.(interface{ GRPCStatus() *status.Status }); ok {
		return err
	}
	if errors.Is(err, ErrResponseTooLarge) {
		return status.Error(codes.ResourceExhausted, err.Error())
	}
	return status.Error(codes.Unknown, err.Error())
}

// encode is the deterministic protobuf encoding of a reply carried in
// Reply.msg.
func encode(m proto.Message) ([]byte, error) {
	return proto.MarshalOptions{Deterministic: true}.Marshal(m)
}

// chain33Service is service types.chain33.
type chain33Service struct {
	types.UnimplementedChain33Server
	s *Server
}

// GetBlocks answers Reply{isOk, msg = BlockDetails}, as the reference.
func (g *chain33Service) GetBlocks(ctx context.Context, in *types.ReqBlocks) (*types.Reply, error) {
	start, end, err := g.s.heightRange(in.GetStart(), in.GetEnd(), maxBlocksPerCall, true)
	if err != nil {
		return nil, err
	}
	release, err := g.s.bulkSlot(ctx)
	if err != nil {
		return nil, err
	}
	defer release()
	out := &types.BlockDetails{}
	c := sizeCap{max: g.s.maxResp}
	for h := start; h <= end; h++ {
		d, err := g.s.blockDetail(h, in.GetIsDetail())
		if err != nil {
			return nil, err
		}
		if err := c.add(d); err != nil {
			return nil, err
		}
		out.Items = append(out.Items, d)
	}
	msg, err := encode(out)
	if err != nil {
		return nil, err
	}
	return &types.Reply{IsOk: true, Msg: msg}, nil
}

func (g *chain33Service) GetLastHeader(context.Context, *types.ReqNil) (*types.Header, error) {
	return g.s.lastHeader()
}

func (g *chain33Service) GetHeaders(ctx context.Context, in *types.ReqBlocks) (*types.Headers, error) {
	start, end, err := g.s.heightRange(in.GetStart(), in.GetEnd(), maxHeadersPerCall, false)
	if err != nil {
		return nil, err
	}
	release, err := g.s.bulkSlot(ctx)
	if err != nil {
		return nil, err
	}
	defer release()
	out := &types.Headers{}
	c := sizeCap{max: g.s.maxResp}
	for h := start; h <= end; h++ {
		hdr, err := g.s.b.Header(h)
		if err != nil {
			return nil, err
		}
		if err := c.add(hdr); err != nil {
			return nil, err
		}
		out.Items = append(out.Items, hdr)
	}
	return out, nil
}

func (g *chain33Service) GetBlockHash(_ context.Context, in *types.ReqInt) (*types.ReplyHash, error) {
	h, err := g.s.blockHash(in.GetHeight())
	if err != nil {
		return nil, err
	}
	return &types.ReplyHash{Hash: h}, nil
}

func (g *chain33Service) QueryTransaction(_ context.Context, in *types.ReqHash) (*types.TransactionDetail, error) {
	d, err := g.s.b.Tx(in.GetHash())
	if err != nil {
		return nil, err
	}
	return g.s.txDetailPB(d), nil
}

// GetTransactionByHashes answers in request order; an unknown hash gets an
// empty detail.
func (g *chain33Service) GetTransactionByHashes(ctx context.Context, in *types.ReqHashes) (*types.TransactionDetails, error) {
	if len(in.GetHashes()) > maxHashesPerCall {
		return nil, ErrMaxCountPerTime
	}
	release, err := g.s.bulkSlot(ctx)
	if err != nil {
		return nil, err
	}
	defer release()
	out := &types.TransactionDetails{}
	c := sizeCap{max: g.s.maxResp}
	for _, h := range in.GetHashes() {
		d, err := g.s.b.Tx(h)
		td := &types.TransactionDetail{}
		switch {
		case errors.Is(err, types.ErrTxNotExist):
		case err != nil:
			return nil, err
		default:
			td = g.s.txDetailPB(d)
		}
		if err := c.add(td); err != nil {
			return nil, err
		}
		out.Txs = append(out.Txs, td)
	}
	return out, nil
}

func (g *chain33Service) GetHexTxByHash(_ context.Context, in *types.ReqHash) (*types.HexTx, error) {
	tx, err := g.s.hexTx(in.GetHash())
	if err != nil {
		return nil, err
	}
	return &types.HexTx{Tx: tx}, nil
}

func (g *chain33Service) GetMemPool(ctx context.Context, _ *types.ReqGetMempool) (*types.ReplyTxList, error) {
	release, err := g.s.bulkSlot(ctx)
	if err != nil {
		return nil, err
	}
	defer release()
	out := &types.ReplyTxList{}
	c := sizeCap{max: g.s.maxResp}
	for _, t := range g.s.b.MempoolTxs() {
		if err := c.add(t.Transaction); err != nil {
			return nil, err
		}
		out.Txs = append(out.Txs, t.Transaction)
	}
	return out, nil
}

func (g *chain33Service) GetLastMemPool(context.Context, *types.ReqNil) (*types.ReplyTxList, error) {
	return txList(g.s.lastMempoolTxs()), nil
}

func (g *chain33Service) GetProperFee(context.Context, *types.ReqProperFee) (*types.ReplyProperFee, error) {
	return &types.ReplyProperFee{ProperFee: g.s.properFeeRate()}, nil
}

// CreateRawTransaction answers the unsigned tx's encoding (not hex).
func (g *chain33Service) CreateRawTransaction(_ context.Context, in *types.CreateTx) (*types.UnsignTx, error) {
	t, err := txbuild.CoinsTx(txbuild.Coins{To: in.GetTo(), Amount: in.GetAmount(), Fee: in.GetFee(), Note: string(in.GetNote()),
		IsWithdraw: in.GetIsWithdraw(), IsToken: in.GetIsToken(), TokenSymbol: in.GetTokenSymbol(),
		ExecName: in.GetExecName(), Execer: in.GetExecer()}, g.s.txChain())
	if err != nil {
		return nil, err
	}
	return &types.UnsignTx{Data: types.AppendTx(nil, t, true, true)}, nil
}

// CreateTransaction takes the action's message protobuf-encoded in payload
// (ModifyConfig, QbftNode, AssetsTransfer) and answers the unsigned tx's
// encoding.
func (g *chain33Service) CreateTransaction(_ context.Context, in *types.CreateTxIn) (*types.UnsignTx, error) {
	t, err := txbuild.ActionTx(string(in.GetExecer()), in.GetActionName(), func(m proto.Message) error {
		return proto.Unmarshal(in.GetPayload(), m)
	}, g.s.txChain())
	if err != nil {
		return nil, err
	}
	return &types.UnsignTx{Data: types.AppendTx(nil, t, true, true)}, nil
}

func (g *chain33Service) SignRawTx(_ context.Context, in *types.ReqSignRawTx) (*types.ReplySignRawTx, error) {
	signed, err := g.s.signRaw(&ReqSignRawTx{Addr: in.GetAddr(), Privkey: in.GetPrivkey(), TxHex: in.GetTxHex(),
		Expire: in.GetExpire(), Index: in.GetIndex(), Token: in.GetToken(), Fee: in.GetFee(),
		NewToAddr: in.GetNewToAddr(), AddressID: in.GetAddressID()})
	if err != nil {
		return nil, err
	}
	return &types.ReplySignRawTx{TxHex: hex.EncodeToString(signed)}, nil
}

// SendTransaction admits a signed tx; Reply.msg is its hash. The tx is
// checked as one sent in hex to the JSON-RPC (unknown fields refused).
func (g *chain33Service) SendTransaction(_ context.Context, in *types.Transaction) (*types.Reply, error) {
	tx, err := types.TxFromMessage(in)
	if err != nil {
		return nil, protoError(err)
	}
	if err := g.s.b.Submit(tx); err != nil {
		return nil, err
	}
	return &types.Reply{IsOk: true, Msg: tx.Hash}, nil
}

func (g *chain33Service) GetBalance(_ context.Context, in *types.ReqBalance) (*types.Accounts, error) {
	accs, err := g.s.accounts(in.GetAddresses(), in.GetExecer(), in.GetStateHash(), in.GetAssetExec(), in.GetAssetSymbol())
	if err != nil {
		return nil, err
	}
	out := &types.Accounts{}
	for _, a := range accs {
		out.Acc = append(out.Acc, accountPB(a))
	}
	return out, nil
}

func (g *chain33Service) GetAllExecBalance(_ context.Context, in *types.ReqAllExecBalance) (*types.AllExecBalance, error) {
	b, err := g.s.allExecBalance(&ReqAllExecBalance{Addr: in.GetAddr(), Execer: in.GetExecer(), StateHash: in.GetStateHash(),
		AssetExec: in.GetAssetExec(), AssetSymbol: in.GetAssetSymbol()})
	if err != nil {
		return nil, err
	}
	out := &types.AllExecBalance{Addr: b.Addr}
	for _, e := range b.ExecAccount {
		out.ExecAccount = append(out.ExecAccount, &types.ExecAccount{Execer: e.Execer, Account: accountPB(e.Account)})
	}
	return out, nil
}

// QueryChain runs an executor query (Chain33.Query) with the request
// protobuf-encoded in param; Reply.msg is the encoded result.
func (g *chain33Service) QueryChain(_ context.Context, in *types.ChainExecutor) (*types.Reply, error) {
	res, err := g.s.queryExec(in.GetDriver(), in.GetFuncName(), func(m proto.Message) error {
		return proto.Unmarshal(in.GetParam(), m)
	})
	if err != nil {
		return nil, err
	}
	msg, err := encode(res)
	if err != nil {
		return nil, err
	}
	return &types.Reply{IsOk: true, Msg: msg}, nil
}

func (g *chain33Service) GetChainConfig(context.Context, *types.ReqNil) (*types.ChainConfigInfo, error) {
	c := g.s.chainConfig()
	return &types.ChainConfigInfo{Title: c.Title, CoinExec: c.CoinExec, CoinSymbol: c.CoinSymbol, CoinPrecision: c.CoinPrecision,
		TokenPrecision: c.TokenPrecision, ChainID: c.ChainID, MaxTxFee: c.MaxTxFee, MinTxFeeRate: c.MinTxFeeRate,
		MaxTxFeeRate: c.MaxTxFeeRate, IsPara: c.IsPara, DefaultAddressID: c.DefaultAddressID}, nil
}

func (g *chain33Service) ConvertExectoAddr(_ context.Context, in *types.ReqString) (*types.ReplyString, error) {
	return &types.ReplyString{Data: crypto.ExecAddress(in.GetData())}, nil
}

func (g *chain33Service) GetCoinSymbol(context.Context, *types.ReqNil) (*types.ReplyString, error) {
	return &types.ReplyString{Data: g.s.cfg.CoinSymbol}, nil
}

// Version carries the chain ID too (the reference's VersionInfo field 5).
func (g *chain33Service) Version(context.Context, *types.ReqNil) (*types.VersionInfo, error) {
	v := g.s.versionInfo()
	return &types.VersionInfo{Title: v.Title, App: v.App, Chain33: v.Chain33, LocalDb: v.LocalDb, ChainID: g.s.cfg.ChainID}, nil
}

func (g *chain33Service) IsSync(context.Context, *types.ReqNil) (*types.Reply, error) {
	return &types.Reply{IsOk: g.s.b.IsSync()}, nil
}

func (g *chain33Service) IsNtpClockSync(context.Context, *types.ReqNil) (*types.Reply, error) {
	return &types.Reply{IsOk: g.s.ntpClockSynced()}, nil
}

func (g *chain33Service) GetFatalFailure(context.Context, *types.ReqNil) (*types.Int32, error) {
	return &types.Int32{Data: g.s.fatalFailure()}, nil
}

func (g *chain33Service) GetPeerInfo(context.Context, *types.P2PGetPeerReq) (*types.PeerList, error) {
	out := &types.PeerList{}
	for _, p := range g.s.b.Peers() {
		out.Peers = append(out.Peers, peerPB(p))
	}
	return out, nil
}

func (g *chain33Service) NetInfo(context.Context, *types.P2PGetNetInfoReq) (*types.NodeNetInfo, error) {
	n := g.s.b.NetInfo()
	return &types.NodeNetInfo{Externaladdr: n.External, Localaddr: n.Local, Service: n.Service,
		Outbounds: int32(n.Outbounds), Inbounds: int32(n.Inbounds)}, nil
}

// qbftNodeService is service types.qbftNode.
type qbftNodeService struct {
	types.UnimplementedQbftNodeServer
	s *Server
}

func (q *qbftNodeService) IsSync(context.Context, *types.ReqNil) (*types.QbftIsHealthy, error) {
	return &types.QbftIsHealthy{IsHealthy: q.s.consensusHealthy()}, nil
}

func (q *qbftNodeService) GetNodeInfo(context.Context, *types.ReqNil) (*types.QbftNodeInfoSet, error) {
	return q.s.consensusNodes(), nil
}

// txDetailPB is the reference's TransactionDetail of a committed tx. Amount,
// action name and assets are the JSON-RPC's; fromaddr is the signer and the
// tx is as signed (the JSON-RPC's swap of from and to for a coins withdraw
// is its rendering, not the stored detail's).
func (s *Server) txDetailPB(d *types.TxDetail) *types.TransactionDetail {
	j := s.txDetailJSON(d)
	out := &types.TransactionDetail{
		Tx:         d.Tx.Transaction,
		Receipt:    d.Receipt,
		Height:     d.Height,
		Index:      int64(d.Index),
		Blocktime:  d.BlockTime,
		Amount:     j.Amount,
		Fromaddr:   d.Tx.From(),
		ActionName: j.ActionName,
		TxProofs:   []*types.TxProof{{Proofs: d.Proofs, Index: uint32(d.Index)}},
		FullHash:   d.Tx.FullHash,
	}
	for _, a := range j.Assets {
		out.Assets = append(out.Assets, &types.Asset{Exec: a.Exec, Symbol: a.Symbol, Amount: a.Amount})
	}
	return out
}

func txList(txs []*types.Tx) *types.ReplyTxList {
	out := &types.ReplyTxList{}
	for _, t := range txs {
		out.Txs = append(out.Txs, t.Transaction)
	}
	return out
}

func accountPB(a *types.AccountJSON) *types.Account {
	if a == nil {
		return nil
	}
	return &types.Account{Currency: a.Currency, Balance: a.Balance, Frozen: a.Frozen, Addr: a.Addr}
}

// peerPB is a peer as GetPeerInfo's JSON shows it (peersJSON).
func peerPB(p *Peer) *types.Peer {
	out := &types.Peer{Addr: p.Addr, Port: p.Port, Name: p.Name, Self: p.Self, MempoolSize: int32(p.MempoolSize),
		Finalized: &types.SnowChoice{}}
	if h := p.Header; h != nil {
		out.Header = &types.Header{Version: h.Version, ParentHash: h.ParentHash, TxHash: h.TxHash,
			StateHash: h.StateHash, Height: h.Height, BlockTime: h.BlockTime, TxCount: h.TxCount, Hash: h.Hash}
	}
	return out
}
