#!/bin/sh
# qbinfmt --namespace-of PID: install, status and find in the user and
# mount namespaces of a long-lived qbinfmt sandbox, from outside it, as
# the user who started it, and in namespaces that have no binfmt_misc
# yet (unshare's), where a read creates none and an install mounts the
# namespace's own.  What is installed runs inside (and only there); a
# process that is not the caller's, or none, gets one line.  As root, and
# as an unprivileged test account with subordinate ids.
. "$top_srcdir/tests/lib.sh"
need_user_namespaces
command -v nsenter > /dev/null || fail "nsenter is missing (tools/setup installs util-linux)"
host_before=$(host_binfmt_state)
chmod 755 "$tmp"

user=qbinfmt-ns
sandboxes='' unshares=''
cleanup() {
	status=$?
	# unshare --fork blocks SIGTERM; --kill-child takes its child along.
	for pid in $unshares; do kill -KILL "$pid" 2> /dev/null || true; done
	for pid in $sandboxes; do kill "$pid" 2> /dev/null || true; done
	for pid in $sandboxes $unshares; do wait "$pid" 2> /dev/null || true; done
	if [ "$(id -u)" = 0 ]; then
		accounts userdel "$user" 2> /dev/null || true
		accounts subids_locked sed -i "/^$user:/d" /etc/subuid /etc/subgid 2> /dev/null || true
	fi
	host_binfmt_unchanged "$host_before" || status=1
	remove_tmp
	exit $status
}
trap cleanup EXIT

# fails STATUS MESSAGE COMMAND...: that exit status, that one line.
fails() {
	want_status=$1 want=$2
	shift 2
	status=0
	"$@" > "$tmp/out" 2> "$tmp/err" || status=$?
	[ "$status" = "$want_status" ] || fail "$*: exit $status, want $want_status: $(cat "$tmp/err")"
	[ "$(cat "$tmp/err")" = "$want" ] || fail "$*: said '$(cat "$tmp/err")', want '$want'"
	[ ! -s "$tmp/out" ] || fail "$*: wrote to stdout: $(cat "$tmp/out")"
}

# start_sandbox [RUN-AS...]: a long-lived `qbinfmt sandbox -t aarch64`
# run as RUN-AS; sets $init to its PID 1 (the outer qbinfmt's child, root
# of the sandbox's user namespace), once the sandbox's command runs.
start_sandbox() {
	"$@" "$QBINFMT" sandbox -t aarch64 -- sleep 300 > "$tmp/sandbox.out" 2>&1 &
	outer=$!
	sandboxes="$sandboxes $outer"
	for _ in $(seq 100); do
		# (newuidmap and newgidmap are children of outer too, for a moment)
		for init in $(ps -o pid= --ppid "$outer"); do
			[ "$(readlink "/proc/$init/ns/user")" != "$(readlink "/proc/$outer/ns/user")" ] &&
				[ -n "$(ps -o pid= --ppid "$init")" ] && return 0
		done
		kill -0 "$outer" 2> /dev/null || fail "the sandbox ended: $(cat "$tmp/sandbox.out")"
		sleep 0.1
	done
	fail "the sandbox's command did not start: $(cat "$tmp/sandbox.out")"
}

