#!/bin/sh
# qbinfmt list: the whole table, in columns and as JSON.
. "$top_srcdir/tests/lib.sh"

# One row per target of the table, whichever view: counted, never typed.
targets=$("$QBINFMT" list --names | wc -l)
[ "$targets" -gt 30 ] || fail "list --names: only $targets targets"
"$QBINFMT" list > "$tmp/out"
[ "$(sed -n 1p "$tmp/out" | awk '{print $1, $2, $3, $4, $5, $6}')" = "TARGET FAMILY ELF QEMU HOST ALIASES" ] ||
	fail "bad header: $(sed -n 1p "$tmp/out")"
[ "$(wc -l < "$tmp/out")" -eq $((targets + 1)) ] || fail "expected $targets targets and a header"
grep -q '^aarch64 *arm *64lsb ' "$tmp/out" || fail "aarch64 row missing"
grep -q '^s390x *s390 *64msb ' "$tmp/out" || fail "s390x row missing"

# The host's own family is marked (on x86_64: i386 and x86_64).
if [ "$(uname -m)" = x86_64 ]; then
	[ "$(awk '$5 == "yes" {print $1}' "$tmp/out" | tr '\n' ' ')" = "i386 x86_64 " ] ||
		fail "host family wrong: $(awk '$5 == "yes"' "$tmp/out")"
fi

# An emulator is reported from the folder given, never from PATH; whether
# it is static is read from the file, not its name: a static ELF program
# named qemu-riscv64 (as Debian 13 names its static qemu) is static, a
# script named qemu-riscv64-static needs the host's files.
mkdir "$tmp/q" "$tmp/s"
cp "$FIXTURES/bin/hello-x86_64" "$tmp/q/qemu-riscv64"
printf '#!/bin/sh\n' > "$tmp/s/qemu-riscv64-static"
chmod +x "$tmp/q/qemu-riscv64" "$tmp/s/qemu-riscv64-static"
PATH="$tmp/q:$PATH" "$QBINFMT" --qemu-dir /nonexistent list | grep -q '^riscv64 .* none ' ||
	fail "qemu found outside --qemu-dir"
"$QBINFMT" --qemu-dir "/nonexistent:$tmp/q" list | grep -q '^riscv64 .* static ' ||
	fail "static qemu without -static in its name: $("$QBINFMT" --qemu-dir "$tmp/q" list | grep '^riscv64')"
"$QBINFMT" --qemu-dir "$tmp/s" list | grep -q '^riscv64 .* dynamic ' ||
	fail "a script named -static: $("$QBINFMT" --qemu-dir "$tmp/s" list | grep '^riscv64')"
"$QBINFMT" --qemu-dir "$tmp/s:$tmp/q" list | grep -q '^riscv64 .* static+dynamic ' ||
	fail "both: $("$QBINFMT" --qemu-dir "$tmp/s:$tmp/q" list | grep '^riscv64')"

# JSON: one object per target, with the derived register string.
"$QBINFMT" --json list > "$tmp/json"
python3 - "$tmp/json" "$targets" <<'PY'
import json, sys
rows = json.load(open(sys.argv[1]))
assert len(rows) == int(sys.argv[2]), len(rows)
a = [r for r in rows if r["name"] == "aarch64"][0]
assert a["machine"] == 183 and a["class"] == 64 and a["data"] == "lsb", a
assert "arm64" in a["aliases"], a["aliases"]
assert a["magic"] == "7f454c460201010000000000000000000200b700", a["magic"]
assert a["mask"] == "fffffffffffffffc00fffffffffffffffeffffff", a["mask"]
assert a["register"].startswith(":qbinfmt-aarch64:M:0:\\x7f\\x45"), a["register"]
PY

# Usage errors: status 2 and a message naming the program.
set +e
"$QBINFMT" frobnicate 2> "$tmp/err"; status=$?
set -e
[ "$status" -eq 2 ] || fail "unknown command exit $status"
grep -q "^qbinfmt: unknown command 'frobnicate'" "$tmp/err" || fail "message: $(cat "$tmp/err")"
"$QBINFMT" --version | grep -q '^qbinfmt [0-9]' || fail "--version"
"$QBINFMT" --help | grep -q '^Usage: qbinfmt' || fail "--help"
echo ok
