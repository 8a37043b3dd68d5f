#!/bin/sh
# Secure mode, seen by the guest: a dynamically linked aarch64 glibc program,
# setuid root, run under C by an unprivileged caller in a small foreign root
# (foreign_root in lib.sh).  The guest must run in secure mode itself
# (getauxval(AT_SECURE) is 1) and a caller's LD_PRELOAD, LD_LIBRARY_PATH,
# LD_AUDIT, GCONV_PATH, GLIBC_TUNABLES, TZDIR, LD_SHOW_AUXV, LD_DEBUG and
# LD_DEBUG_OUTPUT must do nothing to it.  The control run, the same program
# without the setuid bit, shows every one of them acting, so each check can
# fail.  Both passes run through the launcher and then with qemu registered
# directly: qemu passes its own AT_SECURE on to the guest's aux vector
# (linux-user/elfload.c:create_elf_tables()), and qemu runs with AT_SECURE
# because it starts with an effective uid that is not its real one, so the
# guest's loader protects itself either way; the launcher also removes the
# variables before qemu sees them (launcher-secure.kt).
. "$top_srcdir/tests/lib.sh"
require_sandbox
need_ids
foreign_root

# What a hostile caller sets, and how the probe shows each acting.
hostile="LD_PRELOAD=/caller/preload-aarch64.so LD_LIBRARY_PATH=/caller
	LD_AUDIT=/caller/audit-aarch64.so GCONV_PATH=/caller/gconv
	GLIBC_TUNABLES=glibc.malloc.perturb=85 TZ=QBPROBE TZDIR=/caller/zoneinfo
	LD_SHOW_AUXV=1 LD_DEBUG=libs LD_DEBUG_OUTPUT=/work/ld-debug"
acts() {
	grep -qx "$2" "$tmp/out" || fail "control: $1 had no effect (no '$2'), so this test proves nothing: $(cat "$tmp/out")"
}

# shellcheck disable=SC2086 # $hostile is a list of words
run_probe() {
	in_root $hostile -- "$1" > "$tmp/out" 2> "$tmp/err" || fail "$1 failed: $(cat "$tmp/err")"
}

# A C library in secure mode removes the unsecure variables but, in glibc
# 2.36, only filters GLIBC_TUNABLES (2.41 removes it): whether it is still
# set depends on the glibc, and is no effect ("malloc 00" is what counts).
without_tunables() {
	grep -v -x "env GLIBC_TUNABLES" "$tmp/out" > "$tmp/out.kept" || true
	mv "$tmp/out.kept" "$tmp/out"
}

for wiring in launcher qemu; do
	unregister_all
	if [ $wiring = launcher ]; then
		register_target aarch64 POCF "$TEST_LAUNCHER_DIR/qemu-aarch64-binfmt-P"
	else
		register_target aarch64 POCF "$QEMU_AARCH64"
	fi

	# Control: no setuid bit, no secure mode; every variable acts.
	run_probe /bin/probe
	acts AT_SECURE "secure 0"
	acts "the caller's ids" "ids 1000 1000"
	acts LD_PRELOAD "preload caller"
	acts LD_AUDIT "audit caller"
	acts LD_LIBRARY_PATH "library caller"
	acts GCONV_PATH "gconv caller"
	acts GLIBC_TUNABLES "malloc aa"
	acts TZDIR "zone QBP +0517"
	acts LD_SHOW_AUXV "AT_SECURE: *0"
	# LD_DEBUG's lines go to the file LD_DEBUG_OUTPUT names (.PID added).
	cat "$ROOT"/work/ld-debug.* 2> /dev/null | grep -q 'find library=' ||
		fail "control: LD_DEBUG with LD_DEBUG_OUTPUT wrote no debug file"
	rm -f "$ROOT"/work/*
	echo "ok $wiring: control, no setuid bit: every variable acts"

	# Setuid root, run by uid 1000: secure mode, and none of them acts.
	run_probe /bin/suid
	cat > "$tmp/expect" <<-'EOS'
		secure 1
		ids 1000 0
		library system
		zone QBPROBE +0000
		malloc 00
	EOS
	# Registered directly, what the guest inherits is what qemu's own C
	# library (in secure mode too, see launcher-secure.kt) left; the
	# launcher removes GLIBC_TUNABLES as well.
	[ $wiring = launcher ] || without_tunables
	compare "$tmp/expect" "$tmp/out"
	[ ! -s "$tmp/err" ] || fail "$wiring: the setuid guest wrote to stderr: $(head -3 "$tmp/err")"
	[ -z "$(ls "$ROOT/work")" ] || fail "$wiring: files appeared in the caller's folder: $(ls "$ROOT/work")"
	echo "ok $wiring: setuid guest runs in secure mode, no caller's variable acts"
done

# The guest's own loader holds even when a variable does reach it: with
# qemu registered directly, QEMU_SET_ENV (which the launcher removes) puts
# the loader variables into the guest's environment past qemu's own C
# library, and the guest's glibc, in secure mode, ignores them (and removes
# them, GLIBC_TUNABLES perhaps excepted).
unregister_all
register_target aarch64 POCF "$QEMU_AARCH64"
# shellcheck disable=SC2086
vars=$(echo $hostile | tr ' ' ',')
in_root QEMU_SET_ENV="$vars" -- /bin/suid > "$tmp/out" 2> "$tmp/err" || fail "QEMU_SET_ENV run failed: $(cat "$tmp/err")"
without_tunables
compare "$tmp/expect" "$tmp/out"
[ ! -s "$tmp/err" ] || fail "QEMU_SET_ENV run wrote to stderr: $(head -3 "$tmp/err")"
echo "ok the guest's own loader ignores what QEMU_SET_ENV smuggles in"
