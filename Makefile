# Build, test and tooling. `make test` is what CI runs (.ci/run).
GO      ?= go
PKGS    := ./...
# Packages whose concurrency must stay race-free (-short: fewer simulation runs).
RACE    := ./mempool/... ./chain/... ./consensus/... ./p2p/... ./netkit/... ./atomicfile/... ./node/... ./crypto/... ./store/...
GOBIN   := $(shell $(GO) env GOPATH)/bin
# blst (crypto.VerifyAggregates) chooses its ADX code when the CPU has it instead of assuming it, so the
# binaries start on any x86-64 (blst's default build exits with SIGILL where ADX is missing).
export CGO_CFLAGS ?= -O2 -g -D__BLST_PORTABLE__

# Fuzz targets (package:Name). `go test` runs their seed corpora (testdata/fuzz/Name); `make fuzz`, part of
# `make test`, also fuzzes each for FUZZTIME executions. A count, not a duration: with a duration, Go's fuzzing
# coordinator (go1.26) can fail a run with "context deadline exceeded" when a worker is busy at the deadline
# (golang/go#75804, fixed in go1.27), as it did here under load.
FUZZ    := ./consensus/transport:FuzzHello ./consensus/transport:FuzzInbound ./consensus/qbft:FuzzMessage \
	./consensus/qbft:FuzzWALReplay ./consensus/wal:FuzzSegment ./types:FuzzDecodeBlock ./rpc:FuzzFastParse \
	./executor:FuzzAccountCodec ./types:FuzzCoinsActionDecode
FUZZTIME ?= 10000x

.PHONY: all build bins test race fuzz bench lint proto run stop status idle dev load faults faults-short bench-cluster

all: build

build: bins
	$(GO) build $(PKGS)

# The operator binaries, as shipped next to chain.toml: bin/node, bin/cli.
bins:
	@mkdir -p bin
	$(GO) build -o bin/node ./cmd/node
	@if [ -d cmd/cli ]; then $(GO) build -o bin/cli ./cmd/cli; fi

test: lint
	$(GO) test -count=1 $(PKGS)
	cd third_party/goleveldb && $(GO) test -count=1 -race ./...
	$(GO) test -count=1 -race -short $(RACE)
	$(MAKE) fuzz
	$(MAKE) faults-short

fuzz:
	@for t in $(FUZZ); do \
		echo "fuzz $$t for $(FUZZTIME)"; \
		$(GO) test -run '^$$' -fuzz "^$${t#*:}\$$" -fuzztime $(FUZZTIME) "$${t%%:*}" || exit 1; \
	done

race:
	$(GO) test -count=1 -race -short $(RACE)

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
	@test -x $(GOBIN)/protoc-gen-go-grpc || $(GO) install google.golang.org/grpc/cmd/protoc-gen-go-grpc@v1.6.0
	PATH=$(GOBIN):$$PATH protoc -I proto --go_out=types --go_opt=paths=source_relative \
		--go-grpc_out=types --go-grpc_opt=paths=source_relative $$(ls proto/*.proto | grep -v consensus.proto)
	PATH=$(GOBIN):$$PATH protoc -I proto --go_out=. --go_opt=module=chain33node proto/consensus.proto

# A local 4-node cluster laid out by genconfig.sh on 127.0.0.2-5 with the
# default ports, exactly as on four servers (data in ./cluster).
run: bins
	scripts/cluster.sh start

stop:
	scripts/cluster.sh stop

status:
	scripts/cluster.sh status

# The idle cost: each `make run` node's CPU over 60 s (after 30 s to settle)
# and RSS; it starts and stops the cluster itself.
idle: bins
	scripts/idle.sh

# A one-validator dev chain from built-in defaults (data in ./devnet).
dev: bins
	cd bin && ./node -datadir ../devnet

# Load generator against the running `make run` cluster: committed tx/s and
# latency percentiles. Flags through LOAD, e.g. make load LOAD="-rate 500 -duration 20s".
LOAD ?=
load:
	@mkdir -p bin
	$(GO) build -o bin/loadgen ./cmd/loadgen
	bin/loadgen -clusterdir cluster $(LOAD)

# The fault suite under load (docs/faults.md): the real 4-node cluster, each
# node in its own network namespace when run as root (else on 127.0.0.2-5,
# with the scenarios that need namespaces skipped, each with a message).
# `make test` runs the short suite (about a minute). Flags through FAULTS, e.g.
# make faults FAULTS="-only kill-1,partition-2-2" or FAULTS='-outsider "prog {targets}"',
# e.g. FAULTS='-only outsider -outsider "bin/outsider -targets {targets} -conns 4 -votes 80 -catchup 5"'.
FAULTS ?=
faults: bins
	$(GO) build -o bin/lab ./cmd/lab
	$(GO) build -o bin/outsider ./cmd/outsider
	bin/lab faults -out docs/faults.md $(FAULTS)

faults-short: bins
	$(GO) build -o bin/lab ./cmd/lab
	bin/lab faults -short

# The cluster benchmark (BENCHMARKS.md): open-loop loads of 64, 256 and 1,024
# senders, paced loads of 1,000-3,000 tx/s, a single validator, a follower
# syncing 10,000 blocks, a paced load without and with an outsider's attack
# (bin/outsider). Flags through BENCH, e.g. BENCH="-only cluster -n 10000";
# -only rewrites only the sections of the groups it runs.
BENCH ?=
bench-cluster: bins
	$(GO) build -o bin/lab ./cmd/lab
	$(GO) build -o bin/outsider ./cmd/outsider
	bin/lab bench -out BENCHMARKS.md $(BENCH)
