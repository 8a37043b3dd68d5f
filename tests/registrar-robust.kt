#!/bin/sh
# What a hostile run found, each a check that failed before: output that
# cannot be written, a FIFO given to find, 300 entries for --all, a killed
# export's temporary files, names that are not UTF-8 or hold terminal
# commands, an import the kernel refuses halfway, another's entry of the
# same name, a NUL in a Debian value, no /proc for the host check, an
# extension entry beside a magic one, and entries that cannot be read.
. "$top_srcdir/tests/lib.sh"
require_sandbox
cd "$tmp"

# fails STATUS COMMAND...: that exit status, and something on stderr
# ($tmp/err); stdout to $tmp/out, or where FAILS_OUT says.
fails() {
	want=$1
	shift
	status=0
	"$@" > "${FAILS_OUT:-out}" 2> err || status=$?
	[ "$status" = "$want" ] || fail "$*: exit $status, want $want: $(cat err)"
	[ "$(wc -l < err)" -ge 1 ] || fail "$*: said nothing"
}

# 1. Output that cannot be written: exit 1, one line, whatever the command.
FAILS_OUT=/dev/full fails 1 "$QBINFMT" install arm64
grep -qx 'qbinfmt: cannot write the output: No space left on device' err || fail "install > /dev/full: $(cat err)"
FAILS_OUT=/dev/full fails 1 "$QBINFMT" status
FAILS_OUT=/dev/full fails 1 "$QBINFMT" --json status
FAILS_OUT=/dev/full fails 1 "$QBINFMT" find "$FIXTURES/bin/hello-aarch64"
grep -qx 'qbinfmt: cannot write the output: No space left on device' err || fail "find > /dev/full: $(cat err)"
# ...and a full disk: export writes each file whole or not at all.
mkdir full
mount -t tmpfs -o size=8k qbinfmt-full full
dd if=/dev/zero of=full/filler bs=1k count=64 2> /dev/null || true
fails 1 "$QBINFMT" export --format binfmt.d --output-dir full arm64 riscv64
grep -q "^qbinfmt: export aarch64: cannot write full/qbinfmt-aarch64.conf: No space left on device$" err ||
	fail "export to a full disk: $(cat err)"
[ "$(ls -A full)" = filler ] || fail "export to a full disk left: $(ls -A full)"
umount full
echo "ok 1. unwritable output and a full disk are failures"

# 2. A FIFO: refused at once, not waited on.
mkfifo fifo
status=0
timeout 5 "$QBINFMT" find fifo > out 2> err || status=$?
[ "$status" = 3 ] || fail "find FIFO: exit $status (124: it hung)"
grep -qx 'qbinfmt: find: fifo: not a regular file (the kernel runs nothing else)' err || fail "find FIFO: $(cat err)"
echo "ok 2. find refuses a FIFO"

# 6. 300 of our entries: --all means all of them.
for i in $(seq 1 300); do printf ':qbinfmt-x%s:E::x%s::/bin/true:' "$i" "$i" > "$BINFMT_DIR/register"; done
"$QBINFMT" disable --all > out || fail "disable --all of 300"
[ "$(grep -c '^qbinfmt-x[0-9]* *disabled ' out)" = 300 ] || fail "disable --all: $(grep -c '^qbinfmt-x[0-9]* *disabled ' out) of 300"
"$QBINFMT" remove --all > out || fail "remove --all of 300"
[ -z "$(ls "$BINFMT_DIR" | grep '^qbinfmt-')" ] || fail "remove --all left $(ls "$BINFMT_DIR" | grep -c '^qbinfmt-')"
echo "ok 6. remove and disable --all take 300 entries"

# 7. A killed export's temporary file is never read by import.
mkdir exported
"$QBINFMT" export --format debian --output-dir exported arm64 > /dev/null
cp exported/qbinfmt-aarch64 exported/.qbinfmt-riscv64.4242.tmp
printf 'package qbinfmt\ninterp' > exported/.qbinfmt-s390x.4243.tmp
"$QBINFMT" import exported > out || fail "import beside temporary files: $(cat out)"
[ "$(cat out | wc -l)" = 1 ] && grep -q '^qbinfmt-aarch64 *installed' out || fail "import read temporary files: $(cat out)"
"$QBINFMT" remove --all > /dev/null
echo "ok 7. import skips hidden (temporary) files"

# 8. Names that are not UTF-8 and names that hold terminal commands.
printf ':\377\376-bad:E::zz1::/bin/true:' > "$BINFMT_DIR/register"
printf ':red\033[31m:E::zz2::/bin/true:' > "$BINFMT_DIR/register"
"$QBINFMT" --json status > status.json
python3 - status.json << 'PY' || fail "status --json is not JSON: $(cat status.json)"
import json, sys
names = sorted(e["name"] for e in json.load(open(sys.argv[1], encoding="utf-8", errors="strict"))["entries"])
assert names == ["red\x1b[31m", "\ufffd\ufffd-bad"], names
PY
"$QBINFMT" status > out
grep -q '^\\xff\\xfe-bad ' out || fail "plain status shows raw bytes: $(cat -v out)"
grep -q '^red\\x1b\[31m ' out || fail "plain status shows an escape sequence: $(cat -v out)"
! grep -q "$(printf '\033')" out || fail "an escape character reached the terminal"
touch "$(printf 'file\377.zz1')"
"$QBINFMT" --json find "$(printf 'file\377.zz1')" | python3 -c 'import json, sys; json.load(sys.stdin)' ||
	fail "find --json of a name that is not UTF-8"
