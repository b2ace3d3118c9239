package rpc

import (
	"encoding/hex"
	"encoding/json"
	"errors"
	"strings"
	"time"

	"chain33node/crypto"
	"chain33node/txbuild"
	"chain33node/types"

	"google.golang.org/protobuf/proto"
)

// Transaction building and signing requests (CreateRawTransaction,
// CreateTransaction, SignRawTx), built by txbuild for this chain.

// txChain is what a transaction built here takes from the chain.
func (s *Server) txChain() txbuild.Chain {
	return txbuild.Chain{ChainID: s.cfg.ChainID, FeeRate: s.properFeeRate(), CoinExec: s.coinExec(), MaxTxFee: s.cfg.MaxTxFee}
}

func encodeUnsigned(t *types.Transaction) string {
	return types.HexWith0x(types.AppendTx(nil, t, true, true))
}

func (s *Server) createRawTransaction(in *CreateTx) (any, error) {
	t, err := txbuild.CoinsTx(txbuild.Coins(*in), s.txChain())
	if err != nil {
		return nil, err
	}
	return encodeUnsigned(t), nil
}

// createTransaction builds an unsigned tx from an executor action given as
// JSON: manage Modify, qbftNode NodeUpdate, coins Transfer, none
// CommitDelayTx; for a "user." executor the payload's JSON text itself.
func (s *Server) createTransaction(in *CreateTxIn) (any, error) {
	if types.IsUserExecName(in.Execer) {
		t, err := txbuild.UserTx(in.Execer, in.Payload, s.txChain())
		if err != nil {
			return nil, err
		}
		return encodeUnsigned(t), nil
	}
	t, err := txbuild.ActionTx(in.Execer, in.ActionName, func(m proto.Message) error {
		switch m.(type) {
		case *types.AssetsTransfer, *types.CommitDelayTx:
			if len(in.Payload) == 0 {
				return types.ErrInvalidParam
			}
			return types.UnmarshalPB(in.Payload, m)
		}
		return json.Unmarshal(in.Payload, m)
	}, s.txChain())
	if err != nil {
		return nil, err
	}
	return encodeUnsigned(t), nil
}

func (s *Server) signRawTx(in *ReqSignRawTx) (any, error) {
	signed, err := s.signRaw(in)
	if err != nil {
		return nil, err
	}
	return hex.EncodeToString(signed), nil // no 0x, as the reference
}

// signRaw signs a raw tx with a hex private key of the [wallet] signType
// (an unknown name means secp256k1, as the reference) for the address of
// in.AddressID (-1 or out of range: btc): fee at least the size-based
// minimum for the signed size, expire as given, To replaced if asked. A
// group carrier is signed as the reference's wallet signs one (in.Index, see
// txbuild.SignGroup). It returns the signed encoding.
func (s *Server) signRaw(in *ReqSignRawTx) ([]byte, error) {
	key, addressID, err := s.signKey(in)
	if err != nil {
		return nil, err
	}
	raw, err := types.DecodeHex(in.TxHex)
	if err != nil {
		return nil, err
	}
	dec, err := types.DecodeTx(raw)
	if err != nil {
		return nil, protoError(err)
	}
	t := dec.Transaction
	if in.NewToAddr != "" {
		if crypto.CheckAddress(in.NewToAddr) != nil {
			return nil, types.ErrInvalidAddress
		}
		t.To = in.NewToAddr
	}
	expire, err := txbuild.ParseExpire(in.Expire)
	if err != nil {
		return nil, err
	}
	if t.GroupCount != 0 {
		return txbuild.SignGroup(t, in.Index, key, addressID, expire, time.Now())
	}
	txbuild.SetExpire(t, expire, time.Now())
	return txbuild.Sign(t, key, addressID, in.Fee, s.properFeeRate())
}

// signKey is the key and address id a SignRawTx request signs with.
func (s *Server) signKey(in *ReqSignRawTx) (crypto.Signer, int32, error) {
	var key crypto.Signer
	switch {
	case in.Privkey != "":
		b, err := types.DecodeHex(in.Privkey)
		if err != nil {
			return nil, 0, err
		}
		if len(b) == 0 {
			return nil, 0, ErrPrivateKeyLen
		}
		cryptoID, ok := crypto.CryptoIDByName(s.cfg.SignType)
		if !ok {
			cryptoID = crypto.SignTypeSecp256k1
		}
		if key, err = crypto.NewSigner(cryptoID, b); err != nil {
			return nil, 0, ErrInvalidPrivKey
		}
	case in.Addr != "":
		return nil, 0, types.ErrNotSupport // no wallet: sign with privkey
	default:
		return nil, 0, ErrNoPrivKeyOrAddr
	}
	_, addressID := crypto.SplitSignID(crypto.EncodeSignID(0, in.AddressID))
	if !crypto.KnownAddressID(addressID) || in.Fee < 0 {
		return nil, 0, types.ErrInvalidParam
	}
	return key, addressID, nil
}

// protoError words a protobuf decoding error as the reference's: the
// protobuf module randomly puts a non-breaking space after "proto:".
func protoError(err error) error {
	msg := err.Error()
	if strings.Contains(msg, "proto:\u00a0") {
		return errors.New(strings.ReplaceAll(msg, "proto:\u00a0", "proto: "))
	}
	return err
}
