// Package auth is the RPC bearer-token scheme (the model of filecoin's
// venus-auth): tokens with one of the permission levels read < write < sign <
// admin, issued by `cli auth create-token --perm write` and kept in a file in
// the node's data directory as SHA-256 hashes only. The node reloads the file
// when it changes; while it holds no token the scheme is off.
package auth

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"chain33node/atomicfile"
)

// FileName is the token file in the data directory.
const FileName = "rpc_tokens.json"

// Perm is a permission level; each level includes those below it.
type Perm int

// The levels, lowest first.
const (
	None Perm = iota
	Read
	Write
	Sign
	Admin
)

var permNames = []string{"none", "read", "write", "sign", "admin"}

func (p Perm) String() string {
	if p < None || p > Admin {
		return fmt.Sprintf("perm(%d)", int(p))
	}
	return permNames[p]
}

// ParsePerm reads a level name: read, write, sign or admin.
func ParsePerm(s string) (Perm, error) {
	for i, n := range permNames[1:] {
		if s == n {
			return Perm(i + 1), nil
		}
	}
	return None, fmt.Errorf("permission %q: must be one of read, write, sign, admin", s)
}

// Entry is one issued token as stored: its hash, never the token.
type Entry struct {
	Name    string    `json:"name"`
	Perm    string    `json:"perm"`
	SHA256  string    `json:"sha256"` // hex of SHA-256 of the token text
	Created time.Time `json:"created"`
}

type file struct {
	Tokens []Entry `json:"tokens"`
}

// Load reads the entries of the token file at path; a missing file has none.
func Load(path string) ([]Entry, error) {
	data, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("token file: %w", err)
	}
	var f file
	if err := json.Unmarshal(data, &f); err != nil {
		return nil, fmt.Errorf("token file %s: %w", path, err)
	}
	for i, e := range f.Tokens {
		if _, err := ParsePerm(e.Perm); err != nil {
			return nil, fmt.Errorf("token file %s: token %d (%q): %w", path, i, e.Name, err)
		}
		if h, err := hex.DecodeString(e.SHA256); err != nil || len(h) != sha256.Size {
			return nil, fmt.Errorf("token file %s: token %d (%q): sha256 is not a hex SHA-256", path, i, e.Name)
		}
	}
	return f.Tokens, nil
}

// Create issues a token named name with level perm, adds its hash to the
// file at path (created 0600) and returns the token, which is shown only
// this once.
func Create(path, name string, perm Perm) (string, error) {
	if perm < Read || perm > Admin {
		return "", fmt.Errorf("permission %v: must be read, write, sign or admin", perm)
	}
	if name == "" || strings.ContainsAny(name, "\r\n") {
		return "", errors.New("token name: must be a non-empty single line")
	}
	entries, err := Load(path)
	if err != nil {
		return "", err
	}
	for _, e := range entries {
		if e.Name == name {
			return "", fmt.Errorf("a token named %q exists: revoke it first or choose another name", name)
		}
	}
	raw := make([]byte, 32)
	if _, err := rand.Read(raw); err != nil {
		return "", err
	}
	token := base64.RawURLEncoding.EncodeToString(raw)
	entries = append(entries, Entry{Name: name, Perm: perm.String(), SHA256: hash(token), Created: time.Now().UTC().Truncate(time.Second)})
	return token, save(path, entries)
}

// Revoke removes the token named name from the file at path.
func Revoke(path, name string) error {
	entries, err := Load(path)
	if err != nil {
		return err
	}
	for i, e := range entries {
		if e.Name == name {
			return save(path, append(entries[:i], entries[i+1:]...))
		}
	}
	return fmt.Errorf("no token named %q in %s", name, path)
}

func hash(token string) string {
	h := sha256.Sum256([]byte(token))
	return hex.EncodeToString(h[:])
}

// save replaces the file atomically (the node may read it at any time).
func save(path string, entries []Entry) error {
	if entries == nil {
		entries = []Entry{}
	}
	data, err := json.MarshalIndent(file{Tokens: entries}, "", "  ")
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return err
	}
	return atomicfile.Write(path, append(data, '\n'), 0o600)
}

// Store is the node's view of the token file, reloaded when the file
// changes (checked at most once per ReloadInterval).
type Store struct {
	path string
	now  func() time.Time

	mu      sync.Mutex
	checked time.Time
	stamp   string            // size and mtime of the loaded file
	perms   map[[32]byte]Perm // SHA-256 -> level
	err     error             // of the last load: everything is refused
}

// ReloadInterval is how often a Store looks at its file.
const ReloadInterval = time.Second

// NewStore loads the token file at path; an unreadable or invalid file is an
// error.
func NewStore(path string) (*Store, error) {
	s := &Store{path: path, now: time.Now}
	s.reload()
	if s.err != nil {
		return nil, s.err
	}
	return s, nil
}

// Path is the token file.
func (s *Store) Path() string { return s.path }

// reload reads the file if its size or mtime changed. A file that turned
// unreadable or invalid leaves the scheme on with no valid token (fail
// closed) and the error for Check to report.
func (s *Store) reload() {
	s.checked = s.now()
	fi, err := os.Stat(s.path)
	stamp := ""
	if err == nil {
		stamp = fmt.Sprint(fi.Size(), fi.ModTime().UnixNano())
	} else if !errors.Is(err, os.ErrNotExist) {
		s.err = fmt.Errorf("token file: %w", err)
		return
	}
	if stamp == s.stamp && s.perms != nil {
		return
	}
	entries, err := Load(s.path)
	if err != nil {
		s.err = err
		return
	}
	perms := make(map[[32]byte]Perm, len(entries))
	for _, e := range entries {
		var h [32]byte
		hex.Decode(h[:], []byte(e.SHA256))
		perms[h], _ = ParsePerm(e.Perm)
	}
	s.stamp, s.perms, s.err = stamp, perms, nil
}

// Enabled reports whether the scheme is on: the file holds a token (or
// could not be read, which refuses everything).
func (s *Store) Enabled() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.maybeReload()
	return s.err != nil || len(s.perms) > 0
}

func (s *Store) maybeReload() {
	if s.now().Sub(s.checked) >= ReloadInterval {
		s.reload()
	}
}

// Check returns the level of token (None if it is not a token of the file)
// and the file's load error, if any.
func (s *Store) Check(token string) (Perm, error) {
	sum := sha256.Sum256([]byte(token))
	s.mu.Lock()
	defer s.mu.Unlock()
	s.maybeReload()
	if s.err != nil {
		return None, s.err
	}
	// A lookup by hash: timing tells nothing useful about a token.
	return s.perms[sum], nil
}

// Bearer extracts the token of an "Authorization: Bearer <token>" value.
func Bearer(header string) (string, bool) {
	scheme, token, ok := strings.Cut(strings.TrimSpace(header), " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") {
		return "", false
	}
	token = strings.TrimSpace(token)
	return token, token != ""
}
