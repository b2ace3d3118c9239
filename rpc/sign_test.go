package rpc_test

import (
	"encoding/hex"
	"encoding/json"
	"strings"
	"testing"

	"chain33node/crypto"
	"chain33node/types"
)

// SignRawTx signs for the address driver the CLI's -p names: the node's own
// key signs a transfer to its eth address, which then sends coins back from
// that address, through mempool admission and block execution.
func TestSignRawTxAddressID(t *testing.T) {
	ethAddr := crypto.EthAddress(superKey.PubKey())
	signSend := func(to string, amount int64, addressID int) (string, *types.Tx) {
		t.Helper()
		var unsigned, signed, hash string
		json.Unmarshal(mustCall(t, "Chain33.CreateRawTransaction", map[string]any{"to": to, "amount": amount}), &unsigned)
		json.Unmarshal(mustCall(t, "Chain33.SignRawTx", map[string]any{"privkey": superKeyHex, "txHex": unsigned, "expire": "120s", "addressID": addressID}), &signed)
		raw, _ := hex.DecodeString(signed)
		tx, err := types.DecodeTx(raw)
		if err != nil {
			t.Fatal(err)
		}
		json.Unmarshal(mustCall(t, "Chain33.SendTransaction", map[string]string{"data": signed}), &hash)
		if d := waitTx(t, hash); !strings.Contains(string(member(t, d, "receipt")), `"tyName":"ExecOk"`) {
			t.Fatalf("transfer to %s: %s", to, d)
		}
		return hash, tx
	}
	if _, tx := signSend(ethAddr, 2e7, -1); tx.Signature.Ty != crypto.SignTypeSecp256k1 || tx.From() != crypto.PubKeyToAddr(superKey.PubKey()) {
		t.Fatalf("default address: ty %d from %s", tx.Signature.Ty, tx.From())
	}
	if _, tx := signSend(crypto.PubKeyToAddr(superKey.PubKey()), 1e7, crypto.AddressIDEth); tx.Signature.Ty != 8193 || tx.From() != ethAddr {
		t.Fatalf("eth address: ty %d from %s", tx.Signature.Ty, tx.From())
	}
	var unsigned string
	json.Unmarshal(mustCall(t, "Chain33.CreateRawTransaction", map[string]any{"to": ethAddr, "amount": 1}), &unsigned)
	if _, e := call(t, "Chain33.SignRawTx", map[string]any{"privkey": superKeyHex, "txHex": unsigned, "expire": "120s", "addressID": 3}); e != "ErrInvalidParam" {
		t.Fatalf("address id 3: %q", e)
	}
}
