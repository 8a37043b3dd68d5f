#!/bin/sh
# elfprobe's command line: usage errors exit 2, unreadable input 3, each
# with its own message on stderr and nothing on stdout.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/elfprobe-lib.sh"

# fails STATUS MESSAGE COMMAND...: exit status and the first stderr line.
fails() {
	want_status=$1 want_message=$2
	shift 2
	set +e
	"$@" > "$tmp/out" 2> "$tmp/err"
	status=$?
	set -e
	[ "$status" -eq "$want_status" ] || fail "$*: exit $status, not $want_status"
	[ "$(head -n 1 "$tmp/err")" = "$want_message" ] ||
		fail "$*: message '$(head -n 1 "$tmp/err")', not '$want_message'"
	[ ! -s "$tmp/out" ] || fail "$*: wrote to stdout: $(cat "$tmp/out")"
}

fails 2 "elfprobe: probe: no FILE given (try 'elfprobe probe --help')" "$ELFPROBE"
fails 2 "elfprobe: verify: no PATH given (try 'elfprobe verify --help')" "$ELFPROBE" verify
fails 2 "elfprobe: lint: unexpected argument 'x' (try 'elfprobe lint --help')" "$ELFPROBE" lint x
fails 2 "elfprobe: lint: --host is for verify (try 'elfprobe verify --help')" "$ELFPROBE" --host lint
fails 2 "elfprobe: lint: --host is for verify (try 'elfprobe verify --help')" "$ELFPROBE" lint --host
fails 2 "elfprobe: --table-kind: 'xml' is not register, binfmt.d, debian, live, nix, guix or auto" \
	"$ELFPROBE" --table-kind xml lint
fails 2 "elfprobe: --table: empty source" "$ELFPROBE" --table "" lint
fails 2 "elfprobe: unknown option '--frobnicate' (try 'elfprobe --help')" "$ELFPROBE" --frobnicate
fails 2 "elfprobe: unknown option '-x' (try 'elfprobe --help')" "$ELFPROBE" -x
fails 2 "elfprobe: lint: option '--table' needs an argument SRC (try 'elfprobe lint --help')" "$ELFPROBE" lint --table
fails 3 "elfprobe: --table data/elfprobe/none: cannot load: No such file or directory" \
	"$ELFPROBE" --table data/elfprobe/none lint
fails 3 "elfprobe: --table /dev/null: neither a file nor a folder" "$ELFPROBE" --table /dev/null lint
fails 3 "elfprobe: --host-exe data/elfprobe/none: No such file or directory" \
	"$ELFPROBE" --host-exe data/elfprobe/none lint
fails 3 "elfprobe: fixtures/neg/dir: is a folder" "$ELFPROBE" fixtures/neg/dir
fails 3 "elfprobe: /dev/null: not a regular file" "$ELFPROBE" /dev/null
fails 3 "elfprobe: data/elfprobe/none: No such file or directory" "$ELFPROBE" data/elfprobe/none

"$ELFPROBE" --help > "$tmp/help"
grep -q '^Usage: elfprobe \[OPTIONS\] \[probe\] FILE\.\.\. | verify PATH\.\.\. | lint$' "$tmp/help" || fail "--help: $(head -n 1 "$tmp/help")"
"$ELFPROBE" --version | grep -q '^elfprobe [0-9]' || fail "--version"
# A file called like a command is reached through `probe`.
cp fixtures/bin/hello-m68k "$tmp/lint"
"$ELFPROBE" $HOST_X86_64 probe "$tmp/lint" | grep -q 'qbinfmt-m68k' || fail "probe FILE named lint"
echo ok
