package node

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"

	"chain33node/atomicfile"
	"chain33node/consensus/qbft"
	"chain33node/crypto"
	"chain33node/health"
)

// A datadir is bound to the node that made it: identity.json names its chain
// and its validator key. A validator's datadir holds its double-sign guard
// (qbft/sign_state.json), its consensus WAL and its libp2p identities: a
// copy of another validator's datadir would replace this validator's record
// of what it signed with the other's (so it could sign twice) and run with
// the other's network identities. So the node refuses, before it writes, a
// datadir bound to another chain or validator. A datadir without
// identity.json (made before it) is bound on its first start, unless its
// signer state holds signatures of another key. -rebind-datadir binds a
// node's own datadir to its new key (key rotation: the old key's signer
// state stays, for heights the new key does not sign) or to no key (a
// validator that now only follows the chain).
//
// A follower's datadir holds no signer state and nothing outside it names
// the follower: a copy of it is not told from the original. It carries the
// original's p2p identity (p2p/node_key, qbft/node_key): delete those in the
// copy (README).

const identityFile = "identity.json"

// identity is what identity.json holds. Genesis and P2P are recorded for
// the operator (the chain data itself is checked against the genesis block;
// p2p/node_key may be deleted to get a new p2p identity).
type identity struct {
	ChainID   string `json:"chain_id"`            // genesis.json chain_id
	Genesis   string `json:"genesis,omitempty"`   // genesis block hash, 0x hex
	Validator string `json:"validator,omitempty"` // BLS public key, hex as in genesis.json; "" for a follower
	P2P       string `json:"p2p,omitempty"`       // peer ID of p2p/node_key
}

// who names the node an identity belongs to, for messages.
func (id identity) who() string {
	if id.Validator == "" {
		return "a node without a validator key"
	}
	return "validator " + id.Validator
}

// checkIdentity checks, without writing, that the datadir belongs to this
// node (mine: its chain and validator key; signer nil for a follower). It
// returns the bound identity (nil when none yet) and whether the datadir
// held data already.
func checkIdentity(p paths, mine identity, signer *qbft.FileSigner, rebind bool) (*identity, bool, error) {
	path := filepath.Join(p.data, identityFile)
	existed := false
	for _, dir := range []string{p.chain, p.qbft} {
		if _, err := os.Stat(dir); err == nil {
			existed = true
		}
	}
	bound, err := readIdentity(path)
	if err != nil && !rebind {
		return nil, existed, err
	}
	if bound != nil && bound.ChainID != mine.ChainID {
		return nil, existed, fmt.Errorf("datadir %s belongs to chain %q (%s) but this node's genesis.json is of chain %q: "+
			"move the datadir away to start this chain here, or use that chain's genesis.json", p.data, bound.ChainID, path, mine.ChainID)
	}
	if bound != nil && bound.Validator != mine.Validator && !rebind && (bound.Validator != "" || signer == nil) {
		mineIs := "this node's key ([consensus.sub.qbft] privFile) is " + mine.Validator
		if signer == nil {
			mineIs = "this node has no validator key ([consensus] minerstart=false)"
		}
		return nil, existed, fmt.Errorf("datadir %s belongs to %s but %s: a datadir copied from another node cannot be used "+
			"(its signer state, WAL and network identity are that node's); start with an empty datadir to sync, or use this node's own datadir; "+
			"if this is this node's own datadir and its validator key was replaced or removed on purpose, start once with -rebind-datadir",
			p.data, bound.who(), mineIs)
	}
	if bound == nil && signer != nil && !rebind {
		if err := checkSignerState(signer, filepath.Join(p.qbft, "sign_state.json")); err != nil {
			return nil, existed, err
		}
	}
	return bound, existed, nil
}

// readIdentity reads identity.json; nil, nil when there is none.
func readIdentity(path string) (*identity, error) {
	raw, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("datadir identity %s cannot be read (%v): make it readable by the user running the node", path, err)
	}
	var id identity
	if err := json.Unmarshal(raw, &id); err != nil || id.ChainID == "" {
		if err == nil {
			err = errors.New("no chain_id")
		}
		return nil, fmt.Errorf("datadir identity %s is corrupt (%v): if this is this node's own datadir, start once with -rebind-datadir to write it again", path, err)
	}
	return &id, nil
}

// checkSignerState refuses a last-signed record with signatures that are
// not of this validator's key: it was copied from another validator, and
// this validator's own record is not here.
func checkSignerState(signer *qbft.FileSigner, path string) error {
	pub, err := crypto.BLSPubKeyFromBytes(signer.PubKey())
	if err != nil {
		return err
	}
	for _, s := range signer.Last().Signed {
		if !pub.Verify(s.SignBytes, s.Signature) {
			return fmt.Errorf("signer state %s holds signatures of another validator's key, not of this node's %X: "+
				"it was copied from another node, and this validator's own record of what it signed is elsewhere (without it the node could sign twice); "+
				"use this node's own datadir, or start with an empty datadir to sync", path, signer.PubKey())
		}
	}
	return nil
}

// bindIdentity writes identity.json if it differs from what the node is
// now (first start, key rotated with -rebind-datadir, new p2p key) and says
// so once.
func bindIdentity(p paths, bound *identity, existed bool, now identity, log *slog.Logger) error {
	if bound != nil && *bound == now {
		return nil
	}
	raw, err := json.MarshalIndent(now, "", "    ")
	if err != nil {
		return err
	}
	path := filepath.Join(p.data, identityFile)
	if err := atomicfile.Write(path, append(raw, '\n'), 0o644); err != nil {
		return fmt.Errorf("write datadir identity %s: %w: %s", path, err, health.DiskHint(err))
	}
	switch {
	case bound == nil && existed:
		log.Info("datadir bound to this node (made before identity.json)", "file", path, "node", now.who(), "chain_id", now.ChainID)
	case bound != nil && bound.Validator != now.Validator:
		log.Warn("datadir now bound to this node's key", "file", path, "was", bound.who(), "now", now.who())
	case bound != nil && bound.P2P != now.P2P:
		log.Info("datadir identity: new p2p identity", "was", bound.P2P, "now", now.P2P)
	}
	return nil
}
