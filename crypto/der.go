package crypto

import (
	"math/big"

	"google.golang.org/protobuf/encoding/protowire"
)

// parseDERSignature parses an ECDSA-style signature SEQUENCE { INTEGER r,
// INTEGER s } with the reference's rules for secp256r1 and sm2 (btcec's
// strict DER parser: short-form lengths, minimal non-negative integers,
// 1 ≤ r, s < n). The reference ignores bytes after the sequence; a signature
// with trailing bytes is a malleation of a valid one and is refused here.
func parseDERSignature(sig []byte, n *big.Int) (r, s *big.Int, ok bool) {
	if len(sig) < 8 || sig[0] != 0x30 || int(sig[1]) != len(sig)-2 {
		return nil, nil, false
	}
	rest := sig[2:]
	r, rest, ok = parseDERInt(rest, n)
	if !ok {
		return nil, nil, false
	}
	s, rest, ok = parseDERInt(rest, n)
	if !ok || len(rest) != 0 {
		return nil, nil, false
	}
	return r, s, true
}

func parseDERInt(b []byte, n *big.Int) (*big.Int, []byte, bool) {
	if len(b) < 3 || b[0] != 0x02 {
		return nil, nil, false
	}
	l := int(b[1])
	if l == 0 || l >= 0x80 || l > len(b)-2 {
		return nil, nil, false
	}
	v := b[2 : 2+l]
	if v[0]&0x80 != 0 || (l > 1 && v[0] == 0 && v[1]&0x80 == 0) {
		return nil, nil, false // negative or not minimal
	}
	x := new(big.Int).SetBytes(v)
	if x.Sign() == 0 || x.Cmp(n) >= 0 {
		return nil, nil, false
	}
	return x, b[2+l:], true
}

// encodeDERSignature is the DER form of (r, s), as the reference writes it.
func encodeDERSignature(r, s *big.Int) []byte {
	rb, sb := derInt(r), derInt(s)
	out := make([]byte, 0, 6+len(rb)+len(sb))
	out = append(out, 0x30, byte(4+len(rb)+len(sb)), 0x02, byte(len(rb)))
	out = append(out, rb...)
	out = append(out, 0x02, byte(len(sb)))
	return append(out, sb...)
}

func derInt(x *big.Int) []byte {
	b := x.Bytes()
	if len(b) == 0 || b[0]&0x80 != 0 {
		b = append([]byte{0}, b...)
	}
	return b
}

// certSignature is the reference's CertSignature{signature=1, cert=2, uid=3}
// (system/crypto/common/cert.proto): SDKs in certificate mode wrap the plain
// signature in it. The reference tries to decode every secp256r1 and sm2
// signature as one (a DER signature never decodes: its second byte starts a
// field numbered 0) and, with certificate checks off as configured here,
// verifies the inner signature (sm2 with the inner user id).
type certSignature struct {
	sig, cert, uid []byte
}

// decodeCertSignature decodes b as protobuf-go does: fields in any order,
// last one wins, unknown fields and fields of an unexpected wire type
// skipped; ok is false when b is not a well-formed protobuf message.
func decodeCertSignature(b []byte) (c certSignature, ok bool) {
	ok = walkProto(b, func(num protowire.Number, typ protowire.Type, v []byte, _ uint64) bool {
		if typ != protowire.BytesType {
			return true
		}
		switch num {
		case 1:
			c.sig = v
		case 2:
			c.cert = v
		case 3:
			c.uid = v
		}
		return true
	})
	return c, ok
}

// walkProto calls f for each field of a protobuf message in wire order with
// its bytes (length-delimited fields) or varint/fixed value. It reports false
// when b is malformed or f returns false.
func walkProto(b []byte, f func(num protowire.Number, typ protowire.Type, v []byte, u uint64) bool) bool {
	for len(b) > 0 {
		num, typ, n := protowire.ConsumeTag(b)
		if n < 0 {
			return false
		}
		b = b[n:]
		var v []byte
		var u uint64
		switch typ {
		case protowire.VarintType:
			u, n = protowire.ConsumeVarint(b)
		case protowire.Fixed32Type:
			var x uint32
			x, n = protowire.ConsumeFixed32(b)
			u = uint64(x)
		case protowire.Fixed64Type:
			u, n = protowire.ConsumeFixed64(b)
		case protowire.BytesType:
			v, n = protowire.ConsumeBytes(b)
		default:
			n = protowire.ConsumeFieldValue(num, typ, b)
		}
		if n < 0 || !f(num, typ, v, u) {
			return false
		}
		b = b[n:]
	}
	return true
}
