# Sourced by the container image's tests (tests/image-*.sh, run by make
# check-image) after tests/podman-lib.sh: qbinfmt's image, built from
# image/Containerfile once for all of them, and kept while its sources
# are the same.
#
#  - The sources are this tree's distribution files (make distdir), as
#    make image takes them: what a build in place leaves is not in them.
#  - The base is a Debian 13 made here with mmdebstrap (minbase, the
#    nearest to debian:trixie-slim; no registry is reachable), given as
#    BASE; the build stage reaches the mirror (the network is the host's,
#    podman build --network=host), as a user's build would.
#  - The image is saved (oci-archive) in tests/podman-images/ under a name
#    that is the hash of its sources and base, with how long its build
#    took; each test loads it into its own podman.

IMAGE_BASE_SUITE=trixie
IMAGE_NAME=localhost/qbinfmt

# image_base_rootfs: prints the path of the base's root filesystem
# tarball, building it the first time.
image_base_rootfs() {
	mkdir -p "$IMAGE_DIR"
	(
		flock 9
		if [ ! -s "$IMAGE_DIR/base-$IMAGE_BASE_SUITE.tar" ]; then
			mmdebstrap --quiet --format=tar --variant=minbase "$IMAGE_BASE_SUITE" \
				"$IMAGE_DIR/base-$IMAGE_BASE_SUITE.tar.new" "$IMAGE_MIRROR" >&2 ||
				fail "cannot build the image's base (mmdebstrap against $IMAGE_MIRROR)"
			mv "$IMAGE_DIR/base-$IMAGE_BASE_SUITE.tar.new" "$IMAGE_DIR/base-$IMAGE_BASE_SUITE.tar"
		fi
	) 9> "$IMAGE_DIR/.lock" || exit 1
	chmod 644 "$IMAGE_DIR/base-$IMAGE_BASE_SUITE.tar"
	echo "$IMAGE_DIR/base-$IMAGE_BASE_SUITE.tar"
}

# image_archive: prints the path of the image's archive, building it
# (as the test's podman user) when its sources or base changed.
image_archive() {
	base=$(image_base_rootfs)
	(
		flock 9
		context=$IMAGE_DIR/context
		rm -rf "$context"
		env -u MAKEFLAGS -u MFLAGS make -s -C "$top_builddir" distdir distdir="$context" > /dev/null ||
			fail "make distdir, the image's sources"
		chmod -R a+rX "$context"
		key=$( (cd "$context" && find . -type f | LC_ALL=C sort | xargs sha256sum
			sha256sum "$base") | sha256sum | cut -c1-16)
		archive=$IMAGE_DIR/qbinfmt-image-$key.tar
		if [ ! -s "$archive" ]; then
			user_podman import --quiet "$base" localhost/qbinfmt-base > /dev/null ||
				fail "podman import of the image's base"
			start=$(date +%s)
			as_user podman build --network=host --build-arg BASE=localhost/qbinfmt-base \
				-f "$context/image/Containerfile" -t "$IMAGE_NAME" "$context" \
				> "$tmp/image-build.log" 2>&1 ||
				fail "podman build of image/Containerfile: $(tail -n 20 "$tmp/image-build.log")"
			seconds=$(($(date +%s) - start))
			# Saved by the test's user, in a folder of its own.
			as_user sh -c 'mkdir -p "$1" && podman save --quiet --format oci-archive -o "$1/image.tar" "$2"' \
				sh "$podman_home/save" "$IMAGE_NAME" 2> /dev/null ||
				fail "podman save of the image"
			rm -f "$IMAGE_DIR"/qbinfmt-image-*
			echo "$seconds" > "$IMAGE_DIR/qbinfmt-image-$key.seconds"
			mv "$podman_home/save/image.tar" "$archive.new"
			mv "$archive.new" "$archive"
		fi
		rm -rf "$context"
		chmod 644 "$archive"
		echo "$archive"
	) 9> "$IMAGE_DIR/.image-lock" || exit 1
}

# podman_qbinfmt_image: $IMAGE_NAME in the test user's storage.
podman_qbinfmt_image() {
	archive=$(image_archive)
	user_podman load --quiet -i "$archive" > /dev/null || fail "podman load of the image"
	user_podman image exists "$IMAGE_NAME" || fail "podman load did not give $IMAGE_NAME"
}
