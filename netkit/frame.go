package netkit

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"slices"
)

// Both networks carry uvarint-length-prefixed frames on their streams.

// ErrFrameTooLarge is returned (wrapped) by ReadFrame for a frame that announces more than the limit.
var ErrFrameTooLarge = errors.New("frame too large")

// WriteFrame writes one uvarint-length-prefixed frame in a single Write.
func WriteFrame(w io.Writer, data []byte) error {
	buf := make([]byte, 0, binary.MaxVarintLen64+len(data))
	buf = binary.AppendUvarint(buf, uint64(len(data)))
	buf = append(buf, data...)
	_, err := w.Write(buf)
	return err
}

// ReadFrame reads one frame of at most limit bytes. The buffer grows as bytes actually arrive, so a peer that
// announces a large frame and sends nothing costs little memory. A frame cut short is io.ErrUnexpectedEOF.
func ReadFrame(r *bufio.Reader, limit int) ([]byte, error) {
	n, err := binary.ReadUvarint(r)
	if err != nil {
		return nil, err
	}
	if n > uint64(limit) {
		return nil, fmt.Errorf("%w: %d bytes, limit %d", ErrFrameTooLarge, n, limit)
	}
	const chunk = 1 << 20
	buf := make([]byte, 0, min(int(n), chunk))
	for len(buf) < int(n) {
		k := min(int(n)-len(buf), chunk)
		buf = slices.Grow(buf, k)[:len(buf)+k]
		if _, err := io.ReadFull(r, buf[len(buf)-k:]); err != nil {
			if err == io.EOF {
				err = io.ErrUnexpectedEOF
			}
			return nil, err
		}
	}
	return buf, nil
}
