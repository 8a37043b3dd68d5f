#!/bin/sh
# Secure mode: with C, a setuid-root binary run by a user gets AT_SECURE;
# the launcher must then keep the caller's QEMU_* variables away from the
# root-privileged qemu.  The control run shows the same variables do act
# when nothing is privileged, so the test can fail.
. "$top_srcdir/tests/lib.sh"
require_sandbox
need_ids

cp "$FIXTURES/bin/hello-aarch64" "$tmp/suid"
chown 0:0 "$tmp/suid"
chmod 4755 "$tmp/suid"
chmod 755 "$tmp"
register_target aarch64 PC "$LAUNCHER_DIR/qemu-aarch64-binfmt-P"
grep -qx "flags: POC" "$BINFMT_DIR/qbinfmt-aarch64" || fail "C should imply O: $(cat "$BINFMT_DIR/qbinfmt-aarch64")"

# Control: root running it, no privilege change, QEMU_STRACE acts.
QEMU_STRACE=1 "$tmp/suid" a > "$tmp/out" 2> "$tmp/err" || fail "control run failed"
grep -q 'write(1,' "$tmp/err" || fail "control: QEMU_STRACE had no effect, so this test proves nothing"

# Setuid: a user runs it with hostile variables; none may take effect.
mkdir "$tmp/prefix"
QEMU_STRACE=1 QEMU_LD_PREFIX="$tmp/prefix" QEMU_LOG=all QEMU_LOG_FILENAME="$tmp/log" \
	setpriv --reuid=1000 --regid=1000 --clear-groups "$tmp/suid" a > "$tmp/out" 2> "$tmp/err" ||
	fail "setuid run failed: $(cat "$tmp/err")"
[ "$(cat "$tmp/out" | tr '\n' ' ')" = "2 $tmp/suid a " ] || fail "setuid output: $(cat "$tmp/out")"
[ ! -s "$tmp/err" ] || fail "QEMU_STRACE acted in secure mode: $(head -3 "$tmp/err")"
[ ! -e "$tmp/log" ] || fail "QEMU_LOG_FILENAME acted in secure mode"
echo "ok QEMU_* variables ignored in secure mode"
