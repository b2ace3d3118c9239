package rpc

import (
	"fmt"
	"net/netip"
	"slices"
	"strings"

	"chain33node/rpc/auth"
	"chain33node/types"
)

// SettingError is a [rpc] value the server cannot use: Key is the config
// key, Index the list entry (-1: the key itself).
type SettingError struct {
	Key   string
	Index int
	Value string
	Msg   string
}

func (e *SettingError) Error() string {
	if e.Index < 0 {
		return fmt.Sprintf("[rpc] %s: %s", e.Key, e.Msg)
	}
	return fmt.Sprintf("[rpc] %s: entry %d %q: %s", e.Key, e.Index, e.Value, e.Msg)
}

// ipList is the [rpc] whitelist: IPs and CIDR ranges; "*" or "0.0.0.0"
// allow every address, empty allows 127.0.0.1. Loopback is always allowed.
type ipList struct {
	all  bool
	nets []netip.Prefix
}

func parseIPList(key string, entries []string) (ipList, error) {
	var l ipList
	if len(entries) == 0 {
		entries = []string{"127.0.0.1"}
	}
	for i, e := range entries {
		e = strings.TrimSpace(e)
		if e == "*" || e == "0.0.0.0" { // the reference stores "*" as 0.0.0.0
			l.all = true
			continue
		}
		var p netip.Prefix
		var err error
		if strings.Contains(e, "/") {
			p, err = netip.ParsePrefix(e)
			if err == nil && p != p.Masked() {
				err = fmt.Errorf("host bits set (the range is %s)", p.Masked())
			}
		} else {
			var a netip.Addr
			if a, err = netip.ParseAddr(e); err == nil {
				p = netip.PrefixFrom(a.Unmap(), a.Unmap().BitLen())
			}
		}
		if err != nil {
			return ipList{}, &SettingError{Key: key, Index: i, Value: entries[i],
				Msg: "not an IP address or CIDR range (e.g. \"10.0.0.5\", \"10.0.0.0/24\", \"*\"): " + err.Error()}
		}
		if p.Addr().Is4In6() && p.Bits() >= 96 { // ::ffff:10.0.0.0/120 is 10.0.0.0/24
			p = netip.PrefixFrom(p.Addr().Unmap(), p.Bits()-96)
		}
		l.nets = append(l.nets, p)
	}
	return l, nil
}

func (l ipList) allows(ip netip.Addr) bool {
	ip = ip.Unmap()
	if ip.IsLoopback() || l.all {
		return true
	}
	for _, p := range l.nets {
		if p.Contains(ip) {
			return true
		}
	}
	return false
}

// remoteIP is the IP of an ip:port remote address (invalid if it is not one).
func remoteIP(addr string) netip.Addr {
	ap, err := netip.ParseAddrPort(addr)
	if err != nil {
		return netip.Addr{}
	}
	return ap.Addr().Unmap()
}

// funcList is a function white/blacklist ([rpc] jrpcFunc*, grpcFunc*):
// an empty or "*" whitelist allows every method; an empty blacklist is
// ["CloseQueue"].
type funcList struct {
	all   bool
	white map[string]bool
	black map[string]bool
}

// newFuncList checks every name against known (the method names of the
// interface the lists apply to) and builds the lists.
func newFuncList(prefix string, white, black []string, known func(string) bool) (funcList, error) {
	l := funcList{all: len(white) == 0, white: map[string]bool{}, black: map[string]bool{}}
	for i, f := range white {
		if f == "*" {
			l.all = true
			continue
		}
		if !known(f) {
			return l, &SettingError{Key: prefix + "FuncWhitelist", Index: i, Value: f, Msg: unknownMethod(prefix)}
		}
		l.white[f] = true
	}
	if len(black) == 0 {
		black = []string{"CloseQueue"}
	}
	for i, f := range black {
		if !known(f) {
			return l, &SettingError{Key: prefix + "FuncBlacklist", Index: i, Value: f, Msg: unknownMethod(prefix)}
		}
		l.black[f] = true
	}
	return l, nil
}

func unknownMethod(prefix string) string {
	if prefix == "grpc" {
		return "not a gRPC method of this node (names as in service types.chain33, e.g. \"GetBlocks\")"
	}
	return "not a JSON-RPC method of this node (the name after the dot, e.g. \"GetBlocks\")"
}

// allowed applies the lists to a method name (the part after the service).
func (l funcList) allowed(name string) bool {
	return !l.black[name] && (l.all || l.white[name])
}

// closeQueue is the reference's method that its default blacklist names;
// this node does not serve it, but lists may name it.
const closeQueue = "CloseQueue"

