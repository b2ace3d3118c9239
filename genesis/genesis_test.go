package genesis

import (
	"bytes"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"chain33node/types"
)

// Appendix A: a reference sample key and its validator address.
const (
	refPub  = "982CCC34E95551D9B0C08426CCAAF0BAEC5A80F1974B19F5FF8F5FA12A5CA211E194652D669F3A500D25E87B22850261"
	refAddr = "2BA80E3DE367F01E438BED8718861D390848CCC3"
)

// Keys derived (herumi, ETH mode) from the secret keys 0x01×32 and 0x02×32.
const (
	priv1 = "0101010101010101010101010101010101010101010101010101010101010101"
	pub1  = "AA1A1C26055A329817A5759D877A2795F9499B97D6056EDDE0EEA39512F24E8BC874B4471F0501127ABB1EA0D9F68AC1"
	addr1 = "CACA977BC4EA1EF4DD269AFC737E16F3CEC31657"
	pub2  = "8004066A1A5CB9CDF244E45F0A59CF579A78D90AC0BC24663565264601C1C9251C0AA3DFB9835B520E0BA0F211A6696C"
	sig1  = "ACD1318438A068973874855A80D520EA5ABE10AD34F0C8EDEC0BCC82C35DDE37173D67802E68F1551C4C42809B401F4C0F06CE78A4F839FAF3B41BA6C53D42B4B62CB5507D40676EAD9F7C76B9579870DD986CDEF8654F4A36363E00A54A7957"
)

func TestValidatorAddressVector(t *testing.T) {
	d, err := ParseDoc([]byte(`{"chain_id":"c","validators":[{"pub_key":{"type":"bls","data":"` + refPub + `"},"power":10,"name":""}]}`))
	if err != nil {
		t.Fatal(err)
	}
	vals, err := d.Validators()
	if err != nil {
		t.Fatal(err)
	}
	if got := fmt.Sprintf("%X", vals[0].Address); got != refAddr {
		t.Errorf("address = %s, want %s", got, refAddr)
	}
	if vals[0].Power != 10 || fmt.Sprintf("%X", vals[0].PubKey) != refPub || vals[0].Key == nil {
		t.Errorf("validator = %+v", vals[0])
	}
}

func TestDocRoundTrip(t *testing.T) {
	// As the reference writes it: compact, local time with offset, app_hash null.
	in := `{"genesis_time":"2021-04-08T18:14:39.801783077+08:00","chain_id":"chain33-4zQKxd",` +
		`"validators":[{"pub_key":{"type":"bls","data":"` + refPub + `"},"power":10,"name":""},` +
		`{"pub_key":{"type":"bls","data":"` + pub1 + `"},"power":7,"name":"n1"}],"app_hash":null}`
	want := `{
  "genesis_time": "2021-04-08T18:14:39.801783077+08:00",
  "chain_id": "chain33-4zQKxd",
  "validators": [
    {
      "pub_key": {
        "type": "bls",
        "data": "` + refPub + `"
      },
      "power": 10,
      "name": ""
    },
    {
      "pub_key": {
        "type": "bls",
        "data": "` + pub1 + `"
      },
      "power": 7,
      "name": "n1"
    }
  ],
  "app_hash": null
}
`
	d, err := ParseDoc([]byte(in))
	if err != nil {
		t.Fatal(err)
	}
	if d.ConsensusParams != nil || d.Params() != DefaultConsensusParams() {
		t.Errorf("absent consensus_params: got %+v", d.Params())
	}
	path := filepath.Join(t.TempDir(), "genesis.json")
	if err := d.Save(path); err != nil {
		t.Fatal(err)
	}
	got := readFile(t, path)
	if got != want {
		t.Errorf("saved:\n%s\nwant:\n%s", got, want)
	}
	checkMode(t, path, 0o644)
	d2, err := LoadDoc(path)
	if err != nil {
		t.Fatal(err)
	}
	if !d2.GenesisTime.Equal(d.GenesisTime) || d2.ChainID != d.ChainID || !reflect.DeepEqual(d2.GenesisValidators, d.GenesisValidators) {
		t.Errorf("reloaded %+v, want %+v", d2, d)
	}
}

