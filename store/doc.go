// Package store keeps a node's chain in one LevelDB: blocks, headers, commit
// certificates, receipts, the transaction index, the consensus state, local
// (non-consensus) indexes and the head pointer.
//
// # Model
//
// A committed block is one atomic LevelDB batch written with Sync=true
// (DB.CommitBlock). The batch carries everything the block changes, the head
// pointer included, so after a crash the database is at the last complete
// block and never between two blocks: LevelDB's journal drops a torn batch as a
// whole. Open reads the head from disk and checks that its header is there.
//
// Block sync writes blocks it can fetch again with CommitBlockUnsynced, the
// same batch without the fsync, and makes a range durable at once with Sync
// (or the next synced write, or Close). A crash of the machine then loses
// the unsynced blocks from some height on, each whole; DurableHeight says
// which survive. Every journal file is fsynced for that (sync.go). At most
// 1024 blocks stay unsynced, and Open checks that the headers of as many
// blocks below the head are there: a power failure may lose a piece of the
// journal between writes that did reach the disk, and a database with a
// hole below its head is refused, not served.
//
// Reads on a DB see the latest committed data. RPC queries that read several
// records take a Snapshot, a consistent view that never blocks commits. DB and
// Snapshot share their read methods through one reader over LevelDB's Get and
// NewIterator. HasTx and TxLoc answer most misses from an in-memory bloom filter over
// the tx index (txfilter.go), filled at Open in the background and by every
// commit before its write.
//
// Everything read from disk is validated; a damaged record gives an error
// wrapping ErrCorrupt that names the record kind and its height (or hash),
// never a panic. Absent blocks, headers, receipts, certificates and
// transactions give types.ErrNotFound; absent state and local keys give nil.
//
// # Write failures
//
// A commit that cannot write (a full disk, a read-only file system, I/O
// errors) leaves the DB at the last complete block and is reported to the
// OnWriteFault listener. goleveldb would fail every later write as well, so
// the next CommitBlock reopens LevelDB once a probe write succeeds, and the
// commit goes on; reads are served throughout. If the reopened database is
// not at the block the DB had, committing stops for good (see fault.go).
// OpenReadOnly looks at a database without writing, for checks before Open.
//
// # Key layout
//
// One byte of prefix per kind; heights are 8 bytes big-endian so that a scan
// of one kind runs in height order.
//
//	key                      value
//	'm' "head"               head: height u64 BE ‖ blockTime u64 BE ‖ uvarint len ‖ hash ‖ uvarint len ‖ stateHash
//	'b' height(8)            types.Block (protobuf)
//	'h' height(8)            types.Header (protobuf, with Hash and TxCount)
//	'c' height(8)            commit certificate, opaque (empty for genesis)
//	'r' height(8)            receipts: repeated length-delimited field 1 of types.ReceiptData, i.e. the
//	                         encoding of `message Receipts { repeated ReceiptData receipts = 1; }`
//	'n' blockHash            height u64 BE
//	't' txHash               height u64 BE ‖ index u32 BE
//	's' key                  state value (executor state, e.g. "mavl-coins-bty-...")
//	'l' key                  local value (executor query indexes)
//
// Local keys written by package chain with each block (chain/index.go,
// the reference's key names; <addr> as crypto.FormatAddress gives it, <hi>
// the height*100000+index as 18 decimal digits) and by package push:
//
//	local key                           value
//	"chain-index-state"                 index kinds u32 BE ‖ last indexed height u64 BE (-1: none)
//	"TxAddrHash:" <addr> ":" <hi>       types.ReplyTxInfo, every tx the address sent or received
//	"TxAddrDirHash:" <addr> ":" flag ":" <hi>
//	                                    types.ReplyTxInfo, flag 1 sent, 2 received
//	"AddrTxsCount:" <addr>              types.Int64, count of the two above
//	"TxFeeAddrDirHash:" <addr> ":1:" <hi>
//	                                    types.AddrTxFeeInfo, a fee the address paid
//	"TotalFeeKey:" blockHash            types.TotalFee, fees and txs up to that block
//	"LODB-coins-Addr:" <addr>           types.Int64, coins received by transfer or genesis
//	"push:" name                        types.PushWithStatus, a push subscription
//	"push-seq:" name                    types.Int64, its last acknowledged sequence
//
// The index entries are local, outside the state hash; push entries are
// written outside blocks (DB.PutLocal).
//
// The transaction index is not checked for duplicates: if a transaction hash
// were committed twice, the later location wins. Keeping duplicates out of
// blocks is the job of mempool and chain.
package store
