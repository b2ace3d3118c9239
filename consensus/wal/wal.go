package wal

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
)

// MaxRecordSize is the largest record Append accepts.
const MaxRecordSize = 64 << 20

const (
	headerSize = 8
	segmentExt = ".wal"
	bufferSize = 64 << 10
)

var (
	// ErrCorrupt reports an invalid frame followed by intact ones: disk
	// corruption rather than a torn write.
	ErrCorrupt = errors.New("wal: corrupt segment")
	// ErrRecordSize reports a record above MaxRecordSize.
	ErrRecordSize = errors.New("wal: invalid record size")
	// ErrHeight reports an append to a height below the current one, or to a
	// height below 1.
	ErrHeight = errors.New("wal: invalid height")
	// ErrClosed reports use of a closed WAL.
	ErrClosed = errors.New("wal: closed")
)

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// WAL is a write-ahead log with one segment file per height.
type WAL struct {
	mu     sync.Mutex
	dir    string
	segs   []int64 // heights with a segment file, ascending
	height int64   // current height; appends below it are refused
	f      *os.File
	bw     *bufio.Writer
	err    error // sticky write or sync failure
	closed bool

	// Warnings describes segments found corrupt (not merely torn) at Open
	// and salvaged; the caller logs them.
	Warnings []string
}

// Open opens the log in dir, creating dir if needed. It checks every existing
// segment and truncates a torn tail; a segment with an invalid record
// followed by intact ones (ErrCorrupt) is kept as <segment>.corrupt and
// truncated at the invalid record, with a note in Warnings.
func Open(dir string) (*WAL, error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("wal: create %s: %w", dir, err)
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("wal: read %s: %w", dir, err)
	}
	w := &WAL{dir: dir}
	for _, e := range entries {
		h, ok := parseSegmentName(e.Name())
		if !ok || !e.Type().IsRegular() {
			continue
		}
		if err := repair(w.path(h)); errors.Is(err, ErrCorrupt) {
			// Only the tail after the last fsync can be damaged by a crash, and
			// double signing is guarded elsewhere: keep the intact prefix and
			// the damaged file for inspection, and start.
			w.Warnings = append(w.Warnings, err.Error()+" (copy kept as .corrupt; truncated there)")
			if err := salvage(w.path(h)); err != nil {
				return nil, err
			}
		} else if err != nil {
			return nil, err
		}
		w.segs = append(w.segs, h)
	}
	slices.Sort(w.segs)
	if n := len(w.segs); n > 0 {
		w.height = w.segs[n-1]
	}
	return w, nil
}

// Append appends the record kind‖body to the segment of height. The kind
// byte travels apart from the body so that a caller can log bytes it
// received, or sends, as they are, without copying them behind a prefix.
// With sync=true the record, and every record appended before it, is on
// stable storage when Append returns. A height above the current one starts
// a new segment; a lower one is refused.
func (w *WAL) Append(height int64, kind byte, body []byte, sync bool) error {
	if len(body) >= MaxRecordSize {
		return fmt.Errorf("%w: %d bytes (allowed 1..%d)", ErrRecordSize, 1+len(body), MaxRecordSize)
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.closed {
		return ErrClosed
	}
	if err := w.recover(); err != nil { // the disk may have been repaired since
		return fmt.Errorf("%w (after: %w)", err, w.err)
	}
	if height < 1 || height < w.height {
		return fmt.Errorf("%w: append to height %d, current height %d", ErrHeight, height, w.height)
	}
	if height > w.height || w.f == nil {
		if err := w.closeSegment(); err != nil {
			return w.fail(err)
		}
		if err := w.openSegment(height); err != nil {
			return w.fail(err)
		}
	}
	var hdr [headerSize + 1]byte
	binary.BigEndian.PutUint32(hdr[0:4], uint32(1+len(body)))
	crc := crc32.Update(crc32.Update(0, castagnoli, []byte{kind}), castagnoli, body)
	binary.BigEndian.PutUint32(hdr[4:8], crc)
	hdr[headerSize] = kind
	if _, err := w.bw.Write(hdr[:]); err != nil {
		return w.fail(fmt.Errorf("wal: write %s: %w", w.f.Name(), err))
	}
	if _, err := w.bw.Write(body); err != nil {
		return w.fail(fmt.Errorf("wal: write %s: %w", w.f.Name(), err))
	}
	if sync {
		if err := w.flush(true); err != nil {
			return w.fail(err)
		}
	}
	return nil
}

// Sync makes every record appended so far durable, as an Append with
// sync=true would.
func (w *WAL) Sync() error {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.closed {
		return ErrClosed
	}
	if err := w.recover(); err != nil {
		return fmt.Errorf("%w (after: %w)", err, w.err)
	}
	if w.f == nil {
		return nil
	}
	if err := w.flush(true); err != nil {
		return w.fail(err)
	}
	return nil
}

// Records returns the intact records of height (each kind‖body) in append
// order, including records not yet synced. A height without a segment has no records.
func (w *WAL) Records(height int64) ([][]byte, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.closed {
		return nil, ErrClosed
	}
	if w.f != nil && height == w.height {
		if err := w.flush(false); err != nil {
			return nil, w.fail(err)
		}
	}
	path := w.path(height)
	data, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("wal: read %s: %w", path, err)
	}
	recs, _, err := scan(path, data)
	if err != nil {
		return nil, err
	}
	return recs, nil
}

