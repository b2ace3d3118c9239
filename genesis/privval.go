package genesis

import (
	"bytes"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strings"

	"chain33node/atomicfile"
	"chain33node/crypto"
)

// PrivValidator is priv_validator.json: a validator's BLS key and the
// height/round/step it last signed. Field order, names and omitempty are the
// reference's; all hex is upper case.
type PrivValidator struct {
	Address       string   `json:"address"`
	PubKey        KeyText  `json:"pub_key"`
	LastHeight    int64    `json:"last_height"`
	LastRound     int32    `json:"last_round"`
	LastStep      int8     `json:"last_step"`
	LastSignature *KeyText `json:"last_signature,omitempty"`
	LastSignBytes string   `json:"last_signbytes,omitempty"`
	PrivKey       KeyText  `json:"priv_key"`

	key *crypto.BLSPrivKey
}

// GenPrivValidator returns a validator with a fresh random BLS key.
func GenPrivValidator() *PrivValidator { return NewPrivValidator(crypto.GenerateBLSKey()) }

// NewPrivValidator returns a validator for key with no signing history.
func NewPrivValidator(key *crypto.BLSPrivKey) *PrivValidator {
	pub := key.PubKey().Bytes()
	return &PrivValidator{
		Address: fmt.Sprintf("%X", crypto.ValidatorAddress(pub)),
		PubKey:  KeyText{Type: KeyType, Data: fmt.Sprintf("%X", pub)},
		PrivKey: KeyText{Type: KeyType, Data: fmt.Sprintf("%X", key.Bytes())},
		key:     key,
	}
}

// Key returns the private key, or nil if PrivKey does not hold a valid key
// (never the case for a value from GenPrivValidator or LoadPrivValidator).
func (pv *PrivValidator) Key() *crypto.BLSPrivKey {
	if pv.key == nil {
		raw, err := hex.DecodeString(pv.PrivKey.Data)
		if err != nil {
			return nil
		}
		if pv.key, err = crypto.BLSPrivKeyFromBytes(raw); err != nil {
			return nil
		}
	}
	return pv.key
}

// LoadPrivValidator reads and validates the file at path: priv_key and
// pub_key present, valid and of type "bls" (or empty), pub_key derived from
// priv_key, address = crypto.ValidatorAddress(pub_key) (the reference trusts
// the file's address; a wrong one would make every vote invalid), and the
// last_* fields well formed. Errors start with path and name the field.
func LoadPrivValidator(path string) (*PrivValidator, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("load priv validator: %w", err)
	}
	pv := new(PrivValidator)
	if err := decodeStrict(data, pv); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if err := pv.validate(); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return pv, nil
}

func (pv *PrivValidator) validate() error {
	if pv.PrivKey.Type != KeyType && pv.PrivKey.Type != "" {
		return fmt.Errorf("priv_key.type: %q not supported (only %q)", pv.PrivKey.Type, KeyType)
	}
	if pv.PrivKey.Data == "" {
		return errors.New("priv_key.data: missing")
	}
	raw, err := hex.DecodeString(pv.PrivKey.Data)
	if err != nil {
		return errors.New("priv_key.data: not hex")
	}
	key, err := crypto.BLSPrivKeyFromBytes(raw)
	if err != nil {
		return fmt.Errorf("priv_key.data: not a valid BLS private key (%v)", err)
	}
	if pv.PubKey.Type != KeyType && pv.PubKey.Type != "" {
		return fmt.Errorf("pub_key.type: %q not supported (only %q)", pv.PubKey.Type, KeyType)
	}
	pubKey, err := parsePubKey(pv.PubKey.Data)
	if err != nil {
		return fmt.Errorf("pub_key.data: %w", err)
	}
	pub := key.PubKey().Bytes()
	if !bytes.Equal(pubKey.Bytes(), pub) {
		return fmt.Errorf("pub_key.data: does not belong to priv_key (priv_key's public key is %X)", pub)
	}
	want := crypto.ValidatorAddress(pub)
	addr, err := hex.DecodeString(pv.Address)
	if err != nil || !bytes.Equal(addr, want) {
		return fmt.Errorf("address: %q does not match pub_key (want %X)", pv.Address, want)
	}
	if pv.LastHeight < 0 || pv.LastRound < 0 || pv.LastStep < 0 || pv.LastStep > 3 {
		return fmt.Errorf("last_height/last_round/last_step: invalid %d/%d/%d", pv.LastHeight, pv.LastRound, pv.LastStep)
	}
	if pv.LastSignBytes != "" {
		if _, err := hex.DecodeString(pv.LastSignBytes); err != nil {
			return errors.New("last_signbytes: not hex")
		}
	}
	if s := pv.LastSignature; s != nil {
		if sig, err := hex.DecodeString(s.Data); err != nil || len(sig) != crypto.BLSSigSize {
			return fmt.Errorf("last_signature.data: not a %d-byte hex signature", crypto.BLSSigSize)
		}
	}
	pv.key = key
	return nil
}

// Save writes pv to path as indented JSON with mode 0600, hex in upper case.
func (pv *PrivValidator) Save(path string) error {
	out := *pv
	out.Address = strings.ToUpper(out.Address)
	out.PubKey.Data = strings.ToUpper(out.PubKey.Data)
	out.PrivKey.Data = strings.ToUpper(out.PrivKey.Data)
	out.LastSignBytes = strings.ToUpper(out.LastSignBytes)
	if s := out.LastSignature; s != nil {
		out.LastSignature = &KeyText{Type: s.Type, Data: strings.ToUpper(s.Data)}
	}
	b, err := marshalIndent(&out)
	if err != nil {
		return fmt.Errorf("save priv validator %s: %w", path, err)
	}
	if err := atomicfile.Write(path, b, 0o600); err != nil {
		return fmt.Errorf("save priv validator %s: %w", path, err)
	}
	return nil
}

// KeyFileError is a private key file that its group or others may read.
type KeyFileError struct {
	Path string
	Mode fs.FileMode
}

func (e *KeyFileError) Error() string {
	return fmt.Sprintf("%s: mode %04o lets group or others read the private key: run chmod 600 %s", e.Path, e.Mode.Perm(), e.Path)
}

// CheckKeyFile returns a *KeyFileError if group or others may read the
// file at path (as ssh refuses such a key), or the error of stat.
func CheckKeyFile(path string) error {
	fi, err := os.Stat(path)
	if err != nil {
		return err
	}
	if fi.Mode().Perm()&0o077 != 0 {
		return &KeyFileError{Path: path, Mode: fi.Mode()}
	}
	return nil
}
