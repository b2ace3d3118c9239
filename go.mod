module chain33node

go 1.26.0

require (
	github.com/BurntSushi/toml v1.6.0
	github.com/decred/dcrd/dcrec/secp256k1/v4 v4.4.1
	github.com/herumi/bls-eth-go-binary v1.37.0
	github.com/mr-tron/base58 v1.3.0
	github.com/syndtr/goleveldb v1.0.1-0.20210819022825-2ae1ddf74ef7
	golang.org/x/crypto v0.58.0
	google.golang.org/protobuf v1.36.12
)

require github.com/golang/snappy v0.0.4 // indirect
