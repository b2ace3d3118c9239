package netkit

import (
	"crypto/rand"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"chain33node/atomicfile"

	"github.com/libp2p/go-libp2p/core/crypto"
	pb "github.com/libp2p/go-libp2p/core/crypto/pb"
)

// LoadOrCreateKey returns the libp2p identity stored at path, creating a new Ed25519 key there (mode 0600,
// parent directories 0700) if the file does not exist. The file holds the key in libp2p's protobuf encoding
// (crypto.MarshalPrivateKey), so any key type libp2p knows can be loaded. A file that exists but does not decode
// is refused: silently replacing it would give the node a new identity.
func LoadOrCreateKey(path string) (crypto.PrivKey, error) {
	return loadOrCreateKey(path, crypto.Ed25519, false)
}

// LoadOrCreateKeyType is LoadOrCreateKey for a chosen key type (crypto.Ed25519, crypto.Secp256k1, ...): a new
// identity gets that type, and a stored key of another type is refused like a corrupt file.
func LoadOrCreateKeyType(path string, typ int) (crypto.PrivKey, error) {
	return loadOrCreateKey(path, typ, true)
}

// LoadKey returns the libp2p identity stored at path without creating one: an error wrapping fs.ErrNotExist if
// there is none, and an error that says what to do if the file cannot be read or does not decode.
func LoadKey(path string) (crypto.PrivKey, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read libp2p key file: %w", err)
	}
	k, err := crypto.UnmarshalPrivateKey(data)
	if err != nil {
		return nil, fmt.Errorf("libp2p key file %s is corrupt (%v); restore it or delete it to create a new identity", path, err)
	}
	return k, nil
}

func loadOrCreateKey(path string, typ int, strict bool) (crypto.PrivKey, error) {
	k, err := LoadKey(path)
	switch {
	case err == nil:
		if strict && int(k.Type()) != typ {
			return nil, fmt.Errorf("libp2p key file %s holds a %s key, want %s; restore the right file or delete it to create a new identity",
				path, k.Type(), pb.KeyType(typ))
		}
		return k, nil
	case !errors.Is(err, fs.ErrNotExist):
		return nil, err
	}

	k, _, err = crypto.GenerateKeyPairWithReader(typ, 0, rand.Reader)
	if err != nil {
		return nil, fmt.Errorf("generate libp2p key: %w", err)
	}
	data, err := crypto.MarshalPrivateKey(k)
	if err != nil {
		return nil, fmt.Errorf("encode libp2p key: %w", err)
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, fmt.Errorf("libp2p key directory: %w", err)
	}
	// WriteNew, not Write: two processes racing to create the identity must not end up with different keys.
	if err := atomicfile.WriteNew(path, data, 0o600); err != nil {
		if errors.Is(err, fs.ErrExist) { // another process created it first: use that identity
			return loadOrCreateKey(path, typ, strict)
		}
		return nil, fmt.Errorf("write libp2p key file: %w", err)
	}
	return k, nil
}
