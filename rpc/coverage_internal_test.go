package rpc

import (
	"context"
	"errors"
	"log/slog"
	"os"
	"reflect"
	"slices"
	"strings"
	"testing"

	"chain33node/types"

	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/proto"
)

// coverageRow is a row of a table of docs/rpc-coverage.md.
type coverageRow struct{ cells []string }

// coverageTables reads the tables of docs/rpc-coverage.md by section title.
func coverageTables(t *testing.T) map[string][]coverageRow {
	t.Helper()
	b, err := os.ReadFile("../docs/rpc-coverage.md")
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]coverageRow{}
	section := ""
	header := true
	for _, line := range strings.Split(string(b), "\n") {
		switch {
		case strings.HasPrefix(line, "## "):
			section, header = strings.TrimPrefix(line, "## "), true
		case strings.HasPrefix(line, "|---"):
			header = false
		case strings.HasPrefix(line, "| ") && !header:
			var cells []string
			for _, c := range strings.Split(strings.Trim(line, "|"), "|") {
				cells = append(cells, strings.TrimSpace(c))
			}
			out[section] = append(out[section], coverageRow{cells})
		}
	}
	return out
}

// grpcServed reports whether impl answers method other than Unimplemented:
// it is called with a zero request and no backend (a panic or any other
// answer means the method is implemented).
func grpcServed(desc grpc.ServiceDesc, impl any, method string) (served bool) {
	known := slices.ContainsFunc(desc.Methods, func(m grpc.MethodDesc) bool { return m.MethodName == method }) ||
		slices.ContainsFunc(desc.Streams, func(s grpc.StreamDesc) bool { return s.StreamName == method })
	if !known {
		return false
	}
	m := reflect.ValueOf(impl).MethodByName(method)
	var args []reflect.Value
	if m.Type().In(0) == reflect.TypeFor[context.Context]() {
		args = []reflect.Value{reflect.ValueOf(context.Background()), reflect.New(m.Type().In(1).Elem())}
	} else { // a server stream: (request, stream)
		args = []reflect.Value{reflect.New(m.Type().In(0).Elem()), reflect.Zero(m.Type().In(1))}
	}
	defer func() {
		if recover() != nil {
			served = true
		}
	}()
	res := m.Call(args)
	err, _ := res[len(res)-1].Interface().(error)
	return status.Code(err) != codes.Unimplemented
}

// probeBackend lets the executor queries dispatch without a node: History
// is the only part they touch before decoding their request.
type probeBackend struct{ Backend }

func (probeBackend) History() History { return nil }

var errProbe = errors.New("probe")

// TestCoverageTable checks docs/rpc-coverage.md against the methods the
// server registers and serves: a "yes" is served, a "no" and a "-" are not,
// and every served method has a row.
func TestCoverageTable(t *testing.T) {
	s, err := NewServer(Settings{}, probeBackend{}, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	tables := coverageTables(t)
	for _, svc := range []struct {
		section, prefix string
		desc            grpc.ServiceDesc
		impl            any
	}{
		{"Chain33 service", "Chain33.", types.Chain33_ServiceDesc, &chain33Service{s: s}},
		{"qbftNode service", "qbftNode.", types.QbftNode_ServiceDesc, &qbftNodeService{s: s}},
	} {
		rows := tables[svc.section]
		if len(rows) == 0 {
			t.Fatalf("no table %q", svc.section)
		}
		listed := map[string]bool{}
		for _, r := range rows {
			name, jsonCell, grpcCell := r.cells[0], r.cells[1], r.cells[2]
			if listed[name] {
				t.Errorf("%s listed twice", name)
			}
			listed[name] = true
			if got := s.methods[svc.prefix+name] != nil; got != (jsonCell == "yes") {
				t.Errorf("%s%s: table says JSON-RPC %q, the server registers it: %v", svc.prefix, name, jsonCell, got)
			}
			if got := grpcServed(svc.desc, svc.impl, name); got != (grpcCell == "yes") {
				t.Errorf("%s %s: table says gRPC %q, the server serves it: %v", svc.desc.ServiceName, name, grpcCell, got)
			}
			if (jsonCell == "no" || grpcCell == "no") && r.cells[3] == "" {
				t.Errorf("%s: not served without a reason", name)
			}
		}
		for full := range s.methods {
			if name, ok := strings.CutPrefix(full, svc.prefix); ok && !listed[name] {
				t.Errorf("%s is served but not in the table", full)
			}
		}
		for _, m := range svc.desc.Methods {
			if !listed[m.MethodName] {
				t.Errorf("gRPC %s is declared but not in the table", m.MethodName)
			}
		}
		for _, st := range svc.desc.Streams {
			if !listed[st.StreamName] {
				t.Errorf("gRPC stream %s is declared but not in the table", st.StreamName)
			}
		}
	}

	queries := tables["Chain33.Query functions"]
	if len(queries) == 0 {
		t.Fatal("no query table")
	}
	for _, r := range queries {
		_, err := s.queryExec(r.cells[0], r.cells[1], func(proto.Message) error { return errProbe })
		if served := errors.Is(err, errProbe); served != (r.cells[2] == "yes") {
			t.Errorf("Query %s %s: table says %q, served: %v (%v)", r.cells[0], r.cells[1], r.cells[2], served, err)
		}
	}
	if _, err := s.queryExec("coins", "NoSuchFunction", func(proto.Message) error { return errProbe }); !errors.Is(err, types.ErrActionNotSupport) {
		t.Errorf("an unknown query function: %v", err)
	}
}
