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
ENTRY                STATE    FLAGS TARGET       OURS INTERPRETER
jar                  disabled -     -            -    /usr/bin/jexec
qemu-s390x           enabled  OCF   aarch64_be,mips64,ppc64,s390x,sparc64 -    /usr/bin/qemu-s390x
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
printf 'hello-s390x\tqemu-s390x\t/usr/bin/qemu-s390x\tthe one enabled entry that matches\nhello-aarch64\t-\t-\tno enabled entry matches\na.jar\t-\t-\tno enabled entry matches; jar matches but is disabled\n' > want
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
