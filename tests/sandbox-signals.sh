#!/bin/sh
# The sandbox lives and dies with its caller: killed (even with SIGKILL),
# the caller takes the sandbox and everything in it along; a signal sent
# in the very first milliseconds reaches the command; what the caller
# gets, the command gets.  A sandbox inside a sandbox maps the ids its
# parent has.  A malformed /etc/subuid line is named, FILE:LINE.
. "$top_srcdir/tests/lib.sh"
need_user_namespaces

# gone PATTERN: no process runs it any more (within two seconds).
gone() {
	for _ in 1 2 3 4 5 6 7 8 9 10; do
		pgrep -f "$1" > /dev/null || return 0
		sleep 0.2
	done
	fail "still running: $(pgrep -af "$1")"
}

# started PID: PID is qbinfmt itself now, not the shell's fork before the
# exec (a TERM there would run this script's EXIT trap in that fork).
started() {
	while [ "$(readlink "/proc/$1/exe" 2> /dev/null)" != "$(readlink -f "$QBINFMT")" ]; do
		kill -0 "$1" 2> /dev/null || return 0
	done
}

"$QBINFMT" sandbox -- sleep 78.101 &
caller=$!
started "$caller"
sleep 0.5
kill -KILL "$caller"
wait "$caller" 2> /dev/null || true
gone 'sleep 78.101'
echo "ok SIGKILL to the caller ends the sandbox"

"$QBINFMT" sandbox -- sleep 78.102 &
caller=$!
sleep 0.5
kill -USR1 "$caller"
status=0
wait "$caller" || status=$?
[ "$status" = 138 ] || fail "SIGUSR1: exit $status, want 138 (128 + SIGUSR1)"
gone 'sleep 78.102'
echo "ok SIGUSR1 reaches the command"

# Twelve times, TERM one millisecond after the start.
for i in 1 2 3 4 5 6 7 8 9 10 11 12; do
	"$QBINFMT" sandbox -- sleep 2.703 &
	caller=$!
	started "$caller"
	sleep 0.001
	kill -TERM "$caller"
	status=0
	wait "$caller" || status=$?
	[ "$status" = 143 ] || fail "early TERM, run $i: exit $status, want 143"
done
gone 'sleep 2.703'
echo "ok a signal in the first milliseconds is not lost (12 runs)"

# A sandbox inside a sandbox: the inner one maps ids the outer has.
"$QBINFMT" sandbox -- "$QBINFMT" sandbox -- sh -c 'cat /proc/self/uid_map; "$1" nested' sh \
	"$FIXTURES/bin/hello-aarch64" > "$tmp/out" 2> "$tmp/err" || fail "nested sandbox: $(cat "$tmp/err")"
[ "$(tail -n 1 "$tmp/out")" = nested ] || fail "nested sandbox: $(cat "$tmp/out")"
awk 'NR == 2 { exit !($1 == 1 && $2 == 1) }' "$tmp/out" || fail "inner ids: $(cat "$tmp/out")"
[ ! -s "$tmp/err" ] || fail "nested sandbox said: $(cat "$tmp/err")"
echo "ok a sandbox inside a sandbox"

[ "$(id -u)" = 0 ] || exit 0
# An account whose /etc/subuid line is malformed: named, FILE:LINE.
user=qbinfmt-subid
accounts userdel "$user" 2> /dev/null || true
accounts subids_locked sed -i "/^$user:/d" /etc/subuid /etc/subgid
trap 'accounts userdel "$user" 2> /dev/null; accounts subids_locked sed -i "/^$user:/d" /etc/subuid /etc/subgid; remove_tmp' EXIT
accounts useradd --system --no-create-home --shell /usr/sbin/nologin "$user"
accounts subids_locked sh -c 'echo "$1:abc:65536" >> /etc/subuid' sh "$user"
line=$(grep -n "^$user:" /etc/subuid | cut -d: -f1)
env -i PATH=/usr/bin:/bin setpriv --reuid="$user" --regid="$user" --init-groups \
	"$QBINFMT" sandbox -- true 2> "$tmp/err" || fail "sandbox with a malformed subuid line: $(cat "$tmp/err")"
[ "$(cat "$tmp/err")" = "qbinfmt: sandbox: /etc/subuid:$line: not NAME:START:COUNT: \"$user:abc:65536\"; running with a single id: programs that change file owners (dpkg, apt) will fail" ] ||
	fail "malformed subuid: $(cat "$tmp/err")"
echo "ok a malformed /etc/subuid line is named"
