package types

import (
	"bytes"
	"errors"
	"fmt"

	"google.golang.org/protobuf/proto"
)

// ErrBadCertificate is wrapped by every error of VerifyCertificate and
// DecodeCertificate: the certificate does not prove the commit it claims.
var ErrBadCertificate = errors.New("invalid commit certificate")

var errInvalidKeySet = errors.New("validator set with an invalid BLS key")

// Certificate schemes: how AggSig aggregates the precommit signatures.
const (
	// CertSchemeLegacy is the plain sum of earlier versions: whoever may
	// register a key can choose one that cancels the others' and sign for
	// the whole set alone. Accepted only below the verifier's
	// LegacyCertificatesBelow (the upgrade height of an existing chain).
	CertSchemeLegacy uint32 = 0
	// CertSchemeBDN weighs each signature with a coefficient derived from
	// the whole validator set (crypto.KeySet): what new certificates use.
	CertSchemeBDN uint32 = 1
)

// MaxCertificateSize bounds an encoded certificate: a bitmap for 100,000
// validators and a 96-byte signature fit with room to spare.
const MaxCertificateSize = 64 << 10

// NewCertificate aggregates the precommit signatures sigs of the signers in
// bitmap (validators of vals, in index order) for the block of height and
// hash in round into a certificate of the current scheme. Each of sigs must
// be valid (verified, or the caller's own): the certificate is then valid by
// construction, and a *BLSVerifier remembers it as checked, so that
// VerifyCertificate of it (when its block is committed) costs no pairing.
func NewCertificate(v Verifier, vals *ValidatorSet, chainID string, height int64, round int32, hash, bitmap []byte, sigs [][]byte) (*Certificate, error) {
	keys := ValidatorKeys(vals)
	agg, err := v.Aggregate(keys, bitmap, sigs)
	if err != nil {
		return nil, err
	}
	if bv, ok := v.(*BLSVerifier); ok {
		bv.remember(checkKey(keys, bitmap, VoteSignBytes(chainID, height, round, Precommit, hash), agg))
	}
	return &Certificate{Height: height, Round: round, BlockHash: hash, Signers: bitmap, AggSig: agg, Scheme: CertSchemeBDN}, nil
}

// ValidatorKeys returns the keys of vals in index order: the key set that
// certificates of its heights aggregate over.
func ValidatorKeys(vals *ValidatorSet) [][]byte {
	keys := make([][]byte, len(vals.Validators))
	for i, v := range vals.Validators {
		keys[i] = v.PubKey
	}
	return keys
}

// VerifyCertificate checks that cert commits the block of this height and
// hash: the signers (bitmap over vals, the set that validated that height)
// hold a quorum (more than 2/3) of the power and their multi-signature over
// the precommit sign bytes is valid. Anyone holding the validator set can
// check it.
func VerifyCertificate(chainID string, vals *ValidatorSet, v Verifier, cert *Certificate, height int64, blockHash []byte) error {
	if err := verifyCertificate(chainID, vals, v, cert, height, blockHash); err != nil {
		return fmt.Errorf("%w: %v", ErrBadCertificate, err)
	}
	return nil
}

