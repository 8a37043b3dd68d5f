# shellcheck shell=sh disable=SC2154 # tmp and fail are the sourcing test's
# Sourced by debian/tests/upgrade-*: dpkg killed midway, at a point of our
# choosing, and what dpkg then says.

# kill_dpkg_in_postinst DPKG-COMMAND...: runs DPKG-COMMAND and kills the
# dpkg running it with the maintainer script it runs (SIGKILL, as a crash
# or a power cut would) when qbinfmt-binfmt's postinst starts its checks:
# its first command, ischroot, is a stand-in here that kills every
# process from itself up to dpkg, once.
# Fails unless dpkg was killed so.
kill_dpkg_in_postinst() {
	mkdir -p "$tmp/kill"
	cat > "$tmp/kill/ischroot" << EOF
#!/bin/sh
if [ "\${DPKG_MAINTSCRIPT_PACKAGE:-}" = qbinfmt-binfmt ] && [ "\${DPKG_MAINTSCRIPT_NAME:-}" = postinst ] &&
	mkdir "$tmp/kill/done" 2> /dev/null; then
	pid=\$PPID chain=
	while [ "\$pid" -gt 1 ] && [ "\$(cat "/proc/\$pid/comm")" != dpkg ]; do
		chain="\$chain \$pid"
		pid=\$(sed 's/.*) //' "/proc/\$pid/stat" | cut -d ' ' -f 2)
	done
	[ "\$pid" -gt 1 ] && kill -KILL "\$pid" \$chain \$\$
	exit 1
fi
exec /usr/bin/ischroot "\$@"
EOF
	chmod 755 "$tmp/kill/ischroot"
	rm -rf "$tmp/kill/done"
	PATH=$tmp/kill:$PATH "$@" > "$tmp/kill/out" 2>&1 && status=0 || status=$?
	[ -d "$tmp/kill/done" ] || fail "dpkg was not killed: $(cat "$tmp/kill/out")"
	[ "$status" = 137 ] || fail "dpkg exit status $status, not 137 (SIGKILL): $(cat "$tmp/kill/out")"
	echo "ok dpkg killed in qbinfmt-binfmt's postinst"
}

# all_installed VERSION: qbinfmt and qbinfmt-binfmt configured, at VERSION.
all_installed() {
	for p in qbinfmt qbinfmt-binfmt; do
		s=$(dpkg-query -W -f '${Status} ${Version}' "$p")
		[ "$s" = "install ok installed $1" ] || fail "$p: $s"
	done
	dpkg --audit > "$tmp/audit" 2>&1 || true
	[ ! -s "$tmp/audit" ] || fail "dpkg --audit: $(cat "$tmp/audit")"
}
