package rpc

import (
	"context"
	"log/slog"
	"net"
	"strings"
	"testing"
	"time"

	"chain33node/types"

	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/status"
)

// A panicking gRPC method (here: a server without a backend) is answered
// Internal and logged; the server keeps serving.
func TestGRPCPanicRecovered(t *testing.T) {
	h := &errorLog{}
	s, err := NewServer(Settings{}, nil, slog.New(h))
	if err != nil {
		t.Fatal(err)
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- s.ServeGRPC(l) }()
	conn, err := grpc.NewClient("passthrough:///"+l.Addr().String(), grpc.WithTransportCredentials(insecure.NewCredentials()))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	for range 2 {
		_, err := types.NewChain33Client(conn).IsSync(ctx, &types.ReqNil{})
		if st, _ := status.FromError(err); st.Code() != codes.Internal || st.Message() != "rpc: internal error" {
			t.Errorf("got %v", err)
		}
	}
	// Methods that need no backend still answer.
	if r, err := types.NewChain33Client(conn).GetFatalFailure(ctx, &types.ReqNil{}); err != nil || r.Data != 0 {
		t.Errorf("GetFatalFailure: %v %v", r, err)
	}
	if len(h.msgs) != 2 || !strings.Contains(h.msgs[0], "panic") {
		t.Errorf("logged %v", h.msgs)
	}
	s.Close()
	if err := <-done; err != nil {
		t.Errorf("ServeGRPC: %v", err)
	}
}
