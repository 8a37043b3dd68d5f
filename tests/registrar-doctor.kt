#!/bin/sh
# qbinfmt doctor FILE, every branch, and each verdict checked against what
# the kernel then does with the same file: the error execve() gives (or
# qemu's, for a missing loader) must be the one doctor names.  The
# emulated programs are of a target of another family than this
# machine's (aarch64 here, x86_64 on the arm64 test machine), so that no
# entry captures the tools the test runs.
. "$top_srcdir/tests/lib.sh"
require_sandbox
cd "$tmp"
chmod 755 "$tmp"
T=$(foreign_target)
# T's e_machine (its low byte, as byte 18 of its little-endian header)
# and its static qemu.
machine=$("$QBINFMT" --json list | python3 -c '
import json, sys
print("%02x" % ([t for t in json.load(sys.stdin) if t["name"] == sys.argv[1]][0]["machine"] & 0xff))' "$T")
QEMU_T=$QEMU_AARCH64
[ "$T" = aarch64 ] || QEMU_T=$("$QBINFMT" --json list | python3 -c '
import json, sys
print([t for t in json.load(sys.stdin) if t["name"] == sys.argv[1]][0]["qemu_static"] or "")' "$T")
[ -n "$QEMU_T" ] || fail "no static qemu-$T (install $(static_qemu_package))"
# A dynamically linked program of T and, for it, T's loader: the aarch64
# probe and Debian's cross glibc, where there are (not on arm64, where
# no x86_64 one is).
probe=$FIXTURES/secure/probe-$T
cross_loader=/usr/aarch64-linux-gnu/lib/ld-linux-aarch64.so.1
[ "$T" = aarch64 ] && [ -f "$probe" ] && [ -f "$cross_loader" ] || probe=

# kernel FILE: what running it gives: "ran STATUS", or execve()'s errno.
# $as, when set, is the command to run it through.
kernel() {
	${as:-} python3 -c '
import errno, subprocess, sys
try:
    path = sys.argv[1] if "/" in sys.argv[1] else "./" + sys.argv[1]
    p = subprocess.run([path, "x"], stdout=subprocess.DEVNULL, stderr=open("run.err", "w"))
    print("ran", p.returncode)
except OSError as e:
    print(errno.errorcode[e.errno])' "$1"
}

# doctor FILE WANT-STATUS VERDICT STEP-LINE...: doctor's first line is
# "FILE: VERDICT", and each STEP-LINE is one of its lines.  The test
# launcher looks for qemu in /mnt/qbinfmt-qemu: doctor is told so.
doctor() {
	file=$1 want_status=$2 verdict=$3
	shift 3
	status=0
	"$QBINFMT" --qemu-dir /mnt/qbinfmt-qemu doctor "$file" > out 2> err || status=$?
	[ "$status" = "$want_status" ] || fail "doctor $file: exit $status, want $want_status: $(cat out err)"
	[ "$(head -n 1 out)" = "$file: $verdict" ] || fail "doctor $file: '$(head -n 1 out)', want '$file: $verdict'"
	for line in "$@"; do
		grep -qxF -- "$line" out || fail "doctor $file: no line '$line' in: $(cat out)"
	done
}

cp "$FIXTURES/bin/hello-$T" "$FIXTURES/bin/hello-riscv64" "$FIXTURES/bin/hello-hppa" \
	"$FIXTURES/bin/hello-mipsn32" .
[ -z "$probe" ] || cp "$probe" "probe-$T"
launcher=$TEST_LAUNCHER_DIR/qemu-$T-binfmt-P
private_qemu_dir
ln -s "$QEMU_T" "/mnt/qbinfmt-qemu/qemu-$T-static"

# Through the launcher, which finds a static qemu: it runs.
register_target "$T" P "$launcher"
doctor "hello-$T" 0 "would run, through qbinfmt-$T ($launcher)" \
	"  binfmt_misc  ok   this user namespace's own binfmt_misc at $BINFMT_DIR: enabled, 1 entry" \
	"  file         ok   ELF, $T, 64-bit little-endian, ET_EXEC, OSABI 0, ABI version 0" \
	"  entry        ok   qbinfmt-$T (qemu) matches" \
	"  interpreter  ok   $launcher, run by its path, which is there" \
	"  qemu         ok   /mnt/qbinfmt-qemu/qemu-$T-static is static: it runs inside foreign roots and containers too" \
	"  loader       ok   statically linked (no PT_INTERP): it needs no loader"
[ "$(kernel "hello-$T")" = "ran 0" ] || fail "the kernel: $(kernel "hello-$T")"
"$QBINFMT" --qemu-dir /mnt/qbinfmt-qemu --json doctor "hello-$T" | python3 -c '
import json, sys
r = json.load(sys.stdin)[0]
assert r["verdict"] == "runs" and r["runs"] and r["entry"] == "qbinfmt-" + sys.argv[1], r
assert [s["step"] for s in r["steps"]] == ["binfmt_misc", "file", "entry", "interpreter", "qemu", "loader"], r' "$T" ||
	fail "doctor --json"
echo "ok runs, through the launcher"

# Its own loader missing from this root: qemu says No such file.  (Where
# there is no dynamically linked program of T, as on arm64, this and the
# broken PT_INTERP through qemu below are left out, said.)
if [ -n "$probe" ]; then
doctor probe-aarch64 1 "would fail with No such file or directory: its loader /lib/ld-linux-aarch64.so.1 is not in this root" \
	"  loader       NO   its loader /lib/ld-linux-aarch64.so.1 is not in this root: qemu cannot start it (run it inside a root filesystem of its architecture, qbinfmt sandbox --root DIR, or point qemu at one with QEMU_LD_PREFIX=DIR)"
[ "$(kernel probe-aarch64)" != "ran 0" ] && grep -q 'No such file or directory' run.err ||
	fail "the kernel ran probe-aarch64: $(cat run.err)"
echo "ok its loader missing"
fi

# A broken PT_INTERP is no static program: the kernel refuses it, or opens
# what it names from the working folder.  As qemu loads it (the aarch64
# probe through the entry) and as the kernel does (a copy of this
# machine's own /bin/true), each verdict against the real run.
# synthetic_interp HOW FROM TO: FROM with its PT_INTERP made HOW; prints
# the text it then holds up to its first NUL.
synthetic_interp() {
	python3 - "$@" << 'PY'
import struct, sys
how, src, dst = sys.argv[1:]
b = bytearray(open(src, "rb").read())
is64, end = b[4] == 2, "<" if b[5] == 1 else ">"
word = end + ("Q" if is64 else "I")
phoff = struct.unpack_from(word, b, 32 if is64 else 28)[0]
entsize, count = struct.unpack_from(end + "HH", b, 54 if is64 else 42)
at = [phoff + i * entsize for i in range(count) if struct.unpack_from(end + "I", b, phoff + i * entsize)[0] == 3][0]
off_at, size_at = (at + 8, at + 32) if is64 else (at + 4, at + 16)
off, size = struct.unpack_from(word, b, off_at)[0], struct.unpack_from(word, b, size_at)[0]
if how == "relative":
    b[off:off + size] = b[off + 1:off + size] + b"\0"
elif how == "empty":
    b[off:off + size] = b"\0" * size
elif how == "short":
    b[off] = 0
    struct.pack_into(word, b, size_at, 1)
elif how == "unterminated":
    b[off + size - 1] = ord("x")
elif how == "long":
    struct.pack_into(word, b, off_at, len(b))
    b += b"/" + b"l" * 4198 + b"\0"
    struct.pack_into(word, b, size_at, 4200)
open(dst, "wb").write(b)
off, size = struct.unpack_from(word, b, off_at)[0], struct.unpack_from(word, b, size_at)[0]
print(bytes(b[off:off + size]).split(b"\0")[0].decode())
PY
	chmod 755 "$3"
}
for how in relative empty short unterminated long; do
	[ -z "$probe" ] || synthetic_interp $how probe-aarch64 synthetic-interp-$how-aarch64 > interp-$how-aarch64
	synthetic_interp $how /bin/true synthetic-interp-$how-native > interp-$how-native
done
if [ -n "$probe" ]; then
relative=$(cat interp-relative-aarch64)
doctor synthetic-interp-relative-aarch64 1 "would fail with No such file or directory: its loader \"$relative\" cannot be opened" \
	"  loader       NO   its loader \"$relative\" (a relative path, opened from the working folder) cannot be opened by qemu from here: No such file or directory"
kernel synthetic-interp-relative-aarch64 > /dev/null
grep -qF "Could not open '$relative': No such file or directory" run.err || fail "qemu: $(cat run.err)"
mkdir -p "$(dirname "$relative")"
cp "$cross_loader" "$relative"
doctor synthetic-interp-relative-aarch64 0 "would run, through qbinfmt-aarch64 ($launcher)" \
	"  loader       ok   its loader \"$relative\" is a relative path: qemu opens it from the working folder of whoever runs the program; from this one it is there"
kernel synthetic-interp-relative-aarch64 > /dev/null
! grep -q "Could not open" run.err || fail "qemu did not find $relative: $(cat run.err)"
# A loader that is there and cannot be loaded: a folder, another
# architecture's program (this machine's own /bin/true).
mv "$relative" loader.kept
mkdir "$relative"
doctor synthetic-interp-relative-aarch64 1 "would fail with Is a directory: its loader \"$relative\" is a folder" \
	"  loader       NO   its loader \"$relative\" is a folder: qemu cannot load it"
kernel synthetic-interp-relative-aarch64 > /dev/null
grep -qF "Is a directory" run.err || fail "qemu: $(cat run.err)"
rmdir "$relative"
cp /bin/true "$relative"
doctor synthetic-interp-relative-aarch64 1 "would fail with Invalid ELF image for this architecture: its loader \"$relative\" is no aarch64 program" \
	"  loader       NO   its loader \"$relative\" is no aarch64 program: qemu cannot load it"
kernel synthetic-interp-relative-aarch64 > /dev/null
grep -qF "Invalid ELF image for this architecture" run.err || fail "qemu: $(cat run.err)"
mv loader.kept "$relative"
rm "$relative"
doctor synthetic-interp-empty-aarch64 1 'would fail with No such file or directory: its loader "" cannot be opened' \
	'  loader       NO   its loader "" (empty) cannot be opened by qemu from here: No such file or directory'
kernel synthetic-interp-empty-aarch64 > /dev/null
grep -qF "Could not open '': No such file or directory" run.err || fail "qemu: $(cat run.err)"
doctor synthetic-interp-unterminated-aarch64 1 "would fail with Invalid PT_INTERP entry: its PT_INTERP is broken: it is not ended by a NUL"
kernel synthetic-interp-unterminated-aarch64 > /dev/null
grep -qF "Invalid PT_INTERP entry" run.err || fail "qemu: $(cat run.err)"
doctor synthetic-interp-long-aarch64 1 "would fail with File name too long: its loader \"/lllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllll...\" cannot be opened"
kernel synthetic-interp-long-aarch64 > /dev/null
grep -qF "File name too long" run.err || fail "qemu: $(cat run.err)"
doctor synthetic-interp-short-aarch64 1 'would fail with No such file or directory: its loader "" cannot be opened'
kernel synthetic-interp-short-aarch64 > /dev/null
grep -qF "Could not open '': No such file or directory" run.err || fail "qemu: $(cat run.err)"
echo "ok a broken PT_INTERP, through qemu"
else
	echo "-- not here: a loader missing or broken, through qemu (no dynamically linked $T program to try)"
fi

relative=$(cat interp-relative-native)
doctor synthetic-interp-relative-native 1 "would fail with No such file or directory: its loader \"$relative\" cannot be opened" \
	"  loader       NO   its loader \"$relative\" (a relative path, opened from the working folder) cannot be opened by the kernel from here: No such file or directory"
[ "$(kernel synthetic-interp-relative-native)" = ENOENT ] || fail "the kernel: $(kernel synthetic-interp-relative-native)"
doctor synthetic-interp-empty-native 1 'would fail with Permission denied: its loader "" cannot be opened' \
	'  loader       NO   its loader "" (empty) cannot be opened by the kernel from here: Permission denied'
[ "$(kernel synthetic-interp-empty-native)" = EACCES ] || fail "the kernel: $(kernel synthetic-interp-empty-native)"
doctor synthetic-interp-short-native 1 "would fail with Exec format error: its PT_INTERP is broken: it is shorter than 2 bytes: the kernel refuses it" \
	'  loader       NO   its PT_INTERP (1 bytes: "") is broken: it is shorter than 2 bytes: the kernel refuses it'
[ "$(kernel synthetic-interp-short-native)" = ENOEXEC ] || fail "the kernel: $(kernel synthetic-interp-short-native)"
doctor synthetic-interp-unterminated-native 1 "would fail with Exec format error: its PT_INTERP is broken: it is not ended by a NUL: the kernel refuses it"
[ "$(kernel synthetic-interp-unterminated-native)" = ENOEXEC ] || fail "the kernel: $(kernel synthetic-interp-unterminated-native)"
doctor synthetic-interp-long-native 1 "would fail with Exec format error: its PT_INTERP is broken: it is longer than PATH_MAX (4096 bytes): the kernel refuses it"
[ "$(kernel synthetic-interp-long-native)" = ENOEXEC ] || fail "the kernel: $(kernel synthetic-interp-long-native)"
echo "ok a broken PT_INTERP, run by the kernel"

# The launcher without a qemu: it exits 127.
rm "/mnt/qbinfmt-qemu/qemu-$T-static"
doctor "hello-$T" 1 "would fail with (the launcher exits 127): the launcher finds no qemu-$T in /mnt/qbinfmt-qemu" \
	"  qemu         NO   the launcher finds no qemu-$T or qemu-$T-static in /mnt/qbinfmt-qemu"
[ "$(kernel "hello-$T")" = "ran 127" ] || fail "the kernel: $(kernel "hello-$T")"
ln -s "$QEMU_T" "/mnt/qbinfmt-qemu/qemu-$T-static"
echo "ok the launcher without a qemu"

# No entry for riscv64: Exec format error, the nearest entry and byte.
doctor hello-riscv64 1 "would fail with Exec format error: no entry matches it: the nearest, qbinfmt-$T, rejects byte 18 (e_machine)" \
	"  entry        NO   none matches; the nearest, qbinfmt-$T, rejects 1 byte, first byte 18 (e_machine): it must be 0x$machine under mask 0xff, the file has 0xf3"
[ "$(kernel hello-riscv64)" = ENOEXEC ] || fail "the kernel: $(kernel hello-riscv64)"
echo "ok no entry: the nearest and its byte"

# hppa binaries carry OSABI 3: an entry demanding 0 turns them away.
"$QBINFMT" --json list | python3 -c '
import json, sys
t = [t for t in json.load(sys.stdin) if t["name"] == "hppa"][0]
mask = bytearray.fromhex(t["mask"]); mask[7] = 0xff
esc = lambda b: "".join("\\x%02x" % x for x in b)
sys.stdout.write(":strict-hppa:M:0:%s:%s:/bin/true:" % (esc(bytes.fromhex(t["magic"])), esc(mask)))' > "$BINFMT_DIR/register"
doctor hello-hppa 1 "would fail with Exec format error: no entry matches it: the nearest, strict-hppa, rejects byte 7 (EI_OSABI)" \
	"  entry        NO   none matches; the nearest, strict-hppa, rejects 1 byte, first byte 7 (EI_OSABI): it must be 0x00 under mask 0xff, the file has 0x03"
[ "$(kernel hello-hppa)" = ENOEXEC ] || fail "the kernel: $(kernel hello-hppa)"
echo -1 > "$BINFMT_DIR/strict-hppa"
# An n32 binary under an o32 entry: the EF_MIPS_ABI2 bit of e_flags.
register_target mips P /bin/true
doctor hello-mipsn32 1 "would fail with Exec format error: no entry matches it: the nearest, qbinfmt-mips, rejects byte 39 (e_flags)"
[ "$(kernel hello-mipsn32)" = ENOEXEC ] || fail "the kernel: $(kernel hello-mipsn32)"
echo -1 > "$BINFMT_DIR/qbinfmt-mips"
echo "ok the header byte: EI_OSABI, e_flags"

# Disabled, and binfmt_misc switched off as a whole.
echo 0 > "$BINFMT_DIR/qbinfmt-$T"
doctor "hello-$T" 1 "would fail with Exec format error: no enabled entry matches: qbinfmt-$T would, but is disabled" \
	"  entry        NO   qbinfmt-$T matches but is disabled (qbinfmt enable, or echo 1 > $BINFMT_DIR/qbinfmt-$T)"
[ "$(kernel "hello-$T")" = ENOEXEC ] || fail "the kernel: $(kernel "hello-$T")"
echo 1 > "$BINFMT_DIR/qbinfmt-$T"
echo 0 > "$BINFMT_DIR/status"
doctor "hello-$T" 1 "would fail with Exec format error: binfmt_misc (switched off) is not there to run it" \
	"  binfmt_misc  NO   this user namespace's own binfmt_misc at $BINFMT_DIR is switched off as a whole (echo 1 > $BINFMT_DIR/status)"
[ "$(kernel "hello-$T")" = ENOEXEC ] || fail "the kernel: $(kernel "hello-$T")"
echo 1 > "$BINFMT_DIR/status"
echo "ok disabled, and switched off"

# An interpreter that is not there: without F, No such file; with F the
# kernel holds it from registration on.
unregister_all
register_target "$T" P /nonexistent/qemu-$T
doctor "hello-$T" 1 "would fail with No such file or directory: qbinfmt-$T's interpreter /nonexistent/qemu-$T is not here (register with --fix-binary)"
[ "$(kernel "hello-$T")" = ENOENT ] || fail "the kernel: $(kernel "hello-$T")"
unregister_all
"$QBINFMT" install --wiring native --fix-binary "$T" > /dev/null
native=$(sed -n 's/^interpreter //p' "$BINFMT_DIR/qbinfmt-$T")
doctor "hello-$T" 0 "would run, through qbinfmt-$T ($native)" \
	"  interpreter  ok   $native, opened by the kernel at registration (F): that file runs, even where this path does not exist"
[ "$(kernel "hello-$T")" = "ran 0" ] || fail "the kernel: $(kernel "hello-$T")"
echo "ok the interpreter, by path and with F"

# The file itself: not executable, a script, this machine's own, none.
cp "hello-$T" no-x
chmod 644 no-x
doctor no-x 1 "would fail with Permission denied: it is not executable"
[ "$(kernel no-x)" = EACCES ] || fail "the kernel: $(kernel no-x)"
cp "$FIXTURES/neg/script.sh" script.sh
doctor script.sh 0 "would run: the kernel runs it itself" \
	"  file         ok   a script (#!): the kernel's script handler runs it unless an entry matches first"
doctor /bin/true 0 "would run: the kernel runs it itself" \
	"  kernel       ok   this machine's own target" \
	"  entry        ok   none matches: the kernel runs it itself"
# Another target of this machine's family: whether the kernel runs it
# itself was tried (i386 on x86_64 runs; aarch64_be on arm64 does not),
# and the kernel agrees.
set -- $("$QBINFMT" --json list | python3 -c '
import json, sys
print(" ".join("%s %s" % (t["name"], t["host"]) for t in json.load(sys.stdin) if t["host"] in ("native", "refused")))')
while [ $# -ge 2 ]; do
	sibling=$1 runs=$2
	shift 2
	[ -f "$FIXTURES/bin/hello-$sibling" ] || continue
	cp "$FIXTURES/bin/hello-$sibling" .
	if [ "$runs" = native ]; then
		doctor "hello-$sibling" 0 "would run: the kernel runs it itself" \
			"  kernel       ok   tried: the kernel here runs $sibling programs itself"
		[ "$(kernel "hello-$sibling")" = "ran 0" ] || fail "the kernel: $(kernel "hello-$sibling")"
	else
		# (the nearest entry, qbinfmt-$T, and its byte depend on which)
		status=0
		"$QBINFMT" doctor "hello-$sibling" > out 2> err || status=$?
		[ "$status" = 1 ] || fail "doctor hello-$sibling: exit $status: $(cat out err)"
		case $(head -n 1 out) in
		"hello-$sibling: would fail with Exec format error: no entry matches it: the nearest, qbinfmt-$T, rejects byte "*) ;;
		*) fail "doctor hello-$sibling: $(cat out)" ;;
		esac
		grep -qxF "  kernel       NO   tried: the kernel here refuses $sibling programs (Exec format error): only an entry can run it" out ||
			fail "doctor hello-$sibling: $(cat out)"
		[ "$(kernel "hello-$sibling")" = ENOEXEC ] || fail "the kernel: $(kernel "hello-$sibling")"
	fi
	echo "ok $sibling: $runs here, as the kernel says"
done
# Neither ELF nor #!, and no entry: execve() refuses it (a shell then
# runs it as a script itself), whatever its size.
: > empty-file
printf 'echo hi\n' > no-shebang
printf '\177ELF' > elf-magic-only
chmod 755 empty-file no-shebang elf-magic-only
for f in empty-file no-shebang elf-magic-only; do
	doctor $f 1 "would fail with Exec format error: neither an ELF program nor a #! script, and no entry matches it"
	[ "$(kernel $f)" = ENOEXEC ] || fail "the kernel, $f: $(kernel $f)"
done
status=0
"$QBINFMT" doctor /nonexistent > out 2> err || status=$?
[ "$status" = 3 ] && grep -qxF "/nonexistent: cannot be read: No such file or directory" out ||
	fail "doctor /nonexistent: $status $(cat out err)"
mkfifo fifo
status=0
timeout 5 "$QBINFMT" doctor fifo > out 2> err || status=$?
[ "$status" = 3 ] && grep -qxF "fifo: cannot be read: not a regular file" out || fail "doctor fifo: $status $(cat out err)"
echo "ok the file: not executable, a script, native, neither ELF nor script, missing, a FIFO"

# A file shorter than the ELF header: the kernel matches it zero-filled,
# so it has a target and an entry, and then cannot be loaded.
unregister_all
register_target "$T" P "$launcher"
head -c 20 "hello-$T" > short-20
chmod 755 short-20
doctor short-20 1 "would fail with Exec format error: its ELF header or program headers are cut short" \
	"  file         ok   ELF, $T, 64-bit little-endian, ET_EXEC, OSABI 0, ABI version 0; only 20 bytes, short of its 64-byte ELF header: entries see the rest as zeros, as the kernel reads it" \
	"  entry        ok   qbinfmt-$T (qemu) matches" \
	"  loader       NO   its ELF header or program headers are cut short or invalid: qemu cannot load it"
[ "$(kernel short-20)" = "ran 1" ] || fail "the kernel: $(kernel short-20)"
echo "ok a file shorter than its ELF header"

# Execute-only for its user (here root without the capabilities that read
# any file): doctor cannot read it, the kernel can, and with O hands the
# file open to qemu registered itself; the launcher must reopen it.
cp "hello-$T" exec-only
chmod 111 exec-only
as="setpriv --bounding-set -dac_override,-dac_read_search"
status=0
$as "$QBINFMT" doctor exec-only > out 2> err || status=$?
[ "$status" = 3 ] || fail "doctor exec-only: exit $status: $(cat out err)"
cat > want << 'END'
exec-only: cannot be read, only run (Permission denied): the kernel still reads its header to pick an entry, but only qemu registered itself with O (open-binary) gets the file open from the kernel; without O, or through the launcher, qemu cannot open it
  file         NO   execute-only for this user: which entry matches cannot be seen
  entry        NO   no enabled entry here registers qemu itself with O: qemu could not open the file whichever entry matches (qbinfmt install --wiring native -O)
END
compare want out
[ "$(kernel exec-only)" != "ran 0" ] || fail "the kernel ran exec-only through the launcher without O"
unregister_all
register_target "$T" O "$QEMU_T"
$as "$QBINFMT" doctor exec-only > out 2> err || true
grep -qxF "  entry        ok   entries registering qemu itself with O, which run it: qbinfmt-$T" out ||
	fail "doctor exec-only with O: $(cat out err)"
[ "$(kernel exec-only)" = "ran 0" ] || fail "the kernel, qemu with O: $(kernel exec-only)"
as=
echo "ok an execute-only file"

# No binfmt_misc at all (a folder that is none).
mkdir empty
status=0
"$QBINFMT" --binfmt-dir empty doctor "hello-$T" > out || status=$?
[ "$status" = 1 ] && grep -qxF "  binfmt_misc  NO   no binfmt_misc is mounted at empty: no entry is asked" out ||
	fail "doctor without binfmt_misc: $(cat out)"
echo "ok no binfmt_misc"
