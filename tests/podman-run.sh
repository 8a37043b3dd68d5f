#!/bin/sh
# Rootless podman runs foreign containers once qbinfmt podman install has
# registered in podman's user namespace: two architectures, keep-id user
# namespaces, argv[0] intact, status and find there; the host's
# binfmt_misc is never mounted or written.
# timeout: 600
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/podman-lib.sh"
podman_account 1
podman_image arm64
podman_image s390x

as_user "$QBINFMT" podman install arm64 s390x > "$tmp/out" ||
	fail "podman install: $(cat "$tmp/out")"
grep -q '^aarch64 *installed *native ' "$tmp/out" || fail "aarch64 not native: $(cat "$tmp/out")"
grep -q '^s390x *installed *native ' "$tmp/out" || fail "s390x: $(cat "$tmp/out")"
echo "ok podman install"

user_podman run --rm --arch arm64 localhost/deb-arm64 sh -c 'uname -m; dpkg --print-architecture' > "$tmp/out"
printf 'aarch64\narm64\n' > "$tmp/want"
compare "$tmp/want" "$tmp/out"
user_podman run --rm --arch s390x localhost/deb-s390x sh -c 'uname -m; dpkg --print-architecture' > "$tmp/out"
printf 's390x\ns390x\n' > "$tmp/want"
compare "$tmp/want" "$tmp/out"
echo "ok arm64 and s390x containers"

# A container in a user namespace of its own, a child of podman's: the
# kernel walks up to podman's binfmt_misc.
user_podman run --rm --arch arm64 --userns=keep-id localhost/deb-arm64 sh -c 'id -u; uname -m' > "$tmp/out"
printf '%s\naarch64\n' "$podman_uid" > "$tmp/want"
compare "$tmp/want" "$tmp/out"
echo "ok --userns=keep-id"

# argv[0] as the program was run: through exec -a (dash prints it as $0),
# and as busybox's applet name, by which alone busybox knows what to run.
cat > "$tmp/argv0.sh" << 'EOF'
busybox sh -c 'exec -a my-argv0 /bin/dash -c "echo \$0"'
busybox sh -c 'exec -a uname /bin/busybox -m'
ls -d /etc
EOF
chmod 644 "$tmp/argv0.sh"
user_podman run --rm --arch arm64 -v "$tmp/argv0.sh:/argv0.sh:ro" localhost/deb-arm64 sh /argv0.sh > "$tmp/out"
printf 'my-argv0\naarch64\n/etc\n' > "$tmp/want"
compare "$tmp/want" "$tmp/out"
# The control: the same rule without P, registered later under another
# name, so that the kernel picks it: argv[0] is lost.  (The hook leaves
# it alone: it restores only its own entries.)
sed -n 's/^:qbinfmt-aarch64:\(.*:\)PF$/:control-aarch64:\1F/p' "$podman_home/.config/qbinfmt/podman.conf" > "$tmp/no-p"
chmod 644 "$tmp/no-p"
as_user podman unshare sh -c 'cat "$1" > /proc/sys/fs/binfmt_misc/register' sh "$tmp/no-p" 2> /dev/null ||
	fail "control entry"
user_podman run --rm --arch arm64 -v "$tmp/argv0.sh:/argv0.sh:ro" localhost/deb-arm64 sh /argv0.sh > "$tmp/out" 2>&1 || true
[ "$(head -n 1 "$tmp/out")" = /bin/dash ] || fail "control without P: $(cat "$tmp/out")"
as_user podman unshare sh -c 'echo -1 > /proc/sys/fs/binfmt_misc/control-aarch64' 2> /dev/null
echo "ok argv[0] intact (and lost without P)"

# status and find in podman's namespace.
as_user "$QBINFMT" --json podman status > "$tmp/status.json" || fail "podman status"
python3 - "$tmp/status.json" "$podman_home" << 'PY' || fail "podman status --json: $(cat "$tmp/status.json")"
import json, sys
s = json.load(open(sys.argv[1]))
assert s["instance"] == "own", s
names = sorted(e["name"] for e in s["entries"])
assert names == ["qbinfmt-aarch64", "qbinfmt-s390x"], names
assert all(e["flags"] == "PF" for e in s["entries"]), s["entries"]
h = s["hook"]
assert h["working"] and h["recorded"] == 2, h
assert h["hook"] == sys.argv[2] + "/.config/containers/hooks.d/qbinfmt.json", h
PY
as_user "$QBINFMT" podman find "$FIXTURES/bin/hello-aarch64" "$FIXTURES/bin/hello-riscv64" > "$tmp/out"
printf '%s\tqbinfmt-aarch64\t%s\tqemu, the one enabled entry that matches\n%s\t-\t-\tno enabled entry matches\n' "$FIXTURES/bin/hello-aarch64" \
	"$(sed -n 's/^:qbinfmt-aarch64:.*:\([^:]*\):PF$/\1/p' "$podman_home/.config/qbinfmt/podman.conf")" \
	"$FIXTURES/bin/hello-riscv64" > "$tmp/want"
compare "$tmp/want" "$tmp/out"
echo "ok podman status and find"

# Nothing of this reached the host, as seen from outside podman.
[ "$(host_binfmt_state)" = "$host_binfmt_before" ] || fail "the host's binfmt_misc changed"
echo "ok the host's binfmt_misc untouched"
