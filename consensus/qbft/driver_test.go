package qbft

import (
	"testing"

	"chain33node/consensus/wal"
	"chain33node/types"
)

// headApp is an App at a fixed head; only what handle needs here.
type headApp struct{ App }

func (headApp) Head() (int64, int64) { return 0, 0 }

// Equivocation evidence from the core is counted, logged and kept for queries.
func TestDriverKeepsEvidence(t *testing.T) {
	w, err := wal.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	d := NewDriver(DriverConfig{}, headApp{}, nil, simVerifier{}, w, nil)
	d.core.StartHeight(1, &types.ValidatorSet{Validators: []*types.Validator{{Address: make([]byte, 20), PubKey: []byte{1}, Power: 1}}}, 0)
	d.core.Ready()
	e := &Evidence{Height: 1, Round: 2, Type: types.Prevote, Validator: make([]byte, 20), A: &Vote{BlockHash: []byte{1}}, B: &Vote{}}
	d.core.ready.Evidence = []*Evidence{e}
	d.handle()
	if got := d.Evidence(); len(got) != 1 || got[0] != e {
		t.Fatalf("evidence %v", got)
	}
	if d.Stats().Equivocations != 1 {
		t.Fatalf("stats %+v", d.Stats())
	}
}
