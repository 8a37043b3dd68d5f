#!/bin/sh
# export --output-dir: the folder made (as install -d makes it) or refused
# once, in one line, before any target is tried; and the files written all
# or none (issue 24, items 0 and 15).  A kernel-tier test for its private
# mount namespace, where the read-only and the full tmpfs are mounted.
. "$top_srcdir/tests/lib.sh"
require_sandbox
cd "$tmp"

# fails STATUS COMMAND...: that exit status; stdout to out, stderr to err.
fails() {
	want=$1
	shift
	status=0
	"$@" > out 2> err || status=$?
	[ "$status" = "$want" ] || fail "$*: exit $status, want $want: $(cat err)"
}

# 0. A folder that is not there is made, parents too, each 0755 whatever
# the umask (install -d).
(umask 077 && "$QBINFMT" export --format binfmt.d --output-dir new/deeper arm64 riscv64) > out 2> err ||
	fail "export into a new folder: $(cat err)"
[ ! -s err ] || fail "export into a new folder said: $(cat err)"
[ "$(ls new/deeper | tr '\n' ' ')" = "qbinfmt-aarch64.conf qbinfmt-riscv64.conf " ] ||
	fail "export into a new folder wrote: $(ls -A new/deeper)"
[ "$(stat -c %a new new/deeper)" = "$(printf '755\n755')" ] || fail "modes: $(stat -c %a new new/deeper)"
# ...and taken back when nothing is written into it.
fails 1 "$QBINFMT" export --format binfmt.d --output-dir made/for/nothing x86_64
[ ! -e made ] || fail "a folder made for an export that wrote nothing is left: $(find made)"

# --all that exports nothing (options no target takes): one line, status
# 1, no folder left, nothing on standard output either.
fails 1 "$QBINFMT" export --format binfmt.d --all --wiring native -C --output-dir made/for/none
[ ! -e made ] || fail "a folder made for an --all that wired nothing is left: $(find made)"
grep -q "^qbinfmt: export: --all: nothing done, .*the C flag with the native wiring" err ||
	fail "export --all --wiring native -C: $(cat err)"
fails 1 "$QBINFMT" export --format register --all --wiring native -C
[ ! -s out ] || fail "export --all --wiring native -C printed: $(cat out)"

# '.' or '..' after a folder that is not there yet: a usage error that
# says so, and nothing made.
fails 2 "$QBINFMT" export --format binfmt.d --all --output-dir notyet/..
[ "$(cat err)" = "qbinfmt: export: --output-dir notyet/..: '.' or '..' after a folder that is not there yet: name the folder itself" ] ||
	fail "notyet/..: $(cat err)"
[ ! -e notyet ] || fail "notyet/.. made notyet"

# A file where the folder should be, or on its way: refused once, nothing written.
printf 'mine\n' > afile
fails 1 "$QBINFMT" export --format binfmt.d --all --output-dir afile
[ "$(cat err)" = "qbinfmt: export: cannot write in afile: Not a directory" ] || fail "a file as the folder: $(cat err)"
[ ! -s out ] || fail "a file as the folder: rows: $(cat out)"
fails 1 "$QBINFMT" export --format binfmt.d --all --output-dir afile/sub
[ "$(cat err)" = "qbinfmt: export: cannot create afile/sub: Not a directory" ] || fail "a file on the way: $(cat err)"
[ "$(cat afile)" = mine ] || fail "afile changed"

# An empty name is no folder: refused once too.
fails 1 "$QBINFMT" export --format binfmt.d --output-dir "" arm64
[ "$(cat err)" = "qbinfmt: export: cannot create : No such file or directory" ] || fail "empty folder name: $(cat err)"

# A read-only folder, and a folder to make in one.
mkdir ro
mount -t tmpfs -o ro,size=64k qbinfmt-ro ro
fails 1 "$QBINFMT" export --format debian --all --output-dir ro
[ "$(cat err)" = "qbinfmt: export: cannot write in ro: Read-only file system" ] || fail "read-only: $(cat err)"
[ ! -s out ] || fail "read-only: rows: $(cat out)"
fails 1 "$QBINFMT" export --format debian --all --output-dir ro/new
[ "$(cat err)" = "qbinfmt: export: cannot create ro/new: Read-only file system" ] || fail "in read-only: $(cat err)"
[ -z "$(ls -A ro)" ] || fail "read-only: $(ls -A ro)"
umount ro
echo "ok 0. the output folder is made, or refused once"

# 15. A full disk: 8 KiB hold two files; none of the 33 stays.
mkdir full
mount -t tmpfs -o size=8k qbinfmt-full full
fails 1 "$QBINFMT" export --format binfmt.d --all --output-dir full
[ -z "$(ls -A full)" ] || fail "export --all to a full disk left: $(ls -A full)"
# The cause once on stderr; the rows say what became of each.
[ "$(cat err)" = "qbinfmt: export alpha: cannot write full/qbinfmt-alpha.conf: No space left on device" ] ||
	fail "export --all to a full disk: $(cat err)"
