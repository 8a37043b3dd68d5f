#!/bin/sh
# The CPU model qbinfmt chooses for the qemu installed (lib/targets.c,
# doc/cpu-models.md), checked by running the CPU fixtures through the
# kernel: pointer authentication still authenticates (a forged pointer
# faults), riscv64 vector code runs, and qemu's own default shows what the
# model mends.  `--cpu TARGET=default|fast|MODEL` chooses otherwise; a
# model qemu refuses is refused at install, with qemu's own words.
# timeout: 300
. "$top_srcdir/tests/lib.sh"
require_sandbox
cd "$tmp"
cpu=$FIXTURES/cpu
ulimit -c 0

# qemu_version TARGET: major * 100 + minor, of the static qemu qbinfmt finds.
qemu_version() {
	"$QBINFMT" --json list | python3 -c '
import json, re, subprocess, sys
t = [t for t in json.load(sys.stdin) if t["name"] == sys.argv[1]][0]
out = subprocess.run([t["qemu_static"], "-version"], capture_output=True, text=True).stdout
m = re.search(r" version (\d+)\.(\d+)", out)
print(int(m.group(1)) * 100 + int(m.group(2)))' "$1"
}
aarch64_version=$(qemu_version aarch64)
riscv64_version=$(qemu_version riscv64)

# status FILE: the program's exit status (128 + N for a signal).
status() {
	rc=0
	"$@" > "$tmp/out" 2> "$tmp/err" || rc=$?
	echo "$rc"
}

# 1. qbinfmt's choice: every wiring that can pass a model is the launcher's.
"$QBINFMT" install --wiring auto aarch64 riscv64 > install.out || fail "install: $(cat install.out)"
cpu_of() {
	"$QBINFMT" --json status | python3 -c '
import json, sys
e = [e for e in json.load(sys.stdin)["entries"] if e["name"] == sys.argv[1]][0]
print(e["cpu"] or "-")' "qbinfmt-$1"
}
if [ "$aarch64_version" -lt 1000 ]; then
	[ "$(cpu_of aarch64)" = "max,pauth-impdef=on" ] || fail "aarch64 on qemu $aarch64_version: cpu $(cpu_of aarch64)"
	grep -q '^aarch64 .* launcher .*-cpu max,pauth-impdef=on for qemu' install.out || fail "install does not say why: $(cat install.out)"
else
	[ "$(cpu_of aarch64)" = - ] || fail "aarch64 on qemu $aarch64_version: cpu $(cpu_of aarch64), want qemu's own"
fi
if [ "$riscv64_version" -lt 802 ]; then
	[ "$(cpu_of riscv64)" = "rv64,v=true,vext_spec=v1.0,vlen=128" ] || fail "riscv64 on qemu $riscv64_version: cpu $(cpu_of riscv64)"
else
	[ "$(cpu_of riscv64)" = - ] || fail "riscv64 on qemu $riscv64_version: cpu $(cpu_of riscv64)"
fi
# Authentication works, a forged pointer faults (SIGSEGV before FEAT_FPAC,
# SIGILL with it), vector code runs.
[ "$(status "$cpu/pauth-aarch64")" = 0 ] || fail "pauth-aarch64: $(cat "$tmp/out" "$tmp/err")"
case $(status "$cpu/pauth-forge-aarch64") in
132 | 139) ;;
*) fail "a forged pointer was used under qbinfmt's model: $(cat "$tmp/out")" ;;
esac
[ "$(status "$cpu/rvv-riscv64")" = 0 ] || fail "rvv-riscv64 under qbinfmt's model: $(cat "$tmp/err")"
"$QBINFMT" doctor "$cpu/pauth-aarch64" > doctor.out
if [ "$aarch64_version" -lt 1000 ]; then
	grep -q 'qemu .* is static: .*; the launcher gives it -cpu max,pauth-impdef=on$' doctor.out || fail "doctor: $(cat doctor.out)"
fi
echo "ok qbinfmt's model for qemu $aarch64_version (aarch64) and $riscv64_version (riscv64)"

