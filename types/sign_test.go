package types

import (
	"encoding/hex"
	"testing"

	"chain33node/crypto"

	"google.golang.org/protobuf/encoding/protowire"
	"google.golang.org/protobuf/proto"
)

var signTypeNames = map[int32]string{
	crypto.SignTypeSecp256k1: "secp256k1", crypto.SignTypeED25519: "ed25519", crypto.SignTypeSecp256r1: "secp256r1",
	crypto.SignTypeSM2: "sm2", crypto.SignTypeSecp256k1Eth: "secp256k1eth",
}

var allSignTypes = []int32{crypto.SignTypeSecp256k1, crypto.SignTypeED25519, crypto.SignTypeSecp256r1, crypto.SignTypeSM2, crypto.SignTypeSecp256k1Eth}

func coinsTransfer(t testing.TB, to string, note []byte) *Transaction {
	t.Helper()
	payload, err := proto.Marshal(&CoinsAction{Ty: 1, Value: &CoinsAction_Transfer{Transfer: &AssetsTransfer{Amount: 1e8, To: to, Note: note}}})
	if err != nil {
		t.Fatal(err)
	}
	return &Transaction{Execer: []byte("coins"), Payload: payload, Fee: 100000, Nonce: 7, To: to}
}

// Every signature type, signed for every address driver, verifies and has
// the sender its address id names; a changed transaction does not verify.
func TestSignaturesOfEveryType(t *testing.T) {
	for _, id := range allSignTypes {
		k, err := crypto.GenerateSigner(id)
		if err != nil {
			t.Fatal(err)
		}
		for _, aid := range []int32{crypto.AddressIDBTC, crypto.AddressIDBTCMultiSign, crypto.AddressIDEth} {
			tx := coinsTransfer(t, "0x6c0d7BE0d2C8350042890a77393158181716b0d6", nil)
			SignAs(tx, k, aid)
			if tx.Signature.Ty != crypto.EncodeSignID(id, aid) {
				t.Fatalf("type %d/%d: ty %d", id, aid, tx.Signature.Ty)
			}
			// Through the wire, as mempool and block validation see it.
			dec, err := DecodeTx(NewTx(tx).Encode())
			if err != nil {
				t.Fatal(err)
			}
			if !VerifySignature(dec.Transaction) {
				t.Fatalf("type %d/%d rejected", id, aid)
			}
			want, _ := crypto.PubKeyToAddress(aid, k.PubKey())
			if dec.From() != want || crypto.CheckAddress(want) != nil {
				t.Fatalf("type %d/%d: from %s, want %s", id, aid, dec.From(), want)
			}
			dec.Fee++
			if VerifySignature(dec.Transaction) {
				t.Fatalf("type %d/%d: changed fee accepted", id, aid)
			}
		}
	}
}

func TestUnknownAddressIDRejected(t *testing.T) {
	k, _ := crypto.GenerateSigner(crypto.SignTypeSecp256k1)
	tx := coinsTransfer(t, "14KEKbYtKKQm4wMthSK9J4La4nAiidGozt", nil)
	SignAs(tx, k, 3) // fits in the type, but no address driver 3 exists
	if VerifySignature(tx) || NewTx(tx).From() != "" {
		t.Fatalf("address id 3: verified or has sender %q", NewTx(tx).From())
	}
	tx.Signature.Ty = 1 | 3<<12
	if VerifySignature(tx) {
		t.Fatal("address id 3 accepted")
	}
	SignAs(tx, k, crypto.AddressIDBTC)
	tx.Signature.Ty |= 1 << 30 // outside both fields: ignored, as the reference
	if !VerifySignature(tx) {
		t.Fatal("high bits changed the type")
	}
}