func TestDocRoundTripOptionalFields(t *testing.T) {
	in := `{"genesis_time":"2021-04-08T10:14:39Z","chain_id":"x",` +
		`"consensus_params":{"block_size_params":{"max_bytes":1048576,"max_txs":5000,"max_gas":-1},` +
		`"tx_size_params":{"max_bytes":10240,"max_gas":-1},"block_gossip_params":{"block_part_size_bytes":65536},` +
		`"evidence_params":{"max_age":100000}},` +
		`"validators":[{"pub_key":{"type":"","data":"` + strings.ToLower(pub1) + `"},"power":1,"name":""}],` +
		`"app_hash":"AQID","app_options":{"a":[1,2]}}`
	d, err := ParseDoc([]byte(in))
	if err != nil {
		t.Fatal(err)
	}
	if p := d.Params(); p.BlockSize.MaxBytes != 1048576 || p.BlockSize.MaxTxs != 5000 {
		t.Errorf("params = %+v", p)
	}
	if string(d.AppHash) != "\x01\x02\x03" {
		t.Errorf("app_hash = %x", d.AppHash)
	}
	path := filepath.Join(t.TempDir(), "g.json")
	if err := d.Save(path); err != nil {
		t.Fatal(err)
	}
	d2, err := LoadDoc(path)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(d2.ConsensusParams, d.ConsensusParams) || string(d2.AppHash) != string(d.AppHash) ||
		!strings.Contains(readFile(t, path), `"app_options": {`) || !strings.Contains(readFile(t, path), `"app_hash": "AQID"`) {
		t.Errorf("round trip lost optional fields:\n%s", readFile(t, path))
	}
}

func TestDefaultConsensusParamsJSON(t *testing.T) {
	d := &Doc{ConsensusParams: new(ConsensusParams)}
	*d.ConsensusParams = DefaultConsensusParams()
	b, err := marshalIndent(d.ConsensusParams)
	if err != nil {
		t.Fatal(err)
	}
	want := `{"block_size_params":{"max_bytes":22020096,"max_txs":100000,"max_gas":-1},` +
		`"tx_size_params":{"max_bytes":10240,"max_gas":-1},"block_gossip_params":{"block_part_size_bytes":65536},` +
		`"evidence_params":{"max_age":100000}}`
	if compact(string(b)) != want {
		t.Errorf("defaults = %s\nwant %s", compact(string(b)), want)
	}
}

func TestDocZeroTimeIsNow(t *testing.T) {
	for _, tm := range []string{``, `"genesis_time":"0001-01-01T00:00:00Z",`} {
		before := time.Now()
		d, err := ParseDoc([]byte(`{` + tm + `"chain_id":"c","validators":[{"pub_key":{"type":"bls","data":"` + pub1 + `"},"power":1,"name":""}]}`))
		if err != nil {
			t.Fatal(err)
		}
		if d.GenesisTime.Before(before) || d.GenesisTime.After(time.Now()) {
			t.Errorf("genesis_time %v not now", d.GenesisTime)
		}
	}
}

