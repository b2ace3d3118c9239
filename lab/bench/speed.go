package bench

import (
	"fmt"
	"strconv"
	"time"

	"github.com/decred/dcrd/dcrec/secp256k1/v4"
	gethsecp "github.com/ethereum/go-ethereum/crypto/secp256k1"

	"chain33node/crypto"
	"chain33node/lab/cluster"
	"chain33node/lab/load"
)

// SignatureCheck times libsecp256k1's secp256k1 signature check on one
// core (what `go test -bench 'Secp256k1Verify/libsecp256k1$' ./crypto`
// times): the median of three 300 ms runs. The host's speed varies by a
// third from hour to hour here, and every figure of the report scales with
// it, so the report gives it before and after the run. It is the library's
// check, not the node's (a key that signs often is checked with its table,
// in half the time), so that the figure stays the machine's whatever the
// node does.
func SignatureCheck() (time.Duration, error) {
	k, err := secp256k1.GeneratePrivateKey()
	if err != nil {
		return 0, err
	}
	hash := crypto.Sha256([]byte("machine speed"))
	sig, err := gethsecp.Sign(hash, k.Serialize())
	if err != nil {
		return 0, err
	}
	pub := k.PubKey().SerializeUncompressed()
	var runs []time.Duration
	for range 3 {
		n, start := 0, time.Now()
		for time.Since(start) < 300*time.Millisecond {
			if !gethsecp.VerifySignature(pub, hash, sig[:64]) {
				return 0, fmt.Errorf("a signature does not verify")
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
		return fmt.Sprintf("Machine speed: libsecp256k1's secp256k1 signature check (what `go test -bench "+
			"'Secp256k1Verify/libsecp256k1$' ./crypto` times) took %s on one core before the run and %s after; "+
			"the figures below move with it.", us(before), us(after))
	case before > 0:
		return fmt.Sprintf("Machine speed: libsecp256k1's secp256k1 signature check took %s on one core before the run.", us(before))
	}
	return ""
}

// speed is SignatureCheck once the nodes are quiet (0 if it failed): right
// after a case they compact and collect for seconds, and a check timed then
// took up to 190 µs against the machine's 30-40.
func speed(nodes []*cluster.Node) time.Duration {
	var pids []int
	for _, n := range nodes {
		if pid := n.Pid(); pid > 0 {
			pids = append(pids, pid)
		}
	}
	waitQuiet(pids, 20*time.Second)
	d, _ := SignatureCheck()
	return d
}

// waitQuiet waits until the processes pids together use less than a tenth
// of a core over a second, or for at most limit.
func waitQuiet(pids []int, limit time.Duration) {
	cpu := func() (total int64) {
		for _, pid := range pids {
			c, _ := load.ProcCPU(strconv.Itoa(pid))
			total += c
		}
		return total
	}
	for end := time.Now().Add(limit); time.Now().Before(end); {
		before := cpu()
		time.Sleep(time.Second)
		if float64(cpu()-before)/load.ClockTick < 0.1 {
			return
		}
	}
}

// speedCell is a report's cell of a case's Speed: the check before and after
// it, in µs.
func speedCell(s [2]time.Duration) string {
	us := func(d time.Duration) string {
		if d <= 0 {
			return "?"
		}
		return fmt.Sprintf("%.1f", float64(d.Nanoseconds())/1000)
	}
	return us(s[0]) + " / " + us(s[1])
}
