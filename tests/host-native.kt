#!/bin/sh
# What this machine runs natively is asked of its kernel, and no entry of
# binfmt_misc can answer in its place: for each other target of its
# family (i386 on x86_64; aarch64_be, arm, armeb on arm64), list says the
# same with an entry for it registered as qbinfmt registers one (the
# probe's padding byte turns it away), and with a loose one that takes
# the probe anyway (matched, binfmt_misc fails the close-on-exec memfd's
# exec with ENOENT, and the probe is tried again in a binfmt_misc of its
# own) whose interpreter would answer "yes" (/bin/true).
. "$top_srcdir/tests/lib.sh"
require_sandbox
cd "$tmp"

# host TARGET: list's HOST word and why for TARGET.
host() {
	"$QBINFMT" --json list | python3 -c '
import json, sys
t = [t for t in json.load(sys.stdin) if t["name"] == sys.argv[1]][0]
print(t["host"] + "\t" + t["host_why"])' "$1"
}
siblings=$("$QBINFMT" --json list | python3 -c '
import json, sys
print(" ".join("%s:%d:%s" % (t["name"], t["machine"], t["data"]) for t in json.load(sys.stdin)
               if t["host"] in ("native", "refused")))')
[ -n "$siblings" ] || echo "-- this machine's family has no other target"
for sibling in $siblings; do
	machine=${sibling#*:}
	data=${machine#*:}
	machine=${machine%%:*}
	sibling=${sibling%%:*}
	before=$(host "$sibling")
	case $before in
	native*) want="native	tried: the kernel here runs $sibling programs itself" ;;
	*) want="refused	tried: the kernel here refuses $sibling programs (Exec format error)" ;;
	esac
	[ "$before" = "$want" ] || fail "$sibling: $before"
	# qbinfmt's own entry for it, interpreter /bin/true (which would say yes).
	register_target "$sibling" POCF /bin/true
	[ "$(host "$sibling")" = "$want" ] || fail "$sibling with qbinfmt's entry: $(host "$sibling")"
	# e_machine alone, at byte 18: it takes the probe too.
	if [ "$data" = lsb ]; then bytes=$(printf '\\x%02x\\x%02x' $((machine & 255)) $((machine >> 8)))
	else bytes=$(printf '\\x%02x\\x%02x' $((machine >> 8)) $((machine & 255))); fi
	printf ':loose-%s:M:18:%s::/bin/true:POCF' "$sibling" "$bytes" > "$BINFMT_DIR/register"
	got=$(host "$sibling")
	[ "$got" = "$(echo "$want" | sed 's/	tried: /	tried in a binfmt_misc of its own, since an entry here matches the probe: /')" ] ||
		fail "$sibling with a loose entry: $got"
	unregister_all
	echo "ok $sibling: ${want%%	*}, whatever entries there are"
done
