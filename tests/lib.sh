# Sourced by every shell test: a private temp dir removed on exit, the
# paths of the programs under test, and small helpers.
set -eu

: "${top_srcdir:=$(cd "$(dirname "$0")/.." && pwd)}"
: "${top_builddir:=$top_srcdir}"
QBINFMT=${QBINFMT:-$top_builddir/qbinfmt}
ELFPROBE=${ELFPROBE:-$top_builddir/elfprobe/elfprobe}
FIXTURES=$top_srcdir/tests/fixtures

tmp=$(mktemp -d "${TMPDIR:-/tmp}/qbinfmt-test.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

skip() {
	echo "SKIP: $*" >&2
	exit 77
}

fail() {
	echo "FAIL: $*" >&2
	exit 1
}

# compare EXPECTED_FILE ACTUAL_FILE: fail with a diff when they differ.
# ACTUAL is read through a pipe: binfmt_misc files report size 0, which
# `cmp -s` would take as a difference without reading them.
compare() {
	if ! cat "$2" | cmp -s "$1" -; then
		cat "$2" | diff -u "$1" - >&2 || true
		fail "output differs from $1"
	fi
}

# Kernel-tier tests run under tests/sandbox-run; refuse to run otherwise so
# that a test started by hand can never touch the host's binfmt_misc.
require_sandbox() {
	[ "${QBINFMT_SANDBOXED:-}" = 1 ] || fail "run me through tests/sandbox-run"
}

LAUNCHER_DIR=$top_builddir/launcher/libexec
TEST_LAUNCHER_DIR=$top_builddir/tests/libexec

# register_target TARGET FLAGS INTERPRETER: the built-in table's entry for
# TARGET, registered in the sandbox's private binfmt_misc.
register_target() {
	"$QBINFMT" --json list | python3 -c '
import json, sys
t = [t for t in json.load(sys.stdin) if t["name"] == sys.argv[1]][0]
esc = lambda h: "".join("\\x" + h[i:i+2] for i in range(0, len(h), 2))
sys.stdout.write(":qbinfmt-%s:M:%d:%s:%s:%s:%s" % (t["name"], t["offset"], esc(t["magic"]), esc(t["mask"]), sys.argv[3], sys.argv[2]))
' "$1" "$2" "$3" > "$tmp/register-$1"
	cat "$tmp/register-$1" > "$BINFMT_DIR/register"
}

unregister_all() {
	for e in "$BINFMT_DIR"/*; do
		case $e in */register | */status) ;; *) echo -1 > "$e" ;; esac
	done
}

# Runnable fixtures as "FILE TARGET" lines (FILE relative to $FIXTURES).
runnable_fixtures() {
	awk -F '\t' '$7 == "runnable" { print $1, $2 }' "$FIXTURES/MANIFEST"
}

# Tests that run as an unprivileged user need more than one id mapped.
need_ids() {
	[ "${QBINFMT_SANDBOX_IDS:-1}" -ge 65536 ] ||
		skip "only one id is mapped in this sandbox (run the tests as root to test other users)"
}

# A private, empty /mnt/qbinfmt-qemu: the test launcher's only qemu folder.
private_qemu_dir() {
	mount -t tmpfs qbinfmt-qemu /mnt
	mkdir /mnt/qbinfmt-qemu
}
