#!/usr/bin/env bash
# genconfig.sh "ip1,ip2,ip3,ip4": lay out one directory per server for a
# consortium chain, as chain33's genconfig.sh does. Run it in the directory
# holding node, cli and chain.toml. Each <ip>/ gets node, cli, chain.toml
# (validatorNodes and seeds listing every server), genesis.json and its own
# priv_validator.json (mode 0600); no key is left in this directory, and
# genesis.json lists every validator's public key. Copy each directory to
# its server and start `./node -f chain.toml` there.
#
#   -f   allow fewer than 4 servers (a chain of N tolerates (N-1)/3 faults)
#        and regenerate over existing <ip>/ directories, keeping their keys
set -euo pipefail

usage() {
	echo "usage: $0 [-f] \"ip1,ip2,ip3,ip4\"" >&2
	exit 2
}

force=0
while getopts "fh" opt; do
	case $opt in
	f) force=1 ;;
	*) usage ;;
	esac
done
shift $((OPTIND - 1))
[ $# -eq 1 ] || usage
[ -n "$1" ] || { echo "error: empty IP list" >&2; exit 2; }

for f in node cli chain.toml; do
	[ -e "$f" ] || { echo "error: $f not found in $(pwd): run genconfig.sh where node, cli and chain.toml are" >&2; exit 2; }
done
grep -q '^validatorNodes=' chain.toml || { echo "error: chain.toml has no line starting with validatorNodes=" >&2; exit 2; }
grep -q '^seeds=' chain.toml || { echo "error: chain.toml has no line starting with seeds=" >&2; exit 2; }

IFS=',' read -r -a ips <<<"$1"
declare -A seen=()
for ip in "${ips[@]}"; do
	if ! [[ $ip =~ ^([0-9]{1,3})\.([0-9]{1,3})\.([0-9]{1,3})\.([0-9]{1,3})$ ]]; then
		echo "error: \"$ip\" is not an IPv4 address" >&2
		exit 2
	fi
	for o in "${BASH_REMATCH[@]:1}"; do
		if [ "$o" -gt 255 ] || [[ $o =~ ^0[0-9] ]]; then
			echo "error: \"$ip\" is not an IPv4 address" >&2
			exit 2
		fi
	done
	[ -z "${seen[$ip]:-}" ] || { echo "error: $ip is listed twice" >&2; exit 2; }
	seen[$ip]=1
done
n=${#ips[@]}
if [ "$n" -lt 4 ] && [ "$force" -eq 0 ]; then
	echo "error: $n servers; BFT needs at least 4 to survive one failure (N > 3f). Pass -f to lay out $n anyway." >&2
	exit 2
fi
for ip in "${ips[@]}"; do
	if [ -e "$ip" ] && [ "$force" -eq 0 ]; then
		echo "error: $ip/ exists (it may hold a validator key and chain data); move it away, or pass -f to regenerate and keep its key" >&2
		exit 2
	fi
done

# Step 1: validatorNodes and seeds for every server, in argument order.
nodes="" seeds=""
for ip in "${ips[@]}"; do
	nodes+="\"$ip:33001\","
	seeds+="\"$ip:13802\","
done
sed -i "s/^validatorNodes=.*/validatorNodes=[${nodes%,}]/" chain.toml
sed -i "s/^seeds=.*/seeds=[${seeds%,}]/" chain.toml

# Step 2: keys and genesis. gen_file reuses priv_validator_<i>.json files that
# exist, so existing servers keep their keys.
for i in "${!ips[@]}"; do
	if [ -f "${ips[$i]}/priv_validator.json" ]; then
		(umask 077 && cp "${ips[$i]}/priv_validator.json" "priv_validator_$i.json")
	fi
done
./cli qbft gen_file -n "$n" -t bls >/dev/null

for i in "${!ips[@]}"; do
	ip=${ips[$i]}
	mkdir -p "$ip"
	cp chain.toml "$ip/chain.toml"
	if [[ $ip == 127.* ]]; then
		# Several nodes on one machine: each binds its own loopback address,
		# so all keep the default ports, exactly as on separate servers.
		sed -i "s/^bindAddr=.*/bindAddr=\"$ip\"/; s/^jrpcBindAddr=.*/jrpcBindAddr=\"$ip:8801\"/; s/^grpcBindAddr=.*/grpcBindAddr=\"$ip:8802\"/" "$ip/chain.toml"
	fi
	cp genesis_file.json "$ip/genesis.json"
	(umask 077 && cp "priv_validator_$i.json" "$ip/priv_validator.json")
	chmod 600 "$ip/priv_validator.json"
	# The key now lives only in its server's directory.
	rm -f "priv_validator_$i.json"
	cp node cli "$ip/"
	echo "$ip/: node cli chain.toml genesis.json priv_validator.json"
done
echo "copy each directory to its server and run there: ./node -f chain.toml"
