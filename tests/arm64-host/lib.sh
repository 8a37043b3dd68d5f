# Sourced by the checks that run inside the arm64 test machine
# (tests/arm64-host/checks/): what they test and the helpers they report
# with.  Each check is a line on stdout, "PASS: NAME", "FAIL: NAME: WHY"
# or "SKIP: NAME: WHY"; the script's exit status is 1 when one failed.
#
# The machine (tests/arm64-host/init) gives every check:
#   /src             the source tree, built for arm64 (top_srcdir, top_builddir)
#   $QBINFMT, $ELFPROBE, $FIXTURES   as the project's tests/lib.sh names them
#   $VM_RESULTS      a folder of its own on the work disk: what is written
#                    there is copied out (tests/arm64-host/run --results)
#   /vm/in           the files given with run --add (the working folder)
#   $QBINFMT_VM_CPU  the CPU model the machine was started with
#   qbtest           an unprivileged user (uid 1000, subordinate ids
#                    100000..165535), for as_user
# and runs it as root; a .kt check runs under /src/tests/sandbox-run, in
# a user and mount namespace with a private, empty binfmt_misc
# ($BINFMT_DIR), as the project's kernel-tier tests do.
set -u

QBINFMT=${QBINFMT:-/src/qbinfmt}
ELFPROBE=/src/elfprobe/elfprobe
FIXTURES=/src/tests/fixtures
VM_RESULTS=${VM_RESULTS:-/tmp}
export QBINFMT ELFPROBE FIXTURES
mkdir -p "$VM_RESULTS"
checks_failed=0

pass() { echo "PASS: $1"; }
fail() {
	echo "FAIL: $1${2:+: $2}"
	checks_failed=1
}
skip() { echo "SKIP: $1${2:+: $2}"; }

# check NAME COMMAND...: PASS when COMMAND exits 0.  Its output is kept in
# $VM_RESULTS/NAME.out and shown when it fails.
check() {
	name=$1
	shift
	if "$@" > "$VM_RESULTS/$name.out" 2>&1; then
		pass "$name"
	else
		fail "$name" "exit $? from: $*"
		sed 's/^/  | /' "$VM_RESULTS/$name.out"
	fi
}

# expect NAME EXPECTED COMMAND...: PASS when COMMAND exits 0 and prints
# exactly EXPECTED (stdout; stderr goes to the log).
expect() {
	name=$1 want=$2
	shift 2
	if "$@" > "$VM_RESULTS/$name.out" && [ "$(cat "$VM_RESULTS/$name.out")" = "$want" ]; then
		pass "$name"
	else
		fail "$name" "from: $*"
		echo "  | wanted:"
		printf '%s\n' "$want" | sed 's/^/  |   /'
		echo "  | got:"
		sed 's/^/  |   /' "$VM_RESULTS/$name.out"
	fi
}

# note TEXT...: a line in the log and in $VM_RESULTS/notes, for the report.
note() {
	echo "NOTE: $*"
	echo "$*" >> "$VM_RESULTS/notes"
}

# show NAME COMMAND...: run COMMAND for the record (its output and exit
# status in the log and in $VM_RESULTS/NAME.out), judging nothing.
show() {
	name=$1
	shift
	echo "\$ $*"
	"$@" > "$VM_RESULTS/$name.out" 2>&1
	echo "exit: $?" >> "$VM_RESULTS/$name.out"
	sed 's/^/  | /' "$VM_RESULTS/$name.out"
}

# as_user COMMAND...: COMMAND as the unprivileged user qbtest, in its home,
# with a clean environment.
as_user() {
	(cd /home/qbtest && env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/home/qbtest LANG=C.UTF-8 \
		setpriv --reuid=qbtest --regid=qbtest --init-groups "$@")
}

# argv0_output NAME ARG...: what a hello fixture prints when run with
# argv[0] NAME and the ARGs.
argv0_output() {
	echo "$#"
	for arg in "$@"; do echo "$arg"; done
}

finish() {
	exit "$checks_failed"
}