// Recover makes the log writable again after a failed write or fsync: if a
// small synced write to the directory succeeds now, it drops the open
// segment's unwritten buffer, checks the segment on disk (a torn last frame
// is truncated, as at Open) and reopens it for appending. Records synced
// before the failure stay; later ones may be lost, as in a crash. It is a
// no-op on a log without failure. Append, Sync and Close try the same first,
// so that a repaired disk leaves no error behind; until it is repaired they
// return the failure.
func (w *WAL) Recover() error {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.closed {
		return ErrClosed
	}
	return w.recover()
}

func (w *WAL) recover() error {
	if w.err == nil {
		return nil
	}
	if err := probe(w.dir); err != nil {
		return err
	}
	if w.f != nil {
		w.f.Close() // its buffer and error are dropped with it
		w.f, w.bw = nil, nil
	}
	if _, found := slices.BinarySearch(w.segs, w.height); found {
		if err := repair(w.path(w.height)); errors.Is(err, ErrCorrupt) {
			w.Warnings = append(w.Warnings, err.Error()+" (copy kept as .corrupt; truncated there)")
			if err := salvage(w.path(w.height)); err != nil {
				return err
			}
		} else if err != nil {
			return err
		}
	}
	w.err = nil
	return nil
}

// probe writes, syncs and removes a small file in dir.
func probe(dir string) error {
	f, err := os.CreateTemp(dir, ".probe*")
	if err != nil {
		return fmt.Errorf("wal: probe %s: %w", dir, err)
	}
	name := f.Name()
	defer os.Remove(name)
	_, err = f.Write(make([]byte, 512))
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("wal: probe %s: %w", name, err)
	}
	return nil
}

// LastHeight returns the highest height with a segment, 0 if there is none.
func (w *WAL) LastHeight() int64 {
	w.mu.Lock()
	defer w.mu.Unlock()
	if len(w.segs) == 0 {
		return 0
	}
	return w.segs[len(w.segs)-1]
}

// Prune deletes the segments of heights below below.
func (w *WAL) Prune(below int64) error {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.closed {
		return ErrClosed
	}
	if w.f != nil && w.height < below {
		if err := w.closeSegment(); err != nil {
			return w.fail(err)
		}
	}
	for len(w.segs) > 0 && w.segs[0] < below {
		path := w.path(w.segs[0])
		if err := os.Remove(path); err != nil && !errors.Is(err, os.ErrNotExist) {
			return fmt.Errorf("wal: prune %s: %w", path, err)
		}
		w.segs = w.segs[1:]
	}
	return nil
}

// Close flushes and syncs the open segment and closes it.
func (w *WAL) Close() error {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.closed {
		return nil
	}
	w.closed = true
	if err := w.recover(); err != nil { // a repaired disk leaves no error behind
		if w.f != nil {
			w.f.Close()
			w.f = nil
		}
		return w.err
	}
	return w.closeSegment()
}

func (w *WAL) path(height int64) string {
	return filepath.Join(w.dir, fmt.Sprintf("%020d%s", height, segmentExt))
}

func parseSegmentName(name string) (int64, bool) {
	digits, ok := strings.CutSuffix(name, segmentExt)
	if !ok || len(digits) != 20 || strings.ContainsFunc(digits, func(r rune) bool { return r < '0' || r > '9' }) {
		return 0, false
	}
	h, err := strconv.ParseInt(digits, 10, 64)
	return h, err == nil
}

// fail records err: after a failed write or fsync the state of the file is
// unknown, so the log refuses further writes until recover has checked it.
func (w *WAL) fail(err error) error {
	w.err = err
	return err
}

