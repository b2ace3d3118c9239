#!/usr/bin/env bash
# outsider-noise.sh "ip:port,ip:port": a crude outsider for the lab's outsider
# hook (lab faults -outsider, lab bench -outsider): it connects to each
# target again and again and writes 4 kB of random bytes, as fast as bash
# can, until killed. It knows no protocol; a real attack client replaces it:
#   make faults FAULTS='-only outsider -outsider "scripts/outsider-noise.sh {targets}"'
set -u
IFS=, read -ra targets <<<"${1:?usage: $0 ip:port[,ip:port...]}"
while :; do
	for t in "${targets[@]}"; do
		if exec 3<>"/dev/tcp/${t%:*}/${t#*:}"; then
			head -c 4096 /dev/urandom >&3 2>/dev/null
			exec 3>&-
		fi
	done
done 2>/dev/null
