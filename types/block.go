package types

import (
	"crypto/sha256"

	"google.golang.org/protobuf/proto"
)

// HeaderOf returns the header of b (hash filled in).
func HeaderOf(b *Block) *Header {
	h := &Header{
		Version:    b.Version,
		ParentHash: b.ParentHash,
		TxHash:     b.TxHash,
		StateHash:  b.StateHash,
		Height:     b.Height,
		BlockTime:  b.BlockTime,
		TxCount:    int64(len(b.Txs)),
		Difficulty: b.Difficulty,
	}
	h.Hash = HeaderHash(h)
	return h
}

// WithoutTxs returns a copy of b without its transactions (sharing the
// other fields' bytes): the body of a compact proposal or a light block
// announcement, which name the transactions by their full hashes instead.
// Its header counts no transactions: set TxCount to hash it as b.
func WithoutTxs(b *Block) *Block {
	return &Block{
		Version: b.Version, ParentHash: b.ParentHash, TxHash: b.TxHash, StateHash: b.StateHash, Height: b.Height,
		BlockTime: b.BlockTime, Signature: b.Signature, Difficulty: b.Difficulty, MainHash: b.MainHash, MainHeight: b.MainHeight,
	}
}

// TxFullHashes returns the full hashes (merkle leaves) of b's transactions.
func TxFullHashes(b *Block) [][]byte {
	hashes := make([][]byte, len(b.Txs))
	for i, tx := range b.Txs {
		hashes[i] = TxFullHash(tx)
	}
	return hashes
}

// BlockHash is chain33's block hash (after ForkBlockHash): SHA-256 of the
// header encoding {version, parentHash, txHash, stateHash, height, blockTime,
// txCount, difficulty}.
func BlockHash(b *Block) []byte { return HeaderOf(b).Hash }

// HeaderHash hashes the hashed fields of h (signature and hash excluded).
func HeaderHash(h *Header) []byte {
	raw, err := proto.MarshalOptions{Deterministic: true}.Marshal(&Header{
		Version:    h.Version,
		ParentHash: h.ParentHash,
		TxHash:     h.TxHash,
		StateHash:  h.StateHash,
		Height:     h.Height,
		BlockTime:  h.BlockTime,
		TxCount:    h.TxCount,
		Difficulty: h.Difficulty,
	})
	if err != nil {
		panic(err) // a plain message always encodes
	}
	s := sha256.Sum256(raw)
	return s[:]
}

// TxRoot is the block's txHash: the merkle root of the transactions' full
// hashes (chain33 after ForkRootHash, single-chain blocks).
func TxRoot(txs []*Tx) []byte {
	leaves := make([][]byte, len(txs))
	for i, t := range txs {
		leaves[i] = t.FullHash
	}
	return MerkleRoot(leaves)
}
