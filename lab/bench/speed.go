package bench

import (
	"fmt"
	"time"

	"chain33node/crypto"
	"chain33node/types"
)

// SignatureCheck times the node's secp256k1 transaction signature check on
// one core (types.VerifySignature, what `go test -bench
// 'VerifySignature/secp256k1$' ./types` times): the median of three 300 ms
// runs. The host's speed varies by a third from hour to hour here, and every
// figure of the report scales with it, so the report gives it before and
// after the run.
func SignatureCheck() (time.Duration, error) {
	k, err := crypto.GenerateSigner(crypto.SignTypeSecp256k1)
	if err != nil {
		return 0, err
	}
	tx := &types.Transaction{Execer: []byte("coins"), Payload: []byte{0x18, 0x01}, Fee: 100000, Nonce: 1,
		To: "14KEKbYtKKQm4wMthSK9J4La4nAiidGozt"}
	types.Sign(tx, k)
	var runs []time.Duration
	for range 3 {
		n, start := 0, time.Now()
		for time.Since(start) < 300*time.Millisecond {
			if !types.VerifySignature(tx) {
				return 0, fmt.Errorf("a signed transaction does not verify")
			}
			n++
		}
		runs = append(runs, time.Since(start)/time.Duration(n))
	}
	return median(runs), nil
}

// Speed is the report's line on the machine's speed: a signature check
// before and after the run (0: not measured).
func Speed(before, after time.Duration) string {
	us := func(d time.Duration) string { return fmt.Sprintf("%.1f µs", float64(d.Nanoseconds())/1000) }
	switch {
	case before > 0 && after > 0:
		return fmt.Sprintf("Machine speed: a secp256k1 transaction signature check (what `go test -bench "+
			"'VerifySignature/secp256k1$' ./types` times) took %s on one core before the run and %s after; "+
			"the figures below move with it.", us(before), us(after))
	case before > 0:
		return fmt.Sprintf("Machine speed: a secp256k1 transaction signature check took %s on one core before the run.", us(before))
	}
	return ""
}
