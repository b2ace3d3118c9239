package node

import (
	"path/filepath"
	"slices"
	"testing"

	"chain33node/config"
	"chain33node/genesis"
	"chain33node/types"
)

// RPCSettings: both spellings of the IP whitelist count, certificate paths
// are resolved against the config file's directory, the chain values and
// the genesis's consensus parameters are handed over.
func TestRPCSettings(t *testing.T) {
	c := config.Default()
	c.Dir = "/etc/chain"
	c.RPC.Whitelist, c.RPC.Whitlist = []string{"10.0.0.1"}, []string{"10.0.0.2"}
	c.RPC.CertFile, c.RPC.KeyFile = "tls/cert.pem", "/abs/key.pem"
	c.Mempool.MaxTxLast = 7
	g := &genesis.Doc{ChainID: "chain33-test"}
	s := RPCSettings(c, g)
	if !slices.Equal(s.Whitelist, []string{"10.0.0.1", "10.0.0.2"}) {
		t.Errorf("whitelist %v", s.Whitelist)
	}
	if s.CertFile != filepath.Join("/etc/chain", "tls/cert.pem") || s.KeyFile != "/abs/key.pem" {
		t.Errorf("cert %s key %s", s.CertFile, s.KeyFile)
	}
	if s.MaxTxLast != 7 || s.MinTxFeeRate != c.Mempool.MinTxFeeRate || s.CoinSymbol != c.CoinSymbol || s.QbftChainID != "chain33-test" {
		t.Errorf("settings %+v", s)
	}
	if bs := s.ConsensusParams.GetBlockSize(); bs.GetMaxTxs() != int32(genesis.DefaultConsensusParams().BlockSize.MaxTxs) {
		t.Errorf("consensus params %v", s.ConsensusParams)
	}
	// config cannot import types: its default must stay the one constant.
	if c.CoinPrecision != types.DefaultCoinPrecision {
		t.Errorf("config default CoinPrecision %d, types.DefaultCoinPrecision %d", c.CoinPrecision, types.DefaultCoinPrecision)
	}
}
