#!/bin/sh
# Other emulators' entries beside qbinfmt's, in a private binfmt_misc:
# FEX-Emu's, box64's and Rosetta's register strings as their projects
# ship them (tests/data/emulators), and Debian's qemu-x86_64 switched off.
# status names each emulator, find and doctor say which entry the kernel
# runs (checked by running: each interpreter is a stand-in of the same
# file name, this machine's hello, which prints the path it was run by:
# a script cannot stand in, since with O the kernel runs none), install
# neither takes their files nor
# lets them take its own without --force, and remove --all leaves them.
# Their strings are for x86_64; where that is this machine's own target
# (they would capture every program here) e_machine is made that of
# another family's target, the rest theirs; on the arm64 test machine
# they go in as they are.
. "$top_srcdir/tests/lib.sh"
require_sandbox
cd "$tmp"

target=$(foreign_target)
cp "$FIXTURES/bin/hello-$target" .
mkdir bin
for interpreter in FEX box64 rosetta x86_64-binfmt-P; do
	cp "$FIXTURES/bin/hello-$(host_target)" "bin/$interpreter"
done
# ran_by: the interpreter the kernel ran hello-$target with.
ran_by() {
	"./hello-$target" | sed -n 2p
}
# theirs CONF: the project's line, for $target, with the stand-in.
theirs() {
	"$QBINFMT" --json list | python3 -c '
import json, re, sys
conf, target, bindir = sys.argv[1:]
t = [t for t in json.load(sys.stdin) if t["name"] == target][0]
name, kind, offset, magic, mask, interpreter, flags = open(conf).read().strip().split(":")[1:]
machine = "\\x%02x\\x%02x" % (t["machine"] & 0xff, t["machine"] >> 8)
magic = re.sub(r"\\x3e\\x00$", lambda m: machine, magic)
print(":".join(["", name, kind, offset, magic, mask, bindir + "/" + interpreter.split("/")[-1], flags]), end="")
' "$top_srcdir/tests/data/emulators/$1.conf" "$target" "$tmp/bin"
}
# Oldest first: FEX, box64, Debian's qemu (switched off), Rosetta.
for conf in FEX-x86_64 box64 qemu-x86_64 rosetta; do
	theirs "$conf" > "$conf.reg"
	cat "$conf.reg" > "$BINFMT_DIR/register" || fail "registering $conf: $(cat "$conf.reg")"
done
echo 0 > "$BINFMT_DIR/qemu-x86_64"

# status: each one's emulator.
"$QBINFMT" status | awk 'NR > 2 { print $1, $6 }' > got
cat > want << 'END'
FEX-x86_64 FEX-Emu
box64 box64
qemu-x86_64 qemu
rosetta Rosetta
END
compare want got
echo "ok status names each emulator"

# find and doctor: the newest registration wins, and the kernel agrees.
printf 'hello-%s\trosetta\t%s/bin/rosetta\tRosetta, the newest of 3 enabled entries that match: the kernel asks the newest registration first; also box64 (box64), FEX-x86_64 (FEX-Emu); qemu-x86_64 (qemu) matches but is disabled\n' \
	"$target" "$tmp" > want
"$QBINFMT" find "hello-$target" > got
compare want got
[ "$(ran_by)" = "$tmp/bin/rosetta" ] || fail "the kernel ran: $(ran_by)"
"$QBINFMT" doctor "hello-$target" > got || fail "doctor: $(cat got)"
[ "$(head -n 1 got)" = "hello-$target: would run, through rosetta ($tmp/bin/rosetta)" ] || fail "doctor: $(cat got)"
grep -qxF "  entry        ok   rosetta (Rosetta) matches, the newest of the 3 that do: the kernel asks the newest registration first, so it wins over box64 (box64), FEX-x86_64 (FEX-Emu)" got ||
	fail "doctor's entry: $(cat got)"
echo "ok find and doctor say which one wins"

# install: refused, with the ways out; with --force registered after
# them, and then the kernel runs qbinfmt's.
status=0
"$QBINFMT" install "$target" > out 2> err || status=$?
[ "$status" = 1 ] || fail "install among them: exit $status"
echo "qbinfmt: install $target: these files go to rosetta (Rosetta), box64 (box64), FEX-x86_64 (FEX-Emu) now: qbinfmt-$target, registered after, would take them (the kernel asks the newest registration first): --force to take them, or disable rosetta first (qbinfmt disable --force rosetta)" > want
compare want err
[ ! -e "$BINFMT_DIR/qbinfmt-$target" ] || fail "registered without --force"
"$QBINFMT" install --force "$target" > out 2> err || fail "install --force: $(cat out err)"
grep -q "^$target *installed " out || fail "install --force: $(cat out)"
grep -qxF "qbinfmt: install: entry rosetta also matches $target binaries; the kernel runs the newest registration matching a file" err ||
	fail "install --force said nothing of rosetta: $(cat err)"
[ "$("$QBINFMT" find "hello-$target" | cut -f 2)" = "qbinfmt-$target" ] || fail "find after --force"
[ "$(ran_by)" = "./hello-$target" ] || fail "the kernel runs $(ran_by), not qemu"
echo "ok install refuses to shadow them, --force does"

# Registered again after ours, Rosetta shadows it: install says so, and
# --force puts ours after it.
echo -1 > "$BINFMT_DIR/rosetta"
cat rosetta.reg > "$BINFMT_DIR/register"
status=0
"$QBINFMT" install "$target" > out 2> err || status=$?
[ "$status" = 1 ] || fail "install shadowed: exit $status"
echo "qbinfmt: install $target: qbinfmt-$target is there, but its files go to rosetta (Rosetta), registered after it (the kernel asks the newest registration first): --force registers qbinfmt-$target again, after them, or disable rosetta (qbinfmt disable --force rosetta)" > want
compare want err
[ "$(ran_by)" = "$tmp/bin/rosetta" ] || fail "rosetta does not run it: $(ran_by)"
"$QBINFMT" install --force "$target" > out 2>&1 || fail "install --force again: $(cat out)"
[ "$("$QBINFMT" find "hello-$target" | cut -f 2)" = "qbinfmt-$target" ] || fail "find after the second --force"
echo "ok install refuses to be shadowed, --force registers it again"

# The other way out: theirs switched off, nothing is in the way.
"$QBINFMT" remove "$target" > /dev/null
"$QBINFMT" disable --force rosetta box64 FEX-x86_64 > /dev/null
"$QBINFMT" install "$target" > out 2> err || fail "install with theirs disabled: $(cat out err)"
[ ! -s err ] || fail "install with theirs disabled said: $(cat err)"
# remove --all: ours only.
"$QBINFMT" remove --all > /dev/null
ls "$BINFMT_DIR" | grep -v -x -e register -e status | sort | tr '\n' ' ' > got
[ "$(cat got)" = "FEX-x86_64 box64 qemu-x86_64 rosetta " ] || fail "after remove --all: $(cat got)"
echo "ok remove --all leaves them"
