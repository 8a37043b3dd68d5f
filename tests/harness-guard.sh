#!/bin/sh
# tests/host-guard itself, on a binfmt_misc of its own (a private
# instance in a user namespace stands in for the host's): a test that
# registers there fails with the difference; one that runs past its
# "# timeout:" is killed, with everything it started, and fails; one that
# changes nothing keeps its own exit status.
# timeout: 120
. "$top_srcdir/tests/lib.sh"
need_user_namespaces
guard=$top_srcdir/tests/host-guard

cat > "$tmp/touches.sh" <<'EOS'
printf ':qbinfmt-guard-test:E::qbguard::/bin/sh:' > "$HOST_GUARD_BINFMT/register"
EOS
cat > "$tmp/quiet.sh" <<'EOS'
exit 3
EOS
{
	echo "# timeout: 1"
	cat <<'EOS'
sleep 60 &
echo $! > "$STRAY"
wait
EOS
} > "$tmp/slow.sh"

# inside COMMAND: COMMAND in a user and mount namespace with a fresh
# binfmt_misc at $tmp/bm, HOST_GUARD_BINFMT naming it.
mkdir "$tmp/bm"
inside() {
	unshare --user --map-root-user --mount sh -c '
		mount -t binfmt_misc qbinfmt-guard "$1" || exit 99
		shift
		HOST_GUARD_BINFMT=$0 "$@"' "$tmp/bm" "$tmp/bm" "$@"
}

set +e
inside sh "$guard" sh "$tmp/touches.sh" 2> "$tmp/err"
status=$?
set -e
[ "$status" = 1 ] || fail "a test that registered: exit $status, want 1: $(cat "$tmp/err")"
grep -q "^host-guard: $tmp/touches.sh changed the host's binfmt_misc:" "$tmp/err" ||
	fail "no report of the change: $(cat "$tmp/err")"
grep -q "^+== qbinfmt-guard-test$" "$tmp/err" || fail "the difference is not shown: $(cat "$tmp/err")"
echo "ok a test that registers fails, with the difference"

set +e
inside sh "$guard" sh "$tmp/quiet.sh" 2> "$tmp/err"
status=$?
set -e
[ "$status" = 3 ] && [ ! -s "$tmp/err" ] || fail "a quiet test: exit $status, want 3: $(cat "$tmp/err")"
echo "ok a test that changes nothing keeps its status"

start=$(date +%s)
set +e
STRAY=$tmp/stray sh "$guard" sh "$tmp/slow.sh" 2> "$tmp/err"
status=$?
set -e
took=$(($(date +%s) - start))
[ "$status" = 1 ] || fail "a slow test: exit $status, want 1"
grep -q "ran past its 1 seconds" "$tmp/err" || fail "no timeout message: $(cat "$tmp/err")"
[ "$took" -lt 30 ] || fail "the slow test was not killed in time ($took s)"
sleep 1
# Dead, or a zombie its new parent has not reaped yet.
stray=$(cat "$tmp/stray")
! grep -qs '^State:[[:space:]]*[^Z[:space:]]' "/proc/$stray/status" || fail "what the slow test started lives on"
echo "ok a test past its timeout is killed, with its children, and fails"