grep -q '^aarch64 *not written .*alpha failed' out || fail "rows: $(cat out)"
# A file that was there stays as it was.
printf '# mine\n' > full/qbinfmt-aarch64.conf
fails 1 "$QBINFMT" export --format binfmt.d --all --output-dir full
[ "$(ls -A full)" = qbinfmt-aarch64.conf ] && [ "$(cat full/qbinfmt-aarch64.conf)" = "# mine" ] ||
	fail "export over a file to a full disk: $(ls -A full): $(cat full/qbinfmt-aarch64.conf)"
umount full

# A file that cannot be put in place (a folder holds its name): those
# already in place are taken back, the file they replaced restored.
mkdir -p some/qbinfmt-riscv64.conf
printf '# mine\n' > some/qbinfmt-aarch64.conf
fails 1 "$QBINFMT" export --format binfmt.d --output-dir some arm64 riscv64 s390x
[ "$(cat err)" = "qbinfmt: export riscv64: cannot write some/qbinfmt-riscv64.conf: Is a directory" ] ||
	fail "a folder in the way: $(cat err)"
[ "$(cat some/qbinfmt-aarch64.conf)" = "# mine" ] || fail "a replaced file was not restored: $(cat some/qbinfmt-aarch64.conf)"
[ "$(ls -A some | tr '\n' ' ')" = "qbinfmt-aarch64.conf qbinfmt-riscv64.conf " ] || fail "left: $(ls -A some)"
grep -q '^aarch64 *rolled back ' out && grep -q '^s390x *not written ' out || fail "rows: $(cat out)"
echo "ok 15. export writes all of its files or none"

# A temporary file an export killed earlier left under the pid this one
# has (pids repeat; in a PID namespace, a container's, at once) is no
# reason to fail.
mkdir stale
sh -c 'printf "stale\n" > "stale/.qbinfmt-aarch64.conf.$$.tmp" && exec "$@"' sh \
	"$QBINFMT" export --format binfmt.d --output-dir stale arm64 > out 2> err ||
	fail "a stale temporary file of the same pid: $(cat err)"
grep -q '^:qbinfmt-aarch64:' stale/qbinfmt-aarch64.conf || fail "not written: $(ls -A stale)"
echo "ok a stale temporary file of the same pid is not in the way"

# Two exports into one folder at once: one that fails and takes its files
# back must not take back a file the other has reported written.  strace
# holds the first before its second file goes in place, after its first
# has; the second runs then.
command -v strace > /dev/null || fail "strace is not installed (tools/setup installs it)"
mkdir race race/qbinfmt-riscv64.conf
printf '# old\n' > race/qbinfmt-aarch64.conf
printf '# old\n' > race/qbinfmt-s390x.conf
strace -f -qq -o /dev/null -e trace=renameat2 -e inject=renameat2:delay_enter=3000000:when=2 \
	"$QBINFMT" export --format binfmt.d --output-dir race arm64 s390x riscv64 > first.out 2> first.err &
first=$!
tries=0
until grep -q qbinfmt race/qbinfmt-aarch64.conf 2> /dev/null; do
	tries=$((tries + 1))
	[ $tries -lt 100 ] || fail "the first export never put its file in place"
	sleep 0.05
done
"$QBINFMT" export --format binfmt.d -F --output-dir race arm64 > out 2> err ||
	fail "the second export: $(cat err)"
wait $first && fail "the first export did not fail: $(cat first.out)"
grep -q '^:qbinfmt-aarch64:.*:PF$' race/qbinfmt-aarch64.conf ||
	fail "the second export said written, and its file is gone: $(cat race/qbinfmt-aarch64.conf)"
echo "ok two exports into one folder at once: a rollback takes back only its own"

# A filesystem that cannot swap two files (RENAME_EXCHANGE: FUSE's
# bindfs, NFS), made here by strace failing every renameat2() as they
# do: a file an export replaced still comes back when a later one fails.
mkdir noswap noswap/qbinfmt-riscv64.conf
printf '# mine\n' > noswap/qbinfmt-aarch64.conf
status=0
strace -f -qq -o /dev/null -e trace=renameat2 -e inject=renameat2:error=EINVAL \
	"$QBINFMT" export --format binfmt.d --output-dir noswap arm64 riscv64 > out 2> err || status=$?
[ "$status" = 1 ] || fail "no RENAME_EXCHANGE: exit $status: $(cat err)"
[ "$(cat err)" = "qbinfmt: export riscv64: cannot write noswap/qbinfmt-riscv64.conf: Is a directory" ] ||
	fail "no RENAME_EXCHANGE: $(cat err)"
[ "$(cat noswap/qbinfmt-aarch64.conf)" = "# mine" ] ||
	fail "no RENAME_EXCHANGE: a replaced file was not restored: $(cat noswap/qbinfmt-aarch64.conf)"
[ "$(ls -A noswap | tr '\n' ' ')" = "qbinfmt-aarch64.conf qbinfmt-riscv64.conf " ] ||
	fail "no RENAME_EXCHANGE: left: $(ls -A noswap)"
echo "ok where files cannot be swapped, a replaced file comes back all the same"
