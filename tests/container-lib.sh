# Sourced by the container tests (tests/podman-*.sh, tests/docker-*.sh)
# after tests/lib.sh: what they share.
#
#  - The host's binfmt_misc before the test, which each test checks is
#    the same after (mounted or not, and the same entries).
#  - Images: an arm64 and an s390x Debian root filesystem (dash, dpkg,
#    busybox and its applet links; mmdebstrap's extract variant, so no
#    emulation is needed to build them), made once per run as tarballs in
#    tests/podman-images/ under a lock; each test imports them into its
#    own podman or docker.

IMAGE_SUITE=bookworm
IMAGE_MIRROR=${QBINFMT_DEBIAN_MIRROR:-http://deb.debian.org/debian}
IMAGE_DIR=$top_builddir/tests/podman-images
IMAGE_APPLETS="uname ls cat echo true mkdir rm cp env sleep id sed grep wc readlink"

command -v mmdebstrap > /dev/null || fail "mmdebstrap is not installed (tools/setup installs it)"

host_binfmt_before=$(host_binfmt_state)

# image_rootfs ARCH: prints the path of ARCH's root filesystem tarball,
# building it the first time.
image_rootfs() {
	mkdir -p "$IMAGE_DIR"
	(
		# One test builds, the others wait for it.
		flock 9
		if [ ! -s "$IMAGE_DIR/$1.tar" ]; then
			links=
			for a in $IMAGE_APPLETS; do links="$links ln -sf busybox \"\$1/bin/$a\";"; done
			mmdebstrap --quiet --format=tar --variant=extract --include=dash,dpkg,busybox --arch="$1" \
				--extract-hook="$links" \
				"$IMAGE_SUITE" "$IMAGE_DIR/$1.tar.new" "$IMAGE_MIRROR" >&2 ||
				fail "cannot build the $1 image (mmdebstrap against $IMAGE_MIRROR)"
			mv "$IMAGE_DIR/$1.tar.new" "$IMAGE_DIR/$1.tar"
		fi
	) 9> "$IMAGE_DIR/.lock" || exit 1
	chmod 644 "$IMAGE_DIR/$1.tar"
	echo "$IMAGE_DIR/$1.tar"
}
