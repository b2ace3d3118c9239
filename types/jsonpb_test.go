package types

import (
	"bytes"
	"encoding/json"
	"math/rand/v2"
	"strings"
	"testing"

	"google.golang.org/protobuf/proto"
)

func marshalPB(t *testing.T, m proto.Message, utf8Bytes bool) string {
	t.Helper()
	b, err := MarshalPB(m, utf8Bytes)
	if err != nil {
		t.Fatal(err)
	}
	if !json.Valid(b) {
		t.Fatalf("invalid JSON %s", b)
	}
	return string(b)
}

func TestMarshalPBRules(t *testing.T) {
	for _, c := range []struct {
		name string
		m    proto.Message
		utf8 bool
		want string
	}{
		{"defaults emitted, int64 strings, nested and bytes null", &QbftState{},
			false, `{"chainID":"","lastBlockHeight":"0","lastBlockTotalTx":"0","lastBlockID":null,"lastBlockTime":"0",` +
				`"validators":null,"lastValidators":null,"lastHeightValidatorsChanged":"0","consensusParams":null,` +
				`"lastHeightConsensusParamsChanged":"0","lastResultsHash":null,"appHash":null,"sequence":"0","lastSequence":"0","lastCommitRound":"0"}`},
		{"empty repeated is [], empty message is {...}", &QbftValidatorSet{}, false, `{"validators":[],"proposer":null}`},
		{"set empty nested message", &QbftState{LastBlockID: &QbftBlockID{}, AppHash: []byte{}, LastResultsHash: []byte{0xee, 0x8e}},
			false, `{"chainID":"","lastBlockHeight":"0","lastBlockTotalTx":"0","lastBlockID":{"hash":null},"lastBlockTime":"0",` +
				`"validators":null,"lastValidators":null,"lastHeightValidatorsChanged":"0","consensusParams":null,` +
				`"lastHeightConsensusParamsChanged":"0","lastResultsHash":"0xee8e","appHash":null,"sequence":"0","lastSequence":"0","lastCommitRound":"0"}`},
		{"int32 number, int64 string, negative", &QbftBlockSize{MaxBytes: 22020096, MaxTxs: 100000, MaxGas: -1}, false,
			`{"maxBytes":22020096,"maxTxs":100000,"maxGas":"-1"}`},
		{"repeated uint64 as strings", &QbftBitArray{Bits: 4, Elems: []uint64{14, 1 << 63}}, false,
			`{"bits":4,"elems":["14","9223372036854775808"]}`},
		{"uint32 and bool", &QbftVote{Type: 1, UseAggSig: true, ValidatorIndex: -2}, false,
			`{"validatorAddress":null,"validatorIndex":-2,"height":"0","round":0,"timestamp":"0","type":1,"blockID":null,"signature":null,"useAggSig":true}`},
		{"names as declared", &QbftProposal{POLRound: -1}, false,
			`{"height":"0","round":0,"timestamp":"0","POLRound":-1,"POLBlockID":null,"signature":null,"blockhash":null,"sequence":"0"}`},
		{"oneof at its position", &ConfigItem{Key: "k", Value: &ConfigItem_Arr{Arr: &ArrayConfig{Value: []string{"a"}}}}, false,
			`{"key":"k","addr":"","arr":{"value":["a"]},"Ty":0}`},
		{"other oneof member", &ConfigItem{Key: "k", Value: &ConfigItem_Str{Str: &StringConfig{Value: "s"}}, Ty: 1}, false,
			`{"key":"k","addr":"","str":{"value":"s"},"Ty":1}`},
		{"unset oneof omitted", &ConfigItem{Key: "k"}, false, `{"key":"k","addr":"","Ty":0}`},
		{"empty repeated string", &ConfigItem{Value: &ConfigItem_Arr{Arr: &ArrayConfig{}}}, false,
			`{"key":"","addr":"","arr":{"value":[]},"Ty":0}`},
		{"oneof declared before ty", &CoinsAction{Ty: 3, Value: &CoinsAction_Withdraw{Withdraw: &AssetsWithdraw{Amount: 5, ExecName: "ticket"}}}, false,
			`{"withdraw":{"cointoken":"","amount":"5","note":null,"execName":"ticket","to":""},"ty":3}`},
		{"utf8 bytes as string", &AssetsTransfer{Note: []byte("hello 你好")}, true,
			`{"cointoken":"","amount":"0","note":"hello 你好","to":""}`},
		{"utf8 bytes as hex without the option", &AssetsTransfer{Note: []byte("hello")}, false,
			`{"cointoken":"","amount":"0","note":"0x68656c6c6f","to":""}`},
		{"invalid utf8 bytes as hex", &AssetsTransfer{Note: []byte{0xff, 0x00}}, true,
			`{"cointoken":"","amount":"0","note":"0xff00","to":""}`},
		{"strings escaped as encoding/json", &ModifyConfig{Key: "<a&b>", Value: "\"\n"}, false,
			`{"key":"\u003ca\u0026b\u003e","value":"\"\n","op":"","addr":""}`},
		{"repeated bytes", &TxProof{Proofs: [][]byte{{1}, {}}}, false, `{"proofs":["0x01",""],"index":0,"rootHash":null}`},
		{"receipt config log", &ReceiptConfig{Prev: &ConfigItem{Key: "qbft-manager", Value: &ConfigItem_Arr{Arr: &ArrayConfig{}}}}, false,
			`{"prev":{"key":"qbft-manager","addr":"","arr":{"value":[]},"Ty":0},"current":null}`},
	} {
		if got := marshalPB(t, c.m, c.utf8); got != c.want {
			t.Errorf("%s:\n got  %s\n want %s", c.name, got, c.want)
		}
	}
	if _, err := MarshalPB(nil, false); err == nil {
		t.Error("MarshalPB(nil) succeeded")
	}
	if _, err := MarshalPB((*QbftState)(nil), false); err == nil {
		t.Error("MarshalPB(typed nil) succeeded")
	}
}

