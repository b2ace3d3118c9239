package qbft

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"syscall"
	"time"

	"chain33node/types"

	"google.golang.org/protobuf/proto"
)

// What the simulation adds to crashes and a faulty network: a Byzantine
// validator of one of three kinds, validator sets that change with the
// height (powers near the cap among them), and a disk that fails under one
// node's WAL or signer for a while.

// byzKind is what the Byzantine validator does.
type byzKind uint8

const (
	byzEquivocate byzKind = iota // signs conflicting proposals and votes
	byzAttack                    // floods: junk and over-long signatures, random hashes, far rounds and heights, catch-up requests, bad certificates, undecodable bytes
	byzRogue                     // holds a rogue key (it can sign nothing alone) and forges certificates and vote groups with it
)

var byzNames = [...]string{"equivocate", "attack", "rogue"}

// setEvery is how many heights one validator set validates before the next
// takes over.
const setEvery = 3

// banFor is how long an honest node refuses a peer it reported.
const banFor = 3 * time.Second

// simPub is validator i's key: 48 bytes unique to the run; a rogue key is
// marked for simVerifier's model of plain aggregation.
func simPub(seed uint64, i int, rogue bool) []byte {
	pub := make([]byte, 48)
	binary.BigEndian.PutUint64(pub, seed)
	pub[47] = byte(i)
	if rogue {
		pub[46] = 0xee
	}
	return pub
}

// buildSets makes the run's validator sets, all over the same keys.
func (s *sim) buildSets() {
	powers := s.cfg.sets
	if powers == nil {
		powers = [][]int64{s.cfg.powers}
	}
	for _, ps := range powers {
		set := &types.ValidatorSet{}
		for i, p := range ps {
			if p > 0 {
				addr := sha256.Sum256(s.nodes[i].pub)
				set.Add(&types.Validator{Address: addr[:20], PubKey: s.nodes[i].pub, Power: p})
			}
		}
		for _, v := range set.Validators {
			v.Accum = 0
		}
		s.sets = append(s.sets, set)
	}
}

// valsAt is the set that validates height h.
func (s *sim) valsAt(h int64) *types.ValidatorSet {
	return s.sets[int(max(h-1, 0)/setEvery)%len(s.sets)]
}

// changingSets returns validator sets for powers: the powers, the same
// scaled to near the cap, and (when the Byzantine validator keeps less than
// a third) one honest validator removed. Each is safe on its own: the
// Byzantine validator holds less than a third of it.
func changingSets(powers []int64, byz int) [][]int64 {
	var total int64
	for _, p := range powers {
		total += p
	}
	big := make([]int64, len(powers))
	for i, p := range powers {
		big[i] = p * (types.MaxTotalVotingPower / total)
	}
	sets := [][]int64{powers, big}
	if len(powers) >= 4 {
		for i := range powers {
			if i == byz {
				continue
			}
			rest := total - powers[i]
			if byz < 0 || 3*powers[byz] < rest {
				fewer := append([]int64(nil), powers...)
				fewer[i] = 0
				sets = append(sets, fewer)
			}
			break
		}
	}
	return sets
}

// position is where peer to is: the height after its head and its round.
func (s *sim) position(to int) (int64, int32) {
	n := s.nodes[to]
	h, _ := n.head()
	var round int32
	if n.up && n.d != nil {
		round = n.d.core.Round()
	}
	return h + 1, round
}

