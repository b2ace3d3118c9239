package store

import (
	"fmt"
	"slices"
	"testing"

	"chain33node/types"
)

func scanKeys(t *testing.T, r interface {
	LocalScan(prefix, after []byte, reverse bool, fn func(k, v []byte) bool) error
}, prefix, after []byte, reverse bool, limit int) []string {
	t.Helper()
	var out []string
	err := r.LocalScan(prefix, after, reverse, func(k, v []byte) bool {
		if string(v) != "v"+string(k) {
			t.Fatalf("value of %q is %q", k, v)
		}
		out = append(out, string(k))
		return len(out) < limit
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestLocalScan(t *testing.T) {
	db, _ := openTest(t)
	var kvs []*types.KeyValue
	for _, k := range []string{"a:1", "a:2", "a:3", "a:5", "ab:1", "b:1", "a"} {
		kvs = append(kvs, &types.KeyValue{Key: []byte(k), Value: []byte("v" + k)})
	}
	if err := db.PutLocal(kvs); err != nil {
		t.Fatal(err)
	}
	p := []byte("a:")
	cases := []struct {
		name    string
		after   string
		reverse bool
		limit   int
		want    []string
	}{
		{"all ascending", "", false, 100, []string{"a:1", "a:2", "a:3", "a:5"}},
		{"all descending", "", true, 100, []string{"a:5", "a:3", "a:2", "a:1"}},
		{"limit", "", true, 2, []string{"a:5", "a:3"}},
		{"after existing key", "a:2", false, 100, []string{"a:3", "a:5"}},
		{"before existing key", "a:3", true, 100, []string{"a:2", "a:1"}},
		{"after missing key", "a:4", false, 100, []string{"a:5"}},
		{"before missing key", "a:4", true, 100, []string{"a:3", "a:2", "a:1"}},
		{"after the last", "a:5", false, 100, nil},
		{"before the first", "a:1", true, 100, nil},
		{"cursor beyond prefix", "a:9", true, 1, []string{"a:5"}},
	}
	for _, c := range cases {
		var after []byte
		if c.after != "" {
			after = []byte(c.after)
		}
		if got := scanKeys(t, db, p, after, c.reverse, c.limit); !slices.Equal(got, c.want) {
			t.Errorf("%s: %q, want %q", c.name, got, c.want)
		}
	}
	if n, err := db.LocalCount(p); err != nil || n != 4 {
		t.Fatalf("LocalCount = %d, %v", n, err)
	}

	// A snapshot taken before a delete still sees the entries.
	snap, err := db.Snapshot()
	if err != nil {
		t.Fatal(err)
	}
	defer snap.Release()
	n, err := db.DeleteLocalPrefix(p, 3) // two batches
	if err != nil || n != 4 {
		t.Fatalf("DeleteLocalPrefix = %d, %v", n, err)
	}
	if got := scanKeys(t, db, []byte("a"), nil, false, 100); !slices.Equal(got, []string{"a", "ab:1"}) {
		t.Fatalf("after delete: %q", got)
	}
	if got := scanKeys(t, snap, p, nil, false, 100); len(got) != 4 {
		t.Fatalf("snapshot sees %q", got)
	}
	if _, err := db.DeleteLocalPrefix(nil, 1); err == nil {
		t.Fatal("empty prefix accepted")
	}
}

func TestStateScan(t *testing.T) {
	db, _ := openTest(t)
	b := testBatch(nil, 0, 0)
	for i := range 5 {
		b.State = append(b.State, &types.KeyValue{Key: fmt.Appendf(nil, "mavl-coins-bty-%d", i), Value: []byte{byte(i)}})
	}
	b.State = append(b.State, &types.KeyValue{Key: []byte("mavl-coins-bty-exec-x"), Value: []byte{9}})
	if err := db.CommitBlock(b); err != nil {
		t.Fatal(err)
	}
	var got []string
	err := db.StateScan([]byte("mavl-coins-bty-1"), []byte("mavl-coins-bty-exec"), func(k, v []byte) bool {
		got = append(got, fmt.Sprintf("%s=%d", k, v[0]))
		return len(got) < 3
	})
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"mavl-coins-bty-1=1", "mavl-coins-bty-2=2", "mavl-coins-bty-3=3"}; !slices.Equal(got, want) {
		t.Fatalf("StateScan = %q, want %q", got, want)
	}
}
