// Package p2p is the node's peer-to-peer network on the gossip port (13802): a libp2p host (TCP, noise, yamux)
// with a secp256k1 identity, over which nodes of one chain gossip transactions and committed blocks, exchange
// their status, and download ranges of blocks to catch up.
//
// # Isolation
//
// Every protocol ID and pubsub topic carries the channel and a genesis hash prefix
// (/chain33node/p2p/1/<channel>/<genesis[:8] hex>/...), so a node of another chain cannot even negotiate one of
// our protocols. On every connection each side also opens a status stream and sends its full status (channel,
// full genesis hash, head, mempool size, listen address); a peer whose status names another channel or genesis
// is logged once, disconnected and not redialed for a while. Only peers that passed this handshake appear in
// Peers, take part in the gossip mesh (pubsub peer filter) and are asked for blocks.
//
// # Protocols
//
//   - status: each side pushes its status on its own long-lived stream, on change and every 2 s; the first
//     frame in each direction is the handshake.
//   - sync: request {start, count}, response a stream of {block, certificate} frames (at most 128 blocks and
//     16 MiB, at least one block).
//   - addrs: request nothing, response the dialable addresses of our handshaken peers (discovery).
//   - gossipsub (own protocol ID) with topics txs (batches of encoded transactions) and lightblocks (a block
//     without its transactions, its commit certificate and the transactions' full hashes, as the reference's
//     light block: a peer fills it from its mempool, and syncs a block it cannot fill). Messages are unsigned (transactions and certificates carry their own signatures)
//     and identified by a hash of their content. Validators decode everything before a message is relayed.
//
// # Misbehaviour and limits
//
// A message that does not decode counts an offence against the peer that relayed it (and lowers its
// gossipsub score through ValidationReject); at offenceLimit offences, or at once for an invalid block
// (gossiped or served by sync) or an invalid status, the peer is disconnected and refused for blockDuration.
// Inbound peers are capped at InnerBounds by the connection gater, all peers at maxPeers; every stream has a
// deadline, every frame a size limit, and sync requests in flight and served are bounded per peer and in
// total.
//
// # Sync
//
// When a peer's status shows a height above ours, the sync loop requests consecutive ranges from every peer
// high enough, several in flight at once (never more to one peer than it serves at once), and hands them in
// order to one applier goroutine that calls Chain.ApplyBlock (which verifies the certificate, executes and
// checks the state hash). Each downloaded range is checked ahead on its fetching goroutine (Chain.Preverify:
// its certificates with one product of pairings, then, if all passed, its signatures), so that while blocks
// apply one by one the other cores verify the next ones; ApplyBlock reuses what passed (a block whose
// signatures did not all pass is checked again while it is applied, and refused). The applier writes a range's blocks without waiting
// for the disk (ApplyBlock with synced false) and makes them durable with one Flush when the range ends: a
// crash loses at most blocks that are final and are downloaded again, and the node builds on none before
// they are durable (see package chain). Gossiped blocks are written synced. A peer that serves an
// invalid block is blocked and the pipeline restarts from our head with the other peers. A block that fails
// to apply for a reason of ours (a full disk) blames no peer: it is logged once, and sync pauses (500 ms,
// doubling up to 30 s) and starts again from our head until blocks apply again; a Flush that fails is
// tried again the same way before anything more is applied.
package p2p
