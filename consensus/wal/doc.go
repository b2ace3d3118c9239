// Package wal is the write-ahead log of the consensus engine.
//
// The engine appends every message it receives and accepts for the current
// height with sync=false, so that on restart it can replay them and regain
// its locks; it syncs them (Sync) before it asks the signer for a signature
// they caused, so that a restart decides as it did; and it appends every
// message it signs (proposal, votes) with sync=true before the message counts
// or leaves. A record is opaque bytes to the log.
//
// Each height has one segment file, dir/<height as %020d>.wal, holding frames
// of the form
//
//	uint32 length | uint32 CRC-32C of data | data    (big-endian; data = kind‖body)
//
// Heights only move forward: appending to a higher height closes the current
// segment (after flushing and syncing it) and starts a new one; appending to a
// lower height is an error. Only one segment file is open at a time, written
// through a buffer that is flushed and fsynced when a record is appended with
// sync=true, when the height changes and on Close.
//
// Crash safety: a crash may leave the last frame of a segment torn, or
// followed by garbage such as preallocated zeros. Readers take the frames up to
// the first invalid one (bad length, short data, CRC mismatch) and treat the
// rest as never written; Open truncates the segment there so that later
// appends follow an intact frame. An invalid frame that is followed by an
// intact one cannot come from a torn write: it is reported as ErrCorrupt,
// naming the file and offset, rather than silently dropping the later records.
//
// Storage faults: after a failed write or fsync the log refuses writes until
// a small synced probe write in its directory succeeds; then it drops what was
// not written, truncates a torn tail and reopens the segment (Recover, or the
// next Append, Sync or Close), so that a repaired disk leaves no error behind.
//
// A WAL is safe for concurrent use.
package wal
