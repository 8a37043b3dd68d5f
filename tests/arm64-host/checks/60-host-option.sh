#!/bin/sh
# timeout: 600
# --host from this arm64 machine: an x86_64 fleet's binfmt.d (what it
# runs natively being x86_64 and, assumed and said, i386), which elfprobe
# judges as on x86_64 (--host-arch) and as here; and an arm64 fleet
# without AArch32 (--host arm64,-arm), which gets qemu-arm.
. /vm/lib.sh
cd "$VM_RESULTS" || exit 1

show list-host-x86_64 sh -c '"$QBINFMT" --qemu-dir /nonexistent list --host x86_64 | sed "1,/^\$/d"'
expect list-host-x86_64-i386 "native?" sh -c '"$QBINFMT" list --host x86_64 | awk "NR > 1 && \$1 == \"i386\" { print \$5; exit }"'
expect list-host-x86_64-aarch64 - sh -c '"$QBINFMT" list --host x86_64 | awk "NR > 1 && \$1 == \"aarch64\" { print \$5; exit }"'
check export-host-x86_64 "$QBINFMT" export --host x86_64 --format binfmt.d --output-dir x86_64.d --all
"$QBINFMT" export --host x86_64 --format binfmt.d --output-dir x86_64.d --all > /dev/null 2> export.err
show export-host-x86_64-said cat export.err
check export-host-x86_64-says-i386 grep -q "^qbinfmt: export: --host x86_64: i386 is left to the host's kernel (assumed: " export.err
check export-host-x86_64-no-x86 sh -c '! ls x86_64.d | grep -x -e qbinfmt-x86_64.conf -e qbinfmt-i386.conf'
check export-host-x86_64-arm64 test -e x86_64.d/qbinfmt-aarch64.conf
check export-host-x86_64-arm test -e x86_64.d/qbinfmt-arm.conf
check lint-as-x86_64 "$ELFPROBE" --host-arch x86_64 lint --table x86_64.d
show lint-as-x86_64-output "$ELFPROBE" --host-arch x86_64 lint --table x86_64.d
# Here, qbinfmt-aarch64 in it would capture this machine's own programs.
check lint-here-finds-aarch64 sh -c '"$ELFPROBE" lint --table x86_64.d | grep -q "error  *host  *qbinfmt-aarch64 "'
"$QBINFMT" --dry-run install --host arm64,-arm --all > arm64-noarm.reg 2> arm64-noarm.err
check install-host-noarm-arm grep -q '^:qbinfmt-arm:' arm64-noarm.reg
check install-host-noarm-no-aarch64 sh -c '! grep -q "^:qbinfmt-aarch64:" arm64-noarm.reg'
"$QBINFMT" --dry-run install --host arm64 --all > arm64.reg 2> arm64.err
check install-host-arm64-no-arm sh -c '! grep -q "^:qbinfmt-arm:" arm64.reg'
check install-host-arm64-says-arm grep -q "^qbinfmt: install: --host arm64: arm is left to the host's kernel (assumed: " arm64.err
finish