// attack is one burst of what a hostile validator sends to peer to: all of
// it is refused (and the sender reported and cut off) or kept within bounds.
func (s *sim) attack(n *simNode, to int) {
	h, round := s.position(to)
	target := s.nodes[to]
	vals := s.valsAt(h)
	me := vals.Index(sha256Addr(n.pub))
	var out []*Message
	switch s.rng.IntN(10) {
	case 0: // votes for random hashes with garbage signatures, "by" anyone
		for range 4 {
			out = append(out, s.junkVote(h, round+int32(s.rng.IntN(3)), s.rng.IntN(len(vals.Validators)), 96))
		}
	case 1: // an over-long signature
		out = append(out, s.junkVote(h, round, s.rng.IntN(len(vals.Validators)), 4096+s.rng.IntN(4096)))
	case 2: // far rounds, validly signed by itself
		if me >= 0 {
			for range 3 {
				r := round + 5 + int32(s.rng.IntN(1000))
				v := &Vote{Height: h, Round: r, Type: types.Prevote, ValidatorIndex: int32(me)}
				v.Signature = simSig(n.pub, types.VoteSignBytes(s.coreCfg.ChainID, h, r, v.Type, nil))
				out = append(out, &Message{Msg: &Message_Vote{Vote: v}})
			}
		}
	case 3: // later heights
		for range 4 {
			out = append(out, s.junkVote(h+1+s.rng.Int64N(100), 0, s.rng.IntN(len(vals.Validators)), 96))
		}
	case 4: // proposals for later rounds, validly signed by itself
		if me >= 0 {
			b := s.buildBlock(target)
			r := round + 1 + int32(s.rng.IntN(50))
			p := &Proposal{Height: h, Round: r, PolRound: -1, Block: b, ProposerIndex: int32(me)}
			p.Signature = simSig(n.pub, types.ProposalSignBytes(s.coreCfg.ChainID, h, r, -1, types.BlockHash(b)))
			out = append(out, &Message{Msg: &Message_Proposal{Proposal: p}})
		}
	case 5: // catch-up from the start, again and again
		for range 3 {
			out = append(out, &Message{Msg: &Message_Status{Status: &Status{Height: 1, ValidRound: -1}}})
		}
	case 6: // a commit with a made-up certificate
		b := s.buildBlock(target)
		cert := &types.Certificate{Height: h, BlockHash: types.BlockHash(b), Signers: make([]byte, (len(vals.Validators)+7)/8),
			AggSig: bytes.Repeat([]byte{7}, 96), Scheme: types.CertSchemeBDN}
		for i := range vals.Validators {
			types.SetBit(cert.Signers, i)
		}
		out = append(out, &Message{Msg: &Message_Commit{Commit: &Commit{Block: b, Cert: cert}}})
	case 7: // bytes that are no message
		s.sendRaw(n, to, []byte{0x0a, 0xff, 0xff, 0xff})
	case 8: // compact proposals of this round with a junk signature "by" its proposer, whose transactions no one has
		b := s.buildBlock(target)
		hashes := [][]byte{types.TxFullHash(&types.Transaction{Nonce: s.rng.Int64()})}
		b.Txs = nil
		p := &Proposal{Height: h, Round: round, PolRound: -1, Block: b, ProposerIndex: int32(newValSet(vals).proposer(round)), Signature: bytes.Repeat([]byte{9}, 96)}
		out = append(out, &Message{Msg: &Message_Compact{Compact: &CompactProposal{Proposal: p, TxHashes: hashes}}})
	case 9: // transactions nobody asked for or that are not the proposal's, and requests past the end of a block
		for r := range round + 1 {
			tx := types.AppendTx(nil, &types.Transaction{Execer: []byte("coins"), Nonce: s.rng.Int64()}, true, true)
			out = append(out, &Message{Msg: &Message_Txs{Txs: &Txs{Height: h, Round: r, Indexes: []uint32{0}, Txs: [][]byte{tx}}}},
				&Message{Msg: &Message_TxsRequest{TxsRequest: &TxsRequest{Height: h, Round: r, Indexes: []uint32{1 << 20}}}})
		}
	}
	for _, m := range out {
		s.sendMsg(n, to, m)
	}
	s.stats.attacks++
}

func sha256Addr(pub []byte) []byte {
	a := sha256.Sum256(pub)
	return a[:20]
}

// junkVote is a vote of height h and round r "by" validator i with a random
// hash and sigLen random bytes of signature.
func (s *sim) junkVote(h int64, r int32, i, sigLen int) *Message {
	hash := make([]byte, 32)
	sig := make([]byte, sigLen)
	for j := range hash {
		hash[j] = byte(s.rng.IntN(256))
	}
	for j := range sig {
		sig[j] = byte(s.rng.IntN(256))
	}
	return &Message{Msg: &Message_Vote{Vote: &Vote{Height: h, Round: r, Type: uint32(1 + s.rng.IntN(2)), BlockHash: hash, ValidatorIndex: int32(i), Signature: sig}}}
}