func (w *WAL) flush(sync bool) error {
	if err := w.bw.Flush(); err != nil {
		return fmt.Errorf("wal: write %s: %w", w.f.Name(), err)
	}
	if sync {
		if err := w.f.Sync(); err != nil {
			return fmt.Errorf("wal: sync %s: %w", w.f.Name(), err)
		}
	}
	return nil
}

// closeSegment flushes, syncs and closes the open segment, if any.
func (w *WAL) closeSegment() error {
	if w.f == nil {
		return nil
	}
	err := w.flush(true)
	if cerr := w.f.Close(); err == nil && cerr != nil {
		err = fmt.Errorf("wal: close %s: %w", w.f.Name(), cerr)
	}
	w.f, w.bw = nil, nil
	return err
}

// openSegment opens the segment of height for appending, creating it (and
// making its directory entry durable) if needed.
func (w *WAL) openSegment(height int64) error {
	path := w.path(height)
	f, err := os.OpenFile(path, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o600)
	if err != nil {
		return fmt.Errorf("wal: open %s: %w", path, err)
	}
	if i, found := slices.BinarySearch(w.segs, height); !found {
		if err := syncDir(w.dir); err != nil {
			f.Close()
			return err
		}
		w.segs = slices.Insert(w.segs, i, height)
	}
	w.f, w.bw, w.height = f, bufio.NewWriterSize(f, bufferSize), height
	return nil
}

func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return fmt.Errorf("wal: open %s: %w", dir, err)
	}
	defer d.Close()
	if err := d.Sync(); err != nil {
		return fmt.Errorf("wal: sync %s: %w", dir, err)
	}
	return nil
}

// repair checks the segment at path and truncates a torn tail.
// salvage keeps a copy of a corrupt segment and truncates it at its first
// invalid record.
func salvage(path string) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return fmt.Errorf("wal: read %s: %w", path, err)
	}
	if err := os.WriteFile(path+".corrupt", data, 0o600); err != nil {
		return fmt.Errorf("wal: keep %s: %w", path, err)
	}
	_, end, _ := scan(path, data)
	if err := os.Truncate(path, int64(end)); err != nil {
		return fmt.Errorf("wal: truncate %s at %d: %w", path, end, err)
	}
	return nil
}

func repair(path string) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return fmt.Errorf("wal: read %s: %w", path, err)
	}
	_, end, err := scan(path, data)
	if err != nil {
		return err
	}
	if end == len(data) {
		return nil
	}
	f, err := os.OpenFile(path, os.O_WRONLY, 0)
	if err != nil {
		return fmt.Errorf("wal: open %s: %w", path, err)
	}
	defer f.Close()
	if err := f.Truncate(int64(end)); err != nil {
		return fmt.Errorf("wal: truncate %s at %d: %w", path, end, err)
	}
	if err := f.Sync(); err != nil {
		return fmt.Errorf("wal: sync %s: %w", path, err)
	}
	return nil
}

// scan parses the segment image data read from path. It returns the records
// before the first invalid frame and the offset where that frame starts
// (len(data) if every frame is intact). If an intact frame starts at any
// offset after an invalid one, the segment is corrupt rather than torn and
// scan returns ErrCorrupt.
func scan(path string, data []byte) ([][]byte, int, error) {
	var recs [][]byte
	off := 0
	for off < len(data) {
		n, reason := frameAt(data, off)
		if n == 0 {
			for p := off + 1; p+headerSize < len(data); p++ {
				if m, _ := frameAt(data, p); m > 0 {
					return nil, off, fmt.Errorf("%w: %s: %s at offset %d, intact record at offset %d",
						ErrCorrupt, path, reason, off, p)
				}
			}
			return recs, off, nil
		}
		end := off + n
		recs = append(recs, data[off+headerSize:end:end])
		off = end
	}
	return recs, off, nil
}

// frameAt returns the size of the intact frame at off, or 0 and why the frame
// is invalid.
func frameAt(data []byte, off int) (int, string) {
	rest := data[off:]
	if len(rest) < headerSize {
		return 0, "short header"
	}
	size := binary.BigEndian.Uint32(rest[0:4])
	if size == 0 || size > MaxRecordSize {
		return 0, "bad length"
	}
	if uint64(len(rest)-headerSize) < uint64(size) {
		return 0, "short data"
	}
	body := rest[headerSize : headerSize+int(size)]
	if crc32.Checksum(body, castagnoli) != binary.BigEndian.Uint32(rest[4:8]) {
		return 0, "checksum mismatch"
	}
	return headerSize + int(size), ""
}
