// Package genesis reads and writes the files that define a chain and a
// validator, in the shapes chain33's qbft plugin uses, and builds the genesis
// block:
//
//   - genesis.json ([Doc]): chain id, genesis time, initial BLS validators and
//     optional consensus parameters. [ParseDoc] and [LoadDoc] check everything
//     the consensus engine later relies on (keys parse, powers positive, total
//     power within types.MaxTotalVotingPower, no duplicates) and name the offending field in the error.
//   - priv_validator.json ([PrivValidator]): a validator's BLS key and its last
//     signed height/round/step. [LoadPrivValidator] checks that the public key
//     and address belong to the private key instead of trusting the file.
//   - [GenFile]: `qbft gen_file -n N -t bls`, the keys and genesis file that
//     genconfig.sh distributes.
//   - [Block]: the height-0 block with its single coins genesis transaction.
//
// Files are written atomically (temporary file, fsync, rename).
package genesis
