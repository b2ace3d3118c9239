package node

import (
	"context"
	"errors"
	"fmt"
	"net"
	"time"

	"chain33node/config"
	"chain33node/genesis"
	"chain33node/p2p"
	"chain33node/rpc"
	"chain33node/types"
)

// RPCSettings are the values of c and g the RPC server uses.
func RPCSettings(c *config.Config, g *genesis.Doc) rpc.Settings {
	r := c.RPC
	cp := g.Params()
	return rpc.Settings{
		JrpcBindAddr:      r.JrpcBindAddr,
		GrpcBindAddr:      r.GrpcBindAddr,
		Whitelist:         append(append([]string(nil), r.Whitelist...), r.Whitlist...),
		JrpcFuncWhitelist: r.JrpcFuncWhitelist,
		JrpcFuncBlacklist: r.JrpcFuncBlacklist,
		GrpcFuncWhitelist: r.GrpcFuncWhitelist,
		GrpcFuncBlacklist: r.GrpcFuncBlacklist,
		JrpcUserName:      r.JrpcUserName,
		JrpcUserPasswd:    r.JrpcUserPasswd,
		EnableTLS:         r.EnableTLS,
		CertFile:          c.Resolve(r.CertFile),
		KeyFile:           c.Resolve(r.KeyFile),

		MaxConnections:      int(r.MaxConnections),
		MaxConnectionsPerIP: int(r.MaxConnectionsPerIP),
		ReadTimeout:         time.Duration(r.ReadTimeout) * time.Second,
		MaxResponseBytes:    int(r.MaxResponseBytes),
		RateLimit:           r.RateLimit,
		RateBurst:           int(r.RateBurst),

		Title:          c.Title,
		CoinExec:       c.CoinExec,
		CoinSymbol:     c.CoinSymbol,
		CoinPrecision:  c.CoinPrecision,
		TokenPrecision: c.TokenPrecision,
		ChainID:        c.ChainID,
		MinTxFeeRate:   c.Mempool.MinTxFeeRate,
		MaxTxFeeRate:   c.Mempool.MaxTxFeeRate,
		MaxTxFee:       c.Mempool.MaxTxFee,
		MaxTxLast:      int(c.Mempool.MaxTxLast),
		SignType:       c.Wallet.SignType,

		IsRecordBlockSequence: c.BlockChain.IsRecordBlockSequence,

		QbftChainID: g.ChainID,
		ConsensusParams: &types.QbftConsensusParams{
			BlockSize:      &types.QbftBlockSize{MaxBytes: int32(cp.BlockSize.MaxBytes), MaxTxs: int32(cp.BlockSize.MaxTxs), MaxGas: cp.BlockSize.MaxGas},
			TxSize:         &types.QbftTxSize{MaxBytes: int32(cp.TxSize.MaxBytes), MaxGas: cp.TxSize.MaxGas},
			BlockGossip:    &types.QbftBlockGossip{BlockPartSizeBytes: int32(cp.BlockGossip.BlockPartSizeBytes)},
			EvidenceParams: &types.QbftEvidenceParams{MaxAge: cp.EvidenceParams.MaxAge},
		},
	}
}

// rpcSettingError locates an [rpc] value the RPC server refused at its line
// in the config file.
func rpcSettingError(c *config.Config, err error) error {
	var se *rpc.SettingError
	if !errors.As(err, &se) {
		return err
	}
	msg := se.Msg
	if se.Index >= 0 {
		msg = fmt.Sprintf("entry %d %q: %s", se.Index, se.Value, se.Msg)
	}
	return c.ErrorAt("rpc", se.Key, se.Index, msg)
}

// RPCBackend is what the RPC server serves from.
func (n *Node) RPCBackend() rpc.Backend { return backend{n} }

// backend is rpc.Backend over the node's parts.
type backend struct{ n *Node }

func (b backend) Height() int64 { return b.n.chain.HeadInfo().Height }

func (b backend) Header(h int64) (*types.Header, error) { return b.n.chain.Header(h) }

func (b backend) Block(h int64) (*types.Block, error) { return b.n.chain.Block(h) }

func (b backend) Receipts(h int64) ([]*types.ReceiptData, error) { return b.n.chain.Receipts(h) }

func (b backend) TotalTxs(h int64) (int64, error) { return b.n.chain.TotalTxs(h) }

func (b backend) Tx(hash []byte) (*types.TxDetail, error) { return b.n.chain.Tx(hash) }

func (b backend) Balance(addr string) (*types.Account, error) { return b.n.chain.Balance(addr) }

func (b backend) ConfigItem(key string) (*types.ReplyConfig, error) { return b.n.chain.ConfigItem(key) }

func (b backend) QbftNodesByHeight(h int64) (*types.QbftNodes, error) {
	return b.n.chain.QbftNodesByHeight(h)
}

func (b backend) Validators() (*types.ValidatorSet, error) { return b.n.chain.Validators() }

func (b backend) Commit(h int64) (*rpc.Commit, error) {
	raw, err := b.n.chain.Cert(h)
	if err != nil {
		return nil, err
	}
	c, err := types.DecodeCertificate(raw)
	if err != nil {
		return nil, err
	}
	return &rpc.Commit{Round: c.Round, Signers: c.Signers, AggSig: c.AggSig}, nil
}