func verifyCertificate(chainID string, vals *ValidatorSet, v Verifier, cert *Certificate, height int64, blockHash []byte) error {
	if cert == nil {
		return errors.New("no certificate")
	}
	if cert.Height != height {
		return fmt.Errorf("certificate of height %d for block %d", cert.Height, height)
	}
	if !bytes.Equal(cert.BlockHash, blockHash) {
		return fmt.Errorf("certificate is for block 0x%x, not 0x%x", cert.BlockHash, blockHash)
	}
	switch below := v.LegacyCertificatesBelow(); {
	case cert.Scheme == CertSchemeLegacy && height >= below:
		return fmt.Errorf("certificate of height %d aggregated without coefficients (scheme 0), accepted only below "+
			"legacyCertificatesBelow = %d", height, below)
	case cert.Scheme > CertSchemeBDN:
		return fmt.Errorf("certificate of unknown scheme %d", cert.Scheme)
	}
	n := len(vals.Validators)
	if len(cert.Signers) != (n+7)/8 {
		return fmt.Errorf("signer bitmap of %d bytes for %d validators", len(cert.Signers), n)
	}
	var pubs [][]byte
	var power int64
	for i := range len(cert.Signers) * 8 {
		if !BitSet(cert.Signers, i) {
			continue
		}
		if i >= n {
			return fmt.Errorf("signer bit %d beyond %d validators", i, n)
		}
		pubs = append(pubs, vals.Validators[i].PubKey)
		power += vals.Validators[i].Power
	}
	if q := vals.Quorum(); power < q {
		return fmt.Errorf("signers hold power %d of %d, need %d", power, vals.TotalPower(), q)
	}
	msg := VoteSignBytes(chainID, cert.Height, cert.Round, Precommit, blockHash)
	ok := false
	if cert.Scheme == CertSchemeBDN {
		ok = v.VerifyAggregate(ValidatorKeys(vals), cert.Signers, msg, cert.AggSig)
	} else {
		ok = v.VerifyLegacyAggregate(pubs, msg, cert.AggSig)
	}
	if !ok {
		return errors.New("certificate signature invalid")
	}
	return nil
}

// PreverifyCertificates checks the certificates of consecutive blocks
// (certs[i] for heights[i], hashes[i]) against one validator set as
// VerifyCertificate does, with one product of pairings for all when v is a
// *BLSVerifier, which then remembers them as passed: VerifyCertificate of
// each costs no pairing after. It reports whether all passed; if one did
// not, nothing is remembered and VerifyCertificate finds which, and why.
func PreverifyCertificates(chainID string, vals *ValidatorSet, v Verifier, certs []*Certificate, heights []int64, hashes [][]byte) bool {
	bv, ok := v.(*BLSVerifier)
	if !ok {
		for i, c := range certs {
			if VerifyCertificate(chainID, vals, v, c, heights[i], hashes[i]) != nil {
				return false
			}
		}
		return true
	}
	d := &deferredVerifier{Verifier: bv}
	for i, c := range certs {
		if verifyCertificate(chainID, vals, d, c, heights[i], hashes[i]) != nil {
			return false
		}
	}
	return bv.VerifyAggregates(d.checks)
}

// deferredVerifier collects the multi-signature checks of certificates
// (and passes the rest to its Verifier) for one VerifyAggregates.
type deferredVerifier struct {
	Verifier
	checks []AggregateCheck
}

func (d *deferredVerifier) VerifyAggregate(keys [][]byte, bitmap, msg, agg []byte) bool {
	d.checks = append(d.checks, AggregateCheck{Keys: keys, Bitmap: bitmap, Msg: msg, AggSig: agg})
	return true
}

// EncodeCertificate is the stored and transmitted form.
func EncodeCertificate(c *Certificate) []byte {
	b, err := proto.Marshal(c)
	if err != nil {
		panic(err) // a plain message always encodes
	}
	return b
}

// DecodeCertificate parses a stored or received certificate. Like
// DecodeBlock it accepts only the canonical encoding: certificates are stored
// and served as received, so bytes that no check covers are refused.
func DecodeCertificate(raw []byte) (*Certificate, error) {
	if len(raw) > MaxCertificateSize {
		return nil, fmt.Errorf("%w: %d bytes, limit %d", ErrBadCertificate, len(raw), MaxCertificateSize)
	}
	c := &Certificate{}
	if err := proto.Unmarshal(raw, c); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrBadCertificate, err)
	}
	if len(c.ProtoReflect().GetUnknown()) > 0 || proto.Size(c) != len(raw) {
		return nil, fmt.Errorf("%w: not the canonical encoding (unknown, repeated or trailing fields)", ErrBadCertificate)
	}
	return c, nil
}

// BitSet reports whether bit i of a bitmap (signers of a certificate, votes
// held) is set: bit i is bit i%8 of byte i/8, least significant first.
func BitSet(b []byte, i int) bool { return i/8 < len(b) && b[i/8]&(1<<(i%8)) != 0 }

// SetBit sets bit i of a bitmap that is long enough.
func SetBit(b []byte, i int) { b[i/8] |= 1 << (i % 8) }