echo -1 > "$BINFMT_DIR/$(printf '\377\376-bad')"
echo -1 > "$BINFMT_DIR/$(printf 'red\033[31m')"
# Lines naming a file on stderr, quoted the same way: import's FILE:LINE
# problems and the kernel's warnings, from a file whose name holds a
# newline and an escape sequence.
conf=$(printf 'imp\nort\033[31m.conf')
printf ':zz-warn:M::\\x01\\x03:\\xff\\x00:/bin/true:\n:bad\n' > "$conf"
fails 3 "$QBINFMT" import "$conf"
cat > want << 'END'
qbinfmt: import: imp\x0aort\x1b[31m.conf:2: register string: shorter than the 11 bytes the kernel requires: ":bad"
qbinfmt: import: 1 problem(s) in the input; nothing registered
END
compare want err
printf ':zz-warn:M::\\x01\\x03:\\xff\\x00:/bin/true:\n' > "$conf"
"$QBINFMT" import "$conf" > out 2> err || fail "import: $(cat err)"
cat > want << 'END'
qbinfmt: import: imp\x0aort\x1b[31m.conf:1: zz-warn: magic has bits set where the mask is 0: the kernel ignores them
END
compare want err
echo -1 > "$BINFMT_DIR/zz-warn"
echo "ok 8. JSON stays JSON, terminals see no commands"

# 10. All or nothing: the kernel refuses the second entry (F with an
# interpreter that does not exist), the first is taken back.
printf ':imp-one:E::imp1::/bin/true:\n:imp-two:E::imp2::/nonexistent/interp:F\n' > two.conf
fails 1 "$QBINFMT" import two.conf
[ ! -e "$BINFMT_DIR/imp-one" ] || fail "import left the first entry registered"
grep -q '^imp-one *rolled back' out && grep -q '^imp-two *failed' out || fail "import rows: $(cat out)"
# Another's entry of the same name: replaced only with --force.
printf ':imp-one:E::theirs::/bin/true:' > "$BINFMT_DIR/register"
printf ':imp-one:E::mine::/bin/true:\n' > one.conf
fails 1 "$QBINFMT" import one.conf
grep -q '^qbinfmt: import imp-one: an entry imp-one not installed by qbinfmt is registered; --force replaces it$' err ||
	fail "import over another's entry: $(cat err)"
grep -qx 'extension .theirs' "$BINFMT_DIR/imp-one" || fail "import replaced another's entry"
"$QBINFMT" import --force one.conf > /dev/null || fail "import --force"
grep -qx 'extension .mine' "$BINFMT_DIR/imp-one" || fail "import --force did not replace"
echo -1 > "$BINFMT_DIR/imp-one"
# A NUL inside a Debian value: refused like one in a register string.
mkdir deb
printf 'package x\ninterpreter /bin/true\nextension ab\000cd\n' > deb/nul
fails 3 "$QBINFMT" import deb
grep -q '^qbinfmt: import: deb/nul:3: extension: a NUL byte inside the value$' err || fail "Debian NUL: $(cat err)"
[ -z "$(ls "$BINFMT_DIR" | grep -v -x -e register -e status)" ] || fail "a NUL line registered something"
echo "ok 10. import all or nothing, another's entry kept, a NUL refused"

# 11. No /proc (so no /proc/self/exe for the host check): import works.
mkdir bm
mount -t binfmt_misc qbinfmt-bm bm
unshare --mount sh -c 'mount -t tmpfs no-proc /proc && exec "$1" --binfmt-dir "$2" import "$3"' sh \
	"$QBINFMT" "$tmp/bm" "$tmp/one.conf" > out 2> err || fail "import without /proc: $(cat err)"
grep -qx 'extension .mine' bm/imp-one || fail "import without /proc registered nothing"
echo -1 > bm/imp-one
umount bm
echo "ok 11. import without /proc/self/exe"

# 12. An extension entry beside ours: said as what it is.
printf ':zz-ext:E::qqq::/bin/true:' > "$BINFMT_DIR/register"
"$QBINFMT" install arm64 > out 2> err || fail "install: $(cat err)"
grep -qx "qbinfmt: install: entry zz-ext runs every file named \*.qqq, aarch64 binaries too; the kernel runs the newest registration matching a file" err ||
	fail "extension overlap: $(cat err)"
echo "ok 12. an extension entry is named as one"

# 13. Entries that cannot be read (too low a descriptor limit to open
# them): exit 3 with the cause, never "0 entries" or "absent", and
# nothing changed.
unregister_all
register_target aarch64 P /bin/true
register_target riscv64 P /bin/true
cp "$FIXTURES/bin/hello-aarch64" .
# LIMIT COMMAND: the lowest limit that still lets COMMAND open the mount
# (writers and doctor hold its lock first; status and find do not).
while read -r limit command; do
	status=0
	(ulimit -S -n "$limit" && exec "$QBINFMT" $command) > out 2> err || status=$?
	[ "$status" = 3 ] || fail "$command, ulimit -n $limit: exit $status: $(cat out err)"
	grep -qx "qbinfmt: ${command%% *}: cannot read $BINFMT_DIR: Too many open files" err ||
		fail "$command, ulimit -n $limit: $(cat err)"
done << 'END'
5 doctor hello-aarch64
4 find hello-aarch64
4 status
5 remove arm64
5 remove --all
5 disable --all
5 enable --all
END
head -1 "$BINFMT_DIR/qbinfmt-aarch64" "$BINFMT_DIR/qbinfmt-riscv64" | grep -c '^enabled$' > out
[ "$(cat out)" = 2 ] || fail "an entry changed while it could not be read"
unregister_all
echo "ok 13. unreadable entries are an error, not absent"
