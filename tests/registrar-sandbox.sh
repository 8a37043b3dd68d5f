#!/bin/sh
# qbinfmt sandbox: emulation for a command and its children, no root
# needed, nothing left behind on the host.
. "$top_srcdir/tests/lib.sh"
need_user_namespaces
host_before=$(host_binfmt_state)

cat > "$tmp/script" <<EOS
set -e
cd "$FIXTURES"
bin/hello-aarch64 | sed -n 2p
# A child shell, and a grandchild through bash exec -a.
sh -c 'bin/hello-s390x-pie x | sed -n 3p'
bash -c 'exec -a kid bin/hello-riscv64' | sed -n 2p
exit 7
EOS
set +e
"$QBINFMT" sandbox -t arm64 -t s390x -t riscv64 -- sh "$tmp/script" > "$tmp/out" 2> "$tmp/err"
status=$?
set -e
[ "$status" -eq 7 ] || fail "exit status $status, want 7: $(cat "$tmp/err")"
printf 'bin/hello-aarch64\nx\nkid\n' > "$tmp/expect"
compare "$tmp/expect" "$tmp/out"
# Unprivileged, too: nobody has no subordinate ids, and is told so.
if [ "$(id -u)" = 0 ]; then
	chmod 755 "$tmp"
	as_nobody() { setpriv --reuid=65534 --regid=65534 --clear-groups "$QBINFMT" "$@"; }
	as_nobody sandbox -t arm64 -- "$FIXTURES/bin/hello-aarch64" > "$tmp/out" 2> "$tmp/err" ||
		fail "sandbox as nobody failed: $(cat "$tmp/err")"
	name=$(id -un 65534)
	echo "qbinfmt: sandbox: no subordinate ids for $name in /etc/subuid and /etc/subgid (add a range, e.g. usermod --add-subuids 100000-165535 --add-subgids 100000-165535 $name); running with a single id: programs that change file owners (dpkg, apt) will fail" > "$tmp/want"
	compare "$tmp/want" "$tmp/err"
	# Ranges that are not nobody's: newuidmap refuses (and says so first).
	status=0
	as_nobody sandbox --subids 100000:65536 -- true 2> "$tmp/err" || status=$?
	[ "$status" = 1 ] || fail "--subids not ours: exit $status"
	[ "$(tail -n 1 "$tmp/err")" = "qbinfmt: sandbox: newuidmap/newgidmap refused the ranges 100000:65536 and 100000:65536 (check /etc/subuid and /etc/subgid, or use --single-id)" ] ||
		fail "--subids not ours: $(cat "$tmp/err")"
fi
own=$(host_target)
"$QBINFMT" sandbox -t "$own" -- true 2> "$tmp/err" || fail "sandbox -t $own: $(cat "$tmp/err")"
echo "qbinfmt: sandbox: $own runs natively here (this machine's own target); not emulated" > "$tmp/want"
compare "$tmp/want" "$tmp/err"
"$QBINFMT" --verbose sandbox -t arm64 -- true 2> "$tmp/err" || fail "sandbox --verbose: $(cat "$tmp/err")"
grep -q "^qbinfmt: sandbox: aarch64 via /" "$tmp/err" || fail "sandbox --verbose: $(cat "$tmp/err")"
[ "$(host_binfmt_state)" = "$host_before" ] || fail "the host's binfmt_misc changed"
set +e
"$QBINFMT" sandbox -- /nonexistent-command 2> "$tmp/err"; status=$?
set -e
[ "$status" -eq 127 ] && grep -q "^qbinfmt: sandbox: cannot run /nonexistent-command: No such file" "$tmp/err" ||
	fail "missing command: $status $(cat "$tmp/err")"
echo "ok sandbox"