func (b backend) MempoolTxs() []*types.Tx { return b.n.pool.Txs(0) }

func (b backend) History() rpc.History { return b.n.chain }

func (b backend) Push() rpc.Pusher { return b.n.push }

func (b backend) Submit(tx *types.Tx) error { return b.n.Submit(tx) }

func (b backend) SubmitBatch(txs []*types.Tx) []error { return b.n.pool.AddBatch(txs) }

func (b backend) SubmitDelayed(tx *types.Tx, due int64) error { return b.n.pool.Delay(tx, due) }

func (b backend) DelayTxInfo(hash []byte) (*types.CommitDelayTxLog, error) {
	return b.n.chain.DelayTxInfo(hash)
}

func (b backend) Commits() *rpc.CommitWaiters { return b.n.commits }

func (b backend) NTPTime() (time.Time, bool, error) {
	if b.n.clock == nil {
		return time.Time{}, false, nil
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	t, err := b.n.clock.Now(ctx)
	return t, true, err
}

func (b backend) PeerAdmin() rpc.PeerAdmin { return peerAdmin{b.n.p2p} }

// peerAdmin is rpc.PeerAdmin over the p2p host.
type peerAdmin struct{ h *p2p.Host }

func (a peerAdmin) Dial(ctx context.Context, addr string, seed bool) (string, error) {
	return a.h.Dial(ctx, addr, seed)
}
func (a peerAdmin) ClosePeer(who string) (string, error) { return a.h.ClosePeer(who) }
func (a peerAdmin) Block(name, addr string, d time.Duration) error {
	return a.h.Block(name, addr, d)
}
func (a peerAdmin) Unblock(name, addr string) error { return a.h.Unblock(name, addr) }

func (a peerAdmin) Blacklist() []rpc.BlockedPeer {
	var out []rpc.BlockedPeer
	for _, b := range a.h.Blacklist() {
		out = append(out, rpc.BlockedPeer{Name: b.Name, Addr: b.Addr, Until: b.Until})
	}
	return out
}

func (a peerAdmin) Protocols() []rpc.ProtocolRate {
	var out []rpc.ProtocolRate
	for _, p := range a.h.Protocols() {
		out = append(out, rpc.ProtocolRate{Protocol: p.Protocol, RateIn: p.RateIn, RateOut: p.RateOut})
	}
	return out
}

func (b backend) IsSync() bool { return b.n.IsSync() }

func (b backend) Peers() []*rpc.Peer {
	n := b.n
	var out []*rpc.Peer
	for _, p := range n.p2p.Peers() {
		out = append(out, &rpc.Peer{Addr: p.Addr, Port: p.Port, Name: p.Name, MempoolSize: p.MempoolSize, Header: p.Header})
	}
	self := &rpc.Peer{Addr: n.localIP(), Port: n.cfg.P2P.Sub.Gossip.Port, Name: n.p2p.Name(), MempoolSize: n.pool.Size(), Self: true}
	if h, err := n.chain.Header(n.chain.HeadInfo().Height); err == nil {
		self.Header = h
	}
	return append(out, self)
}

func (b backend) NetInfo() *rpc.NetInfo {
	ext, local, in, out := b.n.p2p.NetInfo()
	return &rpc.NetInfo{External: ext, Local: local, Inbounds: in, Outbounds: out, Service: b.n.cfg.P2P.Sub.Gossip.ServerStart}
}

func (b backend) ConsensusStatus() (int64, int32) {
	h, r, _ := b.n.consensus.Status()
	return h, r
}

func (b backend) ConsensusPeers() []*rpc.ConsensusPeer {
	var out []*rpc.ConsensusPeer
	if key := b.n.ValidatorKey(); key != nil {
		out = append(out, &rpc.ConsensusPeer{Key: key, IP: b.n.localIP()})
	}
	for _, p := range b.n.trans.Peers() {
		if ip, _, err := net.SplitHostPort(p.Addr); err == nil {
			out = append(out, &rpc.ConsensusPeer{Key: p.NodeKey, IP: ip})
		}
	}
	return out
}

func (b backend) Evidence() []*rpc.Evidence {
	var out []*rpc.Evidence
	for _, e := range b.n.consensus.Evidence() {
		out = append(out, &rpc.Evidence{Height: e.Height, Round: e.Round, Type: e.Type, Validator: e.Validator,
			HashA: e.A.BlockHash, HashB: e.B.BlockHash, SigA: e.A.Signature, SigB: e.B.Signature})
	}
	return out
}

// localIP is the address peers know us by: the gossip bind address, else the
// consensus bind address, else a non-loopback interface address, else
// loopback.
func (n *Node) localIP() string {
	if ip := n.cfg.P2P.Sub.Gossip.BindAddr; ip != "" && ip != "0.0.0.0" {
		return ip
	}
	if ip := n.cfg.Consensus.Sub.QBFT.BindAddr; ip != "" && ip != "0.0.0.0" {
		return ip
	}
	addrs, _ := net.InterfaceAddrs()
	for _, a := range addrs {
		if ipn, ok := a.(*net.IPNet); ok && !ipn.IP.IsLoopback() && ipn.IP.To4() != nil {
			return ipn.IP.String()
		}
	}
	return "127.0.0.1"
}
