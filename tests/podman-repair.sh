#!/bin/sh
# What could break podman through qbinfmt, and the way back.
#  - A record from another machine (the qbinfmt-x86_64 line `qbinfmt podman
#    install --all` writes on an arm64 one, brought by a synced ~/.config;
#    here the line for this machine's own target): the hook refuses the
#    entry that would capture this machine's own programs, containers keep
#    running, status says why.
#  - Such an entry registered anyway, by hand: no native program runs in
#    podman's namespace, `podman unshare` and `podman run` included.
#    qbinfmt podman status and remove still work (they join the pause
#    process and run nothing in there) and mend it.
#  - The hook naming a qbinfmt that is gone: status says the hook cannot
#    run, and exits 1.
# timeout: 600
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/podman-lib.sh"
podman_account 6
podman_image arm64
record=$podman_home/.config/qbinfmt/podman.conf
as_user "$QBINFMT" podman install arm64 > "$tmp/out" || fail "podman install: $(cat "$tmp/out")"

# This machine's own target, as the register string qbinfmt makes for it
# with its static qemu: what a record from another machine holds.
capturing=$("$QBINFMT" --json list | python3 -c '
import json, os, sys
machine = os.uname().machine
t = [t for t in json.load(sys.stdin) if t["name"] == machine or machine in t["aliases"]][0]
print(t["register"].replace("/INTERPRETER:", t["qemu_static"] + ":PF"))')
name=$(echo "$capturing" | cut -d: -f2)

run_arm64() {
	user_podman run --rm --arch arm64 localhost/deb-arm64 uname -m > "$tmp/out" 2> "$tmp/err" ||
		fail "$1: podman run: $(cat "$tmp/err")"
	[ "$(cat "$tmp/out")" = aarch64 ] || fail "$1: $(cat "$tmp/out")"
}

echo "$capturing" >> "$record"
user_podman system migrate
run_arm64 "with $name in the record"
as_user "$QBINFMT" podman status > "$tmp/status" 2>&1 || true
grep -qx "podman: the hook said: $name: not registered: it would capture this machine's own programs, and no native program would run in podman's namespace" "$tmp/status" ||
	fail "status does not say why $name was left out: $(cat "$tmp/status")"
echo "ok the hook refuses an entry that would capture this machine's programs"

# The same entry registered by hand: podman's namespace runs nothing native.
printf %s "$capturing" > "$tmp/capturing"
chmod 644 "$tmp/capturing"
as_user podman unshare sh -c 'cat "$1" > /proc/sys/fs/binfmt_misc/register' sh "$tmp/capturing" 2> /dev/null ||
	fail "registering $name by hand"
! as_user podman unshare true 2> /dev/null || fail "podman unshare still works: the test proves nothing"
! user_podman run --rm --arch arm64 localhost/deb-arm64 true 2> /dev/null || fail "podman run still works"
status=0
as_user "$QBINFMT" podman status > "$tmp/status" 2> "$tmp/err" || status=$?
[ "$status" = 1 ] || fail "status in the broken namespace: exit $status: $(cat "$tmp/status" "$tmp/err")"
grep -q "^$name .* yes " "$tmp/status" || fail "status does not list $name: $(cat "$tmp/status")"
grep -qx "podman: $name would capture this machine's own programs: no native program runs in podman's namespace, podman unshare and podman run included (qbinfmt podman remove $name mends it)" "$tmp/status" ||
	fail "status does not say what is wrong: $(cat "$tmp/status")"
as_user "$QBINFMT" podman remove "$name" > "$tmp/out" 2> "$tmp/err" ||
	fail "remove in the broken namespace: $(cat "$tmp/out" "$tmp/err")"
grep -q "^$name *removed" "$tmp/out" || fail "remove $name: $(cat "$tmp/out")"
as_user podman unshare true 2> /dev/null || fail "podman unshare still fails after the repair"
run_arm64 "after the repair"
! grep -q "^:$name:" "$record" || fail "$name still recorded"
echo "ok a namespace that runs nothing native: status says why, remove mends it"

# The hook names the qbinfmt that ran install: gone, the hook cannot run,
# and status says so.
mkdir -m 755 "$tmp/bin"
cp "$QBINFMT" "$tmp/bin/qbinfmt"
chmod 755 "$tmp/bin/qbinfmt"
as_user "$tmp/bin/qbinfmt" podman install arm64 > "$tmp/out" || fail "install from a copy: $(cat "$tmp/out")"
as_user "$QBINFMT" podman status > "$tmp/status" || fail "status with the hook's qbinfmt there: $(cat "$tmp/status")"
rm "$tmp/bin/qbinfmt"
status=0
as_user "$QBINFMT" podman status > "$tmp/status" 2>&1 || status=$?
[ "$status" = 1 ] || fail "status with the hook's qbinfmt gone: exit $status"
grep -qx "podman: the hook cannot run: cannot run $tmp/bin/qbinfmt: No such file or directory: run qbinfmt podman install again, with the qbinfmt that is to stay" "$tmp/status" ||
	fail "status does not say the hook cannot run: $(cat "$tmp/status")"
! grep -q "registers 1 entry" "$tmp/status" || fail "status still promises the hook: $(cat "$tmp/status")"
as_user "$QBINFMT" podman install arm64 > /dev/null || fail "install again"
as_user "$QBINFMT" podman status > "$tmp/status" || fail "status after installing again: $(cat "$tmp/status")"
grep -q "registers 1 entry" "$tmp/status" || fail "status after installing again: $(cat "$tmp/status")"
echo "ok status runs the hook's own check"
