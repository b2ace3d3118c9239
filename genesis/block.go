package genesis

import (
	"fmt"
	"math"

	"chain33node/crypto"
	"chain33node/types"

	"google.golang.org/protobuf/proto"
)

// coinsActionGenesis is CoinsAction.ty of a genesis action.
const coinsActionGenesis = 2

// BlockParams are the chain config values that define the genesis block.
type BlockParams struct {
	Addr          string // receives the initial coins ([consensus] genesis)
	Amount        int64  // whole coins ([consensus] genesisAmount)
	CoinPrecision int64  // base units per coin (coinPrecision, usually 1e8)
	BlockTime     int64  // [consensus] genesisBlockTime
	Difficulty    uint32 // powLimitBits
	CoinExec      string // coins executor name; "" means "coins"
}

// Block returns the height-0 block: parent hash 32 zero bytes and one
// unsigned coins genesis transaction giving Amount×CoinPrecision to Addr. Its
// StateHash is empty: the chain executes the block and fills it in before
// hashing.
func Block(p BlockParams) (*types.Block, error) {
	if err := crypto.CheckAddress(p.Addr); err != nil {
		return nil, fmt.Errorf("genesis block: address %q: %w", p.Addr, err)
	}
	if p.Amount < 0 {
		return nil, fmt.Errorf("genesis block: amount %d must be >= 0", p.Amount)
	}
	if p.CoinPrecision <= 0 {
		return nil, fmt.Errorf("genesis block: coin precision %d must be > 0", p.CoinPrecision)
	}
	if p.Amount > math.MaxInt64/p.CoinPrecision {
		return nil, fmt.Errorf("genesis block: amount %d × precision %d overflows int64", p.Amount, p.CoinPrecision)
	}
	exec := p.CoinExec
	if exec == "" {
		exec = "coins"
	}
	payload, err := proto.MarshalOptions{Deterministic: true}.Marshal(&types.CoinsAction{
		Value: &types.CoinsAction_Genesis{Genesis: &types.AssetsGenesis{Amount: p.Amount * p.CoinPrecision}},
		Ty:    coinsActionGenesis,
	})
	if err != nil {
		return nil, fmt.Errorf("genesis block: %w", err)
	}
	tx := &types.Transaction{Execer: []byte(exec), Payload: payload, To: p.Addr}
	return &types.Block{
		ParentHash: make([]byte, 32),
		TxHash:     types.TxRoot([]*types.Tx{types.NewTx(tx)}),
		Height:     0,
		BlockTime:  p.BlockTime,
		Txs:        []*types.Transaction{tx},
		Difficulty: p.Difficulty,
	}, nil
}
