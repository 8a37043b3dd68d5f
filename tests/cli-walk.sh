#!/bin/sh
# Every command of both programs, walked: --help, -h and `help COMMAND`
# show its usage (exit 0); a bad option is one line naming the command and
# the option (exit 2), before or after the operands; global options work
# after the command; and a binfmt_misc that is not there is exit 3 for
# every command that reads or writes one.  The list of commands is the
# programs' own (what completion offers), so a new command is walked too.
. "$top_srcdir/tests/lib.sh"

# commands PROGRAM [COMMAND]: the (sub)commands completion offers.
commands() {
	program=$1
	shift
	"$program" __complete $(($# + 1)) "$program" "$@" "" | sed "1d" | grep -v -x help || true
}

# walk PROGRAM NAME PATH...: the help and option checks for one command.
walk() {
	program=$1 name=$2
	shift 2
	for how in --help -h; do
		"$program" "$@" $how > "$tmp/out" 2> "$tmp/err" || fail "$name $*: $how: exit $?"
		head -n 1 "$tmp/out" | grep -q "^Usage: $name $* " || fail "$name $* $how: $(head -n 1 "$tmp/out")"
		[ ! -s "$tmp/err" ] || fail "$name $* $how wrote to stderr"
	done
	"$program" help "$@" > "$tmp/help" || fail "$name help $*: exit $?"
	cmp -s "$tmp/help" "$tmp/out" || fail "$name help $* differs from $* -h"
	for bad in "--frobnicate" "-Z"; do
		status=0
		"$program" "$@" $bad > "$tmp/out" 2> "$tmp/err" || status=$?
		[ "$status" = 2 ] || fail "$name $* $bad: exit $status"
		[ "$(cat "$tmp/err")" = "$name: $*: unknown option '$bad' (try '$name $* --help')" ] ||
			fail "$name $* $bad: '$(cat "$tmp/err")'"
		[ ! -s "$tmp/out" ] || fail "$name $* $bad wrote to stdout"
	done
}

for command in $(commands "$QBINFMT"); do
	subs=$(commands "$QBINFMT" "$command")
	if [ -n "$subs" ] && [ "$command" = podman ]; then
		for sub in $subs; do walk "$QBINFMT" qbinfmt "$command" "$sub"; done
	fi
	walk "$QBINFMT" qbinfmt "$command"
done
for command in $(commands "$ELFPROBE"); do
	walk "$ELFPROBE" elfprobe "$command"
done
echo "ok --help, -h, help COMMAND and bad options for every command"

# Global options after the command, and after an operand.
"$QBINFMT" list --json | python3 -c 'import json, sys; json.load(sys.stdin)' || fail "list --json"
"$QBINFMT" install riscv64 --dry-run | grep -q '^:qbinfmt-riscv64:' || fail "install TARGET --dry-run"
"$QBINFMT" install --dry-run --all > /dev/null || fail "install --dry-run --all"
status=0
"$QBINFMT" install arm64 --wiring 2> "$tmp/err" || status=$?
[ "$status" = 2 ] && [ "$(cat "$tmp/err")" = "qbinfmt: install: option '--wiring' needs an argument HOW (try 'qbinfmt install --help')" ] ||
	fail "a missing argument: $status $(cat "$tmp/err")"
echo "ok global options after the command"

# No binfmt_misc at --binfmt-dir (and none can be mounted on a folder that
# does not exist): exit 3, one line, for every command that needs one.
none=/nonexistent/qbinfmt-binfmt
touch "$tmp/entries.conf"
for args in "status" "find $FIXTURES/bin/hello-aarch64" "install arm64" "remove arm64" \
	"enable arm64" "disable arm64" "import $tmp/entries.conf"; do
	status=0
	# shellcheck disable=SC2086 # a word list
	"$QBINFMT" --binfmt-dir "$none" $args > "$tmp/out" 2> "$tmp/err" || status=$?
	[ "$status" = 3 ] || fail "$args without binfmt_misc: exit $status: $(cat "$tmp/err")"
	[ "$(wc -l < "$tmp/err")" = 1 ] && grep -q "$none is not a binfmt_misc mount" "$tmp/err" ||
		fail "$args without binfmt_misc: $(cat "$tmp/err")"
done
# doctor answers instead: the file would fail, and why (exit 1).
status=0
"$QBINFMT" --binfmt-dir "$none" doctor "$FIXTURES/bin/hello-aarch64" > "$tmp/out" || status=$?
[ "$status" = 1 ] && grep -q "^  binfmt_misc  NO   no binfmt_misc is mounted at $none" "$tmp/out" ||
	fail "doctor without binfmt_misc: $status $(cat "$tmp/out")"
echo "ok a binfmt_misc that is not there: exit 3 for every command"
