#!/bin/sh
# Secure mode, seen by qemu: with C, a setuid-root binary run by a user
# gets AT_SECURE, and nothing the caller controls may reach the root-
# privileged qemu's option parsing or its environment: no QEMU_* variable
# (qemu 7.2 and 10.0 read every one of linux-user/main.c's arg_table before
# their command line, AT_SECURE or not), nothing that glib, the host loader
# or a dynamic qemu's crypto libraries read, none of glibc's unsecure list.
# Each proof has a control that shows the same variables acting:
#  1. qemu registered directly: the caller steers a root qemu (the hazard);
#  2. a stand-in qemu records what the launcher hands over: in secure mode
#     no hostile variable, AT_SECURE for qemu too, no core limit; without
#     privilege, all of them;
#  3. the real qemus, static and dynamic, with every variable they read set
#     to act: the setuid program runs exactly as with none.
. "$top_srcdir/tests/lib.sh"
require_sandbox
need_ids
chmod 755 "$tmp"
# Setuid bits count on a tmpfs of ours; /tmp may be nosuid (Debian 13).
suid_dir "$tmp/x"
tmp=$tmp/x
cp "$FIXTURES/bin/hello-aarch64" "$tmp/suid"
chown 0:0 "$tmp/suid"
chmod 4755 "$tmp/suid"
cp "$FIXTURES/bin/hello-aarch64" "$tmp/plain"
mkdir "$tmp/work" "$tmp/pid"
chown 1000:1000 "$tmp/work" "$tmp/pid"
cd "$tmp/work"
ulimit -c unlimited
printf '2\n%s\na\n' "$tmp/suid" > "$tmp/hello-out"

# as_caller [VAR=VALUE...] PROGRAM ARG...: as uid 1000 in $tmp/work, with
# exactly the variables given; stdout in $tmp/out, stderr in $tmp/err, and
# its pid (the one qemu runs as) in $tmp/pid/last.
as_caller() {
	# shellcheck disable=SC2016 # for the inner sh
	timeout 60 setpriv --reuid=1000 --regid=1000 --clear-groups \
		sh -c 'echo $$ > "$0"; exec env -i "$@"' "$tmp/pid/last" "$@" \
		> "$tmp/out" 2> "$tmp/err" < /dev/null
}

# Everything qemu 7.2 and 10.0 read, each set so that it would show:
# QEMU_VERSION and QEMU_CPU end qemu before the program, QEMU_GDB waits for
# a debugger, QEMU_STRACE, QEMU_LOG and QEMU_TRACE write, QEMU_PERFMAP and
# QEMU_JITDUMP make files in /tmp and here, the libraries print...
w=$tmp/work
hostile="QEMU_GDB=1234 QEMU_LD_PREFIX=$w/prefix QEMU_STACK_SIZE=4096 QEMU_CPU=none-such
	QEMU_SET_ENV=QB_SET=1 QEMU_UNSET_ENV=KEEP QEMU_ARGV0=evil QEMU_UNAME=0.0.1
	QEMU_GUEST_BASE=0x1000 QEMU_RESERVED_VA=0x1001 QEMU_RTSIG_MAP=34,35,1 QEMU_LOG=in_asm
	QEMU_DFILTER=0x0..0xffffffff QEMU_LOG_FILENAME=$w/log QEMU_PAGESIZE=65536
	QEMU_SINGLESTEP=1 QEMU_ONE_INSN_PER_TB=1 QEMU_TB_SIZE=1 QEMU_STRACE=1 QEMU_RAND_SEED=1
	QEMU_TRACE=file=$w/trace QEMU_PLUGIN=$w/plugin.so QEMU_VERSION=1
	QEMU_XTENSA_ABI_CALL0=1 QEMU_PERFMAP=1 QEMU_JITDUMP=1 QEMU_MODULE_DIR=$w
	G_DEBUG=fatal-warnings G_MESSAGES_DEBUG=all G_SLICE=debug-blocks DEBUG_INVOCATION=1
	GNUTLS_DEBUG_LEVEL=9 NETTLE_FAT_VERBOSE=1 P11_KIT_DEBUG=all
	LD_BIND_NOW=1 LD_PRELOAD=$w/none.so LD_LIBRARY_PATH=$w
	GLIBC_TUNABLES=glibc.malloc.check=3 GCONV_PATH=$w TMPDIR=$w TZDIR=$w LOCPATH=$w"
kept="KEEP=1 LANG=C.UTF-8 TZ=UTC"
# A dynamic qemu's loader would list its libraries and stop; not given to
# the stand-in below, which is a dynamic python.
tracing=LD_TRACE_LOADED_OBJECTS=1

# 1. The hazard: qemu registered directly reads the caller's variables
#    under AT_SECURE and writes where they say, as root.
register_target aarch64 POC "$QEMU_AARCH64"
grep -qx "flags: POC" "$BINFMT_DIR/qbinfmt-aarch64" || fail "C should imply O: $(cat "$BINFMT_DIR/qbinfmt-aarch64")"
as_caller QEMU_STRACE=1 QEMU_LOG_FILENAME="$w/log" "$tmp/suid" a || fail "direct qemu run failed: $(cat "$tmp/err")"
[ "$(stat -c %u "$w/log" 2> /dev/null)" = 0 ] && grep -q 'write(1,' "$w/log" ||
	fail "hazard: qemu registered directly did not write a root-owned strace log, so this test proves nothing"
