# Sourced by the package tests (debian/tests/*): the installed programs,
# the fixtures of the source tree, a private temp dir, and `booted`, a
# machine as qbinfmt-binfmt's scripts and systemd-binfmt see one, whose
# binfmt_misc is a private instance of its own.
set -eu

QBINFMT=/usr/bin/qbinfmt
ELFPROBE=/usr/bin/elfprobe
LAUNCHER_DIR=/usr/libexec/qbinfmt
BINFMT_D=/usr/lib/binfmt.d
SYSTEMD_BINFMT=/usr/lib/systemd/systemd-binfmt
FIXTURES=$(pwd)/tests/fixtures
[ -f "$FIXTURES/MANIFEST" ] || { echo "FAIL: run me from the top of qbinfmt's source tree" >&2; exit 1; }

tmp=$(mktemp -d "${AUTOPKGTEST_TMP:-${TMPDIR:-/tmp}}/qbinfmt-deb.XXXXXX")
chmod 755 "$tmp"
trap 'rm -rf "$tmp"' EXIT

fail() {
	echo "FAIL: $*" >&2
	exit 1
}

# skip REASON: only for what the kernel cannot do (the tests' restriction
# "skippable"); a missing tool is a failure.
skip() {
	echo "SKIP: $*" >&2
	exit 77
}

ok() { echo "ok $*"; }

# need_private_binfmt: skip unless the kernel gives a user namespace a
# binfmt_misc of its own (Linux 6.7+, user namespaces allowed).
need_private_binfmt() {
	for tool in unshare mount; do
		command -v "$tool" > /dev/null || fail "$tool is not installed (the test depends on util-linux and mount)"
	done
	probe=$(unshare --user --map-root-user --mount sh -c \
		'mount -t binfmt_misc probe /proc/sys/fs/binfmt_misc && echo ok' 2>&1) || true
	[ "$probe" = ok ] ||
		skip "cannot mount a private binfmt_misc in a user namespace (needs Linux 6.7+ and user namespaces; kernel $(uname -r)): $probe"
}

