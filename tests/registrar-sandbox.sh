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
# Unprivileged, too.
if [ "$(id -u)" = 0 ]; then
	chmod 755 "$tmp"
	setpriv --reuid=65534 --regid=65534 --clear-groups "$QBINFMT" sandbox -t arm64 -- "$FIXTURES/bin/hello-aarch64" > "$tmp/out" ||
		fail "sandbox as nobody failed"
fi
[ "$(host_binfmt_state)" = "$host_before" ] || fail "the host's binfmt_misc changed"
set +e
"$QBINFMT" sandbox -- /nonexistent-command 2> "$tmp/err"; status=$?
set -e
[ "$status" -eq 127 ] && grep -q "^qbinfmt: sandbox: cannot run /nonexistent-command: No such file" "$tmp/err" ||
	fail "missing command: $status $(cat "$tmp/err")"
echo "ok sandbox"
