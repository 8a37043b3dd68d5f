#!/bin/sh
# elfprobe lint on the tables of the seed documents (NixOS' binfmt module,
# Guix' qemu-binfmt service), converted to register strings in
# tests/data/elfprobe/, as on an x86_64 host.  Every finding was checked
# by hand; the expected files hold them all.  The seeds themselves
# (nixos-binfmt.nix, guix-virtualization.scm), read by the Nix and Guix
# loaders, must give the same findings, only at their own lines.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/elfprobe-lib.sh"

expect lint-nixos "$ELFPROBE" $HOST_X86_64 lint --table data/elfprobe/nixos-binfmt.reg
expect lint-guix "$ELFPROBE" $HOST_X86_64 lint --table data/elfprobe/guix-qemu-binfmt.reg
expect lint-nixos-seed "$ELFPROBE" $HOST_X86_64 lint --table data/elfprobe/nixos-binfmt.nix
expect lint-guix-seed "$ELFPROBE" $HOST_X86_64 lint --table data/elfprobe/guix-virtualization.scm
# The same findings: each without its FILE:LINE (and the other entry's),
# in one order (lint orders them by line, which differ).
findings() {
	sed -E -e 's/^[^ ]+:[0-9]+: +//' -e 's/ \([^ ]+:[0-9]+\)/ (AT)/g' -e 's/  +/ /g' "$1" | sort
}
for seed in nixos guix; do
	findings "$EXPECTED/lint-$seed" > "$tmp/converted"
	findings "$EXPECTED/lint-$seed-seed" > "$tmp/direct"
	compare "$tmp/converted" "$tmp/direct"
done
expect lint-builtin "$ELFPROBE" $HOST_X86_64 lint
expect lint-builtin-all "$ELFPROBE" $HOST_X86_64 lint --table builtin-all

# JSON: the counts, and the evidence of a shadowed pair.
status=0
"$ELFPROBE" $HOST_X86_64 lint --json --table data/elfprobe/guix-qemu-binfmt.reg > "$tmp/json" || status=$?
[ "$status" = 1 ] || fail "lint --json: exit $status, want 1 (errors)"
valid_json "$tmp/json"
python3 - "$tmp/json" <<'PY'
import json, sys
doc = json.load(open(sys.argv[1]))
assert doc["entries"] == 22, doc["entries"]
assert doc["counts"] == {"error": 2, "warning": 46, "info": 0}, doc["counts"]
kinds = {}
for f in doc["findings"]:
    kinds[f["kind"]] = kinds.get(f["kind"], 0) + 1
# Guix registers without P: every entry loses argv[0].
assert kinds == {"rejects-gnu-osabi": 8, "masked-bits": 4, "host-family": 1, "wrong-target": 5,
                 "shadowed": 2, "rejects-abiversion": 6, "loses-argv0": 22}, kinds
s = [f for f in doc["findings"] if f["kind"] == "shadowed" and f["entry"] == "qemu-mipsn32"][0]
assert s["other"] == "qemu-mips" and s["line"] == 19, s
assert s["example"] == "7f454c4601020100000000000000000000020008", s["example"]
PY
echo ok
