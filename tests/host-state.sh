# Sourced by tests/host-guard and tests/lib.sh (and bench/podman/run):
# host_binfmt_state prints the host's binfmt_misc as text, each entry and
# the status file, for comparing before and after.  Only when one is
# mounted already: looking at the path would start systemd's automount,
# a change of its own.  HOST_GUARD_BINFMT names another mount to look at
# (tests/harness-guard.sh proves the guard on a private one).
host_binfmt_state() {
	_binfmt=${HOST_GUARD_BINFMT:-/proc/sys/fs/binfmt_misc}
	awk -v at="$_binfmt" '{
		for (i = 7; i <= NF; i++)
			if ($i == "-") { if ($5 == at && $(i + 1) == "binfmt_misc") found = 1; break }
	} END { exit !found }' /proc/self/mountinfo || { echo "(not mounted)"; return 0; }
	for _f in "$_binfmt"/*; do
		[ "${_f##*/}" = register ] && continue
		echo "== ${_f##*/}"
		cat "$_f" 2>&1
	done
}

# host_binfmt_unchanged BEFORE: true when host_binfmt_state still prints
# BEFORE; else a FAIL line on stderr showing what it is now, and false.
host_binfmt_unchanged() {
	_now=$(host_binfmt_state)
	[ "$_now" = "$1" ] && return 0
	echo "FAIL: the host's binfmt_misc changed: $_now" >&2
	return 1
}