// The transcript's `qbft state` and `qbft info --height 5` outputs are jsonpb
// of QbftState and QbftBlockInfo, indented by the CLI: reading them back and
// printing them again must give the same text.
func TestMarshalPBTranscriptQueries(t *testing.T) {
	for _, c := range []struct {
		file string
		m    proto.Message
	}{
		{"qbft_state.json", new(QbftState)},
		{"qbft_info_5.json", new(QbftBlockInfo)},
	} {
		text := fixture(t, c.file)
		if err := UnmarshalPB([]byte(text), c.m); err != nil {
			t.Fatalf("%s: %v", c.file, err)
		}
		var out bytes.Buffer
		if err := json.Indent(&out, []byte(marshalPB(t, c.m, false)), "", "    "); err != nil {
			t.Fatal(err)
		}
		out.WriteByte('\n')
		compareText(t, c.file, out.String(), text)
	}
	var st QbftState
	if err := UnmarshalPB([]byte(fixture(t, "qbft_state.json")), &st); err != nil {
		t.Fatal(err)
	}
	if st.LastBlockHeight != 30 || st.Validators.Validators[3].Accum != 0 || st.LastValidators.Validators[3].Accum != 30 ||
		HexWith0x(st.LastResultsHash) != "0xee8e9290711d17c80f8e922cf6afd1bf42cd75e215e3302bbe7aff4609b7910c" || st.AppHash != nil {
		t.Fatalf("decoded state %v", &st)
	}
}

