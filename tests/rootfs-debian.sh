#!/bin/sh
# The job most users want: a foreign Debian root filesystem built and
# entered with no root and no change to the host.  mmdebstrap (which
# chroots into the tree it builds: a chroot qbinfmt did not make) runs in
# `qbinfmt sandbox`, then `qbinfmt sandbox --root` enters the result.
# As root, and as an unprivileged test account with subordinate ids.
# ROOTFS_ARCHS picks the Debian architectures (make check: arm64).
# timeout: 1200
. "$top_srcdir/tests/lib.sh"
command -v mmdebstrap > /dev/null || fail "mmdebstrap is not installed (tools/setup installs it)"
. "$top_srcdir/tests/rootfs-lib.sh"

# build_and_enter ARCH DIR [RUN-AS...]: build, enter, check; the owner of
# a file that apt's _apt (uid 42 inside) owns is printed.
build_and_enter() {
	arch=$1 dir=$2
	shift 2
	"$@" "$QBINFMT" sandbox -- mmdebstrap --mode=root --variant=apt --arch="$arch" "$(suite_of "$arch")" "$dir" "$mirror" \
		> "$tmp/build.log" 2>&1 || { tail -20 "$tmp/build.log" >&2; fail "mmdebstrap $arch failed"; }
	check_root "$arch" "$dir" "$@"
	"$@" "$QBINFMT" sandbox --root "$dir" -- apt-get --version | grep -q "^apt .*($arch)" ||
		fail "apt-get --version inside the $arch root"
	stat -c %u "$dir/var/cache/apt/archives/partial"
}

need_archive ${ROOTFS_ARCHS:-arm64}
for arch in ${ROOTFS_ARCHS:-arm64}; do
	owner=$(build_and_enter "$arch" "$tmp/rootfs-$arch")
	# _apt's files belong to a subordinate id, never to a host user 1..65535.
	[ "$owner" -ge 65536 ] || fail "$arch: files owned by host uid $owner"
	echo "ok $arch built and entered (as $(id -un)), _apt's files owned by $owner"
	rm -rf "$tmp/rootfs-$arch"
done

# Unprivileged, with a subordinate range of its own.
[ "$(id -u)" = 0 ] || exit 0
test_account 300000
owner=$(build_and_enter arm64 "$test_home/rootfs" as_test_user)
[ "$owner" -eq 300041 ] || fail "unprivileged: _apt's files owned by $owner, want 300041 (300000 + 42 - 1)"
echo "ok arm64 built and entered as an unprivileged user with subordinate ids"
