package node

import (
	"bytes"
	"encoding/hex"
	"net"
	"strings"

	"chain33node/consensus/qbft"
	"chain33node/crypto"
	"chain33node/rpc"
	"chain33node/types"
)

func (n *Node) selfPeer() *types.PeerJSON {
	g := n.cfg.P2P.Sub.Gossip
	p := &types.PeerJSON{Addr: n.localIP(), Port: g.Port, Name: n.p2p.Name(), MempoolSize: int32(n.pool.Size()), Self: true, Finalized: &types.FinalizedJSON{}}
	if h, err := n.chain.Header(n.chain.HeadInfo().Height); err == nil {
		p.Header = types.NewHeaderJSON(h)
		p.Header.Difficulty = 0 // the reference's peer headers carry no difficulty
	}
	return p
}

// localIP is the address peers know us by: the gossip bind address, else a
// non-loopback interface address, else loopback.
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

// NetInfo describes our p2p endpoint.
func (n *Node) NetInfo() *types.NetInfoJSON {
	ext, local, in, out := n.p2p.NetInfo()
	return &types.NetInfoJSON{ExternalAddr: ext, LocalAddr: local, Service: n.cfg.P2P.Sub.Gossip.ServerStart, Inbounds: int32(in), Outbounds: int32(out)}
}

// ConsensusState is the qbft state as the reference's GetCurrentState shows it.
func (n *Node) ConsensusState() (*types.QbftState, error) {
	head := n.chain.HeadInfo()
	set, err := n.chain.Validators()
	if err != nil {
		return nil, err
	}
	total, err := n.chain.TotalTxs(head.Height)
	if err != nil {
		return nil, err
	}
	_, round, _ := n.consensus.Status()
	vs := set.Proto()
	if p := set.Proposer(int(round)); p != nil {
		vs.Proposer = (&types.ValidatorSet{Validators: []*types.Validator{p}}).Proto().Validators[0]
	}
	cp := n.genesis.Params()
	st := &types.QbftState{
		ChainID:          n.genesis.ChainID,
		LastBlockHeight:  head.Height,
		LastBlockTotalTx: total,
		LastBlockID:      &types.QbftBlockID{Hash: head.Hash},
		LastBlockTime:    head.BlockTime,
		Validators:       vs,
		LastValidators:   vs,
		ConsensusParams: &types.QbftConsensusParams{
			BlockSize:      &types.QbftBlockSize{MaxBytes: int32(cp.BlockSize.MaxBytes), MaxTxs: int32(cp.BlockSize.MaxTxs), MaxGas: cp.BlockSize.MaxGas},
			TxSize:         &types.QbftTxSize{MaxBytes: int32(cp.TxSize.MaxBytes), MaxGas: cp.TxSize.MaxGas},
			BlockGossip:    &types.QbftBlockGossip{BlockPartSizeBytes: int32(cp.BlockGossip.BlockPartSizeBytes)},
			EvidenceParams: &types.QbftEvidenceParams{MaxAge: cp.EvidenceParams.MaxAge},
		},
		LastResultsHash: head.Hash,
	}
	if head.Height > 0 {
		if raw, err := n.chain.Cert(head.Height); err == nil {
			if c, err := qbft.DecodeCertificate(raw); err == nil {
				st.LastCommitRound = int64(c.Round)
			}
		}
	}
	return st, nil
}

// ConsensusHealthy is qbftNode.IsSync: synced, consensus running, and not
// behind the chain.
func (n *Node) ConsensusHealthy() bool {
	h, _, _ := n.consensus.Status()
	return n.IsSync() && h > 0 && n.chain.HeadInfo().Height <= h
}

// ConsensusNodes is qbftNode.GetNodeInfo: the current validators with the
// address each is connected from.
func (n *Node) ConsensusNodes() *types.QbftNodeInfoSet {
	set, err := n.chain.Validators()
	if err != nil {
		return &types.QbftNodeInfoSet{}
	}
	peers := n.trans.Peers()
	out := &types.QbftNodeInfoSet{}
	for _, v := range set.Validators {
		ip := "UNKOWN" // sic: the reference's spelling
		if bytes.Equal(v.PubKey, n.ValidatorKey()) {
			ip = n.localIP()
		}
		for _, p := range peers {
			if bytes.Equal(p.NodeKey, v.PubKey) {
				if h, _, err := net.SplitHostPort(p.Addr); err == nil {
					ip = h
				}
			}
		}
		out.Nodes = append(out.Nodes, &types.QbftNodeInfo{
			NodeIP: ip, NodeID: crypto.NodeID(v.PubKey),
			Address: strings.ToUpper(hex.EncodeToString(v.Address)), PubKey: strings.ToUpper(hex.EncodeToString(v.PubKey)),
			VotingPower: v.Power, Accum: v.Accum,
		})
	}
	return out
}

// BlockInfo shows block height and its commit certificate in the reference's
// QbftBlockInfo shape: the certificate is lastCommit.aggVote, its signer
// bitmap validatorArray (bit i = validator i of the set that signed).
func (n *Node) BlockInfo(height int64) (*types.QbftBlockInfo, error) {
	h, err := n.chain.Header(height)
	if err != nil {
		return nil, err
	}
	raw, err := n.chain.Cert(height)
	if err != nil {
		return nil, err
	}
	cert, err := qbft.DecodeCertificate(raw)
	if err != nil {
		return nil, err
	}
	total, err := n.chain.TotalTxs(height)
	if err != nil {
		return nil, err
	}
	bits := &types.QbftBitArray{Bits: int32(len(cert.Signers) * 8)}
	if set, err := n.chain.Validators(); err == nil && (len(set.Validators)+7)/8 == len(cert.Signers) {
		bits.Bits = int32(len(set.Validators)) // the set has not changed size since
	}
	bits.Elems = make([]uint64, (bits.Bits+63)/64)
	for i := range int(bits.Bits) {
		if cert.Signers[i/8]&(1<<(i%8)) != 0 {
			bits.Elems[i/64] |= 1 << (i % 64)
		}
	}
	id := &types.QbftBlockID{Hash: h.Hash}
	return &types.QbftBlockInfo{Block: &types.QbftBlock{
		Header: &types.QbftBlockHeader{
			ChainID: n.genesis.ChainID, Height: height, Round: int64(cert.Round), Time: h.BlockTime,
			NumTxs: h.TxCount, LastBlockID: &types.QbftBlockID{Hash: h.ParentHash}, TotalTxs: total,
		},
		LastCommit: &types.QbftCommit{BlockID: id, VoteType: 2, AggVote: &types.QbftAggVote{
			ValidatorArray: bits, Height: height, Round: int32(cert.Round), Type: 2, BlockID: id, Signature: cert.AggSig,
		}},
	}}, nil
}

// Evidence lists the equivocations consensus detected.
func (n *Node) Evidence() []*rpc.Evidence {
	var out []*rpc.Evidence
	for _, e := range n.consensus.Evidence() {
		out = append(out, &rpc.Evidence{
			Height: e.Height, Round: e.Round, Type: e.Type, Validator: strings.ToUpper(hex.EncodeToString(e.Validator)),
			HashA: types.HexWith0x(e.A.BlockHash), HashB: types.HexWith0x(e.B.BlockHash),
			SigA: types.HexWith0x(e.A.Signature), SigB: types.HexWith0x(e.B.Signature),
		})
	}
	return out
}
