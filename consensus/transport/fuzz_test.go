package transport

import (
	"bufio"
	"bytes"
	"reflect"
	"testing"

	"chain33node/netkit"
)

// Seed corpora: testdata/fuzz/<Name>/, run by plain `go test`; `make fuzz` runs each target briefly.

// FuzzHello: any hello bytes decode or fail cleanly; what decodes re-encodes to itself and passes the size
// checks; proof verification of whatever key and signature never panics.
func FuzzHello(f *testing.F) {
	f.Fuzz(func(t *testing.T, data, sig []byte) {
		var m hello
		if err := m.unmarshal(data); err != nil {
			return
		}
		if len(m.nonce) != nonceSize || len(m.nodeKey) > 48 || len(m.listenAddr) > maxListenAddr || len(m.chainID) > len(data) {
			t.Fatalf("decoded hello out of bounds: %+v", m)
		}
		var again hello
		if err := again.unmarshal(m.marshal()); err != nil || !reflect.DeepEqual(m, again) {
			t.Fatalf("re-encoded hello: %v, %+v != %+v", err, again, m)
		}
		// A proof that verifies for one stream never verifies for the same nonces with the peer IDs swapped
		// (the validator seed holds a genuine one).
		if len(m.nodeKey) > 0 && verifyProof(nil, m.nodeKey, proofBytes(m.chainID, m.genesisHash, "signer", "verifier", m.nonce, m.nonce), sig) == nil &&
			verifyProof(nil, m.nodeKey, proofBytes(m.chainID, m.genesisHash, "verifier", "signer", m.nonce, m.nonce), sig) == nil {
			t.Fatalf("proof %x verifies for both directions", sig)
		}
	})
}

// FuzzInbound: the bytes a peer sends on a new stream, read as we read them (hello, proof, then message
// frames), fail cleanly and never yield a frame over its limit.
func FuzzInbound(f *testing.F) {
	const limit = 1 << 10
	f.Fuzz(func(t *testing.T, data []byte) {
		br := bufio.NewReader(bytes.NewReader(data))
		m, err := readHello(br)
		if err != nil {
			return
		}
		proof, err := readProof(br, len(m.nodeKey) > 0)
		if err != nil {
			return
		}
		if len(proof) != 0 && len(proof) != 96 {
			t.Fatalf("proof of %d bytes accepted", len(proof))
		}
		total := 0
		for {
			b, err := netkit.ReadFrame(br, limit)
			if err != nil {
				break
			}
			if total += len(b); len(b) > limit || total > len(data) {
				t.Fatalf("frame of %d bytes (limit %d), %d in all from %d bytes of input", len(b), limit, total, len(data))
			}
		}
	})
}
