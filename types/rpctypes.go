package types

// JSON-RPC result shapes that the node serves (rpc) and the CLI decodes and
// re-prints as they are (cmd/cli): the reference's rpc/types structs, with
// their field order, names and omitempty. Results the CLI re-prints in
// another shape keep their CLI form in the CLI.

// PeerListJSON is rpctypes.PeerList, the result of Chain33.GetPeerInfo.
type PeerListJSON struct {
	Peers []*PeerJSON `json:"peers"`
}

// PeerJSON is rpctypes.Peer, one entry of PeerListJSON.
type PeerJSON struct {
	Addr           string         `json:"addr"`
	Port           int32          `json:"port"`
	Name           string         `json:"name"`
	MempoolSize    int32          `json:"mempoolSize"`
	Self           bool           `json:"self"`
	Header         *HeaderJSON    `json:"header"`
	Version        string         `json:"version,omitempty"`
	LocalDBVersion string         `json:"localDBVersion,omitempty"`
	StoreDBVersion string         `json:"storeDBVersion,omitempty"`
	RunningTime    string         `json:"runningTime,omitempty"`
	FullNode       bool           `json:"fullNode,omitempty"`
	Blocked        bool           `json:"blocked,omitempty"`
	Finalized      *FinalizedJSON `json:"finalized"`
}

// FinalizedJSON is rpctypes.Finalized, the peer's finalized block pointer
// (unused by qbft: always zero).
type FinalizedJSON struct {
	Height int64  `json:"height"`
	Hash   string `json:"hash"`
}

// NetInfoJSON is rpctypes.NodeNetinfo, the result of Chain33.GetNetInfo.
type NetInfoJSON struct {
	ExternalAddr string `json:"externalAddr"`
	LocalAddr    string `json:"localAddr"`
	Service      bool   `json:"service"`
	Outbounds    int32  `json:"outbounds"`
	Inbounds     int32  `json:"inbounds"`
	Routingtable int32  `json:"routingtable"`
	Peerstore    int32  `json:"peerstore"`
	Ratein       string `json:"ratein"`
	Rateout      string `json:"rateout"`
	Ratetotal    string `json:"ratetotal"`
}

// AccountJSON is rpctypes.Account (GetBalance items, GetAllExecBalance
// accounts).
type AccountJSON struct {
	Currency int32  `json:"currency"`
	Balance  int64  `json:"balance"`
	Frozen   int64  `json:"frozen"`
	Addr     string `json:"addr"`
}

// ExecAccountJSON is rpctypes.ExecAccount, one executor's account of
// AllExecBalanceJSON.
type ExecAccountJSON struct {
	Execer  string       `json:"execer"`
	Account *AccountJSON `json:"account"`
}

// AllExecBalanceJSON is rpctypes.AllExecBalance, the result of
// Chain33.GetAllExecBalance.
type AllExecBalanceJSON struct {
	Addr        string             `json:"addr"`
	ExecAccount []*ExecAccountJSON `json:"execAccount"`
}

// ChainConfigJSON is rpctypes.ChainConfigInfo, the result of
// Chain33.GetChainConfig: every field but defaultAddressID is omitted when
// zero.
type ChainConfigJSON struct {
	Title            string `json:"title,omitempty"`
	CoinExec         string `json:"coinExec,omitempty"`
	CoinSymbol       string `json:"coinSymbol,omitempty"`
	CoinPrecision    int64  `json:"coinPrecision,omitempty"`
	TokenPrecision   int64  `json:"tokenPrecision,omitempty"`
	ChainID          int32  `json:"chainID,omitempty"`
	MaxTxFee         int64  `json:"maxTxFee,omitempty"`
	MinTxFeeRate     int64  `json:"minTxFeeRate,omitempty"`
	MaxTxFeeRate     int64  `json:"maxTxFeeRate,omitempty"`
	IsPara           bool   `json:"isPara,omitempty"`
	DefaultAddressID int32  `json:"defaultAddressID"`
}

// TimeStatusJSON is rpctypes.TimeStatus, the result of Chain33.GetTimeStatus.
type TimeStatusJSON struct {
	NtpTime   string `json:"ntpTime"`
	LocalTime string `json:"localTime"`
	Diff      int64  `json:"diff"`
}
