#!/bin/sh
# The O flag: the kernel hands the launcher an open descriptor, which
# qemu cannot take from it; each way the launcher copes, and its refusal.
. "$top_srcdir/tests/lib.sh"
require_sandbox

cp "$FIXTURES/bin/hello-aarch64" "$tmp/prog"
chmod 755 "$tmp" "$tmp/prog"

# 1. A readable binary: PATH itself goes to qemu.
register_target aarch64 PO "$LAUNCHER_DIR/qemu-aarch64-binfmt-P"
out=$(bash -c 'exec -a name "$0" x' "$tmp/prog") || fail "readable binary under O failed"
[ "$(echo $out)" = "2 name x" ] || fail "readable: $out"
echo "ok readable binary"

# 2. Reached only through the descriptor: exec'd as /proc/self/fd/N of a
#    close-on-exec descriptor, a path that means nothing to the launcher.
run_by_fd() {
	python3 -c '
import os, sys
fd = os.open(sys.argv[1], os.O_RDONLY | os.O_CLOEXEC)
os.execv("/proc/self/fd/%d" % fd, ["by-fd", "y"])
' "$1"
}
out=$(run_by_fd "$tmp/prog") || fail "binary reached through its descriptor failed under O"
[ "$(echo $out)" = "2 by-fd y" ] || fail "by descriptor: $out"
echo "ok binary reached only through its descriptor"
# ...which without O cannot work: the launcher has nothing to open.
unregister_all
register_target aarch64 P "$LAUNCHER_DIR/qemu-aarch64-binfmt-P"
if run_by_fd "$tmp/prog" > /dev/null 2>&1; then
	fail "without O the descriptor case should fail"
fi
echo "ok without O it fails, as expected"

# 3. Execute-only (0111) run by an unprivileged user: qemu cannot read
#    it, and neither path nor descriptor can be reopened: a clear refusal.
need_ids
unregister_all
register_target aarch64 PO "$LAUNCHER_DIR/qemu-aarch64-binfmt-P"
chmod 0111 "$tmp/prog"
set +e
setpriv --reuid=1000 --regid=1000 --clear-groups "$tmp/prog" 2> "$tmp/err"
status=$?
set -e
[ "$status" -eq 126 ] || fail "execute-only: exit $status, want 126"
cat > "$tmp/expect" <<EOS
qbinfmt-launch: $tmp/prog: cannot be read (Permission denied): qemu must read the binaries it runs; for execute-only binaries register qemu directly (qbinfmt install --wiring native)
EOS
compare "$tmp/expect" "$tmp/err"
echo "ok execute-only binary refused clearly"
