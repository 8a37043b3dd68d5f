#!/bin/sh
# The launcher's own failures, each with its exact message and status,
# and the argv and environment it hands qemu (seen by a stand-in qemu).
. "$top_srcdir/tests/lib.sh"
require_sandbox
private_qemu_dir
cd "$FIXTURES"
launch=$TEST_LAUNCHER_DIR/qemu-aarch64-binfmt-P
register_target aarch64 P "$launch"

# No qemu at all: 127 and a hint.
set +e
bin/hello-aarch64 2> "$tmp/err"; status=$?
set -e
[ "$status" -eq 127 ] || fail "missing qemu: exit $status"
cat > "$tmp/expect" <<'EOS'
qbinfmt-launch: aarch64: no qemu-aarch64 or qemu-aarch64-static in /mnt/qbinfmt-qemu (nor a static one through /proc/1/root): is qemu-user installed, and visible inside this chroot or container?
EOS
compare "$tmp/expect" "$tmp/err"
echo "ok missing qemu"

# A qemu that is not executable: 126 naming it.
touch /mnt/qbinfmt-qemu/qemu-aarch64-static
chmod 644 /mnt/qbinfmt-qemu/qemu-aarch64-static
set +e
bin/hello-aarch64 2> "$tmp/err"; status=$?
set -e
[ "$status" -eq 126 ] || fail "unexecutable qemu: exit $status"
echo "qbinfmt-launch: aarch64: cannot run /mnt/qbinfmt-qemu/qemu-aarch64-static: Permission denied" > "$tmp/expect"
compare "$tmp/expect" "$tmp/err"
rm /mnt/qbinfmt-qemu/qemu-aarch64-static
echo "ok unexecutable qemu"

# Run by hand without the kernel's arguments: usage naming target and qemu.
ln -s /usr/bin/qemu-aarch64 /mnt/qbinfmt-qemu/qemu-aarch64
set +e
"$launch" 2> "$tmp/err"; status=$?
set -e
[ "$status" -eq 2 ] || fail "usage: exit $status"
echo "qbinfmt-launch: usage: qemu-aarch64-binfmt-P PATH ARGV0 [ARG...]: the binfmt_misc interpreter for aarch64, running /mnt/qbinfmt-qemu/qemu-aarch64 (registered by qbinfmt with the P flag)" > "$tmp/expect"
compare "$tmp/expect" "$tmp/err"
"$top_builddir/qbinfmt-launch" --version | grep -q '^qbinfmt-launch [0-9]' || fail "--version"
set +e
"$top_builddir/qbinfmt-launch" x y 2> /dev/null; status=$?
set -e
[ "$status" -eq 2 ] || fail "plain qbinfmt-launch: exit $status"
echo "ok usage"

# A dynamic qemu: LD_* variables reach the guest through -E and not the
# host's loader (which would complain about a foreign or missing object).
LD_PRELOAD=/nonexistent-qbinfmt.so bin/hello-aarch64 q > "$tmp/out" 2> "$tmp/err" || fail "LD_PRELOAD run failed: $(cat "$tmp/err")"
[ ! -s "$tmp/err" ] || fail "host loader saw LD_PRELOAD: $(cat "$tmp/err")"
echo "ok LD_PRELOAD kept from the host loader"
rm /mnt/qbinfmt-qemu/qemu-aarch64

