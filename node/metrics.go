package node

import (
	"chain33node/consensus/transport"
	"chain33node/metrics"
)

// registerMetrics exposes the node's figures for Prometheus.
func (n *Node) registerMetrics(r *metrics.Registry) {
	r.Gauge("chain33_height", "Height of the last committed block.", func() float64 { return float64(n.chain.HeadInfo().Height) })
	r.Gauge("chain33_last_block_txs", "Transactions in the last committed block.", func() float64 {
		h, err := n.chain.Header(n.chain.HeadInfo().Height)
		if err != nil {
			return 0
		}
		return float64(h.TxCount)
	})
	r.Gauge("chain33_is_sync", "1 when the node is in sync with its peers (net is_sync).", func() float64 { return b2f(n.IsSync()) })
	r.Gauge("chain33_healthy", "1 when GET /health finds nothing wrong.", func() float64 { return b2f(len(n.Unhealthy()) == 0) })
	r.Gauge("chain33_disk_fault", "1 while a part of the node (store, WAL, signer) cannot write.", func() float64 {
		return b2f(len(n.faults.List()) > 0)
	})
	r.Counter("chain33_disk_faults_total", "Disk faults that began.", func() float64 { return float64(n.faults.Started()) })
	r.Gauge("chain33_p2p_peers", "Connected p2p (gossip) peers.", func() float64 { return float64(len(n.p2p.Peers())) })
	r.Counter("chain33_p2p_light_blocks_missed_total", "Announced blocks whose transactions the mempool lacked: synced instead.",
		func() float64 { return float64(n.p2p.LightBlocksMissed()) })
	r.Gauge("chain33_mempool_size", "Transactions waiting in the mempool.", func() float64 { return float64(n.pool.Size()) })
	r.Gauge("chain33_mempool_admit_capacity", "Transactions the mempool admits from clients ([mempool] admitHorizon at the measured commit rate).",
		func() float64 { return float64(n.pool.Admission().Capacity) })
	r.Gauge("chain33_mempool_commit_rate", "Commit rate measured for the admission horizon, transactions per second.",
		func() float64 { return n.pool.Admission().Rate })
	r.Gauge("chain33_consensus_round", "Round of the height consensus is working on.", func() float64 {
		_, round, _ := n.consensus.Status()
		return float64(round)
	})
	r.Gauge("chain33_consensus_peers", "Connected consensus peers.", func() float64 { return float64(len(n.trans.Peers())) })
	r.Gauge("chain33_consensus_peers_banned", "Consensus peers banned now.", func() float64 { return float64(n.trans.Stats().Banned) })
	for reason := range transport.NumReasons {
		r.Counter("chain33_consensus_peer_bans_"+reason.String()+"_total", "Consensus peers banned for "+reason.String()+".",
			func() float64 { return float64(n.trans.Stats().Bans[reason]) })
	}
	r.Counter("chain33_consensus_inbound_refused_total", "Inbound consensus connections, streams and observers refused (caps, rates, bans).",
		func() float64 {
			s := n.trans.Stats()
			return float64(s.RefusedRate + s.RefusedPerIP + s.RefusedTotal + s.RefusedBanned + s.RefusedObservers + s.RefusedStreams)
		})
	r.Counter("chain33_consensus_frames_throttled_total", "Consensus messages delayed by their sender's rate limit.",
		func() float64 { return float64(n.trans.Stats().Throttled) })
	r.Gauge("chain33_block_interval_seconds", "Time between the last two commits.", func() float64 {
		return n.consensus.Stats().LastInterval.Seconds()
	})
	r.Gauge("chain33_commit_latency_seconds", "From the first proposal of the last height to its commit.", func() float64 {
		return n.consensus.Stats().LastLatency.Seconds()
	})
	r.Counter("chain33_consensus_heights_total", "Blocks committed by consensus.", func() float64 { return float64(n.consensus.Stats().Heights) })
	r.Counter("chain33_consensus_rounds_total", "Rounds beyond round 0 before a commit.", func() float64 { return float64(n.consensus.Stats().Rounds) })
	r.Counter("chain33_consensus_equivocations_total", "Conflicting votes detected.", func() float64 {
		return float64(n.consensus.Stats().Equivocations)
	})
	r.Counter("chain33_consensus_compact_filled_total", "Compact proposals filled from the mempool alone.",
		func() float64 { return float64(n.consensus.Stats().CompactFilled) })
	r.Counter("chain33_consensus_compact_fetched_total", "Compact proposals that needed transactions from the proposer.",
		func() float64 { return float64(n.consensus.Stats().CompactFetched) })
	r.Counter("chain33_consensus_proposal_txs_fetched_total", "Transactions of compact proposals received from the proposer.",
		func() float64 { return float64(n.consensus.Stats().TxsFetched) })
	r.Gauge("chain33_consensus_halted", "1 while consensus signs and sends nothing because its WAL or double-sign guard cannot write.",
		func() float64 { return b2f(n.consensus.Stats().Halted) })
	r.Counter("chain33_consensus_served_bytes_total", "Bytes sent to consensus peers on request (catch-up, what their status lacks).",
		func() float64 { return float64(n.consensus.Stats().Served.Bytes) })
	r.Counter("chain33_consensus_serve_refused_total", "Consensus peers' requests not served: over their rate, or repeated within the window.",
		func() float64 { s := n.consensus.Stats().Served; return float64(s.Limited + s.Repeated) })
	r.Counter("chain33_consensus_inbox_dropped_total", "Received consensus messages dropped on a full queue.",
		func() float64 { return float64(n.consensus.Stats().Dropped) })
	r.Counter("chain33_consensus_future_dropped_total", "Consensus messages of later heights dropped over the future buffer's bounds.",
		func() float64 { return float64(n.consensus.Stats().FutureDropped) })
}

func b2f(b bool) float64 {
	if b {
		return 1
	}
	return 0
}
