#!/bin/sh
# The kernel-tier harness itself: an entry registered through
# tests/sandbox-run must be invisible outside it, and gone after it.
. "$top_srcdir/tests/lib.sh"

name=qbinfmt-harness-$$
cat > "$tmp/register.sh" <<EOS
printf ':%s:E::qbinfmtharness::/bin/sh:' "$name" > "\$BINFMT_DIR/register"
test -e "\$BINFMT_DIR/$name" || { echo "not registered inside" >&2; exit 1; }
echo inside-ok
EOS
set +e
out=$(sh "$top_srcdir/tests/sandbox-run" "$tmp/register.sh")
status=$?
set -e
[ "$status" -ne 77 ] || skip "the sandbox is not available here"
[ "$status" -eq 0 ] && [ "$out" = inside-ok ] || fail "registering inside the sandbox failed ($status): $out"
# Outside: the host's mount (if any) never saw it.
if [ -e /proc/sys/fs/binfmt_misc/status ]; then
	[ ! -e "/proc/sys/fs/binfmt_misc/$name" ] || fail "entry leaked into the host's binfmt_misc"
fi
# A script started outside the harness refuses kernel work.
if (QBINFMT_SANDBOXED= sh -c ". '$top_srcdir/tests/lib.sh'; require_sandbox") 2>/dev/null; then
	fail "require_sandbox let an unsandboxed script through"
fi
echo "harness is private"
