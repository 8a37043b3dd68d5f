#!/bin/sh
# The README's main job: tools/demo inside qbinfmt sandbox, all OK.
. "$top_srcdir/tests/lib.sh"
need_user_namespaces
"$QBINFMT" sandbox -- "$top_srcdir/tools/demo" > "$tmp/out"
tail -1 "$tmp/out" | grep -q '^2[0-9] passed, 0 failed$' || fail "demo: $(tail -3 "$tmp/out")"
grep -q '^aarch64 *qbinfmt-aarch64 .*demo-aarch64 *OK$' "$tmp/out" || fail "demo table: $(cat "$tmp/out")"
echo ok
