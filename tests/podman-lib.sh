# Sourced by the podman tests (tests/podman-*.sh), after tests/lib.sh: a
# rootless podman of the test's own, real podman from Debian, and small
# foreign images built once per run.
#
#  - As root, each test gets an account of its own with a subordinate
#    range (created here, removed when the test ends, however it ends).
#    Otherwise the tests run as the caller, who needs subordinate ids.
#  - Either way podman's configuration, storage and runtime folder are in
#    the test's temporary folder (XDG_CONFIG_HOME, XDG_DATA_HOME,
#    XDG_RUNTIME_DIR): the test's podman has a pause process and so a
#    user namespace of its own, and nothing of anyone's real podman is
#    read or changed.
#  - This machine's quirks live here, in the account's containers.conf,
#    and nowhere else: crun refuses this VM's hybrid cgroup layout (runc
#    and cgroupfs instead) and slirp4netns cannot open /dev/net/tun (no
#    network).  Users' machines need none of it.
#  - Images and the host's binfmt_misc before: tests/container-lib.sh.

command -v podman > /dev/null || fail "podman is not installed (tools/setup installs it)"
. "$top_srcdir/tests/container-lib.sh"

# podman_account INDEX [NAME]: the test's podman user; INDEX picks its
# subordinate range and, without NAME, its name (qbinfmt-podINDEX-SLOT)
# when run as root.  The tests use 1..9, the benchmarks (bench/podman) 10
# and up.  Accounts are the machine's: SLOT, from the build folder, keeps
# two trees testing at once from taking (and killing) each other's.
podman_slot=$(($(printf %s "$top_builddir" | cksum | cut -d' ' -f1) % 64))
podman_account() {
	podman_home=$tmp/home
	# Measured with podman 4.3: with a runtime folder ($podman_home/run)
	# of 40 characters or more, every `podman run` waits out conmon's
	# 20-second timeout before it sees its container end (at 39: 0.9 s),
	# likely a socket path grown past a Unix socket's 108 bytes.
	[ ${#podman_home} -le 35 ] ||
		fail "podman's runtime folder $podman_home/run is too long for conmon's sockets (40 characters or more): set a shorter TMPDIR"
	mkdir -p "$podman_home/.config/containers" "$podman_home/.local/share" "$podman_home/run"
	if [ "$(id -u)" = 0 ]; then
		command -v useradd > /dev/null || fail "useradd is missing (tools/setup installs passwd)"
		command -v setpriv > /dev/null || fail "setpriv is missing (tools/setup installs util-linux)"
		podman_user=${2:-qbinfmt-pod$1-$podman_slot}
		podman_subid_start=$((1000000 + (podman_slot * 32 + $1) * 65536))
		podman_remove_account
		accounts useradd --system --no-create-home --home-dir "$podman_home" --shell /bin/sh "$podman_user"
		accounts usermod --add-subuids "$podman_subid_start-$((podman_subid_start + 65535))" \
			--add-subgids "$podman_subid_start-$((podman_subid_start + 65535))" "$podman_user"
		chown -R "$podman_user:" "$podman_home"
		chmod 755 "$tmp"
	else
		podman_user=$(id -un)
		grep -q "^$podman_user:" /etc/subuid ||
			skip "no subordinate ids for $podman_user in /etc/subuid (run the tests as root, or add a range)"
	fi
	podman_uid=$(id -u "$podman_user")
	machine_containers_conf > "$podman_home/.config/containers/containers.conf"
	chmod 700 "$podman_home/run"
	[ "$(id -u)" != 0 ] || chown -R "$podman_user:" "$podman_home"
	trap podman_cleanup EXIT
}

# machine_containers_conf: what podman needs on the test machine (a VM
# whose cgroup layout crun refuses, without /dev/net/tun), as a
# containers.conf; the test machine's quirks, not a user's.
machine_containers_conf() {
	cat << 'EOF'
# The test machine's quirks (tests/podman-lib.sh), not a user's.
[containers]
netns = "none"
[engine]
runtime = "runc"
cgroup_manager = "cgroupfs"
events_logger = "file"
EOF
}

# as_user COMMAND...: run as the test's podman user, in its environment.
as_user() {
	# PODMAN_IGNORE_CGROUPSV1_WARNING: podman 5 (Debian 13) warns on every
	# command about this VM's cgroup v1 layout.
	set -- env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME="$podman_home" USER="$podman_user" \
		PODMAN_IGNORE_CGROUPSV1_WARNING=1 \
		XDG_CONFIG_HOME="$podman_home/.config" XDG_DATA_HOME="$podman_home/.local/share" \
		XDG_RUNTIME_DIR="$podman_home/run" "$@"
	if [ "$(id -u)" = 0 ]; then
		setpriv --reuid="$podman_user" --regid="$podman_user" --init-groups "$@"
	else
		"$@"
	fi
}

# user_podman ARGS...: the test user's podman, without this machine's one
# warning (its / is not a shared mount) that every podman command prints.
# Builds get no network too: containers.conf's netns is for containers
# only, and podman 4.3 builds otherwise start slirp4netns.
user_podman() {
	if [ "$1" = build ]; then
		shift
		set -- build --network=none "$@"
	fi
	as_user podman "$@" 2> "$tmp/podman.err"
	status=$?
	grep -v 'is not a shared mount' "$tmp/podman.err" >&2 || true
	return $status
}

podman_remove_account() {
	accounts userdel "$podman_user" 2> /dev/null || true
	accounts subids_locked sed -i "/^$podman_user:/d" /etc/subuid /etc/subgid 2> /dev/null || true
}

podman_cleanup() {
	status=$?
	# The pause process, and with it podman's namespaces.
	pause=$(cat "$podman_home/run/libpod/tmp/pause.pid" 2> /dev/null || true)
	[ -z "$pause" ] || kill -KILL "$pause" 2> /dev/null || true
	if [ "$(id -u)" = 0 ]; then
		pkill -KILL -u "$podman_user" 2> /dev/null || true
		podman_remove_account
	else
		as_user podman unshare rm -rf "$podman_home/.local/share/containers" 2> /dev/null || true
	fi
	host_binfmt_unchanged "$host_binfmt_before" || status=1
	remove_tmp
	exit $status
}

# podman_image ARCH: localhost/deb-ARCH in the test user's storage.
podman_image() {
	rootfs=$(image_rootfs "$1")
	user_podman import --quiet --arch "$1" "$rootfs" "localhost/deb-$1" > /dev/null ||
		fail "podman import of the $1 image"
}