// An Ethereum-signed (secp256k1eth, eth address) transaction pinned to its
// bytes: the signature is deterministic (RFC 6979 over Keccak-256).
func TestSecp256k1EthTxVector(t *testing.T) {
	k, _ := crypto.NewSigner(crypto.SignTypeSecp256k1Eth, unhex(t, testPrivKeyHex))
	tx := coinsTransfer(t, "0x970e8128ab834e8eac17ab8e3812f010678cf791", nil)
	SignAs(tx, k, crypto.AddressIDEth)
	const want = "0a05636f696e73123518010a311080c2d72f222a3078393730653831323861623833346538656163313761623865333831326630313036373863663739311a8901088442124104504fa1c28caaf1d5a20fefb87c50a49724ff401043420cb3ba271997eb5a43879f2f7508d37165db9d9721b819ccaa3ef08a20bbab986c18b79d44a7e4201b8e1a419727f6f0ee7f91f1dacdcdeb936a5dcbf39da51b0506b78e97f1cb03d44177a0301e576589e862e59c6be31c7128b92d8d7a45ba377964433f15f7312cd180900020a08d0630073a2a307839373065383132386162383334653865616331376162386533383132663031303637386366373931"
	if enc := hex.EncodeToString(NewTx(tx).Encode()); enc != want {
		t.Fatalf("encoding %s", enc)
	}
	if !VerifySignature(tx) {
		t.Fatal("rejected")
	}
	if got := NewTx(tx).From(); got != "0xf39e69a8f2c1041edd7616cf079c7084bb7a5242" {
		t.Fatalf("from %s", got)
	}
	if tx.Signature.Ty != 8452 {
		t.Fatalf("ty %d", tx.Signature.Ty)
	}
}

// The reference's secp256k1eth verifier reads the transaction first and
// takes a noted action for a MetaMask transaction (the raw Ethereum
// transaction in the note); this node refuses those (see
// crypto.VerifySecp256k1Eth). These are the cases that decide it.
func TestSecp256k1EthNotedActions(t *testing.T) {
	k, _ := crypto.GenerateSigner(crypto.SignTypeSecp256k1Eth)
	manage, _ := proto.Marshal(&ManageAction{Ty: 0, Value: &ManageAction_Modify{Modify: &ModifyConfig{Key: "k", Value: "v", Op: "add"}}})
	qbft, _ := proto.Marshal(&QbftNodeAction{Ty: 1, Value: &QbftNodeAction_Node{Node: &QbftNode{PubKey: "ab", Power: 10}}})
	evm := func(note string) []byte {
		b := protowire.AppendTag(nil, 1, protowire.VarintType)
		b = protowire.AppendVarint(b, 5)
		b = protowire.AppendTag(b, 7, protowire.BytesType)
		return protowire.AppendString(b, note)
	}
	for _, c := range []struct {
		name     string
		execer   string
		payload  []byte
		verifies bool
	}{
		{"transfer", "coins", coinsTransfer(t, "x", nil).Payload, true},
		{"transfer with note", "coins", coinsTransfer(t, "x", []byte("hello")).Payload, false},
		// ModifyConfig.op is field 3, where a transfer's note is.
		{"manage modify", "manage", manage, false},
		{"qbftNode", "qbftNode", qbft, true},
		{"evm hex note", "user.evm.x", evm("0xf86c"), false},
		{"evm odd hex note", "evm", evm("abc"), false},
		{"evm non-hex note", "evm", evm("zz"), true}, // common.FromHex gives nothing
		{"evm empty note", "evm", evm("0x"), true},
		{"not protobuf", "coins", []byte{0xff}, true},
	} {
		tx := &Transaction{Execer: []byte(c.execer), Payload: c.payload, Fee: 1, Nonce: 1}
		SignAs(tx, k, crypto.AddressIDEth)
		if got := VerifySignature(tx); got != c.verifies {
			t.Errorf("%s: verified %v, reference %v", c.name, got, c.verifies)
		}
	}
}

func BenchmarkVerifySignature(b *testing.B) {
	for _, id := range allSignTypes {
		k, _ := crypto.GenerateSigner(id)
		tx := coinsTransfer(b, "14KEKbYtKKQm4wMthSK9J4La4nAiidGozt", nil)
		Sign(tx, k)
		b.Run(signTypeNames[id], func(b *testing.B) {
			for b.Loop() {
				if !VerifySignature(tx) {
					b.Fatal("rejected")
				}
			}
		})
	}
}

func BenchmarkSign(b *testing.B) {
	for _, id := range allSignTypes {
		k, _ := crypto.GenerateSigner(id)
		tx := coinsTransfer(b, "14KEKbYtKKQm4wMthSK9J4La4nAiidGozt", nil)
		b.Run(signTypeNames[id], func(b *testing.B) {
			for b.Loop() {
				Sign(tx, k)
			}
		})
	}
}
