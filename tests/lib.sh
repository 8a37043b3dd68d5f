# Sourced by every shell test: a private temp dir removed on exit, the
# paths of the programs under test, and small helpers.
set -eu

: "${top_srcdir:=$(cd "$(dirname "$0")/.." && pwd)}"
: "${top_builddir:=$top_srcdir}"
QBINFMT=${QBINFMT:-$top_builddir/qbinfmt}
ELFPROBE=${ELFPROBE:-$top_builddir/elfprobe/elfprobe}
FIXTURES=$top_srcdir/tests/fixtures

tmp=$(mktemp -d "${TMPDIR:-/tmp}/qbinfmt-test.XXXXXX")
test_tmp=$tmp
# Mounts a test made under it (in its own mount namespace) go first.
remove_tmp() {
	awk -v t="$test_tmp/" 'index($5, t) == 1 { print $5 }' /proc/self/mountinfo 2> /dev/null |
		sort -r | while read -r mounted; do umount -l "$mounted" 2> /dev/null || true; done
	rm -rf "$test_tmp"
}
trap remove_tmp EXIT

# The package that brings a static qemu here, as qbinfmt names it.
static_qemu_package() {
	(
		. /etc/os-release
		if [ "$ID" = debian ] && [ "${VERSION_ID:-99}" -lt 13 ]; then echo qemu-user-static; else echo qemu-user; fi
	)
}

# accounts and subids_locked: account work of tests running at once;
# host_binfmt_state: the host's binfmt_misc, to compare.
. "$top_srcdir/tests/accounts.sh"
. "$top_srcdir/tests/host-state.sh"

# suid_dir DIR: DIR, a tmpfs of the test's own where setuid bits count:
# /tmp itself may be nosuid (Debian 13 mounts it so).  Kernel tier only.
suid_dir() {
	mkdir -p "$1"
	mount -t tmpfs -o mode=755 qbinfmt-suid "$1"
}

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

# Tests that make user namespaces themselves (qbinfmt sandbox): can the
# kernel here?  Skipped only for what the kernel cannot do; a missing
# tool is a failure that names it (tests/sandbox-run decides which).
need_user_namespaces() {
	probe=$(sh "$top_srcdir/tests/sandbox-run" /dev/null 2>&1) && return 0
	case $probe in
	SKIP:*) skip "${probe#SKIP: }" ;;
	*) fail "$probe" ;;
	esac
}

# Kernel-tier tests run under tests/sandbox-run; refuse to run otherwise so
# that a test started by hand can never touch the host's binfmt_misc.
require_sandbox() {
	[ "${QBINFMT_SANDBOXED:-}" = 1 ] || fail "run me through tests/sandbox-run"
}

