// Package e2e holds end-to-end tests: real node processes laid out by
// scripts/genconfig.sh on loopback addresses (127.0.0.2-…, default ports,
// exactly as on separate servers), driven by the real cli binary.
package e2e
