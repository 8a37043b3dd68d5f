# Sourced by tests/lib.sh and by the benchmarks that make accounts
# (bench/podman/run): test accounts made and removed by tests running at
# once, without shadow's tools failing on each other's locks.

# accounts COMMAND...: COMMAND (useradd, usermod, userdel, or a function
# that edits the subordinate id files) with the other tests' account work
# kept out: shadow's tools give up at once on a lock another holds.
accounts() {
	(
		flock 9
		"$@"
	) 9> "$(if [ -d /run/lock ]; then echo /run/lock; else echo /tmp; fi)/qbinfmt-test-accounts"
}

# subids_locked COMMAND...: COMMAND edits /etc/subuid and /etc/subgid
# under shadow's own locks (FILE.lock, linked to a file holding our pid,
# as useradd and usermod make them), so that no tool writes alongside and
# no line is lost to a rename.  Inside accounts only.
subids_locked() {
	for f in /etc/subuid /etc/subgid; do
		printf %s $$ > "$f.$$"
		tries=0
		until ln "$f.$$" "$f.lock" 2> /dev/null; do
			tries=$((tries + 1))
			if [ $tries -ge 600 ]; then
				rm -f "$f.$$"
				[ "$f" = /etc/subuid ] || rm -f /etc/subuid.lock
				fail "$f.lock has been held for a minute"
			fi
			sleep 0.1
		done
		rm -f "$f.$$"
	done
	rc=0
	"$@" || rc=$?
	rm -f /etc/subuid.lock /etc/subgid.lock
	return $rc
}