# targets: the targets qbinfmt-binfmt registers, from its files.
targets() {
	for f in "$BINFMT_D"/zz-qbinfmt-*.conf; do
		t=${f##*/zz-qbinfmt-}
		echo "${t%.conf}"
	done
}

# interpreter_of TARGET: the interpreter qbinfmt-binfmt's file for TARGET
# names (its one register string, ":NAME:M:OFFSET:MAGIC:MASK:INTERPRETER:FLAGS").
interpreter_of() {
	grep '^:' "$BINFMT_D/zz-qbinfmt-$1.conf" | cut -d : -f 7
}

# table_fixtures: the fixtures under bin/ (real programs and synthetic
# headers) of the targets qbinfmt-binfmt has and of the host's own
# family, FILE absolute, one a line.
table_fixtures() {
	host=$("$QBINFMT" list | awk 'NF == 0 { exit } NR > 1 && ($5 == "own" || $5 == "native") { print $1 }')
	awk -F '\t' '$1 ~ /^bin\// { print $1, $2 }' "$FIXTURES/MANIFEST" | while read -r file target; do
		if [ -e "$BINFMT_D/zz-qbinfmt-$target.conf" ] || echo "$host" | grep -qx "$target"; then
			echo "$FIXTURES/$file"
		fi
	done
}

# fixtures: "FILE TARGET" for every runnable real program (ET_EXEC and
# static PIE), FILE absolute.
fixtures() {
	awk -F '\t' -v d="$FIXTURES" '$7 == "runnable" { print d "/" $1, $2 }' "$FIXTURES/MANIFEST"
}

# booted [--no-systemd] [--no-binfmt] [--container NAME] COMMAND...: runs
# COMMAND as on a machine booted with systemd, as
# far as qbinfmt-binfmt's maintainer scripts and systemd-binfmt can tell,
# without touching this one: as root of a new user namespace that maps
# every id to itself (dpkg and podman work as usual), with mount and PID
# namespaces of its own, a fresh /proc, a tmpfs /run with
# /run/systemd/system, and a binfmt_misc instance of its own (Linux 6.7+)
# at /proc/sys/fs/binfmt_misc, checked empty before COMMAND runs: the
# host's registrations are neither visible nor reachable.  One fact is
# told, not made: the tests run in a root with a PID namespace of its
# own (tools/deb's, autopkgtest's), which systemd 254 and later take for
# a container (Debian 13: "container-other"), and a booted machine's
# init is in none; so unless --container is given, systemd-detect-virt
# --container answers "none" here, as on such a machine.
#   --no-systemd      no /run/systemd/system: systemd is not running
#   --no-binfmt       binfmt_misc not mounted (and no automount)
#   --container NAME  /run/systemd/container says NAME
booted() {
	systemd=yes binfmt=yes container=
	while :; do
		case $1 in
		--no-systemd) systemd=no ;;
		--no-binfmt) binfmt=no ;;
		--container)
			container=$2
			shift
			;;
		*) break ;;
		esac
		shift
	done
	# shellcheck disable=SC2016 # expanded inside
	setup='
		set -eu
		read -r _ < "$1"
		systemd=$2 binfmt=$3 container=$4
		shift 4
		mount -t proc -o nosuid,nodev,noexec proc /proc
		mount -t tmpfs -o nosuid,nodev,mode=755 run /run
		mkdir -p /run/lock /run/systemd
		[ "$systemd" = no ] || mkdir /run/systemd/system
		if [ -n "$container" ]; then
			echo "$container" > /run/systemd/container
		else
			mkdir /run/booted-bin
			cat > /run/booted-bin/systemd-detect-virt <<- EOF
				#!/bin/sh
				# booted (debian/tests/lib.sh): not in a container, as a booted machine is not.
				for arg; do
					case \$arg in
					-c | --container)
						case " \$* " in *" -q "* | *" --quiet "*) ;; *) echo none ;; esac
						exit 1
						;;
					esac
				done
				exec /usr/bin/systemd-detect-virt "\$@"
			EOF
			chmod 755 /run/booted-bin/systemd-detect-virt
			PATH=/run/booted-bin:$PATH
		fi
		if [ "$binfmt" = yes ]; then
			mount -t binfmt_misc booted /proc/sys/fs/binfmt_misc ||
				{ echo "SKIP: cannot mount a private binfmt_misc in a user namespace (Linux 6.7+; kernel $(uname -r))" >&2; exit 77; }
			leftover=$(ls /proc/sys/fs/binfmt_misc | grep -v -x -e register -e status || true)
			[ -z "$leftover" ] || { echo "FAIL: the binfmt_misc here is not a fresh instance: $leftover" >&2; exit 1; }
		fi
		exec "$@"
	'
	rm -f "$tmp/booted.go"
	mkfifo "$tmp/booted.go"
	unshare --user --mount --pid --fork --kill-child --propagation private \
		sh -c "$setup" booted "$tmp/booted.go" "$systemd" "$binfmt" "$container" "$@" &
	pid=$!
	# The child's maps, written from here: every id to itself.
	self=$(readlink /proc/self/ns/user)
	while [ "$(readlink "/proc/$pid/ns/user" 2> /dev/null || echo gone)" = "$self" ]; do sleep 0.01; done
	if ! echo '0 0 4294967295' > "/proc/$pid/uid_map" || ! echo '0 0 4294967295' > "/proc/$pid/gid_map"; then
		kill "$pid" 2> /dev/null || true
		fail "cannot map the ids of a new user namespace (as root?)"
	fi
	echo go > "$tmp/booted.go"
	status=0
	wait "$pid" || status=$?
	return "$status"
}

# entries: the entries of the binfmt_misc here, one "NAME INTERPRETER
# FLAGS" line each, in name order.
entries() {
	for e in /proc/sys/fs/binfmt_misc/*; do
		case ${e##*/} in register | status) continue ;; esac
		printf '%s %s %s\n' "${e##*/}" "$(sed -n 's/^interpreter //p' "$e")" "$(sed -n 's/^flags: //p' "$e")"
	done
}
