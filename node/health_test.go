package node

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"chain33node/poll"
)

// /health names what is wrong besides disk faults: a validator alone (no
// peers, no quorum, nothing to sync with), then healthy with its peers,
// then one whose consensus stopped while block sync carries its chain on.
func TestHealthReasons(t *testing.T) {
	if testing.Short() {
		t.Skip("multi-node test")
	}
	tn := newTestnet(t, 4)
	defer tn.stopAll()
	for _, c := range tn.cfgs {
		c.BlockChain.SingleMode = false
		c.Metrics.ListenAddr = "127.0.0.1:0"
	}
	tn.start(0)
	o := observe{t, tn.nodes[0]}
	reasons := func(o observe) (int, string) {
		code, rep := o.health()
		return code, strings.Join(rep.Reasons, " | ")
	}
	code, why := reasons(o)
	for _, want := range []string{
		"not in sync: at height 0, no peer to sync with",
		"too few peers: no p2p peer connected (check [p2p.sub.gossip] seeds",
		"too few consensus peers: this node and the validators connected to it hold 10 of 40 voting power, a quorum needs 27",
	} {
		if code != http.StatusServiceUnavailable || !strings.Contains(why, want) {
			t.Errorf("a validator alone: %d %q, want %q", code, why, want)
		}
	}
	if o.metric("chain33_healthy") != 0 {
		t.Error("chain33_healthy 1 for a validator alone")
	}

	for i := 1; i < 4; i++ {
		tn.start(i)
	}
	tn.waitHeight(2, 30*time.Second)
	for i, n := range tn.nodes {
		poll.Until(t, 20*time.Second, "healthy with its peers", func() bool { c, _ := reasons(observe{t, n}); return c == http.StatusOK })
		if (observe{t, n}).metric("chain33_healthy") != 1 {
			t.Errorf("node %d: chain33_healthy 0 while /health is 200", i)
		}
	}

	// Consensus of node 3 stops; block sync keeps its chain going.
	tn.nodes[3].consensus.Stop()
	h := height(tn.nodes[0])
	tn.waitHeight(h+3, 30*time.Second)
	o3 := observe{t, tn.nodes[3]}
	poll.Until(t, 10*time.Second, "the stopped consensus reported", func() bool {
		_, why := reasons(o3)
		return strings.Contains(why, "consensus not running at the chain's height: consensus at ")
	})
	if c, why := reasons(observe{t, tn.nodes[0]}); c != http.StatusOK {
		t.Errorf("node 0 with a peer whose consensus stopped: %d %s", c, why)
	}
}