# 2. qemu's own model: riscv64's lacks V before 8.2.
"$QBINFMT" install --cpu riscv64=default riscv64 > /dev/null
[ "$(cpu_of riscv64)" = - ] || fail "--cpu riscv64=default: cpu $(cpu_of riscv64)"
if [ "$riscv64_version" -lt 802 ]; then
	[ "$(status "$cpu/rvv-riscv64")" = 132 ] || fail "rvv-riscv64 ran on qemu $riscv64_version's default CPU"
else
	[ "$(status "$cpu/rvv-riscv64")" = 0 ] || fail "rvv-riscv64 on qemu $riscv64_version's default CPU"
fi
echo "ok --cpu riscv64=default"

# 3. The fast setting: authentication off, a forgery is used.
"$QBINFMT" install --cpu aarch64=fast aarch64 > /dev/null
[ "$(cpu_of aarch64)" = "max,pauth=off" ] || fail "--cpu aarch64=fast: cpu $(cpu_of aarch64)"
[ "$(status "$cpu/pauth-forge-aarch64")" = 0 ] || fail "pauth=off still faults"
[ "$(status "$cpu/pauth-aarch64")" = 1 ] || fail "pauth-aarch64 under pauth=off: $(cat "$tmp/out")"
echo "ok --cpu aarch64=fast"

# 4. Any other model qemu takes: the link is made in the runtime folder.
"$QBINFMT" install --runtime-dir "$tmp/run" --cpu aarch64=cortex-a57 aarch64 > /dev/null
[ "$(cpu_of aarch64)" = cortex-a57 ] || fail "--cpu aarch64=cortex-a57: cpu $(cpu_of aarch64)"
[ -L "$tmp/run/qemu-aarch64-binfmt-P,cpu=cortex-a57" ] || fail "no link in the runtime folder"
[ "$(status "$cpu/pauth-aarch64")" = 1 ] || fail "cortex-a57 has pointer authentication?"
[ "$(status "$FIXTURES/bin/hello-aarch64" 7)" = 7 ] || fail "hello-aarch64 under cortex-a57"
echo "ok --cpu aarch64=cortex-a57"

# 5. A model qemu refuses: refused at install, qemu's words and its list,
# and the entry there stays as it was.
before=$(cat "$BINFMT_DIR/qbinfmt-aarch64")
status "$QBINFMT" install --cpu aarch64=nosuch aarch64 > /dev/null
[ "$(status "$QBINFMT" install --cpu aarch64=nosuch aarch64)" = 1 ] || fail "an unknown model was taken"
grep -q "^qbinfmt: install aarch64: .*qemu-aarch64[^ ]* refuses -cpu nosuch: .*unable to find CPU model 'nosuch'; its models: .*cortex-a57" "$tmp/err" ||
	fail "refusal: $(cat "$tmp/err")"
[ "$(cat "$BINFMT_DIR/qbinfmt-aarch64")" = "$before" ] || fail "the entry changed"
[ "$(status "$QBINFMT" install --cpu aarch64=max,nosuch=on aarch64)" = 1 ] || fail "an unknown property was taken"
grep -q "refuses -cpu max,nosuch=on: .*nosuch" "$tmp/err" || fail "property refusal: $(cat "$tmp/err")"
echo "ok a model qemu refuses"

# 6. Native wiring takes no model: said, or refused when one was asked for.
"$QBINFMT" install --wiring native aarch64 > native.out
[ "$(cpu_of aarch64)" = - ] || fail "native wiring carries a model"
if [ "$aarch64_version" -lt 1000 ]; then
	grep -q "own CPU: registered itself, qemu takes no -cpu max,pauth-impdef=on" native.out || fail "native: $(cat native.out)"
fi
[ "$(status "$QBINFMT" install --wiring native --cpu aarch64=fast aarch64)" = 1 ] || fail "--wiring native --cpu taken"
echo "ok the native wiring"
"$QBINFMT" remove --all > /dev/null
