package genesis

import (
	"crypto/rand"
	"errors"
	"fmt"
	"math/big"
	"os"
	"path/filepath"
	"time"
)

// File names written by GenFile (the reference's).
const (
	GenesisFileName = "genesis_file.json"
	privFilePattern = "priv_validator_%d.json"
)

const chainIDChars = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"

// GenFile does `qbft gen_file -n n -t keyType` in dir: for i in 0..n-1 it
// loads priv_validator_<i>.json if it exists (existing keys are never
// overwritten) or else generates and saves one, then writes genesis_file.json
// with a new random chain_id "chain33-XXXXXX", genesis_time now and one
// validator of power 10 per key. It returns the n key file paths followed by
// the genesis file path. Only keyType "bls" is supported.
func GenFile(dir string, n int, keyType string) (paths []string, err error) {
	if keyType != KeyType {
		return nil, fmt.Errorf("key type %q: only bls is supported for qbft", keyType)
	}
	if n < 1 {
		return nil, fmt.Errorf("number of validators %d: must be at least 1", n)
	}
	doc := &Doc{GenesisTime: time.Now()}
	doc.ChainID, err = NewChainID()
	if err != nil {
		return nil, err
	}
	for i := range n {
		path := filepath.Join(dir, fmt.Sprintf(privFilePattern, i))
		pv, err := loadOrGenPrivValidator(path)
		if err != nil {
			return nil, err
		}
		doc.GenesisValidators = append(doc.GenesisValidators, GenesisValidator{
			PubKey: KeyText{Type: KeyType, Data: pv.PubKey.Data},
			Power:  DefaultPower,
		})
		paths = append(paths, path)
	}
	if err := doc.Validate(); err != nil { // e.g. two key files with one key
		return nil, fmt.Errorf("gen_file: %w", err)
	}
	path := filepath.Join(dir, GenesisFileName)
	if err := doc.Save(path); err != nil {
		return nil, err
	}
	return append(paths, path), nil
}

func loadOrGenPrivValidator(path string) (*PrivValidator, error) {
	_, err := os.Stat(path)
	switch {
	case err == nil:
		return LoadPrivValidator(path)
	case errors.Is(err, os.ErrNotExist):
		pv := GenPrivValidator()
		return pv, pv.Save(path)
	default:
		return nil, err
	}
}

// NewChainID returns "chain33-" followed by 6 random characters from
// [0-9a-zA-Z], as gen_file does.
func NewChainID() (string, error) {
	b := []byte("chain33-")
	for range 6 {
		i, err := rand.Int(rand.Reader, big.NewInt(int64(len(chainIDChars))))
		if err != nil {
			return "", fmt.Errorf("chain id: %w", err)
		}
		b = append(b, chainIDChars[i.Int64()])
	}
	return string(b), nil
}
