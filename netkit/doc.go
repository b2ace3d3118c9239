// Package netkit is the libp2p kit that the node's two networks are built from: the consensus transport
// (consensus/transport, port 33001) and the gossip network (p2p, port 13802). Each network keeps its own
// protocols and peer bookkeeping; what they do alike lives here, once:
//
//   - the host: NewHost (TCP, noise, yamux, one listen address, no libp2p connection limits) and its
//     identity, LoadOrCreateKey / LoadOrCreateKeyType (a key file written with atomicfile);
//   - dialling the bare "ip:port" peers that chain33 configs list (validatorNodes, seeds): PeerID learns the
//     peer ID at an address, Multiaddr converts the address, Connect dials with our own pacing, and IsOwnAddr
//     and ErrSelf keep a node from dialling itself;
//   - staying connected: Redial keeps one configured address connected for the life of the host, with
//     Backoff between attempts;
//   - streams: WriteFrame and ReadFrame carry uvarint-length-prefixed frames with a size limit;
//   - a host's life: Group starts and closes it once, ends its context at Close, and runs its goroutines
//     and stream handlers so that Close can wait for them;
//   - peers of another chain: MismatchError names them, IsNotSupported recognises a protocol they do not
//     speak, and Reporter logs a repeated refusal once.
//
// # Dialling by address
//
// A libp2p dial needs the remote peer ID, which chain33-style configs do not carry. PeerID learns it the way
// the remote host itself authenticates: it opens a plain TCP connection, selects the noise security protocol
// with multistream-select (exactly what a libp2p TCP dialer does first), runs the noise XX handshake as
// initiator without an expected peer ID, and returns the peer ID proven by the remote's handshake signature.
// Then it closes the connection; the caller dials normally with the learned ID.
//
// go-libp2p v0.51.0 offers no supported way to dial without a peer ID (the upgrader refuses outbound
// connections with an empty ID, upgrader.ErrNilPeer), so this probe is the smallest thing that works. The ID is
// authenticated against whoever answered at that address, nothing more: like the address in the config, it is
// trusted as far as the network path is.
package netkit
