package rpc

import (
	"net"
	"sync"
	"time"
)

// firstRequestListener makes the wait for a connection's first request an
// idle wait, as net/http makes the wait for every later one: the server's
// read deadline (ReadHeaderTimeout, ReadTimeout) counts from the request's
// first byte, and before it the connection may stay idle for up to idle.
//
// net/http starts those deadlines at the accept. A client's pool may keep a
// connection it dialled and then did not need (another came free first); if
// the server gives up on it just as the client sends a POST on it, the client
// gets EOF or a reset, and does not retry, since a POST is not replayable.
type firstRequestListener struct {
	net.Listener
	idle time.Duration
}

func (l firstRequestListener) Accept() (net.Conn, error) {
	c, err := l.Listener.Accept()
	if err != nil {
		return nil, err
	}
	return &firstRequestConn{Conn: c, idle: l.idle, waiting: true}, nil
}

type firstRequestConn struct {
	net.Conn
	idle time.Duration

	mu       sync.Mutex
	waiting  bool      // no byte read yet
	deadline time.Time // the read deadline the server set while waiting
	setAt    time.Time // when it set it
}

func (c *firstRequestConn) SetReadDeadline(t time.Time) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.waiting {
		c.deadline, c.setAt = t, time.Now()
		return nil
	}
	return c.Conn.SetReadDeadline(t)
}

func (c *firstRequestConn) SetDeadline(t time.Time) error {
	if err := c.Conn.SetWriteDeadline(t); err != nil {
		return err
	}
	return c.SetReadDeadline(t)
}

func (c *firstRequestConn) Read(p []byte) (int, error) {
	c.mu.Lock()
	waiting := c.waiting
	c.mu.Unlock()
	if !waiting {
		return c.Conn.Read(p)
	}
	if err := c.Conn.SetReadDeadline(time.Now().Add(c.idle)); err != nil {
		return 0, err
	}
	n, err := c.Conn.Read(p)
	c.mu.Lock()
	defer c.mu.Unlock()
	c.waiting = false
	d := c.deadline // the server's deadline, moved to count from the first byte
	if !d.IsZero() {
		d = time.Now().Add(d.Sub(c.setAt))
	}
	if derr := c.Conn.SetReadDeadline(d); err == nil {
		err = derr
	}
	return n, err
}
