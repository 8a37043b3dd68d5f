#!/bin/sh
# timeout: 1800
# The project's kernel-tier tests that depend on the host, run here as
# make check runs them on x86_64: each emulates a target of another
# family than this machine's (x86_64 here) and names its own, so they
# must pass on both.  registrar-emulators registers FEX-Emu's, box64's and
# Rosetta's own x86_64 strings, unchanged, beside qbinfmt's; host-native
# proves on this kernel (6.12) that no entry answers for its ELF loader.
. /vm/lib.sh

for test in host-native registrar-install registrar-find registrar-doctor launcher-flags registrar-emulators; do
	status=0
	sh /src/tests/sandbox-run "/src/tests/$test.kt" > "$VM_RESULTS/$test.log" 2>&1 || status=$?
	case $status in
	0) pass "$test" ;;
	77) skip "$test" "$(tail -n 1 "$VM_RESULTS/$test.log")" ;;
	*)
		fail "$test" "exit $status"
		tail -n 20 "$VM_RESULTS/$test.log" | sed 's/^/  | /'
		;;
	esac
	grep -e '^ok' -e '^--' "$VM_RESULTS/$test.log" | sed "s/^/$test: /"
done
finish
