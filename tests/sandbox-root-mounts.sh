#!/bin/sh
# qbinfmt sandbox --root DIR: what it mounts stays inside DIR and leaves
# the host alone.  Every /sys submount is read-only (the host's cgroup
# hierarchies among them: as root, a write there would reach the host's),
# /proc and /dev hold nothing of the host's but the devices bound in
# (and /dev/shm is writable by all), and a --bind target is resolved
# inside DIR, as the command will see it, through links absolute or
# ../.. alike.  As root and as nobody.
. "$top_srcdir/tests/lib.sh"
need_user_namespaces

# A root whose /bin/sh is a foreign fixture; the host's /usr, bound in,
# gives the command its tools (the host's merged /usr: lib and lib64 are
# links into it).
root=$tmp/a/root
mkdir -p "$root/bin" "$root/proc" "$root/dev" "$root/sys" "$root/tmp" "$root/usr" \
	"$root/srv/data" "$tmp/srv/data" "$tmp/outside" "$tmp/data"
cp "$FIXTURES/bin/hello-aarch64" "$root/bin/sh"
ln -s usr/lib "$root/lib"
ln -s usr/lib64 "$root/lib64"
echo inside > "$tmp/data/x"
# Links that lead elsewhere on the host than inside the root:
ln -s /srv/data "$root/abs"       # host: /srv/data; root: DIR/srv/data
ln -s ../../srv/data "$root/up"   # host: $tmp/srv/data; root: DIR/srv/data
ln -s "$tmp/outside" "$root/out"  # host: $tmp/outside; root: under the sandbox's /tmp
chmod 755 "$tmp"
listing() { (cd "$tmp" && find a srv outside data -printf '%p %s %m\n' | sort); }
listing > "$tmp/before"

# sandbox root|nobody ARGS...: qbinfmt sandbox as that user, the host's
# /usr bound into the root.
sandbox() {
	case $1 in
	root) shift && "$QBINFMT" sandbox --bind /usr "$@" ;;
	nobody) shift && setpriv --reuid=65534 --regid=65534 --clear-groups \
		"$QBINFMT" sandbox --single-id --bind /usr "$@" ;;
	esac
}

users=nobody
[ "$(id -u)" != 0 ] || users="root nobody"
for who in $users; do
	sandbox "$who" --root "$root" -- /usr/bin/cat /proc/self/mountinfo > "$tmp/mountinfo" ||
		fail "$who: reading the sandbox's mounts"
	# Field 5 is the mount point, field 6 its own options.
	awk '$5 == "/sys" || index($5, "/sys/") == 1 {
		n++
		if ($6 !~ /^ro(,|$)/) { print "writable: " $5 " " $6; bad = 1 }
	} END { if (!n) print "no /sys"; exit bad || !n }' "$tmp/mountinfo" >&2 ||
		fail "$who: /sys is not read-only throughout"
	awk '$5 == "/proc" || index($5, "/proc/") == 1 { print $5 }' "$tmp/mountinfo" > "$tmp/proc"
	echo /proc > "$tmp/want"
	compare "$tmp/want" "$tmp/proc"
	# /dev: the sandbox's tmpfs and devpts, and the host's devices bound in.
	awk '$5 == "/dev" || index($5, "/dev/") == 1 { print $5 }' "$tmp/mountinfo" | sort > "$tmp/dev"
	for device in null zero full random urandom tty; do
		[ ! -e "/dev/$device" ] || echo "/dev/$device"
	done | { cat; echo /dev; echo /dev/pts; } | sort > "$tmp/want"
	compare "$tmp/want" "$tmp/dev"
	# /dev/shm is for everyone, whatever the caller's umask.
	shm=$(umask 077 && sandbox "$who" --root "$root" -- /usr/bin/stat -c %a /dev/shm) ||
		fail "$who: stat /dev/shm"
	[ "$shm" = 1777 ] || fail "$who: /dev/shm has mode $shm, want 1777"
	echo "ok $who: every /sys mount read-only ($(grep -c ' /sys' "$tmp/mountinfo")), /proc and /dev the sandbox's own"
done

if [ "$(id -u)" = 0 ] && [ -d /sys/fs/cgroup ]; then
	probe=/sys/fs/cgroup/qbinfmt-probe.$$
	trap 'rm -f "$probe"; remove_tmp' EXIT
	status=0
	sandbox root --root "$root" -- /usr/bin/touch "$probe" 2> "$tmp/err" || status=$?
	[ ! -e "$probe" ] || fail "the sandbox wrote the host's $probe"
	[ "$status" = 1 ] || fail "touch $probe: exit $status: $(cat "$tmp/err")"
	# coreutils names itself as run (Debian 12) or by its name (13).
	echo "touch: cannot touch '$probe': Read-only file system" > "$tmp/want"
	sed 's|^/usr/bin/touch:|touch:|' "$tmp/err" | compare "$tmp/want" -
	echo "ok root cannot write the host's /sys/fs/cgroup"
fi

for who in $users; do
	for link in abs up; do
		out=$(sandbox "$who" --bind "$tmp/data:/$link" --root "$root" -- /usr/bin/cat "/$link/x" 2> "$tmp/err") ||
			fail "$who: --bind onto /$link: $(cat "$tmp/err")"
		[ "$out" = inside ] || fail "$who: --bind onto /$link: $out"
	done
	status=0
	sandbox "$who" --bind "$tmp/data:/out" --root "$root" -- /usr/bin/true 2> "$tmp/err" || status=$?
	[ "$status" = 1 ] || fail "$who: --bind onto /out, a link out of the root: exit $status"
	echo "qbinfmt: sandbox: --bind $tmp/data: /out does not exist in the root (qbinfmt writes nothing into it: create it)" > "$tmp/want"
	compare "$tmp/want" "$tmp/err"
	echo "ok $who: --bind targets resolved inside the root, links absolute and ../.. alike"
done
listing > "$tmp/after"
compare "$tmp/before" "$tmp/after"
echo "ok nothing written into the root or beside it"
