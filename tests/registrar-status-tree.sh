#!/bin/sh
# qbinfmt status, find and doctor on a fake binfmt_misc tree (--binfmt-dir): the
# core's live reader (table_load) as the registrar uses it.  A fake tree is
# taken in name order (oldest first), whatever filesystem it is on.  A status file
# the kernel would never write is reported FILE:LINE and skipped, with exit
# status 3; a mount switched off as a whole runs nothing.
. "$top_srcdir/tests/lib.sh"

cp -R "$top_srcdir/tests/data/elfprobe/live" "$tmp/live"
cp "$FIXTURES/bin/hello-s390x" "$FIXTURES/bin/hello-aarch64" "$tmp/"
touch "$tmp/a.jar"
cd "$tmp"

status=0
"$QBINFMT" --binfmt-dir ./live status > out 2> err || status=$?
[ "$status" = 3 ] || fail "status with a garbled entry: exit $status, want 3"
cat > want << 'END'
./live: binfmt_misc enabled, 2 entries (oldest first)
ENTRY                STATE    FLAGS TARGET       OURS EMULATOR INTERPRETER
jar                  disabled -     -            -    -        /usr/bin/jexec
qemu-s390x           enabled  OCF   aarch64_be,mips64,ppc64,s390x,sparc64 -    qemu     /usr/bin/qemu-s390x
END
compare want out
cat > want << 'END'
qbinfmt: status: ./live/garbled:3: not an entry status file the kernel writes: "flags: Z"
END
compare want err

# JSON carries the same entries; the warning stays on stderr.
"$QBINFMT" --binfmt-dir ./live --json status 2> /dev/null > out || true
python3 -c '
import json, sys
s = json.load(open("out"))
assert s["enabled"] is True, s
assert [(e["name"], e["enabled"]) for e in s["entries"]] == [("jar", False), ("qemu-s390x", True)], s
' || fail "status --json"

# The s390x entry (enabled) runs hello-s390x; nothing runs hello-aarch64;
# the .jar entry is disabled.
"$QBINFMT" --binfmt-dir ./live find hello-s390x hello-aarch64 a.jar > out
printf 'hello-s390x\tqemu-s390x\t/usr/bin/qemu-s390x\tqemu, the one enabled entry that matches\nhello-aarch64\t-\t-\tno enabled entry matches\na.jar\t-\t-\tno enabled entry matches; jar matches but is disabled\n' > want
compare want out

# doctor cannot tell while a file of the mount is no entry it can read:
# that one may be the entry that matches.
status=0
"$QBINFMT" --binfmt-dir ./live doctor hello-s390x > out 2> err || status=$?
[ "$status" = 3 ] || fail "doctor with a garbled entry: exit $status, want 3"
cat > want << 'END'
hello-s390x: cannot tell: ./live/garbled:3: not an entry status file the kernel writes: "flags: Z" (an entry it cannot read may be the one that matches)
  binfmt_misc  NO   1 of its files could not be read as entries, the first ./live/garbled:3: not an entry status file the kernel writes: "flags: Z"
END
sed -n '1p; /binfmt_misc  NO/p' out > got
compare want got

# Switched off: status says so, find picks nothing.
echo disabled > live/status
"$QBINFMT" --binfmt-dir ./live status 2> /dev/null | head -1 > out || true
echo './live: binfmt_misc DISABLED, 2 entries (oldest first)' > want
compare want out
"$QBINFMT" --binfmt-dir ./live find hello-s390x > out
printf 'hello-s390x\t-\t-\tbinfmt_misc is switched off as a whole (its status file says disabled)\n' > want
compare want out

# Not a mount at all.
rm live/register
status=0
"$QBINFMT" --binfmt-dir ./live status > out 2> err || status=$?
[ "$status" = 3 ] || fail "status on a folder without register: exit $status, want 3"
echo 'qbinfmt: status: ./live is not a binfmt_misc mount (as root: mount -t binfmt_misc binfmt_misc ./live; without root: qbinfmt sandbox, or qbinfmt podman for containers)' > want
compare want err
[ ! -s out ] || fail "status wrote to stdout on error"
echo "ok status and find on a fake tree"

# Other emulators' entries, as their projects register them
# (tests/data/emulators): status names each, find says which one the
# kernel runs for an x86_64 and an i386 program and why (the tree is
# taken in name order, oldest first: rosetta is the newest that matches
# x86_64 programs), and remove --all touches none of them.
cp -R "$top_srcdir/tests/data/qbinfmt/emulators" ./emulators
cp "$FIXTURES/bin/hello-x86_64" "$FIXTURES/bin/hello-i386" .
"$QBINFMT" --binfmt-dir ./emulators status > out
cat > want << 'END'
./emulators: binfmt_misc enabled, 6 entries (oldest first)
ENTRY                STATE    FLAGS TARGET       OURS EMULATOR INTERPRETER
FEX-x86              enabled  POCF  i386         -    FEX-Emu  /usr/bin/FEX
FEX-x86_64           enabled  POCF  x86_64       -    FEX-Emu  /usr/bin/FEX
box64                enabled  -     x86_64       -    box64    /usr/local/bin/box64
qemu-x86_64          disabled POF   x86_64       -    qemu     /usr/libexec/qemu-binfmt/x86_64-binfmt-P
rosetta              enabled  OCF   x86_64       -    Rosetta  /mnt/lima-rosetta/rosetta
x86                  enabled  -     i386         -    box86    /usr/local/bin/box86
END
compare want out
"$QBINFMT" --binfmt-dir ./emulators --json status | python3 -c '
import json, sys
s = json.load(sys.stdin)
got = [(e["name"], e["emulator"], e["ours"]) for e in s["entries"]]
assert got == [("FEX-x86", "FEX-Emu", False), ("FEX-x86_64", "FEX-Emu", False), ("box64", "box64", False),
               ("qemu-x86_64", "qemu", False), ("rosetta", "Rosetta", False), ("x86", "box86", False)], got
' || fail "status --json of other emulators"
"$QBINFMT" --binfmt-dir ./emulators find hello-x86_64 hello-i386 > out
cat > want << 'END'
hello-x86_64	rosetta	/mnt/lima-rosetta/rosetta	Rosetta, the newest of 3 enabled entries that match: the kernel asks the newest registration first; also box64 (box64), FEX-x86_64 (FEX-Emu); qemu-x86_64 (qemu) matches but is disabled
hello-i386	x86	/usr/local/bin/box86	box86, the newest of 2 enabled entries that match: the kernel asks the newest registration first; also FEX-x86 (FEX-Emu)
END
compare want out
"$QBINFMT" --binfmt-dir ./emulators --json find hello-x86_64 | python3 -c '
import json, sys
r = json.load(sys.stdin)[0]
assert r["entry"] == "rosetta" and r["emulator"] == "Rosetta", r
assert r["matches"] == ["rosetta", "box64", "FEX-x86_64"] and r["disabled_matches"] == ["qemu-x86_64"], r
' || fail "find --json among other emulators"
status=0
"$QBINFMT" --binfmt-dir ./emulators --dry-run remove --all > out 2> err || status=$?
[ "$status" = 0 ] && [ ! -s out ] && [ ! -s err ] || fail "remove --all among other emulators: $status $(cat out err)"
diff -r "$top_srcdir/tests/data/qbinfmt/emulators" ./emulators || fail "the emulators' tree changed"
echo "ok other emulators' entries: named, which one wins, left alone"
