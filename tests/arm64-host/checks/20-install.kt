#!/bin/sh
# timeout: 900
# In a private binfmt_misc on the arm64 host: install --all registers the
# x86 guests and never the host's own aarch64; hello-x86_64 and
# hello-i386 run with their argv[0] through both wirings; doctor and find
# explain an x86_64 file, with and without an entry for it.
. /vm/lib.sh
[ "${QBINFMT_SANDBOXED:-}" = 1 ] || { fail sandboxed "not run through tests/sandbox-run"; finish; }
cd "$FIXTURES/bin"

entries() {
	ls "$BINFMT_DIR" | grep -v -x -e register -e status | tr '\n' ' '
}

# Nothing registered yet: doctor says why an x86_64 program cannot run.
show doctor-nothing-registered "$QBINFMT" doctor ./hello-x86_64
check doctor-nothing-registered-fails sh -c '! "$QBINFMT" doctor ./hello-x86_64 > /dev/null'
show find-nothing-registered "$QBINFMT" find ./hello-x86_64

show install-all "$QBINFMT" install --all
check install-all "$QBINFMT" install --all
note "install --all registered: $(entries)"
check install-all-x86_64 test -e "$BINFMT_DIR/qbinfmt-x86_64"
check install-all-i386 test -e "$BINFMT_DIR/qbinfmt-i386"
check install-all-not-aarch64 test ! -e "$BINFMT_DIR/qbinfmt-aarch64"
show status-after-install-all "$QBINFMT" status
check remove-all "$QBINFMT" remove --all
expect remove-all-leaves-none "" entries

for wiring in launcher native; do
	check "install-$wiring" "$QBINFMT" install --wiring "$wiring" x86_64 i386
	show "entry-x86_64-$wiring" cat "$BINFMT_DIR/qbinfmt-x86_64"
	case $wiring in
	launcher) want=/src/launcher/libexec/qemu-x86_64-binfmt-P ;;
	native) want=/usr/bin/qemu-x86_64 ;;
	esac
	expect "interpreter-$wiring" "interpreter $want" sed -n 's/^interpreter /interpreter /p' "$BINFMT_DIR/qbinfmt-x86_64"
	for hello in x86_64 x86_64-pie i386 i386-pie; do
		expect "argv0-$wiring-$hello" "$(argv0_output "argv0-of-$hello" one 'two words')" \
			bash -c 'exec -a "$0" "./hello-$1" one "two words"' "argv0-of-$hello" "$hello"
	done
	expect "find-$wiring" "qbinfmt-x86_64 qbinfmt-i386" \
		sh -c '"$QBINFMT" find ./hello-x86_64 ./hello-i386 | cut -f 2 | tr "\n" " " | sed "s/ \$//"'
	show "find-$wiring-output" "$QBINFMT" find ./hello-x86_64
	check "doctor-$wiring" "$QBINFMT" doctor ./hello-x86_64 ./hello-i386
	show "doctor-$wiring-output" "$QBINFMT" doctor ./hello-x86_64
	check "remove-$wiring" "$QBINFMT" remove --all
done
# The host's own programs are never sent to an emulator.
show doctor-native-aarch64 "$QBINFMT" doctor ./hello-aarch64
finish
