package e2e

import (
	"encoding/hex"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"chain33node/crypto"
	"chain33node/poll"
)

// txQuery is what `tx query` prints, the parts these tests read.
type txQuery struct {
	Tx struct {
		Execer     string          `json:"execer"`
		Payload    json.RawMessage `json:"payload"`
		RawPayload string          `json:"rawpayload"`
		Fee        string          `json:"fee"`
		GroupCount int             `json:"groupCount"`
		Header     string          `json:"header"`
		Next       string          `json:"next"`
		Hash       string          `json:"hash"`
	} `json:"tx"`
	Receipt struct {
		Ty     int    `json:"ty"`
		TyName string `json:"tyName"`
		Logs   []struct {
			TyName string          `json:"tyName"`
			Log    json.RawMessage `json:"log"`
		} `json:"logs"`
	} `json:"receipt"`
	ActionName string `json:"actionname"`
}

func queryTx(t *testing.T, dir, rpc, hash string) *txQuery {
	t.Helper()
	out := waitTx(t, dir, rpc, hash)
	var q txQuery
	if err := json.Unmarshal([]byte(out), &q); err != nil {
		t.Fatalf("tx query: %v\n%s", err, out)
	}
	return &q
}

func logNames(q *txQuery) string {
	var names []string
	for _, l := range q.Receipt.Logs {
		names = append(names, l.TyName+" "+string(l.Log))
	}
	return strings.Join(names, "; ")
}