func TestDocValidation(t *testing.T) {
	val := func(typ, data string, power int64) string {
		return fmt.Sprintf(`{"pub_key":{"type":%q,"data":%q},"power":%d,"name":""}`, typ, data, power)
	}
	doc := func(chainID, params string, vals ...string) string {
		return `{"chain_id":"` + chainID + `",` + params + `"validators":[` + strings.Join(vals, ",") + `]}`
	}
	ok := val("bls", pub1, 10)
	params := func(maxBytes, part int) string {
		return fmt.Sprintf(`"consensus_params":{"block_size_params":{"max_bytes":%d},"block_gossip_params":{"block_part_size_bytes":%d}},`, maxBytes, part)
	}
	notOnCurve := strings.Repeat("AB", 48)
	tests := []struct{ name, in, want string }{
		{"empty chain_id", doc("", "", ok), "genesis.json: chain_id: must not be empty"},
		{"no validators", doc("c", ""), "genesis.json: validators: at least one validator"},
		{"validators null", `{"chain_id":"c","validators":null}`, "validators: at least one validator"},
		{"zero power", doc("c", "", ok, val("bls", pub2, 0)), "genesis.json: validators[1].power: 0 must be > 0"},
		{"negative power", doc("c", "", val("bls", pub2, -5)), "validators[0].power: -5 must be > 0"},
		{"total past the cap", doc("c", "", val("bls", pub1, types.MaxTotalVotingPower), val("bls", pub2, 1)),
			"genesis.json: validators[1].power: total voting power above the cap MaxTotalVotingPower = 1152921504606846975"},
		{"one power past the cap", doc("c", "", val("bls", pub1, types.MaxTotalVotingPower+1)), "validators[0].power: total voting power above the cap"},
		{"powers that wrap int64", doc("c", "", val("bls", pub1, math.MaxInt64), val("bls", pub2, math.MaxInt64)), "validators[0].power: total voting power above the cap"},
		{"total wraps after the cap", doc("c", "", val("bls", pub1, types.MaxTotalVotingPower/2), val("bls", pub2, math.MaxInt64)), "validators[1].power: total voting power above the cap"},
		{"missing key", doc("c", "", ok, val("bls", "", 1)), "validators[1].pub_key.data: missing"},
		{"not hex", doc("c", "", val("bls", "XYZ", 1)), "validators[0].pub_key.data: not hex"},
		{"short key", doc("c", "", val("bls", pub1[:94], 1)), "validators[0].pub_key.data: not a valid BLS public key"},
		{"duplicate exact", doc("c", "", ok, ok, val("bls", notOnCurve, 1)), "validators[1].pub_key.data: duplicate of validators[0]"},
		{"invalid point", doc("c", "", ok, val("bls", pub2, 1), val("bls", notOnCurve, 1)), "genesis.json: validators[2].pub_key.data: not a valid BLS public key"},
		{"duplicate case-insensitive", doc("c", "", ok, val("bls", strings.ToLower(pub1), 1)), "validators[1].pub_key.data: duplicate of validators[0]"},
		{"wrong type", doc("c", "", val("ed25519", pub1, 1)), `validators[0].pub_key.type: "ed25519" not supported`},
		{"max_bytes 0", doc("c", params(0, 1), ok), "consensus_params.block_size_params.max_bytes: 0 out of range"},
		{"max_bytes too big", doc("c", params(MaxBlockSizeBytes+1, 1), ok), "consensus_params.block_size_params.max_bytes: 104857601 out of range"},
		{"part size 0", doc("c", params(1, 0), ok), "consensus_params.block_gossip_params.block_part_size_bytes: 0 must be > 0"},
		{"unknown field", `{"chain_id":"c","chainid":"x","validators":[` + ok + `]}`, `genesis.json: json: unknown field "chainid"`},
		{"trailing data", doc("c", "", ok) + `{}`, "unexpected data after the JSON object"},
		{"empty", ``, "genesis.json: empty file"},
		{"bad time", `{"genesis_time":"yesterday","chain_id":"c","validators":[` + ok + `]}`, "genesis.json:"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ParseDoc([]byte(tc.in))
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("err = %v, want containing %q", err, tc.want)
			}
		})
	}
	// Boundaries that are valid.
	atCap := doc("c", "", val("bls", pub1, types.MaxTotalVotingPower-1), val("bls", pub2, 1))
	for _, in := range []string{doc("c", params(1, 1), ok), doc("c", params(MaxBlockSizeBytes, 1), ok), atCap} {
		if _, err := ParseDoc([]byte(in)); err != nil {
			t.Errorf("%s: %v", in, err)
		}
	}
}

func TestLoadDocNamesFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "mygenesis.json")
	writeFile(t, path, `{"chain_id":"","validators":[]}`)
	_, err := LoadDoc(path)
	if err == nil || !strings.HasPrefix(err.Error(), path+": chain_id:") {
		t.Errorf("err = %v", err)
	}
	if _, err := LoadDoc(filepath.Join(t.TempDir(), "missing.json")); err == nil {
		t.Error("missing file: no error")
	}
}

func readFile(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func writeFile(t *testing.T, path, s string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(s), 0o600); err != nil {
		t.Fatal(err)
	}
}

func checkMode(t *testing.T, path string, want os.FileMode) {
	t.Helper()
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != want {
		t.Errorf("%s mode = %v, want %v", path, fi.Mode().Perm(), want)
	}
}

func compact(s string) string {
	var b bytes.Buffer
	if err := json.Compact(&b, []byte(s)); err != nil {
		return "invalid JSON: " + err.Error()
	}
	return b.String()
}

func mustHex(t *testing.T, s string) []byte {
	t.Helper()
	b, err := hex.DecodeString(s)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
