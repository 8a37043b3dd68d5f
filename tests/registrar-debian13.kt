#!/bin/sh
# qbinfmt beside Debian 13's own registrations (qemu-user-binfmt's
# /usr/lib/binfmt.d files, tests/data/debian13): status, find and import
# read them, qbinfmt install refuses to take their files without --force
# and with it registers alongside, find says which
# entry the kernel picks and why, and remove --all leaves Debian's alone.
. "$top_srcdir/tests/lib.sh"
require_sandbox
cd "$tmp"
debian=$top_srcdir/tests/data/debian13/binfmt.d

# Debian 13's interpreters, /usr/libexec/qemu-binfmt/T-binfmt-P, are links
# to its static qemu-T: made here, in this test's own mount namespace,
# to whichever static qemu this machine has.
mount -t tmpfs qbinfmt-libexec /usr/libexec
mkdir /usr/libexec/qemu-binfmt
"$QBINFMT" --json list | python3 -c '
import json, os, sys
for t in json.load(sys.stdin):
    if t["qemu_static"]:
        os.symlink(t["qemu_static"], "/usr/libexec/qemu-binfmt/%s-binfmt-P" % t["name"])'
# What this machine's qemu has of Debian's 31 (all of them, with qemu 7.2
# or 10.0), as the kernel would take them: register, then read back.
"$QBINFMT" import "$debian" > out || fail "import: $(cat out)"
count=$(ls "$debian" | wc -l)
[ "$(grep -c ' installed ' out)" = "$count" ] || fail "import: $(cat out)"
"$QBINFMT" --json status > status.json
python3 - status.json "$count" << 'PY' || fail "status: $(cat status.json)"
import json, sys
s = json.load(open(sys.argv[1]))
e = {x["name"]: x for x in s["entries"]}
assert len(e) == int(sys.argv[2]), sorted(e)
a = e["qemu-aarch64"]
assert a["flags"] == "POF" and not a["ours"], a
assert a["interpreter"] == "/usr/libexec/qemu-binfmt/aarch64-binfmt-P", a
assert a["targets"] == "aarch64", a
assert e["qemu-microblaze"]["targets"] == "-", e["qemu-microblaze"]
PY
"$FIXTURES/bin/hello-aarch64" x | sed -n 3p | grep -qx x || fail "Debian's entry does not run hello-aarch64"
echo "ok Debian 13's entries imported and read"

# qbinfmt's own would take their files from Debian's: refused, saying how
# to choose; with --force registered later, and the kernel picks them.
status=0
"$QBINFMT" install aarch64 > out 2> err || status=$?
[ "$status" = 1 ] || fail "install beside Debian's: exit $status"
echo "qbinfmt: install aarch64: these files go to qemu-aarch64 (qemu) now: qbinfmt-aarch64, registered after, would take them (the kernel asks the newest registration first): --force to take them, or disable qemu-aarch64 first (qbinfmt disable --force qemu-aarch64)" > want
compare want err
[ ! -e "$BINFMT_DIR/qbinfmt-aarch64" ] || fail "registered beside Debian's without --force"
"$QBINFMT" install --all --force > out 2> err || fail "install --all beside Debian's: $(cat out err)"
grep -q "^qbinfmt: install: entry qemu-aarch64 also matches aarch64 binaries; the kernel runs the newest registration matching a file$" err ||
	fail "no word of Debian's aarch64 entry: $(cat err)"
"$QBINFMT" find "$FIXTURES/bin/hello-aarch64" > out
printf '%s\tqbinfmt-aarch64\t%s\tqemu, the newest of 2 enabled entries that match: the kernel asks the newest registration first; also qemu-aarch64 (qemu)\n' \
	"$FIXTURES/bin/hello-aarch64" "$(sed -n 's/^interpreter //p' "$BINFMT_DIR/qbinfmt-aarch64")" > want
compare want out
"$FIXTURES/bin/hello-aarch64" y | sed -n 3p | grep -qx y || fail "hello-aarch64 through qbinfmt's entry"
# Disabled, qbinfmt's steps aside: Debian's runs it, and find says both.
"$QBINFMT" disable aarch64 > /dev/null
"$QBINFMT" find "$FIXTURES/bin/hello-aarch64" | cut -f 2,4 > out
printf 'qemu-aarch64\tqemu, the one enabled entry that matches; qbinfmt-aarch64 (qemu) matches but is disabled\n' > want
compare want out
"$QBINFMT" --json find "$FIXTURES/bin/hello-aarch64" | python3 -c '
import json, sys
r = json.load(sys.stdin)[0]
assert r["entry"] == "qemu-aarch64" and r["matches"] == ["qemu-aarch64"], r
assert r["disabled_matches"] == ["qbinfmt-aarch64"], r' || fail "find --json"
"$QBINFMT" enable aarch64 > /dev/null
echo "ok install --all beside Debian's; find says which entry and why"

# elfprobe lint of the mount as it is: Debian's entries shadowed by ours.
"$ELFPROBE" lint --table live > lint.out || true
grep -q "qbinfmt-aarch64 .*some files match both this entry and qemu-aarch64 " lint.out || fail "lint does not pair Debian's and qbinfmt's aarch64 entries: $(cat lint.out)"
echo "ok elfprobe lint reads the mixed mount"

# remove --all takes ours back, Debian's stay as they were.
"$QBINFMT" remove --all > /dev/null
[ -z "$(ls "$BINFMT_DIR" | grep '^qbinfmt-')" ] || fail "remove --all left some of ours"
[ "$(ls "$BINFMT_DIR" | grep -c '^qemu-')" = "$count" ] || fail "remove --all touched Debian's: $(ls "$BINFMT_DIR")"
grep -qx 'flags: POF' "$BINFMT_DIR/qemu-aarch64" || fail "Debian's aarch64 entry changed"
echo "ok remove --all leaves Debian's entries alone"