func TestUnmarshalPB(t *testing.T) {
	for _, c := range []struct {
		in   string
		m    proto.Message
		want proto.Message
	}{
		{`{"height":5}`, new(ReqQbftNodes), &ReqQbftNodes{Height: 5}},
		{`{"height":"5"}`, new(ReqQbftNodes), &ReqQbftNodes{Height: 5}},
		{`{"height":null}`, new(ReqQbftNodes), &ReqQbftNodes{}},
		{`{}`, new(ReqQbftNodes), &ReqQbftNodes{}},
		{`null`, new(ReqQbftNodes), &ReqQbftNodes{}},
		{`{"start":1,"end":"9"}`, new(ReqQbftPerfStat), &ReqQbftPerfStat{Start: 1, End: 9}},
		{`{"data":"qbft-manager"}`, new(ReqString), &ReqString{Data: "qbft-manager"}},
		{`{"pubKey":"AB01","power":10}`, new(QbftNode), &QbftNode{PubKey: "AB01", Power: 10}},
		{`{"key":"qbft-manager","value":"12qy","op":"add","addr":""}`, new(ModifyConfig),
			&ModifyConfig{Key: "qbft-manager", Value: "12qy", Op: "add"}},
		{`{"hash":"0x0102"}`, new(QbftBlockID), &QbftBlockID{Hash: []byte{1, 2}}},
		{`{"hash":"0XAB"}`, new(QbftBlockID), &QbftBlockID{Hash: []byte{0xab}}},
		{`{"hash":"abc"}`, new(QbftBlockID), &QbftBlockID{Hash: []byte("abc")}},
		{`{"bits":"4","elems":["14",15]}`, new(QbftBitArray), &QbftBitArray{Bits: 4, Elems: []uint64{14, 15}}},
		{`{"isHealthy":true}`, new(QbftIsHealthy), &QbftIsHealthy{IsHealthy: true}},
		{`{"modify":{"key":"k"},"Ty":0}`, new(ManageAction),
			&ManageAction{Value: &ManageAction_Modify{Modify: &ModifyConfig{Key: "k"}}}},
		{`{"transfer":{"amount":"100000000","note":"hi","to":"1x"},"ty":1}`, new(CoinsAction),
			&CoinsAction{Ty: 1, Value: &CoinsAction_Transfer{Transfer: &AssetsTransfer{Amount: 1e8, Note: []byte("hi"), To: "1x"}}}},
	} {
		if err := UnmarshalPB([]byte(c.in), c.m); err != nil {
			t.Errorf("%s: %v", c.in, err)
			continue
		}
		if !proto.Equal(c.m, c.want) {
			t.Errorf("%s: got %v want %v", c.in, c.m, c.want)
		}
	}

	for _, c := range []struct {
		in   string
		m    proto.Message
		want []string // substrings of the error
	}{
		{`{"height":5,"foo":1}`, new(ReqQbftNodes), []string{`unknown field "foo"`, "ReqQbftNodes"}},
		{`{"nodes":[{"pubKey":"A","bar":2}]}`, new(QbftNodes), []string{`unknown field "bar"`, "QbftNode"}},
		{`{"height":"abc"}`, new(ReqQbftNodes), []string{`"height"`}},
		{`{"height":1.5}`, new(ReqQbftNodes), []string{`"height"`}},
		{`{"height":true}`, new(ReqQbftNodes), []string{`"height"`}},
		{`{"data":5}`, new(ReqString), []string{`"data"`, "string"}},
		{`{"isHealthy":1}`, new(QbftIsHealthy), []string{`"isHealthy"`}},
		{`{"hash":"0xzz"}`, new(QbftBlockID), []string{`"hash"`, "hex"}},
		{`{"hash":5}`, new(QbftBlockID), []string{`"hash"`}},
		{`{"elems":"14"}`, new(QbftBitArray), []string{`"elems"`}},
		{`{"modify":5}`, new(ManageAction), []string{`"modify"`}},
		{`[1]`, new(ReqQbftNodes), []string{"ReqQbftNodes"}},
	} {
		err := UnmarshalPB([]byte(c.in), c.m)
		if err == nil {
			t.Errorf("%s: no error", c.in)
			continue
		}
		for _, s := range c.want {
			if !strings.Contains(err.Error(), s) {
				t.Errorf("%s: error %q lacks %q", c.in, err, s)
			}
		}
	}
}

// Round trip through both directions for a payload with every kind of field.
func TestPBRoundTrip(t *testing.T) {
	in := &QbftBlockInfo{
		State: &QbftState{ChainID: "c", LastBlockHeight: -3, AppHash: []byte{0, 1},
			Validators: &QbftValidatorSet{Validators: []*QbftValidator{{Address: "AA", VotingPower: 10, Accum: -10}}}},
		Proposal: &QbftProposal{POLRound: -1, POLBlockID: &QbftBlockID{Hash: []byte{9}}, Sequence: 7},
		Block: &QbftBlock{Header: &QbftBlockHeader{Height: 5, ProposerAddr: []byte{0x61, 0x22}},
			LastCommit: &QbftCommit{Prevotes: []*QbftVote{{}, {Height: 4, UseAggSig: true, Signature: []byte{0xfe}}}, VoteType: 1}},
	}
	b := marshalPB(t, in, false)
	out := new(QbftBlockInfo)
	if err := UnmarshalPB([]byte(b), out); err != nil {
		t.Fatal(err)
	}
	if !proto.Equal(in, out) {
		t.Fatalf("round trip:\n%v\n%v", in, out)
	}
	if b2 := marshalPB(t, out, false); b2 != b {
		t.Fatalf("re-marshal differs:\n%s\n%s", b, b2)
	}
}

// appendJSONString writes every string as encoding/json does: each byte
// alone, escapes in plain text, invalid UTF-8, the separators it escapes,
// and random bytes.
func TestAppendJSONStringAsEncodingJSON(t *testing.T) {
	cases := []string{"", "1BvKkBRpgWfvkKZ2gjoRs1kjpUDvF8KhGu", "0xabcdef", `a"b\c`, "<b>&amp;</b>", "tab\there\n",
		"\u00e9t\u00e9", "\u2028\u2029", "\xff\xfe", "a\xc3", "\x00\x1f\x7f", "emoji \U0001F600"}
	for c := range 256 {
		cases = append(cases, string([]byte{byte(c)}), "x"+string([]byte{byte(c)})+"y")
	}
	rnd := rand.New(rand.NewPCG(1, 2))
	for range 2000 {
		b := make([]byte, rnd.IntN(12))
		for i := range b {
			b[i] = byte(rnd.IntN(256))
		}
		cases = append(cases, string(b))
	}
	for _, s := range cases {
		want, _ := json.Marshal(s)
		if got := appendJSONString([]byte("x"), s); string(got) != "x"+string(want) {
			t.Fatalf("%q: got %s, encoding/json %s", s, got[1:], want)
		}
	}
}