# exercise WHO [RUN-AS...]: the whole story for one user.
exercise() {
	who=$1
	shift
	start_sandbox "$@"
	fixture=$FIXTURES/bin

	# A read: the sandbox's own instance, as the sandbox made it.
	"$@" "$QBINFMT" --namespace-of "$init" --json status > "$tmp/status.json" ||
		fail "$who: status: $(cat "$tmp/status.json")"
	python3 - "$tmp/status.json" aarch64 << 'PY' || fail "$who: status before: $(cat "$tmp/status.json")"
import json, sys
s = json.load(open(sys.argv[1]))
assert s["instance"] == "own", s
assert [e["name"] for e in s["entries"]] == ["qbinfmt-" + t for t in sys.argv[2:]], s
PY

	# The control: riscv64 is not emulated in there yet.  (bash, not
	# nsenter's execvp(), which would hand the file to sh.)
	status=0
	"$@" nsenter -t "$init" -U -m --preserve-credentials bash -c '"$1"' sh "$fixture/hello-riscv64" \
		> "$tmp/out" 2>&1 || status=$?
	[ "$status" = 126 ] && grep -q 'Exec format error' "$tmp/out" ||
		fail "$who: riscv64 ran in the sandbox before install ($status): $(cat "$tmp/out")"

	# The default wiring (the launcher, by its host path: the sandbox
	# shares the host's files) and native, both with F.
	"$@" "$QBINFMT" --namespace-of "$init" install --cpu riscv64=default -F riscv64 > "$tmp/out" ||
		fail "$who: install riscv64: $(cat "$tmp/out")"
	grep -q '^riscv64 *installed *launcher ' "$tmp/out" || fail "$who: riscv64: $(cat "$tmp/out")"
	"$@" "$QBINFMT" --namespace-of "$init" install --wiring native -F s390x > "$tmp/out" ||
		fail "$who: install s390x: $(cat "$tmp/out")"
	grep -q '^s390x *installed *native ' "$tmp/out" || fail "$who: s390x: $(cat "$tmp/out")"
	# Again: equal entries are left alone.
	"$@" "$QBINFMT" --namespace-of "$init" install --cpu riscv64=default -F riscv64 > "$tmp/out" ||
		fail "$who: install riscv64 again: $(cat "$tmp/out")"
	grep -q '^riscv64 *unchanged ' "$tmp/out" || fail "$who: riscv64 again: $(cat "$tmp/out")"

	"$@" "$QBINFMT" --namespace-of "$init" --json status > "$tmp/status.json" ||
		fail "$who: status after: $(cat "$tmp/status.json")"
	python3 - "$tmp/status.json" aarch64 riscv64 s390x << 'PY' || fail "$who: status after: $(cat "$tmp/status.json")"
import json, sys
s = json.load(open(sys.argv[1]))
assert s["instance"] == "own", s
assert [e["name"] for e in s["entries"]] == ["qbinfmt-" + t for t in sys.argv[2:]], s
assert all(e["flags"] == "PF" for e in s["entries"]), s
PY
	"$@" "$QBINFMT" --namespace-of "$init" find "$fixture/hello-riscv64" "$fixture/hello-s390x-pie" \
		> "$tmp/out" || fail "$who: find"
	# (the interpreters: s390x's the static qemu this machine has, riscv64's
	# the launcher, by a name with the CPU model this qemu wants)
	interpreter() {
		python3 -c '
import json, sys
print([e for e in json.load(open(sys.argv[1]))["entries"] if e["name"] == sys.argv[2]][0]["interpreter"])
' "$tmp/status.json" "qbinfmt-$1"
	}
	printf '%s\tqbinfmt-riscv64\t%s\t%s\n%s\tqbinfmt-s390x\t%s\t%s\n' \
		"$fixture/hello-riscv64" "$(interpreter riscv64)" "qemu, the one enabled entry that matches" \
		"$fixture/hello-s390x-pie" "$(interpreter s390x)" "qemu, the one enabled entry that matches" > "$tmp/want"
	compare "$tmp/want" "$tmp/out"

	# They run in there, argv[0] intact (P), children too.
	"$@" nsenter -t "$init" -U -m --preserve-credentials \
		bash -c 'exec -a kid "$1" x' sh "$fixture/hello-riscv64" > "$tmp/out" ||
		fail "$who: riscv64 in the sandbox"
	printf '2\nkid\nx\n' > "$tmp/want"
	compare "$tmp/want" "$tmp/out"
	"$@" nsenter -t "$init" -U -m --preserve-credentials \
		sh -c '"$1" y | sed -n 2,3p; "$2" | sed -n 2p' sh "$fixture/hello-s390x-pie" "$fixture/hello-aarch64" \
		> "$tmp/out" || fail "$who: s390x and aarch64 in the sandbox"
	printf '%s\ny\n%s\n' "$fixture/hello-s390x-pie" "$fixture/hello-aarch64" > "$tmp/want"
	compare "$tmp/want" "$tmp/out"

	# Not on the host.
	[ "$(host_binfmt_state)" = "$host_before" ] || fail "$who: the host's binfmt_misc changed"

	# Namespaces with no binfmt_misc yet, and a /proc of their own PID
	# namespace (where the caller has no /proc/self): a read says so and
	# creates nothing; an install mounts the namespace's own instance.
	"$@" unshare --user --map-root-user --mount --pid --fork --kill-child --mount-proc sleep 300 &
	unshares="$unshares $!"
	bare=
	for _ in $(seq 100); do
		bare=$(ps -o pid= --ppid "$!" | tr -d ' ')
		[ -z "$bare" ] || [ "$(ps -o comm= -p "$bare")" != sleep ] || break
		sleep 0.1
	done
	[ -n "$bare" ] || fail "$who: unshare did not start"
	"$@" "$QBINFMT" --namespace-of "$bare" --json status > "$tmp/status.json" ||
		fail "$who: status of a bare namespace: $(cat "$tmp/status.json")"
	python3 - "$tmp/status.json" << 'PY' || fail "$who: bare status: $(cat "$tmp/status.json")"
import json, sys
s = json.load(open(sys.argv[1]))
assert s["instance"] == "none" and s["entries"] == [], s
PY
	"$@" "$QBINFMT" --namespace-of "$bare" status > "$tmp/out"
	echo "/proc/sys/fs/binfmt_misc: no binfmt_misc mounted here: this user namespace's programs use the entries of the nearest parent namespace that has its own" > "$tmp/want"
	compare "$tmp/want" "$tmp/out"
	! grep -q binfmt_misc "/proc/$bare/mountinfo" || fail "$who: a read mounted binfmt_misc"
	"$@" "$QBINFMT" --namespace-of "$bare" install --cpu riscv64=default -F riscv64 > "$tmp/out" ||
		fail "$who: install in a bare namespace: $(cat "$tmp/out")"
	grep -q ' /proc/sys/fs/binfmt_misc .* - binfmt_misc ' "/proc/$bare/mountinfo" ||
		fail "$who: no binfmt_misc mounted by install"
	"$@" "$QBINFMT" --namespace-of "$bare" status | grep -q '^qbinfmt-riscv64 *enabled' ||
		fail "$who: status of the bare namespace after install"
	"$@" nsenter -t "$bare" -U -m --preserve-credentials "$fixture/hello-riscv64" | sed -n 2p > "$tmp/out"
	echo "$fixture/hello-riscv64" > "$tmp/want"
	compare "$tmp/want" "$tmp/out"
	[ "$(host_binfmt_state)" = "$host_before" ] || fail "$who: the host's binfmt_misc changed"

	# No such process.
	pid_max=$(cat /proc/sys/kernel/pid_max)
	fails 1 "qbinfmt: status: --namespace-of $pid_max: no such process" \
		"$@" "$QBINFMT" --namespace-of "$pid_max" status

	# Where it means nothing it is refused, not ignored (nothing written).
	nothing="qbinfmt: %s: --namespace-of $init means nothing here: %s"
	fails 2 "$(printf "$nothing" list "list reads no binfmt_misc")" \
		"$@" "$QBINFMT" --namespace-of "$init" list
	fails 2 "$(printf "$nothing" export "export writes files, for this machine or another")" \
		"$@" "$QBINFMT" --namespace-of "$init" export --format register riscv64
	fails 2 "$(printf "$nothing" sandbox "a sandbox makes namespaces of its own (to reach a running one, give its PID 1 to install)")" \
		"$@" "$QBINFMT" --namespace-of "$init" sandbox -- true
	fails 2 "$(printf "$nothing" install "a dry run enters no namespace")" \
		"$@" "$QBINFMT" --namespace-of "$init" --dry-run install riscv64
	fails 2 "$(printf "$nothing" import "a dry run enters no namespace")" \
		"$@" "$QBINFMT" --namespace-of "$init" --dry-run import /dev/null
	fails 2 "$(printf "$nothing" "podman status" "qbinfmt podman acts in podman's own namespace")" \
		"$@" "$QBINFMT" --namespace-of "$init" podman status
	echo "ok --namespace-of a sandbox of $who: install (launcher and native), status, find, run"
}

