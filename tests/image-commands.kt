#!/bin/sh
# qbinfmt image, the container image's entry point, in a private
# binfmt_misc (tests/sandbox-run's, which its mount holds, as the host's
# or podman's mount holds theirs): tonistiigi/binfmt's calls register,
# list and remove qbinfmt's entries, natively with P and F; where nothing
# outside holds binfmt_misc (a user namespace of its own, as a rootless
# container without qbinfmt podman install has) nothing is registered and
# one line says what to run instead; without CAP_SYS_ADMIN or before
# Linux 6.7 one line too.  tests/image-run.sh runs the same in the image.
. "$top_srcdir/tests/lib.sh"
require_sandbox
cd "$tmp"

# fails STATUS MESSAGE COMMAND...: the status, the one line, nothing on stdout.
fails() {
	want_status=$1 want=$2
	shift 2
	status=0
	"$@" > out 2> err || status=$?
	[ "$status" = "$want_status" ] || fail "$*: exit $status, want $want_status: $(cat err)"
	[ "$(cat err)" = "$want" ] || fail "$*: said '$(cat err)', want '$want'"
	[ ! -s out ] || fail "$*: wrote to stdout: $(cat out)"
}

entries() {
	ls "$BINFMT_DIR" | grep -v -x -e register -e status | tr '\n' ' '
}

# --install: platforms as docker and buildx name them; the host's own
# target is said to run natively, with install's reason, not refused.
"$QBINFMT" image --install linux/arm64,s390x,amd64 > out 2> err || fail "--install: $(cat err)"
[ ! -s err ] || fail "--install said: $(cat err)"
grep -q "^x86_64 *native .* this machine's own target$" out || fail "amd64: $(cat out)"
grep -q '^aarch64 *installed *native ' out || fail "arm64: $(cat out)"
grep -q '^s390x *installed *native ' out || fail "s390x: $(cat out)"
[ "$(entries)" = "qbinfmt-aarch64 qbinfmt-s390x " ] || fail "registered: $(entries)"
grep -qx 'flags: PF' "$BINFMT_DIR/qbinfmt-aarch64" || fail "flags: $(cat "$BINFMT_DIR/qbinfmt-aarch64")"
"$FIXTURES/bin/hello-aarch64" > /dev/null && "$FIXTURES/bin/hello-s390x" > /dev/null || fail "hello-aarch64 or hello-s390x does not run"
echo "ok --install arm64,s390x,amd64"

# No arguments: tonistiigi/binfmt's JSON, laid out as it lays it out.
"$QBINFMT" image > status.json || fail "image: $(cat status.json)"
cat > want << 'JSON'
{
  "supported": [
    "linux/amd64",
    "linux/386",
    "linux/arm64",
    "linux/s390x"
  ],
  "emulators": [
    "qbinfmt-aarch64",
    "qbinfmt-s390x"
  ]
}
JSON
compare want status.json
echo "ok the JSON lists what is registered"

# --uninstall qemu-aarch64: tonistiigi/binfmt's name, qbinfmt's entry, a
# note of the mapping; another tool's qemu-s390x stays under 'qemu-*'.
"$QBINFMT" image --uninstall qemu-aarch64 > out 2> err || fail "--uninstall: $(cat err)"
[ "$(cat err)" = "qbinfmt: image: --uninstall qemu-aarch64: tonistiigi/binfmt's name for it; qbinfmt's entry is qbinfmt-aarch64" ] ||
	fail "--uninstall said: $(cat err)"
grep -q '^qbinfmt-aarch64 *removed' out || fail "--uninstall: $(cat out)"
[ "$(entries)" = "qbinfmt-s390x " ] || fail "after --uninstall: $(entries)"
printf ':qemu-s390x:M::\\x7fELF\\x02\\x02\\x01::/bin/true:' > "$BINFMT_DIR/register"
"$QBINFMT" image --uninstall 'qemu-*' > out 2> err || fail "--uninstall 'qemu-*': $(cat err)"
cat > want << 'EOF2'
qbinfmt: image: --uninstall qemu-*: qbinfmt's entries it matches, by their names or qemu-TARGET: qbinfmt-s390x
qbinfmt: image: --uninstall qemu-*: qemu-s390x, another tool's, stays (qbinfmt removes its own entries only)
EOF2
compare want err
[ "$(entries)" = "qemu-s390x " ] || fail "after --uninstall 'qemu-*': $(entries)"
"$QBINFMT" image --uninstall 'qemu-*' > out 2> err || fail "again: $(cat err)"
[ "$(head -n 1 err)" = "qbinfmt: image: --uninstall qemu-*: matches none of qbinfmt's entries here" ] || fail "again: $(cat err)"
echo -1 > "$BINFMT_DIR/qemu-s390x"
echo "ok --uninstall qemu-aarch64 and 'qemu-*', with the mapping said"

# Nothing outside holds the instance of a user namespace of its own (a
# rootless container's, without qbinfmt podman install): refused, one
# line, nothing registered; the JSON says so too.
ends="qbinfmt: image: nothing outside this container holds its user namespace's binfmt_misc (rootless podman or docker), so entries registered here would end with the container: as the user who runs podman, run 'qbinfmt podman install TARGET...' instead (rootless docker: qbinfmt --namespace-of, see qbinfmt(8))"
fails 1 "$ends" unshare --user --map-root-user --mount "$QBINFMT" image --install arm64
unshare --user --map-root-user --mount "$QBINFMT" image > status.json 2> err || fail "image in a namespace of its own: $(cat err)"
[ "$(cat err)" = "$ends" ] || fail "JSON there said: $(cat err)"
python3 -c 'import json, sys; s = json.load(open(sys.argv[1])); assert s["emulators"] == [] and "linux/arm64" not in s["supported"], s' status.json ||
	fail "JSON there: $(cat status.json)"
[ "$(entries)" = "" ] || fail "registered: $(entries)"
echo "ok nothing outside holds it: refused, one line, nothing registered"

# Bad input, each one line and nothing done: no CAP_SYS_ADMIN (a
# container run without --privileged); a user namespace on a kernel
# before 6.7 (the release as personality(UNAME26) shows it: the kernel's
# own refusal there cannot be had on this one).
fails 3 "qbinfmt: image: this container may not mount binfmt_misc: it lacks CAP_SYS_ADMIN (run it with --privileged)" \
	setpriv --inh-caps=-sys_admin --bounding-set=-sys_admin "$QBINFMT" image --install arm64
fails 3 "qbinfmt: image: this container runs in a user namespace (rootless podman or docker), which has a binfmt_misc of its own from Linux 6.7 on; this is $(setarch --uname-2.6 uname -r): run it with rootful podman or docker" \
	setarch --uname-2.6 "$QBINFMT" image --install arm64
fails 2 "qbinfmt: image: --namespace-of $$ means nothing here: the image acts on the binfmt_misc its container sees" \
	"$QBINFMT" --namespace-of $$ image
[ "$(entries)" = "" ] || fail "registered: $(entries)"
echo "ok without CAP_SYS_ADMIN, before Linux 6.7: one line, nothing registered"
