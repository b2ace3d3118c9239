package types

import "crypto/sha256"

// chain33's merkle tree: a parent is SHA-256(SHA-256(left ‖ right)); an odd
// level duplicates its last node; no leaves gives 32 zero bytes.

func parent(l, r []byte) []byte {
	var buf [64]byte
	copy(buf[:32], l)
	copy(buf[32:], r)
	h := sha256.Sum256(buf[:])
	h = sha256.Sum256(h[:])
	return h[:]
}

// nextLevel hashes a level's pairs into the level above it.
func nextLevel(level [][]byte) [][]byte {
	next := make([][]byte, (len(level)+1)/2)
	for i := range next {
		l := level[2*i]
		r := l
		if 2*i+1 < len(level) {
			r = level[2*i+1]
		}
		next[i] = parent(l, r)
	}
	return next
}

// MerkleRoot computes the root over 32-byte leaves.
func MerkleRoot(leaves [][]byte) []byte {
	if len(leaves) == 0 {
		return make([]byte, 32)
	}
	level := leaves
	for len(level) > 1 {
		level = nextLevel(level)
	}
	return level[0]
}

// MerkleBranch returns the sibling hashes from leaf index up to the root, the
// "proofs" of chain33's TxProof.
func MerkleBranch(leaves [][]byte, index int) [][]byte {
	return MerkleLevels(leaves).Branch(index)
}

// MerkleTree is every level of a merkle tree, the leaves first and the root
// last: the branch of any leaf without hashing again.
type MerkleTree [][][]byte

// MerkleLevels builds the tree over leaves.
func MerkleLevels(leaves [][]byte) MerkleTree {
	t := MerkleTree{leaves}
	for level := leaves; len(level) > 1; {
		level = nextLevel(level)
		t = append(t, level)
	}
	return t
}

// Branch is MerkleBranch of the tree's leaves.
func (t MerkleTree) Branch(index int) [][]byte {
	var branch [][]byte
	for _, level := range t {
		if len(level) <= 1 {
			break
		}
		sib := index ^ 1
		if sib >= len(level) {
			sib = index
		}
		branch = append(branch, level[sib])
		index /= 2
	}
	return branch
}

// MerkleRootFromBranch recomputes the root from a leaf, its branch and index.
func MerkleRootFromBranch(leaf []byte, branch [][]byte, index int) []byte {
	h := leaf
	for _, s := range branch {
		if index&1 == 1 {
			h = parent(s, h)
		} else {
			h = parent(h, s)
		}
		index /= 2
	}
	return h
}
