package commands

import (
	"errors"
	"reflect"
	"testing"

	"chain33node/types"
)

func TestParseSendArgs(t *testing.T) {
	const key = "CC38546E9E659D15E6B4893F0AB32A06D103931A8230B0BDE71459D2B27D6944"
	for _, tc := range []struct {
		name   string
		args   []string
		create []string
		key    string
		addrTy string
		rpc    string
	}{
		{"-k v", []string{"qbft", "add", "-p", "P", "-w", "10", "-k", key},
			[]string{"qbft", "add", "-p", "P", "-w", "10"}, key, "-1", ""},
		{"-k=v", []string{"-k=" + key, "coins", "transfer", "-a", "1", "-t", "T"},
			[]string{"coins", "transfer", "-a", "1", "-t", "T"}, key, "-1", ""},
		{"--key v", []string{"config", "config_tx", "-c", "k", "--key", key, "-o", "add", "-v", "x"},
			[]string{"config", "config_tx", "-c", "k", "-o", "add", "-v", "x"}, key, "-1", ""},
		{"--key=v and --signAddrType v", []string{"coins", "transfer", "--key=" + key, "--signAddrType", "2", "-a", "1"},
			[]string{"coins", "transfer", "-a", "1"}, key, "2", ""},
		{"--signAddrType=v", []string{"coins", "transfer", "--signAddrType=0", "-k", key},
			[]string{"coins", "transfer"}, key, "0", ""},
		{"rpc_laddr kept", []string{"--rpc_laddr", "http://h:1", "qbft", "add", "-k", key},
			[]string{"--rpc_laddr", "http://h:1", "qbft", "add"}, key, "-1", "http://h:1"},
		{"rpc_laddr=", []string{"qbft", "add", "--rpc_laddr=http://h:2", "-k", key},
			[]string{"qbft", "add", "--rpc_laddr=http://h:2"}, key, "-1", "http://h:2"},
	} {
		s, err := ParseSendArgs(tc.args)
		if err != nil {
			t.Errorf("%s: %v", tc.name, err)
			continue
		}
		if !reflect.DeepEqual(s.Create, tc.create) || s.Key != tc.key || !s.HasKey || s.SignAddrType != tc.addrTy || s.RPCAddr != tc.rpc {
			t.Errorf("%s: got %+v", tc.name, s)
		}
	}
	s, err := ParseSendArgs([]string{"--ca_file", "ca.pem", "qbft", "add", "--token=T", "-k", key})
	if err != nil || !reflect.DeepEqual(s.Conn, []string{"--ca_file", "ca.pem", "--token=T"}) ||
		!reflect.DeepEqual(s.Create, []string{"--ca_file", "ca.pem", "qbft", "add", "--token=T"}) {
		t.Errorf("ca_file and token: %+v %v", s, err)
	}
	if got := s.SendTxArgs("0b"); !reflect.DeepEqual(got, []string{"wallet", "send", "-d", "0b", "--ca_file", "ca.pem", "--token=T"}) {
		t.Errorf("send step with ca_file and token: %v", got)
	}
	if _, err := ParseSendArgs([]string{"qbft", "add", "-k"}); err == nil || err.Error() != "no private key found" {
		t.Errorf("-k at the end: %v", err)
	}
	if s, _ := ParseSendArgs([]string{"qbft", "add"}); s.HasKey {
		t.Error("no key: HasKey")
	}
}

func TestSendStepArgs(t *testing.T) {
	s := SendArgs{Key: "AB", SignAddrType: "-1", RPCAddr: "http://h:1"}
	if got, want := s.SignArgs("0a"), []string{"wallet", "sign", "-d", "0a", "-k", "AB", "-p", "-1", "--rpc_laddr", "http://h:1"}; !reflect.DeepEqual(got, want) {
		t.Errorf("sign args %v", got)
	}
	s = SendArgs{Key: "14KEKbYtKKQm4wMthSK9J4La4nAiidGozt", SignAddrType: "0"}
	if got, want := s.SignArgs("0a"), []string{"wallet", "sign", "-d", "0a", "-a", s.Key, "-p", "0"}; !reflect.DeepEqual(got, want) {
		t.Errorf("sign with address %v", got)
	}
	if got, want := s.SendTxArgs("0b"), []string{"wallet", "send", "-d", "0b"}; !reflect.DeepEqual(got, want) {
		t.Errorf("send args %v", got)
	}
}

