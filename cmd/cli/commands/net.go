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
	)
}