// jsonMethodKnown reports whether name (after the dot) is a JSON-RPC method.
func (s *Server) jsonMethodKnown(name string) bool {
	if name == closeQueue {
		return true
	}
	for full := range s.methods {
		if full[strings.LastIndex(full, ".")+1:] == name {
			return true
		}
	}
	return false
}

// grpcMethodKnown reports whether name is a method of the gRPC services.
func grpcMethodKnown(name string) bool {
	if name == closeQueue {
		return true
	}
	for _, m := range slices.Concat(types.Chain33_ServiceDesc.Methods, types.QbftNode_ServiceDesc.Methods) {
		if m.MethodName == name {
			return true
		}
	}
	for _, st := range types.Chain33_ServiceDesc.Streams {
		if st.StreamName == name {
			return true
		}
	}
	return false
}

// methodPerms is the token level each method needs, by the name after the
// service (JSON-RPC and gRPC names; they share a level where they are the
// same operation). A method not listed needs admin.
var methodPerms = map[string]auth.Perm{
	// Reads of the chain, mempool, network and consensus.
	"IsSync": auth.Read, "IsNtpClockSync": auth.Read, "GetPeerInfo": auth.Read, "GetNetInfo": auth.Read, "NetInfo": auth.Read,
	"GetLastHeader": auth.Read, "GetHeaders": auth.Read, "GetBlocks": auth.Read, "GetBlockHash": auth.Read,
	"QueryTransaction": auth.Read, "GetTxByHashes": auth.Read, "GetTransactionByHashes": auth.Read, "GetHexTxByHash": auth.Read,
	"GetMempool": auth.Read, "GetMemPool": auth.Read, "GetLastMemPool": auth.Read, "GetProperFee": auth.Read,
	"DecodeRawTransaction": auth.Read, "GetBalance": auth.Read, "GetAllExecBalance": auth.Read,
	"Query": auth.Read, "QueryChain": auth.Read, "GetChainConfig": auth.Read, "ConvertExectoAddr": auth.Read,
	"Version": auth.Read, "GetTimeStatus": auth.Read, "GetFatalFailure": auth.Read, "GetCoinSymbol": auth.Read,
	"GetChainID": auth.Read, "GetNodeInfo": auth.Read, "GetEvidence": auth.Read,
	// History, sequences and chain facts.
	"GetTxByAddr": auth.Read, "GetTransactionByAddr": auth.Read, "GetAddrOverview": auth.Read,
	"GetBlockOverview": auth.Read, "GetBlockByHashes": auth.Read, "GetExecBalance": auth.Read,
	"GetTotalCoins": auth.Read, "QueryTotalFee": auth.Read, "GetLastBlockSequence": auth.Read,
	"GetBlockSequences": auth.Read, "GetBlockBySeq": auth.Read, "GetSequenceByHash": auth.Read,
	"GetPushSeqLastNum": auth.Read, "PubKeyToAddr": auth.Read, "GetServerTime": auth.Read,
	"GetCryptoList": auth.Read, "GetAddressDrivers": auth.Read, "GetFork": auth.Read, "GetFinalizedBlock": auth.Read,
	// Building an unsigned transaction changes nothing.
	"CreateRawTransaction": auth.Read, "CreateTransaction": auth.Read, "CreateRawTxGroup": auth.Read,
	"ReWriteRawTx": auth.Read, "ReWriteTx": auth.Read, "QueryConsensus": auth.Read, "NetProtocols": auth.Read,
	// Signing with a key sent in the request (the no-balance builders sign when given one).
	"SignRawTx": auth.Sign, "CreateNoBalanceTransaction": auth.Sign, "CreateNoBlanaceTxs": auth.Sign,
	"CreateNoBalanceTxs": auth.Sign,
	// Submitting to the mempool; a SubEvent stream keeps a subscription.
	"SendTransaction": auth.Write, "SendDelayTransaction": auth.Write, "SubEvent": auth.Write,
	"SendTransactions": auth.Write, "SendTransactionSync": auth.Write,
	// Push subscriptions make the node post to any URL, and list them.
	"AddPushSubscribe": auth.Admin, "ListPushes": auth.Admin,
	// Peer administration changes whom the node talks to.
	"DialPeer": auth.Admin, "ClosePeer": auth.Admin, "AddBlacklist": auth.Admin, "DelBlacklist": auth.Admin,
	"ShowBlacklist": auth.Admin,
}

// methodPerm is the level a method (the name after the service) needs.
func methodPerm(name string) auth.Perm {
	if p, ok := methodPerms[name]; ok {
		return p
	}
	return auth.Admin
}
