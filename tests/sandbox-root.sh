#!/bin/sh
# qbinfmt sandbox --root: a command inside a foreign root, through each
# wiring; nothing written into the root; every bad root a clear error.
. "$top_srcdir/tests/lib.sh"
need_user_namespaces
# A root whose /bin/sh is a foreign fixture: it prints its argv.
root=$tmp/root
mkdir -p "$root/bin" "$root/proc" "$root/dev" "$root/sys" "$root/tmp" "$root/etc" "$root/srv"
cp "$FIXTURES/bin/hello-aarch64" "$root/bin/sh"
: > "$root/etc/resolv.conf"
listing() { (cd "$root" && find . -printf '%p %s %m %u\n' | sort); }
listing > "$tmp/before"

for wiring in launcher native auto; do
	out=$("$QBINFMT" sandbox --wiring "$wiring" --root "$root" -- /bin/sh a 'b c') ||
		fail "--root with the $wiring wiring failed"
	[ "$(echo $out)" = "3 /bin/sh a b c" ] || fail "$wiring: $out"
	echo "ok --root through the $wiring wiring"
done
mkdir "$tmp/data"
"$QBINFMT" sandbox --bind "$tmp/data:/srv" --root "$root" -- /bin/sh > /dev/null || fail "--bind"
listing > "$tmp/after"
compare "$tmp/before" "$tmp/after"
echo "ok nothing written into the root"

expect_error() { # STATUS MESSAGE ARGS...
	want_status=$1 want=$2
	shift 2
	set +e
	"$QBINFMT" sandbox "$@" 2> "$tmp/err" > /dev/null
	status=$?
	set -e
	[ "$status" -eq "$want_status" ] || fail "sandbox $*: exit $status, want $want_status ($(cat "$tmp/err"))"
	echo "qbinfmt: sandbox: $want" > "$tmp/want"
	compare "$tmp/want" "$tmp/err"
}
expect_error 1 "--root $tmp/missing: No such file or directory" --root "$tmp/missing" -- /bin/sh
touch "$tmp/file"
expect_error 1 "--root $tmp/file: not a directory" --root "$tmp/file" -- /bin/sh
mkdir "$tmp/empty"
expect_error 1 "--root $tmp/empty has no /bin/sh (is it a root filesystem?): No such file or directory" \
	--root "$tmp/empty" -- /bin/sh
mkdir -p "$tmp/native/bin"
cp /bin/true "$tmp/native/bin/sh"
expect_error 1 "--root $tmp/native is for $(host_target), which runs natively here (this machine's own target): it needs no emulation; use chroot or systemd-nspawn" \
	--root "$tmp/native" -- /bin/sh
mkdir -p "$tmp/notmp/bin" "$tmp/notmp/proc" "$tmp/notmp/dev" "$tmp/notmp/sys"
cp "$FIXTURES/bin/hello-aarch64" "$tmp/notmp/bin/sh"
expect_error 1 "--root $tmp/notmp lacks the folder /tmp, a mount point it needs (qbinfmt writes nothing into the root: create it)" \
	--root "$tmp/notmp" -- /bin/sh
# A dynamically linked program as qemu (Debian 13 has no dynamic qemu).
mkdir "$tmp/dynamic"
ln -s /bin/true "$tmp/dynamic/qemu-aarch64"
set +e
"$QBINFMT" --qemu-dir "$tmp/dynamic" sandbox --root "$root" -- /bin/sh 2> "$tmp/err"; status=$?
set -e
[ "$status" -eq 1 ] || fail "dynamic qemu: exit $status"
echo "qbinfmt: sandbox: aarch64: $tmp/dynamic/qemu-aarch64 is dynamically linked and cannot run inside a foreign root: install $(static_qemu_package)" > "$tmp/want"
compare "$tmp/want" "$tmp/err"
expect_error 1 "--bind $tmp/data: /nowhere does not exist in the root (qbinfmt writes nothing into it: create it)" \
	--bind "$tmp/data:/nowhere" --root "$root" -- /bin/sh
expect_error 1 "--bind $tmp/data: / is the root itself (bind onto a folder inside it)" \
	--bind "$tmp/data:/" --root "$root" -- /bin/sh
expect_error 1 "--bind $tmp/data: /srv/.. is the root itself (bind onto a folder inside it)" \
	--bind "$tmp/data:/srv/.." --root "$root" -- /bin/sh
: > "$tmp/data/file"
expect_error 1 "cannot mount $tmp/data/file on $root/srv: Not a directory" \
	--bind "$tmp/data/file:/srv" --root "$root" -- /bin/sh
expect_error 1 "cannot mount $tmp/data on $root/bin/sh: Not a directory" \
	--bind "$tmp/data:/bin/sh" --root "$root" -- /bin/sh
expect_error 2 "--bind needs --root" --bind "$tmp/data" -- /bin/sh
expect_error 2 "--bind $tmp/data:srv: SRC and DST must be absolute" --bind "$tmp/data:srv" --root "$root" -- /bin/sh
long=/$(printf '%04096d' 0)
status=0
"$QBINFMT" sandbox --bind "$long" --root "$root" -- /bin/sh 2> "$tmp/err" || status=$?
[ "$status" = 2 ] && grep -q "^qbinfmt: sandbox: --bind /0000000000" "$tmp/err" ||
	fail "a --bind of 4097 bytes: exit $status: $(cat "$tmp/err")"
binds=$(for i in $(seq 33); do printf ' --bind /%s' "$i"; done)
# shellcheck disable=SC2086 # one word each
expect_error 2 "more than 32 --bind options" $binds --root "$root" -- /bin/sh
targets=$(for i in $(seq 64); do printf ' -t arm64'; done)
# shellcheck disable=SC2086
expect_error 2 "too many --target options" $targets -- true
expect_error 2 "which command? (qbinfmt sandbox [OPTIONS] -- COMMAND [ARGS...])" --root "$root"
mkdir -p "$tmp/script/bin"
echo 'echo hello' > "$tmp/script/bin/sh"
expect_error 1 "--root $tmp/script: /bin/sh is not an ELF program" --root "$tmp/script" -- /bin/sh
# hello-aarch64 with e_machine 0x4242, a machine no qemu emulates.
mkdir -p "$tmp/unknown/bin"
cp "$FIXTURES/bin/hello-aarch64" "$tmp/unknown/bin/sh"
printf '\102\102' | dd of="$tmp/unknown/bin/sh" bs=1 seek=18 conv=notrunc 2> /dev/null
expect_error 1 "--root $tmp/unknown: /bin/sh is for no target qemu emulates (e_machine 16962)" \
	--root "$tmp/unknown" -- /bin/sh
expect_error 2 "--single-id and --subids exclude each other" --single-id --subids 100000:65536 -- true
expect_error 2 "--subids takes START:COUNT, not '100000'" --subids 100000 -- true
echo "ok every bad root a clear error"
