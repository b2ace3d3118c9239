#!/usr/bin/env bash
# cluster.sh start|stop|status [DIR]: a local 4-node cluster, laid out by
# genconfig.sh exactly as on four servers (127.0.0.2-127.0.0.5, default
# ports). start builds nothing: it expects bin/node and bin/cli (make bins).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cmd=${1:-start}
dir=${2:-$root/cluster}
ips=(127.0.0.2 127.0.0.3 127.0.0.4 127.0.0.5)

cli() { "$dir/${ips[0]}/cli" --rpc_laddr "http://${ips[0]}:8801" "$@"; }

start() {
	if [ ! -d "$dir/${ips[0]}" ]; then
		mkdir -p "$dir"
		cp "$root/bin/node" "$root/bin/cli" "$root/chain.toml" "$root/scripts/genconfig.sh" "$dir/"
		(cd "$dir" && ./genconfig.sh "$(IFS=,; echo "${ips[*]}")" >/dev/null)
	else
		for ip in "${ips[@]}"; do cp "$root/bin/node" "$root/bin/cli" "$dir/$ip/"; done
	fi
	for ip in "${ips[@]}"; do
		if [ -f "$dir/$ip/node.pid" ] && kill -0 "$(cat "$dir/$ip/node.pid")" 2>/dev/null; then
			echo "$ip: already running (pid $(cat "$dir/$ip/node.pid"))"
			continue
		fi
		# exec: $! is the node itself; setsid: Ctrl-C in this shell leaves it running.
		(cd "$dir/$ip" && exec setsid nohup ./node -f chain.toml >node.out 2>&1 </dev/null) &
		echo $! >"$dir/$ip/node.pid"
	done
	started=$(date +%s)
	for _ in $(seq 1 150); do
		ok=0
		for ip in "${ips[@]}"; do
			s=$("$dir/$ip/cli" --rpc_laddr "http://$ip:8801" net is_sync 2>/dev/null || true)
			h=$("$dir/$ip/cli" --rpc_laddr "http://$ip:8801" block last_header 2>/dev/null | sed -n 's/.*"height": \([0-9]*\).*/\1/p' || true)
			[ "$s" = true ] && [ "${h:-0}" -ge 1 ] && ok=$((ok + 1))
		done
		[ $ok -eq ${#ips[@]} ] && break
		sleep 0.2
	done
	if [ $ok -ne ${#ips[@]} ]; then
		echo "cluster did not commit within 30 s; logs: $dir/*/logs/node.log, $dir/*/node.out" >&2
		exit 1
	fi
	echo "4 validators in sync and committing after $(( $(date +%s) - started )) s; data in $dir"
	cat <<EOT
next:
  cd $dir/${ips[0]}
  ./cli --rpc_laddr http://${ips[0]}:8801 net peer
  ./cli --rpc_laddr http://${ips[0]}:8801 qbft nodes
  ./cli --rpc_laddr http://${ips[0]}:8801 send coins transfer -a 1 -t 1CbEVT9RnM5oZhWMj4fxUrJX94VtRotzvs -k CC38546E9E659D15E6B4893F0AB32A06D103931A8230B0BDE71459D2B27D6944
  ./cli --rpc_laddr http://${ips[0]}:8801 tx query -s <hash printed above>
stop with: make stop
EOT
}

stop() {
	for ip in "${ips[@]}"; do
		f="$dir/$ip/node.pid"
		[ -f "$f" ] || continue
		pid=$(cat "$f")
		if kill -TERM "$pid" 2>/dev/null; then
			for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
			kill -0 "$pid" 2>/dev/null && { echo "$ip: pid $pid did not stop; killing" >&2; kill -KILL "$pid"; }
			echo "$ip: stopped"
		fi
		rm -f "$f"
	done
}

status() {
	for ip in "${ips[@]}"; do
		printf '%s  is_sync=%s  ' "$ip" "$("$dir/$ip/cli" --rpc_laddr "http://$ip:8801" net is_sync 2>&1)"
		"$dir/$ip/cli" --rpc_laddr "http://$ip:8801" block last_header 2>&1 | sed -n 's/.*"height": \([0-9]*\).*/height=\1/p'
	done
}

case $cmd in
start) start ;;
stop) stop ;;
status) status ;;
*) echo "usage: $0 start|stop|status [DIR]" >&2; exit 2 ;;
esac
