#!/bin/sh
# The job most users want: a foreign Debian root filesystem built and
# entered with no root and no change to the host.  mmdebstrap (which
# chroots into the tree it builds: a chroot qbinfmt did not make) runs in
# `qbinfmt sandbox`, then `qbinfmt sandbox --root` enters the result.
# As root, and as an unprivileged test account with subordinate ids.
# ROOTFS_ARCHS picks the Debian architectures (make check: arm64).
. "$top_srcdir/tests/lib.sh"
command -v mmdebstrap > /dev/null || skip "mmdebstrap is not installed (tools/setup installs it)"
probe=$(sh "$top_srcdir/tests/sandbox-run" /dev/null 2>&1) || {
	case $probe in SKIP:*) skip "${probe#SKIP: }" ;; esac
}
mirror=${QBINFMT_DEBIAN_MIRROR:-http://deb.debian.org/debian}

# bookworm has no riscv64 (Debian made it official in trixie, 13), and
# trixie has no mips64el: each architecture is built from a suite that has it.
suite_of() {
	case $1 in riscv64) echo trixie ;; *) echo bookworm ;; esac
}

uname_of() {
	case $1 in
	arm64) echo aarch64 ;; armhf) echo armv7l ;; ppc64el) echo ppc64le ;;
	mips64el) echo mips64 ;; *) echo "$1" ;;
	esac
}

# build_and_enter ARCH DIR [RUN-AS...]: build, enter, check; the owner of
# a file that apt's _apt (uid 42 inside) owns is printed.
build_and_enter() {
	arch=$1 dir=$2
	shift 2
	"$@" "$QBINFMT" sandbox -- mmdebstrap --mode=root --variant=apt --arch="$arch" "$(suite_of "$arch")" "$dir" "$mirror" \
		> "$tmp/build.log" 2>&1 || { tail -20 "$tmp/build.log" >&2; fail "mmdebstrap $arch failed"; }
	"$@" "$QBINFMT" sandbox --root "$dir" -- sh -c 'uname -m; dpkg --print-architecture; id -u' > "$tmp/out" ||
		fail "entering the $arch root failed"
	printf '%s\n%s\n0\n' "$(uname_of "$arch")" "$arch" > "$tmp/want"
	compare "$tmp/want" "$tmp/out"
	"$@" "$QBINFMT" sandbox --root "$dir" -- apt-get --version | grep -q "^apt .*($arch)" ||
		fail "apt-get --version inside the $arch root"
	stat -c %u "$dir/var/cache/apt/archives/partial"
}

for suite in $(for arch in ${ROOTFS_ARCHS:-arm64}; do suite_of "$arch"; done | sort -u); do
	python3 -c 'import sys, urllib.request; urllib.request.urlopen(sys.argv[1] + "/dists/" + sys.argv[2] + "/Release", timeout=20)' "$mirror" "$suite" 2> /dev/null ||
		skip "the Debian archive at $mirror cannot be reached ($suite)"
done

# The tree's other users (_apt...) must reach it through our temp folder.
chmod 755 "$tmp"
for arch in ${ROOTFS_ARCHS:-arm64}; do
	owner=$(build_and_enter "$arch" "$tmp/rootfs-$arch")
	# _apt's files belong to a subordinate id, never to a host user 1..65535.
	[ "$owner" -ge 65536 ] || fail "$arch: files owned by host uid $owner"
	echo "ok $arch built and entered (as $(id -un)), _apt's files owned by $owner"
	rm -rf "$tmp/rootfs-$arch"
done

# Unprivileged, with a subordinate range of its own: a test account,
# removed again however the test ends.
[ "$(id -u)" = 0 ] || exit 0
command -v newuidmap > /dev/null || fail "newuidmap missing (tools/setup installs uidmap)"
user=qbinfmt-test
cleanup_user_account() {
	userdel "$user" 2> /dev/null || true
	sed -i "/^$user:/d" /etc/subuid /etc/subgid 2> /dev/null || true
}
cleanup_user() {
	cleanup_user_account
	rm -rf "$tmp"
}
trap cleanup_user EXIT
cleanup_user_account # left over by an interrupted run
useradd --system --no-create-home --shell /usr/sbin/nologin "$user"
usermod --add-subuids 300000-365535 --add-subgids 300000-365535 "$user"
mkdir "$tmp/user"
chown "$user:" "$tmp/user"
owner=$(build_and_enter arm64 "$tmp/user/rootfs" env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME="$tmp/user" TMPDIR="$tmp/user" \
	setpriv --reuid="$user" --regid="$user" --init-groups)
[ "$owner" -eq 300041 ] || fail "unprivileged: _apt's files owned by $owner, want 300041 (300000 + 42 - 1)"
echo "ok arm64 built and entered as an unprivileged user with subordinate ids"
