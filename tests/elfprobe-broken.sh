#!/bin/sh
# elfprobe verify and lint on tables that are wrong on purpose: the
# hand-made tests/data/elfprobe/broken.reg, and the seed tables of NixOS
# and Guix (tests/data/elfprobe/*-binfmt.reg), over the fixtures.  Every
# count is asserted.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/elfprobe-lib.sh"

expect verify-broken "$ELFPROBE" $HOST_X86_64 verify --host --table data/elfprobe/broken.reg fixtures/bin
expect lint-broken "$ELFPROBE" $HOST_X86_64 lint --table data/elfprobe/broken.reg
expect verify-nixos "$ELFPROBE" $HOST_X86_64 verify --host --table data/elfprobe/nixos-binfmt.reg fixtures/bin
expect verify-guix "$ELFPROBE" $HOST_X86_64 verify --host --table data/elfprobe/guix-qemu-binfmt.reg fixtures/bin

# The summary line, read by a script.
status=0
"$ELFPROBE" $HOST_X86_64 verify --json --host --table data/elfprobe/guix-qemu-binfmt.reg fixtures/bin > "$tmp/json" || status=$?
[ "$status" = 1 ] || fail "verify --json: exit $status, want 1 (findings)"
valid_json "$tmp/json"
python3 - "$tmp/json" <<'PY'
import json, sys
s = json.load(open(sys.argv[1]))["summary"]
assert (s["ok"], s["unmatched"], s["wrong"], s["ambiguous"]) == (36, 21, 2, 6), s
PY
echo ok
