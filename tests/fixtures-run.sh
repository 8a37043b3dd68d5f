#!/bin/sh
# fixtures-run.sh: run every `runnable` fixture of tests/fixtures/MANIFEST
# under its qemu-user emulator, straight (binfmt_misc plays no part), and
# check that argc, argv[0] and every argument come through intact and that
# the exit status is the one the first argument asks for.
#
# One line per fixture, `ok FILE` or `FAIL FILE: REASON`, then
# `N passed, N failed`.  Exit 0 if all passed, 1 if not.  A missing
# emulator is a failure, as tests/lib.sh has it for every missing tool:
# the setup installs qemu-user whole.
# timeout: 600

fixtures=${top_srcdir:-${srcdir:-.}}/tests/fixtures
manifest=$fixtures/MANIFEST
qemu_dir=${QEMU_USER_DIR:-/usr/bin}
tab=$(printf '\t')

if [ ! -r "$manifest" ]; then
	echo "FAIL $manifest: cannot read"
	echo "0 passed, 1 failed"
	exit 1
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/fixtures-run.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' HUP INT TERM

# A fixture that hangs must not hang the suite.
run_limit=
command -v timeout >/dev/null 2>&1 && run_limit="timeout 60"

# run_case FILE QEMU STATUS ARGV0 [ARG...]: run FILE as ARGV0 ARG...; it must
# print argc and then each element of argv, one per line, and exit STATUS.
# On failure, sets reason.  (POSIX sh has no local variables: this function
# owns path, qemu, want_status, argv0 and status.)
run_case() {
	path=$1 qemu=$2 want_status=$3 argv0=$4
	shift 4
	{
		echo $(($# + 1))
		printf '%s\n' "$argv0"
		[ $# -eq 0 ] || printf '%s\n' "$@"
	} >"$tmp/expected"
	$run_limit "$qemu" -0 "$argv0" "$path" "$@" >"$tmp/output" 2>"$tmp/errors"
	status=$?
	if ! cmp -s "$tmp/expected" "$tmp/output"; then
		reason="wrong output for argv0 '$argv0' and $# arguments"
		[ -s "$tmp/errors" ] && reason="$reason ($(head -n 1 "$tmp/errors"))"
		return 1
	fi
	if [ "$status" -ne "$want_status" ]; then
		reason="exit status $status, not $want_status, for arguments: $*"
		return 1
	fi
	return 0
}

# run_fixture FILE QEMU: every case for one fixture.
run_fixture() {
	run_case "$1" "$2" 7 hello-renamed 7 'two words' -dash '' &&
		run_case "$1" "$2" 255 hello 255 &&
		run_case "$1" "$2" 0 "/argv zero/with spaces" not-a-number 9 &&
		run_case "$1" "$2" 0 hello 256 &&
		run_case "$1" "$2" 0 lonely
}

# First pass: the runnable rows.
rows=
while IFS="$tab" read -r file target _ _ _ _ kind _; do
	case $file in '#'* | '') continue ;; esac
	[ "$kind" = runnable ] || continue
	rows="$rows$file$tab$target
"
done <"$manifest"

if [ -z "$rows" ]; then
	echo "FAIL $manifest: no runnable fixtures"
	echo "0 passed, 1 failed"
	exit 1
fi

passed=0
failed=0
while IFS="$tab" read -r file target; do
	[ -n "$file" ] || continue
	qemu=$qemu_dir/qemu-$target
	if [ ! -x "$qemu" ]; then
		reason="no $qemu (install qemu-user)"
	elif [ ! -f "$fixtures/$file" ]; then
		reason="missing"
	elif run_fixture "$fixtures/$file" "$qemu"; then
		echo "ok $file"
		passed=$((passed + 1))
		continue
	fi
	echo "FAIL $file: $reason"
	failed=$((failed + 1))
done <<EOF
$rows
EOF

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