rm -f "$w"/*
echo "ok hazard: qemu registered directly writes the caller's QEMU_LOG_FILENAME as root"
# ...and a dynamic qemu's libraries read theirs (nettle with plain getenv).
# Debian 12's /usr/bin/qemu-aarch64 is one; Debian 13 has static ones only.
unregister_all
if readelf -l /usr/bin/qemu-aarch64 | grep -q 'program interpreter'; then
	register_target aarch64 POC /usr/bin/qemu-aarch64
	as_caller NETTLE_FAT_VERBOSE=1 "$tmp/suid" a || fail "direct dynamic qemu run failed: $(cat "$tmp/err")"
	grep -q '^libnettle: ' "$tmp/err" ||
		fail "hazard: NETTLE_FAT_VERBOSE did not act on a root qemu, so this test proves less"
	echo "ok hazard: a dynamic qemu's libraries read the caller's variables as root"
	unregister_all
else
	echo "note: /usr/bin/qemu-aarch64 is static here: no dynamic qemu to show"
fi

# 2. What the launcher hands over, recorded by a stand-in qemu: argv, its
#    own AT_SECURE and RLIMIT_CORE, and the environment it was given, read
#    from /proc/self (Python -I: none of its own variables matter).
private_qemu_dir
mkdir -m 1777 /mnt/report
cat > /mnt/qbinfmt-qemu/qemu-aarch64-static <<'EOS'
#!/usr/bin/python3 -I
import struct, sys
with open("/mnt/report/out", "w") as out:
    for arg in sys.argv:
        out.write("arg %s\n" % arg)
    auxv = open("/proc/self/auxv", "rb").read()
    pairs = dict(struct.iter_unpack("=QQ", auxv))
    out.write("secure %d\n" % pairs.get(23, -1))  # AT_SECURE
    for line in open("/proc/self/limits"):
        if line.startswith("Max core file size"):
            out.write("core %s\n" % line.split()[4])
    env = open("/proc/self/environ", "rb").read().split(b"\0")
    for entry in sorted(e.decode() for e in env if e):
        out.write("env %s\n" % entry)
EOS
chmod 755 /mnt/qbinfmt-qemu/qemu-aarch64-static
register_target aarch64 POC "$TEST_LAUNCHER_DIR/qemu-aarch64-binfmt-P"
# Normalised: N in /proc/self/fd/N depends on what the test inherited.
report() {
	sed 's|^arg /proc/self/fd/[0-9]*$|arg /proc/self/fd/N|' /mnt/report/out
	rm -f /mnt/report/out
}

# Control: without privilege every variable reaches the stand-in.
# shellcheck disable=SC2086 # word lists
as_caller $hostile $kept "$tmp/plain" a || fail "stand-in control failed: $(cat "$tmp/err")"
report > "$tmp/report"
grep -qx "secure 0" "$tmp/report" || fail "control: AT_SECURE set: $(cat "$tmp/report")"
grep -qx "core unlimited" "$tmp/report" || fail "control: core limit changed: $(cat "$tmp/report")"
# (The stand-in is a script, so no static program: LD_* come as -E.)
for v in $hostile $kept; do
	grep -qxF -e "env $v" -e "arg $v" "$tmp/report" ||
		fail "control: $v did not reach qemu, so this test proves nothing"
done
echo "ok control: without privilege qemu gets the caller's whole environment"

# Secure: setuid root, run by uid 1000.
# shellcheck disable=SC2086
as_caller $hostile $kept "$tmp/suid" a || fail "stand-in secure run failed: $(cat "$tmp/err")"
report > "$tmp/report"
cat > "$tmp/expect" <<EOS
arg /mnt/qbinfmt-qemu/qemu-aarch64-static
arg -0
arg $tmp/suid
arg --
arg /proc/self/fd/N
arg a
secure 1
core 0
env KEEP=1
env LANG=C.UTF-8
env TZ=UTC
EOS
compare "$tmp/expect" "$tmp/report"
echo "ok secure mode: qemu gets no variable it would read, runs with AT_SECURE, dumps no core"

# 3. The real qemus, every variable set: without privilege the run is no
#    longer the program's (qemu stops at the first variable that ends it);
#    setuid, it is exactly the plain one.  The dynamic qemu is Debian 12's
#    (Debian 13 has a static one only).
rm /mnt/qbinfmt-qemu/qemu-aarch64-static
for qemu in "$QEMU_AARCH64:qemu-aarch64-static" "/usr/bin/qemu-aarch64:qemu-aarch64"; do
	name=${qemu#*:}
	rm -f /mnt/qbinfmt-qemu/*
	ln -s "${qemu%%:*}" "/mnt/qbinfmt-qemu/$name"
	# shellcheck disable=SC2086
	as_caller $hostile $tracing $kept "$tmp/plain" a || true
	printf '2\n%s\na\n' "$tmp/plain" > "$tmp/plain-out"
	if cmp -s "$tmp/plain-out" "$tmp/out"; then
		fail "$name: control: the variables changed nothing, so this test proves nothing"
	fi
	rm -rf "${w:?}"/* "/tmp/perf-$(cat "$tmp/pid/last").map"
	# shellcheck disable=SC2086
	as_caller $hostile $tracing $kept "$tmp/suid" a || fail "$name: setuid run failed: $(cat "$tmp/err")"
	compare "$tmp/hello-out" "$tmp/out"
	[ ! -s "$tmp/err" ] || fail "$name: qemu wrote to stderr: $(head -3 "$tmp/err")"
	[ -z "$(ls "$w")" ] || fail "$name: qemu wrote files in the caller's folder: $(ls "$w")"
	[ ! -e "/tmp/perf-$(cat "$tmp/pid/last").map" ] || fail "$name: qemu wrote a perf map in /tmp"
	echo "ok $name: the caller's variables act without privilege, not on the setuid program"
done
