# shellcheck shell=sh
# tools/root-lib.sh: a fresh root of a Debian release to run things in,
# for .ci/in-trixie and tools/deb (sourced; as root, on a Debian 12 or 13
# host with mmdebstrap).
#
# The base root (mmdebstrap --variant=apt: essential packages and apt
# only) is cached as a tarball in $root_cache and rebuilt after a week,
# with the .debs apt downloads; each run unpacks a new root from it.  The
# root is entered with a new mount and PID namespace and pivot_root (in a
# chroot the kernel refuses the user namespaces the kernel-tier tests
# need), with a fresh /proc, /sys read-only, a minimal /dev, the host's
# resolv.conf and a tmpfs /tmp, nosuid and nodev as trixie's own tmp.mount
# makes it; the network is the host's.  The host's binfmt_misc is held
# and read before and after (root_hold_host_binfmt, root_check_host_binfmt).
#
# The caller sets root_prog (its name, for messages), root_cache,
# root_mirror and root_keep (yes: keep the root afterwards), and calls
# root_cleanup from its EXIT trap.

root_holder='' root_look='' root_dir=''
: "${root_prog:=root}" "${root_cache:=/var/tmp/qbinfmt-ci}" "${root_keep:=no}"
: "${root_mirror:=http://deb.debian.org/debian}"

root_now() { date +%s; }
root_took() { echo "$root_prog: $1 took $(($(root_now) - $2)) s"; }

# shellcheck disable=SC2317 # called by the caller's trap
root_cleanup() {
	if [ -n "$root_holder" ]; then
		kill "$root_holder" 2> /dev/null || true
		wait "$root_holder" 2> /dev/null || true
	fi
	[ -z "$root_look" ] || rm -rf "$root_look"
	[ -n "$root_dir" ] || return 0
	# The mounts lived in the namespace, which is gone; never remove a
	# tree with anything still mounted in it.
	if grep -q " ${root_dir}[/ ]" /proc/self/mounts; then
		echo "$root_prog: $root_dir still has mounts; not removed" >&2
	elif [ "$root_keep" = yes ]; then
		echo "$root_prog: the root is kept in $root_dir"
	else
		rm -rf "$root_dir"
	fi
}

# root_hold_host_binfmt: the host's binfmt_misc, the initial user
# namespace's instance, is held and read by a process of its own: mounted
# in a mount namespace of its own, on a folder of ours, read-only, never
# at /proc/sys/fs/binfmt_misc (where an automount, systemd's, would mount
# it for the host).  Read now, and again in root_check_host_binfmt.
# Holding it matters where the host has it unmounted: real root inside
# the root could mount it (qbinfmt install mounts it when it must) and
# register there; the entries would live only as long as some mount of
# it, and without ours go unseen when the root's namespace ends.
root_hold_host_binfmt() {
	mkdir -p "$root_cache/binfmt-look"
	root_look=$(mktemp -d "$root_cache/binfmt-look/XXXXXX")
	mkdir "$root_look/mnt"
	mkfifo "$root_look/fifo"
	# shellcheck disable=SC2016 # expanded by the holder
	unshare --mount --propagation private sh -c '
		list() {
			for f in "$1/mnt"/*; do
				[ "$f" = "$1/mnt/register" ] || { echo "== ${f##*/}"; cat "$f"; }
			done
		}
		mount -t binfmt_misc qbinfmt-ci-look "$1/mnt" && mount -o remount,bind,ro "$1/mnt" || exit 1
		list "$1" > "$1/before"
		read -r _ < "$1/fifo"
		list "$1" > "$1/after"
	' binfmt-hold "$root_look" &
	root_holder=$!
	while [ ! -s "$root_look/before" ] && kill -0 "$root_holder" 2> /dev/null; do sleep 0.1; done
	[ -s "$root_look/before" ] || { echo "$root_prog: cannot read the host's binfmt_misc" >&2; exit 1; }
}

# root_check_host_binfmt: is the host's binfmt_misc as it was?  Says so,
# or shows the difference and returns 1.
root_check_host_binfmt() {
	! kill -0 "$root_holder" 2> /dev/null || echo over > "$root_look/fifo"
	wait "$root_holder" || true
	root_holder=''
	_mounted=$(awk '$3 == "binfmt_misc" { print "mounted at " $2; exit }' /proc/self/mounts)
	if ! cmp -s "$root_look/before" "$root_look/after"; then
		diff -u "$root_look/before" "$root_look/after" >&2 || true
		echo "$root_prog: the host's binfmt_misc changed during the run!" >&2
		return 1
	fi
	echo "$root_prog: the host's binfmt_misc (${_mounted:-not mounted on the host}) is unchanged: $(grep -c '^== ' "$root_look/after") files besides register"
}

