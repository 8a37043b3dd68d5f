#!/bin/sh
# What ends podman's user namespace does not end emulation: after podman
# system migrate, a killed pause process (a logout without lingering) or
# a reboot, the next `podman run --arch arm64` works with no qbinfmt
# command typed in between, through the OCI hook qbinfmt podman install
# set up.  The hook passes the configuration through unchanged, and a
# record it cannot register does not stop a container from starting.
# timeout: 600
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/podman-lib.sh"
podman_account 3
podman_image arm64
as_user "$QBINFMT" podman install arm64 > "$tmp/out" || fail "podman install: $(cat "$tmp/out")"
record=$podman_home/.config/qbinfmt/podman.conf
pause_file=$podman_home/run/libpod/tmp/pause.pid

# run_arm64: a container's uname -m, nothing of qbinfmt's typed before.
run_arm64() {
	user_podman run --rm --arch arm64 localhost/deb-arm64 uname -m > "$tmp/out" 2> "$tmp/err" ||
		fail "$1: podman run: $(cat "$tmp/err")"
	[ "$(cat "$tmp/out")" = aarch64 ] || fail "$1: $(cat "$tmp/out")"
	[ ! -s "$tmp/err" ] || fail "$1: the hook was not quiet: $(cat "$tmp/err")"
}

# own_entries: qbinfmt's entries in podman's namespace as it is now.
own_entries() {
	as_user podman unshare sh -c 'ls /proc/sys/fs/binfmt_misc' 2> /dev/null | grep '^qbinfmt-' || true
}

run_arm64 "after install"
before=$(cat "$pause_file")

user_podman system migrate
[ -z "$(own_entries)" ] || fail "migrate left the entries: the test proves nothing"
run_arm64 "after podman system migrate"
[ "$(cat "$pause_file")" != "$before" ] || fail "migrate kept the pause process"
[ "$(own_entries)" = qbinfmt-aarch64 ] || fail "after migrate: $(own_entries)"
echo "ok podman system migrate"

# A logout without lingering: systemd kills the user's processes.
kill -KILL "$(cat "$pause_file")"
run_arm64 "after the pause process was killed"
echo "ok the pause process killed (a logout)"

# A reboot: no process of the user is left, and the runtime folder (a
# tmpfs, /run/user/UID) starts empty.
if [ "$(id -u)" = 0 ]; then
	pkill -KILL -u "$podman_user" || true
else
	kill -KILL "$(cat "$pause_file")"
fi
find "$podman_home/run" -mindepth 1 -delete
run_arm64 "after a reboot"
echo "ok a reboot"

# The hook by hand: the configuration comes back byte for byte.
printf '{"ociVersion":"1.0.2","process":{"args":["uname","-m"]},"annotations":{"x":"\\u00e9"}}' > "$tmp/config.json"
chmod 644 "$tmp/config.json"
as_user podman unshare "$QBINFMT" podman hook "$record" < "$tmp/config.json" > "$tmp/passed" 2> "$tmp/err" ||
	fail "the hook failed by hand"
cmp -s "$tmp/config.json" "$tmp/passed" || fail "the hook changed the configuration: $(cat "$tmp/passed")"
grep -v 'is not a shared mount' "$tmp/err" > "$tmp/err2" || true
[ ! -s "$tmp/err2" ] || fail "the hook said: $(cat "$tmp/err2")"
echo "ok the hook passes the configuration through, quietly"

# A record it cannot register in full: a line that is no entry and an
# entry whose qemu is gone.  The rest is registered, the container
# starts, and qbinfmt podman status says what the hook could not do
# (podman drops a precreate hook's stderr).
riscv64=$("$QBINFMT" --json list | python3 -c '
import json, sys
t = [t for t in json.load(sys.stdin) if t["name"] == "riscv64"][0]
print(t["register"].replace("/INTERPRETER:", "/nonexistent/qemu-riscv64-static:PF"))')
{
	cat "$record"
	echo 'not an entry'
	echo "$riscv64"
} > "$tmp/record"
cp "$tmp/record" "$record"
user_podman system migrate
user_podman run --rm --arch arm64 localhost/deb-arm64 uname -m > "$tmp/out" 2> "$tmp/err" ||
	fail "a broken record stopped the container: $(cat "$tmp/err")"
[ "$(cat "$tmp/out")" = aarch64 ] || fail "broken record: $(cat "$tmp/out")"
as_user "$QBINFMT" podman status > "$tmp/status" 2>&1 || true
grep -qx "podman: the hook said: qbinfmt-riscv64: not registered: its interpreter /nonexistent/qemu-riscv64-static is missing (moved, or removed by an upgrade: qbinfmt podman install riscv64 records the one there is now)" "$tmp/status" ||
	fail "status does not show the entry the hook could not register: $(cat "$tmp/status")"
grep -q "^podman: the hook said: $record:[0-9]*: " "$tmp/status" ||
	fail "status does not show the bad line: $(cat "$tmp/status")"
echo "ok a record the hook cannot fully register does not stop containers, and status says why"

# With every recorded qemu gone (moved, renamed by an upgrade) the hook
# registers nothing, and so makes no binfmt_misc of podman's own, which
# would hide the host's entries for as long as the namespace lives; the
# missing qemu is named, and the containers start.
sed 's#:/usr/bin/[^:]*:PF$#:/nonexistent/qemu-aarch64:PF#' "$tmp/record" > "$record"
user_podman system migrate
status=0
user_podman run --rm --arch arm64 localhost/deb-arm64 uname -m > "$tmp/out" 2> "$tmp/err" || status=$?
! grep -qi 'hook' "$tmp/err" || fail "podman blamed the hook: $(cat "$tmp/err")"
as_user "$QBINFMT" --json podman status > "$tmp/status.json" 2> "$tmp/err" || true
python3 - "$tmp/status.json" << 'PY' || fail "status with every qemu gone: $(cat "$tmp/status.json" "$tmp/err")"
import json, sys
s = json.load(open(sys.argv[1]))
assert s["instance"] != "own", "the hook made an instance with nothing to register"
said = s["hook"]["last_problems"]
assert "qbinfmt-aarch64: not registered: its interpreter /nonexistent/qemu-aarch64 is missing" in said, said
PY
echo "ok every qemu gone: no instance of podman's own, the missing qemu named (container status $status)"

# A record with a line that is no entry is not rewritten: that line would
# be lost.  Mended by hand, and the bad entry taken out by name, the next
# run says nothing more.
status=0
as_user "$QBINFMT" podman remove qbinfmt-riscv64 > "$tmp/out" 2> "$tmp/err" || status=$?
[ "$status" = 3 ] || fail "remove with a bad line in the record: exit $status"
grep -q "^qbinfmt: podman remove: $record:[0-9]*: .*; qbinfmt would lose this line rewriting the record (mend or delete it)\$" "$tmp/err" ||
	fail "remove with a bad line: $(cat "$tmp/err")"
sed -i '/^not an entry$/d' "$record"
as_user "$QBINFMT" podman remove qbinfmt-riscv64 > "$tmp/out" || fail "remove qbinfmt-riscv64: $(cat "$tmp/out")"
as_user "$QBINFMT" podman install arm64 > /dev/null || fail "install again"
[ "$(grep -c '^:' "$record")" = 1 ] || fail "record after mending: $(cat "$record")"
user_podman system migrate
run_arm64 "after mending the record"
as_user "$QBINFMT" podman status > "$tmp/status" 2>&1
! grep -q "hook said" "$tmp/status" || fail "problems left over: $(cat "$tmp/status")"
echo "ok a mended record clears the problems"
