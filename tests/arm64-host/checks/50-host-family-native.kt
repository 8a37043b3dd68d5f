#!/bin/sh
# timeout: 300
# The host's family on this arm64 host, recorded for the report and
# judged only where today's code must be right whatever the CPU.  qbinfmt
# today skips aarch64_be, arm and armeb as "the host's own family (arm)
# runs natively"; whether the kernel runs them depends on the CPU (AArch32
# at EL0: qemu's max and cortex-a72 have it, a64fx has not) and on the
# kernel (an LE arm64 kernel runs no big-endian programs).  Issue 23 item
# 3 will decide this by execution; its checks go here.
. /vm/lib.sh
[ "${QBINFMT_SANDBOXED:-}" = 1 ] || { fail sandboxed "not run through tests/sandbox-run"; finish; }
cd "$FIXTURES/bin" || exit 1

# runs TARGET: hello-TARGET runs here with its argv[0] (its output and
# error in $VM_RESULTS/run-TARGET).
runs() {
	bash -c 'exec -a argv0-of-$0 ./hello-$0 one' "$1" > "$VM_RESULTS/run-$1" 2>&1 &&
		[ "$(cat "$VM_RESULTS/run-$1")" = "$(argv0_output "argv0-of-$1" one)" ]
}

show cpu-features grep -m1 "^Features" /proc/cpuinfo
family="aarch64_be arm armeb"
for target in $family; do
	if runs "$target"; then
		eval "native_$target=yes"
		note "cpu ${QBINFMT_VM_CPU:-?}: hello-$target runs natively"
	else
		eval "native_$target=no"
		note "cpu ${QBINFMT_VM_CPU:-?}: hello-$target does not run natively: $(head -n 1 "$VM_RESULTS/run-$target")"
	fi
	show "doctor-$target" "$QBINFMT" doctor "./hello-$target"
done
show install-all-family sh -c '"$QBINFMT" install --all | grep -E "^(aarch64_be|arm|armeb) "'
for target in $family; do
	# Today's rule: the host's family is never registered by default ...
	check "install-all-skips-$target" test ! -e "$BINFMT_DIR/qbinfmt-$target"
	# ... so the kernel alone decides whether hello-TARGET runs at all.
	if runs "$target"; then after=yes; else after=no; fi
	eval "native=\$native_$target"
	if [ "$native" = "$after" ]; then
		pass "$target-unchanged-by-install-all"
	else
		fail "$target-unchanged-by-install-all" "natively: $native, after install --all: $after"
	fi
	[ "$after" = yes ] || note "cpu ${QBINFMT_VM_CPU:-?}: after install --all, hello-$target still does not run"
done
finish
