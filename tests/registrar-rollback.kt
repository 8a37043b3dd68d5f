#!/bin/sh
# A replacement the kernel refuses puts the old entry back, exactly.
. "$top_srcdir/tests/lib.sh"
require_sandbox
cd "$tmp"

"$QBINFMT" install arm64 > /dev/null
"$QBINFMT" disable arm64 > /dev/null
cp "$BINFMT_DIR/qbinfmt-aarch64" before
# A launcher the kernel cannot open: with F it must open it right away,
# so registering the new entry fails after the old one was removed.
mkdir broken
touch broken/qemu-aarch64-binfmt-P
chmod 644 broken/qemu-aarch64-binfmt-P
set +e
"$QBINFMT" --launcher-dir "$tmp/broken" install --fix-binary arm64 > out 2> err; status=$?
set -e
[ "$status" -eq 1 ] || fail "failed replacement: exit $status"
grep -q '^aarch64 *failed, old entry restored' out || fail "outcome: $(cat out)"
grep -q "^qbinfmt: install aarch64: cannot write register: Permission denied" err || fail "message: $(cat err)"
compare before "$BINFMT_DIR/qbinfmt-aarch64"
echo "ok old entry restored, disabled as it was"
