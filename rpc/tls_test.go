package rpc_test

import (
	"bytes"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"math/big"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"chain33node/cmdtest"
	"chain33node/config"
	"chain33node/rpc/auth"
	"chain33node/types"

	"google.golang.org/grpc/credentials"
)

// writeCA writes a CA certificate and a server certificate for 127.0.0.1
// that it signs (with the server's key) into dir.
func writeCA(t *testing.T, dir string) (caFile, certFile, keyFile string) {
	t.Helper()
	caKey, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	caTmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "test CA"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour),
		IsCA: true, BasicConstraintsValid: true, KeyUsage: x509.KeyUsageCertSign}
	caDER, err := x509.CreateCertificate(rand.Reader, caTmpl, caTmpl, &caKey.PublicKey, caKey)
	if err != nil {
		t.Fatal(err)
	}
	ca, _ := x509.ParseCertificate(caDER)
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(2), Subject: pkix.Name{CommonName: "node"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour),
		IPAddresses: []net.IP{net.ParseIP("127.0.0.1")}, KeyUsage: x509.KeyUsageDigitalSignature,
		ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, ca, &key.PublicKey, caKey)
	if err != nil {
		t.Fatal(err)
	}
	kb, _ := x509.MarshalECPrivateKey(key)
	caFile, certFile, keyFile = filepath.Join(dir, "ca.pem"), filepath.Join(dir, "cert.pem"), filepath.Join(dir, "key.pem")
	for f, b := range map[string]*pem.Block{caFile: {Type: "CERTIFICATE", Bytes: caDER}, certFile: {Type: "CERTIFICATE", Bytes: der},
		keyFile: {Type: "EC PRIVATE KEY", Bytes: kb}} {
		if err := os.WriteFile(f, pem.EncodeToMemory(b), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	return caFile, certFile, keyFile
}

// enableTLS and tokens end to end: the real cli binary against the server
// over HTTPS, verifying the node's certificate with --ca_file; and a gRPC
// client verifying it with the same CA.
func TestTLSWithCLI(t *testing.T) {
	dir := t.TempDir()
	caFile, certFile, keyFile := writeCA(t, dir)
	otherCA, _, _ := writeCA(t, t.TempDir())
	s := settings(config.Default().RPC)
	s.EnableTLS, s.CertFile, s.KeyFile = true, certFile, keyFile
	s.TokenFile = filepath.Join(dir, auth.FileName)
	token, err := auth.Create(s.TokenFile, "ops", auth.Read)
	if err != nil {
		t.Fatal(err)
	}
	srv := newServer(t, s)
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go srv.ServeJSONRPC(l)
	gl, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go srv.ServeGRPC(gl)
	t.Cleanup(func() { srv.Close() })

	cli := cmdtest.Path(t, "cli")
	url := "https://" + l.Addr().String()
	run := func(env []string, args ...string) (string, string, int) {
		c := exec.Command(cli, args...)
		c.Dir = dir
		c.Env = append(os.Environ(), env...)
		var out, errOut bytes.Buffer
		c.Stdout, c.Stderr = &out, &errOut
		err := c.Run()
		code := 0
		if ee, ok := err.(*exec.ExitError); ok {
			code = ee.ExitCode()
		} else if err != nil {
			t.Fatal(err)
		}
		return strings.TrimSpace(out.String()), strings.TrimSpace(errOut.String()), code
	}
	if out, errOut, code := run(nil, "--rpc_laddr", url, "--ca_file", caFile, "--token", token, "net", "is_sync"); out != "true" || code != 0 {
		t.Errorf("verified TLS with a token: %q %q %d", out, errOut, code)
	}
	if out, errOut, code := run([]string{"CHAIN33_TOKEN=" + token}, "--rpc_laddr", url, "--ca_file", caFile, "net", "is_sync"); out != "true" || code != 0 {
		t.Errorf("token from $CHAIN33_TOKEN: %q %q %d", out, errOut, code)
	}
	if _, errOut, code := run(nil, "--rpc_laddr", url, "--ca_file", otherCA, "--token", token, "net", "is_sync"); code != 1 ||
		!strings.Contains(errOut, "certificate signed by unknown authority") {
		t.Errorf("another CA: %q %d", errOut, code)
	}
	if _, errOut, code := run(nil, "--rpc_laddr", url, "--ca_file", caFile, "net", "is_sync"); code != 1 || errOut != "Unauthozied" {
		t.Errorf("no token: %q %d", errOut, code)
	}
	if _, errOut, code := run(nil, "--rpc_laddr", url, "--ca_file", filepath.Join(dir, "missing.pem"), "net", "is_sync"); code != 1 ||
		!strings.Contains(errOut, "CA file") {
		t.Errorf("missing CA file: %q %d", errOut, code)
	}

	creds, err := credentials.NewClientTLSFromFile(caFile, "")
	if err != nil {
		t.Fatal(err)
	}
	conn, err := dial(gl.Addr().String(), creds)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	ctx := bearerCtx(t, token)
	if r, err := types.NewChain33Client(conn).IsSync(ctx, &types.ReqNil{}); err != nil || !r.IsOk {
		t.Errorf("gRPC over verified TLS: %v %v", r, err)
	}
	wrong, _ := credentials.NewClientTLSFromFile(otherCA, "")
	conn2, err := dial(gl.Addr().String(), wrong)
	if err != nil {
		t.Fatal(err)
	}
	defer conn2.Close()
	if _, err := types.NewChain33Client(conn2).IsSync(ctx, &types.ReqNil{}); err == nil || !strings.Contains(err.Error(), "certificate signed by unknown authority") {
		t.Errorf("gRPC with another CA: %v", err)
	}
}
