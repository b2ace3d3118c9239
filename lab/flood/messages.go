package flood

import (
	"fmt"
	"math/rand/v2"
	"strings"

	"chain33node/consensus/qbft"
	"chain33node/crypto"
	"chain33node/types"

	"google.golang.org/protobuf/proto"
)

// Kind is one attack: a kind of message the outsider floods a target with.
type Kind int

// The attacks.
const (
	Votes     Kind = iota // votes of the target's height and round: random block hash, junk 96-byte signature
	LongSigs              // the same votes with over-long signatures (LongSigBytes)
	Catchup               // Status{height: 1}: asks for the chain from block 1
	Status                // Status of the target's height, empty bitmaps: asks for its proposal and every vote
	Proposals             // proposals for heights and rounds ahead, junk blocks of BlockBytes
	Garbage               // frames of random bytes
	NumKinds
)

var kindNames = [NumKinds]string{"votes", "longsigs", "catchup", "status", "proposals", "garbage"}

func (k Kind) String() string {
	if k >= 0 && k < NumKinds {
		return kindNames[k]
	}
	return fmt.Sprintf("kind%d", int(k))
}

// ParseKind is the inverse of String.
func ParseKind(s string) (Kind, error) {
	for k, n := range kindNames {
		if n == s {
			return Kind(k), nil
		}
	}
	return 0, fmt.Errorf("unknown attack %q (one of %s)", s, strings.Join(kindNames[:], ", "))
}

// futureHeights is how far ahead junk proposals go: the driver buffers
// messages for up to 256 heights ahead (futureWindow), and a few go beyond.
const futureHeights = 300

// view is what the outsider knows of a target's consensus.
type view struct {
	height     int64
	round      int32
	validators int // highest validator index seen in its votes + 1
}

// junkSigs are signatures to put in junk votes: random bytes (most are no
// curve point and fail at once), or real BLS signatures by throwaway keys,
// which are valid points and cost a verifier a pairing each.
func junkSigs(r *rand.Rand, points bool, n int) [][]byte {
	sigs := make([][]byte, n)
	for i := range sigs {
		if points {
			msg := make([]byte, 32)
			fill(r, msg)
			sigs[i] = crypto.GenerateBLSKey().Sign(msg)
		} else {
			sigs[i] = make([]byte, crypto.BLSSigSize)
			fill(r, sigs[i])
		}
	}
	return sigs
}

func fill(r *rand.Rand, b []byte) {
	for i := 0; i < len(b); i += 8 {
		v := r.Uint64()
		for j := i; j < min(i+8, len(b)); j++ {
			b[j] = byte(v)
			v >>= 8
		}
	}
}

func hash32(r *rand.Rand) []byte {
	b := make([]byte, 32)
	fill(r, b)
	return b
}

// builder makes the messages of one connection.
type builder struct {
	r            *rand.Rand
	sigs         [][]byte
	longSigBytes int
	blockBytes   int
}

// message returns an encoded message of kind k for a target in v.
func (b *builder) message(k Kind, v view) []byte {
	var m *qbft.Message
	switch k {
	case Votes, LongSigs:
		sig := b.sigs[b.r.IntN(len(b.sigs))]
		if k == LongSigs {
			sig = make([]byte, b.longSigBytes)
			fill(b.r, sig)
		}
		typ := types.Prevote
		if b.r.IntN(2) == 1 {
			typ = types.Precommit
		}
		m = &qbft.Message{Msg: &qbft.Message_Vote{Vote: &qbft.Vote{
			Height: v.height, Round: v.round, Type: typ, BlockHash: hash32(b.r),
			ValidatorIndex: int32(b.r.IntN(max(v.validators, 1))), Signature: sig,
		}}}
	case Catchup:
		m = &qbft.Message{Msg: &qbft.Message_Status{Status: &qbft.Status{Height: 1, ValidRound: -1}}}
	case Status:
		// Round 0 of the target's height: it sends what it has of round 0 and,
		// when it is in a later round, everything of that round too.
		m = &qbft.Message{Msg: &qbft.Message_Status{Status: &qbft.Status{Height: v.height, ValidRound: -1}}}
	case Proposals:
		h := v.height + 1 + b.r.Int64N(futureHeights)
		payload := make([]byte, b.blockBytes)
		fill(b.r, payload)
		blk := &types.Block{
			ParentHash: hash32(b.r), TxHash: hash32(b.r), StateHash: hash32(b.r), Height: h, BlockTime: b.r.Int64N(1 << 40),
			Txs: []*types.Transaction{{Execer: []byte("coins"), Payload: payload, Fee: 100000, Nonce: b.r.Int64(), To: "1CbEVT9RnM5oZhWMj4fxUrJX94VtRotzvs",
				Signature: &types.Signature{Ty: 1, Pubkey: hash32(b.r), Signature: hash32(b.r)}}},
		}
		round := int32(b.r.IntN(1000))
		m = &qbft.Message{Msg: &qbft.Message_Proposal{Proposal: &qbft.Proposal{
			Height: h, Round: round, PolRound: -1, Block: blk,
			ProposerIndex: int32(b.r.IntN(max(v.validators, 1))), Signature: b.sigs[b.r.IntN(len(b.sigs))],
		}}}
	case Garbage:
		junk := make([]byte, 1+b.r.IntN(4096))
		fill(b.r, junk)
		return junk
	}
	raw, err := proto.Marshal(m)
	if err != nil {
		panic(err) // plain messages always encode
	}
	return raw
}