if [ "$(id -u)" = 0 ]; then
	command -v newuidmap > /dev/null || fail "newuidmap missing (tools/setup installs uidmap)"
	accounts userdel "$user" 2> /dev/null || true # left over by an interrupted run
	accounts subids_locked sed -i "/^$user:/d" /etc/subuid /etc/subgid
	accounts useradd --system --no-create-home --shell /usr/sbin/nologin "$user"
	accounts usermod --add-subuids 500000-565535 --add-subgids 500000-565535 "$user"
	mkdir -m 700 "$tmp/user" "$tmp/user/run"
	chown -R "$user:" "$tmp/user"
	set -- env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME="$tmp/user" XDG_RUNTIME_DIR="$tmp/user/run" \
		setpriv --reuid="$user" --regid="$user" --init-groups
	exercise root
	root_init=$init
	exercise "$user" "$@"
	# Root's sandbox is not the account's: one line, nothing registered.
	refusal="cannot enter its user namespace: it is not one you own (a process of yours, started by you or your podman)"
	fails 1 "qbinfmt: install: --namespace-of $root_init: $refusal" \
		"$@" "$QBINFMT" --namespace-of "$root_init" install --wiring native -F arm
	fails 1 "qbinfmt: status: --namespace-of $root_init: $refusal" \
		"$@" "$QBINFMT" --namespace-of "$root_init" status
	"$QBINFMT" --namespace-of "$root_init" status | grep -q '3 entries' || fail "root's sandbox changed"
	echo "ok --namespace-of another user's sandbox: refused"

	# A zombie (exited, not reaped) has no namespaces left: said so.
	(
		sleep 0 &
		echo $! > "$tmp/zombie"
		exec sleep 60
	) &
	holder=$!
	unshares="$unshares $holder"
	for _ in $(seq 50); do
		[ -s "$tmp/zombie" ] && [ "$(ps -o stat= -p "$(cat "$tmp/zombie")")" = Z ] && break
		sleep 0.1
	done
	zombie=$(cat "$tmp/zombie")
	[ "$(ps -o stat= -p "$zombie")" = Z ] || fail "no zombie to test with"
	fails 1 "qbinfmt: status: --namespace-of $zombie: the process has exited (its parent has not reaped it yet): it has no namespaces left" \
		"$QBINFMT" --namespace-of "$zombie" status
	echo "ok --namespace-of a zombie: the process has exited"

	# The account's own namespaces (its own process): where it already
	# is, so as without --namespace-of, not "cannot enter its mount
	# namespace: Operation not permitted".
	"$@" "$QBINFMT" status > "$tmp/plain" 2>&1 || true
	status=0
	"$@" sh -c 'exec "$0" --namespace-of $$ status' "$QBINFMT" > "$tmp/own" 2>&1 || status=$?
	cmp -s "$tmp/plain" "$tmp/own" ||
		fail "--namespace-of its own process: exit $status: $(cat "$tmp/own")"
	echo "ok --namespace-of the caller's own namespaces: as without it"
else
	exercise "$(id -un)"
	# PID 1, root's (when it is not ours): the same line.
	if [ "$(stat -c %u /proc/1)" != "$(id -u)" ]; then
		fails 1 "qbinfmt: status: --namespace-of 1: cannot enter its user namespace: it is not one you own (a process of yours, started by you or your podman)" \
			"$QBINFMT" --namespace-of 1 status
		echo "ok --namespace-of another user's process: refused"
	fi
fi
