#!/bin/sh
# Secure mode against the caller's limits and descriptors: a setuid-root
# guest run under C by an unprivileged caller must not let the caller make
# a root-privileged qemu write or read a file of the caller's choosing.
#
# Core dumps: qemu itself writes the guest's core, qemu_PROGRAM_DATE_PID.core
# in the current folder, following symlinks, as whoever qemu runs as, when
# RLIMIT_CORE allows (linux-user/elfload.c:elf_core_dump()).  qemu 7.2 asks
# nothing else; 10.0 also skips it when the process is not dumpable.  The
# program dies of its own fault and of the caller's kill -SEGV.  The
# control, the same program without the setuid bit, shows the core written;
# qemu registered directly shows the hazard; through the launcher none may
# appear.
#
# Descriptors: a caller who closes 0, 1 and 2 gets the kernel's descriptor
# of the binary there (binfmt_misc's O, which C implies), and with it the
# guest's stdin.  A native setuid program's C library puts /dev/null on
# closed standard descriptors; the guest must get the same.
. "$top_srcdir/tests/lib.sh"
require_sandbox
need_ids
foreign_root

# Room for the guest's core (8 MiB of stack, qemu's default), and a cap on
# the kernel's core of qemu 7.2 itself, which it leaves beside it.
limits="--core=16777216"
launcher=$TEST_LAUNCHER_DIR/qemu-aarch64-binfmt-P

# die PROGRAM crash|kill: PROGRAM dies of SIGSEGV in /work, of its own
# fault or of the caller's kill (its real uid is the caller's: the caller
# may signal it); its status must say so.
mkfifo "$tmp/ready"
die() {
	set +e
	if [ "$2" = crash ]; then
		# shellcheck disable=SC2086
		in_root $limits -- "$1" crash 2> "$tmp/err"
		status=$?
	else
		# shellcheck disable=SC2086
		in_root $limits -- "$1" wait > "$tmp/ready" 2> "$tmp/err" &
		read -r ready pid < "$tmp/ready"
		[ "$ready" = ready ] && setpriv --reuid=1000 --regid=1000 --clear-groups kill -SEGV "$pid"
		wait $!
		status=$?
	fi
	set -e
	[ "$status" -eq 139 ] || fail "$1 $2: exit $status, want 139 (SIGSEGV): $(cat "$tmp/err")"
}

# guest_cores: the qemu_*.core files in /work, as "OWNER MODE NAME".
guest_cores() {
	find "$ROOT/work" -name 'qemu_*.core' -printf '%U %m %f\n'
}

register_target aarch64 POCF "$launcher"

for how in crash kill; do
	# Control: without the setuid bit, qemu writes the core, as the caller.
	unregister_all
	register_target aarch64 POCF "$launcher"
	die /bin/probe $how
	guest_cores > "$tmp/cores"
	grep -q '^1000 644 qemu_probe_' "$tmp/cores" ||
		fail "control ($how): no core written, so this test proves nothing: $(cat "$tmp/cores")"
	rm -f "$ROOT"/work/*
	echo "ok control ($how): qemu writes a guest core for the caller's own program"

	# The hazard, with qemu registered directly: qemu 7.2 writes the setuid
	# guest's core as root, world-readable, where the caller says.
	unregister_all
	register_target aarch64 POCF "$QEMU_AARCH64"
	die /bin/suid $how
	guest_cores > "$tmp/cores"
	case $("$QEMU_AARCH64" -version | head -1) in
	*"version 7."*)
		grep -q '^0 644 qemu_suid_' "$tmp/cores" ||
			fail "qemu 7 registered directly wrote no root core ($how): $(cat "$tmp/cores")"
		echo "ok hazard ($how): qemu registered directly writes the setuid guest's core as root"
		;;
	*)
		# qemu 10.0 also asks PR_GET_DUMPABLE, which suid_dumpable decides:
		# 0 (no core) is the kernel's default, 2 would give the root core.
		echo "note ($how): $("$QEMU_AARCH64" -version | head -1), registered directly, with" \
			"suid_dumpable $(cat /proc/sys/fs/suid_dumpable), wrote: $(tr '\n' ' ' < "$tmp/cores")(end)"
		;;
	esac
	rm -f "$ROOT"/work/*

	# Through the launcher: no core, whatever RLIMIT_CORE the caller set.
	unregister_all
	register_target aarch64 POCF "$launcher"
	die /bin/suid $how
	[ -z "$(ls "$ROOT/work")" ] || fail "a core of the setuid guest was written ($how): $(ls -ln "$ROOT/work")"
	echo "ok secure mode ($how): no core of the setuid guest"
done

# Descriptors: the caller closes all three standard ones.
fds() {
	in_root --close=0,1,2 -- "$1" fds "/work/fds-$2" || fail "$1 fds failed"
}
fds /bin/probe plain
printf 'fd 0 closed\nfd 1 closed\nfd 2 closed\n' > "$tmp/expect"
compare "$tmp/expect" "$ROOT/work/fds-plain"
# ...also when the launcher must hand qemu the descriptor itself (the
# program was run by a path that names no file), where the kernel's
# descriptor would otherwise have been the guest's stdin.
in_root --by-fd --close=0,1,2 -- /bin/probe fds /work/fds-by-fd || fail "/bin/probe by descriptor failed"
compare "$tmp/expect" "$ROOT/work/fds-by-fd"
echo "ok control: the caller's own program sees its standard descriptors closed"
fds /bin/suid suid
printf 'fd 0 /dev/null\nfd 1 /dev/null\nfd 2 /dev/null\n' > "$tmp/expect"
compare "$tmp/expect" "$ROOT/work/fds-suid"
echo "ok secure mode: /dev/null on closed standard descriptors, never the binary"
