#!/bin/sh
# The hook podman runs before each container (`qbinfmt podman hook
# RECORD`) and `qbinfmt podman install`, without podman: each in a user
# namespace of its own below the test's, whose root is an unprivileged id
# of the test's (as podman's is below the host's), and whose parent
# instance (the test's private binfmt_misc) holds entries of its own.
#  - The hook registers what install would, nothing else: never an entry
#    that captures this machine's own programs, one of the host's family
#    (unless recorded with --force), one that is not qbinfmt's, has other
#    magic, lacks F, or whose qemu is missing or not static; each refusal
#    is one line of RECORD.problems.
#  - The namespace gets a binfmt_misc of its own only when an entry goes
#    in; which of the parent's entries stop applying then is said, by the
#    hook and by install.
#  - Hooks racing in a new namespace register each entry once; a record
#    far longer than qbinfmt writes is refused whole.
. "$top_srcdir/tests/lib.sh"
require_sandbox
need_ids
command -v unshare > /dev/null || fail "unshare is missing (tools/setup installs util-linux)"
chmod 755 "$tmp"
mkdir -p "$tmp/home/.config" "$tmp/work"
chown -R 1000:1000 "$tmp/home" "$tmp/work"
cd "$tmp/work"
record=$tmp/home/.config/qbinfmt/podman.conf
problems=$record.problems

# nested SCRIPT: SCRIPT (sh, $1 the record) as root of a new user and mount namespace,
# below ours, whose root is our id 1000; qbinfmt there believes itself in
# podman's (podman unshare's variable) and talks to no podman (its
# version handed down, as qbinfmt itself does).
nested() {
	rm -f instance entries status
	setpriv --reuid=1000 --regid=1000 --clear-groups \
		env HOME="$tmp/home" XDG_CONFIG_HOME="$tmp/home/.config" \
		_CONTAINERS_USERNS_CONFIGURED=done QBINFMT_PODMAN_VERSION="version 4.3" \
		QBINFMT="$QBINFMT" \
		unshare -U -m --map-root-user sh -c "$1" sh "$record"
}

# The register strings qbinfmt makes for each target, /INTERPRETER: in
# place of interpreter and flags; the host's target and another its
# kernel runs natively (i386 on x86_64).
"$QBINFMT" --json list | python3 -c '
import json, os, sys
targets = json.load(sys.stdin)
machine = os.uname().machine
host = [t for t in targets if t["name"] == machine or machine in t["aliases"]][0]
sibling = [t for t in targets if t["host"] == "native" and t["qemu_static"]][0]
for t in targets:
    print(t["name"], t["register"], t["qemu_static"] or "-")
print("host", host["name"], host["family"], host["qemu_static"] or "-")
print("sibling", sibling["name"], sibling["family"], sibling["qemu_static"])
' > targets
set -- $(grep '^host ' targets)
host=$2 family=$3 host_qemu=$4
set -- $(grep '^sibling ' targets)
sibling=$2 sibling_qemu=$4
[ "$host_qemu" != - ] || fail "no static qemu-$host here to capture the host's programs with"
# line TARGET INTERPRETER FLAGS [NAME]
line() {
	awk -v t="$1" '$1 == t { print $2 }' targets |
		sed "s#^:qbinfmt-$1:#:${4:-qbinfmt-$1}:#; s#:/INTERPRETER:\$#:$2:$3#"
}
static_qemu() { awk -v t="$1" '$1 == t { print $3 }' targets; }

# The parent's own entries: one of qbinfmt's and one of another tool's.
register_target s390x F "$(static_qemu s390x)"
printf ':jar:E::jar::/bin/true:' > "$BINFMT_DIR/register"

# podman install in a namespace that has no binfmt_misc of its own yet:
# it makes one, and says which entries of the parent stop applying.
nested '"$QBINFMT" podman install arm64 > out 2> err; echo $? > status' || fail "nested install"
[ "$(cat status)" = 0 ] || fail "podman install: $(cat out err)"
grep -q '^aarch64 *installed *native ' out || fail "podman install: $(cat out)"
[ "$(cat err)" = "qbinfmt: podman install: podman's namespace has a binfmt_misc of its own now: the host's entries qbinfmt-s390x, jar no longer apply in its containers (qbinfmt podman install registers their targets there)" ] ||
	fail "install said: $(cat err)"
echo "ok podman install says which of the parent's entries stop applying"

# A record as a synced ~/.config or a hand could leave it.
{
	cat "$record"
	line "$host" "$host_qemu" PF
	echo "# --force on a host of family $family: emulated all the same"
	line "$sibling" "$sibling_qemu" PF
	line riscv64 /nonexistent/qemu-riscv64-static PF
	line s390x /bin/true PF
	line ppc64le "$(static_qemu ppc64le)" P
	line m68k "$(static_qemu m68k)" PF other-m68k
	line mips "$(static_qemu mips)" PF | sed 's#:\\xff#:\\x00#'
} > record.new
cp record.new "$record"

printf '{"ociVersion":"1.0.2"}' > config.json
nested '
	before=$(stat -c %d /proc/sys/fs/binfmt_misc)
	"$QBINFMT" podman hook "$1" < config.json > passed 2> hook.err
	echo $? > status
	[ "$(stat -c %d /proc/sys/fs/binfmt_misc)" != "$before" ] && echo own > instance
	ls /proc/sys/fs/binfmt_misc | grep -v -x -e register -e status > entries
