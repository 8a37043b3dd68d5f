#!/bin/sh
# timeout: 900
# 32-bit and big-endian arm on this arm64 host, decided by execution.
# For each of aarch64_be, arm (hard- and soft-float) and armeb: whether
# the kernel runs hello-TARGET itself, and that qbinfmt says the same
# (list's HOST column, doctor), that install --all registers exactly the
# ones the kernel refuses, and that afterwards every one runs with its
# argv[0].  What the CPU model makes of it: qemu's max and cortex-a72
# have AArch32 at EL0 (arm native), a64fx has none (arm refused); an LE
# arm64 kernel runs no big-endian program on any.
. /vm/lib.sh
[ "${QBINFMT_SANDBOXED:-}" = 1 ] || { fail sandboxed "not run through tests/sandbox-run"; finish; }
cd "$FIXTURES/bin" || exit 1
cpu=${QBINFMT_VM_CPU:-?}

# runs FIXTURE: it runs here with its argv[0] (its output and error in
# $VM_RESULTS/run-FIXTURE).
runs() {
	bash -c 'exec -a argv0-of-$0 ./$0 one' "$1" > "$VM_RESULTS/run-$1" 2>&1 &&
		[ "$(cat "$VM_RESULTS/run-$1")" = "$(argv0_output "argv0-of-$1" one)" ]
}
host_of() {
	"$QBINFMT" --json list | python3 -c '
import json, sys
print([t for t in json.load(sys.stdin) if t["name"] == sys.argv[1]][0]["host"])' "$1"
}

show cpu-features grep -m1 "^Features" /proc/cpuinfo
show list-family sh -c '"$QBINFMT" list | sed "1,/^\$/d"'
family="aarch64_be arm armeb"
for target in $family; do
	if runs "hello-$target"; then
		native=yes word=native
		note "cpu $cpu: hello-$target runs natively"
	else
		native=no word=refused
		note "cpu $cpu: hello-$target does not run natively: $(head -n 1 "$VM_RESULTS/run-hello-$target")"
	fi
	eval "native_$target=$native"
	# What qbinfmt says is what the kernel does.
	expect "list-$target-is-what-the-kernel-does" "$word" host_of "$target"
	show "doctor-$target" "$QBINFMT" doctor "./hello-$target"
	if [ "$native" = yes ]; then
		expect "doctor-$target-verdict" "./hello-$target: would run: the kernel runs it itself" \
			sh -c '"$QBINFMT" doctor "./hello-$1" | head -n 1' sh "$target"
		check "doctor-$target-kernel-step" grep -qxF "  kernel       ok   tried: the kernel here runs $target programs itself" "$VM_RESULTS/doctor-$target.out"
	else
		check "doctor-$target-fails" sh -c '! "$QBINFMT" doctor "./hello-$1" > /dev/null' sh "$target"
		check "doctor-$target-kernel-step" grep -qxF "  kernel       NO   tried: the kernel here refuses $target programs (Exec format error): only an entry can run it" "$VM_RESULTS/doctor-$target.out"
	fi
done
# The soft-float (armel) program is judged as arm's: same e_machine.
if runs hello-arm-softfloat; then softfloat=yes; else softfloat=no; fi
expect armel-as-armhf "$native_arm" echo "$softfloat"
# The CPU models' answers, as doc/arm64-host.md says them.
case $cpu in
max | cortex-a72) expect "arm-native-on-$cpu" native host_of arm ;;
a64fx) expect "arm-refused-on-$cpu" refused host_of arm ;;
*) note "cpu $cpu: no expectation for 32-bit arm" ;;
esac
expect armeb-refused refused host_of armeb
expect aarch64_be-refused refused host_of aarch64_be

# install --all: what the kernel refuses, registered; what it runs, not.
show install-all-family sh -c '"$QBINFMT" install --all | grep -E "^(aarch64_be|arm|armeb) "'
for target in $family; do
	eval "native=\$native_$target"
	if [ "$native" = yes ]; then
		check "install-all-leaves-$target" test ! -e "$BINFMT_DIR/qbinfmt-$target"
	else
		check "install-all-registers-$target" test -e "$BINFMT_DIR/qbinfmt-$target"
		expect "find-$target" "qbinfmt-$target" sh -c '"$QBINFMT" find "./hello-$1" | cut -f 2' sh "$target"
	fi
	# ... and every one runs now, natively or emulated, argv[0] kept.
	check "runs-after-install-all-$target" runs "hello-$target"
done
check runs-after-install-all-arm-softfloat runs hello-arm-softfloat
note "cpu $cpu: install --all registered: $(ls "$BINFMT_DIR" | grep -v -x -e register -e status | tr '\n' ' ')"
finish
