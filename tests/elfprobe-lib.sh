# Sourced by the elfprobe tests after tests/lib.sh.  They run from
# tests/ so that paths in the output are short and the same everywhere,
# and take the host's identity from the x86_64 fixture so that results do
# not depend on the machine (tests/elfprobe-self.sh is the exception).
cd "$top_srcdir/tests"
EXPECTED=$top_srcdir/tests/expected/elfprobe
HOST_X86_64="--host-exe fixtures/bin/hello-x86_64"

[ -x "$ELFPROBE" ] || fail "no elfprobe at $ELFPROBE"
# The fixtures are in git: missing, the tree is broken, not the machine.
[ -f fixtures/bin/hello-x86_64 ] || fail "no fixtures in $top_srcdir/tests/fixtures (they are in git)"

# expect NAME COMMAND...: run it; its stdout, then its stderr after a
# "--- stderr" line if any, then "exit: N", must equal expected/NAME.
# ELFPROBE_REGEN=1 writes the expected file instead (review the diff!).
expect() {
	name=$1
	shift
	set +e
	"$@" > "$tmp/$name.out" 2> "$tmp/$name.err"
	status=$?
	set -e
	if [ -s "$tmp/$name.err" ]; then
		echo "--- stderr" >> "$tmp/$name.out"
		cat "$tmp/$name.err" >> "$tmp/$name.out"
	fi
	echo "exit: $status" >> "$tmp/$name.out"
	if [ "${ELFPROBE_REGEN:-}" = 1 ]; then
		cp "$tmp/$name.out" "$EXPECTED/$name"
		return 0
	fi
	compare "$EXPECTED/$name" "$tmp/$name.out"
}

# valid_json FILE: python3 must parse it.
valid_json() {
	python3 -m json.tool "$1" > /dev/null || fail "not valid JSON: $1"
}
