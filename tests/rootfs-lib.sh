# Sourced by the foreign root filesystem tests (tests/rootfs-*.sh), after
# tests/lib.sh: the Debian archive, which suite has which architecture,
# what uname -m says there, and an unprivileged test account with a
# subordinate range, removed again however the test ends.

need_user_namespaces
mirror=${QBINFMT_DEBIAN_MIRROR:-http://deb.debian.org/debian}

# bookworm has no riscv64 (Debian made it official in trixie, 13), and
# trixie has no mips64el: each architecture is built from a suite that has it.
suite_of() {
	case $1 in riscv64) echo trixie ;; *) echo bookworm ;; esac
}

uname_of() {
	case $1 in
	arm64) echo aarch64 ;; armhf) echo armv7l ;; ppc64el) echo ppc64le ;;
	mips64el) echo mips64 ;; *) echo "$1" ;;
	esac
}

# need_archive ARCH...: the suites of these architectures can be reached.
need_archive() {
	for suite in $(for arch in "$@"; do suite_of "$arch"; done | sort -u); do
		python3 -c 'import sys, urllib.request; urllib.request.urlopen(sys.argv[1] + "/dists/" + sys.argv[2] + "/Release", timeout=20)' "$mirror" "$suite" 2> /dev/null ||
			skip "the Debian archive at $mirror cannot be reached ($suite)"
	done
	# The tree's other users (_apt...) must reach it through our temp folder.
	chmod 755 "$tmp"
}

# check_root ARCH DIR [RUN-AS...]: DIR is a working ARCH Debian, entered
# with qbinfmt sandbox --root: uname -m, dpkg's architecture, root inside.
check_root() {
	arch=$1 dir=$2
	shift 2
	"$@" "$QBINFMT" sandbox --root "$dir" -- sh -c 'uname -m; dpkg --print-architecture; id -u' > "$tmp/out" ||
		fail "entering the $arch root failed"
	printf '%s\n%s\n0\n' "$(uname_of "$arch")" "$arch" > "$tmp/want"
	compare "$tmp/want" "$tmp/out"
}

# test_account START: as root, an account of the test's own ($test_user)
# with ids START.. as its subordinate range, and a folder it owns
# ($test_home); as_test_user runs a command as it.
test_account() {
	command -v newuidmap > /dev/null || fail "newuidmap missing (tools/setup installs uidmap)"
	command -v useradd > /dev/null || fail "useradd is missing (tools/setup installs passwd)"
	# Accounts are the machine's: the build folder's slot keeps two trees
	# testing at once from taking each other's (as tests/podman-lib.sh).
	test_user=qbinfmt-test$(($1 / 100000))-$(($(printf %s "$top_builddir" | cksum | cut -d' ' -f1) % 64))
	test_home=$tmp/user
	remove_test_account
	trap 'remove_test_account; remove_tmp' EXIT
	accounts useradd --system --no-create-home --shell /usr/sbin/nologin "$test_user"
	accounts usermod --add-subuids "$1-$(($1 + 65535))" --add-subgids "$1-$(($1 + 65535))" "$test_user"
	mkdir "$test_home"
	chown "$test_user:" "$test_home"
}

remove_test_account() {
	accounts userdel "$test_user" 2> /dev/null || true
	accounts subids_locked sed -i "/^$test_user:/d" /etc/subuid /etc/subgid 2> /dev/null || true
}

as_test_user() {
	env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME="$test_home" TMPDIR="$test_home" \
		setpriv --reuid="$test_user" --regid="$test_user" --init-groups "$@"
}
