#!/bin/sh
# qbinfmt podman when it cannot work: each reason is one line naming it,
# and nothing is registered or written.  Among them: CONTAINERS_CONF
# naming a file that leaves the hook's folder out, and a record that
# cannot be read.
# timeout: 600
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/podman-lib.sh"
podman_account 5

# fails STATUS MESSAGE COMMAND...: that exit status, that one line.
fails() {
	want_status=$1 want=$2
	shift 2
	status=0
	"$@" > "$tmp/out" 2> "$tmp/err" || status=$?
	grep -v 'is not a shared mount' "$tmp/err" > "$tmp/err1" || true
	[ "$status" = "$want_status" ] || fail "$*: exit $status, want $want_status: $(cat "$tmp/err1")"
	[ "$(cat "$tmp/err1")" = "$want" ] || fail "$*: said '$(cat "$tmp/err1")', want '$want'"
}

nothing_written() {
	[ ! -e "$podman_home/.config/qbinfmt" ] && [ ! -e "$podman_home/.config/containers/hooks.d" ] ||
		fail "$1: files were written"
}

mkdir -m 755 "$tmp/empty"
fails 1 "qbinfmt: podman install: podman is not installed (Debian: apt install podman)" \
	as_user env PATH="$tmp/empty" "$QBINFMT" podman install arm64
echo "ok podman missing"

# setarch's UNAME26 personality: the kernel says it is 2.6.N.
release=$(setarch --uname-2.6 uname -r)
fails 1 "qbinfmt: podman status: needs Linux 6.7 or later, which gives podman's user namespace a binfmt_misc of its own (this is $release)" \
	as_user setarch --uname-2.6 "$QBINFMT" podman status
echo "ok a kernel before 6.7"

# A static qemu is needed, whatever its name; the launcher and C are
# refused inside containers, each with its reason.
mkdir -m 755 "$tmp/dynamic"
ln -s /bin/true "$tmp/dynamic/qemu-aarch64"
package=$(static_qemu_package)
fails 1 "qbinfmt: podman install aarch64: $tmp/dynamic/qemu-aarch64 is dynamically linked and cannot run inside containers: install $package" \
	as_user "$QBINFMT" --qemu-dir "$tmp/dynamic" podman install arm64
grep -q '^aarch64 *failed ' "$tmp/out" || fail "no failed row: $(cat "$tmp/out")"
fails 1 "qbinfmt: podman install aarch64: the launcher cannot reach qemu inside containers (their /proc/1 is their own init): use --wiring native or auto" \
	as_user "$QBINFMT" podman install --wiring launcher arm64
fails 1 "qbinfmt: podman install aarch64: the C flag needs the launcher (it guards a privileged qemu), and the launcher cannot reach qemu inside containers" \
	as_user "$QBINFMT" podman install -C arm64
nothing_written "refused installs"
echo "ok dynamic qemu, the launcher and C refused"

fails 2 "qbinfmt: podman: unknown command 'frob' (try 'qbinfmt podman --help')" \
	as_user "$QBINFMT" podman frob
fails 2 "qbinfmt: podman install: unknown option '--frob' (try 'qbinfmt podman install --help')" \
	as_user "$QBINFMT" podman install --frob arm64
fails 2 "qbinfmt: podman remove: which entries? Name them (targets or entry names) or give --all" \
	as_user "$QBINFMT" podman remove
echo "ok usage errors"

if [ "$(id -u)" = 0 ]; then
	# No subordinate ids: rootless podman cannot map an image's users.
	lone=qbinfmt-pod0-$podman_slot
	accounts userdel "$lone" 2> /dev/null || true
	accounts useradd --system --no-create-home --home-dir "$podman_home" --shell /bin/sh "$lone"
	status=0
	env -i PATH=/usr/bin:/bin HOME="$podman_home" XDG_RUNTIME_DIR="$podman_home/run0" \
		setpriv --reuid="$lone" --regid="$lone" --init-groups \
		"$QBINFMT" podman install arm64 > "$tmp/out" 2> "$tmp/err" || status=$?
	accounts userdel "$lone"
	[ "$status" = 1 ] || fail "no subordinate ids: exit $status"
	[ "$(cat "$tmp/err")" = "qbinfmt: podman install: no subordinate ids for $lone in /etc/subuid and /etc/subgid (add a range, e.g. usermod --add-subuids 100000-165535 --add-subgids 100000-165535 $lone)" ] ||
		fail "no subordinate ids: $(cat "$tmp/err")"
	echo "ok no subordinate ids"

	# Real root's podman is rootful: its containers use the host's entries.
	fails 1 "qbinfmt: podman install: run as root, podman is rootful: its containers use the host's binfmt_misc (qbinfmt install --wiring native --fix-binary TARGET... registers there)" \
		"$QBINFMT" podman install arm64
	echo "ok root is told about rootful podman"
fi
nothing_written "the errors"

# CONTAINERS_CONF set: podman reads that file alone, no drop-in, so the
# hook would never run; install refuses, rather than promise it.
machine_containers_conf > "$tmp/alone.conf"
chmod 644 "$tmp/alone.conf"
hooks=$podman_home/.config/containers/hooks.d
fails 1 "qbinfmt: podman install: CONTAINERS_CONF is set, so podman reads $tmp/alone.conf alone, and its hooks_dir leaves out $hooks: the hook would never run (add the folder to that hooks_dir, or unset CONTAINERS_CONF)" \
	as_user env CONTAINERS_CONF="$tmp/alone.conf" "$QBINFMT" podman install arm64
[ ! -s "$tmp/out" ] || fail "CONTAINERS_CONF: a row was printed: $(cat "$tmp/out")"
nothing_written "CONTAINERS_CONF"
echo "ok CONTAINERS_CONF without the hook's folder: refused"

# A record it cannot read is never written over: install refuses (status
# 3).  (Not by its mode: in podman's namespace qbinfmt is root over the
# user's files.)
record=$podman_home/.config/qbinfmt/podman.conf
mkdir -p "$record"
[ "$(id -u)" != 0 ] || chown -R "$podman_user:" "$podman_home/.config/qbinfmt"
fails 3 "qbinfmt: podman install: cannot read $record: Is a directory (qbinfmt never writes over a record it cannot read: mend or delete it)" \
	as_user "$QBINFMT" podman install arm64
[ -d "$record" ] || fail "the record was written over"
[ ! -e "$podman_home/.config/containers/hooks.d/qbinfmt.json" ] || fail "a hook was written"
echo "ok a record it cannot read: refused, untouched"