func TestAmountToValue(t *testing.T) {
	for _, tc := range []struct {
		amount    float64
		precision int64
		want      int64
		err       bool
	}{
		{1, 1e8, 1e8, false},
		{1000000000, 1e8, 1e17, false},
		{0.001, 1e8, 100000, false},
		{1.23456789, 1e8, 123450000, false}, // 4 decimals count
		{0.12345, 1e4, 0, true},             // more decimals than the precision
		{1.5, 1e2, 150, false},
		{0, 1e8, 0, false},
		{1234567890.12345, 1e8, 0, true}, // too many digits for a float
	} {
		got, err := AmountToValue(tc.amount, tc.precision)
		if (err != nil) != tc.err || got != tc.want {
			t.Errorf("AmountToValue(%v, %d) = %d, %v", tc.amount, tc.precision, got, err)
		}
		if err != nil && !errors.Is(err, types.ErrInvalidParam) {
			t.Errorf("error %v is not ErrInvalidParam", err)
		}
	}
}

func TestFormatValue(t *testing.T) {
	for _, tc := range []struct {
		v, precision int64
		want         string
	}{
		{9999999999900000, 1e8, "99999999.9990"},
		{0, 1e8, "0.0000"},
		{299900000, 1e8, "2.9990"},
		{12345, 1e8, "0.0001"},
		{15000, 1e8, "0.0002"}, // half to even
		{25000, 1e8, "0.0002"}, // half to even
		{25001, 1e8, "0.0003"},
		{-150000000, 1e8, "-1.5000"},
		{9001234567812345678, 1e8, "90012345678.1235"},
		{150, 1e2, "1.50"},
	} {
		if got := FormatValue(tc.v, tc.precision); got != tc.want {
			t.Errorf("FormatValue(%d, %d) = %s, want %s", tc.v, tc.precision, got, tc.want)
		}
	}
}

func TestCheckExpire(t *testing.T) {
	for _, tc := range []struct {
		in, out string
		bumped  bool
		err     bool
	}{
		{"120s", "120s", false, false},
		{"1h", "1h", false, false},
		{"30s", "120s", true, false},
		{"0", "0", false, false},
		{"100", "100", false, false},
		{"-5", "", false, true},
		{"H:10", "H:10", false, false},
		{"H:0", "", false, true},
		{"soon", "", false, true},
		{"", "", false, true},
	} {
		out, bumped, err := CheckExpire(tc.in)
		if out != tc.out || bumped != tc.bumped || (err != nil) != tc.err {
			t.Errorf("CheckExpire(%q) = %q, %v, %v", tc.in, out, bumped, err)
		}
	}
}

func TestBuildTransfer(t *testing.T) {
	// The reference's `coins transfer -a 1 -t 12qy...` (transcript), nonce aside.
	const want = "0a05636f696e73122d18010a291080c2d72f2222313271796f6361794e46374c7636433971573461767873324537553431664b53667620a08d0630f6fb8f92d9c88fb2173a22313271796f6361794e46374c7636433971573461767873324537553431664b536676"
	cfg := &types.ChainConfigJSON{CoinExec: "coins", CoinPrecision: 1e8, MinTxFeeRate: 100000}
	tx, err := BuildTransfer(cfg, "", "12qyocayNF7Lv6C9qW4avxs2E7U41fKSfv", 1, "")
	if err != nil {
		t.Fatal(err)
	}
	tx.Nonce = 1685540629071003126
	if got := EncodeTxHex(tx); got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}

	para, err := BuildTransfer(cfg, "user.p.test.", "12qyocayNF7Lv6C9qW4avxs2E7U41fKSfv", 1, "")
	if err != nil {
		t.Fatal(err)
	}
	if string(para.Execer) != "user.p.test.coins" || para.To == "12qyocayNF7Lv6C9qW4avxs2E7U41fKSfv" {
		t.Errorf("parachain transfer: execer %s to %s", para.Execer, para.To)
	}

	for _, tc := range []struct {
		to     string
		amount float64
		err    error
	}{
		{"12qyocayNF7Lv6C9qW4avxs2E7U41fKSfv", -1, types.ErrAmount},
		{"12qyocayNF7Lv6C9qW4avxs2E7U41fKSfv", 2e17, types.ErrAmount},
		{"12qyocayNF7Lv6C9qW4avxs2E7U41fKSfX", 1, types.ErrInvalidAddress},
	} {
		if _, err := BuildTransfer(cfg, "", tc.to, tc.amount, ""); !errors.Is(err, tc.err) {
			t.Errorf("BuildTransfer(%s, %v): %v, want %v", tc.to, tc.amount, err, tc.err)
		}
	}
}

func TestCLITitle(t *testing.T) {
	t.Chdir(t.TempDir())
	for _, tc := range []struct {
		args []string
		want string
	}{
		{nil, "local"},
		{[]string{"--paraName", "user.p.x.", "net"}, "user.p.x."},
		{[]string{"--paraName=user.p.y.", "net"}, "user.p.y."},
		{[]string{"--conf", "missing.toml"}, "local"},
	} {
		got, err := cliTitle(tc.args)
		if err != nil || got != tc.want {
			t.Errorf("cliTitle(%v) = %q, %v", tc.args, got, err)
		}
	}
}
