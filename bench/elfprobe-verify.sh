#!/bin/sh
# Benchmark `elfprobe verify` over a large real tree against:
#  - readelf -h run once per file (measured on a random sample of the
#    files and scaled to all of them: a process per file for the whole
#    tree would take long; the sample size is printed),
#  - file(1) run once over all files (file -f LIST),
#  - the floor: bench/open-read-floor, open + read 64 bytes + close for
#    each file of the same list, and nothing else.
# Caches are warmed first; each timing is the best of $BENCH_RUNS runs.
#
#   sh bench/elfprobe-verify.sh [TREE]        (default /usr)
#   make bench-elfprobe [BENCH_TREE=/usr]
#
# Targets (issue 5): >= 100x faster than readelf per file, faster than
# file, and at most 1.5x the floor.
set -eu

tree=${1:-/usr}
builddir=${top_builddir:-.}
elfprobe=${ELFPROBE:-$builddir/elfprobe/elfprobe}
floor=${FLOOR:-$builddir/bench/open-read-floor}
runs=${BENCH_RUNS:-3}
sample=${BENCH_SAMPLE:-2000}

for tool in "$elfprobe" "$floor"; do
	[ -x "$tool" ] || { echo "bench: build $tool first (make bench-elfprobe)" >&2; exit 2; }
done
for tool in readelf file shuf; do
	command -v "$tool" > /dev/null || { echo "bench: $tool not found" >&2; exit 2; }
done

work=$(mktemp -d "${TMPDIR:-/tmp}/elfprobe-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT

# The same files for every tool: regular files, symlinks not followed.
find "$tree" -type f -print0 > "$work/list0"
tr '\0' '\n' < "$work/list0" > "$work/list"
total=$(tr -cd '\0' < "$work/list0" | wc -c)
# A fixed-seed sample for readelf.
shuf -n "$sample" --random-source="$work/list0" "$work/list" > "$work/sample"
sampled=$(wc -l < "$work/sample")

now() { date +%s%N; }
# best NAME COMMAND...: best wall time in ns of $runs runs, into $NAME.
best() {
	name=$1
	shift
	best_ns=
	i=0
	while [ "$i" -lt "$runs" ]; do
		start=$(now)
		"$@" > /dev/null 2>&1 || true
		end=$(now)
		elapsed=$((end - start))
		if [ -z "$best_ns" ] || [ "$elapsed" -lt "$best_ns" ]; then
			best_ns=$elapsed
		fi
		i=$((i + 1))
	done
	eval "$name=$best_ns"
}
readelf_each() {
	while IFS= read -r f; do
		readelf -h "$f" > /dev/null 2>&1 || true
	done < "$work/sample"
}

# Warm the page cache and dentries for everyone.
"$floor" "$work/list0" > /dev/null
"$elfprobe" verify --host "$tree" > "$work/verify" 2> /dev/null || true

best t_elfprobe "$elfprobe" verify --host "$tree"
best t_floor "$floor" "$work/list0"
best t_file file -b -f "$work/list"
best t_readelf_sample readelf_each
t_readelf=$((t_readelf_sample * total / sampled))

ms() { awk -v ns="$1" 'BEGIN { printf "%.1f ms", ns / 1e6 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }

cat <<REPORT
elfprobe verify benchmark
  machine:   $(uname -srm), $(nproc) CPUs, $(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)
  tree:      $tree ($(stat -f -c %T "$tree")), $total regular files
  elfprobe:  $(tail -n 1 "$work/verify")
  runs:      best of $runs, warm cache; readelf on $sampled sampled files, scaled

  elfprobe verify      $(ms "$t_elfprobe")
  floor (open+read64)  $(ms "$t_floor")
  file -f (once)       $(ms "$t_file")
  readelf -h per file  $(ms "$t_readelf") (scaled from $(ms "$t_readelf_sample"))

  readelf / elfprobe   $(ratio "$t_readelf" "$t_elfprobe")x   (target >= 100)
  file / elfprobe      $(ratio "$t_file" "$t_elfprobe")x   (target > 1)
  elfprobe / floor     $(ratio "$t_elfprobe" "$t_floor")x   (target <= 1.5)
REPORT
