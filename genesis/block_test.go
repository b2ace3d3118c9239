package genesis

import (
	"bytes"
	"math"
	"strings"
	"testing"

	"chain33node/types"

	"google.golang.org/protobuf/proto"
)

const genesisAddr = "14KEKbYtKKQm4wMthSK9J4La4nAiidGozt" // Appendix A

func TestGenesisBlock(t *testing.T) {
	p := BlockParams{Addr: genesisAddr, Amount: 100000000, CoinPrecision: 1e8, BlockTime: 1514533394, Difficulty: 0x1f00ffff, CoinExec: "coins"}
	b, err := Block(p)
	if err != nil {
		t.Fatal(err)
	}
	if b.Height != 0 || !bytes.Equal(b.ParentHash, make([]byte, 32)) || b.BlockTime != p.BlockTime ||
		b.Difficulty != p.Difficulty || len(b.StateHash) != 0 || len(b.Txs) != 1 {
		t.Fatalf("block = %v", b)
	}
	tx := b.Txs[0]
	if string(tx.Execer) != "coins" || tx.To != genesisAddr || tx.Signature != nil || tx.Fee != 0 || tx.Nonce != 0 || tx.Expire != 0 {
		t.Errorf("tx = %v", tx)
	}
	if !bytes.Equal(b.TxHash, types.TxRoot([]*types.Tx{types.NewTx(tx)})) {
		t.Error("TxHash is not the tx root")
	}
	var act types.CoinsAction
	if err := proto.Unmarshal(tx.Payload, &act); err != nil {
		t.Fatal(err)
	}
	if act.Ty != 2 || act.GetGenesis() == nil || act.GetGenesis().Amount != 100000000*1e8 || act.GetGenesis().ReturnAddress != "" {
		t.Errorf("action = %v", &act)
	}
	// The wire form survives an encode/decode.
	raw, err := proto.Marshal(b)
	if err != nil {
		t.Fatal(err)
	}
	var b2 types.Block
	if err := proto.Unmarshal(raw, &b2); err != nil || !bytes.Equal(types.BlockHash(&b2), types.BlockHash(b)) {
		t.Errorf("decoded block hash differs: %v", err)
	}

	// Deterministic: same params, same hash; any change, another hash.
	again, _ := Block(p)
	h := types.BlockHash(b)
	if !bytes.Equal(types.BlockHash(again), h) {
		t.Error("same params, different hash")
	}
	def := p
	def.CoinExec = ""
	if d, _ := Block(def); !bytes.Equal(types.BlockHash(d), h) {
		t.Error(`CoinExec "" is not "coins"`)
	}
	for _, q := range []BlockParams{
		{Addr: genesisAddr, Amount: 100000001, CoinPrecision: 1e8, BlockTime: 1514533394, Difficulty: 0x1f00ffff},
		{Addr: genesisAddr, Amount: 100000000, CoinPrecision: 1e8, BlockTime: 1514533395, Difficulty: 0x1f00ffff},
		{Addr: genesisAddr, Amount: 100000000, CoinPrecision: 1e8, BlockTime: 1514533394, Difficulty: 1},
		{Addr: "1GaHYpWmqAJsqRwrpoNcB8VvgKtSwjcHqt", Amount: 100000000, CoinPrecision: 1e8, BlockTime: 1514533394, Difficulty: 0x1f00ffff},
	} {
		o, err := Block(q)
		if err != nil {
			t.Fatal(err)
		}
		if bytes.Equal(types.BlockHash(o), h) {
			t.Errorf("%+v: same hash as the base params", q)
		}
	}
}

func TestGenesisBlockErrors(t *testing.T) {
	ok := BlockParams{Addr: genesisAddr, Amount: 1, CoinPrecision: 1e8}
	tests := []struct {
		name string
		edit func(*BlockParams)
		want string
	}{
		{"bad address", func(p *BlockParams) { p.Addr = "14KEKbYtKKQm4wMthSK9J4La4nAiidGozu" }, "ErrInvalidAddress"},
		{"empty address", func(p *BlockParams) { p.Addr = "" }, "ErrInvalidAddress"},
		{"negative amount", func(p *BlockParams) { p.Amount = -1 }, "amount -1"},
		{"zero precision", func(p *BlockParams) { p.CoinPrecision = 0 }, "coin precision"},
		{"overflow", func(p *BlockParams) { p.Amount = math.MaxInt64/100000000 + 1 }, "overflows int64"},
	}
	for _, tc := range tests {
		p := ok
		tc.edit(&p)
		if _, err := Block(p); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: err = %v, want %q", tc.name, err, tc.want)
		}
	}
	// The largest amount that fits is accepted.
	p := ok
	p.Amount = math.MaxInt64 / 100000000
	if _, err := Block(p); err != nil {
		t.Errorf("max amount: %v", err)
	}
	p.Amount = 0
	if _, err := Block(p); err != nil {
		t.Errorf("zero amount: %v", err)
	}
}
