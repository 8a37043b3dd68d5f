#!/bin/sh
# Every runnable fixture, run as a plain executable through the launcher
# (registered with P), sees its true argv[0] and its arguments intact.
. "$top_srcdir/tests/lib.sh"
require_sandbox

# The host's own family is never emulated: registering it would send the
# host's own programs (sh, python3) through qemu.
host_targets=$("$QBINFMT" --json list | python3 -c '
import json, sys
print(" ".join(t["name"] for t in json.load(sys.stdin) if t["host_family"]))')
targets=$(runnable_fixtures | awk '{print $2}' | sort -u)
for t in $host_targets; do targets=$(echo "$targets" | grep -v -x "$t"); done
for t in $targets; do
	register_target "$t" P "$LAUNCHER_DIR/qemu-$t-binfmt-P"
done

passed=0 failed=0
check() { # NAME EXPECTED-FILE COMMAND...
	name=$1 expected=$2
	shift 2
	set +e
	"$@" > "$tmp/out" 2> "$tmp/err"
	status=$?
	set -e
	echo "exit $status" >> "$tmp/out"
	if cmp -s "$expected" "$tmp/out"; then
		passed=$((passed + 1))
	else
		failed=$((failed + 1))
		echo "FAIL $name:"
		diff -u "$expected" "$tmp/out" | sed 's/^/  /'
		sed 's/^/  stderr: /' "$tmp/err"
	fi
}

mkdir "$tmp/links"
cd "$FIXTURES"
runnable_fixtures | while read -r file target; do
	echo "$targets" | grep -q -x "$target" || continue
	# As given on the command line, with arguments that must survive:
	# spaces, an empty one, one starting with "-".
	printf '5\n./%s\n7\nb c\n\n-x\nexit 7\n' "$file" > "$tmp/expect"
	check "$file plain" "$tmp/expect" "./$file" 7 'b c' '' -x
	# exec -a: a login shell's "-sh", a busybox applet's name.
	printf '2\n-sh\n0\nexit 0\n' > "$tmp/expect"
	check "$file exec -a -sh" "$tmp/expect" bash -c 'exec -a -sh "$0" 0' "./$file"
	printf '1\nls\nexit 0\n' > "$tmp/expect"
	check "$file exec -a ls" "$tmp/expect" bash -c 'exec -a ls "$0"' "./$file"
	# Through a symlink with another name.
	ln -sf "$FIXTURES/$file" "$tmp/links/other-name"
	printf '2\n%s\n3\nexit 3\n' "$tmp/links/other-name" > "$tmp/expect"
	check "$file symlink" "$tmp/expect" "$tmp/links/other-name" 3
	echo "$passed $failed" > "$tmp/counts"
done
read -r passed failed < "$tmp/counts"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
