#!/bin/sh
# qbinfmt find names the entry the kernel really runs: checked by running.
. "$top_srcdir/tests/lib.sh"
require_sandbox
cd "$tmp"

# A target of another family than this machine's: its entry captures
# none of the tools the test runs.
T=$(foreign_target)
machine=$("$QBINFMT" --json list | python3 -c '
import json, sys
m = [t for t in json.load(sys.stdin) if t["name"] == sys.argv[1]][0]["machine"]
print("\\x%02x\\x%02x" % (m & 0xff, m >> 8))' "$T")
"$QBINFMT" install "$T" > /dev/null
fixture=$FIXTURES/bin/hello-$T
[ "$("$QBINFMT" find "$fixture" | cut -f 2)" = "qbinfmt-$T" ] || fail "find: $("$QBINFMT" find "$fixture")"
[ "$("$fixture" | sed -n 2p)" = "$fixture" ] || fail "not run by the launcher"

# A newer entry matching the same binaries wins; find must say so.
printf '#!/bin/sh\necho OTHER\n' > other
chmod 755 other
# (T's e_machine at offset 18 alone: it must not match the host's programs)
printf ':other-%s:M:18:%s::%s/other:' "$T" "$machine" "$tmp" > "$BINFMT_DIR/register"
[ "$("$QBINFMT" find "$fixture" | cut -f 2)" = "other-$T" ] || fail "find after newer entry"
[ "$("$fixture")" = OTHER ] || fail "kernel did not run the newer entry"
# Disabled, it steps aside again.
echo 0 > "$BINFMT_DIR/other-$T"
[ "$("$QBINFMT" find "$fixture" | cut -f 2)" = "qbinfmt-$T" ] || fail "find after disable"
[ "$("$fixture" | sed -n 2p)" = "$fixture" ] || fail "kernel did not fall back"
# binfmt_misc switched off as a whole runs nothing: find says so too.
echo 0 > "$BINFMT_DIR/status"
[ "$("$QBINFMT" find "$fixture" | cut -f 2)" = - ] || fail "find with binfmt_misc disabled"
echo 1 > "$BINFMT_DIR/status"
# Nothing matches the host's own programs; unreadable files are an error.
[ "$("$QBINFMT" find /bin/sh | cut -f 2)" = - ] || fail "find /bin/sh"
"$QBINFMT" --json find "$fixture" | python3 -c 'import json,sys; r=json.load(sys.stdin); assert r[0]["entry"] == "qbinfmt-" + sys.argv[1], r' "$T"
set +e
"$QBINFMT" find /nonexistent 2> err; status=$?
set -e
[ "$status" -eq 3 ] && grep -q '^qbinfmt: find: /nonexistent: No such file or directory' err || fail "missing file: $status $(cat err)"
echo "ok find agrees with the kernel"
