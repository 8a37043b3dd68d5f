#!/bin/sh
# qbinfmt podman remove: no entry of qbinfmt's is left in podman's user
# namespace, no other entry is touched, and with the last one (or --all,
# even with a record it cannot read) the hook, its configuration and what
# it said last go.
# timeout: 600
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/podman-lib.sh"
podman_account 4
config=$podman_home/.config
as_user "$QBINFMT" podman install arm64 s390x riscv64 > "$tmp/out" || fail "podman install: $(cat "$tmp/out")"

# What the hook says (here of a line that is no entry) goes to
# RECORD.problems, for podman status.
record=$config/qbinfmt/podman.conf
echo 'not an entry' >> "$record"
user_podman system migrate
printf '{}' > "$tmp/config.json"
chmod 644 "$tmp/config.json"
as_user podman unshare "$QBINFMT" podman hook "$record" < "$tmp/config.json" > /dev/null 2>&1 ||
	fail "the hook by hand"
[ -s "$record.problems" ] || fail "the hook said nothing of the bad line: the test proves nothing"
sed -i '/^not an entry$/d' "$record"

# Someone else's entry in podman's namespace.
printf ':other-jar:E::jar::/bin/true:' > "$tmp/other"
chmod 644 "$tmp/other"
as_user podman unshare sh -c 'cat "$1" > /proc/sys/fs/binfmt_misc/register' sh "$tmp/other" 2> /dev/null ||
	fail "registering another entry"

entries() {
	as_user podman unshare sh -c 'ls /proc/sys/fs/binfmt_misc' 2> /dev/null |
		grep -v -x -e register -e status | sort | tr '\n' ' '
}

as_user "$QBINFMT" podman remove s390x > "$tmp/out" || fail "remove s390x: $(cat "$tmp/out")"
grep -q '^qbinfmt-s390x *removed' "$tmp/out" || fail "remove s390x: $(cat "$tmp/out")"
[ "$(entries)" = "other-jar qbinfmt-aarch64 qbinfmt-riscv64 " ] || fail "after removing s390x: $(entries)"
! grep -q qbinfmt-s390x "$config/qbinfmt/podman.conf" || fail "s390x still recorded"
grep -q qbinfmt-aarch64 "$config/qbinfmt/podman.conf" || fail "aarch64 no longer recorded"
[ -e "$config/containers/hooks.d/qbinfmt.json" ] || fail "the hook went with one target"
echo "ok remove one target: the others, recorded and registered, stay"

# Another's entry is refused by name, and left alone by --all.
status=0
as_user "$QBINFMT" podman remove other-jar > "$tmp/out" 2> "$tmp/err" || status=$?
[ "$status" = 1 ] || fail "removing another's entry: exit $status"
grep -q "^qbinfmt: podman remove other-jar: not a target, and not installed by qbinfmt" "$tmp/err" ||
	fail "refusal: $(cat "$tmp/err")"
# --all keeps nothing of the record: one it cannot read goes too.
chmod 000 "$record"
as_user "$QBINFMT" podman remove --all > "$tmp/out" 2> "$tmp/err" || fail "remove --all: $(cat "$tmp/out" "$tmp/err")"
[ ! -s "$tmp/err" ] || fail "remove --all said: $(cat "$tmp/err")"
[ "$(entries)" = "other-jar " ] || fail "after remove --all: $(entries)"
for f in qbinfmt/podman.conf qbinfmt/podman.conf.problems containers/hooks.d/qbinfmt.json \
	containers/containers.conf.d/99-qbinfmt.conf; do
	[ ! -e "$config/$f" ] || fail "remove --all left $f"
done
[ -d "$config/containers/hooks.d" ] || fail "remove --all took the hooks folder, which may hold others' hooks"
grep -q "^podman: the hook is gone: " "$tmp/out" || fail "remove --all did not say the hook is gone: $(cat "$tmp/out")"
echo "ok remove --all: nothing of ours is left, another's entry stays"

# And after a new namespace, nothing comes back.
user_podman system migrate
as_user "$QBINFMT" podman status > "$tmp/out"
grep -q '^podman: no hook' "$tmp/out" || fail "status after remove --all: $(cat "$tmp/out")"
! grep -q 'hook said' "$tmp/out" || fail "status speaks of a hook that is gone: $(cat "$tmp/out")"
[ "$(entries)" = "" ] || fail "entries came back: $(entries)"
echo "ok nothing comes back"
