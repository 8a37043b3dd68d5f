#!/bin/sh
# elfprobe on a real binfmt_misc mount (private: tests/sandbox-run).
#  1. The fact the live loader rests on: readdir lists entries newest
#     first, so registration order can be read back.
#  2. elfprobe's pick for a file is the entry the kernel really runs, also
#     after an entry is removed and registered again.
#  3. The built-in table, registered and read back from status files,
#     still picks every fixture right; a disabled entry, and binfmt_misc
#     switched off, are seen.
. "$top_srcdir/tests/lib.sh"
require_sandbox
. "$top_srcdir/tests/elfprobe-lib.sh"

register() {
	printf '%s' "$1" > "$BINFMT_DIR/register" || fail "kernel refused $1"
}
entries() {
	ls -U "$BINFMT_DIR" | grep -v -x -e register -e status | tr '\n' ' '
}

# 1. Newest first, whatever the names.
for name in zeta alpha mid beta; do
	register ":$name:E::ext$name::/bin/sh:"
done
[ "$(entries)" = "beta mid alpha zeta " ] ||
	fail "readdir order is not newest first on $(uname -r): $(entries)"
for name in zeta alpha mid beta; do
	echo -1 > "$BINFMT_DIR/$name"
done

# 2. Two interpreters that say who they are, two entries for one magic.
mkdir "$tmp/bin"
for name in first second; do
	printf '#!/bin/sh\necho %s\n' "$name" > "$tmp/bin/$name"
	chmod +x "$tmp/bin/$name"
done
printf 'QBFTprogram\n' > "$tmp/prog"
chmod +x "$tmp/prog"
kernel_pick() { "$tmp/prog"; }
elfprobe_pick() {
	"$ELFPROBE" $HOST_X86_64 --json --table live "$tmp/prog" |
		python3 -c 'import json, sys; print(json.load(sys.stdin)[0]["pick"])'
}
register ":second:M::QBFT::$tmp/bin/second:"
register ":first:M::QBFT::$tmp/bin/first:"
[ "$(kernel_pick)" = first ] || fail "kernel ran $(kernel_pick)"
[ "$(elfprobe_pick)" = first ] || fail "elfprobe picked $(elfprobe_pick), the kernel first"
# Registered again, "second" becomes the newest.
echo -1 > "$BINFMT_DIR/second"
register ":second:M::QBFT::$tmp/bin/second:"
[ "$(kernel_pick)" = second ] || fail "kernel ran $(kernel_pick)"
[ "$(elfprobe_pick)" = second ] || fail "elfprobe picked $(elfprobe_pick), the kernel second"
# lint sees the same order: the later entry shadows the earlier.
"$ELFPROBE" $HOST_X86_64 lint --table "$BINFMT_DIR" > "$tmp/lint" || true
grep -q "^$BINFMT_DIR/second:  *error  *shadowed  *second  *first " "$tmp/lint" ||
	fail "lint: $(cat "$tmp/lint")"
echo -1 > "$BINFMT_DIR/first"
echo -1 > "$BINFMT_DIR/second"

# 3. The built-in table through the kernel and back.
"$QBINFMT" --json list > "$tmp/list"
python3 - "$tmp/list" > "$tmp/strings" <<'PY'
import json, sys
for row in json.load(open(sys.argv[1])):
    if row["family"] != "x86":
        print(row["register"])
PY
while IFS= read -r line; do
	register "$line"
done < "$tmp/strings"
expect live-verify "$ELFPROBE" $HOST_X86_64 verify --host --table live fixtures/bin
echo 0 > "$BINFMT_DIR/qbinfmt-aarch64"
"$ELFPROBE" $HOST_X86_64 verify --host --table live fixtures/bin > "$tmp/off" || true
grep -q '^65 ELF executables: 63 ok, 2 unmatched, ' "$tmp/off" || fail "disabled entry: $(tail -n 1 "$tmp/off")"
"$ELFPROBE" $HOST_X86_64 lint --table live > "$tmp/lint" || true
grep -q ' info  *disabled  *qbinfmt-aarch64 ' "$tmp/lint" || fail "lint disabled: $(cat "$tmp/lint")"
echo 0 > "$BINFMT_DIR/status"
"$ELFPROBE" $HOST_X86_64 lint --table live > "$tmp/lint" || true
grep -q ' warning  *switched-off ' "$tmp/lint" || fail "lint switched off: $(cat "$tmp/lint")"
"$ELFPROBE" $HOST_X86_64 verify --host --table live fixtures/bin > "$tmp/off" || true
grep -q '^65 ELF executables: 4 ok, 61 unmatched, ' "$tmp/off" || fail "switched off: $(tail -n 1 "$tmp/off")"
echo 1 > "$BINFMT_DIR/status"
echo ok
