package genesis

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"chain33node/crypto"
)

func TestPrivValidatorRoundTrip(t *testing.T) {
	key, err := crypto.BLSPrivKeyFromBytes(mustHex(t, priv1))
	if err != nil {
		t.Fatal(err)
	}
	pv := NewPrivValidator(key)
	want := `{
  "address": "` + addr1 + `",
  "pub_key": {
    "type": "bls",
    "data": "` + pub1 + `"
  },
  "last_height": 0,
  "last_round": 0,
  "last_step": 0,
  "priv_key": {
    "type": "bls",
    "data": "` + priv1 + `"
  }
}
`
	path := filepath.Join(t.TempDir(), "priv_validator.json")
	if err := pv.Save(path); err != nil {
		t.Fatal(err)
	}
	if got := readFile(t, path); got != want {
		t.Errorf("saved:\n%s\nwant:\n%s", got, want)
	}
	checkMode(t, path, 0o600)
	pv2, err := LoadPrivValidator(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(pv2.Key().Bytes(), key.Bytes()) || pv2.Address != addr1 {
		t.Errorf("reloaded %+v", pv2)
	}

	// With signing history, in the reference's compact form and lower-case hex:
	// Save keeps the field order and writes upper-case hex.
	in := `{"address":"` + strings.ToLower(addr1) + `","pub_key":{"type":"bls","data":"` + pub1 + `"},` +
		`"last_height":12,"last_round":1,"last_step":3,"last_signature":{"type":"bls","data":"` + strings.ToLower(sig1) + `"},` +
		`"last_signbytes":"0a0b","priv_key":{"type":"bls","data":"` + priv1 + `"}}`
	writeFile(t, path, in)
	pv3, err := LoadPrivValidator(path)
	if err != nil {
		t.Fatal(err)
	}
	if pv3.LastHeight != 12 || pv3.LastRound != 1 || pv3.LastStep != 3 {
		t.Errorf("last HRS = %d/%d/%d", pv3.LastHeight, pv3.LastRound, pv3.LastStep)
	}
	if err := pv3.Save(path); err != nil {
		t.Fatal(err)
	}
	wantCompact := `{"address":"` + addr1 + `","pub_key":{"type":"bls","data":"` + pub1 + `"},` +
		`"last_height":12,"last_round":1,"last_step":3,"last_signature":{"type":"bls","data":"` + sig1 + `"},` +
		`"last_signbytes":"0A0B","priv_key":{"type":"bls","data":"` + priv1 + `"}}`
	if got := compact(readFile(t, path)); got != wantCompact {
		t.Errorf("saved:\n%s\nwant:\n%s", got, wantCompact)
	}
}

func TestGenPrivValidator(t *testing.T) {
	pv := GenPrivValidator()
	pub := pv.Key().PubKey().Bytes()
	if pv.PubKey.Data != fmt.Sprintf("%X", pub) || pv.Address != fmt.Sprintf("%X", crypto.ValidatorAddress(pub)) ||
		pv.PubKey.Type != "bls" || pv.PrivKey.Type != "bls" || len(pv.PrivKey.Data) != 64 {
		t.Errorf("generated %+v", pv)
	}
	if GenPrivValidator().PrivKey.Data == pv.PrivKey.Data {
		t.Error("two generated keys are equal")
	}
	// A value built by hand parses its key lazily.
	hand := &PrivValidator{PrivKey: KeyText{Type: "bls", Data: pv.PrivKey.Data}}
	if k := hand.Key(); k == nil || !bytes.Equal(k.Bytes(), pv.Key().Bytes()) {
		t.Error("Key() of a hand-built value")
	}
	if (&PrivValidator{}).Key() != nil {
		t.Error("Key() of an empty value is not nil")
	}
}

func TestLoadPrivValidatorRejects(t *testing.T) {
	file := func(addr, pub, priv string, extra string) string {
		return `{"address":"` + addr + `","pub_key":{"type":"bls","data":"` + pub + `"},` +
			`"last_height":0,"last_round":0,"last_step":0,` + extra +
			`"priv_key":{"type":"bls","data":"` + priv + `"}}`
	}
	tests := []struct{ name, in, want string }{
		{"address of another key", file(refAddr, pub1, priv1, ""), `address: "` + refAddr + `" does not match pub_key (want ` + addr1 + `)`},
		{"address not hex", file("zz", pub1, priv1, ""), `address: "zz" does not match pub_key`},
		{"address empty", file("", pub1, priv1, ""), `address: "" does not match pub_key`},
		{"pub of another key", file(addr1, pub2, priv1, ""), "pub_key.data: does not belong to priv_key"},
		{"pub missing", file(addr1, "", priv1, ""), "pub_key.data: missing"},
		{"pub invalid", file(addr1, strings.Repeat("AB", 48), priv1, ""), "pub_key.data: not a valid BLS public key"},
		{"priv missing", file(addr1, pub1, "", ""), "priv_key.data: missing"},
		{"priv not hex", file(addr1, pub1, "XX", ""), "priv_key.data: not hex"},
		{"priv short", file(addr1, pub1, priv1[:62], ""), "priv_key.data: not a valid BLS private key"},
		{"priv type", strings.Replace(file(addr1, pub1, priv1, ""), `"priv_key":{"type":"bls"`, `"priv_key":{"type":"ed25519"`, 1), `priv_key.type: "ed25519" not supported`},
		{"bad signbytes", file(addr1, pub1, priv1, `"last_signbytes":"xyz",`), "last_signbytes: not hex"},
		{"bad signature", file(addr1, pub1, priv1, `"last_signature":{"type":"bls","data":"0A"},`), "last_signature.data: not a 96-byte hex signature"},
		{"negative step", strings.Replace(file(addr1, pub1, priv1, ""), `"last_step":0`, `"last_step":-1`, 1), "last_step: invalid"},
		{"unknown field", file(addr1, pub1, priv1, `"extra":1,`), `json: unknown field "extra"`},
	}
	dir := t.TempDir()
	for i, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(dir, fmt.Sprintf("pv%d.json", i))
			writeFile(t, path, tc.in)
			_, err := LoadPrivValidator(path)
			if err == nil || !strings.HasPrefix(err.Error(), path+": ") || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("err = %v, want %q", err, tc.want)
			}
		})
	}
	// The valid file for comparison loads.
	path := filepath.Join(dir, "ok.json")
	writeFile(t, path, file(addr1, pub1, priv1, ""))
	if _, err := LoadPrivValidator(path); err != nil {
		t.Errorf("valid file: %v", err)
	}
}

// Key files are written 0600; one that group or others may read is refused
// with the chmod to run.
func TestKeyFileMode(t *testing.T) {
	dir := t.TempDir()
	paths, err := GenFile(dir, 2, "bls")
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range paths[:2] {
		if fi, err := os.Stat(p); err != nil || fi.Mode().Perm() != 0o600 {
			t.Errorf("%s: mode %v %v", p, fi.Mode(), err)
		}
		if err := CheckKeyFile(p); err != nil {
			t.Errorf("%s: %v", p, err)
		}
	}
	os.Chmod(paths[0], 0o644)
	err = CheckKeyFile(paths[0])
	var ke *KeyFileError
	if !errors.As(err, &ke) || err.Error() != paths[0]+": mode 0644 lets group or others read the private key: run chmod 600 "+paths[0] {
		t.Errorf("world-readable key: %v", err)
	}
	os.Chmod(paths[0], 0o640)
	if err := CheckKeyFile(paths[0]); !errors.As(err, &ke) {
		t.Errorf("group-readable key: %v", err)
	}
	if err := CheckKeyFile(filepath.Join(dir, "missing.json")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("missing key: %v", err)
	}
}
