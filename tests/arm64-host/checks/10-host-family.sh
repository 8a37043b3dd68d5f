#!/bin/sh
# On an arm64 host, qbinfmt list shows aarch64 as the host's own target
# (HOST "own"), the rest of its family as its kernel answered (checked
# against running them in 50-host-family-native.kt), and finds a qemu for
# the x86 guests.
. /vm/lib.sh

expect uname-is-aarch64 aarch64 uname -m
show list "$QBINFMT" list
show list-host-only sh -c '"$QBINFMT" list | sed "1,/^\$/d"' 
"$QBINFMT" --json list > "$VM_RESULTS/list.json"
note "targets in the host's family: $(python3 -c '
import json, sys
print(" ".join(t["name"] for t in json.load(open(sys.argv[1])) if t["host_family"]))' "$VM_RESULTS/list.json")"

# target_field TARGET FIELD: a field of TARGET's row in list --json.
target_field() {
	python3 -c '
import json, sys
t = [t for t in json.load(open(sys.argv[1])) if t["name"] == sys.argv[2]][0]
print(t[sys.argv[3]])' "$VM_RESULTS/list.json" "$1" "$2"
}
expect list-aarch64-host-family True target_field aarch64 host_family
expect list-x86_64-not-host-family False target_field x86_64 host_family
expect list-i386-not-host-family False target_field i386 host_family
expect list-aarch64-host own target_field aarch64 host
expect list-aarch64-host-why "this machine's own target" target_field aarch64 host_why
expect list-x86_64-host - target_field x86_64 host
expect list-aarch64-host-column own sh -c '"$QBINFMT" list | awk "NR > 1 && \$1 == \"aarch64\" { print \$5; exit }"'
expect list-x86_64-host-column - sh -c '"$QBINFMT" list | awk "NR > 1 && \$1 == \"x86_64\" { print \$5; exit }"'
# The rest of the family was tried: native or refused, nothing assumed.
expect list-family-tried "aarch64_be tried
arm tried
armeb tried" python3 -c '
import json, sys
for t in json.load(open(sys.argv[1])):
    if t["host_family"] and t["host"] != "own":
        print(t["name"], t["host_basis"])' "$VM_RESULTS/list.json"
# Debian 13's qemu-user is static: list must see qemu-x86_64 as such.
expect list-x86_64-qemu-static /usr/bin/qemu-x86_64 target_field x86_64 qemu_static
expect list-i386-qemu-static /usr/bin/qemu-i386 target_field i386 qemu_static
finish
