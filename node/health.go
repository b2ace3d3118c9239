package node

import (
	"fmt"
	"time"

	"chain33node/crypto"
	"chain33node/health"
)

// Unhealthy says why the node is not healthy, for GET /health: a disk
// fault, not in sync with its peers, consensus not running at the chain's
// height (a validator), too few peers; nothing when it is healthy.
func (n *Node) Unhealthy() []string {
	var why []string
	for _, f := range n.faults.List() {
		why = append(why, fmt.Sprintf("disk fault for %s: %v; %s", time.Since(f.Since).Round(time.Second), f.Err, health.Advice(f.Err)))
	}
	head := n.chain.HeadInfo().Height
	peers := n.p2p.Peers()
	if !n.caughtUp() {
		best := int64(-1)
		for _, p := range peers {
			best = max(best, p.Height)
		}
		if best >= 0 {
			why = append(why, fmt.Sprintf("not in sync: at height %d, the best peer at %d", head, best))
		} else {
			why = append(why, fmt.Sprintf("not in sync: at height %d, no peer to sync with", head))
		}
	}
	if len(peers) == 0 && !n.cfg.BlockChain.SingleMode {
		why = append(why, fmt.Sprintf("too few peers: no p2p peer connected (check [p2p.sub.gossip] seeds and that port %d is open both ways)",
			n.cfg.P2P.Sub.Gossip.Port))
	}
	if n.signer != nil {
		why = append(why, n.validatorUnhealthy(head)...)
	}
	return why
}

// validatorUnhealthy: what a validator of the current set needs besides
// sync: consensus working at the chain's height (qbft is_sync) and
// connections to enough validators to reach a quorum.
func (n *Node) validatorUnhealthy(head int64) []string {
	set, err := n.chain.Validators()
	if err != nil {
		return []string{fmt.Sprintf("validator set unreadable: %v", err)}
	}
	me := set.Index(crypto.ValidatorAddress(n.signer.PubKey()))
	if me < 0 {
		return nil // not in the set now: it follows as an observer
	}
	var why []string
	if h, _, _ := n.consensus.Status(); h <= 0 || h < head {
		why = append(why, fmt.Sprintf("consensus not running at the chain's height: consensus at %d, chain at %d", h, head))
	}
	power := set.Validators[me].Power
	counted := map[int]bool{me: true}
	for _, p := range n.trans.Peers() {
		if p.NodeKey == nil {
			continue
		}
		if i := set.Index(crypto.ValidatorAddress(p.NodeKey)); i >= 0 && !counted[i] {
			counted[i] = true
			power += set.Validators[i].Power
		}
	}
	if q := set.Quorum(); power < q {
		why = append(why, fmt.Sprintf("too few consensus peers: this node and the validators connected to it hold %d of %d voting power, "+
			"a quorum needs %d (check [consensus.sub.qbft] validatorNodes and that port %d is open both ways)",
			power, set.TotalPower(), q, n.cfg.Consensus.Sub.QBFT.Port))
	}
	return why
}
