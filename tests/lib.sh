# Sourced by every shell test: a private temp dir removed on exit, the
# paths of the programs under test, and small helpers.
set -eu

: "${top_srcdir:=$(cd "$(dirname "$0")/.." && pwd)}"
: "${top_builddir:=$top_srcdir}"
QBINFMT=${QBINFMT:-$top_builddir/qbinfmt}
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
compare() {
	if ! cmp -s "$1" "$2"; then
		diff -u "$1" "$2" >&2 || true
		fail "output differs from $1"
	fi
}

# Kernel-tier tests run under tests/sandbox-run; refuse to run otherwise so
# that a test started by hand can never touch the host's binfmt_misc.
require_sandbox() {
	[ "${QBINFMT_SANDBOXED:-}" = 1 ] || fail "run me through tests/sandbox-run"
}
