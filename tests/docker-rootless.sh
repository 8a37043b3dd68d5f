#!/bin/sh
# timeout: 600
# Rootless docker, Debian's own (docker.io's dockerd-rootless.sh over
# rootlesskit), runs foreign containers once `qbinfmt --namespace-of` has
# registered in rootlesskit's user and mount namespace, where dockerd and
# every container live: arm64, argv[0] intact, status and find there.
# The host's binfmt_misc is never mounted or written.
#
#  - As root, the test gets an account of its own with a subordinate
#    range (dockerd-rootless.sh refuses root), removed when the test ends,
#    however it ends.  Otherwise it runs as the caller, who needs
#    subordinate ids.
#  - dockerd's configuration, storage and runtime folder and rootlesskit's
#    state are in the test's temporary folder (HOME, XDG_*): nothing of
#    anyone's docker is read or changed, and no system dockerd is used.
#  - This machine's quirks live here and nowhere else: slirp4netns cannot
#    open /dev/net/tun, so rootlesskit runs with --net=host (no network
#    namespace, so no port driver), where dockerd can make no bridge,
#    iptables rules or IP forwarding; containers run with --network none.
#    Users' machines need none of it.
#  - No registry: the image is loaded from an archive of container-lib's
#    arm64 root filesystem with its architecture written in (docker 20.10
#    imports every tarball as the host's architecture).
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/container-lib.sh"

rootless_sh=$(command -v dockerd-rootless.sh || echo /usr/share/docker.io/contrib/dockerd-rootless.sh)
for program in /usr/sbin/dockerd /usr/bin/docker /usr/bin/rootlesskit "$rootless_sh"; do
	[ -x "$program" ] || fail "$program is missing (tools/setup installs docker.io and rootlesskit)"
done
image=localhost/deb-arm64

docker_home=$tmp/home
mkdir -p "$docker_home/.config" "$docker_home/.local/share" "$docker_home/run" "$docker_home/tmp"
chmod 700 "$docker_home/run"
if [ "$(id -u)" = 0 ]; then
	command -v useradd > /dev/null || fail "useradd is missing (tools/setup installs passwd)"
	command -v setpriv > /dev/null || fail "setpriv is missing (tools/setup installs util-linux)"
	docker_user=qbinfmt-dock
	docker_own_account=yes
	# Left over by an interrupted run: its processes, then the account.
	for pid in $(ps -o pid= -u "$docker_user" 2> /dev/null); do kill -KILL "$pid" 2> /dev/null || true; done
	accounts userdel "$docker_user" 2> /dev/null || true
	accounts subids_locked sed -i "/^$docker_user:/d" /etc/subuid /etc/subgid
	accounts useradd --system --no-create-home --home-dir "$docker_home" --shell /bin/sh "$docker_user"
	accounts usermod --add-subuids 1786432-1851967 --add-subgids 1786432-1851967 "$docker_user"
	chown -R "$docker_user:" "$docker_home"
	chmod 755 "$tmp"
else
	docker_user=$(id -un)
	docker_own_account=no
	grep -q "^$docker_user:" /etc/subuid ||
		skip "no subordinate ids for $docker_user in /etc/subuid (run the tests as root, or add a range)"
fi

# as_user [--exec] COMMAND...: run as the test's docker user, in its
# environment; --exec replaces the shell (a background job's $! is then
# COMMAND's own pid).
as_user() {
	replace=
	[ "$1" != --exec ] || { replace='exec' && shift; }
	set -- env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME="$docker_home" USER="$docker_user" \
		XDG_CONFIG_HOME="$docker_home/.config" XDG_DATA_HOME="$docker_home/.local/share" \
		XDG_RUNTIME_DIR="$docker_home/run" TMPDIR="$docker_home/tmp" \
		DOCKER_HOST="unix://$docker_home/run/docker.sock" "$@"
	if [ "$(id -u)" = 0 ]; then
		$replace setpriv --reuid="$docker_user" --regid="$docker_user" --init-groups "$@"
	else
		$replace "$@"
	fi
}

