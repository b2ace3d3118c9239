package auth

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestCreateCheckRevoke(t *testing.T) {
	path := filepath.Join(t.TempDir(), FileName)
	s, err := NewStore(path)
	if err != nil {
		t.Fatal(err)
	}
	now := s.checked
	s.now = func() time.Time { return now }
	if s.Enabled() {
		t.Fatal("no file: the scheme is on")
	}
	tok, err := Create(path, "app", Write)
	if err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(path)
	if err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("token file mode %v %v", fi.Mode(), err)
	}
	data, _ := os.ReadFile(path)
	if strings.Contains(string(data), tok) {
		t.Fatal("the token itself is stored")
	}
	if _, err := Create(path, "app", Read); err == nil {
		t.Error("a second token of one name")
	}
	// The store sees the file at its next look, not before.
	if s.Enabled() {
		t.Error("reloaded before ReloadInterval")
	}
	now = now.Add(ReloadInterval)
	if !s.Enabled() {
		t.Fatal("a token was issued: the scheme is off")
	}
	if p, err := s.Check(tok); p != Write || err != nil {
		t.Errorf("check: %v %v", p, err)
	}
	if p, _ := s.Check(tok + "x"); p != None {
		t.Errorf("a wrong token has level %v", p)
	}
	if err := Revoke(path, "app"); err != nil {
		t.Fatal(err)
	}
	os.Chtimes(path, now, now.Add(time.Second)) // a new mtime even on coarse clocks
	now = now.Add(ReloadInterval)
	if p, _ := s.Check(tok); p != None {
		t.Errorf("a revoked token has level %v", p)
	}
	if s.Enabled() {
		t.Error("no token left: the scheme is on")
	}
	if err := Revoke(path, "app"); err == nil {
		t.Error("revoked twice")
	}

	// A file that turns invalid refuses everything (fail closed).
	tok, _ = Create(path, "adm", Admin)
	now = now.Add(ReloadInterval)
	if p, _ := s.Check(tok); p != Admin {
		t.Fatalf("admin token: %v", p)
	}
	os.WriteFile(path, []byte("{garbage"), 0o600)
	os.Chtimes(path, now, now.Add(2*time.Second))
	now = now.Add(ReloadInterval)
	if p, err := s.Check(tok); p != None || err == nil || !s.Enabled() {
		t.Errorf("invalid file: level %v, err %v, enabled %v", p, err, s.Enabled())
	}
	if _, err := NewStore(path); err == nil {
		t.Error("an invalid file at start is accepted")
	}
}

func TestPermsAndBearer(t *testing.T) {
	for _, n := range []string{"read", "write", "sign", "admin"} {
		p, err := ParsePerm(n)
		if err != nil || p.String() != n {
			t.Errorf("%s: %v %v", n, p, err)
		}
	}
	if !(Read < Write && Write < Sign && Sign < Admin) {
		t.Error("levels out of order")
	}
	if _, err := ParsePerm("root"); err == nil {
		t.Error("unknown level accepted")
	}
	for h, want := range map[string]string{"Bearer abc": "abc", "bearer  abc ": "abc", "Basic abc": "", "Bearer": "", "": ""} {
		if got, _ := Bearer(h); got != want {
			t.Errorf("%q: %q, want %q", h, got, want)
		}
	}
}
