#!/bin/sh
# timeout: 900
# The launcher's cost per exec on the arm64 host, against the floor there
# (bench/launcher: micro chains, run directly and started by binfmt_misc).
# Timings are no test: the check passes when the benchmark ran; the
# ratios are notes for the report.  The end to end part is left out: its
# emulated program is hello-aarch64, this machine's own.
# BENCH_RUNS, BENCH_ROUNDS, BENCH_WARMUP (run --env) size it.
. /vm/lib.sh

cd /src || exit 1
if RUNS=${BENCH_RUNS:-100} ROUNDS=${BENCH_ROUNDS:-5} WARMUP=${BENCH_WARMUP:-20} BENCH_PARTS="direct binfmt" \
	sh bench/launcher/run > "$VM_RESULTS/bench.txt" 2>&1; then
	pass bench-launcher-ran
else
	fail bench-launcher-ran "exit $?"
fi
cat "$VM_RESULTS/bench.txt"
# The summary's lines, as bench/launcher/run prints them.
ratio=$(awk '$1 == "launcher" && $2 == "chain" { print "direct " $(NF-4) ", binfmt " $(NF-3); exit }' "$VM_RESULTS/bench.txt")
floor=$(awk '$1 == "floor" && $2 == "chain," { print "direct " $(NF-1) " us, binfmt " $NF " us"; exit }' "$VM_RESULTS/bench.txt")
note "launcher chain / floor chain (cpu ${QBINFMT_VM_CPU:-?}): $ratio; floor chain: $floor"
finish
