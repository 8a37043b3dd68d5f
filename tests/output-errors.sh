#!/bin/sh
# Every program fails (exit 1, one line) when its output cannot be
# written, as coreutils' close_stdout makes them: /dev/full for stdout.
. "$top_srcdir/tests/lib.sh"

# full COMMAND...: stdout to /dev/full: exit 1 and that one line.
full() {
	status=0
	"$@" > /dev/full 2> "$tmp/err" || status=$?
	[ "$status" = 1 ] || fail "$* > /dev/full: exit $status"
	program=$(basename "$1")
	[ "$(cat "$tmp/err")" = "$program: cannot write the output: No space left on device" ] ||
		fail "$* > /dev/full: $(cat "$tmp/err")"
}

full "$QBINFMT" list
full "$QBINFMT" --json list
full "$QBINFMT" list --names
full "$QBINFMT" export --format binfmt.d --all
full "$QBINFMT" export --format register arm64
full "$QBINFMT" --dry-run install arm64
full "$QBINFMT" --help
full "$QBINFMT" install --help
full "$ELFPROBE" lint
full "$ELFPROBE" --json lint
full "$ELFPROBE" probe "$FIXTURES/bin/hello-aarch64"
full "$ELFPROBE" --json probe "$FIXTURES/bin/hello-aarch64"
full "$ELFPROBE" verify "$FIXTURES/bin/hello-aarch64"
# The podman hook writes podman's configuration itself: the cause, once.
status=0
echo '{"ociVersion":"1.0.0"}' | "$QBINFMT" podman hook "$tmp/no-record" > /dev/full 2> "$tmp/err" || status=$?
[ "$status" = 1 ] || fail "podman hook > /dev/full: exit $status"
[ "$(cat "$tmp/err")" = "qbinfmt: podman hook: cannot pass the container's configuration on: No space left on device" ] ||
	fail "podman hook > /dev/full: $(cat "$tmp/err")"
echo "ok every program fails on a full stdout"
