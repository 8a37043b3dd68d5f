#!/bin/sh
# export then import gives the same kernel state, in every format; the
# files are stable byte for byte; systemd's own parser reads binfmt.d.
. "$top_srcdir/tests/lib.sh"
require_sandbox
cd "$tmp"

state() { "$QBINFMT" --json status > "$1"; }

# In name order: a folder of files has no other order to give back.
"$QBINFMT" install --fix-binary arm64 mips64el riscv64 s390x > /dev/null
state before.json
for format in binfmt.d debian register; do
	mkdir "$format" "$format-again"
	"$QBINFMT" export --format "$format" --output-dir "$format" arm64 s390x --fix-binary riscv64 mips64el > /dev/null
	"$QBINFMT" export --format "$format" --output-dir "$format-again" --fix-binary arm64 s390x riscv64 mips64el > /dev/null
	diff -r "$format" "$format-again" || fail "$format export not stable"
	"$QBINFMT" remove --all > /dev/null
	# binfmt.d and Debian as the folders those tools read; register files one by one.
	case $format in register) "$QBINFMT" import "$format"/* ;; *) "$QBINFMT" import "$format" ;; esac > /dev/null
	state after.json
	compare before.json after.json
	echo "ok $format: export, import, same state"
done
ls binfmt.d | grep -qx qbinfmt-aarch64.conf || fail "binfmt.d file name"
ls debian | grep -qx qbinfmt-aarch64 || fail "debian file name"

# systemd-binfmt, pointed at our files, registers the same entries.
if [ -x /lib/systemd/systemd-binfmt ]; then
	"$QBINFMT" remove --all > /dev/null
	for f in binfmt.d/*.conf; do /lib/systemd/systemd-binfmt "$PWD/$f"; done
	state after.json
	compare before.json after.json
	echo "ok systemd-binfmt reads our binfmt.d files"
else
	echo "systemd-binfmt not installed: that part not run"
fi

# A bad line: named with file and line, and nothing registered.
"$QBINFMT" remove --all > /dev/null
{ cat register/qbinfmt-aarch64.register; echo ':broken:M::\x4::/bin/sh:'; } > bad.conf
set +e
"$QBINFMT" import bad.conf 2> err; status=$?
set -e
[ "$status" -eq 3 ] || fail "bad import: exit $status"
grep -q "^qbinfmt: import: bad.conf:2: " err || fail "no FILE:LINE: $(cat err)"
[ ! -e "$BINFMT_DIR/qbinfmt-aarch64" ] || fail "half an import registered"
echo "ok bad input refused whole"

# A line the kernel takes but that probably means something else (magic
# bits under a zero mask): registered, and said once, FILE:LINE: NAME.
echo ':qbinfmt-test-masked:M::QB\x03:\xff\xff\x00:/bin/sh:' > masked.conf
"$QBINFMT" import masked.conf > /dev/null 2> err || fail "masked import: $(cat err)"
[ "$(cat err)" = "qbinfmt: import: masked.conf:1: qbinfmt-test-masked: magic has bits set where the mask is 0: the kernel ignores them" ] ||
	fail "masked import said: $(cat err)"
[ -e "$BINFMT_DIR/qbinfmt-test-masked" ] || fail "masked entry not registered"
"$QBINFMT" remove qbinfmt-test-masked > /dev/null 2>&1 || echo -1 > "$BINFMT_DIR/qbinfmt-test-masked"
echo "ok a kernel warning is shown and the entry registered"