# host_target: this machine's own target, as qbinfmt list sees it (the
# row whose HOST is "own").  foreign_target: a target of another family
# than this machine's (aarch64, or x86_64 where aarch64 is the host's
# family), which tests register and run in their private binfmt_misc
# without capturing the host's own programs; FOREIGN_QEMU is its static
# qemu.  The same tests so run on x86_64 and inside the arm64 machine.
host_target() {
	"$QBINFMT" --json list | python3 -c '
import json, sys
print([t["name"] for t in json.load(sys.stdin) if t["host"] == "own"][0])'
}
foreign_target() {
	"$QBINFMT" --json list | python3 -c '
import json, sys
rows = {t["name"]: t for t in json.load(sys.stdin)}
print("x86_64" if rows["aarch64"]["host_family"] else "aarch64")'
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

# The real qemu-aarch64 the secure-mode tests run; static, since it must
# work inside a foreign root.  Point QBINFMT_TEST_QEMU_AARCH64 at another
# (Debian 13's qemu 10.0, say) to run the same proofs against it.
# By default the static one qbinfmt finds (Debian 13: qemu-aarch64 itself).
QEMU_AARCH64=${QBINFMT_TEST_QEMU_AARCH64:-$("$QBINFMT" --json list | python3 -c '
import json, sys
print([t for t in json.load(sys.stdin) if t["name"] == "aarch64"][0]["qemu_static"] or "")')}

# foreign_root: a small aarch64 root on a private tmpfs at /mnt/root, for
# secure/'s dynamically linked probe: aarch64 glibc (Debian's
# libc6-arm64-cross) at its real paths, the probe as /bin/probe and, setuid
# root, as /bin/suid, the test launcher's qemu folder with $QEMU_AARCH64
# bound in (in secure mode the launcher looks nowhere else), the host's
# /proc (it opens /proc/self/fd/N) and /dev/null, and two folders of the
# caller, uid 1000: /caller, the libraries a hostile caller offers, and
# /work, where the caller runs things.  Everything is gone with the test's
# mount namespace; nothing under $tmp is mounted on.
ROOT=/mnt/root
foreign_root() {
	cross=/usr/aarch64-linux-gnu/lib
	[ -f "$cross/ld-linux-aarch64.so.1" ] || fail "no aarch64 glibc in $cross (tools/setup installs libc6-arm64-cross)"
	mount -t tmpfs qbinfmt-root /mnt
	mkdir -p "$ROOT/lib/aarch64-linux-gnu" "$ROOT/bin" "$ROOT/proc" "$ROOT/dev" \
		"$ROOT/mnt/qbinfmt-qemu" "$ROOT/caller/gconv" "$ROOT/work"
	cp "$cross/ld-linux-aarch64.so.1" "$ROOT/lib/"
	cp "$cross/libc.so.6" "$ROOT/lib/aarch64-linux-gnu/"
	cp "$FIXTURES/secure/libqbprobe-system-aarch64.so" "$ROOT/lib/aarch64-linux-gnu/libqbprobe.so.1"
	cp "$FIXTURES/secure/probe-aarch64" "$ROOT/bin/probe"
	cp "$FIXTURES/secure/probe-aarch64" "$ROOT/bin/suid"
	chmod 4755 "$ROOT/bin/suid"
	cp "$FIXTURES/secure/libqbprobe-caller-aarch64.so" "$ROOT/caller/libqbprobe.so.1"
	cp "$FIXTURES/secure/preload-aarch64.so" "$FIXTURES/secure/audit-aarch64.so" "$ROOT/caller/"
	cp "$FIXTURES/secure/gconv-aarch64.so" "$ROOT/caller/gconv/qbprobe.so"
	printf 'module INTERNAL QBPROBE// qbprobe 1\nmodule QBPROBE// INTERNAL qbprobe 1\n' \
		> "$ROOT/caller/gconv/gconv-modules"
	printf 'Zone QBPROBE 5:17 - QBP\n' > "$tmp/zone"
	zic -d "$ROOT/caller/zoneinfo" "$tmp/zone"
	chown -R 1000:1000 "$ROOT/caller" "$ROOT/work"
	: > "$ROOT/mnt/qbinfmt-qemu/qemu-aarch64-static"
	mount --bind "$QEMU_AARCH64" "$ROOT/mnt/qbinfmt-qemu/qemu-aarch64-static"
	mount --rbind /proc "$ROOT/proc"
	: > "$ROOT/dev/null"
	mount --bind /dev/null "$ROOT/dev/null"
}

# in_root [--core=BYTES] [--close=FD,...] [--by-fd] [VAR=VALUE...] -- PROGRAM [ARG...]
# runs PROGRAM (a path inside $ROOT) chrooted there as uid and gid 1000 in
# /work, with exactly the environment given (nothing of the test's own),
# RLIMIT_CORE (soft and hard) set when asked, and the descriptors named
# closed.  --by-fd executes it as /proc/self/fd/N of a close-on-exec
# descriptor, a path that names no file.  Its status is PROGRAM's.
in_root() {
	python3 -c '
import os, resource, signal, sys
root, args, env, close, by_fd = sys.argv[1], sys.argv[2:], {}, [], False
while args[0] != "--":
    name, _, value = args.pop(0).partition("=")
    if name == "--core":
        n = resource.RLIM_INFINITY if value == "unlimited" else int(value)
        resource.setrlimit(resource.RLIMIT_CORE, (n, n))
    elif name == "--by-fd":
        by_fd = True
    elif name == "--close":
        close = [int(fd) for fd in value.split(",")]
    else:
        env[name] = value
argv = args[1:]
os.chroot(root)
os.chdir("/work")
os.setgroups([])
os.setgid(1000)
os.setuid(1000)
signal.signal(signal.SIGPIPE, signal.SIG_DFL)
path = argv[0]
if by_fd:
    path = "/proc/self/fd/%d" % os.open(path, os.O_RDONLY | os.O_CLOEXEC)
for fd in close:
    os.close(fd)
os.execve(path, argv, env)
' "$ROOT" "$@"
}