rootlesskit_pid=
docker_cleanup() {
	status=$?
	# rootlesskit takes its child, dockerd and containerd along.
	if [ -n "$rootlesskit_pid" ]; then
		kill "$rootlesskit_pid" 2> /dev/null || true
		for _ in $(seq 100); do
			kill -0 "$rootlesskit_pid" 2> /dev/null || break
			sleep 0.1
		done
		kill -KILL "$rootlesskit_pid" 2> /dev/null || true
	fi
	if [ "$docker_own_account" = yes ]; then
		for pid in $(ps -o pid= -u "$docker_user"); do kill -KILL "$pid" 2> /dev/null || true; done
		accounts userdel "$docker_user" 2> /dev/null || true
		accounts subids_locked sed -i "/^$docker_user:/d" /etc/subuid /etc/subgid 2> /dev/null || true
	else
		# The storage belongs to subordinate ids: removed from inside.
		as_user rootlesskit rm -rf "$docker_home/.local/share/docker" 2> /dev/null || true
	fi
	host_binfmt_unchanged "$host_binfmt_before" || status=1
	remove_tmp
	exit $status
}
trap docker_cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM HUP

# Debian's dockerd-rootless.sh as it is, with the machine's quirks;
# $rootlesskit_pid is rootlesskit's (setpriv, env and the script exec).
as_user --exec env DOCKERD_ROOTLESS_ROOTLESSKIT_NET=host DOCKERD_ROOTLESS_ROOTLESSKIT_PORT_DRIVER=none \
	DOCKERD_ROOTLESS_ROOTLESSKIT_FLAGS="--state-dir=$docker_home/run/dockerd-rootless" \
	"$rootless_sh" --bridge=none --iptables=false --ip-forward=false > "$tmp/dockerd.log" 2>&1 &
rootlesskit_pid=$!
up=no
for _ in $(seq 300); do
	if as_user docker info > /dev/null 2>&1; then
		up=yes
		break
	fi
	kill -0 "$rootlesskit_pid" 2> /dev/null || break
	sleep 0.1
done
[ "$up" = yes ] || fail "rootless dockerd did not start: $(grep -v 'module=grpc' "$tmp/dockerd.log" | tail -5)"
as_user docker info --format '{{.SecurityOptions}}' | grep -q rootless || fail "dockerd is not rootless"
# rootlesskit's child holds the namespaces; dockerd (docker.pid) is in them.
child=$(cat "$docker_home/run/dockerd-rootless/child_pid")
dockerd=$(cat "$docker_home/run/docker.pid")
for ns in user mnt; do
	[ "$(readlink "/proc/$child/ns/$ns")" = "$(readlink "/proc/$dockerd/ns/$ns")" ] ||
		fail "dockerd is not in rootlesskit's $ns namespace"
	[ "$(readlink "/proc/$child/ns/$ns")" != "$(readlink "/proc/self/ns/$ns")" ] ||
		fail "rootlesskit made no $ns namespace"
done
echo "ok rootless dockerd (as $docker_user)"

rootfs=$(image_rootfs arm64)
python3 - "$rootfs" arm64 "$image:latest" "$tmp/image.tar" << 'PY' || fail "cannot make the image archive"
# docker save's layout: the root filesystem as the one layer, a config
# that names the architecture, a manifest that names both.
import hashlib, io, json, sys, tarfile
rootfs, arch, tag, out = sys.argv[1:]
h = hashlib.sha256()
with open(rootfs, "rb") as f:
    for chunk in iter(lambda: f.read(1 << 20), b""):
        h.update(chunk)
