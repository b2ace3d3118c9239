package types

import "errors"

// chain33 error names. Clients match on these strings, so the text is the name.
var (
	ErrTxMsgSizeTooBig         = errors.New("ErrTxMsgSizeTooBig")
	ErrTxFeeTooLow             = errors.New("ErrTxFeeTooLow")
	ErrTxFeeTooHigh            = errors.New("ErrTxFeeTooHigh")
	ErrTxChainID               = errors.New("ErrTxChainID")
	ErrInvalidAddress          = errors.New("ErrInvalidAddress")
	ErrManyTx                  = errors.New("ErrManyTx")
	ErrTxExpire                = errors.New("ErrTxExpire")
	ErrSign                    = errors.New("ErrSign")
	ErrDupTx                   = errors.New("ErrDupTx")
	ErrNoBalance               = errors.New("ErrNoBalance")
	ErrMemFull                 = errors.New("ErrMemFull")
	ErrNotSync                 = errors.New("ErrNotSync")
	ErrNotFound                = errors.New("ErrNotFound")
	ErrInvalidParam            = errors.New("ErrInvalidParam")
	ErrActionNotSupport        = errors.New("ErrActionNotSupport")
	ErrNotSupport              = errors.New("ErrNotSupport")
	ErrExecNotFound            = errors.New("ErrExecNotFound")
	ErrNoPrivilege             = errors.New("ErrNoPrivilege")
	ErrAmount                  = errors.New("ErrAmount")
	ErrBadConfigKey            = errors.New("ErrBadConfigKey")
	ErrBadConfigOp             = errors.New("ErrBadConfigOp")
	ErrNotAllow                = errors.New("ErrNotAllow")
	ErrTxNotExist              = errors.New("tx not exist")
	ErrEmpty                   = errors.New("ErrEmpty")
	ErrExecNameNotAllow        = errors.New("ErrExecNameNotAllow")
	ErrToAddrNotSameToExecAddr = errors.New("ErrToAddrNotSameToExecAddr")
	ErrRecordBlockSequence     = errors.New("ErrRecordBlockSequence") // [blockchain] isRecordBlockSequence is off
)
