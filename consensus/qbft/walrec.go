package qbft

import (
	"encoding/binary"
	"errors"
	"fmt"
)

// WAL record kinds. Replaying a height's records in order brings a restarted
// core back to where it was: the messages it had (its own included, so its
// lock is restored) and the timeouts that had fired.
const (
	walMessage byte = 'm'
	walTimeout byte = 't'
)

// encodeWALTimeout is the body of a timeout record. A message record's body
// is the message as it was received or sent.
func encodeWALTimeout(t Timeout) []byte {
	b := []byte{byte(t.Step)}
	b = binary.BigEndian.AppendUint64(b, uint64(t.Height))
	return binary.BigEndian.AppendUint32(b, uint32(t.Round))
}

// replayWAL feeds a height's records to c. A record that does not decode
// stops the replay: what follows it cannot be trusted to be in order.
func replayWAL(c *Core, recs [][]byte) error {
	for i, rec := range recs {
		if len(rec) == 0 {
			return fmt.Errorf("wal record %d: empty", i)
		}
		switch rec[0] {
		case walMessage:
			m, err := DecodeMessage(rec[1:])
			if err != nil {
				return fmt.Errorf("wal record %d: %w", i, err)
			}
			_, _ = c.OnMessage("", m) // an invalid message is ignored now as it was then
		case walTimeout:
			if len(rec) != 14 {
				return fmt.Errorf("wal record %d: timeout of %d bytes", i, len(rec))
			}
			c.OnTimeout(Timeout{Step: step(rec[1]), Height: int64(binary.BigEndian.Uint64(rec[2:])), Round: int32(binary.BigEndian.Uint32(rec[10:]))})
		default:
			return errors.New("wal record of unknown kind")
		}
	}
	return nil
}