# root_base SUITE REFRESH: prints the cached base tarball of SUITE, built
# first when missing, a week old, or REFRESH is yes.  Exits 3 when
# mmdebstrap fails.
root_base() {
	_base=$root_cache/$1-amd64.tar
	if [ "$2" = yes ] || [ -z "$(find "$_base" -mtime -7 2> /dev/null)" ]; then
		echo "== $root_prog: building a $1 root (mmdebstrap --variant=apt)" >&2
		rm -f "$_base.new"
		mmdebstrap --quiet --variant=apt --architectures=amd64 --format=tar "$1" "$_base.new" "$root_mirror" >&2 ||
			{ echo "$root_prog: mmdebstrap failed" >&2; exit 3; }
		mv "$_base.new" "$_base"
	else
		echo "== $root_prog: $1 root from $_base ($(date -r "$_base" '+%F %R'))" >&2
	fi
	echo "$_base"
}

# root_unpack BASE: a new root from BASE, in $root_dir.
root_unpack() {
	mkdir -p "$root_cache/apt-archives/partial"
	root_dir=$(mktemp -d "$root_cache/root.XXXXXX")
	tar -C "$root_dir" -xf "$1"
}

# root_clone REPO COMMIT [DIR]: a fresh clone of COMMIT in the root's DIR
# (default /src), nothing of the working tree.
root_clone() {
	_to=$root_dir${3:-/src}
	mkdir -p "${_to%/*}"
	git clone --quiet --no-local --no-checkout "$1" "$_to"
	git -C "$_to" -c advice.detachedHead=false checkout --quiet "$2"
}

# root_enter LIMIT INNER [SRC DST]...: runs the shell script INNER in
# the root, as PID 1's child of a new PID namespace, with the host's
# folders or files SRC bound at DST (made if missing) besides the apt
# cache, for at most LIMIT seconds; the environment is root_env's
# assignments and no more.  Returns INNER's exit status, 124 when stopped by the limit.
# Stage one runs the host's tools in the new namespaces, makes the mounts
# and pivots; stage two (after pivot_root, the root's tools only: a
# minimal trixie has no mount or umount) detaches the host's root and
# runs INNER.  Everything mounted here is private and ends with the
# namespace.
root_enter() {
	_limit=$1 _inner=$2
	shift 2
	# shellcheck disable=SC2016 # expanded inside the root
	_stage_two='
		set -u
		export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
		# umount2("/.oldroot", MNT_DETACH) on x86_64: perl-base is essential.
		perl -e "my \$dir = q(/.oldroot); syscall(166, \$dir, 2) == 0 or die qq(umount \$dir: \$!\n)" || exit 99
		rmdir /.oldroot
		inner=$1
		shift
		eval "$inner"
	'
	# shellcheck disable=SC2016 # expanded by stage one
	_stage_one='
		set -eu
		root=$1 cache=$2 inner=$3 env=$4 stage_two=$5
		shift 5
		mount --make-rprivate /
		mount --bind "$root" "$root"
		mount -t proc -o nosuid,nodev,noexec proc "$root/proc"
		mount --rbind /sys "$root/sys"
		mount --make-rslave "$root/sys"
		mount -o remount,bind,ro "$root/sys"
		mount -t tmpfs -o nosuid,mode=755,size=64m dev "$root/dev"
		for node in "null 1 3" "zero 1 5" "full 1 7" "random 1 8" "urandom 1 9" "tty 5 0"; do
			set -- $node "$@"
			mknod -m 666 "$root/dev/$1" c "$2" "$3"
			shift 3
		done
		mkdir "$root/dev/pts" "$root/dev/shm"
		mount -t devpts -o newinstance,ptmxmode=0666,mode=620,gid=5 devpts "$root/dev/pts"
		ln -s pts/ptmx "$root/dev/ptmx"
		mount -t tmpfs -o nosuid,nodev,mode=1777 shm "$root/dev/shm"
		ln -s /proc/self/fd "$root/dev/fd"
		ln -s /proc/self/fd/0 "$root/dev/stdin"
		ln -s /proc/self/fd/1 "$root/dev/stdout"
		ln -s /proc/self/fd/2 "$root/dev/stderr"
		mount -t tmpfs -o nosuid,nodev,mode=1777 tmp "$root/tmp"
		rm -f "$root/etc/resolv.conf"
		touch "$root/etc/resolv.conf"
		mount --bind /etc/resolv.conf "$root/etc/resolv.conf"
		mount --bind "$cache/apt-archives" "$root/var/cache/apt/archives"
		while [ $# -ge 2 ]; do
			if [ -d "$1" ]; then
				mkdir -p "$root$2"
			else
				mkdir -p "$(dirname "$root$2")"
				touch "$root$2"
			fi
			mount --bind "$1" "$root$2"
			shift 2
		done
		mkdir "$root/.oldroot"
		cd "$root"
		pivot_root . .oldroot
		# shellcheck disable=SC2086 # the assignments, one word each
		exec env -i TERM=dumb LANG=C.UTF-8 HOME=/root $env /bin/sh -c "$stage_two" stage-two "$inner"
	'
	set +e
	timeout --kill-after=30 "$_limit" unshare --mount --pid --fork --kill-child --propagation private \
		sh -c "$_stage_one" "$root_prog" "$root_dir" "$root_cache" "$_inner" "${root_env:-}" "$_stage_two" "$@"
	_status=$?
	set -e
	[ "$_status" != 124 ] || echo "$root_prog: stopped after $_limit s" >&2
	return "$_status"
}
