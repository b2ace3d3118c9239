# Build, test and tooling. `make test` is what CI runs (.ci/run).
GO      ?= go
PKGS    := ./...
# Packages whose concurrency must stay race-free.
RACE    := ./mempool/... ./chain/...
GOBIN   := $(shell $(GO) env GOPATH)/bin

.PHONY: all build test race bench lint proto run

all: build

build:
	$(GO) build $(PKGS)

test: lint
	$(GO) test -count=1 $(PKGS)
	$(GO) test -count=1 -race $(RACE)

race:
	$(GO) test -count=1 -race $(RACE)

# Benchmarks: figures are read from here, never from timed unit tests.
bench:
	$(GO) test -run '^$$' -bench . -benchmem -count 5 $(PKGS) | tee bench.out

lint:
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi
	$(GO) vet $(PKGS)

# Regenerate protobuf code (committed, so building never needs protoc).
proto:
	@command -v protoc >/dev/null || { echo "protoc missing: apt-get install -y protobuf-compiler"; exit 1; }
	@test -x $(GOBIN)/protoc-gen-go || $(GO) install google.golang.org/protobuf/cmd/protoc-gen-go@v1.36.12
	PATH=$(GOBIN):$$PATH protoc -I proto --go_out=types --go_opt=paths=source_relative $$(ls proto/*.proto | grep -v consensus.proto)
	PATH=$(GOBIN):$$PATH protoc -I proto --go_out=. --go_opt=module=chain33node proto/consensus.proto

run:
	@echo "the node daemon is not built yet (issue: node/RPC/CLI); 'make test' runs the chain core tests"; exit 1
