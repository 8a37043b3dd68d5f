#!/bin/sh
# elfprobe verify with the built-in table: every fixture picks its own
# target, with exact counts.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/elfprobe-lib.sh"

# The fixtures, the host's family (x86_64, i386) left alone: no failure.
expect verify-builtin-host "$ELFPROBE" $HOST_X86_64 verify --host fixtures/bin
# Without --host the four x86 fixtures are expected to run through qemu,
# which the default table (no x86 entries on x86) does not do.
expect verify-builtin "$ELFPROBE" $HOST_X86_64 verify fixtures/bin
# With every target registered, every fixture is picked right...
expect verify-builtin-all "$ELFPROBE" $HOST_X86_64 verify --table builtin-all fixtures/bin
# ...and with --host, the x86 ones are wrongly captured.
expect verify-builtin-all-host "$ELFPROBE" $HOST_X86_64 verify --host --table builtin-all fixtures/bin
# The whole fixture folder: non-ELF files skipped, the truncated one
# reported; that alone is exit 3.
expect verify-fixtures-folder "$ELFPROBE" $HOST_X86_64 verify --host fixtures

# -v lists every file; --json has them all too.
"$ELFPROBE" $HOST_X86_64 verify -v --host fixtures/bin > "$tmp/v"
[ "$(grep -c '^ok ' "$tmp/v")" -eq 65 ] || fail "verbose: $(grep -c '^ok ' "$tmp/v") ok lines"
"$ELFPROBE" $HOST_X86_64 verify --json -v --host fixtures/bin > "$tmp/json"
valid_json "$tmp/json"
python3 - "$tmp/json" <<'PY'
import json, sys
doc = json.load(open(sys.argv[1]))
assert len(doc["files"]) == 65, len(doc["files"])
s = doc["summary"]
assert (s["elf"], s["ok"], s["unmatched"], s["wrong"], s["ambiguous"]) == (65, 65, 0, 0, 0), s
i386 = [f for f in doc["files"] if f["file"] == "fixtures/bin/hello-i386"][0]
assert i386["expected"] is None and i386["pick"] is None and i386["status"] == "ok", i386
a = [f for f in doc["files"] if f["file"] == "fixtures/bin/hello-aarch64-pie"][0]
assert a["expected"] == "aarch64" and a["pick"] == "qbinfmt-aarch64", a
assert a["pick_target"] == "aarch64", a
PY

# Walking: symlinks inside a folder are not followed (a loop would never
# end), FIFOs never opened (one without a writer would block).
mkdir "$tmp/tree"
cp fixtures/bin/hello-riscv64 "$tmp/tree/"
ln -s .. "$tmp/tree/loop"
ln -s hello-riscv64 "$tmp/tree/link"
mkfifo "$tmp/tree/fifo"
timeout 60 "$ELFPROBE" $HOST_X86_64 verify "$tmp/tree" > "$tmp/walk"
grep -q '^1 ELF executables: 1 ok, .* 2 symlinks, 1 special, 0 loops$' "$tmp/walk" ||
	fail "walk: $(cat "$tmp/walk")"
echo ok
