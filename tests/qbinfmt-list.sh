#!/bin/sh
# qbinfmt list: the whole table, in columns and as JSON.
. "$top_srcdir/tests/lib.sh"

# One row per target of the table, whichever view: counted, never typed.
targets=$("$QBINFMT" list --names | wc -l)
[ "$targets" -gt 30 ] || fail "list --names: only $targets targets"
"$QBINFMT" list > "$tmp/all"
# The table, then a blank line and the host.
sed '/^$/,$d' "$tmp/all" > "$tmp/out"
sed '1,/^$/d' "$tmp/all" > "$tmp/host"
[ "$(sed -n 1p "$tmp/out" | awk '{print $1, $2, $3, $4, $5, $6}')" = "TARGET FAMILY ELF QEMU HOST ALIASES" ] ||
	fail "bad header: $(sed -n 1p "$tmp/out")"
[ "$(wc -l < "$tmp/out")" -eq $((targets + 1)) ] || fail "expected $targets targets and a header"
grep -q '^aarch64 *arm *64lsb ' "$tmp/out" || fail "aarch64 row missing"
grep -q '^s390x *s390 *64msb ' "$tmp/out" || fail "s390x row missing"

# HOST: one row is this machine's own target, the one uname -m names
# (its name or an alias); the others of its family were tried, by
# executing a probe (native or refused); the rest are another family's.
own=$(awk '$5 == "own" {print $1}' "$tmp/out")
[ "$(echo "$own" | wc -w)" = 1 ] || fail "own: '$own'"
awk -v own="$own" '$1 == own { for (i = 6; i <= NF; i++) print $i; print $1 }' "$tmp/out" | grep -qx "$(uname -m)" ||
	fail "own target $own is not what uname -m says ($(uname -m))"
family=$(awk -v own="$own" '$1 == own {print $2}' "$tmp/out")
awk -v f="$family" 'NR > 1 && ($2 == f) != ($5 != "-") {print; bad = 1} END {exit bad}' "$tmp/out" ||
	fail "HOST is - exactly for other families"
awk 'NR > 1 && $5 != "-" && $5 != "own" && $5 != "native" && $5 != "refused" {print; bad = 1} END {exit bad}' "$tmp/out" ||
	fail "a target of the family neither tried nor own"
[ "$(head -n 1 "$tmp/host")" = "Host: $own, this machine; the targets of its family, asked of its kernel:" ] ||
	fail "host line: $(head -n 1 "$tmp/host")"
awk -v f="$family" 'NR > 1 && $2 == f {print "  " $1, $5}' "$tmp/out" > "$tmp/want"
sed -n '2,$p' "$tmp/host" | awk '{print "  " $1, $2}' > "$tmp/got"
compare "$tmp/want" "$tmp/got"
sed -n '2,$p' "$tmp/host" | grep -v -e "^  $own  *own  *this machine's own target\$" \
	-e '^  [a-z0-9_]*  *native  *tried: the kernel here runs [a-z0-9_]* programs itself$' \
	-e '^  [a-z0-9_]*  *refused  *tried: the kernel here refuses [a-z0-9_]* programs (Exec format error)$' &&
	fail "host lines: $(cat "$tmp/host")"
# On x86_64: i386 runs natively.
if [ "$own" = x86_64 ]; then
	grep -qx '  i386         native   tried: the kernel here runs i386 programs itself' "$tmp/host" ||
		fail "i386 on x86_64: $(cat "$tmp/host")"
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
own = [r for r in rows if r["host"] == "own"]
assert len(own) == 1 and own[0]["host_native"] and own[0]["host_basis"] == "own", own
assert own[0]["host_why"] == "this machine's own target", own
for r in rows:
    assert r["host_family"] == (r["family"] == own[0]["family"]), r
    assert r["host_basis"] in ("own", "tried", "other-family"), r
    assert r["host_native"] == (r["host"] in ("own", "native")), r
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
