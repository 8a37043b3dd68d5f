#!/bin/sh
# qbinfmt's writers to one binfmt_misc take turns (an flock on the
# mount's folder): two install --all, a remove --all and a disable/enable
# --all at once, 20 times, say nothing false and leave a consistent mount.
# Against a writer that takes no lock (a shell), what qbinfmt says is
# still true: another writer's entry is named as such, never LOST.
# timeout: 300
. "$top_srcdir/tests/lib.sh"
require_sandbox
cd "$tmp"

for round in $(seq 1 20); do
	"$QBINFMT" install --all > o1 2> e1 &
	a=$!
	"$QBINFMT" install --all > o2 2> e2 &
	b=$!
	"$QBINFMT" remove --all > o3 2> e3 &
	c=$!
	{ "$QBINFMT" disable --all && "$QBINFMT" enable --all; } > o4 2> e4 &
	d=$!
	for job in $a $b $c $d; do
		wait "$job" || fail "round $round: a command failed: $(cat e1 e2 e3 e4)"
	done
	cat e1 e2 e3 e4 > errors
	! grep -e LOST -e 'did not take it' -e 'File exists' -e meanwhile errors ||
		fail "round $round: a false alarm"
	"$QBINFMT" status > status || fail "round $round: status after: $(cat status)"
	# Every entry there is whole: its status file reads back (status
	# exits 3 otherwise) and it is one of ours.
	! grep -v -e '^/proc' -e '^ENTRY' -e '^qbinfmt-' status || fail "round $round: $(cat status)"
done
echo "ok 20 rounds of four writers: no false alarm, nothing lost"

# A writer without the lock swaps qbinfmt-aarch64 for a rule of its own
# while qbinfmt installs it: every failure qbinfmt reports is true.
"$QBINFMT" remove --all > /dev/null
rule=$(sed -n 's/^:qbinfmt-aarch64:\(.*\):P$/\1/p' < "$("$QBINFMT" --dry-run install arm64 > dry; echo dry)")
[ -n "$rule" ] || fail "no rule: $(cat dry)"
# The other writer stops when this test does, however it ends (and in
# any case after 60 s).
(
	end=$(($(date +%s) + 60))
	while [ ! -e done ] && [ "$(date +%s)" -lt "$end" ] && kill -0 $$ 2> /dev/null; do
		{ echo -1 > "$BINFMT_DIR/qbinfmt-aarch64"; } 2> /dev/null || true
		{ printf ':qbinfmt-aarch64:%s:PF' "$rule" > "$BINFMT_DIR/register"; } 2> /dev/null || true
	done
) &
shell=$!
trap 'touch "$tmp/done"; remove_tmp' EXIT
raced=0
for i in $(seq 1 200); do
	"$QBINFMT" install arm64 > o 2> e || true
	! grep -q LOST o e || fail "install $i said LOST while another writer held the entry: $(cat o e)"
	if grep -q failed o; then
		grep -q -e 'another writer at work' -e 'old entry restored' o ||
			fail "install $i: a failure that is not the truth: $(cat o e)"
		raced=$((raced + 1))
	fi
done
touch done
wait "$shell"
[ -e "$BINFMT_DIR/qbinfmt-aarch64" ] || "$QBINFMT" install arm64 > /dev/null ||
	fail "the entry is gone for good"
echo "ok against a writer without the lock, every message is true ($raced of 200 installs met the other writer)"
