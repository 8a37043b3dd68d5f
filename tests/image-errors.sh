#!/bin/sh
# qbinfmt's container image where it cannot register for good, run by the
# test's unprivileged account in rootless podman: without a binfmt_misc
# mount in podman's user namespace (what a container registers would end
# with it) one line says so and what to run instead, and that works;
# without --privileged, on a kernel without binfmt_misc (seccomp makes
# the kernel say so) and before Linux 6.7 (the release as
# personality(UNAME26) shows it) one line each; an unknown platform is
# refused with the valid ones.  Nothing is half registered.
# timeout: 1200
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/podman-lib.sh"
. "$top_srcdir/tests/image-lib.sh"
podman_account 9
podman_image arm64
podman_qbinfmt_image
cd "$tmp"

# fails STATUS MESSAGE ARGS...: the image's one line and status.
fails() {
	want_status=$1 want=$2
	shift 2
	status=0
	user_podman run --rm "$@" > out 2> err || status=$?
	[ "$status" = "$want_status" ] || fail "$*: exit $status, want $want_status: $(cat err)"
	[ "$(cat err)" = "$want" ] || fail "$*: said '$(cat err)', want '$want'"
	[ ! -s out ] || fail "$*: wrote to stdout: $(cat out)"
}
arm64_runs() {
	user_podman run --rm --arch arm64 localhost/deb-arm64 uname -m > out 2>&1
}

# No mount in podman's namespace: refused, nothing registered, and the
# arm64 container still does not run; qbinfmt podman install, the way out
# the line names, works.
arm64_runs && fail "an arm64 container runs before anything is registered: $(cat out)"
fails 1 "qbinfmt: image: nothing outside this container holds its user namespace's binfmt_misc (rootless podman or docker), so entries registered here would end with the container: as the user who runs podman, run 'qbinfmt podman install TARGET...' instead (rootless docker: qbinfmt --namespace-of, see qbinfmt(8))" \
	--privileged "$IMAGE_NAME" --install arm64
arm64_runs && fail "an arm64 container runs after the refusal: $(cat out)"
as_user "$QBINFMT" podman install arm64 > out || fail "qbinfmt podman install: $(cat out)"
arm64_runs || fail "after qbinfmt podman install: $(cat out)"
[ "$(cat out)" = aarch64 ] || fail "after qbinfmt podman install: $(cat out)"
as_user "$QBINFMT" podman remove --all > /dev/null || fail "qbinfmt podman remove --all"
echo "ok without a mount in podman's namespace: refused, one line, and its way out works"

# From here podman's namespace holds a mount (qbinfmt podman install's,
# which remove leaves), and each refusal leaves it as it was: empty.
as_user podman unshare mountpoint -q /proc/sys/fs/binfmt_misc ||
	fail "qbinfmt podman install left no binfmt_misc mount in podman's namespace"
empty() {
	left=$(as_user podman unshare sh -c 'ls /proc/sys/fs/binfmt_misc' 2> /dev/null |
		grep -v -x -e register -e status | tr '\n' ' ')
	[ -z "$left" ] || fail "$1 registered: $left"
}

fails 3 "qbinfmt: image: this container may not mount binfmt_misc: it lacks CAP_SYS_ADMIN (run it with --privileged)" \
	"$IMAGE_NAME" --install arm64
empty "without --privileged"

# A kernel without binfmt_misc: the kernel's own answer, ENODEV, given by
# a seccomp profile (podman applies one named with --security-opt even to
# a --privileged container).
cat > seccomp.json << 'JSON'
{"defaultAction": "SCMP_ACT_ALLOW",
 "syscalls": [{"names": ["fsopen", "mount"], "action": "SCMP_ACT_ERRNO", "errnoRet": 19}]}
JSON
chmod 644 seccomp.json
fails 3 "qbinfmt: image: this kernel has no binfmt_misc (Linux's CONFIG_BINFMT_MISC): nothing can be registered" \
	--privileged --security-opt seccomp="$tmp/seccomp.json" "$IMAGE_NAME" --install arm64
empty "without binfmt_misc"

# Before Linux 6.7 in a user namespace: the release the image sees.
cp "$top_builddir/tests/uname26" uname26
chmod 755 uname26
fails 3 "qbinfmt: image: this container runs in a user namespace (rootless podman or docker), which has a binfmt_misc of its own from Linux 6.7 on; this is $(setarch --uname-2.6 uname -r): run it with rootful podman or docker" \
	--privileged -v "$tmp/uname26:/uname26:ro" --entrypoint /uname26 "$IMAGE_NAME" \
	/usr/bin/qbinfmt image --install arm64
empty "before Linux 6.7"

status=0
user_podman run --rm --privileged "$IMAGE_NAME" --install arm64,foo > out 2> err || status=$?
[ "$status" = 2 ] || fail "--install arm64,foo: exit $status: $(cat err)"
grep -q "^qbinfmt: image: --install: unknown platform 'foo': give all, or platforms among amd64 arm64 .* or qemu targets among aarch64 " err ||
	fail "--install arm64,foo said: $(cat err)"
empty "an unknown platform"
echo "ok without --privileged, without binfmt_misc, before Linux 6.7, an unknown platform: one line each, nothing registered"
