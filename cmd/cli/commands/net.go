package commands

import (
	"chain33node/types"

	"github.com/spf13/cobra"
)

// p2pReq is the param of GetPeerInfo and GetNetInfo (P2PGetPeerReq).
type p2pReq struct {
	P2PType string `json:"p2pType,omitempty"`
}

func (a *app) netCmd() *cobra.Command {
	peer := &cobra.Command{
		Use:   "peer",
		Short: "Get remote peer nodes",
		Run: a.run(func(cmd *cobra.Command, _ []string) error {
			ty, _ := cmd.Flags().GetString("type")
			return a.call(cmd, "Chain33.GetPeerInfo", &p2pReq{P2PType: ty}, new(types.PeerListJSON))
		}),
	}
	peer.Flags().StringP("type", "t", "", "p2p type, gossip or dht")

	info := &cobra.Command{
		Use:   "info",
		Short: "Get net information",
		Run: a.run(func(cmd *cobra.Command, _ []string) error {
			ty, _ := cmd.Flags().GetString("type")
			return a.call(cmd, "Chain33.GetNetInfo", &p2pReq{P2PType: ty}, new(types.NetInfoJSON))
		}),
	}
	info.Flags().StringP("type", "t", "", "p2p type, gossip or dht")

	protocols := &cobra.Command{
		Use:   "protocols",
		Short: "Get netprotocols information",
		Run: a.run(func(cmd *cobra.Command, _ []string) error {
			return a.call(cmd, "Chain33.NetProtocols", struct{}{}, new(netProtocolInfos))
		}),
	}
	protocols.Flags().StringP("type", "t", "", "p2p type, gossip or dht")

	dial := &cobra.Command{
		Use:   "dial",
		Short: "dial the specified node",
		Run: a.run(func(cmd *cobra.Command, _ []string) error {
			addr, _ := cmd.Flags().GetString("peer")
			seed, _ := cmd.Flags().GetBool("seed")
			if addr == "" {
				return cmd.Usage()
			}
			return a.call(cmd, "Chain33.DialPeer", &setPeer{PeerAddr: addr, Seed: seed}, new(any))
		}),
	}
	dial.Flags().StringP("peer", "p", "", "peer addr,format: /ip4/ip/tcp/port/p2p/pid (or ip:port)")
	dial.Flags().BoolP("seed", "", false, "set peer to seed")

	closeCmd := &cobra.Command{
		Use:   "close",
		Short: "close the specified peer",
		Run: a.run(func(cmd *cobra.Command, _ []string) error {
			pid, _ := cmd.Flags().GetString("pid")
			if pid == "" {
				return cmd.Usage()
			}
			return a.call(cmd, "Chain33.ClosePeer", &setPeer{Pid: pid}, new(any))
		}),
	}
	closeCmd.Flags().StringP("pid", "", "", "peer id,support dht network")

	return groupCmd("net", "Net operation",
		peer,
		&cobra.Command{
			Use:   "is_clock_sync",
			Short: "Get ntp clock synchronization status",
			Run: a.run(func(cmd *cobra.Command, _ []string) error {
				return a.call(cmd, "Chain33.IsNtpClockSync", nil, new(bool))
			}),
		},
		&cobra.Command{
			Use:   "is_sync",
			Short: "Get blockchain synchronization status",
			Run: a.run(func(cmd *cobra.Command, _ []string) error {
				return a.call(cmd, "Chain33.IsSync", nil, new(bool))
			}),
		},
		info,
		&cobra.Command{
			Use:   "fault",
			Short: "Get system fault",
			Run: a.run(func(cmd *cobra.Command, _ []string) error {
				return a.call(cmd, "Chain33.GetFatalFailure", nil, new(int64))
			}),
		},
		&cobra.Command{
			Use:   "time",
			Short: "Get time status",
			Run: a.run(func(cmd *cobra.Command, _ []string) error {
				return a.call(cmd, "Chain33.GetTimeStatus", nil, new(types.TimeStatusJSON))
			}),
		},
		protocols,
		dial,
		closeCmd,
	)
}

// setPeer is types.SetPeer (DialPeer, ClosePeer).
type setPeer struct {
	Pid      string `json:"pid,omitempty"`
	PeerAddr string `json:"peerAddr,omitempty"`
	Seed     bool   `json:"seed,omitempty"`
}

// blackPeer is types.BlackPeer (AddBlacklist, DelBlacklist).
type blackPeer struct {
	PeerName string `json:"peerName,omitempty"`
	PeerAddr string `json:"peerAddr,omitempty"`
	Lifetime string `json:"lifetime,omitempty"`
}

// blackInfo is types.BlackInfo (ShowBlacklist).
type blackInfo struct {
	PeerName   string `json:"peerName,omitempty"`
	RemoteAddr string `json:"remoteAddr,omitempty"`
	Lifetime   int64  `json:"lifetime,omitempty"`
}

// netProtocolInfos is types.NetProtocolInfos (NetProtocols).
type netProtocolInfos struct {
	Protoinfo []struct {
		Protocol  string `json:"protocol,omitempty"`
		Ratein    string `json:"ratein,omitempty"`
		Rateout   string `json:"rateout,omitempty"`
		Ratetotal string `json:"ratetotal,omitempty"`
	} `json:"protoinfo,omitempty"`
}

// blacklistCmd is chain33-cli's top-level `blacklist` (add, del, show).
func (a *app) blacklistCmd() *cobra.Command {
	target := func(cmd *cobra.Command) (*blackPeer, bool) {
		pid, _ := cmd.Flags().GetString("pid")
		addr, _ := cmd.Flags().GetString("addr")
		switch {
		case addr != "":
			return &blackPeer{PeerAddr: addr}, true
		case pid != "":
			return &blackPeer{PeerName: pid}, true
		}
		return nil, false
	}
	flags := func(cmd *cobra.Command) *cobra.Command {
		cmd.Flags().StringP("addr", "", "", "add peer address to blacklist ,used only gossip network")
		cmd.Flags().StringP("pid", "", "", "add  peer id to blacklist")
		return cmd
	}
	add := flags(&cobra.Command{
		Use:   "add",
		Short: "add peer or IP to blacklist",
		Run: a.run(func(cmd *cobra.Command, _ []string) error {
			p, ok := target(cmd)
			if !ok {
				return cmd.Usage()
			}
			p.Lifetime, _ = cmd.Flags().GetString("time")
			return a.call(cmd, "Chain33.AddBlacklist", p, new(any))
		}),
	})
	add.Flags().StringP("time", "t", "", "lifetime such as: 1hour,1min,1second")
	del := flags(&cobra.Command{
		Use:   "del",
		Short: "delete peer from blacklist",
		Run: a.run(func(cmd *cobra.Command, _ []string) error {
			p, ok := target(cmd)
			if !ok {
				return cmd.Usage()
			}
			return a.call(cmd, "Chain33.DelBlacklist", p, new(any))
		}),
	})
	show := &cobra.Command{
		Use:   "show",
		Short: "show all peer from blacklist",
		Run: a.run(func(cmd *cobra.Command, _ []string) error {
			return a.call(cmd, "Chain33.ShowBlacklist", nil, new([]*blackInfo))
		}),
	}
	return groupCmd("blacklist", "block peer connect p2p network", add, del, show)
}
