package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"chain33node/genesis"
	"chain33node/poll"
)

// A datadir belongs to the node that made it (datadir/identity.json): a
// copy of another node's datadir, or of another chain's, is refused before
// anything is written; the node's own datadir, and one made before
// identity.json, start.

// pubKey is the BLS public key of the priv_validator.json in d, as
// genesis.json and the node's messages write it.
func pubKey(t *testing.T, d *nodeDir) string {
	t.Helper()
	pv, err := genesis.LoadPrivValidator(d.path("priv_validator.json"))
	if err != nil {
		t.Fatal(err)
	}
	return pv.PubKey.Data
}

// otherValidator gives d the key of another validator of its chain.
func otherValidator(t *testing.T, d *nodeDir) {
	t.Helper()
	other := t.TempDir()
	if _, err := genesis.GenFile(other, 1, "bls"); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(filepath.Join(other, "priv_validator_0.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(d.path("priv_validator.json"), b, 0o600); err != nil {
		t.Fatal(err)
	}
}

func readIdentity(t *testing.T, d *nodeDir) map[string]string {
	t.Helper()
	b, err := os.ReadFile(d.path("datadir/identity.json"))
	if err != nil {
		t.Fatal(err)
	}
	var id map[string]string
	if err := json.Unmarshal(b, &id); err != nil {
		t.Fatal(err)
	}
	return id
}

func setMinerStart(t *testing.T, d *nodeDir, on bool) {
	t.Helper()
	b, err := os.ReadFile(d.path("chain.toml"))
	if err != nil {
		t.Fatal(err)
	}
	b = bytes.Replace(b, fmt.Appendf(nil, "minerstart=%v", !on), fmt.Appendf(nil, "minerstart=%v", on), 1)
	if err := os.WriteFile(d.path("chain.toml"), b, 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestStartOtherNodesDatadir(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the node binary")
	}
	t.Run("copied from another validator", func(t *testing.T) {
		d := seeded(t)
		owner := pubKey(t, d)
		otherValidator(t, d)
		failStart(t, d, []string{d.path("datadir"), "belongs to validator " + owner, "this node's key", pubKey(t, d),
			"copied from another node", "start with an empty datadir to sync", "-rebind-datadir"})
	})
	t.Run("copied from another validator, made before identity.json", func(t *testing.T) {
		d := seeded(t)
		os.Remove(d.path("datadir/identity.json"))
		otherValidator(t, d)
		failStart(t, d, []string{d.path("datadir/qbft/sign_state.json"), "signatures of another validator's key", pubKey(t, d),
			"could sign twice", "start with an empty datadir to sync"})
	})
	t.Run("a validator's, on a node without a validator key", func(t *testing.T) {
		d := seeded(t)
		owner := pubKey(t, d)
		setMinerStart(t, d, false)
		failStart(t, d, []string{"belongs to validator " + owner, "this node has no validator key", "minerstart=false", "-rebind-datadir"})
	})
	t.Run("of another chain, without its chain data", func(t *testing.T) {
		// The chain data would tell (TestStartFailures/genesis_of_another_chain);
		// without it, the rest of the datadir (signer state, WAL) is the other chain's.
		d := seeded(t)
		chainID := readIdentity(t, d)["chain_id"]
		os.RemoveAll(d.path("datadir/chain"))
		other := t.TempDir()
		if _, err := genesis.GenFile(other, 1, "bls"); err != nil {
			t.Fatal(err)
		}
		if err := os.Rename(filepath.Join(other, genesis.GenesisFileName), d.path("genesis.json")); err != nil {
			t.Fatal(err)
		}
		failStart(t, d, []string{d.path("datadir"), "belongs to chain \"" + chainID + "\"", "move the datadir away"})
	})
	t.Run("corrupt identity.json", func(t *testing.T) {
		d := seeded(t)
		if err := os.WriteFile(d.path("datadir/identity.json"), []byte("{"), 0o644); err != nil {
			t.Fatal(err)
		}
		failStart(t, d, []string{d.path("datadir/identity.json"), "corrupt", "-rebind-datadir"})
		d.flags = []string{"-rebind-datadir"}
		stop(t, d.start(t))
		if got := readIdentity(t, d)["validator"]; got != pubKey(t, d) {
			t.Errorf("identity.json validator %s after -rebind-datadir, want %s", got, pubKey(t, d))
		}
	})
}

// The node's own datadir restarts; one made before identity.json is bound
// on its first start (logged once); -rebind-datadir binds the node's own
// datadir to its new key.
func TestStartOwnDatadir(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the node binary")
	}
	t.Run("restart", func(t *testing.T) {
		d := seeded(t)
		id := readIdentity(t, d)
		if id["validator"] != pubKey(t, d) || !strings.HasPrefix(id["chain_id"], "chain33-") || id["p2p"] == "" || id["genesis"] == "" {
			t.Fatalf("identity.json of the seeded node: %v", id)
		}
		cmd := d.start(t)
		h := height(t, d)
		poll.Until(t, 30*time.Second, "a block committed on the own datadir", func() bool { return height(t, d) > h })
		stop(t, cmd)
		if got := readIdentity(t, d); !maps.Equal(got, id) {
			t.Errorf("identity.json changed on a restart: %v, was %v", got, id)
		}
	})
	t.Run("made before identity.json", func(t *testing.T) {
		d := seeded(t)
		want := readIdentity(t, d)
		os.Remove(d.path("datadir/identity.json"))
		stop(t, d.start(t))
		if got := readIdentity(t, d); !maps.Equal(got, want) {
			t.Errorf("identity.json written on adoption: %v, want %v", got, want)
		}
		stop(t, d.start(t))
		logs, _ := os.ReadFile(d.path("logs/node.log"))
		if c := strings.Count(string(logs), "datadir bound to this node"); c != 1 {
			t.Errorf("the adoption logged %d times, want once:\n%s", c, logs)
		}
	})
	t.Run("key replaced, -rebind-datadir", func(t *testing.T) {
		d := seeded(t)
		otherValidator(t, d)
		// The new key is no validator of this one-validator chain: the node
		// starts (at the seeded chain's height) and commits nothing.
		d.flags = []string{"-rebind-datadir"}
		stop(t, d.start(t))
		d.flags = nil
		stop(t, d.start(t)) // bound to the new key now
		if got := readIdentity(t, d)["validator"]; got != pubKey(t, d) {
			t.Errorf("identity.json validator %s after -rebind-datadir, want %s", got, pubKey(t, d))
		}
	})
}

// height is the node's chain33_height metric.
func height(t *testing.T, d *nodeDir) int64 {
	t.Helper()
	resp, err := http.Get("http://" + d.addr(d.metrics) + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	m := regexp.MustCompile(`(?m)^chain33_height (\d+)`).FindSubmatch(body)
	if m == nil {
		t.Fatalf("no chain33_height in /metrics")
	}
	h, _ := strconv.ParseInt(string(m[1]), 10, 64)
	return h
}

// A validator that goes on as a follower needs -rebind-datadir; a follower
// that becomes a validator (its key added by qbftNode) needs nothing.
func TestStartDatadirFollowerAndValidator(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the node binary")
	}
	d := seeded(t)
	setMinerStart(t, d, false)
	d.flags = []string{"-rebind-datadir"}
	stop(t, d.start(t))
	if id := readIdentity(t, d); id["validator"] != "" {
		t.Errorf("identity.json of a follower names validator %s", id["validator"])
	}
	d.flags = nil
	stop(t, d.start(t)) // a follower on its own datadir
	setMinerStart(t, d, true)
	cmd := d.start(t)
	h := height(t, d)
	poll.Until(t, 30*time.Second, "a block committed by the follower turned validator", func() bool { return height(t, d) > h })
	stop(t, cmd)
	if got := readIdentity(t, d)["validator"]; got != pubKey(t, d) {
		t.Errorf("identity.json validator %q, want %s", got, pubKey(t, d))
	}
}
