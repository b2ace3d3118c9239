package rpc

import (
	"bytes"
	"encoding/hex"
	"encoding/json"
	"strings"

	"chain33node/crypto"
	"chain33node/types"
)

// The qbftNode results (service qbftNode and the qbftNode queries), rendered
// in the reference's shapes from the backend's consensus data.

// consensusHealthy is qbftNode.IsSync: synced, consensus running, and not
// behind the chain.
func (s *Server) consensusHealthy() bool {
	h, _ := s.b.ConsensusStatus()
	return s.b.IsSync() && h > 0 && s.b.Height() <= h
}

func (s *Server) qbftIsSync(*ReqNil) (any, error) { return s.consensusHealthy(), nil }

// evidenceJSON is one entry of qbftNode.GetEvidence (ours, not the
// reference's): both signed votes, so anyone holding the validator set can
// check it.
type evidenceJSON struct {
	Height    int64  `json:"height"`
	Round     int32  `json:"round"`
	Type      uint32 `json:"type"` // 1 prevote, 2 precommit
	Validator string `json:"validator"`
	HashA     string `json:"hashA"` // "" = nil vote
	HashB     string `json:"hashB"`
	SigA      string `json:"signatureA"`
	SigB      string `json:"signatureB"`
}

func evidenceList(ev []*Evidence) []*evidenceJSON {
	out := []*evidenceJSON{}
	for _, e := range ev {
		out = append(out, &evidenceJSON{
			Height: e.Height, Round: e.Round, Type: e.Type, Validator: strings.ToUpper(hex.EncodeToString(e.Validator)),
			HashA: types.HexWith0x(e.HashA), HashB: types.HexWith0x(e.HashB),
			SigA: types.HexWith0x(e.SigA), SigB: types.HexWith0x(e.SigB),
		})
	}
	return out
}

// qbftGetEvidence lists detected equivocations, most recent last.
func (s *Server) qbftGetEvidence(*ReqNil) (any, error) { return evidenceList(s.b.Evidence()), nil }

// qbftGetNodeInfo is Go json of the QbftNodeInfoSet message (omitempty).
func (s *Server) qbftGetNodeInfo(*ReqNil) (any, error) {
	b, err := json.Marshal(s.consensusNodes())
	if err != nil {
		return nil, err
	}
	return json.RawMessage(b), nil
}

// consensusNodes is qbftNode.GetNodeInfo: the current validators with the
// IP each is connected from (ours for ourselves).
func (s *Server) consensusNodes() *types.QbftNodeInfoSet {
	set, err := s.b.Validators()
	if err != nil {
		return &types.QbftNodeInfoSet{}
	}
	return nodeInfoSet(set, s.b.ConsensusPeers())
}

func nodeInfoSet(set *types.ValidatorSet, peers []*ConsensusPeer) *types.QbftNodeInfoSet {
	out := &types.QbftNodeInfoSet{}
	for _, v := range set.Validators {
		ip := "UNKOWN" // sic: the reference's spelling
		for _, p := range peers {
			if p.IP != "" && bytes.Equal(p.Key, v.PubKey) {
				ip = p.IP
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

// consensusState is the qbftNode query GetCurrentState: the head, the
// validators (the proposer of the round consensus is in), the genesis's
// consensus parameters.
func (s *Server) consensusState() (*types.QbftState, error) {
	head, err := s.lastHeader()
	if err != nil {
		return nil, err
	}
	set, err := s.b.Validators()
	if err != nil {
		return nil, err
	}
	total, err := s.b.TotalTxs(head.Height)
	if err != nil {
		return nil, err
	}
	_, round := s.b.ConsensusStatus()
	vs := set.Proto()
	if p := set.Proposer(int(round)); p != nil {
		vs.Proposer = (&types.ValidatorSet{Validators: []*types.Validator{p}}).Proto().Validators[0]
	}
	st := &types.QbftState{
		ChainID:          s.cfg.QbftChainID,
		LastBlockHeight:  head.Height,
		LastBlockTotalTx: total,
		LastBlockID:      &types.QbftBlockID{Hash: head.Hash},
		LastBlockTime:    head.BlockTime,
		Validators:       vs,
		LastValidators:   vs,
		ConsensusParams:  s.cfg.ConsensusParams,
		LastResultsHash:  head.Hash,
	}
	if head.Height > 0 {
		if c, err := s.b.Commit(head.Height); err == nil {
			st.LastCommitRound = int64(c.Round)
		}
	}
	return st, nil
}

// blockInfo is the qbftNode query GetBlockInfoByHeight: the block's header
// and its commit certificate in the reference's QbftBlockInfo shape.
func (s *Server) blockInfo(height int64) (*types.QbftBlockInfo, error) {
	h, err := s.b.Header(height)
	if err != nil {
		return nil, err
	}
	c, err := s.b.Commit(height)
	if err != nil {
		return nil, err
	}
	total, err := s.b.TotalTxs(height)
	if err != nil {
		return nil, err
	}
	validators := -1
	if set, err := s.b.Validators(); err == nil {
		validators = len(set.Validators)
	}
	return qbftBlockInfo(s.cfg.QbftChainID, h, c, total, validators), nil
}

// qbftBlockInfo renders a certified block: the certificate is
// lastCommit.aggVote, its signer bitmap validatorArray (bit i = validator i
// of the set that signed). validators is the size of the current set (-1 if
// unknown): the bitmap's length when the set has not changed size since,
// else the bitmap's bytes × 8.
func qbftBlockInfo(chainID string, h *types.Header, c *Commit, totalTxs int64, validators int) *types.QbftBlockInfo {
	bits := &types.QbftBitArray{Bits: int32(len(c.Signers) * 8)}
	if validators >= 0 && (validators+7)/8 == len(c.Signers) {
		bits.Bits = int32(validators)
	}
	bits.Elems = make([]uint64, (bits.Bits+63)/64)
	for i := range int(bits.Bits) {
		if c.Signers[i/8]&(1<<(i%8)) != 0 {
			bits.Elems[i/64] |= 1 << (i % 64)
		}
	}
	id := &types.QbftBlockID{Hash: h.Hash}
	return &types.QbftBlockInfo{Block: &types.QbftBlock{
		Header: &types.QbftBlockHeader{
			ChainID: chainID, Height: h.Height, Round: int64(c.Round), Time: h.BlockTime,
			NumTxs: h.TxCount, LastBlockID: &types.QbftBlockID{Hash: h.ParentHash}, TotalTxs: totalTxs,
		},
		LastCommit: &types.QbftCommit{BlockID: id, VoteType: 2, AggVote: &types.QbftAggVote{
			ValidatorArray: bits, Height: h.Height, Round: c.Round, Type: 2, BlockID: id, Signature: c.AggSig,
		}},
	}}
}
