#!/bin/sh
# Names from users reach the terminal quoted, as quote_terminal() shows
# text: a newline as \x0a (so no name forges a row or a line), an escape
# sequence as \x1b.  File names in probe's and verify's FILE column, entry
# names and interpreters in probe --table and lint, and every stderr line
# that names a file; --json stays exact.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/elfprobe-lib.sh"

esc=$(printf '\033')
name=$(printf 'new\nline\033[31mred')
shown='new\x0aline\x1b[31mred'
mkdir "$tmp/tree"
cp fixtures/bin/hello-aarch64 "$tmp/tree/$name"
# Entries whose names and interpreters hold escape sequences (aarch64's,
# and one for the host's own x86_64 that lint names with its
# interpreter), in a table file whose name holds both, with a bad line.
table="$tmp/$name.conf"
entry() {
	printf ':%s:M::\\x7fELF\\x02\\x01\\x01\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x02\\x00\\x%s\\x00:\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\x00\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xfe\\xff\\xff\\xff:%s:PF\n' "$@"
}
{
	entry "qemu-aarch64$esc[31m" b7 "/usr/bin/qemu-aarch64$esc[0m"
	entry "qemu-x86_64$esc[31m" 3e "/usr/bin/qemu-x86_64$esc[0m"
	echo ":bad"
} > "$table"

# no_escape FILE: not one escape character.
no_escape() {
	! grep -q "$esc" "$1" || fail "an escape character in $1: $(cat -v "$1")"
}

# probe: the FILE and PICK columns; the table's bad line on stderr.
status=0
"$ELFPROBE" $HOST_X86_64 probe --table "$table" "$tmp/tree/$name" > "$tmp/out" 2> "$tmp/err" || status=$?
[ "$status" = 3 ] || fail "probe: exit $status: $(cat "$tmp/err")"
no_escape "$tmp/out"
no_escape "$tmp/err"
[ "$(wc -l < "$tmp/out")" = 2 ] || fail "probe: a row forged: $(cat -v "$tmp/out")"
set -- $(sed -n 2p "$tmp/out")
[ "$1" = "$tmp/tree/$shown" ] || fail "probe FILE: $1"
[ "${11}" = 'qemu-aarch64\x1b[31m' ] || fail "probe PICK: ${11}"
cat > "$tmp/want" << END
elfprobe: $tmp/$shown.conf:3: register string: shorter than the 11 bytes the kernel requires: ":bad"
END
compare "$tmp/want" "$tmp/err"
echo "ok probe: FILE, PICK and the table's FILE:LINE quoted"

# --json: the exact bytes.
status=0
"$ELFPROBE" $HOST_X86_64 --json probe --table "$table" "$tmp/tree/$name" > "$tmp/json" 2> /dev/null || status=$?
[ "$status" = 3 ] || fail "probe --json: exit $status, want 3 (a bad table line)"
python3 - "$tmp/json" "$tmp/tree/$name" << 'PY' || fail "probe --json: $(cat "$tmp/json")"
import json, sys
p = json.load(open(sys.argv[1]))[0]
assert p["file"] == sys.argv[2], p["file"]
assert p["pick"] == "qemu-aarch64\x1b[31m", p["pick"]
PY
echo "ok probe --json exact"

# verify: the FILE column (a table that matches nothing makes the file a
# finding).
printf ':none:E::nothing::/bin/true:\n' > "$tmp/none.conf"
status=0
"$ELFPROBE" $HOST_X86_64 verify --table "$tmp/none.conf" "$tmp/tree" > "$tmp/out" 2> "$tmp/err" || status=$?
[ "$status" = 1 ] || fail "verify: exit $status: $(cat "$tmp/err")"
no_escape "$tmp/out"
[ "$(sed -n 2p "$tmp/out")" = "unmatched  aarch64   none  $tmp/tree/$shown  -" ] ||
	fail "verify FILE: $(sed -n 2p "$tmp/out" | cat -v)"
[ "$(wc -l < "$tmp/out")" = 3 ] || fail "verify: a row forged: $(cat -v "$tmp/out")"
echo "ok verify: FILE quoted"

# lint: FILE:LINE, the entry, and the interpreter in messages.
status=0
"$ELFPROBE" $HOST_X86_64 lint --table "$table" > "$tmp/out" 2> "$tmp/err" || status=$?
[ "$status" = 1 ] || fail "lint: exit $status: $(cat "$tmp/err")"
no_escape "$tmp/out"
grep -q "^$tmp/new\\\\x0aline\\\\x1b\\[31mred.conf:3: *error *invalid" "$tmp/out" ||
	fail "lint FILE:LINE: $(cat -v "$tmp/out")"
grep -q ' qemu-x86_64\\x1b\[31m .*run through /usr/bin/qemu-x86_64\\x1b\[0m$' "$tmp/out" ||
	fail "lint ENTRY and interpreter: $(cat -v "$tmp/out")"
echo "ok lint: FILE:LINE and entries quoted"

# stderr naming a file that is not there.
status=0
"$ELFPROBE" $HOST_X86_64 probe "$tmp/$name-missing" > "$tmp/out" 2> "$tmp/err" || status=$?
[ "$status" = 3 ] || fail "probe of a missing file: exit $status"
echo "elfprobe: $tmp/$shown-missing: No such file or directory" > "$tmp/want"
compare "$tmp/want" "$tmp/err"
echo "ok stderr: a missing file quoted"
