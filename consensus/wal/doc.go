// Package wal is the write-ahead log of the consensus engine.
//
// The engine appends every message it signs (proposal, votes) with sync=true
// before sending it, so that after a crash it cannot sign a conflicting
// message, and every message it receives for the current height with
// sync=false, so that on restart it can replay them and regain its locks. A
// record is opaque bytes to the log.
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
// A WAL is safe for concurrent use.
package wal