# A stand-in qemu shows the exact argv and environment.
cat > /mnt/qbinfmt-qemu/qemu-aarch64 <<'EOS'
#!/bin/sh
for a in "$@"; do printf '[%s]\n' "$a"; done
env | grep -e '^LD_' -e '^QB_' | sort
EOS
chmod 755 /mnt/qbinfmt-qemu/qemu-aarch64
python3 -c '
import os
env = dict(os.environ, QB_KEEP="1", LD_PRELOAD="/g.so", LD_X="a,b")
os.execve("bin/hello-aarch64", ["-dash", "--", "-x", ""], env)' > "$tmp/out"
cat > "$tmp/expect" <<'EOS'
[-0]
[-dash]
[-E]
[LD_PRELOAD=/g.so]
[--]
[bin/hello-aarch64]
[--]
[-x]
[]
LD_X=a,b
QB_KEEP=1
EOS
compare "$tmp/expect" "$tmp/out"
# Static or not is the file's to say, not its name's.  The script named
# qemu-aarch64-static is still no static program: LD_* still moves...
mv /mnt/qbinfmt-qemu/qemu-aarch64 /mnt/qbinfmt-qemu/qemu-aarch64-static
LD_PRELOAD=/g.so bin/hello-aarch64 > "$tmp/out" 2> /dev/null
printf '[-0]\n[bin/hello-aarch64]\n[-E]\n[LD_PRELOAD=/g.so]\n[--]\n[bin/hello-aarch64]\n' > "$tmp/expect"
compare "$tmp/expect" "$tmp/out"
# ...while a static ELF stand-in named plain qemu-aarch64 (as Debian 13
# names its static qemu) keeps the environment as it is: a native no-libc
# fixture that prints its argc and argv.
rm /mnt/qbinfmt-qemu/qemu-aarch64-static
cp "$FIXTURES/bin/hello-x86_64" /mnt/qbinfmt-qemu/qemu-aarch64
LD_PRELOAD=/g.so bin/hello-aarch64 x > "$tmp/out"
printf '6\n/mnt/qbinfmt-qemu/qemu-aarch64\n-0\nbin/hello-aarch64\n--\nbin/hello-aarch64\nx\n' > "$tmp/expect"
compare "$tmp/expect" "$tmp/out"
mv /mnt/qbinfmt-qemu/qemu-aarch64 /mnt/qbinfmt-qemu/qemu-aarch64-static
echo "ok argv and environment handed to qemu; static from the file, not the name"

# When a candidate cannot run, the next is planned for its own linking:
# a static qemu-aarch64-static that is not executable, then a script...
chmod 644 /mnt/qbinfmt-qemu/qemu-aarch64-static
printf '#!/bin/sh
for a in "$@"; do printf "[%%s]\\n" "$a"; done
' > /mnt/qbinfmt-qemu/qemu-aarch64
chmod 755 /mnt/qbinfmt-qemu/qemu-aarch64
LD_PRELOAD=/g.so bin/hello-aarch64 > "$tmp/out" 2> /dev/null
printf '[-0]\n[bin/hello-aarch64]\n[-E]\n[LD_PRELOAD=/g.so]\n[--]\n[bin/hello-aarch64]\n' > "$tmp/expect"
compare "$tmp/expect" "$tmp/out"
# ...and a script that is not executable, then a static one.
mv /mnt/qbinfmt-qemu/qemu-aarch64 "$tmp/script"
mv /mnt/qbinfmt-qemu/qemu-aarch64-static /mnt/qbinfmt-qemu/qemu-aarch64
chmod 755 /mnt/qbinfmt-qemu/qemu-aarch64
mv "$tmp/script" /mnt/qbinfmt-qemu/qemu-aarch64-static
chmod 644 /mnt/qbinfmt-qemu/qemu-aarch64-static
LD_PRELOAD=/g.so bin/hello-aarch64 x > "$tmp/out"
printf '6\n/mnt/qbinfmt-qemu/qemu-aarch64\n-0\nbin/hello-aarch64\n--\nbin/hello-aarch64\nx\n' > "$tmp/expect"
compare "$tmp/expect" "$tmp/out"
rm /mnt/qbinfmt-qemu/qemu-aarch64-static
mv /mnt/qbinfmt-qemu/qemu-aarch64 /mnt/qbinfmt-qemu/qemu-aarch64-static
echo "ok each candidate planned for its own linking"

# Closed standard descriptors and many, huge arguments: no crash.
set +e
bin/hello-aarch64 5 <&- >&- 2>&-
status=$?
set -e
mv /mnt/qbinfmt-qemu/qemu-aarch64-static /mnt/qbinfmt-qemu/qemu-aarch64.x
ln -s "$QEMU_AARCH64" /mnt/qbinfmt-qemu/qemu-aarch64-static
set +e
bin/hello-aarch64 5 <&- >&- 2>&-
status=$?
set -e
[ "$status" -eq 5 ] || fail "closed stdio: exit $status, want 5"
big=$(head -c 100000 /dev/zero | tr '\0' x)
count=$(bin/hello-aarch64 "$big" $(seq 1 5000) | head -1)
[ "$count" = 5002 ] || fail "huge argv: argc $count"
echo "ok closed stdio, huge argv"