config = json.dumps({
    "architecture": arch, "os": "linux",
    "config": {"Env": ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"], "Cmd": ["sh"]},
    "rootfs": {"type": "layers", "diff_ids": ["sha256:" + h.hexdigest()]},
}, sort_keys=True).encode()
config_name = hashlib.sha256(config).hexdigest() + ".json"
layer = h.hexdigest() + "/layer.tar"
manifest = json.dumps([{"Config": config_name, "RepoTags": [tag], "Layers": [layer]}]).encode()
with tarfile.open(out, "w") as t:
    for name, data in ((config_name, config), ("manifest.json", manifest)):
        info = tarfile.TarInfo(name)
        info.size = len(data)
        t.addfile(info, io.BytesIO(data))
    t.add(rootfs, arcname=layer)
PY
chmod 644 "$tmp/image.tar"
as_user docker load --quiet --input "$tmp/image.tar" > /dev/null || fail "docker load"
[ "$(as_user docker image inspect --format '{{.Os}}/{{.Architecture}}' "$image")" = linux/arm64 ] ||
	fail "the image is not linux/arm64"

run() {
	as_user docker run --rm --network none --platform linux/arm64 "$@"
}

# The control: nothing emulates arm64 in there yet, and a read creates
# no binfmt_misc there.
run "$image" uname -m > "$tmp/out" 2>&1 && fail "arm64 ran before install: $(cat "$tmp/out")"
grep -q 'exec format error' "$tmp/out" || fail "before install: $(cat "$tmp/out")"
as_user "$QBINFMT" --namespace-of "$child" --json status > "$tmp/status.json" ||
	fail "status before install: $(cat "$tmp/status.json")"
python3 - "$tmp/status.json" << 'PY' || fail "status before install: $(cat "$tmp/status.json")"
import json, sys
s = json.load(open(sys.argv[1]))
assert s["instance"] in ("none", "inherited"), s
PY
echo "ok arm64 not emulated before install"

# Native with F: inside a container neither the launcher's qemu nor the
# host's path of any qemu can be reached; the kernel holds the static
# qemu open instead.
as_user "$QBINFMT" --namespace-of "$child" install --wiring native -F arm64 > "$tmp/out" ||
	fail "install: $(cat "$tmp/out")"
grep -q '^aarch64 *installed *native ' "$tmp/out" || fail "aarch64 not native: $(cat "$tmp/out")"
run "$image" sh -c 'uname -m; dpkg --print-architecture' > "$tmp/out"
printf 'aarch64\narm64\n' > "$tmp/want"
compare "$tmp/want" "$tmp/out"
echo "ok docker run --platform linux/arm64"

# argv[0] as the program was run: through exec -a (dash prints it as $0),
# and as busybox's applet name, by which alone busybox knows what to run.
cat > "$tmp/argv0.sh" << 'EOF'
busybox sh -c 'exec -a my-argv0 /bin/dash -c "echo \$0"'
busybox sh -c 'exec -a uname /bin/busybox -m'
EOF
chmod 644 "$tmp/argv0.sh"
run -v "$tmp/argv0.sh:/argv0.sh:ro" "$image" sh /argv0.sh > "$tmp/out"
printf 'my-argv0\naarch64\n' > "$tmp/want"
compare "$tmp/want" "$tmp/out"
echo "ok argv[0] intact"

# status and find there, through dockerd's pid as well.
as_user "$QBINFMT" --namespace-of "$dockerd" --json status > "$tmp/status.json" || fail "status"
python3 - "$tmp/status.json" << 'PY' || fail "status: $(cat "$tmp/status.json")"
import json, sys
s = json.load(open(sys.argv[1]))
assert s["instance"] == "own", s
assert [(e["name"], e["flags"]) for e in s["entries"]] == [("qbinfmt-aarch64", "PF")], s
PY
qemu=$(python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["entries"][0]["interpreter"])' "$tmp/status.json")
as_user "$QBINFMT" --namespace-of "$child" find "$FIXTURES/bin/hello-aarch64" "$FIXTURES/bin/hello-riscv64" > "$tmp/out"
printf '%s\tqbinfmt-aarch64\t%s\tqemu, the one enabled entry that matches\n%s\t-\t-\tno enabled entry matches\n' \
	"$FIXTURES/bin/hello-aarch64" "$qemu" \
	"$FIXTURES/bin/hello-riscv64" > "$tmp/want"
compare "$tmp/want" "$tmp/out"
echo "ok status and find in rootlesskit's namespace"

[ "$(host_binfmt_state)" = "$host_binfmt_before" ] || fail "the host's binfmt_misc changed"
echo "ok the host's binfmt_misc untouched"
