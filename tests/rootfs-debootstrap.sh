#!/bin/sh
# debootstrap, a second real client for foreign root filesystems, by the
# plain commands: `debootstrap --arch=ARCH` inside `qbinfmt sandbox` (as
# root), and `debootstrap --foreign` then `--second-stage` through
# `qbinfmt sandbox --root` (as an unprivileged test account with
# subordinate ids).  debootstrap needs what the sandbox gives it: a
# native wiring (its arch-test -c runs in a target with no /proc yet) and
# container=lxc (it binds /dev instead of making device nodes).
# ROOTFS_ARCHS picks the Debian architectures (make check: arm64).
# timeout: 1200
. "$top_srcdir/tests/lib.sh"
command -v debootstrap > /dev/null || fail "debootstrap is not installed (tools/setup installs it)"
. "$top_srcdir/tests/rootfs-lib.sh"
need_archive ${ROOTFS_ARCHS:-arm64}

for arch in ${ROOTFS_ARCHS:-arm64}; do
	dir=$tmp/debootstrap-$arch
	"$QBINFMT" sandbox -- debootstrap --arch="$arch" --variant=minbase "$(suite_of "$arch")" "$dir" "$mirror" \
		> "$tmp/build.log" 2>&1 || { tail -20 "$tmp/build.log" >&2; fail "debootstrap $arch failed"; }
	check_root "$arch" "$dir"
	# mail's group (8 inside) is a subordinate id, never a host group.
	group=$(stat -c %g "$dir/var/mail")
	[ "$group" -ge 65536 ] || fail "$arch: /var/mail owned by host group $group"
	echo "ok debootstrap --arch=$arch in qbinfmt sandbox (as $(id -un)), /var/mail's group $group"
	rm -rf "$dir"
done

# --foreign (nothing foreign runs: no emulation needed), then the second
# stage run inside the tree by qbinfmt sandbox --root.
as=
if [ "$(id -u)" = 0 ]; then
	test_account 400000
	as=as_test_user
	dir=$test_home/foreign
else
	dir=$tmp/foreign
fi
$as "$QBINFMT" sandbox -- debootstrap --foreign --arch=arm64 --variant=minbase bookworm "$dir" "$mirror" \
	> "$tmp/build.log" 2>&1 || { tail -20 "$tmp/build.log" >&2; fail "debootstrap --foreign failed"; }
$as "$QBINFMT" sandbox --root "$dir" -- /debootstrap/debootstrap --second-stage > "$tmp/build.log" 2>&1 ||
	{ tail -20 "$tmp/build.log" >&2; fail "debootstrap --second-stage failed"; }
check_root arm64 "$dir" $as
[ ! -e "$dir/debootstrap" ] || fail "the second stage did not finish: $dir/debootstrap is still there"
if [ -n "$as" ]; then
	group=$(stat -c %g "$dir/var/mail")
	[ "$group" -eq 400007 ] || fail "unprivileged: /var/mail's group $group, want 400007 (400000 + 8 - 1)"
fi
echo "ok debootstrap --foreign, then --second-stage through qbinfmt sandbox --root (as ${test_user:-$(id -un)})"
