package genesis

import (
	"bytes"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"strings"
	"time"

	"chain33node/atomicfile"
	"chain33node/crypto"
	"chain33node/types"
)

// KeyType is the "type" written in key objects of both files.
const KeyType = "bls"

// DefaultPower is the voting power gen_file gives each validator.
const DefaultPower = 10

// MaxBlockSizeBytes bounds consensus_params.block_size_params.max_bytes (100 MiB).
const MaxBlockSizeBytes = 104857600

// KeyText is a key or signature in the files: {"type":"bls","data":"<HEX>"}.
type KeyText struct {
	Type string `json:"type"`
	Data string `json:"data"`
}

// GenesisValidator is one initial validator in genesis.json.
type GenesisValidator struct {
	PubKey KeyText `json:"pub_key"`
	Power  int64   `json:"power"`
	Name   string  `json:"name"`
}

// Doc is genesis.json. Field order and names are the reference's; the zero
// ConsensusParams means "defaults" (see [Doc.Params]) and is not written.
type Doc struct {
	GenesisTime       time.Time          `json:"genesis_time"`
	ChainID           string             `json:"chain_id"`
	ConsensusParams   *ConsensusParams   `json:"consensus_params,omitempty"`
	GenesisValidators []GenesisValidator `json:"validators"`
	AppHash           []byte             `json:"app_hash"`
	AppOptions        json.RawMessage    `json:"app_options,omitempty"`
}

// ConsensusParams is the reference's consensus_params object. Only
// BlockSize.MaxBytes and BlockGossip.BlockPartSizeBytes are checked; the
// rest is carried for compatibility.
type ConsensusParams struct {
	BlockSize      BlockSizeParams   `json:"block_size_params"`
	TxSize         TxSizeParams      `json:"tx_size_params"`
	BlockGossip    BlockGossipParams `json:"block_gossip_params"`
	EvidenceParams EvidenceParams    `json:"evidence_params"`
}

// BlockSizeParams limits blocks.
type BlockSizeParams struct {
	MaxBytes int   `json:"max_bytes"`
	MaxTxs   int   `json:"max_txs"`
	MaxGas   int64 `json:"max_gas"`
}

// TxSizeParams limits transactions.
type TxSizeParams struct {
	MaxBytes int   `json:"max_bytes"`
	MaxGas   int64 `json:"max_gas"`
}

// BlockGossipParams sets the block part size.
type BlockGossipParams struct {
	BlockPartSizeBytes int `json:"block_part_size_bytes"`
}

// EvidenceParams sets how long evidence stays valid.
type EvidenceParams struct {
	MaxAge int64 `json:"max_age"`
}

// DefaultConsensusParams returns the reference's defaults.
func DefaultConsensusParams() ConsensusParams {
	return ConsensusParams{
		BlockSize:      BlockSizeParams{MaxBytes: 22020096, MaxTxs: 100000, MaxGas: -1},
		TxSize:         TxSizeParams{MaxBytes: 10240, MaxGas: -1},
		BlockGossip:    BlockGossipParams{BlockPartSizeBytes: 65536},
		EvidenceParams: EvidenceParams{MaxAge: 100000},
	}
}

// Validate checks the limits the reference checks.
func (p *ConsensusParams) Validate() error {
	if m := p.BlockSize.MaxBytes; m < 1 || m > MaxBlockSizeBytes {
		return fmt.Errorf("consensus_params.block_size_params.max_bytes: %d out of range 1..%d", m, MaxBlockSizeBytes)
	}
	if s := p.BlockGossip.BlockPartSizeBytes; s <= 0 {
		return fmt.Errorf("consensus_params.block_gossip_params.block_part_size_bytes: %d must be > 0", s)
	}
	return nil
}

// Params returns the consensus parameters in effect: the file's, or the
// defaults when it has none.
func (d *Doc) Params() ConsensusParams {
	if d.ConsensusParams == nil {
		return DefaultConsensusParams()
	}
	return *d.ConsensusParams
}

// Validator is a parsed genesis validator.
type Validator struct {
	PubKey  []byte            // 48-byte BLS public key
	Power   int64             // voting power, > 0
	Address []byte            // crypto.ValidatorAddress(PubKey), 20 bytes
	Name    string            // informational
	Key     *crypto.BLSPubKey // parsed PubKey
}

