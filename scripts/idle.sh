#!/bin/bash
# The idle cost of a node: starts the `make run` cluster, lets it settle for
# 30 s, prints each node's CPU (percent of one core) over the next 60 s and
# its RSS, and stops the cluster. Run from the repository root.
set -euo pipefail
settle=${SETTLE:-30} span=${SPAN:-60}
make stop >/dev/null 2>&1 || true
rm -rf cluster
make run >/dev/null
trap 'make stop >/dev/null 2>&1; rm -rf cluster' EXIT
sleep "$settle"
hz=$(getconf CLK_TCK)
declare -A t0
pids=$(cat cluster/*/node.pid)
for p in $pids; do t0[$p]=$(awk '{print $14+$15}' "/proc/$p/stat"); done
sleep "$span"
for p in $pids; do
	t1=$(awk '{print $14+$15}' "/proc/$p/stat")
	rss=$(awk '/VmRSS/{print int($2/1024)}' "/proc/$p/status")
	awk -v d=$((t1 - ${t0[$p]})) -v hz="$hz" -v s="$span" -v p="$p" -v r="$rss" \
		'BEGIN{printf "node pid %s: cpu %.2f%% of a core, rss %d MB\n", p, d*100/hz/s, r}'
done
