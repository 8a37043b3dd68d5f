#!/bin/sh
# When the kernel will not make the sandbox's user namespace, one line
# says why, naming a sysctl only when it is the cause: inside a chroot
# (the kernel's current_chrooted() refuses CLONE_NEWUSER with EPERM) and
# with user.max_user_namespaces at 0 (ENOSPC), each set up for real.
. "$top_srcdir/tests/lib.sh"
need_user_namespaces

# fails COMMAND...: exit 1, and the one line in $tmp/err.
fails() {
	status=0
	"$@" > "$tmp/out" 2> "$tmp/err" || status=$?
	[ "$status" = 1 ] || fail "$*: exit $status: $(cat "$tmp/err")"
	[ ! -s "$tmp/out" ] || fail "$*: wrote to stdout"
	[ "$(wc -l < "$tmp/err")" = 1 ] || fail "$*: not one line: $(cat "$tmp/err")"
}

# A limit of 0 in a user namespace of our own binds what is made inside.
fails unshare --user --map-root-user sh -c \
	'echo 0 > /proc/sys/user/max_user_namespaces && exec "$1" sandbox -- true' sh "$QBINFMT"
[ "$(cat "$tmp/err")" = "qbinfmt: sandbox: cannot create a user namespace: user.max_user_namespaces is 0: No space left on device" ] ||
	fail "max_user_namespaces: $(cat "$tmp/err")"
echo "ok user.max_user_namespaces 0 is named"

if [ "$(id -u)" = 0 ]; then
	# The whole tree again, as a chroot: everything works there but this.
	mkdir "$tmp/root"
	fails unshare --mount sh -c 'mount --rbind / "$1" && exec chroot "$1" "$2" sandbox -- true' \
		sh "$tmp/root" "$QBINFMT"
	[ "$(cat "$tmp/err")" = "qbinfmt: sandbox: the kernel refuses to create a user namespace here (Operation not permitted): inside a chroot it always does, so run qbinfmt outside the chroot or enter the tree with pivot_root in a mount namespace of its own; in a container, its seccomp profile may forbid it" ] ||
		fail "chroot: $(cat "$tmp/err")"
	echo "ok inside a chroot: says so, names no sysctl"
fi