' || fail "nested hook"
[ "$(cat status)" = 0 ] || fail "the hook failed: $(cat hook.err)"
cmp -s config.json passed || fail "the hook changed the configuration: $(cat passed)"
[ "$(cat instance)" = own ] || fail "the hook made no instance"
[ "$(sort entries | tr '\n' ' ')" = "$(printf '%s\n' qbinfmt-aarch64 "qbinfmt-$sibling" | sort | tr '\n' ' ')" ] ||
	fail "registered: $(cat entries)"
cat > want << EOF
qbinfmt-$host: not registered: it would capture this machine's own programs, and no native program would run in podman's namespace
qbinfmt-riscv64: not registered: its interpreter /nonexistent/qemu-riscv64-static is missing (moved, or removed by an upgrade: qbinfmt podman install riscv64 records the one there is now)
qbinfmt-s390x: not registered: its interpreter /bin/true is not statically linked, so it cannot run inside containers
qbinfmt-ppc64le: not registered: it lacks F, without which containers cannot reach its interpreter
other-m68k: not registered: not qbinfmt's: only qbinfmt-TARGET entries are registered again
qbinfmt-mips: not registered: its magic or mask is not qbinfmt's for mips (edited?)
podman's namespace has a binfmt_misc of its own now: the host's entries qbinfmt-s390x, jar no longer apply in its containers (qbinfmt podman install registers their targets there)
EOF
compare want "$problems"
echo "ok the hook registers what install would, and says why not the rest"

# The sibling without its --force line: the host's family, refused.
grep -v '^# --force' "$record" > record.unforced
cp record.unforced "$record"
nested '"$QBINFMT" podman hook "$1" < config.json > /dev/null 2>&1; ls /proc/sys/fs/binfmt_misc > entries' ||
	fail "nested hook, unforced"
! grep -q "^qbinfmt-$sibling\$" entries || fail "qbinfmt-$sibling registered without --force"
grep -qx "qbinfmt-$sibling: not registered: $sibling runs natively here (tried: the kernel here runs $sibling programs itself); qbinfmt podman install --force $sibling registers it all the same" "$problems" ||
	fail "no word of the host's family: $(cat "$problems")"
echo "ok what the host runs natively only where --force recorded it"

# Nothing it could register: no instance of its own, so the parent's
# entries still apply; the missing qemu named.
line aarch64 /nonexistent/qemu-aarch64-static PF > "$record"
nested '
	before=$(stat -c %d /proc/sys/fs/binfmt_misc)
	"$QBINFMT" podman hook "$1" < config.json > /dev/null 2>&1
	[ "$(stat -c %d /proc/sys/fs/binfmt_misc)" = "$before" ] && echo parent > instance
	ls /proc/sys/fs/binfmt_misc > entries
' || fail "nested hook, nothing to register"
[ "$(cat instance)" = parent ] || fail "the hook made an instance with nothing to register"
grep -qx jar entries || fail "the parent's entries are hidden: $(cat entries)"
[ "$(cat "$problems")" = "qbinfmt-aarch64: not registered: its interpreter /nonexistent/qemu-aarch64-static is missing (moved, or removed by an upgrade: qbinfmt podman install aarch64 records the one there is now)" ] ||
	fail "problems: $(cat "$problems")"
echo "ok nothing to register: no instance, the parent's entries still apply, the missing qemu named"

# Eight hooks at once in a new namespace: one instance, each entry once,
# and one word of what stops applying (the parent's qbinfmt-s390x is
# stood in for).
{
	line aarch64 "$(static_qemu aarch64)" PF
	line s390x "$(static_qemu s390x)" PF
} > "$record"
rm -f "$problems"
nested '
	for i in 1 2 3 4 5 6 7 8; do
		"$QBINFMT" podman hook "$1" < config.json > passed.$i 2> err.$i &
	done
	wait
	ls /proc/sys/fs/binfmt_misc | grep -v -x -e register -e status > entries
' || fail "racing hooks"
[ "$(sort entries | tr '\n' ' ')" = "qbinfmt-aarch64 qbinfmt-s390x " ] || fail "racing hooks: $(cat entries)"
note="podman's namespace has a binfmt_misc of its own now: the host's entries jar no longer apply in its containers (qbinfmt podman install registers their targets there)"
for i in 1 2 3 4 5 6 7 8; do
	cmp -s config.json "passed.$i" || fail "hook $i: $(cat "passed.$i")"
	[ ! -s "err.$i" ] || [ "$(cat "err.$i")" = "qbinfmt: podman hook: $note" ] || fail "hook $i said: $(cat "err.$i")"
done
[ "$(cat "$problems")" = "$note" ] || fail "racing hooks said: $(cat "$problems")"
echo "ok eight hooks at once"

# A record far longer than any qbinfmt writes (it would slow every
# container start): refused whole, at once.
awk 'BEGIN { for (i = 0; i < 5000; i++) printf ":e%d:E::x%d::/bin/true:\n", i, i }' > "$record"
nested '
	before=$(stat -c %d /proc/sys/fs/binfmt_misc)
	"$QBINFMT" podman hook "$1" < config.json > /dev/null 2>&1
	[ "$(stat -c %d /proc/sys/fs/binfmt_misc)" = "$before" ] && echo parent > instance
' || fail "nested hook, long record"
[ "$(cat instance)" = parent ] || fail "a long record made an instance"
[ "$(cat "$problems")" = "$record: more than 1024 lines, which is no record qbinfmt wrote (mend or delete it)" ] ||
	fail "long record: $(cat "$problems")"
echo "ok a record of 5000 lines refused at once"
