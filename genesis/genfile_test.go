package genesis

import (
	"encoding/json"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"
)

func TestGenFile(t *testing.T) {
	dir := t.TempDir()
	paths, err := GenFile(dir, 3, "bls")
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"priv_validator_0.json", "priv_validator_1.json", "priv_validator_2.json", "genesis_file.json"}
	if len(paths) != len(want) {
		t.Fatalf("paths = %v", paths)
	}
	for i, p := range paths {
		if p != filepath.Join(dir, want[i]) {
			t.Errorf("paths[%d] = %s, want %s", i, p, want[i])
		}
	}
	pubs := make([]string, 3)
	for i := range 3 {
		pv, err := LoadPrivValidator(paths[i])
		if err != nil {
			t.Fatal(err)
		}
		checkMode(t, paths[i], 0o600)
		pubs[i] = pv.PubKey.Data
	}
	checkMode(t, paths[3], 0o644)
	doc1 := checkGenesisFile(t, paths[3], pubs)

	// A rerun keeps the keys (and does not rewrite them) but picks a new chain id.
	before := readFile(t, paths[1])
	os.Chmod(paths[1], 0o400) // a rewrite would fail
	paths2, err := GenFile(dir, 3, "bls")
	if err != nil {
		t.Fatal(err)
	}
	if readFile(t, paths2[1]) != before {
		t.Error("existing key file rewritten")
	}
	doc2 := checkGenesisFile(t, paths2[3], pubs)
	if doc2.ChainID == doc1.ChainID {
		t.Errorf("chain id reused: %s", doc2.ChainID)
	}

	// Growing the set keeps the existing keys and adds one.
	paths3, err := GenFile(dir, 4, "bls")
	if err != nil {
		t.Fatal(err)
	}
	pv3, err := LoadPrivValidator(paths3[3])
	if err != nil {
		t.Fatal(err)
	}
	checkGenesisFile(t, paths3[4], append(pubs, pv3.PubKey.Data))
}

// testsBegan is before any genesis file of these tests was made (a second
// earlier, in case a time is written without its fraction).
var testsBegan = time.Now().Add(-time.Second)

// checkGenesisFile checks the raw shape and content of a gen_file output.
func checkGenesisFile(t *testing.T, path string, pubs []string) *Doc {
	t.Helper()
	raw := readFile(t, path)
	var m map[string]json.RawMessage
	if err := json.Unmarshal([]byte(raw), &m); err != nil {
		t.Fatal(err)
	}
	keys := fmt.Sprint(slices.Sorted(maps.Keys(m)))
	if keys != "[app_hash chain_id genesis_time validators]" || string(m["app_hash"]) != "null" {
		t.Errorf("genesis keys %s, app_hash %s", keys, m["app_hash"])
	}
	// Field order as the reference.
	if i, j, k := strings.Index(raw, `"genesis_time"`), strings.Index(raw, `"chain_id"`), strings.Index(raw, `"validators"`); !(i < j && j < k) {
		t.Errorf("field order:\n%s", raw)
	}
	var ts string
	json.Unmarshal(m["genesis_time"], &ts)
	gt, err := time.Parse(time.RFC3339Nano, ts)
	if err != nil || gt.Before(testsBegan) || gt.After(time.Now()) {
		t.Errorf("genesis_time %q: %v; want a time since the tests began (%v)", ts, err, testsBegan)
	}
	if _, off := time.Now().Zone(); func() int { _, o := gt.Zone(); return o }() != off {
		t.Errorf("genesis_time %q not in the local zone", ts)
	}
	d, err := LoadDoc(path)
	if err != nil {
		t.Fatal(err)
	}
	if !regexp.MustCompile(`^chain33-[0-9A-Za-z]{6}$`).MatchString(d.ChainID) {
		t.Errorf("chain_id %q", d.ChainID)
	}
	if len(d.GenesisValidators) != len(pubs) {
		t.Fatalf("%d validators, want %d", len(d.GenesisValidators), len(pubs))
	}
	for i, v := range d.GenesisValidators {
		if v.PubKey != (KeyText{Type: "bls", Data: pubs[i]}) || v.Power != 10 || v.Name != "" {
			t.Errorf("validators[%d] = %+v", i, v)
		}
	}
	return d
}

func TestGenFileErrors(t *testing.T) {
	dir := t.TempDir()
	for _, typ := range []string{"ed25519", "secp256k1", "BLS", ""} {
		if _, err := GenFile(dir, 1, typ); err == nil || !strings.Contains(err.Error(), "only bls is supported for qbft") {
			t.Errorf("type %q: err = %v", typ, err)
		}
	}
	for _, n := range []int{0, -1} {
		if _, err := GenFile(dir, n, "bls"); err == nil {
			t.Errorf("n=%d: no error", n)
		}
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("files written on error: %v", entries)
	}
	// A corrupt existing key file is an error, and is left alone.
	bad := filepath.Join(dir, "priv_validator_0.json")
	writeFile(t, bad, `{"address":"00"}`)
	if _, err := GenFile(dir, 2, "bls"); err == nil || !strings.Contains(err.Error(), bad) {
		t.Errorf("corrupt key: err = %v", err)
	}
	if readFile(t, bad) != `{"address":"00"}` {
		t.Error("corrupt key file overwritten")
	}
	if _, err := os.Stat(filepath.Join(dir, GenesisFileName)); err == nil {
		t.Error("genesis written despite the error")
	}
	// The same key in two files cannot make a genesis.
	dir2 := t.TempDir()
	GenFile(dir2, 1, "bls")
	os.WriteFile(filepath.Join(dir2, "priv_validator_1.json"), []byte(readFile(t, filepath.Join(dir2, "priv_validator_0.json"))), 0o600)
	if _, err := GenFile(dir2, 2, "bls"); err == nil || !strings.Contains(err.Error(), "duplicate") {
		t.Errorf("duplicate key: err = %v", err)
	}
}

func TestNewChainID(t *testing.T) {
	seen := map[string]bool{}
	re := regexp.MustCompile(`^chain33-[0-9A-Za-z]{6}$`)
	for range 200 {
		id, err := NewChainID()
		if err != nil || !re.MatchString(id) {
			t.Fatalf("%q, %v", id, err)
		}
		seen[id] = true
	}
	if len(seen) < 199 {
		t.Errorf("only %d distinct ids of 200", len(seen))
	}
}
