#!/bin/sh
# elfprobe probes qbinfmt's own binaries, as elfutils runs elfclassify on
# itself: with the real host's identity, they must match nothing.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/elfprobe-lib.sh"

"$ELFPROBE" verify --host "$QBINFMT" "$ELFPROBE" > "$tmp/out"
[ "$(tail -n 1 "$tmp/out" | cut -d';' -f1)" = "2 ELF executables: 2 ok, 0 unmatched, 0 wrong, 0 ambiguous" ] ||
	fail "own binaries: $(cat "$tmp/out")"
"$ELFPROBE" --json "$ELFPROBE" > "$tmp/json"
python3 - "$tmp/json" <<'PY'
import json, sys
(me,) = json.load(open(sys.argv[1]))
assert me["kind"] == "elf" and me["pick"] is None and me["matches"] == [], me
PY

# With every target registered, the host's own entry captures them, and
# lint says so before any binary is tried.
set +e
"$ELFPROBE" verify --host --table builtin-all "$QBINFMT" > "$tmp/all"
status=$?
"$ELFPROBE" lint --table builtin-all > "$tmp/lint"
lint_status=$?
set -e
host=$(uname -m)
case $host in
x86_64 | aarch64 | riscv64 | s390x | ppc64le)
	[ "$status" -eq 1 ] && grep -q '^wrong ' "$tmp/all" || fail "builtin-all captured nothing: $(cat "$tmp/all")"
	[ "$lint_status" -eq 1 ] && grep -q ' error  *host ' "$tmp/lint" || fail "lint: $(cat "$tmp/lint")"
	;;
*) echo "host $host: capture checks skipped" ;;
esac
echo ok