// ParseDoc decodes and validates genesis.json content. A missing or zero
// genesis_time becomes the current time. Errors start with "genesis.json: "
// and name the field.
func ParseDoc(data []byte) (*Doc, error) { return parseDoc("genesis.json", data) }

// LoadDoc reads and validates the genesis file at path; errors start with path.
func LoadDoc(path string) (*Doc, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("load genesis: %w", err)
	}
	return parseDoc(path, data)
}

func parseDoc(name string, data []byte) (*Doc, error) {
	d := new(Doc)
	if err := decodeStrict(data, d); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	if bytes.Equal(bytes.TrimSpace(d.AppOptions), []byte("null")) {
		d.AppOptions = nil // as the reference's interface{}: null is "absent"
	}
	if d.GenesisTime.IsZero() {
		d.GenesisTime = time.Now()
	}
	if err := d.Validate(); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return d, nil
}

// Validate checks d: chain_id set, at least one validator, every key a valid
// BLS public key of type "bls" (or empty), no duplicate keys, every power > 0
// with a total ≤ types.MaxTotalVotingPower, and consensus_params (if present) in range.
// The error names the field, e.g. "validators[2].pub_key.data: ...".
func (d *Doc) Validate() error {
	_, err := d.Validators()
	return err
}

// Validators validates d (see [Doc.Validate]) and returns its validators
// with parsed keys, in file order.
func (d *Doc) Validators() ([]Validator, error) {
	if strings.TrimSpace(d.ChainID) == "" {
		return nil, errors.New("chain_id: must not be empty")
	}
	if d.ConsensusParams != nil {
		if err := d.ConsensusParams.Validate(); err != nil {
			return nil, err
		}
	}
	if len(d.GenesisValidators) == 0 {
		return nil, errors.New("validators: at least one validator is required")
	}
	vals := make([]Validator, len(d.GenesisValidators))
	seen := make(map[string]int, len(d.GenesisValidators))
	var total int64
	for i, gv := range d.GenesisValidators {
		field := fmt.Sprintf("validators[%d]", i)
		if gv.PubKey.Type != KeyType && gv.PubKey.Type != "" {
			return nil, fmt.Errorf("%s.pub_key.type: %q not supported (only %q)", field, gv.PubKey.Type, KeyType)
		}
		key, err := parsePubKey(gv.PubKey.Data)
		if err != nil {
			return nil, fmt.Errorf("%s.pub_key.data: %w", field, err)
		}
		pub := key.Bytes()
		if j, dup := seen[string(pub)]; dup {
			return nil, fmt.Errorf("%s.pub_key.data: duplicate of validators[%d]", field, j)
		}
		seen[string(pub)] = i
		if gv.Power <= 0 {
			return nil, fmt.Errorf("%s.power: %d must be > 0", field, gv.Power)
		}
		if total, err = types.AddVotingPower(total, gv.Power); err != nil {
			return nil, fmt.Errorf("%s.power: %w", field, err)
		}
		vals[i] = Validator{
			PubKey:  pub,
			Power:   gv.Power,
			Address: crypto.ValidatorAddress(pub),
			Name:    gv.Name,
			Key:     key,
		}
	}
	return vals, nil
}

// parsePubKey decodes hex (either case) into a valid BLS public key.
func parsePubKey(data string) (*crypto.BLSPubKey, error) {
	if data == "" {
		return nil, errors.New("missing")
	}
	raw, err := hex.DecodeString(data)
	if err != nil {
		return nil, errors.New("not hex")
	}
	key, err := crypto.BLSPubKeyFromBytes(raw)
	if err != nil {
		return nil, fmt.Errorf("not a valid BLS public key (%v)", err)
	}
	return key, nil
}

// Save writes d to path as indented JSON with mode 0644.
func (d *Doc) Save(path string) error {
	b, err := marshalIndent(d)
	if err != nil {
		return fmt.Errorf("save genesis %s: %w", path, err)
	}
	if err := atomicfile.Write(path, b, 0o644); err != nil {
		return fmt.Errorf("save genesis %s: %w", path, err)
	}
	return nil
}