// forge is the rogue validator at work on peer to: a certificate "signed"
// by every validator with its key alone (as plain aggregation would accept),
// for a block of its own at to's next height, and groups of nil votes "by"
// every validator that sum to its own signature (which, accepted, would push
// to from round to round without end).
func (s *sim) forge(n *simNode, to int) {
	h, round := s.position(to)
	target := s.nodes[to]
	vals := s.valsAt(h)
	all := make([]byte, (len(vals.Validators)+7)/8)
	for i := range vals.Validators {
		types.SetBit(all, i)
	}
	b := s.buildBlock(target)
	hash := types.BlockHash(b)
	scheme := types.CertSchemeLegacy
	if s.rng.IntN(2) == 0 {
		scheme = types.CertSchemeBDN
	}
	cert := &types.Certificate{Height: h, BlockHash: hash, Signers: all, Scheme: scheme,
		AggSig: simSig(n.pub, types.VoteSignBytes(s.coreCfg.ChainID, h, 0, types.Precommit, hash))}
	s.sendMsg(n, to, &Message{Msg: &Message_Commit{Commit: &Commit{Block: b, Cert: cert}}})
	for _, typ := range []uint32{types.Prevote, types.Precommit} {
		r := round + int32(s.rng.IntN(2))
		msg := types.VoteSignBytes(s.coreCfg.ChainID, h, r, typ, nil)
		rest := simSig(n.pub, msg) // the sum of the group must be this
		var votes []*Vote
		for i, v := range vals.Validators {
			sig := make([]byte, 96)
			if bytes.Equal(v.PubKey, n.pub) {
				votes = append(votes, &Vote{Height: h, Round: r, Type: typ, ValidatorIndex: int32(i)})
				continue
			}
			for j := range sig {
				sig[j] = byte(s.rng.IntN(256))
				rest[j] ^= sig[j]
			}
			votes = append(votes, &Vote{Height: h, Round: r, Type: typ, ValidatorIndex: int32(i), Signature: sig})
		}
		for _, v := range votes {
			if v.Signature == nil {
				v.Signature = rest
			}
		}
		var pubs [][]byte
		for _, v := range vals.Validators {
			pubs = append(pubs, v.PubKey)
		}
		if !(simVerifier{}).VerifyLegacyAggregate(pubs, msg, xorAll(votes)) {
			s.fail("the rogue's vote group does not pass the plain-sum model: %d votes, %d pubs, rogue %x in set %v", len(votes), len(pubs), n.pub, vals.Index(sha256Addr(n.pub)))
		}
		for _, v := range votes {
			s.sendMsg(n, to, &Message{Msg: &Message_Vote{Vote: v}})
		}
	}
	s.stats.forgeries++
}

func xorAll(votes []*Vote) []byte {
	agg := make([]byte, 96)
	for _, v := range votes {
		for i, b := range v.Signature {
			agg[i] ^= b
		}
	}
	return agg
}

func (s *sim) sendMsg(n *simNode, to int, m *Message) {
	b, err := proto.Marshal(m)
	if err != nil {
		s.fail("marshal: %v", err)
	}
	s.sendRaw(n, to, b)
}

// sendRaw sends as n's current incarnation would.
func (s *sim) sendRaw(n *simNode, to int, data []byte) {
	s.send(&proc{s: s, n: n, epoch: n.epoch}, to, data)
}

// storageFault is the error of n's WAL (wal) or signer (!wal) at the moment,
// nil when its disk works.
func (s *sim) storageFault(n *simNode, wal bool) error {
	c := s.cfg
	if n.id != c.storage || wal != c.storageWAL || s.now < c.storageAt || s.now >= c.storageEnd {
		return nil
	}
	if wal {
		return fmt.Errorf("wal: write wal/%020d.wal: %w", n.walTop, syscall.ENOSPC)
	}
	return fmt.Errorf("persist double-sign guard sign_state.json: %w", syscall.ENOSPC)
}

func (k byzKind) String() string { return byzNames[k] }