// A notarisation transaction, a three-transaction group, a group that fails
// as a whole and a delayed transaction, sent through the real node and cli
// and read back with `tx query`.
func TestNotarisationAndGroupsCLI(t *testing.T) {
	dir := layout(t)
	if out, err := runScript(t, dir, "./genconfig.sh", "-f", "127.0.0.7"); err != nil {
		t.Fatalf("genconfig: %v\n%s", err, out)
	}
	ndir := filepath.Join(dir, "127.0.0.7")
	cfg := filepath.Join(ndir, "chain.toml")
	edit(t, cfg, "singleMode", "true")
	edit(t, cfg, "emptyBlockInterval", "1")
	edit(t, cfg, "timeoutTxAvail", "50")
	startNode(t, ndir)
	rpc := "127.0.0.7:8801"
	poll.Until(t, 20*time.Second, "net is_sync", func() bool {
		out, _, code := cli(t, ndir, rpc, "net", "is_sync")
		return code == 0 && out == "true"
	})

	// Notarisation: `exec userdata` to a "user." executor, signed and sent.
	hash := mustCLI(t, ndir, rpc, "send", "exec", "userdata", "-e", "user.evidence", "-t", "contract", "-d", "sha256:00ff", "-k", superKey)
	q := queryTx(t, ndir, rpc, hash)
	if q.Tx.Execer != "user.evidence" || string(q.Tx.Payload) != "null" || q.Tx.RawPayload != "0x"+hex.EncodeToString([]byte("#contract#sha256:00ff")) ||
		q.Receipt.TyName != "ExecPack" || len(q.Receipt.Logs) != 1 || q.Receipt.Logs[0].TyName != "LogFee" || q.ActionName != "unknown" {
		t.Fatalf("notarisation: %+v / %s", q, logNames(q))
	}

	// A group of three: two transfers and a notarisation, built by `coins
	// txgroup`, signed and sent as one by `send`.
	bob, _ := crypto.GeneratePrivKey()
	bobAddr := crypto.PubKeyToAddr(bob.PubKey())
	t1 := mustCLI(t, ndir, rpc, "coins", "transfer", "-a", "2", "-t", bobAddr)
	t2 := mustCLI(t, ndir, rpc, "exec", "userdata", "-e", "user.evidence", "-d", "doc-2")
	t3 := mustCLI(t, ndir, rpc, "coins", "transfer", "-a", "3", "-t", bobAddr)
	hash = mustCLI(t, ndir, rpc, "send", "coins", "txgroup", "-t", t1+" "+t2+" "+t3, "-k", superKey)
	var members []*txQuery
	for next := hash; next != ""; {
		m := queryTx(t, ndir, rpc, next)
		members = append(members, m)
		next = m.Tx.Next
	}
	if len(members) != 3 {
		t.Fatalf("%d members follow from the group hash", len(members))
	}
	for i, m := range members {
		if m.Tx.GroupCount != 3 || m.Tx.Header != hash {
			t.Fatalf("member %d: groupCount %d header %s", i, m.Tx.GroupCount, m.Tx.Header)
		}
	}
	if members[0].Receipt.TyName != "ExecOk" || members[1].Receipt.TyName != "ExecPack" || members[2].Receipt.TyName != "ExecOk" ||
		members[1].Tx.Fee != "0.0000" || members[2].Tx.Fee != "0.0000" || members[0].Tx.Fee == "0.0000" {
		t.Fatalf("group receipts %s %s %s fees %s %s %s", members[0].Receipt.TyName, members[1].Receipt.TyName, members[2].Receipt.TyName,
			members[0].Tx.Fee, members[1].Tx.Fee, members[2].Tx.Fee)
	}
	if bal := mustCLI(t, ndir, rpc, "account", "balance", "-a", bobAddr, "-e", "coins"); !strings.Contains(bal, `"balance": "5.0000"`) {
		t.Fatalf("bob:\n%s", bal)
	}

	// A group whose second member cannot pay its transfer: each member signs
	// its own (wallet sign -i), and the whole group is packed failed, the
	// first member's transfer undone, only the fee kept.
	carol, _ := crypto.GeneratePrivKey()
	carolAddr := crypto.PubKeyToAddr(carol.PubKey())
	g := mustCLI(t, ndir, rpc, "coins", "txgroup", "-t",
		mustCLI(t, ndir, rpc, "coins", "transfer", "-a", "1", "-t", carolAddr)+" "+mustCLI(t, ndir, rpc, "coins", "transfer", "-a", "100", "-t", bobAddr))
	g = mustCLI(t, ndir, rpc, "wallet", "sign", "-d", g, "-i", "1", "-k", superKey)
	g = mustCLI(t, ndir, rpc, "wallet", "sign", "-d", g, "-i", "2", "-k", hex.EncodeToString(bob.Bytes()))
	hash = mustCLI(t, ndir, rpc, "wallet", "send", "-d", g)
	first := queryTx(t, ndir, rpc, hash)
	second := queryTx(t, ndir, rpc, first.Tx.Next)
	if first.Receipt.TyName != "ExecPack" || len(first.Receipt.Logs) != 1 || first.Receipt.Logs[0].TyName != "LogFee" ||
		second.Receipt.TyName != "ExecPack" || len(second.Receipt.Logs) != 1 || string(second.Receipt.Logs[0].Log) != `"ErrNoBalance"` {
		t.Fatalf("failed group: %s / %s", logNames(first), logNames(second))
	}
	if bal := mustCLI(t, ndir, rpc, "account", "balance", "-a", carolAddr, "-e", "coins"); !strings.Contains(bal, `"balance": "0.0000"`) {
		t.Fatalf("carol got the rolled back transfer:\n%s", bal)
	}

	// A delayed transaction: committed by `none delay`, in a block a second
	// after.
	delayed := mustCLI(t, ndir, rpc, "wallet", "sign", "-d", mustCLI(t, ndir, rpc, "coins", "transfer", "-a", "1", "-t", carolAddr), "-k", superKey, "-e", "1h")
	decoded := mustCLI(t, ndir, rpc, "tx", "decode", "-d", delayed)
	var dl struct {
		Txs []struct {
			Hash string `json:"hash"`
		} `json:"txs"`
	}
	if err := json.Unmarshal([]byte(decoded), &dl); err != nil || len(dl.Txs) != 1 {
		t.Fatalf("tx decode: %v\n%s", err, decoded)
	}
	hash = mustCLI(t, ndir, rpc, "send", "none", "delay", "-d", delayed, "-t", "1", "-k", superKey)
	if q := queryTx(t, ndir, rpc, hash); q.Receipt.TyName != "ExecOk" || q.ActionName != "CommitDelayTx" {
		t.Fatalf("commit delay: %+v / %s", q, logNames(q))
	}
	if q := queryTx(t, ndir, rpc, dl.Txs[0].Hash); q.Receipt.TyName != "ExecOk" {
		t.Fatalf("delayed transfer: %s", logNames(q))
	}
}
