package load

import (
	"context"
	"fmt"
	"net"
	"net/url"
	"sync"
	"time"

	"chain33node/types"

	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/proto"
)

// A Poster posts a pre-signed transaction to the node whose JSON-RPC URL is
// url; nil means the node acknowledged it. Close closes its connections.
type Poster interface {
	Send(url string, it Item) error
	Close()
}

// NewPoster returns the client a load posts with: gRPC SendTransaction to
// port grpcPort of each node if it is not 0; else JSON-RPC on a new
// connection each request (connEach), keeping at most idle connections a
// node idle (idle > 0), or a pool of up to conns a node.
func NewPoster(grpcPort int, connEach bool, idle, conns int, timeout time.Duration) Poster {
	switch {
	case grpcPort != 0:
		return NewGRPC(grpcPort, timeout)
	case connEach:
		return NewRPCConnEach(timeout)
	case idle > 0:
		return NewRPCIdle(idle, timeout)
	}
	return NewRPC(conns, timeout)
}

// GRPC posts transactions with the gRPC SendTransaction of chain33's Go
// SDK, one HTTP/2 connection a node (gRPC's default: every sender's call is
// a stream of it), at the node's gRPC port beside its JSON-RPC one.
type GRPC struct {
	port    string
	timeout time.Duration
	mu      sync.Mutex
	conns   map[string]*grpc.ClientConn
}

// NewGRPC returns a client for the nodes' gRPC port (8802 by default).
func NewGRPC(port int, timeout time.Duration) *GRPC {
	return &GRPC{port: fmt.Sprint(port), timeout: timeout, conns: map[string]*grpc.ClientConn{}}
}

// conn returns the connection to the node of JSON-RPC URL u.
func (g *GRPC) conn(u string) (*grpc.ClientConn, error) {
	g.mu.Lock()
	defer g.mu.Unlock()
	if c := g.conns[u]; c != nil {
		return c, nil
	}
	p, err := url.Parse(u)
	if err != nil {
		return nil, err
	}
	c, err := grpc.NewClient("passthrough:///"+net.JoinHostPort(p.Hostname(), g.port),
		grpc.WithTransportCredentials(insecure.NewCredentials()))
	if err != nil {
		return nil, err
	}
	g.conns[u] = c
	return c, nil
}

// Send posts it with SendTransaction; a refusal is the node's error text
// (a NodeError, as over JSON-RPC).
func (g *GRPC) Send(u string, it Item) error {
	c, err := g.conn(u)
	if err != nil {
		return err
	}
	tx := new(types.Transaction)
	if err := proto.Unmarshal(it.Raw, tx); err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(context.Background(), g.timeout)
	defer cancel()
	r, err := types.NewChain33Client(c).SendTransaction(ctx, tx)
	if err != nil {
		if s, ok := status.FromError(err); ok && s.Code() == codes.Unknown {
			return NodeError(s.Message()) // the node's own error: gRPC carries it as Unknown
		}
		return err
	}
	if got := types.HexWith0x(r.GetMsg()); !r.GetIsOk() || got != it.Hash {
		return NodeError(fmt.Sprintf("unexpected reply isOk %v msg %s", r.GetIsOk(), got))
	}
	return nil
}

// Close closes the connections.
func (g *GRPC) Close() {
	g.mu.Lock()
	defer g.mu.Unlock()
	for u, c := range g.conns {
		c.Close()
		delete(g.conns, u)
	}
}
