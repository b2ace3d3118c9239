package rpc_test

import (
	"context"
	"net"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"

	"chain33node/config"
	"chain33node/poll"
	"chain33node/rpc"
	"chain33node/rpc/auth"
	"chain33node/types"

	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/metadata"
	"google.golang.org/grpc/status"
)

// Tokens: every call needs one (also from loopback) once one is issued, of
// the level its method needs: read < write < sign < admin.
func TestTokenLevels(t *testing.T) {
	file := filepath.Join(t.TempDir(), auth.FileName)
	s := settings(config.Default().RPC)
	s.TokenFile = file
	srv := newServer(t, s)
	send := func(token, body string) string {
		req := httptest.NewRequest("POST", "/", strings.NewReader(body))
		req.RemoteAddr = "127.0.0.1:1"
		if token != "" {
			req.Header.Set("Authorization", "Bearer "+token)
		}
		rec := httptest.NewRecorder()
		srv.Handler().ServeHTTP(rec, req)
		return rec.Body.String()
	}
	isSync := `{"id":1,"method":"Chain33.IsSync","params":[]}`
	sendTx := `{"id":2,"method":"Chain33.SendTransaction","params":[{"data":"0x00"}]}`
	signTx := `{"id":3,"method":"Chain33.SignRawTx","params":[{"txHex":"0x00","privkey":"0x01"}]}`
	refused := func(id, name string) string {
		return `{"id":` + id + `,"result":null,"error":"The ` + name + ` method is not authorized!"}`
	}
	// No token issued: the scheme is off.
	if got := send("", isSync); !strings.Contains(got, `"result":true`) {
		t.Fatalf("no token issued: %s", got)
	}

	tokens := map[auth.Perm]string{}
	for _, p := range []auth.Perm{auth.Read, auth.Write, auth.Sign, auth.Admin} {
		tok, err := auth.Create(file, p.String(), p)
		if err != nil {
			t.Fatal(err)
		}
		tokens[p] = tok
	}
	waitEnabled(t, func() bool { return strings.Contains(send("", isSync), "Unauthozied") })

	for _, c := range []struct {
		token, body, want string // want: a substring of the answer
	}{
		{"", isSync, `{"id":0,"result":null,"error":"Unauthozied"}`},
		{"not-a-token", isSync, `{"id":0,"result":null,"error":"Unauthozied"}`},
		{tokens[auth.Read], isSync, `"result":true`},
		{tokens[auth.Read], sendTx, refused("2", "SendTransaction")},
		{tokens[auth.Read], signTx, refused("3", "SignRawTx")},
		{tokens[auth.Write], sendTx, `"id":2,"result":null,"error":"`}, // past the check: the tx is invalid
		{tokens[auth.Write], signTx, refused("3", "SignRawTx")},
		{tokens[auth.Sign], signTx, `"id":3,"result":null,"error":"`},
		{tokens[auth.Sign], sendTx, `"id":2,"result":null,"error":"`},
		{tokens[auth.Admin], signTx, `"id":3,"result":null,"error":"`},
		{tokens[auth.Read], "[" + isSync + "," + sendTx + "]", `[{"id":1,"result":true,"error":null},` + refused("2", "SendTransaction") + "]"},
	} {
		got := send(c.token, c.body)
		if !strings.Contains(got, c.want) || (strings.Contains(got, "not authorized") && !strings.Contains(c.want, "not authorized")) {
			t.Errorf("token %.8s… %s:\n got %s\nwant %s", c.token, c.body, got, c.want)
		}
	}

	// gRPC: metadata "authorization: Bearer <token>", checked before the
	// message is read.
	c := types.NewChain33Client(grpcOf(t, s))
	bearer := func(token string) context.Context { return bearerCtx(t, token) }
	_, err := c.IsSync(callCtx(t), &types.ReqNil{})
	wantStatus(t, "gRPC without a token", err, codes.Unauthenticated, "Unauthozied")
	if _, err = c.IsSync(bearer(tokens[auth.Read]), &types.ReqNil{}); err != nil {
		t.Errorf("gRPC read token, IsSync: %v", err)
	}
	_, err = c.SendTransaction(bearer(tokens[auth.Read]), &types.Transaction{})
	wantStatus(t, "gRPC read token, SendTransaction", err, codes.PermissionDenied, "The SendTransaction method is not authorized!")
	_, err = c.SendTransaction(bearer(tokens[auth.Write]), &types.Transaction{})
	if code := status.Code(err); code == codes.PermissionDenied || code == codes.Unauthenticated {
		t.Errorf("gRPC write token, SendTransaction: %v", err)
	}
	_, err = c.SignRawTx(bearer(tokens[auth.Write]), &types.ReqSignRawTx{})
	wantStatus(t, "gRPC write token, SignRawTx", err, codes.PermissionDenied, "The SignRawTx method is not authorized!")
	_, err = c.SignRawTx(bearer(tokens[auth.Sign]), &types.ReqSignRawTx{})
	if code := status.Code(err); code == codes.PermissionDenied || code == codes.Unauthenticated {
		t.Errorf("gRPC sign token, SignRawTx: %v", err)
	}
}

// waitEnabled waits for the server to pick up the token file (it looks at
// it once per auth.ReloadInterval).
func waitEnabled(t *testing.T, on func() bool) {
	t.Helper()
	poll.Until(t, 10*auth.ReloadInterval, "the server to pick up the token file", on)
}

// bearerCtx is a call context carrying token as gRPC clients send it.
func bearerCtx(t *testing.T, token string) context.Context {
	return metadata.AppendToOutgoingContext(callCtx(t), "authorization", "Bearer "+token)
}

// grpcOf serves gRPC with settings s on a loopback listener and returns a
// client connection.
func grpcOf(t *testing.T, s rpc.Settings) *grpc.ClientConn {
	t.Helper()
	g := newServer(t, s)
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go g.ServeGRPC(l)
	t.Cleanup(func() { g.Close() })
	conn, err := dial(l.Addr().String(), insecure.NewCredentials())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close() })
	return conn
}
