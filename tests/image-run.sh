#!/bin/sh
# qbinfmt's container image (image/Containerfile) in rootless podman, run
# by the test's own unprivileged account as docker/setup-qemu-action and
# tonistiigi/binfmt's users run theirs: with podman's user namespace
# holding a binfmt_misc mount (as the host holds its own for a rootful
# container), --install arm64,s390x registers there and foreign
# containers run after the image's has gone, argv[0] intact; the JSON
# lists what is registered; --uninstall qemu-aarch64 takes that one back
# and 'qemu-*' the rest.  The host's binfmt_misc is never touched.
# timeout: 1200
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/podman-lib.sh"
. "$top_srcdir/tests/image-lib.sh"
podman_account 8
podman_image arm64
podman_image s390x
podman_qbinfmt_image
cd "$tmp"

# image ARGS...: the image as setup-qemu-action runs it.
image() {
	user_podman run --rm --privileged "$IMAGE_NAME" "$@"
}
registered() {
	as_user podman unshare sh -c 'ls /proc/sys/fs/binfmt_misc' 2> /dev/null |
		grep -v -x -e register -e status | tr '\n' ' '
}

# setup-qemu-action's first call, before it installs anything.
image --version > out || fail "--version: $(cat out)"
grep -q '^qbinfmt [0-9.]*; qemu [0-9]*\.[0-9]*, static, for [0-9]* targets$' out ||
	fail "--version: $(cat out)"
echo "ok --version: $(cat out)"

# podman unshare's mount lives in the mount namespace of podman's pause
# process, which outlasts every container.
as_user podman unshare mount -t binfmt_misc binfmt_misc /proc/sys/fs/binfmt_misc ||
	fail "podman unshare mount"
image --install arm64,s390x > out 2> err || fail "--install arm64,s390x: $(cat err)"
[ ! -s err ] || fail "--install said: $(cat err)"
grep -q '^aarch64 *installed *native */usr/bin/qemu-aarch64 ' out || fail "arm64: $(cat out)"
grep -q '^s390x *installed *native */usr/bin/qemu-s390x ' out || fail "s390x: $(cat out)"
[ "$(registered)" = "qbinfmt-aarch64 qbinfmt-s390x " ] || fail "registered: $(registered)"
as_user podman unshare grep -qx 'flags: PF' /proc/sys/fs/binfmt_misc/qbinfmt-aarch64 ||
	fail "flags: $(as_user podman unshare cat /proc/sys/fs/binfmt_misc/qbinfmt-aarch64)"
echo "ok --install arm64,s390x, P and F"

# After the image's container has gone: arm64 and s390x containers, with
# argv[0] as run (busybox knows its applet by it alone).
user_podman run --rm --arch arm64 localhost/deb-arm64 busybox sh -c 'uname -m; exec -a uname /bin/busybox -m' > out
printf 'aarch64\naarch64\n' > want
compare want out
user_podman run --rm --arch s390x localhost/deb-s390x sh -c 'uname -m; dpkg --print-architecture' > out
printf 's390x\ns390x\n' > want
compare want out
echo "ok arm64 and s390x containers run after the image's has gone"

image > status.json || fail "the JSON: $(cat status.json)"
python3 - status.json << 'PY' || fail "the JSON: $(cat status.json)"
import json, sys
text = open(sys.argv[1]).read()
s = json.loads(text)
assert list(s) == ["supported", "emulators"], s
assert s["emulators"] == ["qbinfmt-aarch64", "qbinfmt-s390x"], s
assert "linux/arm64" in s["supported"] and "linux/s390x" in s["supported"], s
assert "linux/riscv64" not in s["supported"], s
# setup-qemu-action joins them with commas for its "platforms" output.
assert text.startswith('{\n  "supported": [\n    "linux/'), text
PY
echo "ok the JSON lists what is registered: $(python3 -c 'import json,sys; print(",".join(json.load(open(sys.argv[1]))["supported"]))' status.json)"

# tonistiigi/binfmt's names for qbinfmt's entries, said.
image --uninstall qemu-aarch64 > out 2> err || fail "--uninstall qemu-aarch64: $(cat err)"
[ "$(cat err)" = "qbinfmt: image: --uninstall qemu-aarch64: tonistiigi/binfmt's name for it; qbinfmt's entry is qbinfmt-aarch64" ] ||
	fail "--uninstall said: $(cat err)"
grep -q '^qbinfmt-aarch64 *removed' out || fail "--uninstall: $(cat out)"
[ "$(registered)" = "qbinfmt-s390x " ] || fail "after --uninstall qemu-aarch64: $(registered)"
user_podman run --rm --arch arm64 localhost/deb-arm64 uname -m > out 2>&1 &&
	fail "an arm64 container still runs: $(cat out)"
user_podman run --rm --arch s390x localhost/deb-s390x uname -m > out || fail "s390x: $(cat out)"
echo "ok --uninstall qemu-aarch64 takes that one back"

# setup-qemu-action's reset: true.
image --uninstall 'qemu-*' > out 2> err || fail "--uninstall 'qemu-*': $(cat err)"
grep -q '^qbinfmt-s390x *removed' out || fail "--uninstall 'qemu-*': $(cat out)"
[ "$(registered)" = "" ] || fail "after --uninstall 'qemu-*': $(registered)"
echo "ok --uninstall 'qemu-*' takes back the rest"
