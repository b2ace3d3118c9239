package qbft

import (
	"bytes"
	"errors"
	"fmt"

	"chain33node/types"

	"google.golang.org/protobuf/proto"
)

// VerifyCertificate checks that cert commits blockHash at its height: the
// signers (bitmap over vals, the set that validated that height) hold more
// than 2/3 of the power and their aggregate signature over the precommit
// sign bytes is valid. Anyone holding the validator set can check it.
func VerifyCertificate(chainID string, vals *types.ValidatorSet, v Verifier, cert *Certificate, blockHash []byte) error {
	if cert == nil {
		return errors.New("no certificate")
	}
	if !bytes.Equal(cert.BlockHash, blockHash) {
		return fmt.Errorf("certificate is for block 0x%x, not 0x%x", cert.BlockHash, blockHash)
	}
	n := len(vals.Validators)
	if len(cert.Signers) != (n+7)/8 {
		return fmt.Errorf("signer bitmap of %d bytes for %d validators", len(cert.Signers), n)
	}
	var pubs [][]byte
	var power int64
	for i := range len(cert.Signers) * 8 {
		if !bitSet(cert.Signers, i) {
			continue
		}
		if i >= n {
			return fmt.Errorf("signer bit %d beyond %d validators", i, n)
		}
		pubs = append(pubs, vals.Validators[i].PubKey)
		power += vals.Validators[i].Power
	}
	vs := newValSet(vals)
	if power < vs.quorum {
		return fmt.Errorf("signers hold power %d of %d, need %d", power, vs.total, vs.quorum)
	}
	msg := VoteSignBytes(chainID, cert.Height, cert.Round, Precommit, blockHash)
	if !v.VerifyAggregate(pubs, msg, cert.AggSig) {
		return errors.New("certificate signature invalid")
	}
	return nil
}

// EncodeCertificate is the stored form (store keeps certificates opaque).
func EncodeCertificate(c *Certificate) []byte {
	b, err := proto.Marshal(c)
	if err != nil {
		panic(err) // a plain message always encodes
	}
	return b
}

// DecodeCertificate parses a stored or received certificate.
func DecodeCertificate(b []byte) (*Certificate, error) {
	c := &Certificate{}
	if err := proto.Unmarshal(b, c); err != nil {
		return nil, fmt.Errorf("certificate: %w", err)
	}
	return c, nil
}
